# Two commands on a fresh machine: `make run` serves the demo committee, `make test` runs every test.
PYTHON ?= python3
PORT ?= 8000
HOST ?= 0.0.0.0
VENV := .venv
PY := $(VENV)/bin/python
export PORT

.PHONY: run serve test test-services test-fast bench soak lint links demo clean lock messages

# The six languages' catalogues (config/locale/<language>/LC_MESSAGES/django.po), compiled for Django
# by Babel (no system gettext needed to run); `make messages` gathers new strings into them (xgettext).
CATALOGUES := $(wildcard config/locale/*/LC_MESSAGES/django.po)
COMPILED := $(CATALOGUES:.po=.mo)

config/locale/%/LC_MESSAGES/django.mo: config/locale/%/LC_MESSAGES/django.po $(VENV)/.installed
	$(VENV)/bin/pybabel --quiet compile -i $< -o $@

messages: $(VENV)/.installed
	$(PY) manage.py makemessages $(foreach l,$(notdir $(wildcard config/locale/*)),-l $(l)) --no-location --no-obsolete \
	  --ignore=.venv --ignore=var --ignore=bench --ignore=tests
	$(MAKE) --no-print-directory $(COMPILED)

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# CI installs the exact versions of the lock file; a developer gets the newest within the ranges.
LOCK := $(if $(filter true,$(CI)),-c requirements-lock.txt,)

$(VENV)/.installed-test: requirements.txt requirements-test.txt requirements-lock.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-test.txt $(LOCK)
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed $(COMPILED)
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py load_demo

links: $(VENV)/.installed
	@$(PY) manage.py links

run: demo
	@echo
	@echo "Open these links (phones on the same Wi-Fi as this laptop). Ctrl+C stops the server."
	@$(PY) manage.py links
	@echo
	$(PY) manage.py serve --host $(HOST) --port $(PORT)

# The suite runs on both setups: the embedded default, then the database, channel-layer and live tests
# again on this machine's PostgreSQL and Redis (tests/services.py; with CI=true a missing one fails).
TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/mun
TEST_REDIS_URL ?= redis://127.0.0.1:6379/1

test: $(VENV)/.installed-test $(COMPILED)
	$(VENV)/bin/ruff check .
	$(PY) -m pytest $(PYTEST_ARGS)
	@$(MAKE) --no-print-directory test-services

test-services: $(VENV)/.installed-test
	@$(PY) -m tests.services; code=$$?; [ $$code -eq 3 ] && exit 0; [ $$code -ne 0 ] && exit $$code; \
	echo "--- the same tests on PostgreSQL + Redis ---"; \
	MUN_SETUP=services DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) \
	  $(PY) -m pytest -m "not multiprocess and (not browser or both_setups)" $(PYTEST_ARGS)

test-fast: $(VENV)/.installed-test $(COMPILED)
	$(PY) -m pytest -m "not browser and not multiprocess" $(PYTEST_ARGS)

bench: $(VENV)/.installed-test $(COMPILED)
	$(PY) bench/run.py

# 500 phones for 10 minutes, the chair acting every 2 s: actions lost, screens behind, memory growth.
soak: $(VENV)/.installed-test
	$(PY) bench/soak.py $(SOAK_ARGS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Pin what the ranges resolve to today, in a throwaway environment, for CI to install.
lock:
	rm -rf var/lock-venv
	$(PYTHON) -m venv var/lock-venv
	var/lock-venv/bin/pip install --quiet -r requirements-test.txt
	{ head -n 2 requirements-lock.txt; var/lock-venv/bin/pip freeze --exclude pip --exclude setuptools --exclude wheel; } > requirements-lock.new
	mv requirements-lock.new requirements-lock.txt
	rm -rf var/lock-venv

clean:
	rm -rf $(VENV) var/staticfiles
