"""reports/bench.md: the Markdown report of the sections that ran: tables, ratios, and the targets
(targets.py)."""

from __future__ import annotations

from api import CONNECTIONS, OPERATIONS, PAGE_JOBS
from cells import cpu_change, rps, times
from clientreport import client_tables
from load import OTHER_LOAD_WARN
from pgreport import postgresql_tables, postgresql_targets
from results import (
    CEILING_LABEL,
    MEMORY_LABEL,
    PRISM_LABEL,
    PROTOCOL_LABEL,
    SCALED_LABEL,
    SQLITE_LABEL,
    PrismInfo,
    Results,
    Run,
    Skipped,
)
from targets import TARGETS, cpu_ratio, targets_summary, throughput_ratio, verdict


def render(results: Results) -> str:
    """The Markdown report of the sections that ran."""
    lines = header(results) + busy_warning(results)
    if results.runs:
        lines += http_table(results) + ratios_table(results) + peer_notes(results) + memory_table(results)
    if results.scale is not None:
        lines += scale_table(results) + list_latency(results)
    lines += models_tables(results) + codegen_tables(results) + cycles_table(results) + client_tables(results)
    lines += postgresql_tables(results)
    targets = targets_summary(results) + postgresql_targets(results, TARGETS["postgresql_2w_vs_1w"])
    lines += ["", "## Targets (issue 6)", ""] + [f"- {t}" for t in targets]
    return "\n".join(lines) + "\n"


def header(results: Results) -> list[str]:
    """The title and the machine the figures come from."""
    m = results.machine
    return [
        "# graphsync benchmark (`make bench`)",
        "",
        (
            f"{m.date}; {m.cpu}, {m.cpus} CPUs, {m.memory_mib} MiB; Linux {m.kernel}; Python {m.python}; "
            f"{m.server_stack}; {m.wrk}; {m.pinning}; load average before: {m.load_before}, "
            f"after: {m.load_after}. wrk: 1 thread, {results.duration:g} s per run after a "
            f"{results.warmup:g} s warm-up."
        ),
        "",
    ]


def busy_warning(results: Results) -> list[str]:
    """A warning when other processes used the CPUs during some runs; nothing otherwise."""
    busy = [r for r in results.runs if (r.other_load_cores or 0) > OTHER_LOAD_WARN]
    if not busy:
        return []
    worst = max(r.other_load_cores or 0 for r in busy)
    return [
        (
            f"**Warning: other processes used the CPUs during {len(busy)} of {len(results.runs)} HTTP runs "
            f"(up to {worst:.2f} cores; see 'other load'). On a 2-core machine that takes CPU from the server "
            "or from wrk: those throughput figures are low and the ratios noisy. Re-run on an idle machine.**"
        ),
        "",
    ]


