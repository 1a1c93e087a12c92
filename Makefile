# Two commands: `make run` (serve the demo on http://127.0.0.1:8000 with its task worker) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Pango, HarfBuzz and fonts for WeasyPrint (Tinos and Liberation Serif: Times-metric, full Vietnamese).
APT_RUN := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-croscore fonts-liberation2 fonts-dejavu-core
# The tests also need Chromium, the PostgreSQL server and poppler (pdftotext, pdffonts, pdftoppm).
APT_TEST := $(APT_RUN) chromium postgresql poppler-utils
DEV_ENV := DEBUG=true

.PHONY: run test lint bench setup docs-examples clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

setup: $(VENV)/.installed
	@bash scripts/ensure-apt.sh $(APT_RUN)

run: setup
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py load_demo
	$(DEV_ENV) bash scripts/run.sh

test: $(VENV)/.installed
	@bash scripts/ensure-apt.sh $(APT_TEST)
	bash scripts/test.sh

# Load test on PostgreSQL at scale N (34 = national; see docs/benchmarks.md): `make bench N=1` for a quick run.
N ?= 34
bench: $(VENV)/.installed
	@bash scripts/ensure-apt.sh $(APT_RUN) postgresql wrk curl libreoffice-writer-nogui
	N=$(N) bash scripts/bench.sh

# One example of each official document (demo data) in docs/examples: PDF, .docx and page 1 as PNG.
docs-examples: $(VENV)/.installed
	@bash scripts/ensure-apt.sh $(APT_RUN) poppler-utils
	$(BIN)/python -m emulation.devtools.documents_examples docs/examples

# ruff, migrations in sync with the models, and the one-way import contracts (pyproject.toml).
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) var artefacts staticfiles
