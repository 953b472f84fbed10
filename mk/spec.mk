##@ Contract

.PHONY: lint-spec
lint-spec: validate-spec $(NODE_STAMP) ## Validate openapi.yaml (prance, openapi-spec-validator 0.9) and lint it (Spectral, .spectral.yaml)
	@$(SPECTRAL) lint --fail-severity=warn --ruleset .spectral.yaml openapi.yaml
