"""The store with invented extraction results: rows, idempotence, failures, queries, exports."""
from __future__ import annotations

import csv
import json
from datetime import date

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronique.errors import StoreError
from chronique.records import Actor, ArticleResult, DateRef, ErrorInfo, Event, Location, Party, Quote, TextSpan
from chronique.store import Store
from chronique.store.export import GDELT_COLUMNS


def make_article(aid, lang, published, source, target, cameo, when, *, location=None, url=None, text=None,
                 plover="CONSULT", quad=1, goldstein=1.0):
    text = text or f"Les ministres se sont rencontrés jeudi ({aid})."
    ev = Event(id="e1", source=Party(source[0], source[1], "GOV", "a1"),
               target=Party(target[0], target[1], "GOV", "a2"), cameo=cameo, plover=plover,
               goldstein=goldstein, quad_class=quad, sentence=TextSpan(0, len(text), text),
               date=DateRef(when, "jeudi", "day") if when else None, location=location, trigger="rencontrés")
    actors = [Actor("a1", source[0], "country", source[1], "GOV", mentions=[TextSpan(0, 3, text[:3])]),
              Actor("a2", target[0], "country", target[1], "GOV")]
    quote = Quote(Party(source[0], source[1], actor="a1"), 0, 10, text[:10], cue="a déclaré")
    return ArticleResult(id=aid, source=f"{aid}.txt", text=text, language=lang, published=published, url=url,
                         actors=actors, events=[ev], quotes=[quote])


MEETING = [  # one meeting reported in French and English, and a later one
    make_article("fr1", "fr", date(2022, 10, 14), ("Chine", "CHN"), ("Kazakhstan", "KAZ"), "040",
                 date(2022, 10, 13), url="https://journal.example.fr/a", location=Location("Astana", "KAZ", 51.18, 71.45)),
    make_article("en1", "en", date(2022, 10, 14), ("China", "CHN"), ("Kazakhstan", "KAZ"), "042",
                 date(2022, 10, 13), url="https://news.example.com/b", location=Location("Nur-Sultan", "KAZ", 51.16, 71.47)),
    make_article("en2", "en", date(2022, 10, 14), ("Kazakhstan", "KAZ"), ("China", "CHN"), "040", None),
    make_article("en3", "en", date(2023, 3, 2), ("China", "CHN"), ("Kazakhstan", "KAZ"), "040",
                 date(2023, 3, 1)),
    make_article("fr2", "fr", date(2022, 10, 20), ("Russie", "RUS"), ("Ukraine", "UKR"), "190",
                 date(2022, 10, 19), plover="ASSAULT", quad=4, goldstein=-10.0,
                 text="L'armée russe a bombardé la ville d'O'Brien mardi."),
]
FAILED = ArticleResult(id="broken", source="broken.txt", error=ErrorInfo("empty", "article is empty"))


@pytest.fixture()
def store(tmp_path):
    s = Store(tmp_path / "corpus.duckdb")
    s.add_results(MEETING + [FAILED])
    yield s
    s.close()


def test_rows_and_counts(store):
    stats = store.stats()
    assert (stats["read"], stats["stored"], stats["failed"]) == (6, 5, 1)
    assert stats["read"] == stats["stored"] + stats["failed"]
    assert (stats["mentions"], stats["quotes"], stats["unmerged_mentions"]) == (5, 5, 0)
    art = store.article("fr1")
    assert art["article"]["text"].iloc[0].startswith("Les ministres")
    assert list(art["mentions"]["cameo"]) == ["040"]
    assert store.article("nope") is None


def test_french_and_english_reports_of_one_meeting_are_one_event(store):
    events = store.events(dyad="CHN-KAZ", order="date")
    assert len(events) == 2
    first = events.iloc[0]
    assert (first["num_mentions"], first["num_articles"], first["num_sources"]) == (3, 3, 3)
    assert first["languages"] == "en,fr"
    assert first["cameo"] == "040" and str(first["date"]) == "2022-10-13"
    assert store.events(dyad="CHN-KAZ", order="date").iloc[1]["num_mentions"] == 1
    assert len(store.mentions(first["event_uid"])) == 3


