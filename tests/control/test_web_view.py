"""The web view (/_graphsync/ui) of a served emulator, as a browser gets it: signing in with the operator
key, what the page shows (tenants and their service principals, a job with its status and the timeline of
its cycles and quarantine, the request journal and its filters), escaping and no external asset; then the
same page in a real headless Chromium (its DOM and a screenshot), when `chromium` is installed (Debian's
`chromium` package; .ci/run installs it)."""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import re
import shutil
import signal
import struct
import subprocess
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import pytest

from graphsync import demo
from graphsync.control.client import ControlClient
from graphsync.pytest_plugin import Served, TokenFactory
from tests.support.html import Node, parse

VIEW = "/_graphsync/ui"
COOKIE = "graphsync_operator"
CREATE_JOBS = "servicePrincipals.synchronization.CreateJobs"
START_JOB = "servicePrincipals.servicePrincipal.synchronization.jobs.synchronizationJob.start"
# Values a client controls that reach the page: a cycle fault's error (quarantine and timeline), and the
# journal's paths, queries, client-request-ids and request bodies.
HOSTILE_CODE = '<img src=x onerror="alert(1)">'
HOSTILE_MESSAGE = "</span><script>alert('quarantine')</script>"
HOSTILE_SEGMENT = "<script>alert('path')</script>"
HOSTILE_QUERY = "$filter=<script>alert('query')</script>"
HOSTILE_CLIENT_ID = "<script>alert('client-request-id')</script>"
HOSTILE_TEMPLATE = "</pre><script>alert('body')</script>"
CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)",
)
SUCCEEDED, FAILED = bytes.fromhex("2e7d32"), bytes.fromhex("c62828")  # ui.py's timeline colours


# Fixtures: a Graph client, a signed-in browser-like client, and a job that ran, then went to quarantine.


@pytest.fixture
def graph(graphsync_server: Served, graphsync_token: TokenFactory) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {graphsync_token()}"}
    base = f"{graphsync_server.base_url}/servicePrincipals/{demo.BOX_SP}/synchronization"
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        yield client


@pytest.fixture
def browser(graphsync_server: Served) -> Iterator[httpx.Client]:
    """A client that signed in the way a browser does (`?key=`, then the cookie)."""
    with httpx.Client(base_url=graphsync_server.origin, timeout=30) as client:
        signed_in = client.get(VIEW, params={"key": graphsync_server.operator_key})
        assert signed_in.status_code == 303, signed_in.text
        assert COOKIE in client.cookies
        yield client


@pytest.fixture
def quarantined_job(graph: httpx.Client, graphsync_control: ControlClient) -> Iterator[str]:
    """A Box job that ran one good cycle, then failed one (an injected error with hostile text): in quarantine."""
    created = graph.post("/jobs", json={"templateId": "BoxOutDelta"})
    assert created.status_code == 201, created.text
    job_id = str(created.json()["id"])
    try:
        assert graph.post(f"/jobs/{job_id}/start").status_code == 204
        graphsync_control.advance("PT1M")
        graphsync_control.fail_cycles(jobId=job_id, error={"code": HOSTILE_CODE, "message": HOSTILE_MESSAGE})
        graphsync_control.advance("PT40M")  # the job's next cycle (every 40 minutes) fails
        graphsync_control.clear_faults()
        status = graph.get(f"/jobs/{job_id}").json()["status"]
        assert status["code"] == "Quarantine", status
        yield job_id
    finally:
        graph.delete(f"/jobs/{job_id}")


def page(client: httpx.Client, **filters: str) -> Node:
    response = client.get(VIEW, params=filters)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    return parse(response.text)


def job_section(document: Node, job_id: str) -> Node:
    return document.one("section", "job", data_job=job_id)


def journal_rows(document: Node) -> list[list[str]]:
    """Time and client-request-id, method, path and query, status, operation, ms, request body."""
    return document.one("table", id="journal").rows()


# What the page shows.


def test_the_page_shows_tenants_the_job_its_timeline_and_the_journal(
    browser: httpx.Client, quarantined_job: str
) -> None:
    document = page(browser)
    tenants = document.one("table", id="tenants").text()
    for value in ("Contoso", demo.CONTOSO, "Fabrikam", demo.FABRIKAM, demo.BOX_SP):
        assert value in tenants

    job = job_section(document, quarantined_job)
    assert job.attrs["id"] == f"job-{quarantined_job}"
    assert job.one("span", data_field="code").text() == "Quarantine"
    quarantine = job.one("span", data_field="quarantine").text()
    assert "EncounteredQuarantineException" in quarantine and "1 times" in quarantine
    assert HOSTILE_CODE in quarantine and HOSTILE_MESSAGE in quarantine
    # The timeline: one good cycle (it exported the demo tenant's users and groups), then the failure.
    blocks = job.one("div", "timeline").all("div", "cycle")
    assert [block.classes for block in blocks] == [
        ["cycle", "Succeeded", "in-Active"],
        ["cycle", "Failed", "in-Quarantine"],
    ]
    assert [block.text() for block in blocks] == ["1", "1"]
    assert HOSTILE_CODE in blocks[1].attrs["title"]
    good, bad = job.one("table", "cycles").rows()
    assert good[2:5] == ["Succeeded", "Active", "1"] and int(good[5]) > 0 and good[6] == ""
    assert bad[2:7] == ["Failed", "Quarantine", "1", "0", HOSTILE_CODE]
    assert good[0] < bad[0]

    rows = journal_rows(document)
    assert any(row[4] == CREATE_JOBS and row[3] == "201" and "BoxOutDelta" in row[6] for row in rows)
    start = [row for row in rows if row[4] == START_JOB and quarantined_job in row[2]]
    assert start and start[0][1] == "POST" and start[0][3] == "204"
    assert not any(row[2].startswith("/_graphsync") for row in rows)  # the control API is not journaled


