"""The models section: bench/models_bench.py in an interpreter of its own, its figures kept."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from host import BENCH, ROOT
from results import ModelsResult


def section(workdir: Path) -> ModelsResult:
    """Run bench/models_bench.py; its figures."""
    out = workdir / "models.json"
    subprocess.run([sys.executable, str(BENCH / "models_bench.py"), "--json", str(out)], check=True, cwd=ROOT)
    return ModelsResult.from_json(json.loads(out.read_text()))
