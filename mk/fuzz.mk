# mk/fuzz.mk: conformance fuzzing with schemathesis (fuzz/run.py; manual: docs/fuzzing.md).
#
#   make fuzz                                    # the emulator, started and stopped by the run; its Graph
#                                                # API, then its control API (/_graphsync/)
#   make fuzz CONTROL=only                       # the emulator's control API alone (about 30 s)
#   make fuzz URL=https://host/v1.0 TOKEN=...    # any implementation (creates and deletes real jobs)
#   make fuzz-replay ID=<case id>                # one failure of the last run again, as its report prints
#
# Variables (all optional; URL needs TOKEN unless CONTROL=only):
#   URL            base URL of the implementation to fuzz; without it the emulator is started
#   TOKEN          bearer token for URL (passed in the environment, never on a command line)
#   SP_ID APP_ID   object ids of the fuzzed service principal / application (default: the demo seed's)
#   SP_TEMPLATES APP_TEMPLATES  their synchronization templates, comma-separated
#   IDENTITIES     JSON file of more callers to replay every case as (URL only; docs/fuzzing.md)
#   MAX_EXAMPLES   examples per operation and phase (default 200)
#   PHASES         comma-separated subset of examples,coverage,fuzzing,stateful (default: all)
#   INCLUDE EXCLUDE  regex on "METHOD /path": only / skip matching operations
#   RATE           request rate limit, e.g. 10/s or 300/m
#   TLS_VERIFY     false: do not verify URL's TLS certificate
#   WORKERS FUZZ_SEED MAX_TIME PROBE_SHARE  see docs/fuzzing.md (FUZZ_SEED: schemathesis' random seed)
#   FUZZ_ARGS      more `st run` options, split like a shell line (quotes group words; nothing is expanded)
#   CONTROL        on, off or only: fuzz the control API (src/graphsync/control/openapi.yaml) after the
#                  Graph API, not, or instead of it. Default: on for the emulator; with URL, on only when
#                  CONTROL_KEY is given (other implementations have no control plane)
#   CONTROL_KEY    the operator key of URL's control API (an emulator started by hand: the file its
#                  --operator-key-file names); passed in the environment, like TOKEN
#   CONTROL_MAX_EXAMPLES  examples per control API operation and phase (default 100)
#   REPORTS        the report folder (default reports/fuzz)
#   ID             fuzz-replay: the case id of the failure to replay (the report prints the command)
#   Of the others, PHASES, RATE, WORKERS, FUZZ_SEED and TLS_VERIFY apply to the control API too;
#   INCLUDE, EXCLUDE, MAX_EXAMPLES, MAX_TIME, PROBE_SHARE, IDENTITIES and FUZZ_ARGS to the Graph API only.
#
# Every value reaches fuzz/run.py byte for byte, whatever quotes, spaces, `$`, backticks or `;` it
# holds: it is read with $(value ...) (make expands nothing in it) and pasted into the command as one
# single-quoted shell word (fuzz_arg); the token goes through the environment. The variables are not
# exported, since make would expand them to do so. The token and the operator key go through the
# environment only.
#
# Exit status: fuzz/run.py exits 0 passed, 1 failed (a conformance failure, or a target that could not be
# fuzzed), 2 usage error, 130 interrupted, and names it on its last line ("make fuzz: exit status 1
# (conformance failure)"). make itself exits 0 when the runner does and 2 whenever it does not (GNU make
# exits 2 for any failing recipe), after a line naming the runner's status ("make: *** [...] Error 1"); on
# Ctrl-C make dies of SIGINT (status 130 in the shell). CI that needs 1 and 2 apart runs the command
# `make -n fuzz ...` prints (docs/fuzzing.md, "Exit status").

