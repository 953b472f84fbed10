"""The targets of the benchmark, the ratios they are judged by, and one line per target measured.

Ratios compare runs of the same operation and connection count, measured one after the other:
by throughput (requests/s), and by CPU time per request (the other server's µs per request / this
one's: the throughput ratio the two would have if each had its core to itself). The durable
emulator's targets are judged by throughput, the in-memory engine's by CPU time per request.
"""

from __future__ import annotations

from api import CONNECTIONS
from results import CEILING_LABEL, MEMORY_LABEL, PRISM_LABEL, SCALED_LABEL, SQLITE_LABEL, Results, Run

TARGETS = {
    "create_vs_ceiling": 0.5,
    "create_vs_prism": 10.0,
    "get_vs_ceiling": 0.6,
    "memory_create_vs_ceiling_cpu": 0.6,
    "memory_get_vs_ceiling_cpu": 0.6,
    "scale_within": 0.10,
    "model_vs_floor": 3.0,
    "noop_generate_s": 0.2,
    "postgresql_2w_vs_1w": 1.6,
}


def throughput_ratio(a: Run | None, b: Run | None) -> float | None:
    """a's requests/s / b's; None unless both ran (and b served any)."""
    return a.rps / b.rps if a and b and b.rps else None


def cpu_ratio(a: Run | None, b: Run | None) -> float | None:
    """b's server CPU µs per request / a's: a's throughput relative to b's, each on a core of its own."""
    if a and b and a.cpu_us_per_request and b.cpu_us_per_request:
        return b.cpu_us_per_request / a.cpu_us_per_request
    return None


def verdict(ok: bool | None) -> str:
    """'met', 'MISSED', or 'n/a' when the target could not be checked."""
    return "n/a" if ok is None else ("met" if ok else "MISSED")


def targets_summary(results: Results) -> list[str]:
    """One line per target measured: the figure and whether the target was met."""
    out = emulator_targets(results) + memory_targets(results) + scale_targets(results)
    if results.models is not None:
        x = results.models.operations["pydantic_json"].x_floor
        goal = TARGETS["model_vs_floor"]
        out.append(
            f"model parse + serialise: {x:.2f}x JSON floor (target <= {goal:g}x): {verdict(x <= goal)}"
        )
    if results.codegen is not None:
        s = results.codegen.noop_s
        goal = TARGETS["noop_generate_s"]
        out.append(f"no-op make generate: {s:.3f} s (target < {goal:g} s): {verdict(s < goal)}")
    return out


def emulator_targets(results: Results) -> list[str]:
    """The durable emulator's targets against the ceiling and Prism, judged by throughput."""
    out = []
    for op, other, key, unit in (
        ("create", CEILING_LABEL, "create_vs_ceiling", "ceiling"),
        ("create", PRISM_LABEL, "create_vs_prism", "Prism"),
        ("get", CEILING_LABEL, "get_vs_ceiling", "ceiling"),
    ):
        for count in CONNECTIONS:
            emu, peer = results.run(SQLITE_LABEL, op, count), results.run(other, op, count)
            value = throughput_ratio(emu, peer)
            if value is None:
                continue
            goal = TARGETS[key]
            state = (
                "met"
                if value >= goal
                else f"MISSED by {goal / value:.1f}x (needs {goal / value - 1:+.0%} throughput)"
            )
            by_cpu = cpu_ratio(emu, peer)
            cpu_text = f"; by CPU time per request {by_cpu:.2f}x" if by_cpu else ""
            out.append(f"{op} c={count}: {value:.2f}x {unit}{cpu_text} (target >= {goal:g}x): {state}")
    return out


def memory_targets(results: Results) -> list[str]:
    """The in-memory engine's targets against the ceiling, judged by CPU time per request."""
    out = []
    for op in ("create", "get"):
        for count in CONNECTIONS:
            mem, ceil = results.run(MEMORY_LABEL, op, count), results.run(CEILING_LABEL, op, count)
            value = cpu_ratio(mem, ceil)
            if value is None:
                continue
            goal = TARGETS[f"memory_{op}_vs_ceiling_cpu"]
            state = (
                "met"
                if value >= goal
                else f"MISSED by {goal / value:.1f}x (needs {value / goal - 1:+.0%} CPU time per request)"
            )
            tp = throughput_ratio(mem, ceil)
            tp_text = f"; by throughput {tp:.2f}x" if tp else ""
            out.append(
                f"in-memory {op} c={count}: {value:.2f}x ceiling by CPU time per request{tp_text} "
                f"(target >= {goal:g}x by CPU): {state}"
            )
    return out


def scale_targets(results: Results) -> list[str]:
    """create and get with the scale collection stored, against the fresh database."""
    out = []
    for op in ("create", "get"):
        for count in CONNECTIONS:
            fresh, big = results.run(SQLITE_LABEL, op, count), results.run(SCALED_LABEL, op, count)
            if fresh and big:
                change = big.rps / fresh.rps - 1
                state = verdict(change >= -TARGETS["scale_within"])
                out.append(
                    f"{op} c={count} with 100k stored: {change:+.1%} vs fresh (target within -10 %): {state}"
                )
    return out
