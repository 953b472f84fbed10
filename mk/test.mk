##@ Tests

PYTEST_ARGS ?=

.PHONY: test
test: lint-spec $(VENV_STAMP) ## Run every check that gates a change: spec lint, then the whole pytest suite
	@$(PY) -m pytest $(PYTEST_ARGS)
