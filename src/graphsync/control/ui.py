"""The read-only web view: tenants and their owners, each job with its status and the timeline of its
cycles, and the request journal with filters. Server-rendered HTML, no script, no external asset."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from graphsync.directory import Tenant

HTML = (b"content-type", b"text/html; charset=utf-8")
_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1b1b1b}
h1{font-size:1.4em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.6em 0 .4em}h3{font-size:1em;margin:1em 0 .3em}
table{border-collapse:collapse;margin:.3em 0 1em}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}code{font-size:.92em}.muted{color:#666}
.code-Active{color:#0a6b2d;font-weight:600}.code-Quarantine{color:#b00020;font-weight:600}
.code-Paused,.code-NotRun,.code-NotConfigured{color:#7a5d00;font-weight:600}
.timeline{display:flex;gap:2px;align-items:flex-end;margin:.3em 0}
.cycle{min-width:14px;height:22px;border-radius:2px;color:#fff;font-size:11px;text-align:center;line-height:22px;padding:0 3px}
.Succeeded{background:#2e7d32}.Failed{background:#c62828}.EntryLevelErrors{background:#ef6c00}
form{margin:.3em 0 .6em}pre{white-space:pre-wrap;max-width:60em;margin:0}
"""


def sign_in(*, failed: bool) -> bytes:
    """The page a browser without the operator key's cookie gets."""
    note = "<p><strong>That key is not the operator key.</strong></p>" if failed else ""
    return _document(
        "graphsync: sign in",
        f"<h1>graphsync</h1>{note}<p>The web view needs the operator key (the file "
        "<code>--operator-key-file</code> names, <code>var/operator-key</code> by default).</p>"
        '<form method="get" action="/_graphsync/ui"><label>Operator key '
        '<input type="password" name="key" autocomplete="off" required></label> '
        '<button type="submit">Sign in</button></form>',
    )


def page(
    *,
    tenants: Mapping[str, Tenant],
    jobs: Sequence[Mapping[str, Any]],
    journal: Sequence[Mapping[str, Any]],
    clock: Mapping[str, str],
    filters: Mapping[str, str],
) -> bytes:
    """The whole view."""
    parts = [
        "<h1>graphsync</h1>",
        f'<p class="muted">Clock: <span id="clock">{_e(clock["now"])}</span> ({_e(clock["mode"])})</p>',
        "<h2>Tenants</h2>",
        _tenants(tenants),
        f'<h2>Jobs <span class="muted">({len(jobs)})</span></h2>',
        *(_job(job) for job in jobs),
        "" if jobs else "<p class=muted>No job yet.</p>",
        "<h2>Request journal</h2>",
        _journal(journal, filters),
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
    status, schedule = job.get("status") or {}, job.get("schedule") or {}
    code = str(status.get("code"))
    last = status.get("lastExecution") or {}
    quarantine = status.get("quarantine")
    counts = ", ".join(
        f"{_e(p['key'])}: {_e(p['value'])}" for p in status.get("synchronizedEntryCountByType") or []
    )
    facts = [
        ("Status", f'<span class="code-{_e(code)}" data-field="code">{_e(code)}</span>'),
        ("Schedule", f"{_e(schedule.get('state'))}, every {_e(schedule.get('interval'))}"),
        ("Next cycle", _e(entry.get("due") or "none")),
        ("Cycles run", _e(entry.get("cycles"))),
        ("Last execution", f"{_e(last.get('state'))} {_e(last.get('timeBegan'))}" if last else "none"),
        ("Entries", counts or "none"),
    ]
    if quarantine:
        error = quarantine.get("error") or {}
        facts.append(
            (
                "Quarantine",
                (
                    f"{_e(quarantine.get('reason'))} since {_e(quarantine.get('seriesBegan'))}, "
                    f"{_e(quarantine.get('seriesCount'))} times; next attempt {_e(quarantine.get('nextAttempt'))}"
                    f"<br><code>{_e(error.get('code'))}</code> {_e(error.get('message'))}"
                ),
            )
        )
    rows = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in facts)
    blocks = "".join(
        f'<div class="cycle {_e(item.get("state"))}" title="{_e(item.get("began"))}: {_e(item.get("state"))}'
        f' ({_e(item.get("cycles"))} cycles){" " + _e(item["error"]) if item.get("error") else ""}">'
        f"{_e(item.get('cycles'))}</div>"
        for item in entry.get("timeline") or []
    )
    timeline_rows = "".join(
        f"<tr><td>{_e(item.get('began'))}</td><td>{_e(item.get('last') or '')}</td><td>{_e(item.get('state'))}</td>"
        f"<td>{_e(item.get('code'))}</td><td>{_e(item.get('cycles'))}</td><td>{_e(item.get('exported'))}</td>"
        f"<td>{_e(item.get('error') or '')}</td></tr>"
        for item in entry.get("timeline") or []
    )
    return (
        f'<section class="job" data-job="{_e(job.get("id"))}"><h3><code>{_e(job.get("id"))}</code> '
        f'<span class="muted">{_e(entry["ownerName"])}, tenant {_e(entry["tenant"])}</span></h3>'
        f"<table>{rows}</table>"
        f'<div class="timeline" aria-label="cycles">{blocks}</div>'
        '<table class="cycles"><tr><th>Began</th><th>Last began</th><th>State</th><th>Status</th><th>Cycles</th>'
        f"<th>Exported</th><th>Error</th></tr>{timeline_rows}</table></section>"
    )


def _journal(entries: Sequence[Mapping[str, Any]], filters: Mapping[str, str]) -> str:
    operations = sorted(
        {str(entry["operation"]) for entry in entries if entry.get("operation")}
        | ({filters["operation"]} if filters.get("operation") else set())
    )
    options = "".join(
        f'<option value="{_e(op)}"{" selected" if filters.get("operation") == op else ""}>{_e(op)}</option>'
        for op in operations
    )
    form = (
        '<form method="get" action="/_graphsync/ui"><label>Operation <select name="operation">'
        f'<option value="">any</option>{options}</select></label> <label>Status '
        f'<input name="status" size="4" value="{_e(filters.get("status", ""))}"></label> '
        f'<button type="submit">Filter</button> <a href="/_graphsync/ui?{urlencode({})}">all</a></form>'
    )
    rows = "".join(
        f"<tr><td>{_e(entry['time'])}</td><td>{_e(entry['method'])}</td><td><code>{_e(entry['path'])}</code></td>"
        f"<td>{_e(entry['status'])}</td><td>{_e(entry.get('operation') or '')}</td>"
        f"<td>{_e(entry['durationMs'])}</td><td><pre>{_e(entry['request']['text'][:400])}</pre></td></tr>"
        for entry in entries
    )
    return (
        f'{form}<table id="journal"><tr><th>Time</th><th>Method</th><th>Path</th><th>Status</th>'
        f"<th>Operation</th><th>ms</th><th>Request body</th></tr>{rows}</table>"
    )


def _document(title: str, body: str) -> bytes:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
        f"<style>{_STYLE}</style></head><body>{body}</body></html>"
    ).encode()


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)
