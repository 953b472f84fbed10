"""The read-only web view: tenants and their owners, each job with its status and the timeline of its
cycles, and the request journal with filters. Server-rendered HTML, no script, no external asset.

Every value is escaped (`_e`), attributes included. The page carries its own Content-Security-Policy
(a `<meta>`: nothing but its one inline style, whose hash it names, may load or run); `HEADERS` are the
response headers the view should be served with (the policy again, with what a `<meta>` cannot say).
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Mapping, Sequence
from typing import Any

from graphsync.directory import Tenant

VIEW = "/_graphsync/ui"
_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1b1b1b}
h1{font-size:1.4em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.6em 0 .4em}h3{font-size:1em;margin:1em 0 .3em}
table{border-collapse:collapse;margin:.3em 0 1em;max-width:100%}
td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}code{font-size:.92em}.muted{color:#666}a{color:inherit}
code,pre,.op{overflow-wrap:anywhere}.n{white-space:nowrap}
.code-Active{color:#0a6b2d;font-weight:600}.code-Quarantine{color:#b00020;font-weight:600}
.code-Paused,.code-NotRun,.code-NotConfigured{color:#7a5d00;font-weight:600}
.timeline{display:flex;flex-wrap:wrap;gap:2px;align-items:flex-end;margin:.3em 0}
.cycle{min-width:20px;height:24px;border-radius:2px;color:#fff;font-size:11px;text-align:center;line-height:24px;
padding:0 3px;box-sizing:border-box}
.Succeeded{background:#2e7d32}.Failed{background:#c62828}.EntryLevelErrors{background:#ef6c00}
.in-Quarantine{border-bottom:5px solid #4a0010}
form{margin:.3em 0 .6em}pre{white-space:pre-wrap;max-width:40em;margin:0}#journal{width:100%}
"""
_STYLE_HASH = base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()
_POLICY = f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; img-src data:; form-action 'self'; base-uri 'none'"
HTML = (b"content-type", b"text/html; charset=utf-8")
HEADERS = (  # a copy per reply: list(HEADERS)
    HTML,
    (b"content-security-policy", f"{_POLICY}; frame-ancestors 'none'".encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
)
_LEGEND = (
    '<p class="muted">Cycles, oldest first: one block per run of like cycles (the number is how many); '
    "green succeeded, red failed, orange entry-level errors; a dark band: the job was in quarantine.</p>"
)


def sign_in(*, failed: bool) -> bytes:
    """The page a browser without the operator key's cookie gets."""
    note = "<p><strong>That key is not the operator key.</strong></p>" if failed else ""
    return _document(
        "graphsync: sign in",
        f"<h1>graphsync</h1>{note}<p>The web view needs the operator key (the file "
        "<code>--operator-key-file</code> names, <code>var/operator-key</code> by default).</p>"
        f'<form method="post" action="{VIEW}"><label>Operator key '
        '<input type="password" name="key" autocomplete="off" required></label> '
        '<button type="submit">Sign in</button></form>',
    )


def page(
    *,
    tenants: Mapping[str, Tenant],
    jobs: Sequence[Mapping[str, Any]],
    journal: Sequence[Mapping[str, Any]],
    clock: Mapping[str, str],
    operations: Sequence[str],
    filters: Mapping[str, str],
) -> bytes:
    """The whole view."""
    parts = [
        "<h1>graphsync</h1>",
        f'<p class="muted">Clock: <span id="clock">{_e(clock["now"])}</span> ({_e(clock["mode"])})</p>',
        "<h2>Tenants</h2>",
        _tenants(tenants),
        f'<h2>Jobs <span class="muted">({len(jobs)})</span></h2>',
        _LEGEND if jobs else '<p class="muted">No job yet.</p>',
        *(_job(job) for job in jobs),
        "<h2>Request journal</h2>",
        _journal(journal, operations, filters),
    ]
    return _document("graphsync", "".join(parts))


def _tenants(tenants: Mapping[str, Tenant]) -> str:
    rows = []
    for tenant_id, tenant in sorted(tenants.items()):
        owners = "<br>".join(
            f"{_e(kind)}: {_e(owner.display_name)} <code>{_e(object_id)}</code>"
            for (kind, object_id), owner in sorted(tenant.objects.items())
        )
        rows.append(
            f"<tr><td>{_e(tenant.display_name)}<br><code>{_e(tenant_id)}</code></td><td>{owners}</td>"
            f"<td>{len(tenant.users)}</td><td>{len(tenant.groups)}</td></tr>"
        )
    return (
        '<table id="tenants"><tr><th>Tenant</th><th>Applications and service principals</th><th>Users</th>'
        f"<th>Groups</th></tr>{''.join(rows)}</table>"
    )


def _job(entry: Mapping[str, Any]) -> str:
    job = entry["job"]
    anchor = _e(f"job-{job.get('id')}")
    facts = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in _facts(entry))
    timeline = entry.get("timeline") or []
    return (
        f'<section class="job" id="{anchor}" data-job="{_e(job.get("id"))}">'
        f'<h3><a href="#{anchor}"><code>{_e(job.get("id"))}</code></a> '
        f'<span class="muted">{_e(entry.get("ownerName"))}, tenant {_e(entry.get("tenant"))}</span></h3>'
        f'<table class="facts">{facts}</table>'
        f'<div class="timeline" aria-label="cycles">{"".join(_block(item) for item in timeline)}</div>'
        '<table class="cycles"><tr><th>Began</th><th>Last began</th><th>State</th><th>Status</th><th>Cycles</th>'
        f"<th>Exported</th><th>Error</th></tr>{''.join(_cycle_row(item) for item in timeline)}</table></section>"
    )


