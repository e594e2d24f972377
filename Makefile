# storyline: the two set-up commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
PIP     = $(PY) -m pip
STAMP   = $(VENV)/.installed

.PHONY: install system-packages demo test lint clean-venv

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(STAMP): $(PY) pyproject.toml requirements/model.txt
	$(PIP) install -q --no-deps -r requirements/model.txt
	$(PIP) install -q -e '.[dev,bench,ray]'
	$(PIP) install -q --no-deps tilse==0.2.1  # only for the ROUGE-1.5.5 script it ships: the tests check our ROUGE against it
	touch $(STAMP)

install: $(STAMP)

# Debian packages the tests use: Chromium for the browser tests (Playwright drives it through its executable
# path), and Perl's XML::Parser for the reference ROUGE-1.5.5 script (DB_File comes with Debian's perl)
SYSTEM_PACKAGES = chromium libxml-parser-perl
system-packages:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	  perl -MXML::Parser -MDB_File -e 1 2>/dev/null || missing="$$missing libxml-parser-perl"; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	    else echo "the tests need Debian's $(SYSTEM_PACKAGES): sudo apt-get install $(SYSTEM_PACKAGES)"; fi; fi

demo: install
	rm -f demo.duckdb
	$(VENV)/bin/storyline build examples --db demo.duckdb
	$(VENV)/bin/storyline timeline --db demo.duckdb --format text

lint: install
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/mypy

test: install system-packages
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest -q

clean-venv:
	rm -rf $(VENV)
