"""The event coder: triggers in each sentence, their arguments, code, date, place and modality."""
from __future__ import annotations

import logging
from collections import Counter
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from .. import tables
from ..actors import ActorTable
from ..dates import dateline_date, find_dates
from ..nlp import sent_of, sentences, text_of
from ..places import dateline_place, find_place
from ..records import Actor, DateRef, Event, Location, Party, TextSpan
from .allegations import allegation
from .arguments import UNNAMED_AGENT, bare_past_participle, obligation, subject_of, told_to_act, verb_arguments
from .asking import GENERIC_ASKING, asked_act, asked_for
from .captors import RELEASE_CODES, captors
from .confidence import confidence, context_features, features
from .discourse import (
    MEDIATE,
    PROTEST,
    REPRESSION,
    antagonist,
    definite,
    earlier_event_agents,
    killers_of_the_dead,
    mediated_parties,
    previous_sentence_targets,
    pronoun_subject,
    protest_counterpart,
)
from .documents import document_words, register_documents
from .evaluations import evaluation
from .frames import GENERIC_INTENT, NEGATED_FRAME, absorbed, frame_event, intent_of, is_willingness, negation_in_frame, penalized, willed
from .lexicon import Trigger, asking_code, candidate_tokens, claimed_act, is_reciprocal, marker_lemmas, match_trigger
from .linear import linear_subjects, linear_target, parties_between, same_state
from .mediation import mediations
from .merge import merge_repeats
from .nouns import JOINT_ROOTS, noun_arguments, responsibility_word
from .objects import (
    AID_GENERIC,
    HOSTED,
    PLEDGED_AID,
    WELCOMED_ACT,
    hosts_an_act,
    kind_of_aid,
    pledged,
    receives_an_act,
    shares_a_view,
    simulated,
)
from .pairs import between_themselves
from .states import reporting_state, state_of, story_state, struck_place
from .threats import declared_by_source, pledges_force, threat_of_force
from .when import ToldActs, clause_date, in_clause_of, offset_date, offset_from_main, shift

log = logging.getLogger(__name__)

RECENT_DAYS = 7  # an event dated more than a week before publication is background


def _negated(token: Token, lang: str) -> bool:
    negations = marker_lemmas(lang, "negation")
    scope = [token, *(c for c in token.children if c.dep_ in ("aux", "aux:tense", "aux:pass", "cop"))]
    if token.dep_ in ("xcomp", "acomp") and token.head.pos_ in ("VERB", "AUX"):
        scope.append(token.head)  # "is not willing to", "refused to"
    return any(c.dep_ in ("advmod", "neg", "det") and c.lemma_.lower() in negations and c.lemma_.lower() != "ne"
               or c.dep_ == "neg" for t in scope for c in t.children)


FRENCH_FUTURE_ENDINGS = ("rai", "ras", "ra", "rons", "rez", "ront", "rais", "rait", "rions", "riez", "raient")


def _french_future(t: Token) -> bool:
    """The small French model often tags future verbs as infinitives: read the ending instead."""
    text, lemma = t.lower_, t.lemma_.lower()
    if text == lemma or "Part" in t.morph.get("VerbForm") or not text.endswith(FRENCH_FUTURE_ENDINGS):
        return False
    if lemma.endswith("er"):  # déclarera/déclareraient, not the past historic déclara
        return text.startswith(lemma)
    return lemma.endswith(("ir", "re", "oir"))


def _future_or_conditional(token: Token) -> bool:
    for t in (token, *(c for c in token.children if c.dep_.startswith("aux"))):
        tense, mood = t.morph.get("Tense"), t.morph.get("Mood")
        if "Fut" in tense or "Cnd" in mood or t.lower_ in ("will", "would", "shall", "'ll", "wo"):
            return True
        if t.lang_ == "fr" and t.pos_ in ("VERB", "AUX") and _french_future(t):
            return True
    return False


EACH_OTHER = {("each", "other"), ("one", "another"), ("l'un", "l'autre"), ("l’un", "l’autre"),
              ("les", "uns"), ("l'une", "l'autre"), ("l’une", "l’autre")}


