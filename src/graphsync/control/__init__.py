"""The control plane under `/_graphsync/`: what an operator or a test sets and reads at run time.

`faults` (injected errors and latency), `lag` (eventual consistency of jobs) and `journal` (recent
requests, redacted) are services the request pipeline consults; `api` answers the control API
(described by `openapi.yaml` beside it) and `ui` renders the read-only web view.
"""
