"""Client flows written with Microsoft's msgraph-sdk, run by .venv-sdk's Python against a running emulator.

    .venv-sdk/bin/python tests/sdk/flows.py FLOW BASE_URL TOKEN SERVICE_PRINCIPAL_ID

Prints one JSON object: what the flow observed, for tests/sdk/test_msgraph_sdk.py to judge. Nothing
here imports graphsync: this is the SDK as its users call it, pointed at another base URL.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from kiota_abstractions.authentication import (
    AccessTokenProvider,
    AllowedHostsValidator,
    BaseBearerTokenAuthenticationProvider,
)
from msgraph import GraphRequestAdapter, GraphServiceClient
from msgraph.generated.models.o_data_errors.o_data_error import ODataError
from msgraph.generated.models.synchronization_job import SynchronizationJob
from msgraph.generated.models.synchronization_job_application_parameters import (
    SynchronizationJobApplicationParameters,
)
from msgraph.generated.models.synchronization_job_subject import SynchronizationJobSubject
from msgraph.generated.models.synchronization_secret import SynchronizationSecret
from msgraph.generated.models.synchronization_secret_key_string_value_pair import (
    SynchronizationSecretKeyStringValuePair,
)
from msgraph.generated.service_principals.item.synchronization.jobs.item.provision_on_demand.provision_on_demand_post_request_body import (
    ProvisionOnDemandPostRequestBody,
)
from msgraph.generated.service_principals.item.synchronization.jobs.item.validate_credentials.validate_credentials_post_request_body import (
    ValidateCredentialsPostRequestBody,
)
from msgraph.generated.service_principals.item.synchronization.secrets.secrets_put_request_body import (
    SecretsPutRequestBody,
)


class StaticToken(AccessTokenProvider):
    """The emulator's token, as a test would get it from `graphsync token`."""

    def __init__(self, token: str) -> None:
        self.token = token

    async def get_authorization_token(self, uri: str, additional_authentication_context: Any = None) -> str:
        return self.token

    def get_allowed_hosts_validator(self) -> AllowedHostsValidator:
        return AllowedHostsValidator([])


def pairs(**values: str) -> list[SynchronizationSecretKeyStringValuePair]:
    return [
        SynchronizationSecretKeyStringValuePair(key=SynchronizationSecret(key), value=value)
        for key, value in values.items()
    ]


async def error_of(call: Any) -> dict[str, Any]:
    try:
        await call
    except ODataError as error:
        return {"status": error.response_status_code, "code": error.error.code if error.error else None}
    return {"status": None, "code": None}


async def configure_guide(client: GraphServiceClient, service_principal: str) -> dict[str, Any]:
    """Microsoft's "configure provisioning using Graph": templates, job, validateCredentials, secrets, start."""
    sync = client.service_principals.by_service_principal_id(service_principal).synchronization
    templates = await sync.templates.get()
    job = await sync.jobs.post(SynchronizationJob(template_id="SfSandboxOutDelta"))
    one_job = sync.jobs.by_synchronization_job_id(job.id)
    incomplete = await error_of(
        one_job.validate_credentials.post(ValidateCredentialsPostRequestBody(credentials=pairs(UserName="u")))
    )
    credentials = pairs(UserName="admin@contoso.com", Password="p4ssw0rd-value", SecretToken="t0ken-value")
    await one_job.validate_credentials.post(ValidateCredentialsPostRequestBody(credentials=credentials))
    await sync.secrets.put(SecretsPutRequestBody(value=credentials))
    await one_job.start.post()
    started = await one_job.get()
    listed = await sync.jobs.get()
    await one_job.delete()
    gone = await error_of(one_job.get())
    return {
        "templates": [template.id for template in templates.value],
        "job_id": job.id,
        "interval_seconds": job.schedule.interval.total_seconds(),
        "incomplete_credentials": incomplete,
        "state_after_start": started.schedule.state.value,
        "status_after_start": started.status.code.value,
        "listed": [item.id for item in listed.value],
        "after_delete": gone,
    }


