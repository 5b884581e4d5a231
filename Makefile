# The two commands of the README: `make run` and `make test`. Nothing else is needed on a
# fresh machine with Python 3.11.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_PEOPLE ?= 300
PYTEST_ARGS ?=

.PHONY: run test check install lint screenshots clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is needed, found " + sys.version' 
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	@touch $@

install: $(VENV)/.installed

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# The tests' OpenID Connect provider (npm's oidc-provider, run by Node.js; never shipped).
OIDC_PROVIDER := tests/oidc/node_modules/.package-lock.json
$(OIDC_PROVIDER): tests/oidc/package-lock.json
	npm ci --prefix tests/oidc --no-audit --no-fund --loglevel=error
	@touch $@

test: lint $(OIDC_PROVIDER)
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The fast loop while working: lint, the contracts, the migrations check and every test
# that needs neither a browser, Node.js nor a worker process. `make test` before a commit.
check: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -m "not e2e and not worker and not node" $(PYTEST_ARGS)

# Web server, Celery worker and beat together; Ctrl-C stops all three. Links in mails,
# .ics files and the calendar feed point where it serves, unless SITE_URL is set.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install
	@mkdir -p var/log
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --if-empty --people $(DEMO_PEOPLE)
	@echo ""; \
	echo "  supportlead is starting on http://127.0.0.1:$(PORT)/ (links in mails: $(SITE_URL))"; \
	echo "  Demo logins (password: supportlead-demo):"; \
	echo "    manager    a support director: talent pool, 9-box, key positions"; \
	echo "    mentor     an R&D director who mentors 'candidate' (a mentor only)"; \
	echo "    candidate  a senior support engineer in the succession pool"; \
	echo "    hr         HR partner who sees all talent"; \
	echo "    jordan     a support senior manager who also mentors (two roles)"; \
	echo "    admin      Django admin (/admin/)"; \
	echo "  Worker and beat logs: var/log/. Mails: var/mail/. Stop with Ctrl-C."; \
	echo ""; \
	exec $(BIN)/python -m supportlead.devserver --port $(PORT)

screenshots: install
	$(BIN)/python -m tests.e2e.screenshots

clean:
	rm -rf var/ $(VENV)
