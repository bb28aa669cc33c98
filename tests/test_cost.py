"""Cost stays linear (issue 16 item 4) and workers die with their parent (item 5).

The position indexes of actor resolution must answer exactly what the linear scans they replace answered:
hypothesis compares them on random spans.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import psutil
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronique.actors.index import MatchIndex, PersonKeys, TakenSpans
from chronique.actors.names import same_person
from chronique.records import RawArticle
from conftest import ROOT

LENGTH = 60
spans = st.tuples(st.integers(0, LENGTH), st.integers(0, LENGTH)).map(sorted).map(tuple)
nonempty = spans.filter(lambda s: s[0] < s[1])


@settings(max_examples=300, deadline=None)
@given(st.lists(nonempty, max_size=25), spans, st.integers(0, LENGTH - 1))
def test_match_index_answers_what_a_scan_answers(raw, query, char):
    matches = sorted(((s, e, [f"m{s}-{e}"]) for s, e in raw), key=lambda m: (m[0], -(m[1] - m[0])))
    index = MatchIndex(matches, LENGTH)
    start, end = query
    assert index.within(start, end) == [m for m in matches if m[0] >= start and m[1] <= end]
    assert index.covers(start, end) == any(s <= start and e >= end for s, e, _ in matches)
    assert index.covers_char(char) == any(s <= char < e for s, e, _ in matches)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, LENGTH + 3), st.integers(-3, LENGTH + 3)), max_size=25),
       st.lists(st.tuples(st.integers(-3, LENGTH + 3), st.integers(-3, LENGTH + 3)), min_size=1, max_size=10))
def test_taken_spans_overlap_as_a_scan_says(added, queries):
    taken, seen = TakenSpans(LENGTH), []
    for start, end in added:
        taken.add(start, end)
        seen.append((start, end))
        for q_start, q_end in queries:
            assert taken.overlaps(q_start, q_end) == any(s < q_end and q_start < e for s, e in seen)


words = st.sampled_from(["tokaiev", "vang", "ksi", "lavrov", "serguei", "jinping", "qichan"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(words, max_size=3).map(tuple), max_size=12), st.lists(words, max_size=3).map(tuple))
def test_person_keys_find_the_first_same_person(keys, query):
    index = PersonKeys()
    for position, key in enumerate(keys):
        index.add(key, 100 + position)
    expected = next((100 + position for position, key in enumerate(keys) if same_person(query, key)), None)
    assert index.find(query) == expected


@pytest.mark.shared
def test_kill_9_of_a_two_worker_ingest_leaves_no_worker_alive(tmp_path, gold_articles):
    articles = tmp_path / "articles.jsonl"
    with articles.open("w", encoding="utf-8") as out:
        for copy in range(3):
            for article in gold_articles:
                out.write(json.dumps({"id": f"{article['id']}-{copy}", "text": article["text"]}) + "\n")
    command = [str(ROOT / ".venv" / "bin" / "chronique"), "ingest", str(articles), "--db", str(tmp_path / "c.duckdb"),
               "--workers", "2"]
    ingest = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        parent = psutil.Process(ingest.pid)
        deadline = time.monotonic() + 120
        workers: list[psutil.Process] = []
        while time.monotonic() < deadline and ingest.poll() is None:
            descendants = parent.children(recursive=True)
            # the pool's workers are the processes that loaded the models: well over 100 MB each
            workers = [p for p in descendants if _rss(p) > 150_000_000]
            if len(workers) >= 2:
                break
            time.sleep(0.2)
        assert len(workers) >= 2, "the ingest never had two workers running"
        everyone = parent.children(recursive=True)
        os.kill(ingest.pid, signal.SIGKILL)
        ingest.wait()
        _gone, alive = psutil.wait_procs(everyone, timeout=10)
        assert not [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE], \
            f"left alive after kill -9 of the ingest: {[p.pid for p in alive]}"
    finally:
        if ingest.poll() is None:
            ingest.kill()
            ingest.wait()


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0


@pytest.mark.shared
def test_a_text_past_the_parsers_limit_is_too_large_not_internal(pipeline, gold_articles, monkeypatch):
    from chronique import nlp

    article = next(a for a in gold_articles if a["language"] == "en")
    model = nlp.load_model("en")
    monkeypatch.setattr(model, "max_length", len(article["text"]) // 2)  # instead of a 1,000,000-character text
    long_one, short_one = pipeline.run([RawArticle(source="long", text=article["text"], language="en"),
                                        RawArticle(source="short", text="The UN condemned the attack.", language="en")])
    assert long_one.error is not None and long_one.error.kind == "too_large", long_one.error
    assert short_one.error is None
