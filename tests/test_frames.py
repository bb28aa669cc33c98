"""Frames beyond single trigger words (issue 14): willingness, ultimatums, force threats, evaluations, accepted
offers, decided sanctions, vows of retaliation. Sentences written for the project, in English and French; each case
gives the CAMEO code expected and its parties, and each frame has a case where it must not fire as it would."""
from __future__ import annotations

import pytest


def _coded(result):
    return {(e.cameo, e.source.country, e.target.country if e.target else None) for e in result.events if not e.negated}


WILLINGNESS = [
    ("en", "Iran said it is willing to negotiate with the United States.", ("036", "IRN", "USA")),
    ("en", "Japan is prepared to resume talks with China.", ("036", "JPN", "CHN")),
    ("en", "Vietnam is eager to deepen its cooperation with India.", ("032", "VNM", "IND")),
    ("en", "Hamas is ready to release the Israeli hostages.", ("0353", "PSE", "ISR")),
    # told by a third party, the willingness is still that of the one said to be willing
    ("en", "Russia said Ukraine is willing to negotiate with Moscow.", ("036", "UKR", "RUS")),
    ("fr", "L'Iran s'est dit disposé à négocier avec les États-Unis.", ("036", "IRN", "USA")),
    ("fr", "La Russie entend coopérer avec la Chine.", ("032", "RUS", "CHN")),
    ("fr", "L'Iran est disposé à libérer les citoyens français.", ("0353", "IRN", "FRA")),
    ("fr", "Le Hamas se dit prêt à libérer les otages israéliens.", ("0353", "PSE", "ISR")),
    # ready for an act named by a noun: the intent by that act
    ("en", "Iran is ready for talks with the United States.", ("036", "IRN", "USA")),
    ("fr", "L'Iran se dit prêt au dialogue avec les États-Unis.", ("036", "IRN", "USA")),
    ("fr", "La Turquie est prête à des négociations avec la Grèce.", ("036", "TUR", "GRC")),
    # "s'entendre avec" is an agreement, done together: both ways
    ("fr", "Washington s'est entendu avec Pékin sur un calendrier commercial.", ("030", "CHN", "USA")),
    # not willing: a refusal (CAMEO 12x), not an intent
    ("en", "Iran is not willing to negotiate with the United States.", ("120", "IRN", "USA")),
    ("fr", "L'Iran n'est pas disposé à négocier avec les États-Unis.", ("120", "IRN", "USA")),
]


@pytest.mark.parametrize("lang, text, expected", WILLINGNESS)
def test_willingness(pipeline, lang, text, expected):
    assert expected in _coded(pipeline.extract_text(text, language=lang))


@pytest.mark.parametrize("lang, text, unwanted", [
    # the intent is the speaker's alone: no event back from the counterpart
    ("fr", "L'Iran s'est dit disposé à négocier avec les États-Unis.", ("036", "USA", "IRN")),
    # the act one is ready to do has not happened
    ("fr", "Le Maroc est prêt à coopérer avec l'Algérie.", ("050", "MAR", "DZA")),
    ("fr", "Le Hamas se dit prêt à libérer les otages israéliens.", ("0841", "PSE", "ISR")),
    # talks one is ready for have not taken place
    ("en", "Iran is ready for talks with the United States.", ("046", "IRN", "USA")),
    ("en", "Iran is ready for talks with the United States.", ("046", "USA", "IRN")),
    # ready to do something hostile is no intent to cooperate
    ("fr", "La Russie entend imposer des sanctions à la Moldavie.", ("030", "RUS", "MDA")),
])
def test_willingness_not(pipeline, lang, text, unwanted):
    assert unwanted not in _coded(pipeline.extract_text(text, language=lang))


FORCE_THREATS = [
    ("en", "The French president did not rule out the use of force against Syria.", ("138", "FRA", "SYR")),
    ("en", "Washington does not rule out military action against Iran.", ("138", "USA", "IRN")),
    ("en", "The American president did not rule out any option against North Korea.", ("138", "USA", "PRK")),
    ("fr", "La CEDEAO n'exclut pas le recours à la force contre la junte nigérienne.", ("138", "IGO", "NER")),
    ("fr", "Israël n'exclut pas de nouvelles frappes contre l'Iran.", ("138", "ISR", "IRN")),
    ("fr", "Le président américain n'exclut aucune option face à la Corée du Nord.", ("138", "USA", "PRK")),
    # threatening the use of force is a threat of force, not a generic threat
    ("en", "ECOWAS threatened the use of force against Niger.", ("138", "IGO", "NER")),
    ("en", "The United States threatened military action against Venezuela.", ("138", "USA", "VEN")),
    ("fr", "Washington a brandi la menace d'une action militaire contre le Venezuela.", ("138", "USA", "VEN")),
]


