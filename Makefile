# make run  - create .venv if needed, install, start the app on http://localhost:8501
# make test - create .venv if needed, install the dev requirements and axe-core (npm ci), lint and run the whole suite
# make bench-load / make bench-speed - load and speed figures (see bench/RESULTS.md)
# make serve-class N=2 - a class on one machine: N replicas behind nginx (sticky sessions), Redis for the class store
# make bench-class - 100 students through nginx for 2 minutes, one replica killed half-way (bench/class_load.py)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test lint unit app e2e fuzz bench bench-sgd bench-load bench-load-browser bench-speed bench-memory clean \
	serve-class bench-class

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# requirements.txt names PyTorch's CPU wheel index for hosts; here pip already finds a CPU build,
# so the local install uses the same list without that line (no request to the extra index).
$(VENV)/requirements-here.txt: requirements.txt | $(PY)
	grep -v -- '--extra-index-url' requirements.txt > $@

$(VENV)/.app: $(VENV)/requirements-here.txt
	$(PY) -m pip install --quiet -r $(VENV)/requirements-here.txt
	touch $@

$(VENV)/.dev: $(VENV)/.app requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# axe-core for the accessibility tests (tests/e2e/test_a11y.py), exactly as package-lock.json pins it
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: $(VENV)/.app
	$(PY) -m streamlit run app.py

# N Streamlit replicas behind Debian's nginx on PORT, Redis for the class store; Ctrl-C stops them all
N ?= 2
PORT ?= 8080
serve-class: $(VENV)/.app
	$(PY) -m deploy.serve_class --replicas $(N) --port $(PORT)

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: lint node_modules/.installed
	$(PY) -m pytest

unit: $(VENV)/.dev
	$(PY) -m pytest tests/unit

app: $(VENV)/.dev
	$(PY) -m pytest tests/app

e2e: $(VENV)/.dev node_modules/.installed
	$(PY) -m pytest tests/e2e

# the long fuzz of every page's control space (make test runs a short profile); FUZZ_SEED=N replays a run
fuzz: $(VENV)/.dev
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-200} $(PY) -m pytest -q tests/app/test_fuzz.py

# every benchmark, one after the other (each prints its own table)
bench: bench-sgd bench-speed bench-load bench-memory

# 500 distinct settings across the pages, one new session each: the server's RSS every 50 (must flatten)
bench-memory: $(VENV)/.dev
	$(PY) -m bench.memory --settings 500

# make bench-sgd - the SGD lab against the lesson's literal loop (table; see bench/RESULTS-sgd.md)
bench-sgd: $(VENV)/.dev
	$(PY) bench/sgd.py

# 20 sessions (Streamlit's websocket protocol, no browser) moving a slider for 60 s: errors, p50/p95, CPU, RSS
bench-load: $(VENV)/.dev
	$(PY) -m bench.load --sessions 20 --seconds 60

# 100 students (websocket protocol) through nginx to 2 replicas and Redis for 120 s, answering and moving a slider;
# one replica killed half-way: errors, p95, answers counted exactly once (bench/RESULTS.md "Class")
bench-class: $(VENV)/.dev
	$(PY) -m bench.class_load --sessions 100 --seconds 120 --replicas 3

# the same with 20 headless Chromium contexts (on 2 cores the browsers then dominate the figures)
bench-load-browser: $(VENV)/.dev
	$(PY) -m bench.load --sessions 20 --seconds 60 --client browser

# per page: script run time, navigation time in Chromium, key press -> number, RSS; pyinstrument for slow pages
bench-speed: $(VENV)/.dev
	$(PY) -m bench.speed --profile

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache node_modules
