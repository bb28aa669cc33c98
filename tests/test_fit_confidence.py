"""The confidence fit: an exact penalized logistic regression, and l2 chosen without the held-out articles."""
from __future__ import annotations

import importlib.util
import sys

import numpy as np
import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def fitting():
    spec = importlib.util.spec_from_file_location("fit_confidence", ROOT / "scripts" / "fit_confidence.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["fit_confidence"] = module
    spec.loader.exec_module(module)
    return module


def _data(seed: int = 7, n: int = 300):
    rng = np.random.default_rng(seed)
    x = np.c_[np.ones(n), rng.integers(0, 2, size=(n, 4))].astype(float)
    truth = np.array([0.5, 2.0, -1.5, 0.0, 1.0])
    y = (rng.random(n) < 1 / (1 + np.exp(-x @ truth))).astype(float)
    articles = [f"a{i % 20}" for i in range(n)]
    return x, y, articles, truth


@pytest.mark.parametrize("l2", [0.0, 1.0, 10.0])
def test_the_fit_is_the_optimum_of_the_penalized_loss(fitting, l2):
    x, y, _, _ = _data()
    w = fitting.fit(x, y, l2)
    p = 1 / (1 + np.exp(-x @ w))
    gradient = x.T @ (p - y) + l2 * np.r_[0.0, w[1:]]
    assert np.abs(gradient).max() < 1e-6


def test_the_fit_recovers_the_signs_of_real_effects(fitting):
    x, y, _, truth = _data(n=3000)
    w = fitting.fit(x, y, 1.0)
    assert np.sign(w[[1, 2, 4]]).tolist() == np.sign(truth[[1, 2, 4]]).tolist()
    assert abs(w[3]) < 0.3


def test_held_out_scores_never_see_their_own_article(fitting):
    x, y, articles, _ = _data()
    scores = fitting.held_out_scores(x, y, articles, 1.0)
    flipped = y.copy()
    flipped[[i for i, a in enumerate(articles) if a == "a0"]] = 1 - flipped[[i for i, a in enumerate(articles)
                                                                           if a == "a0"]]
    again = fitting.held_out_scores(x, flipped, articles, 1.0)
    mine = [i for i, a in enumerate(articles) if a == "a0"]
    assert np.allclose(scores[mine], again[mine])  # a0's own labels do not move a0's scores
    assert fitting.choose_l2(x, y, articles, [0.1, 1.0, 100.0]) in (0.1, 1.0, 100.0)
