"""Eventual consistency of jobs, when asked for: a new job answers 404 for a while, a deleted one is still
read for a while, as Graph's replicas do and Terraform's provider polls through. Measured in real seconds
(replication lag is not the emulator's clock)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

MAX_SECONDS = 300.0
MAX_TRACKED = 10_000  # jobs remembered at once; beyond it the oldest are forgotten (consistent at once)


class Lag:
    """`create_s`: how long a new job stays unseen; `delete_s`: how long a deleted one stays seen."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.create_s = 0.0
        self.delete_s = 0.0
        self._monotonic = monotonic
        self._hidden: dict[tuple[Any, str], float] = {}  # (owner, job id) -> seen from
        self._ghosts: dict[tuple[Any, str], tuple[float, str]] = {}  # -> (seen until, its last document)

    @property
    def enabled(self) -> bool:
        return bool(self.create_s or self.delete_s)

    def settings(self) -> dict[str, float]:
        return {"createSeconds": self.create_s, "deleteSeconds": self.delete_s}

    def configure(self, create_s: float, delete_s: float) -> None:
        self.create_s, self.delete_s = create_s, delete_s
        if not self.enabled:
            self._hidden.clear()
            self._ghosts.clear()

    def created(self, owner: Any, job_id: str) -> None:
        if self.create_s:
            _bounded(self._hidden)[(owner, job_id)] = self._monotonic() + self.create_s

    def deleted(self, owner: Any, job_id: str, document: str) -> None:
        self._hidden.pop((owner, job_id), None)
        if self.delete_s:
            _bounded(self._ghosts)[(owner, job_id)] = (self._monotonic() + self.delete_s, document)

    def hidden(self, owner: Any, job_id: str) -> bool:
        """Whether a GET of this (existing) job still answers 404."""
        until = self._hidden.get((owner, job_id))
        if until is None:
            return False
        if self._monotonic() < until:
            return True
        del self._hidden[(owner, job_id)]
        return False

    def ghost(self, owner: Any, job_id: str) -> str | None:
        """The document a GET of this (deleted) job still answers, if any."""
        found = self._ghosts.get((owner, job_id))
        if found is None:
            return None
        if self._monotonic() < found[0]:
            return found[1]
        del self._ghosts[(owner, job_id)]
        return None


def _bounded(table: dict[Any, Any]) -> dict[Any, Any]:
    while len(table) >= MAX_TRACKED:
        del table[next(iter(table))]
    return table
