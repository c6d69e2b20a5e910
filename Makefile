# jingmin (警民通) — quick start: `make run` (demo station) and `make test` (whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
LAWS ?= ../shared/laws
export JINGMIN_SERVER__DEMO_ROLES ?= true

.PHONY: run test lint typecheck fonts browser clean migration

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required" if sys.version_info < (3, 11) else 0)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## run: set up, migrate an SQLite database under var/, seed a demo station, serve on :8080
# The demo has a database and keys of its own and reads no config.toml, so that it never
# seeds demo venues, wanted persons and accounts into a station's own database.
run: export JINGMIN_CONFIG := /dev/null
run: export JINGMIN_DATABASE__URL := sqlite+aiosqlite:///var/demo.db
run: export JINGMIN_SECURITY__DEV_KEY_FILE := var/demo-keys.toml
run: $(STAMP) fonts
	@if [ -f config.toml ]; then echo "note: make run serves the demo station from var/demo.db and ignores config.toml; a station runs .venv/bin/jingmin serve"; fi
	$(BIN)/jingmin db upgrade
	$(BIN)/jingmin demo seed
	@# Rebuilds only when the statutes, the vocabulary or the index format changed.
	@if [ -d "$(LAWS)" ]; then $(BIN)/jingmin law import "$(LAWS)"; fi
	$(BIN)/jingmin serve

## test: set up with test extras, lint, type-check and run the whole suite
# Two workers (one per core), each module on one worker so that module-scoped fixtures are
# built once; then the tests that time server processes, alone, where a busy neighbour
# cannot starve them. Each worker's PostgreSQL tests get a database of their own.
PYTEST_WORKERS ?= 2
test: $(TEST_STAMP) fonts browser lint typecheck
	$(BIN)/python -m pytest -m "not alone" -n $(PYTEST_WORKERS) --dist loadscope
	$(BIN)/python -m pytest -m alone

lint: $(TEST_STAMP)
	$(BIN)/ruff check bot handlers knowledge scheduler storage tests bench
	$(BIN)/ruff format --check bot handlers knowledge scheduler storage tests bench

typecheck: $(TEST_STAMP)
	$(BIN)/mypy

## fonts: a CJK font for rendered cards (skipped with a message where apt is unavailable)
fonts:
	@if fc-list :lang=zh 2>/dev/null | grep -q .; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		(apt-get install -y -qq fonts-noto-cjk >/dev/null 2>&1 || \
		 (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq fonts-noto-cjk >/dev/null 2>&1)) || \
		echo "note: could not install fonts-noto-cjk; cards will warn about a missing CJK font"; \
	else echo "note: no CJK font found and cannot install one here (install fonts-noto-cjk)"; fi

## browser: Chromium for the web-chat browser tests (skipped with a message where apt is unavailable)
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		(apt-get install -y -qq chromium >/dev/null 2>&1 || \
		 (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1)) || \
		echo "note: could not install chromium; browser tests will be skipped"; \
	else echo "note: chromium not found and cannot be installed here; browser tests will be skipped"; fi

## migration: generate a schema migration from the models, e.g. make migration m="add tips"
migration: $(STAMP)
	rm -f var/migration-scratch.db
	$(BIN)/python -c 'from storage.migrate import upgrade, revision; u="sqlite+aiosqlite:///var/migration-scratch.db"; upgrade(u); revision(u, "$(m)")'
	rm -f var/migration-scratch.db

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
