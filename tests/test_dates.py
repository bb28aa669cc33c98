"""Date expressions: recognition, offsets, resolution against the publication date."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronique.dates import find_dates, nearest_date, resolve_weekday
from chronique.records import DateRef

FRIDAY = date(2022, 10, 14)  # a Friday: the publication date of most cases below


def only(text: str, lang: str, published: date | None = FRIDAY, **kw) -> DateRef:
    found = find_dates(text, lang, published, **kw)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("sentence, words, value, precision", [
    ("Le ministre a rencontré jeudi son homologue à Astana.", "jeudi", "2022-10-13", "day"),
    ("Le sommet s'est ouvert vendredi dans la capitale.", "vendredi", "2022-10-14", "day"),
    ("Les députés ont voté mardi soir une motion de censure.", "mardi soir", "2022-10-11", "day"),
    ("Tôt vendredi, des tirs ont visé la caserne.", "Tôt vendredi", "2022-10-14", "day"),
    ("Le chef de l'Etat s'était rendu à Dakar jeudi dernier.", "jeudi dernier", "2022-10-13", "day"),
    ("Il s'était rendu à Dakar vendredi dernier.", "vendredi dernier", "2022-10-07", "day"),
    ("Le traité sera signé jeudi prochain à Genève.", "jeudi prochain", "2022-10-20", "day"),
    ("Les deux dirigeants se sont parlé ce jeudi au téléphone.", "ce jeudi", "2022-10-13", "day"),
    ("L'armée a annoncé hier le retrait de ses troupes.", "hier", "2022-10-13", "day"),
    ("Le convoi avait été attaqué avant-hier près de la frontière.", "avant-hier", "2022-10-12", "day"),
    ("Le gouvernement a démissionné aujourd’hui.", "aujourd’hui", "2022-10-14", "day"),
    ("La police a arrêté ce matin trois suspects.", "ce matin", "2022-10-14", "day"),
    ("Le ministre avait prévenu la veille que la trêve était fragile.", "la veille", "2022-10-13", "day"),
    ("Les deux pays ont rompu leurs relations le mois dernier.", "le mois dernier", "2022-09-01", "month"),
    ("Le président s'était rendu à Pékin l'an dernier.", "l'an dernier", "2021-01-01", "year"),
    ("L'accord a été conclu l’année dernière à Doha.", "l’année dernière", "2021-01-01", "year"),
    ("Des élections auront lieu l'année prochaine.", "l'année prochaine", "2023-01-01", "year"),
    ("Le cessez-le-feu signé en février a été violé.", "en février", "2022-02-01", "month"),
    ("Le cessez-le-feu signé en octobre tient toujours.", "en octobre", "2022-10-01", "month"),
    ("Les pourparlers ouverts en novembre ont échoué.", "en novembre", "2021-11-01", "month"),
    ("Les troupes sont entrées dans la ville octobre dernier.", "octobre dernier", "2021-10-01", "month"),
    ("L'offensive a commencé en février 2022.", "en février 2022", "2022-02-01", "month"),
    ("Le coup d'Etat du 13 octobre 2022 a été condamné.", "13 octobre 2022", "2022-10-13", "day"),
    ("Le scrutin s'est tenu le 31 juillet dans le calme.", "le 31 juillet", "2022-07-31", "day"),
    ("Ce 31 juillet, les rebelles ont pris la ville.", "Ce 31 juillet", "2022-07-31", "day"),
    ("L'état d'urgence court depuis le 1er février.", "le 1er février", "2022-02-01", "day"),
    ("Ce lundi 10 octobre, les écoles sont restées fermées.", "Ce lundi 10 octobre", "2022-10-10", "day"),
    ("Samedi 28 novembre 2020, des civils ont été tués.", "Samedi 28 novembre 2020", "2020-11-28", "day"),
    ("Le texte adopté le 13/10/2022 entre en vigueur.", "13/10/2022", "2022-10-13", "day"),
    ("Les deux pays ont rompu leurs relations en 2016.", "en 2016", "2016-01-01", "year"),
    ("Le général est au pouvoir depuis 2019.", "depuis 2019", "2019-01-01", "year"),
    ("Au mois d'octobre déjà, des villages avaient été attaqués.", "Au mois d'octobre", "2022-10-01", "month"),
])
def test_french_expressions(sentence, words, value, precision):
    found = only(sentence, "fr")
    assert found.text == words
    assert sentence[found.start:found.end] == words
    assert found.value == date.fromisoformat(value)
    assert found.precision == precision


@pytest.mark.parametrize("sentence, words, value, precision", [
    ("The minister met his counterpart on Thursday in Astana.", "Thursday", "2022-10-13", "day"),
    ("The talks opened on Tuesday in Geneva.", "Tuesday", "2022-10-11", "day"),
    ("Early Friday, rebels shelled the airport.", "Early Friday", "2022-10-14", "day"),
    ("Troops crossed the border early on Monday.", "early on Monday", "2022-10-10", "day"),
    ("The president addressed the nation Thursday evening.", "Thursday evening", "2022-10-13", "day"),
    ("The envoy had visited Kabul last Thursday.", "last Thursday", "2022-10-13", "day"),
    ("Ministers will meet next Thursday in Brussels.", "next Thursday", "2022-10-20", "day"),
    ("The two leaders spoke this Thursday by phone.", "this Thursday", "2022-10-13", "day"),
    ("Police arrested two suspects yesterday.", "yesterday", "2022-10-13", "day"),
    ("The cabinet resigned today.", "today", "2022-10-14", "day"),
    ("Protesters will march tonight.", "tonight", "2022-10-14", "day"),
    ("Shelling resumed this morning in the east.", "this morning", "2022-10-14", "day"),
    ("The two countries cut ties last month.", "last month", "2022-09-01", "month"),
    ("Elections were held last year.", "last year", "2021-01-01", "year"),
    ("The ceasefire signed in February collapsed.", "in February", "2022-02-01", "month"),
    ("Troops withdrew last October.", "last October", "2021-10-01", "month"),
    ("The invasion began in February 2022.", "in February 2022", "2022-02-01", "month"),
    ("The coup of October 13, 2022 was condemned.", "October 13, 2022", "2022-10-13", "day"),
    ("She was arrested on Oct. 13 in the capital.", "Oct. 13", "2022-10-13", "day"),
    ("She was detained on Sept. 13 by the police.", "Sept. 13", "2022-09-13", "day"),
    ("The accord was signed on 13 Oct 2022.", "13 Oct 2022", "2022-10-13", "day"),
    ("The decree dated 2022-10-13 was published.", "2022-10-13", "2022-10-13", "day"),
    ("The arms dealer was arrested in 2008.", "in 2008", "2008-01-01", "year"),
    ("The embassy has been closed since May.", "since May", "2022-05-01", "month"),
    ("He will be held until May 29.", "May 29", "2022-05-29", "day"),
])
def test_english_expressions(sentence, words, value, precision):
    found = only(sentence, "en")
    assert found.text == words
    assert sentence[found.start:found.end] == words
    assert found.value == date.fromisoformat(value)
    assert found.precision == precision


AUGUST = date(2024, 8, 26)  # a Monday


@pytest.mark.parametrize("sentence, lang, words, value", [
    ("The ministry announced new sanctions on Christmas Eve.", "en", "Christmas Eve", "2023-12-24"),
    ("Talks resumed the day after New Year's Day in Doha.", "en", "the day after New Year's Day", "2024-01-02"),
    ("Troops paraded on Victory Day in the capital.", "en", "Victory Day", "2024-05-09"),
    ("The envoy arrived in Kyiv on the eve of Ukraine's Independence Day.", "en",
     "the eve of Ukraine's Independence Day", "2024-08-23"),
    ("Kazakh Independence Day celebrations were cancelled after the riots.", "en",
     "Kazakh Independence Day", "2023-12-16"),
    ("Washington pledged aid to Ukraine on its Independence Day.", "en", "Independence Day", "2024-08-24"),
    ("The president spoke on the National Day of France.", "en", "National Day of France", "2024-07-14"),
    ("Les deux présidents se sont parlé à Noël.", "fr", "Noël", "2023-12-25"),
    ("La veille de Noël, le ministre a visité le front.", "fr", "La veille de Noël", "2023-12-24"),
    ("Le gouvernement a annoncé la veille de la fête nationale française un plan d'aide.", "fr",
     "la veille de la fête nationale française", "2024-07-13"),
    ("Le ministre était à Kiev pour la fête de l'indépendance de l'Ukraine.", "fr",
     "fête de l'indépendance de l'Ukraine", "2024-08-24"),
    ("Des manifestations ont eu lieu au lendemain de la fête du Travail.", "fr",
     "au lendemain de la fête du Travail", "2024-05-02"),
])
def test_holidays(sentence, lang, words, value):
    ref = only(sentence, lang, AUGUST)
    assert (ref.text, str(ref.value), ref.precision) == (words, value, "day")


@pytest.mark.parametrize("sentence, lang, words", [
    ("The Independence Day speech was long.", "en", "Independence Day"),  # whose? not said
    ("La fête nationale a été célébrée sans défilé.", "fr", "fête nationale"),
])
def test_a_country_day_without_its_country_has_no_value(sentence, lang, words):
    ref = only(sentence, lang, AUGUST)
    assert (ref.text, ref.value) == (words, None)


@pytest.mark.parametrize("sentence, lang", [
    ("Noël Le Graët a quitté la fédération.", "fr"),  # a first name, not a date
    ("Toussaint Louverture est né à Saint-Domingue.", "fr"),
    ("L'attentat du marché de Noël de Strasbourg a fait cinq morts.", "fr"),  # a market, not a day
    ("The Christmas market attack in Berlin killed twelve people.", "en"),
])
def test_holiday_words_that_date_nothing(sentence, lang):
    assert find_dates(sentence, lang, AUGUST) == []


@pytest.mark.parametrize("sentence, lang", [
    ("Le ministre sa délégation et ses conseillers sont partis.", "fr"),  # "sa" is no Saturday
    ("They may impose new sanctions.", "en"),  # the modal "may"
    ("Mars est la planète rouge.", "fr"),  # a capitalised Mars is no month in French
    ("The protesters march towards parliament.", "en"),
    ("Interference in the 2020 elections was cited.", "en"),  # a bare year needs a preposition
    ("Plus de 2 000 soldats ont été déployés.", "fr"),
    ("Il compte sept conseillers.", "fr"),  # "sept" (seven) is no "sept." month
    ("Jan said the talks had failed.", "en"),  # a bare abbreviation is no month
])
def test_words_that_are_not_dates(sentence, lang):
    assert find_dates(sentence, lang, FRIDAY) == []


@pytest.mark.parametrize("sentence, lang", [
    ("Le ministre est arrivé jeudi à Astana.", "fr"),
    ("Les deux pays ont rompu le mois dernier.", "fr"),
    ("The envoy left on Tuesday.", "en"),
    ("The talks were held last month.", "en"),
    ("Le scrutin s'est tenu le 31 juillet.", "fr"),
])
def test_no_publication_date_no_value(sentence, lang):
    found = only(sentence, lang, published=None)
    assert found.value is None and found.precision is None


@pytest.mark.parametrize("sentence, lang, value, precision", [
    ("L'offensive a commencé le 24 février 2022.", "fr", "2022-02-24", "day"),
    ("The war began in 2014.", "en", "2014-01-01", "year"),
    ("The invasion began in February 2022.", "en", "2022-02-01", "month"),
])
def test_stated_years_resolve_without_publication_date(sentence, lang, value, precision):
    found = only(sentence, lang, published=None)
    assert (found.value, found.precision) == (date.fromisoformat(value), precision)


@pytest.mark.parametrize("sentence, lang", [
    ("Les ministres se sont réunis cette semaine.", "fr"),
    ("Les ministres se sont réunis la semaine dernière.", "fr"),
    ("The ministers will meet next week.", "en"),
    ("Le lendemain, les troupes se sont retirées.", "fr"),
    ("The next day, troops withdrew.", "en"),
])
def test_weeks_and_next_day_are_recognised_without_value(sentence, lang):
    found = only(sentence, lang)
    assert found.value is None
    assert found.text.lower() in sentence.lower()


@pytest.mark.parametrize("sentence, lang, past, future", [
    ("Les deux ministres se rencontreront lundi à Paris.", "fr", "2022-10-10", "2022-10-17"),
    ("The ministers will meet on Friday.", "en", "2022-10-14", "2022-10-14"),
    ("Le vote aura lieu en janvier.", "fr", "2022-01-01", "2023-01-01"),
    ("The vote will take place on Jan. 5.", "en", "2022-01-05", "2023-01-05"),
])
def test_prefer_future_re_resolves(sentence, lang, past, future):
    assert only(sentence, lang).value == date.fromisoformat(past)
    assert only(sentence, lang, prefer_future=True).value == date.fromisoformat(future)


@pytest.mark.parametrize("published, words, value", [
    (date(2023, 1, 3), "le 28 décembre", "2022-12-28"),  # the past December, not the coming one
    (date(2022, 1, 3), "le 15 janvier", "2022-01-15"),  # a few days ahead beats a year back
    (date(2017, 6, 5), "ce lundi 5 juin", "2017-06-05"),
    (date(2022, 2, 10), "lundi 1er février", "2021-02-01"),  # the stated weekday picks the year
])
def test_day_and_month_without_year(published, words, value):
    found = only(f"Les faits remontent à {words}.", "fr", published)
    assert found.value == date.fromisoformat(value)


@pytest.mark.parametrize("weekday, direction, expected", [
    (3, "past", "2022-10-13"), (4, "past", "2022-10-14"), (4, "last", "2022-10-07"),
    (4, "future", "2022-10-14"), (4, "next", "2022-10-21"), (0, "future", "2022-10-17"),
    (0, "nearest", "2022-10-17"), (2, "nearest", "2022-10-12"),
])
def test_resolve_weekday(weekday, direction, expected):
    assert resolve_weekday(weekday, FRIDAY, direction) == date.fromisoformat(expected)


def test_resolve_weekday_rejects_unknown_direction():
    with pytest.raises(ValueError):
        resolve_weekday(0, FRIDAY, "sideways")


def test_several_expressions_sorted_without_overlap():
    text = "Arrivé mardi à Paris, il a rencontré mercredi 12 octobre le président, puis jeudi soir les ministres."
    found = find_dates(text, "fr", FRIDAY)
    assert [d.text for d in found] == ["mardi", "mercredi 12 octobre", "jeudi soir"]
    assert [d.value for d in found] == [date(2022, 10, 11), date(2022, 10, 12), date(2022, 10, 13)]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_nearest_date_prefers_a_resolved_expression():
    text = "Le lendemain, les négociateurs, réunis jeudi à Doha, ont signé l'accord."
    found = find_dates(text, "fr", FRIDAY)
    trigger = text.index("ont signé")
    assert nearest_date(found, trigger).text == "jeudi"
    assert nearest_date(found, 0).text == "jeudi"  # "Le lendemain" is closer but has no value
    assert nearest_date(find_dates("Le lendemain, rien.", "fr", FRIDAY), 3).text == "Le lendemain"
    assert nearest_date([], 5) is None


def test_nearest_date_picks_the_closest():
    text = "Signé en 2016, l'accord a été dénoncé hier par Téhéran."
    found = find_dates(text, "fr", FRIDAY)
    assert nearest_date(found, text.index("dénoncé")).text == "hier"
    assert nearest_date(found, 2).text == "en 2016"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("lundi mars 2022 le 1er/ -'jeudiprochainhierMay.,0123456789")),
               max_size=60), st.sampled_from(["fr", "en"]))
def test_spans_are_exact_and_disjoint(text, lang):
    found = find_dates(text, lang, FRIDAY)
    for d in found:
        assert text[d.start:d.end] == d.text
        assert (d.value is None) == (d.precision is None)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize("text, lang, published, expected", [
    ("BRUSSELS, April 13 (Reuters) - NATO called on Russia", "en", date(2021, 4, 13), date(2021, 4, 13)),
    ("Un titre\nBEYROUTH, 6 août (Reuters) - Emmanuel Macron a promis", "fr", date(2020, 8, 6), date(2020, 8, 6)),
    ("WASHINGTON, 23 février - Les Etats-Unis ont imposé", "fr", date(2021, 2, 23), date(2021, 2, 23)),
    ("Le vice-président chinois, jeudi - rien", "fr", date(2020, 8, 6), None),
    ("Russia fired missiles on Monday.", "en", date(2022, 10, 10), None),
    # a bracketed dateline, with one place or several
    ("Un titre\n\n(Lima, Quito, 04.05.2024). Le Pérou et l'Équateur ont signé", "fr", date(2024, 5, 4), date(2024, 5, 4)),
    ("(Nairobi, 3 mai 2024) Le Kenya a annoncé", "fr", date(2024, 5, 3), date(2024, 5, 3)),
    # a parenthesis that is no dateline
    ("(Lima, la capitale) Le Pérou a annoncé", "fr", date(2024, 5, 4), None),
])
def test_dateline_date(text, lang, published, expected):
    from chronique.dates import dateline_date

    found = dateline_date(text, lang, published)
    assert (found.value if found else None) == expected
    if found:  # the reference points at the date in the text
        assert text[found.start:found.end] == found.text
