# mk/codegen.mk: generated/ (pydantic models and an httpx client) from openapi.yaml.
#
# All settings live in codegen/ (see codegen/README.md); this file only names
# paths. CODEGEN_SPEC and GENERATED can be overridden, e.g. to check another
# copy: make check-generated CODEGEN_SPEC=/tmp/x/openapi.yaml GENERATED=/tmp/x/generated

##@ Code generation

CODEGEN_SPEC  ?= openapi.yaml
GENERATED     ?= generated
# Ignored by git (generated/.gitignore); records the codegen/ file list it was made from.
CODEGEN_STAMP := $(GENERATED)/.stamp
# Every input file under codegen/ (README.md is documentation; breaking*.py compare specs and dist.py
# builds archives of the output: they generate nothing).
CODEGEN_FILES := $(filter-out codegen/README.md codegen/breaking%.py codegen/dist.py,$(shell find codegen -name __pycache__ -prune -o -type f -print | LC_ALL=C sort))
CODEGEN_FIXTURES := $(patsubst %/openapi.yaml,%,$(wildcard tests/fixtures/codegen/*/openapi.yaml))

# openapi-spec-validator 0.9 first: it is the faster and the stricter of the two.
define validate_spec
$(OSV_PY) codegen/validate_spec.py --validator osv $(1)
$(PY) codegen/validate_spec.py --validator prance $(1)
endef

.PHONY: validate-spec generate check-generated codegen-fixtures FORCE_CODEGEN

validate-spec: | $(VENV_STAMP) $(OSV_STAMP) ## Validate openapi.yaml with prance and with openapi-spec-validator 0.9 (readable errors)
	@$(call validate_spec,$(CODEGEN_SPEC))

generate: $(CODEGEN_STAMP) ## Validate openapi.yaml, then regenerate generated/ (models, client) if it or codegen/ changed

# Regenerate when the spec, a file under codegen/ or the pinned tool versions
# change, and when a file was added to or removed from codegen/.
$(CODEGEN_STAMP): $(CODEGEN_SPEC) $(CODEGEN_FILES) $(DEV_LOCK) | $(VENV_STAMP) $(OSV_STAMP)
	@$(call validate_spec,$(CODEGEN_SPEC))
	@$(PY) codegen/generate.py --spec $(CODEGEN_SPEC) --out $(GENERATED)
	@printf '%s\n' $(CODEGEN_FILES) > $@

# Also regenerate when a distribution folder is gone (the stamp alone would not notice).
ifneq ($(strip $(file < $(CODEGEN_STAMP))),$(strip $(CODEGEN_FILES)))
$(CODEGEN_STAMP): FORCE_CODEGEN
else ifneq ($(words $(wildcard $(GENERATED)/models/pyproject.toml $(GENERATED)/client/pyproject.toml)),2)
$(CODEGEN_STAMP): FORCE_CODEGEN
endif
FORCE_CODEGEN:

check-generated: | $(VENV_STAMP) ## Fail with a diff if generated/ differs from a fresh generation (changes nothing)
	@$(PY) codegen/generate.py --check --spec $(CODEGEN_SPEC) --out $(GENERATED)

codegen-fixtures: | $(VENV_STAMP) ## Rewrite the expected trees of the golden tests (tests/fixtures/codegen/*/expected)
	@for dir in $(CODEGEN_FIXTURES); do \
	  $(PY) codegen/generate.py --spec $$dir/openapi.yaml --out $$dir/expected || exit 1; \
	done
