##@ Tests

# The suite runs on every core (pytest-xdist); PYTEST_ARGS='-n 0 ...' runs it in one process.
PYTEST_ARGS ?=
LINT_PATHS := $(wildcard src codegen fuzz bench tests)

.PHONY: test
test: lint-spec lint $(VENV_STAMP) $(SDK_STAMP) ## Run every check that gates a change: spec lint, code lint and types, then the whole pytest suite
	@$(PY) -m pytest -n auto $(PYTEST_ARGS)

.PHONY: lint
lint: $(VENV_STAMP) ## ruff (lint and format) on the project's code; mypy --strict on the emulator, codegen, fuzz/ and bench/
	@ruff check --quiet $(LINT_PATHS)
	@ruff format --check --quiet $(LINT_PATHS) || { echo "make lint: run 'ruff format $(LINT_PATHS)' to fix the formatting" >&2; exit 1; }
	@$(PY) -m mypy src/graphsync $(wildcard codegen/*.py) fuzz bench
