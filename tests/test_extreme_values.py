"""Valid but extreme values are data: a publication date at the ends of the calendar, a line separator
inside a name. Before: OverflowError (``published - timedelta``) or ValueError (year 10000), an
``internal`` error record for the article."""
from __future__ import annotations

import json
from datetime import date

import pytest

from chronique.dates import EARLIEST_PUBLISHED, LATEST_PUBLISHED, clamp_published, find_dates
from chronique.read import read_bytes

RELATIVE = ("Russia attacked Ukraine last Thursday. China condemned Russia on Monday, and the talks "
            "will resume next month. Moscow had warned Kyiv three weeks ago, last year and the year before.")
RELATIVE_FR = ("La Russie a attaqué l'Ukraine jeudi dernier. La Chine a condamné la Russie lundi ; les "
               "pourparlers reprendront le mois prochain, l'année prochaine, à Noël.")
EXTREMES = [date(1, 1, 1), date(1, 1, 3), date(9999, 12, 31), date(9999, 12, 30), date(9999, 1, 1)]


@pytest.mark.parametrize("published", EXTREMES, ids=str)
@pytest.mark.parametrize("text", [RELATIVE, RELATIVE_FR], ids=["en", "fr"])
def test_extreme_published_dates_extract(pipeline, text, published):
    result = pipeline.extract_text(text, published=published)
    assert result.error is None, result.error
    assert result.published == published  # the record keeps the date it was given
    assert result.events
    for event in result.events:
        if event.date is not None and event.date.value is not None:
            assert date(999, 1, 1) <= event.date.value <= date(3000, 12, 31)


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_extreme_published_in_json_lines(pipeline, published):
    line = json.dumps({"id": "x", "text": RELATIVE, "published": published}).encode()
    [result] = list(pipeline.run(read_bytes(line, "t.jsonl", "jsonl")))
    assert result.error is None, result.error
    assert result.published == date.fromisoformat(published)


@pytest.mark.parametrize("published", EXTREMES, ids=str)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_find_dates_never_raises_at_the_ends_of_the_calendar(lang, published):
    text = RELATIVE if lang == "en" else RELATIVE_FR
    refs = find_dates(text, lang, published)
    assert refs and all(r.value is None or date(999, 1, 1) <= r.value for r in refs)


def test_clamp_published():
    assert clamp_published(None) is None
    assert clamp_published(date(1, 1, 1)) == EARLIEST_PUBLISHED
    assert clamp_published(date(9999, 12, 31)) == LATEST_PUBLISHED
    assert clamp_published(date(2022, 10, 14)) == date(2022, 10, 14)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
@pytest.mark.parametrize("text", [
    "President Vladimir{s}Putin met President Xi{s}Jinping in Moscow on Monday.",
    "Le président Kassym-Jomart{s}Tokaïev a rencontré Wang{s}Yi à Astana jeudi.",
    "Russia condemned the{s}United Nations on Monday.",  # before: KeyError 'the\n\nunited nations' (internal)
    "La Russie a condamné l'Organisation des{s}Nations unies lundi.",
])
def test_line_separator_inside_a_multi_word_name(pipeline, text, separator):
    text = text.format(s=separator)
    line = json.dumps({"id": "sep", "text": text}).encode()
    for result in (pipeline.extract_text(text, published=date(2022, 10, 14)),
                   *pipeline.run(read_bytes(line, "t.jsonl", "jsonl"), published=date(2022, 10, 14))):
        assert result.error is None, result.error
        assert result.actors
        assert separator not in result.text
        assert all(separator not in a.name for a in result.actors)


@pytest.mark.parametrize("page", [
    "<svg><b>Russia condemned Iran on Monday.</b><!DOCTYPE html>",
    "<svg><td>Russia condemned Iran on Monday.</td><!DOCTYPE html>",
])
def test_a_page_whose_date_finder_asserts_is_still_read(pipeline, page):
    """htmldate (trafilatura's metadata) raised AssertionError on these trees: an internal error before."""
    result = pipeline.extract_text(page, html=True, published=date(2022, 10, 14))
    assert result.error is None or result.error.kind != "internal", result.error
