##@ Emulator

HOST ?= 127.0.0.1
PORT ?= 8000
DB   ?= sqlite:///var/graphsync.db
SEED ?=
DEMO_SP := 60443998-8cf7-4e61-b05c-a53b658cb5e1
# Not exported as they are (make would expand them to do so): the recipe gets them as RUN_* below.
unexport HOST PORT DB SEED ARGS

# The values reach the recipe as environment variables, read with $(value ...) so that make expands
# nothing in them, and the recipe uses them only as "$$RUN_..." words: quotes, spaces, `$`, backticks
# or `;` in DB and SEED arrive byte for byte; HOST and PORT, which the curl lines show, are checked.
# SEED is checked too (graphsync check-seed), so that a bad one stops the run before the banner.
run: export RUN_HOST = $(value HOST)
run: export RUN_PORT = $(value PORT)
run: export RUN_DB = $(value DB)
run: export RUN_SEED = $(value SEED)

.PHONY: run
run: $(VENV_STAMP) ## Run the emulator on SQLite (var/graphsync.db) with the demo seed; prints a token and a curl line (HOST=, PORT=, DB=, SEED=)
	@if ! [[ "$$RUN_HOST" =~ ^[A-Za-z0-9._:-]+$$ ]]; then \
	  echo "make run: error: HOST='$$RUN_HOST' is not a host name or IP address" >&2; exit 2; fi; \
	if ! [[ "$$RUN_PORT" =~ ^[0-9]{1,5}$$ ]] || (( 10#$$RUN_PORT > 65535 )); then \
	  echo "make run: error: PORT='$$RUN_PORT' is not a port number from 1 to 65535" >&2; exit 2; fi; \
	if (( 10#$$RUN_PORT == 0 )); then \
	  echo "make run: error: PORT=0 (any free port) cannot be used: the curl lines printed before the server starts need the port" >&2; exit 2; fi; \
	if [ -n "$$RUN_SEED" ] && ! $(VENV_BIN)/graphsync check-seed "$$RUN_SEED" >/dev/null; then \
	  echo "make run: error: SEED='$$RUN_SEED' is not a usable seed file (see above; format: docs/seed-format.md)" >&2; exit 2; fi; \
	token=$$($(VENV_BIN)/graphsync token --expires 12h) || { echo "make run: could not mint a demo token (see above)" >&2; exit 2; }; \
	case "$$RUN_HOST" in *:*) origin="http://[$$RUN_HOST]:$$((10#$$RUN_PORT))";; *) origin="http://$$RUN_HOST:$$((10#$$RUN_PORT))";; esac; \
	base="$$origin/v1.0"; \
	echo "Base URL:  $$base   (also /beta; the spec is at $$origin/openapi.yaml)"; \
	echo "Token (demo tenant, Synchronization.ReadWrite.All, 12 h):"; \
	echo "  export TOKEN=$$token"; \
	echo "Create a job:"; \
	echo "  curl -sS -X POST -H \"Authorization: Bearer \$$TOKEN\" -H 'Content-Type: application/json' \\"; \
	echo "       -d '{\"templateId\": \"BoxOutDelta\"}' $$base/servicePrincipals/$(DEMO_SP)/synchronization/jobs"; \
	echo "List jobs:"; \
	echo "  curl -sS -H \"Authorization: Bearer \$$TOKEN\" $$base/servicePrincipals/$(DEMO_SP)/synchronization/jobs"; \
	echo; \
	exec $(VENV_BIN)/graphsync serve --host "$$RUN_HOST" --port "$$RUN_PORT" --db "$$RUN_DB" $${RUN_SEED:+--seed "$$RUN_SEED"}

# ARGS is split into words by xargs (quotes group words), never evaluated by the shell; a first pass
# refuses an unmatched quote, on which xargs would still run the command with the words before it.
token: export TOKEN_ARGS = $(value ARGS)

.PHONY: token
token: $(VENV_STAMP) ## Print a demo bearer token (pass flags with ARGS="--roles Synchronization.Read.All ...")
	@printf '%s' "$$TOKEN_ARGS" | xargs true || { echo "make token: error: ARGS has an unmatched quote" >&2; exit 2; }; \
	printf '%s' "$$TOKEN_ARGS" | xargs $(VENV_BIN)/graphsync token
