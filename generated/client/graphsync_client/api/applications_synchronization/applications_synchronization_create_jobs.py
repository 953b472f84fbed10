from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.o_data_error import ODataError
from ...models.synchronization_job import SynchronizationJob
from ...models.synchronization_job_create import SynchronizationJobCreate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    application_id: str,
    *,
    body: SynchronizationJobCreate,
    client_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(client_request_id, Unset):
        headers["client-request-id"] = client_request_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/applications/{application_id}/synchronization/jobs".format(
            application_id=quote(str(application_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ODataError | SynchronizationJob | None:
    if response.status_code == 201:
        response_201 = SynchronizationJob.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ODataError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ODataError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ODataError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ODataError.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = ODataError.from_dict(response.json())

        return response_408

    if response.status_code == 413:
        response_413 = ODataError.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ODataError.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = ODataError.from_dict(response.json())

        return response_429

    if response.status_code == 431:
        response_431 = ODataError.from_dict(response.json())

        return response_431

    if 500 <= response.status_code <= 599:
        response_5xx = ODataError.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ODataError | SynchronizationJob]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    application_id: str,
    *,
    client: AuthenticatedClient,
    body: SynchronizationJobCreate,
    client_request_id: str | Unset = UNSET,
) -> Response[ODataError | SynchronizationJob]:
    """Create synchronizationJob

     Create a synchronization job for an application from one of its synchronization templates, with a
    default synchronization schema. The job is created disabled (`schedule.state` `Disabled`); call
    start to run it. Only `templateId` is needed. The schedule interval, the initial `status.code` and
    `synchronizationJobSettings` come from the template's defaults: gallery templates typically give
    `PT40M`, `Paused` and settings such as `AzureIngestionAttributeOptimization`; a template without
    defaults gives the never-scheduled interval and `NotConfigured`. Settings sent in the request
    replace the template's settings of the same name.

    **Permissions** (least to most privileged). Delegated (work or school account):
    Synchronization.ReadWrite.All, Application.ReadWrite.All, Directory.ReadWrite.All. Delegated
    (personal Microsoft account): not supported. Application: Application.ReadWrite.OwnedBy,
    Synchronization.ReadWrite.All, Application.ReadWrite.All, Directory.ReadWrite.All.
    `Application.ReadWrite.OwnedBy` only covers objects the calling app owns. Delegated callers also
    need one of these directory roles: Application Administrator, Cloud Application Administrator,
    Hybrid Identity Administrator. `Application.Read.All`, `Application.ReadWrite.All` and
    `Directory.ReadWrite.All` are not in the operation's page but are accepted by Graph (docs/spec-
    decisions.md D18). Without a permission Graph answers 401 `UnknownError` with an empty message on
    these endpoints, not its documented 403 (D24).

    Args:
        application_id (str):
        client_request_id (str | Unset):
        body (SynchronizationJobCreate): Body of Create synchronizationJob: a synchronizationJob
            in which `templateId` is required and not null. Server-owned properties (`schedule`,
            `status`) are accepted and ignored; `id` and `@odata.context` are rejected.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ODataError | SynchronizationJob]
    """

    kwargs = _get_kwargs(
        application_id=application_id,
        body=body,
        client_request_id=client_request_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    application_id: str,
    *,
    client: AuthenticatedClient,
    body: SynchronizationJobCreate,
    client_request_id: str | Unset = UNSET,
) -> ODataError | SynchronizationJob | None:
    """Create synchronizationJob

     Create a synchronization job for an application from one of its synchronization templates, with a
    default synchronization schema. The job is created disabled (`schedule.state` `Disabled`); call
    start to run it. Only `templateId` is needed. The schedule interval, the initial `status.code` and
    `synchronizationJobSettings` come from the template's defaults: gallery templates typically give
    `PT40M`, `Paused` and settings such as `AzureIngestionAttributeOptimization`; a template without
    defaults gives the never-scheduled interval and `NotConfigured`. Settings sent in the request
    replace the template's settings of the same name.

    **Permissions** (least to most privileged). Delegated (work or school account):
    Synchronization.ReadWrite.All, Application.ReadWrite.All, Directory.ReadWrite.All. Delegated
    (personal Microsoft account): not supported. Application: Application.ReadWrite.OwnedBy,
    Synchronization.ReadWrite.All, Application.ReadWrite.All, Directory.ReadWrite.All.
    `Application.ReadWrite.OwnedBy` only covers objects the calling app owns. Delegated callers also
    need one of these directory roles: Application Administrator, Cloud Application Administrator,
    Hybrid Identity Administrator. `Application.Read.All`, `Application.ReadWrite.All` and
    `Directory.ReadWrite.All` are not in the operation's page but are accepted by Graph (docs/spec-
    decisions.md D18). Without a permission Graph answers 401 `UnknownError` with an empty message on
    these endpoints, not its documented 403 (D24).

    Args:
        application_id (str):
        client_request_id (str | Unset):
        body (SynchronizationJobCreate): Body of Create synchronizationJob: a synchronizationJob
            in which `templateId` is required and not null. Server-owned properties (`schedule`,
            `status`) are accepted and ignored; `id` and `@odata.context` are rejected.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ODataError | SynchronizationJob
    """

    return sync_detailed(
        application_id=application_id,
        client=client,
        body=body,
        client_request_id=client_request_id,
    ).parsed


