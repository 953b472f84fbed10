"""report.md: the verdict, the run's numbers, its identities, cases per phase and operation, failures; for
the Graph API's schemathesis run and the control API's, each in its own sections."""

from __future__ import annotations

import collections
import os
import platform
import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from fuzz.checks.exchange import HTTP_METHODS
from fuzz.identities import Identity
from fuzz.runner.events import Results
from fuzz.runner.options import PHASES, Options
from fuzz.runner.paths import CONTROL_SPEC, ROOT, SPEC, rel


@dataclass(frozen=True)
class Run:
    """One schemathesis run (of the Graph API's document or of the control API's) and what it left."""

    results: Results
    st_status: int
    st_seconds: float
    output: str  # its console output
    command: list[str]
    files: Sequence[Path] = ()  # its reports: JUnit, console output, events

    @property
    def verdict(self) -> tuple[str, int]:
        return verdict_for(self.st_status, self.results)


def verdict_for(st_status: int, results: Results) -> tuple[str, int]:
    """The report's verdict and the run's exit status."""
    if st_status != 0:
        return f"FAILED (schemathesis exit status {st_status}: failures or warnings, see below)", 1
    if results.cases == 0:
        return "FAILED (no case was run)", 1
    if results.positive_2xx == 0:
        return "FAILED (no request succeeded: every response was an error, e.g. a refused token)", 1
    return "PASSED (no failure, no warning)", 0


def overall_verdict(graph: Run | None, control: Run | None) -> tuple[str, int]:
    """The run's verdict and exit status: passed only if every schemathesis run passed."""
    runs = [(name, run) for name, run in (("Graph API", graph), ("control API", control)) if run is not None]
    if len(runs) == 1:
        return runs[0][1].verdict
    failed = [name for name, run in runs if run.verdict[1] != 0]
    if not failed:
        return "PASSED (no failure, no warning)", 0
    return f"FAILED ({' and '.join(failed)}: see below)", 1


