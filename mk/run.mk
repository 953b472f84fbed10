##@ Emulator

HOST ?= 127.0.0.1
PORT ?= 8000
DB   ?= sqlite:///var/graphsync.db
SEED ?=
# Not exported as they are (make would expand them to do so): the recipe gets them as RUN_* below.
unexport HOST PORT DB SEED ARGS

# The values reach `graphsync demo` as environment variables read with $(value ...), so that make
# expands nothing in them, and the recipe passes them only as "$$RUN_..." words: quotes, spaces, `$`,
# backticks or `;` arrive byte for byte, and graphsync checks them (one line and exit 2 when wrong).
run: export RUN_HOST = $(value HOST)
run: export RUN_PORT = $(value PORT)
run: export RUN_DB = $(value DB)
run: export RUN_SEED = $(value SEED)

.PHONY: run
run: $(VENV_STAMP) ## Run the emulator (graphsync demo) on SQLite (var/graphsync.db) with the demo seed; prints a token and curl lines (HOST=, PORT=, DB=, SEED=)
	@exec $(VENV_BIN)/graphsync demo --host "$$RUN_HOST" --port "$$RUN_PORT" --db "$$RUN_DB" $${RUN_SEED:+--seed "$$RUN_SEED"}

# ARGS is split into words by xargs (quotes group words), never evaluated by the shell; a first pass
# refuses an unmatched quote, on which xargs would still run the command with the words before it.
token: export TOKEN_ARGS = $(value ARGS)

.PHONY: token
token: $(VENV_STAMP) ## Print a demo bearer token (pass flags with ARGS="--roles Synchronization.Read.All ...")
	@printf '%s' "$$TOKEN_ARGS" | xargs true || { echo "make token: error: ARGS has an unmatched quote" >&2; exit 2; }; \
	printf '%s' "$$TOKEN_ARGS" | xargs $(VENV_BIN)/graphsync token
