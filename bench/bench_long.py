"""Long articles (issue 16 item 4): seconds and peak RSS of one extract, next to a bare spaCy parse of the same
paragraphs, for articles built by concatenating the dev set's paragraphs (copies after the first get a
" (n)" suffix, so that cleaning keeps them). Each size runs in a fresh process, so its peak RSS is its own.
Nothing asserts timings; the ratio bare/chronique is the figure to compare between runs.

    .venv/bin/python bench/bench_long.py                 # 121, 243, 485 KB, English
    .venv/bin/python bench/bench_long.py --kb 60 --language fr
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD_DEV = ROOT.parent / "shared" / "gold" / "dev"


def long_article(target_bytes: int, language: str) -> str:
    paragraphs = []
    for path in sorted(GOLD_DEV.glob(f"dev-{language}-*.json")):
        text = json.loads(path.read_text("utf-8"))["text"]
        paragraphs += [p.strip() for p in text.split("\n\n") if p.strip()]
    out, size, copy = [], 0, 0
    while size < target_bytes:
        for paragraph in paragraphs:
            paragraph = paragraph if copy == 0 else f"{paragraph} ({copy})"
            out.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 2
            if size >= target_bytes:
                break
        copy += 1
    return "\n\n".join(out)


def measure_one(kb: int, language: str) -> dict:
    from chronique import nlp
    from chronique.pipeline import Pipeline

    text = long_article(kb * 1000, language)
    pipeline = Pipeline(language=language)
    pipeline.warm([language])
    model = nlp.load_model(language)
    paragraphs = text.split("\n\n")
    start = time.perf_counter()
    list(model.pipe(paragraphs))
    bare = time.perf_counter() - start
    start = time.perf_counter()
    result = pipeline.extract_text(text, published="2020-01-01", language=language)
    full = time.perf_counter() - start
    return {"kb": kb, "language": language, "chars": len(text), "chronique_s": round(full, 2),
            "bare_spacy_s": round(bare, 2), "ratio_bare_over_chronique": round(bare / full, 3),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "error": result.error.kind if result.error else None,
            "actors": len(result.actors), "events": len(result.events)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kb", type=int, nargs="*", default=[121, 243, 485])
    parser.add_argument("--language", default="en", choices=["en", "fr"])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: measure one size in this process
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(measure_one(args.one, args.language)))
        return
    print(f"{'KB':>5} {'chronique s':>11} {'bare spaCy s':>12} {'bare/chronique':>14} {'peak RSS MB':>11}  error")
    for kb in args.kb:
        done = subprocess.run([sys.executable, __file__, "--one", str(kb), "--language", args.language],
                              capture_output=True, text=True, check=True)
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{kb:>5} {row['chronique_s']:>11.2f} {row['bare_spacy_s']:>12.2f} "
              f"{row['ratio_bare_over_chronique']:>14.3f} {row['peak_rss_mb']:>11}  {row['error']}", flush=True)


if __name__ == "__main__":
    main()
