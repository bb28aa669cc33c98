"""Quotes stage: direct and reported speech, attributed to a speaker.

Handles "X a déclaré que …", "…, a déclaré M. Wang.", "…, a-t-il ajouté", "Pour sa part, X a
déclaré que …", participles ("affirmant que …"), "X said (that) …", "…, X said.", "…, said X.",
"selon X" / "according to X", "X quoted Y as saying", and words in «…», “…” or "…" attributed by a cue
in the same sentence, a cue ending the previous one (":"), or the speaker of the quotation just before.

A speaker is an actor of the article, or a phrase the text uses for one who speaks ("the North Korean
army", "le responsable de l'Otan"): a noun phrase holding an actor, or headed by a speaker noun of
``data/quotes/speakers.<lang>.tsv``. Pronouns ("he said", "a-t-il ajouté", "it said") stand for the
last speaker when one was just quoted.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from .actors import ActorTable
from .nlp import sent_of, sentences, text_of
from .records import Actor, Party, Quote

SPEAKER_DEPS = {"nsubj", "nsubj:pass", "expl:subj", "nsubjpass"}
INVERSION_REACH = 6  # tokens after the cue where an inverted subject may stand
MIN_WORDS = 3
MIN_DIRECT_WORDS = 6  # shorter words in quotation marks are names or scare quotes, not speech
MAX_NAME_WORDS = 12  # a longer subject phrase is a clause, not a speaker's name
LAST_SPEAKER_REACH = 700  # characters back within which "he said" / "a-t-il ajouté" is the last speaker
PERSON_PRONOUNS = {"he", "she", "il", "elle"}
OTHER_PRONOUNS = {"it", "they", "ils", "elles"}
RELATIVE_PRONOUNS = {"qui", "who", "which", "that"}
QUOTE_MARKS = (",", "»", "”", '"', "“")
FR_ENDINGS = ("e", "es", "ent", "é", "ée", "és", "ées", "ant", "ait", "aient", "a", "era", "ons", "ez")


def _rows(name: str) -> list[str]:
    path = files("chronique") / "data" / "quotes" / name
    if not path.is_file():
        return []
    return [line.split("\t")[0].strip() for line in path.read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@cache
def cue_lemmas(lang: str) -> frozenset[str]:
    """Single-word cue lemmas ("déclarer", "say")."""
    return frozenset(r for r in _rows(f"cues.{lang}.tsv") if " " not in r)


@cache
def cue_pairs(lang: str) -> frozenset[tuple[str, str]]:
    """Two-word cues ("faire savoir"): the lemma of the governing verb and of the cue word."""
    return frozenset(tuple(r.split(None, 1)) for r in _rows(f"cues.{lang}.tsv") if " " in r)  # type: ignore[misc]


@cache
def speaker_nouns(lang: str) -> dict[str, str]:
    """Nouns that name someone who speaks when they head a subject ("the ministry", "le porte-parole"), with
    their kind: ``person`` (a role: "le secrétaire d'Etat") or ``body`` (an institution: "the ministry")."""
    path = files("chronique") / "data" / "quotes" / f"speakers.{lang}.tsv"
    if not path.is_file():
        return {}
    rows = [line.split("\t") for line in path.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")]
    return {row[0].strip(): row[1].strip() if len(row) > 1 else "body" for row in rows}


@cache
def _fr_forms(lang: str) -> dict[str, str]:
    """Inflected forms of the -er cue verbs, for the verbs the small French model lemmatizes badly."""
    forms: dict[str, str] = {}
    if lang != "fr":
        return forms
    for lemma in cue_lemmas(lang):
        if lemma.endswith("er"):
            for ending in FR_ENDINGS:
                forms.setdefault(lemma[:-2] + ending, lemma)
    return forms


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")


@cache
def _cue_pair_governors(lang: str) -> dict[str, frozenset[str]]:
    """``cue_pairs`` indexed by the cue word: the governing lemmas each one needs."""
    index: dict[str, set[str]] = {}
    for gov, cue in cue_pairs(lang):
        index.setdefault(cue, set()).add(gov)
    return {cue: frozenset(govs) for cue, govs in index.items()}


_NOT_CUE_POS = frozenset({"DET", "ADP", "PRON", "PUNCT", "CCONJ", "SCONJ", "NUM", "PROPN", "SPACE"})
_OPENERS = {"fr": ("selon", "d'après", "d’après", "après"), "en": ("according",)}


@cache
def _cue_word_ids(lang: str) -> tuple[frozenset[str], frozenset[int]]:
    """The lemmas (lowercase) and the lowercase forms a cue or an "according to" opener can have."""
    lemmas = cue_lemmas(lang) | frozenset(_cue_pair_governors(lang))
    forms = frozenset(get_string_id(f) for f in (*_fr_forms(lang), *_OPENERS.get(lang, ())))
    return lemmas, forms


def _possible_cues(doc: Doc, lang: str) -> set[int]:
    """Indexes of the tokens that may be cues or openers, read from the doc's arrays: a whole-document pass
    over Token objects cost more than the rest of finding quotes."""
    lemmas, forms = _cue_word_ids(lang)
    strings = doc.vocab.strings
    is_lemma: dict[int, bool] = {}
    out = set()
    for i, (lemma, lower) in enumerate(doc.to_array([LEMMA, LOWER]).tolist()):
        known = is_lemma.get(lemma)
        if known is None:
            known = is_lemma[lemma] = strings[lemma].lower() in lemmas
        if known or lower in forms:
            out.add(i)
    return out


def is_cue(token: Token, lang: str) -> bool:
    """A verb of saying: by lemma, by a French inflected form, or the second word of a two-word cue."""
    pos = token.pos_
    if pos in _NOT_CUE_POS:
        return False
    lemma = token.lemma_.lower()
    if pos in ("VERB", "AUX") and lemma in cue_lemmas(lang):
        return True
    governors = _cue_pair_governors(lang).get(lemma)
    if governors is not None and (token.head.lemma_.lower() in governors
                                  or token.i > 0 and token.doc[token.i - 1].lemma_.lower() in governors):
        return True
    if token.i > 0 and token.doc[token.i - 1].pos_ == "DET":
        return False  # "l'estime", "un appel": a noun
    return token.lower_ in _fr_forms(lang)


@dataclass(slots=True)
class Speaker:
    name: str
    country: str | None = None
    sector: str | None = None
    actor: str | None = None  # the actor's id when the speaker is one of the article's actors
    person: bool = False

    def party(self) -> Party:
        return Party(name=self.name, country=self.country, sector=self.sector, actor=self.actor)


@dataclass(slots=True)
class _Candidate:
    speaker: Speaker
    cue: Token
    start: int
    end: int
    direct: bool
    rank: int = 1  # 0 direct words, 1 a verb of saying, 2 "selon X" / "according to X"


@dataclass(slots=True)
class _Speakers:
    """Who speaks in one article: the actor table, speaker nouns, and the speakers found so far."""

    doc: Doc
    lang: str
    table: ActorTable
    quoted: list[tuple[int, int]] = field(default_factory=list)  # words in quotation marks
    found: list[_Candidate] = field(default_factory=list)

    # -- from an actor ----------------------------------------------------------------------------
    def of_actor(self, actor: Actor, token: Token | None) -> Speaker:
        if actor.kind == "person" and not _named(actor):
            named = self._named_with_role(actor)
            if named is not None:
                actor = named
            else:  # "le responsable militaire américain": as the text names it
                return Speaker(self._mention_text(actor, token), actor.country, actor.sector, actor.id, True)
        if actor.kind == "country":
            return Speaker(self._mention_text(actor, token), actor.country, actor.sector, actor.id)
        return Speaker(actor.name, actor.country, actor.sector, actor.id, actor.kind == "person")

    def _mention_text(self, actor: Actor, token: Token | None) -> str:
        if token is None or not actor.mentions:
            return actor.name
        at = next((m for m in actor.mentions if m.start <= token.idx < m.end), None)
        nearest = at or min(actor.mentions, key=lambda m: abs(m.start - token.idx))
        return nearest.text if at is not None or abs(nearest.start - token.idx) < 80 else actor.name

    def _named_with_role(self, actor: Actor) -> Actor | None:
        """A role with no name ("le président russe") is the one named person of that country with that role."""
        if actor.country is None:
            return None
        same = [a for a in self.table.actors if a is not actor and a.kind == "person" and _named(a)
                and a.country == actor.country and a.role in (None, actor.role)]
        return same[0] if len(same) == 1 else None

    # -- from a phrase ----------------------------------------------------------------------------
    def of_phrase(self, head: Token) -> Speaker | None:
        """The speaker a subject phrase headed by ``head`` names."""
        if head.pos_ == "PRON":
            return self.of_pronoun(head)
        for child in head.children:  # "Russia's ambassador, Vassily Nebenzia," / "the service, the FSB,"
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                found = self.of_phrase(child)
                if found is not None:
                    return found
        actor = self.table.at(head)
        if actor is not None and (actor.kind != "country" or head.pos_ == "PROPN"
                                  or head.lemma_.lower() not in speaker_nouns(self.lang)):
            return self.of_actor(actor, head)
        inner = self._named_person_in(head)
        if inner is not None:
            return inner
        inner_actor = self.table.within(head)
        if inner_actor is None and (head.lemma_.lower() not in speaker_nouns(self.lang)
                                    and head.lower_ not in speaker_nouns(self.lang)
                                    or any(c.dep_ == "nummod" for c in head.children)):
            return None  # "Deux chefs d'État ont annoncé": a count of people, not one speaker
        if inner_actor is None and speaker_nouns(self.lang).get(head.lemma_.lower()) == "person" \
                and any(c.dep_ == "det" and c.lower_ in ("le", "la", "l'", "l’", "the") for c in head.children):
            named = self._previous_subject(head)
            if named is not None:  # "Anthony Blinken a appuyé … . « … », a déclaré le secrétaire d'Etat américain."
                return named
        name = _phrase_name(head)
        if name is None:
            return self.of_actor(inner_actor, head) if inner_actor is not None else None
        return Speaker(name, inner_actor.country if inner_actor else None,
                       inner_actor.sector if inner_actor else None, None, False)

    def _previous_subject(self, token: Token) -> Speaker | None:
        """The named person the sentence before (same paragraph) is about: a definite role refers back to them."""
        sent = sent_of(token)
        if sent.start == 0:
            return None
        previous = sent_of(self.doc[sent.start - 1])
        if "\n\n" in text_of(self.doc)[previous.start_char: sent.start_char]:
            return None
        for t in previous:
            actor = self.table.at(t)
            if actor is not None and actor.kind == "person" and _named(actor) and t.dep_.startswith("nsubj"):
                return self.of_actor(actor, t)
        return None

    def _named_person_in(self, head: Token) -> Speaker | None:
        """"Kremlin spokesman Dmitry Peskov": a named person the phrase's head is a title of."""
        for t in head.subtree:
            actor = self.table.at(t)
            if actor is None or actor.kind != "person" or not _named(actor):
                continue
            node, ok = t, True
            while node.i != head.i and ok:
                ok = node.dep_ in ("appos", "flat", "flat:name", "compound", "nn") or node.head.i == head.i \
                    and node.dep_ == "nmod" and node.i == head.i + 1 and node.pos_ == "PROPN"
                node = node.head
            if ok:
                return self.of_actor(actor, t)
        return None

    def of_pronoun(self, token: Token) -> Speaker | None:
        """"he said", "a-t-il ajouté", "it said in a statement": the last speaker, unless the actor table
        resolves the pronoun to a person named since, outside what was quoted."""
        low = token.lower_.lstrip("-").replace("t-", "")
        if low not in PERSON_PRONOUNS | OTHER_PRONOUNS:
            return None
        before = [c for c in self.found if c.start < token.idx and token.idx - c.end < LAST_SPEAKER_REACH]
        last = max(before, key=lambda c: c.cue.i).speaker if before else None
        if last is not None and (low in ("he", "she") and not last.person or low == "it" and last.person):
            last = None
        actor = self.table.at(token) if low not in OTHER_PRONOUNS else None
        if actor is not None and actor.kind == "person":
            if last is None or last.actor == actor.id:
                return self.of_actor(actor, None)
            last_cue = max(before, key=lambda c: c.cue.i).cue.idx
            quoted = [(c.start, c.end) for c in self.found] + self.quoted
            if any(last_cue < m.start < token.idx and not any(s <= m.start < e for s, e in quoted)
                   for m in actor.mentions):
                return self.of_actor(actor, None)
        return last

    def _inverted_subject(self, cue: Token) -> Speaker | None:
        """The first noun phrase after the cue that is not a prepositional object (", a indiqué à l'AFP un responsable")."""
        doc, sent = cue.doc, sent_of(cue)
        i, stop = cue.i + 1, min(sent.end, cue.i + 1 + INVERSION_REACH)
        while i < stop:
            t = doc[i]
            if t.is_punct and t.text != "-" or t.dep_ == "mark":
                return None
            if t.pos_ in ("NOUN", "PROPN", "PRON"):
                head = t
                while head.head.i != head.i and cue.i < head.head.i < stop + 4 and head.head.pos_ in ("NOUN", "PROPN"):
                    head = head.head
                if any(c.dep_ == "case" for c in head.children) or head.dep_.startswith(("obl", "pobj", "iobj")) \
                        or i > cue.i + 1 and doc[i - 1].pos_ == "ADP" or i > cue.i + 2 and doc[i - 2].pos_ == "ADP":
                    i = max(i, head.right_edge.i) + 1
                    continue
                return self.of_phrase(head)
            i += 1
        return None

    def of_cue(self, cue: Token) -> Speaker | None:
        doc, sent = cue.doc, sent_of(cue)
        subjects = [c for c in cue.children if c.dep_ in SPEAKER_DEPS]
        if _inverted(cue) or cue.i == _aux_start(cue).i == sent.start:
            for c in subjects:
                if c.i > cue.i and c.pos_ != "PRON":
                    found = self.of_phrase(c)
                    if found is not None:
                        return found
            found = self._inverted_subject(cue)
            if found is not None:
                return found
        # "a-t-il ajouté", "est-il écrit", "he said" before the cue
        for t in doc[max(sent.start, _aux_start(cue).i - 1): cue.i]:
            if t.pos_ == "PRON" and t.lower_.lstrip("-") in PERSON_PRONOUNS | OTHER_PRONOUNS:
                found = self.of_pronoun(t)
                if found is not None:
                    return found
        for c in subjects:
            if c.i < cue.i and c.pos_ in ("NOUN", "PROPN", "PRON", "X", "ADJ"):
                found = self.of_phrase(c)
                if found is not None:
                    return found
        if cue.dep_ in ("acl:relcl", "relcl") and any(c.lower_ in RELATIVE_PRONOUNS for c in subjects):
            return self.of_phrase(cue.head)  # "la junte militaire, qui a prévenu que …"
        if not subjects:
            # A subject the parse lost, right before the cue and its auxiliaries ("Salvador Panelo a affirmé").
            first = _aux_start(cue)
            if first.i > sent.start:
                prev = doc[first.i - 1]
                actor = self.table.at(prev)
                if actor is not None and actor.kind in ("person", "organization"):
                    return self.of_actor(actor, prev)
        # "X quoted Y as saying": the one quoted speaks.
        if cue.lemma_.lower() == "say" and cue.dep_ in ("advcl", "pcomp", "xcomp") \
                and cue.head.lemma_.lower() == "quote":
            obj = next((c for c in cue.head.children if c.dep_ in ("dobj", "obj")), None)
            if obj is not None:
                found = self.of_phrase(obj)
                if found is not None:
                    return found
        # A participle or coordinated cue ("affirmant que", "and added", "a fait savoir") speaks for its governor's subject.
        node = cue
        for _ in range(2):
            if node.dep_ not in ("advcl", "conj", "xcomp", "acl") or node.head.i == node.i:
                break
            node = node.head
            for child in node.children:
                if child.dep_ in SPEAKER_DEPS:
                    found = self.of_phrase(child)
                    if found is not None:
                        return found
        return None


