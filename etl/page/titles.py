"""Headline and outlet candidates of a page's text, and the section and copyright holder
printed around them.

A copied page starts with its <title> ("Headline | Section | Site"), prints the visible
headline again above the article, names its sections in menus and its owner in the footer:
candidates come from all of these, features say how headline-like or site-like each is.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right

from etl.lexicon import word_set
from etl.page.characters import capitalised_share
from etl.page.context import (
    MAX_BYLINE_WORDS,
    MAX_DATE_LINE_WORDS,
    MAX_STOPPED_HEADLINE_WORDS,
    MAX_TITLE_WORDS,
    REPORTED,
    Candidate,
    Context,
    has_byline_part,
    short_runs,
    starts_with_by,
    tokens,
)
from etl.page.dates import DATE_PATTERN, first_date, mostly_date
from etl.page.lines import TERMINAL, Line
from etl.page.memo import text_cache
from etl.page.outlets import SITE_SEPARATOR

# A headline has 3 to 30 words and no closing full stop; one line echoes the page title when
# it holds this share of the title's words; header marks are looked for this far below.
TITLE_SHAPE = (3, 30)


ECHO_SHARE = 0.9


# A full stop after these ends a word ("U.S.", "Corp."), not a sentence.
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:Inc|Corp|Ltd|Co|Jr|Sr|St|No)\.$")


NEIGHBOURHOOD = 4


# The body model may take a standfirst for the body's first line: the headline is looked for
# this many lines into the body too.
TITLE_SLACK = 2


# Three short lines in a row are a menu; a section named in one is the menu's, not the
# article's.
MENU_RUN = 3


SECTION_WORDS = word_set("section_words")
# What a section label adds to its section's name ("World News", "Politik & Wirtschaft").
_SECTION_EXTRA = word_set("section_extras") | {"&", "-"}


_COMMA = re.compile(r",\s+")


def title_candidates(context: Context) -> list[Candidate]:
    lines = context.lines
    first = _page_titletokens(lines[0])
    found = []
    reach = context.reach()
    marks = header_marks(context)
    shaped = [
        line.index
        for line in lines[:reach]
        if TITLE_SHAPE[0] <= line.words <= TITLE_SHAPE[1] and not _full_stop(line.text)
    ]
    # The headline is printed above the article; below its start only when nothing above is.
    above = [line for line in lines[: context.body_start + TITLE_SLACK] if _title_line(line)]
    for line in above or [line for line in lines[:reach] if _title_line(line)]:
        features = context.common(line.index) | _title_shape(line.text, first)
        features["first_line"] = float(line.index == 0)
        features.update(_neighbourhood(context, line.index, marks, shaped))
        found.append(Candidate(line.index, line.text, features))
    echoed = any(c.features["in_first"] >= ECHO_SHARE and c.line > 0 for c in found)
    variants = _first_line_variants(context, first)
    for candidate in found + variants:
        candidate.features["first_echoed"] = float(echoed)
    return found + variants


def _title_line(line: Line) -> bool:
    if _lead_sentence(line):
        return False
    return 1 <= line.words <= MAX_TITLE_WORDS and _may_be_title(line.text, line)


def _lead_sentence(line: Line) -> bool:
    """A line closed by a full stop ("U.S." and "Corp." end words, not sentences) is no
    headline, so that a page that prints none has no title rather than its lead sentence;
    except a short first line: wire services close their headlines with one."""
    if not _full_stop(line.text) or _ABBREVIATION_END.search(line.text) is not None:
        return False
    return line.index > 0 or line.words > MAX_STOPPED_HEADLINE_WORDS


def _full_stop(text: str) -> bool:
    return text.endswith(".") and not text.endswith("..")


def _page_titletokens(first: Line) -> list[str]:
    """The words of the page's title line, which a copied page starts with; none when the
    first line is a section label, a date or a menu item rather than a title."""
    if first.words < TITLE_SHAPE[0] or not _may_be_title(first.text, first):
        return []
    return tokens(first.text)


def header_marks(context: Context) -> tuple[set[int], set[int]]:
    """Lines of the header zone that print a date, and lines that open with a by-word: a
    headline sits above them (read once a page: the title and byline candidates use them)."""
    if context.marks is None:
        dated, bylined = set(), set()
        for line in context.lines[: context.reach()]:
            text = line.text
            if line.words <= MAX_DATE_LINE_WORDS and first_date(text):
                dated.add(line.index)
            if line.words <= MAX_BYLINE_WORDS and starts_with_by(line.text):
                bylined.add(line.index)
        context.marks = (dated, bylined)
    return context.marks


def _neighbourhood(
    context: Context, index: int, marks: tuple[set[int], set[int]], shaped: list[int]
) -> dict[str, float]:
    dated, bylined = marks
    below = range(index + 1, index + 1 + NEIGHBOURHOOD)
    following = [context.lines[i] for i in below if i < len(context.lines)]
    later_shaped = bisect_left(shaped, context.body_start) - bisect_right(shaped, index)
    return {
        "date_below": float(any(i in dated for i in below)),
        "byline_below": float(any(i in bylined for i in below)),
        "sentence_below": float(
            bool(following) and following[0].text.endswith(TERMINAL) and following[0].words >= 8
        ),
        "shaped_after": math.log1p(max(later_shaped, 0)),
    }


def _first_line_variants(context: Context, first: list[str]) -> list[Candidate]:
    """The first line (a copied page's title: "Headline | Section | Site") without one or two
    trailing segments, or without its leading one."""
    text = context.lines[0].text
    if _lead_sentence(context.lines[0]) or not _may_be_title(text, context.lines[0]):
        return []  # a lead sentence's clauses are no headline either
    segments = segments_of(text)  # "Headline, Site, 26.04.2024": commas, when nothing else does
    if len(segments) < 2:
        return []
    variants = []
    for cut in (1, 2, 3):
        if len(segments) > cut:
            head = _rejoin(text, segments[: len(segments) - cut])
            variants.append((head, segments[len(segments) - cut], f"strip_{cut}"))
    variants.append((_rejoin(text, segments[1:]), segments[0], "strip_lead"))
    found = []
    for head, site, kind in variants:
        if len(head.split()) < 2 or not _may_be_title(head):
            continue
        features = context.common(0) | _title_shape(head, first)
        features.update(first_line=1.0, **{kind: 1.0})
        features["site_words"] = math.log1p(len(site.split()))
        # What is cut off opens in lower case: a clause ("Pier to reopen, council says"),
        # seldom a site's name.
        features["site_lower"] = float(site.strip()[:1].islower())
        found.append(Candidate(0, head, features, stripped=site.strip()))
    return found


def _may_be_title(text: str, line: Line | None = None) -> bool:
    """A headline is none of the page's furniture: no line a boilerplate rule names (a
    dateline, a byline, a share bar), no bare date, no credit ("...reports Coast Post")."""
    if line is not None and line.category is not None:
        return False
    return _unlike_furniture(text)


@text_cache(maxsize=65536)  # a site's menu items are read on each of its pages
def _unlike_furniture(text: str) -> bool:
    if REPORTED.search(text):
        return False
    if is_section_label(text):
        return False  # "Local News", "Wirtschaft": the section's label above the headline
    return not mostly_date(text)


def is_section_label(text: str) -> bool:
    """Only section words: "Local News", "Wirtschaft", "Sport"."""
    words = [w.casefold().strip(".,:;|") for w in text.split()]
    return bool(words) and all(w in SECTION_WORDS or w in _SECTION_EXTRA for w in words)


def headline_line(context: Context, title: Candidate) -> int:
    """Where the headline is printed: the title's own line, unless that is the page's first
    line (its <title>) and a later line repeats it, as the visible headline does."""
    if title.line != 0:
        return title.line
    wanted = set(tokens(title.text))
    best, best_share = 0, ECHO_SHARE
    for line in context.lines[1 : context.reach()]:
        found = set(tokens(line.text))
        if found and wanted:
            share = len(found & wanted) / max(len(found), len(wanted))
            if share >= best_share:
                best, best_share = line.index, share
    return best


def segments_of(text: str) -> list[str]:
    """A title line's segments: at site separators, else at commas."""
    separated = _separated(text)
    if len(separated) >= 2:
        return separated
    return [s.strip() for s in _COMMA.split(text) if s.strip()]


