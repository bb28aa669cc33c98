"""Fit the event-confidence model (src/chronique/data/events/confidence.tsv) on a gold set.

    python scripts/fit_confidence.py ../shared/gold/dev [--l2 1.0 | --l2-grid 1,2,3,5,10] [--dry-run]

Each predicted event is labelled right or wrong by the evaluator's own matching (CAMEO root and
source/target countries, one to one); an L2-regularized logistic regression over the features of
``chronique.events.confidence.features`` is fitted with numpy. The report gives the calibration
measured leave-one-article-out (each article scored by a model that never saw it) — that, not the
in-sample fit, is what to expect on new articles. With ``--l2-grid`` the regularization is chosen by
leave-one-article-out log-loss, and the reported calibration is nested: each held-out article is scored by a
model whose l2 was chosen without it. Deterministic: no random state.
"""
from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np

from chronique.evaluate import PredictedEvent, load_gold, match_events
from chronique.pipeline import Pipeline

OUT = Path(__file__).resolve().parents[1] / "src" / "chronique" / "data" / "events" / "confidence.tsv"
BINS = (0.0, 0.5, 0.8, 1.0001)


def labelled_events(gold_dir: str) -> list[tuple[str, list[str], bool]]:
    pipeline = Pipeline()
    rows = []
    for article in load_gold(gold_dir):
        result = pipeline.extract_text(article.text, published=article.published, language=article.language,
                                       id=article.id)
        events = [e for e in result.events if not e.negated]
        predicted = [PredictedEvent.from_dict(i, e.to_dict()) for i, e in enumerate(events)]
        matched = {pi for _, pi in match_events(article.events, predicted, result.text)}
        rows += [(article.id, e.features, i in matched) for i, e in enumerate(events)]
    return rows


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 50) -> np.ndarray:
    """L2-penalized logistic regression (intercept unpenalized) by Newton's method: exact and fast."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w


def design(rows, vocabulary: list[str]) -> np.ndarray:
    index = {f: i + 1 for i, f in enumerate(vocabulary)}
    x = np.zeros((len(rows), len(vocabulary) + 1))
    x[:, 0] = 1.0
    for r, (_, feats, _) in enumerate(rows):
        for f in feats:
            if f in index:
                x[r, index[f]] = 1.0
    return x


def held_out_scores(x: np.ndarray, y: np.ndarray, articles: list[str], l2: float) -> np.ndarray:
    """Each article's events scored by a model fitted on the other articles."""
    scores = np.zeros(len(y))
    for article in sorted(set(articles)):
        test = np.array([a == article for a in articles])
        w = fit(x[~test], y[~test], l2)
        scores[test] = 1.0 / (1.0 + np.exp(-x[test] @ w))
    return scores


def log_loss(scores: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(scores, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def choose_l2(x: np.ndarray, y: np.ndarray, articles: list[str], grid: list[float]) -> float:
    """The l2 whose leave-one-article-out scores have the lowest log-loss (a proper score: it rewards
    calibrated probabilities, not a threshold)."""
    return min(grid, key=lambda l2: log_loss(held_out_scores(x, y, articles, l2), y))


def calibration(scores, labels) -> list[tuple[str, int, int]]:
    table = []
    for lo, hi in zip(BINS, BINS[1:]):
        inside = [ok for s, ok in zip(scores, labels) if lo <= s < hi]
        table.append((f"[{lo:.2f}, {min(hi, 1):.2f}{']' if hi > 1 else ')'}", len(inside), sum(inside)))
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--l2-grid", default="",
                        help="comma-separated l2 values to choose from by leave-one-article-out log-loss (nested report)")
    parser.add_argument("--dry-run", action="store_true", help="report only; do not write the weights")
    parser.add_argument("--features", default="",
                        help="comma-separated feature kinds to use (e.g. source,target,modality); default all")
    args = parser.parse_args()
    rows = labelled_events(args.gold_dir)
    kinds = {k for k in args.features.split(",") if k}
    vocabulary = sorted({f for _, feats, _ in rows for f in feats if not kinds or f.split(":", 1)[0] in kinds})
    x, y = design(rows, vocabulary), np.array([float(ok) for _, _, ok in rows])
    articles = [a for a, _, _ in rows]
    grid = [float(v) for v in args.l2_grid.split(",") if v]
    if grid:
        held_out = np.zeros(len(rows))
        for article in sorted(set(articles)):
            test = np.array([a == article for a in articles])
            inner = [a for a in articles if a != article]
            l2 = choose_l2(x[~test], y[~test], inner, grid)
            w = fit(x[~test], y[~test], l2)
            held_out[test] = 1.0 / (1.0 + np.exp(-x[test] @ w))
        args.l2 = choose_l2(x, y, articles, grid)
        print(f"l2 chosen from {grid}: {args.l2}")
    else:
        held_out = held_out_scores(x, y, articles, args.l2)
    w = fit(x, y, args.l2)
    print(f"{len(rows)} predicted events, {int(y.sum())} right ({y.mean():.3f})")
    print("calibration, leave-one-article-out" + (" (nested: l2 chosen without the held-out article):" if grid else ":"))
    for name, n, right in calibration(held_out, y.astype(bool)):
        print(f"  {name:<14} {n:>4} events  precision {right / n if n else float('nan'):.3f}")
    if not args.dry_run:
        lines = ["# feature\tweight", f"# fitted by scripts/fit_confidence.py on {Path(args.gold_dir).name} "
                 f"({len(rows)} events, l2={args.l2}, features: {args.features or 'all'}); logistic: confidence = 1 / (1 + exp(-(intercept + sum)))",
                 f"intercept\t{w[0]:.4f}"]
        lines += [f"{f}\t{wt:.4f}" for f, wt in zip(vocabulary, w[1:]) if not math.isclose(wt, 0.0, abs_tol=1e-4)]
        OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
