"""What an emulator changes while it serves, apart from the requests' own writes: the seed the control
API puts (kept in the store), a reset, the clock's ticker, and the faults it injects into requests and
cycles. A base class of graphsync.app.GraphSyncApp, which owns the attributes named here.

The key that seals `$skiptoken`s is kept in the store too (the first process to prepare writes its
own; every later one adopts it), so that the processes sharing a database read each other's next links.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from graphsync.auth import PERSONAL_ACCOUNTS_TENANT, Authenticator
from graphsync.control.faults import Faults, cycle_error, error_code
from graphsync.control.journal import Journal
from graphsync.control.lag import Lag
from graphsync.errors import BAD_REQUEST, GraphError
from graphsync.handlers import EMULATOR, CycleRunner
from graphsync.http import json_bytes
from graphsync.odata import SkipTokens
from graphsync.seed import Directory, SeedError, parse_seed
from graphsync.storage import JobStore, OwnerKey, StorageError

log = logging.getLogger("graphsync.server")

SEED_DOCUMENT = "seed"  # the emulator's document holding a seed the control API put (with the start seed's)
SKIPTOKEN_DOCUMENT = "skiptoken-key"  # the key of every process's $skiptokens (hex)
TICK_S = 0.5  # how often a real clock looks for cycles due


class RunTime:
    """The run-time half of the emulator (see the module docstring)."""

    store: JobStore
    runner: CycleRunner
    authenticator: Authenticator
    faults: Faults
    lag: Lag
    journal: Journal
    skiptokens: SkipTokens
    seed: Any
    start_seed: Any
    _ready: bool
    _ready_lock: asyncio.Lock

    def _check_templates(self, directory: Directory) -> None:
        raise NotImplementedError

    def _bind(self, directory: Directory) -> None:
        raise NotImplementedError

    def _cycle_fault(self, owner: OwnerKey, job_id: str) -> dict[str, Any] | None:
        if not self.faults:
            return None
        rule = self.faults.take("cycle", owner.tenant_id, job_id)
        return None if rule is None else cycle_error(rule)

    async def replace_seed(self, data: Any) -> None:
        """Serve the directory `data` describes (SeedError: 400), and keep it across restarts."""
        directory = self._parse_seed(data)
        self._apply_seed(data, directory)
        document = json_bytes({"seed": data, "start": self.start_seed}).decode()
        await self.store.write_document(EMULATOR, SEED_DOCUMENT, lambda _: document)

    def _parse_seed(self, data: Any) -> Directory:
        try:
            directory = parse_seed(data)
            self._check_templates(directory)
        except SeedError as exc:
            raise GraphError(
                400, BAD_REQUEST, f"The seed is not valid: {' '.join(str(exc).split())[:2000]}"
            ) from None
        return directory

    def _apply_seed(self, data: Any, directory: Directory) -> None:
        self.seed = data
        self.authenticator.accept_tenants({*directory.tenants, PERSONAL_ACCOUNTS_TENANT})
        self._bind(directory)

    async def reset(self) -> None:
        """Back to the start seed with no job and no document; faults, lag and the journal cleared."""
        await self.store.clear()
        if self.start_seed is not None and self.seed is not self.start_seed:
            self._apply_seed(self.start_seed, parse_seed(self.start_seed))
        self.faults.clear()
        self.lag.configure(0, 0)
        self.journal.clear()
        await self.runner.save_clock()  # the clock goes on: time never moves back
        await self._share_skiptoken_key()  # next links issued before the reset stay readable (as stale)

    async def _prepare(self) -> None:
        """Once, before the first request: resume the clock and a seed the control API put, from the store."""
        async with self._ready_lock:
            if self._ready:
                return
            await self.runner.resume()
            await self._share_skiptoken_key()
            saved = await self.store.get_document(EMULATOR, SEED_DOCUMENT)
            if saved is not None:
                kept = json.loads(saved)
                if kept.get("start") == self.start_seed and self.start_seed is not None:
                    self._apply_seed(kept["seed"], parse_seed(kept["seed"]))
                else:
                    log.warning(
                        "a seed put through the control API was made from another start seed: not used"
                    )
            self._ready = True

    async def _share_skiptoken_key(self) -> None:
        """Adopt the $skiptoken key kept in the store; keep ours there if none is."""
        mine = json.dumps({"key": self.skiptokens.key.hex()})
        kept = await self.store.write_document(EMULATOR, SKIPTOKEN_DOCUMENT, lambda current: current or mine)
        if kept is not None and kept != mine:
            self.skiptokens.use_key(bytes.fromhex(json.loads(kept)["key"]))

    async def _tick(self) -> None:
        """Run the cycles a real clock brings due, every TICK_S, while the app serves."""
        while True:
            await asyncio.sleep(TICK_S)
            try:
                await self._prepare()
                await self.runner.run_due()
            except StorageError as exc:
                log.error("provisioning cycles: storage failure: %s", exc)
            except Exception:
                log.exception("provisioning cycles: unexpected error")

    async def _inject(self, operation: str, tenant: str, job_id: str | None) -> None:
        """Apply the first injected fault that matches: wait its latency, then answer its status."""
        rule = self.faults.take(operation, tenant, job_id)
        if rule is None:
            return
        if rule.get("latencyMs"):
            await asyncio.sleep(rule["latencyMs"] / 1000)
        status = rule.get("status")
        if status is None:
            return
        retry_after = rule.get("retryAfter", 1 if status in (429, 503) else None)
        message = rule.get("message") or "Injected by the graphsync control API."
        extra = {} if retry_after is None else {"Retry-After": str(retry_after)}
        raise GraphError(int(status), error_code(rule), message, extra)
