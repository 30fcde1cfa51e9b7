# veille — the two commands of the README:
#   make demo   set everything up and run the main job on the bundled demo corpus (SQLite)
#   make test   the whole test suite (installs and starts PostgreSQL and Chromium if missing)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
DB     ?= veille.db

.PHONY: demo test check lint types install services bench cli-reference pack-reference golden clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/veille ingest --demo --db $(DB)
	$(BIN)/veille status --db $(DB)
	@echo "(the commands live in $(VENV)/bin: run '. $(VENV)/bin/activate' to call them as 'veille …')"

services:
	bash scripts/services.sh

lint: $(STAMP)
	$(BIN)/ruff check veille tests bench scripts
	$(BIN)/ruff format --check veille tests bench scripts

types: $(STAMP)
	$(BIN)/mypy

check: lint types
	$(BIN)/pytest -W error

test: $(STAMP) services check

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

cli-reference: $(STAMP)  # docs/cli.md from --help (tests/test_cli_reference.py checks it)
	$(BIN)/python scripts/cli_reference.py

pack-reference: $(STAMP)  # the strategy table of the pack README from the docstrings (tests/test_pack_data.py checks it)
	$(BIN)/python scripts/pack_reference.py

golden: $(STAMP)  # rewrite the golden claims of the demo corpus and the golden reconciliation; review the diff
	$(BIN)/python tests/golden_claims.py --write
	$(BIN)/python tests/golden_reconcile.py --write

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache artifacts
