# Set-up and the two Quick-start jobs. `make brief` builds the warehouse from
# the source mirror and writes the China–Belarus brief; `make test` runs the suite.
VENV ?= .venv
PY := $(VENV)/bin/python
MIRROR ?= ../shared/data
DB ?= out/bilateral.duckdb
export BILATERAL_MIRROR ?= $(abspath $(MIRROR))

.PHONY: setup vendor serve brief test bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	# Bytecode for the editable install, as pip writes it for a regular one: a shell with
	# PYTHONDONTWRITEBYTECODE set would otherwise compile the package at every start.
	$(PY) -m compileall -q src
	# The Vega bundle an interactive brief inlines, built once into the user cache (about 1 s).
	$(PY) -m bilateral.report.vega_bundle
	$(PY) -m bilateral.web.vendor
	touch $@

# The web app's chart and API-docs libraries, from the npm registry (sha256-checked, not committed).
vendor: setup
	$(PY) -m bilateral.web.vendor

serve: setup
	$(VENV)/bin/bilateral serve --db $(DB) --mirror $(MIRROR)

brief: setup
	$(VENV)/bin/bilateral data build --mirror $(MIRROR) --db $(DB)
	$(VENV)/bin/bilateral report CHN BLR --mirror $(MIRROR) --db $(DB) --out out/china-belarus

test: setup vendor
	$(VENV)/bin/python -m pytest -q -n 2

bench: setup
	$(PY) benchmarks/build.py

clean:
	rm -rf out .pytest_cache
