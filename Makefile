# docgen — `make` sets up and builds every paper; `make test` runs the tests.
# Built-in rules and variables are off: they cost time on every run and are never used.
MAKEFLAGS += --no-builtin-rules --no-builtin-variables
.SUFFIXES:
.DEFAULT_GOAL := all

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SETUP := $(VENV)/.setup-done
OUT := outputs
DEPS := $(OUT)/.deps.mk
QUEUE := $(OUT)/.queue
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# Names make cannot carry are left out here and refused by `docgen deps` (see the script).
RECORD_FILES := $(shell sh tools/record-files.sh files)
RECORD_DIRS := $(shell sh tools/record-files.sh dirs)

.PHONY: all help setup papers test lint format snapshots templates clean scan verify benchmark

all: papers ## Set up (first time) and build the papers of every record whose inputs changed

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

setup: $(SETUP) ## Install the Debian packages PDF output needs, create .venv, install docgen

$(SETUP): pyproject.toml constraints.txt tools/system-packages.sh
	bash tools/system-packages.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# Which papers are stale: `docgen deps` writes, for every record, a stamp that depends on
# everything its papers are made from. Goals that build no papers never read it. If it
# cannot be written (`docgen deps` refuses a record), make stops there, saying why.
ifneq ($(filter-out help clean setup lint format test snapshots templates scan verify benchmark,$(or $(MAKECMDGOALS),all)),)
include $(DEPS)
endif

$(DEPS): $(RECORD_FILES) $(RECORD_DIRS) pyproject.toml | $(SETUP)
	$(BIN)/docgen deps --out $(OUT) --records records $(DEPS_BUILD)

# When papers are to be built, `docgen deps` builds itself the records whose content
# changed (an edit), in the process that found them: their stamps are then new, and
# the queue below holds only those stale by time alone. Any other goal builds nothing.
DEPS_BUILD = $(if $(filter-out all papers,$(or $(MAKECMDGOALS),all)),,--build -j $(JOBS) $(if $(TODAY),--as-of $(TODAY)))

# A file restored with its old time (cp -p, mv of a backup) still has a new change time:
# `docgen deps` then runs, and makes stale the papers built from other content.
ifneq ($(wildcard $(DEPS)),)
ifneq ($(shell find records templates -cnewer $(DEPS) -print -quit 2>/dev/null),)
.PHONY: $(OUT)/.restored
$(DEPS): $(OUT)/.restored
endif
endif

# A stale record only queues itself (no Python here); `papers` then builds the queue in
# one docgen process with one worker per core, so `make -j` cannot oversubscribe.
$(OUT)/.stamps/%.stamp:
	@mkdir -p $(OUT) && echo '$(RECORD)' >> $(QUEUE)

papers: $(SETUP) $(STAMPS) ## Build the papers (full and public, Word and PDF) of stale records
	@if [ -s $(QUEUE) ]; then \
	  $(BIN)/docgen build -j $(JOBS) --out $(OUT) $(if $(TODAY),--as-of $(TODAY)) -- $$(sort -u $(QUEUE)); status=$$?; \
	  rm -f $(QUEUE); exit $$status; \
	fi

test: $(SETUP) ## Run the whole test suite, then ruff and mypy
	$(BIN)/pytest
	$(MAKE) --no-print-directory lint

lint: $(SETUP) ## Ruff (lint and format check) and mypy
	$(BIN)/ruff check docgen tests tools benchmarks
	$(BIN)/ruff format --check docgen tests tools benchmarks
	$(BIN)/mypy docgen

format: $(SETUP) ## Apply ruff's formatting and safe fixes
	$(BIN)/ruff check --fix docgen tests tools
	$(BIN)/ruff format docgen tests tools

snapshots: $(SETUP) ## Accept changed snapshots after reviewing `make test`'s diff
	$(BIN)/pytest --snapshot-update

templates: $(SETUP) ## Regenerate templates/*.docx; one edited since is kept (FORCE=1 replaces it)
	$(BIN)/python tools/make_docx_templates.py $(if $(FORCE),--force)

clean: ## Remove built papers (keeps .venv)
	rm -rf $(OUT)

scan: $(SETUP) ## Scan every built public paper for exempt text (build does this too)
	$(BIN)/docgen scan outputs/public

verify: $(SETUP) ## Prove no public paper of records/ depends on exempt data (writes nothing)
	$(BIN)/docgen verify records

benchmark: $(SETUP) ## Every speed figure against its reference (Word, PDF, edit to paper, 1000 records)
	$(BIN)/python benchmarks/benchmark.py
