PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
NET_CUT := $(shell unshare -n true 2>/dev/null && echo "unshare -n")

.PHONY: demo test install bench clean

$(BIN)/chronique: pyproject.toml requirements-models.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements-models.txt
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(BIN)/chronique

demo: install
	$(BIN)/chronique extract --format table --published 2025-03-14 examples/

test: install
	$(NET_CUT) $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
