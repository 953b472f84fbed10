# mk/fuzz.mk: conformance fuzzing with schemathesis (fuzz/run.py; manual: docs/fuzzing.md).
#
#   make fuzz                                    # the emulator, started and stopped by the run
#   make fuzz URL=https://host/v1.0 TOKEN=...    # any implementation (creates and deletes real jobs)
#
# Variables (all optional; URL needs TOKEN):
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
#   WORKERS SEED MAX_TIME PROBE_SHARE  see docs/fuzzing.md
#   FUZZ_ARGS      more `st run` options, passed as they are

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
SEED ?=
MAX_TIME ?=
PROBE_SHARE ?=
TLS_VERIFY ?=
FUZZ_ARGS ?=

FUZZ_RUN_ARGS = \
  $(if $(strip $(URL)),--url '$(strip $(URL))') \
  $(if $(strip $(SP_ID)),--sp-id '$(strip $(SP_ID))') \
  $(if $(strip $(APP_ID)),--app-id '$(strip $(APP_ID))') \
  $(if $(strip $(SP_TEMPLATES)),--sp-templates '$(strip $(SP_TEMPLATES))') \
  $(if $(strip $(APP_TEMPLATES)),--app-templates '$(strip $(APP_TEMPLATES))') \
  $(if $(strip $(IDENTITIES)),--identities '$(strip $(IDENTITIES))') \
  --max-examples '$(strip $(MAX_EXAMPLES))' --phases '$(strip $(PHASES))' \
  $(if $(strip $(INCLUDE)),--include '$(strip $(INCLUDE))') \
  $(if $(strip $(EXCLUDE)),--exclude '$(strip $(EXCLUDE))') \
  $(if $(strip $(RATE)),--rate-limit '$(strip $(RATE))') \
  $(if $(strip $(WORKERS)),--workers '$(strip $(WORKERS))') \
  $(if $(strip $(SEED)),--seed '$(strip $(SEED))') \
  $(if $(strip $(MAX_TIME)),--max-time '$(strip $(MAX_TIME))') \
  $(if $(strip $(PROBE_SHARE)),--probe-share '$(strip $(PROBE_SHARE))') \
  $(if $(filter false no 0,$(strip $(TLS_VERIFY))),--no-tls-verify) \
  $(if $(strip $(FUZZ_ARGS)),-- $(FUZZ_ARGS))

##@ Conformance fuzzing

.PHONY: fuzz
# The token reaches fuzz/run.py through the environment only (not visible in a process list).
fuzz: export GRAPHSYNC_FUZZ_TOKEN = $(TOKEN)
fuzz: $(VENV_STAMP) ## Fuzz the emulator with schemathesis (URL=... TOKEN=... for any server); reports in reports/fuzz/
	@$(PY) fuzz/run.py $(FUZZ_RUN_ARGS)
