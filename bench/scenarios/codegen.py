"""The codegen section: `make generate` into a scratch folder (never the repository's generated/),
a full run and then no-op runs, and where the full run's time goes."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
from pathlib import Path

from host import BENCH, ROOT, log
from results import CodegenResult, CodegenStep

NOOP_RUNS = 5
STEP_MIN_US = 50_000  # steps shorter than this are left out of the report


def make_generate(target: Path) -> list[str]:
    """The command line of `make generate` into `target`."""
    return ["make", "--no-print-directory", "generate", f"GENERATED={target}"]


def timed(command: list[str]) -> float:
    """Seconds `command` takes in the repository; RuntimeError if it fails."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"make generate failed:\n{result.stdout}\n{result.stderr}")
    return seconds


def steps(command: list[str], workdir: Path) -> list[CodegenStep]:
    """Each recipe line of a full run, timed by a wrapping shell (bench/timed-shell.sh)."""
    steps_log = workdir / "codegen-steps.tsv"
    steps_log.unlink(missing_ok=True)
    env = {**os.environ, "BENCH_SHELL_LOG": str(steps_log)}
    subprocess.run(
        [*command, f"SHELL={BENCH / 'timed-shell.sh'}"], cwd=ROOT, env=env, capture_output=True, check=True
    )
    found = []
    for line in steps_log.read_text().splitlines() if steps_log.exists() else []:
        micros, text = line.split("\t", 1)
        if int(micros) >= STEP_MIN_US:
            found.append(
                CodegenStep(seconds=int(micros) / 1e6, command=text.replace(str(ROOT) + "/", "")[:160])
            )
    return found


def section(workdir: Path) -> CodegenResult:
    """A full `make generate`, NOOP_RUNS no-op runs, and the steps of one more full run."""
    target = workdir / "generated"
    shutil.rmtree(target, ignore_errors=True)
    command = make_generate(target)
    full = timed(command)
    noop = [timed(command) for _ in range(NOOP_RUNS)]
    shutil.rmtree(target, ignore_errors=True)
    result = CodegenResult(
        full_s=full, noop_s=min(noop), noop_median_s=statistics.median(noop), steps=steps(command, workdir)
    )
    log(f"codegen: full {full:.2f} s, no-op {min(noop) * 1e3:.0f} ms")
    shutil.rmtree(target, ignore_errors=True)
    return result
