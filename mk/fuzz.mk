# mk/fuzz.mk: conformance fuzzing with schemathesis (fuzz/run.py; manual: docs/fuzzing.md).
#
#   make fuzz                                    # the emulator, started and stopped by the run; its Graph
#                                                # API, then its control API (/_graphsync/)
#   make fuzz CONTROL=only                       # the emulator's control API alone (about 30 s)
#   make fuzz URL=https://host/v1.0 TOKEN=...    # any implementation (creates and deletes real jobs)
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
#   Of the others, PHASES, RATE, WORKERS, FUZZ_SEED and TLS_VERIFY apply to the control API too;
#   INCLUDE, EXCLUDE, MAX_EXAMPLES, MAX_TIME, PROBE_SHARE, IDENTITIES and FUZZ_ARGS to the Graph API only.
#
# Every value reaches fuzz/run.py byte for byte, whatever quotes, spaces, `$`, backticks or `;` it
# holds: it is read with $(value ...) (make expands nothing in it) and pasted into the command as one
# single-quoted shell word (fuzz_arg); the token goes through the environment. The variables are not
# exported, since make would expand them to do so. The token and the operator key go through the
# environment only.

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
unexport URL TOKEN SP_ID APP_ID SP_TEMPLATES APP_TEMPLATES IDENTITIES MAX_EXAMPLES PHASES INCLUDE EXCLUDE \
  RATE WORKERS FUZZ_SEED MAX_TIME PROBE_SHARE TLS_VERIFY FUZZ_ARGS CONTROL CONTROL_KEY CONTROL_MAX_EXAMPLES

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
  $(call fuzz_arg,--control-max-examples,CONTROL_MAX_EXAMPLES)

##@ Conformance fuzzing

.PHONY: fuzz
# The token and the operator key reach fuzz/run.py through the environment only (not visible in a
# process list).
fuzz: export GRAPHSYNC_FUZZ_TOKEN = $(value TOKEN)
fuzz: export GRAPHSYNC_FUZZ_CONTROL_KEY = $(value CONTROL_KEY)
fuzz: $(VENV_STAMP) ## Fuzz the emulator's Graph API, then its control API, with schemathesis (URL=... TOKEN=... for any server; CONTROL=only|off; FUZZ_SEED=... repeats a run); reports in reports/fuzz/
	@$(PY) fuzz/run.py $(FUZZ_RUN_ARGS)
