"""Trigger and modality lexicons: which words code which CAMEO event, per language."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from ..dates import calendar_words
from ..nlp import sent_of

FUNCTION_REQUIRES = frozenset({"à", "au", "aux", "de", "du", "en", "pour", "sur", "avec", "contre", "auprès", "dans", "se",
                               "to", "for", "on", "in", "of", "with", "against", "from", "at", "by"})


@dataclass(slots=True, frozen=True)
class Trigger:
    lemmas: tuple[str, ...]  # the head's lemma, then the lemmas that must follow it ("mettre", "en", "garde")
    pos: str  # VERB | NOUN (MODAL: an obligation read by ``arguments.obligation``, not a lexicon row)
    requires: tuple[str, ...]  # lemmas that must be among the head's dependents ("!x": x must not be;
    # "@label": a direct dependent with that dependency label)
    cameo: str
    example: str

    @property
    def specificity(self) -> tuple[int, int, int, int]:
        # between rows needing as many words, a content word beats a preposition or clitic: "appelé le Soudan à une
        # solution politique" is an appeal to settle (appeler + solution), not the generic appeal (appeler + à)
        content = sum(not r.startswith(("!", "@")) and r not in FUNCTION_REQUIRES for r in self.requires)
        return (sum(not r.startswith("!") for r in self.requires), content, len(self.lemmas), len(self.cameo))


@dataclass(slots=True, frozen=True)
class ModalityMarker:
    lemmas: tuple[str, ...]
    kind: str  # intended | reported_past | negation | grammar


def _rows(name: str) -> list[list[str]]:
    path = files("chronique") / "data" / "events" / name
    if not path.is_file():
        return []
    return [line.split("\t") for line in path.read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def trigger_files(lang: str) -> list[str]:
    """The hand-written lexicon ``triggers.<lang>.tsv``, then the files that extend it, each of one purpose or
    source (``triggers.en.petrarch.tsv``: rows derived from PETRARCH-2's verb dictionary by a script)."""
    folder = files("chronique") / "data" / "events"
    extra = sorted(p.name for p in folder.iterdir() if p.name.startswith(f"triggers.{lang}.") and p.name.endswith(".tsv")
                   and p.name != f"triggers.{lang}.tsv")
    return [f"triggers.{lang}.tsv", *extra]


@cache
def triggers(lang: str) -> dict[str, list[Trigger]]:
    """Triggers indexed by the head lemma (lowercase)."""
    index: dict[str, list[Trigger]] = defaultdict(list)
    for row in (row for name in trigger_files(lang) for row in _rows(name)):
        row = (row + [""] * 5)[:5]
        lemma, pos, requires, cameo, example = (cell.strip() for cell in row)
        if not lemma or not cameo:
            continue
        lemmas = tuple(lemma.lower().split())
        trigger = Trigger(lemmas, pos.upper(), tuple(r for r in requires.lower().split("+") if r), cameo, example)
        index[lemmas[0]].append(trigger)
    for entries in index.values():
        entries.sort(key=lambda t: t.specificity, reverse=True)
    return dict(index)


@cache
def modality_markers(lang: str) -> dict[str, list[ModalityMarker]]:
    index: dict[str, list[ModalityMarker]] = defaultdict(list)
    for row in _rows(f"modality.{lang}.tsv"):
        if len(row) < 2:
            continue
        lemmas = tuple(row[0].strip().lower().split())
        if lemmas:
            index[row[1].strip()].append(ModalityMarker(lemmas, row[1].strip()))
    return dict(index)


@cache
def marker_lemmas(lang: str, kind: str) -> frozenset[str]:
    """Single-word markers of a kind, for quick membership tests."""
    return frozenset(m.lemmas[0] for m in modality_markers(lang).get(kind, []) if len(m.lemmas) == 1)


@cache
def _code_prefixes(name: str) -> tuple[str, ...]:
    return tuple(row[0].strip() for row in _rows(name) if row and row[0].strip())


def is_reciprocal(cameo: str) -> bool:
    """Acts two parties do together ("met", "signed", "agreed a truce"): coded in both directions."""
    if any(cameo.startswith(prefix) for prefix in _code_prefixes("one_sided.tsv")):
        return False
    return any(cameo.startswith(prefix) for prefix in _code_prefixes("reciprocal.tsv"))


def _trigger_pos(token: Token) -> str | None:
    if token.pos_ in ("VERB", "AUX"):
        return "VERB"
    if token.pos_ in ("NOUN", "PROPN"):
        return "NOUN"
    # The small French model tags some finite verbs as adjectives or adverbs ("accuse" -> ADJ "accus"):
    # they act as verbs when they head the clause or govern a subject or an object.
    if token.pos_ in ("ADJ", "ADV") and (token.dep_ == "ROOT" or any(
            c.dep_.startswith(("nsubj", "obj", "dobj")) for c in token.children)):
        return "VERB"
    # a predicate adjective governing an infinitive is a verb phrase: "is willing to meet", "s'est dite prête à"
    if token.pos_ == "ADJ" and any(c.pos_ == "VERB" and c.dep_ in ("xcomp", "obl:arg", "advcl") and c.i > token.i
                                   for c in token.children):
        return "VERB"
    if token.pos_ == "ADJ" and token.lemma_.lower() in willing_words(token.lang_) and ready_for_noun(token) is not None:
        return "VERB"  # "is ready for talks", "se dit prêt au dialogue"
    return None


READY_CASES = frozenset({"for", "to", "à", "au", "aux", "pour"})


def ready_for_noun(word: Token) -> Token | None:
    """The noun a word of willingness takes as its complement: "ready for [talks]", "prêt au [dialogue]"."""
    for c in word.children:
        if c.i < word.i:
            continue
        if c.dep_ == "prep" and c.lower_ in READY_CASES:
            noun = next((g for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
            if noun is not None:
                return noun
        if c.dep_ in ("obl:arg", "obl", "nmod") and c.pos_ == "NOUN" and any(
                g.dep_ == "case" and g.lower_ in READY_CASES for g in c.children):
            return c
    return None


def match_trigger(token: Token, lang: str) -> tuple[Trigger, Span] | None:
    """The most specific lexicon entry whose words and required dependents are all present."""
    index = triggers(lang)
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma not in index and lower not in index:  # most words trigger nothing: skip the part of speech
        return None
    pos = _trigger_pos(token)
    if pos is None:
        return None
    candidates = [t for key in dict.fromkeys((lemma, lower)) for t in index.get(key, ()) if t.pos == pos]
    if not candidates:
        return None
    doc = token.doc
    dependents = None
    sentence_end = sent_of(token).end
    for trigger in candidates:
        if trigger.pos != pos:
            continue
        end = token.i + len(trigger.lemmas)
        if end > sentence_end or any(doc[token.i + k].lemma_.lower() != lemma and doc[token.i + k].lower_ != lemma
                                        for k, lemma in enumerate(trigger.lemmas[1:], 1)):
            continue
        if trigger.requires:
            if dependents is None:
                # a preposition counts only after the head: "called on Russia", not "On Tuesday, X called Y"
                # and not when it introduces a date: "called Zelensky on Tuesday" is a call, not "called on"
                near = [t for c in token.children for t in (c, *c.children) if t.pos_ != "ADP" or t.i > token.i
                        and not any(o.lower_ in calendar_words(lang) for o in t.children)]
                # English hangs "of" between a noun and its complement (UD French does not): "accepted the offer of
                # aid", "agreed a set of sanctions", "did not rule out the use of force"
                near += [g for c in token.children if c.pos_ == "NOUN" and c.i > token.i for p in c.children
                         if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
                near += _infinitive_marks(token)
                dependents = {t.lemma_.lower() for t in near} | {t.lower_ for t in near}
                labels = {c.dep_ for c in token.children}
                if "oprd" in labels and not labels & {"dobj", "obj"} and not any(
                        c.dep_ == "oprd" and c.pos_ == "ADJ" for c in token.children):  # "called the junta illegitimate"
                    labels.discard("oprd")  # an object predicate needs an object: "called Zelensky" misparsed
                dependents |= {"@" + label for label in labels}  # "!@oprd": not "called it a tragedy"
                if any(t.lower_ in ("se", "s'", "s’") for t in doc[max(0, token.i - 3):token.i]):
                    dependents.add("se")  # "s’en est pris": the clitic the parser hung elsewhere
            if not all(r[1:] not in dependents if r.startswith("!") else r in dependents for r in trigger.requires):
                continue
        return trigger, doc[token.i:end]
    return None




def _infinitive_marks(verb: Token) -> list[Token]:
    """The "à"/"de"/"to" of an infinitive the parser hung inside the object ("a appelé l'armée et les forces
    gabonaises à garantir ...": "à garantir" under the adjective), with no finite verb in between."""
    marks = []
    for t in verb.subtree:
        if t.i <= verb.i or t.pos_ != "VERB" or "Inf" not in t.morph.get("VerbForm"):
            continue
        node = t.head
        while node.i != verb.i and node.head.i != node.i and not (
                node.pos_ in ("VERB", "AUX") and "Fin" in node.morph.get("VerbForm")):
            node = node.head
        if node.i == verb.i:
            marks += [m for m in t.children if m.dep_ in ("mark", "aux") and m.i < t.i]
    return marks


@cache
def captivity_words(lang: str, kind: str) -> frozenset[str]:
    """Lemmas of ``captivity.<lang>.tsv`` of one kind: ``release`` ("la libération de") or ``captivity``
    ("détenus", "held by")."""
    return frozenset(row[0].strip() for row in _rows(f"captivity.{lang}.tsv") if len(row) > 1 and row[1].strip() == kind)


@cache
def act_nouns(lang: str) -> dict[str, frozenset[str] | None]:
    """Nouns naming an act told elsewhere ("the coup", "cette décision") -> the CAMEO roots of the acts they may
    name (None: any root)."""
    out: dict[str, frozenset[str] | None] = {}
    for row in _rows(f"act_nouns.{lang}.tsv"):
        if len(row) > 1 and row[0].strip():
            roots = row[1].strip()
            out[row[0].strip().lower()] = None if roots == "*" else frozenset(roots.split("|"))
    return out


@cache
def evaluations(lang: str) -> dict[str, tuple[str, bool]]:
    """Word of negative evaluation -> (the CAMEO code of saying it of another party, whether it counts only negated)."""
    out = {}
    for row in _rows(f"evaluations.{lang}.tsv"):
        if len(row) > 1 and row[0].strip():
            out[row[0].strip().lower()] = (row[1].strip(), len(row) > 2 and row[2].strip() == "yes")
    return out


@cache
def _asked_acts() -> list[tuple[str, str, str, str]]:
    rows = [(r[0].strip(), r[1].strip(), r[2].strip(), r[3].strip()) for r in _rows("asked_acts.tsv") if len(r) > 3]
    return sorted(rows, key=lambda r: len(r[0]), reverse=True)


def asking_code(asking: str, act: str) -> str | None:
    """The appeal (02x) or demand (10x) code for asking someone to do ``act``: appeal + release -> 0253;
    and the intent (03x) of saying one is ready to do it: generic intent + release -> 0353."""
    column = 1 if asking.startswith("02") else 2 if asking.startswith("10") else 3 if asking == "030" else None
    if column is None:
        return None
    return next((row[column] for row in _asked_acts() if act.startswith(row[0])), None)


@cache
def frame_words(lang: str) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Frames told by a fixed sequence of words (``frames.<lang>.tsv``): first word -> (frame, the whole sequence)."""
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for row in _rows(f"frames.{lang}.tsv"):
        if len(row) > 1 and row[0].strip() and row[1].strip():
            words = tuple(row[1].strip().lower().split())
            index[words[0]].append((row[0].strip(), words))
    for entries in index.values():
        entries.sort(key=lambda e: len(e[1]), reverse=True)
    return dict(index)


@cache
def willing_words(lang: str) -> frozenset[str]:
    """Words of willingness ("willing", "prêt", "entendre"): the frame ``willing`` of ``frames.<lang>.tsv``."""
    return frozenset(words[0] for entries in frame_words(lang).values() for frame, words in entries if frame == "willing")


@cache
def head_word_ids(lang: str) -> frozenset[int]:
    """The string ids of every word that can start an event: trigger heads, claim verbs, obligation and
    advice modals, words of wrongdoing, the first words of frames."""
    words = frozenset(triggers(lang)) | frozenset(claim_verbs(lang)) | marker_lemmas(lang, "obligation") \
        | marker_lemmas(lang, "advice") | frozenset(wrongdoing(lang)) | frozenset(w.split()[-1] for w in evaluations(lang)) \
        | frozenset(frame_words(lang))
    return frozenset(get_string_id(w) for w in words)


def candidate_tokens(doc, lang: str) -> set[int]:
    """Indexes of the tokens whose lemma or lower form is a head word, read from the doc's arrays
    (building a Token object for every word costs more than the coder's own work on most of them)."""
    wanted = head_word_ids(lang)
    arr = doc.to_array([LEMMA, LOWER])
    return {i for i, (lemma, lower) in enumerate(arr.tolist()) if lemma in wanted or lower in wanted}


@cache
def wrongdoing(lang: str) -> dict[str, tuple[str, frozenset[str]]]:
    """Lemma of a word of wrongdoing -> the CAMEO accusation code it makes when said of another party, and the
    dependents of which it needs one (none: no condition)."""
    out = {}
    for row in _rows(f"wrongdoing.{lang}.tsv"):
        if len(row) > 2:
            needs = frozenset(w for w in (row[3].strip() if len(row) > 3 else "").split("|") if w)
            out[row[0].strip()] = (row[1].strip(), needs)
    return out


@cache
def claim_verbs(lang: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Verbs that claim responsibility, each with the word sets that make it a claim: "claim" +
    "responsibility", or "claim" + "credit" (one row each, so one verb may have several)."""
    index: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for row in _rows(f"claims.{lang}.tsv"):
        if row and row[0].strip():
            index[row[0].strip()].append(tuple(r for r in (row[1].strip() if len(row) > 1 else "").split("+") if r))
    return {verb: tuple(needs) for verb, needs in index.items()}


def claimed_act(token: Token, lang: str) -> Token | None:
    """The event noun a claim of responsibility is about: "revendiqué les attentats", "claimed
    responsibility for the explosions"."""
    alternatives = claim_verbs(lang).get(token.lemma_.lower())
    if alternatives is None or token.pos_ not in ("VERB", "AUX"):
        return None
    near = {t.lemma_.lower() for c in token.children for t in (c, *c.children)}
    if not any(all(n in near for n in needs) for needs in alternatives):
        return None
    for t in [t for c in token.children for t in c.subtree]:
        found = match_trigger(t, lang)
        if found is not None and found[0].pos == "NOUN" and found[0].cameo[:2] in ("18", "19", "20"):
            return t
    return None
