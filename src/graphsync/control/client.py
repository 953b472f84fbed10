"""A small synchronous client of the control API (control/openapi.yaml), for tests and scripts."""

from __future__ import annotations

from typing import Any, Self

import httpx


class ControlError(RuntimeError):
    """The control API refused a request: its status and Graph-style error message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status


class ControlClient:
    """The control API of the emulator at `origin` (`http://127.0.0.1:PORT`), with its operator key."""

    def __init__(self, origin: str, key: str, *, timeout_s: float = 30.0) -> None:
        self._http = httpx.Client(
            base_url=f"{origin.rstrip('/')}/_graphsync",
            headers={"Authorization": f"Bearer {key}"},
            timeout=timeout_s,
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def now(self) -> str:
        """The emulator's time."""
        return str(self._call("GET", "/clock")["now"])

    def advance(self, by: str | None = None, *, to: str | None = None) -> dict[str, Any]:
        """Move the clock forward (`by="PT40M"`, or `to=` a time) and run the cycles that fall due."""
        body = {"by": by} if to is None else {"to": to}
        return dict(self._call("POST", "/clock/advance", json=body))

    def inject(self, operation: str, **rule: Any) -> dict[str, Any]:
        """Inject a fault on an operationId (or `*`): `status=429, retryAfter=2, count=1, latencyMs=...`."""
        return dict(self._call("POST", "/faults", json={"operation": operation, **rule}))

    def fail_cycles(self, **rule: Any) -> dict[str, Any]:
        """Make provisioning cycles fail (`jobId=`, `tenant=`, `error={...}`, `count=`): quarantine follows."""
        return self.inject("cycle", **rule)

    def faults(self) -> list[dict[str, Any]]:
        return list(self._call("GET", "/faults")["value"])

    def remove_fault(self, fault_id: str) -> None:
        self._call("DELETE", f"/faults/{fault_id}")

    def clear_faults(self) -> None:
        self._call("DELETE", "/faults")

    def consistency(self, *, create_s: float = 0, delete_s: float = 0) -> dict[str, Any]:
        """New jobs answer 404 for `create_s` seconds; deleted ones are still read for `delete_s`."""
        return dict(
            self._call("PUT", "/consistency", json={"createSeconds": create_s, "deleteSeconds": delete_s})
        )

    def journal(self, **filters: Any) -> list[dict[str, Any]]:
        """The last requests, newest first (`operation=`, `status=`, `tenant=`, `top=`)."""
        return list(self._call("GET", "/journal", params=filters)["value"])

    def jobs(self, tenant: str | None = None) -> list[dict[str, Any]]:
        """Every job with its status and cycle timeline."""
        return list(self._call("GET", "/jobs", params={"tenant": tenant} if tenant else None)["value"])

    def seed(self) -> dict[str, Any]:
        return dict(self._call("GET", "/seed"))

    def replace_seed(self, seed: dict[str, Any]) -> dict[str, Any]:
        return dict(self._call("PUT", "/seed", json=seed))

    def reset(self) -> None:
        """Back to the start seed with no job; faults, lag and journal cleared (the clock goes on)."""
        self._call("POST", "/reset")

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self._http.request(method, path, **kwargs)
        if response.status_code >= 400:
            try:
                message = response.json()["error"]["message"]
            except (ValueError, KeyError, TypeError):
                message = response.text[:200]
            raise ControlError(response.status_code, message)
        return response.json() if response.content else None
