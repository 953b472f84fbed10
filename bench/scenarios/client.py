"""The client section: graphsync's generated client facade (`graphsync_client.GraphSync`, and its asyncio
twin) against Microsoft's msgraph-sdk, in one run. Figures and ratios, no targets.

- import: a fresh interpreter running the import statements of each client's flow (graphsync's
  quickstart; bench/sdk_quickstart.py), bytecode cached (PYTHONPYCACHEPREFIX, after an untimed run);
  "ready" adds building the client and the request builders the flow uses (msgraph-sdk imports those
  lazily, on first use). Wall time around the statements only, not the interpreter's start.
- CPU per call: one emulator on the in-memory engine, pinned like every server; each client in a
  process of its own (bench/client_calls.py in .venv, bench/sdk_calls.py in .venv-sdk), pinned to the
  other CPU, measuring its own CPU time (time.process_time) over CALLS calls of get, list (one page of
  LIST_JOBS jobs) and create+delete. Rounds alternate between the clients; the best round is kept.
- installed size: the files (RECORD) of every distribution in each client's dependency closure, in
  its own environment: msgraph-sdk's in .venv-sdk; graphsync-client and graphsync-models's declared
  requirements (generated/*/pyproject.toml) as installed in .venv, plus the generated package folders.
- precision: what each client's models make of Graph's longest interval and a 7-digit timestamp.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import statistics
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import TypedDict

import httpx
from api import COLLECTION, SERVICE_PRINCIPAL, TEMPLATE
from host import BENCH, ROOT, WRK_PIN, log
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from results import ClientCalls, ClientImport, ClientPrecision, ClientResult, ClientSize
from servers import MEMORY_DB, Emulators, running

SDK_PYTHON = ROOT / ".venv-sdk" / "bin" / "python"
GENERATED = (ROOT / "generated" / "models", ROOT / "generated" / "client")

GRAPHSYNC = "graphsync"
GRAPHSYNC_ASYNC = "graphsync (async)"
SDK = "msgraph-sdk"

LIST_JOBS = 10  # jobs stored before the runs: one list page
CALLS = {GRAPHSYNC: 200, GRAPHSYNC_ASYNC: 200, SDK: 40}  # msgraph-sdk spends milliseconds per call
WARMUP = 5
ROUNDS = 3
IMPORT_RUNS = 5
OPS = ("get", "list", "create+delete")

# What each flow imports (codegen/client-templates/quickstart.py; bench/sdk_quickstart.py), then what
# it builds before its first request.
GRAPHSYNC_IMPORT = (
    "from graphsync_client import Forbidden, GraphSync, NotFound, Unauthorized\n"
    "from graphsync_models.tolerant import SynchronizationJobRestartCriteria, SynchronizationStatusCode\n"
)
GRAPHSYNC_READY = (
    "graph = GraphSync('http://127.0.0.1:9/v1.0', credential='token')\n"
    "job = graph.service_principals('sp').jobs('job')\n"
)
GRAPHSYNC_PARSE = (
    "from graphsync_models.tolerant import SynchronizationJob\n"
    "parsed = SynchronizationJob.model_validate_json(DOC)\n"
)
SDK_IMPORT = "import sdk_quickstart\n"
SDK_READY = (
    "jobs = sdk_quickstart.client('http://127.0.0.1:9/v1.0', 'token')"
    ".service_principals.by_service_principal_id('sp').synchronization.jobs\n"
    "job = jobs.by_synchronization_job_id('job')\n"
    "builders = (job.start, job.pause, job.restart)\n"
)
# What the SDK's request adapter does with a response body (its parse node factory, then the model).
SDK_PARSE = (
    "from kiota_serialization_json.json_parse_node_factory import JsonParseNodeFactory\n"
    "from msgraph.generated.models.synchronization_job import SynchronizationJob\n"
    "node = JsonParseNodeFactory().get_root_parse_node('application/json', DOC.encode())\n"
    "parsed = node.get_object_value(SynchronizationJob)\n"
)
WHATS = ("import", "ready", "first job parsed")


def import_program(paths: list[str], timed: str, doc: str) -> str:
    """A program printing the seconds the statements `timed` take (they may read the JSON text `doc` as
    DOC), with `paths` appended to sys.path."""
    return (
        f"import sys, time\nsys.path += {paths!r}\nDOC = {doc!r}\nt = time.perf_counter()\n"
        f"{timed}print(time.perf_counter() - t)\n"
    )


def imports(workdir: Path, doc: str) -> list[ClientImport]:
    """Import; import + ready; import + ready + the job `doc` (JSON text) parsed: of each client, each in
    IMPORT_RUNS fresh interpreters with bytecode cached (PYTHONPYCACHEPREFIX, written by one untimed run
    first). The runs go round the cases, so that they share whatever else the machine is doing."""
    generated = [str(p) for p in GENERATED]
    cases = {
        GRAPHSYNC: (sys.executable, generated, GRAPHSYNC_IMPORT, GRAPHSYNC_READY, GRAPHSYNC_PARSE),
        SDK: (str(SDK_PYTHON), [str(BENCH)], SDK_IMPORT, SDK_READY, SDK_PARSE),
    }
    runs: dict[tuple[str, str], tuple[list[str], dict[str, str]]] = {}
    for client, (python, paths, statements, ready, parse) in cases.items():
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(workdir / f"pycache-{client}")
        steps = (statements, statements + ready, statements + ready + parse)
        for what, timed in zip(WHATS, steps, strict=True):
            runs[client, what] = [python, "-c", import_program(paths, timed, doc)], env
    for argv, env in runs.values():
        subprocess.run(argv, capture_output=True, env=env, check=True, cwd=ROOT)
    samples: dict[tuple[str, str], list[float]] = {key: [] for key in runs}
    for _ in range(IMPORT_RUNS):
        for key, (argv, env) in runs.items():
            out = subprocess.run(argv, capture_output=True, text=True, env=env, check=True, cwd=ROOT).stdout
            samples[key].append(float(out) * 1e3)
    return [
        ClientImport(client, what, min(ms), statistics.median(ms), len(ms))
        for (client, what), ms in samples.items()
    ]


def prepare(base_url: str, token: str) -> str:
    """Store LIST_JOBS jobs through the API; the body of the first (the job every get reads)."""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base_url, headers=headers) as http:
        bodies = [
            http.post(COLLECTION.lstrip("/"), json={"templateId": TEMPLATE}).raise_for_status().text
            for _ in range(LIST_JOBS)
        ]
    return bodies[0]


class DriverOutput(TypedDict):
    """What bench/client_calls.py and bench/sdk_calls.py print."""

    cpu_us: dict[str, float]  # per operation
    precision: dict[str, str]  # ClientPrecision's fields but the client
    versions: dict[str, str]


def driver(client: str, base_url: str, token: str, job_id: str) -> DriverOutput:
    """One round of `client`'s driver, in a process of its own on the load generator's CPU: its output."""
    common = [base_url, token, SERVICE_PRINCIPAL, job_id, str(CALLS[client]), str(WARMUP)]
    if client == SDK:
        argv = [str(SDK_PYTHON), str(BENCH / "sdk_calls.py"), *common]
    else:
        mode = "async" if client == GRAPHSYNC_ASYNC else "sync"
        argv = [sys.executable, str(BENCH / "client_calls.py"), mode, *common]
    out = subprocess.run([*WRK_PIN, *argv], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    result: DriverOutput = json.loads(out)
    return result


def calls(workdir: Path, versions: dict[str, str]) -> tuple[list[ClientCalls], list[ClientPrecision], str]:
    """CPU per call of each client against one emulator; what each client's models keep; the JSON text
    of the job every get read."""
    emus = Emulators(workdir)
    clients = (GRAPHSYNC, GRAPHSYNC_ASYNC, SDK)
    rounds: dict[str, list[dict[str, float]]] = {c: [] for c in clients}
    precision: dict[str, dict[str, str]] = {}
    with running(emus.process("client-emulator", MEMORY_DB)) as server:
        base_url = f"{server.base_url}"
        job = prepare(base_url, emus.token)
        job_id = str(json.loads(job)["id"])
        for n in range(ROUNDS):
            log(f"client: CPU per call, round {n + 1} of {ROUNDS}")
            for client in clients:
                output = driver(client, base_url, emus.token, job_id)
                rounds[client].append(output["cpu_us"])
                precision[client] = output["precision"]
                for name, version in output["versions"].items():
                    versions[f"{name} ({'.venv-sdk' if client == SDK else '.venv'})"] = version
    found = [
        ClientCalls(client, op, CALLS[client], min(r[op] for r in runs), [r[op] for r in runs])
        for client, runs in rounds.items()
        for op in OPS
    ]
    kept = [ClientPrecision(client, **precision[client]) for client in (GRAPHSYNC, SDK)]
    return found, kept, job


def site_packages(python: str) -> list[str]:
    """The purelib and platlib folders of the environment of `python`."""
    code = "import json, sysconfig; p = sysconfig.get_paths(); print(json.dumps(sorted({p['purelib'], p['platlib']})))"
    paths: list[str] = json.loads(
        subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout
    )
    return paths


def closure(
    site: list[str], roots: list[Requirement]
) -> tuple[list[importlib.metadata.Distribution], list[str]]:
    """The distributions installed in `site` that `roots` need, recursively (markers evaluated for this
    interpreter, extras followed); and the requirements not installed there."""
    installed = {
        canonicalize_name(d.metadata["Name"]): d for d in importlib.metadata.distributions(path=site)
    }
    found: dict[str, importlib.metadata.Distribution] = {}
    missing: list[str] = []
    todo = list(roots)
    while todo:
        req = todo.pop(0)
        name = canonicalize_name(req.name)
        if name in found:
            continue
        dist = installed.get(name)
        if dist is None:
            missing.append(str(req))
            continue
        found[name] = dist
        extras = {"", *req.extras}
        for line in dist.requires or []:
            sub = Requirement(line)
            if sub.marker is None or any(sub.marker.evaluate({"extra": e}) for e in extras):
                todo.append(sub)
    return list(found.values()), missing


def dist_bytes(dist: importlib.metadata.Distribution) -> int:
    """The size of the files a distribution installed (its RECORD)."""
    total = 0
    for file in dist.files or []:
        path = Path(str(dist.locate_file(file)))
        if path.is_file():
            total += path.stat().st_size
    return total


def folder_bytes(folder: Path) -> int:
    """The size of a package folder's files, bytecode caches left out."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def label(dist: importlib.metadata.Distribution) -> str:
    return f"{dist.metadata['Name']}=={dist.version}"


