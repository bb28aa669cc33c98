"""The extract command's options, as a user runs them."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import EXAMPLES, ROOT


def _extract(*args: str) -> list[dict]:
    run = subprocess.run([sys.executable, "-m", "chronique.cli", "extract", *args], capture_output=True,
                         text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]


@pytest.mark.parametrize("threshold", [0.0, 0.5, 0.9])
def test_min_confidence_keeps_only_confident_events(threshold):
    [record] = _extract("--format", "jsonl", "--published", "2025-03-14", "--min-confidence", str(threshold),
                        str(EXAMPLES / "critique-teheran.fr.txt"))
    assert all(e["confidence"] >= threshold for e in record["events"])
    if threshold == 0.0:
        assert record["events"]


def test_stdin_jsonl_and_include_text():
    line = json.dumps({"id": "x1", "text": "The European Union condemned Russia on Monday.",
                       "published": "2024-03-05", "language": "en"})
    run = subprocess.run([sys.executable, "-m", "chronique.cli", "extract", "--input-format", "jsonl",
                          "--include-text", "-"], input=line, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    [record] = [json.loads(x) for x in run.stdout.splitlines()]
    assert record["article"]["id"] == "x1" and record["article"]["text"].startswith("The European Union")
    [event] = record["events"]
    assert (event["source"]["country"], event["target"]["country"], event["cameo_root"]) == ("IGO", "RUS", "11")
    assert event["date"] == "2024-03-04"


def test_table_format_is_readable():
    run = subprocess.run([sys.executable, "-m", "chronique.cli", "extract", "--format", "table", "--published",
                          "2025-03-14", str(EXAMPLES / "visite-dakar.fr.txt")], capture_output=True, text=True,
                         cwd=ROOT, timeout=300)
    assert run.returncode == 0
    assert "EVENTS" in run.stdout and "QUOTES" in run.stdout and "Kenji Moriyama" in run.stdout
