# mk/env.mk: the pinned tool environments. Read by the Makefile before every
# other fragment, so the variables below can be used in prerequisite lists.
#
#   .venv         Python 3.11: emulator runtime, code generators, ruff, prance,
#                 pytest, schemathesis, mypy, ... (requirements/dev.lock) plus
#                 the project itself installed editable (when pyproject.toml
#                 exists).
#   .venv-osv     Python 3.11: openapi-spec-validator 0.9.0 only
#                 (requirements/osv.lock); kept apart because prance[osv] in
#                 .venv pins openapi-spec-validator 0.7.x.
#   .venv-sdk     Python 3.11: Microsoft's msgraph-sdk only (requirements/sdk.lock),
#                 for tests/sdk/: real client flows against the emulator.
#   node_modules  the OpenAPI linter (@stoplight/spectral-cli) from
#                 package-lock.json.
#
# For fragment authors: make a target depend on the stamp of the environment
# it uses, and call tools through the variables, e.g.
#
#   test: $(VENV_STAMP) ## Run the tests
#   	$(PY) -m pytest
#   validate: $(OSV_STAMP) $(NODE_STAMP) ## Validate and lint openapi.yaml
#   	$(OSV) openapi.yaml
#   	$(SPECTRAL) lint --fail-severity warn openapi.yaml
#
# Recipes run with .venv/bin first on PATH (openapi-python-client's post-hooks
# run `ruff` from PATH), so plain `ruff`, `pytest`, `st`, ... are the pinned ones.
#
# Each stamp is remade only when its inputs change (lock file, pyproject.toml,
# package-lock.json), so depending on it costs nothing once built.

# The interpreter the environments are built from. Override with
# `make PYTHON=/path/to/python3.11 ...`.
PYTHON ?= python3.11
PYTHON_MINOR := 3.11

# --- .venv: the development environment ------------------------------------
VENV       := .venv
VENV_BIN   := $(CURDIR)/$(VENV)/bin
PY         := $(VENV_BIN)/python
UV         := $(VENV_BIN)/uv
DEV_IN     := requirements/dev.in
DEV_LOCK   := requirements/dev.lock
VENV_STAMP := $(VENV)/.stamp
VENV_DEPS_STAMP := $(VENV)/.stamp-deps
# uv's version is taken from the lock file (from dev.in before a lock exists).
UV_VERSION  = $(shell sed -n 's/^uv==\([^ ;]*\).*/\1/p' $(firstword $(wildcard $(DEV_LOCK)) $(DEV_IN)))

# --- .venv-osv: openapi-spec-validator 0.9.0 only ---------------------------
OSV_VENV   := .venv-osv
OSV_BIN    := $(CURDIR)/$(OSV_VENV)/bin
OSV_PY     := $(OSV_BIN)/python
OSV        := $(OSV_BIN)/openapi-spec-validator
OSV_IN     := requirements/osv.in
OSV_LOCK   := requirements/osv.lock
OSV_STAMP  := $(OSV_VENV)/.stamp

# --- .venv-sdk: msgraph-sdk only ------------------------------------------------
SDK_VENV   := .venv-sdk
SDK_PY     := $(CURDIR)/$(SDK_VENV)/bin/python
SDK_IN     := requirements/sdk.in
SDK_LOCK   := requirements/sdk.lock
SDK_STAMP  := $(SDK_VENV)/.stamp

# --- node_modules: the OpenAPI linter ---------------------------------------
NODE_BIN   := $(CURDIR)/node_modules/.bin
SPECTRAL   := $(NODE_BIN)/spectral
NODE_STAMP := node_modules/.stamp

ENV_STAMPS := $(VENV_STAMP) $(OSV_STAMP) $(SDK_STAMP) $(NODE_STAMP)

# The project's own metadata; written later than this file, so it is a
# prerequisite of the .venv stamp only once it exists.
PYPROJECT  := $(wildcard pyproject.toml)

# Recipes find the pinned tools first. SYS_PATH keeps the original PATH, so
# the environments are built from the system's $(PYTHON), not the venv's.
SYS_PATH := $(PATH)
export PATH := $(VENV_BIN):$(SYS_PATH)

