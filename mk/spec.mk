##@ Contract

.PHONY: lint-spec
lint-spec: validate-spec $(NODE_STAMP) ## Validate openapi.yaml (prance, openapi-spec-validator 0.9) and lint it (Spectral, .spectral.yaml)
	@$(SPECTRAL) lint --fail-severity=warn --ruleset .spectral.yaml openapi.yaml

# The revision whose openapi.yaml `check-breaking` compares with: HEAD checks uncommitted edits;
# a branch (main), a tag (v1.0.0) or HEAD~1 checks everything since.
BASE ?= HEAD

.PHONY: check-breaking
check-breaking: | $(VENV_STAMP) ## Fail if openapi.yaml breaks callers of the spec at git revision BASE (default HEAD) without a major version bump
	@$(PY) codegen/breaking.py --base "$${BASE}" --spec openapi.yaml
check-breaking: export BASE := $(BASE)
