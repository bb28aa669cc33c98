"""``chronique whois NAME [--date D]``: what the actor knowledge base knows of a name (see ``chronique.kb``)."""
from __future__ import annotations

import argparse
import json
from datetime import date

from .kb import KBEntry, matched_rows, whois

MAX_ROLES = 12
MAX_FORMS = 20


def register(subparsers: argparse._SubParsersAction) -> None:
    from .cli import _iso_date

    p = subparsers.add_parser(
        "whois", help="look a name up in the actor knowledge base",
        description="Print every entry of the actor knowledge base a name may be (accents, case, hyphens, a "
                    "possessive 's and titles ignored; person names also by transliteration): its id, forms, "
                    "country, sector, role on --date, and the file and row each part comes from. Exit 1: unknown.")
    p.add_argument("name", help='a name, acronym or form: "Cédéao", "Tokaïev", "le Kremlin"')
    p.add_argument("--date", type=_iso_date, default=None, help="YYYY-MM-DD: the role held that day")
    p.add_argument("--json", action="store_true", help="print the entries as JSON")
    p.set_defaults(handler=cmd_whois)


def cmd_whois(args: argparse.Namespace) -> int:
    found = whois(args.name, args.date)
    if args.json:
        print(json.dumps([e.to_dict(args.date) for e in found], ensure_ascii=False, indent=2))
    elif not found:
        print(f"{args.name}: not in the knowledge base")
    else:
        print("\n\n".join(render_entry(e, args.date, matched_rows(args.name, e)) for e in found))
    return 0 if found else 1


def render_entry(entry: KBEntry, day: date | None, matched: list[str] = ()) -> str:
    lines = [f"{entry.name}  [{entry.kind}{'/' + entry.org_kind if entry.org_kind else ''}]  id={entry.kb_id}"]
    if entry.candidates:
        lines.append("  ambiguous: may be " + " | ".join(entry.candidates) + " (the resolver maps it to none)")
    if entry.country or entry.sector:
        lines.append(f"  country: {entry.country or '-'}   sector: {entry.sector or '-'}")
    if entry.forms:
        more = f" (+{len(entry.forms) - MAX_FORMS} more)" if len(entry.forms) > MAX_FORMS else ""
        lines.append("  forms: " + " | ".join(entry.forms[:MAX_FORMS]) + more)
    if entry.names_other:
        lines.append("  other languages: " + " | ".join(entry.names_other))
    if matched and entry.kind == "country":
        lines.append("  matched: " + ", ".join(matched))
    if entry.kind == "person":
        if day is not None:
            on_day = entry.roles_on(day)
            held = "; ".join(f"{r.role or '-'} ({r.country}, {r.sector or '-'}) from {r.source}" for r in on_day)
            lines.append(f"  on {day.isoformat()}: {held or 'no role known that day'}")
        lines.append("  roles:")
        shown = entry.roles[-MAX_ROLES:]
        if len(entry.roles) > len(shown):
            lines.append(f"    ... {len(entry.roles) - len(shown)} older rows")
        for r in shown:
            period = f"{r.valid_from.isoformat() if r.valid_from else '?'} .. {r.valid_to.isoformat() if r.valid_to else 'now'}"
            lines.append(f"    {period:<24} {r.role or '-':<18} {r.country} {r.sector or '-':<4} {r.source}")
    elif entry.kind != "country" or not matched:
        sources = entry.sources[:MAX_FORMS]
        lines.append("  from: " + ", ".join(sources) + (f" (+{len(entry.sources) - len(sources)} more)" if len(entry.sources) > len(sources) else ""))
    return "\n".join(lines)
