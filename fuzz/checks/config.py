"""The checks' settings: GRAPHSYNC_FUZZ_* variables, read when a check runs so that a test can change them."""

from __future__ import annotations

import dataclasses
import functools
import math
import os
from collections.abc import Mapping

from fuzz.identities import Identity, read_identities

#: Pages of a listing followed per list response (`@odata.nextLink`); GRAPHSYNC_FUZZ_MAX_PAGES overrides.
DEFAULT_MAX_PAGES = 10

ENV_TOKEN = "GRAPHSYNC_FUZZ_TOKEN"
ENV_IDENTITIES = "GRAPHSYNC_FUZZ_IDENTITIES"
ENV_MAX_PAGES = "GRAPHSYNC_FUZZ_MAX_PAGES"
ENV_PROBE_SHARE = "GRAPHSYNC_FUZZ_PROBE_SHARE"
ENV_STATS = "GRAPHSYNC_FUZZ_STATS"


@dataclasses.dataclass(frozen=True)
class FuzzSettings:
    """The GRAPHSYNC_FUZZ_* settings the checks read: the main token, other identities and limits."""

    token: str | None
    identities: tuple[Identity, ...]
    max_pages: int
    probe_share: float


class SettingsError(ValueError):
    """A GRAPHSYNC_FUZZ_* variable that cannot be used; the message is one readable line."""


def read_max_pages(raw: str | None) -> int:
    """GRAPHSYNC_FUZZ_MAX_PAGES: pages read per list response, a whole number of at least 1 (unset: 10)."""
    if raw is None or not raw.strip():
        return DEFAULT_MAX_PAGES
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise SettingsError(f"{ENV_MAX_PAGES}={raw!r}: expected a whole number of at least 1")
    return value


def read_probe_share(raw: str | None) -> float:
    """GRAPHSYNC_FUZZ_PROBE_SHARE: the share of cases replayed as the other identities, 0 to 1 (unset: 1)."""
    if raw is None or not raw.strip():
        return 1.0
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not 0.0 <= value <= 1.0:
        raise SettingsError(f"{ENV_PROBE_SHARE}={raw!r}: expected a number from 0 to 1, such as 0.25")
    return value


def check_environment(env: Mapping[str, str]) -> None:
    """Raise SettingsError for a number setting the checks could not read (the runner calls it before the run)."""
    read_max_pages(env.get(ENV_MAX_PAGES))
    read_probe_share(env.get(ENV_PROBE_SHARE))


def settings() -> FuzzSettings:
    """The run's settings from the environment, read at call time so that a test can change them."""
    return _settings_for(
        *(os.environ.get(name) for name in (ENV_TOKEN, ENV_IDENTITIES, ENV_MAX_PAGES, ENV_PROBE_SHARE))
    )


@functools.lru_cache(maxsize=8)
def _settings_for(
    token: str | None, identities_path: str | None, max_pages: str | None, share: str | None
) -> FuzzSettings:
    """Settings for one set of variable values, parsed once (a SettingsError is raised again, not cached)."""
    return FuzzSettings(
        token=token or None,
        identities=read_identities(identities_path) if identities_path else (),
        max_pages=read_max_pages(max_pages),
        probe_share=read_probe_share(share),
    )
