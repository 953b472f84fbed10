"""The figures of a benchmark run as typed records: what the scenarios measure and the report renders.

`Results.to_json` is the content of reports/bench.json. It imports nothing of the rest of the
benchmark, so that bench/models_bench.py (a script of its own) can write its figures with it too.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

# The labels of the servers measured (Run.server).
SQLITE_LABEL = "emulator"  # the durable emulator, on a fresh SQLite database
SCALED_LABEL = "emulator-100k"  # the durable emulator with the scale collection stored (whatever its size)
MEMORY_LABEL = "emulator-memory"  # the emulator on the in-memory storage engine
CEILING_LABEL = "ceiling"
PROTOCOL_LABEL = "ceiling+protocol"  # the ceiling's app behind graphsync's own HTTP protocol class
PRISM_LABEL = "prism"


@dataclass
class Run:
    """The figures of one wrk run: one server, one operation, one connection count."""

    server: str  # one of the labels above
    op: str
    connections: int
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    bytes_per_response: float
    errors: int
    cpu_us_per_request: float | None = None
    other_load_cores: float | None = None  # CPU used meanwhile by processes other than server and wrk
    attempts: int = 1
    db_cpu_us_per_request: float | None = None  # PostgreSQL's processes (the postgresql section only)


@dataclass(frozen=True)
class LatencySummary:
    """Requests sent one at a time: how many, and their median and 99th percentile latency."""

    n: int
    p50_ms: float
    p99_ms: float


@dataclass
class ScaleInfo:
    """The stored collection of the scale runs: its size, how long storing it took, and its pages."""

    jobs: int
    prefill_s: float
    db_bytes: int
    pages: int | None = None


@dataclass(frozen=True)
class Skipped:
    """A server that was not measured, and why."""

    reason: str


@dataclass(frozen=True)
class PrismInfo:
    """The versions of the Prism measured."""

    version: str
    node: str


@dataclass(frozen=True)
class ModelOperation:
    """One parse + re-serialise variant of bench/models_bench.py."""

    label: str
    us_per_op: float
    lossless: bool
    x_floor: float


@dataclass(frozen=True)
class ImportTiming:
    """Import time in fresh interpreters: the best and the median run."""

    best_ms: float
    median_ms: float


@dataclass(frozen=True)
class ImportTimes:
    """Import time with bytecode cached, and compiled from source."""

    bytecode_cached: ImportTiming
    from_source: ImportTiming


@dataclass
class ModelsResult:
    """The figures of bench/models_bench.py."""

    job_bytes: int
    operations: dict[str, ModelOperation]
    imports: dict[str, ImportTimes] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ModelsResult:
        """The figures as `to_json` wrote them."""
        return cls(
            job_bytes=int(data["job_bytes"]),
            operations={key: ModelOperation(**op) for key, op in data["operations"].items()},
            imports={
                name: ImportTimes(
                    bytecode_cached=ImportTiming(**times["bytecode_cached"]),
                    from_source=ImportTiming(**times["from_source"]),
                )
                for name, times in data["imports"].items()
            },
            versions={str(k): str(v) for k, v in data["versions"].items()},
        )

    def to_json(self) -> dict[str, Any]:
        """The figures as JSON-ready mappings."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class CodegenStep:
    """One recipe line (or `$(shell)` call) of a full `make generate` and its duration."""

    seconds: float
    command: str


@dataclass
class CodegenResult:
    """`make generate` into an empty folder, then as a no-op."""

    full_s: float
    noop_s: float  # the best of the no-op runs
    noop_median_s: float
    steps: list[CodegenStep]


@dataclass
class Machine:
    """The machine and software the figures were measured on."""

    date: str
    cpu: str
    cpus: str
    memory_mib: str
    kernel: str
    python: str
    server_stack: str
    wrk: str
    pinning: str
    load_before: str
    load_after: str = "?"


@dataclass
class CyclesResult:
    """The cycles section: a month of cycles on a manual clock; CPU per GET with and without the journal
    and the fault check."""

    users: int
    month_s: float
    month_cycles: int
    get_cpu_us: float
    get_cpu_bare_us: float


@dataclass(frozen=True)
class ClientImport:
    """A client's import in fresh interpreters, bytecode cached: the best and the median of `runs`."""

    client: str
    what: str  # "import": the flow's import statements; "ready": those, the client and its request builders
    best_ms: float
    median_ms: float
    runs: int


