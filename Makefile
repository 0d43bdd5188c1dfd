# lmskg: the two commands a newcomer needs are `make serve` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
LMSKG := $(VENV)/bin/lmskg
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help setup build serve test test-fast lint release score bench bench-quick reliability clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

setup: $(VENV)/.installed  ## create the virtual environment and install lmskg into it

$(VENV)/.installed: pyproject.toml scripts/setup.sh
	bash scripts/setup.sh $(VENV)
	touch $@

build: setup  ## build the graph from graph_data/sources
	$(LMSKG) build

serve: build  ## build the graph and serve it on the embedded store at http://$(HOST):$(PORT)/
	$(LMSKG) serve --host $(HOST) --port $(PORT)

test: setup  ## install what the tests need (Java, Chromium) and run the whole suite
	bash scripts/install-system-deps.sh
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest -m "" $(PYTEST_ARGS)

test-fast: setup  ## the fast run: no reasoner, live servers or browser
	$(VENV)/bin/pytest -m "not slow and not browser" $(PYTEST_ARGS)

reliability: setup  ## the long reliability runs (fuzz, load, limits, faults, security): benchmarks/RELIABILITY.md
	$(PY) -m benchmarks.reliability $(CHECKS)

lint: setup  ## ruff
	$(VENV)/bin/ruff check .

score: setup  ## score the extraction with the official scorer (seed, test and .corpus/ dev documents): docs/extraction-quality.md
	$(PY) scripts/score_extraction.py $(SCORE_ARGS)

release: setup  ## write the ontology release files into ontology/release/
	$(LMSKG) release

bench: setup  ## benchmarks at 10k/100k/1M triples against the peer endpoints, into benchmarks/RESULTS.md
	$(VENV)/bin/pip install -q -e ".[bench]"
	bash benchmarks/install-wrk.sh
	$(PY) -m benchmarks.run --sizes 10k,100k,1m $(BENCH_ARGS)

bench-quick: setup  ## a smoke run of the benchmarks (10k triples, short loops)
	$(VENV)/bin/pip install -q -e ".[bench]"
	bash benchmarks/install-wrk.sh
	$(PY) -m benchmarks.run --quick $(BENCH_ARGS)

clean:  ## remove the virtual environment and built graphs
	rm -rf $(VENV) .lmskg dist
