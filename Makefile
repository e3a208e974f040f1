# DXNet: `make run` sets up and starts the service; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DXNET_TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres

.PHONY: run install pwa pwa-test pwa-budgets migrate seed test lint typecheck test-sqlite test-postgres security faults fuzz bench bench-lists bench-load schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

pwa:
	@if [ -f pwa/package.json ]; then cd pwa && npm ci --no-audit --no-fund && npm run build; fi

run: install pwa
	$(BIN)/dxnet migrate
	$(BIN)/dxnet seed --demo
	@echo "DXNet: http://127.0.0.1:$${DXNET_PORT:-8000}  (GraphQL at /graphql)"
	$(BIN)/dxnet serve

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy
	$(BIN)/mypy tests/e2e

test-sqlite: install
	$(BIN)/pytest

test-postgres: install
	DXNET_TEST_DATABASE=postgres $(BIN)/pytest -m db

# Subsets of test-sqlite: the authorization matrix, node IDOR and personal data; kill -9 faults.
security: install
	$(BIN)/pytest tests/security

faults: install
	$(BIN)/pytest tests/faults

# Schemathesis against a live server: a long random run (test-sqlite runs a short one).
FUZZ_EXAMPLES ?= 5000
fuzz: install
	DXNET_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/fuzz -x

# The PWA: types, no import cycles, unit tests (the shared rule vectors), the build the
# browser tests use (with its trusted documents, decision 0030), then the bundle budget
# (initial JS <= 60 KB gzipped, every chunk precached) and the trusted-documents check.
pwa-test:
	@if [ -f pwa/package.json ]; then \
		cd pwa && { [ -d node_modules ] || npm ci --no-audit --no-fund; } \
		&& npx tsc --noEmit && npm run imports && npm test && npm run build && npm run budget \
		&& npm run trusted; \
	fi

# The PWA on a slow 3G line (first visit <= 3 s, repeat <= 1 s) and its Lighthouse scores
# (accessibility 100, best practices >= 95), against a demo server it starts. Minutes: not in `test`.
pwa-budgets: install pwa
	$(BIN)/python -m bench pwa

test: lint typecheck pwa-test test-sqlite test-postgres

schema: install
	$(BIN)/dxnet export-schema --output schema.graphql

bench: install
	$(BIN)/python -m bench

# List pages three ways (GraphQL, ORM floor, raw floor) at 100,000 members; a few minutes.
# BENCH_LISTS_ARGS="--large" for 500,000, "--postgres $(DXNET_TEST_POSTGRES_URL)" for PostgreSQL.
bench-lists: install
	$(BIN)/python -m bench lists $(BENCH_LISTS_ARGS)

# 100 field users for 60 s, then 100 connections with no pause, against `dxnet serve` on
# loopback with the demo data grown to 100,000 members; a few minutes, stops by itself.
# BENCH_LOAD_ARGS="--postgres $(DXNET_TEST_POSTGRES_URL)" for two workers on PostgreSQL.
bench-load: install
	$(BIN)/python -m bench load $(BENCH_LOAD_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .hypothesis
