"""When an event happened: the date in its own clause, not one that belongs to another clause or noun."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..dates import nearest_date
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
