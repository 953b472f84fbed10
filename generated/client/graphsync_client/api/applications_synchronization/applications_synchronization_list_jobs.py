from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.applications_synchronization_list_jobs_orderby_item import ApplicationsSynchronizationListJobsOrderbyItem
from ...models.applications_synchronization_list_jobs_select_item import ApplicationsSynchronizationListJobsSelectItem
from ...models.o_data_error import ODataError
from ...models.synchronization_job_collection_response import SynchronizationJobCollectionResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    application_id: str,
    *,
    top: int | Unset = UNSET,
    skip: int | Unset = UNSET,
    skiptoken: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    count: bool | Unset = UNSET,
    orderby: list[ApplicationsSynchronizationListJobsOrderbyItem] | Unset = UNSET,
    select: list[ApplicationsSynchronizationListJobsSelectItem] | Unset = UNSET,
    client_request_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(client_request_id, Unset):
        headers["client-request-id"] = client_request_id

    params: dict[str, Any] = {}

    params["$top"] = top

    params["$skip"] = skip

    params["$skiptoken"] = skiptoken

    params["$filter"] = filter_

    params["$count"] = count

    json_orderby: list[str] | Unset = UNSET
    if not isinstance(orderby, Unset):
        json_orderby = []
        for orderby_item_data in orderby:
            orderby_item = orderby_item_data.value
            json_orderby.append(orderby_item)

    params["$orderby"] = json_orderby

    json_select: list[str] | Unset = UNSET
    if not isinstance(select, Unset):
        json_select = []
        for select_item_data in select:
            select_item = select_item_data.value
            json_select.append(select_item)

    params["$select"] = json_select

    # A list option is one comma-separated value (style form, explode false): $select=id,templateId
    params = {
        k: ",".join(v) if isinstance(v, list) else v for k, v in params.items() if v is not UNSET and v is not None
    }

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/applications/{application_id}/synchronization/jobs".format(
            application_id=quote(str(application_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ODataError | SynchronizationJobCollectionResponse | None:
    if response.status_code == 200:
        response_200 = SynchronizationJobCollectionResponse.from_dict(response.json())

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
) -> Response[ODataError | SynchronizationJobCollectionResponse]:
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
    top: int | Unset = UNSET,
    skip: int | Unset = UNSET,
    skiptoken: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    count: bool | Unset = UNSET,
    orderby: list[ApplicationsSynchronizationListJobsOrderbyItem] | Unset = UNSET,
    select: list[ApplicationsSynchronizationListJobsSelectItem] | Unset = UNSET,
    client_request_id: str | Unset = UNSET,
) -> Response[ODataError | SynchronizationJobCollectionResponse]:
    """List synchronization jobs

     List the synchronization jobs of an application, in pages: follow `@odata.nextLink` until it is
    absent.

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
        top (int | Unset):
        skip (int | Unset):
        skiptoken (str | Unset):
        filter_ (str | Unset):
        count (bool | Unset):
        orderby (list[ApplicationsSynchronizationListJobsOrderbyItem] | Unset):
        select (list[ApplicationsSynchronizationListJobsSelectItem] | Unset):
        client_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ODataError | SynchronizationJobCollectionResponse]
    """

    kwargs = _get_kwargs(
        application_id=application_id,
        top=top,
        skip=skip,
        skiptoken=skiptoken,
        filter_=filter_,
        count=count,
        orderby=orderby,
        select=select,
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
    top: int | Unset = UNSET,
    skip: int | Unset = UNSET,
    skiptoken: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    count: bool | Unset = UNSET,
    orderby: list[ApplicationsSynchronizationListJobsOrderbyItem] | Unset = UNSET,
    select: list[ApplicationsSynchronizationListJobsSelectItem] | Unset = UNSET,
    client_request_id: str | Unset = UNSET,
) -> ODataError | SynchronizationJobCollectionResponse | None:
    """List synchronization jobs

     List the synchronization jobs of an application, in pages: follow `@odata.nextLink` until it is
    absent.

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
        top (int | Unset):
        skip (int | Unset):
        skiptoken (str | Unset):
        filter_ (str | Unset):
        count (bool | Unset):
        orderby (list[ApplicationsSynchronizationListJobsOrderbyItem] | Unset):
        select (list[ApplicationsSynchronizationListJobsSelectItem] | Unset):
        client_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ODataError | SynchronizationJobCollectionResponse
    """

    return sync_detailed(
        application_id=application_id,
        client=client,
        top=top,
        skip=skip,
        skiptoken=skiptoken,
        filter_=filter_,
        count=count,
        orderby=orderby,
        select=select,
        client_request_id=client_request_id,
    ).parsed


async def asyncio_detailed(
    application_id: str,
    *,
    client: AuthenticatedClient,
    top: int | Unset = UNSET,
    skip: int | Unset = UNSET,
    skiptoken: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    count: bool | Unset = UNSET,
    orderby: list[ApplicationsSynchronizationListJobsOrderbyItem] | Unset = UNSET,
    select: list[ApplicationsSynchronizationListJobsSelectItem] | Unset = UNSET,
    client_request_id: str | Unset = UNSET,
) -> Response[ODataError | SynchronizationJobCollectionResponse]:
    """List synchronization jobs

     List the synchronization jobs of an application, in pages: follow `@odata.nextLink` until it is
    absent.

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
        top (int | Unset):
        skip (int | Unset):
        skiptoken (str | Unset):
        filter_ (str | Unset):
        count (bool | Unset):
        orderby (list[ApplicationsSynchronizationListJobsOrderbyItem] | Unset):
        select (list[ApplicationsSynchronizationListJobsSelectItem] | Unset):
        client_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ODataError | SynchronizationJobCollectionResponse]
    """

    kwargs = _get_kwargs(
        application_id=application_id,
        top=top,
        skip=skip,
        skiptoken=skiptoken,
        filter_=filter_,
        count=count,
        orderby=orderby,
        select=select,
        client_request_id=client_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    application_id: str,
    *,
    client: AuthenticatedClient,
    top: int | Unset = UNSET,
    skip: int | Unset = UNSET,
    skiptoken: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    count: bool | Unset = UNSET,
    orderby: list[ApplicationsSynchronizationListJobsOrderbyItem] | Unset = UNSET,
    select: list[ApplicationsSynchronizationListJobsSelectItem] | Unset = UNSET,
    client_request_id: str | Unset = UNSET,
) -> ODataError | SynchronizationJobCollectionResponse | None:
    """List synchronization jobs

     List the synchronization jobs of an application, in pages: follow `@odata.nextLink` until it is
    absent.

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
        top (int | Unset):
        skip (int | Unset):
        skiptoken (str | Unset):
        filter_ (str | Unset):
        count (bool | Unset):
        orderby (list[ApplicationsSynchronizationListJobsOrderbyItem] | Unset):
        select (list[ApplicationsSynchronizationListJobsSelectItem] | Unset):
        client_request_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ODataError | SynchronizationJobCollectionResponse
    """

    return (
        await asyncio_detailed(
            application_id=application_id,
            client=client,
            top=top,
            skip=skip,
            skiptoken=skiptoken,
            filter_=filter_,
            count=count,
            orderby=orderby,
            select=select,
            client_request_id=client_request_id,
        )
    ).parsed
