"""Peer suite: chronique on the PETRARCH-2 unit-test sentences (``shared/data/petrarch2_unit_tests``, MIT).

Usage: ``python bench/peer_petrarch2.py [--data DIR] [--json OUT.json] [--show N] [--limit N] [--drop-news]``

Each English sentence is run through chronique (language ``en``, published = the record's date) with
chronique's own actor knowledge; the expected (source, target, eventcode) triples are compared with
what it produced for that sentence. PETRARCH's expected codes are only right relative to its toy
validation dictionaries, so every expected triple is put in one bucket:

- ``non_cameo``: the event code is not CAMEO (roots outside 01-20, e.g. 212, 345, 90x: old WEIS codes
  of ``PETR.Validate.verbs.txt``); not scored.
- ``toy``: an actor code exists only in ``PETR.Validate.actors.txt`` (fictional states such as ARN
  Arnor, GON Gondor; dictionary-specific codes for real places such as UAR for Egypt, KUW for Kuwait;
  ISO-looking codes given to fictional entities: ERI = Eriador, FRO = Frodo; free-text actors such as
  "THE MINISTRY OF MAGIC"). Root agreement is reported for them, apart.
- ``country``: both actors carry a real ISO 3166 alpha-3 prefix (or IGO);
- ``no_country``: an actor is an agent with no country (``---GOV``) or a transnational non-state code
  (NGO, NGM, IMG).

Measures (report only, no target):
- root agreement: share of expected triples whose CAMEO root chronique produced for that sentence;
- actor agreement (``country`` bucket): share whose root *and* source/target countries chronique
  produced (strict direction, and either order);
- no-event records: share where chronique produced no event; error records (dateline, discard) are
  skipped; per PETRARCH category.
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
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "petrarch2_unit_tests"
CAMEO_ROOTS = {f"{i:02d}" for i in range(1, 21)}
# Real ISO 3166 alpha-3 codes that the toy dictionary gives to fictional entities.
ISO_COLLISIONS = {"ERI": "ERIADOR (Tolkien), not Eritrea", "FRO": "THE_SHIRE / Frodo, not the Faroe Islands"}
NON_STATE_PREFIXES = {"---", "NGO", "NGM", "IMG"}
# Record ids taken from AFP/Gigaword or otherwise real news (README); --drop-news leaves them out.
NEWS_IDS = {"AFP080801M008-2", "AFP0808020593-1a", "AFP0808020593-1b", "AFP0808011903-3", "AFP0808010343-2",
            "AFP0808010092-5", "AFP0808010569-6", "AFP0808010625-6", "AFP0909010096-4",
            "TextCodes-1", "TextCodes-2", "ERROR-01"}


def iso3_codes() -> set[str]:
    from importlib.resources import files

    table = (files("chronique") / "data" / "geo" / "countries.tsv").read_text(encoding="utf-8")
    return {line.split("\t")[0] for line in table.splitlines() if line and not line.startswith("#")}


def toy_dictionary_codes(path: Path) -> dict[str, list[str]]:
    """3-letter code prefix -> names of the toy actor-dictionary entries carrying it."""
    names: dict[str, list[str]] = defaultdict(list)
    name = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text = line.split("#")[0].rstrip()
        if not text.strip() or text.startswith("<"):
            continue
        if not text[0].isspace() and not text.startswith("+"):
            name = text.split("[")[0].strip()
        for code in re.findall(r"\[([^\]\s]+)", text):
            for part in code.split("/"):
                if name and name not in names[part[:3].upper()]:
                    names[part[:3].upper()].append(name)
    return names


class ActorClassifier:
    def __init__(self, iso3: set[str], toy_names: dict[str, list[str]]):
        self.real = (iso3 - set(ISO_COLLISIONS)) | {"IGO"}
        self.toy_names = toy_names

    def kind(self, code: str) -> str:
        """country | no_country | toy."""
        if not re.fullmatch(r"[A-Z#+\-]{3}[A-Z0-9]*", code):
            return "toy"  # free-text actor ("THE MINISTRY OF MAGIC") or malformed code
        chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
        if any(c in self.toy_names and c not in self.real and c not in NON_STATE_PREFIXES for c in chunks[1:]):
            return "toy"  # e.g. NGOARN: an NGO of Arnor
        if chunks[0] in self.real:
            return "country"
        return "no_country" if chunks[0] in NON_STATE_PREFIXES else "toy"

    def toy_part(self, code: str) -> str:
        """The part of a toy code that only the toy dictionary knows (its 3-letter chunk, or the free text)."""
        if " " in code or not re.fullmatch(r"[A-Z#+\-]{3}[A-Z0-9]*", code):
            return code
        chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
        return next((c for c in chunks if c not in self.real and c not in NON_STATE_PREFIXES), chunks[0])

    def country(self, code: str) -> str | None:
        return code[:3] if self.kind(code) == "country" else None


def bucket(triple: dict, cls: ActorClassifier) -> str:
    if triple["eventcode"][:2] not in CAMEO_ROOTS:
        return "non_cameo"
    kinds = {cls.kind(triple["source"]), cls.kind(triple["target"])}
    if "toy" in kinds:
        return "toy"
    return "no_country" if "no_country" in kinds else "country"


def run(records: list[dict], cls: ActorClassifier) -> dict:
    from chronique.pipeline import Pipeline

    pipeline = Pipeline(language="en")
    rows, per_cat = [], defaultdict(Counter)
    totals = Counter()
    for rec in records:
        if rec.get("expected_error"):
            totals["error_records_skipped"] += 1
            continue
        published = date(int(rec["date"][:4]), int(rec["date"][4:6]), int(rec["date"][6:8]))
        result = pipeline.extract_text(rec["text"], published=published, language="en", id=rec["id"]).to_dict()
        events = result["events"]
        produced = [(e["cameo_root"], e["source"].get("country"), (e.get("target") or {}).get("country"),
                     e["cameo"]) for e in events if not e.get("negated")]
        roots = {p[0] for p in produced}
        cat = per_cat[rec["category"]]
        cat["sentences"] += 1
        cat["produced"] += len(produced)
        totals["sentences"] += 1
        totals["produced_events"] += len(produced)
        if result.get("error"):
            totals["extraction_errors"] += 1
        if rec["expect_no_events"]:
            cat["no_event_records"] += 1
            cat["no_event_ok"] += not produced
            totals["no_event_records"] += 1
            totals["no_event_ok"] += not produced
        for t in rec["expected_events"]:
            b = bucket(t, cls)
            root = t["eventcode"][:2]
            root_ok = root in roots
            totals[f"{b}_triples"] += 1
            totals[f"{b}_root_ok"] += b != "non_cameo" and root_ok
            if b != "non_cameo":
                cat["triples"] += 1
                cat["root_ok"] += root_ok
            strict = either = None
            if b == "country":
                src, tgt = cls.country(t["source"]), cls.country(t["target"])
                strict = any(p[:3] == (root, src, tgt) for p in produced)
                either = strict or any(p[:3] == (root, tgt, src) for p in produced)
                totals["country_actor_ok"] += strict
                totals["country_actor_either_ok"] += either
            rows.append({"id": rec["id"], "category": rec["category"], "bucket": b, "expected": t,
                         "root_ok": root_ok if b != "non_cameo" else None, "actors_ok": strict,
                         "actors_either_order_ok": either,
                         "produced": [{"cameo": p[3], "source": p[1], "target": p[2]} for p in produced]})
    return {"totals": dict(totals), "per_category": {k: dict(v) for k, v in sorted(per_cat.items())}, "triples": rows}


def share(a: int, b: int) -> str:
    return f"{a:>4}/{b:<4} {a / b:6.1%}" if b else f"{a:>4}/{b:<4}    -  "


def format_summary(out: dict, cls: ActorClassifier, show: int) -> str:
    t = Counter(out["totals"])
    scored = t["country_triples"] + t["no_country_triples"] + t["toy_triples"]
    ok = t["country_root_ok"] + t["no_country_root_ok"] + t["toy_root_ok"]
    lines = [f"PETRARCH-2 unit tests: {t['sentences']} sentences run, {t['error_records_skipped']} error records "
             f"skipped, {t['produced_events']} events produced by chronique, {t['extraction_errors']} extraction errors",
             "",
             "expected triples                                   root agreement",
             f"  all CAMEO-coded                                   {share(ok, scored)}",
             f"  country-based (real ISO3 / IGO actors)            {share(t['country_root_ok'], t['country_triples'])}",
             f"  agent without country / non-state                 {share(t['no_country_root_ok'], t['no_country_triples'])}",
             f"  toy-dictionary actors (fictional, local codes)    {share(t['toy_root_ok'], t['toy_triples'])}",
             f"  non-CAMEO event codes (WEIS), not scored          {t['non_cameo_triples']:>4}",
             "",
             f"country-based triples, root + countries, strict     {share(t['country_actor_ok'], t['country_triples'])}",
             f"country-based triples, root + countries, any order  {share(t['country_actor_either_ok'], t['country_triples'])}",
             f"no-event records with no event produced             {share(t['no_event_ok'], t['no_event_records'])}",
             "", "category     sentences  CAMEO triples  root agreement      produced"]
    for name, c in out["per_category"].items():
        lines.append(f"  {name:<12} {c.get('sentences', 0):>7} {c.get('triples', 0):>10}      "
                     f"{share(c.get('root_ok', 0), c.get('triples', 0))}   {c.get('produced', 0):>6}")
    toy_codes = Counter()
    for row in out["triples"]:
        if row["bucket"] == "toy":
            for side in ("source", "target"):
                code = row["expected"][side]
                if cls.kind(code) == "toy":
                    toy_codes[cls.toy_part(code)] += 1
    lines += ["", "expected actor codes that exist only in PETRARCH's toy dictionaries "
              "(code prefix, dictionary entries, uses in expected triples):"]
    for code, n in toy_codes.most_common():
        default = ["free-text actor"] if " " in code else ["code of no actor-dictionary entry"]
        names = "/".join(cls.toy_names.get(code, default)[:3])
        clash = f"  ISO3 clash: {ISO_COLLISIONS[code]}" if code in ISO_COLLISIONS else ""
        lines.append(f"  {code:<36} {n:>4}  {names}{clash}")
    misses = [r for r in out["triples"] if r["bucket"] in ("country", "no_country") and not r["root_ok"]]
    lines += ["", f"root disagreements on non-toy triples ({min(show, len(misses))} of {len(misses)} shown)"]
    for r in misses[:show]:
        e = r["expected"]
        got = ", ".join(f"{p['cameo']} {p['source']}→{p['target']}" for p in r["produced"]) or "nothing"
        lines.append(f"  {r['id']:<18} expected {e['eventcode']:<5} {e['source'] + '→' + e['target']:<22} got {got}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--json", type=Path, help="write the full results (every expected triple) here")
    ap.add_argument("--show", type=int, default=25, help="disagreements to list (default 25)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N records (quick look)")
    ap.add_argument("--drop-news", action="store_true", help="leave out the records taken from real news")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    records = [json.loads(line) for line in (args.data / "unit_tests.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip()]
    if args.drop_news:
        records = [r for r in records if r["id"] not in NEWS_IDS]
    records = records[: args.limit] if args.limit else records
    cls = ActorClassifier(iso3_codes(), toy_dictionary_codes(args.data / "PETR.Validate.actors.txt"))
    out = run(records, cls)
    print(format_summary(out, cls, args.show))
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
