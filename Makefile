# rightsgraph: two commands on a fresh machine, `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install check clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## run: set up .venv, build the graph from data/, validate it and write dist/
run: $(STAMP)
	$(BIN)/rightsgraph build

## test: set up .venv and run the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/rightsgraph check

clean:
	rm -rf dist .pytest_cache
