"""Server settings: every field has a documented default and a GRAPHSYNC_* environment variable."""

from __future__ import annotations

import dataclasses
import datetime
import os
from collections.abc import Collection, Mapping
from pathlib import Path
from urllib.parse import urlsplit

PACKAGE_DIR = Path(__file__).resolve().parent
GRAPH_AUDIENCES = (
    "https://graph.microsoft.com",
    "https://graph.microsoft.com/",
    "00000003-0000-0000-c000-000000000000",
)
LOG_LEVELS = ("critical", "error", "warning", "info", "debug")
CLOCKS = ("real", "manual")  # graphsync.clock
# The clock goes no further: from there, centuries are left before the last time a timestamp can hold
# (9999-12-31), so every time that cycles derive from the clock's (next attempts, back-offs) stays valid.
LATEST_CLOCK_TIME = datetime.datetime(9000, 1, 1, tzinfo=datetime.UTC)
PERMISSION_ERRORS = ("observed", "documented")  # 401 UnknownError as Graph answers, or its documented 403
DEFAULT_LIMIT_CONCURRENCY = 2048

# Upper bounds: each keeps a typo from reaching SQLite, asyncio or memory as an absurd number.
MAX_PAGE_SIZE = 999  # Graph's own largest $top for directory collections; larger pages never come from Graph
MAX_BODY_BYTES = 100 * 1024 * 1024  # bodies are held in memory
MIN_TIMEOUT_S, MAX_TIMEOUT_S = 0.01, 3600.0  # every connection state has a deadline; an hour is the longest
MIN_RATE_PER_S, MAX_RATE_PER_S = 0.001, 1_000_000.0  # below: a Retry-After of days; 0 turns throttling off
MAX_LIMIT_CONCURRENCY = 1_000_000
MIN_CLOCK_SPEED, MAX_CLOCK_SPEED = 0.001, 1_000_000.0  # a million: a 40-minute cycle every 2.4 ms

_INTEGERS = {
    "port": (0, 65535),
    "max_body_bytes": (1, MAX_BODY_BYTES),
    "max_page_size": (1, MAX_PAGE_SIZE),
    "limit_concurrency": (1, MAX_LIMIT_CONCURRENCY),
}
_SECONDS = ("body_timeout_s", "header_timeout_s", "send_timeout_s", "idle_timeout_s")
_PATHS = ("seed", "spec", "signing_key", "jwks", "operator_key_file")
_BOOLEANS = ("access_log", "links_from_host")
_EMPTY_REFUSED = ("host",)  # an empty variable means "unset", but an empty host means "every interface"
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


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
    seed: Path | None = None  # None: the built-in demo seed (graphsync.demo)
    spec: Path = dataclasses.field(default_factory=default_spec_path)
    signing_key: Path = Path("var/dev-signing-key.pem")
    jwks: Path | None = None
    audiences: tuple[str, ...] = GRAPH_AUDIENCES
    max_body_bytes: int = 1024 * 1024
    max_page_size: int = 100
    body_timeout_s: float = 10.0
    header_timeout_s: float = 10.0
    send_timeout_s: float = 10.0
    idle_timeout_s: float = 5.0
    rate_limit_per_s: float = 0.0  # 0 turns throttling off
    public_url: str | None = None
    links_from_host: bool = False
    log_level: str = "info"
    access_log: bool = False
    permission_errors: str = "observed"
    limit_concurrency: int = DEFAULT_LIMIT_CONCURRENCY
    clock: str = "real"
    clock_speed: float = 1.0
    clock_start: str | None = None  # None: the time the emulator starts
    operator_key_file: Path = Path("var/operator-key")
    # Not a setting: the fields given as flags, so that messages name `--flag` rather than the variable.
    flags: frozenset[str] = dataclasses.field(
        default=frozenset(), compare=False, repr=False, metadata={"env": False}
    )

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        read: Collection[str] | None = None,
        **overrides: object,
    ) -> Settings:
        """Defaults, then GRAPHSYNC_<FIELD> variables, then explicit overrides (CLI flags), all validated.

        `read` limits the variables read to those fields, so a command fails only on settings it uses.
        An empty variable counts as unset, except GRAPHSYNC_HOST (refused: to a socket it means "all").
        """
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        for name in setting_names() if read is None else read:
            raw = env.get(variable(name))
            if raw is not None and (raw != "" or name in _EMPTY_REFUSED):
                values[name] = _validated(name, raw, f"{variable(name)}={raw!r}", text=True)
        given = {name: value for name, value in overrides.items() if value is not None}
        for name, value in given.items():
            values[name] = _validated(name, value, f"{flag(name)} {_shown(value)}", text=False)
        return cls(**values, flags=frozenset(given))  # type: ignore[arg-type]

    def describe(self, name: str) -> str:
        """The setting as the user gave it, for messages: `--signing-key k.pem` or `GRAPHSYNC_SIGNING_KEY=k.pem`."""
        value = getattr(self, name)
        return f"{flag(name)} {value}" if name in self.flags else f"{variable(name)}={value}"


