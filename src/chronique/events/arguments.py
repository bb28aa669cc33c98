"""Source and target of a trigger, read off the dependency parse (Universal Dependencies labels for
French, ClearNLP labels for English)."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..actors import ActorTable
from ..actors.table import LOCATIVE_CASES, locative
from ..dates import calendar_words
from ..nlp import sent_of
from ..quotes import follows_its_quote
from ..records import Actor
from .documents import authors_of, participle_of_document
from .lexicon import marker_lemmas, willing_words
from .pairs import the_two

SUBJECT_DEPS = {"nsubj", "csubj", "expl:subj"}
PASSIVE_SUBJECT_DEPS = {"nsubj:pass", "nsubjpass", "csubjpass"}
OBJECT_DEPS = {"obj", "dobj", "iobj", "dative"}
AGENT_DEPS = {"obl:agent", "agent"}
OBLIQUE_DEPS = {"obl", "obl:arg", "obl:mod", "nmod", "prep", "iobj", "dative", "acl", "nmod:poss", "poss"}
TARGET_CASES = {
    "fr": {"à", "avec", "contre", "envers", "vers", "au", "aux", "auprès", "sur", "chez", "en", "pour", "entre"},
    "en": {"with", "to", "against", "on", "at", "toward", "towards", "upon", "into", "for", "in", "from", "between"},
}
BETWEEN = frozenset({"entre", "between"})  # "talks between X and Y": the parties of a joint act
GIVER_CASES = frozenset({"from", "de", "du", "des", "d'", "d’", "auprès"})  # "support from X", "le soutien de X"
SOURCE_CASES = {"fr": {"de", "du", "des", "d'", "d’"}, "en": {"of"}}
# An event noun hangs from a light verb as its object or, after a preposition, an oblique:
# "imposer des sanctions", "procéder à un échange", "take part in talks".
LIGHT_VERB_DEPS = {"obj", "dobj", "nsubj:pass", "nsubjpass", "obl", "obl:arg", "pobj"}
UNNAMED_AGENT = "unnamed_agent"  # an agent phrase names the doer, but no actor we can place
MANNER_PREPOSITIONS = frozenset({"by", "while", "after", "before", "without", "when", "in"})
CLAUSE_DEPS = {"xcomp", "conj", "advcl", "ccomp", "acl", "acl:relcl", "relcl", "parataxis"}


@dataclass(slots=True)
class Arguments:
    sources: list[Actor]
    targets: list[Actor]
    source_how: str  # subject | agent | possessor | light_verb | inherited | none
    target_how: str  # object | oblique | nominal | none


def case_of(token: Token) -> str | None:
    """The preposition introducing a nominal (UD: a 'case' child; ClearNLP: the token is a pobj of a prep)."""
    for child in token.children:
        if child.dep_ in ("case", "mark"):
            return child.lower_
    if token.dep_ == "pobj":
        return token.head.lower_
    return None


def with_conjuncts(token: Token) -> list[Token]:
    """The token and those coordinated with it, including conjuncts the parser hung on a name's last part
    ("Emmanuel Macron et Vladimir Poutine": "Vladimir" is a conjunct of "Macron", not of "Emmanuel")."""
    out = [token, *[c for c in token.conjuncts if c.i != token.i]]
    for part in [c for c in token.children if c.dep_ in ("flat:name", "flat", "compound")]:
        out += [c for c in part.children if c.dep_ == "conj" and c not in out]
    return out


def _country_word_in(head: Token, table: ActorTable, reach: int = 1) -> Actor | None:
    """"strikes against Ukrainian energy targets", "des frappes contre des positions syriennes": a phrase that
    names no actor but whose head carries a country word directly (no clause, no complement in between) stands
    for that state."""
    if head.dep_ == "nmod" or head.dep_ == "pobj" and head.head.lower_ == "of":
        return None  # "the annexation of Ukrainian territory": a noun's complement, not a party to the act
    for token in head.subtree:
        if token.i not in table.country_words:
            continue
        node, arcs = token, 0
        while node.i != head.i and node.pos_ not in ("VERB", "AUX") and node.dep_ not in ("conj", "appos") \
                and node.dep_ != "case" and arcs < 3:
            node, arcs = node.head, arcs + (node.dep_ not in ("case", "prep", "flat", "flat:name", "compound"))
        if node.i == head.i and arcs <= reach:  # "annexations of Ukrainian territory": the territory, not the target
            return table.country_at(token)
    return None


def dyad_partner(token: Token, table: ActorTable) -> Actor | None:
    """The second state of a compound dyad, when the compound qualifies an act ("the U.S.-China talks",
    "les pourparlers russo-ukrainiens"), not a place ("the Turkey-Syria border")."""
    from .lexicon import match_trigger

    partner = table.partner_of(token)
    node = token
    for _ in range(3):
        if partner is None or node.head.i == node.i:
            return None
        node = node.head
        found = match_trigger(node, node.lang_)
        if found is not None and found[0].pos == "NOUN":
            return partner
        if node.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return None
    return None


def actors_of(tokens: list[Token], table: ActorTable) -> list[Actor]:
    """The actors a phrase names, with those coordinated with them ("the United States and NATO")."""
    out: list[Actor] = []
    for token in tokens:
        for t in with_conjuncts(token):
            if t.pos_ == "VERB":
                found = [table.at(t)]
            else:
                closest = table.closest_token(t)
                found = [table.at(c) for c in with_conjuncts(closest)] + [dyad_partner(closest, table)] \
                    + _coordinated_complements(closest, table) + _apposed_names(closest, table) \
                    if closest is not None else [_country_word_in(t, table)]
            found += _coordinated_country_words(t, table)
            for actor in found:
                if actor is not None and actor not in out:
                    out.append(actor)
    return out


def _coordinated_country_words(noun: Token, table: ActorTable) -> list[Actor]:
    """"Senior Hungarian and Romanian officials", "les ministres français et allemand": each coordinated
    country adjective of one noun is a party of its own."""
    out = []
    for adjective in (c for c in noun.children if c.dep_ == "amod"):
        coordinated = [c for c in adjective.children if c.dep_ == "conj"]
        if coordinated:
            out += [table.at(a) or table.country_at(a) for a in (adjective, *coordinated)]
    return out


def _apposed_names(head: Token, table: ActorTable) -> list[Actor]:
    """"Les chefs de la diplomatie russe et française, Sergueï Lavrov et Jean-Yves Le Drian, ...": the names
    coordinated in an apposition to the phrase are each a party."""
    apposed = [a for a in head.children if a.dep_ == "appos" or a.dep_ == "nmod" and a.pos_ == "PROPN"
               and a.i > 0 and a.doc[a.i - 1].text == ","]  # the parser often calls it nmod after a comma
    # after a name, a name in apposition is the next item of a list the parser misread ("the US, the UN, the AU
    # and France"); after a descriptor ("les chefs de la diplomatie, X et Y") it is the descriptor's first party
    first = 0 if head.pos_ == "PROPN" else 1
    return [table.at(c) for a in apposed for c in with_conjuncts(a)[first:]]


def _coordinated_complements(head: Token, table: ActorTable) -> list[Actor]:
    """"The foreign ministers of Ghana and Togo", "les ministres des Affaires étrangères d'Iran et d'Arabie
    saoudite": officials of coordinated states are the officials of each, one party per state."""
    if "Plur" not in head.morph.get("Number") or head.i not in table.by_token:
        return []
    own = table.by_token[head.i]
    found = [t for t in head.subtree
             if t.dep_ == "conj" and t.pos_ == "PROPN" and table.by_token.get(t.head.i) == own
             and t.i in table.by_token and table.by_token[t.i] != own]
    end = head.i
    while table.by_token.get(end + 1) == own:
        end += 1
    following = head.doc[end + 1:end + 4]
    if not found and len(following) == 3 and following[0].lower_ in ("and", "et") \
            and following[1].lower_ in COMPLEMENT_CASES and following[2].i in table.by_token:
        found = [following[2]]  # the parser hung "et d'Arabie saoudite" elsewhere: the words still coordinate
    return [a for a in (table.at(t) for t in found) if a is not None and a.kind == "country"]