def _facts(entry: Mapping[str, Any]) -> list[tuple[str, str]]:
    job = entry["job"]
    status, schedule = job.get("status") or {}, job.get("schedule") or {}
    code, last = str(status.get("code")), status.get("lastExecution") or {}
    counts = ", ".join(
        f"{_e(pair.get('key'))}: {_e(pair.get('value'))}"
        for pair in status.get("synchronizedEntryCountByType") or []
    )
    facts = [
        ("Status", f'<span class="code-{_e(code)}" data-field="code">{_e(code)}</span>'),
        ("Schedule", f"{_e(schedule.get('state'))}, every {_e(schedule.get('interval'))}"),
        ("Next cycle", _e(entry.get("due") or "none")),
        ("Cycles run", _e(entry.get("cycles"))),
        ("Last execution", f"{_e(last.get('state'))} {_e(last.get('timeBegan'))}" if last else "none"),
        ("Entries", counts or "none"),
    ]
    if status.get("quarantine"):
        facts.append(("Quarantine", _quarantine(status["quarantine"])))
    return facts


def _quarantine(quarantine: Mapping[str, Any]) -> str:
    error = quarantine.get("error") or {}
    return (
        f'<span data-field="quarantine">{_e(quarantine.get("reason"))} since {_e(quarantine.get("seriesBegan"))}, '
        f"{_e(quarantine.get('seriesCount'))} times; next attempt {_e(quarantine.get('nextAttempt'))}"
        f"<br><code>{_e(error.get('code'))}</code> {_e(error.get('message'))}</span>"
    )


def _block(item: Mapping[str, Any]) -> str:
    error = f" {item['error']}" if item.get("error") else ""
    title = (
        f"{item.get('began')}: {item.get('state')}, {item.get('code')} ({item.get('cycles')} cycles){error}"
    )
    return (
        f'<div class="cycle {_e(item.get("state"))} in-{_e(item.get("code"))}" title="{_e(title)}">'
        f"{_e(item.get('cycles'))}</div>"
    )


def _cycle_row(item: Mapping[str, Any]) -> str:
    cells = (item.get(key) for key in ("began", "last", "state", "code", "cycles", "exported", "error"))
    return "<tr>" + "".join(f"<td>{_e('' if cell is None else cell)}</td>" for cell in cells) + "</tr>"


def _journal(entries: Sequence[Mapping[str, Any]], known: Sequence[str], filters: Mapping[str, str]) -> str:
    chosen = filters.get("operation") or ""
    operations = sorted({*known, chosen} - {""})
    options = "".join(
        f'<option value="{_e(op)}"{" selected" if op == chosen else ""}>{_e(op)}</option>'
        for op in operations
    )
    form = (
        f'<form method="get" action="{VIEW}"><label>Operation <select name="operation">'
        f'<option value="">any</option>{options}</select></label> <label>Status <input name="status" '
        f'type="number" min="100" max="599" value="{_e(filters.get("status", ""))}"></label> '
        f'<button type="submit">Filter</button> <a href="{VIEW}">all</a></form>'
    )
    return (
        f'{form}<table id="journal"><tr><th>Time<br>client-request-id</th><th>Method</th><th>Path</th>'
        f"<th>Status</th><th>Operation</th><th>ms</th><th>Request body</th></tr>"
        f"{''.join(_journal_row(entry) for entry in entries)}</table>"
    )


def _journal_row(entry: Mapping[str, Any]) -> str:
    query = f"?{entry['query']}" if entry.get("query") else ""
    body = str((entry.get("request") or {}).get("text", ""))[:400]
    return (
        f'<tr><td><span class="n">{_e(entry.get("time"))}</span><br>'
        f'<code class="muted">{_e(entry.get("clientRequestId"))}</code></td>'
        f'<td class="n">{_e(entry.get("method"))}</td><td><code>{_e(entry.get("path"))}{_e(query)}</code></td>'
        f'<td class="n">{_e(entry.get("status"))}</td><td class="op">{_e(entry.get("operation") or "")}</td>'
        f'<td class="n">{_e(entry.get("durationMs"))}</td><td><pre>{_e(body)}</pre></td></tr>'
    )


def _document(title: str, body: str) -> bytes:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_POLICY)}">'
        '<meta name="referrer" content="no-referrer"><link rel="icon" href="data:,">'
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>{body}</body></html>"
    ).encode()


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)
