# docgen — `make` sets up and builds every paper; `make test` runs the tests.
# Built-in rules and variables are off: they cost time on every run and are never used.
MAKEFLAGS += --no-builtin-rules --no-builtin-variables
.SUFFIXES:
.DEFAULT_GOAL := all

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SETUP := $(VENV)/.setup-done

.PHONY: all help setup papers test lint format snapshots templates clean scan benchmark-pdf

all: papers ## Set up (first time) and build every paper for records/ into outputs/

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

setup: $(SETUP) ## Install the Debian packages PDF output needs, create .venv, install docgen

$(SETUP): pyproject.toml constraints.txt tools/system-packages.sh
	bash tools/system-packages.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

papers: $(SETUP) ## Build every paper (full and public) for every record under records/
	$(BIN)/docgen build records

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

templates: $(SETUP) ## Regenerate templates/*.docx from tools/make_docx_templates.py
	$(BIN)/python tools/make_docx_templates.py

clean: ## Remove built papers (keeps .venv)
	rm -rf outputs

scan: $(SETUP) ## Scan every built public paper for exempt text (build does this too)
	$(BIN)/docgen scan outputs/public

benchmark-pdf: $(SETUP) ## Time PDF per paper: docgen, WeasyPrint alone, LibreOffice (if installed)
	$(BIN)/python benchmarks/pdf_speed.py
