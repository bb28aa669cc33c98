"""The reference article end to end (issue 2's acceptance checks), read from ../shared/seed."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SEED

pytestmark = pytest.mark.shared


def _events(result, root=None, **party):
    out = []
    for e in result.events:
        if root and not e.cameo.startswith(root):
            continue
        out.append(e)
    return out


def _names(party):
    return party.name if party else None


def test_meeting_wang_tokayev(seed_result):
    text = seed_result.text
    meetings = [e for e in _events(seed_result, "04")
                if {_names(e.source), _names(e.target)} == {"Wang Qishan", "Kassym-Jomart Tokayev"}
                and "a rencontré" in e.sentence.text]
    assert meetings, [(e.source.name, e.target and e.target.name, e.cameo) for e in seed_result.events]
    # a meeting goes both ways: Xi's earlier visit to Kazakhstan, by the same two states, is another event
    assert {(e.source.name, e.target.name) for e in meetings} == {("Wang Qishan", "Kassym-Jomart Tokayev"),
                                                                  ("Kassym-Jomart Tokayev", "Wang Qishan")}
    e = meetings[0]
    parties = {e.source.name: e.source, e.target.name: e.target}
    assert (parties["Wang Qishan"].country, parties["Wang Qishan"].sector) == ("CHN", "GOV")
    assert (parties["Kassym-Jomart Tokayev"].country, parties["Kassym-Jomart Tokayev"].sector) == ("KAZ", "GOV")
    assert e.plover == "CONSULT"
    assert e.date is not None and e.date.value.isoformat() == "2022-10-13"
    assert e.location is not None and e.location.name == "Astana" and e.location.country == "KAZ"
    assert e.modality == "asserted" and not e.negated
    assert text[e.sentence.start:e.sentence.end] == e.sentence.text
    assert e.sentence.text.startswith("Le vice-président chinois Wang Qishan a rencontré")
    assert e.sentence.text.rstrip().endswith("développement.")


def test_xi_visit_is_background_last_month(seed_result):
    visits = [e for e in _events(seed_result, "04") if e.source.name == "Xi Jinping"]
    assert visits, [(e.source.name, e.cameo) for e in seed_result.events]
    e = visits[0]
    assert e.cameo == "042"
    assert e.target is not None and e.target.country == "KAZ"
    assert e.modality == "reported_past"
    assert e.date is not None and e.date.value.isoformat() == "2022-09-01" and e.date.precision == "month"


def test_kazakh_support_for_belt_and_road(seed_result):
    support = [e for e in _events(seed_result, "05") if e.source.country == "KAZ"]
    assert support, [(e.source.name, e.cameo, e.sentence.text[:40]) for e in seed_result.events]


def test_wang_appeals_to_cica(seed_result):
    appeals = [e for e in _events(seed_result, "02")
               if e.source.country == "CHN" and e.target is not None and e.target.country == "IGO"
               and "CICA" in e.sentence.text]
    assert appeals
    assert any(e.target.sector == "IGO" for e in appeals)


def test_actor_resolution(seed_result):
    tokayev = [a for a in seed_result.actors if "Tokayev" in a.name or "Tokaïev" in a.name]
    assert len(tokayev) == 1
    spellings = {m.text for m in tokayev[0].mentions}
    assert any("Tokaïev" in s for s in spellings) and any("Tokayev" in s for s in spellings)
    wang = [a for a in seed_result.actors if a.name == "Wang Qishan"]
    assert len(wang) == 1 and any(m.text in ("M. Wang", "Wang") for m in wang[0].mentions)
    for e in seed_result.events:
        for party in (e.source, e.target):
            if party is not None:
                assert party.name not in ("Photo", "Xinhua")


def test_quotes_attributed_to_the_two_leaders(seed_result):
    assert len(seed_result.quotes) >= 8
    for q in seed_result.quotes:
        assert q.speaker.name in ("Wang Qishan", "Kassym-Jomart Tokayev"), (q.speaker.name, q.text[:60])
        assert seed_result.text[q.start:q.end] == q.text
    assert {q.speaker.name for q in seed_result.quotes} == {"Wang Qishan", "Kassym-Jomart Tokayev"}


def test_removed_caption_and_tail(seed_result):
    kinds = [(r.kind, r.text) for r in seed_result.removed]
    assert any(k == "duplicate" and "Photo : Xinhua" in t for k, t in kinds)
    assert any(k == "caption" and "Photo : Xinhua" in t for k, t in kinds)
    assert ("boilerplate", "A lire également") in kinds
    assert "Photo" not in seed_result.text and "A lire également" not in seed_result.text


def test_output_validates_against_contract(seed_result, schema_validator):
    document = seed_result.to_dict()
    errors = sorted(schema_validator.iter_errors(document), key=str)
    assert not errors, errors[:3]
    for e in document["events"]:
        assert seed_result.text[e["sentence"]["start"]:e["sentence"]["end"]] == e["sentence"]["text"]


def test_cli_jsonl_on_seed():
    run = subprocess.run([sys.executable, "-m", "chronique.cli", "extract", "--format", "jsonl",
                          "--published", "2022-10-14", str(SEED)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["article"]["language"] == "fr" and record["events"]
