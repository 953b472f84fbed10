"""fuzz/run.py's command line: parsed, then checked against itself and the environment.

Anything unusable is a UsageError (one line, exit status 2), raised before anything starts.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

from fuzz.checks import ENV_PROBE_SHARE, SettingsError, check_environment
from fuzz.runner.errors import UsageError
from fuzz.runner.options import CONTROL_KEY_VARIABLE, CONTROL_MODES, PHASES, Options
from fuzz.runner.paths import DEFAULT_REPORTS, rel
from graphsync import demo


class _Parser(argparse.ArgumentParser):
    """argparse whose errors are UsageErrors: one line and exit status 2, not the whole usage."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (fuzz/run.py --help lists the options)")


def parse_args(argv: Sequence[str]) -> Options:
    """The command line, checked against itself and the environment; UsageError for anything unusable."""
    args = _parser().parse_args(argv)
    try:
        st_options = shlex.split(args.st_options)
    except ValueError as exc:
        raise UsageError(f"FUZZ_ARGS={args.st_options!r} cannot be split into options: {exc}") from None
    check_fuzz_environment(os.environ)
    options = Options(
        url=args.url.strip(),
        sp_id=args.sp_id.strip(),
        app_id=args.app_id.strip(),
        sp_templates=args.sp_templates.strip(),
        app_templates=args.app_templates.strip(),
        identities=args.identities.strip(),
        seed_file=args.seed_file,
        max_examples=args.max_examples,
        phases=_phases(args.phases),
        include=tuple(args.include),
        exclude=tuple(args.exclude),
        rate_limit=args.rate_limit.strip(),
        workers=args.workers,
        seed=args.seed,
        max_time=args.max_time,
        probe_share=args.probe_share,
        tls_verify=args.tls_verify,
        reports=args.reports,
        st_options=tuple(st_options),
        st_args=tuple(args.st_args),
        control=args.control,
        control_max_examples=args.control_max_examples,
    )
    _check_values(options)
    if options.url:
        options = replace(options, control=_url_control(options.control))
        _check_url_mode(options)
    else:
        options = replace(options, control="on" if options.control == "auto" else options.control)
        _check_emulator_mode(options)
    if options.identities and not Path(options.identities).is_file():
        raise UsageError(f"IDENTITIES={options.identities!r}: no such file")
    return options


def _parser() -> _Parser:
    parser = _Parser(
        prog="fuzz/run.py",
        description="Conformance fuzzing with schemathesis (docs/fuzzing.md). The bearer token for --url "
        "is read from $GRAPHSYNC_FUZZ_TOKEN (make fuzz TOKEN=...), never from the command line.",
    )
    _add_target_options(parser)
    _add_run_options(parser)
    return parser


def _add_target_options(parser: argparse.ArgumentParser) -> None:
    """What is fuzzed: the server, its objects and templates, the identities, the emulator's seed."""
    parser.add_argument("--url", default="", help="base URL of the implementation (e.g. https://host/v1.0); "
                        "default: start the emulator")  # fmt: skip
    parser.add_argument(
        "--sp-id", default="", help=f"object id of the fuzzed service principal (default {demo.BOX_SP})"
    )
    parser.add_argument(
        "--app-id", default="", help=f"object id of the fuzzed application (default {demo.BOX_APP})"
    )
    parser.add_argument(
        "--sp-templates",
        default="",
        help="its synchronization templates, comma-separated "
        f"(default: from the seed, or {','.join(demo.BOX_TEMPLATES)} with --url)",
    )
    parser.add_argument(
        "--app-templates",
        default="",
        help="the application's templates (default: from the seed, or BoxOutDelta)",
    )
    parser.add_argument(
        "--identities", default="", help="JSON file of more identities to replay every case as (--url only)"
    )
    parser.add_argument(
        "--control",
        choices=("auto", *CONTROL_MODES),
        default="auto",
        help="fuzz the emulator's control API (/_graphsync/) after the Graph API (on), not (off), or only it "
        f"(only); default auto: on for the emulator, on with --url only when ${CONTROL_KEY_VARIABLE} "
        "holds its operator key (make fuzz CONTROL_KEY=...)",
    )
    parser.add_argument("--seed-file", default="", help="emulator seed (default: the built-in demo seed)")


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    """How it is fuzzed: schemathesis' phases, limits and options, and where the reports go."""
    parser.add_argument(
        "--max-examples", type=_positive, default=200, help="examples per operation and phase (default 200)"
    )
    parser.add_argument(
        "--control-max-examples",
        type=_positive,
        default=100,
        help="examples per control API operation and phase (default 100)",
    )
    parser.add_argument(
        "--phases", default=",".join(PHASES), help="comma-separated phases (default: all four)"
    )
    parser.add_argument(
        "--include",
        action="append",
        default=[],
        help="only operations whose 'METHOD /path' matches this regex",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        help="skip operations whose 'METHOD /path' matches this regex",
    )
    parser.add_argument(
        "--rate-limit",
        default="",
        help="at most this many requests, e.g. 10/s or 300/m (schemathesis syntax)",
    )
    parser.add_argument(
        "--workers", type=_positive, default=None, help="concurrent schemathesis workers (default 1)"
    )
    parser.add_argument("--seed", type=int, default=None, help="schemathesis random seed, to repeat a run")
    parser.add_argument(
        "--max-time", type=_positive, default=None, help="time budget in seconds for the whole run"
    )
    parser.add_argument(
        "--probe-share",
        type=float,
        default=1.0,
        help="share of cases replayed as the other identities (0-1, default 1)",
    )
    parser.add_argument(
        "--no-tls-verify",
        dest="tls_verify",
        action="store_false",
        help="do not verify the server's TLS certificate",
    )
    parser.add_argument(
        "--reports",
        type=Path,
        default=DEFAULT_REPORTS,
        help=f"report folder (default {rel(DEFAULT_REPORTS)})",
    )
    parser.add_argument(
        "--st-options",
        default="",
        help="more `st run` options in one string, split like a shell line but nothing expanded (FUZZ_ARGS)",
    )
    parser.add_argument("st_args", nargs="*", help="more `st run` options, after --")