URL ?=
TOKEN ?=
SP_ID ?=
APP_ID ?=
SP_TEMPLATES ?=
APP_TEMPLATES ?=
IDENTITIES ?=
MAX_EXAMPLES ?= 200
PHASES ?= examples,coverage,fuzzing,stateful
INCLUDE ?=
EXCLUDE ?=
RATE ?=
WORKERS ?=
FUZZ_SEED ?=
MAX_TIME ?=
PROBE_SHARE ?=
TLS_VERIFY ?=
FUZZ_ARGS ?=
CONTROL ?=
CONTROL_KEY ?=
CONTROL_MAX_EXAMPLES ?= 100
REPORTS ?=
ID ?=
unexport URL TOKEN SP_ID APP_ID SP_TEMPLATES APP_TEMPLATES IDENTITIES MAX_EXAMPLES PHASES INCLUDE EXCLUDE \
  RATE WORKERS FUZZ_SEED MAX_TIME PROBE_SHARE TLS_VERIFY FUZZ_ARGS CONTROL CONTROL_KEY CONTROL_MAX_EXAMPLES \
  REPORTS ID

# $(call fuzz_arg,OPTION,VARIABLE): `OPTION 'value'` with the value quoted for the shell, or nothing
# when the variable is empty or blank.
fuzz_arg = $(if $(strip $(value $(2))),$(1) '$(subst ','\'',$(value $(2)))')

FUZZ_RUN_ARGS = \
  $(call fuzz_arg,--url,URL) \
  $(call fuzz_arg,--sp-id,SP_ID) \
  $(call fuzz_arg,--app-id,APP_ID) \
  $(call fuzz_arg,--sp-templates,SP_TEMPLATES) \
  $(call fuzz_arg,--app-templates,APP_TEMPLATES) \
  $(call fuzz_arg,--identities,IDENTITIES) \
  $(call fuzz_arg,--max-examples,MAX_EXAMPLES) \
  $(call fuzz_arg,--phases,PHASES) \
  $(call fuzz_arg,--include,INCLUDE) \
  $(call fuzz_arg,--exclude,EXCLUDE) \
  $(call fuzz_arg,--rate-limit,RATE) \
  $(call fuzz_arg,--workers,WORKERS) \
  $(call fuzz_arg,--seed,FUZZ_SEED) \
  $(call fuzz_arg,--max-time,MAX_TIME) \
  $(call fuzz_arg,--probe-share,PROBE_SHARE) \
  $(if $(filter false no 0,$(strip $(value TLS_VERIFY))),--no-tls-verify) \
  $(call fuzz_arg,--st-options,FUZZ_ARGS) \
  $(call fuzz_arg,--control,CONTROL) \
  $(call fuzz_arg,--control-max-examples,CONTROL_MAX_EXAMPLES) \
  $(call fuzz_arg,--reports,REPORTS)

##@ Conformance fuzzing

.PHONY: fuzz fuzz-replay
# The token and the operator key reach fuzz/run.py through the environment only (not visible in a
# process list).
fuzz: export GRAPHSYNC_FUZZ_TOKEN = $(value TOKEN)
fuzz: export GRAPHSYNC_FUZZ_CONTROL_KEY = $(value CONTROL_KEY)
fuzz: $(VENV_STAMP) ## Fuzz the emulator's Graph API, then its control API, with schemathesis (URL=... TOKEN=... for any server; CONTROL=only|off; FUZZ_SEED=... repeats a run); reports in reports/fuzz/
	@$(PY) fuzz/run.py $(FUZZ_RUN_ARGS)

# The run's options come from its report folder (run.json); a URL run's token and operator key again from the
# environment, as for the run.
fuzz-replay: export GRAPHSYNC_FUZZ_TOKEN = $(value TOKEN)
fuzz-replay: export GRAPHSYNC_FUZZ_CONTROL_KEY = $(value CONTROL_KEY)
fuzz-replay: $(VENV_STAMP) ## Replay one failure of the last fuzz run, as its report prints it (ID=<case id>; restarts the emulator the run fuzzed)
	@$(PY) fuzz/run.py replay $(call fuzz_arg,--reports,REPORTS) $(call fuzz_arg,--,ID)
