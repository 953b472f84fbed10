"""`graphsync serve` and `graphsync demo`: build the app, bind, say where it listens, serve.

`demo` is `serve` with a banner for a person: the base URL, a 12-hour token of the demo tenant and
`curl` lines that work as printed (`make run` calls it). `--ready-file` is for programs that start
the emulator (graphsync.launch): the origin is written there once requests are accepted.

`--workers N` (PostgreSQL only: the one engine several processes share) binds the socket once and
forks N worker processes that accept on it, each with an app and a store of its own; the first
process checks everything a start checks (and migrates the database) before any worker starts,
writes the ready file once every worker accepts requests, passes SIGTERM and SIGINT on to them, and
replaces a worker killed by a signal.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from graphsync import __version__, demo
from graphsync.settings import (
    DEFAULT_LIMIT_CONCURRENCY,
    LOG_LEVELS,
    PERMISSION_ERRORS,
    Settings,
    SettingsError,
    parse_value,
)

SERVE_FLAGS = (
    "host",
    "port",
    "db",
    "seed",
    "spec",
    "log_level",
    "access_log",
    "limit_concurrency",
    "clock",
    "clock_speed",
    "clock_start",
    "operator_key_file",
    "permission_errors",
)
BANNER_TOKEN_S = 12 * 3600
MAX_WORKERS = 64


def add_serve_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `serve` and `demo` (the same options; `demo` also prints a token and curl lines)."""
    for name, summary, banner in (
        ("serve", "run the emulator", False),
        ("demo", "run the emulator and print a demo token and curl lines (make run)", True),
    ):
        parser = commands.add_parser(
            name,
            help=summary,
            description="Serve the API under /v1.0 and /beta. Defaults come from GRAPHSYNC_* variables "
            "(docs/emulator.md); flags override them.",
        )
        _add_serve_options(parser)
        if banner:
            parser.add_argument(
                "--print-seed", action="store_true", help="print the built-in demo seed as YAML and exit"
            )
        parser.set_defaults(func=run_serve, banner=banner)


def _add_serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host", type=_setting("host"), help="address to listen on (default 127.0.0.1, loopback only)"
    )
    parser.add_argument("--port", type=_setting("port"), help="TCP port; 0 picks a free one (default 8000)")
    parser.add_argument(
        "--db",
        metavar="URL",
        help=(
            "database: sqlite:///path.db (default sqlite:///var/graphsync.db), "
            "postgresql://user@host:port/dbname (the postgresql extra) or memory:"
        ),
    )
    parser.add_argument(
        "--seed", type=Path, metavar="FILE", help="seed file (default: the built-in demo seed)"
    )
    parser.add_argument("--spec", type=Path, metavar="FILE", help="OpenAPI document (default: openapi.yaml)")
    parser.add_argument(
        "--log-level",
        type=_setting("log_level"),
        metavar="LEVEL",
        help=f"one of {', '.join(LOG_LEVELS)} (default info)",
    )
    parser.add_argument(
        "--access-log",
        action=argparse.BooleanOptionalAction,
        help="log one line per request (off by default)",
    )
    parser.add_argument(
        "--limit-concurrency",
        type=_setting("limit_concurrency"),
        metavar="N",
        help=f"connections and tasks at once before answering 503 (default {DEFAULT_LIMIT_CONCURRENCY})",
    )
    parser.add_argument(
        "--permission-errors",
        type=_setting("permission_errors"),
        metavar="KIND",
        help=f"a call without permission: {' or '.join(PERMISSION_ERRORS)} "
        "(default observed: 401 UnknownError, as Graph answers; documented: 403)",
    )
    parser.add_argument(
        "--clock",
        type=_setting("clock"),
        metavar="KIND",
        help="real (default) or manual: cycles run when advanced",
    )
    parser.add_argument(
        "--clock-speed",
        type=_setting("clock_speed"),
        metavar="F",
        help="emulated seconds per second (default 1)",
    )
    parser.add_argument(
        "--clock-start",
        type=_setting("clock_start"),
        metavar="TIME",
        help="where the clock starts (ISO 8601, UTC)",
    )
    parser.add_argument(
        "--operator-key-file",
        type=Path,
        metavar="FILE",
        help="the control API's operator key (default var/operator-key, created when missing)",
    )
    parser.add_argument(
        "--workers",
        type=_workers,
        default=1,
        metavar="N",
        help=f"worker processes sharing the listening socket, 1 to {MAX_WORKERS} (default 1); "
        "more than 1 needs a postgresql:// database",
    )
    parser.add_argument(
        "--ready-file",
        type=Path,
        metavar="PATH",
        help="once requests are accepted, write the origin (http://host:port) to this file",
    )


def _setting(name: str) -> Callable[[str], object]:
    """An argparse type that reads a flag as the GRAPHSYNC_* variable of the same setting is read."""

    def parse(text: str) -> object:
        try:
            return parse_value(name, text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"{text!r}: {exc}") from None

    return parse


