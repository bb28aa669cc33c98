"""Clean stage: normalized text, split into paragraphs, without duplicates, captions and boilerplate.

Every removal is recorded (``CleanText.removed``), so an analyst can see what was left out.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from .errors import EmptyArticleError
from .records import CleanText, Removal

log = logging.getLogger(__name__)

PARAGRAPH_SEPARATOR = "\n\n"
SHORT_PARAGRAPH = 300  # a caption is short; longer paragraphs only lose the credit
LINK_TITLE = 160  # after a "read also" marker, paragraphs this short are link titles
CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode category Cc, less tab and newline
MOJIBAKE = re.compile(r"Ã[\x80-\xbf©¨ª«´¢§®¯¹]|â€[™œ\x9d\x93\x94¦]")


@dataclass(slots=True, frozen=True)
class BoilerplateRule:
    kind: str
    where: str
    pattern: re.Pattern[str]


@cache
def boilerplate_rules() -> tuple[BoilerplateRule, ...]:
    rows = _tsv_rows("boilerplate.tsv")
    return tuple(BoilerplateRule(kind, where, re.compile(r"\s*" + pattern, re.IGNORECASE))
                 for kind, where, pattern, *_ in rows)


@cache
def caption_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((where, re.compile(pattern, re.IGNORECASE)) for where, pattern, *_ in _tsv_rows("captions.tsv"))


def _tsv_rows(name: str) -> list[list[str]]:
    text = (files("chronique") / "data" / "clean" / name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def normalize(text: str) -> str:
    """NFC, repaired UTF-8-read-as-Latin-1, unified line ends, no control characters."""
    if MOJIBAKE.search(text):
        try:
            text = text.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return CONTROL_CHARS.sub("", text)


def split_paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; where there are none, every line is a paragraph."""
    blocks = re.split(r"\n[ \t\u00a0]*\n", text) if re.search(r"\n[ \t\u00a0]*\n", text) else text.split("\n")
    # Inside a block, a line that closes a sentence ends a paragraph; other line breaks are hard wraps.
    blocks = [part for block in blocks for part in re.split(r"(?<=[.!?»”\")])[ \t\u00a0]*\n", block)]
    blocks = [line for block in blocks for line in ([block] if _hard_wrapped(block) else block.split("\n"))]
    paragraphs = []
    for block in blocks:
        joined = re.sub(r"[ \t\u00a0]*\n[ \t\u00a0]*", " ", block.strip())
        joined = re.sub(r"[ \t]{2,}", " ", joined)
        if joined:
            paragraphs.append(joined)
    return paragraphs


WRAP_WIDTH = 100  # no line of a hard-wrapped paragraph is longer
WRAP_EVENNESS = 0.7  # every line of it but the last is at least this share of its longest


def _hard_wrapped(block: str) -> bool:
    """Whether the line breaks inside a block are a fixed-width wrap (lines of about the same length) rather than
    lines of their own: a byline, a date, a subtitle and a first sentence one under the other are not one
    paragraph."""
    lengths = [len(line.strip()) for line in block.strip().split("\n")]
    if len(lengths) < 2:
        return True
    widest = max(lengths)
    return widest <= WRAP_WIDTH and all(n >= WRAP_EVENNESS * widest for n in lengths[:-1])


def _fingerprint(paragraph: str) -> str:
    return re.sub(r"\W+", " ", paragraph.casefold()).strip()


def clean(text: str, title: str | None = None) -> CleanText:
    paragraphs = split_paragraphs(normalize(text))
    removed: list[Removal] = []
    kept: list[str] = []
    seen: set[str] = set()
    tail_cut = False
    for index, paragraph in enumerate(paragraphs):
        if tail_cut:
            if len(paragraph) <= LINK_TITLE:
                removed.append(Removal("boilerplate", paragraph))
                continue
            tail_cut = False
        fingerprint = _fingerprint(paragraph)
        if not fingerprint:
            continue
        if fingerprint in seen or (index == 0 and title and fingerprint == _fingerprint(title) and len(paragraphs) > 1):
            removed.append(Removal("duplicate", paragraph))
            continue
        seen.add(fingerprint)
        rule = next((r for r in boilerplate_rules() if r.pattern.match(paragraph)), None)
        if rule is not None:
            removed.append(Removal(rule.kind, paragraph))
            tail_cut = rule.where == "tail"
            continue
        paragraph = _strip_caption(paragraph, removed)
        if paragraph:
            kept.append(paragraph)
    if not kept:
        raise EmptyArticleError("no article text left after cleaning" if paragraphs else "article is empty")
    spans, offset = [], 0
    for paragraph in kept:
        spans.append((offset, offset + len(paragraph)))
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return CleanText(PARAGRAPH_SEPARATOR.join(kept), spans, removed)


def _strip_caption(paragraph: str, removed: list[Removal]) -> str:
    for where, pattern in caption_patterns():
        match = pattern.search(paragraph)
        if match is None:
            continue
        if where == "inline":
            removed.append(Removal("caption", match.group(0).strip()))
            paragraph = (paragraph[: match.start()] + paragraph[match.end():]).strip()
            continue
        if len(paragraph) <= SHORT_PARAGRAPH:
            removed.append(Removal("caption", paragraph))
            return ""
        removed.append(Removal("caption", match.group(0).strip()))
        return paragraph[: match.start()].rstrip()
    return paragraph
