"""What the header models share: a candidate, the page context candidates are read in, and
small text helpers."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from etl.lexicon import either, words
from etl.page.lines import TERMINAL, Line
from etl.page.memo import text_cache
from etl.page.people import byline_of_line

# Candidates are looked for up to this many lines past the body's start (a byline or
# dateline often sits under the first paragraph's photo) and in lines up to this long.
HEADER_REACH = 8


MAX_TITLE_WORDS = 40
# A first line closed by a full stop is a headline up to this many words (wire services close
# their headlines with one), a lead sentence beyond: 99% of the dev sets' 211 gold titles have
# 20 words or fewer; a lead sentence is most often longer.
MAX_STOPPED_HEADLINE_WORDS = 20


MAX_BYLINE_WORDS = 25


MAX_DATE_LINE_WORDS = 30


SHORT_WORDS = 3


_TOKEN = re.compile(r"\w+")

# "... reports Coast Post", "writes Bay Ledger": an outlet credited in the text (the verb in
# lower case, as prose writes it).
REPORTED = re.compile(
    rf"(?:{either('credited_by_patterns')})\s+(?P<outlet>[A-Z][\w&.' -]{{2,40}}?)\s*$"
)


@dataclass(frozen=True)
class Candidate:
    line: int  # index of the line it was read from
    text: str  # the title text, the byline's people joined, or the ISO date
    features: dict[str, float]
    stripped: str | None = None  # site segment removed from a title line


@dataclass
class Context:
    lines: list[Line]
    body_start: int
    body_probability: np.ndarray
    language: str | None
    title_line: int | None = None
    marks: tuple[set[int], set[int]] | None = None  # titles.header_marks, once read

    @cached_property
    def body_end(self) -> int:
        """One past the last line the body model gives even odds of being body."""
        likely = np.flatnonzero(self.body_probability >= 0.5)
        return int(likely[-1]) + 1 if len(likely) else len(self.lines)

    @cached_property
    def body_text(self) -> str:
        """The lines the body model gives even odds of being article text, casefolded."""
        likely = self.body_probability >= 0.5
        return "\n".join(
            line.text.casefold() for line, body in zip(self.lines, likely, strict=False) if body
        )

    def body_word_count(self, word: str) -> int:
        """How often the body text has a (casefolded) word, as a whole word."""
        if word not in self.body_text:  # most words of a page's bylines: no pattern needed
            return 0
        return len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", self.body_text))

    def reach(self) -> int:
        return min(len(self.lines), self.body_start + HEADER_REACH)

    def common(self, index: int) -> dict[str, float]:
        """Position and shape features every field's candidates share."""
        line = self.lines[index]
        offset = index - self.body_start
        title_offset = index - self.title_line if self.title_line is not None else 0
        probability = self.body_probability
        return {
            "position": math.log1p(index),
            "body_offset": signed_log(offset),
            "before_body": float(offset < 0),
            "title_offset": signed_log(title_offset),
            "near_title": float(self.title_line is not None and abs(title_offset) <= 3),
            "words": math.log1p(line.words),
            "terminal": float(line.text.endswith(TERMINAL)),
            "body_probability": float(probability[index]) if len(probability) > index else 0.0,
            "has_category": float(line.category is not None),
        }


_BY_START = re.compile(
    "|".join(re.escape(w) + r"[ :]" for w in sorted(words("by_words"), key=len, reverse=True)),
    re.I,
)


def starts_with_by(text: str) -> bool:
    """The line opens with a by-word ("By ", "Von ", "Text: ")."""
    return _BY_START.match(text) is not None


_LINE_PARTS = re.compile(r"[|·•]")


def has_byline_part(text: str) -> bool:
    """A by-word opens one of the line's parts ("Top Story | Written by X", "25.04.24 | Von
    X")."""
    return any(starts_with_by(part.strip()) for part in _LINE_PARTS.split(text))


def short_runs(lines: list[Line]) -> list[int]:
    """For each line, the length of the run of short lines (up to 3 words) it is in: menus
    and icon rows come in long runs, a byline stands nearly alone."""
    runs = [0] * len(lines)
    start = 0
    for i in range(len(lines) + 1):
        if i == len(lines) or lines[i].words > SHORT_WORDS:
            for j in range(start, i):
                runs[j] = i - start
            start = i + 1
    return runs


def has_word(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def signed_log(value: float) -> float:
    return math.copysign(math.log1p(abs(value)), value)


@text_cache(maxsize=4096)
def line_has_people(text: str) -> bool:
    return bool(byline_of_line(text).people)
