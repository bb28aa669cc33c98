"""Event confidence: a small logistic model over how each event was read.

The features say how the source and the target were found (subject, object, oblique, linear
fallback...), the CAMEO root, the trigger's part of speech, the modality and the kinds of parties.
Weights live in ``data/events/confidence.tsv``, fitted by ``scripts/fit_confidence.py`` on a gold set
(leave-one-article-out figures in its report); without that file a hand-set score is used.
"""
from __future__ import annotations

import math
from functools import cache
from importlib.resources import files

HAND_SET = {"subject": 0.25, "agent": 0.25, "possessor": 0.2, "light_verb": 0.15, "inherited": 0.05,
            "linear": -0.05, "place": -0.1, "claim": 0.1, "object": 0.15, "oblique": 0.12, "nominal": 0.12, "anaphora": 0.0, "clause": 0.05}


def features(*, basis: str, cameo: str, trigger_pos: str, lang: str, modality: str, source_kind: str,
             target_kind: str, source_sector: str | None, target_sector: str | None) -> list[str]:
    source_how, _, target_how = basis.partition("/")
    return [f"source:{source_how}", f"target:{target_how}", f"root:{cameo[:2]}", f"pos:{trigger_pos}",
            f"lang:{lang}", f"modality:{modality}", f"source_kind:{source_kind}", f"target_kind:{target_kind}",
            f"source_sector:{source_sector or 'none'}", f"target_sector:{target_sector or 'none'}"]


CROWDED = 3  # records from one sentence: from this many on, a sentence is crowded


def context_features(*, crowd: int) -> list[str]:
    """How many records the record's sentence gave: crowded sentences are read less reliably."""
    return [f"crowd:{min(crowd, CROWDED)}"]


@cache
def weights() -> dict[str, float] | None:
    path = files("chronique") / "data" / "events" / "confidence.tsv"
    if not path.is_file():
        return None
    table = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            feature, weight = line.split("\t")[:2]
            table[feature] = float(weight)
    return table


def logistic(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-score))


def confidence(feats: list[str]) -> float:
    table = weights()
    if table is None:
        score = 0.45 + sum(HAND_SET.get(f.split(":", 1)[1], 0.0) for f in feats[:2])
        return max(0.05, min(0.98, score))
    return logistic(table.get("intercept", 0.0) + sum(table.get(f, 0.0) for f in feats))
