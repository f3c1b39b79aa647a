# Two set-up commands: `make run` (install, build the sample corpus, serve on :8000) and
# `make test` (install, run the whole suite). Everything installs into .venv/ in this checkout.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS := corpus/seeds
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install build run test lint browser virtuoso bench repair-eval eval-sets eval-robustness clean notebooks

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# torch pinned exactly: the CPU wheel is on local disk; any other spec pulls a CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

install: $(STAMP)

build: install
	$(BIN)/pkgraph ingest $(CORPUS)
	$(BIN)/pkgraph stats

run: build
	$(BIN)/pkgraph serve --host 127.0.0.1 --port 8000

# JupyterLab from .venv (kernel "python3" = .venv) on localhost; builds the sample graph first
# when index/ has none. Another data set: PKGRAPH_DATA_DIR=/path make notebooks.
NOTEBOOK_PORT ?= 8888
notebooks: install
	@test -d "$${PKGRAPH_DATA_DIR:-index}/graph" || $(MAKE) build
	$(BIN)/jupyter lab --notebook-dir=notebooks --ServerApp.ip=127.0.0.1 \
	  --ServerApp.port=$(NOTEBOOK_PORT) --ServerApp.open_browser=False \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

# Debian's Chromium drives the page tests; install it when missing and we may (root, apt).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing and not root: browser tests will be skipped"; fi; }

# Virtuoso Open Source from Debian for the remote-graph tests, the same way (CI=true fails them
# when it is missing; locally they are skipped).
virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null; \
	  else echo "virtuoso-t missing and not root: Virtuoso tests will be skipped"; fi; }

test: install browser virtuoso
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src api tests benchmarks
	$(BIN)/ruff format --check src api tests benchmarks
	$(BIN)/mypy

# Speed and memory figures (minutes each; not part of the tests). One at a time: make bench-store.
BENCHES := ingest extract store search api pages network compare
bench: $(addprefix bench-,$(BENCHES)) repair-eval

repair-eval: install
	$(BIN)/python benchmarks/repair_eval.py

# Extraction quality on every evaluation set (samples, dev, heldout, eval/blind/*); DIFF=REV
# prints what the working tree gains and loses against a git revision instead.
eval-sets: install
	HF_HUB_OFFLINE=1 $(BIN)/python benchmarks/eval_sets.py $(if $(DIFF),--diff $(DIFF))

# The same sets hard-wrapped (a PDF's text layer) and OCR-damaged, beside the text as it is.
eval-robustness: install
	HF_HUB_OFFLINE=1 $(BIN)/python benchmarks/eval_robustness.py

# Time and memory of one document of 1, 4, 16 and 50 MB (linear growth: flat s/MB).
bench-extract-sizes: install
	$(BIN)/python benchmarks/bench_extract.py --docs eval/dev/docs --sizes 1,4,16,50

# pkgraph's /sparql beside `oxigraph serve` on the same quads (docs/PERFORMANCE.md); TRIPLES=10000000
bench-compare: install
	$(BIN)/python benchmarks/bench_compare.py --triples $(or $(TRIPLES),1000000)

bench-%: install
	$(BIN)/python benchmarks/bench_$*.py

clean:
	rm -rf $(VENV) index/*
