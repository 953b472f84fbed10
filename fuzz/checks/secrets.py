"""Secrets stay secret: credentials read back masked, and a saved credential never in any answer (D29)."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from fuzz.checks.exchange import json_body, kind, request_label, sent_declared_method, short

if TYPE_CHECKING:
    from schemathesis import CheckContext, Response

    from fuzz.checks.exchange import GraphCase

#: Keys whose values are credentials by their name; Graph answers them as `*` (a `Password` capture;
#: Terraform's azuread provider reads `*` as "masked"). docs/spec-decisions.md D29.
CREDENTIAL_KEYS = frozenset(
    {
        "Password",
        "SecretToken",
        "ClientSecret",
        "Oauth2ClientSecret",
        "Oauth2AccessToken",
        "Oauth2RefreshToken",
    }
)
MASK = "*"
#: Values shorter than this are not tracked: "1" or "true" may appear in any answer by chance.
MIN_TRACKED = 8
MAX_TRACKED = 1000
MAX_CLEAR = 200_000

_saved: set[str] = set()  # credentials saved, never sent anywhere else
_clear: set[str] = set()  # strings the client sent outside a credential: an answer may echo them
_lock = threading.Lock()


def _strings(value: Any) -> Iterator[str]:
    """Every string of a request body, at any depth."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _pairs(body: Any) -> list[Mapping[str, Any]]:
    value = body.get("value") if isinstance(body, Mapping) else None
    return [pair for pair in value if isinstance(pair, Mapping)] if isinstance(value, list) else []


def _is_credential(pair: Mapping[str, Any]) -> bool:
    key = pair.get("key")
    return isinstance(key, str) and key in CREDENTIAL_KEYS


def credentials_are_read_back_masked(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """A 200 from `GET .../synchronization/secrets` answers every credential's value as `*` (D29)."""
    if (
        kind(case) != "secrets"
        or case.method.upper() != "GET"
        or response.status_code != 200
        or not sent_declared_method(case, response)
    ):
        return
    shown = [pair for pair in _pairs(json_body(response)) if _is_credential(pair)]
    clear = [pair["key"] for pair in shown if pair.get("value") != MASK]
    if clear:
        raise AssertionError(
            f"200 to {request_label(case, response)} answers {short(clear)} unmasked.\n"
            "Documented: the value of a credential comes back as `*` (operation description; "
            "docs/spec-decisions.md D29)."
        )


def saved_credentials_are_never_answered(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """No answer ever holds the value of a credential a `PUT .../secrets` saved (D29)."""
    credentials: set[str] = set()
    body: Any = case.body
    if kind(case) == "secrets" and case.method.upper() == "PUT" and sent_declared_method(case, response):
        pairs = _pairs(body)
        credentials = {
            pair["value"] for pair in pairs if _is_credential(pair) and isinstance(pair.get("value"), str)
        }
        body = [pair for pair in pairs if not _is_credential(pair)]
    in_clear = {text for text in _strings(body) if len(text) >= MIN_TRACKED}
    in_clear.update(str(value) for value in (case.query or {}).values() if len(str(value)) >= MIN_TRACKED)
    with _lock:
        if len(_clear) < MAX_CLEAR:
            _clear.update(in_clear)
        # The client sent it (or a text holding it) elsewhere: an answer may hold it.
        _saved.difference_update({value for value in _saved if any(value in text for text in in_clear)})
        if response.status_code == 204 and len(_saved) < MAX_TRACKED:
            _saved.update(
                value
                for value in credentials
                if len(value) >= MIN_TRACKED and not any(value in text for text in _clear)
            )
    if not response.content:
        return
    text = response.content.decode("utf-8", "replace")
    with _lock:
        leaked = next((value for value in _saved if value in text), None)
    if leaked is not None:
        raise AssertionError(
            f"{response.status_code} to {request_label(case, response)} holds the value of a saved "
            f"credential ({len(leaked)} characters).\n"
            "Documented: saved credentials are never answered back, only masked as `*` "
            "(docs/spec-decisions.md D29)."
        )
