"""Stable actor ids in the store: the same person is one ``kb_id`` across articles and languages, in the
actors table and on both parties of each mention; a store written before the column existed gains it."""
from __future__ import annotations

import duckdb
import pytest

from chronique.store import Store
from chronique.store.schema import COLUMNS

MEETINGS = [  # written for the project
    ("en", "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday."),
    ("fr", "Le président russe Vladimir Poutine a rencontré mardi à Moscou le président chinois Xi Jinping."),
]


@pytest.fixture(scope="module")
def meetings_store(pipeline, tmp_path_factory):
    results = [pipeline.extract_text(text, language=lang, published="2023-03-22", id=f"meeting-{lang}")
               for lang, text in MEETINGS]
    store = Store(tmp_path_factory.mktemp("kb") / "corpus.duckdb")
    store.add_results(results)
    yield store
    store.close()


def test_one_person_one_id_across_languages(meetings_store):
    rows = meetings_store.sql("SELECT article_id, name, kb_id FROM actors WHERE kind = 'person' ORDER BY 1, 2")
    by_id = rows.groupby("kb_id")["name"].apply(set).to_dict()
    assert by_id["Q7747"] == {"Vladimir Putin", "Vladimir Poutine"}
    assert set(rows[rows.kb_id == "Q15031"].article_id) == {"meeting-en", "meeting-fr"}


def test_mentions_carry_both_parties_ids(meetings_store):
    rows = meetings_store.sql("SELECT source_kb_id, target_kb_id FROM mentions WHERE cameo_root = '04'")
    assert len(rows) >= 2
    assert set(map(tuple, rows.to_numpy())) <= {("Q7747", "Q15031"), ("Q15031", "Q7747")}
    # the id links the meeting across the two languages' articles
    per_person = meetings_store.sql("SELECT source_kb_id, count(DISTINCT article_id) AS n FROM mentions"
                                    " GROUP BY 1 ORDER BY 1")
    assert dict(zip(per_person.source_kb_id, per_person.n)) == {"Q15031": 2, "Q7747": 2}


def test_old_store_gains_the_new_columns(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    for table in ("actors", "mentions"):
        old = [(n, t) for n, t, _ in COLUMNS[table] if not n.endswith("kb_id")]
        con.execute(f"CREATE TABLE {table} (" + ", ".join(f'"{n}" {t}' for n, t in old) + ")")
    con.execute("INSERT INTO actors (article_id, actor_id, name) VALUES ('old', 'a1', 'Vladimir Putin')")
    con.close()
    with Store(path) as store:
        rows = store.sql("SELECT name, kb_id FROM actors")
        assert list(rows.name) == ["Vladimir Putin"] and rows.kb_id.isna().all()
        assert {"source_kb_id", "target_kb_id"} <= set(store.sql("SELECT * FROM mentions LIMIT 0").columns)
