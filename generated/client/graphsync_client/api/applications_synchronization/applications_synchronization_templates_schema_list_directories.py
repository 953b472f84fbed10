from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.directory_definition_collection_response import DirectoryDefinitionCollectionResponse
from ...models.o_data_error import ODataError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    application_id: str,
    synchronization_template_id: str,
    *,
    client_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(client_request_id, Unset):
        headers["client-request-id"] = client_request_id

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/applications/{application_id}/synchronization/templates/{synchronization_template_id}/schema/directories".format(
            application_id=quote(str(application_id), safe=""),
            synchronization_template_id=quote(str(synchronization_template_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DirectoryDefinitionCollectionResponse | ODataError | None:
    if response.status_code == 200:
        response_200 = DirectoryDefinitionCollectionResponse.from_dict(response.json())

        return response_200

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DirectoryDefinitionCollectionResponse | ODataError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    application_id: str,
    synchronization_template_id: str,
    *,
    client: AuthenticatedClient,
    client_request_id: str | Unset = UNSET,
) -> Response[DirectoryDefinitionCollectionResponse | ODataError]:
    """List directories

     The directories the template's schema connects, with their objects and attributes (the schema's
    `directories`, D33).

    **Permissions** (least to most privileged). Delegated (work or school account):
    Synchronization.Read.All, Application.Read.All, Synchronization.ReadWrite.All,
    Application.ReadWrite.All, Directory.ReadWrite.All. Delegated (personal Microsoft account): not
    supported. Application: Application.ReadWrite.OwnedBy, Synchronization.Read.All,
    Application.Read.All, Synchronization.ReadWrite.All, Application.ReadWrite.All,
    Directory.ReadWrite.All. `Application.ReadWrite.OwnedBy` only covers objects the calling app owns.
    Delegated callers also need one of these directory roles: Application Administrator, Cloud
    Application Administrator, Hybrid Identity Administrator. `Application.Read.All`,
    `Application.ReadWrite.All` and `Directory.ReadWrite.All` are not in the operation's page but are
    accepted by Graph (docs/spec-decisions.md D18). Without a permission Graph answers 401
    `UnknownError` with an empty message on these endpoints, not its documented 403 (D24).

    Args:
        application_id (str):
        synchronization_template_id (str):
        client_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DirectoryDefinitionCollectionResponse | ODataError]
    """

    kwargs = _get_kwargs(
        application_id=application_id,
        synchronization_template_id=synchronization_template_id,
        client_request_id=client_request_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    application_id: str,
    synchronization_template_id: str,
    *,
    client: AuthenticatedClient,
    client_request_id: str | Unset = UNSET,
) -> DirectoryDefinitionCollectionResponse | ODataError | None:
    """List directories

     The directories the template's schema connects, with their objects and attributes (the schema's
    `directories`, D33).

    **Permissions** (least to most privileged). Delegated (work or school account):
    Synchronization.Read.All, Application.Read.All, Synchronization.ReadWrite.All,
    Application.ReadWrite.All, Directory.ReadWrite.All. Delegated (personal Microsoft account): not
    supported. Application: Application.ReadWrite.OwnedBy, Synchronization.Read.All,
    Application.Read.All, Synchronization.ReadWrite.All, Application.ReadWrite.All,
    Directory.ReadWrite.All. `Application.ReadWrite.OwnedBy` only covers objects the calling app owns.
    Delegated callers also need one of these directory roles: Application Administrator, Cloud
    Application Administrator, Hybrid Identity Administrator. `Application.Read.All`,
    `Application.ReadWrite.All` and `Directory.ReadWrite.All` are not in the operation's page but are
    accepted by Graph (docs/spec-decisions.md D18). Without a permission Graph answers 401
    `UnknownError` with an empty message on these endpoints, not its documented 403 (D24).

    Args:
        application_id (str):
        synchronization_template_id (str):
        client_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DirectoryDefinitionCollectionResponse | ODataError
    """

    return sync_detailed(
        application_id=application_id,
        synchronization_template_id=synchronization_template_id,
        client=client,
        client_request_id=client_request_id,
    ).parsed


async def asyncio_detailed(
    application_id: str,
    synchronization_template_id: str,
    *,
    client: AuthenticatedClient,
    client_request_id: str | Unset = UNSET,
) -> Response[DirectoryDefinitionCollectionResponse | ODataError]:
    """List directories

     The directories the template's schema connects, with their objects and attributes (the schema's
    `directories`, D33).

    **Permissions** (least to most privileged). Delegated (work or school account):
    Synchronization.Read.All, Application.Read.All, Synchronization.ReadWrite.All,
    Application.ReadWrite.All, Directory.ReadWrite.All. Delegated (personal Microsoft account): not
    supported. Application: Application.ReadWrite.OwnedBy, Synchronization.Read.All,
    Application.Read.All, Synchronization.ReadWrite.All, Application.ReadWrite.All,
    Directory.ReadWrite.All. `Application.ReadWrite.OwnedBy` only covers objects the calling app owns.
    Delegated callers also need one of these directory roles: Application Administrator, Cloud
    Application Administrator, Hybrid Identity Administrator. `Application.Read.All`,
    `Application.ReadWrite.All` and `Directory.ReadWrite.All` are not in the operation's page but are
    accepted by Graph (docs/spec-decisions.md D18). Without a permission Graph answers 401
    `UnknownError` with an empty message on these endpoints, not its documented 403 (D24).

    Args:
        application_id (str):
        synchronization_template_id (str):
        client_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DirectoryDefinitionCollectionResponse | ODataError]
    """

    kwargs = _get_kwargs(
        application_id=application_id,
        synchronization_template_id=synchronization_template_id,
        client_request_id=client_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    application_id: str,
    synchronization_template_id: str,
    *,
    client: AuthenticatedClient,
    client_request_id: str | Unset = UNSET,
) -> DirectoryDefinitionCollectionResponse | ODataError | None:
    """List directories

     The directories the template's schema connects, with their objects and attributes (the schema's
    `directories`, D33).

    **Permissions** (least to most privileged). Delegated (work or school account):
    Synchronization.Read.All, Application.Read.All, Synchronization.ReadWrite.All,
    Application.ReadWrite.All, Directory.ReadWrite.All. Delegated (personal Microsoft account): not
    supported. Application: Application.ReadWrite.OwnedBy, Synchronization.Read.All,
    Application.Read.All, Synchronization.ReadWrite.All, Application.ReadWrite.All,
    Directory.ReadWrite.All. `Application.ReadWrite.OwnedBy` only covers objects the calling app owns.
    Delegated callers also need one of these directory roles: Application Administrator, Cloud
    Application Administrator, Hybrid Identity Administrator. `Application.Read.All`,
    `Application.ReadWrite.All` and `Directory.ReadWrite.All` are not in the operation's page but are
    accepted by Graph (docs/spec-decisions.md D18). Without a permission Graph answers 401
    `UnknownError` with an empty message on these endpoints, not its documented 403 (D24).

    Args:
        application_id (str):
        synchronization_template_id (str):
        client_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DirectoryDefinitionCollectionResponse | ODataError
    """

    return (
        await asyncio_detailed(
            application_id=application_id,
            synchronization_template_id=synchronization_template_id,
            client=client,
            client_request_id=client_request_id,
        )
    ).parsed