class SettingsError(ValueError):
    """An invalid setting; the CLI prints it and exits with status 2."""


def setting_names() -> list[str]:
    """The fields of Settings that are settings (each read from its GRAPHSYNC_* variable)."""
    return [f.name for f in dataclasses.fields(Settings) if f.metadata.get("env", True)]


def variable(name: str) -> str:
    """The environment variable of a setting: `max_page_size` -> `GRAPHSYNC_MAX_PAGE_SIZE`."""
    return f"GRAPHSYNC_{name.upper()}"


def flag(name: str) -> str:
    """The command-line flag of a setting: `signing_key` -> `--signing-key`."""
    return "--" + name.replace("_", "-")


def parse_value(name: str, raw: str) -> object:
    """A setting's value from text (a variable or a flag); ValueError says what a valid value looks like."""
    return _check(name, _convert(name, raw))


def _validated(name: str, value: object, given: str, *, text: bool) -> object:
    """Parse (when `text`) and check one value; SettingsError names where it came from: `given: reason`."""
    try:
        return parse_value(name, str(value)) if text else _check(name, value)
    except ValueError as exc:
        raise SettingsError(f"{given}: {exc}") from None


def _shown(value: object) -> str:
    return repr(str(value)) if isinstance(value, Path) else repr(value)


def _convert(name: str, raw: str) -> object:
    """The text of a setting converted to the field's type (ranges and shapes are `_check`'s job)."""
    try:
        if name in _INTEGERS:
            return int(raw)
        if name in _SECONDS or name in ("rate_limit_per_s", "clock_speed"):
            return float(raw)
    except ValueError:
        raise ValueError(_expected(name)) from None
    if name in _PATHS:
        return Path(raw)
    if name == "audiences":
        return tuple(a.strip() for a in raw.split(",") if a.strip())
    if name in ("log_level", "permission_errors", "clock"):
        return raw.strip().lower()
    if name in _BOOLEANS:
        word = raw.strip().lower()
        if word not in _TRUE + _FALSE:
            raise ValueError(_expected(name))
        return word in _TRUE
    return raw


def _check(name: str, value: object) -> object:
    """`value` if it is valid for the setting, else ValueError saying what is expected."""
    if not _valid(name, value):
        raise ValueError(_expected(name))
    return value


