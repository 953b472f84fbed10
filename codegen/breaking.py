"""Report the changes to openapi.yaml that break existing clients or callers; fail unless the major version grew.

    python codegen/breaking.py --base REF [--spec openapi.yaml]     # the spec at git revision REF
    python codegen/breaking.py --base-file OLD.yaml [--spec NEW.yaml]

A change is breaking when something that worked against the old contract can fail against the new
one. Requests (what callers send) may only get more permissive: a removed property, enum member or
type, a tightened bound, pattern or permission, or a newly required field breaks callers. Responses
(what the generated models and clients parse) may only get narrower: a removed property, a property
no longer required, a new type (e.g. `null`), a loosened bound or pattern, or a new enum member
breaks them. Graph's evolvable enums are the exception: members added after `unknownFutureValue`
are not breaking, because Graph sends them only to clients that ask for them (`Prefer:
include-unknown-enum-members`); a member added before the sentinel is.

Each rule is one function named after it: the operation rules are in breaking_operations.py, the
schema rules in breaking_schemas.py, the spec and the finding in breaking_model.py; this module runs
the rules and is the command. Findings are printed as
`RULE  WHERE: what the base contract said; what the new one says`. Some rules are conservative: a
changed `pattern` is reported even when the new one accepts more, since regular expressions cannot
be compared. A finding a maintainer has judged harmless is accepted by a commit between the base
revision and HEAD whose message has the line `Spec-Change-Reviewed: RULE WHERE` (with `--base`).

Exit status: 0 nothing breaking (or only reviewed findings), or breaking changes with a major
`info.version` bump; 1 breaking changes without one; 2 usage error (unreadable file, unknown revision).
"""

from __future__ import annotations

import argparse
import re
import signal
import subprocess
import sys
from pathlib import Path

import yaml
from breaking_model import Finding, Seen, Spec, UsageError
from breaking_operations import (
    operation_id_changed,
    operation_removed,
    parameters_compatible,
    permission_withdrawn,
    request_body_compatible,
    responses_compatible,
)

__all__ = [
    "Finding",
    "Spec",
    "UsageError",
    "breaking_changes",
    "load_file",
    "load_revision",
    "main",
    "major_version",
    "reviewed_findings",
]

REVIEWED = re.compile(r"^Spec-Change-Reviewed:\s*(\S+)\s+(.+?)\s*$", re.MULTILINE)


def breaking_changes(base: Spec, head: Spec) -> list[Finding]:
    """Every breaking change from `base` to `head`, in document order."""
    findings: list[Finding] = []
    seen: Seen = set()

    def emit(rule: str, where: str, message: str) -> None:
        finding = Finding(rule, where, message)
        if finding not in findings:
            findings.append(finding)

    operation_removed(base, head, emit)
    head_ops = head.operations()
    for key, old in base.operations().items():
        new = head_ops.get(key)
        if new is None:
            continue
        where = " ".join(key)
        operation_id_changed(where, old, new, emit)
        permission_withdrawn(where, old, new, emit)
        parameters_compatible(base, head, where, old, new, emit, seen)
        request_body_compatible(base, head, where, old, new, emit, seen)
        responses_compatible(base, head, where, old, new, emit, seen)
    return findings


def major_version(spec: Spec) -> int | None:
    """The major number of `info.version`, or None when it does not start with one."""
    version = str((spec.document.get("info") or {}).get("version", ""))
    head = version.split(".", 1)[0]
    return int(head) if head.isdigit() else None


def load_file(path: Path) -> Spec:
    """Parse a spec file; UsageError when it cannot be read or is not YAML."""
    try:
        return Spec(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from None
    except yaml.YAMLError as exc:
        raise UsageError(f"{path} is not valid YAML: {exc}") from None


def load_revision(revision: str, path: Path) -> Spec:
    """The spec as committed at a git revision (`git show REV:PATH`)."""
    name = f"{revision}:{path.name}"
    try:
        shown = subprocess.run(
            ["git", "show", f"{revision}:./{path.name}"], capture_output=True, check=False, cwd=path.parent
        )
    except OSError as exc:
        raise UsageError(f"cannot run git: {exc}") from None
    if shown.returncode != 0:
        detail = shown.stderr.decode(errors="replace").strip().splitlines()
        reason = detail[-1] if detail else f"git exited with {shown.returncode}"
        raise UsageError(f"cannot read {name} from git: {reason}")
    try:
        return Spec(yaml.safe_load(shown.stdout), name)
    except yaml.YAMLError as exc:
        raise UsageError(f"{name} is not valid YAML: {exc}") from None


def reviewed_findings(revision: str, path: Path) -> set[tuple[str, str]]:
    """(rule, where) pairs accepted by `Spec-Change-Reviewed:` lines in the commits from `revision` to HEAD."""
    shown = subprocess.run(
        ["git", "log", "--format=%B", f"{revision}..HEAD"], capture_output=True, check=False, cwd=path.parent
    )
    if shown.returncode != 0:
        return set()
    text = shown.stdout.decode(errors="replace")
    return {(rule, where) for rule, where in REVIEWED.findall(text)}


def main(argv: list[str] | None = None) -> int:
    """Print the unreviewed breaking changes; the exit status described in the module docstring."""
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `... | head` ends quietly
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--base", metavar="REV", help="git revision holding the old spec (e.g. HEAD, main, v1.0.0)"
    )
    source.add_argument("--base-file", type=Path, metavar="FILE", help="the old spec as a file")
    parser.add_argument(
        "--spec", type=Path, default=Path("openapi.yaml"), help="the new spec (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    try:
        head = load_file(args.spec)
        base = load_file(args.base_file) if args.base_file else load_revision(args.base, args.spec)
    except UsageError as exc:
        print(f"check-breaking: {exc}", file=sys.stderr)
        return 2
    findings = breaking_changes(base, head)
    reviewed = reviewed_findings(args.base, args.spec) if args.base else set()
    for finding in [f for f in findings if (f.rule, f.where) in reviewed]:
        print(f"reviewed  {finding}")
        findings.remove(finding)
    if not findings:
        print(f"{head.name}: no unreviewed breaking change since {base.name}")
        return 0
    for finding in findings:
        print(finding)
    old_major, new_major = major_version(base), major_version(head)
    if old_major is not None and new_major is not None and new_major > old_major:
        print(
            f"{len(findings)} breaking change(s), allowed by the major version bump {old_major} -> {new_major}"
        )
        return 0
    print(
        f"{len(findings)} breaking change(s) since {base.name} without a major version bump of info.version "
        f"({(base.document.get('info') or {}).get('version')!r} -> "
        f"{(head.document.get('info') or {}).get('version')!r})",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
