# rightsgraph: two commands on a fresh machine, `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast lint install check clean chromium virtuoso fuzz bench

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[draft,pandas,server,test]'
	touch $(STAMP)

install: $(STAMP)

## run: set up .venv, build the graph from data/, validate it and write dist/
run: $(STAMP)
	$(BIN)/rightsgraph build

## test: set up .venv, lint (ruff) and run the whole test suite (installs Debian's chromium for the browser tests and
## Debian's Virtuoso server binary for the Virtuoso tests if missing)
test: $(STAMP) chromium virtuoso lint
	$(BIN)/python -m pytest

## lint: ruff's checks and formatting, and mypy's type check of the package (configured in pyproject.toml);
## `ruff format` and `ruff check --fix` mend most of ruff's findings
lint: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy

## test-fast: the tests a contributor runs while working, on two processes: no slow, server, browser or Virtuoso
## tests (make test runs them all, in one process, as CI does)
test-fast: $(STAMP) lint
	$(BIN)/python -m pytest -q -n 2 -m "not slow and not server and not browser and not virtuoso"

chromium:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && \
		echo "installing Debian's chromium (apt-get) for the browser tests" && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		echo "chromium is not installed and cannot be installed here: the browser tests will be skipped (they fail under CI)"

# virtuoso-opensource-7-bin: the server binary of Debian's virtuoso-opensource, without the system service that the
# full package starts (on 0.0.0.0:8890, administrator dba/dba); the tests run their own on loopback.
virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && \
		echo "installing Debian's Virtuoso (apt-get, virtuoso-opensource-7-bin) for the Virtuoso tests" && \
		apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource-7-bin >/dev/null; } || \
		echo "virtuoso-t is not installed and cannot be installed here: the Virtuoso tests will be skipped (they fail under CI)"

## fuzz: 10,000 hypothesis examples of mutated annotations (each builds or fails with a clean error)
fuzz: $(STAMP)
	RIGHTSGRAPH_FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest -q tests/test_fuzz.py

## bench: the 100k-triple benchmarks, rightsgraph against the naive path: in process (docs/benchmarks.md) and the
## commands as a researcher runs them (docs/benchmarks-cli.md); then every query over the whole dataset against
## loading it (fails when one takes more than three times the load)
bench: $(STAMP)
	$(BIN)/python scripts/bench.py --sizes 100000
	$(BIN)/python scripts/bench_cli.py --size 100000 --out docs/benchmarks-cli.md
	$(BIN)/python scripts/bench_system_queries.py --size 100000

check: $(STAMP)
	$(BIN)/rightsgraph check

## clean: remove what builds and tests leave: dist/, the build state .rightsgraph/ and pytest's cache
clean:
	rm -rf dist .rightsgraph .pytest_cache
