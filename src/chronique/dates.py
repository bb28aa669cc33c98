"""Date expressions in a sentence, resolved against the article's publication date.

Word tables (weekdays, months, relative expressions) are in ``data/dates/*.tsv``. French is used
when ``lang == "fr"``, English otherwise.

Resolution rules, chosen for news reports (the caller may re-resolve with ``prefer_future=True``
when the sentence's verb is future):

- a bare weekday ("jeudi", "on Tuesday", "mardi soir") is the most recent such day on or before
  ``published`` (same weekday: ``published`` itself); with ``prefer_future`` the first on or after;
- "jeudi dernier" / "last Thursday": strictly before; "jeudi prochain" / "next Thursday": strictly
  after; "ce jeudi" / "this Thursday": the nearest such day (up to 3 days back, else forward);
- a day and month without a year ("le 31 juillet", "Oct. 13"): the latest occurrence on or before
  ``published``, unless that is over 300 days back (then the coming one: "le 15 janvier" in an
  article of 3 January); a stated weekday picks among the candidate years; ``prefer_future``: the
  first on or after ``published``;
- a month without a year ("en février"): the most recent such month not after ``published``
  ("octobre dernier": strictly before; "le mois prochain"/"next October": strictly after);
- weeks ("cette semaine", "last week") are recognised, so that they hold their words, but get no
  value: the contract knows only the precisions day, month and year;
- "le lendemain", "the next day" are relative to another event: no value. "la veille" is the day
  before ``published``;
- holidays (``data/dates/holidays.tsv``: "on Christmas Day", "à la veille de Noël") are resolved like a
  day and month without a year; a country's own day ("on Ukraine's Independence Day", "la fête
  nationale française", "on its Independence Day" after a country) comes from ``national_days.tsv``.

Nothing is resolved without ``published`` except dates that state their year.

A publication date is first clamped to ``EARLIEST_PUBLISHED``..``LATEST_PUBLISHED`` (:func:`clamp_published`):
valid but extreme values (0001-01-01, 9999-12-31) would put "last Thursday" or "next month" outside the
years Python's ``date`` can hold. An expression whose value would still fall outside them gets no value.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from importlib.resources import files

from chronique.records import DateRef
from chronique.tables import country_forms

_APOS = "['’]"
_PAST_DIRECTIONS = ("past", "future", "last", "next", "nearest")
_MAX_DAYS_BACK = 300


def _read_tsv(name: str) -> Iterator[list[str]]:
    path = files("chronique") / "data" / "dates" / name
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield line.split("\t")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    weekdays: dict[str, int]  # lowercased word -> 0 (Monday) .. 6
    months: dict[str, int]  # lowercased word -> 1 .. 12
    abbreviations: frozenset[str]  # lowercased month abbreviations: only with a day or a year
    relative: dict[str, tuple[str, int | None]]  # lowercased expression -> (unit, offset)


@functools.cache
def _lexicon(lang: str) -> _Lexicon:
    weekdays = {r[1].lower(): int(r[2]) for r in _read_tsv("weekdays.tsv") if r[0] == lang}
    months = {r[1].lower(): int(r[2]) for r in _read_tsv("months.tsv") if r[0] == lang}
    abbreviations = frozenset(r[1].lower() for r in _read_tsv("months.tsv")
                              if r[0] == lang and len(r) > 3 and r[3] == "abbreviation")
    relative = {
        _relative_key(r[1]): (r[2], None if r[3] == "?" else int(r[3]))
        for r in _read_tsv("relative.tsv")
        if r[0] == lang
    }
    return _Lexicon(weekdays, months, abbreviations, relative)


def _relative_key(expression: str) -> str:
    return re.sub(r"[\s-]+", " ", expression.lower().replace("’", "'")).strip()


def _table_lang(lang: str | None) -> str:
    return "fr" if (lang or "").lower().startswith("fr") else "en"


@functools.cache
def calendar_words(lang: str | None = None) -> frozenset[str]:
    """Lowercased weekday and month names (no abbreviations), of one language or of all."""
    langs = ("fr", "en") if lang is None else (_table_lang(lang),)
    words: set[str] = set()
    for code in langs:
        lex = _lexicon(code)
        words.update(lex.weekdays)
        words.update(w for w in lex.months if w not in lex.abbreviations)
    return frozenset(words)


# --------------------------------------------------------------------------- resolution

# far from datetime.date's limits (years 1-9999): "1,000 years ago" or "in 500 years" still resolve
EARLIEST_PUBLISHED = date(1000, 1, 1)
LATEST_PUBLISHED = date(2999, 12, 31)


def clamp_published(published: date | None) -> date | None:
    """A publication date moved into ``EARLIEST_PUBLISHED``..``LATEST_PUBLISHED`` (None stays None)."""
    if published is None:
        return None
    return min(max(published, EARLIEST_PUBLISHED), LATEST_PUBLISHED)


def resolve_weekday(weekday: int, published: date, direction: str = "past") -> date:
    """The date of ``weekday`` (0 = Monday) seen from ``published``.

    ``direction``: ``past`` (on or before), ``future`` (on or after), ``last`` (strictly before),
    ``next`` (strictly after), ``nearest`` (up to 3 days back, else forward).
    """
    back = (published.weekday() - weekday) % 7
    forward = (weekday - published.weekday()) % 7
    if direction == "past":
        return published - timedelta(days=back)
    if direction == "last":
        return published - timedelta(days=back or 7)
    if direction == "future":
        return published + timedelta(days=forward)
    if direction == "next":
        return published + timedelta(days=forward or 7)
    if direction == "nearest":
        return published - timedelta(days=back) if back <= 3 else published + timedelta(days=forward)
    raise ValueError(f"unknown direction {direction!r}; expected one of {_PAST_DIRECTIONS}")


def _resolve_month(month: int, published: date, direction: str) -> date:
    y, m = published.year, published.month
    if direction == "past":
        year = y if month <= m else y - 1
    elif direction == "future":
        year = y if month >= m else y + 1
    elif direction == "last":
        year = y if month < m else y - 1
    elif direction == "next":
        year = y if month > m else y + 1
    else:  # "this"
        year = y
    return date(year, month, 1)


def _shift_month(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve_day_month(day: int, month: int, weekday: int | None, published: date,
                       prefer_future: bool) -> date | None:
    candidates = [d for y in (published.year - 1, published.year, published.year + 1)
                  if (d := _safe_date(y, month, day)) is not None]
    if weekday is not None and any(d.weekday() == weekday for d in candidates):
        candidates = [d for d in candidates if d.weekday() == weekday]
    if not candidates:
        return None
    ahead = [d for d in candidates if d >= published]
    if prefer_future and ahead:
        return min(ahead)
    # a news report's day without a year is usually behind it: the latest one on or before
    # ``published``, unless that is most of a year back and a coming one exists
    behind = [d for d in candidates if d <= published]
    if behind and ((published - max(behind)).days <= _MAX_DAYS_BACK or not ahead):
        return max(behind)
    return min(ahead)


# --------------------------------------------------------------------------- patterns

@dataclass(slots=True)
class _Hit:
    kind: str
    start: int
    end: int
    value: date | None
    precision: str | None


_SPECIFICITY = {"iso": 3, "numeric": 3, "day_month": 3, "holiday": 3, "month_year": 2, "month_rel": 2,
                "weekday": 2, "relative": 2, "month": 1, "year": 1}


def _alt(words: list[str] | set[str] | dict) -> str:
    """A regex alternation of words, longest first, apostrophes and spaces made tolerant."""
    parts = []
    for w in sorted(words, key=len, reverse=True):
        p = re.escape(w).replace("'", _APOS).replace("\\ ", r"[\s-]+").replace("\\-", r"[\s-]+")
        parts.append(p)
    return "(?:" + "|".join(parts) + ")"


def _b(pattern: str) -> str:
    return rf"(?<![\w]){pattern}(?![\w])"


_FR = dict(
    day=r"(?P<day>\d{1,2}|1er|premier)",
    det=r"(?:(?:le|ce)\s+)",
    prep_month=r"(?:en|depuis|dès|jusqu'en|jusqu’en|avant|après|d'ici|d’ici)",
    prep_year=r"(?:en|depuis|dès|jusqu'en|jusqu’en|avant|après|d'ici|d’ici|fin|début|courant)",
    mod=r"(?:début|fin|mi-|courant)",
    month_of=r"(?:(?:le\s+|au\s+)?mois\s+d(?:e\s+|['’]))",
    month_rel=r"(?P<rel>dernier|passé|prochain)",
    wd_rel=r"(?P<rel>dernier|passé|prochain)",
    wd_pre=r"(?:(?P<early>tôt|tard)\s+)?(?:(?P<this>ce)\s+)?",
    tod=r"(?:matin|soir|après-midi|midi|soirée|matinée|nuit)",
)
_EN = dict(
    prep_month=r"(?:in|since|until|by|from|before|after|during|through)",
    prep_year=r"(?:in|since|until|by|from|before|after|during|through|early|late|mid-)",
    mod=r"(?:early|late|mid-|mid)",
    tod=r"(?:morning|afternoon|evening|night)",
)
_EN_NEEDS_CONTEXT = {"may", "march"}  # also a verb: needs a day, a year or a preposition


@functools.cache
def _patterns(lang: str) -> list[tuple[re.Pattern[str], str]]:
    lex = _lexicon(lang)
    wd = "(?P<wd>" + _alt(lex.weekdays) + ")"
    mo = "(?P<mon>" + _alt(lex.months) + ")"
    year = r"(?P<year>(?:1[89]|20)\d{2})(?!\d)"
    out: list[tuple[str, str]] = [
        (r"(?<!\d)(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)", "iso"),
        (r"(?<![\d/.])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})(?!\d)", "numeric"),
    ]
    if lang == "fr":
        f = _FR
        out += [
            (_b(rf"{f['det']}?(?:{wd}\s+)?{f['day']}\s+{mo}(?:\s+{year})?"), "day_month"),
            (_b(rf"(?:{f['prep_month']}\s+)?(?:{f['mod']}\s*)?{f['month_of']}?{mo}\s+{year}"), "month_year"),
            (_b(rf"(?:{f['prep_month']}\s+)?(?:{f['mod']}\s*)?{f['month_of']}?{mo}\s+{f['month_rel']}"),
             "month_rel"),
            (_b(rf"(?P<prep>{f['prep_month']}\s+)?(?P<mod>{f['mod']}\s*)?(?P<of>{f['month_of']})?{mo}"),
             "month"),
            (_b(rf"(?P<prep>{f['prep_year']})\s+{year}(?!\s*[-%])"), "year"),
            (_b(rf"{f['wd_pre']}{wd}(?:\s+{f['wd_rel']})?(?:\s+{f['tod']})?(?:\s+(?P<rel2>dernier|prochain))?"),
             "weekday"),
        ]
    else:
        e = _EN
        ordinal = r"(?:st|nd|rd|th)?"
        out += [
            (_b(rf"(?:{wd},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}}){ordinal}\s+(?:of\s+)?{mo}(?:,?\s+{year})?"),
             "day_month"),
            (_b(rf"(?:{wd},?\s+)?{mo}\s+(?P<day>\d{{1,2}}){ordinal}(?!\d)(?:,?\s+{year})?"), "day_month"),
            (_b(rf"(?:{e['prep_month']}\s+)?(?:{e['mod']}\s*)?{mo},?\s+{year}"), "month_year"),
            (_b(rf"(?P<rel>last|next|this)\s+{mo}"), "month_rel"),
            (_b(rf"(?P<prep>{e['prep_month']}\s+)?(?P<mod>{e['mod']}\s*)?(?P<of>)?{mo}"), "month"),
            (_b(rf"(?P<prep>{e['prep_year']})\s*{year}(?!\s*[-%])"), "year"),
            (_b(rf"(?:(?P<early>early|late)(?:\s+on)?\s+)?(?:(?P<rel>last|next|this)\s+)?{wd}"
                rf"(?:\s+{e['tod']})?"), "weekday"),
        ]
    out.append((_b("(?P<expr>" + _alt(lex.relative) + ")"), "relative"))
    return [(re.compile(p, re.IGNORECASE), kind) for p, kind in out]


# What a pattern cannot match without: most sentences name no month and many hold no digit, and
# scanning them with every month pattern was most of the cost of finding dates.
_NEEDS = {"iso": "digit", "numeric": "digit", "year": "digit", "day_month": "month", "month_year": "month",
          "month_rel": "month", "month": "month"}
_DIGIT = re.compile(r"\d")


@functools.cache
def _month_word(lang: str) -> re.Pattern[str]:
    return re.compile(_alt(_lexicon(lang).months), re.IGNORECASE)


def _word(m: re.Match[str], group: str) -> str | None:
    try:
        return m.group(group)
    except IndexError:
        return None


def _capitalised(word: str | None) -> bool:
    return bool(word) and word[0].isupper()


class _Resolver:
    def __init__(self, lang: str, published: date | None, prefer_future: bool) -> None:
        self.lang = lang
        self.lex = _lexicon(lang)
        self.published = published
        self.prefer_future = prefer_future

    def month_of(self, m: re.Match[str]) -> int | None:
        word = _word(m, "mon")
        if word is None:
            return None
        if self.lang == "en" and not _capitalised(word):
            return None
        return self.lex.months.get(re.sub(r"\s+", " ", word.lower()))

    def weekday_of(self, m: re.Match[str]) -> int | None:
        word = _word(m, "wd")
        if word is None:
            return None
        if self.lang == "en" and not _capitalised(word):
            return None
        return self.lex.weekdays.get(word.lower())

    # each handler returns (value, precision) or None when the match is not a date after all
    def iso(self, m: re.Match[str]) -> tuple[date | None, str | None] | None:
        d = _safe_date(int(m["year"]), int(m["m"]), int(m["d"]))
        return (d, "day") if d else None

    def numeric(self, m: re.Match[str]) -> tuple[date | None, str | None] | None:
        a, b, y = int(m["a"]), int(m["b"]), int(m["year"])
        day, month = (a, b) if self.lang == "fr" or a > 12 else (b, a)
        d = _safe_date(y, month, day)
        return (d, "day") if d else None

    def day_month(self, m: re.Match[str]) -> tuple[date | None, str | None] | None:
        month = self.month_of(m)
        if month is None:
            return None
        raw_day = m["day"].lower()
        day = 1 if raw_day in ("1er", "premier") else int(raw_day)
        if not 1 <= day <= 31:
            return None
        if m["year"]:
            d = _safe_date(int(m["year"]), month, day)
            return (d, "day") if d else None
        if _safe_date(2000, month, day) is None:  # 2000 is a leap year: 29 février exists
            return None
        if self.published is None:
            return (None, None)
        d = _resolve_day_month(day, month, self.weekday_of(m), self.published, self.prefer_future)
        return (d, "day") if d else (None, None)

    def month_year(self, m: re.Match[str]) -> tuple[date | None, str | None] | None:
        month = self.month_of(m)
        if month is None:
            return None
        return date(int(m["year"]), month, 1), "month"

    def month_rel(self, m: re.Match[str]) -> tuple[date | None, str | None] | None:
        month = self.month_of(m)
        if month is None:
            return None
        if self.published is None:
            return (None, None)
        rel = m["rel"].lower()
        direction = {"dernier": "last", "passé": "last", "last": "last",
                     "prochain": "next", "next": "next"}.get(rel, "this")
        return _resolve_month(month, self.published, direction), "month"

    def month(self, m: re.Match[str]) -> tuple[date | None, str | None] | None:
        month = self.month_of(m)
        word = m["mon"]
        if month is None or word.lower() in self.lex.abbreviations:
            return None
        context = bool(m["prep"] or m["mod"] or m["of"])
        if self.lang == "fr" and not context and word[0].isupper():
            return None  # "Mars" the planet, a name, ...: month names are lowercase in French
        if self.lang == "en" and word.lower() in _EN_NEEDS_CONTEXT and not context:
            return None
        if self.published is None:
            return (None, None)
        direction = "future" if self.prefer_future else "past"
        return _resolve_month(month, self.published, direction), "month"

    def year(self, m: re.Match[str]) -> tuple[date | None, str | None] | None:
        return date(int(m["year"]), 1, 1), "year"

    def weekday(self, m: re.Match[str]) -> tuple[date | None, str | None] | None:
        weekday = self.weekday_of(m)
        if weekday is None:
            return None
        if self.published is None:
            return (None, None)
        rel = (m["rel"] or _word(m, "rel2") or "").lower()
        if rel in ("dernier", "passé", "last"):
            direction = "last"
        elif rel in ("prochain", "next"):
            direction = "next"
        elif rel == "this" or _word(m, "this"):
            direction = "future" if self.prefer_future else "nearest"
        else:
            direction = "future" if self.prefer_future else "past"
        return resolve_weekday(weekday, self.published, direction), "day"

    def relative(self, m: re.Match[str]) -> tuple[date | None, str | None] | None:
        unit, offset = self.lex.relative.get(_relative_key(m["expr"]), ("", None))
        if offset is None or self.published is None or unit == "week":
            return (None, None)
        if unit == "day":
            return self.published + timedelta(days=offset), "day"
        if unit == "month":
            return _shift_month(self.published.replace(day=1), offset), "month"
        if unit == "year":
            return date(self.published.year + offset, 1, 1), "year"
        return (None, None)


# --------------------------------------------------------------------------- holidays

@dataclass(frozen=True, slots=True)
class _Holidays:
    days: dict[str, str]  # lowercased expression -> "MM-DD", "independence" or "national"
    shifts: dict[str, int]  # lowercased "the eve of" -> -1
    needs_preposition: frozenset[str]
    pattern: re.Pattern[str] | None
    shift_before: re.Pattern[str] | None  # a shift ending just before the holiday (and its owner)
    countries: dict[str, str]  # lowercased country name, adjective or demonym -> ISO3


# before a holiday word that is also a name, the temporal prepositions that make it a date ("à Noël", "by
# Christmas"); not "de" nor "the": "le marché de Noël", "the Christmas market attack" are not dated by it
_PREPOSITIONS = frozenset({"à", "pour", "avant", "après", "depuis", "dès", "jusqu'à", "jusqu’à", "vers", "on", "at",
                           "by", "for", "before", "after", "since", "until", "over", "around", "during"})
_POSSESSIVES = frozenset({"its", "their", "son", "sa", "leur"})
_POSSESSIVE_AT_END = re.compile(r"\s*\b(?:" + "|".join(sorted(_POSSESSIVES)) + r")\s*$", re.IGNORECASE)
_OWNER_LINK = re.compile(r"^\s+(?:of|in|de|du|des|d['’])\s*(?:the\s+|la\s+|le\s+|l['’]\s*)?")


@functools.cache
def _holidays(lang: str) -> _Holidays:
    days, shifts, needs = {}, {}, set()
    for row in _read_tsv("holidays.tsv"):
        if row[0] != lang:
            continue
        key = _relative_key(row[1])
        if row[2][0] in "+-":
            shifts[key] = int(row[2])
        else:
            days[key] = row[2]
            if len(row) > 3 and row[3] == "prep":
                needs.add(key)
    countries = {f.form.lower(): f.iso3 for f in country_forms(lang)
                 if f.kind in ("name", "adjective", "demonym")}
    pattern = re.compile(_b("(?P<expr>" + _alt(sorted(days)) + ")"), re.IGNORECASE) if days else None
    shift_before = (re.compile("(?P<shift>" + _alt(sorted(shifts)) + r")\s*(?:the\s+|la\s+|le\s+|l['’]\s*)?$",
                               re.IGNORECASE)
                    if shifts else None)
    return _Holidays(days, shifts, frozenset(needs), pattern, shift_before, countries)


@functools.cache
def _national_days() -> dict[tuple[str, str], tuple[int, int]]:
    out = {}
    for iso3, kind, day, *_ in _read_tsv("national_days.tsv"):
        month_day = tuple(int(x) for x in day.split("-"))
        out[(iso3, kind)] = month_day
    return out


def _national_day(iso3: str | None, kind: str) -> tuple[int, int] | None:
    if iso3 is None:
        return None
    other = "national" if kind == "independence" else "independence"
    table = _national_days()
    return table.get((iso3, kind)) or table.get((iso3, other))


def _country_words(words: list[str], table: _Holidays) -> tuple[str, int] | None:
    """The country the first words name (the longest run, possessive 's removed) and how many words."""
    for size in range(min(4, len(words)), 0, -1):
        phrase = re.sub(r"['’]s?$", "", " ".join(words[:size]).rstrip(".,;:")).lower()
        if phrase in table.countries:
            return table.countries[phrase], size
    return None


def _words_end(text: str, start: int, count: int) -> int:
    """Where the ``count``-th word from ``start`` ends, its trailing punctuation left out."""
    spans = list(re.finditer(r"\S+", text[start:]))[:count]
    last = spans[-1]
    return start + last.start() + len(last.group().rstrip(".,;:"))


def _last_country_before(text: str, end: int, table: _Holidays) -> str | None:
    """The country named last before ``end`` ("... for Ukraine on its Independence Day")."""
    best, found, lower = -1, None, text.lower()
    for form, iso3 in table.countries.items():
        at = lower.rfind(form, 0, end)
        if at > best and (at == 0 or not text[at - 1].isalnum()) and not text[at + len(form):][:1].isalnum():
            best, found = at, iso3
    return found


def _holiday_hits(text: str, lang: str, published: date | None, prefer_future: bool) -> list[_Hit]:
    table = _holidays(lang)
    if table.pattern is None:
        return []
    hits = []
    for m in table.pattern.finditer(text):
        key = _relative_key(m["expr"])
        start, end = m.start(), m.end()
        before_words = text[max(0, start - 60):start].split()
        owner = None
        if table.days[key] in ("independence", "national"):
            after = _OWNER_LINK.match(text[end:])
            if after is not None:  # "Independence Day of Ukraine", "fête nationale de la Chine"
                found = _country_words(text[end + after.end():].split()[:4], table)
                if found is not None:
                    owner, end = found[0], _words_end(text, end + after.end(), found[1])
            if owner is None and lang == "fr":  # "la fête nationale française"
                found = _country_words(text[end:].split()[:1], table)
                if found is not None:
                    owner, end = found[0], _words_end(text, end, 1)
            for size in range(min(3, len(before_words)), 0, -1):  # "Ukraine's", "Ukrainian", "South Korea's"
                found = None if owner is not None else _country_words(before_words[-size:], table)
                if found is not None and found[1] == size:
                    owner, start = found[0], text.rindex(before_words[-size], 0, start)
            if owner is None and before_words and before_words[-1].lower() in _POSSESSIVES:
                owner = _last_country_before(text, start, table)
            month_day = _national_day(owner, table.days[key])
        else:
            month_day = tuple(int(x) for x in table.days[key].split("-"))
        shift = 0
        if table.shift_before is not None:
            found = table.shift_before.search(_POSSESSIVE_AT_END.sub(" ", text[max(0, start - 40):start]))
            if found is not None:
                shift = table.shifts[_relative_key(found["shift"])]
                start = text.rindex(found["shift"], 0, start)
        if key in table.needs_preposition and not shift \
                and (not before_words or before_words[-1].lower() not in _PREPOSITIONS):
            continue
        value = None
        if month_day is not None and published is not None:
            value = _resolve_day_month(month_day[1], month_day[0], None, published, prefer_future)
            value = value + timedelta(days=shift) if value is not None else None
        hits.append(_Hit("holiday", start, end, value, "day" if value else None))
    return hits


def find_dates(text: str, lang: str, published: date | None,
               prefer_future: bool = False) -> list[DateRef]:
    """Every date expression in ``text``, sorted by start, without overlaps (where two overlap,
    the one stating a day wins, then the longest)."""
    code = _table_lang(lang)
    published = clamp_published(published)
    resolver = _Resolver(code, published, prefer_future)
    hits: list[_Hit] = []
    present = {"digit": _DIGIT.search(text) is not None, "month": _month_word(code).search(text) is not None}
    for pattern, kind in _patterns(code):
        if not present.get(_NEEDS.get(kind, ""), True):
            continue
        handler: Callable[[re.Match[str]], tuple[date | None, str | None] | None] = getattr(resolver, kind)
        for m in pattern.finditer(text):
            try:
                resolved = handler(m)
            except (OverflowError, ValueError):  # "in 5,000 years": words we read, a day no date holds
                resolved = None, None
            if resolved is not None:
                hits.append(_Hit(kind, m.start(), m.end(), *resolved))
    hits += _holiday_hits(text, code, published, prefer_future)
    chosen: list[_Hit] = []
    # a stated day beats a bare month ("until May 29" is "May 29"), then the longest wins
    for hit in sorted(hits, key=lambda h: (-_SPECIFICITY[h.kind], -(h.end - h.start), h.start)):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    chosen.sort(key=lambda h: h.start)
    return [DateRef(value=h.value, text=text[h.start:h.end],
                    precision=h.precision if h.value else None, start=h.start, end=h.end)
            for h in chosen]


def nearest_date(dates: list[DateRef], position: int) -> DateRef | None:
    """The expression closest to ``position`` (e.g. an event trigger), preferring one with a value."""
    if not dates:
        return None

    def distance(d: DateRef) -> tuple[int, int]:
        if d.start <= position < d.end:
            return (0, d.start)
        return (min(abs(d.start - position), abs(d.end - position)), d.start)

    valued = [d for d in dates if d.value is not None]
    return min(valued or dates, key=distance)


_DATELINE_HEAD = re.compile(
    r"^(?P<place>[A-ZÀ-Ý][\w.'’ -]{1,40}?),\s*(?P<when>[^()\n—–]{3,40}?)\s*(?P<agency>\([^)\n]{1,30}\))?\s*(?:--|—|–|-)\s")


_DATELINE_BRACKETED = re.compile(r"^\((?P<place>[A-ZÀ-Ý][\w.'’ -]{1,30}(?:, [A-ZÀ-Ý][\w.'’ -]{1,30}){0,3}),\s*"
                                 r"(?P<when>[^()\n]{3,30})\)\.?\s")


def dateline_date(text: str, lang: str, published: date | None) -> DateRef | None:
    """The date a dateline gives the story ("BRUSSELS, April 13 (Reuters) -", "BEYROUTH, 6 août (Reuters) -",
    "(Paris, Rome, 10.03.2023)."), read from the first lines of the article."""
    for line in [line for line in text.splitlines() if line.strip()][:3]:
        bracketed = _DATELINE_BRACKETED.match(line)
        if bracketed is not None:
            found = [d for d in find_dates(bracketed["when"], lang, published) if d.value is not None]
            if found and found[0].precision == "day":
                ref, offset = found[0], text.find(line) + bracketed.start("when")
                return DateRef(ref.value, ref.text, ref.precision, ref.start + offset, ref.end + offset)
        match = _DATELINE_HEAD.match(line)
        if match is None or len(match["place"].split()) > 4:
            continue
        letters = [c for c in match["place"] if c.isalpha()]
        if not (match["agency"] or all(c.isupper() for c in letters)):
            continue  # "PARIS, 3 mai -" or "Paris, 3 mai (AFP) -", not an opening clause
        found = [d for d in find_dates(match["when"], lang, published) if d.value is not None]
        if found:
            ref = found[0]
            offset = text.find(line) + match.start("when")
            return DateRef(ref.value, ref.text, ref.precision, ref.start + offset, ref.end + offset)
    return None
