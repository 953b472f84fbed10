"""Server settings: every field has a documented default and a GRAPHSYNC_* environment variable."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
GRAPH_AUDIENCES = (
    "https://graph.microsoft.com",
    "https://graph.microsoft.com/",
    "00000003-0000-0000-c000-000000000000",
)


def default_spec_path() -> Path:
    """The packaged copy of openapi.yaml in a wheel; the repository's own file in a source checkout."""
    packaged = PACKAGE_DIR / "openapi.yaml"
    return packaged if packaged.is_file() else PACKAGE_DIR.parents[1] / "openapi.yaml"


@dataclasses.dataclass(frozen=True)
class Settings:
    """Configuration of one emulator instance (table of variables: docs/emulator.md, "Configuration")."""

    host: str = "127.0.0.1"
    port: int = 8000
    db: str = "sqlite:///var/graphsync.db"
    seed: Path = PACKAGE_DIR / "seeds" / "demo.yaml"
    spec: Path = dataclasses.field(default_factory=default_spec_path)
    signing_key: Path = Path("var/dev-signing-key.pem")
    jwks: Path | None = None
    audiences: tuple[str, ...] = GRAPH_AUDIENCES
    max_body_bytes: int = 1024 * 1024
    max_page_size: int = 100
    body_timeout_s: float = 10.0
    header_timeout_s: float = 10.0
    rate_limit_per_s: float = 0.0
    public_url: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults, then GRAPHSYNC_<FIELD> variables, then explicit overrides (e.g. CLI flags)."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        for field in dataclasses.fields(cls):
            raw = env.get(f"GRAPHSYNC_{field.name.upper()}")
            if raw is not None and raw != "":
                values[field.name] = _parse(field.name, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def _parse(name: str, raw: str) -> object:
    """Convert one environment string to the field's type, with a readable error."""
    try:
        if name == "port":
            port = int(raw)
            if not 0 <= port <= 65535:
                raise ValueError("must be between 0 and 65535")
            return port
        if name in ("max_body_bytes", "max_page_size"):
            value = int(raw)
            if value < 1:
                raise ValueError("must be at least 1")
            return value
        if name in ("body_timeout_s", "header_timeout_s", "rate_limit_per_s"):
            number = float(raw)
            if not 0 <= number < float("inf"):
                raise ValueError("must be a finite number, not negative")
            return number
        if name in ("seed", "spec", "signing_key", "jwks"):
            return Path(raw)
        if name == "audiences":
            return tuple(a.strip() for a in raw.split(",") if a.strip())
        return raw
    except ValueError as exc:
        raise SettingsError(f"GRAPHSYNC_{name.upper()}={raw!r}: {exc}") from None


class SettingsError(ValueError):
    """An invalid setting; the CLI prints it and exits with status 2."""
