"""``chronique serve`` loads the models before it accepts a request, so the first "Try it" is not slow."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_warms_the_models_before_it_listens(tmp_path):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "chronique", "serve", "--db", str(tmp_path / "c.duckdb"),
                             "--port", str(port)], stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        deadline = time.time() + 240
        while time.time() < deadline:
            line = proc.stderr.readline()
            lines.append(line)
            if "http://" in line or not line:
                break
        assert any("models loaded in" in line for line in lines[:-1]), lines  # before the address is given
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=5) as response:
                    assert response.status == 200
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the server never answered")
    finally:
        proc.terminate()
        proc.wait(20)


def test_warm_loads_the_try_it_pipeline():
    from chronique import nlp
    from chronique.web import pages

    seconds = pages.warm()
    assert seconds >= 0 and pages._pipeline is not None
    assert nlp.load_model.cache_info().currsize >= len(nlp.SUPPORTED_LANGUAGES)  # every language's model is in memory
