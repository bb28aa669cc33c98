"""When an event happened: the date in its own clause, not one that belongs to another clause or noun."""
from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from importlib.resources import files

from spacy.tokens import Doc, Span, Token

from ..dates import find_dates, nearest_date
from ..nlp import sent_of, text_of
from ..records import DateRef

MODIFIER_CLAUSES = ("acl", "acl:relcl", "relcl")


def _in_other_modifier_clause(token: Token, trigger: Token) -> bool:
    """Whether ``token`` sits in a clause that modifies a noun ("les relations interrompues en 2016",
    "the invasion, which began in 2022"), or in a coordinated clause with its own subject, and that clause
    does not contain the trigger."""
    node = token
    while node.head.i != node.i:
        if node.left_edge.i <= trigger.i <= node.right_edge.i:
            return False
        if node.dep_ in MODIFIER_CLAUSES or node.dep_ == "amod" and node.pos_ == "VERB" and not any(
                c.dep_.startswith(("aux", "nsubj")) for c in node.children):  # a participle, not a misparsed finite verb
            return True
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX") \
                and any(c.dep_.startswith("nsubj") for c in node.children):
            return True  # "X announced ..., and Y blamed ... in 2014": the other clause's own date
        node = node.head
    return False


def clause_date(dates: list[DateRef], trigger: Token, doc: Doc) -> DateRef | None:
    """The nearest date that can be the trigger's: a date in a relative or participial clause of another
    noun belongs to that clause's event, not this one."""
    fitting = []
    for ref in dates:
        span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
        if span is not None and span.start > 0 and _ends_a_period(doc[span.start - 1]):
            continue  # "detained until May 29", "jusqu'au 29 mai": when it ends, not when it happened
        if span is not None and _dates_another_noun(span.root, trigger):
            continue  # "suite au putsch du 1er février", "the February 1 coup": that act's date
        if span is None or not _in_other_modifier_clause(span.root, trigger):
            fitting.append(ref)
    return nearest_date(fitting, trigger.idx)


GENITIVE = frozenset({"du", "de", "d'", "d’", "des", "of"})


def _dates_another_noun(date_head: Token, trigger: Token) -> bool:
    """Whether a date qualifies a noun other than the trigger, as its genitive or compound."""
    noun = date_head.head
    if noun.i == date_head.i or noun.i == trigger.i or noun.pos_ not in ("NOUN", "PROPN") \
            or noun.i == trigger.head.i:
        return False
    genitive = any(c.dep_ == "case" and c.lower_ in GENITIVE for c in date_head.children) \
        or date_head.dep_ == "pobj" and date_head.head.lower_ == "of"
    return genitive or date_head.dep_ == "compound"


def in_clause_of(ref: DateRef, trigger: Token, doc: Doc) -> bool:
    """Whether a date hangs in the trigger's own clause (no other verb between them)."""
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None:
        return True
    own = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    node = span.root
    for _ in range(8):
        if node.i in (own.i, trigger.i):
            return True
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "aux:pass", "aux:tense", "auxpass"):
            return False  # another verb's clause
        if node.head.i == node.i:
            return True  # a verbless root (a misparse): no other clause claims the date
        node = node.head
    return False


PERIOD_ENDS = {"until", "till", "through", "jusqu'", "jusqu’", "jusqu'au", "jusqu’au", "jusqu'à", "jusqu’à", "au", "à"}


def _ends_a_period(before: Token) -> bool:
    if before.lower_ in ("au", "à"):  # "jusqu'au", "jusqu'à" split in two
        return before.i > 0 and before.doc[before.i - 1].lower_ in ("jusqu'", "jusqu’")
    return before.lower_ in PERIOD_ENDS


def shift(ref: DateRef, offset: int) -> DateRef:
    return DateRef(ref.value, ref.text, ref.precision, ref.start + offset, ref.end + offset)


