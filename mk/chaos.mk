# mk/chaos.mk: `make chaos`, the long reliability runs (docs/security.md, "Proven by tests").
#
# The tests marked `chaos` (deselected from `make test` by pyproject.toml's addopts): SIGKILL again
# and again in the middle of mixed writes with a restart on the same database, and a concurrency
# soak of many clients on shared jobs. About 1.5 minutes; each test is also stopped by
# pytest-timeout and the whole run by `timeout`, so a hang fails the run instead of stalling it.
#
#   make chaos                   the whole run
#   make chaos CHAOS_SEED=5      another schedule of kills (any integer)
#   make chaos CHAOS_ARGS='-k soak -x'

CHAOS_SEED ?= 2
CHAOS_ARGS ?=
CHAOS_TIMEOUT_S ?= 300

##@ Reliability

.PHONY: chaos
chaos: $(VENV_STAMP) ## Crash and concurrency soak (pytest -m chaos): repeated SIGKILL mid-load, restarts, many clients; under 3 minutes
	@GRAPHSYNC_CHAOS_SEED='$(CHAOS_SEED)' timeout --kill-after=10 $(CHAOS_TIMEOUT_S) \
	  $(PY) -m pytest -m chaos -p no:cacheprovider --timeout 150 --durations=0 -q $(CHAOS_ARGS)
