"""The postgresql section's part of the report: its runs, with the server's and PostgreSQL's CPU time per
request, and its ratios: 2 workers / 1 worker, 2 ceiling processes / 1, and each against the ceiling
with the same number of processes."""

from __future__ import annotations

import statistics

from api import CONNECTIONS
from cells import figure, times
from results import PostgresResult, Results, Skipped
from scenarios.postgresql import MAX_CONNECTIONS, OPERATIONS, WORKERS, ceiling_label, emulator_label
from targets import throughput_ratio


def postgresql_tables(results: Results) -> list[str]:
    """The section's tables; a line saying why when it was skipped; nothing when it did not run."""
    pg = results.postgresql
    if pg is None:
        return []
    if isinstance(pg, Skipped):
        return ["", "## PostgreSQL: worker processes", "", f"Skipped: {pg.reason}."]
    return runs_table(pg) + ratios_table(pg) + hosts_table(pg, int(results.machine.cpus or 2))


def runs_table(pg: PostgresResult) -> list[str]:
    """Every run of the section, in the order they ran."""
    lines = [
        "",
        "## PostgreSQL: worker processes",
        "",
        (
            f"{pg.version}; {pg.settings}; a throw-away cluster on a Unix socket. Nothing pinned: the "
            "server's processes, PostgreSQL and wrk share the CPUs. Server CPU: the emulator's (or the "
            "ceiling's) processes, workers included; PostgreSQL CPU: its postmaster and backends."
        ),
        "",
        (
            "| server | operation | connections | req/s | p50 ms | p99 ms | server CPU µs/request "
            "| PostgreSQL CPU µs/request | other load (cores) | errors |"
        ),
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]

    for r in pg.runs:
        lines.append(
            f"| {r.server} | {r.op} | {r.connections} | {r.rps:,.0f} | {r.p50_ms:.2f} | {r.p99_ms:.2f} | "
            f"{figure(r.cpu_us_per_request, '.0f')} | {figure(r.db_cpu_us_per_request, '.0f')} | "
            f"{figure(r.other_load_cores, '.2f')} | {r.errors} |"
        )
    return lines


def scaling(pg: PostgresResult, op: str, count: int) -> dict[str, float | None]:
    """The ratios of one operation and connection count, by throughput."""
    one, two = (pg.run(emulator_label(n), op, count) for n in WORKERS)
    c1, c2 = (pg.run(ceiling_label(n), op, count) for n in WORKERS)
    return {
        "workers": throughput_ratio(two, one),
        "ceiling": throughput_ratio(c2, c1),
        "vs_ceiling_1": throughput_ratio(one, c1),
        "vs_ceiling_2": throughput_ratio(two, c2),
    }


def ratios_table(pg: PostgresResult) -> list[str]:
    """2 / 1 process for the emulator and the ceiling; each emulator against its ceiling."""
    lines = [
        "",
        (
            "| operation | connections | emulator 2 workers / 1 | ceiling 2 processes / 1 "
            "| 1 worker / ceiling 1 process | 2 workers / ceiling 2 processes |"
        ),
        "|---|--:|--:|--:|--:|--:|",
    ]
    for op in OPERATIONS:
        for count in CONNECTIONS:
            r = scaling(pg, op, count)
            cells = " | ".join(times(v) for v in r.values())
            lines.append(f"| {op} | {count} | {cells} |")
    return lines


def postgresql_targets(results: Results, goal: float) -> list[str]:
    """Durable create on PostgreSQL: 2 workers against 1, by throughput."""
    pg = results.postgresql
    if not isinstance(pg, PostgresResult):
        return []
    out = []
    for count in CONNECTIONS:
        value = scaling(pg, "create", count)["workers"]
        if value is not None:
            state = "met" if value >= goal else f"MISSED (needs {goal / value - 1:+.0%} throughput)"
            out.append(
                f"postgresql create c={count}: 2 workers {value:.2f}x 1 worker (target >= {goal:g}x): {state}"
            )
    return out


POOL_SIZE = 10  # the emulator's default pool_size per worker process
HOSTS = (1, 10, 100)


def hosts_table(pg: PostgresResult, cores: int) -> list[str]:
    """A calculation from this run's 2-worker create costs: hosts of `cores` CPUs, each running as many
    workers and sending creates flat out, on one PostgreSQL server of their own."""
    runs = [pg.run(emulator_label(WORKERS[-1]), "create", count) for count in CONNECTIONS]
    server = [r.cpu_us_per_request for r in runs if r and r.cpu_us_per_request]
    database = [r.db_cpu_us_per_request for r in runs if r and r.db_cpu_us_per_request]
    if not server or not database:
        return []
    e, d = statistics.mean(server), statistics.mean(database)
    per_host = cores / (e / 1e6)
    lines = [
        "",
        (
            f"Calculation, not measured: hosts of {cores} CPUs each running `--workers {cores}` and sending "
            f"creates flat out, with PostgreSQL on a machine of its own; inputs from the runs above "
            f"(emulator {e:.0f} µs and PostgreSQL {d:.0f} µs of CPU per create, the mean of the "
            f"{WORKERS[-1]}-worker runs), pool_size {POOL_SIZE}, max_connections {MAX_CONNECTIONS}."
        ),
        "",
        "| hosts | creates/s offered | PostgreSQL CPU (cores) | connections (hosts x workers x pool_size) |",
        "|--:|--:|--:|--:|",
    ]
    for hosts in HOSTS:
        connections = hosts * cores * POOL_SIZE
        over = " (over max_connections)" if connections > MAX_CONNECTIONS else ""
        lines.append(
            f"| {hosts} | {hosts * per_host:,.0f} | {hosts * per_host * d / 1e6:.1f} | {connections:,}{over} |"
        )
    return lines