def _named(actor: Actor) -> bool:
    """A person the text names, not only a role ("United States official" from "un responsable américain")."""
    name = _fold(actor.name)
    return any(name in _fold(m.text) or _fold(m.text) in name for m in actor.mentions) if actor.mentions else True


def _phrase_name(head: Token) -> str | None:
    """The words of a subject phrase, without its determiner, relative clause or what follows a comma."""
    doc = head.doc
    left, right = head.left_edge.i, head.i
    for t in doc[head.i + 1: head.right_edge.i + 1]:
        if t.is_punct and t.text not in ("-", "'", "’", "(", ")") or t.dep_ in ("acl:relcl", "relcl") \
                or t.pos_ in ("VERB", "AUX") and any(c.dep_ not in ("punct", "advmod", "aux", "aux:pass") for c in t.children):
            break
        right = t.i
    for t in reversed(list(doc[left: head.i])):
        if t.is_punct and t.text not in ("-", "'", "’"):
            left = t.i + 1
            break
    while left < right and (doc[left].pos_ in ("DET", "ADP") or doc[left].is_punct
                            or doc[left].lower_ in ("his", "her", "its", "their", "son", "sa", "leur")):
        left += 1
    if right < len(doc) and doc[right].text == "(" or doc[right].text == "-":
        right -= 1
    words = doc[left: right + 1]
    if not len(words) or len(words) > MAX_NAME_WORDS:
        return None
    text = words.text.strip(" ,;:")
    return text[:1].upper() + text[1:] if text else None


