"""`make fuzz`: conformance fuzzing of the emulator, or of any implementation, with schemathesis.

Without --url: starts `graphsync serve` on a free loopback port with a temporary SQLite database
and the built-in demo seed, mints a token for each identity, fuzzes it, and stops it (also on
failure and on Ctrl-C). With --url: fuzzes that implementation with the token in
$GRAPHSYNC_FUZZ_TOKEN.

Either way it runs the pinned schemathesis on openapi.yaml with every check (the built-in ones and
fuzz/checks/) and the phases examples, coverage, fuzzing and stateful, configured by
schemathesis.toml, and writes under reports/fuzz/: junit.xml, report.md (human-readable, with
wall time, cases and cases per second), st-output.txt, events.ndjson and run.json. Exit status: 0 only
when schemathesis found no failure and raised no warning; 1 otherwise (or when the target could not be
fuzzed); 2 for bad arguments; 130 when interrupted; named on the last line (`make fuzz: exit status 1
(conformance failure)`). `make fuzz` itself exits 2 for any failure (GNU make), so CI that needs 1 and 2
apart runs this script.

`fuzz/run.py replay <case id> [--reports DIR]` (`make fuzz-replay ID=...`) replays one failure of the run
whose reports are in DIR, as the report prints it. docs/fuzzing.md is the manual; the runner itself is
fuzz/runner/.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python fuzz/run.py` puts fuzz/, not the root, on sys.path
    sys.path.insert(0, str(ROOT))

from fuzz.runner.main import main

if __name__ == "__main__":
    sys.exit(main())
