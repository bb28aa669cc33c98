"""Peer suite: chronique on the PLOVER gold-standard records (``shared/data/plover_gsr``, CC BY-SA 4.0).

Usage: ``python bench/peer_plover_gsr.py [--data DIR] [--json OUT.json] [--show N] [--limit N]``

The 322 English sentences (CAMEO manual examples, hand-coded by Parus Analytics in PLOVER v0.5b1,
Copyright 2016 Open Event Data Alliance, CC BY-SA 4.0) are each run through chronique (language ``en``,
published = the record's date). Their v0.5b1 type names are mapped to the current 16 PLOVER types by
``OLD_TO_CURRENT`` below, which follows ``CAMEO2PLOVER-2021.txt`` (PLOVER manual draft 0.8):
DEMAND -> REQUEST, DISAPPROVE -> ACCUSE (mode disapprove), INVESTIGATE -> ACCUSE (mode investigate),
FIGHT -> ASSAULT; every other name is unchanged.

A chronique event's type is its ``plover`` field; when that is null it is looked up from its CAMEO code
in ``CAMEO2PLOVER-2021.txt`` (longest code prefix), else counted as "(none)". Negated events are ignored.

Measures (report only, no target):
- accuracy: share of sentences where chronique produced at least one event of the gold type;
- strict accuracy: the type of chronique's most confident event is the gold type;
- per gold type: count, accuracy, sentences with no event, and the most frequent wrong types of the
  most confident event (the confusion summary); the full confusion matrix goes to ``--json``.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "plover_gsr"
CURRENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                 "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# PLOVER v0.5b1 (GSR, 2016) -> current 16 types (CAMEO2PLOVER-2021 / PLOVER manual draft 0.8).
OLD_TO_CURRENT = {
    "AGREE": "AGREE", "CONSULT": "CONSULT", "SUPPORT": "SUPPORT", "CONCEDE": "CONCEDE",
    "COOPERATE": "COOPERATE", "AID": "AID", "RETREAT": "RETREAT", "REJECT": "REJECT",
    "THREATEN": "THREATEN", "PROTEST": "PROTEST", "SANCTION": "SANCTION", "MOBILIZE": "MOBILIZE",
    "COERCE": "COERCE", "ASSAULT": "ASSAULT",
    "DEMAND": "REQUEST",        # demands became requests with a mode
    "DISAPPROVE": "ACCUSE",     # mode "disapprove"
    "INVESTIGATE": "ACCUSE",    # mode "investigate"
    "FIGHT": "ASSAULT",         # armed combat merged into ASSAULT
}
NONE = "(none)"


def cameo_to_plover(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER type from CAMEO2PLOVER-2021.txt (code lines win over root headers)."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m and (len(m.group(1)) > 2 or m.group(1) not in table):
            table[m.group(1)] = m.group(2)
    return table


def event_type(event: dict, table: dict[str, str]) -> str:
    if event.get("plover"):
        return str(event["plover"]).upper()
    code = str(event.get("cameo") or "")
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return NONE


def load_records(data: Path) -> list[dict]:
    records = json.loads((data / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    return [r for r in records if r.get("event") and r["event"] != "DOCUMENT"]


def run(records: list[dict], table: dict[str, str]) -> dict:
    from chronique.pipeline import Pipeline

    pipeline = Pipeline(language="en")
    rows = []
    for rec in records:
        gold = OLD_TO_CURRENT[rec["event"]]
        try:
            published = date.fromisoformat(rec.get("date") or "")
        except ValueError:
            published = None
        result = pipeline.extract_text(rec["text"], published=published, language="en", id=rec["id"]).to_dict()
        events = [e for e in result["events"] if not e.get("negated")]
        types = [event_type(e, table) for e in events]
        best = max(range(len(events)), key=lambda i: (events[i].get("confidence") or 0, -i)) if events else None
        rows.append({"id": rec["id"], "gold_v05": rec["event"], "gold": gold, "predicted": types,
                     "primary": types[best] if best is not None else NONE, "hit": gold in types,
                     "error": result.get("error"),
                     "cameo": [e.get("cameo") for e in events]})
    return summarize(rows)


def summarize(rows: list[dict]) -> dict:
    per_type: dict[str, Counter] = defaultdict(Counter)
    confusion: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        c = per_type[r["gold"]]
        c["n"] += 1
        c["hit"] += r["hit"]
        c["strict"] += r["primary"] == r["gold"]
        c["no_event"] += not r["predicted"]
        confusion[r["gold"]][r["primary"]] += 1
    n = len(rows)
    accs = [c["hit"] / c["n"] for c in per_type.values() if c["n"]]
    return {
        "sentences": n,
        "accuracy": sum(r["hit"] for r in rows) / n if n else None,
        "strict_accuracy": sum(r["primary"] == r["gold"] for r in rows) / n if n else None,
        "macro_accuracy": sum(accs) / len(accs) if accs else None,
        "no_event": sum(not r["predicted"] for r in rows),
        "events_produced": sum(len(r["predicted"]) for r in rows),
        "extraction_errors": sum(bool(r["error"]) for r in rows),
        "per_type": {k: dict(per_type[k]) for k in CURRENT_TYPES if k in per_type},
        "confusion": {k: dict(confusion[k]) for k in CURRENT_TYPES if k in confusion},
        "rows": rows,
    }


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{x:6.1%}"


def format_summary(out: dict, show: int) -> str:
    lines = [f"PLOVER GSR: {out['sentences']} sentences, {out['events_produced']} events produced by chronique, "
             f"{out['no_event']} sentences with no event, {out['extraction_errors']} extraction errors",
             f"  event-type accuracy (gold type among chronique's events)  {_pct(out['accuracy'])}",
             f"  strict accuracy (most confident event has the gold type)  {_pct(out['strict_accuracy'])}",
             f"  macro accuracy over gold types                            {_pct(out['macro_accuracy'])}",
             "", "gold type      n   hit  accuracy  strict  no event   most confident event instead"]
    for t, c in out["per_type"].items():
        wrong = Counter({k: v for k, v in out["confusion"][t].items() if k != t})
        conf = ", ".join(f"{k} {v}" for k, v in wrong.most_common(3))
        lines.append(f"  {t:<10} {c['n']:>4} {c.get('hit', 0):>5}  {_pct(c.get('hit', 0) / c['n'])}  "
                     f"{_pct(c.get('strict', 0) / c['n'])}  {c.get('no_event', 0):>6}    {conf}")
    wrong_rows = [r for r in out["rows"] if not r["hit"] and r["predicted"]]
    lines += ["", f"sentences with events but not of the gold type ({min(show, len(wrong_rows))} of {len(wrong_rows)})"]
    for r in wrong_rows[:show]:
        lines.append(f"  {r['id']:<28} gold {r['gold']:<9} got {', '.join(f'{t} ({c})' for t, c in zip(r['predicted'], r['cameo']))}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--json", type=Path, help="write the full results (per sentence, confusion matrix) here")
    ap.add_argument("--show", type=int, default=20, help="wrong-type sentences to list (default 20)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N records (quick look)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    records = load_records(args.data)
    unknown = {r["event"] for r in records} - set(OLD_TO_CURRENT)
    if unknown:
        print(f"unmapped PLOVER v0.5 types: {sorted(unknown)}", file=sys.stderr)
        return 2
    records = records[: args.limit] if args.limit else records
    out = run(records, cameo_to_plover(args.data / "CAMEO2PLOVER-2021.txt"))
    print(format_summary(out, args.show))
    if args.json:
        out["licence"] = "derived from PLOVER GSR, CC BY-SA 4.0, Copyright 2016 Open Event Data Alliance"
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
