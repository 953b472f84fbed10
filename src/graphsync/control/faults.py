"""Injected faults: an error status (with Retry-After), added latency, or a failing provisioning cycle,
on chosen operations, for a number of requests or with a probability."""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping
from typing import Any

CYCLE = "cycle"  # the `operation` of a fault on provisioning cycles
EVERY = "*"  # every Graph operation
MAX_FAULTS = 100
DEFAULT_CODES = {429: "TooManyRequests", 503: "serviceNotAvailable", 504: "gatewayTimeout"}
CYCLE_ERROR = {  # what an injected cycle fault fails with unless it says: invalid credentials
    "code": "SystemForCrossDomainIdentityManagementInvalidCredentials",
    "message": "Please provide a valid tenant URL for your application.",
    "tenantActionable": True,
}


class Fault:
    """One rule (a `fault` of the control API's document)."""

    __slots__ = ("matched", "remaining", "rule")

    def __init__(self, rule: dict[str, Any]) -> None:
        self.rule = rule
        self.remaining: int | None = rule.get("count")
        self.matched = 0

    def applies(self, operation: str, tenant: str, job_id: str | None, chance: float) -> bool:
        rule = self.rule
        wanted = rule["operation"]
        if wanted != operation and not (wanted == EVERY and operation != CYCLE):
            return False
        if rule.get("tenant") not in (None, tenant):
            return False
        if rule.get("jobId") not in (None, job_id):
            return False
        return chance < float(rule.get("probability", 1.0))

    def shown(self) -> dict[str, Any]:
        return {**self.rule, "remaining": self.remaining, "matched": self.matched}


class Faults:
    """The rules in force, in the order they were added; the first that applies to a request is used."""

    def __init__(self, chance: Any = random.random) -> None:
        self._faults: dict[str, Fault] = {}
        self._ids = itertools.count(1)
        self._chance = chance

    def __bool__(self) -> bool:
        return bool(self._faults)

    def add(self, rule: Mapping[str, Any]) -> dict[str, Any]:
        """Add a rule (already valid against the control API's schema); the rule with its id."""
        if len(self._faults) >= MAX_FAULTS:
            raise OverflowError(f"at most {MAX_FAULTS} faults are in force at once; delete some first")
        fault_id = str(next(self._ids))
        fault = Fault({**rule, "id": fault_id})
        self._faults[fault_id] = fault
        return fault.shown()

    def remove(self, fault_id: str) -> bool:
        return self._faults.pop(fault_id, None) is not None

    def clear(self) -> None:
        self._faults.clear()

    def listed(self) -> list[dict[str, Any]]:
        return [fault.shown() for fault in self._faults.values()]

    def take(self, operation: str, tenant: str, job_id: str | None = None) -> dict[str, Any] | None:
        """The rule that applies to this request or cycle, counted (and retired when used up), or None."""
        for fault_id, fault in list(self._faults.items()):
            if fault.applies(operation, tenant, job_id, self._chance()):
                fault.matched += 1
                if fault.remaining is not None:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        del self._faults[fault_id]
                return fault.rule
        return None


def error_code(rule: Mapping[str, Any]) -> str:
    """The error code an HTTP fault answers with."""
    return str(rule.get("code") or DEFAULT_CODES.get(int(rule["status"]), "UnknownError"))


def cycle_error(rule: Mapping[str, Any]) -> dict[str, Any]:
    """The `synchronizationError` a cycle fault fails with."""
    return {**CYCLE_ERROR, **(rule.get("error") or {})}
