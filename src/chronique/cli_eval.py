"""``chronique eval GOLD_DIR``: score extraction against a gold set (see ``chronique.evaluate``).

The scoring lives in ``chronique.evaluate``; this module reads the command line, prints the report
as a text table (``format_report``) or JSON, and reads saved predictions (``load_predictions``).
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from .errors import EvalError
from .evaluate import EvalReport, GroupScores, error_causes, load_gold, run_eval, score_articles


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "eval", help="score extraction against a gold set (P/R/F1 per language and CAMEO root)",
        description="Run extraction on every article of GOLD_DIR (format of shared/gold/dev, see its README) "
                    "and print event precision/recall/F1 overall, per language and per CAMEO root, lead-event "
                    "recall, date, modality and quote scores, the confidence calibration, then misses and "
                    "false positives with their sentences.")
    p.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of gold articles (*.json)")
    p.add_argument("--langs", default=None, help="comma-separated languages to keep, e.g. fr,en (default: all)")
    p.add_argument("--json", action="store_true", help="print the full report as JSON")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="C",
                   help="score only events with confidence >= C (the operating point an analyst would filter at)")
    p.add_argument("--misses", type=int, default=20, metavar="N",
                   help="misses, false positives and quote misses listed in the table (default 20)")
    p.add_argument("--predictions", metavar="FILE", default=None,
                   help="score these contract records (JSON Lines from `chronique extract --include-text`, "
                        "article.id = gold id) instead of running extraction")
    p.set_defaults(handler=cmd_eval)


def cmd_eval(args: argparse.Namespace) -> int:
    langs = [x.strip() for x in args.langs.split(",") if x.strip()] if args.langs else None
    if args.misses < 0:
        raise EvalError("--misses must be >= 0")
    if args.predictions:
        try:
            predicted = load_predictions(args.predictions)
        except (OSError, ValueError) as exc:
            raise EvalError(f"cannot read predictions {args.predictions}: {exc}") from exc
        gold = load_gold(args.gold_dir, langs)
        missing = {"error": {"kind": "missing", "message": "no prediction for this article"}}
        report = score_articles(((g, predicted.get(g.id, missing)) for g in gold), gold_dir=args.gold_dir)
    else:
        from .pipeline import Pipeline

        report = run_eval(args.gold_dir, langs, pipeline=Pipeline(min_confidence=args.min_confidence))
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_report(report, misses=args.misses))
    return 0


def load_predictions(path: str | Path) -> dict[str, dict[str, Any]]:
    """Contract records (JSON Lines, or one JSON array/object) keyed by ``article.id``."""
    raw = Path(path).read_text(encoding="utf-8")
    try:
        data = json.loads(raw)
        records = data if isinstance(data, list) else [data]
    except json.JSONDecodeError:
        records = [json.loads(line) for line in raw.splitlines() if line.strip()]
    return {str((r.get("article") or {}).get("id")): r for r in records}


def _f(x: float | None) -> str:
    return f"{'-':>6}" if x is None else f"{x:6.3f}"


_GROUP_HEADER = (f"{'slice':<6} {'arts':>4} {'gold':>5} {'pred':>5} {'TP':>4} " + " ".join(
    f"{h:>6}" for h in ("prec", "recall", "F1", "lead", "date", "date*", "modal", "q_rec", "q_prec")))
_ROOT_HEADER = (f"{'root':<4} {'name':<34} {'gold':>5} {'pred':>5} {'TP':>4} "
                + " ".join(f"{h:>6}" for h in ("prec", "recall", "F1")))


def _group_line(g: GroupScores) -> str:
    e = g.events
    return (f"{g.name:<6} {g.articles:>4} {e.support:>5} {e.tp + e.fp:>5} {e.tp:>4} {_f(e.precision)} "
            f"{_f(e.recall)} {_f(e.f1)} {_f(g.lead.value)} {_f(g.date.value)} {_f(g.date_all.value)} "
            f"{_f(g.modality.value)} {_f(g.quote_recall.value)} {_f(g.quote_precision.value)}")


def _cut(text: str | None, width: int) -> str:
    text = " ".join((text or "-").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_report(report: EvalReport, misses: int = 20) -> str:
    """A readable table: overall, per language, per root, calibration, then misses and false positives."""
    o = report.overall
    lines = [f"chronique eval  {report.gold_dir}  languages: {', '.join(report.languages)}  "
             f"articles: {o.articles}  gold events: {o.events.support}  predicted: {o.events.tp + o.events.fp}"
             + (f"  (negated, ignored: {o.negated_ignored})" if o.negated_ignored else ""), "",
             _GROUP_HEADER]
    lines += [_group_line(o)] + [_group_line(report.by_language[k]) for k in report.languages]
    lines.append(f"  date: {o.date.hits}/{o.date.total} matched pairs with a gold date; date* (all pairs): "
                 f"{o.date_all.hits}/{o.date_all.total} (both null = right); lead: {o.lead.hits}/{o.lead.total}; "
                 f"quotes: {o.quote_recall.hits}/{o.quote_recall.total}")
    for name, figures in report.actors.items():
        if figures.parties:
            lines.append(f"  actors ({name}): country recall {_f(figures.country_recall).strip()} "
                         f"({figures.parties_found}/{figures.parties} gold parties whose country an actor named in the "
                         f"evidence sentence has); persons, groups and organizations without a country "
                         f"{_f(figures.without_country).strip()} ({figures.unplaced}/{figures.placeable})")
    lines += ["", _ROOT_HEADER]
    for r in report.by_root:
        e = r.events
        lines.append(f"{r.root:<4} {_cut(r.name, 34):<34} {e.support:>5} {e.tp + e.fp:>5} {e.tp:>4} "
                     f"{_f(e.precision)} {_f(e.recall)} {_f(e.f1)}")
    lines += ["", f"{'confidence':<15} {'events':>6} {'correct':>8}  {'precision':>6}"]
    for b in report.calibration:
        lines.append(f"{b.label():<15} {b.count:>6} {b.correct:>8}  {_f(b.precision)}")
    causes = error_causes(report)
    if causes:
        lines += ["", "error causes"] + [f"  {n:>4}  {c}" for c, n in causes.most_common()]
    if report.errors:
        lines += ["", f"extraction errors ({len(report.errors)}):"]
        lines += [f"  {k}: {v}" for k, v in report.errors.items()]
    for title, diffs in (("misses", report.misses), ("false positives", report.false_positives)):
        lines += ["", f"{title} ({min(misses, len(diffs))} of {len(diffs)} shown)"]
        for d in diffs[:misses]:
            conf = f" conf={d.confidence:.2f}" if d.confidence is not None else ""
            lines.append(f"  {d.article} {d.cameo:<5} {d.source} → {d.target}  "
                         f"[{d.modality or '-'} {d.date or '-'}{conf}]  {d.cause}" + (f" ({d.note})" if d.note else ""))
            lines.append(f"      «{_cut(d.sentence, 150)}»")
    unresolved = report.actors["all"].unresolved if "all" in report.actors else []
    if unresolved:
        counts = Counter((u.name, u.kind) for u in unresolved)
        lines += ["", f"actors without a country ({min(misses, len(counts))} of {len(counts)} names shown, most frequent first)"]
        lines += [f"  {n:>3}  {_cut(name, 50):<50} {kind}" for (name, kind), n in counts.most_common(misses)]
    qm = report.quote_misses
    lines += ["", f"quote misses ({min(misses, len(qm))} of {len(qm)} shown)"]
    lines += [f"  {q.article} {_cut(q.speaker, 24):<24} «{_cut(q.starts_with, 60)}»  {q.note}" for q in qm[:misses]]
    return "\n".join(lines)