def test_the_operation_and_status_filters_narrow_the_journal(
    browser: httpx.Client, quarantined_job: str
) -> None:
    everything = journal_rows(page(browser))
    assert {CREATE_JOBS, START_JOB} <= {row[4] for row in everything}

    by_operation = page(browser, operation=CREATE_JOBS)
    rows = journal_rows(by_operation)
    assert rows and all(row[4] == CREATE_JOBS for row in rows) and len(rows) < len(everything)
    assert by_operation.one("option", value=CREATE_JOBS).attrs.get("selected") == ""

    by_status = page(browser, status="204")
    rows = journal_rows(by_status)
    assert any(row[4] == START_JOB and quarantined_job in row[2] for row in rows)
    assert all(row[3] == "204" for row in rows)
    assert by_status.one("input", name="status").attrs["value"] == "204"

    assert journal_rows(page(browser, operation=START_JOB, status="201")) == []
    for status in ("abc", "99", "600"):
        assert browser.get(VIEW, params={"status": status}).status_code == 400


def test_values_from_clients_are_escaped(
    graphsync_server: Served, graph: httpx.Client, browser: httpx.Client, quarantined_job: str
) -> None:
    hostile = graph.post(
        "/jobs", json={"templateId": HOSTILE_TEMPLATE}, headers={"client-request-id": HOSTILE_CLIENT_ID}
    )
    assert hostile.status_code >= 400
    # A raw request target (httpx would percent-encode the query): the journal keeps the query as sent.
    address = urlsplit(graphsync_server.origin)
    connection = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=30)
    try:
        connection.request(
            "GET", f"/v1.0/servicePrincipals/{quote(HOSTILE_SEGMENT)}/synchronization/jobs?{HOSTILE_QUERY}"
        )
        assert connection.getresponse().status >= 400
    finally:
        connection.close()

    response = browser.get(VIEW)
    assert response.status_code == 200
    for value in (HOSTILE_CODE, HOSTILE_MESSAGE, HOSTILE_SEGMENT, HOSTILE_QUERY, HOSTILE_CLIENT_ID):
        assert value not in response.text
    assert "<script" not in response.text and "<img" not in response.text
    document = parse(response.text)
    assert not document.all("script") and not document.all("img")
    text = document.text()  # the values are there, as text
    for value in (HOSTILE_CODE, HOSTILE_MESSAGE, HOSTILE_SEGMENT, HOSTILE_QUERY, HOSTILE_CLIENT_ID):
        assert value in text, value
    assert any(HOSTILE_TEMPLATE in row[6] and HOSTILE_CLIENT_ID in row[0] for row in journal_rows(document))
    # The selected filter is echoed into an attribute: escaped there too.
    filtered = browser.get(VIEW, params={"operation": '"><script>alert(1)</script>'})
    assert filtered.status_code == 200 and "<script" not in filtered.text


def test_the_page_loads_nothing_from_elsewhere_and_its_policy_admits_its_style(
    browser: httpx.Client, quarantined_job: str
) -> None:
    document = page(browser)
    assert not document.all("script") and not document.all("iframe") and not document.all("img")
    for element in document.all():
        for name in ("src", "href", "action", "srcset", "data"):
            if name in element.attrs:
                value = element.attrs[name]
                assert re.match(r"(/(?!/)|#|data:)", value), f"<{element.tag} {name}={value!r}>"
    assert [link.attrs for link in document.all("link")] == [{"rel": "icon", "href": "data:,"}]
    (style,) = document.all("style")
    assert "url(" not in style.text() and "@import" not in style.text()
    policy = document.one("meta", http_equiv="Content-Security-Policy").attrs["content"]
    assert "default-src 'none'" in policy
    digest = base64.b64encode(hashlib.sha256(style.text().encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy  # else a browser would show the page unstyled


# In a real browser.


def run_chromium(tmp_path: Path, url: str, *args: str) -> bytes:
    """Headless Chromium on `url` with a profile of its own; its stdout. Killed (with its children) after 60 s."""
    assert CHROMIUM is not None
    profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=tmp_path)
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-color-profile=srgb",
        f"--user-data-dir={profile}",
        *args,
        url,
    ]
    environment = {**os.environ, "HOME": profile}
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment, start_new_session=True
    ) as process:
        try:
            out, err = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"chromium did not finish in 60 s: {' '.join(command)}")
    tail = err.decode("utf-8", "replace")[-2000:]  # Chromium's stderr is noise (D-Bus, ...) unless it failed
    assert process.returncode == 0, f"chromium exited with {process.returncode}: {' '.join(command)}\n{tail}"
    return out


