"""`graphsync token`: print a bearer token that an emulator with the same key configuration accepts."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from graphsync import demo
from graphsync.auth import DIRECTORY_ROLES, mint_token
from graphsync.auth.tokens import GUID
from graphsync.settings import Settings

DEFAULT_ROLES = (demo.READ_WRITE,)
MAX_EXPIRES_S = 366 * 86400
TOKEN_SETTINGS = ("signing_key", "jwks")  # the only settings minting uses: others may be unset or bad
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_ROLE_IDS = {re.sub(r"[^a-z]", "", name.lower()): template for name, template in DIRECTORY_ROLES.items()}


def add_token_command(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add the `token` subcommand; its handler is `run_token` (also set as the parser's `func` default)."""
    parser = subparsers.add_parser(
        "token",
        help="print a bearer token for the emulator",
        description="Print an access token signed with the development key (GRAPHSYNC_SIGNING_KEY). "
        "Without --scopes it is an application token with --roles; with --scopes it is a delegated "
        "token, which also needs --directory-roles to be allowed.",
    )
    _add_identity_options(parser)
    parser.add_argument(
        "--expires",
        type=_duration,
        default=3600,
        metavar="SECONDS",
        help="lifetime: seconds, or a number with s, m, h or d (default: 1h)",
    )
    parser.add_argument(
        "--signing-key",
        type=Path,
        default=None,
        metavar="PATH",
        help="PEM private key to sign with (default: GRAPHSYNC_SIGNING_KEY or "
        "var/dev-signing-key.pem, created if missing)",
    )
    parser.set_defaults(func=run_token)
    return parser


def _add_identity_options(parser: argparse.ArgumentParser) -> None:
    """Who the token is for: tenant, app, and its application or delegated permissions."""
    parser.add_argument(
        "--tenant",
        type=_guid,
        default=demo.CONTOSO,
        metavar="ID",
        help=f"tenant id, the token's tid (default: the demo tenant {demo.CONTOSO})",
    )
    parser.add_argument(
        "--app-id",
        type=_guid,
        default=demo.AUTOMATION_APP,
        metavar="ID",
        help=f"the calling application's appId (default: the demo app {demo.AUTOMATION_APP})",
    )
    parser.add_argument(
        "--roles",
        nargs="*",
        type=_permission,
        default=None,
        metavar="R",
        help="application permissions (default without --scopes: Synchronization.ReadWrite.All)",
    )
    parser.add_argument(
        "--scopes",
        nargs="+",
        type=_permission,
        default=None,
        metavar="S",
        help="delegated permissions, e.g. Synchronization.ReadWrite.All (makes a delegated token)",
    )
    parser.add_argument(
        "--directory-roles",
        nargs="+",
        type=_directory_role,
        default=[],
        metavar="ID-or-name",
        help="directory roles of the signed-in user, by template id or name, e.g. "
        "'Application Administrator'",
    )


def run_token(args: argparse.Namespace) -> int:
    """Mint the token the arguments describe and print only it; errors go to stderr (exit 2: bad input)."""
    if args.roles is not None:
        roles = list(args.roles)
    else:
        roles = [] if args.scopes is not None else list(DEFAULT_ROLES)
    try:
        settings = Settings.from_env(read=TOKEN_SETTINGS, signing_key=args.signing_key)
        token = mint_token(
            settings,
            tenant=args.tenant,
            app_id=args.app_id,
            roles=roles,
            scopes=args.scopes or (),
            directory_roles=args.directory_roles,
            expires_in=args.expires,
        )
    except ValueError as exc:  # includes SettingsError, e.g. a key file that cannot be read or created
        print(f"graphsync token: error: {exc}", file=sys.stderr)
        return 2
    print(token)
    return 0


def _guid(value: str) -> str:
    if not GUID.fullmatch(value):
        raise argparse.ArgumentTypeError(f"not a GUID: {value!r}")
    return value.lower()


def _permission(value: str) -> str:
    if not value or any(c.isspace() for c in value):
        raise argparse.ArgumentTypeError(f"not a permission name: {value!r}")
    return value


def _directory_role(value: str) -> str:
    """A role template id, or one of the known role names (case, spaces and dashes ignored)."""
    if GUID.fullmatch(value):
        return value.lower()
    template = _ROLE_IDS.get(re.sub(r"[^a-z]", "", value.lower()))
    if template is None:
        known = ", ".join(repr(name) for name in DIRECTORY_ROLES)
        raise argparse.ArgumentTypeError(
            f"unknown directory role {value!r}: use a template id or one of {known}"
        )
    return template


def _duration(value: str) -> int:
    """Seconds from `3600`, `90s`, `30m`, `1h` or `2d`; positive and at most 366 days."""
    match = re.fullmatch(r"\s*(\d{1,9})\s*([smhd]?)\s*", value.lower())
    if match is None:
        raise argparse.ArgumentTypeError(f"not a duration: {value!r} (use e.g. 3600, 30m, 1h, 2d)")
    seconds = int(match.group(1)) * _UNITS[match.group(2)]
    if not 0 < seconds <= MAX_EXPIRES_S:
        raise argparse.ArgumentTypeError(f"duration must be between 1 second and 366 days, got {value!r}")
    return seconds


def main(argv: list[str] | None = None) -> int:
    """Run `token` alone (`python -m graphsync.tokencli`), for when the main CLI is not at hand."""
    parser = argparse.ArgumentParser(prog="graphsync")
    add_token_command(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["token", *(sys.argv[1:] if argv is None else argv)])
    return run_token(args)


if __name__ == "__main__":
    sys.exit(main())
