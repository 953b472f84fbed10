"""The `graphsync` command: `serve`, `token` and `check-seed`.

Bad input prints one readable line on stderr and exits with status 2; no traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from graphsync import __version__
from graphsync.settings import DEFAULT_LIMIT_CONCURRENCY, LOG_LEVELS, Settings, SettingsError, parse_value

SERVE_FLAGS = ("host", "port", "db", "seed", "spec", "log_level", "access_log", "limit_concurrency")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `graphsync` and its `serve`, `token` and `check-seed` commands."""
    parser = argparse.ArgumentParser(
        prog="graphsync",
        description="A Graph-faithful emulator of the Microsoft Graph synchronization-jobs API.",
    )
    parser.add_argument("--version", action="version", version=f"graphsync {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser(
        "serve",
        help="run the emulator",
        description="Serve the API under /v1.0 and /beta. Defaults come from GRAPHSYNC_* variables "
        "(docs/emulator.md); flags override them.",
    )
    serve.add_argument(
        "--host", type=_setting("host"), help="address to listen on (default 127.0.0.1, loopback only)"
    )
    serve.add_argument("--port", type=_setting("port"), help="TCP port; 0 picks a free one (default 8000)")
    serve.add_argument("--db", metavar="URL", help="database URL (default sqlite:///var/graphsync.db)")
    serve.add_argument("--seed", type=Path, metavar="FILE", help="seed file (default: the shipped demo seed)")
    serve.add_argument("--spec", type=Path, metavar="FILE", help="OpenAPI document (default: openapi.yaml)")
    serve.add_argument(
        "--log-level",
        type=_setting("log_level"),
        metavar="LEVEL",
        help=f"one of {', '.join(LOG_LEVELS)} (default info)",
    )
    serve.add_argument(
        "--access-log",
        action=argparse.BooleanOptionalAction,
        help="log one line per request (off by default)",
    )
    serve.add_argument(
        "--limit-concurrency",
        type=_setting("limit_concurrency"),
        metavar="N",
        help=f"connections and tasks at once before answering 503 (default {DEFAULT_LIMIT_CONCURRENCY})",
    )
    serve.set_defaults(func=run_serve)

    # --- hook: `graphsync token` is defined by the auth module (graphsync/tokencli.py) ---
    from graphsync.tokencli import add_token_command

    add_token_command(commands)
    # --- end of hook ---

    check = commands.add_parser(
        "check-seed",
        help="validate a seed file",
        description="Validate a seed file (docs/seed-format.md) and list every problem with its location.",
    )
    check.add_argument("file", type=Path, metavar="FILE")
    check.set_defaults(func=run_check_seed)
    return parser


def _setting(name: str) -> Callable[[str], object]:
    """An argparse type that reads a flag as the GRAPHSYNC_* variable of the same setting is read."""

    def parse(text: str) -> object:
        try:
            return parse_value(name, text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"{text!r}: {exc}") from None

    return parse


def _fail(command: str, message: object, status: int = 2) -> int:
    print(f"graphsync {command}: error: {message}", file=sys.stderr)
    return status


def run_serve(args: argparse.Namespace) -> int:
    """Build the app (spec, seed, keys, database), bind the socket, print the base URL, run uvicorn."""
    from graphsync.app import ImplementationError, create_app
    from graphsync.seed import SeedError
    from graphsync.server import bind, serve
    from graphsync.spec import SpecError
    from graphsync.storage import StorageError

    try:
        settings = Settings.from_env(**{name: getattr(args, name) for name in SERVE_FLAGS})
    except SettingsError as exc:
        return _fail("serve", exc)
    logging.basicConfig(level=settings.log_level.upper(), format="%(levelname)s: %(name)s: %(message)s")
    try:
        app = create_app(settings)
    except (SettingsError, SpecError, SeedError, StorageError, ImplementationError) as exc:
        return _fail("serve", exc)
    try:
        try:
            sock = bind(settings.host, settings.port)
        except OSError as exc:
            return _fail("serve", f"cannot listen on {settings.host}:{settings.port}: {exc.strerror or exc}")
        host, port = sock.getsockname()[:2]
        origin = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
        print(
            f"graphsync {__version__}: serving {origin}/v1.0 and {origin}/beta (spec: {origin}/openapi.yaml)",
            flush=True,
        )
        serve(app, sock, settings)
        return 0
    finally:
        asyncio.run(app.aclose())


def run_check_seed(args: argparse.Namespace) -> int:
    """Exit 0 and print a summary when the seed is valid; 1 with every problem listed when it is not.

    A file that cannot be read at all (missing, a folder, not UTF-8) is bad input: exit 2.
    """
    from graphsync.seed import SeedError, SeedUnreadable, load_seed

    try:
        directory = load_seed(args.file)
    except SeedUnreadable as exc:
        return _fail("check-seed", exc)
    except SeedError as exc:
        print(f"graphsync check-seed: {exc}", file=sys.stderr)
        return 1
    objects = sum(len(t.objects) for t in directory.tenants.values())
    print(
        f"{args.file}: ok ({len(directory.tenants)} tenants, {objects} applications and service principals)"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command `argv` names (default: the process arguments); its exit status, 130 on Ctrl-C."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