def http_table(results: Results) -> list[str]:
    """Every HTTP run, in the order they ran."""
    lines = [
        "## HTTP: throughput and latency",
        "",
        (
            "| server | operation | connections | req/s | p50 ms | p99 ms | bytes/response | server CPU µs/request "
            "| other load (cores) | errors |"
        ),
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results.runs:
        cpu = f"{r.cpu_us_per_request:.0f}" if r.cpu_us_per_request is not None else "-"
        other = f"{r.other_load_cores:.2f}" if r.other_load_cores is not None else "-"
        lines.append(
            f"| {r.server} | {r.op} | {r.connections} | {r.rps:,.0f} | {r.p50_ms:.2f} | "
            f"{r.p99_ms:.2f} | {r.bytes_per_response:,.0f} | {cpu} | {other} | {r.errors} |"
        )
    return lines


def ratios_table(results: Results) -> list[str]:
    """The durable emulator against the ceiling, the ceiling behind graphsync's protocol, and Prism."""
    lines = [
        "",
        "## Ratios (same run, same machine, same load generator)",
        "",
        (
            "CPU ratio: the ceiling's server CPU time per request / the emulator's: the throughput ratio the "
            "two would have if each had its core to itself (less sensitive to other load on the machine)."
        ),
        "",
        (
            "| operation | connections | emulator req/s | ceiling req/s | emulator / ceiling | CPU ratio | target "
            "| ceiling+protocol req/s | emulator / ceiling+protocol | Prism req/s | emulator / Prism | target |"
        ),
        "|---|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|---|",
    ]
    for op in OPERATIONS:
        for count in CONNECTIONS:
            emu = results.run(SQLITE_LABEL, op, count)
            if emu is not None:
                lines.append(ratios_row(results, emu))
    return lines


def ratios_row(results: Results, emu: Run) -> str:
    """One row of the ratios table: the durable emulator's run of one operation and connection count."""
    op, count = emu.op, emu.connections
    ceil, proto, prism = (results.run(s, op, count) for s in (CEILING_LABEL, PROTOCOL_LABEL, PRISM_LABEL))
    t_ceil = {"create": TARGETS["create_vs_ceiling"], "get": TARGETS["get_vs_ceiling"]}.get(op)
    t_prism = TARGETS["create_vs_prism"] if op == "create" else None
    vs_ceil, vs_prism = throughput_ratio(emu, ceil), throughput_ratio(emu, prism)
    cells = [op, str(count), rps(emu), rps(ceil), times(vs_ceil), times(cpu_ratio(emu, ceil))]
    cells.append(f">= {t_ceil}x: {verdict(vs_ceil >= t_ceil)}" if t_ceil and vs_ceil else "-")
    cells += [rps(proto), times(throughput_ratio(emu, proto)), rps(prism), times(vs_prism, 1)]
    cells.append(f">= {t_prism:g}x: {verdict(vs_prism >= t_prism)}" if t_prism and vs_prism else "-")
    return "| " + " | ".join(cells) + " |"


def peer_notes(results: Results) -> list[str]:
    """Which Prism was measured, or why it was not; why the in-memory engine was not, if so."""
    lines = []
    if isinstance(results.prism, Skipped):
        lines += ["", f"Prism was not measured: {results.prism.reason}."]
    elif isinstance(results.prism, PrismInfo):
        lines += [
            "",
            f"Prism {results.prism.version} on Node {results.prism.node} (static examples, `-v silent`).",
        ]
    if results.memory is not None:
        lines += ["", f"The in-memory engine was not measured: {results.memory.reason}."]
    return lines


def memory_table(results: Results) -> list[str]:
    """The emulator on the in-memory engine against the ceiling and against the durable emulator."""
    runs = [
        r
        for op in OPERATIONS
        for count in CONNECTIONS
        if (r := results.run(MEMORY_LABEL, op, count)) is not None
    ]
    if not runs:
        return []
    lines = [
        "",
        "## In-memory storage engine (`graphsync serve --db memory:`)",
        "",
        (
            "The same emulator on the in-memory engine (nothing durable), against the ceiling and against "
            "the durable emulator above. Its targets are by CPU ratio (the ceiling's CPU time per request / "
            "the emulator's)."
        ),
        "",
        (
            "| operation | connections | memory req/s | ceiling req/s | memory / ceiling | CPU ratio | target "
            "| durable req/s | memory / durable | server CPU µs/request: durable / memory (change) |"
        ),
        "|---|--:|--:|--:|--:|--:|---|--:|--:|--:|",
    ]
    for mem in runs:
        ceil = results.run(CEILING_LABEL, mem.op, mem.connections)
        durable = results.run(SQLITE_LABEL, mem.op, mem.connections)
        by_cpu = cpu_ratio(mem, ceil)
        goal = TARGETS.get(f"memory_{mem.op}_vs_ceiling_cpu")
        target = f">= {goal:g}x by CPU: {verdict(by_cpu >= goal)}" if goal and by_cpu else "-"
        cells = [mem.op, str(mem.connections), rps(mem), rps(ceil), times(throughput_ratio(mem, ceil))]
        cells += [times(by_cpu), target, rps(durable), times(throughput_ratio(mem, durable))]
        cells.append(cpu_change(durable, mem) if durable else "-")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def scale_table(results: Results) -> list[str]:
    """The emulator with the scale collection stored against the fresh one."""
    s = results.scale
    assert s is not None
    lines = [
        "",
        f"## Scale: {s.jobs:,} jobs stored (pre-filled in {s.prefill_s:.1f} s; database {s.db_bytes / 1e6:.0f} MB)",
        "",
        (
            f"| operation | connections | fresh req/s | {s.jobs:,} stored req/s | change | target (within 10 %) "
            f"| fresh p50 / p99 ms | {s.jobs:,} stored p50 / p99 ms "
            "| server CPU µs/request: fresh / stored (change) |"
        ),
        "|---|--:|--:|--:|--:|---|--:|--:|--:|",
    ]
    for op in OPERATIONS:
        for count in CONNECTIONS:
            fresh, big = results.run(SQLITE_LABEL, op, count), results.run(SCALED_LABEL, op, count)
            if fresh is None or big is None:
                continue
            change = big.rps / fresh.rps - 1
            target = verdict(change >= -TARGETS["scale_within"]) if op in ("create", "get") else "-"
            lines.append(
                f"| {op} | {count} | {fresh.rps:,.0f} | {big.rps:,.0f} | {change:+.1%} | {target} | "
                f"{fresh.p50_ms:.2f} / {fresh.p99_ms:.2f} | {big.p50_ms:.2f} / {big.p99_ms:.2f} | "
                f"{cpu_change(fresh, big)} |"
            )
    return lines


def list_latency(results: Results) -> list[str]:
    """List-page latency one request at a time, fresh and at scale."""
    if not results.list_sequential:
        return []
    pages = results.scale.pages if results.scale and results.scale.pages is not None else "?"
    lines = [
        "",
        (
            f"List-page latency, one request at a time on one connection ({PAGE_JOBS} jobs per page; "
            f"the walk follows `@odata.nextLink` through all {pages} pages):"
        ),
        "",
        "| list page | requests | p50 ms | p99 ms |",
        "|---|--:|--:|--:|",
    ]
    for name, fig in results.list_sequential.items():
        lines.append(f"| {name} | {fig.n} | {fig.p50_ms:.2f} | {fig.p99_ms:.2f} |")
    return lines


def models_tables(results: Results) -> list[str]:
    """The parse + re-serialise variants and the import times; nothing if the section did not run."""
    mo = results.models
    if mo is None:
        return []
    lines = [
        "",
        f"## Models and client: parse + re-serialise the documented job (activeJob, {mo.job_bytes:,} bytes of JSON)",
        "",
        "| variant | µs/operation | x JSON floor | lossless | target |",
        "|---|--:|--:|---|---|",
    ]
    goal = TARGETS["model_vs_floor"]
    for key, op in mo.operations.items():
        target = f"<= {goal:g}x: {verdict(op.x_floor <= goal)}" if key == "pydantic_json" else "-"
        lines.append(
            f"| {op.label} | {op.us_per_op:.1f} | {op.x_floor:.2f}x | {'yes' if op.lossless else 'NO'} | {target} |"
        )
    lines += [
        "",
        "| import (fresh interpreter) | bytecode cached: best / median ms | from source: best / median ms |",
        "|---|--:|--:|",
    ]
    for name, fig in mo.imports.items():
        c, s = fig.bytecode_cached, fig.from_source
        lines.append(
            f"| `{name}` | {c.best_ms:.0f} / {c.median_ms:.0f} | {s.best_ms:.0f} / {s.median_ms:.0f} |"
        )
    return lines


def codegen_tables(results: Results) -> list[str]:
    """`make generate` full and no-op, and the steps of the full run; nothing if the section did not run."""
    c = results.codegen
    if c is None:
        return []
    goal = TARGETS["noop_generate_s"]
    lines = [
        "",
        "## Codegen",
        "",
        "| run | seconds | target |",
        "|---|--:|---|",
        f"| `make generate`, full (empty output folder) | {c.full_s:.2f} | - |",
        (
            f"| `make generate`, no-op (best of 5; median {c.noop_median_s:.3f}) | {c.noop_s:.3f} | "
            f"< {goal:g} s: {verdict(c.noop_s < goal)} |"
        ),
    ]
    if c.steps:
        lines += [
            "",
            "Steps of the full run (recipe lines and `$(shell)` calls of 50 ms or more):",
            "",
            "| seconds | command |",
            "|--:|---|",
        ]
        lines += [f"| {step.seconds:.2f} | `{step.command}` |" for step in c.steps]
    return lines


def cycles_table(results: Results) -> list[str]:
    """A month of cycles, and what the journal and the fault check cost per request; nothing if not run."""
    c = results.cycles
    if c is None:
        return []
    overhead = c.get_cpu_us / c.get_cpu_bare_us - 1
    return [
        "",
        "## Provisioning cycles and the control plane",
        "",
        "| measure | figure | target |",
        "|---|--:|---|",
        (
            f"| advance a manual clock 30 days, one started job, {c.users:,} users in scope (SQLite; "
            f"{c.month_cycles:,} cycles) | {c.month_s:.3f} s | < 1 s: {verdict(c.month_s < 1)} |"
        ),
        (
            f"| CPU per GET of a job, journal and fault check as served / taken out (in-process) | "
            f"{c.get_cpu_us:.0f} / {c.get_cpu_bare_us:.0f} us ({overhead:+.1%}) | < 5 %: {verdict(overhead < 0.05)} |"
        ),
    ]