def _aux_start(cue: Token) -> Token:
    """The first word of the cue's verb group: "a" in "a déclaré", "a" in "a-t-il ajouté", "has" in "has said"."""
    doc, first = cue.doc, cue
    while first.i > sent_of(cue).start and (doc[first.i - 1].dep_ in ("aux", "aux:tense", "aux:pass", "expl:subj")
                                        or doc[first.i - 1].lower_ in ("-t", "-t-il", "-t-elle", "-il", "-elle")):
        first = doc[first.i - 1]
    return first


def follows_its_quote(cue: Token) -> bool:
    """"« C'est une violation de ses droits », a dénoncé son avocat": a verb right after the words it reports
    (a closing quotation mark, then perhaps a comma), whose subject comes after it."""
    if not _inverted(cue):
        return False
    first = _aux_start(cue)
    return any(t.text in CLOSING for t in cue.doc[max(sent_of(cue).start, first.i - 2): first.i])


def _inverted(cue: Token) -> bool:
    """", a déclaré M. Wang" / ", said Lavrov": the cue (with its auxiliary) follows a comma or a closing quote."""
    if not _finite(cue):
        return False  # "…, affirmant que …": a participle continues its sentence
    first = _aux_start(cue)
    if any(c.dep_ in SPEAKER_DEPS and c.i < first.i and not any(t.text in CLOSING for t in cue.doc[c.i: first.i])
           for c in cue.children):
        return False  # "Russia's ambassador, Vassily Nebenzia, complained that …": the subject comes first
    return first.i > sent_of(cue).start and cue.doc[first.i - 1].text in QUOTE_MARKS