@pytest.mark.parametrize("lang, text, expected", FORCE_THREATS)
def test_force_threats(pipeline, lang, text, expected):
    # the negation belongs to the frame: the threat is asserted, not negated
    assert expected in _coded(pipeline.extract_text(text, language=lang))


@pytest.mark.parametrize("lang, text", [
    ("en", "The French president ruled out the use of force against Syria."),
    ("fr", "La France exclut le recours à la force contre la Syrie."),
])
def test_ruling_out_force_is_no_threat(pipeline, lang, text):
    assert not any(e.cameo.startswith("13") for e in pipeline.extract_text(text, language=lang).events)


PENALTIES = [
    ("en", "The United States gave Iran one week to halt enrichment or face sanctions.", ("1312", "USA", "IRN")),
    ("en", "The European Union gave Belarus until Friday to release the opposition leader, or face new sanctions.",
     ("1312", "IGO", "BLR")),
    ("en", "Russia ordered Ukraine to withdraw its troops on pain of sanctions.", ("1312", "RUS", "UKR")),
    # the one told to act is the target, whoever warns the source
    ("en", "Iran must halt enrichment or face sanctions, the American president warned.", ("1312", "USA", "IRN")),
    ("fr", "Les États-Unis ont donné une semaine à l'Iran pour cesser l'enrichissement, sous peine de sanctions.",
     ("1312", "USA", "IRN")),
    ("fr", ("L'Union européenne a sommé la Biélorussie de libérer l'opposant d'ici vendredi, faute de quoi de nouvelles "
            "sanctions seront imposées."), ("1312", "IGO", "BLR")),
    # all options on the table: a veiled threat of force
    ("en", "Washington said all options are on the table regarding North Korea.", ("138", "USA", "PRK")),
    ("en", "The United States keeps all options on the table against Iran.", ("138", "USA", "IRN")),
    ("fr", "Le président américain a affirmé que toutes les options sont sur la table face à l'Iran.",
     ("138", "USA", "IRN")),
]


@pytest.mark.parametrize("lang, text, expected", PENALTIES)
def test_penalties_and_options(pipeline, lang, text, expected):
    assert expected in _coded(pipeline.extract_text(text, language=lang))


@pytest.mark.parametrize("lang, text, unwanted", [
    # the sanctions a penalty names are threatened, not imposed
    ("en", "The United States gave Iran one week to halt enrichment or face sanctions.", ("163", "USA", "IRN")),
    ("fr", ("L'Union européenne a sommé la Biélorussie de libérer l'opposant d'ici vendredi, faute de quoi de nouvelles "
            "sanctions seront imposées."), ("163", "IGO", "BLR")),
    # no option on the table is no threat
    ("en", "The United States said no option is on the table for talks with Iran.", ("138", "USA", "IRN")),
])
def test_penalties_not(pipeline, lang, text, unwanted):
    assert unwanted not in _coded(pipeline.extract_text(text, language=lang))


def test_facing_sanctions_is_no_threat(pipeline):
    # no penalty without "or": the sanctions are imposed
    coded = _coded(pipeline.extract_text("Turkey faces sanctions from the United States.", language="en"))
    assert ("163", "USA", "TUR") in coded and not any(c.startswith("13") for c, _, _ in coded)


CRITICISM = [
    # an object predicate of a verb of judging, however the parser hangs the object
    ("en", "The Kenyan government called the Ugandan decision unacceptable.", ("111", "KEN", "UGA")),
    ("en", "The Malian government called the Guinean junta illegitimate.", ("111", "MLI", "GIN")),
    ("en", "Beijing called the American drills irresponsible.", ("111", "CHN", "USA")),
    ("fr", "Pékin a qualifié les manœuvres américaines d'irresponsables.", ("111", "CHN", "USA")),
    ("fr", "Le gouvernement malien a qualifié la junte guinéenne d'illégitime.", ("111", "MLI", "GIN")),
    # the passive: the judge is the "par" complement
    ("fr", "Les sanctions américaines ont été jugées inacceptables par Moscou.", ("111", "RUS", "USA")),
    ("fr", "Les mesures de la CEDEAO sont jugées inacceptables par le gouvernement malien.", ("111", "MLI", "IGO")),
    ("en", "The Philippines deplored the Chinese coast guard's actions.", ("111", "PHL", "CHN")),
    ("fr", "Le Japon a déploré les tirs nord-coréens.", ("111", "JPN", "PRK")),
]


@pytest.mark.parametrize("lang, text, expected", CRITICISM)
def test_evaluative_criticism(pipeline, lang, text, expected):
    assert expected in _coded(pipeline.extract_text(text, language=lang))


def test_calling_a_junta_illegitimate_is_no_phone_call(pipeline):
    coded = _coded(pipeline.extract_text("The Malian government called the Guinean junta illegitimate.", language="en"))
    assert not any(c.startswith("04") for c, _, _ in coded)


