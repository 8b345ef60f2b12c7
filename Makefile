# The README's words: `make run` serves the portal with demo content on SQLite (and runs the worker), `make test` runs
# the whole suite on a throwaway PostgreSQL.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint demo venv clean bench bench-search

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt ".[dev]"
	touch $(STAMP)

demo: venv
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content

# The background worker (mail, scheduled jobs) runs beside the development server and stops with it.
run: demo
	$(BIN)/python manage.py db_worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: venv
	scripts/ensure-browser.sh
	scripts/ensure-services.sh
	scripts/with-postgres.sh scripts/test.sh $(ARGS)

# Throughput and latency of the public pages vs. a minimal Django view (see scripts/bench.py).
bench: venv
	scripts/with-postgres.sh $(BIN)/python scripts/bench.py $(ARGS)

# Search latency with 20,000 generated items (see scripts/bench_search.py).
bench-search: venv
	scripts/with-postgres.sh $(BIN)/python scripts/bench_search.py $(ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check . || true

clean:
	rm -rf $(VENV) var staticfiles
