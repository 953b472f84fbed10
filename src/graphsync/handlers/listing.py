"""Listing and counting a job collection, with the OData query options Graph's description offers.

Without `$filter`, `$orderby` or `$skip`, a list pages through the store by its own cursor (any
number of jobs, in creation order). With them, the collection is read whole, filtered, ordered and
skipped in memory, and pages are offsets into that result: bounded by `QUERY_MAX_JOBS` (a service
principal has a few jobs; more is answered 400, see docs/spec-decisions.md D23). `$select` projects
either way; `$count=true` adds `@odata.count`. A `$skiptoken` seals which kind of position it
holds and the `$filter` and `$orderby` it was issued for: a token is never read as the other kind
nor applied to another query (400, like any token the server did not issue for this request).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from graphsync.domain import jobs
from graphsync.errors import BAD_REQUEST, GraphError
from graphsync.odata import INVALID_SKIPTOKEN, Collections, SkipTokens
from graphsync.odata_query import UNSUPPORTED_QUERY, order, parse_filter, select
from graphsync.storage import JobStore, OwnerKey

MAX_PAGE_BYTES = (
    4 * 1024 * 1024
)  # UTF-8 bytes of documents: a page of large jobs ends early (server-driven paging)
QUERY_MAX_JOBS = 1000
JOB_TYPE = "microsoft.graph.synchronizationJob"
FILTERABLE = ("id", "templateId", "schedule/state", "schedule/interval", "status/code")
_CURSOR, _OFFSET = "c", "o"  # the two kinds of position a skip token holds
_LINK_OPTIONS = ("$top", "$filter", "$orderby", "$count", "$select")


class Listing:
    """`list` and `count` of one collection kind, over a store; `page_size` is the largest page."""

    def __init__(
        self,
        store: JobStore,
        collections: Collections,
        *,
        page_size: int,
        skiptokens: SkipTokens | None = None,
    ) -> None:
        self._store = store
        self._collections = collections
        self._skiptokens = skiptokens if skiptokens is not None else SkipTokens()
        self._page_size = page_size

    async def page(self, owner: OwnerKey, base_url: str, query: Mapping[str, Any]) -> bytes:
        """The body of one page of the collection, as the query options ask."""
        top = query.get("$top")
        size = self._page_size if top is None else min(top, self._page_size)
        position = self._position(owner, query)
        chosen = query.get("$select")
        total: int | None
        if any(name in query for name in ("$filter", "$orderby", "$skip")) or position[0] == _OFFSET:
            items, total, next_offset = await self._query_page(owner, query, size, position)
            link = (
                None if next_offset is None else self._link(base_url, owner, query, _OFFSET, str(next_offset))
            )
        else:
            total = await self._store.count(owner) if query.get("$count") else None
            items, link = await self._cursor_page(owner, base_url, query, size, position[1])
        if chosen:
            items = [jobs.dumps(select(jobs.loads(item), chosen)) for item in items]
        count = total if query.get("$count") else None
        return self._collections.page(base_url, owner, items, link, select=chosen, count=count)

    async def count(self, owner: OwnerKey, query: Mapping[str, Any]) -> int:
        """The number of jobs, of those that match `$filter` if given."""
        if "$filter" not in query:
            return await self._store.count(owner)
        matching = _filtered(await self._whole(owner), query)
        return len(matching)

    async def _cursor_page(
        self, owner: OwnerKey, base_url: str, query: Mapping[str, Any], size: int, cursor: str | None
    ) -> tuple[list[str], str | None]:
        if size == 0:
            return [], None
        page = await self._store.list_page(owner, cursor=cursor, limit=size, max_bytes=MAX_PAGE_BYTES)
        if page.next_cursor is None:
            return page.items, None
        return page.items, self._link(base_url, owner, query, _CURSOR, page.next_cursor)

    async def _query_page(
        self, owner: OwnerKey, query: Mapping[str, Any], size: int, position: tuple[str, str | None]
    ) -> tuple[list[str], int, int | None]:
        """(documents of the page, number of matches, offset of the next page or None)."""
        matching = _filtered(await self._whole(owner), query)
        if query.get("$orderby"):
            order(matching, [_order_key(item) for item in query["$orderby"]])
        start = int(position[1]) if position[0] == _OFFSET and position[1] else query.get("$skip", 0)
        items: list[str] = []
        used = 0
        end = start
        for document in matching[start : start + size]:
            text = jobs.dumps(document)
            length = len(text.encode("utf-8"))
            if items and used + length > MAX_PAGE_BYTES:
                break
            items.append(text)
            used += length
            end += 1
        return items, len(matching), end if end < len(matching) and size > 0 else None

    async def _whole(self, owner: OwnerKey) -> list[dict[str, Any]]:
        """Every job of the collection, decoded; 400 when there are more than a query may read."""
        if await self._store.count(owner) > QUERY_MAX_JOBS:
            raise GraphError(
                400,
                UNSUPPORTED_QUERY,
                f"$filter, $orderby and $skip are supported on collections of up to {QUERY_MAX_JOBS} jobs; "
                "this one holds more. Page through it with $top and @odata.nextLink instead.",
            )
        documents: list[str] = []
        cursor = None
        while True:
            page = await self._store.list_page(
                owner, cursor=cursor, limit=QUERY_MAX_JOBS, max_bytes=MAX_PAGE_BYTES
            )
            documents.extend(page.items)
            if page.next_cursor is None or len(documents) > QUERY_MAX_JOBS:
                return [json.loads(document) for document in documents[:QUERY_MAX_JOBS]]
            cursor = page.next_cursor

    def _position(self, owner: OwnerKey, query: Mapping[str, Any]) -> tuple[str, str | None]:
        token = query.get("$skiptoken")
        if token is None:
            return _CURSOR, None
        kind, _, rest = self._skiptokens.decode(owner, token).partition(":")
        shape, _, value = rest.partition(":")
        if shape != _shape(query) or "$skip" in query:
            raise GraphError(400, BAD_REQUEST, INVALID_SKIPTOKEN)
        return kind, value

    def _link(
        self, base_url: str, owner: OwnerKey, query: Mapping[str, Any], kind: str, position: str
    ) -> str:
        """The next link: the collection, the query options that shape every page, and the sealed position."""
        options = [f"{name}={_encode(query[name])}" for name in _LINK_OPTIONS if name in query]
        token = self._skiptokens.encode(owner, f"{kind}:{_shape(query)}:{position}")
        return f"{self._collections.url(base_url, owner)}?{'&'.join([*options, f'$skiptoken={token}'])}"


def _shape(query: Mapping[str, Any]) -> str:
    """A digest of the options that decide which jobs a page position refers to."""
    options = json.dumps([query.get("$filter"), query.get("$orderby")], ensure_ascii=False)
    return hashlib.sha256(options.encode("utf-8")).hexdigest()[:16]


def _filtered(documents: list[dict[str, Any]], query: Mapping[str, Any]) -> list[dict[str, Any]]:
    if "$filter" not in query:
        return documents
    predicate = parse_filter(query["$filter"], FILTERABLE, JOB_TYPE)
    return [document for document in documents if predicate(document)]


def _order_key(item: str) -> tuple[str, bool]:
    name, _, direction = item.partition(" ")
    return name, direction == "desc"


def _encode(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Sequence) and not isinstance(value, str):
        value = ",".join(value)
    return quote(str(value), safe="',()/:@")