async def asyncio_detailed(
    application_id: str,
    *,
    client: AuthenticatedClient,
    body: SynchronizationJobCreate,
    client_request_id: str | Unset = UNSET,
) -> Response[ODataError | SynchronizationJob]:
    """Create synchronizationJob

     Create a synchronization job for an application from one of its synchronization templates, with a
    default synchronization schema. The job is created disabled (`schedule.state` `Disabled`); call
    start to run it. Only `templateId` is needed. The schedule interval, the initial `status.code` and
    `synchronizationJobSettings` come from the template's defaults: gallery templates typically give
    `PT40M`, `Paused` and settings such as `AzureIngestionAttributeOptimization`; a template without
    defaults gives the never-scheduled interval and `NotConfigured`. Settings sent in the request
    replace the template's settings of the same name.

    **Permissions** (least to most privileged). Delegated (work or school account):
    Synchronization.ReadWrite.All, Application.ReadWrite.All, Directory.ReadWrite.All. Delegated
    (personal Microsoft account): not supported. Application: Application.ReadWrite.OwnedBy,
    Synchronization.ReadWrite.All, Application.ReadWrite.All, Directory.ReadWrite.All.
    `Application.ReadWrite.OwnedBy` only covers objects the calling app owns. Delegated callers also
    need one of these directory roles: Application Administrator, Cloud Application Administrator,
    Hybrid Identity Administrator. `Application.Read.All`, `Application.ReadWrite.All` and
    `Directory.ReadWrite.All` are not in the operation's page but are accepted by Graph (docs/spec-
    decisions.md D18). Without a permission Graph answers 401 `UnknownError` with an empty message on
    these endpoints, not its documented 403 (D24).

    Args:
        application_id (str):
        client_request_id (str | Unset):
        body (SynchronizationJobCreate): Body of Create synchronizationJob: a synchronizationJob
            in which `templateId` is required and not null. Server-owned properties (`schedule`,
            `status`) are accepted and ignored; `id` and `@odata.context` are rejected.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ODataError | SynchronizationJob]
    """

    kwargs = _get_kwargs(
        application_id=application_id,
        body=body,
        client_request_id=client_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    application_id: str,
    *,
    client: AuthenticatedClient,
    body: SynchronizationJobCreate,
    client_request_id: str | Unset = UNSET,
) -> ODataError | SynchronizationJob | None:
    """Create synchronizationJob

     Create a synchronization job for an application from one of its synchronization templates, with a
    default synchronization schema. The job is created disabled (`schedule.state` `Disabled`); call
    start to run it. Only `templateId` is needed. The schedule interval, the initial `status.code` and
    `synchronizationJobSettings` come from the template's defaults: gallery templates typically give
    `PT40M`, `Paused` and settings such as `AzureIngestionAttributeOptimization`; a template without
    defaults gives the never-scheduled interval and `NotConfigured`. Settings sent in the request
    replace the template's settings of the same name.

    **Permissions** (least to most privileged). Delegated (work or school account):
    Synchronization.ReadWrite.All, Application.ReadWrite.All, Directory.ReadWrite.All. Delegated
    (personal Microsoft account): not supported. Application: Application.ReadWrite.OwnedBy,
    Synchronization.ReadWrite.All, Application.ReadWrite.All, Directory.ReadWrite.All.
    `Application.ReadWrite.OwnedBy` only covers objects the calling app owns. Delegated callers also
    need one of these directory roles: Application Administrator, Cloud Application Administrator,
    Hybrid Identity Administrator. `Application.Read.All`, `Application.ReadWrite.All` and
    `Directory.ReadWrite.All` are not in the operation's page but are accepted by Graph (docs/spec-
    decisions.md D18). Without a permission Graph answers 401 `UnknownError` with an empty message on
    these endpoints, not its documented 403 (D24).

    Args:
        application_id (str):
        client_request_id (str | Unset):
        body (SynchronizationJobCreate): Body of Create synchronizationJob: a synchronizationJob
            in which `templateId` is required and not null. Server-owned properties (`schedule`,
            `status`) are accepted and ignored; `id` and `@odata.context` are rejected.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ODataError | SynchronizationJob
    """

    return (
        await asyncio_detailed(
            application_id=application_id,
            client=client,
            body=body,
            client_request_id=client_request_id,
        )
    ).parsed
