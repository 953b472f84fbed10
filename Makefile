# graphsync: top-level Makefile.
#
# This file only holds the shared settings and `make help`. Targets live in
# fragments under mk/: mk/env.mk (the pinned tool environments) is read first,
# so every other fragment can use its variables (PY, VENV_STAMP, ...) in
# prerequisite lists; the other mk/*.mk files are then read in sorted order.
# Add targets by adding a fragment file; there is no need to edit this file.
#
# Convention: every target that should be listed by `make help` carries a
# `## description` comment on its rule line:
#
#   test: $(VENV_STAMP) ## Run the test suite
#
# A line `##@ Title` starts a new section in the help output.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules --no-print-directory

.DEFAULT_GOAL := help

include mk/env.mk
include $(filter-out mk/env.mk,$(sort $(wildcard mk/*.mk)))

##@ General

.PHONY: help
help: ## Show this help (the default goal)
	@if [ -t 1 ]; then b=$$'\e[1m'; c=$$'\e[36m'; r=$$'\e[0m'; else b= c= r=; fi; \
	echo "Usage: make [TARGET...] (targets from Makefile and mk/*.mk)"; \
	awk -v b="$$b" -v c="$$c" -v r="$$r" 'BEGIN { FS = ":[^#]*## " } \
	  FNR == 1 { pending = FILENAME } \
	  /^##@ / { printf "\n%s%s%s\n", b, substr($$0, 5), r; pending = ""; next } \
	  /^[A-Za-z0-9_.\/%$$()-][A-Za-z0-9_.\/%$$() -]*:[^=]*## / { \
	    if (pending != "") { printf "\n%s%s%s\n", b, pending, r; pending = "" } \
	    printf "  %s%-24s%s %s\n", c, $$1, r, $$2 }' \
	  $(MAKEFILE_LIST)
