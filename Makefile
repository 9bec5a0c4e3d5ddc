# Two commands on a fresh machine: `make run` and `make test`.
# The virtual environment is rebuilt only when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-pg lint clean bench screenshots

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# On Linux, first a check that the libraries Qt's X11 plugin needs are installed:
# it prints the one command that installs what is missing, rather than Qt aborting.
run: $(STAMP)
	@$(PY) scripts/qt_libraries.py
	$(PY) main.py

# ruff; the import-linter contracts and mypy read build/package (scripts/package_view.py).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(PY) scripts/package_view.py
	PYTHONPATH=build/package $(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

# The PDF readers the tests need are installed first (scripts/test-tools.sh). With CI
# set (any non-empty value), `make test` also runs the PostgreSQL pass.
test: lint
	bash scripts/test-tools.sh
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest
ifneq ($(strip $(CI)),)
	PY=$(PY) bash scripts/test-pg.sh
endif

# The store tests on a throwaway PostgreSQL server (installed if missing);
# pytest arguments go in ARGS, e.g. make test-pg ARGS='-k attempts -x'.
test-pg: $(STAMP)
	PY=$(PY) bash scripts/test-pg.sh $(ARGS)

# Every page in each theme, at 100%, 150% and 200% text, in each window size, into
# screenshots/ (git-ignored).
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) main.py bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
