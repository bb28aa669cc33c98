"""``chronique serve`` loads the models before it accepts a request, so the first "Try it" is not slow;
the real server answers only its own Host names and refuses writes from other sites."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_warms_the_models_before_it_listens(tmp_path):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "chronique", "serve", "--db", str(tmp_path / "c.duckdb"), "--create",
                             "--port", str(port), "--allow-host", "chronique.lan"], stderr=subprocess.PIPE, text=True)
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
        for host, status in [("chronique.lan", 200), (f"localhost:{port}", 200), ("evil.example", 421)]:
            assert _status(f"http://127.0.0.1:{port}/api/stats", headers={"Host": host}) == status, host
        form = b"text=Le+pr%C3%A9sident+fran%C3%A7ais+a+re%C3%A7u+son+homologue.&store=true"
        for headers, status in [({"Origin": "http://evil.example"}, 403), ({}, 403),
                                ({"Origin": f"http://127.0.0.1:{port}"}, 400)]:  # 400: storing is off by default
            assert _status(f"http://127.0.0.1:{port}/api/extract", data=form, headers=headers) == status, headers
        # the "Try it" process (every descendant of the server) dies with a server killed by SIGKILL
        children = _children(proc.pid)
        assert children, "the models load in a process of their own"
        proc.kill()
        proc.wait(20)
        deadline = time.time() + 20
        while time.time() < deadline and any(_alive(pid) for pid in children):
            time.sleep(0.2)
        assert not [pid for pid in children if _alive(pid)], "a Try it process outlived the server"
    finally:
        proc.terminate()
        proc.wait(20)


def _children(pid: int) -> list[int]:
    """Every descendant of ``pid`` (``ps``: procps, as on the CI image)."""
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout
    parents = {int(c): int(p) for c, p in (line.split() for line in out.splitlines() if line.strip())}
    found, frontier = [], {pid}
    while frontier:
        frontier = {c for c, p in parents.items() if p in frontier}
        found += sorted(frontier)
    return found


def _alive(pid: int) -> bool:
    out = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True).stdout.strip()
    return bool(out) and not out.startswith("Z")


def _status(url: str, data: bytes | None = None, headers: dict | None = None) -> int:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_warm_loads_the_try_it_pipeline():
    from chronique import nlp
    from chronique.web import pages

    seconds = pages.warm()
    assert seconds >= 0 and pages._pipeline is not None
    assert nlp.load_model.cache_info().currsize >= len(nlp.SUPPORTED_LANGUAGES)  # every language's model is in memory
