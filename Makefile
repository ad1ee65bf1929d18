# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# The browser journeys in tests/browser/ drive this Chromium (Debian's package).
CHROMIUM ?= /usr/bin/chromium
PYTEST_ARGS ?=

.PHONY: run test install lint format messages bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# SITE_URL (the one source of absolute links: e-mails, feeds, preview links) follows PORT.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: export GUTCHECK_CHROMIUM := $(CHROMIUM)
test: install
	@if [ -x "$(CHROMIUM)" ]; then \
		$(BIN)/python -m pytest $(PYTEST_ARGS); \
	else \
		echo "make test: browser tests skipped: no Chromium at $(CHROMIUM) (apt-get install chromium, or CHROMIUM=/path/to/chromium)."; \
		$(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS); \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(BIN)/python manage.py makemessages -l nl --no-obsolete --add-location=file --ignore=.venv --ignore=tests --ignore=bench
	$(BIN)/python manage.py compilemessages --ignore=.venv

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) staticfiles
