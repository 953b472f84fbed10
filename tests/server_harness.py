"""Transitional: the fuzz tests' imports of the helpers now in tests/support."""

from support.asgi import RewriteJobs, null_job_settings

__all__ = ["RewriteJobs", "null_job_settings"]
