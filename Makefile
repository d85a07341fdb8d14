# One entry point for a fresh machine (Debian, Python 3.11, Node 20, run as root):
#   make serve   build the site and serve it at http://127.0.0.1:8000/
#   make test    lint, type-check, build and run every test (unit, in Pyodide, browser)
# Both install what they need first: the Python packages pinned in requirements/dev.txt
# (into .venv), the npm packages pinned in package-lock.json, and for tests a headless
# Chromium, Firefox ESR, WebKitGTK's WebDriver with Xvfb (tests/engines/) and a Java runtime
# (for the Nu HTML Checker) from Debian's packages when missing.
# The project itself is installed editable (`pip install -e .`), which puts the repository's
# root on the venv's path, so `calculators`, `sitebuild` and `scripts` import from anywhere.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

# Zensical (MkDocs stays the production build):
#   make zensical        build the site with Zensical through the same steps, serve it at :8001
#   make zensical-site   only build it, into build/zensical-site/
#   make test-zensical   its tests alone (tests/zensical/, part of `make test` too)
ZENSICAL_PORT ?= 8001

.PHONY: setup serve site check test bench clean chromium java engines test-engines bench-engines zensical zensical-site test-zensical

$(VENV)/.installed: requirements/dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check pip==26.3
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

setup: $(VENV)/.installed node_modules/.package-lock.json

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Chromium from Debian's packages (for the browser tests)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing a Java runtime from Debian's packages (for the Nu HTML Checker)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

# The other engines for tests/engines/: Firefox ESR (driven by puppeteer-core over WebDriver BiDi,
# no geckodriver) and WebKitGTK (WebKitWebDriver driving MiniBrowser, which needs an X display: Xvfb).
engines:
	@{ command -v firefox-esr && command -v WebKitWebDriver && command -v Xvfb; } >/dev/null 2>&1 || { \
	  echo "Installing Firefox ESR, WebKitGTK's WebDriver and Xvfb from Debian's packages (for the cross-engine tests)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr webkit2gtk-driver xvfb >/dev/null; }

site: setup
	$(PY) -m mkdocs build --strict

serve: site
	$(PY) scripts/serve.py --port 8000

zensical-site: setup
	$(PY) -m sitebuild zensical --site-url http://127.0.0.1:$(ZENSICAL_PORT)/

zensical: zensical-site
	$(PY) scripts/serve.py --dir build/zensical-site --port $(ZENSICAL_PORT)

check: setup
	$(PY) -m ruff check calculators sitebuild tests scripts pdf bench
	$(PY) -m ruff format --check calculators sitebuild tests scripts pdf bench
	$(PY) -m mypy
	npx --no-install tsc --noEmit -p tsconfig.json && npx --no-install tsc --noEmit -p tsconfig.worker.json
	$(VENV)/bin/codespell docs calculators sitebuild scripts overrides README.md CONTRIBUTING.md ARCHITECTURE.md

test: check chromium java engines
	$(PY) -m pytest

test-engines: setup engines
	$(PY) -m pytest tests/engines

test-zensical: setup chromium
	$(PY) -m pytest tests/zensical

bench: setup chromium
	$(PY) bench/bench_ramp_up.py
	$(PY) bench/quality.py

bench-engines: setup chromium engines
	$(PY) -m bench.engines

clean:
	rm -rf site build/zensical-site .cache .build-cache .pytest_cache .mypy_cache .ruff_cache .hypothesis
