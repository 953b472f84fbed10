#!/usr/bin/env bash
# A SHELL for make that times each command it runs: `make SHELL=bench/timed-shell.sh ...` with
# BENCH_SHELL_LOG=FILE appends "microseconds<TAB>command" per recipe line and $(shell) call to FILE.
# Used by bench/scenarios/codegen.py to show where the time of `make generate` goes.
start=$(date +%s%N)
bash "$@"
status=$?
end=$(date +%s%N)
if [ -n "${BENCH_SHELL_LOG:-}" ]; then
  command=${*: -1}
  printf '%s\t%s\n' "$(( (end - start) / 1000 ))" \
    "$(printf '%s' "$command" | tr '\n\t' '  ')" >> "$BENCH_SHELL_LOG"
fi
exit $status
