"""The gold-set scorer: matching, metrics, quotes, calibration, and one end-to-end run on dev articles."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from chronique.cli import main as cli_main
from chronique.cli_eval import format_report
from chronique.evaluate import (
    EvalReport,
    GoldArticle,
    PredictedEvent,
    lead_index,
    match_events,
    run_eval,
    score_articles,
    speaker_matches,
)

GOLD_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "dev"

# Invented article: three sentences, offsets computed below.
S1 = "Le ministre malien des affaires étrangères a reçu mardi son homologue sénégalais à Bamako."
S2 = "Dakar a ensuite accusé Nouakchott de laisser passer des armes vers le nord."
S3 = "« Nous ne laisserons pas faire », a déclaré Aminata Diallo, porte-parole du gouvernement."
TEXT = " ".join([S1, S2, S3])


def span(sentence: str) -> dict:
    start = TEXT.index(sentence)
    return {"start": start, "end": start + len(sentence), "text": sentence}


def gold_event(root, src, tgt, evidence=S1, cameo=None, date=None, modality="asserted"):
    return {"source": {"name": src or "x", "country": src, "sector": "GOV"},
            "target": None if tgt == "NONE" else {"name": tgt or "y", "country": tgt, "sector": "GOV"},
            "cameo_root": root, "cameo": cameo or root + "0", "plover": None, "date": date,
            "location": None, "modality": modality, "evidence": evidence}


def pred_event(root, src, tgt, sentence=S1, cameo=None, date=None, modality="asserted",
               confidence=0.9, negated=False):
    return {"source": {"name": src or "x", "country": src},
            "target": None if tgt is None else {"name": tgt, "country": tgt},
            "cameo": cameo or root + "0", "cameo_root": root, "date": date, "modality": modality,
            "negated": negated, "sentence": span(sentence), "confidence": confidence}


def gold_article(events, quotes=(), lang="fr", id="t-001") -> GoldArticle:
    return GoldArticle.from_dict({"id": id, "language": lang, "published": "2024-03-05", "text": TEXT,
                                  "events": list(events), "quotes": list(quotes)})


def predicted(events, quotes=(), text=TEXT) -> dict:
    return {"article": {"id": "t-001", "text": text}, "events": list(events), "quotes": list(quotes)}


def score(gold_events, pred_events, **kw) -> EvalReport:
    return score_articles([(gold_article(gold_events, kw.get("gold_quotes", ())),
                            predicted(pred_events, kw.get("pred_quotes", ())))])


def test_perfect_match_scores_one():
    g = [gold_event("04", "MLI", "SEN", date="2024-03-05"), gold_event("11", "SEN", "MRT", evidence=S2)]
    p = [pred_event("04", "MLI", "SEN", date="2024-03-05"), pred_event("11", "SEN", "MRT", sentence=S2)]
    r = score(g, p)
    e = r.overall.events
    assert (e.tp, e.fp, e.fn) == (2, 0, 0)
    assert e.precision == e.recall == e.f1 == 1.0
    assert r.overall.lead.value == 1.0 and r.overall.date.value == 1.0 and r.overall.modality.value == 1.0
    assert r.misses == [] and r.false_positives == []


@pytest.mark.parametrize("root,matches", [("03", True), ("04", True), ("05", True), ("06", True),
                                          ("02", False), ("07", False), ("11", False), ("19", False)])
def test_swapped_order_matches_only_for_roots_03_to_06(root, matches):
    r = score([gold_event(root, "MLI", "SEN")], [pred_event(root, "SEN", "MLI")])
    assert r.overall.events.tp == int(matches)
    assert r.overall.events.fp == r.overall.events.fn == int(not matches)


@pytest.mark.parametrize("gold_tgt,pred_tgt,matches", [
    (None, None, True),        # gold null country, prediction without target
    ("NONE", None, True),      # gold without target, prediction without target
    (None, "BEL", False),      # gold null is not a wildcard
    ("BEL", None, False),
    ("BEL", "BEL", True),
])
def test_null_countries_compare_as_values(gold_tgt, pred_tgt, matches):
    r = score([gold_event("18", "MLI", gold_tgt)], [pred_event("18", "MLI", pred_tgt)])
    assert r.overall.events.tp == int(matches)


def test_different_root_is_not_a_match():
    r = score([gold_event("11", "SEN", "MRT", evidence=S2)], [pred_event("12", "SEN", "MRT", sentence=S2)])
    assert (r.overall.events.tp, r.overall.events.fp, r.overall.events.fn) == (0, 1, 1)
    assert r.misses[0].cause == "same sentence, other root"
    assert r.false_positives[0].cause == "same sentence, other root"
    assert [x.root for x in r.by_root] == ["11", "12"]
    assert r.by_root[0].events.fn == 1 and r.by_root[1].events.fp == 1


def test_one_to_one_duplicate_prediction_is_a_false_positive():
    r = score([gold_event("04", "MLI", "SEN")], [pred_event("04", "MLI", "SEN"), pred_event("04", "SEN", "MLI")])
    assert (r.overall.events.tp, r.overall.events.fp, r.overall.events.fn) == (1, 1, 0)
    assert r.false_positives[0].cause == "duplicate of a matched event"


def test_miss_whose_sentence_prediction_went_to_another_gold_event():
    g = [gold_event("11", "SEN", "MRT", evidence=S2), gold_event("11", "MLI", "MRT", evidence=S2)]
    r = score(g, [pred_event("11", "SEN", "MRT", sentence=S2)])
    assert [m.cause for m in r.misses] == ["the sentence's predictions are paired with other gold events"]
    assert "SEN→MRT" in r.misses[0].note


def test_one_to_one_two_gold_need_two_predictions():
    g = [gold_event("04", "MLI", "SEN"), gold_event("04", "SEN", "MLI")]
    r = score(g, [pred_event("04", "MLI", "SEN")])
    assert (r.overall.events.tp, r.overall.events.fp, r.overall.events.fn) == (1, 0, 1)


def test_greedy_prefers_same_sentence_then_exact_code():
    gold = gold_article([gold_event("11", "SEN", "MRT", evidence=S1, cameo="112"),
                         gold_event("11", "SEN", "MRT", evidence=S2, cameo="111"),
                         gold_event("11", "SEN", "MRT", evidence=S2, cameo="112")]).events
    preds = [PredictedEvent.from_dict(0, pred_event("11", "SEN", "MRT", sentence=S2, cameo="112"))]
    assert match_events(gold, preds, TEXT) == [(2, 0)]
    preds = [PredictedEvent.from_dict(0, pred_event("11", "SEN", "MRT", sentence=S3, cameo="111"))]
    assert match_events(gold, preds, TEXT) == [(1, 0)]


def test_precision_recall_f1_arithmetic():
    g = [gold_event("04", "MLI", "SEN"), gold_event("11", "SEN", "MRT", evidence=S2),
         gold_event("13", "SEN", "MRT", evidence=S2), gold_event("16", "SEN", "MRT", evidence=S2)]
    p = [pred_event("04", "SEN", "MLI"), pred_event("11", "SEN", "MRT", sentence=S2),
         pred_event("17", "MRT", "SEN", sentence=S2)]
    e = score(g, p).overall.events
    assert (e.tp, e.fp, e.fn) == (2, 1, 2)
    assert e.precision == pytest.approx(2 / 3)
    assert e.recall == pytest.approx(0.5)
    assert e.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_empty_prediction_gives_undefined_precision_and_zero_recall():
    e = score([gold_event("04", "MLI", "SEN")], []).overall.events
    assert e.precision is None and e.recall == 0.0 and e.f1 is None


def test_lead_is_first_asserted_event_in_text_order():
    gold = gold_article([gold_event("11", "SEN", "MRT", evidence=S2),
                         gold_event("04", "MLI", "SEN", evidence=S1, modality="reported_past"),
                         gold_event("13", "SEN", "MRT", evidence=S3)])
    assert lead_index(gold) == 0
    r = score_articles([(gold, predicted([pred_event("13", "SEN", "MRT", sentence=S3)]))])
    assert (r.overall.lead.hits, r.overall.lead.total) == (0, 1)
    assert r.misses[0].note.startswith("lead event")


def test_date_accuracy_variants_and_modality():
    g = [gold_event("04", "MLI", "SEN", date="2024-03-05"),
         gold_event("11", "SEN", "MRT", evidence=S2, date=None, modality="reported_past")]
    p = [pred_event("04", "MLI", "SEN", date="2024-03-04"),
         pred_event("11", "SEN", "MRT", sentence=S2, date=None)]
    r = score(g, p).overall
    assert (r.date.hits, r.date.total) == (0, 1)          # only pairs where gold has a date
    assert (r.date_all.hits, r.date_all.total) == (1, 2)  # both null counts as right
    assert (r.modality.hits, r.modality.total) == (1, 2)


def test_negated_predictions_are_ignored_and_counted():
    r = score([gold_event("04", "MLI", "SEN")],
              [pred_event("04", "MLI", "SEN"), pred_event("12", "MLI", "SEN", negated=True)])
    assert (r.overall.events.tp, r.overall.events.fp) == (1, 0)
    assert r.overall.negated_ignored == 1


@pytest.mark.parametrize("gold,pred,same", [
    ("Wang", "Wang Qishan", True),
    ("Wang Qishan", "Wang", True),
    ("Wang Yi", "Wang Qishan", False),
    ("Emmanuel Macron", "M. Macron", True),
    ("Élisabeth Borne", "ELISABETH BORNE", True),
    ("Jean-Yves Le Drian", "Le Drian", True),
    ("Aminata Diallo", "Fatou Diallo", False),
    ("Aminata Diallo", None, False),
])
def test_speaker_matching(gold, pred, same):
    assert speaker_matches(gold, pred) is same


QSTART = TEXT.index("Nous ne laisserons")


@pytest.mark.parametrize("start,end,speaker,found", [
    (QSTART - 2, QSTART + 30, "Diallo", True),              # span covers the start of the statement
    (QSTART + 5, QSTART + 40, "Aminata Diallo", True),      # overlap is enough
    (0, len(S1), "Aminata Diallo", False),                   # elsewhere in the text
    (QSTART - 2, QSTART + 30, "Moussa Traoré", False),       # right words, wrong speaker
])
def test_quote_recall(start, end, speaker, found):
    gq = [{"speaker": "Aminata Diallo", "country": "SEN", "starts_with": "Nous ne laisserons pas"}]
    pq = [{"speaker": {"actor": "a1", "name": speaker}, "start": start, "end": end, "text": TEXT[start:end]}]
    r = score([], [], gold_quotes=gq, pred_quotes=pq)
    assert r.overall.quote_recall.value == float(found)
    assert r.overall.quote_precision.value == float(found)
    if not found:
        assert r.quote_misses[0].speaker == "Aminata Diallo"


def test_quote_found_in_cleaned_text_with_other_offsets():
    cleaned = "Bamako.\n\n" + TEXT
    start = cleaned.index("Nous ne laisserons")
    gq = [{"speaker": "Diallo", "country": "SEN", "starts_with": "Nous ne laisserons pas"}]
    pq = [{"speaker": {"name": "Aminata Diallo"}, "start": start, "end": start + 25, "text": "x"}]
    r = score_articles([(gold_article([], gq), predicted([], pq, text=cleaned))])
    assert r.overall.quote_recall.value == 1.0


def test_calibration_bins():
    g = [gold_event("04", "MLI", "SEN"), gold_event("11", "SEN", "MRT", evidence=S2),
         gold_event("13", "SEN", "MRT", evidence=S2)]
    p = [pred_event("19", "MLI", "SEN", confidence=0.3),
         pred_event("04", "MLI", "SEN", confidence=0.5),
         pred_event("18", "MLI", "SEN", confidence=0.79),
         pred_event("11", "SEN", "MRT", sentence=S2, confidence=0.8),
         pred_event("13", "SEN", "MRT", sentence=S2, confidence=1.0)]
    bins = score(g, p).calibration
    assert [(b.count, b.correct) for b in bins] == [(1, 0), (2, 1), (2, 2)]
    assert [b.precision for b in bins] == [0.0, 0.5, 1.0]
    assert [b.label() for b in bins] == ["[0.00, 0.50)", "[0.50, 0.80)", "[0.80, 1.00]"]


def test_languages_are_scored_apart():
    a = (gold_article([gold_event("04", "MLI", "SEN")], lang="fr", id="a"), predicted([pred_event("04", "MLI", "SEN")]))
    b = (gold_article([gold_event("04", "MLI", "SEN")], lang="en", id="b"), predicted([]))
    r = score_articles([a, b])
    assert r.languages == ["en", "fr"]
    assert r.by_language["fr"].events.recall == 1.0 and r.by_language["en"].events.recall == 0.0
    assert r.overall.events.recall == 0.5


def test_report_json_and_table_from_cli_predictions(tmp_path, capsys):
    gold = {"id": "t-001", "language": "fr", "published": "2024-03-05", "text": TEXT,
            "events": [gold_event("04", "MLI", "SEN"), gold_event("11", "SEN", "MRT", evidence=S2)],
            "quotes": [{"speaker": "Diallo", "country": "SEN", "starts_with": "Nous ne laisserons pas"}]}
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "t-001.json").write_text(json.dumps(gold), encoding="utf-8")
    preds = tmp_path / "pred.jsonl"
    preds.write_text(json.dumps(predicted([pred_event("04", "MLI", "SEN")])) + "\n", encoding="utf-8")
    assert cli_main(["eval", str(tmp_path / "gold"), "--predictions", str(preds), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["overall"]["events"]["recall"] == 0.5
    assert out["misses"][0]["sentence"] == S2
    assert cli_main(["eval", str(tmp_path / "gold"), "--predictions", str(preds), "--misses", "1"]) == 0
    table = capsys.readouterr().out
    assert "misses (1 of 1 shown)" in table and S2[:40] in table


def test_missing_gold_folder_is_a_usage_error(tmp_path):
    assert cli_main(["eval", str(tmp_path / "nowhere")]) == 2


@pytest.mark.shared
def test_run_eval_end_to_end_on_two_dev_articles(tmp_path, pipeline):
    for name in ("dev-en-003.json", "dev-fr-012.json"):
        shutil.copy(GOLD_DEV / name, tmp_path / name)
    report = run_eval(tmp_path, ["fr", "en"], pipeline=pipeline)
    gold = [json.loads((tmp_path / n).read_text(encoding="utf-8")) for n in ("dev-en-003.json", "dev-fr-012.json")]
    assert report.languages == ["en", "fr"]
    assert report.overall.articles == 2
    assert report.overall.events.support == sum(len(g["events"]) for g in gold)
    assert report.overall.quote_recall.total == sum(len(g["quotes"]) for g in gold)
    assert report.overall.lead.total == 2
    assert sum(r.events.support for r in report.by_root) == report.overall.events.support
    assert len(report.misses) == report.overall.events.fn
    assert len(report.false_positives) == report.overall.events.fp
    assert sum(b.count for b in report.calibration) == report.overall.events.tp + report.overall.events.fp
    d = json.loads(json.dumps(report.to_dict()))
    assert set(d["by_language"]) == {"en", "fr"}
    assert "root" in format_report(report)


@pytest.mark.parametrize("aliases,found", [
    (["Cour pénale internationale"], True),  # the normalized name differs from the text's, an alias matches
    ([], False),
])
def test_quote_speaker_matches_by_the_actors_names_in_the_text(aliases, found):
    start = TEXT.index("Nous ne laisserons")
    gq = [{"speaker": "Cour pénale internationale", "country": "IGO", "starts_with": "Nous ne laisserons pas"}]
    pq = [{"speaker": {"actor": "a1", "name": "International Criminal Court"}, "start": start, "end": start + 25,
           "text": "x"}]
    pred = predicted([], pq)
    pred["actors"] = [{"id": "a1", "name": "International Criminal Court", "aliases": aliases}]
    r = score_articles([(gold_article([], gq), pred)])
    assert r.overall.quote_recall.value == float(found)


def _actor(name, kind, country, sentence, word):
    start = TEXT.index(sentence) + sentence.index(word)
    return {"id": name, "name": name, "kind": kind, "country": country,
            "mentions": [{"start": start, "end": start + len(word), "text": word}]}


def test_actor_figures_count_parties_found_in_the_evidence_and_actors_left_without_a_country():
    gold = gold_article([gold_event("04", "MLI", "SEN", evidence=S1), gold_event("11", "SEN", "MRT", evidence=S2)])
    actors = [_actor("Mali", "country", "MLI", S1, "malien"),  # MLI found in S1; SEN is not
              _actor("Sénégal", "country", "SEN", S2, "Dakar"),  # SEN found in S2; MRT is not
              _actor("Nouakchott", "organization", None, S2, "Nouakchott"),  # an organization with no country
              _actor("Aminata Diallo", "person", "SEN", S3, "Aminata Diallo")]
    report = score_articles([(gold, {**predicted([]), "actors": actors})])
    figures = report.actors["all"]
    assert (figures.parties_found, figures.parties) == (2, 4)
    assert (figures.unplaced, figures.placeable) == (1, 2)
    assert [u.name for u in figures.unresolved] == ["Nouakchott"]
    assert report.to_dict()["actors"]["fr"]["country_recall"] == 0.5
