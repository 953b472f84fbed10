"""Two emulator processes on one PostgreSQL database serve one state: what one writes, the other reads.

Both run with the same `public_url`, so that their bodies (contexts and next links) are the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from support import JOBS
from support.shared import StartPair
from support.tokens import Tokens

from graphsync import demo

pytestmark = pytest.mark.socket

PUBLIC = "http://graph.test"
SECRETS = f"/v1.0/servicePrincipals/{demo.BOX_SP}/synchronization/secrets"
COUNT = {"ConsistencyLevel": "eventual"}


def clients(start_pair: StartPair, url: str, tokens: Tokens) -> tuple[httpx.Client, httpx.Client]:
    a, b = start_pair(url, public_url=PUBLIC)
    auth = {"Authorization": f"Bearer {tokens()}"}
    return (
        httpx.Client(base_url=a.origin, headers=auth, timeout=20),
        httpx.Client(base_url=b.origin, headers=auth, timeout=20),
    )


def test_a_job_made_through_one_process_is_served_by_the_other(
    start_pair: StartPair, postgres_url: str, tokens: Tokens
) -> None:
    a, b = clients(start_pair, postgres_url, tokens)
    with a, b:
        created = [a.post(JOBS, json={"templateId": "BoxOutDelta"}) for _ in range(5)]
        assert all(response.status_code == 201 for response in created)
        ids = [response.json()["id"] for response in created]

        # get: the same bytes through either process
        for job_id in ids:
            through_a, through_b = a.get(f"{JOBS}/{job_id}"), b.get(f"{JOBS}/{job_id}")
            assert through_b.status_code == 200
            assert through_b.content == through_a.content

        # list, paged with $top: the pages are the same bytes, and a next link from one works on the other
        first_a, first_b = a.get(f"{JOBS}?$top=2"), b.get(f"{JOBS}?$top=2")
        assert first_b.content == first_a.content
        seen, link, turn = [], f"{JOBS}?$top=2", 0
        while link:
            page = (a, b)[turn % 2].get(link.removeprefix(PUBLIC))
            assert page.status_code == 200, page.text
            seen += [job["id"] for job in page.json()["value"]]
            link, turn = page.json().get("@odata.nextLink"), turn + 1
        assert seen == ids and turn == 3

        # count
        assert (
            a.get(f"{JOBS}/$count", headers=COUNT).text == b.get(f"{JOBS}/$count", headers=COUNT).text == "5"
        )

        # start and pause through B, read through A
        assert b.post(f"{JOBS}/{ids[0]}/start").status_code == 204
        assert a.get(f"{JOBS}/{ids[0]}").json()["schedule"]["state"] == "Active"
        assert b.post(f"{JOBS}/{ids[0]}/pause").status_code == 204
        paused = a.get(f"{JOBS}/{ids[0]}")
        assert paused.json()["schedule"]["state"] == "Paused"
        assert b.get(f"{JOBS}/{ids[0]}").content == paused.content

        # delete through B: gone through A
        assert b.delete(f"{JOBS}/{ids[1]}").status_code == 204
        assert a.get(f"{JOBS}/{ids[1]}").status_code == 404
        assert a.delete(f"{JOBS}/{ids[1]}").status_code == 404
        assert a.get(f"{JOBS}/$count", headers=COUNT).text == "4"
        assert b.get(JOBS).content == a.get(JOBS).content


def test_secrets_put_through_one_process_are_read_through_the_other(
    start_pair: StartPair, postgres_url: str, tokens: Tokens
) -> None:
    a, b = clients(start_pair, postgres_url, tokens)
    with a, b:
        secrets = [
            {"key": "SecretToken", "value": "s3cret"},
            {"key": "BaseAddress", "value": "https://x.test"},
        ]
        assert a.put(SECRETS, json={"value": secrets}).status_code == 204
        through_b = b.get(SECRETS)
        assert through_b.status_code == 200
        assert through_b.content == a.get(SECRETS).content
        assert {item["key"] for item in through_b.json()["value"]} == {"SecretToken", "BaseAddress"}
        assert b.get(f"{SECRETS}/$count", headers=COUNT).text == "2"


def test_faults_are_per_process_and_a_reset_is_shared(
    start_pair: StartPair, postgres_url: str, tokens: Tokens, operator_key: Callable[[], str]
) -> None:
    a, b = clients(start_pair, postgres_url, tokens)
    operator = {"Authorization": f"Bearer {operator_key()}"}
    with a, b:
        job = a.post(JOBS, json={"templateId": "BoxOutDelta"}).json()["id"]
        fault = a.post("/_graphsync/faults", json={"operation": "*", "status": 503}, headers=operator)
        assert fault.status_code == 201, fault.text
        assert a.get(f"{JOBS}/{job}").status_code == 503  # the process that took the fault
        assert b.get(f"{JOBS}/{job}").status_code == 200  # the other one does not apply it
        assert a.delete("/_graphsync/faults", headers=operator).status_code == 204

        assert a.post("/_graphsync/reset", headers=operator).status_code == 204
        assert b.get(f"{JOBS}/{job}").status_code == 404  # the jobs were the database's: gone for both
        assert b.get(f"{JOBS}/$count", headers=COUNT).text == "0"
        # after a reset, next links still pass from one process to the other
        for _ in range(3):
            assert b.post(JOBS, json={"templateId": "BoxOutDelta"}).status_code == 201
        link = b.get(f"{JOBS}?$top=2").json()["@odata.nextLink"]
        assert a.get(link.removeprefix(PUBLIC)).status_code == 200
