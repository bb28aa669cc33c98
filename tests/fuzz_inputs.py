"""Hostile inputs for the fuzz suite (tests/test_fuzz.py) and bench/fuzz.py, drawn from a ``random.Random``:
the same seed gives the same case, so a crash found at scale is replayed by its seed.

Each case is news-like text (actors, acts and dates the pipeline does read) mixed with what breaks readers:
lone surrogates, line and paragraph separators, control and zero-width characters, right-to-left text,
combining marks, huge numbers, extreme publication dates, broken HTML, and JSON Lines lines that are not
well-typed records.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date

KINDS = ("text", "html", "jsonl")

NAMES = ["Russia", "Ukraine", "China", "Kazakhstan", "France", "Iran", "the United Nations", "NATO", "Macron",
         "Vladimir Putin", "Xi Jinping", "Kassym-Jomart Tokaïev", "la Russie", "l'Ukraine", "Poutine", "Pékin",
         "Emmanuel Macron", "the European Union", "l'ONU", "Hamas", "Israel", "the Kremlin", "Moscou", "Kyiv"]
VERBS = ["attacked", "condemned", "met", "signed an agreement with", "accused", "threatened to bomb",
         "praised", "expelled diplomats from", "a rencontré", "a condamné", "a accusé", "menace de bombarder",
         "called on", "will visit", "did not cooperate with", "ne coopérera pas avec", "imposed sanctions on"]
WHEN = ["on Monday", "last Thursday", "next month", "yesterday", "three weeks ago", "jeudi dernier", "le mois prochain",
        "le 31 juillet", "Oct. 13", "on Christmas Eve", "in 2016", "la veille", "10,000 days later", "in 5000 years",
        "le 29 février", "on February 30", "9999-12-31", "0001-01-01"]
ODD = ["\ud800", "\udfff", "\u2028", "\u2029", "\x00", "\x01", "\x0b", "\x1f", "\x7f", "\x85", "\ufeff", "\u200b",
       "\u200d", "\u202e", "\u2066", "\u0301", "\U0001F600", "\ufffd", "\t", "\r", "\n\n", "\u00a0", "\u3000",
       "שלום", "مرحبا", "Привет", "日本", "ǅ", "ß", "İ", "ﬁ", "\U000E0001", "7" * 40, "«", "»", "“", "”", "'", '"',
       "<", ">", "&amp;", "&#0;", "&#xD800;", "\\", "{", "}", "[", "]"]
TAGS = ["p", "div", "article", "script", "style", "h1", "title", "table", "td", "a", "br", "img", "svg", "iframe",
        "noscript", "template", "meta", "figure", "figcaption", "b", "main"]
PUBLISHED = [None, date(2022, 10, 14), date(1, 1, 1), date(1, 1, 3), date(9999, 12, 31), date(9999, 12, 30),
             date(1970, 1, 1), date(2000, 2, 29), date(2024, 12, 31)]
LANGUAGES = [None, "auto", "en", "fr", "de", "", "EN", "fr-FR"]


@dataclass(slots=True)
class Case:
    """One fuzz case: ``kind`` text or html (``body`` a str) or jsonl (``body`` bytes, one record a line)."""

    kind: str
    body: str | bytes
    published: date | None
    language: str | None
    lines: int = 1  # the records the case must give

    def describe(self) -> str:
        return f"{self.kind} {len(self.body)} chars, published={self.published}, language={self.language}"


def sentence(rng: random.Random) -> str:
    words = [rng.choice(NAMES), rng.choice(VERBS), rng.choice(NAMES), rng.choice(WHEN)]
    if rng.random() < 0.5:  # an odd character anywhere, a name's space included
        at = rng.randrange(len(words))
        words[at] = words[at].replace(" ", rng.choice(ODD), 1) if rng.random() < 0.5 else words[at] + rng.choice(ODD)
    if rng.random() < 0.2:
        words.insert(0, rng.choice(["He said:", "« Nous", "“We", "According to", "Selon"]))
    return " ".join(words) + rng.choice([".", "!", "?", "", ". »", ".”", "..."])


def junk(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(ODD) if rng.random() < 0.5 else chr(rng.randrange(32, 0x3000)) for _ in range(size))


def text(rng: random.Random, max_sentences: int = 8) -> str:
    parts = [sentence(rng) for _ in range(rng.randint(0, max_sentences))]
    if rng.random() < 0.3:
        parts.insert(rng.randint(0, len(parts)), junk(rng, rng.randint(1, 60)))
    if rng.random() < 0.1:
        parts.append(rng.choice(NAMES) * rng.randint(1, 40))  # a long run without a space
    separator = rng.choice([" ", "\n", "\n\n", "\u2029", "\r\n", " \u2028 "])
    return separator.join(parts)


def html(rng: random.Random) -> str:
    out = []
    depth = []
    for _ in range(rng.randint(0, 30)):
        roll = rng.random()
        if roll < 0.35:
            tag = rng.choice(TAGS)
            attrs = rng.choice(["", ' class="x"', " onload=alert(1)", ' href="javascript:x"', " lang=ar dir=rtl",
                                ' style="display:none"', ' a="' + junk(rng, 5).replace('"', "") + '"'])
            out.append(f"<{tag}{attrs}>")
            depth.append(tag)
        elif roll < 0.55 and depth:
            out.append(f"</{depth.pop() if rng.random() < 0.8 else rng.choice(TAGS)}>")
        elif roll < 0.9:
            out.append(sentence(rng))
        else:
            out.append(rng.choice(["<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "&", "&#x110000;", "<p",
                                   "</", "<?xml?>", junk(rng, 10)]))
    if rng.random() < 0.5:
        out = ["<html><head><title>", sentence(rng), "</title></head><body>", *out, "</body></html>"]
    return "".join(out)


def record_line(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.08:
        return rng.choice(['{"text": "unterminated', "[1, 2]", "null", "42", '"a string"', "{}", '{"text": }',
                           '{"text": "x", "n": ' + "9" * 4400 + "}", '{"n": ' + "[" * 2000 + "]" * 2000 + "}",
                           '{"text": "\\ud800\\udc00\\ud800"}', '{"text": "a\\u0000b"}', "\ufeff{}", "\x00\x01"])
    record: dict = {}
    if rng.random() < 0.7:
        record["text"] = text(rng)
    if rng.random() < 0.3:
        record["html"] = html(rng)
    for field in ("id", "url", "title", "published", "language"):
        if rng.random() < 0.4:
            record[field] = rng.choice([
                junk(rng, rng.randint(0, 12)), "x", "", None, 123, 1.5, True, [], {"a": 1}, "2022-10-14",
                "0001-01-01", "9999-12-31", "2022-13-45", "fr", "en", "de", "https://example.org/a",
                rng.choice(NAMES)])
    if rng.random() < 0.1:
        record[junk(rng, 3)] = junk(rng, 5)
    return json.dumps(record, ensure_ascii=rng.random() < 0.5)


def case(rng: random.Random, kind: str | None = None) -> Case:
    kind = kind or rng.choice(KINDS)
    published, language = rng.choice(PUBLISHED), rng.choice(LANGUAGES)
    if kind == "text":
        return Case("text", text(rng), published, language)
    if kind == "html":
        return Case("html", html(rng), published, language)
    lines = [record_line(rng) for _ in range(rng.randint(1, 5))]
    body = "\n".join(lines).encode("utf-8", "surrogatepass")
    if rng.random() < 0.1:  # raw bytes that are not UTF-8 in one line
        body += b"\n" + bytes(rng.randrange(1, 256) for _ in range(rng.randint(1, 40))).replace(b"\n", b" ")
        lines.append("")
    return Case("jsonl", body, published, language, lines=sum(1 for line in body.split(b"\n") if line.strip()))


def run_case(pipeline, c: Case) -> list:
    """The case through the library (text, html) or the reader (JSON Lines); its results, in order."""
    from chronique.read import read_bytes

    if c.kind == "jsonl":
        return list(pipeline.run(read_bytes(c.body, "fuzz.jsonl", "jsonl"), published=c.published,
                                 language=c.language))
    return [pipeline.extract_text(c.body, published=c.published, language=c.language, html=c.kind == "html",
                                  source=f"fuzz.{c.kind}")]
