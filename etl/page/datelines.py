"""Byline and date candidates of a page's text.

A byline is a line that names people near the headline; a publication date is printed in the
header, on a "Published" line, or under the article. Features say how byline-like or how
publication-like each candidate is.
"""

from __future__ import annotations

import math
import re

from etl.page.context import (
    MAX_BYLINE_WORDS,
    MAX_DATE_LINE_WORDS,
    Candidate,
    Context,
    has_byline_part,
    has_word,
    line_has_people,
    short_runs,
    starts_with_by,
)
from etl.page.dates import PUBLISHED_WORDS, UPDATED_WORDS, DateMention, find_dates, has_time
from etl.page.people import byline_of_line, may_name_people
from etl.page.titles import header_marks

_DIGIT = re.compile(r"\d")

MAX_DATE_CANDIDATES = 60


# Dates printed within this many lines after the body ("20 February, 2024" under the last
# paragraph) are candidates too.
DATE_TAIL = 10


# A byline is a line no rule names, or one the rules call a byline or a dateline; never a
# caption ("Jane Roe (Reuters)") or a related story.
BYLINE_CATEGORIES = (None, "byline", "dateline")


def byline_candidates(context: Context) -> list[Candidate]:
    found = []
    reach = context.reach()
    dated = header_marks(context)[0]
    runs = short_runs(context.lines[:reach])
    for line in context.lines[:reach]:
        if not 1 <= line.words <= MAX_BYLINE_WORDS or line.category not in BYLINE_CATEGORIES:
            continue
        if not may_name_people(line.text):  # most menu items: read no further
            continue
        byline = byline_of_line(line.text)
        if not byline.people:
            continue
        text = line.text
        near = range(max(0, line.index - 2), min(len(context.lines), line.index + 3))
        features = context.common(line.index) | {
            "by_word": float(starts_with_by(text)),
            "date_near": float(any(i in dated for i in near)),
            "short_run": math.log1p(runs[line.index]),
            "people": math.log1p(len(byline.people)),  # logged: a menu of six "names" is no byline
            "credits": math.log1p(len(byline.credits)),
            "name_share": sum(len(p.split()) for p in byline.people) / max(line.words, 1),
            "has_date": float(bool(find_dates(text, context.language))),
            "separator": float(any(s in text for s in ("|", "·", "•", " - "))),
            "byline_category": float(line.category == "byline"),
            "dateline_category": float(line.category == "dateline"),
        }
        features["named_in_body"] = math.log1p(_named_in_body(context, byline.people))
        found.append(Candidate(line.index, "; ".join(byline.people), features))
    return found


def _named_in_body(context: Context, people: tuple[str, ...]) -> int:
    """How often the article names one of the people (by last name, whole words): the people
    an article is about are named in it again and again, its writers on their byline only."""
    surnames = {person.split()[-1].casefold() for person in people if person.split()}
    return sum(context.body_word_count(surname) for surname in surnames if len(surname) > 2)


def credited(context: Context) -> list[str]:
    """Outlets and agencies on the header's by-lines that name no person."""
    found: list[str] = []
    for line in context.lines[: context.reach()]:
        if line.words <= MAX_BYLINE_WORDS and starts_with_by(line.text):
            byline = byline_of_line(line.text)
            if not byline.people:
                found.extend(c for c in byline.credits if c not in found)
    return found


def date_candidates(context: Context) -> list[Candidate]:
    mentions = _date_mentions(context)
    if not mentions:
        return []
    days = [m.iso for _, m in mentions]
    header_days = [m.iso for index, m in mentions if index < context.body_start] or days
    # The date printed nearest the headline is the article's; a masthead's "today" sits
    # further off.
    if context.title_line is not None:
        distances = [abs(index - context.title_line) for index, _ in mentions]
    else:
        distances = [0] * len(mentions)
    found = []
    for rank, (index, mention) in enumerate(mentions):
        text = context.lines[index].text
        features = (
            context.common(index)
            | _date_words(text, mention)
            | {
                "rank": math.log1p(rank),
                "with_time": float(has_time(text[mention.end : mention.end + 12])),
                "date_share": (mention.end - mention.start) / max(len(text), 1),
                "repeated": float(days.count(mention.iso) > 1),
                "latest": float(mention.iso == max(header_days)),
                "earliest": float(mention.iso == min(header_days)),
                "byline_line": float(line_has_people(text)),
                # "By TPN, in News · 31 Jan 2025": a by-line, though it names no person
                "by_line": float(_dated_byline(text)),
                "dateline_category": float(context.lines[index].category == "dateline"),
                "after_body": float(index >= context.body_end),
                "nearest_title": float(distances[rank] == min(distances)),
            }
        )
        found.append(Candidate(index, mention.iso, features))
    return found


def _date_mentions(context: Context) -> list[tuple[int, DateMention]]:
    """(line index, date) printed in the header, under the body, or on a "Published" line
    or a byline ("Von X | 25.04.24") wherever it is."""
    mentions: list[tuple[int, DateMention]] = []
    reach = context.reach()
    tail = context.body_end + DATE_TAIL
    for line in context.lines:
        text = line.text
        if line.words > MAX_DATE_LINE_WORDS or _DIGIT.search(text) is None:
            continue
        in_zone = line.index < reach or context.body_end <= line.index < tail
        if not (in_zone or has_word(text.casefold(), PUBLISHED_WORDS) or _dated_byline(text)):
            continue
        mentions.extend((line.index, m) for m in find_dates(text, context.language))
        if len(mentions) >= MAX_DATE_CANDIDATES:
            break
    return mentions


def _dated_byline(text: str) -> bool:
    """A line with a date and a by-word opening one of its parts ("Do 25.04.24 | Von X")."""
    return _DIGIT.search(text) is not None and has_byline_part(text)


def _date_words(text: str, mention: DateMention) -> dict[str, float]:
    """ "Published" or "Updated" before the date, or anywhere on its line."""
    lowered = text.casefold()
    before = lowered[: mention.start]
    return {
        "published_word": float(has_word(before, PUBLISHED_WORDS)),
        "updated_word": float(has_word(before, UPDATED_WORDS)),
        "published_line": float(has_word(lowered, PUBLISHED_WORDS)),
        "updated_line": float(has_word(lowered, UPDATED_WORDS)),
    }
