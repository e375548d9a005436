# pairapp — the two commands people need are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TOOLS := .tools
VNU_JAR := $(TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar
VNU_VERSION := 26.9.27
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint format bench browser-deps pdf-deps clean migration screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

## make run: create the environment if needed and serve the app at http://$(HOST):$(PORT)
## (gunicorn through `pairapp serve`; plain http on this machine, so cookies are not Secure)
run: $(STAMP) pdf-deps
	PAIRAPP_SECURE_COOKIES=$${PAIRAPP_SECURE_COOKIES:-0} $(BIN)/pairapp serve --host $(HOST) --port $(PORT)

## browser-deps: Chromium, a Java runtime and the Nu HTML Checker for the browser tests.
## As root (CI) missing Debian packages are installed; otherwise the tests skip with a reason.
browser-deps:
	@if [ "$$(id -u)" = 0 ]; then \
		pkgs=""; \
		[ -x /usr/bin/chromium ] || pkgs="$$pkgs chromium"; \
		command -v java >/dev/null || pkgs="$$pkgs default-jre-headless"; \
		[ -f $(VNU_JAR) ] || command -v npm >/dev/null || pkgs="$$pkgs npm"; \
		if [ -n "$$pkgs" ]; then \
			echo "browser-deps: apt-get install$$pkgs"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$pkgs >/dev/null; \
		fi; \
	fi
	@if [ ! -f $(VNU_JAR) ] && command -v npm >/dev/null; then \
		mkdir -p $(TOOLS) && npm install --silent --no-audit --no-fund --prefix $(TOOLS) vnu-jar@$(VNU_VERSION) >/dev/null 2>&1 \
			|| echo "browser-deps: npm could not install vnu-jar@$(VNU_VERSION); HTML checks will skip"; \
	fi

## pdf-deps: Debian's Pango, which WeasyPrint (the pair's PDF) loads at run time. As root
## (CI) it is installed when missing; otherwise a message names the packages to install.
pdf-deps:
	@if ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libpangoft2-1.0.so.0'; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "pdf-deps: apt-get install libpango-1.0-0 libpangoft2-1.0-0"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
		else \
			echo "pdf-deps: PDF downloads need Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0"; \
		fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## make test: lint, then the whole suite (browser tests included) on SQLite, and when
## PAIRAPP_TEST_POSTGRES_URL names a database, every test-client test again on PostgreSQL.
test: $(STAMP) pdf-deps browser-deps lint
	PAIRAPP_VNU_JAR=$(abspath $(VNU_JAR)) $(BIN)/pytest
	@if [ -n "$$PAIRAPP_TEST_POSTGRES_URL" ]; then \
		echo "make test: the test-client suite again, on PostgreSQL"; \
		PAIRAPP_TEST_ENGINE=postgres $(BIN)/pytest -m "not browser"; \
	else \
		echo "make test: PAIRAPP_TEST_POSTGRES_URL is not set, so the PostgreSQL run is skipped"; \
	fi

bench: $(STAMP)
	$(BIN)/python -m bench

## make screenshots: the README's screenshots (docs/screenshots/*.png) and the app icons,
## from a temporary database, with Chromium (/usr/bin/chromium)
screenshots: $(STAMP)
	$(BIN)/python docs/screenshots/make.py

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache

## make migration NAME=add_thing: write the next numbered migration from the models' diff
migration: $(STAMP)
	@test -n "$(NAME)" || { echo "usage: make migration NAME=what_it_does"; exit 2; }
	rm -f /tmp/pairapp-migration.sqlite3
	$(BIN)/python -m playhouse.migrations sqlite:////tmp/pairapp-migration.sqlite3 up -d migrations
	$(BIN)/python -m playhouse.migrations sqlite:////tmp/pairapp-migration.sqlite3 generate $(NAME) pairapp.models:MODELS -d migrations
	@# Python-side defaults (created_at=utcnow) stay in the models: drop the generator's reminders.
	sed -i '/^# .* must be added by hand$$/d' migrations/[0-9]*_$(NAME).py
	$(BIN)/ruff format migrations