@cache
def _offset_words(lang: str) -> dict[str, dict[str, int]]:
    """kind (direction | unit | number) -> word -> value, from data/dates/event_offsets.tsv."""
    table: dict[str, dict[str, int]] = {"direction": {}, "unit": {}, "number": {}}
    path = files("chronique") / "data" / "dates" / "event_offsets.tsv"
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            row = line.split("\t")
            if row[0] == lang:
                table[row[2]][row[1]] = int(row[3])
    return table


def _count(measure: Token, numbers: dict[str, int]) -> int | None:
    """The number before a unit word: "a day", "three days", "deux jours", "2 weeks"."""
    if measure.i == 0:
        return None
    word = measure.doc[measure.i - 1].lower_
    return int(word) if word.isdigit() else numbers.get(word)


def offset_from_main(trigger: Token, lang: str) -> tuple[Token, int | None, Token | None] | None:
    """"flew to Brussels on Tuesday a day after Kyiv accused the Kremlin", "deux jours après que Kiev a accusé":
    a clause dated by its distance from the main clause's event. Returns the main clause's verb, the offset
    in days from its date and the unit word ("day") whose phrase says it (both None when the clause says only
    "after" or "before": then the main clause's date is not this one's)."""
    if trigger.pos_ not in ("VERB", "AUX") or trigger.dep_ != "advcl" or trigger.head.i == trigger.i:
        return None
    words = _offset_words(lang)
    mark = next((c for c in trigger.children if c.dep_ == "mark" and c.lower_ in words["direction"]), None)
    if mark is None or mark.i == 0:
        return None
    measure = mark.doc[mark.i - 1]  # the parser hangs "a day" on whatever is near; the words are what count
    count = _count(measure, words["number"]) if measure.lower_ in words["unit"] else None
    if count is None:
        return trigger.head, None, None  # "after Uganda accused Kenya": before the main event, by how much unsaid
    return trigger.head, words["direction"][mark.lower_] * count * words["unit"][measure.lower_], measure


def offset_date(anchor: DateRef | None, days: int, measure: Token) -> DateRef | None:
    """The date ``days`` from the main clause's (a day-precise date only)."""
    if anchor is None or anchor.value is None or anchor.precision != "day":
        return None
    start = measure.doc[measure.i - 1].idx
    end = measure.idx + len(measure)
    try:
        value = anchor.value + timedelta(days=days)
    except OverflowError:  # "10,000 days later" near the ends of the calendar: no day to give
        return None
    return DateRef(value, measure.doc.text[start:end], "day", start, end)


FORCE_ROOTS = ("18", "19", "20")  # an attack told again may be "the explosions", "the blast", "the strikes"


class ToldActs:
    """The document's dates, found once per sentence, and the acts told so far by kind: a definite act noun
    with no date of its own ("the twin explosions") is the latest act of its kind told with one."""

    __slots__ = ("_acts", "_dates", "_doc", "_lang", "_published", "_text")

    def __init__(self, doc: Doc, lang: str, published: date | None):
        self._doc, self._lang, self._published = doc, lang, published
        self._text = text_of(doc)
        self._dates: dict[int, list[DateRef]] = {}
        self._acts: dict[str, list[Token]] = {}

    def dates_of(self, sent: Span) -> list[DateRef]:
        found = self._dates.get(sent.start)
        if found is None:
            found = [shift(d, sent.start_char) for d in
                     find_dates(self._text[sent.start_char:sent.end_char], self._lang, self._published)]
            self._dates[sent.start] = found
        return found

    @staticmethod
    def kind(cameo: str) -> str:
        return "force" if cameo[:2] in FORCE_ROOTS else cameo[:2]

    def add(self, cameo: str, token: Token) -> None:
        self._acts.setdefault(self.kind(cameo), []).append(token)

    def date_before(self, cameo: str, token: Token) -> DateRef | None:
        for earlier in reversed(self._acts.get(self.kind(cameo), ())):
            if earlier.i >= token.i:
                continue
            when = clause_date(self.dates_of(sent_of(earlier)), earlier, self._doc)
            if when is not None and when.value is not None:
                return when
        return None