# uv: never read uv.toml / [tool.uv] settings (the lock alone decides) and
# never download an interpreter.
UV_ENV   := UV_PYTHON_DOWNLOADS=never UV_NO_CONFIG=1
# Lock resolution ignores releases published after this instant, so that
# `make lock` gives the same result whenever it is run. Move it forward (and
# run `make lock LOCK_FLAGS=--upgrade`) to take newer releases.
LOCK_EXCLUDE_NEWER := 2026-11-29T00:00:00Z
LOCK_FLAGS ?=
# Byte-compile .venv at install time: where PYTHONDONTWRITEBYTECODE is set (as on
# many CI images), every run would otherwise re-compile pytest/schemathesis/... from source
# (measured: importing pytest+schemathesis+hypothesis+pydantic 4.8 s -> 3.0 s,
# for about 6 s once per sync).
VENV_SYNC_FLAGS ?= --compile-bytecode
UV_COMPILE = $(UV_ENV) $(UV) pip compile --quiet --universal \
  --python-version $(PYTHON_MINOR) --exclude-newer $(LOCK_EXCLUDE_NEWER) \
  --custom-compile-command 'make lock' $(LOCK_FLAGS)

# Fail early, with a readable message, when the base interpreter is missing.
define check_python
base_py=$$(PATH='$(SYS_PATH)'; command -v $(PYTHON)) || { \
  echo "error: '$(PYTHON)' was not found on PATH. graphsync needs CPython $(PYTHON_MINOR):" >&2; \
  echo "       install it (e.g. 'apt-get install python$(PYTHON_MINOR)' or 'pyenv install $(PYTHON_MINOR)')," >&2; \
  echo "       or point make at one: make PYTHON=/path/to/python$(PYTHON_MINOR) ..." >&2; \
  exit 1; }; \
"$$base_py" -c 'import sys; sys.exit(sys.version_info[:2] != tuple(map(int, "$(PYTHON_MINOR)".split("."))))' 2>/dev/null || { \
  echo "error: '$$base_py' is not a working CPython $(PYTHON_MINOR) ($$("$$base_py" --version 2>&1 | head -n1))." >&2; \
  echo "       Use: make PYTHON=/path/to/python$(PYTHON_MINOR) ..." >&2; \
  exit 1; }
endef

# Create (or recreate, if broken or of another Python) a virtualenv.
# $(1): folder, $(2): extra `venv` options.
define make_venv
if ! $(1)/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != tuple(map(int, "$(PYTHON_MINOR)".split("."))))' 2>/dev/null; then \
  base_py=$$(PATH='$(SYS_PATH)'; command -v $(PYTHON)); \
  echo "==> creating $(1) with $$base_py ($$("$$base_py" -c 'import sys; print(sys.version.split()[0])'))"; \
  rm -rf $(1); \
  PATH='$(SYS_PATH)' "$$base_py" -m venv $(2) $(1); \
fi
endef

