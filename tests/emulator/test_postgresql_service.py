"""The service on the PostgreSQL engine: the same API, and a lost database answered 503, never a hang or a 500.

The engine itself is tested in tests/storage (the contract suite and test_postgresql.py); these tests
need a throw-away server (support/postgres.py) and are skipped where PostgreSQL's binaries are absent.
"""

from __future__ import annotations

import dataclasses
import time

from support import JOBS
from support.asgi import InProcess
from support.graph import assert_graph_error
from support.postgres import PostgresServer
from support.tokens import Tokens

from graphsync.app import create_app
from graphsync.auth import KeySet
from graphsync.settings import Settings


def test_jobs_live_in_postgresql_across_apps(
    settings: Settings, postgres_url: str, tokens: Tokens, key_set: KeySet
) -> None:
    on_postgres = dataclasses.replace(settings, db=postgres_url)
    api = InProcess(create_app(on_postgres, keys=key_set), tokens)
    try:
        created = [api.create() for _ in range(3)]
        got = api.get(f"{JOBS}/{created[0]['id']}")
        assert got.status_code == 200 and got.json()["id"] == created[0]["id"]
        listed = api.get(f"{JOBS}?$top=2")
        assert [job["id"] for job in listed.json()["value"]] == [job["id"] for job in created[:2]]
        rest = api.get(listed.json()["@odata.nextLink"].removeprefix("http://graph.test"))
        assert [job["id"] for job in rest.json()["value"]] == [created[2]["id"]]
        assert api.delete(f"{JOBS}/{created[1]['id']}").status_code == 204
        kept = api.get(f"{JOBS}/{created[2]['id']}").content
    finally:
        api.close()
    again = InProcess(create_app(on_postgres, keys=key_set), tokens)
    try:
        assert again.get(f"{JOBS}/$count", headers={"ConsistencyLevel": "eventual"}).text == "2"
        assert again.get(f"{JOBS}/{created[2]['id']}").content == kept  # the same bytes from the database
    finally:
        again.close()


def test_a_lost_database_is_503_within_the_pool_timeout_and_its_return_is_served(
    settings: Settings, own_postgres: PostgresServer, tokens: Tokens, key_set: KeySet
) -> None:
    url = f"{own_postgres.create_database()}?pool_timeout=1"
    api = InProcess(create_app(dataclasses.replace(settings, db=url), keys=key_set), tokens)
    try:
        job = api.create()
        own_postgres.stop("immediate")
        for method, path in (("GET", f"{JOBS}/{job['id']}"), ("POST", JOBS), ("GET", JOBS)):
            started = time.monotonic()
            response = api.request(
                method, path, json={"templateId": "BoxOutDelta"} if method == "POST" else None
            )
            assert_graph_error(response, 503, "serviceNotAvailable")
            assert response.headers["retry-after"] == "1"
            assert time.monotonic() - started < 5
        own_postgres.start()
        assert api.get(f"{JOBS}/{job['id']}").status_code == 200
        api.create()
    finally:
        api.close()