@dataclass(frozen=True)
class ClientCalls:
    """A client's CPU time per call of one operation against the emulator: the best round, and every round."""

    client: str
    op: str
    calls: int  # timed calls per round
    cpu_us_per_call: float
    rounds_us: list[float]


@dataclass(frozen=True)
class ClientSize:
    """The installed files of a client's dependency closure: its own package(s), and what it pulls in."""

    client: str
    own_bytes: int
    dependency_bytes: int
    distributions: list[str]  # name==version of every distribution in the closure, the client's own first
    missing: list[str]  # requirements not installed in the environment measured


@dataclass(frozen=True)
class ClientPrecision:
    """What a client's models make of Graph's longest interval and a 7-digit timestamp, and write back."""

    client: str
    interval: str
    timestamp: str
    interval_written: str
    timestamp_written: str


@dataclass
class ClientResult:
    """The client section: graphsync's facade against msgraph-sdk, one run."""

    versions: dict[str, str]
    list_jobs: int  # jobs on the one list page
    imports: list[ClientImport] = field(default_factory=list)
    calls: list[ClientCalls] = field(default_factory=list)
    sizes: list[ClientSize] = field(default_factory=list)
    precision: list[ClientPrecision] = field(default_factory=list)

    def call(self, client: str, op: str) -> ClientCalls | None:
        """The figures of `client` for `op`, or None."""
        return next((c for c in self.calls if c.client == client and c.op == op), None)


@dataclass
class PostgresResult:
    """The postgresql section: the emulator with 1 and 2 worker processes on one PostgreSQL server, and
    the ceiling with 1 and 2 processes, measured in turn; the server's version and settings."""

    version: str
    settings: str
    runs: list[Run] = field(default_factory=list)

    def run(self, server: str, op: str, connections: int) -> Run | None:
        """The run of `server` for `op` at `connections`, or None."""
        return next(
            (r for r in self.runs if r.server == server and r.op == op and r.connections == connections),
            None,
        )


@dataclass
class Results:
    """Everything one benchmark run measured; a section that did not run leaves its field empty."""

    machine: Machine
    duration: float
    warmup: float
    runs: list[Run] = field(default_factory=list)
    list_sequential: dict[str, LatencySummary] = field(default_factory=dict)
    scale: ScaleInfo | None = None
    prism: PrismInfo | Skipped | None = None
    memory: Skipped | None = None  # set when the in-memory engine was to be measured but could not be
    models: ModelsResult | None = None
    codegen: CodegenResult | None = None
    cycles: CyclesResult | None = None
    client: ClientResult | Skipped | None = None
    postgresql: PostgresResult | Skipped | None = None
    elapsed_s: float | None = None

    def run(self, server: str, op: str, connections: int) -> Run | None:
        """The run of `server` for `op` at `connections`, or None."""
        return next(
            (r for r in self.runs if r.server == server and r.op == op and r.connections == connections),
            None,
        )

    def to_json(self) -> dict[str, Any]:
        """The content of bench.json: the sections that ran, in the order they ran."""
        data: dict[str, Any] = {
            "machine": dataclasses.asdict(self.machine),
            "duration": self.duration,
            "warmup": self.warmup,
            "runs": [dataclasses.asdict(run) for run in self.runs],
        }
        if self.list_sequential:
            data["list_sequential"] = {
                name: dataclasses.asdict(fig) for name, fig in self.list_sequential.items()
            }
        if self.scale is not None:
            data["scale"] = dataclasses.asdict(self.scale)
        for name, info in (
            ("prism", self.prism),
            ("memory", self.memory),
            ("client", self.client),
            ("postgresql", self.postgresql),
        ):
            if isinstance(info, Skipped):
                data[name] = {"skipped": info.reason}
            elif info is not None:
                data[name] = dataclasses.asdict(info)
        if self.models is not None:
            data["models"] = self.models.to_json()
        if self.codegen is not None:
            data["codegen"] = dataclasses.asdict(self.codegen)
        if self.cycles is not None:
            data["cycles"] = dataclasses.asdict(self.cycles)
        if self.elapsed_s is not None:
            data["elapsed_s"] = self.elapsed_s
        return data