def sizes() -> list[ClientSize]:
    """The installed size of each client's dependency closure."""
    roots: list[Requirement] = []
    own = 0
    names = []
    for folder in GENERATED:
        project = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        names.append(f"{project['name']}=={project['version']} (generated/{folder.name})")
        own += sum(
            folder_bytes(folder / pkg)
            for pkg in ("graphsync_models", "graphsync_client")
            if (folder / pkg).is_dir()
        )
        roots += [Requirement(r) for r in project["dependencies"] if not r.startswith("graphsync-")]
    deps, missing = closure(site_packages(sys.executable), roots)
    ours = ClientSize(GRAPHSYNC, own, sum(map(dist_bytes, deps)), names + sorted(map(label, deps)), missing)
    sdk_deps, sdk_missing = closure(site_packages(str(SDK_PYTHON)), [Requirement("msgraph-sdk")])
    sdk, rest = sdk_deps[0], sdk_deps[1:]
    theirs = ClientSize(
        SDK, dist_bytes(sdk), sum(map(dist_bytes, rest)), [label(sdk), *sorted(map(label, rest))], sdk_missing
    )
    return [ours, theirs]


def section(workdir: Path) -> ClientResult:
    """The client section's figures."""
    client = tomllib.loads((GENERATED[1] / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    versions = {"graphsync-client (generated/client)": str(client["version"])}
    versions["pydantic (.venv)"] = importlib.metadata.version("pydantic")
    result = ClientResult(versions=versions, list_jobs=LIST_JOBS)
    result.calls, result.precision, job = calls(workdir, result.versions)
    log("client: import times")
    result.imports = imports(workdir, job)
    log("client: installed sizes")
    result.sizes = sizes()
    return result