def test_reingesting_adds_nothing(store):
    before = {t: store.sql(f"SELECT count(*) AS n FROM {t}")["n"].iloc[0]
              for t in ("articles", "actors", "mentions", "quotes", "events", "failures")}
    counts = store.add_results(MEETING + [FAILED])
    assert (counts.stored, counts.duplicates, counts.failed) == (0, 5, 1)
    after = {t: store.sql(f"SELECT count(*) AS n FROM {t}")["n"].iloc[0] for t in before}
    assert after == before


def test_a_failed_article_stored_later_leaves_the_failures(tmp_path):
    with Store(tmp_path / "c.duckdb") as s:
        s.add_results([ArticleResult(id="fr1", source="fr1.txt", error=ErrorInfo("internal", "boom"))])
        assert len(s.failures()) == 1
        s.add_results(MEETING[:1])
        assert len(s.failures()) == 0 and s.stats()["stored"] == 1


@pytest.mark.parametrize("query, expected", [
    ({}, 3),
    ({"actor": "chine"}, 2),  # any spelling: "Chine" (fr1) and "China" (en3)
    ({"actor": "zanzibar"}, 0),
    ({"country": "ukr"}, 1),
    ({"root": 4}, 2),
    ({"root": "19"}, 1),
    ({"plover": "assault"}, 1),
    ({"since": "2023-01-01"}, 1),
    ({"until": date(2022, 10, 13)}, 1),
    ({"lang": "fr"}, 2),
    ({"text": "bombardé O'Brien"}, 1),
    ({"text": "'; DROP TABLE events; --"}, 0),
    ({"limit": 1}, 1),
    ({"offset": 2}, 1),
])
def test_event_filters(store, query, expected):
    df = store.events(**query)
    assert len(df) == expected
    assert all(isinstance(dtype, pd.ArrowDtype) for dtype in df.dtypes)
    assert store.stats()["events"] == 3


@pytest.mark.parametrize("bad", [{"root": "99"}, {"order": "date; DROP TABLE events"}, {"since": "yesterday"}])
def test_bad_query_values_raise_store_errors(store, bad):
    with pytest.raises(StoreError):
        store.events(**bad)


def test_dyad_and_actors(store):
    monthly = store.dyad("kaz", "chn", by="month")
    assert [str(p) for p in monthly["period"]] == ["2022-10-01", "2023-03-01"]
    assert list(monthly["q1_verbal_coop"]) == [1, 1]
    assert store.dyad("KAZ", "CHN", directed=True).empty
    with pytest.raises(StoreError):
        store.dyad("CHN", "KAZ", by="fortnight")
    actors = store.actors(country="CHN")
    assert set(actors["name"]) == {"Chine", "China"}


def test_read_only_store(store, tmp_path):
    path = store.path
    store.close()
    with Store(path, read_only=True) as ro:
        assert len(ro.events()) == 3
        with pytest.raises(StoreError):
            ro.add_results(MEETING)
    with pytest.raises(StoreError):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_no_duckdb_extension_is_autoloaded(store):
    settings = store.sql("SELECT current_setting('autoinstall_known_extensions') AS i,"
                         " current_setting('autoload_known_extensions') AS l")
    assert (bool(settings["i"].iloc[0]), bool(settings["l"].iloc[0])) == (False, False)


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl", "gdelt"])
def test_exports(store, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    assert store.export(str(out), fmt) == 3
    if fmt == "parquet":
        months = sorted(p.name for p in out.iterdir())
        assert months == ["month=2022-10", "month=2023-03"]
        assert pq.read_table(out / "month=2022-10").num_rows == 2
    elif fmt == "csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        assert len(rows) == 3 and "event_uid" in rows[0]
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.open(encoding="utf-8")]
        assert {r["dyad"] for r in rows} == {"CHN-KAZ", "RUS-UKR"}
    else:
        header, *rows = [line.rstrip("\n").split("\t") for line in out.open(encoding="utf-8")]
        assert header[:61] == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61
        assert header[:5] == ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
        assert header[60] == "SOURCEURL"
        meeting = next(dict(zip(header, r)) for r in rows if r[header.index("SQLDATE")] == "20221013")
        assert meeting["Actor1Code"] == "CHNGOV" and meeting["Actor2CountryCode"] == "KAZ"
        assert meeting["EventRootCode"] == "04" and meeting["NumArticles"] == "3"
        assert meeting["ActionGeo_CountryCode"] == "KZ"  # GDELT geography uses FIPS codes