def sign_in_url(served: Served) -> str:
    return f"{served.origin}{VIEW}?key={quote(served.operator_key)}"


@needs_chromium
def test_chromium_shows_the_job_its_status_and_timeline(
    graphsync_server: Served, graphsync_control: ControlClient, quarantined_job: str, tmp_path: Path
) -> None:
    dom = run_chromium(tmp_path, sign_in_url(graphsync_server), "--dump-dom").decode()
    (tmp_path / "web-view.html").write_text(dom, encoding="utf-8")
    document = parse(dom)
    assert document.all("table", id="journal"), f"Chromium did not get the view: {tmp_path / 'web-view.html'}"
    job = job_section(document, quarantined_job)
    assert job.one("span", data_field="code").text() == "Quarantine"
    blocks = job.one("div", "timeline").all("div", "cycle")
    assert [block.classes[1:] for block in blocks] == [
        ["Succeeded", "in-Active"],
        ["Failed", "in-Quarantine"],
    ]
    assert HOSTILE_MESSAGE in job.one("span", data_field="quarantine").text()
    assert not document.all("script")
    assert any(row[4] == START_JOB and quarantined_job in row[2] for row in journal_rows(document))
    # The page names a data: icon, so the browser does not ask the emulator for /favicon.ico.
    assert not [entry for entry in graphsync_control.journal(top=500) if entry["path"] == "/favicon.ico"]


@needs_chromium
def test_chromium_screenshot_shows_the_timeline(
    graphsync_server: Served, quarantined_job: str, tmp_path: Path
) -> None:
    shot = tmp_path / "web-view.png"
    run_chromium(tmp_path, sign_in_url(graphsync_server), f"--screenshot={shot}", "--window-size=1280,1600")
    assert shot.is_file(), f"no screenshot at {shot}"
    width, height, step, pixels = read_png(shot)
    assert (width, height) == (1280, 1600), shot
    sample = {pixels[i : i + 3] for i in range(0, len(pixels), step * 997)}
    assert len(sample) > 10, f"the screenshot is (nearly) one flat colour: {shot}"
    # The timeline's blocks (each at least 20 x 19 pixels of its colour, less its digit) are in the picture. (A colour's
    # bytes could also straddle two pixels; with these colours on this page, not hundreds of times.)
    assert pixels.count(SUCCEEDED) >= 200, f"no green (Succeeded) cycle block in {shot}"
    assert pixels.count(FAILED) >= 200, f"no red (Failed) cycle block in {shot}"


def read_png(path: Path) -> tuple[int, int, int, bytes]:
    """Width, height, bytes per pixel and pixels of an 8-bit, non-interlaced RGB or RGBA PNG (as Chromium
    writes them)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"not a PNG: {path}"
    position, chunks = 8, []
    header: tuple[Any, ...] = ()
    while position < len(data):
        size, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + size]
        position += 12 + size
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, f"unexpected PNG format {header}: {path}"
    step = 3 if colour == 2 else 4
    rows = _unfiltered(zlib.decompress(b"".join(chunks)), width * step, height, step)
    return width, height, step, b"".join(rows)


def _unfiltered(raw: bytes, stride: int, height: int, step: int) -> list[bytes]:
    """PNG scanline filters undone (RFC 2083 section 6)."""
    rows, previous = [], bytes(stride)
    for index in range(height):
        kind, line = raw[index * (stride + 1)], raw[index * (stride + 1) + 1 : (index + 1) * (stride + 1)]
        if kind == 0:
            row = bytes(line)
        elif kind == 2:  # Up, for a whole row at once: bytewise addition without carries between bytes
            low, high = int.from_bytes(b"\x7f" * stride, "big"), int.from_bytes(b"\x80" * stride, "big")
            x, y = int.from_bytes(line, "big"), int.from_bytes(previous, "big")
            row = (((x & low) + (y & low)) ^ ((x ^ y) & high)).to_bytes(stride, "big")
        else:
            current = bytearray(line)
            for i in range(stride):
                a = current[i - step] if i >= step else 0
                b, c = previous[i], (previous[i - step] if i >= step else 0)
                if kind == 1:
                    predicted = a
                elif kind == 3:
                    predicted = (a + b) >> 1
                else:
                    pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                    predicted = a if pa <= pb and pa <= pc else b if pb <= pc else c
                current[i] = (current[i] + predicted) & 0xFF
            row = bytes(current)
        rows.append(row)
        previous = row
    return rows
