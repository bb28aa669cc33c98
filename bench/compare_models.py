"""Score French extraction with fr_core_news_sm and fr_core_news_md on the dev set, same run.
Usage: python bench/compare_models.py [GOLD_DIR]"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from chronique import nlp
from chronique.evaluate import run_eval

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    gold = sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared" / "gold" / "dev")
    print(f"{'model':<18} {'P':>6} {'R':>6} {'F1':>6} {'lead':>6} {'quotes':>7} {'seconds':>8}")
    for model in ("fr_core_news_sm", "fr_core_news_md"):
        nlp.MODELS["fr"] = model
        nlp.load_model.cache_clear()
        start = time.perf_counter()
        report = run_eval(gold, langs=["fr"]).to_dict()
        overall = report["overall"]
        ev = overall["events"]
        print(f"{model:<18} {ev['precision'] or 0:>6.3f} {ev['recall'] or 0:>6.3f} {ev['f1'] or 0:>6.3f} "
              f"{(overall['lead_recall'] or {}).get('value') or 0:>6.3f} {(overall['quote_recall'] or {}).get('value') or 0:>7.3f} "
              f"{time.perf_counter() - start:>8.1f}")


if __name__ == "__main__":
    main()