def _content(cue: Token, sent: Span) -> tuple[int, int] | None:
    """Character span of what the cue reports: its clausal complement, the clause after "que"/"that",
    the words before an inverted cue, or the sentence before a cue that opens its own ("said X.")."""
    doc = cue.doc
    inverted = _inverted(cue)
    for child in ([] if inverted else cue.children):
        # A noun object is what was said only when it heads a clause the parser mislabeled ("a déclaré que
        # le congrès ... est"); "a condamné l'arrestation" names an act, not words.
        if child.dep_ in ("ccomp", "xcomp", "obj", "dobj") and child.i > cue.i and (
                child.pos_ in ("VERB", "AUX", "ADV", "ADJ")
                or child.pos_ == "NOUN" and any(c.dep_ in ("cop", "nsubj", "mark") for c in child.children)):
            tokens = list(child.subtree)
            start = tokens[0]
            while start.dep_ == "mark" or start.lower_ in ("que", "qu'", "qu’", "that", ":", ","):
                if start.i + 1 >= sent.end:
                    break
                start = doc[start.i + 1]
            end = tokens[-1]
            if end.i - start.i + 1 >= MIN_WORDS:
                return start.idx, end.idx + len(end)
    if not inverted:  # a "que"/"that" clause the parse attached elsewhere ("a affirmé, sur la radio, que …")
        for t in doc[cue.i + 1: min(sent.end, cue.i + 16)]:
            if t.lower_ in ("que", "qu'", "qu’", "that") and t.i + MIN_WORDS < sent.end:
                return doc[t.i + 1].idx, _end_of(sent)
            if t.text in (".", ";", ":") or t.is_punct and t.text in "«“\"":
                break
        clause = _clause_after(cue, sent)
        if clause is not None:
            return clause
    if not _finite(cue):
        return None
    first = _aux_start(cue)
    subjects = [c for c in cue.children if c.dep_ in SPEAKER_DEPS and c.i < cue.i]
    if subjects:  # "…, the Russian military said": step over the whole subject
        first = doc[min(subjects[0].left_edge.i, first.i)]
    while first.i > sent.start + 1 and doc[first.i - 1].pos_ in ("PRON", "PROPN") and doc[first.i - 2].text == ",":
        first = doc[first.i - 1]
    if not subjects and first.i == sent.start and sent.start > 0:  # "A second blast followed. said Gen. X": the sentence before
        previous = sent_of(doc[sent.start - 1])
        if "\n\n" not in text_of(doc)[previous.start_char: sent.start_char] and len(previous) > MIN_WORDS:
            return previous.start_char, _end_of(previous)
    if first.i > sent.start + MIN_WORDS and doc[first.i - 1].text in QUOTE_MARKS:
        end = doc[first.i - 2] if doc[first.i - 1].text == "," else doc[first.i - 1]
        while end.i > sent.start and end.text in QUOTE_MARKS:
            end = doc[end.i - 1]
        start = sent[0]
        for t in sent:
            if t.i >= end.i:
                break
            if t.text == "," and t.i > start.i and _is_intro(doc[start.i:t.i]):
                start = doc[t.i + 1]
        return start.idx, end.idx + len(end)
    return None


