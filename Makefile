# Two commands on a fresh machine: `make run` and `make test` (see README).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: run test install lint bench docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev,spark,all]"
	touch $(STAMP)

install: $(STAMP)

# The per-row baselines of the screening benchmark need the `bench` extras (Polars, zen-engine).
$(BENCH_STAMP): pyproject.toml | $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,spark,all,bench]"
	touch $(BENCH_STAMP)

run: install
	$(BIN)/regatlas build
	$(BIN)/regatlas info
	@echo "Web app and API on http://127.0.0.1:8000 (Ctrl-C stops it). Also try:"
	@echo "  $(BIN)/regatlas show SG --as-of 2024-06-01"
	@echo "  $(BIN)/regatlas travel-rule check --from DE --to SG --amount 2000 --currency EUR"
	$(BIN)/regatlas serve --host 127.0.0.1 --port 8000

test: install
	bash scripts/ensure-system-deps.sh
	$(BIN)/regatlas validate
	$(BIN)/python -m pytest -q -n 2 -p no:cacheprovider --ignore=tests/test_web_browser.py
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_web_browser.py

# The documentation site, offline, into site/ (guides, generated CLI, REST and Python references).
docs: install
	$(BIN)/mkdocs build --strict

lint: install
	$(BIN)/ruff check regatlas tests benchmarks scripts

# Every benchmark that needs nothing outside the venv; each writes its own section of
# benchmarks/RESULTS.md (the API load benchmark also needs Debian's wrk: benchmarks/load.py).
bench: $(BENCH_STAMP)
	$(BIN)/regatlas build
	$(BIN)/python benchmarks/screen.py
	$(BIN)/python benchmarks/analytics.py
	$(BIN)/python benchmarks/assess.py
	$(BIN)/python benchmarks/stablecoin.py
	$(BIN)/python benchmarks/counterparty.py
	$(BIN)/python benchmarks/single.py

clean:
	rm -rf $(VENV) .pytest_cache build site *.egg-info