COMPLEMENT_CASES = frozenset({"of", "de", "d'", "d’", "du", "des"})


def prep_objects(token: Token) -> list[tuple[str, Token]]:
    """(preposition, nominal) pairs hanging from ``token``, both UD and ClearNLP styles."""
    pairs = []
    for child in token.children:
        if child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    pairs.append((child.lower_, pobj))
        elif child.dep_ in OBLIQUE_DEPS | {"obl:arg"}:
            case = case_of(child)
            if case:
                pairs.append((case, child))
            elif child.pos_ == "ADV":  # "auprès du groupe": the parser makes the locution an adverb over the noun
                pairs += [(child.lower_, g) for g in child.children
                          if g.pos_ in ("NOUN", "PROPN") and g.dep_ in OBLIQUE_DEPS | {"obl:arg"}]
    return pairs


def place_phrase(case: str, nominal: Token, table: ActorTable) -> bool:
    """"in Brussels", "à Bruxelles" (which the French parser may tag a common noun): a phrase that says where."""
    if case not in LOCATIVE_CASES:
        return False
    if locative(nominal):
        return True
    actor = table.at(nominal)
    return actor is not None and actor.kind == "country" and nominal.text[:1].isupper() and nominal.pos_ == "NOUN"


def oblique_targets(head: Token, lang: str, table: ActorTable, places: bool = True) -> list[Actor]:
    """The actors of the first "with/to/against/avec/à/contre ..." complement that names any; without
    ``places``, not a place phrase ("a eu des entretiens à Bruxelles": where, not with whom)."""
    # a verb's own complement ("s'en est pris à cette cour", obl:arg) before a circumstance ("à plusieurs reprises")
    pairs = sorted(prep_objects(head), key=lambda pair: pair[1].dep_ == "obl:mod")
    for case, nominal in pairs:
        if not places and place_phrase(case, nominal, table):
            continue
        if case in TARGET_CASES.get(lang, set()):
            actors = actors_of([nominal], table)
            if actors:
                return actors
    return []


