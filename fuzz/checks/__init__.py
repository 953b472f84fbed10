"""Graph rules that openapi.yaml states but JSON Schema cannot express: one small schemathesis check each.

Every check has the signature schemathesis expects, `(ctx, response, case) -> None`, is named after
the rule it enforces, and raises `AssertionError` with a message that says what was received and
what is documented (and where). They judge an implementation only by its HTTP exchanges, so they
import nothing from graphsync. They are used in two places:

- the CLI run (`make fuzz`, fuzz/run.py): `schemathesis.toml` names `fuzz.hooks` as its hooks module,
  which registers every check in `GRAPH_CHECKS` with `schemathesis.check`, so `--checks all` runs
  them next to the built-in ones;
- the pytest run (tests/fuzz/test_inprocess.py): the same module is loaded through the same
  `schemathesis.toml`, so `case.call_and_validate()` runs them too.

The emulator's control API (`/_graphsync/`, src/graphsync/control/openapi.yaml; fuzzed by the same
runner with fuzz/control.toml, which names the same hooks module) is held to the `SHARED_CHECKS`
only: the envelope every answer of the server has, and an undocumented success held to the documented
one. The other checks are Graph's resource rules; `register` wraps them so that they pass over control
API exchanges (`graph_only`).

What the checks need beyond the request and the response comes from the environment (config.py):
`GRAPHSYNC_FUZZ_TOKEN` (the main identity's bearer token) and `GRAPHSYNC_FUZZ_IDENTITIES` (the
identities file, fuzz/identities.py). Without them the identity checks do nothing.

The modules, by topic: envelope.py (request-id, client-request-id, the error body), statuses.py
(401, 405, 429, 204), success.py (a 2xx the operation does not document, held to the documented
success's schema), odata.py (the OData content type, `$select`, `/$count`), jobs.py, paging.py
(`@odata.nextLink`), secrets.py (masking, no credential answered back), templates.py,
provisioning.py (provisionOnDemand's StatusInfo), auth.py (tokens, permissions and tenants, by replaying cases as other
identities); exchange.py reads a case and its response, transport.py sends the checks' own
requests, stats.py counts them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from fuzz.checks.auth import (
    PERMISSION_REFUSED,
    documented_permissions_are_enforced,
    other_tenants_objects_are_not_found,
    valid_token_is_not_rejected,
)
from fuzz.checks.config import (
    DEFAULT_MAX_PAGES,
    ENV_IDENTITIES,
    ENV_MAX_PAGES,
    ENV_PROBE_SHARE,
    ENV_STATS,
    ENV_TOKEN,
    FuzzSettings,
    SettingsError,
    check_environment,
    settings,
)
from fuzz.checks.envelope import (
    client_request_id_is_echoed,
    error_body_is_graph_envelope,
    every_response_carries_request_id,
)
from fuzz.checks.exchange import CONTROL_PREFIX, is_control
from fuzz.checks.jobs import (
    NEVER,
    NEW_JOB_SCHEDULE,
    NEW_JOB_STATUS,
    NEW_JOB_STATUS_CODES,
    NEW_JOB_STATUS_OPTIONAL,
    created_job_is_disabled_and_never_run,
    created_job_location_names_the_job,
    job_id_starts_with_template_id_and_is_not_a_guid,
)
from fuzz.checks.odata import count_is_a_plain_integer, json_success_is_odata, selected_properties_only
from fuzz.checks.paging import list_pages_follow_odata_next_link
from fuzz.checks.provisioning import (
    provision_on_demand_refuses_valid_requests_only_for_credentials,
    provision_on_demand_reports_status_info,
)
from fuzz.checks.secrets import credentials_are_read_back_masked, saved_credentials_are_never_answered
from fuzz.checks.stats import STATS, write_stats
from fuzz.checks.statuses import (
    TOKEN_REFUSED,
    action_success_has_no_body,
    method_not_allowed_carries_allow,
    throttled_response_carries_retry_after,
    unauthorized_carries_bearer_challenge,
)
from fuzz.checks.success import undocumented_success_matches_documented_schema
from fuzz.checks.templates import template_is_the_one_asked_for
from fuzz.identities import GLOBAL_ADMINISTRATOR, OWNED_BY, Identity

if TYPE_CHECKING:
    from schemathesis import CheckContext, Response

    from fuzz.checks.exchange import GraphCase

Check = Callable[["CheckContext", "Response", "GraphCase"], None]

#: Every project check, in the order the report lists them.
GRAPH_CHECKS: tuple[Callable[..., None], ...] = (
    every_response_carries_request_id,
    client_request_id_is_echoed,
    error_body_is_graph_envelope,
    unauthorized_carries_bearer_challenge,
    method_not_allowed_carries_allow,
    throttled_response_carries_retry_after,
    action_success_has_no_body,
    undocumented_success_matches_documented_schema,
    json_success_is_odata,
    selected_properties_only,
    count_is_a_plain_integer,
    created_job_is_disabled_and_never_run,
    job_id_starts_with_template_id_and_is_not_a_guid,
    created_job_location_names_the_job,
    list_pages_follow_odata_next_link,
    credentials_are_read_back_masked,
    saved_credentials_are_never_answered,
    template_is_the_one_asked_for,
    provision_on_demand_reports_status_info,
    provision_on_demand_refuses_valid_requests_only_for_credentials,
    valid_token_is_not_rejected,
    documented_permissions_are_enforced,
    other_tenants_objects_are_not_found,
)

#: The checks that hold for every answer of the server, the control API's too: `request-id`, the echoed
#: `client-request-id`, the error envelope, the 401 challenge, `Allow` on 405, `Retry-After` on 429,
#: no body on 204, an undocumented success held to the documented one.
SHARED_CHECKS: tuple[Callable[..., None], ...] = (
    every_response_carries_request_id,
    client_request_id_is_echoed,
    error_body_is_graph_envelope,
    unauthorized_carries_bearer_challenge,
    method_not_allowed_carries_allow,
    throttled_response_carries_retry_after,
    action_success_has_no_body,
    undocumented_success_matches_documented_schema,
)


def graph_only(check: Check) -> Check:
    """`check`, passing over the exchanges of the control API (its resources are not Graph's)."""

    @functools.wraps(check)
    def wrapped(ctx: CheckContext, response: Response, case: GraphCase) -> None:
        if not is_control(case):
            check(ctx, response, case)

    return wrapped


def registered_checks() -> list[Check]:
    """The checks as `register` hands them to schemathesis: `SHARED_CHECKS` as they are, the others
    `graph_only`."""
    return [check if check in SHARED_CHECKS else graph_only(check) for check in GRAPH_CHECKS]


def register() -> None:
    """Register every check with schemathesis (idempotent); called by fuzz/hooks.py."""
    import schemathesis

    for check in registered_checks():
        schemathesis.check(check)


__all__ = [
    "CONTROL_PREFIX",
    "DEFAULT_MAX_PAGES",
    "ENV_IDENTITIES",
    "ENV_MAX_PAGES",
    "ENV_PROBE_SHARE",
    "ENV_STATS",
    "ENV_TOKEN",
    "GLOBAL_ADMINISTRATOR",
    "GRAPH_CHECKS",
    "NEVER",
    "NEW_JOB_SCHEDULE",
    "NEW_JOB_STATUS",
    "NEW_JOB_STATUS_CODES",
    "NEW_JOB_STATUS_OPTIONAL",
    "OWNED_BY",
    "PERMISSION_REFUSED",
    "SHARED_CHECKS",
    "STATS",
    "TOKEN_REFUSED",
    "FuzzSettings",
    "Identity",
    "SettingsError",
    "action_success_has_no_body",
    "check_environment",
    "client_request_id_is_echoed",
    "count_is_a_plain_integer",
    "created_job_is_disabled_and_never_run",
    "created_job_location_names_the_job",
    "credentials_are_read_back_masked",
    "documented_permissions_are_enforced",
    "error_body_is_graph_envelope",
    "every_response_carries_request_id",
    "graph_only",
    "is_control",
    "job_id_starts_with_template_id_and_is_not_a_guid",
    "json_success_is_odata",
    "list_pages_follow_odata_next_link",
    "method_not_allowed_carries_allow",
    "other_tenants_objects_are_not_found",
    "provision_on_demand_refuses_valid_requests_only_for_credentials",
    "provision_on_demand_reports_status_info",
    "register",
    "registered_checks",
    "saved_credentials_are_never_answered",
    "selected_properties_only",
    "settings",
    "template_is_the_one_asked_for",
    "throttled_response_carries_retry_after",
    "unauthorized_carries_bearer_challenge",
    "undocumented_success_matches_documented_schema",
    "valid_token_is_not_rejected",
    "write_stats",
]
