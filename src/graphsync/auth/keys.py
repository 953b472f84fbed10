"""Keys that sign and verify tokens: the development key file, an operator's PEM, or a JWKS file.

The development key is created on first use, readable by its owner only, and written so that two
processes starting at once (`graphsync serve` and `graphsync token`) end up with the same key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import secrets
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from jwt.exceptions import InvalidKeyError

from graphsync.files import read_limited
from graphsync.settings import Settings, SettingsError

log = logging.getLogger("graphsync.auth")

KEY_BITS = 2048
MIN_KEY_BITS = 2048
MAX_KEY_FILE_BYTES = 1024 * 1024  # a PEM key is a few KiB; a JWKS of many keys stays far below this
JWKS_CANNOT_SIGN = (
    "GRAPHSYNC_JWKS is set: the server verifies with those public keys and holds no private key; "
    "get tokens from the issuer of those keys (or unset GRAPHSYNC_JWKS to use the development key)"
)


@dataclass(frozen=True)
class KeySet:
    """Public keys by `kid` that verify tokens, and the private key (with its kid) that mints them, if any."""

    public: Mapping[str, rsa.RSAPublicKey]
    signing: rsa.RSAPrivateKey | None = None
    signing_kid: str | None = None
    why_no_signing: str = ""


def load_key_set(settings: Settings) -> KeySet:
    """The keys the settings name: the JWKS file when `jwks` is set, else the PEM at `signing_key`."""
    if settings.jwks is not None:
        return KeySet(public=load_jwks(settings.jwks), why_no_signing=JWKS_CANNOT_SIGN)
    key = load_or_create_pem(settings.signing_key, settings.describe("signing_key"))
    if isinstance(key, rsa.RSAPrivateKey):
        kid = key_id(key.public_key())
        return KeySet(public={kid: key.public_key()}, signing=key, signing_kid=kid)
    return KeySet(
        public={key_id(key): key},
        why_no_signing=f"{settings.signing_key} holds only a public key: tokens can be verified but not minted",
    )


def key_id(public_key: rsa.RSAPublicKey) -> str:
    """The key's RFC 7638 JWK thumbprint (SHA-256, base64url): a `kid` that both sides derive alike."""
    numbers = public_key.public_numbers()
    members = {"e": _b64uint(numbers.e), "kty": "RSA", "n": _b64uint(numbers.n)}
    digest = hashlib.sha256(json.dumps(members, separators=(",", ":"), sort_keys=True).encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def load_or_create_pem(path: Path, name: str | None = None) -> rsa.RSAPrivateKey | rsa.RSAPublicKey:
    """Read the RSA key at `path`, creating a new 2048-bit development key there if no file exists.

    `name` is how messages call the setting (default `GRAPHSYNC_SIGNING_KEY=<path>`); any problem,
    including an OS error such as a folder at `path`, is a SettingsError naming it.
    """
    name = name or f"GRAPHSYNC_SIGNING_KEY={path}"
    key = _parse_pem(_read_or_create(path, name), name)
    if isinstance(key, rsa.RSAPrivateKey):
        _warn_if_others_can_read(path)
    return key


def _read_or_create(path: Path, name: str) -> bytes:
    """The key file's bytes, after creating a development key when there is no file at all."""
    try:
        return read_limited(path, MAX_KEY_FILE_BYTES)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise SettingsError(f"{name}: cannot read the key file: {exc.strerror or exc}") from None
    try:
        return _create_key_file(path)
    except OSError as exc:
        raise SettingsError(
            f"{name}: no key file there, and cannot create one: {exc.strerror or exc}"
        ) from None


def _warn_if_others_can_read(path: Path) -> None:
    """Warn when a private key file is readable by group or others: they could mint tokens."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return
    if mode & 0o077:
        log.warning(
            "signing key %s is readable by others (mode %o): anyone who can read it can mint "
            "tokens; run chmod 600 on it",
            path,
            mode,
        )


def _create_key_file(path: Path) -> bytes:
    """Write a new key to a private temporary file, then hard-link it into place.

    `os.link` fails if `path` exists, so when two processes race, the first link wins and the other
    reads the winner's key: nobody ever sees a half-written file or a key that is later replaced.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), 0o600)
            out.write(pem)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return read_limited(path, MAX_KEY_FILE_BYTES)
        _fsync_dir(path.parent)
        log.info("created development signing key %s", path)
        return pem
    finally:
        tmp.unlink(missing_ok=True)


def _fsync_dir(directory: Path) -> None:
    """Make the new directory entry durable (best effort: not every platform can open a directory)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _parse_pem(data: bytes, name: str) -> rsa.RSAPrivateKey | rsa.RSAPublicKey:
    """An unencrypted PEM RSA private key (signs and verifies) or public key (verifies only).

    Not cached here (a module-level cache would outlive the apps): each app's Authenticator loads its
    keys once; `mint_token` loads them per call (about 50 ms, the private key's consistency check).
    """
    key: object
    try:
        if b"PRIVATE KEY" in data:
            key = serialization.load_pem_private_key(data, password=None)
        else:
            key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise SettingsError(f"{name}: not an unencrypted PEM RSA key (private or public)") from None
    if not isinstance(key, (rsa.RSAPrivateKey, rsa.RSAPublicKey)):
        raise SettingsError(f"{name}: not an RSA key (tokens are RS256)")
    if key.key_size < MIN_KEY_BITS:
        raise SettingsError(f"{name}: RSA key of {key.key_size} bits, need {MIN_KEY_BITS}")
    return key


def load_jwks(path: Path) -> dict[str, rsa.RSAPublicKey]:
    """The RSA signature keys of a JWKS file by `kid`; other keys are skipped with a warning."""
    try:
        document = json.loads(read_limited(path, MAX_KEY_FILE_BYTES).decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise SettingsError(f"GRAPHSYNC_JWKS={path}: cannot read a JSON Web Key Set ({exc})") from None
    entries = document.get("keys") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise SettingsError(f'GRAPHSYNC_JWKS={path}: no "keys" array')
    keys: dict[str, rsa.RSAPublicKey] = {}
    for entry in entries:
        kid = entry.get("kid") if isinstance(entry, dict) else None
        key = _jwk_public_key(entry) if isinstance(entry, dict) and isinstance(kid, str) and kid else None
        if not isinstance(kid, str) or key is None:
            log.warning(
                "GRAPHSYNC_JWKS=%s: skipping key %r (need kty RSA, a kid, use sig, alg RS256 if set, "
                "at least %d bits)",
                path,
                kid,
                MIN_KEY_BITS,
            )
            continue
        keys[kid] = key
    if not keys:
        raise SettingsError(f"GRAPHSYNC_JWKS={path}: no usable RSA signature key")
    return keys


def _jwk_public_key(entry: dict[str, object]) -> rsa.RSAPublicKey | None:
    """The public RSA key of one JWK, or None when it is not an RS256 signature key."""
    if entry.get("kty") != "RSA" or entry.get("use", "sig") != "sig" or entry.get("alg", "RS256") != "RS256":
        return None
    try:
        key = RSAAlgorithm.from_jwk(entry)
    except (InvalidKeyError, ValueError, TypeError, KeyError):
        return None
    public = key.public_key() if isinstance(key, rsa.RSAPrivateKey) else key
    return public if isinstance(public, rsa.RSAPublicKey) and public.key_size >= MIN_KEY_BITS else None


def _b64uint(value: int) -> str:
    """Base64url of an unsigned integer's minimal big-endian bytes, as JWK `n` and `e` are written."""
    raw = value.to_bytes((value.bit_length() + 7) // 8 or 1, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