def _mutual(trigger: Token, lang: str) -> bool:
    """"Kyiv and Moscow traded blame", "se sont accusés mutuellement", "accused each other": whatever the
    act, its coordinated parties did it to each other."""
    markers = marker_lemmas(lang, "mutual")
    around = [trigger]
    if trigger.head.pos_ in ("VERB", "AUX") and trigger.dep_ in ("obj", "dobj"):
        around.append(trigger.head)  # "traded blame", "ont échangé des accusations"
    for node in around:
        if node.lemma_.lower() in markers:  # "exchanged prisoners", "a prisoner swap": the act is itself mutual
            return True
        for child in (g for c in node.children for g in (c, *c.children)):
            if child.lemma_.lower() in markers and child.pos_ == "ADV":
                return True
            nxt = child.nbor(1) if child.i + 1 < len(child.doc) else None
            if nxt is not None and (child.lower_, nxt.lower_) in EACH_OTHER:
                return True
    return False


def _struck_in_relative_clause(noun: Token, actors: ActorTable, sources: list[Actor]) -> list[Actor]:
    """The objects of a relative clause on an attack noun: "les attentats qui ont tué des civils belges",
    "the explosions, which injured U.S. service members and Afghan civilians"."""
    for clause in noun.children:
        if clause.dep_ not in ("relcl", "acl:relcl", "acl") or clause.pos_ not in ("VERB", "AUX"):
            continue
        objects = [c for c in clause.children if c.dep_ in ("obj", "dobj")]
        found: list[Actor] = []
        for actor in (actors.within(c) for o in objects for c in (o, *o.conjuncts)):
            if actor is not None and actor not in found and actor not in sources:
                found.append(actor)
        return found
    return []


def _headline(doc: Doc, lang: str, published: date | None) -> tuple[int, DateRef | None]:
    """Where the headline ends (0 when the article opens with no headline-like line) and the date of the
    news the lead sentence gives, when it gives one within a week of publication."""
    text = text_of(doc)
    first = text.split("\n", 1)[0]
    # a line ending with a quotation is a headline unless the quoted words end a sentence
    core = first.rstrip().rstrip("\"»”' ").rstrip()
    if "\n" not in text or len(first.split()) > 25 or core.endswith((".", "!", "?")):
        return 0, None
    rest = text[len(first):]
    lead_start = len(first) + len(rest) - len(rest.lstrip())
    lead = text[lead_start:]
    lead = lead[:lead.find(". ") + 1] if ". " in lead else lead[:400]
    for ref in find_dates(lead, lang, published):
        if ref.value is not None and ref.precision == "day" and published is not None \
                and published - timedelta(days=RECENT_DAYS) <= ref.value <= published:
            return len(first), shift(ref, lead_start)
    return len(first), None


def _met_party(travel: Token, actors: ActorTable, travellers: list[Actor]) -> list[Actor]:
    """The party a journey is made to meet: "for talks with X", "pour rencontrer X", "to meet X"."""
    for child in travel.children:
        if child.dep_ not in ("prep", "obl", "obl:mod", "obl:arg", "advcl", "xcomp") or child.i < travel.i:
            continue
        for t in child.subtree:
            if t.lower_ in ("with", "avec") or t.lemma_.lower() in ("meet", "rencontrer") and t.pos_ == "VERB":
                for obj in t.children:
                    if obj.dep_ in ("pobj", "obj", "dobj", "obl", "nmod") or t.lower_ in ("with", "avec"):
                        actor = actors.within(obj) if obj.dep_ != "case" else None
                        if actor is not None and actor not in travellers:
                            return [actor]
            if t.dep_ in ("nmod", "obl") and any(c.lower_ == "avec" for c in t.children):
                actor = actors.within(t)  # UD: "entretiens avec X", "avec" is X's case marker
                if actor is not None and actor not in travellers:
                    return [actor]
    return []


def _purpose_of_a_visit(noun: Token, lang: str) -> bool:
    """"flew to Brussels for talks with X", "s'est rendu à Paris pour des entretiens avec X": the talks are what
    the visit is for, and the visit, made to meet X, tells them."""
    case = noun.head if noun.head.pos_ == "ADP" else next((c for c in noun.children if c.dep_ == "case"), None)
    if case is None or case.lower_ not in ("for", "pour"):
        return False
    travel = noun.head.head if noun.head.pos_ == "ADP" else noun.head
    found = match_trigger(travel, lang) if travel.pos_ in ("VERB", "AUX") else None
    return found is not None and found[0].cameo.startswith("042")