def write_report(
    path: Path,
    *,
    options: Options,
    target: str,
    main: Identity,
    others: Sequence[Identity],
    wall_seconds: float,
    stats: dict[str, int],
    graph: Run | None,
    control: Run | None = None,
    control_target: str = "",
) -> str:
    """Write the Markdown report to `path` and return its text."""
    verdict, _ = overall_verdict(graph, control)
    seconds = " + ".join(
        f"{name} {run.st_seconds:.1f} s"
        for name, run in (("Graph API", graph), ("control API", control))
        if run is not None
    )
    lines = [
        "# graphsync conformance fuzzing report",
        "",
        f"**Result: {verdict}**",
        "",
        f"- Target: {target}" if graph is not None else f"- Target: the control API at {control_target}",
        f"- Wall time: {wall_seconds:.1f} s (schemathesis: {seconds})",
    ]
    if graph is not None:
        lines += _graph_head(options, graph, stats)
    if control is not None:
        lines += _control_head(options, control)
    lines.append(f"- Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    if graph is not None:
        lines += _identities(main, others) + _phases(graph.results, "##")
        lines += _operations(graph.results, SPEC, "##") + _failures(graph.output, "##")
    if control is not None:
        lines += [
            "",
            "## Control API",
            "",
            (
                f"`{rel(CONTROL_SPEC)}` against {control_target}, configured by `fuzz/control.toml`: "
                f"**{control.verdict[0]}**"
            ),
        ]
        lines += _phases(control.results, "###") + _operations(control.results, CONTROL_SPEC, "###")
        lines += _failures(control.output, "###")
    runs = [run for run in (graph, control) if run is not None]
    lines += _replays(options, runs) + _files(runs)
    text = "\n".join(lines)
    path.write_text(text, encoding="utf-8")
    return text


def _graph_head(options: Options, run: Run, stats: dict[str, int]) -> list[str]:
    results = run.results
    rate = results.cases / run.st_seconds if run.st_seconds > 0 else 0.0
    summary_line = re.findall(r"^\s*(\d+ generated.*)$", run.output, re.MULTILINE)
    return [
        (
            f"- Cases run: {results.cases} ({rate:.1f} cases/s)"
            + (f"; schemathesis summary: {summary_line[-1].strip()}" if summary_line else "")
        ),
        (
            f"- Requests: {results.cases} cases, {stats.get('identity_probes', 0)} identity replays, "
            f"{stats.get('pages_followed', 0)} `@odata.nextLink` pages followed"
        ),
        (
            f"- schemathesis {results.version or '?'} (exit status {run.st_status}), seed {results.seed} "
            f"(repeat with FUZZ_SEED={results.seed})"
            if results.seed
            else f"- schemathesis exit status {run.st_status}"
        ),
        (
            f"- Phases: {options.phases}; max examples per operation: {options.max_examples}; checks: all "
            "built-in plus fuzz/checks/; warnings fail the run (schemathesis.toml)"
        ),
    ]


def _control_head(options: Options, run: Run) -> list[str]:
    results = run.results
    rate = results.cases / run.st_seconds if run.st_seconds > 0 else 0.0
    seed = f", seed {results.seed}" if results.seed else ""
    return [
        (
            f"- Control API: {run.verdict[0]}; {results.cases} cases in {run.st_seconds:.1f} s ({rate:.1f} cases/s), "
            f"max examples per operation: {options.control_max_examples}; schemathesis exit status "
            f"{run.st_status}{seed}"
        )
    ]


def _identities(main: Identity, others: Sequence[Identity]) -> list[str]:
    lines = [
        "",
        "## Identities",
        "",
        f"- `{main.name}` (main identity: every case is sent with it): {main.description}",
    ]
    for identity in others:
        lines.append(f"- `{identity.name}` (every case is replayed as it): {identity.description}")
    if not others:
        lines.append("- no other identities (authorization and tenant isolation are not replayed)")
    return lines


def _phases(results: Results, level: str) -> list[str]:
    lines = ["", f"{level} Phases", "", "| Phase | Cases | Time | Result |", "|---|---:|---:|---|"]
    for name in PHASES:
        entry = results.phases.get(name)
        if entry is None:
            continue
        lines.append(
            f"| {name} | {entry['cases']} | {entry.get('seconds', 0):.1f} s | {entry.get('status', '?')} |"
        )
    return lines


def _operations(results: Results, document: Path, level: str) -> list[str]:
    """Cases per declared operation and phase, with the statuses answered; other methods in one row."""
    lines = [
        "",
        f"{level} Cases by operation",
        "",
        "| Operation | " + " | ".join(PHASES) + " | Responses (status: count) |",
        "|---|" + "---:|" * len(PHASES) + "---|",
    ]
    declared = declared_operations(document)
    undeclared: collections.Counter[int] = collections.Counter()
    for label in sorted(results.statuses):
        if label not in declared:
            undeclared.update(results.statuses[label])
            continue
        per_phase = results.phases_by_operation.get(label, collections.Counter())
        counts = ", ".join(f"{status}: {n}" for status, n in sorted(results.statuses[label].items()))
        lines.append(f"| `{label}` | " + " | ".join(str(per_phase[p]) for p in PHASES) + f" | {counts} |")
    if undeclared:
        counts = ", ".join(f"{status}: {n}" for status, n in sorted(undeclared.items()))
        cells = " | ".join("" for _ in PHASES)
        lines.append(
            f"| other methods on the declared paths | {cells} | {counts} ({sum(undeclared.values())}) |"
        )
    return lines


def _failures(output: str, level: str) -> list[str]:
    failures, warnings = failures_from_output(output)
    return ["", f"{level} Failures", "", "```", failures or "none", "```"] + [
        "", f"{level} Warnings", "", "```", warnings or "none", "```",
    ]  # fmt: skip


def _replays(options: Options, runs: Sequence[Run]) -> list[str]:
    """How to replay the failures, when there are any to replay."""
    if not any("make fuzz-replay ID=" in run.output for run in runs):
        return []
    how = (
        f"against {options.url} again, with TOKEN (CONTROL_KEY for the control API's) in the environment as "
        "for the run"
        if options.url
        else "against the emulator, started again as this run started it (a fresh database: a case that "
        "addressed a job an earlier case created reaches a 404 unless its steps created it)"
    )
    return [
        "",
        "## Replaying a failure",
        "",
        (
            f"Each failure above ends with the command that sends it again, `make fuzz-replay ID=<case id>`: "
            f'{how}; exit status 0 when it no longer fails, 1 when it does (docs/fuzzing.md, "Replaying a '
            'failure").'
        ),
    ]


def _files(runs: Sequence[Run]) -> list[str]:
    """The report files of each run, and its command."""
    lines = ["", "## Files", ""]
    for run in runs:
        junit, output, events = run.files
        lines += [
            f"- JUnit: {rel(junit)}",
            f"- schemathesis output: {rel(output)}",
            f"- events (NDJSON, every request and response): {rel(events)}",
            "",
            "Command: `" + shlex.join(["st", *run.command[3:]]).replace(str(ROOT) + "/", "") + "`",
            "",
        ]
    return lines


def failures_from_output(text: str) -> tuple[str, str]:
    """The FAILURES and WARNINGS sections of st's console output."""

    def section(name: str) -> str:
        match = re.search(rf"^=+ {name} =+$\n(.*?)(?=^=+ [A-Z]+ =+$|\Z)", text, re.DOTALL | re.MULTILINE)
        return match.group(1).strip() if match else ""

    return section("FAILURES"), section("WARNINGS")


def declared_operations(document: Path = SPEC) -> set[str]:
    """'METHOD /path' of every operation the document (openapi.yaml) declares."""
    paths = yaml.safe_load(document.read_text(encoding="utf-8")).get("paths", {})
    return {f"{m.upper()} {path}" for path, item in paths.items() for m in HTTP_METHODS if m in item}
