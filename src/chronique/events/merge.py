"""One real event once per article: records of one act (a headline and its lead, a meeting told twice) merge
into the one that tells most."""
from __future__ import annotations

from ..records import DateRef, Event, Party


def _who(party: Party | None) -> str | None:
    """A state and the officials, soldiers and police acting for it are one party when telling whether two records
    are one event."""
    if party is None:
        return None
    if party.country and party.country != "IGO" and party.sector in ("GOV", "MIL", "POL"):
        return party.country
    return party.actor or party.name


def _generic(cameo: str) -> bool:
    return cameo[2:3] in ("", "0")


def _same_act(a: Event, b: Event) -> bool:
    """Whether two records of one article tell one act: the same parties (a state and its officials are one),
    root and negation; not two different specific acts ("expelled diplomats", "imposed sanctions"), and a
    generic one ("cut relations") only with the same actors; not two days the sentences themselves give."""
    if _one_sentence_one_act(a, b):
        return True
    if (_who(a.source), _who(a.target), a.cameo_root, a.negated) != (_who(b.source), _who(b.target), b.cameo_root,
                                                                    b.negated):
        return False
    if a.cameo[:3] != b.cameo[:3]:
        if not (_generic(a.cameo) or _generic(b.cameo)):
            return False
        if (a.source.actor, a.target.actor) != (b.source.actor, b.target.actor):
            return False  # "Wang met Tokayev" is not "Xi's visit to Kazakhstan"
    return _dates_agree(_stated_date(a), _stated_date(b))


def _one_sentence_one_act(a: Event, b: Event) -> bool:
    """"fired missiles at cities across Ukraine, killing civilians": in one sentence, one act of one kind by one
    party against the people of one country is one event, whoever of that country the words name."""
    country = a.target.country if a.target else None
    return a.sentence.start == b.sentence.start and a.cameo == b.cameo and a.negated == b.negated \
        and _who(a.source) == _who(b.source) and country not in (None, "IGO") \
        and b.target is not None and b.target.country == country \
        and _dates_agree(_stated_date(a), _stated_date(b))  # "welcomed on Sunday, received on Monday": two acts


def _stated_date(event: Event) -> DateRef | None:
    """The event's date when its own sentence gives it (not the dateline's or the headline's)."""
    when = event.date
    if when is None or when.value is None or not event.sentence.start <= when.start < event.sentence.end:
        return None
    return when


def _dates_agree(a: DateRef | None, b: DateRef | None) -> bool:
    if a is None or b is None:
        return True
    if "year" in (a.precision, b.precision):
        return a.value.year == b.value.year
    if "month" in (a.precision, b.precision):
        return (a.value.year, a.value.month) == (b.value.year, b.value.month)
    return a.value == b.value


def _tells_more(a: Event, b: Event) -> bool:
    """The record whose own sentence dates the act tells most (its modality was read with that date), then the
    one with the finer code ("alleged ... guilty of treason": 1125, not 112); else the one told first stays (the
    choice does not hang on the confidence model, which is refitted apart)."""
    return (_stated_date(a) is not None, len(a.cameo)) > (_stated_date(b) is not None, len(b.cameo))


def merge_repeats(events: list[Event]) -> list[Event]:
    """One real event once per article: a headline and its lead, or a meeting told twice, give one record
    (the one dated by its own sentence, the one with the finer code, then the earliest; a date or place the
    others lack is kept)."""
    kept: list[Event] = []
    for event in events:
        index = next((i for i, other in enumerate(kept) if _same_act(other, event)), None)
        if index is None:
            kept.append(event)
            continue
        best = kept[index]
        winner, other = (event, best) if _tells_more(event, best) else (best, event)
        if (winner.date is None or winner.date.value is None) and other.date is not None and other.date.value:
            winner.date = other.date
        winner.location = winner.location or other.location
        kept[index] = winner
    ordered = sorted(kept, key=lambda e: (e.sentence.start, e.trigger_span or (0, 0)))
    for number, event in enumerate(ordered, 1):
        event.id = f"e{number}"
    return ordered