def _one_way_intent(trigger: Token, cameo: str, sources: list[Actor]) -> bool:
    """"Iran promised the IAEA to allow inspections" is Iran's promise alone; "X and Y agreed" and "X agreed
    with Y" are joint."""
    if not cameo.startswith("03") or len(sources) > 1:
        return False
    if trigger.pos_ == "ADJ" or is_willingness(trigger, trigger.doc.lang_):
        return True  # "is ready to work with Kazakhstan", "s'est dit disposé à négocier avec": only the one who says so
    near = [g for c in trigger.children for g in (c, *c.children, *(x for y in c.children for x in y.children))]
    return not any(t.lower_ in ("with", "avec", "entre", "between") for t in near)


def _pluperfect(token: Token) -> bool:
    auxes = [c for c in token.children if c.dep_ in ("aux", "aux:tense")]
    return any(("Imp" in a.morph.get("Tense") and a.lemma_ in ("avoir", "être")) or a.lower_ == "had" for a in auxes)


def modality_of(trigger: Token, lang: str, when: DateRef | None, published: date | None) -> str:
    intended = marker_lemmas(lang, "intended")
    node = trigger
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.pos_ in ("VERB", "AUX"):
        node = trigger.head
    for _ in range(3):
        if _future_or_conditional(node) or node.lemma_.lower() in intended and node.i != trigger.i:
            return "intended"
        if node.dep_ == "acl" and node.head.lemma_.lower() in intended:  # "a plan to strike", "l'intention de"
            return "intended"
        if node.dep_ not in ("xcomp", "ccomp", "obj", "advcl") or node.head.i == node.i:
            break
        node = node.head
        if node.lemma_.lower() in intended:
            return "intended"
    if when is not None and when.value is not None and published is not None:
        if when.precision == "day" and when.value < published - timedelta(days=RECENT_DAYS):
            return "reported_past"
        if when.precision in ("month", "year") and when.value < published.replace(day=1) \
                and not (when.precision == "year" and when.value.year == published.year):
            return "reported_past"
        if when.value > published:
            return "intended"
    if _pluperfect(trigger) or _pluperfect(node):
        return "reported_past"
    past_markers = marker_lemmas(lang, "reported_past")
    sent = sent_of(trigger)
    near = trigger.doc[max(sent.start, trigger.i - 6):min(sent.end, trigger.i + 7)]
    if any(t.lemma_.lower() in past_markers for t in near):
        return "reported_past"
    return "asserted"


RESTRICTIONS = "172"  # restrictions, bans, curfews, states of emergency and martial law


STATE_ACTS = ("161", "171", "172", "173", "174", "175")  # expel diplomats, seize, restrict, arrest, expel, repress


def _passive(verb: Token) -> bool:
    return verb.pos_ in ("VERB", "AUX") and any(c.dep_ in ("aux:pass", "auxpass", "nsubj:pass", "nsubjpass")
                                                  for c in verb.children)


ASSAULTS = ("18", "19", "20")
FIGHT = "19"
DISAPPROVE = "11"
CONVERSE = {"043": "042"}  # hosting a visit is the guest's visit told from the host's side


def _authors(verb: Token, actors: ActorTable) -> list[Actor]:
    """Who put a document forward: the subject, or the whole list of states before the verb when the parser
    loses part of it ("Les Etats-Unis, la France et le Royaume-Uni ont présenté ...")."""
    subjects, _ = subject_of(verb, actors)
    listed = linear_subjects(verb, actors)
    return listed if subjects and set(map(id, subjects)) <= set(map(id, listed)) else subjects


ANCHORS = frozenset({"since", "depuis"})


def _time_anchor(token: Token) -> bool:
    """Whether the act is named only to say since when something lasts ("since Putin launched ...",
    "since the invasion", "depuis l'invasion", "depuis que la Russie a envahi ...")."""
    clause = token.head if token.pos_ == "NOUN" and token.head.pos_ == "VERB" else token  # "since X launched an invasion"
    return any(c.dep_ in ("mark", "case") and c.lower_ in ANCHORS for c in (*token.children, *clause.children)) \
        or token.dep_ == "pobj" and token.head.lower_ in ANCHORS


