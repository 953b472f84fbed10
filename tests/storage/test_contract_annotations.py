"""The storage contract, continued: a job's annotation (kept with it, never served), the index of due
times, and clearing a store. Every registered engine passes every test here."""

from __future__ import annotations

import json
from collections.abc import Callable

from support.stores import OTHER_TENANT, OWNER, doc, insert, put, remove, run

from graphsync.storage import JobStore, annotated, job_document, split_annotated

MakeStore = Callable[[], JobStore]
T1, T2 = "2026-01-01T00:00:00.0000000Z", "2026-01-01T00:40:00.0000000Z"
T3, T4 = "2026-01-02T00:00:00.0000000Z", "2026-01-03T00:00:00.0000000Z"


def note(**members: object) -> str:
    return json.dumps(members, separators=(",", ":"))


def test_an_annotation_is_written_with_its_job_and_never_served(make_store: MakeStore) -> None:
    async def main() -> None:
        store = make_store()
        await store.write(OWNER, "j", insert(annotated(doc("j"), note(due=T1, cycles=3))))
        assert await store.get(OWNER, "j") == doc("j")
        page = await store.list_page(OWNER, cursor=None, limit=10, max_bytes=10**6)
        assert page.items == [doc("j")]
        seen: list[str | None] = []

        def look(current: str | None) -> str | None:
            seen.append(current)
            return current

        await store.write(OWNER, "j", look)
        assert seen == [annotated(doc("j"), note(due=T1, cycles=3))]
        await store.write(OWNER, "j", put(doc("j", state="Active")))  # no annotation: it is gone
        await store.write(OWNER, "j", look)
        assert split_annotated(str(seen[-1])) == (doc("j", state="Active"), None)
        await store.close()

    run(main())


def test_due_jobs_come_earliest_first_from_every_owner(make_store: MakeStore) -> None:
    other = OTHER_TENANT

    async def main() -> None:
        store = make_store()
        await store.write(OWNER, "late", insert(annotated(doc("late"), note(due=T3))))
        await store.write(other, "early", insert(annotated(doc("early"), note(due=T1))))
        await store.write(OWNER, "mid", insert(annotated(doc("mid"), note(due=T2))))
        await store.write(OWNER, "idle", insert(annotated(doc("idle"), note(due=None))))
        await store.write(OWNER, "plain", insert(doc("plain")))
        assert await store.due(T2, 10) == [(other, "early"), (OWNER, "mid")]
        assert await store.due(T3, 1) == [(other, "early")]
        assert await store.due("2025-12-31T00:00:00.0000000Z", 10) == []
        # A write moves a job in the index; deleting it takes it out.
        await store.write(other, "early", put(annotated(doc("early"), note(due=T4))))
        await store.write(OWNER, "mid", remove)
        assert await store.due(T4, 10) == [(OWNER, "late"), (other, "early")]
        await store.close()

    run(main())


def test_a_change_that_raises_leaves_the_index_as_it_was(make_store: MakeStore) -> None:
    def broken(current: str | None) -> str:
        raise ValueError("no")

    async def main() -> None:
        store = make_store()
        await store.write(OWNER, "j", insert(annotated(doc("j"), note(due=T1))))
        try:
            await store.write(OWNER, "j", broken)
        except ValueError:
            pass
        assert await store.due(T1, 10) == [(OWNER, "j")]
        await store.close()

    run(main())


def test_the_index_is_as_durable_as_the_jobs(make_store: MakeStore, engine: str) -> None:
    async def main() -> None:
        store = make_store()
        await store.write(OWNER, "j", insert(annotated(doc("j"), note(due=T1))))
        await store.close()
        again = make_store()
        expected = [] if engine == "memory" else [(OWNER, "j")]
        assert await again.due(T3, 10) == expected
        await again.close()

    run(main())


def test_clear_deletes_every_job_document_and_due_time(make_store: MakeStore) -> None:
    async def main() -> None:
        store = make_store()
        await store.write(OWNER, "j", insert(annotated(doc("j"), note(due=T1))))
        await store.write_document(OWNER, "secrets", put("[1]"))
        await store.write_document(OWNER, job_document("j", "schema"), put("{}"), of_job="j")
        await store.clear()
        assert await store.get(OWNER, "j") is None and await store.count(OWNER) == 0
        assert await store.get_document(OWNER, "secrets") is None
        assert await store.due(T3, 10) == []
        await store.write(OWNER, "j", insert(doc("j")))  # the store is usable after it
        assert await store.get(OWNER, "j") == doc("j")
        await store.close()

    run(main())


def test_get_with_annotated_reads_what_a_change_sees(make_store: MakeStore) -> None:
    async def main() -> None:
        store = make_store()
        await store.write(OWNER, "j", insert(annotated(doc("j"), note(due=T1))))
        await store.write(OWNER, "k", insert(doc("k")))
        assert await store.get(OWNER, "j", annotated=True) == annotated(doc("j"), note(due=T1))
        assert await store.get(OWNER, "k", annotated=True) == doc("k")
        assert await store.get(OWNER, "x", annotated=True) is None
        await store.close()

    run(main())