def _phases(text: str) -> str:
    """The comma-separated phases, blanks dropped; UsageError for an unknown one or none."""
    phases = [p.strip() for p in text.split(",") if p.strip()]
    unknown = [p for p in phases if p not in PHASES]
    if unknown or not phases:
        raise UsageError(
            f"unknown phase(s) {', '.join(unknown) or '(none given)'}; use some of {', '.join(PHASES)}"
        )
    return ",".join(phases)


def _check_values(options: Options) -> None:
    """The values that mean the same in both modes: the probe share, the rate limit, the regexes."""
    if not 0.0 <= options.probe_share <= 1.0:
        raise UsageError(f"--probe-share must be between 0 and 1, got {options.probe_share}")
    if options.rate_limit and not re.fullmatch(r"\d+/\d*[smhd]|auto", options.rate_limit):
        raise UsageError(
            f"RATE={options.rate_limit!r}: use <requests>/<period> such as 10/s, 300/m or 1000/h, or 'auto'"
        )
    for pattern in [*options.include, *options.exclude]:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise UsageError(
                f"INCLUDE/EXCLUDE {pattern!r} is not a valid regular expression: {exc}"
            ) from None


def _check_url_mode(options: Options) -> None:
    if not re.fullmatch(r"https?://[^/\x00-\x20\x7f]+[^\x00-\x20\x7f]*", options.url):
        raise UsageError(
            f"URL={options.url!r} is not an http(s) URL without spaces; give the API's base URL, "
            "e.g. https://host/v1.0"
        )
    if options.fuzz_control and not os.environ.get(CONTROL_KEY_VARIABLE, "").strip():
        raise UsageError(
            f"CONTROL={options.control} with URL needs CONTROL_KEY: the operator key of the emulator's control "
            "API (`make fuzz URL=... CONTROL_KEY=<key>`; graphsync serve --operator-key-file names its file)"
        )
    if options.graph and not os.environ.get("GRAPHSYNC_FUZZ_TOKEN", "").strip():
        raise UsageError(
            "URL is given but no TOKEN: `make fuzz URL=https://host/v1.0 TOKEN=<access token> "
            "[SP_ID=<service principal object id>] [APP_ID=<application object id>]`. The token is the "
            "bearer token of a caller allowed to manage synchronization jobs (Synchronization.ReadWrite.All)."
        )
    if options.seed_file:
        raise UsageError("--seed-file only applies to the emulator; it cannot be combined with URL")


def _check_emulator_mode(options: Options) -> None:
    if options.identities:
        raise UsageError("IDENTITIES only applies with URL: the emulator run mints its own identities")
    if os.environ.get("GRAPHSYNC_FUZZ_TOKEN"):
        raise UsageError("TOKEN is only used with URL: the emulator run mints its own tokens")
    if os.environ.get(CONTROL_KEY_VARIABLE, "").strip():
        raise UsageError("CONTROL_KEY is only used with URL: the emulator run makes its own operator key")


def _url_control(control: str) -> str:
    """A URL run fuzzes the control API only when asked: CONTROL=on/only, or a CONTROL_KEY with `auto`."""
    if control != "auto":
        return control
    return "on" if os.environ.get(CONTROL_KEY_VARIABLE, "").strip() else "off"


def check_fuzz_environment(environ: Mapping[str, str]) -> None:
    """Refuse a GRAPHSYNC_FUZZ_* number the checks could not read, before anything starts."""
    # The runner sets the probe share itself, from --probe-share (PROBE_SHARE=).
    env = {name: value for name, value in environ.items() if name != ENV_PROBE_SHARE}
    try:
        check_environment(env)
    except SettingsError as exc:
        raise UsageError(str(exc)) from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value