def _clause_after(cue: Token, sent: Span) -> tuple[int, int] | None:
    """"saying in a statement the government's commitment … was strong": past the cue's prepositional phrases,
    a clause with its own subject and verb, to the end of the sentence."""
    doc, i = cue.doc, cue.i + 1
    while i < sent.end and (doc[i].pos_ == "ADP" and doc[i].head.i == cue.i or doc[i].pos_ == "ADV"):
        i = max(i, doc[i].right_edge.i) + 1
    if i >= sent.end or doc[i].pos_ not in ("DET", "NOUN", "PROPN", "PRON", "NUM"):
        return None
    rest = doc[i: sent.end]
    verb = next((t for t in rest if t.pos_ in ("VERB", "AUX") and t.head.i != cue.i), None)
    subject = next((t for t in rest if t.dep_ in SPEAKER_DEPS and verb is not None and t.head.i == verb.i), None)
    if subject is None or len(rest) < MIN_WORDS + 1:
        return None
    return doc[i].idx, _end_of(sent)


def _finite(cue: Token) -> bool:
    return "Fin" in cue.morph.get("VerbForm") or any(c.dep_.startswith("aux") for c in cue.children) \
        or cue.tag_ in ("VBD", "VBZ", "VBP") or "Part" in cue.morph.get("VerbForm") and "Past" in cue.morph.get("Tense")


