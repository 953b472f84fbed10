"""The `graphsync` command: `serve`, `demo` (graphsync/servecli.py), `token` (graphsync/tokencli.py), `check-seed`.

Bad input prints one readable line on stderr and exits with status 2; no traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from graphsync import __version__


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `graphsync` and its commands."""
    parser = argparse.ArgumentParser(
        prog="graphsync",
        description="A Graph-faithful emulator of the Microsoft Graph synchronization-jobs API.",
    )
    parser.add_argument("--version", action="version", version=f"graphsync {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    from graphsync.servecli import add_serve_commands
    from graphsync.tokencli import add_token_command

    add_serve_commands(commands)
    add_token_command(commands)

    check = commands.add_parser(
        "check-seed",
        help="validate a seed file",
        description="Validate a seed file (docs/seed-format.md) and list every problem with its location.",
    )
    check.add_argument("file", type=Path, metavar="FILE")
    check.set_defaults(func=run_check_seed)
    return parser


def _fail(command: str, message: object, status: int = 2) -> int:
    print(f"graphsync {command}: error: {message}", file=sys.stderr)
    return status


def run_check_seed(args: argparse.Namespace) -> int:
    """Exit 0 and print a summary when the seed is valid; 1 with every problem listed when it is not.

    A file that cannot be read at all (missing, a folder, not UTF-8) is bad input: exit 2.
    """
    from graphsync.handlers import template_problems
    from graphsync.seed import SeedError, SeedUnreadable, load_seed
    from graphsync.settings import default_spec_path
    from graphsync.spec import Spec

    try:
        directory = load_seed(args.file)
    except SeedUnreadable as exc:
        return _fail("check-seed", exc)
    except SeedError as exc:
        print(f"graphsync check-seed: {exc}", file=sys.stderr)
        return 1
    problems = template_problems(Spec.load(default_spec_path()), directory)
    if problems:
        print(
            f"graphsync check-seed: the seed's templates do not make valid jobs and schemas: {'; '.join(problems)}",
            file=sys.stderr,
        )
        return 1
    objects = sum(len(t.objects) for t in directory.tenants.values())
    print(
        f"{args.file}: ok ({len(directory.tenants)} tenants, {objects} applications and service principals, "
        f"{len(directory.templates)} templates described)"
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
