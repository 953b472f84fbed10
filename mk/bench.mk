# mk/bench.mk: `make bench`, the performance report (docs/benchmarks.md). Not part of `make test`.
#
# Needs wrk (Debian package `wrk`; installed here when running as root with apt-get, otherwise
# the target says what to install) and, for the Prism comparison, node + npm: Prism is pinned in
# bench/package.json and installed into bench/node_modules by `npm ci`, apart from the root
# package.json so that the linter's `npm ci` stays small. Without npm the Prism rows are skipped.
# The postgresql rows need PostgreSQL 15's binaries (Debian's postgresql-15; else skipped).
#
#   make bench                          the whole run (a few minutes), writes reports/bench.md
#   make bench BENCH_ARGS='--duration 10 --only http'
#   make bench BENCH_ARGS='--only postgresql'   serve --workers 1 and 2 on a throw-away PostgreSQL
#   make bench-profile BENCH_OP=create  py-spy profile of one operation under load

##@ Benchmarks

BENCH_ARGS ?=
BENCH_OP ?= create
BENCH_NODE_STAMP := bench/node_modules/.stamp
PY_SPY_VERSION := 0.4.3
PY_SPY_VENV := .venv-pyspy
PY_SPY := $(PY_SPY_VENV)/bin/py-spy
# The Prism environment is a prerequisite only where npm exists.
BENCH_NODE := $(if $(shell command -v npm 2>/dev/null),$(BENCH_NODE_STAMP))

.PHONY: bench bench-node bench-profile bench-wrk

bench: $(VENV_STAMP) $(SDK_STAMP) $(BENCH_NODE) | bench-wrk ## Benchmark emulator (SQLite, in-memory; PostgreSQL with 1 and 2 workers) vs bare ASGI ceiling vs Prism, 100k-job scale, models, codegen, the client vs msgraph-sdk (reports/bench.md)
	@$(PY) bench/run.py $(BENCH_ARGS)

bench-node: $(BENCH_NODE_STAMP) ## Install the pinned Prism of the benchmark into bench/node_modules (npm ci)

$(BENCH_NODE_STAMP): bench/package.json bench/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "error: npm was not found on PATH (Node.js >= 20.17 is needed for Prism)." >&2; exit 1; }
	@echo "==> npm ci in bench/ (Prism for make bench; node $$(node --version))"
	npm ci --prefix bench --no-audit --no-fund --loglevel=warn --ignore-scripts
	@touch $@

bench-wrk: ## Check for wrk; install it (Debian package) when running as root, else say how
	@if ! command -v wrk >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "==> installing wrk (Debian package) for make bench"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else \
	    echo "error: make bench needs the HTTP load generator wrk, which is not installed." >&2; \
	    echo "       Install it, e.g.: sudo apt-get update && sudo apt-get install -y wrk" >&2; \
	    exit 1; \
	  fi; \
	fi

$(PY_SPY): | $(VENV_STAMP)
	@echo "==> installing py-spy==$(PY_SPY_VERSION) into $(PY_SPY_VENV) (profiler for make bench-profile)"
	@$(call make_venv,$(PY_SPY_VENV),--without-pip)
	$(UV_ENV) $(UV) pip install --quiet --python $(PY_SPY_VENV)/bin/python py-spy==$(PY_SPY_VERSION)

bench-profile: $(VENV_STAMP) $(PY_SPY) | bench-wrk ## Profile one operation under load with py-spy, emulator and ceiling (BENCH_OP=create|get|list; reports/profile-*)
	@$(PY) bench/profile.py --py-spy $(PY_SPY) --op $(BENCH_OP)
	@$(PY) bench/profile.py --py-spy $(PY_SPY) --op $(BENCH_OP) --target ceiling
