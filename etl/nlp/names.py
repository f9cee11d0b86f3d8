"""Comparing names: normalisation and the spelling-variant test shared by the within-article
and the cross-article merging of entities."""

from __future__ import annotations

import unicodedata

from rapidfuzz import fuzz

MIN_NAME_SIMILARITY = 85.0  # full name, after normalisation
MIN_WORD_SIMILARITY = 80.0  # first and last word each, so 'John Smith' is not 'Joan Smith'


def without_accents(text: str) -> str:
    """The text with its accents taken off its letters ('Zoë' -> 'Zoe')."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normal_name(name: str) -> str:
    """Accents, case, dots and a leading 'the' do not distinguish names."""
    plain = without_accents(name).casefold()
    words = plain.replace(".", "").replace("’", "'").split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def name_similarity(normal: str, other: str) -> float:
    return fuzz.ratio(normal, other)


def same_person_spelling(normal: str, other: str) -> bool:
    """'luigi di maio' and 'luigi de maio': full names, the same number of words, close
    overall and in the first and the last word."""
    words, other_words = normal.split(), other.split()
    if len(words) < 2 or len(words) != len(other_words):
        return False
    return (
        fuzz.ratio(normal, other) >= MIN_NAME_SIMILARITY
        and fuzz.ratio(words[0], other_words[0]) >= MIN_WORD_SIMILARITY
        and fuzz.ratio(words[-1], other_words[-1]) >= MIN_WORD_SIMILARITY
    )