def _active_despite_passive_label(verb: Token) -> bool:
    """'s'est adressé' and 'est arrivé' are active: the parser labels their subject as passive."""
    if verb.lemma_.lower() in ETRE_VERBS and not any(c.dep_ in AGENT_DEPS for c in verb.children):
        return True
    if verb.lemma_.lower() in willing_words(verb.doc.lang_) and any(c.dep_ == "xcomp" for c in verb.children):
        return True  # "est disposé à libérer", "is prepared to meet": a predicate of the subject, not a passive
    window = verb.doc[max(sent_of(verb).start, verb.i - 3): verb.i]
    return any(t.lower_ in ("se", "s'", "s’", "me", "m'", "m’", "nous", "vous") for t in window)


def _opening_participle_subject(verb: Token, table: ActorTable) -> list[Actor]:
    """A past participle opening the sentence describes the noun phrase after its comma, however it is parsed."""
    sent = sent_of(verb)
    if verb.i != sent.start or "Part" not in verb.morph.get("VerbForm") or "Past" not in verb.morph.get("Tense"):
        return []
    comma = next((t for t in sent if t.i > verb.i and t.text == ","), None)
    for t in verb.doc[comma.i + 1:sent.end] if comma is not None else ():
        if t.pos_ in ("VERB", "AUX") or t.is_punct:
            break
        actor = table.at(t)
        if actor is not None:
            return [actor]
    return []


# French verbs of motion and state whose compound tenses take "être" ("est arrivé", "sont venus"): no passive
ETRE_VERBS = frozenset({"aller", "arriver", "venir", "revenir", "parvenir", "intervenir", "partir", "repartir",
                        "entrer", "rentrer", "sortir", "retourner", "rester", "tomber", "devenir", "monter",
                        "descendre"})