def _is_intro(span: Span) -> bool:
    """A short opening adverbial such as "Pour sa part" or "On Monday" is not part of what was said."""
    return len(span) <= 4 and not any(t.pos_ in ("VERB", "AUX") for t in span)


OPENING, CLOSING = "«“„\"", "»”\""


def direct_spans(text: str) -> list[tuple[int, int]]:
    """Words inside quotation marks, within one paragraph; a paragraph that opens a quotation and never
    closes it (a quote running over several paragraphs) is quoted to its end."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n\n"):
        i = 0
        while i < len(paragraph):
            if paragraph[i] in OPENING and (paragraph[i] != '"' or i == 0 or not paragraph[i - 1].isalnum()):
                closing = "»" if paragraph[i] == "«" else "\"" if paragraph[i] == '"' else "”\"»"
                j = i + 1
                while j < len(paragraph) and paragraph[j] not in closing:
                    j += 1
                start = i + 1
                while start < j and paragraph[start].isspace():
                    start += 1
                end = j
                while end > start and paragraph[end - 1].isspace():
                    end -= 1
                if len(paragraph[start:end].split()) >= MIN_WORDS and (j < len(paragraph) or paragraph[:i].rstrip()[-1:] in ("", ".", "!", "?", ":")):
                    spans.append((offset + start, offset + end))
                i = j + 1
            else:
                i += 1
        offset += len(paragraph) + 2
    return spans


def _according_to(token: Token, lang: str) -> Token | None:
    """The first word of "selon", "d'après", "according to" at ``token``, else None."""
    doc = token.doc
    if lang == "fr":
        if token.lower_ in ("selon", "d'après", "d’après"):
            return token
        if token.lower_ == "après" and token.i > 0 and doc[token.i - 1].lower_ in ("d'", "d’"):
            return doc[token.i - 1]
        return None
    if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
        return token
    return None


def _attribution_candidates(sent: Span, speakers: _Speakers, possible: set[int]) -> list[_Candidate]:
    """"Selon l'agence SPA, …" / "…, according to the ministry.": the rest of the sentence is theirs."""
    out = []
    doc = sent.doc
    for token in (doc[i] for i in range(sent.start, sent.end) if i in possible):
        opening = _according_to(token, speakers.lang)
        if opening is None or token.lower_ == "to":
            continue
        first = token.i + 2 if speakers.lang == "en" else token.i + 1
        speaker, last = None, first
        for t in doc[first: min(sent.end, first + 10)]:
            if t.text in (",", ".", ";"):
                break
            if speaker is None and t.pos_ in ("NOUN", "PROPN", "PRON"):
                head = t
                while head.head.i != head.i and first <= head.head.i < first + 10 and head.head.pos_ in ("NOUN", "PROPN"):
                    head = head.head
                speaker = speakers.of_phrase(head)
            last = t.i
        if speaker is None:
            continue
        if opening.i <= sent.start + 1:  # opening attribution: the clause after the comma
            rest = [t for t in doc[last + 1: sent.end] if not t.is_punct or t.text not in (",",)]
            if len(rest) >= MIN_WORDS:
                out.append(_Candidate(speaker, token, rest[0].idx, _end_of(sent), False, 2))
        else:  # closing attribution: the clause before it
            before = doc[sent.start: opening.i]
            while len(before) and before[-1].is_punct:
                before = before[:-1]
            if len(before) >= MIN_WORDS:
                out.append(_Candidate(speaker, token, before.start_char, before.end_char, False, 2))
    return out


def _end_of(sent: Span) -> int:
    tokens = [t for t in sent if not t.is_space]
    while tokens and tokens[-1].is_punct and tokens[-1].text in (".", ";"):
        tokens.pop()
    return tokens[-1].idx + len(tokens[-1]) if tokens else sent.end_char


def find_quotes(doc: Doc, lang: str, actors: ActorTable) -> list[Quote]:
    quoted_spans = direct_spans(text_of(doc))
    speakers = _Speakers(doc, lang, actors, quoted_spans)
    attributions: list[_Candidate] = []
    possible = _possible_cues(doc, lang)
    for sent in sentences(doc):
        attributions.extend(_attribution_candidates(sent, speakers, possible))
        for token in (doc[i] for i in range(sent.start, sent.end) if i in possible):
            if not is_cue(token, lang):
                continue
            speaker = speakers.of_cue(token)
            if speaker is None:
                continue
            span = _content(token, sent)
            mine = [d for d in quoted_spans if (sent.start_char <= d[0] < sent.end_char
                                                 or sent.start_char < d[1] <= sent.end_char)
                    and not (d[0] <= token.idx < d[1])]
            for start, end in mine:
                inside = span is not None and span[0] <= start and end <= span[1]
                if not inside or len(text_of(doc)[start:end].split()) >= MIN_DIRECT_WORDS:
                    speakers.found.append(_Candidate(speaker, token, start, end, True, 0))
            if span is None and not mine and _opens_after_quote(token):
                # '"Will only the U.S. …?" the Strategic Force … said in its statement.': the quotation just before
                mine = [d for d in quoted_spans if sent.start_char - 4 <= d[1] <= sent.start_char + 2]
                speakers.found.extend(_Candidate(speaker, token, d[0], d[1], True, 0) for d in mine)
            if span is not None and not any(d[0] <= span[0] and span[1] <= d[1] for d in mine):
                speakers.found.append(_Candidate(speaker, token, span[0], span[1], False, 1))
    candidates = speakers.found + attributions
    candidates.extend(_unattributed_direct(doc, quoted_spans, candidates, speakers, attributions))
    _demote_nested(candidates, doc)
    quotes: list[Quote] = []
    for c in sorted(candidates, key=lambda c: (c.rank, c.start, -c.end)):
        if any(q.start <= c.start < q.end or c.start <= q.start < c.end for q in quotes):
            continue
        cue_text = c.cue.text
        aux = [a.text for a in c.cue.children if a.dep_ in ("aux", "aux:tense") and a.i < c.cue.i]
        if aux:
            cue_text = " ".join(aux + [c.cue.text])
        quotes.append(Quote(speaker=c.speaker.party(), start=c.start, end=c.end, text=text_of(doc)[c.start:c.end],
                            cue=cue_text, direct=c.direct))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _opens_after_quote(cue: Token) -> bool:
    """The cue's sentence is only an attribution: subject and cue open it, a closing quotation mark before it."""
    sent = sent_of(cue)
    subjects = [c for c in cue.children if c.dep_ in SPEAKER_DEPS and c.i < cue.i]
    head_start = subjects[0].left_edge.i if subjects else _aux_start(cue).i
    return head_start <= sent.start + 1 and (sent.start == 0 or cue.doc[sent.start].text in CLOSING
                                              or cue.doc[sent.start - 1].text in CLOSING + "?!")


