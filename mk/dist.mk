# mk/dist.mk: `make dist`, the wheels and sdists of the two generated distributions (codegen/dist.py).
#
#   make dist                     dist/graphsync_models-VERSION.tar.gz, ...-VERSION-py3-none-any.whl,
#                                 and the same two of graphsync_client (VERSION: openapi.yaml's info.version)
#   make dist DIST=/tmp/wheels    into another folder
#
# Regenerates generated/ first when it is stale (the `generate` stamp), then builds with the pinned
# `build` frontend and hatchling of .venv, without build isolation: nothing is downloaded. The archives
# are byte-identical from build to build (SOURCE_DATE_EPOCH, from the environment or 1580601600).

##@ Packaging

DIST ?= dist
# Not exported as it is (make would expand it to do so): the recipe gets it as DIST_OUT, read with
# $(value ...) and passed as one quoted word, so the folder's name arrives byte for byte.
unexport DIST
dist: export DIST_OUT = $(value DIST)

.PHONY: dist
dist: $(CODEGEN_STAMP) | $(VENV_STAMP) ## Build wheels and sdists of graphsync-models and graphsync-client into dist/ (DIST=...), offline and reproducibly
	@$(PY) codegen/dist.py --spec $(CODEGEN_SPEC) --generated $(GENERATED) --out "$$DIST_OUT"
