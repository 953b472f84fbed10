"""Conformance fuzzing of graphsync with schemathesis.

run.py is the entry point of `make fuzz` and runner/ the runner; checks/ holds the Graph checks and
hooks.py the schemathesis hooks module that registers them; identities.py describes the callers.
"""
