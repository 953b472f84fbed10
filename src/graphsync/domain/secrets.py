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


def secret_keys(configuration_fields: Iterable[str | None], keys: Iterable[str]) -> frozenset[str]:
    """`CREDENTIAL_KEYS` and those of `keys` that templates' `configurationFields` metadata marks secret.

    A field is `{"name": "secrettoken", "secret": true}`; names are the keys in lower case. A value
    that is not such a JSON list adds nothing.
    """
    marked: set[str] = set()
    for text in configuration_fields:
        try:
            fields = json.loads(text or "[]")
        except ValueError:
            continue
        if isinstance(fields, list):
            marked.update(
                str(field["name"]).lower()
                for field in fields
                if isinstance(field, dict) and field.get("secret") is True and "name" in field
            )
    return CREDENTIAL_KEYS | frozenset(key for key in keys if key.lower() in marked)


def dumps(pairs: Sequence[Pair]) -> str:
    return json.dumps(pairs, ensure_ascii=False, separators=(",", ":"))


def loads(document: str | None) -> list[Pair]:
    return [] if document is None else list(json.loads(document))
