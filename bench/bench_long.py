"""Long articles (issue 16 item 4): seconds and peak RSS of one extract, next to a bare spaCy parse of the same
paragraphs, for articles built by concatenating the dev set's paragraphs (copies after the first get a
" (n)" suffix, so that cleaning keeps them). Each size runs in a fresh process, so its peak RSS is its own.
Nothing asserts timings; the ratio bare/chronique is the figure to compare between runs (CPU seconds are
given too: on a shared machine they vary less than wall seconds).

``--batch N`` measures one ``chronique extract`` run over N long articles instead (sizes cycle through
``--kb``, each starting at another paragraph, languages alternating with ``--language both``): wall and CPU
seconds and the command's peak RSS; ``--ingest`` runs ``chronique ingest`` into a new store instead. The
JSON Lines input and the store are written to a temporary folder, never kept.

    .venv/bin/python bench/bench_long.py                 # 121, 243, 485 KB, English
    .venv/bin/python bench/bench_long.py --kb 60 --language fr
    .venv/bin/python bench/bench_long.py --batch 25 --kb 60 121 243 --language both [--ingest]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD_DEV = ROOT.parent / "shared" / "gold" / "dev"


def long_article(target_bytes: int, language: str, first: int = 0) -> str:
    """Paragraphs of the dev set's articles in ``language``, from the ``first``-th on, until ``target_bytes``."""
    paragraphs = []
    for path in sorted(GOLD_DEV.glob(f"dev-{language}-*.json")):
        text = json.loads(path.read_text("utf-8"))["text"]
        paragraphs += [p.strip() for p in text.split("\n\n") if p.strip()]
    first %= len(paragraphs)
    paragraphs = paragraphs[first:] + paragraphs[:first]
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
    start, cpu = time.perf_counter(), time.process_time()
    result = pipeline.extract_text(text, published="2020-01-01", language=language)
    full, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"kb": kb, "language": language, "chars": len(text), "chronique_s": round(full, 2), "cpu_s": round(cpu, 2),
            "bare_spacy_s": round(bare, 2), "ratio_bare_over_chronique": round(bare / full, 3),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "error": result.error.kind if result.error else None,
            "actors": len(result.actors), "events": len(result.events)}


def measure_batch(count: int, sizes: list[int], language: str, command: list[str]) -> dict:
    """One CLI run (``command`` + the input file) over ``count`` long articles, in a child process."""
    languages = ["en", "fr"] if language == "both" else [language]
    with tempfile.TemporaryDirectory(prefix="bench-long-") as tmp:
        path = os.path.join(tmp, "long.jsonl")
        total = 0
        with open(path, "w", encoding="utf-8") as out:
            for n in range(count):
                lang = languages[n % len(languages)]
                text = long_article(sizes[n % len(sizes)] * 1000, lang, first=37 * n)
                total += len(text.encode("utf-8"))
                out.write(json.dumps({"id": f"long-{n}", "text": text, "language": lang, "published": "2020-01-01"},
                                     ensure_ascii=False) + "\n")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        run = subprocess.run([part.replace("{tmp}", tmp) for part in command] + [path], cwd=tmp, capture_output=True,
                             text=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    records = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    errors: dict[str, int] = {}
    for record in records:
        if "error" in record:
            errors[record["error"]["kind"]] = errors.get(record["error"]["kind"], 0) + 1
    return {"articles": count, "kb": round(total / 1000), "exit": run.returncode, "records": len(records),
            "errors": errors, "wall_s": round(wall, 1),
            "cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 1),
            "peak_rss_mb": round(after.ru_maxrss / 1024),
            "summary": next((line for line in run.stderr.splitlines() if line.startswith("read ")), None),
            "stderr_tail": run.stderr[-300:] if run.returncode else ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kb", type=int, nargs="*", default=[121, 243, 485])
    parser.add_argument("--language", default="en", choices=["en", "fr", "both"])
    parser.add_argument("--batch", type=int, metavar="N", help="one `chronique extract` over N long articles")
    parser.add_argument("--ingest", action="store_true", help="with --batch: `chronique ingest` into a new store")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: measure one size in this process
    args = parser.parse_args()
    if args.batch:
        command = [sys.executable, "-m", "chronique.cli"]
        if args.ingest:
            command += ["ingest", "--db", os.path.join("{tmp}", "bench.duckdb"), "--progress", "never"]
        else:
            command += ["extract", "--format", "jsonl", "--input-format", "jsonl"]
        print(json.dumps(measure_batch(args.batch, args.kb, args.language, command)))
        return
    if args.language == "both":
        parser.error("--language both is for --batch")
    if args.one is not None:
        print(json.dumps(measure_one(args.one, args.language)))
        return
    print(f"{'KB':>5} {'chronique s':>11} {'CPU s':>6} {'bare spaCy s':>12} {'bare/chronique':>14} {'peak RSS MB':>11}  error")
    for kb in args.kb:
        done = subprocess.run([sys.executable, __file__, "--one", str(kb), "--language", args.language],
                              capture_output=True, text=True, check=True)
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{kb:>5} {row['chronique_s']:>11.2f} {row['cpu_s']:>6.1f} {row['bare_spacy_s']:>12.2f} "
              f"{row['ratio_bare_over_chronique']:>14.3f} {row['peak_rss_mb']:>11}  {row['error']}", flush=True)


if __name__ == "__main__":
    main()
