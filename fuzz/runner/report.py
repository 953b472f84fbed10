"""report.md: the verdict, the run's numbers, its identities, cases per phase and operation, failures."""

from __future__ import annotations

import collections
import os
import platform
import re
import shlex
from collections.abc import Sequence
from pathlib import Path

import yaml

from fuzz.checks.exchange import HTTP_METHODS
from fuzz.identities import Identity
from fuzz.runner.events import Results
from fuzz.runner.options import PHASES, Options
from fuzz.runner.paths import ROOT, SPEC, rel


def verdict_for(st_status: int, results: Results) -> tuple[str, int]:
    """The report's verdict and the run's exit status."""
    if st_status != 0:
        return f"FAILED (schemathesis exit status {st_status}: failures or warnings, see below)", 1
    if results.cases == 0:
        return "FAILED (no case was run)", 1
    if results.positive_2xx == 0:
        return "FAILED (no request succeeded: every response was an error, e.g. a refused token)", 1
    return "PASSED (no failure, no warning)", 0


def write_report(
    path: Path,
    *,
    options: Options,
    target: str,
    main: Identity,
    others: Sequence[Identity],
    results: Results,
    st_status: int,
    st_seconds: float,
    wall_seconds: float,
    verdict: str,
    output: str,
    stats: dict[str, int],
    command: list[str],
) -> str:
    """Write the Markdown report to `path` and return its text."""
    rate = results.cases / st_seconds if st_seconds > 0 else 0.0
    summary_line = re.findall(r"^\s*(\d+ generated.*)$", output, re.MULTILINE)
    lines = [
        "# graphsync conformance fuzzing report",
        "",
        f"**Result: {verdict}**",
        "",
        f"- Target: {target}",
        f"- Wall time: {wall_seconds:.1f} s (schemathesis: {st_seconds:.1f} s)",
        (
            f"- Cases run: {results.cases} ({rate:.1f} cases/s)"
            + (f"; schemathesis summary: {summary_line[-1].strip()}" if summary_line else "")
        ),
        (
            f"- Requests: {results.cases} cases, {stats.get('identity_probes', 0)} identity replays, "
            f"{stats.get('pages_followed', 0)} `@odata.nextLink` pages followed"
        ),
        (
            f"- schemathesis {results.version or '?'} (exit status {st_status}), seed {results.seed} "
            f"(repeat with FUZZ_SEED={results.seed})"
            if results.seed
            else f"- schemathesis exit status {st_status}"
        ),
        (
            f"- Phases: {options.phases}; max examples per operation: {options.max_examples}; checks: all "
            "built-in plus fuzz/checks/; warnings fail the run (schemathesis.toml)"
        ),
        f"- Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs",
    ]
    lines += _identities(main, others) + _phases(results) + _operations(results)
    lines += _failures(output) + _files(path.parent, command)
    text = "\n".join(lines)
    path.write_text(text, encoding="utf-8")
    return text


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


def _phases(results: Results) -> list[str]:
    lines = ["", "## Phases", "", "| Phase | Cases | Time | Result |", "|---|---:|---:|---|"]
    for name in PHASES:
        entry = results.phases.get(name)
        if entry is None:
            continue
        lines.append(
            f"| {name} | {entry['cases']} | {entry.get('seconds', 0):.1f} s | {entry.get('status', '?')} |"
        )
    return lines


def _operations(results: Results) -> list[str]:
    """Cases per declared operation and phase, with the statuses answered; other methods in one row."""
    lines = [
        "",
        "## Cases by operation",
        "",
        "| Operation | " + " | ".join(PHASES) + " | Responses (status: count) |",
        "|---|" + "---:|" * len(PHASES) + "---|",
    ]
    declared = declared_operations()
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


def _failures(output: str) -> list[str]:
    failures, warnings = failures_from_output(output)
    return ["", "## Failures", "", "```", failures or "none", "```"] + [
        "", "## Warnings", "", "```", warnings or "none", "```",
    ]  # fmt: skip


def _files(folder: Path, command: list[str]) -> list[str]:
    return [
        "",
        "## Files",
        "",
        f"- JUnit: {rel(folder / 'junit.xml')}",
        f"- schemathesis output: {rel(folder / 'st-output.txt')}",
        f"- events (NDJSON, every request and response): {rel(folder / 'events.ndjson')}",
        "",
        "Command: `" + shlex.join(["st", *command[3:]]).replace(str(ROOT) + "/", "") + "`",
        "",
    ]


def failures_from_output(text: str) -> tuple[str, str]:
    """The FAILURES and WARNINGS sections of st's console output."""

    def section(name: str) -> str:
        match = re.search(rf"^=+ {name} =+$\n(.*?)(?=^=+ [A-Z]+ =+$|\Z)", text, re.DOTALL | re.MULTILINE)
        return match.group(1).strip() if match else ""

    return section("FAILURES"), section("WARNINGS")


def declared_operations() -> set[str]:
    """'METHOD /path' of every operation openapi.yaml declares."""
    paths = yaml.safe_load(SPEC.read_text(encoding="utf-8")).get("paths", {})
    return {f"{m.upper()} {path}" for path, item in paths.items() for m in HTTP_METHODS if m in item}
