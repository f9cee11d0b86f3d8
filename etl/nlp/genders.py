"""Whom a 'he' or 'she' can stand for: each person's grammatical gender as the article gives it.

No list of first names: an article says it itself. A title or role noun written right before
a name ('Ms Quint', 'Congresswoman Jane Roe') settles it; otherwise the pronouns that follow
a person with no one else named in between ('Okafor said his party ...', 'Reyes left. He ...')
vote, and a person gets the gender most of them give, where they agree at least
_MAJORITY to one. A person the article gives no evidence for has no gender: any pronoun may
stand for them. Words are English, in etl.lexicon.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from etl import lexicon

# Votes of the other gender a person's gender survives: two to one. Set before any figure
# was read, not fitted.
_MAJORITY = 2
# A sentence ends at a full stop, question or exclamation mark (a closing quote after it
# allowed) followed by space, or at a line break.
_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s+|\n")
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _gendered_words() -> tuple[dict[str, str], dict[str, str]]:
    """(pronoun -> gender, title -> gender), genders being 'he' and 'she'."""
    pronouns = dict.fromkeys(lexicon.words("masculine_pronouns"), "he")
    pronouns.update(dict.fromkeys(lexicon.words("feminine_pronouns"), "she"))
    titles = dict.fromkeys(lexicon.words("masculine_titles"), "he")
    titles.update(dict.fromkeys(lexicon.words("feminine_titles"), "she"))
    return pronouns, titles


def person_genders(
    text: str,
    people: Sequence[tuple[int, int, str]],
    quotes: Sequence[tuple[int, int]],
) -> dict[str, str]:
    """Person name -> 'he' or 'she', for the people (start, end, name) of the narration whose
    gender the text gives; quotes are (start, end) spans whose pronouns are the speaker's."""
    pronouns, titles = _gendered_words()
    people = sorted(people)
    by_title: dict[str, Counter] = defaultdict(Counter)
    for start, _, name in people:
        before = _WORD.findall(text[max(0, start - 20) : start])
        if before and before[-1].casefold() in titles:
            by_title[name][titles[before[-1].casefold()]] += 1
    by_pronoun: dict[str, Counter] = defaultdict(Counter)
    sentence_starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
    starts = [p[0] for p in people]
    for word in _WORD.finditer(text):
        gender = pronouns.get(word.group().casefold())
        if gender is None or any(a <= word.start() < b for a, b in quotes):
            continue
        name = _only_person_before(word.start(), people, starts, sentence_starts)
        if name is not None:
            by_pronoun[name][gender] += 1
    names = {name for _, _, name in people}
    found = {name: _decided(by_title[name] or by_pronoun[name]) for name in names}
    return {name: gender for name, gender in found.items() if gender is not None}


def _only_person_before(
    at: int, people: Sequence[tuple[int, int, str]], starts: list[int], sentence_starts: list[int]
) -> str | None:
    """The one person named between the start of the sentence before the one at `at` and
    `at`; None where no one or more than one person is."""
    sentence = bisect_right(sentence_starts, at) - 1
    since = sentence_starts[max(0, sentence - 1)]
    first, last = bisect_right(starts, since - 1), bisect_right(starts, at)
    named = {name for _, end, name in people[first:last] if end <= at}
    return named.pop() if len(named) == 1 else None


def _decided(votes: Counter) -> str | None:
    if not votes:
        return None
    (gender, count), *rest = votes.most_common()
    other = rest[0][1] if rest else 0
    return gender if count >= _MAJORITY * other and count > other else None
