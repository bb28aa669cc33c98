"""The quotes stage on invented sentences: who said what, in French and English, and what is not a quote."""
from __future__ import annotations

import pytest

from chronique.quotes import direct_spans

FR, EN = "fr", "en"

# (language, text, speaker word expected in the speaker's name, words the quote must contain)
FOUND = [
    (FR, "« Nous ne céderons rien sur la sécurité de nos frontières », a déclaré M. Amadou Diallo.",
     "Diallo", "Nous ne céderons rien"),
    (FR, "La ministre Claire Duval a déclaré que le gouvernement ouvrirait des négociations dès lundi.",
     "Duval", "le gouvernement ouvrirait des négociations"),
    (FR, "Le chef de la diplomatie, Paul Mercier, a rencontré son homologue. « Cette rencontre marque une étape "
         "importante pour nos deux pays », a-t-il ajouté.", "Mercier", "Cette rencontre marque une étape"),
    (FR, "Pour sa part, Jean Lefort a déclaré que les sanctions seraient levées avant la fin de l'année.",
     "Lefort", "les sanctions seraient levées"),
    (FR, "Les exportations de blé ont fortement baissé depuis le début du mois, selon le ministère de l'Agriculture.",
     "ministère", "Les exportations de blé"),
    (FR, "Le président Marc Olivier a quitté la capitale mardi, affirmant que la situation restait sous contrôle.",
     "Olivier", "la situation restait sous contrôle"),
    (FR, "L'armée malienne a affirmé mardi que trois postes avaient été repris aux insurgés.",
     "armée", "trois postes avaient été repris"),
    (FR, "Sophie Marchand a tenu une conférence de presse à Genève.\n\n« Nous ne laisserons pas cette crise "
         "s'aggraver sans réagir. Chaque semaine compte pour les familles déplacées.\n\n« Nous demandons un "
         "accès immédiat aux zones touchées par les combats », a déclaré Sophie Marchand.",
     "Marchand", "Nous demandons un accès immédiat"),
    (EN, '"We will not accept any change to the border by force," said Foreign Minister Laura Hughes.',
     "Hughes", "We will not accept any change"),
    (EN, "Prime Minister David Okafor said that the talks would resume in Nairobi next week.",
     "Okafor", "the talks would resume"),
    (EN, "The ceasefire is holding in most of the northern districts, according to the Interior Ministry.",
     "Ministry", "The ceasefire is holding"),
    (EN, "The new port will open to container ships in the spring, Governor Helen Park said.",
     "Park", "The new port will open"),
    (EN, "Senator Tom Reyes met farmers in the valley on Friday. \u201cThese families have waited far too long "
         "for the water they were promised,\u201d he said.", "Reyes", "These families have waited"),
    (EN, "Defence Secretary Mark Ellis spoke in Brussels on Monday, saying that the alliance would double its "
         "training missions.", "Ellis", "the alliance would double"),
    (EN, "The Kenyan army said in a statement that its troops had secured the border crossing.",
     "army", "its troops had secured"),
]

NOT_FOUND = [
    (FR, "Le film « La Nuit des longs couteaux du Nord » sortira en salles au mois de mars."),
    (FR, "Le rapport affirme que les réserves d'eau de la région ont baissé de moitié en dix ans."),
    (EN, 'The museum opened an exhibition called "The Long Road Home to the Northern Hills" on Sunday.'),
    (EN, "It was said that the bridge would be rebuilt before the winter floods arrived."),
]


def _quotes(pipeline, lang, text):
    return pipeline.extract_text(text, language=lang).quotes


@pytest.mark.parametrize("lang,text,speaker,words", FOUND)
def test_quote_found_with_its_speaker(pipeline, lang, text, speaker, words):
    quotes = _quotes(pipeline, lang, text)
    hits = [q for q in quotes if words in q.text]
    assert hits, f"no quote holding {words!r}: {[(q.speaker.name, q.text) for q in quotes]}"
    assert any(speaker.lower() in q.speaker.name.lower() for q in hits), [q.speaker.name for q in hits]


@pytest.mark.parametrize("lang,text", NOT_FOUND)
def test_no_quote_without_a_speaker_or_in_a_title(pipeline, lang, text):
    assert _quotes(pipeline, lang, text) == []


@pytest.mark.parametrize("lang,text", [(lang, text) for lang, text, _, _ in FOUND])
def test_quote_text_is_the_cleaned_text_at_its_offsets(pipeline, lang, text):
    result = pipeline.extract_text(text, language=lang)
    cleaned = result.to_dict(include_text=True)["article"]["text"]
    for q in result.quotes:
        assert 0 <= q.start < q.end <= len(cleaned)
        assert cleaned[q.start:q.end] == q.text


@pytest.mark.parametrize("text,quoted", [
    ("Il a dit : « Nous partirons demain matin. »", ["Nous partirons demain matin."]),
    ("\u201cThe road is open again,\u201d she said.", ["The road is open again,"]),
    ("« Deux mots » seulement.", []),  # too short to be speech
    ("« Le premier paragraphe ouvre la citation\n\n« Le second la ferme »",
     ["Le premier paragraphe ouvre la citation", "Le second la ferme"]),
])
def test_direct_spans(text, quoted):
    assert [text[s:e] for s, e in direct_spans(text)] == quoted
