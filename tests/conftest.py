"""Fixtures shared by the emulator tests; they are defined in tests/server_harness.py."""

from server_harness import api, key_set, raw_asgi, server, settings, signing_key, tokens  # noqa: F401
