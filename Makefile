# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test test-fast lint eval cue-model signal-model clean

$(BIN)/.installed: requirements.txt requirements-nodeps.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -r requirements-nodeps.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

demo: $(BIN)/.installed  ## set up and analyse the bundled example article
	$(BIN)/tealeaves demo

test: $(BIN)/.installed  ## the whole suite, slow tests included
	$(BIN)/python -m pytest

lint: $(BIN)/.installed  ## ruff, no import cycles, mypy no worse than tools/mypy-baseline.txt
	$(BIN)/ruff check src tests tools
	$(BIN)/python tools/import_cycles.py
	$(BIN)/python tools/typecheck.py

test-fast: $(BIN)/.installed
	$(BIN)/python -m pytest -m "not slow"

eval: $(BIN)/.installed  ## score against the gold sets in ../shared
	$(BIN)/tealeaves eval ../shared/corpus/seed/gold.json ../shared/corpus/polnear/polnear_dev.jsonl

cue-model: $(BIN)/.installed  ## retrain src/tealeaves/data/cue_model.json on PolNeAR's training split
	$(BIN)/python tools/train_cue_model.py ../shared/corpus/polnear/polnear_train.jsonl -o src/tealeaves/data/cue_model.json

clean:
	rm -rf $(VENV) build src/*.egg-info

signal-model: $(BIN)/.installed  ## retrain src/tealeaves/data/signal_model.json on the annotated corpus
	PYTHONPATH=src $(BIN)/python tools/annotate.py join $(wildcard annotations/labels-[A-Z].jsonl) \
	  annotations/labels-double-2.jsonl --adjudicated annotations/labels-adjudicated.jsonl \
	  --invented $(wildcard annotations/invented-*.jsonl) --out artifacts/annotations.jsonl
	PYTHONPATH=src $(BIN)/python tools/train_signal_model.py artifacts/annotations.jsonl -o src/tealeaves/data/signal_model.json \
	  --report artifacts/cv-report.json
