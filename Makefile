# Two commands for a fresh machine: `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help

export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
PYTHON ?= python3
UV := $(PYTHON) -m uv
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help run test setup uv system-test-deps lint format demo superuser benchmark

help:
	@echo "make run   - instala, migra, carga datos de demostración y sirve en http://$(HOST):$(PORT)"
	@echo "make test  - instala lo necesario para las pruebas y corre toda la suite"

uv:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check uv

setup: uv
	$(UV) sync --frozen

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --if-empty
	$(PY) manage.py runserver $(HOST):$(PORT)

# Browser tests need Debian's Chromium; PDF checks use poppler's pdftoppm.
system-test-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
		else \
			sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
		fi; \
	fi

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

test: setup system-test-deps lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

format: setup
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

demo: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

superuser: setup
	$(PY) manage.py createsuperuser

# Uncached page times and queries on plans of 40, 400 and 4,000 actions, side by side.
benchmark: setup
	$(PY) benchmarks/pages_bench.py
