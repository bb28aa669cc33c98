"""Cut a text into segments, each carrying the highlight spans that cover it.

The template writes each segment as escaped text inside a ``<span>`` with the kinds as CSS
classes; nothing here produces markup, so article text never reaches the page unescaped.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Span:
    start: int
    end: int
    kind: str  # actor | event | trigger | quote | evidence
    label: str = ""
    anchor: str | None = None  # an element id, given to the first segment of the span


@dataclass(slots=True)
class Segment:
    text: str
    kinds: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    anchor: str | None = None

    def to_dict(self) -> dict:
        return {"text": self.text, "kinds": self.kinds, "labels": self.labels}


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """Split ``text`` at every span boundary; spans outside the text or empty are dropped."""
    n = len(text)
    valid = [s for s in spans if 0 <= s.start < s.end <= n]
    cuts = sorted({0, n, *(s.start for s in valid), *(s.end for s in valid)})
    out: list[Segment] = []
    anchored: set[int] = set()
    for left, right in zip(cuts, cuts[1:]):
        covering = [s for s in valid if s.start <= left and right <= s.end]
        seg = Segment(text[left:right])
        for s in covering:
            if s.kind not in seg.kinds:
                seg.kinds.append(s.kind)
            if s.label and s.label not in seg.labels:
                seg.labels.append(s.label)
            if s.anchor and id(s) not in anchored:
                seg.anchor = seg.anchor or s.anchor
                anchored.add(id(s))
        out.append(seg)
    return out


def find_in(text: str, needle: str | None, start: int, end: int) -> Span | None:
    """The first occurrence of ``needle`` inside ``text[start:end]`` as a trigger span."""
    if not needle:
        return None
    at = text.find(needle, max(start, 0), end)
    return Span(at, at + len(needle), "trigger", needle) if at >= 0 else None


def article_spans(text: str, actors: list[dict], events: list[dict], quotes: list[dict]) -> list[Span]:
    """Spans of a contract-shaped article: actor mentions, event sentences and triggers, quotes."""
    spans: list[Span] = []
    for a in actors:
        label = f"{a.get('name')} ({a.get('country') or '-'}, {a.get('kind')})"
        for m in a.get("mentions") or []:
            spans.append(Span(int(m["start"]), int(m["end"]), "actor", label))
    for e in events:
        sent = e.get("sentence") or {}
        s, t = int(sent.get("start", -1)), int(sent.get("end", -1))
        src = (e.get("source") or {}).get("name")
        tgt = (e.get("target") or {}).get("name") or "-"
        spans.append(Span(s, t, "event", f"{e.get('cameo')} {e.get('cameo_name') or ''}: {src} → {tgt}".strip()))
        trigger = find_in(text, e.get("trigger"), s, t)
        if trigger:
            spans.append(trigger)
    for q in quotes:
        speaker = (q.get("speaker") or {}).get("name")
        spans.append(Span(int(q["start"]), int(q["end"]), "quote", f"quote: {speaker}"))
    return spans
