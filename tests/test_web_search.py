"""Free-text search reads the stored folded sentence (``mentions.sentence_folded``): the same events as folding
every sentence at query time, accents and case folded, on new stores and on stores written before the column."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from chronique import tables
from chronique.records import ArticleResult, DateRef, Event, Party, TextSpan
from chronique.store import Store, spelling
from chronique.store.queries import event_filters

SENTENCES = [  # our own sentences: accents, capitals, ligatures, apostrophes
    "Les diplomates français ont rencontré leurs homologues à Genève.",
    "LES DIPLOMATES ALLEMANDS ONT CONDAMNÉ L'ATTAQUE CONTRE L'AMBASSADE.",
    "La Cédéao a suspendu le Mali après le coup d'État.",
    "The ECOWAS envoy met the junta's leaders in Bamako.",
    "Le cœur de la négociation reste l'accord sur le blé ukrainien.",
    "Moscou et Kiev ont échangé des prisonniers, selon la Russie.",
    "Le président russe Vladimir Poutine a reçu son homologue turc.",
    "Washington accuse Téhéran d'avoir attaqué un pétrolier.",
]
QUERIES = ["diplomates", "Diplomates", "DIPLOMATES", "genève", "geneve", "GENEVE", "condamne", "condamné",
           "Cédéao", "cedeao", "CEDEAO", "etat", "État", "coeur", "cœur", "ble ukrainien", "BLÉ",
           "prisonniers russie", "Poutine", "poutine", "teheran", "Téhéran pétrolier", "l'attaque", "junta's",
           "nothing-like-this", "a", "é"]


def _store(path: Path) -> Path:
    results = []
    for i, text in enumerate(SENTENCES):
        code = tables.cameo_code("040")
        event = Event(id="e1", source=Party("France", "FRA", "GOV"), target=Party("Mali", "MLI", "GOV"), cameo="040",
                      cameo_name=code.name, plover=code.plover, goldstein=code.goldstein, quad_class=code.quad_class,
                      sentence=TextSpan(0, len(text), text), date=DateRef(date(2023, 1, 1 + i), "2023", "day"))
        results.append(ArticleResult(id=f"search-{i}", source=f"search-{i}.txt", text=text, language="fr",
                                     published=date(2023, 1, 1 + i), events=[event]))
    with Store(path) as store:
        store.add_results(results)
    return path


def _folding_every_sentence(text: str) -> tuple[str, list]:
    """The free-text condition as it was: every evidence sentence folded by the query."""
    where, params = [], []
    for word in text.split():
        forms = sorted({spelling.fold(word)} | {spelling.fold(f) for f in spelling.resolve(word).names})
        likes = " OR ".join([f"{spelling.FOLD_SQL.format('sentence_text')} LIKE ?"] * len(forms))
        where.append(f"event_uid IN (SELECT event_uid FROM mentions WHERE {likes})")
        params += [f"%{f}%" for f in forms]
    return " WHERE " + " AND ".join(where), params


def _found(con, where: str, params: list) -> list[str]:
    return [r[0] for r in con.execute(f"SELECT event_uid FROM events{where} ORDER BY 1", params).fetchall()]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return _store(tmp_path_factory.mktemp("search") / "corpus.duckdb")


@pytest.mark.parametrize("query", QUERIES)
def test_the_folded_column_finds_what_folding_each_sentence_found(store, query):
    with Store(store, read_only=True) as s:
        now = _found(s.con, *event_filters(text=query))
        before = _found(s.con, *_folding_every_sentence(query))
        sql = event_filters(text=query)[0]
    assert "sentence_folded" in sql and "strip_accents" not in sql
    assert now == before
    if query not in ("nothing-like-this", "coeur"):  # 'œ' is a letter of its own to both folds, as before
        assert now, f"{query!r} finds something in these sentences"


@pytest.mark.parametrize("spellings", [("genève", "GENEVE", "Geneve"), ("Cédéao", "cedeao", "CEDEAO"),
                                       ("condamné", "CONDAMNE")])
def test_accents_and_case_are_folded(store, spellings):
    with Store(store, read_only=True) as s:
        found = {tuple(_found(s.con, *event_filters(text=q))) for q in spellings}
    assert len(found) == 1 and found != {()}


def test_a_store_written_before_the_column_gains_it_when_opened_even_read_only(tmp_path):
    path = _store(tmp_path / "old.duckdb")
    con = duckdb.connect(str(path))  # as an older version wrote it: no column (its indexes go with it)
    for index in ("mentions_article", "mentions_block", "mentions_event"):
        con.execute(f"DROP INDEX {index}")
    con.execute("ALTER TABLE mentions DROP COLUMN sentence_folded")
    con.close()
    with Store(path, read_only=True) as s:
        filled = s.con.execute("SELECT count(*), count(sentence_folded) FROM mentions").fetchall()[0]
        assert filled == (len(SENTENCES), len(SENTENCES))
        for query in ("Genève", "cedeao", "BLÉ"):
            assert _found(s.con, *event_filters(text=query)) == _found(s.con, *_folding_every_sentence(query)) != []


def test_the_folded_column_is_neither_listed_nor_exported(store, tmp_path):
    with Store(store, read_only=True) as s:
        uid = _found(s.con, *event_filters(text="diplomates"))[0]
        assert "sentence_folded" not in s.mentions(uid).columns
        assert "sentence_folded" not in s.article("search-0")["mentions"].columns
        out = tmp_path / "mentions.csv"
        s.export(str(out), fmt="csv", table="mentions")
    assert "sentence_folded" not in out.read_text("utf-8").splitlines()[0]
