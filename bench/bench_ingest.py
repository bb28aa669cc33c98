"""Ingest benchmark (issue 4). Figures go in the closing note; nothing here asserts timings.

Builds N articles from the dev-set texts (ids varied), then measures in the same run:
  * a bare spaCy ``nlp.pipe`` over the same paragraphs (the floor cost of parsing),
  * single-process ``ingest`` (articles/s, and its ratio to the bare parse; target >= 0.8), both warm
    (models, and for chronique its lexicons and gazetteer, loaded before the clock starts),
  * ``--workers 2`` and a 2-worker Dask LocalCluster (speed-up; target >= 1.7x), against the warm
    single-process run and, like for like, against a single-process run that loads its models inside
    the timing too (``*_both_cold``: the time a fresh process takes to load them is measured apart),
  * each timed mode ``--repeat`` times (default 2; bare and single take turns) and the fastest run
    reported, as timeit does: on a shared machine a slower run measures the neighbours,
  * peak RSS per worker process (target <= 1 GB), and RSS of a single-process ingest sampled
    along a long run (memory flat over 10,000 articles),
  * dedup pairwise precision/recall on the gold clusters (gold events as mentions, and the
    real pipeline's mentions).

    .venv/bin/python bench/bench_ingest.py            # 2,000 articles, 10,000 for memory
    .venv/bin/python bench/bench_ingest.py --quick    # 60 articles, 200 for memory
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
GOLD_DEV = ROOT.parent / "shared" / "gold" / "dev"

from chronique import dedup  # noqa: E402
from chronique.store import Store  # noqa: E402


def build_corpus(path: Path, n: int) -> list[dict]:
    docs = [json.loads(Path(f).read_text(encoding="utf-8")) for f in sorted(glob.glob(str(GOLD_DEV / "dev-*.json")))]
    records = []
    for i in range(n):
        d = docs[i % len(docs)]
        records.append({"id": f"{d['id']}-{i:06d}", "text": d["text"], "published": d["published"],
                        "language": d["language"], "url": d["url"]})
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return records


class RssSampler:
    """Peak RSS of this process and each of its descendants, sampled every 0.2 s."""

    def __init__(self):
        self.peaks: dict[int, int] = {}
        self.series: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        me = psutil.Process()
        start = time.perf_counter()
        while not self._stop.is_set():
            for p in [me, *me.children(recursive=True)]:
                try:
                    rss = p.memory_info().rss
                except psutil.Error:
                    continue
                self.peaks[p.pid] = max(self.peaks.get(p.pid, 0), rss)
            self.series.append((time.perf_counter() - start, me.memory_info().rss))
            time.sleep(0.2)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def worker_peaks_mb(self) -> list[float]:
        me = os.getpid()
        return sorted(round(v / 2**20, 1) for pid, v in self.peaks.items() if pid != me)


def bare_parse(records: list[dict]) -> float:
    """Articles/s of spaCy alone over the same texts, each language's model on its own articles."""
    from chronique import nlp

    by_lang: dict[str, list[str]] = {}
    for r in records:
        by_lang.setdefault(r["language"], []).append(r["text"])
    models = {lang: nlp.load_model(lang) for lang in by_lang}
    start = time.perf_counter()
    for lang, texts in by_lang.items():
        for _ in models[lang].pipe(texts, batch_size=32):
            pass
    return len(records) / (time.perf_counter() - start)


def cold_start_seconds() -> float:
    """Wall time a fresh process needs to import chronique and load its models, lexicons and gazetteer:
    what a single-process ``chronique ingest`` pays before its first article (the parallel modes pay it in
    their workers, inside their timing)."""
    import subprocess

    code = "from chronique.pipeline import Pipeline; Pipeline().warm()"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return time.perf_counter() - start


def timed_ingest(corpus: Path, workdir: Path, name: str, **kwargs) -> dict:
    db = workdir / f"{name}.duckdb"
    with RssSampler() as rss, Store(db) as store:
        start = time.perf_counter()
        report = store.ingest([str(corpus)], **kwargs)
        seconds = time.perf_counter() - start
    return {"mode": name, "articles": report.read, "stored": report.stored, "failed": report.failed,
            "seconds": round(seconds, 2), "articles_per_s": round(report.read / seconds, 2),
            "parent_peak_rss_mb": round(rss.peaks.get(os.getpid(), 0) / 2**20, 1),
            "worker_peak_rss_mb": rss.worker_peaks_mb()}


