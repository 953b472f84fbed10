from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bulk_upload_request import BulkUploadRequest
from ...models.o_data_error import ODataError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    service_principal_id: str,
    synchronization_job_id: str,
    *,
    body: BulkUploadRequest,
    client_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(client_request_id, Unset):
        headers["client-request-id"] = client_request_id

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/servicePrincipals/{service_principal_id}/synchronization/jobs/{synchronization_job_id}/bulkUpload".format(
            service_principal_id=quote(str(service_principal_id), safe=""),
            synchronization_job_id=quote(str(synchronization_job_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/scim+json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ODataError | None:
    if response.status_code == 202:
        response_202 = cast(Any, None)
        return response_202

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | ODataError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    service_principal_id: str,
    synchronization_job_id: str,
    *,
    client: AuthenticatedClient,
    body: BulkUploadRequest,
    client_request_id: str | Unset = UNSET,
) -> Response[Any | ODataError]:
    """Perform bulkUpload

     Upload user records to an API-driven inbound provisioning job: a SCIM bulk request
    (`application/scim+json`) of at most 50 operations, each a `POST` to `/Users`. The records are kept
    whole or not at all, for the job's provisioning cycles (Graph processes them asynchronously); a
    restart of the job purges them (D35). A body that is not a valid bulk request, or another content
    type, is 400 (Graph's page names the missing `Content-Type` as the most common cause). At most 40
    requests per 5 seconds per job: above, 429 with `Retry-After`.

    **Permissions** (least to most privileged). Delegated (work or school account): SynchronizationData-
    User.Upload, and the Global Administrator role. Delegated (personal Microsoft account): not
    supported. Application: SynchronizationData-User.Upload.OwnedBy, SynchronizationData-User.Upload.
    `SynchronizationData-User.Upload.OwnedBy` only covers objects the calling app owns.
    Synchronization.ReadWrite.All and the other synchronization permissions do not cover it (docs/spec-
    decisions.md D35). Without a permission the emulator answers 401 `UnknownError` as on the other
    synchronization endpoints (D24).

    Args:
        service_principal_id (str):
        synchronization_job_id (str):
        client_request_id (str | Unset):
        body (BulkUploadRequest): A SCIM bulk request (RFC 7644, 3.7) of user records for API-
            driven inbound provisioning (docs/spec-decisions.md D35).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ODataError]
    """

    kwargs = _get_kwargs(
        service_principal_id=service_principal_id,
        synchronization_job_id=synchronization_job_id,
        body=body,
        client_request_id=client_request_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    service_principal_id: str,
    synchronization_job_id: str,
    *,
    client: AuthenticatedClient,
    body: BulkUploadRequest,
    client_request_id: str | Unset = UNSET,
) -> Any | ODataError | None:
    """Perform bulkUpload

     Upload user records to an API-driven inbound provisioning job: a SCIM bulk request
    (`application/scim+json`) of at most 50 operations, each a `POST` to `/Users`. The records are kept
    whole or not at all, for the job's provisioning cycles (Graph processes them asynchronously); a
    restart of the job purges them (D35). A body that is not a valid bulk request, or another content
    type, is 400 (Graph's page names the missing `Content-Type` as the most common cause). At most 40
    requests per 5 seconds per job: above, 429 with `Retry-After`.

    **Permissions** (least to most privileged). Delegated (work or school account): SynchronizationData-
    User.Upload, and the Global Administrator role. Delegated (personal Microsoft account): not
    supported. Application: SynchronizationData-User.Upload.OwnedBy, SynchronizationData-User.Upload.
    `SynchronizationData-User.Upload.OwnedBy` only covers objects the calling app owns.
    Synchronization.ReadWrite.All and the other synchronization permissions do not cover it (docs/spec-
    decisions.md D35). Without a permission the emulator answers 401 `UnknownError` as on the other
    synchronization endpoints (D24).

    Args:
        service_principal_id (str):
        synchronization_job_id (str):
        client_request_id (str | Unset):
        body (BulkUploadRequest): A SCIM bulk request (RFC 7644, 3.7) of user records for API-
            driven inbound provisioning (docs/spec-decisions.md D35).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ODataError
    """

    return sync_detailed(
        service_principal_id=service_principal_id,
        synchronization_job_id=synchronization_job_id,
        client=client,
        body=body,
        client_request_id=client_request_id,
    ).parsed


async def asyncio_detailed(
    service_principal_id: str,
    synchronization_job_id: str,
    *,
    client: AuthenticatedClient,
    body: BulkUploadRequest,
    client_request_id: str | Unset = UNSET,
) -> Response[Any | ODataError]:
    """Perform bulkUpload

     Upload user records to an API-driven inbound provisioning job: a SCIM bulk request
    (`application/scim+json`) of at most 50 operations, each a `POST` to `/Users`. The records are kept
    whole or not at all, for the job's provisioning cycles (Graph processes them asynchronously); a
    restart of the job purges them (D35). A body that is not a valid bulk request, or another content
    type, is 400 (Graph's page names the missing `Content-Type` as the most common cause). At most 40
    requests per 5 seconds per job: above, 429 with `Retry-After`.

    **Permissions** (least to most privileged). Delegated (work or school account): SynchronizationData-
    User.Upload, and the Global Administrator role. Delegated (personal Microsoft account): not
    supported. Application: SynchronizationData-User.Upload.OwnedBy, SynchronizationData-User.Upload.
    `SynchronizationData-User.Upload.OwnedBy` only covers objects the calling app owns.
    Synchronization.ReadWrite.All and the other synchronization permissions do not cover it (docs/spec-
    decisions.md D35). Without a permission the emulator answers 401 `UnknownError` as on the other
    synchronization endpoints (D24).

    Args:
        service_principal_id (str):
        synchronization_job_id (str):
        client_request_id (str | Unset):
        body (BulkUploadRequest): A SCIM bulk request (RFC 7644, 3.7) of user records for API-
            driven inbound provisioning (docs/spec-decisions.md D35).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ODataError]
    """

    kwargs = _get_kwargs(
        service_principal_id=service_principal_id,
        synchronization_job_id=synchronization_job_id,
        body=body,
        client_request_id=client_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    service_principal_id: str,
    synchronization_job_id: str,
    *,
    client: AuthenticatedClient,
    body: BulkUploadRequest,
    client_request_id: str | Unset = UNSET,
) -> Any | ODataError | None:
    """Perform bulkUpload

     Upload user records to an API-driven inbound provisioning job: a SCIM bulk request
    (`application/scim+json`) of at most 50 operations, each a `POST` to `/Users`. The records are kept
    whole or not at all, for the job's provisioning cycles (Graph processes them asynchronously); a
    restart of the job purges them (D35). A body that is not a valid bulk request, or another content
    type, is 400 (Graph's page names the missing `Content-Type` as the most common cause). At most 40
    requests per 5 seconds per job: above, 429 with `Retry-After`.

    **Permissions** (least to most privileged). Delegated (work or school account): SynchronizationData-
    User.Upload, and the Global Administrator role. Delegated (personal Microsoft account): not
    supported. Application: SynchronizationData-User.Upload.OwnedBy, SynchronizationData-User.Upload.
    `SynchronizationData-User.Upload.OwnedBy` only covers objects the calling app owns.
    Synchronization.ReadWrite.All and the other synchronization permissions do not cover it (docs/spec-
    decisions.md D35). Without a permission the emulator answers 401 `UnknownError` as on the other
    synchronization endpoints (D24).

    Args:
        service_principal_id (str):
        synchronization_job_id (str):
        client_request_id (str | Unset):
        body (BulkUploadRequest): A SCIM bulk request (RFC 7644, 3.7) of user records for API-
            driven inbound provisioning (docs/spec-decisions.md D35).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ODataError
    """

    return (
        await asyncio_detailed(
            service_principal_id=service_principal_id,
            synchronization_job_id=synchronization_job_id,
            client=client,
            body=body,
            client_request_id=client_request_id,
        )
    ).parsed
