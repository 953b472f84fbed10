"""Synchronization secrets: what a PUT saves and what a GET shows (docs/spec-decisions.md D29).

Secrets are `{"key", "value"}` pairs. A PUT replaces the whole set; a pair with an empty or null
value is not kept (clients delete a secret that way), and a key given twice keeps its last value. Reading back, the value of a credential is
`*`: the keys below, and any key a template's `configurationFields` marks `secret`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

MASK = "*"
CREDENTIAL_KEYS = frozenset(
    {
        "Password",
        "SecretToken",
        "ClientSecret",
        "ConsumerSecret",
        "TokenKey",
        "Oauth2AccessToken",
        "Oauth2RefreshToken",
        "Oauth2ClientSecret",
        "Oauth2AuthorizationCode",
        "ConnectionString",
    }
)

Pair = dict[str, str]


def to_save(pairs: Sequence[Mapping[str, Any]]) -> list[Pair]:
    """The pairs a PUT keeps: one per key, where it first appears, with the value it was last given;
    those whose value is empty or null are left out."""
    values: dict[str, Any] = {}
    for pair in pairs:
        values[str(pair["key"])] = pair.get("value")
    return [{"key": key, "value": str(value)} for key, value in values.items() if value]


def masked(pairs: Iterable[Mapping[str, str]], secret_keys: frozenset[str]) -> list[Pair]:
    """The pairs as a GET shows them: the value of every key in `secret_keys` replaced by `*`."""
    return [
        {"key": pair["key"], "value": MASK if pair["key"] in secret_keys else pair["value"]} for pair in pairs
    ]


def configuration_fields(texts: Iterable[str | None]) -> list[Mapping[str, Any]]:
    """The fields of templates' `configurationFields` metadata: `{"name": "secrettoken", "secret": true}`
    objects with a string name; a value that is not a JSON list of them adds nothing."""
    fields: list[Mapping[str, Any]] = []
    for text in texts:
        try:
            parsed = json.loads(text or "[]")
        except ValueError:
            continue
        if isinstance(parsed, list):
            fields.extend(f for f in parsed if isinstance(f, dict) and isinstance(f.get("name"), str))
    return fields


def secret_keys(texts: Iterable[str | None], keys: Iterable[str]) -> frozenset[str]:
    """`CREDENTIAL_KEYS` and those of `keys` that `configurationFields` mark `"secret": true`."""
    marked = {field["name"].lower() for field in configuration_fields(texts) if field.get("secret") is True}
    return CREDENTIAL_KEYS | frozenset(key for key in keys if key.lower() in marked)


def required_keys(texts: Iterable[str | None], keys: Iterable[str]) -> list[str]:
    """The keys `configurationFields` name (names are the keys in lower case), in their order."""
    by_name = {key.lower(): key for key in keys}
    required: list[str] = []
    for field in configuration_fields(texts):
        key = by_name.get(field["name"].lower())
        if key is not None and key not in required:
            required.append(key)
    return required


def missing(required: Sequence[str], pairs: Sequence[Mapping[str, Any]]) -> list[str]:
    """The required keys that `pairs` (as a PUT would keep them) give no value."""
    given = {pair["key"] for pair in to_save(pairs)}
    return [key for key in required if key not in given]


def dumps(pairs: Sequence[Pair]) -> str:
    return json.dumps(pairs, ensure_ascii=False, separators=(",", ":"))


def loads(document: str | None) -> list[Pair]:
    return [] if document is None else list(json.loads(document))
