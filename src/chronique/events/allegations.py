"""Accusations told as reports: a speaker saying that another party did wrong accuses it (CAMEO 112x).

"The FSB claimed Thursday that the reporter had been trying to obtain state secrets" is the FSB accusing
the reporter of espionage (1125), though no word of it is "accuse". The words of wrongdoing are in
``data/events/wrongdoing.{lang}.tsv``; the clause must be the complement of a verb of saying, name its own
subject (not the speaker), and not be negated; a wrongdoing fought ("progress against corruption") accuses
no one.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..actors import ActorTable
from ..quotes import is_cue
from .arguments import SUBJECT_DEPS, Arguments, actors_of, subject_of
from .lexicon import wrongdoing

WRONGDOING_POS = ("NOUN", "VERB")
CLAUSE_SUBJECT_DEPS = SUBJECT_DEPS | {"nsubj:pass", "nsubjpass"}
NEGATIONS = frozenset({"not", "n't", "never", "pas", "jamais", "ne", "n'", "n’"})
# "progress against corruption", "lutte contre la contrebande": the wrongdoing is fought, not done
AGAINST = frozenset({"against", "contre", "fight", "combat", "combattre", "lutter", "tackle", "curb", "eradicate",
                     "éradiquer", "prevent", "empêcher"})


def allegation(word: Token, lang: str, table: ActorTable) -> tuple[str, Arguments, Token] | None:
    """When ``word`` names a wrongdoing in a reported clause about another party: the accusation's code,
    its parties (the reporter, the clause's subject) and the verb of saying, which dates it."""
    row = wrongdoing(lang).get(word.lemma_.lower())
    if row is None or word.pos_ not in WRONGDOING_POS:
        return None
    code, needs = row
    dependents = {c.lemma_.lower() for c in word.children}
    if needs and not needs & dependents:
        return None  # "state secrets", not "the secret of its success"
    if dependents & AGAINST or word.head.lemma_.lower() in AGAINST:
        return None
    node = word
    for _ in range(6):
        if node.dep_ == "ccomp" and node.head.pos_ == "VERB" and is_cue(node.head, lang):
            break
        if node.head.i == node.i or node.dep_ in ("relcl", "acl:relcl", "parataxis", "appos"):
            return None
        node = node.head
    else:
        return None
    clause, cue = node, node.head
    if any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in clause.children):
        return None
    targets = actors_of([c for c in clause.children if c.dep_ in CLAUSE_SUBJECT_DEPS], table)
    sources, _ = subject_of(cue, table)
    sources = [s for s in sources if s not in targets]
    if not targets or not sources:
        return None
    return code, Arguments(sources, targets, "reporter", "subject"), cue
