"""make generate / check-generated / validate-spec: reproducible, golden, incremental, readable when it fails.

The slow part is running the generators: every run this module needs is started at once
by the `runs` fixture (independent processes, side by side) and awaited by the tests
that use it, which are marked `slow` (about 15 s together on 2 cores).
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated"
PY = ROOT / ".venv" / "bin" / "python"
OSV_PY = ROOT / ".venv-osv" / "bin" / "python"
FIXTURES = sorted(p.parent for p in (ROOT / "tests" / "fixtures" / "codegen").glob("*/openapi.yaml"))
MAKE = shutil.which("make")
CACHES = shutil.ignore_patterns("__pycache__", "*.pyc", ".mypy_cache", ".stamp")

sys.path.insert(0, str(ROOT / "codegen"))

from generate import compare

pytestmark = [
    pytest.mark.skipif(not PY.exists(), reason=".venv is missing: run `make venv`"),
    pytest.mark.skipif(MAKE is None, reason="make is not installed"),
]


def env(**extra: str) -> dict[str, str]:
    """The environment of a child process: no inherited make state (jobserver, flags)."""
    base = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return {**base, **extra}


@dataclass
class Run:
    process: subprocess.Popen[bytes]
    out: Path
    err: Path

    def wait(self) -> tuple[int, str, str]:
        code = self.process.wait(timeout=300)
        return code, self.out.read_text(encoding="utf-8"), self.err.read_text(encoding="utf-8")


def start(name: str, args: list[str], logs: Path, **extra: str) -> Run:
    out, err = logs / f"{name}.out", logs / f"{name}.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(args, cwd=ROOT, env=env(**extra), stdout=stdout, stderr=stderr)
    return Run(process, out, err)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def hostile_tmpdir(base: Path) -> Path:
    """A TMPDIR inside a git repository whose .gitignore and pyproject.toml would change the output if read."""
    base.mkdir()
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(base)], check=True)
    (base / ".gitignore").write_text("*.py\n*.toml\n", encoding="utf-8")
    (base / "pyproject.toml").write_text(
        "[tool.ruff]\nline-length = 40\n[tool.black]\nline-length = 40\nskip-string-normalization = true\n"
        '[tool.isort]\nknown_first_party = ["pydantic"]\nline_length = 40\n'
        "[tool.datamodel-codegen]\nbuiltin-format-line-length = 40\n",
        encoding="utf-8",
    )
    tmp = base / "tmp"
    tmp.mkdir()
    return tmp


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("codegen")
    logs = tmp / "logs"
    logs.mkdir()
    generate = [str(PY), "codegen/generate.py", "--spec", "openapi.yaml"]
    make = [str(MAKE), "-s", "--no-print-directory"]
    jobs: dict[str, Any] = {}

    # Stale content in the output folder must disappear; the stamp must stay.
    seed0 = tmp / "seed0"
    (seed0 / "client" / "graphsync_client" / "api").mkdir(parents=True)
    (seed0 / "client" / "graphsync_client" / "api" / "removed_operation.py").write_text(
        "x = 1\n", encoding="utf-8"
    )
    (seed0 / ".stamp").write_text("stamp\n", encoding="utf-8")
    jobs["seed0"] = start("seed0", [*generate, "--out", str(seed0)], logs, PYTHONHASHSEED="0")
    jobs["seed12345"] = start(
        "seed12345",
        [*generate, "--out", str(tmp / "seed12345")],
        logs,
        PYTHONHASHSEED="12345",
        TMPDIR=str(hostile_tmpdir(tmp / "hostile")),
    )

    for fixture in FIXTURES:
        args = [str(PY), "codegen/generate.py", "--check", "--spec", str(fixture / "openapi.yaml")]
        jobs[f"golden-{fixture.name}"] = start(
            f"golden-{fixture.name}", [*args, "--out", str(fixture / "expected")], logs
        )

    # A hand-edited copy of generated/: one file changed, one removed, one added.
    edited = tmp / "edited"
    shutil.copytree(GENERATED, edited, ignore=CACHES)
    schedule = edited / "client" / "graphsync_client" / "models" / "synchronization_schedule.py"
    schedule.write_text(schedule.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    (edited / "models" / "README.md").unlink()
    (edited / "client" / "graphsync_client" / "stale.py").write_text("", encoding="utf-8")
    jobs["edited-before"] = snapshot(edited)
    jobs["edited"] = start("edited", [*make, "check-generated", f"GENERATED={edited}"], logs)

    # A spec change without regeneration: a new optional property on keyValuePair.
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    spec["components"]["schemas"]["keyValuePair"]["properties"]["note"] = {"type": "string"}
    changed = tmp / "changed" / "openapi.yaml"
    changed.parent.mkdir()
    changed.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    jobs["committed-before"] = snapshot(GENERATED)
    jobs["changed"] = start("changed", [*make, "check-generated", f"CODEGEN_SPEC={changed}"], logs)

    # An invalid spec (a schema error only openapi-spec-validator 0.9 reports): make generate stops.
    invalid = tmp / "invalid"
    invalid.mkdir()
    text = (ROOT / "openapi.yaml").read_text(encoding="utf-8")
    (invalid / "openapi.yaml").write_text(text.replace("type: boolean", "type: bool", 1), encoding="utf-8")
    jobs["invalid"] = start(
        "invalid",
        [*make, "generate", f"CODEGEN_SPEC={invalid / 'openapi.yaml'}", f"GENERATED={invalid / 'generated'}"],
        logs,
    )
    jobs["tmp"] = tmp
    yield jobs
    for job in jobs.values():
        if isinstance(job, Run) and job.process.poll() is None:
            job.process.kill()


def ok(run: Run) -> None:
    code, out, err = run.wait()
    assert code == 0, f"exit {code}\n{out}\n{err}"


# --- reproducible -------------------------------------------------------------------------


@pytest.mark.slow
def test_generation_is_identical_across_hash_seeds_and_locations(runs: dict[str, Any]) -> None:
    ok(runs["seed0"])
    ok(runs["seed12345"])
    tmp: Path = runs["tmp"]
    assert compare(tmp / "seed0", tmp / "seed12345", "seed12345") == []
    assert snapshot(tmp / "seed0").keys() - {".stamp"} == snapshot(tmp / "seed12345").keys()


@pytest.mark.slow
def test_committed_generated_code_is_the_fresh_generation(runs: dict[str, Any]) -> None:
    ok(runs["seed0"])
    report = compare(runs["tmp"] / "seed0", GENERATED, "generated")
    assert report == [], "generated/ is stale: run `make generate`\n" + "\n".join(report)


@pytest.mark.slow
def test_output_has_no_timestamps_absolute_paths_or_caches(runs: dict[str, Any]) -> None:
    ok(runs["seed0"])
    tree: Path = runs["tmp"] / "seed0"
    for name, content in snapshot(tree).items():
        text = content.decode("utf-8")
        for leak in (str(ROOT), str(runs["tmp"]), "/tmp/", "graphsync-codegen-"):
            assert leak not in text, f"{name} contains {leak!r}"
        assert ".ruff_cache" not in name
    header = (
        (tree / "models" / "graphsync_models" / "__init__.py").read_text(encoding="utf-8").splitlines()[:4]
    )
    assert header == [
        "# generated by datamodel-codegen:",
        "#   filename:  openapi.yaml",
        "#   version:   0.89.0",
        "",
    ]


@pytest.mark.slow
def test_regeneration_swaps_the_whole_tree(runs: dict[str, Any]) -> None:
    ok(runs["seed0"])
    tree: Path = runs["tmp"] / "seed0"
    assert not (tree / "client" / "graphsync_client" / "api" / "removed_operation.py").exists()
    assert (tree / ".stamp").read_text(encoding="utf-8") == "stamp\n"
    assert not [p.name for p in tree.iterdir() if p.name.startswith((".new-", ".old-"))]


@pytest.mark.slow
@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_golden_output_for_edge_case_spec(runs: dict[str, Any], fixture: Path) -> None:
    code, out, err = runs[f"golden-{fixture.name}"].wait()
    assert code == 0, (
        f"{fixture.name}: output differs from expected/ (run `make codegen-fixtures` if intended)\n{out}{err}"
    )


# --- check-generated ------------------------------------------------------------------------


@pytest.mark.slow
def test_check_generated_fails_on_a_hand_edited_tree_and_changes_nothing(runs: dict[str, Any]) -> None:
    code, out, err = runs["edited"].wait()
    edited: Path = runs["tmp"] / "edited"
    assert code != 0
    name = f"{edited}/client/graphsync_client/models/synchronization_schedule.py"
    assert f"--- {name} (committed)" in out
    assert f"+++ {name} (generated)" in out
    assert "-# edited by hand" in out
    assert f"missing: {edited}/models/README.md" in out
    assert f"extra:   {edited}/client/graphsync_client/stale.py" in out
    assert "3 file(s) differ" in err
    assert "make generate" in err
    assert "Traceback" not in out + err
    assert snapshot(edited) == runs["edited-before"]


@pytest.mark.slow
def test_check_generated_fails_on_a_spec_change_without_regeneration(runs: dict[str, Any]) -> None:
    code, out, err = runs["changed"].wait()
    assert code != 0
    assert "--- generated/models/graphsync_models/__init__.py (committed)" in out
    assert "--- generated/client/graphsync_client/models/key_value_pair.py (committed)" in out
    assert "+    note: " in out
    assert "Traceback" not in out + err
    assert snapshot(GENERATED) == runs["committed-before"]


# --- validation -------------------------------------------------------------------------------


@pytest.mark.slow
def test_generate_stops_with_a_readable_message_on_an_invalid_spec(runs: dict[str, Any]) -> None:
    if not OSV_PY.exists():
        pytest.skip(".venv-osv is missing: run `make osv-venv`")
    code, out, err = runs["invalid"].wait()
    invalid: Path = runs["tmp"] / "invalid"
    assert code != 0
    assert "INVALID OpenAPI document" in err
    spec_lines = (invalid / "openapi.yaml").read_text(encoding="utf-8").splitlines()
    line = spec_lines.index("          type: bool") + 1
    assert (
        f"{invalid}/openapi.yaml:{line}: components/schemas/synchronizationStatus/properties/escrowsPruned/type: "
        "'bool' is not valid under any of the given schemas" in err
    )
    assert "Traceback" not in out + err
    assert not (invalid / "generated" / "models").exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "openapi: 3.1.0\ninfo: [\n",
            "x.yaml:3: not valid YAML: expected the node content, but found '<stream end>'",
        ),
        (
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\npaths: {}\n",
            "x.yaml:4: paths: duplicate key (first at line 3); YAML keeps the last",
        ),
        (
            (
                "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"
                "components:\n  schemas:\n    a:\n      $ref: '#/components/schemas/b'\n"
            ),
            "x.yaml:7: components/schemas/a/$ref: unresolvable reference '#/components/schemas/b'",
        ),
    ],
    ids=["syntax", "duplicate-key", "dangling-ref"],
)
def test_validate_spec_reports_document_problems_in_one_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    result = subprocess.run(
        [str(PY), str(ROOT / "codegen" / "validate_spec.py"), "--validator", "prance", "x.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["x.yaml: INVALID OpenAPI document", f"  {expected}"]


def test_validate_spec_accepts_openapi_yaml_with_openapi_spec_validator_0_9() -> None:
    if not OSV_PY.exists():
        pytest.skip(".venv-osv is missing: run `make osv-venv`")
    result = subprocess.run(
        [str(OSV_PY), "codegen/validate_spec.py", "--validator", "osv", "openapi.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "openapi.yaml: valid OpenAPI 3.1.0 (openapi-spec-validator 0.9.0)\n"


# --- incremental --------------------------------------------------------------------------------


def codegen_files() -> list[str]:
    """codegen/'s input files as mk/codegen.mk lists them (find ... | LC_ALL=C sort, without README.md,
    breaking*.py and dist.py)."""
    files = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "codegen").rglob("*")
        if p.is_file()
        and "__pycache__" not in p.relative_to(ROOT).parts
        and p.relative_to(ROOT).as_posix() not in ("codegen/README.md", "codegen/dist.py")
        and not p.name.startswith("breaking")
    ]
    return sorted(files, key=lambda name: name.encode())


@pytest.fixture
def up_to_date(tmp_path: Path) -> Path:
    """A copy of generated/ with the stamp `make generate` leaves behind."""
    out = tmp_path / "generated"
    shutil.copytree(GENERATED, out, ignore=CACHES)
    (out / ".stamp").write_text("".join(f"{name}\n" for name in codegen_files()), encoding="utf-8")
    return out


def make_generate(out: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(MAKE), "--no-print-directory", *flags, "generate", f"GENERATED={out}"],
        cwd=ROOT,
        env=env(),
        capture_output=True,
        text=True,
        check=False,
    )


def test_noop_generate_does_nothing_quickly(up_to_date: Path) -> None:
    dry = make_generate(up_to_date, "-n")
    assert dry.returncode == 0, dry.stderr
    assert "Nothing to be done for 'generate'" in dry.stdout, f"would run:\n{dry.stdout}"
    before = snapshot(up_to_date)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        result = make_generate(up_to_date)
        timings.append(time.perf_counter() - started)
        assert result.returncode == 0
    assert min(timings) < 0.2, timings
    assert snapshot(up_to_date) == before


@pytest.mark.parametrize(
    "changed", ["openapi.yaml", "codegen/derive.py", "codegen/pyproject.toml", "requirements/dev.lock"]
)
def test_a_changed_input_regenerates(up_to_date: Path, changed: str) -> None:
    dry = make_generate(up_to_date, "-n", f"--what-if={changed}")
    assert "codegen/validate_spec.py --validator osv" in dry.stdout
    assert "codegen/validate_spec.py --validator prance" in dry.stdout
    assert f"codegen/generate.py --spec openapi.yaml --out {up_to_date}" in dry.stdout


def test_a_file_added_to_codegen_regenerates(up_to_date: Path) -> None:
    stamp = up_to_date / ".stamp"
    stamp.write_text("".join(f"{name}\n" for name in codegen_files()[1:]), encoding="utf-8")
    dry = make_generate(up_to_date, "-n")
    assert "codegen/generate.py" in dry.stdout


def test_committed_tree_matches_its_file_list() -> None:
    """No stray files: everything under generated/ is either generated or git-ignored."""
    expected = set(snapshot(GENERATED)) - {".stamp"}
    assert "README.md" in expected
    assert all(not name.startswith((".new-", ".old-")) for name in expected)
    assert filecmp.cmp(ROOT / "codegen" / "generated-README.md", GENERATED / "README.md", shallow=False)


def test_validate_spec_reports_a_file_that_is_not_utf8_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_bytes(b"openapi: 3.1.0\ninfo: caf\xe9\n")
    result = subprocess.run(
        [str(PY), str(ROOT / "codegen" / "validate_spec.py"), "--validator", "prance", "x.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "x.yaml: INVALID OpenAPI document",
        "  x.yaml: not UTF-8 text (byte 0xe9 at offset 24)",
    ]