def _demote_nested(candidates: list[_Candidate], doc: Doc) -> None:
    """Reported speech inside reported speech ("Egypt said it …, the agency reported"): the inner speaker is
    the one quoted. A few quoted words inside a longer reported clause belong to that clause."""
    reported = [c for c in candidates if c.rank == 1]
    for c in candidates:
        if c.rank == 0 and len(text_of(doc)[c.start:c.end].split()) < MIN_DIRECT_WORDS \
                and any(o.start < c.end and c.start < o.end and o.end - o.start > c.end - c.start for o in reported):
            c.rank = 3
        elif c.rank == 1 and c.cue.idx >= c.end and any(o is not c and o.speaker.name != c.speaker.name and c.start <= o.cue.idx < c.end
                                 and len(text_of(doc)[c.start:o.cue.idx].split()) <= 6 for o in reported):
            c.rank = 2


def _unattributed_direct(doc: Doc, quoted_spans, candidates: list[_Candidate], speakers: _Speakers,
                         attributions: list[_Candidate]) -> list[_Candidate]:
    """Quoted words with no cue of their own: a cue ending the previous sentence (':'), a "selon X" of the same
    sentence, the subject of the verb the quotation hangs from ("Trump threatened North Korea "with fire and
    fury""), or, for a quotation opening a sentence, the speaker of the quotation just before (same or previous
    paragraph) or else the person the previous sentence of the paragraph is about."""
    out: list[_Candidate] = []
    taken = [(c.start, c.end) for c in candidates if c.rank < 2]
    for start, end in quoted_spans:
        if any(s <= start < e or start <= s < end for s, e in taken):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sent = sent_of(span)
        previous = sent_of(doc[sent.start - 1]) if sent.start > 0 else None
        found: tuple[Speaker, Token] | None = None
        if previous is not None and previous.text.rstrip().endswith(":"):
            cue = next((t for t in previous if is_cue(t, speakers.lang)), None)
            speaker = speakers.of_cue(cue) if cue is not None else None
            found = (speaker, cue) if speaker is not None and cue is not None else None
        if found is None:
            here = next((a for a in attributions if a.start <= start < a.end), None)
            found = (here.speaker, here.cue) if here is not None else None
        if found is None and span[0].head.i != span[0].i:
            verb = span[0]
            while verb.head.i != verb.i and (verb.pos_ not in ("VERB", "AUX") or span.start <= verb.i < span.end):
                verb = verb.head
            if not (span.start <= verb.i < span.end):
                subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
                actor = speakers.table.within(subject) if subject is not None else None
                if actor is not None and actor.kind in ("person", "organization"):
                    found = (speakers.of_actor(actor, subject), verb)
        before_mark = text_of(doc)[:max(0, start - 1)].rstrip(" ")
        opens_sentence = not before_mark or before_mark[-1] in ".!?\n"
        if found is None and opens_sentence:
            paragraph_start = text_of(doc).rfind("\n\n", 0, start)
            before = [c for c in candidates + out if c.end <= start and start - c.end < 600
                      and text_of(doc).count("\n\n", c.end, start) <= 1]
            if before:
                last = max(before, key=lambda c: c.end)
                found = (last.speaker, last.cue)
            elif previous is not None and previous.start_char > paragraph_start:
                subject = next((t for t in previous if t.dep_ in ("nsubj", "nsubj:pass") and t.head.dep_ == "ROOT"), None)
                actor = speakers.table.at(subject) if subject is not None else None
                if actor is not None and actor.kind == "person":
                    found = (speakers.of_actor(actor, subject), previous.root)
        if found is not None:
            out.append(_Candidate(found[0], found[1], start, end, True, 0))
    return out
