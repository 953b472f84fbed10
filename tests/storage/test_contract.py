"""The storage contract: every engine registered in graphsync.storage.ENGINES passes every test here.

Round trip, collections kept apart, owners' documents, what a change may do, duplicate ids, paging and its byte cap,
concurrent writes, a closed store, and failures mapped to StorageError. Engine-specific behaviour
(durability, migrations, group commit) is tested beside this file (test_sqlite.py).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import pytest
from support.stores import OTHER_KIND, OTHER_TENANT, OWNER, doc, insert, put, remove, run

from graphsync.storage import JobNotFound, JobStore, OwnerKey, StorageError, job_document

MakeStore = Callable[[], JobStore]


async def ids_of_all_pages(store: JobStore, owner: OwnerKey, limit: int, max_bytes: int = 10**8) -> list[str]:
    seen: list[str] = []
    cursor = None
    while True:
        page = await store.list_page(owner, cursor=cursor, limit=limit, max_bytes=max_bytes)
        seen += [json.loads(item)["id"] for item in page.items]
        if page.next_cursor is None:
            return seen
        assert page.items, "a page with a next cursor holds at least one job"
        cursor = page.next_cursor


def test_round_trip(make_store: MakeStore) -> None:
    async def main() -> None:
        store = make_store()
        assert await store.write(OWNER, "a.1", insert(doc("a.1"))) == doc("a.1")
        await store.write(OWNER, "A.1", insert(doc("A.1")))
        assert await store.get(OWNER, "a.1") == doc("a.1")
        assert await store.get(OWNER, "A.1") == doc("A.1")  # ids are case-sensitive
        assert await store.get(OWNER, "a.2") is None
        assert await store.count(OWNER) == 2
        updated = await store.write(OWNER, "a.1", put(doc("a.1", state="Active")))
        assert updated == doc("a.1", state="Active") == await store.get(OWNER, "a.1")
        assert await store.write(OWNER, "A.1", remove) is None
        assert await store.get(OWNER, "A.1") is None and await store.count(OWNER) == 1
        await store.close()

    run(main())


def test_documents_come_back_byte_for_byte(make_store: MakeStore) -> None:
    document = doc("j", text='Caf\u00e9 \U0001f600 \\u0000 "quoted"', n=1.5)

    async def main() -> None:
        store = make_store()
        await store.write(OWNER, "j", insert(document))
        assert await store.get(OWNER, "j") == document
        assert (await store.list_page(OWNER, cursor=None, limit=1, max_bytes=10**6)).items == [document]
        await store.close()

    run(main())


def test_collections_are_kept_apart(make_store: MakeStore) -> None:
    async def main() -> None:
        store = make_store()
        for owner, tag in ((OWNER, "home"), (OTHER_TENANT, "tenant"), (OTHER_KIND, "kind")):
            await store.write(owner, "same-id", insert(doc("same-id", tag=tag)))
        assert [await store.count(o) for o in (OWNER, OTHER_TENANT, OTHER_KIND)] == [1, 1, 1]
        assert json.loads(await store.get(OTHER_TENANT, "same-id") or "")["tag"] == "tenant"
        await store.write(OTHER_KIND, "same-id", remove)
        assert await store.get(OWNER, "same-id") == doc("same-id", tag="home")
        empty = OwnerKey(OWNER.tenant_id, OWNER.owner_kind, "00000000-0000-0000-0000-000000000000")
        assert await store.count(empty) == 0 and await store.get(empty, "same-id") is None
        assert (await store.list_page(empty, cursor=None, limit=5, max_bytes=10**6)).items == []
        await store.close()

    run(main())


def test_owner_documents_round_trip_apart_from_jobs_and_from_each_other(make_store: MakeStore) -> None:
    secrets = '[{"key":"SecretToken","value":"Caf\u00e9 \U0001f600"}]'

    async def main() -> None:
        store = make_store()
        assert await store.get_document(OWNER, "secrets") is None
        assert await store.write_document(OWNER, "secrets", put(secrets)) == secrets
        assert await store.get_document(OWNER, "secrets") == secrets
        assert await store.get_document(OWNER, "other") is None
        for owner in (OTHER_TENANT, OTHER_KIND):
            assert await store.get_document(owner, "secrets") is None
        assert await store.count(OWNER) == 0 and await store.get(OWNER, "secrets") is None
        seen: list[str | None] = []

        def replace(current: str | None) -> str:
            seen.append(current)
            return "[]"

        assert await store.write_document(OWNER, "secrets", replace) == "[]"
        assert seen == [secrets] and await store.get_document(OWNER, "secrets") == "[]"

        def refuse(current: str | None) -> str:
            raise ValueError("no")

        with pytest.raises(ValueError):
            await store.write_document(OWNER, "secrets", refuse)
        assert await store.get_document(OWNER, "secrets") == "[]"
        assert await store.write_document(OWNER, "secrets", remove) is None
        assert await store.get_document(OWNER, "secrets") is None
        assert await store.write_document(OTHER_TENANT, "secrets", remove) is None  # nothing to remove
        await store.close()

    run(main())


def test_deleting_a_job_deletes_its_documents_and_only_them(make_store: MakeStore, engine: str) -> None:
    async def main() -> None:
        store = make_store()
        for job_id in ("j", "j2", "j/"):
            await store.write(OWNER, job_id, insert(doc(job_id)))
            await store.write_document(OWNER, job_document(job_id, "schema"), put(f'"{job_id}"'))
        await store.write_document(OWNER, job_document("j", "more"), put("1"))
        await store.write_document(OTHER_TENANT, job_document("j", "schema"), put("2"))
        await store.write_document(OWNER, "secrets", put("[]"))
        await store.write(OWNER, "j", remove)
        assert await store.get_document(OWNER, job_document("j", "schema")) is None
        assert await store.get_document(OWNER, job_document("j", "more")) is None
        assert await store.get_document(OWNER, job_document("j2", "schema")) == '"j2"'
        assert await store.get_document(OWNER, job_document("j/", "schema")) == '"j/"'
        assert await store.get_document(OTHER_TENANT, job_document("j", "schema")) == "2"
        assert await store.get_document(OWNER, "secrets") == "[]"
        await store.close()
        if engine != "memory":  # the deletion is as durable as the job's
            again = make_store()
            assert await again.get_document(OWNER, job_document("j2", "schema")) == '"j2"'
            assert await again.get_document(OWNER, job_document("j", "more")) is None
            await again.close()

    run(main())


def test_a_document_of_a_job_is_written_only_while_the_job_exists(make_store: MakeStore) -> None:
    async def main() -> None:
        store = make_store()
        name = job_document("j", "schema")
        with pytest.raises(JobNotFound):
            await store.write_document(OWNER, name, put("1"), of_job="j")
        assert await store.get_document(OWNER, name) is None
        await store.write(OWNER, "j", insert(doc("j")))
        assert await store.write_document(OWNER, name, put("2"), of_job="j") == "2"
        await store.write(OWNER, "j", remove)
        with pytest.raises(JobNotFound):  # deleted: a late write is refused, not left behind
            await store.write_document(OWNER, name, put("3"), of_job="j")
        assert await store.get_document(OWNER, name) is None
        with pytest.raises(JobNotFound):  # another tenant's job of the same id does not count
            await store.write(OTHER_TENANT, "j", insert(doc("j")))
            await store.write_document(OWNER, name, put("4"), of_job="j")
        await store.close()

    run(main())


def test_owner_documents_are_as_durable_as_jobs(make_store: MakeStore, engine: str) -> None:
    async def main() -> None:
        store = make_store()
        await store.write_document(OWNER, "secrets", put("[1]"))
        await store.close()
        again = make_store()
        expected = "[1]" if engine != "memory" else None  # the memory engine keeps nothing
        assert await again.get_document(OWNER, "secrets") == expected
        await again.close()

    run(main())


def test_a_change_sees_the_current_document_and_may_write_nothing(make_store: MakeStore) -> None:
    async def main() -> None:
        store = make_store()
        seen: list[str | None] = []

        def unchanged(current: str | None) -> str | None:
            seen.append(current)
            return current

        assert await store.write(OWNER, "x", unchanged) is None  # nothing to change, nothing created
        assert await store.count(OWNER) == 0
        await store.write(OWNER, "x", insert(doc("x")))
        assert await store.write(OWNER, "x", unchanged) == doc("x")
        assert seen == [None, doc("x")]
        await store.close()

    run(main())


def test_an_exception_of_a_change_reaches_the_caller_and_writes_nothing(make_store: MakeStore) -> None:
    """A domain error (a 404, a duplicate) or a bug in a change: the caller gets it unchanged, other writes stand."""

    def broken(current: str | None) -> str:
        raise ValueError("bug")

    async def main() -> None:
        store = make_store()
        await store.write(OWNER, "x", insert(doc("x")))
        results = await asyncio.gather(
            store.write(OWNER, "y", insert(doc("y"))),
            store.write(OWNER, "x", broken),
            store.write(OWNER, "new", broken),
            store.write(OWNER, "z", insert(doc("z"))),
            return_exceptions=True,
        )
        assert results[0] == doc("y") and results[3] == doc("z")
        assert isinstance(results[1], ValueError) and isinstance(results[2], ValueError)
        assert await store.get(OWNER, "x") == doc("x") and await store.get(OWNER, "new") is None
        assert await store.count(OWNER) == 3
        await store.close()

    run(main())


def test_a_duplicate_id_is_never_stored_twice(make_store: MakeStore) -> None:
    async def main() -> None:
        store = make_store()
        await store.write(OWNER, "x", insert(doc("x", n=1)))
        with pytest.raises(KeyError):
            await store.write(OWNER, "x", insert(doc("x", n=2)))
        results = await asyncio.gather(
            *(store.write(OWNER, "y", insert(doc("y", n=i))) for i in range(5)), return_exceptions=True
        )
        assert sum(1 for r in results if isinstance(r, KeyError)) == 4  # exactly one create won
        assert await store.count(OWNER) == 2 and await store.get(OWNER, "x") == doc("x", n=1)
        assert await ids_of_all_pages(store, OWNER, limit=10) == ["x", "y"]
        await store.close()

    run(main())


def test_paging_in_creation_order(make_store: MakeStore) -> None:
    async def main() -> None:
        store = make_store()
        for i in range(7):
            await store.write(OWNER, f"j{i}", insert(doc(f"j{i}")))
        await store.write(OTHER_TENANT, "elsewhere", insert(doc("elsewhere")))
        await store.write(OWNER, "j0", put(doc("j0", updated=True)))  # an update keeps its place
        expected = [f"j{i}" for i in range(7)]
        for limit in (1, 3, 6, 7, 100):
            assert await ids_of_all_pages(store, OWNER, limit=limit) == expected, limit
        exact = await store.list_page(OWNER, cursor=None, limit=7, max_bytes=10**6)
        assert len(exact.items) == 7 and exact.next_cursor is None
        await store.close()

    run(main())


def test_paging_while_jobs_come_and_go(make_store: MakeStore) -> None:
    """A job created after a page was read is on a later page; one deleted is not listed; nothing repeats."""

    async def main() -> None:
        store = make_store()
        for i in range(6):
            await store.write(OWNER, f"j{i}", insert(doc(f"j{i}")))
        first = await store.list_page(OWNER, cursor=None, limit=3, max_bytes=10**6)
        assert first.next_cursor is not None and isinstance(first.next_cursor, str)
        await store.write(OWNER, "j1", remove)  # already listed
        await store.write(OWNER, "j4", remove)  # not yet listed
        await store.write(OWNER, "late", insert(doc("late")))
        rest = await store.list_page(OWNER, cursor=first.next_cursor, limit=10, max_bytes=10**6)
        assert [json.loads(i)["id"] for i in first.items] == ["j0", "j1", "j2"]
        assert [json.loads(i)["id"] for i in rest.items] == ["j3", "j5", "late"]
        assert rest.next_cursor is None
        await store.close()

    run(main())


def test_pages_end_at_a_number_of_utf8_bytes(make_store: MakeStore) -> None:
    """The cap counts bytes: a document of 1,000 emoji is 1,000 characters and 4,000+ bytes."""

    async def main() -> None:
        store = make_store()
        for i in range(5):
            await store.write(OWNER, f"j{i}", insert(doc(f"j{i}", pad="\U0001f600" * 1000)))
        size = len(doc("j0", pad="\U0001f600" * 1000).encode())
        first = await store.list_page(OWNER, cursor=None, limit=5, max_bytes=2 * size)
        assert len(first.items) == 2 and first.next_cursor is not None
        rest = await store.list_page(OWNER, cursor=first.next_cursor, limit=5, max_bytes=2 * size + 1)
        assert [json.loads(d)["id"] for d in rest.items] == ["j2", "j3"]
        characters = await store.list_page(OWNER, cursor=None, limit=5, max_bytes=3 * 1100)
        assert len(characters.items) == 1  # three documents would fit if characters were counted
        tiny = await store.list_page(OWNER, cursor=None, limit=5, max_bytes=10)
        assert len(tiny.items) == 1  # never an empty page while jobs remain
        assert await ids_of_all_pages(store, OWNER, limit=5, max_bytes=10) == [f"j{i}" for i in range(5)]
        await store.close()

    run(main())


def test_concurrent_updates_of_one_job_lose_nothing(make_store: MakeStore) -> None:
    def increment(current: str | None) -> str:
        job = json.loads(current or "")
        job["n"] += 1
        return json.dumps(job)

    async def main() -> None:
        store = make_store()
        await store.write(OWNER, "counter", insert(json.dumps({"n": 0})))
        await asyncio.gather(*(store.write(OWNER, "counter", increment) for _ in range(300)))
        assert json.loads(await store.get(OWNER, "counter") or "")["n"] == 300
        await store.close()

    run(main())


def test_many_concurrent_creates(make_store: MakeStore) -> None:
    async def main() -> None:
        store = make_store()
        await asyncio.gather(*(store.write(OWNER, f"j{i:03}", insert(doc(f"j{i:03}"))) for i in range(300)))
        assert await store.count(OWNER) == 300
        assert sorted(await ids_of_all_pages(store, OWNER, limit=64)) == [f"j{i:03}" for i in range(300)]
        await store.close()

    run(main())


def test_a_closed_store_refuses_everything(make_store: MakeStore) -> None:
    async def main() -> None:
        store = make_store()
        await store.write(OWNER, "x", insert(doc("x")))
        await store.close()
        await store.close()  # idempotent
        calls: list[Any] = [
            store.get(OWNER, "x"),
            store.count(OWNER),
            store.list_page(OWNER, cursor=None, limit=1, max_bytes=100),
            store.write(OWNER, "y", insert(doc("y"))),
            store.get_document(OWNER, "secrets"),
            store.write_document(OWNER, "secrets", put("[]")),
        ]
        for call in calls:
            with pytest.raises(StorageError):
                await call

    run(main())


def test_a_cursor_of_another_engine_or_a_forged_one_is_a_storage_error(make_store: MakeStore) -> None:
    """The service only hands back cursors it got (it authenticates its skip tokens): anything else is a bug."""

    async def main() -> None:
        store = make_store()
        await store.write(OWNER, "x", insert(doc("x")))
        with pytest.raises(StorageError):
            await store.list_page(OWNER, cursor="not a cursor", limit=1, max_bytes=100)
        await store.close()

    run(main())


def test_failures_of_the_engine_are_storage_errors(store_and_faults: tuple[JobStore, Any]) -> None:
    """Each engine with failures of its own says how to cause them (conftest.FAULTS); every call maps them."""
    store, faults = store_and_faults

    async def main() -> None:
        await store.write(OWNER, "x", insert(doc("x")))
        with faults.reads():
            for call in (
                store.get(OWNER, "x"),
                store.count(OTHER_TENANT),
                store.list_page(OWNER, cursor=None, limit=5, max_bytes=10**6),
            ):
                with pytest.raises(StorageError):
                    await call
        with pytest.raises(StorageError):
            await store.write(OWNER, "x", faults.write_change())
        assert await store.get(OWNER, "x") == doc("x")  # the store recovers
        await store.write(OWNER, "y", insert(doc("y")))
        assert await store.count(OWNER) == 2
        await store.close()

    run(main())
