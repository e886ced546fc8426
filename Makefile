# rezerv — set-up and everyday commands.  `make demo` and `make test` install what they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
AXE    := node_modules/axe-core/axe.min.js

# The browser tests drive Debian's chromium (Playwright downloads no browser here);
# WeasyPrint (PDF documents) needs Pango.
BROWSER_PACKAGES := chromium fonts-dejavu-core fonts-liberation libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
# `make test` runs the suite on SQLite, then on PostgreSQL when this server answers; each run is
# spread over the machine's cores by pytest-xdist (one test file per worker at a time, so a
# module's world is built once).
PYTEST_ARGS ?= -n auto --dist loadfile
PG_URL ?= postgres://postgres@127.0.0.1:5432/rezerv
DB_BANNER = $(BIN)/python manage.py shell --no-imports -c "from django.db import connection as c; print(f'=== test suite on {c.display_name} (database {c.settings_dict[\"NAME\"]}; the tests use its test database) ===', flush=True)"

.PHONY: install demo test test-deploy lint browser bench messages clean

install: $(STAMP) $(AXE)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# The browser tests' one JavaScript tool, axe-core (accessibility checks injected into the pages),
# pinned in package-lock.json and installed from the npm registry (node and npm: Debian's nodejs).
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $(AXE); \
	else echo "install: npm is missing (apt-get install nodejs npm): the accessibility tests will fail"; fi

# The main job: migrate the embedded SQLite database in var/, load the demo data of the five
# procedures (once; a second run changes nothing), print the demo logins and serve the web
# application on http://127.0.0.1:8000 with its background worker (`db_worker`: the outbox's
# e-mails, written to var/mail/ unless REZERV_EMAIL_HOST names an SMTP server; the daily jobs,
# `run_daily`, enqueued every hour) until Ctrl+C.
# DEBUG is off (the site's own error pages, never Django's debug page); --insecure lets
# runserver serve the static files all the same.
demo: install browser
	@mkdir -p var
	env -u DATABASE_URL $(BIN)/python manage.py migrate --noinput
	env -u DATABASE_URL $(BIN)/python manage.py seed_demo
	env -u DATABASE_URL $(BIN)/python manage.py outbox_recover --stale-after 0
	@echo "Откройте http://127.0.0.1:8000/ и войдите под логином из таблицы (Ctrl+C — остановить)."
	@echo "Письма записываются файлами в var/mail/ (SMTP-сервер задаёт REZERV_EMAIL_HOST)."
	@# The background worker runs beside the web server; Ctrl+C (or the server's end) stops both.
	@# The daily jobs (reserve terms, notices due, deadline reminders, purge of read records) are
	@# enqueued every hour; each runs once a day however often (and by however many workers).
	env -u DATABASE_URL sh -c 'REZERV_DEBUG=0 $(BIN)/python manage.py db_worker --no-reload & \
	  worker=$$!; \
	  ( while :; do $(BIN)/python manage.py run_daily >/dev/null; sleep 3600; done ) & daily=$$!; \
	  trap "kill $$worker $$daily 2>/dev/null; wait $$worker" EXIT INT TERM; \
	  REZERV_DEBUG=0 $(BIN)/python manage.py runserver --noreload --insecure 127.0.0.1:8000'

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src/rezerv
	PYTHONPATH=src $(BIN)/lint-imports

# Idempotent: installs only what is missing (root, apt-get; a fresh Debian machine).
browser:
	@if [ -x /usr/bin/chromium ] && dpkg -s $(BROWSER_PACKAGES) >/dev/null 2>&1; then \
	  echo "browser: /usr/bin/chromium and fonts are installed"; \
	else \
	  echo "browser: installing $(BROWSER_PACKAGES)"; \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(BROWSER_PACKAGES); \
	fi

# The production settings (rezerv.web.settings_production) with a throwaway key and host must pass
# Django's deployment checks without a single warning.
DEPLOY_CHECK_ENV = DJANGO_SETTINGS_MODULE=rezerv.web.settings_production REZERV_ALLOWED_HOSTS=rezerv.example.org \
  REZERV_SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(64))")

test: lint browser
	$(BIN)/python manage.py check
	$(DEPLOY_CHECK_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING
	@env -u DATABASE_URL $(DB_BANNER)
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)
	@if $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), 3).close()" 2>/dev/null; then \
	  DATABASE_URL=$(PG_URL) $(DB_BANNER) && \
	  echo "DATABASE_URL=$(PG_URL) $(BIN)/pytest $(PYTEST_ARGS)" && DATABASE_URL=$(PG_URL) $(BIN)/pytest $(PYTEST_ARGS) && \
	  echo "=== the suite passed on SQLite and on PostgreSQL ==="; \
	else \
	  echo "=== PostgreSQL at 127.0.0.1:5432 is not reachable: the PostgreSQL run is skipped ==="; \
	fi

# The production deployment on loopback (deploy/, README «Production»): Debian's nginx with TLS in
# front of two gunicorn app servers, the background worker, PostgreSQL (the server at
# 127.0.0.1:5432) and a streaming replica of it made with pg_createcluster + pg_basebackup; a
# bounded load of page views and registrations, one app server killed in the middle; checks that
# no acknowledged write is lost, the load goes on on the other server and the replica serves the
# public pages.  Installs nginx (apt-get) when it is missing.
test-deploy: install
	bash tests/deploy/run.sh

bench: install
	$(BIN)/python bench/run.py

# Translation catalogues (src/rezerv/locale/{en,kk}): extract the marked strings, merge them into
# the .po files, compile the .mo files.  Needs GNU gettext (apt-get install gettext); the .mo files
# are committed, so running the application never needs it.  Run it after changing any marked
# string, translate the new entries, run it again and commit both .po and .mo.
messages: install
	cd src/rezerv && ../../$(BIN)/python ../../manage.py makemessages -l en -l kk --no-obsolete --add-location file
	cd src/rezerv && ../../$(BIN)/python ../../manage.py compilemessages -l en -l kk

clean:
	rm -rf $(VENV) node_modules .mypy_cache .ruff_cache .pytest_cache .hypothesis bench/out
