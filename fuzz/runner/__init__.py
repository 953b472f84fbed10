"""The runner behind `make fuzz` (fuzz/run.py): one conformance run with schemathesis, and its report; and
behind `make fuzz-replay` (fuzz/run.py replay): one failure of that run, sent again.

- cli.py: the command line, checked (UsageError, exit status 2); options.py: what it yields.
- plan.py: what a run fuzzes and as whom: the emulator (templates.py reads its seed's templates,
  callers.py mints its identities' tokens, emulator.py starts it) or a URL and the IDENTITIES file.
- preflight.py: one request per fuzzed object before anything else, for readable errors.
- command.py: the `st run` command line, its environment, and running it.
- events.py and report.py: schemathesis' NDJSON events, then report.md.
- main.py: the whole run, in order, and its exit status; exit.py: the statuses and the last line naming them.
- record.py: run.json, the run's options for its replays; hints.py: the replay command the report prints in
  place of schemathesis' `st replay <id>`; replay.py: `make fuzz-replay`.
"""
