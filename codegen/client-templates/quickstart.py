"""A provisioning job's life with graphsync-client: create, page through, start, pause, restart with a
scope and delete; 403 and 404 handled, a throttled call (429) retried by the client itself."""

from __future__ import annotations

import os

from graphsync_client import Forbidden, GraphSync, NotFound, Unauthorized
from graphsync_models.tolerant import SynchronizationJobRestartCriteria, SynchronizationStatusCode


def job_lifecycle(graph: GraphSync, service_principal_id: str) -> list[str]:
    """One job from create to delete; what happened, a line per step."""
    jobs = graph.service_principals(service_principal_id).jobs
    job = jobs.create(template_id="BoxOutDelta")  # a 429 is waited out (Retry-After) and sent again
    steps = [f"created {job.id}: {job.status.code}, every {job.schedule.interval}"]
    steps.append(f"{sum(1 for _ in jobs.list(top=2))} jobs listed, page after page")
    this = jobs(job.id)
    this.start()
    this.pause()
    paused = this.get().status.code == SynchronizationStatusCode.paused
    this.restart(criteria=SynchronizationJobRestartCriteria(reset_scope="Watermark, Escrows"))
    status = this.get().status
    steps.append(
        f"paused {paused}, restarted: {status.code}, {status.count_successive_complete_failures} failures"
    )
    this.delete()
    try:
        this.get()
    except NotFound as error:
        steps.append(f"deleted: {error.status} {error.code}")
    return steps


def create_without_permission(graph: GraphSync, service_principal_id: str) -> str:
    """A caller allowed to read only: the create is refused. Graph's pages say 403; its synchronization
    endpoints answer 401 UnknownError with an empty message."""
    try:
        graph.service_principals(service_principal_id).jobs.create(template_id="BoxOutDelta")
    except (Forbidden, Unauthorized) as error:
        return f"refused: {error.status} {error.code}, request-id {error.request_id}"
    return "created"


if __name__ == "__main__":
    # GRAPHSYNC_URL: https://graph.microsoft.com/v1.0 or an emulator's; a token (or use an azure-identity
    # credential: GraphSync(url, credential=DefaultAzureCredential())).
    with GraphSync(os.environ["GRAPHSYNC_URL"], credential=os.environ["GRAPHSYNC_TOKEN"]) as graph:
        print("\n".join(job_lifecycle(graph, os.environ["GRAPHSYNC_SERVICE_PRINCIPAL"])))