def memory_run(corpus: Path, workdir: Path) -> dict:
    with RssSampler() as rss, Store(workdir / "memory.duckdb") as store:
        report = store.ingest([str(corpus)])
    series = rss.series
    tenth = max(1, len(series) // 10)
    return {"articles": report.read, "rss_mb_first_tenth": round(max(s for _, s in series[:tenth]) / 2**20, 1),
            "rss_mb_last_tenth": round(max(s for _, s in series[-tenth:]) / 2**20, 1),
            "rss_mb_deciles": [round(series[min(len(series) - 1, i * tenth)][1] / 2**20, 1) for i in range(10)]}


def dedup_scores(workdir: Path) -> dict:
    docs = [json.loads(Path(f).read_text(encoding="utf-8")) for f in sorted(glob.glob(str(GOLD_DEV / "dev-*.json")))]
    mentions, truth = dedup.gold_mentions(docs)
    gold = dedup.pairwise_score(dedup.merge(mentions), truth).to_dict()
    # the real pipeline: a merged pair is right when both articles are of one cluster and each
    # mention matches (root and block key) a gold event of its article that the truth pairs together
    corpus = workdir / "dev.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({k: d[k] for k in ("id", "text", "published", "language", "url")},
                                ensure_ascii=False) + "\n")
    with Store(workdir / "dev.duckdb") as store:
        store.ingest([str(corpus)])
        rows = store.sql("SELECT article_id, event_id, block_key, event_uid FROM mentions")
    gold_label = {(m.article_id, m.block_key): truth[m.key] for m in mentions}
    assigned = {(r.article_id, r.event_id): r.event_uid for r in rows.itertuples()}
    pipeline_truth = {(r.article_id, r.event_id): gold_label.get((r.article_id, r.block_key))
                      for r in rows.itertuples()}
    pipe = dedup.pairwise_score(assigned, pipeline_truth).to_dict()
    pipe["mentions"] = len(rows)
    pipe["note"] = "recall counts only pipeline mentions matching a gold event's root and dyad"
    return {"gold_events_as_mentions": gold, "pipeline_mentions": pipe}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a small run (60 articles, 200 for memory)")
    ap.add_argument("--articles", type=int, default=None)
    ap.add_argument("--memory-articles", type=int, default=None)
    ap.add_argument("--skip", nargs="*", default=[], choices=["bare", "single", "workers", "dask", "memory", "dedup"])
    ap.add_argument("--repeat", type=int, default=2, help="runs of each timed mode; the fastest is reported")
    ap.add_argument("--out", help="write the figures as JSON here too")
    args = ap.parse_args(argv)
    # "is None", not "or": "--memory-articles 0" means no memory run, not the 10,000-article default
    n = args.articles if args.articles is not None else (60 if args.quick else 2000)
    n_memory = args.memory_articles if args.memory_articles is not None else (200 if args.quick else 10000)
    results: dict = {"articles": n, "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        records = build_corpus(corpus, n)
        # Each mode runs --repeat times, bare parse and single ingest taking turns, and the fastest run of
        # each is reported (as timeit does): on a shared machine, a slow run measures the neighbours.
        bare_runs: list[float] = []
        runs: dict[str, list[dict]] = {"single": [], "workers2": [], "dask2": []}
        if "single" not in args.skip:
            # Timed warm, like the bare parse (whose models are loaded before its clock starts): models,
            # lexicons and gazetteer are loaded first. The parallel modes below load theirs in their
            # workers, inside the timing, as a real run does.
            from chronique.pipeline import Pipeline

            Pipeline().warm()
        for attempt in range(args.repeat):
            if "bare" not in args.skip:
                bare_runs.append(round(bare_parse(records), 2))
            if "single" not in args.skip:
                runs["single"].append(timed_ingest(corpus, work, f"single{attempt}"))
        for attempt in range(args.repeat):
            if "workers" not in args.skip:
                runs["workers2"].append(timed_ingest(corpus, work, f"workers2-{attempt}", workers=2))
            if "dask" not in args.skip:
                runs["dask2"].append(timed_ingest(corpus, work, f"dask2-{attempt}", workers=2, dask="local"))
        if bare_runs:
            results["bare_spacy_articles_per_s"] = max(bare_runs)
            results["bare_spacy_runs"] = bare_runs
        for mode, done in runs.items():
            if done:
                results[mode] = {**max(done, key=lambda r: r["articles_per_s"]), "mode": mode,
                                 "runs_articles_per_s": [r["articles_per_s"] for r in done]}
        single = results.get("single", {}).get("articles_per_s")
        if single and results.get("bare_spacy_articles_per_s"):
            results["ratio_single_to_bare_parse"] = round(single / results["bare_spacy_articles_per_s"], 3)
        for mode in ("workers2", "dask2"):
            if single and mode in results:
                results[f"speedup_{mode}"] = round(results[mode]["articles_per_s"] / single, 2)
        if "single" in results and any(mode in results for mode in ("workers2", "dask2")):
            # like for like: a single-process run that also loads its models inside the timing, as the
            # parallel modes do in their workers
            results["single"]["cold_start_s"] = round(cold_start_seconds(), 2)
            single_cold = results["single"]["seconds"] + results["single"]["cold_start_s"]
            for mode in ("workers2", "dask2"):
                if mode in results:
                    results[f"speedup_{mode}_both_cold"] = round(single_cold / results[mode]["seconds"], 2)
        if "memory" not in args.skip and n_memory > 0:
            mem_corpus = work / "memory.jsonl"
            build_corpus(mem_corpus, n_memory)
            results["memory"] = memory_run(mem_corpus, work)
        if "dedup" not in args.skip:
            results["dedup"] = dedup_scores(work)
    text = json.dumps(results, indent=2)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
