##@ Emulator

HOST ?= 127.0.0.1
PORT ?= 8000
DB   ?= sqlite:///var/graphsync.db
SEED ?=
DEMO_SP := 60443998-8cf7-4e61-b05c-a53b658cb5e1

.PHONY: run
run: $(VENV_STAMP) ## Run the emulator on SQLite (var/graphsync.db) with the demo seed; prints a token and a curl line (HOST=, PORT=, DB=, SEED=)
	@token=$$($(VENV_BIN)/graphsync token --expires 12h) || { echo "make run: could not mint a demo token (see above)" >&2; exit 2; }; \
	base="http://$(HOST):$(PORT)/v1.0"; \
	echo "Base URL:  $$base   (also /beta; the spec is at http://$(HOST):$(PORT)/openapi.yaml)"; \
	echo "Token (demo tenant, Synchronization.ReadWrite.All, 12 h):"; \
	echo "  export TOKEN=$$token"; \
	echo "Create a job:"; \
	echo "  curl -sS -X POST -H \"Authorization: Bearer \$$TOKEN\" -H 'Content-Type: application/json' \\"; \
	echo "       -d '{\"templateId\": \"BoxOutDelta\"}' $$base/servicePrincipals/$(DEMO_SP)/synchronization/jobs"; \
	echo "List jobs:"; \
	echo "  curl -sS -H \"Authorization: Bearer \$$TOKEN\" $$base/servicePrincipals/$(DEMO_SP)/synchronization/jobs"; \
	echo; \
	exec $(VENV_BIN)/graphsync serve --host $(HOST) --port $(PORT) --db '$(DB)' $(if $(SEED),--seed '$(SEED)')

.PHONY: token
token: $(VENV_STAMP) ## Print a demo bearer token (pass flags with ARGS="--roles Synchronization.Read.All ...")
	@$(VENV_BIN)/graphsync token $(ARGS)