def test_export_other_tables(store, tmp_path):
    assert store.export(str(tmp_path / "m.jsonl"), "jsonl", table="mentions") == 5
    with pytest.raises(StoreError):
        store.export(str(tmp_path / "x"), "xml")


# ---------------------------------------------------------------- stable event ids
def test_an_event_keeps_its_first_id_when_a_copy_is_ingested(store):
    first = store.events(dyad="CHN-KAZ", order="date").iloc[0]
    # the copy sorts before every other report of the meeting (same date, smaller article id), so
    # an id derived from the cluster's leader would change
    copy = make_article("aaa-copy", "en", date(2022, 10, 14), ("China", "CHN"), ("Kazakhstan", "KAZ"), "042",
                        date(2022, 10, 13), url="https://mirror.example.org/b")
    store.add_results([copy])
    again = store.events(dyad="CHN-KAZ", order="date").iloc[0]
    assert again["event_uid"] == first["event_uid"]
    assert again["num_mentions"] == first["num_mentions"] + 1


def test_a_merged_id_points_to_the_surviving_event(tmp_path):
    from chronique.store.load import resolve_event_id

    def report(aid, when, published):
        return make_article(aid, "fr", published, ("Russie", "RUS"), ("Turquie", "TUR"), "112", when,
                            plover="ACCUSE", quad=3, goldstein=-2.0)

    with Store(tmp_path / "c.duckdb") as s:
        s.add_results([report("r1", date(2021, 4, 16), date(2021, 4, 16))])
        s.add_results([report("r2", date(2021, 4, 18), date(2021, 4, 18))])  # two days later: another event
        ids = list(s.events(dyad="RUS-TUR", order="date")["event_uid"])
        assert len(ids) == 2
        # an undated report published in between is within the 3-day window of both: one event now
        s.add_results([report("r0", None, date(2021, 4, 15))])
        now = list(s.events(dyad="RUS-TUR")["event_uid"])
        assert now == [ids[0]]
        assert resolve_event_id(s.con, ids[1]) == ids[0] and resolve_event_id(s.con, ids[0]) == ids[0]
        assert resolve_event_id(s.con, "0123456789abcdef") is None


@settings(max_examples=8, deadline=None)
@given(order=st.permutations(range(len(MEETING))), cuts=st.sets(st.integers(1, len(MEETING) - 1), max_size=3))
def test_every_id_ever_given_still_leads_to_a_live_event(tmp_path_factory, order, cuts):
    from chronique.store.load import resolve_event_id

    articles = [MEETING[i] for i in order]
    bounds = [0, *sorted(cuts), len(articles)]
    given: set[str] = set()
    with Store(tmp_path_factory.mktemp("ids") / "c.duckdb") as s:
        for lo, hi in zip(bounds, bounds[1:]):
            s.add_results(articles[lo:hi])
            live = set(s.events(limit=None)["event_uid"])
            given |= live
            assert all(resolve_event_id(s.con, uid) in live for uid in given)
        assert len(s.events(limit=None)) == 3  # the same clusters whatever the order
