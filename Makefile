# Sigap: the two commands of the quick start are `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_TEST_URL ?= $(TEST_DATABASE_URL)
# Commands run with the development settings; the test targets name theirs explicitly
# (pytest-django would otherwise prefer this variable over pyproject's setting).
export DJANGO_SETTINGS_MODULE ?= sigap.settings.local

.PHONY: run test test-fast test-sqlite test-postgres lint format migrations-check compilemessages \
	messages bench setup clean

$(VENV)/.installed: pyproject.toml
	@PY=$$(scripts/find-python) && echo "Using $$PY" && $$PY -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

setup: $(VENV)/.installed
	@scripts/system-deps
	@mkdir -p var
	@for d in sigap/*/locale; do (cd "$$d/.." && ../../$(BIN)/sigap compilemessages -v 0) || exit 1; done

# The demo's documents are PAdES-signed with a development CA (made by `sigap demo`).
run: export SIGAP_SIGNING_BACKEND ?= pkcs12
run: setup
	$(BIN)/sigap migrate --noinput -v 0
	$(BIN)/sigap demo
	@echo "Sigap: http://127.0.0.1:$(PORT)/  (task worker runs beside the web server)"
	@export SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)}; \
	  trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/sigap db_worker --queue-name '*' & WORKER=$$!; \
	  $(BIN)/sigap runserver 127.0.0.1:$(PORT)

# The whole suite: lint, migrations check, SQLite, then PostgreSQL when TEST_DATABASE_URL is set.
test: setup
	@scripts/system-deps --browser
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$(PG_TEST_URL)" ]; then $(MAKE) --no-print-directory test-postgres; \
	  else echo "TEST_DATABASE_URL not set: PostgreSQL run skipped"; fi

test-sqlite: setup
	TEST_DATABASE_URL= $(BIN)/pytest --ds=sigap.settings.test

test-postgres: setup
	@$(BIN)/python scripts/check-database.py "$(PG_TEST_URL)"
	TEST_DATABASE_URL="$(PG_TEST_URL)" $(BIN)/pytest --ds=sigap.settings.test -m "not browser"

# Quick loop while developing: no browser tests, stop at the first failure.
test-fast: setup
	TEST_DATABASE_URL= $(BIN)/pytest --ds=sigap.settings.test -m "not browser and not slow" -x

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	TEST_DATABASE_URL= DJANGO_SETTINGS_MODULE=sigap.settings.test $(BIN)/sigap makemigrations --check --dry-run -v 1
	$(BIN)/djhtml --check $$(git ls-files 'sigap/**/*.html')

migrations-check: setup
	TEST_DATABASE_URL= DJANGO_SETTINGS_MODULE=sigap.settings.test $(BIN)/sigap makemigrations --check --dry-run

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $$(git ls-files 'sigap/**/*.html')

compilemessages: setup

# Refresh the message catalogue of one app: make messages APP=standards
messages: setup
	mkdir -p sigap/$(APP)/locale
	cd sigap/$(APP) && ../../$(BIN)/sigap makemessages -l id --no-obsolete --ignore 'tests/*'

bench: setup
	@for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) var/*.sqlite3 var/media
