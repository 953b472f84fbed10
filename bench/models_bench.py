"""Microbenchmark of the generated code: parse + re-serialise one documented job, and client import time.

    python bench/models_bench.py [--spec openapi.yaml] [--generated generated] [--json OUT]

The job is openapi.yaml's components/examples/activeJob (the largest documented job: three task
executions, quarantine, settings), as compact JSON text. Each variant turns that text into the
generated type and back into JSON text:

- floor:            json.loads + json.dumps (no types at all)
- pydantic (json):  SynchronizationJob.model_validate_json + model_dump_json(by_alias=True)
- pydantic (dict):  json.loads + model_validate + model_dump(mode="json", by_alias=True) + json.dumps
- client (attrs):   json.loads + SynchronizationJob.from_dict + to_dict + json.dumps

Every variant's output is checked to be the same JSON value as the input (a benchmark of a lossy
round trip would be meaningless). Timing: timeit, the best of several repeats of an auto-sized
loop, reported per operation. Import times are measured in fresh interpreters (best of N).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import statistics
import subprocess
import sys
import tempfile
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from results import ImportTimes, ImportTiming, ModelOperation, ModelsResult

ROOT = Path(__file__).resolve().parents[1]


def example_job(spec_path: Path) -> str:
    """openapi.yaml's activeJob example as compact JSON text."""
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    value = spec["components"]["examples"]["activeJob"]["value"]
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def per_op_us(func: Callable[[], Any], repeat: int) -> float:
    """Microseconds per call of `func`: the best of `repeat` timeit repeats of an auto-sized loop."""
    timer = timeit.Timer(func)
    number, _ = timer.autorange()  # enough loops for at least 0.2 s
    best = min(timer.repeat(repeat=repeat, number=number))
    return best / number * 1e6


def import_time_ms(code: str, paths: list[str], runs: int, pycache: Path | None) -> ImportTiming:
    """Wall time of `code` (an import) in a fresh interpreter, excluding interpreter start-up.

    With `pycache`, bytecode is written to and read from that folder (PYTHONPYCACHEPREFIX), after
    one untimed warm-up run: what an installed package costs. Without it, bytecode writing is off
    (PYTHONDONTWRITEBYTECODE), so the generated modules are compiled from source on every import.
    """
    program = (
        "import sys, time\n"
        f"sys.path[:0] = {paths!r}\n"
        "t = time.perf_counter()\n"
        f"{code}\n"
        "print(time.perf_counter() - t)\n"
    )
    env = dict(os.environ)
    if pycache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
        subprocess.run([sys.executable, "-c", program], capture_output=True, env=env, check=True)
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True
        )
        samples.append(float(out.stdout.strip()) * 1e3)
    return ImportTiming(best_ms=min(samples), median_ms=statistics.median(samples))


def round_trips(text: str, repeat: int) -> dict[str, ModelOperation]:
    """Each variant's time per parse + re-serialise of `text`, and whether it kept the JSON value."""
    from graphsync_client.models.synchronization_job import (  # type: ignore[import-not-found,unused-ignore]
        SynchronizationJob as ClientJob,
    )
    from graphsync_models import SynchronizationJob  # type: ignore[import-not-found,unused-ignore]

    def floor() -> str:
        return json.dumps(json.loads(text))

    def pydantic_json() -> str:
        dumped: str = SynchronizationJob.model_validate_json(text).model_dump_json(by_alias=True)
        return dumped

    def pydantic_dict() -> str:
        job = SynchronizationJob.model_validate(json.loads(text))
        return json.dumps(job.model_dump(mode="json", by_alias=True))

    def client_attrs() -> str:
        return json.dumps(ClientJob.from_dict(json.loads(text)).to_dict())

    variants: dict[str, tuple[str, Callable[[], str]]] = {
        "floor": ("json.loads + json.dumps", floor),
        "pydantic_json": ("pydantic: model_validate_json + model_dump_json", pydantic_json),
        "pydantic_dict": ("pydantic: json.loads + model_validate + model_dump + json.dumps", pydantic_dict),
        "client_attrs": ("client (attrs): json.loads + from_dict + to_dict + json.dumps", client_attrs),
    }
    expected = json.loads(text)
    timed = {}
    for key, (label, func) in variants.items():
        lossless = json.loads(func()) == expected
        timed[key] = (label, per_op_us(func, repeat), lossless)
    floor_us = timed["floor"][1]
    return {
        key: ModelOperation(label=label, us_per_op=us, lossless=lossless, x_floor=us / floor_us)
        for key, (label, us, lossless) in timed.items()
    }


IMPORTS = {
    "graphsync_client": "import graphsync_client",
    "graphsync_client + models + create_jobs module": "import graphsync_client.models\n"
    "import graphsync_client.api.service_principals_synchronization.service_principals_synchronization_create_jobs",
    "graphsync_models": "import graphsync_models",
    "httpx (the client's dependency)": "import httpx",
    "pydantic (the models' dependency)": "import pydantic",
}


def import_times(paths: list[str], runs: int) -> dict[str, ImportTimes]:
    """The import time of each of IMPORTS, with bytecode cached and compiled from source."""
    result = {}
    with tempfile.TemporaryDirectory(prefix="graphsync-bench-pycache-") as pycache:
        for name, code in IMPORTS.items():
            result[name] = ImportTimes(
                bytecode_cached=import_time_ms(code, paths, runs, Path(pycache)),
                from_source=import_time_ms(code, paths, runs, None),
            )
    return result


def main() -> None:
    """Time each round-trip variant and the imports; print the results as JSON, or write them to --json."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--spec", type=Path, default=ROOT / "openapi.yaml")
    parser.add_argument("--generated", type=Path, default=ROOT / "generated")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--import-runs", type=int, default=7)
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    args = parser.parse_args()

    paths = [str(args.generated / "models"), str(args.generated / "client")]
    sys.path[:0] = paths
    text = example_job(args.spec)
    results = ModelsResult(job_bytes=len(text.encode("utf-8")), operations=round_trips(text, args.repeat))
    results.imports = import_times(paths, args.import_runs)
    results.versions = {
        name: importlib.metadata.version(name) for name in ("pydantic", "pydantic-core", "attrs")
    }
    output = json.dumps(results.to_json(), indent=2)
    if args.json:
        args.json.write_text(output + "\n", encoding="utf-8")
    else:
        print(output)


if __name__ == "__main__":
    main()
