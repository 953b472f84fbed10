"""What happened in a run, read from schemathesis' NDJSON events (reports/fuzz/events.ndjson)."""

from __future__ import annotations

import collections
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fuzz.runner.options import PHASES


@dataclass
class Results:
    """What the report tells about the run, read from schemathesis' NDJSON events."""

    phases: dict[str, dict[str, Any]] = field(default_factory=dict)
    cases: int = 0
    requests: int = 0
    statuses: dict[str, collections.Counter[int]] = field(default_factory=dict)
    phases_by_operation: dict[str, collections.Counter[str]] = field(default_factory=dict)
    positive_2xx: int = 0
    running_time: float | None = None
    seed: str | None = None
    version: str | None = None
    failures: list[str] = field(default_factory=list)


def read_events(path: Path) -> Results:
    """Cases, requests and statuses per operation and phase from schemathesis' NDJSON events."""
    results = Results()
    if not path.is_file():
        return results
    seen: set[str] = set()
    started: dict[str, float] = {}
    with open(path, encoding="utf-8") as file:
        for line in file:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            kind, data = next(iter(event.items()))
            if kind == "Initialize":
                results.seed = str(data.get("seed"))
                results.version = data.get("schemathesis_version")
            elif kind == "PhaseStarted":
                started[data["phase"]["name"]] = data["timestamp"]
            elif kind == "PhaseFinished" and data["phase"]["name"] in PHASES:
                name = data["phase"]["name"]
                entry = results.phases.setdefault(name, {"cases": 0})
                entry["status"] = data.get("status")
                entry["seconds"] = data["timestamp"] - started.get(name, data["timestamp"])
            elif kind == "EngineFinished":
                results.running_time = data.get("running_time")
            elif kind == "ScenarioFinished":
                _add_scenario(results, data, seen)
    results.cases = len(seen)
    return results


def _add_scenario(results: Results, data: dict[str, Any], seen: set[str]) -> None:
    """Count the responses of one scenario (its cases not counted before, in `seen`)."""
    phase = str(data.get("phase"))
    recorder = data.get("recorder") or {}
    for case_id, interaction in (recorder.get("interactions") or {}).items():
        response = interaction.get("response")
        if response is None or case_id in seen:
            continue
        seen.add(case_id)
        case = (recorder.get("cases") or {}).get(case_id, {}).get("value", {})
        label = f"{case.get('method', '?')} {case.get('path', '?')}"
        status = int(response.get("status_code", 0))
        results.statuses.setdefault(label, collections.Counter())[status] += 1
        results.phases_by_operation.setdefault(label, collections.Counter())[phase] += 1
        results.phases.setdefault(phase, {"cases": 0})["cases"] += 1
        results.requests += 1
        if 200 <= status < 300:
            results.positive_2xx += 1
