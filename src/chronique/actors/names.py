"""Name keys that survive transliteration: "Tokaïev" and "Tokayev" are one person."""
from __future__ import annotations

import re
import unicodedata

TITLES = frozenset({
    "m", "m.", "mme", "mmes", "mlle", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "messieurs", "madame",
    "monsieur", "mm.", "pr", "pr.",
})
PARTICLES = frozenset({"de", "du", "des", "la", "le", "van", "von", "der", "al", "el", "bin", "ben", "ibn", "da", "di"})


def strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lowercase, no diacritics, apostrophes and dashes unified."""
    if text.isascii():
        return text.casefold().replace("`", "'")
    text = strip_accents(text).casefold()
    return re.sub(r"[’'`´]", "'", text).replace("–", "-").replace("‐", "-")


_SOUNDS = {"zh": "i", "dj": "i", "kh": "h", "tch": "ch", "sch": "ch", "sh": "ch", "ou": "u", "y": "i", "j": "i",
           "w": "v", "ph": "f", "ck": "k", "dz": "z", "ts": "z"}
_SOUND = re.compile("|".join(sorted(_SOUNDS, key=len, reverse=True)))
_DOUBLE = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[^a-z]")


def skeleton(word: str) -> str:
    """A transliteration-insensitive key for one name word (Tokaïev/Tokayev, Zelensky/Zelenskyy/Zelenski)."""
    w = _NOT_LETTER.sub("", fold(word))
    w = _DOUBLE.sub(r"\1", _SOUND.sub(lambda m: _SOUNDS[m.group(0)], w))
    return w.rstrip("e") if len(w) > 4 else w


def name_words(name: str) -> list[str]:
    """The words of a person's name, without titles."""
    words = [w for w in re.split(r"[\s\-]+", name.strip()) if w]
    while words and fold(words[0]) in TITLES:
        words = words[1:]
    return words


def person_key(name: str) -> tuple[str, ...]:
    return tuple(skeleton(w) for w in name_words(name) if fold(w) not in PARTICLES and skeleton(w))


def strip_title(name: str) -> str:
    words = name.split()
    while words and fold(words[0]) in TITLES:
        words = words[1:]
    return " ".join(words)


def group_phrase(text: str) -> str:
    """A group's name as the text gives it, without its article: "l'armée birmane" -> "armée birmane"."""
    words = text.split()
    if words and fold(words[0]) in ("le", "la", "les", "the", "a", "an", "des", "du", "un", "une"):
        words = words[1:]
    name = " ".join(words)
    for article in ("l'", "l’", "L'", "L’"):
        if name.startswith(article):
            name = name[len(article):]
    return name[:1].upper() + name[1:] if name else text


def same_person(key: tuple[str, ...], other: tuple[str, ...]) -> bool:
    if not key or not other:
        return False
    if key == other:
        return True
    short, long_ = (key, other) if len(key) <= len(other) else (other, key)
    if len(short) == 1:
        return short[0] in long_
    return short[-1] == long_[-1] and short[0] in long_
