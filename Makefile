# nqtrack: `make run` serves the system on http://127.0.0.1:8000, `make test` runs every check.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTHON_VERSION := $(shell cat .python-version)
# The interpreter that creates the virtual environment: pyenv's build of .python-version when present.
BASE_PYTHON ?= $(shell p="$${PYENV_ROOT:-$$HOME/.pyenv}/versions/$(PYTHON_VERSION)/bin/python"; \
	if [ -x "$$p" ]; then echo "$$p"; else command -v python3.13; fi)
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest bootstrap bench mutation clean system-packages

$(STAMP): pyproject.toml
	@test -n "$(BASE_PYTHON)" || { echo "Python $(PYTHON_VERSION) not found (pyenv install $(PYTHON_VERSION))"; exit 1; }
	test -x $(PY) || $(BASE_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

bootstrap: $(STAMP)
	$(VENV)/bin/nqtrack bootstrap

run: bootstrap
	$(VENV)/bin/nqtrack runserver 127.0.0.1:8000

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) scripts/audit-dependencies

typecheck: $(STAMP)
	$(PY) -m mypy nqtrack tests

system-packages:
	scripts/ensure-system-packages
	scripts/ensure-axe

pytest: $(STAMP) system-packages
	scripts/test-legs --durations=25  # the slowest tests of each leg, at the end of its log

test: lint typecheck pytest

# Benchmarks against the limits (docs/performance.md), on throwaway databases; never part of `make test`.
# A quick run: make bench BENCH_ARGS="--scale 20000 --duration 3"
bench: $(STAMP)
	scripts/ensure-system-packages bench || echo "bench: missing system packages; wrk falls back to a Python client"
	$(PY) -m bench.run $(BENCH_ARGS)

# Mutation run over the pure core against its fast tests (docs/testing.md); minutes, never part of `make test`.
# Some modules, a sample: make mutation MUTATION_ARGS="--sample 30 periods progress.text"
mutation: $(STAMP)
	$(PY) scripts/mutation $(MUTATION_ARGS)

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache .hypothesis