# .venv with the pinned uv in it (bootstrapped with the venv's own pip).
define ensure_uv
$(call make_venv,$(VENV),); \
if [ "$$($(UV) --version 2>/dev/null | cut -d' ' -f2)" != "$(UV_VERSION)" ]; then \
  echo "==> installing uv==$(UV_VERSION) into $(VENV)"; \
  $(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"; \
fi
endef

##@ Environments

.PHONY: env venv osv-venv sdk-venv node-env lock check-lock tool-versions clean-env

env: $(ENV_STAMPS) ## Create/refresh all pinned tool environments (.venv, .venv-osv, .venv-sdk, node_modules)

venv: $(VENV_STAMP) ## Create/refresh .venv (requirements/dev.lock + editable project)

osv-venv: $(OSV_STAMP) ## Create/refresh .venv-osv (openapi-spec-validator 0.9.0)

sdk-venv: $(SDK_STAMP) ## Create/refresh .venv-sdk (msgraph-sdk, for tests/sdk/)

node-env: $(NODE_STAMP) ## Install node_modules from package-lock.json (npm ci)

# Two steps, so that editing pyproject.toml only re-runs the (1 s) editable
# install, not the full sync: `uv pip sync` makes .venv exactly dev.lock
# (removing anything else, the project included), then the project goes in.
$(VENV_DEPS_STAMP): $(DEV_LOCK)
	@$(check_python)
	@$(ensure_uv)
	@echo "==> syncing $(VENV) to $(DEV_LOCK)"
	$(UV_ENV) $(UV) pip sync --quiet --python $(PY) $(VENV_SYNC_FLAGS) $(DEV_LOCK)
	@touch $@

$(VENV_STAMP): $(VENV_DEPS_STAMP) $(PYPROJECT)
	@if [ -f pyproject.toml ]; then \
	  echo "==> installing the project (editable) into $(VENV)"; \
	  $(UV_ENV) $(UV) pip install --quiet --python $(PY) --no-deps \
	    --build-constraints $(DEV_LOCK) -e . || { \
	    echo "error: the editable install of the project failed (see the build error above)." >&2; \
	    echo "       Usual causes: a file named in pyproject.toml (e.g. readme) is missing, or" >&2; \
	    echo "       its [build-system] requires differs from the backend pin in $(DEV_IN)" >&2; \
	    echo "       (keep them equal, then run 'make lock')." >&2; exit 1; }; \
	else \
	  echo "==> no pyproject.toml yet: project not installed into $(VENV)"; \
	fi
	$(UV_ENV) $(UV) pip check --quiet --python $(PY)
	@touch $@

$(OSV_STAMP): $(OSV_LOCK) | $(VENV_DEPS_STAMP)
	@$(check_python)
	@$(call make_venv,$(OSV_VENV),--without-pip)
	@echo "==> syncing $(OSV_VENV) to $(OSV_LOCK)"
	$(UV_ENV) $(UV) pip sync --quiet --python $(OSV_PY) $(OSV_LOCK)
	$(UV_ENV) $(UV) pip check --quiet --python $(OSV_PY)
	@touch $@

$(SDK_STAMP): $(SDK_LOCK) | $(VENV_DEPS_STAMP)
	@$(check_python)
	@$(call make_venv,$(SDK_VENV),--without-pip)
	@echo "==> syncing $(SDK_VENV) to $(SDK_LOCK)"
	$(UV_ENV) $(UV) pip sync --quiet --python $(SDK_PY) $(VENV_SYNC_FLAGS) $(SDK_LOCK)
	$(UV_ENV) $(UV) pip check --quiet --python $(SDK_PY)
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "error: npm was not found on PATH (Node.js >= 20.17 with npm is needed for the OpenAPI linter)." >&2; \
	  exit 1; }
	@echo "==> npm ci (node $$(node --version), npm $$(npm --version))"
	npm ci --no-audit --no-fund --loglevel=warn
	@touch $@

lock: ## Re-resolve requirements/*.lock from requirements/*.in (LOCK_FLAGS=--upgrade to bump)
	@$(check_python)
	@$(ensure_uv)
	$(UV_COMPILE) $(DEV_IN) -o $(DEV_LOCK)
	$(UV_COMPILE) $(OSV_IN) -o $(OSV_LOCK)
	$(UV_COMPILE) $(SDK_IN) -o $(SDK_LOCK)

check-lock: ## Check requirements/*.lock are what `make lock` gives for requirements/*.in
	@$(check_python)
	@$(ensure_uv)
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; status=0; \
	for pair in $(DEV_IN):$(DEV_LOCK) $(OSV_IN):$(OSV_LOCK) $(SDK_IN):$(SDK_LOCK); do \
	  in=$${pair%%:*}; lock=$${pair#*:}; cp "$$lock" "$$tmp/out.lock"; \
	  $(UV_COMPILE) "$$in" -o "$$tmp/out.lock"; \
	  if ! diff -u "$$lock" "$$tmp/out.lock"; then \
	    echo "error: $$lock is stale: run 'make lock' and commit it" >&2; status=1; fi; \
	done; exit $$status

TOOL_PACKAGES := uv pip ruff datamodel-code-generator openapi-python-client prance \
  openapi-spec-validator pydantic pytest hypothesis schemathesis mypy uvicorn
VERSIONS_PY := import sys, platform, importlib.metadata as m; \
  print("%-24s %s" % ("python", platform.python_version())); \
  [print("%-24s %s" % (p, m.version(p))) for p in sys.argv[1:]]

tool-versions: $(ENV_STAMPS) ## Print the versions of the pinned tools
	@$(PY) -c '$(VERSIONS_PY)' $(TOOL_PACKAGES)
	@printf '%-24s %s (.venv-osv)\n' openapi-spec-validator \
	  "$$($(OSV_PY) -c 'import importlib.metadata as m; print(m.version("openapi-spec-validator"))')"
	@printf '%-24s %s (.venv-sdk)\n' msgraph-sdk \
	  "$$($(SDK_PY) -c 'import importlib.metadata as m; print(m.version("msgraph-sdk"))')"
	@printf '%-24s %s\n' "@stoplight/spectral-cli" "$$($(SPECTRAL) --version)"

clean-env: ## Remove the tool environments (.venv, .venv-osv, .venv-sdk, node_modules)
	rm -rf $(VENV) $(OSV_VENV) $(SDK_VENV) node_modules
