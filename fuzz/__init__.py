"""Conformance fuzzing of graphsync with schemathesis: the runner (run.py), the Graph checks (checks.py), the hooks module (hooks.py)."""
