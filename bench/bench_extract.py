"""Seconds per article for `chronique extract` (warm, median of N runs) next to a bare spaCy parse of
the same paragraphs in the same run. Usage: python bench/bench_extract.py [--runs 10] [FILE ...]"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from chronique import nlp
from chronique.clean import clean
from chronique.language import choose_language
from chronique.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "wang-tokayev-2022-10-13.fr.txt"


def median_seconds(fn, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", default=[str(SEED)])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--published", default="2022-10-14")
    args = parser.parse_args()
    pipeline = Pipeline()
    pipeline.warm()
    rows = []
    for path in args.files:
        text = Path(path).read_text("utf-8")
        cleaned = clean(text)
        lang = choose_language(cleaned.text)
        model = nlp.load_model(lang)
        paragraphs = [cleaned.text[s:e] for s, e in cleaned.paragraphs]
        published = date.fromisoformat(args.published)
        pipeline.extract_text(text, published=published)  # warm caches (lexicons, gazetteer)
        list(model.pipe(paragraphs))
        full = median_seconds(lambda text=text, published=published: pipeline.extract_text(text, published=published), args.runs)
        bare = median_seconds(lambda model=model, paragraphs=paragraphs: list(model.pipe(paragraphs)), args.runs)
        rows.append({"file": Path(path).name, "language": lang, "paragraphs": len(paragraphs),
                     "chronique_s": round(full, 4), "bare_spacy_s": round(bare, 4),
                     "ratio_bare_over_chronique": round(bare / full, 3)})
    print(f"{'file':<40} {'lang':<4} {'chronique s':>11} {'bare spaCy s':>12} {'bare/chronique':>14}")
    for r in rows:
        print(f"{r['file'][:40]:<40} {r['language']:<4} {r['chronique_s']:>11.4f} {r['bare_spacy_s']:>12.4f} "
              f"{r['ratio_bare_over_chronique']:>14.3f}")
    json.dump(rows, sys.stderr)
    print(file=sys.stderr)


if __name__ == "__main__":
    main()
