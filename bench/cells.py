"""Table cells of the report: figures and ratios, '-' where there is none."""

from __future__ import annotations

from results import Run


def cpu_change(fresh: Run, other: Run) -> str:
    """Server CPU per request, fresh / other, and the change; '-' unless both were measured."""
    a, b = fresh.cpu_us_per_request, other.cpu_us_per_request
    return f"{a:.0f} / {b:.0f} ({b / a - 1:+.0%})" if a and b else "-"


def rps(run: Run | None) -> str:
    """A run's requests/s for a table cell; '-' if it did not run."""
    return f"{run.rps:,.0f}" if run else "-"


def times(value: float | None, digits: int = 2) -> str:
    """A ratio for a table cell (`0.42x`); '-' when unknown."""
    return f"{value:.{digits}f}x" if value else "-"


def figure(value: float | None, form: str) -> str:
    """`value` in the format `form`; '-' when unknown."""
    return "-" if value is None else format(value, form)