VOWS = [
    ("en", "The Iranian foreign minister said the attack by Israel would not go unanswered.", ("130", "IRN", "ISR")),
    ("en", "Russia said the strike by Ukraine on its embassy would not go unpunished.", ("130", "RUS", "UKR")),
    # the act told before is the one that will not go unanswered; its author is the target
    ("fr", ("Des soldats israéliens ont tué trois soldats libanais. « Ce crime ne restera pas sans réponse », a averti "
            "le président libanais."), ("130", "LBN", "ISR")),
    ("en", "Iran vowed to retaliate against Israel.", ("1384", "IRN", "ISR")),
    ("fr", "L'Iran a promis de riposter contre Israël.", ("1384", "IRN", "ISR")),
    # a vow of revenge is a threat of force, not an intent to cooperate
    ("en", "Iran vowed revenge against Israel.", ("138", "IRN", "ISR")),
    ("en", "Iran vowed a crushing response to Israel.", ("138", "IRN", "ISR")),
    ("en", "Russia promised retaliation against Ukraine.", ("138", "RUS", "UKR")),
    ("fr", "L'Iran a promis une riposte contre Israël.", ("138", "IRN", "ISR")),
]


@pytest.mark.parametrize("lang, text, expected", VOWS)
def test_vows_of_retaliation(pipeline, lang, text, expected):
    # the negation is the vow: the threat is not negated
    assert expected in _coded(pipeline.extract_text(text, language=lang))


def test_vowed_revenge_is_no_intent_to_cooperate(pipeline):
    coded = _coded(pipeline.extract_text("Iran vowed revenge against Israel.", language="en"))
    assert not any(c.startswith("03") for c, _, _ in coded)


@pytest.mark.parametrize("lang, text", [
    # an act that went unanswered is no vow
    ("en", "The Iranian foreign minister said the attack by Israel went unanswered."),
    ("fr", "Le ministre iranien a affirmé que la lettre d'Israël est restée sans réponse."),
])
def test_unanswered_without_negation_is_no_vow(pipeline, lang, text):
    assert not any(e.cameo.startswith("13") for e in pipeline.extract_text(text, language=lang).events)


ACCEPTED_AND_DECIDED = [
    # accepting offered aid or rescuers is the recipient's 086 toward the provider (gold README), not 030
    ("en", "Lebanon accepted the offer of aid from France.", ("086", "LBN", "FRA")),
    ("en", "Turkey accepted help from Greece after the earthquake.", ("086", "TUR", "GRC")),
    ("en", "Syria accepted rescue teams from the United Arab Emirates.", ("086", "SYR", "ARE")),
    ("en", "Sudan accepted peacekeepers from the African Union.", ("0861", "SDN", "IGO")),
    ("fr", "Le Liban a accepté l'offre d'assistance de la France.", ("086", "LBN", "FRA")),
    ("fr", "La Syrie a accepté les équipes de secours des Émirats arabes unis.", ("086", "SYR", "ARE")),
    # sanctions agreed or decided are imposed (163), not an intent
    ("en", "The European Union agreed a set of sanctions against Russia.", ("163", "IGO", "RUS")),
    ("en", "EU foreign ministers decided on new sanctions against Iran.", ("163", "IGO", "IRN")),
    ("en", "The European Union adopted new sanctions against Belarus.", ("163", "IGO", "BLR")),
    ("fr", "Les Vingt-Sept ont décidé de sanctions contre la Russie.", ("163", "IGO", "RUS")),
    ("fr", "Le Sénat américain a approuvé des sanctions contre le Venezuela.", ("163", "USA", "VEN")),
]


@pytest.mark.parametrize("lang, text, expected", ACCEPTED_AND_DECIDED)
def test_accepted_offers_and_decided_sanctions(pipeline, lang, text, expected):
    assert expected in _coded(pipeline.extract_text(text, language=lang))


@pytest.mark.parametrize("lang, text, unwanted", [
    ("en", "Lebanon accepted the offer of aid from France.", ("030", "LBN", "FRA")),
    # the aid accepted is not aid Lebanon gave
    ("en", "Lebanon accepted the offer of aid from France.", ("070", "LBN", "FRA")),
    ("en", "The European Union agreed a set of sanctions against Russia.", ("030", "IGO", "RUS")),
    # sanctions not agreed are not imposed; sanctions lifted are no sanctions
    ("en", "The European Union did not agree on sanctions against Russia.", ("163", "IGO", "RUS")),
    ("en", "EU foreign ministers decided to lift sanctions on Syria.", ("163", "IGO", "SYR")),
    ("en", "The European Union agreed to ease sanctions on Venezuela.", ("163", "IGO", "VEN")),
])
def test_accepted_offers_and_decided_sanctions_not(pipeline, lang, text, unwanted):
    assert unwanted not in _coded(pipeline.extract_text(text, language=lang))
