# voteanalysis — every target sets up what it needs; run `make` for this list.
.DEFAULT_GOAL := help
SHELL := bash
PYTHON ?= python3
VENV := .venv
TOOLS := .tools
UV := $(TOOLS)/bin/uv
UV_VERSION := 0.13.8
SYNCED := $(VENV)/.synced
BIN := $(VENV)/bin
export UV_COMPILE_BYTECODE := 1
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
CHROMIUM := /usr/bin/chromium
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: help setup charts test lint format unit lab datapackage unga-record benchmark e2e clean

help: ## Show the targets
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet "uv==$(UV_VERSION)"

$(SYNCED): pyproject.toml uv.lock etc/jupyterlab/overrides.json | $(UV)
	$(UV) sync --frozen --all-groups --python $(PYTHON)
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@cp etc/jupyterlab/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	@touch $@

setup: $(SYNCED) ## Create .venv with the locked dependencies (fast when already done)

# The gallery is redrawn only when the code, the data or the environment changed.
CHART_INPUTS := $(wildcard src/voteanalysis/*.py src/voteanalysis/*/*.py data/*.csv data/names/*.csv data/external/unga/*) pyproject.toml uv.lock
CHARTS_MADE := reports/figures/.charts-made

charts: $(CHARTS_MADE) ## Export the chart gallery and report.html into reports/figures/, README images into docs/gallery/ (skipped when nothing changed)

$(CHARTS_MADE): $(CHART_INPUTS) | $(SYNCED)
	$(BIN)/voteanalysis charts --out reports/figures
	$(BIN)/voteanalysis report --images docs/gallery reports/figures/report.html
	@touch $@

lint: setup ## ruff (lint + format check) and mypy
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

unit: setup ## Unit, CLI, data-package, wheel and notebook tests
	$(BIN)/python -m pytest -n 2 -q --ignore=tests/e2e --doctest-modules src tests

e2e: setup ## Run every notebook in JupyterLab in headless Chromium (needs: apt-get install chromium)
	$(BIN)/python -m pytest -q tests/e2e

test: lint unit $(if $(wildcard $(CHROMIUM)),e2e) ## Everything: lint, tests, notebooks (and e2e when Chromium is installed)

format: setup ## Reformat the code
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks notebooks

datapackage: setup ## Regenerate data/datapackage.json and data/README.md from the schema
	$(BIN)/python -c "from voteanalysis.schema import write_docs; print(*write_docs('data'))"

unga-record: setup ## Rebuild data/external/unga-record from the bundled UN General Assembly sources
	$(BIN)/python -c "from voteanalysis.io.unga import write_record; print(*write_record())"

# make lab PORT=8899 TOKEN=a-long-secret IP=127.0.0.1 (see README: "Opening the notebooks").
PORT ?= 8888
IP ?= 127.0.0.1
TOKEN ?=
lab: setup ## Open JupyterLab on notebooks/ (PORT=8888, IP=127.0.0.1; TOKEN= to choose the token)
	$(BIN)/jupyter lab --notebook-dir=notebooks --ip=$(IP) --port=$(PORT) --port-retries=0 \
		$(if $(TOKEN),--IdentityProvider.token=$(TOKEN)) $(ROOT_FLAG)

benchmark: setup ## Speed benchmarks (UN General Assembly record, readers on adversarial inputs, explorer, text parser on adversarial texts)
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_agreement.py
	$(BIN)/python benchmarks/bench_idealpoints.py
	$(BIN)/python benchmarks/bench_explorer.py
	$(BIN)/python benchmarks/bench_undl.py
	$(BIN)/python benchmarks/bench_textparse.py
	$(BIN)/python benchmarks/bench_councils.py
	$(BIN)/python -W ignore::UserWarning benchmarks/bench_readers.py

clean: ## Remove the environments and exported charts
	rm -rf $(VENV) $(TOOLS) reports/figures/*.png reports/figures/*.svg reports/figures/*.pdf reports/figures/*.html $(CHARTS_MADE)
