"""Merging event mentions into events: the rules, and pairwise precision/recall on the gold clusters."""
from __future__ import annotations

import glob
import json
from datetime import date
from pathlib import Path

import pytest

from chronique.dedup import Mention, gold_mentions, mention_block_key, merge, normalize_name, pairwise_score

GOLD_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "dev"


def m(article, key, when=None, published=None, place=None, country=None, lat=None, lon=None, event="e1"):
    return Mention(article, event, key, when, published, place, country, lat, lon)


@pytest.mark.parametrize("name, expected", [
    ("L'Élysée", "elysee"), ("the United Nations", "united nations"), ("  Nations unies ", "nations unies"),
])
def test_normalize_name(name, expected):
    assert normalize_name(name) == expected


@pytest.mark.parametrize("a, b, same", [
    (("04", "Chine", "CHN", "Kazakhstan", "KAZ"), ("04", "China", "CHN", "Kazakhstan", "KAZ"), True),
    (("04", "China", "CHN", "Kazakhstan", "KAZ"), ("04", "Kazakhstan", "KAZ", "China", "CHN"), True),
    (("11", "China", "CHN", "Kazakhstan", "KAZ"), ("11", "Kazakhstan", "KAZ", "China", "CHN"), False),
    (("04", "China", "CHN", "Kazakhstan", "KAZ"), ("05", "China", "CHN", "Kazakhstan", "KAZ"), False),
    (("11", "l'OTAN", "IGO", "Russie", "RUS"), ("11", "ONU", "IGO", "Russie", "RUS"), False),
    (("17", "armée", "MMR", "Aung San Suu Kyi", "MMR"), ("17", "army", "MMR", "protesters", "MMR"), True),
])
def test_block_keys(a, b, same):
    assert (mention_block_key(*a) == mention_block_key(*b)) is same


def test_domestic_dyads_are_split_by_sector():
    army_arrests_minister = mention_block_key("17", "armée", "MMR", "ministre", "MMR", "MIL", "GOV")
    army_coerces_civilians = mention_block_key("17", "armée", "MMR", "manifestants", "MMR", "MIL", "CVL")
    assert army_arrests_minister != army_coerces_civilians


KEY = mention_block_key("04", "China", "CHN", "Kazakhstan", "KAZ")


@pytest.mark.parametrize("first, second, merged", [
    (m("a", KEY, date(2022, 10, 13)), m("b", KEY, date(2022, 10, 14)), True),
    (m("a", KEY, date(2022, 10, 13)), m("b", KEY, date(2022, 10, 16)), False),
    (m("a", KEY, date(2022, 10, 13)), m("b", KEY, None, date(2022, 10, 15)), True),  # publication date, 3 days
    (m("a", KEY, date(2022, 10, 13)), m("b", KEY, None, date(2022, 10, 20)), False),
    (m("a", KEY), m("b", KEY), False),  # no date at all: only within one article
    (m("a", KEY), m("a", KEY, event="e2"), True),
    (m("a", KEY, date(2022, 10, 13), place="Astana", country="KAZ"),
     m("b", KEY, date(2022, 10, 13), place="Pékin", country="CHN"), False),
    (m("a", KEY, date(2022, 10, 13), place="Astana", country="KAZ", lat=51.18, lon=71.45),
     m("b", KEY, date(2022, 10, 13), place="Almaty", country="KAZ", lat=43.24, lon=76.89), False),
    (m("a", KEY, date(2022, 10, 13), place="Astana", country="KAZ", lat=51.18, lon=71.45),
     m("b", KEY, date(2022, 10, 13), place="Nour-Soultan", country="KAZ", lat=51.16, lon=71.47), True),
    (m("a", KEY, date(2022, 10, 13), place="frontière", country=None),
     m("b", KEY, date(2022, 10, 13), place="border", country=None), True),
])
def test_merge_rules(first, second, merged):
    assigned = merge([first, second])
    assert (assigned[first.key] == assigned[second.key]) is merged


def test_merge_does_not_depend_on_order():
    mentions = [m(f"a{i}", KEY, date(2022, 10, 1 + i // 2)) for i in range(12)]
    assert merge(mentions) == merge(list(reversed(mentions)))


def test_pairwise_score_counts_cross_article_pairs_only():
    assigned = {("a", "e1"): "X", ("a", "e2"): "X", ("b", "e1"): "X", ("c", "e1"): "Y"}
    truth = {("a", "e1"): "t", ("a", "e2"): None, ("b", "e1"): "t", ("c", "e1"): "t"}
    score = pairwise_score(assigned, truth)
    assert (score.predicted_pairs, score.correct_pairs, score.gold_pairs) == (2, 1, 3)
    assert score.precision == 0.5 and score.recall == pytest.approx(1 / 3)


@pytest.fixture(scope="session")
def gold_articles():
    files = sorted(glob.glob(str(GOLD_DEV / "dev-*.json")))
    if not files:
        pytest.skip("../shared/gold/dev is not available")
    return [json.loads(Path(f).read_text(encoding="utf-8")) for f in files]


def test_gold_clusters_merge_precision_and_recall(gold_articles):
    """Gold events as mentions: the same root and dyad in articles of one cluster should merge.

    Floors measured on all 80 dev articles (606 events): 24 of 31 predicted cross-article pairs are right
    (precision 0.774), 24 of 27 gold pairs are found (recall 0.889). Four of the seven "wrong" pairs are the
    Myanmar coup's detentions told by three articles the gold leaves without a cluster (the same real event,
    counted as different by the truth labels); the others pair an undated mention with a dated one. The
    first 32 articles alone gave 0.923 / 0.889. The floors sit one pair below the measured figures.
    """
    mentions, truth = gold_mentions(gold_articles)
    assert len(mentions) == sum(len(a["events"]) for a in gold_articles)
    score = pairwise_score(merge(mentions), truth)
    assert score.gold_pairs > 20
    assert score.precision >= 0.74, score
    assert score.recall >= 0.85, score
