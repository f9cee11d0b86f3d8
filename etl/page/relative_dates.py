"""Publication dates a page gives only relative to when it was read ("Published 1 day ago",
"vor 3 Stunden", "il y a 2 jours"), turned into a day against the file's observed time.

A copied page keeps the wording its site printed at that moment; the file's modification time
(recorded at ingest) is the best witness of that moment there is. Used only where the page
gives no absolute date, only from a line that reads as a dateline (a "published" or "by"
word on it), and never from one that says the page was updated. The day is
that of the observed time minus the amount, in UTC: "5 hours ago" read shortly after midnight
is the day before.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from etl.lexicon import either_word, words
from etl.page.dates import PUBLISHED_WORDS, UPDATED_WORDS

_UNITS = {
    word: unit
    for unit, kind in (
        (dt.timedelta(minutes=1), "minute_words"),
        (dt.timedelta(hours=1), "hour_words"),
        (dt.timedelta(days=1), "day_words"),
        (dt.timedelta(weeks=1), "week_words"),
    )
    for word in words(kind)
}
_UNIT = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
# The amount and its unit, with the language's word for "ago" before or after them.
_AGO = re.compile(
    rf"(?:\b(?P<n1>\d{{1,3}})\s*(?P<u1>{_UNIT})\s+(?:{either_word('ago_after')})\b"
    rf"|\b(?:{either_word('ago_before')})\s+(?P<n2>\d{{1,3}})\s*(?P<u2>{_UNIT})\b)",
    re.IGNORECASE,
)
# "Updated 2 hours ago" says when the page changed, not when it was published. Whole words:
# German "Stand" is not "standard".
_UPDATED = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(w) for w in UPDATED_WORDS) + r")(?!\w)", re.IGNORECASE
)
# A dateline says it: "Published 1 day ago", "By Jane Roe | 3 hours ago". A bare "2 hours
# ago" is as likely a latest-news list's item, and is not read.
_DATELINE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(w) for w in (*PUBLISHED_WORDS, *words("by_words")))
    + r")(?!\w)",
    re.IGNORECASE,
)
# Lines before a text page's body where its dateline may stand, when its title is not found.
HEADER_LINES = 15
# Beyond this, "ago" is a page's archive listing rather than its own date.
MAX_AGO = dt.timedelta(days=31)


def relative_date(lines: Iterable[str], observed: dt.datetime) -> str | None:
    """The ISO day of the first 'N units ago' on a dateline among the lines (the page's
    header), counted back from observed (aware); None if there is none."""
    for line in lines:
        found = _AGO.search(line)
        if found is None or _UPDATED.search(line[: found.start()]) or not _DATELINE.search(line):
            continue
        amount = int(found["n1"] or found["n2"])
        delta = amount * _UNITS[(found["u1"] or found["u2"]).casefold()]
        if delta > MAX_AGO:
            return None
        return (observed.astimezone(dt.UTC) - delta).date().isoformat()
    return None


def header_zone(text: str, title: str | None, first_paragraph: str | None) -> list[str]:
    """The lines of a text page where its dateline stands: from its title's line (else
    HEADER_LINES before the body) to the body's first line. A copied page's menus and lists
    come before it, its related-stories lists after."""
    lines = text.splitlines()
    body_at = _line_of(lines, first_paragraph) if first_paragraph else None
    end = len(lines) if body_at is None else body_at + 1
    title_at = _line_of(lines[:end], title) if title else None
    start = title_at if title_at is not None else max(0, end - HEADER_LINES)
    return lines[start:end]


def _line_of(lines: list[str], text: str) -> int | None:
    """The first line that holds the start of text."""
    needle = text.strip()[:60]
    return next((i for i, line in enumerate(lines) if needle and needle in line), None)