REFUSALS = {"03": "120", "04": "125", "05": "120", "06": "121"}  # negated cooperation -> reject (CAMEO 12x)
CONSULT, INTENT_TO_MEET = "04", "036"
IRREALIS_ROOTS = ("02", "03", "10", "12", "13")  # appeal, intend, demand, reject, threaten


def _wanted_not_done(noun: Token, lang: str) -> bool:
    """"demande la libération de X", "threatened sanctions": the act named by the object is asked for,
    promised, refused or threatened, not done; the governing verb is the event."""
    governor = noun.head
    hops = 0
    while governor.pos_ not in ("VERB", "AUX") and governor.head.i != governor.i and hops < 2:
        governor, hops = governor.head, hops + 1
    if governor.i == noun.i:
        return False
    # "se sont mis d'accord pour essayer d'aboutir à un cessez-le-feu": up through subjectless infinitives too
    for _ in range(3):
        found = match_trigger(governor, lang)
        if found is not None:
            return found[0].cameo.startswith(IRREALIS_ROOTS)
        if governor.dep_ not in ("xcomp", "advcl") or governor.head.i == governor.i \
                or "Inf" not in governor.morph.get("VerbForm") and governor.tag_ != "VB" \
                or any(c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass") for c in governor.children):
            return False
        governor = governor.head
    return False


def identifiable(actor: Actor) -> bool:
    """A party an analyst can place: it has a country, or it is an organization the lexicons know
    (an IGO, an armed group without a state). A bare name ("Abdullah", "Sukhoï Su-24") is not enough."""
    return actor.country is not None or (actor.kind == "organization" and actor.sector is not None)


def _party(actor: Actor) -> Party:
    return actor.as_party()


def find_events(doc: Doc, lang: str, actors: ActorTable, published: date | None) -> list[Event]:
    events: list[Event] = []
    claimed: dict[int, list[Actor]] = {}  # event noun -> who claimed responsibility for it
    acts_told = ToldActs(doc, lang, published)
    text = text_of(doc)  # Span.text joins the tokens again on every access: slice the cached text instead
    head = doc[:120]
    opening = text[head.start_char:head.end_char]
    dateline = dateline_place(opening, lang)
    dateline_when = dateline_date(opening, lang, published)
    headline_end, lead_when = _headline(doc, lang, published)
    candidates = candidate_tokens(doc, lang)
    documents = document_words(doc)
    for sent in sentences(doc):
        place: Location | None | bool = False
        register_documents(sent, documents, actors, lambda verb: _authors(verb, actors))
        for index in range(sent.start, sent.end):
            if index not in candidates:
                continue
            token = doc[index]
            act = claimed_act(token, lang)
            if act is not None:
                claimants, _ = subject_of(token, actors)
                if claimants:
                    claimed[act.i] = claimants
                continue
            found = match_trigger(token, lang)
            demand = obligation(token, lang, actors) if found is None else None
            if demand is not None:  # "Russia must end this build-up," he said
                found = Trigger((token.lemma_.lower(),), "MODAL", (), demand[0], ""), doc[token.i:token.i + 1]
            alleged = allegation(token, lang, actors) if found is None else None
            if alleged is not None:  # "the FSB claimed Thursday that he had been spying": the saying accuses
                token = alleged[2]
                found = Trigger((token.lemma_.lower(),), "VERB", (), alleged[0], ""), doc[token.i:token.i + 1]
            evaluated = evaluation(token, lang, actors, events) or frame_event(token, lang, actors) \
                if found is None and alleged is None else None
            if evaluated is not None:  # "Beijing called the drills irresponsible": the judging criticizes
                token = evaluated[2]
                frame = (NEGATED_FRAME,) if evaluated[3] else ()  # "will not go unanswered": the negation is the vow
                found = Trigger((token.lemma_.lower(),), "VERB", frame, evaluated[0], ""), doc[token.i:token.i + 1]
            if found is None:
                continue
            trigger, trigger_span = found
            if (trigger.pos == "NOUN" and (_wanted_not_done(token, lang) or absorbed(token, lang))) or simulated(token, lang) \
                    or penalized(token, lang):
                continue
            if trigger.pos == "NOUN" and trigger.cameo.startswith(CONSULT) and _purpose_of_a_visit(token, lang):
                continue
            if trigger.pos == "VERB" and asked_for(token, lang):
                continue  # "urged Iran to release the journalist": asked for, not done; the appeal tells it
            if willed(token, lang):
                continue  # "is ready to resume talks": the intent tells it
            if _time_anchor(token):
                continue  # "since Putin launched his invasion of Ukraine": a point in time, not the news
            if trigger.pos == "VERB" and receives_an_act(token, lang):
                continue  # "Ukraine received military aid from Poland": the aid is the event, not a hosting
            if trigger.pos == "VERB" and trigger.cameo == "030" and shares_a_view(token):
                continue  # "Japan agrees with the US that democracy must be restored": an opinion, not a commitment
            if hosts_an_act(token, trigger, lang, actors):
                # "welcomed new sanctions from Britain": approval of the act, aimed at whoever does it
                trigger = Trigger(trigger.lemmas, trigger.pos, trigger.requires, WELCOMED_ACT, trigger.example)
            acts_told.add(trigger.cameo, token)  # "two attacks rocked the airport Thursday", then "the twin explosions"
            code = tables.cameo_code(trigger.cameo)
            if code is None:
                log.warning("trigger %r has unknown CAMEO code %s", trigger.lemmas, trigger.cameo)
                continue
            if code.code.startswith("03") and trigger.pos == "VERB" and pledges_force(token, lang):
                continue
            asked = asked_act(token, lang) if code.code in GENERIC_ASKING and trigger.pos == "VERB" else None
            if asked:  # "called on Russia to withdraw": an appeal for de-escalation
                code = tables.cameo_code(asking_code(code.code, asked) or "") or code
            if code.code == GENERIC_INTENT:  # "is ready to resume talks": the intent to meet or negotiate
                intent = intent_of(token, lang)
                if intent is None:
                    continue  # "entend imposer des sanctions": no cooperation; the sanctions code themselves
                code = tables.cameo_code(intent) or code
            if code.code in AID_GENERIC:
                code = tables.cameo_code(kind_of_aid(token, code.code, lang)) or code
            if trigger.pos == "NOUN" and code.code[:3] in PLEDGED_AID and pledged(token, lang):
                code = tables.cameo_code(PLEDGED_AID[code.code[:3]] + code.code[3:]) or code
            if demand is not None or alleged is not None or evaluated is not None:
                args = (demand or alleged or evaluated)[1]
            else:
                args = verb_arguments(token, lang, actors) if trigger.pos == "VERB" else noun_arguments(token, lang, actors)
            if args.target_how == "oblique" and args.sources:
                # "a accueilli mardi son homologue chinois Xi Jinping au Kremlin": the source's own seat is where it
                # acts, no counterpart; leave the counterpart to the fallbacks below
                args.targets = [t for t in args.targets if not all(same_state(s_, t) for s_ in args.sources)]
                args.target_how = args.target_how if args.targets else "none"
            if token.i in claimed:
                # "L'EI a revendiqué les attentats qui ont endeuillé Bruxelles": the claimant did it, to the place's state.
                args.sources, args.source_how = claimed[token.i], "claim"
                if not args.targets:  # "the explosions, which injured 15 U.S. military members": whom it struck
                    args.targets = _struck_in_relative_clause(token, actors, args.sources)
                    args.target_how = "object" if args.targets else "none"
                if not args.targets:  # the place the act struck, named in its own phrase or the sentence
                    struck = [a for a in actors.all_within(token) if a.kind == "country" and a not in args.sources]
                    if not struck:
                        if place is False:
                            place = find_place(sent, lang)
                        struck = [a for a in [state_of(place, actors)] if a]
                    args.targets, args.target_how = struck[:1], "place" if struck else "none"
            if trigger.pos == "VERB":
                killers = killers_of_the_dead(token, lang, events, args.sources, actors)
                if killers:
                    args.targets, args.target_how = killers, "anaphora"
            if trigger.pos == "VERB" and not args.targets:
                args.targets = earlier_event_agents(token, lang, events, args.sources, actors)
                if args.targets:
                    args.target_how = "anaphora"
            if code.code.startswith(MEDIATE) and not args.targets:
                # "Iran and Saudi Arabia resume ties. China acts as mediator": between the parties just told of
                args.targets = mediated_parties(token, events, args.sources, actors)
                args.target_how = "mediated" if args.targets else args.target_how
            if not args.sources and args.source_how != UNNAMED_AGENT \
                    and trigger.cameo.startswith((*STATE_ACTS, HOSTED)) and (_passive(token) or bare_past_participle(token)):
                # "A Moscow court said Gershkovich would be detained": the state body reporting it acts.
                reporter = reporting_state(token, actors)
                if reporter is not None:
                    args.sources, args.source_how = [reporter], "reporter"
                else:
                    # "Griner was arrested at a Moscow airport", "détenue en Russie": arrests and detentions are
                    # the state's where they happen.
                    if place is False:
                        place = find_place(sent, lang)
                    state, how = state_of(place, actors), "place"
                    if state is None and trigger.cameo.startswith(STATE_ACTS) and args.targets and all(
                            t.country == actors.story_country for t in args.targets):
                        # "Il a été arrêté samedi" in a national story: one of its own, by that nation's state
                        state, how = story_state(actors), "story"
                    args.sources, args.source_how = ([state], how) if state else ([], "none")
            if code.code.startswith(RELEASE_CODES):
                held_by = [a for a in captors(token, lang, actors) if a not in args.sources]
                if held_by:  # "demanded the release of the journalists held by the Taliban": aimed at the captor
                    args.targets, args.target_how = held_by, "captor"
            if trigger.cameo.startswith("041") and trigger.pos == "VERB" and args.target_how == "object" and not any(
                    c.dep_ in ("obj", "dobj") and any(actors.at(t) is not None for t in (c, *c.children))
                    for c in token.children):
                continue  # "what the State Department called the brutal death of X": naming, not a phone call
            if trigger.cameo.startswith("042") and trigger.pos == "VERB":
                met = _met_party(token, actors, args.sources)
                if met:  # "flew to Brussels for talks with Stoltenberg": the visit is to whom one meets
                    args.targets, args.target_how = met, "met"
            named_source = bool(args.sources)
            args.sources = [a for a in args.sources if identifiable(a)]
            args.targets = [a for a in args.targets if identifiable(a)]
            if named_source and not args.sources and args.source_how == "agent":
                # "les livraisons d'armes par les Occidentaux": the agent is named, but as no party we can place;
                # it did the act, not whoever else the sentence names
                args.source_how = UNNAMED_AGENT
            fought_between = False
            if code.code.startswith(FIGHT) and not (args.sources and args.targets):
                between = [a for a in parties_between(token, actors) if identifiable(a)]
                if len(between) > 1:
                    args.sources, args.targets, args.target_how = [], between, "between"
            if not args.sources and args.target_how == "between" and len(args.targets) > 1 \
                    and (is_reciprocal(trigger.cameo) or code.code.startswith(FIGHT)):
                # "les pourparlers entre l'Iran et l'Arabie saoudite": the two named are the parties; "fighting
                # between the army and the RSF": each fights the other
                args.sources, args.source_how = list(args.targets), "between"
                fought_between = code.code.startswith(FIGHT)
            if not args.sources and args.source_how != UNNAMED_AGENT:
                governed = trigger.pos == "NOUN" and token.head.i != token.i and match_trigger(token.head, lang) is not None
                if not governed:  # "Paris condamne l'arrestation ...": Paris did not arrest anyone
                    args.sources = [a for a in linear_subjects(token, actors) if identifiable(a)]
                args.source_how = "linear" if args.sources else "none"
            if not args.sources:
                continue
            reciprocal = fought_between or is_reciprocal(trigger.cameo) and not _one_way_intent(token, trigger.cameo, args.sources) \
                or _mutual(token, lang) or (not args.targets and len(args.sources) > 1 and between_themselves(token)) or (
                # "Macron et Poutine se sont entretenus par téléphone": a one-sided kind of a joint act, done jointly
                not args.targets and len(args.sources) > 1 and is_reciprocal(trigger.cameo[:2]))
            if not args.targets and not (reciprocal and len(args.sources) > 1):
                args.targets = [a for a in linear_target(token, actors, args.sources, places=not code.code.startswith(JOINT_ROOTS))
                                if identifiable(a)]
                args.target_how = "linear" if args.targets else "none"
            if reciprocal and len(args.sources) > 1:
                # "Iran and Saudi Arabia agreed ...", "the US and Russia exchanged prisoners": the parties act with each other.
                args.targets = list(args.sources)
            future = _future_or_conditional(token if trigger.pos == "VERB" else token.head)
            sentence_dates = acts_told.dates_of(sent)
            own_date = when = clause_date(sentence_dates, token, doc)
            not_the_news_day = False  # an act dated from elsewhere takes no dateline or lead date
            if when is None and trigger.pos == "NOUN" and definite(token):
                when = acts_told.date_before(trigger.cameo, token)  # "the twin explosions": the act told before
                not_the_news_day = when is not None
            if future and when is not None and in_clause_of(when, token, doc):
                # "will meet on Monday": the next Monday; but in "said Thursday that X would be detained",
                # Thursday dates the saying, in the past
                ahead = [shift(d, sent.start_char) for d in find_dates(text[sent.start_char:sent.end_char], lang,
                                                                        published, prefer_future=True)]
                when = next((d for d in ahead if (d.start, d.end) == (when.start, when.end)), when)
            relative = offset_from_main(token, lang)
            if relative is not None:  # "a day after Kyiv accused ...": a day before the main clause's event
                main, days, measure = relative
                not_the_news_day = True
                if measure is not None:
                    when = offset_date(clause_date(sentence_dates, main, doc) or dateline_when, days, measure) or when
                elif when is not None and not in_clause_of(when, token, doc):
                    when = None  # "met on Tuesday after Uganda accused Kenya": the accusation came before Tuesday
            elif trigger.pos == "NOUN" and responsibility_word(token, lang) is not None:
                # "sanctioned the police, responsible for the arrest": an act done before, dated by its own phrase only
                not_the_news_day = True
                if when is own_date and when is not None and not token.left_edge.idx <= when.start <= token.right_edge.idx:
                    when = None
            modality = modality_of(token, lang, when, published)
            if not not_the_news_day and when is None and modality == "asserted" and dateline_when is not None:
                when = dateline_when  # the news itself happened on the day its dateline gives
            if not not_the_news_day and when is None and modality == "asserted" and token.idx < headline_end:
                when = lead_when  # a headline tells the news its lead dates
            if place is False:
                place = find_place(sent, lang)
            location = place if place and place.country else (dateline if modality == "asserted" else None)
            # "must not invade" is still a demand; "n'exclut pas le recours à la force" is a threat
            negated = _negated(token, lang) and demand is None and not negation_in_frame(trigger, lang)
            if demand is not None and modality == "intended":
                modality = "asserted"  # "should withdraw": the appeal is made now
            told = bool(told_to_act(token))
            proposed = token.dep_ == "acl" and token.head.pos_ == "NOUN"  # "a resolution to not recognize ..."
            if negated and code.code[:2] in REFUSALS and not told and not proposed:  # "advised Russians not to visit"
                # "ne coopérera pas avec la CPI", "refused to meet": not cooperating is a rejection, and it happened.
                code = tables.cameo_code(REFUSALS[code.code[:2]]) or code
                negated, reciprocal = False, False
            threat = threat_of_force(code.code) if modality == "intended" and not negated and demand is None else None
            if threat and declared_by_source(token, args.sources, actors):
                # "vowed to attack", "is studying a plan to strike Guam": the declared intention is the threat, made now
                code, modality = tables.cameo_code(threat) or code, "asserted"
            if modality == "intended" and code.code[:2] == CONSULT and not negated:
                # "will meet", "se rendront à Paris": CAMEO codes a meeting or visit still to come as the intent (036)
                code = tables.cameo_code(INTENT_TO_MEET) or code
            if not args.targets and args.sources and code.code.startswith(RESTRICTIONS):
                # "l'armée a proclamé l'état d'urgence au Mali": a curfew or state of emergency is imposed on
                # the state where it is declared
                state = state_of(place, actors)
                args.targets, args.target_how = ([state], "place") if state else ([], "none")
            if not args.targets and args.sources and code.code.startswith((PROTEST, REPRESSION)):
                if place is False:
                    place = find_place(sent, lang)
                args.targets = [a for a in protest_counterpart(token, code.code, events, args.sources, actors,
                                                               lambda where=place: state_of(where, actors)
                                                               or story_state(actors)) if identifiable(a)]
                args.target_how = "standoff" if args.targets else "none"
            if not args.targets and args.sources and pronoun_subject(token):
                # "The draft demands that Sudan ... It threatens sanctions": the same author goes on about the
                # same counterpart
                args.targets = previous_sentence_targets(sent, events, args.sources, actors)
                args.target_how = "continued" if args.targets else args.target_how
            if not args.targets and code.code[:2] in ASSAULTS:
                # "des raids sur quatre villages du sud du Liban": an attack strikes the state where it lands
                if place is False:
                    place = find_place(sent, lang)
                landed = struck_place(token, lang, actors) or place
                if landed and all(s_.country != landed.country for s_ in args.sources):  # no state is added for nothing
                    struck = state_of(landed, actors)
                    args.targets, args.target_how = ([struck], "place") if struck else ([], "none")
            if not args.targets and code.code.startswith(DISAPPROVE) and not negated:
                # "a déploré son avocat", "condemned what he called a sham": aimed at the author of the act at issue
                args.targets = [a for a in antagonist(token, events, args.sources, actors) if identifiable(a)]
                args.target_how = "antagonist" if args.targets else "none"
            if not args.targets:
                # The gold convention and PETRARCH's: an act with no identifiable counterpart is not an event.
                log.debug("no target for %r in %r", trigger_span.text, sent.text[:80])
                continue
            pairs = [(s_, t_) for s_ in args.sources for t_ in args.targets
                     if s_ is not t_ and not same_state(s_, t_, code.quad_class)]
            if reciprocal:
                pairs += [(t_, s_) for s_, t_ in pairs if (t_, s_) not in pairs]
            for source, target in pairs:
                events.append(_event(source, target, code, f"{args.source_how}/{args.target_how}", trigger.pos, lang,
                                     sent, trigger_span, when, location, modality, negated))
                converse = tables.cameo_code(CONVERSE.get(code.code, ""))
                if converse is not None and not negated:  # "welcomed King Abdullah": the king made a visit
                    events.append(_event(target, source, converse, f"{args.target_how}/{args.source_how}", trigger.pos,
                                         lang, sent, trigger_span, when, location, modality, negated))
    return _with_context(merge_repeats(events + mediations(doc, events, actors)))


def _with_context(events: list[Event]) -> list[Event]:
    """Confidence also weighs how many records the sentence gave."""
    per_sentence = Counter(e.sentence.start for e in events)
    for event in events:
        event.features = event.features + context_features(crowd=per_sentence[event.sentence.start])
        event.confidence = confidence(event.features)
    return events


def _event(source: Actor, target: Actor, code, basis: str, trigger_pos: str, lang: str, sent: Span,
           trigger_span: Span, when: DateRef | None, location: Location | None, modality: str,
           negated: bool) -> Event:
    feats = features(basis=basis, cameo=code.code, trigger_pos=trigger_pos, lang=lang, modality=modality,
                     source_kind=source.kind, target_kind=target.kind, source_sector=source.sector,
                     target_sector=target.sector)
    return Event(
        id="", source=_party(source), target=_party(target),
        cameo=code.code, cameo_name=code.name, plover=code.plover or None,
        goldstein=code.goldstein, quad_class=code.quad_class,
        sentence=TextSpan(sent.start_char, sent.end_char, text_of(sent.doc)[sent.start_char:sent.end_char]),
        trigger=trigger_span.text, trigger_span=(trigger_span.start_char, trigger_span.end_char),
        date=when, location=location or None, modality=modality, negated=negated,
        confidence=confidence(feats), basis=basis, features=feats)
