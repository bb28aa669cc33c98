"""Cost stays linear (issue 16 item 4) and workers die with their parent (item 5).

The position indexes of actor resolution must answer exactly what the linear scans they replace answered:
hypothesis compares them on random spans. A long text is parsed in pieces and must give what a whole parse
gives, at the same offsets; an article past its time or memory budget is stopped and becomes a
``too_costly`` record while the batch goes on.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import psutil
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronique import nlp
from chronique.actors.index import MatchIndex, PersonKeys, TakenSpans
from chronique.actors.names import same_person
from chronique.errors import TooCostlyError
from chronique.pipeline import Budget, Pipeline
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


# Written for these tests (invented people), each a paragraph of its own; a copy number keeps repeats apart
PARAGRAPHS = [
    "Indonesian President Budi Santoso met Australian Prime Minister Laura Hughes in Jakarta on Thursday "
    "to discuss maritime security, officials said.",
    "The two leaders signed an agreement on fisheries patrols, Indonesia's foreign ministry said in a statement.",
    '"Our partnership has never been stronger," Hughes told reporters after the talks.',
    "Police arrested twelve environmental activists outside the presidential palace on Thursday, "
    "a police spokesman said.",
    "Amnesty International criticized the arrests and urged Indonesia to release the activists.",
    "The French foreign minister condemned the missile test and called on North Korea to return to negotiations.",
]
SHORT = "The United Nations condemned the attack on the convoy in Mali on Monday."


def long_text(chars: int) -> str:
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        n = len(paragraphs)
        paragraphs.append(f"{PARAGRAPHS[n % len(PARAGRAPHS)]} ({n // len(PARAGRAPHS)})")
        size += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


texts = st.lists(st.sampled_from(["word", " ", "\n", "\n\n", ".", "» ", "é", "End. ", "x" * 30]), max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(1, 60))
def test_pieces_give_the_text_back_and_stay_bounded(text, size):
    pieces = nlp.chunk_text(text, size)
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= size for piece in pieces) or text == ""


def test_pieces_end_at_line_breaks_when_lines_fit():
    text = long_text(5_000)
    pieces = nlp.chunk_text(text, 1_000)
    assert len(pieces) > 4 and all(piece.endswith("\n\n") for piece in pieces[:-1])
    assert nlp.chunk_text(text, len(text)) == [text]


@pytest.mark.parametrize("chunk_chars", [2_000, nlp.CHUNK_CHARS])
def test_a_text_parsed_in_pieces_gives_what_a_whole_parse_gives(pipeline, chunk_chars):
    text = long_text(chunk_chars + chunk_chars // 20)  # just above one piece
    in_pieces = Pipeline(language="en", chunk_chars=chunk_chars)
    assert len(nlp.chunk_text(text, chunk_chars)) >= 2
    chunked = in_pieces.extract_text(text, published="2024-05-02", language="en")
    whole = Pipeline(language="en", chunk_chars=10 * len(text)).extract_text(text, published="2024-05-02",
                                                                           language="en")
    assert chunked.error is None and chunked.events
    assert chunked.to_dict(True) == whole.to_dict(True)
    for event in chunked.events:
        assert chunked.text[event.sentence.start:event.sentence.end] == event.sentence.text
    for quote in chunked.quotes:
        assert chunked.text[quote.start:quote.end] == quote.text


def test_a_doc_joined_from_pieces_has_the_whole_texts_offsets(pipeline):
    from chronique.records import CleanText

    text = long_text(6_000)
    doc = nlp.parse_chunked(CleanText(text=text, paragraphs=[], removed=[]), "en", size=1_000)
    assert doc.text == text == nlp.text_of(doc)
    for sentence in nlp.sentences(doc):
        assert text[sentence.start_char:sentence.end_char] == sentence.text
        assert not sentence.text.startswith("\n")
    assert [t.idx for t in doc] == [t.idx for t in nlp.load_model("en").make_doc(text)]


def test_an_article_past_its_time_budget_stops_and_the_next_is_extracted(pipeline):
    costly = Pipeline(language="en", budget=Budget(seconds=1.0), chunk_chars=2_000)
    slow, quick = costly.run([RawArticle(source="slow", text=long_text(300_000)),  # ~10 s whole
                              RawArticle(source="quick", text=SHORT)], published=None)
    assert slow.error is not None and slow.error.kind == "too_costly", slow.error
    assert not slow.events and not slow.actors
    done, total = map(int, slow.error.message.split("after parsing ")[1].split(" pieces")[0].split(" of "))
    assert done < total  # it was stopped, not failed once everything was parsed
    assert quick.error is None and quick.events


def test_a_memory_budget_stops_an_article_whose_process_grows():
    meter = Budget(seconds=None, memory_bytes=20_000_000).start()
    meter.check("at the start")
    ballast = b"x" * 60_000_000  # touched pages: resident
    with pytest.raises(TooCostlyError, match="memory grew"):
        meter.check("after the ballast")
    del ballast
    Budget(seconds=None, memory_bytes=None).start().check("no limit")


def _cli(*args: str, stdin: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "chronique.cli", *args], input=stdin, capture_output=True,
                          text=True, env=env, timeout=300)


@pytest.mark.shared
def test_extract_with_a_tiny_time_budget_gives_too_costly_records_that_validate(schema_validator):
    lines = "".join(json.dumps({"id": f"a{n}", "text": long_text(3_000 + n), "language": "en"}) + "\n"
                    for n in range(2))
    run = _cli("extract", "-", "--input-format", "jsonl", "--format", "jsonl", "--time-budget", "0.001",
               stdin=lines)
    assert run.returncode == 1, run.stderr
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["article"]["id"] for r in records] == ["a0", "a1"]
    for record in records:
        assert record["error"]["kind"] == "too_costly" and not record["events"]
        schema_validator.validate(record)
    ok = _cli("extract", "-", "--input-format", "jsonl", "--format", "jsonl", "--time-budget", "0", stdin=lines)
    assert ok.returncode == 0 and all("error" not in json.loads(line) for line in ok.stdout.splitlines())


def test_ingest_with_a_tiny_time_budget_records_too_costly_failures(tmp_path):
    corpus = tmp_path / "a.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": long_text(3_000), "language": "en"}) + "\n", "utf-8")
    db = str(tmp_path / "c.duckdb")
    run = _cli("ingest", str(corpus), "--db", db, "--time-budget", "0.001", "--memory-budget", "0", stdin="")
    assert run.returncode == 1 and "stored 0" in run.stderr and "failed 1" in run.stderr, run.stderr
    failures = [json.loads(line) for line in _cli("failures", "--db", db, "--format", "jsonl", stdin="").stdout.splitlines()]
    assert [f["kind"] for f in failures] == ["too_costly"]