def _valid(name: str, value: object) -> bool:
    """Whether `value` is in the documented range or shape of the setting (fields without a rule: any)."""
    if name in _INTEGERS:
        return isinstance(value, int) and _number_in(value, *_INTEGERS[name])
    if name in _SECONDS:
        return _number_in(value, MIN_TIMEOUT_S, MAX_TIMEOUT_S)
    if name == "rate_limit_per_s":
        return _number_in(value, 0, 0) or _number_in(value, MIN_RATE_PER_S, MAX_RATE_PER_S)
    if name == "host":
        return isinstance(value, str) and bool(value.strip())
    if name == "audiences":
        return isinstance(value, tuple) and bool(value) and all(isinstance(a, str) and a for a in value)
    if name == "public_url":
        return isinstance(value, str) and _is_base_url(value)
    if name == "log_level":
        return value in LOG_LEVELS
    if name == "permission_errors":
        return value in PERMISSION_ERRORS
    if name == "clock":
        return value in CLOCKS
    if name == "clock_speed":
        return _number_in(value, MIN_CLOCK_SPEED, MAX_CLOCK_SPEED)
    if name == "clock_start":
        return isinstance(value, str) and _is_timestamp(value)
    if name in _BOOLEANS:
        return isinstance(value, bool)
    return True


def _number_in(value: object, low: float, high: float) -> bool:
    """A number (not a bool) from `low` to `high`; NaN is in no range."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and low <= value <= high


def _is_base_url(value: str) -> bool:
    """An absolute http(s) URL with a host and an optional path prefix: no query, fragment or user name."""
    if not value.isascii() or not value.isprintable() or " " in value or "?" in value or "#" in value:
        return False
    try:
        parts = urlsplit(value)
        return (
            parts.scheme in ("http", "https")
            and bool(parts.hostname)
            and parts.username is None
            and parts.port != 0  # .port raises ValueError for a port out of range or not a number
        )
    except ValueError:
        return False


def _is_timestamp(value: str) -> bool:
    """An ISO 8601 date and time with a UTC offset or `Z`, e.g. 2026-01-01T00:00:00Z, that the clock can
    start at (in UTC, from year 1 to `LATEST_CLOCK_TIME`)."""
    try:
        moment = datetime.datetime.fromisoformat(value)
        return moment.tzinfo is not None and moment.astimezone(datetime.UTC) <= LATEST_CLOCK_TIME
    except (ValueError, OverflowError):  # OverflowError: 0001-01-01T00:00:00+05:00 is before year 1 in UTC
        return False


def _expected(name: str) -> str:
    """What a valid value of the setting looks like, for messages."""
    if name in _INTEGERS:
        low, high = _INTEGERS[name]
        return f"expected a whole number from {low} to {high}"
    return {
        **dict.fromkeys(
            _SECONDS, f"expected a number of seconds from {MIN_TIMEOUT_S:g} to {MAX_TIMEOUT_S:g}"
        ),
        "rate_limit_per_s": f"expected 0 (off) or a number from {MIN_RATE_PER_S:g} to {MAX_RATE_PER_S:.0f}",
        "host": "expected an address to listen on, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 "
        "(every interface), not an empty string",
        "audiences": "expected one or more audiences separated by commas, e.g. https://graph.microsoft.com",
        "public_url": "expected an absolute http:// or https:// URL with a host and an optional path "
        "prefix, without query, fragment or user name, e.g. https://graph.example.com",
        "log_level": f"expected one of {', '.join(LOG_LEVELS)}",
        "clock": "expected real (the wall clock, times --clock-speed) or manual (moves only when the "
        "control API advances it)",
        "clock_speed": f"expected a factor from {MIN_CLOCK_SPEED:g} to {MAX_CLOCK_SPEED:.0f} (3600: an hour "
        "a second)",
        "clock_start": "expected a date and time with a UTC offset, e.g. 2026-01-01T00:00:00Z, "
        "no later than 9000-01-01T00:00:00Z",
        "permission_errors": "expected observed (401 UnknownError, as Graph answers on synchronization "
        "endpoints) or documented (403 Authorization_RequestDenied, as its pages say)",
        **dict.fromkeys(_BOOLEANS, f"expected on or off (or {'/'.join(_TRUE[:3])}, {'/'.join(_FALSE[:3])})"),
    }.get(name, "not a valid value")
