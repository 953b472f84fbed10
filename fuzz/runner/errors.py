"""The two ways a run stops early: a usage error (exit status 2) or a run error (exit status 1)."""


class UsageError(Exception):
    """Bad arguments or environment: printed as one readable message, exit status 2."""


class RunError(Exception):
    """The run could not be carried out (server did not start, token refused, ...): exit status 1."""
