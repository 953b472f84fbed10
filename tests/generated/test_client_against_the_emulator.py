"""The generated client, with its contract hooks on, against the emulator in-process (ASGI, no socket).

Every request the client sends and every response the emulator answers is checked against openapi.yaml
by graphsync_client.contract: a mismatch on either side fails the test with a ContractError.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
for _dist in ("models", "client"):
    sys.path.insert(0, str(ROOT / "generated" / _dist))

from graphsync_client import AuthenticatedClient, contract
from graphsync_client.api.applications_synchronization import (
    applications_synchronization_create_jobs as app_create_job,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_service_principal_synchronization_jobs_synchronization_job_pause as pause_job,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_service_principal_synchronization_jobs_synchronization_job_provision_on_demand as provision,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_service_principal_synchronization_jobs_synchronization_job_restart as restart_job,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_service_principal_synchronization_jobs_synchronization_job_start as start_job,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_service_principal_synchronization_jobs_validate_credentials as validate_for_template,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_synchronization_create_jobs as create_job,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_synchronization_delete_jobs as delete_job,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_synchronization_get_jobs as get_job,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_synchronization_jobs_get_count as count_jobs,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_synchronization_jobs_get_schema as get_schema,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_synchronization_jobs_post_bulk_upload as bulk_upload,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_synchronization_jobs_update_schema as put_schema,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_synchronization_list_jobs as list_jobs,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_synchronization_list_secrets as list_secrets,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_synchronization_list_templates as list_templates,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_synchronization_secrets_get_count as count_secrets,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_synchronization_set_secrets as set_secrets,
)
from graphsync_client.models import (
    BulkUploadOperation,
    BulkUploadOperationMethod,
    BulkUploadOperationPath,
    BulkUploadRequest,
    BulkUploadRequestSchemasItem,
    BulkUploadUser,
    ODataError,
    ProvisionOnDemandRequest,
    RestartRequest,
    ServicePrincipalsSynchronizationGetJobsSelectItem,
    ServicePrincipalsSynchronizationListJobsOrderbyItem,
    ServicePrincipalsSynchronizationListJobsSelectItem,
    StringKeyStringValuePair,
    SynchronizationJob,
    SynchronizationJobApplicationParameters,
    SynchronizationJobCollectionResponse,
    SynchronizationJobCreate,
    SynchronizationJobRestartCriteria,
    SynchronizationJobSubject,
    SynchronizationSchedule,
    SynchronizationSchema,
    SynchronizationSecret,
    SynchronizationSecretCollectionResponse,
    SynchronizationSecretKeyStringValuePair,
    SynchronizationSecretsRequest,
    SynchronizationStatus,
    SynchronizationTemplateCollectionResponse,
    ValidateCredentialsRequest,
)
from graphsync_client.types import UNSET

from graphsync import demo
from graphsync.app import create_app
from graphsync.auth import mint_token
from graphsync.settings import Settings

TENANT = demo.CONTOSO
APP_ID = demo.AUTOMATION_APP  # the app of `graphsync token`
BOX_SP = demo.BOX_SP  # BoxOutDelta, SfSandboxOutDelta
BOX_APP = "2d99cbd6-c369-41ba-b2c7-58a1325248a5"  # application object with BoxOutDelta


def test_job_lifecycle_through_the_generated_client(tmp_path: Path) -> None:
    settings = Settings(db=f"sqlite:///{tmp_path}/jobs.db", signing_key=tmp_path / "key.pem")
    token = mint_token(settings, tenant=TENANT, app_id=APP_ID, roles=["Synchronization.ReadWrite.All"])
    app = create_app(settings)

    async def scenario() -> None:
        transport = httpx.ASGITransport(app=app)
        hooks = contract.async_event_hooks()
        client = AuthenticatedClient(
            base_url="http://graph.test/v1.0",
            token=token,
            httpx_args={"transport": transport, "event_hooks": hooks},
        )
        async with client as api:
            job = await create_job.asyncio(
                BOX_SP, client=api, body=SynchronizationJobCreate(template_id="BoxOutDelta")
            )
            assert isinstance(job, SynchronizationJob), job
            assert isinstance(job.id, str)
            assert job.template_id == "BoxOutDelta"
            assert isinstance(job.schedule, SynchronizationSchedule)
            assert job.schedule.interval == "P10675199DT2H48M5.4775807S"
            assert isinstance(job.status, SynchronizationStatus)
            assert job.status.steady_state_first_achieved_time == "0001-01-01T00:00:00Z"

            for action in (start_job, pause_job):
                assert (await action.asyncio_detailed(BOX_SP, job.id, client=api)).status_code == 204
            criteria = SynchronizationJobRestartCriteria(reset_scope="Watermark, Escrows, QuarantineState")
            restarted = await restart_job.asyncio_detailed(
                BOX_SP, job.id, client=api, body=RestartRequest(criteria=criteria)
            )
            assert restarted.status_code == 204

            fetched = await get_job.asyncio(BOX_SP, job.id, client=api)
            assert isinstance(fetched, SynchronizationJob)
            assert fetched.id == job.id
            page = await list_jobs.asyncio(BOX_SP, client=api)
            assert isinstance(page, SynchronizationJobCollectionResponse)
            assert job.id in [item.id for item in page.value]

            assert (await delete_job.asyncio_detailed(BOX_SP, job.id, client=api)).status_code == 204
            gone = await get_job.asyncio(BOX_SP, job.id, client=api)
            assert isinstance(gone, ODataError)
            assert gone.error.code == "Request_ResourceNotFound"

            unknown = await create_job.asyncio(
                BOX_SP, client=api, body=SynchronizationJobCreate(template_id="Nope")
            )
            assert isinstance(unknown, ODataError)
            assert unknown.error.code == "Request_BadRequest"

            on_app = await app_create_job.asyncio(
                BOX_APP, client=api, body=SynchronizationJobCreate(template_id="BoxOutDelta")
            )
            assert isinstance(on_app, SynchronizationJob)

            with pytest.raises(contract.ContractError, match="schedule.interval"):
                body = SynchronizationJobCreate(
                    template_id="BoxOutDelta", schedule=SynchronizationSchedule(interval="40 minutes")
                )
                await create_job.asyncio(BOX_SP, client=api, body=body)
        await app.aclose()

    asyncio.run(scenario())


def test_query_options_through_the_generated_client(tmp_path: Path) -> None:
    """List options are sent comma-separated (one `$select`, not one per item) and `$count` reads as an int."""
    settings = Settings(db="memory:", signing_key=tmp_path / "key.pem")
    token = mint_token(settings, tenant=TENANT, app_id=APP_ID, roles=["Synchronization.ReadWrite.All"])
    app = create_app(settings)
    sent: list[httpx.URL] = []

    async def remember(request: httpx.Request) -> None:
        sent.append(request.url)

    async def scenario() -> None:
        hooks = contract.async_event_hooks()
        hooks["request"].append(remember)
        client = AuthenticatedClient(
            base_url="http://graph.test/v1.0",
            token=token,
            httpx_args={"transport": httpx.ASGITransport(app=app), "event_hooks": hooks},
        )
        async with client as api:
            for template in ("BoxOutDelta", "SfSandboxOutDelta", "BoxOutDelta"):
                body = SynchronizationJobCreate(template_id=template)
                assert isinstance(await create_job.asyncio(BOX_SP, client=api, body=body), SynchronizationJob)

            assert await count_jobs.asyncio(BOX_SP, client=api) == 3
            assert await count_jobs.asyncio(BOX_SP, client=api, filter_="templateId eq 'BoxOutDelta'") == 2

            select = [
                ServicePrincipalsSynchronizationListJobsSelectItem.ID,
                ServicePrincipalsSynchronizationListJobsSelectItem.TEMPLATEID,
            ]
            order = [ServicePrincipalsSynchronizationListJobsOrderbyItem.TEMPLATEID_DESC]
            page = await list_jobs.asyncio(BOX_SP, client=api, select=select, orderby=order, count=True)
            assert isinstance(page, SynchronizationJobCollectionResponse), page
            assert [job.template_id for job in page.value] == [
                "SfSandboxOutDelta",
                "BoxOutDelta",
                "BoxOutDelta",
            ]
            assert all(job.schedule is UNSET and job.status is UNSET for job in page.value)
            assert sent[-1].params.get_list("$select") == ["id,templateId"]
            assert sent[-1].params.get_list("$orderby") == ["templateId desc"]

            one = page.value[0].id
            assert isinstance(one, str)
            status_only = [ServicePrincipalsSynchronizationGetJobsSelectItem.STATUS]
            fetched = await get_job.asyncio(BOX_SP, one, client=api, select=status_only)
            assert isinstance(fetched, SynchronizationJob)
            assert fetched.id == one and isinstance(fetched.status, SynchronizationStatus)
            assert fetched.template_id is UNSET
        await app.aclose()

    asyncio.run(scenario())


def test_terraforms_secret_flow_through_the_generated_client(tmp_path: Path) -> None:
    """azuread_synchronization_job + azuread_synchronization_secret: create the job, PUT the secrets, poll
    GET until as many come back (credentials masked as `*`), then delete them by PUTting empty values."""
    settings = Settings(db=f"sqlite:///{tmp_path}/jobs.db", signing_key=tmp_path / "key.pem")
    token = mint_token(settings, tenant=TENANT, app_id=APP_ID, roles=["Application.ReadWrite.All"])
    app = create_app(settings)
    configured = {
        SynchronizationSecret.BASEADDRESS: "https://test-address.azuredatabricks.net",
        SynchronizationSecret.SECRETTOKEN: "password-value",
    }

    async def scenario() -> None:
        transport = httpx.ASGITransport(app=app)
        client = AuthenticatedClient(
            base_url="http://graph.test/v1.0",
            token=token,
            httpx_args={"transport": transport, "event_hooks": contract.async_event_hooks()},
        )
        async with client as api:
            job = await create_job.asyncio(
                BOX_SP, client=api, body=SynchronizationJobCreate(template_id="BoxOutDelta")
            )
            assert isinstance(job, SynchronizationJob)
            pairs = [SynchronizationSecretKeyStringValuePair(key=k, value=v) for k, v in configured.items()]
            saved = await set_secrets.asyncio_detailed(
                BOX_SP, client=api, body=SynchronizationSecretsRequest(value=pairs)
            )
            assert saved.status_code == 204
            read = await list_secrets.asyncio(BOX_SP, client=api)
            assert isinstance(read, SynchronizationSecretCollectionResponse)
            assert len(read.value) == len(pairs)  # what Terraform polls for
            shown = {pair.key: pair.value for pair in read.value}
            assert shown == {
                SynchronizationSecret.BASEADDRESS: "https://test-address.azuredatabricks.net",
                SynchronizationSecret.SECRETTOKEN: "*",  # Terraform keeps its configured value for `*`
            }
            assert (await count_secrets.asyncio_detailed(BOX_SP, client=api)).parsed == 2

            emptied = [SynchronizationSecretKeyStringValuePair(key=k, value="") for k in configured]
            deleted = await set_secrets.asyncio_detailed(
                BOX_SP, client=api, body=SynchronizationSecretsRequest(value=emptied)
            )
            assert deleted.status_code == 204
            after = await list_secrets.asyncio(BOX_SP, client=api)
            assert isinstance(after, SynchronizationSecretCollectionResponse)
            assert not {pair.key for pair in after.value} & set(configured)
        await app.aclose()

    asyncio.run(scenario())


def test_the_configure_guides_flow_through_the_generated_client(tmp_path: Path) -> None:
    """Microsoft's "configure provisioning using Graph": list templates, validate credentials before the job
    exists, create the job, save the secrets, start it and read it back."""
    settings = Settings(db=f"sqlite:///{tmp_path}/jobs.db", signing_key=tmp_path / "key.pem")
    token = mint_token(settings, tenant=TENANT, app_id=APP_ID, roles=["Synchronization.ReadWrite.All"])
    app = create_app(settings)
    credentials = [
        SynchronizationSecretKeyStringValuePair(
            key=SynchronizationSecret.USERNAME, value="admin@contoso.com"
        ),
        SynchronizationSecretKeyStringValuePair(key=SynchronizationSecret.PASSWORD, value="p4ssw0rd-value"),
        SynchronizationSecretKeyStringValuePair(key=SynchronizationSecret.SECRETTOKEN, value="t0ken-value"),
    ]

    async def scenario() -> None:
        client = AuthenticatedClient(
            base_url="http://graph.test/v1.0",
            token=token,
            httpx_args={
                "transport": httpx.ASGITransport(app=app),
                "event_hooks": contract.async_event_hooks(),
            },
        )
        async with client as api:
            templates = await list_templates.asyncio(BOX_SP, client=api)
            assert isinstance(templates, SynchronizationTemplateCollectionResponse)
            template = next(t for t in templates.value if t.id == "SfSandboxOutDelta")
            assert template.discoverable is True

            incomplete = await validate_for_template.asyncio(
                BOX_SP,
                client=api,
                body=ValidateCredentialsRequest(template_id=template.id, credentials=credentials[:1]),
            )
            assert isinstance(incomplete, ODataError)
            assert incomplete.error.code == "CredentialsMissing"
            checked = await validate_for_template.asyncio_detailed(
                BOX_SP,
                client=api,
                body=ValidateCredentialsRequest(template_id=template.id, credentials=credentials),
            )
            assert checked.status_code == 204

            job = await create_job.asyncio(
                BOX_SP, client=api, body=SynchronizationJobCreate(template_id=template.id)
            )
            assert isinstance(job, SynchronizationJob)
            saved = await set_secrets.asyncio_detailed(
                BOX_SP, client=api, body=SynchronizationSecretsRequest(value=credentials)
            )
            assert saved.status_code == 204
            assert (await start_job.asyncio_detailed(BOX_SP, job.id, client=api)).status_code == 204
            running = await get_job.asyncio(BOX_SP, job.id, client=api)
            assert isinstance(running, SynchronizationJob)
            assert isinstance(running.schedule, SynchronizationSchedule)
            assert running.schedule.state == "Active"
        await app.aclose()

    asyncio.run(scenario())


def test_schema_provision_on_demand_and_bulk_upload_through_the_generated_client(tmp_path: Path) -> None:
    """Read a job's schema for its rule, put it back, provision a user through the rule; then upload
    two HR records (bulkUpload takes its own permission and application/scim+json)."""
    settings = Settings(db=f"sqlite:///{tmp_path}/jobs.db", signing_key=tmp_path / "key.pem")
    roles = ["Synchronization.ReadWrite.All", "SynchronizationData-User.Upload"]
    token = mint_token(settings, tenant=TENANT, app_id=APP_ID, roles=roles)
    app = create_app(settings)

    async def scenario() -> None:
        transport = {"transport": httpx.ASGITransport(app=app), "event_hooks": contract.async_event_hooks()}
        async with AuthenticatedClient(
            base_url="http://graph.test/v1.0", token=token, httpx_args=transport
        ) as api:
            job = await create_job.asyncio(
                BOX_SP, client=api, body=SynchronizationJobCreate(template_id="BoxOutDelta")
            )
            assert isinstance(job, SynchronizationJob)
            schema = await get_schema.asyncio(BOX_SP, job.id, client=api)
            assert isinstance(schema, SynchronizationSchema) and schema.id == job.id
            rule = schema.synchronization_rules[0]
            assert rule.id == demo.OUTBOUND_RULE
            schema.version = "edited"
            assert (
                await put_schema.asyncio_detailed(BOX_SP, job.id, client=api, body=schema)
            ).status_code == 204
            again = await get_schema.asyncio(BOX_SP, job.id, client=api)
            assert isinstance(again, SynchronizationSchema) and again.version == "edited"

            subject = SynchronizationJobSubject(object_id=next(iter(demo.USERS)), object_type_name="User")
            parameters = SynchronizationJobApplicationParameters(rule_id=rule.id, subjects=[subject])
            answer = await provision.asyncio(
                BOX_SP, job.id, client=api, body=ProvisionOnDemandRequest(parameters=[parameters])
            )
            assert isinstance(answer, StringKeyStringValuePair)
            assert isinstance(answer.value, str) and '"status":"Success"' in answer.value

            records = [
                BulkUploadOperation(
                    method=BulkUploadOperationMethod.POST,
                    bulk_id=external_id,
                    path=BulkUploadOperationPath.VALUE_0,
                    data=BulkUploadUser(
                        schemas=[
                            "urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                        ],
                        external_id=external_id,
                    ),
                )
                for external_id in ("701984", "701985")
            ]
            body = BulkUploadRequest(
                schemas=[BulkUploadRequestSchemasItem.URNIETFPARAMSSCIMAPIMESSAGES2_0BULKREQUEST],
                operations=records,
            )
            uploaded = await bulk_upload.asyncio_detailed(BOX_SP, job.id, client=api, body=body)
            assert uploaded.status_code == 202
            assert uploaded.headers["location"].endswith(f"jobid%20eq%20'{job.id}'")
        await app.aclose()

    asyncio.run(scenario())