def bare_past_participle(verb: Token) -> bool:
    """A past participle with no auxiliary ("when asked", "accueilli par Macron"): passive in meaning."""
    participle = verb.tag_ == "VBN" or "Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense")
    return participle and not any(c.dep_.startswith("aux") for c in verb.children)


def object_controllers(governor: Token) -> list[Token]:
    """The object of a verb that tells someone to act ("urged Iran to", "called on Russia to", "a exhorté la
    population à"): it, not the verb's subject, does what the infinitive says."""
    found = [c for c in governor.children if c.dep_ in ("obj", "dobj", "iobj")]
    found += [p for c in governor.children if c.dep_ == "prep" and c.lower_ == "on"
              for p in c.children if p.dep_ == "pobj"]
    calendar = calendar_words(governor.doc.lang_)
    return [t for t in found if t.lower_ not in calendar]  # "vowed on Friday to avenge": a date tells no one


ASKING_ROOTS = ("02", "10")  # appeal, demand


def _dative_told(verb: Token) -> list[Token]:
    """"a ordonné à la Russie d'arrêter", "a demandé aux belligérants de": the one told, in French, is the
    "à" phrase of an appeal or a demand (not of a promise: "a promis à Kiev de livrer")."""
    from .lexicon import match_trigger

    governor = verb.head
    if not any(c.dep_ == "mark" and c.lower_ in ("de", "d'", "d’") for c in verb.children):
        return []
    found = match_trigger(governor, verb.doc.lang_)
    if found is None or not found[0].cameo.startswith(ASKING_ROOTS):
        return []
    return [c for c in governor.children if c.dep_ in ("obl:arg", "obl", "iobj")
            and any(g.dep_ == "case" and g.lower_ in ("à", "au", "aux") for g in c.children)]


def told_to_act(verb: Token) -> list[Token]:
    """Who is told to do what ``verb`` says: "urged Iran to", and "called on Russia on Tuesday to withdraw",
    where the date makes the parser hang the infinitive as an adverbial clause of the appeal."""
    if verb.dep_ == "xcomp":
        return object_controllers(verb.head) or _dative_told(verb)
    if verb.dep_ != "advcl" or any(c.dep_ in SUBJECT_DEPS for c in verb.children) \
            or not any(c.lower_ == "to" and c.dep_ in ("aux", "mark") for c in verb.children):
        return []
    from .lexicon import match_trigger

    found = match_trigger(verb.head, verb.doc.lang_)
    return object_controllers(verb.head) if found is not None and found[0].cameo.startswith(ASKING_ROOTS) else []


