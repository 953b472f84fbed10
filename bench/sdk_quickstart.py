# mypy: disallow-subclassing-any=False
"""The flow of codegen/client-templates/quickstart.py written with Microsoft's msgraph-sdk: create, page
through, start, pause, restart with a scope and delete; 403/401 and 404 handled. Run by .venv-sdk."""

from __future__ import annotations

import asyncio
import os
from typing import Any

from kiota_abstractions.authentication import (  # type: ignore[import-not-found, unused-ignore]
    AccessTokenProvider,
    AllowedHostsValidator,
    BaseBearerTokenAuthenticationProvider,
)
from kiota_abstractions.base_request_configuration import RequestConfiguration  # type: ignore[import-not-found, unused-ignore]
from msgraph import GraphRequestAdapter, GraphServiceClient  # type: ignore[import-not-found, unused-ignore]
from msgraph.generated.models.o_data_errors.o_data_error import ODataError  # type: ignore[import-not-found, unused-ignore]
from msgraph.generated.models.synchronization_job import SynchronizationJob  # type: ignore[import-not-found, unused-ignore]
from msgraph.generated.models.synchronization_job_restart_criteria import SynchronizationJobRestartCriteria  # type: ignore[import-not-found, unused-ignore]
from msgraph.generated.models.synchronization_job_restart_scope import SynchronizationJobRestartScope  # type: ignore[import-not-found, unused-ignore]
from msgraph.generated.models.synchronization_status_code import SynchronizationStatusCode  # type: ignore[import-not-found, unused-ignore]
from msgraph.generated.service_principals.item.synchronization.jobs.item.restart.restart_post_request_body import (  # type: ignore[import-not-found, unused-ignore]
    RestartPostRequestBody,
)
from msgraph.generated.service_principals.item.synchronization.jobs.jobs_request_builder import (  # type: ignore[import-not-found, unused-ignore]
    JobsRequestBuilder,
)


async def job_lifecycle(graph: GraphServiceClient, service_principal_id: str) -> list[str]:
    """One job from create to delete; what happened, a line per step."""
    jobs = graph.service_principals.by_service_principal_id(service_principal_id).synchronization.jobs
    job = await jobs.post(SynchronizationJob(template_id="BoxOutDelta"))  # 429: RetryHandler waits
    steps = [f"created {job.id}: {job.status.code.value}, every {job.schedule.interval}"]
    query = JobsRequestBuilder.JobsRequestBuilderGetQueryParameters(top=2)
    listed, page = 0, await jobs.get(RequestConfiguration(query_parameters=query))
    while page is not None:
        listed += len(page.value)
        page = await jobs.with_url(page.odata_next_link).get() if page.odata_next_link else None
    steps.append(f"{listed} jobs listed, page after page")
    this = jobs.by_synchronization_job_id(job.id)
    await this.start.post()
    await this.pause.post()
    paused = (await this.get()).status.code == SynchronizationStatusCode.Paused
    # reset_scope is typed as one member: "Watermark, Escrows" cannot be written (a list is not sent)
    scope = SynchronizationJobRestartScope.Watermark
    await this.restart.post(
        RestartPostRequestBody(criteria=SynchronizationJobRestartCriteria(reset_scope=scope))
    )
    status = (await this.get()).status
    steps.append(
        f"paused {paused}, restarted: {status.code.value}, {status.count_successive_complete_failures} failures"
    )
    await this.delete()
    try:
        await this.get()
    except ODataError as error:
        if error.response_status_code != 404:
            raise
        steps.append(f"deleted: {error.response_status_code} {error.error.code}")
    return steps


async def create_without_permission(graph: GraphServiceClient, service_principal_id: str) -> str:
    """A caller allowed to read only: the create is refused (Graph's pages say 403; its synchronization
    endpoints answer 401 UnknownError)."""
    jobs = graph.service_principals.by_service_principal_id(service_principal_id).synchronization.jobs
    try:
        await jobs.post(SynchronizationJob(template_id="BoxOutDelta"))
    except ODataError as error:
        if error.response_status_code not in (401, 403):
            raise
        request_id = error.response_headers.get("request-id")
        return f"refused: {error.response_status_code} {error.error.code}, request-id {request_id}"
    return "created"


class StaticToken(AccessTokenProvider):
    """A bearer token from the environment (with Entra ID: azure-identity's credentials instead)."""

    def __init__(self, token: str) -> None:
        self.token = token

    async def get_authorization_token(self, uri: str, additional_authentication_context: Any = None) -> str:
        return self.token

    def get_allowed_hosts_validator(self) -> AllowedHostsValidator:
        return AllowedHostsValidator([])


def client(base_url: str, token: str) -> GraphServiceClient:
    adapter = GraphRequestAdapter(BaseBearerTokenAuthenticationProvider(StaticToken(token)))
    adapter.base_url = base_url
    return GraphServiceClient(request_adapter=adapter)


if __name__ == "__main__":
    graph = client(os.environ["GRAPHSYNC_URL"], os.environ["GRAPHSYNC_TOKEN"])
    print("\n".join(asyncio.run(job_lifecycle(graph, os.environ["GRAPHSYNC_SERVICE_PRINCIPAL"]))))
