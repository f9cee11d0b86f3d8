"""Per-line shares of kinds of characters (capitals, digits, punctuation, sentence ends),
counted for a whole page at once: features of etl.page.lines and etl.page.titles."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

# The columns character_shares fills, in its order (feature names of etl.page.lines).
CHARACTER_FEATURES = ("capitalised", "digits", "punctuation", "sentences", "uppercase")
SENTENCE_END = re.compile(r"[.!?。！？](\s|$)")
_DIGIT_CHAR, _UPPER_CHAR, _ALPHA_CHAR, _PUNCTUATION_CHAR, _SPACE_CHAR = 1, 2, 4, 8, 16


@lru_cache(maxsize=1)
def _character_classes() -> np.ndarray:
    """Bit flags of every character of the Basic Multilingual Plane, as str's methods and
    `re`'s \\w and \\s see it (looked up for a page's characters at once)."""
    table = np.zeros(0x10000, dtype=np.uint8)
    for code in range(0x10000):
        table[code] = _character_class(chr(code))
    return table


def _character_class(char: str) -> int:
    flags = _DIGIT_CHAR * char.isdigit() | _UPPER_CHAR * char.isupper()
    flags |= _ALPHA_CHAR * char.isalpha() | _SPACE_CHAR * char.isspace()
    if not char.isalnum() and not char.isspace():  # [^\\w\\s]|_
        flags |= _PUNCTUATION_CHAR
    return flags


def character_shares(texts: list[str]) -> np.ndarray:
    """Per line: the share of its letter-initial words that are capitalised, its shares of
    digits and punctuation, its sentence ends (up to 10) and its share of capitals. One
    pass over the page's characters in numpy: per-character Python costs more than the rest
    of a line's features together."""
    joined = "\n".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    classes = _character_classes()[np.minimum(codes, 0xFFFF)]
    beyond = np.flatnonzero(codes > 0xFFFF)  # emoji and rare scripts: looked up one by one
    classes[beyond] = [_character_class(joined[i]) for i in beyond]
    lengths = np.array([len(text) for text in texts])
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
    space = (classes & _SPACE_CHAR) > 0
    initial = ~space & np.concatenate([[True], space[:-1]])

    def per_line(flags: np.ndarray) -> np.ndarray:
        return np.add.reduceat(flags.astype(np.int64), starts)

    alpha_initials = per_line(initial & ((classes & _ALPHA_CHAR) > 0))
    capital = _ALPHA_CHAR | _UPPER_CHAR
    upper_initials = per_line(initial & ((classes & capital) == capital))
    ends = np.zeros(len(codes), dtype=bool)
    ends[[m.start() for m in SENTENCE_END.finditer(joined)]] = True
    length = np.maximum(lengths, 1)
    return np.stack(
        [
            np.divide(
                upper_initials, alpha_initials, out=np.zeros(len(texts)), where=alpha_initials > 0
            ),
            per_line((classes & _DIGIT_CHAR) > 0) / length,
            per_line((classes & _PUNCTUATION_CHAR) > 0) / length,
            np.minimum(per_line(ends), 10),
            per_line((classes & _UPPER_CHAR) > 0) / length,
        ],
        axis=1,
    )


def capitalised_share(text: str) -> float:
    """Share of a text's words starting with a letter that start with a capital."""
    initials = [word[0] for word in text.split() if word[0].isalpha()]
    return sum(map(str.isupper, initials)) / len(initials) if initials else 0.0
