"""The client section of reports/bench.md: graphsync's facade against msgraph-sdk."""

from __future__ import annotations

from cells import times
from results import ClientResult, Results, Skipped


def client_tables(results: Results) -> list[str]:
    """graphsync's client facade against msgraph-sdk: import, CPU per call, installed size, precision;
    why it was not measured, if so; nothing if the section did not run."""
    c = results.client
    if isinstance(c, Skipped):
        return ["", f"The client section was not measured: {c.reason}."]
    if not isinstance(c, ClientResult):
        return []
    sdk, ours = "msgraph-sdk", "graphsync"
    lines = [
        "",
        "## Client: graphsync's facade against msgraph-sdk",
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in c.versions.items()) + ".",
        "",
        (
            "| import, fresh interpreter, bytecode cached | runs | graphsync best / median ms "
            "| msgraph-sdk best / median ms | msgraph-sdk / graphsync (medians) |"
        ),
        "|---|--:|--:|--:|--:|",
    ]
    whats = {
        "import": "the flow's imports",
        "ready": "the flow's imports, then the client and the request builders it uses",
        "first job parsed": "the same, then a job's JSON (the emulator's create response) parsed into the model",
    }
    for what, text in whats.items():
        a = next((i for i in c.imports if i.client == ours and i.what == what), None)
        b = next((i for i in c.imports if i.client == sdk and i.what == what), None)
        if a and b:
            lines.append(
                f"| {text} | {a.runs} | {a.best_ms:.0f} / {a.median_ms:.0f} | {b.best_ms:.0f} / {b.median_ms:.0f} "
                f"| {times(b.median_ms / a.median_ms, 1)} |"
            )
    clients = sorted({k.client for k in c.calls}, key=lambda name: (name == sdk, name))
    lines += [
        "",
        (
            f"Client process CPU µs per call against one emulator (in-memory engine; list: one page of "
            f"{c.list_jobs} jobs), the best of {max((len(k.rounds_us) for k in c.calls), default=0)} rounds "
            "(all rounds in bench.json):"
        ),
        "",
        "| operation | "
        + " | ".join(f"{name} (calls/round)" for name in clients)
        + " | msgraph-sdk / graphsync |",
        "|---|" + "--:|" * (len(clients) + 1),
    ]
    for op in dict.fromkeys(k.op for k in c.calls):
        row = [c.call(name, op) for name in clients]
        cells = [f"{k.cpu_us_per_call:,.0f} ({k.calls})" if k else "-" for k in row]
        mine, theirs = c.call(ours, op), c.call(sdk, op)
        ratio = times(theirs.cpu_us_per_call / mine.cpu_us_per_call, 1) if mine and theirs else "-"
        lines.append(f"| {op} | " + " | ".join(cells) + f" | {ratio} |")
    lines += [
        "",
        "| installed (dependency closure) | distributions | own MB | dependencies MB | total MB |",
        "|---|--:|--:|--:|--:|",
    ]
    for size in c.sizes:
        missing = f" (not installed: {', '.join(size.missing)})" if size.missing else ""
        lines.append(
            f"| {size.client}{missing} | {len(size.distributions)} | {size.own_bytes / 1e6:.1f} | "
            f"{size.dependency_bytes / 1e6:.1f} | {(size.own_bytes + size.dependency_bytes) / 1e6:.1f} |"
        )
    lines += [
        "",
        (
            "| models | `P10675199DT2H48M5.4775807S` parsed as | written back "
            "| `2026-01-02T03:04:05.1234567Z` parsed as | written back |"
        ),
        "|---|---|---|---|---|",
    ]
    for p in c.precision:
        lines.append(
            f"| {p.client} | `{p.interval}` | `{p.interval_written}` | `{p.timestamp}` | `{p.timestamp_written}` |"
        )
    return lines
