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
export HOST PORT

# `make run` is production mode (gunicorn, DEBUG off) on plain HTTP at $(HOST):$(PORT); behind
# a TLS proxy set SECURE_SSL_REDIRECT=true SECURE_COOKIES=true (see README, «Despliegue»).
SECRET_KEY_FILE ?= var/secret_key
SECURE_SSL_REDIRECT ?= false
SECURE_COOKIES ?= false
# Without EMAIL_HOST, mail (confirmations, digests) is written to files there: nothing leaves.
EMAIL_FILE_PATH ?= var/mail
PROD := DEBUG=false SECRET_KEY_FILE=$(SECRET_KEY_FILE) SECURE_SSL_REDIRECT=$(SECURE_SSL_REDIRECT) \
	SECURE_COOKIES=$(SECURE_COOKIES) EMAIL_FILE_PATH=$(EMAIL_FILE_PATH)

.PHONY: help run dev test setup uv gettext messages system-test-deps lint format demo superuser \
	bench benchmark drills two-nodes backup

help:
	@echo "make run   - instala, migra, carga datos de demostración y sirve como en producción en http://$(HOST):$(PORT)"
	@echo "make dev   - lo mismo con el servidor de desarrollo (DEBUG, se recarga al editar)"
	@echo "make test  - instala lo necesario para las pruebas y corre toda la suite (en paralelo)"
	@echo "make demo  - BORRA el plan y el Secretariado (también lo capturado a mano) y recarga la demostración; conserva cuentas y archivos"
	@echo "make superuser - crea una cuenta de personal (sin preguntar si defines DJANGO_SUPERUSER_USERNAME y DJANGO_SUPERUSER_PASSWORD)"

uv:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check uv

setup: uv messages
	$(UV) sync --frozen

# The translations: every catalogue (.po) compiled to .mo, which is not versioned; only those
# whose .po changed are compiled again. GNU gettext's msgfmt, as Django's compilemessages runs
# it, without starting Django.
CATALOGUES := $(shell find . -path ./.venv -prune -o -path ./node_modules -prune -o \
	-path '*/locale/*/LC_MESSAGES/*.po' -print)
messages: gettext $(CATALOGUES:.po=.mo)

%.mo: %.po
	msgfmt --check-format -o $@ $<

gettext:
	@if ! command -v msgfmt >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
		else \
			sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
		fi; \
	fi

# Generated once, never versioned (var/ is in .gitignore).
var/secret_key:
	@mkdir -p var
	@umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

run: setup $(if $(SECRET_KEY),,$(SECRET_KEY_FILE))
	$(PROD) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(PROD) $(PY) manage.py migrate --noinput
	$(PROD) $(PY) manage.py load_demo --if-empty
	$(PROD) $(PY) manage.py db_worker --queue-name reports & trap 'kill $$!' EXIT; $(PROD) .venv/bin/gunicorn

dev: setup
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py load_demo --if-empty
	DEBUG=true TASKS_BACKEND=django.tasks.backends.immediate.ImmediateBackend $(PY) manage.py runserver $(HOST):$(PORT)

# Browser tests need Debian's Chromium; PDF checks use poppler's pdftoppm; the W3C HTML check
# (tests/test_html_valid.py) runs vnu.jar with Java 17, installed from npm.
system-test-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 \
		|| ! command -v java >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then \
		packages="chromium poppler-utils openjdk-17-jre-headless npm"; \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$packages >/dev/null; \
		else \
			sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$packages >/dev/null; \
		fi; \
	fi

# The W3C Nu Html Checker, pinned (keep VERSION in tests/vnu.py in step); var/ is not versioned.
VNU_VERSION := 26.9.27
VNU_JAR := var/node/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR): | system-test-deps
	npm install --prefix var/node --no-audit --no-fund --loglevel=error vnu-jar@$(VNU_VERSION)

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

# The suite runs in parallel (pytest-xdist: one process per core, at most 4; each migrates its
# own test database and loads the demo once). PYTEST_WORKERS=0 runs it in this process.
# CHECKS=no skips ruff and the migrations check (CI runs them once, with the first database).
PYTEST_WORKERS ?= auto
CHECKS ?= yes

test: setup system-test-deps $(VNU_JAR)
ifneq ($(CHECKS),no)
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
endif
	$(PY) -m pytest -n $(PYTEST_WORKERS) --maxprocesses 4 --durations=10 $(PYTEST_ARGS)

format: setup
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

# Really resets: deletes the whole plan and Secretariado (also what was entered by hand) and loads
# the demo again. Staff accounts and uploaded files stay.
demo: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --reset

# Asks for the data, or takes DJANGO_SUPERUSER_USERNAME, _PASSWORD and _EMAIL without asking.
superuser: setup
	@if [ -n "$$DJANGO_SUPERUSER_USERNAME" ] && [ -n "$$DJANGO_SUPERUSER_PASSWORD" ]; then \
		$(PY) manage.py createsuperuser --noinput --username "$$DJANGO_SUPERUSER_USERNAME" \
			--email "$${DJANGO_SUPERUSER_EMAIL:-}"; \
	else \
		$(PY) manage.py createsuperuser; \
	fi

# Every figure of README «Rendimiento» in one table, each beside its reference measured in the
# same run (CPU time), also written to var/bench-<date>.json. ARGS=--quick: small sizes, seconds.
bench: setup
	$(PY) benchmarks/bench.py $(ARGS)

benchmark: bench

# Load and outage drills against a server of their own (see benchmarks/drills.py), then two
# app nodes over one PostgreSQL and one Redis (benchmarks/two_nodes.py); needs wrk.
drills: setup
	$(PY) benchmarks/static_vs_board.py
	$(PY) benchmarks/drills.py
	$(PY) benchmarks/two_nodes.py

# Only the two-node drill (README «Varios nodos»); ARGS="--seconds 60", "--database URL"…
two-nodes: setup
	$(PY) benchmarks/two_nodes.py $(ARGS)

# Database and uploaded files in one archive under var/backups/ (restore: manage.py restore FILE).
backup: setup
	$(PROD) $(PY) manage.py backup
