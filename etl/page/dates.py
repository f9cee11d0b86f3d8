"""Explicit calendar dates in the forms news pages print them."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_FORMS = [
    rf"\b{_YEAR}[-/.](?P<m>[01]?\d)[-/.](?P<d>[0-3]?\d)(?!\d)",  # also 2021-06-28T10:00Z
    rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",
    rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b",
    rf"\b(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)[/.]{_YEAR}\b",
]
# One alternation for searching; group names may not repeat in it, so they are dropped there.
_UNNAMED = [re.sub(r"\(\?P<\w+>", "(?:", form) for form in _FORMS]
DATE_PATTERN = re.compile("|".join(f"(?:{form})" for form in _UNNAMED), re.I)
_COMPILED = [re.compile(form, re.I) for form in _FORMS]


def parse_date(text: str) -> str | None:
    """The first valid date in text as 'YYYY-MM-DD', or None."""
    for match in DATE_PATTERN.finditer(text):
        parsed = _parse_match(match.group(0))
        if parsed:
            return parsed
    return None


def _parse_match(fragment: str) -> str | None:
    for pattern in _COMPILED:
        match = pattern.fullmatch(fragment)
        if not match:
            continue
        parts = match.groupdict()
        year = int(parts["year"])
        if parts.get("m"):
            candidates = [(int(parts["m"]), int(parts["d"]))]
        elif parts.get("mon"):
            candidates = [(_MONTHS[parts["mon"].lower()], int(parts["day"]))]
        else:
            a, b = int(parts["a"]), int(parts["b"])
            # Dotted dates are day-first (12.11.2026); slashed ones month-first unless the
            # first number cannot be a month (29/06/2021).
            day_first = parts["sep"] == "." or a > 12
            candidates = [(b, a)] if day_first else [(a, b), (b, a)]
        for month, day in candidates:
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                continue
    return None
