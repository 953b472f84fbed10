"""The operator key: what the control API and the web view accept instead of a Graph token."""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

MIN_KEY_CHARS = 16
MAX_KEY_CHARS = 200


class OperatorKeyError(ValueError):
    """The key file cannot be read or created, or holds no usable key."""


def load_or_create(path: Path) -> str:
    """The key in `path`; a new random one, written there readable by its owner only, if there is none."""
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="ascii") as out:
                out.write(secrets.token_urlsafe(32) + "\n")
        key = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise OperatorKeyError(f"operator key file {path}: {getattr(exc, 'strerror', None) or exc}") from None
    if (
        not (MIN_KEY_CHARS <= len(key) <= MAX_KEY_CHARS)
        or not key.isascii()
        or not key.isprintable()
        or " " in key
    ):
        raise OperatorKeyError(
            f"operator key file {path}: expected one line of {MIN_KEY_CHARS} to {MAX_KEY_CHARS} printable "
            "ASCII characters without spaces"
        )
    return key


def matches(key: str, offered: str | None) -> bool:
    """Whether `offered` is the key (compared in constant time)."""
    return offered is not None and hmac.compare_digest(key.encode(), offered.encode("utf-8", "replace"))


def session(key: str) -> str:
    """The web view's cookie value: derived from the key (HMAC-SHA256), so that a cookie that leaks (a
    browser profile, a proxy's log) does not hand out the key the control API accepts."""
    return hmac.new(key.encode(), b"graphsync web view session", "sha256").hexdigest()


def bearer(authorization: str | None) -> str | None:
    """The credential of an `Authorization: Bearer ...` header."""
    if authorization is None:
        return None
    scheme, _, credential = authorization.partition(" ")
    return credential.strip() if scheme.lower() == "bearer" and credential.strip() else None