def cut_at_commas(text: str) -> bool:
    """Whether segments_of cuts this line at commas: its site separators cut no two segments."""
    return len(_separated(text)) < 2


def _separated(text: str) -> list[str]:
    return [s.strip() for s in SITE_SEPARATOR.split(text) if s and s.strip()]


def _rejoin(text: str, segments: list[str]) -> str:
    first, last = segments[0].strip(), segments[-1].strip()
    start = text.find(first)
    end = text.rfind(last) + len(last)
    return text[start:end].strip(" |-–—:")


def _title_shape(text: str, first: list[str]) -> dict[str, float]:
    words_found = _token_set(text)
    shared = len(words_found & set(first))
    return _text_shape(text) | {
        "in_first": shared / len(words_found) if words_found else 0.0,
        "first_in": shared / len(set(first)) if first else 0.0,
    }


@text_cache(maxsize=65536)
def _token_set(text: str) -> frozenset[str]:
    return frozenset(tokens(text))


@text_cache(maxsize=65536)  # a site's menu items are read on each of its pages
def _text_shape(text: str) -> dict[str, float]:
    """The title features of a text alone (callers copy the dict, never change it)."""
    return {
        "chars": math.log1p(len(text)),
        # Outside the headline's shape (TITLE_SHAPE): none of the 211 development titles is
        # closed by a full stop or runs past 30 words; an article's first sentence often is
        # both, and is the title only where the page prints nothing else.
        "full_stop": float(_full_stop(text)),
        "over_long": float(len(text.split()) > TITLE_SHAPE[1]),
        "question": float(text.endswith(("?", "!"))),
        "colon_end": float(text.endswith(":")),
        "capitalised": capitalised_share(text),
        "all_caps": float(text.isupper()),
        "separator": float(SITE_SEPARATOR.search(text) is not None),
        "digits": sum(map(str.isdigit, text)) / max(len(text), 1),
        "ellipsis": float(text.endswith(("…", "..."))),
        "has_date": float(first_date(text) is not None),
        "credit": float(REPORTED.search(text) is not None),
        # "Funeral, News | Published: 5 hours ago | Written by X": a by-line, no headline
        "byline_part": float(has_byline_part(text)),
    }


def section(lines: list[Line], title_line: int | None, reach: int) -> str | None:
    """A section name printed next to the headline (a kicker above it, a dateline's tail
    below it); never one of a menu's items."""
    if title_line is None:
        near = list(range(reach))
    else:
        near = list(range(title_line + 1, min(reach, title_line + 4)))
        near += list(range(title_line - 1, max(-1, title_line - 4), -1))
    runs = short_runs(lines[:reach])
    for index in near:
        if runs[index] >= MENU_RUN:
            continue
        text = DATE_PATTERN.sub(" ", lines[index].text)
        words = [w for w in re.split(r"[\s>/»|•·,]+", text) if w and w.casefold() != "date"]
        found = [w for w in words if w.casefold() in SECTION_WORDS]
        if found and len(words) <= 3:
            return found[-1].title() if found[-1].islower() else found[-1]
    return None