def subject_of(verb: Token, table: ActorTable, depth: int = 0) -> tuple[list[Actor], str]:
    """Actors of the verb's subject; a subjectless verb (infinitive, participle, coordinated or
    relative clause) takes its governor's."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS
                or c.dep_ in PASSIVE_SUBJECT_DEPS and _active_despite_passive_label(verb)]
    agents = [c for c in verb.children if c.dep_ in AGENT_DEPS]
    if agents:
        objs = [p for a in agents for p in ([a] if a.dep_ == "obl:agent" else [c for c in a.children if c.dep_ == "pobj"])]
        actors = actors_of(objs, table) or [a for a in (_country_word_in(o, table, reach=2) for o in objs) if a]
        if actors:  # "tué par un tir de drone américain": the weapon's country is the agent's
            return actors, "agent"
        if objs and not _active_despite_passive_label(verb):
            return [], UNNAMED_AGENT  # "killed by gunmen": someone did it, not whoever else the sentence names
    if subjects:
        actors = actors_of(subjects, table) or the_two(subjects[0], table)
        if not actors and verb.dep_ in RELATIVE_CLAUSES and _relative_pronoun(subjects[0]):
            # "le régime de Bachar al-Assad, qui a démenti ...": the relative pronoun is its antecedent
            event_noun = is_event_noun(verb.head, verb.doc.lang_)  # "the attack that killed ...": no actor
            antecedent = None if event_noun else table.closest_token(verb.head, outside=verb)
            if antecedent is not None:
                return [table.at(antecedent)], "inherited"
        if not actors:  # "le projet de résolution demande à la Syrie ...": the text speaks for its authors
            actors = authors_of(subjects[0], table)
            return actors, "document" if actors else "none"
        return actors, "subject"
    if depth == 0 and not subjects:
        opening = _opening_participle_subject(verb, table)
        if opening:  # "Arrivé au Japon lundi, le Premier ministre indien ...": the phrase after the comma
            return opening, "subject"
    if depth < 3 and verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in MANNER_PREPOSITIONS \
            and verb.head.head.pos_ in ("VERB", "AUX"):
        # "Russia responded by expelling ten diplomats", "after meeting Xi": the main clause's subject acts
        # (not after "for"/"of": "accused Russia of violating" is Russia's act)
        actors, _ = subject_of(verb.head.head, table, depth + 1)
        if actors:
            return actors, "inherited"
    if depth == 0 and _gerund(verb):
        # "Macron a promis ... au surlendemain de l'explosion qui a endeuillé la capitale, tout en appelant à ...":
        # a gérondif's subject is the main clause's, wherever the parser hangs it
        main = _main_verb(verb)
        if main is not None:
            actors, _ = subject_of(main, table, depth + 1)
            if actors:
                return actors, "inherited"
    if depth < 3 and verb.dep_ in CLAUSE_DEPS and verb.head.i != verb.i:
        if verb.dep_ == "advcl" and bare_past_participle(verb):
            return [], "none"  # "The Kremlin did not comment when asked": the subject was asked, it did not ask
        if verb.dep_ in ("xcomp", "advcl"):
            controllers = told_to_act(verb)
            if controllers:
                # "advised Russians not to visit Turkey", "called on Russia to withdraw", "a appelé l'Iran à libérer":
                # the one told to act is the one who acts
                actors = actors_of(controllers, table)
                return (actors, "inherited") if actors else ([], "none")
        if verb.dep_ in ("acl:relcl", "relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            actor = table.at(verb.head)
            if actor is not None:
                return [actor], "inherited"
            # "un projet de résolution ... appelant à une enquête": the text speaks for whoever put it forward.
            noun = verb.head
            while noun.head.i != noun.i and noun.head.pos_ not in ("VERB", "AUX") and depth < 3:
                noun = noun.head
            if noun.head.pos_ in ("VERB", "AUX") and noun.dep_ in OBJECT_DEPS:
                actors, _ = subject_of(noun.head, table, depth + 1)
                return (actors, "inherited") if actors else ([], "none")
            return [], "none"
        actors, _ = subject_of(verb.head, table, depth + 1)
        if actors:
            return actors, "inherited"
    actors = participle_of_document(verb, table) if depth == 0 else []
    return actors, "document" if actors else "none"


def _main_verb(verb: Token) -> Token | None:
    """The verb of the sentence's main clause before ``verb``: the root, or, when the parser roots the
    sentence elsewhere (a dateline), the first verb with a subject outside a relative clause."""
    sent = sent_of(verb)
    root = sent.root
    if root.pos_ in ("VERB", "AUX") and root.i != verb.i and any(c.dep_ in SUBJECT_DEPS for c in root.children):
        return root
    for t in verb.doc[sent.start:verb.i]:
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("acl", "acl:relcl", "relcl") and any(
                c.dep_ in SUBJECT_DEPS and c.pos_ != "PRON" for c in t.children):
            return t
    return None


RELATIVE_CLAUSES = ("acl:relcl", "relcl")


def _relative_pronoun(token: Token) -> bool:
    return "Rel" in token.morph.get("PronType") or token.tag_ in ("WDT", "WP") \
        or token.lower_ in ("qui", "who", "which", "that")


def _gerund(verb: Token) -> bool:
    """"en appelant", "tout en rappelant": the French gérondif."""
    return "Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense") and any(
        c.lower_ == "en" and c.dep_ in ("mark", "case") for c in verb.children)


def _past_participle_of_noun(verb: Token) -> bool:
    """"Brittney Griner, détenue en Russie", "the journalist arrested in Moscow": the noun undergoes the act."""
    return verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN") and (
        verb.tag_ == "VBN" or ("Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense")))


def coordinated_verbs(verb: Token) -> list[Token]:
    """Verbs coordinated with this one under one subject."""
    partners = [verb.head] if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") else []
    partners += [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                 and not any(g.dep_ in SUBJECT_DEPS for g in c.children)]
    return partners


INVERTED_SUBJECT_DEPS = ("nsubj", "obj", "dobj", "obl:mod", "appos")


def verb_arguments(verb: Token, lang: str, table: ActorTable, _shared: bool = False) -> Arguments:
    from .nouns import noun_arguments  # the two read each other's phrases

    if _past_participle_of_noun(verb):
        targets = [a for a in [table.at(verb.head) or table.within(verb.head)] if a is not None]
        agents = [c for c in verb.children if c.dep_ in AGENT_DEPS]
        objs = [p for a in agents for p in ([a] if a.dep_ == "obl:agent" else [c for c in a.children if c.dep_ == "pobj"])]
        sources = actors_of(objs, table)
        return Arguments(sources, [t for t in targets if t not in sources],
                         "agent" if sources else UNNAMED_AGENT if objs else "none", "object" if targets else "none")
    sources, source_how = subject_of(verb, table)
    if not sources and follows_its_quote(verb):
        # "« ... », a déploré l'Union européenne": parsers read the inverted subject as an object; the words
        # quoted are what is judged, so the counterpart is left to the fallbacks
        speaker = next((c for c in verb.children if c.i > verb.i and c.dep_ in INVERTED_SUBJECT_DEPS), None)
        found = actors_of([speaker], table) if speaker is not None else []
        if found:
            return Arguments(found, [], "inverted", "none")
    if source_how == "agent":  # "Accueilli par le Premier ministre la veille, le président chinois ...": the
        described = [a for a in _opening_participle_subject(verb, table) if a not in sources]  # phrase after
        if described:                                                                      # the comma is its patient
            return Arguments(sources, described, "agent", "object")
    passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children) and not _active_despite_passive_label(verb)
    if passive:
        patients = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        targets = [a for a in actors_of(patients, table) if a not in sources]
        for patient in (p for p in patients if not targets and p.pos_ == "NOUN" and table.at(p) is None):
            # "the coup in Niger has been condemned by ...": as in the active voice, whoever did the act judged,
            # or where it happened
            doers = [a for a in noun_arguments(patient, lang, table).sources if a not in sources] \
                if is_event_noun(patient, lang) else []
            targets = doers or [a for a in _located_country(patient, lang, table) if a not in sources]
        if not targets and verb.dep_ in RELATIVE_CLAUSES and _relative_pronoun(patients[0]) \
                and not is_event_noun(verb.head, lang):
            # "Mahsa Amini, a 22-year-old woman, who was arrested": the relative pronoun is its antecedent
            antecedent = table.closest_token(verb.head, outside=verb)
            targets = [table.at(antecedent)] if antecedent is not None else []
        if source_how not in ("agent", UNNAMED_AGENT):
            sources, source_how = [], "none"
        return Arguments(sources, targets, source_how, "object" if targets else "none")
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    targets = actors_of([o for o in objects if not is_event_noun(o, lang)], table)
    how = "object"
    if not targets:
        # "condemned the arrest of X in Iran": the target is who did the act criticized, or where it happened.
        for obj in objects:
            if is_event_noun(obj, lang):
                inner = noun_arguments(obj, lang, table)
                targets = inner.sources or _located_country(obj, lang, table)
                if targets:
                    how = "object"
                    break
    if not targets:
        targets = oblique_targets(verb, lang, table)
        how = "oblique"
    if not targets:
        # "a exigé que l'Otan et Washington prennent au sérieux ...", "demanded that Moscow withdraw":
        # what is demanded, feared or blamed is about the subject of the clause.
        for clause in (c for c in verb.children if c.dep_ == "ccomp" or c.dep_ == "advcl" and c.i > verb.i
                       and c.left_edge.lower_ in ("que", "qu'", "qu’", "that")):
            subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
            targets = [a for a in actors_of(subjects, table) if a not in sources]
            if targets:
                how = "clause"
                break
    if not targets and not _shared:
        # "threatened to impose restrictions against German goods", "vowed to punish the rebels": the
        # infinitive's counterpart is the act's (not after "called on X to ...": X is the counterpart)
        # threaten, promise, vow to ...; willing, ready, prêt à ...
        subject_control = verb.lemma_.lower() in marker_lemmas(lang, "intended") | willing_words(lang)
        for comp in (c for c in verb.children if subject_control and c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")):
            found = verb_arguments(comp, lang, table, _shared=True).targets or [
                a for c in comp.children if c.dep_ in OBJECT_DEPS and c.pos_ == "NOUN"
                for a in oblique_targets(c, lang, table)]
            targets = [a for a in found if a not in sources]
            if targets:
                how = "clause"
                break
    if not targets and not _shared:
        # "condemned the arrest and demanded his release", "soutiendra l'initiative et travaillera avec la Chine":
        # verbs coordinated under one subject share, failing their own, their counterpart.
        for partner in coordinated_verbs(verb):
            shared = verb_arguments(partner, lang, table, _shared=True).targets or [
                # "ont imposé des sanctions contre X et ont menacé de ...": the partner's act names X
                a for c in partner.children if c.dep_ in LIGHT_VERB_DEPS and is_event_noun(c, lang)
                for a in noun_arguments(c, lang, table).targets]
            if shared:
                targets, how = shared, "inherited"
                break
    return Arguments(sources, [t for t in targets if t not in sources], source_how, how if targets else "none")


def is_event_noun(token: Token, lang: str) -> bool:
    from .lexicon import match_trigger

    found = match_trigger(token, lang)
    return found is not None and found[0].pos == "NOUN"


def governs_as_trigger(verb: Token, lang: str) -> bool:
    from .lexicon import match_trigger

    return match_trigger(verb, lang) is not None


def _located_country(noun: Token, lang: str, table: ActorTable) -> list[Actor]:
    for case, nominal in prep_objects(noun):
        if case in ("en", "in", "au", "aux"):
            actor = table.within(nominal)
            if actor is not None and actor.kind == "country":
                return [actor]
    return []


def obligation(modal: Token, lang: str, table: ActorTable) -> tuple[str, Arguments] | None:
    """"Russia must end this build-up," he said; X a affirmé que la Russie devait retirer ses troupes: a speaker
    telling another party what it must do is a demand (100), what it should do an appeal (020). The
    speaker is the quote's, or the subject of the verb reporting the clause; nothing else qualifies."""
    lemma = modal.lemma_.lower()
    if lemma in marker_lemmas(lang, "obligation"):
        code = "020" if "Cnd" in modal.morph.get("Mood") else "100"  # "devrait" advises
    elif lemma in marker_lemmas(lang, "advice"):
        code = "020"
    else:
        return None
    if modal.dep_ == "aux":
        verb, holder = modal.head, modal.head
    else:  # "La Russie doit retirer": devoir heads its infinitive
        verb = next((c for c in modal.children if c.dep_ == "xcomp"), None)
        holder = modal
    if verb is None or verb.pos_ != "VERB" or any(c.dep_ in ("aux:pass", "auxpass") for c in verb.children):
        return None  # "must be ready", "doivent être libérés": a state of affairs, not a demand on someone
    subjects = [c for c in holder.children if c.dep_ in SUBJECT_DEPS]
    targets = actors_of(subjects, table)
    if not targets:
        return None
    speaker = table.speaker_of(modal)
    if speaker is not None:
        return code, Arguments([speaker], targets, "speaker", "subject")
    if holder.dep_ != "ccomp" or holder.head.pos_ != "VERB":
        return None
    sources, _ = subject_of(holder.head, table)
    return (code, Arguments(sources, targets, "reporter", "subject")) if sources else None