async def terraform_secrets(client: GraphServiceClient, service_principal: str) -> dict[str, Any]:
    """azuread_synchronization_secret's calls: PUT the secrets, read them back (msgraph-sdk reads them
    through the synchronization), then delete them by PUTting empty values."""
    sync = client.service_principals.by_service_principal_id(service_principal).synchronization
    configured = pairs(BaseAddress="https://test-address.azuredatabricks.net", SecretToken="password-value")
    await sync.secrets.put(SecretsPutRequestBody(value=configured))
    read = await sync.get()
    count = await sync.secrets.count.get()
    await sync.secrets.put(SecretsPutRequestBody(value=pairs(BaseAddress="", SecretToken="")))
    emptied = await sync.get()
    return {
        "read": {pair.key.value: pair.value for pair in read.secrets},
        "count": count,
        "after_delete": [pair.key.value for pair in emptied.secrets or []],
    }


async def schema_and_provision_on_demand(
    client: GraphServiceClient, service_principal: str
) -> dict[str, Any]:
    """Read a job's schema for its rule id, try Update-Mg...JobSchema's PATCH (Graph answers 404), then
    azuread_synchronization_job_provision_on_demand's call: one user through that rule, twice; and the
    same on a job whose application has no credentials saved."""
    sync = client.service_principals.by_service_principal_id(service_principal).synchronization
    job = await sync.jobs.post(SynchronizationJob(template_id="BoxOutDelta"))
    one_job = sync.jobs.by_synchronization_job_id(job.id)
    schema = await one_job.schema.get()
    template_schema = await sync.templates.by_synchronization_template_id("BoxOutDelta").schema.get()
    patched = await error_of(one_job.schema.patch(schema))
    rule = schema.synchronization_rules[0].id
    subject = SynchronizationJobSubject(
        object_id="9bb0f679-a883-4a6f-8260-35b491b8b8c8", object_type_name="User"
    )
    body = ProvisionOnDemandPostRequestBody(
        parameters=[SynchronizationJobApplicationParameters(rule_id=rule, subjects=[subject])]
    )
    first = await one_job.provision_on_demand.post(body)
    second = await one_job.provision_on_demand.post(body)
    await sync.secrets.put(SecretsPutRequestBody(value=[]))
    unconfigured = await sync.jobs.post(SynchronizationJob(template_id="SfSandboxOutDelta"))
    refused = await error_of(
        sync.jobs.by_synchronization_job_id(unconfigured.id).provision_on_demand.post(body)
    )
    return {
        "schema_id": schema.id,
        "job_id": job.id,
        "template_schema_id": template_schema.id,
        "rules": [r.id for r in schema.synchronization_rules],
        "directories": [d.name for d in schema.directories or []],
        "patch": patched,
        "key": first.key,
        "first": [entry["statusInfo"]["status"] for entry in json.loads(first.value)],
        "second": [entry["statusInfo"]["errorCode"] for entry in json.loads(second.value)],
        "without_credentials": refused,
    }


async def create_through_throttling(client: GraphServiceClient, service_principal: str) -> dict[str, Any]:
    """A create the service throttles first: the SDK's retry handler waits Retry-After and sends it again."""
    jobs = client.service_principals.by_service_principal_id(service_principal).synchronization.jobs
    created = await jobs.post(SynchronizationJob(template_id="BoxOutDelta"))
    assert created is not None and created.id is not None
    await jobs.by_synchronization_job_id(created.id).delete()
    return {"id": created.id}


FLOWS = {
    "configure_guide": configure_guide,
    "terraform_secrets": terraform_secrets,
    "schema_and_provision_on_demand": schema_and_provision_on_demand,
    "create_through_throttling": create_through_throttling,
}


async def main(flow: str, base_url: str, token: str, service_principal: str) -> None:
    adapter = GraphRequestAdapter(BaseBearerTokenAuthenticationProvider(StaticToken(token)))
    adapter.base_url = base_url
    result = await FLOWS[flow](GraphServiceClient(request_adapter=adapter), service_principal)
    print(json.dumps(result))


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:]))