def _workers(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a whole number from 1 to {MAX_WORKERS}")
    return value


def run_serve(args: argparse.Namespace) -> int:
    """Build the app (spec, seed, keys, database), bind the socket, say where it listens, run uvicorn."""
    from graphsync.app import create_app
    from graphsync.control.operator import OperatorKeyError
    from graphsync.handlers import ImplementationError
    from graphsync.seed import SeedError
    from graphsync.server import bind, serve
    from graphsync.spec import SpecError
    from graphsync.storage import StorageError
    from graphsync.workers import run_workers

    command = "demo" if args.banner else "serve"
    if getattr(args, "print_seed", False):
        return _print_seed()
    try:
        settings = Settings.from_env(**{name: getattr(args, name) for name in SERVE_FLAGS})
    except SettingsError as exc:
        return _fail(command, exc)
    if args.ready_file is not None and not args.ready_file.parent.is_dir():
        return _fail(command, f"--ready-file {args.ready_file}: its folder does not exist")
    if args.workers > 1 and urlsplit(settings.db).scheme != "postgresql":
        return _fail(
            command,
            f"--workers {args.workers} needs a postgresql:// database (processes share only PostgreSQL); "
            f"{settings.db.split(':', 1)[0]}: serves one process",
        )
    logging.basicConfig(level=settings.log_level.upper(), format="%(levelname)s: %(name)s: %(message)s")
    try:
        app = create_app(settings)
        token = _demo_token(settings) if args.banner else ""
    except (SettingsError, SpecError, SeedError, StorageError, ImplementationError, OperatorKeyError) as exc:
        return _fail(command, exc)
    try:
        try:
            sock = bind(settings.host, settings.port)
        except OSError as exc:
            return _fail(command, f"cannot listen on {settings.host}:{settings.port}: {exc.strerror or exc}")
        host, port = sock.getsockname()[:2]
        origin = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
        print(
            f"graphsync {__version__}: serving {origin}/v1.0 and {origin}/beta (spec: {origin}/openapi.yaml)"
        )
        print(
            f"control API: {origin}/_graphsync/ and web view: {origin}/_graphsync/ui (operator key in "
            f"{settings.operator_key_file}); clock: {settings.clock}"
        )
        if args.banner:
            print(banner(origin, token, custom_seed=settings.seed is not None))
        sys.stdout.flush()

        def ready() -> None:
            if args.ready_file is not None:
                _write_atomically(args.ready_file, origin + "\n")

        # uvicorn shuts down gracefully on SIGTERM, then raises the signal again under the handler that
        # was there before it: this one makes that a normal exit (status 0) instead of death by signal.
        signal.signal(signal.SIGTERM, lambda signum, frame: None)
        if args.workers > 1:
            asyncio.run(app.aclose())  # checked and migrated: each worker opens a store of its own
            return run_workers(args.workers, settings, sock, ready)
        serve(app, sock, settings, on_ready=ready)
        return 0
    finally:
        asyncio.run(app.aclose())


def banner(origin: str, token: str, *, custom_seed: bool = False) -> str:
    """What `graphsync demo` prints: the base URL, the demo token and curl lines that work as printed."""
    base = f"{origin}/v1.0"
    synchronization = f"{base}/servicePrincipals/{demo.BOX_SP}/synchronization"
    jobs = f"{synchronization}/jobs"
    subject = {"objectId": next(iter(demo.USERS)), "objectTypeName": "User"}
    note = " (the built-in demo tenant: your seed may not hold it)" if custom_seed else ""
    return "\n".join(
        [
            f"Base URL:  {base}   (also /beta; the spec is at {origin}/openapi.yaml)",
            f"Token (demo tenant, {demo.READ_WRITE} and {demo.UPLOAD}, 12 h){note}:",
            f"  export TOKEN={token}",
            "List the templates of the Box service principal:",
            f'  curl -sS -H "Authorization: Bearer $TOKEN" {synchronization}/templates',
            "Create a job:",
            "  curl -sS -X POST -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\",
            f'       -d \'{{"templateId": "{demo.BOX_TEMPLATES[0]}"}}\' {jobs}',
            "List jobs:",
            f'  curl -sS -H "Authorization: Bearer $TOKEN" {jobs}',
            f"Then: GET {jobs}/{{id}}/schema, and POST {jobs}/{{id}}/provisionOnDemand with",
            "  " + json.dumps({"parameters": [{"ruleId": demo.OUTBOUND_RULE, "subjects": [subject]}]}),
            "",
        ]
    )


def _demo_token(settings: Settings) -> str:
    from graphsync.auth import mint_token

    return mint_token(
        settings,
        tenant=demo.CONTOSO,
        app_id=demo.AUTOMATION_APP,
        roles=[demo.READ_WRITE, demo.UPLOAD],
        expires_in=BANNER_TOKEN_S,
    )


def _print_seed() -> int:
    import yaml

    print("# The built-in demo seed of graphsync (graphsync.demo); format: docs/seed-format.md")
    print(yaml.safe_dump(demo.SEED, sort_keys=False, width=120), end="")
    return 0


def _write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader never sees a part of it."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def _fail(command: str, message: object) -> int:
    print(f"graphsync {command}: error: {message}", file=sys.stderr)
    return 2
