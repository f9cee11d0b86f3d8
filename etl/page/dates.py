"""Calendar dates in the forms and languages news pages print them.

Spans that have the shape of a date (ISO, numeric, CJK, a month word between numbers) are
found with a few language-independent patterns, then read with dateparser's locale data: the
month names of the page's language and English, and that locale's order of day and month for
all-numeric dates ("06/01/2026" is 6 January on a German page, June 1 on an American one).
Spans the fast reading cannot place go to dateparser itself.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from etl import lexicon
from etl.limits import MAX_PUBLISHED, MIN_PUBLISHED
from etl.page.memo import text_cache

_MIN_DAY = dt.date.fromisoformat(MIN_PUBLISHED)
_MAX_DAY = dt.date.fromisoformat(MAX_PUBLISHED)
_MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# "Published", "Updated" in every language of the lexicon, lowercased prefixes.
PUBLISHED_WORDS = lexicon.words("published_words")
UPDATED_WORDS = lexicon.words("updated_words")


def _combining_marks() -> str:
    """The Basic Multilingual Plane's combining marks as a character class's ranges: Indic,
    Thai and Arabic month names are written with vowel signs `re`'s \\w leaves out
    ("सितंबर")."""
    marks = [c for c in range(0x10000) if unicodedata.category(chr(c)) in ("Mn", "Mc", "Me")]
    ranges, start = [], marks[0]
    for previous, code in zip(marks, marks[1:] + [-1], strict=True):
        if code != previous + 1:
            last = f"-\\u{previous:04x}" if previous > start else ""
            ranges.append(f"\\u{start:04x}{last}")
            start = code
    return "".join(ranges)


_WORD = rf"(?:[^\W\d_]|[{_combining_marks()}]){{3,12}}\.?"
_FORMS = {
    "iso": r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<s>[-/.])(?P<m>[01]?\d)(?P=s)(?P<d>[0-3]?\d)(?!\d)",
    "cjk": r"(?P<y>(?:19|20)\d{2})\s*[年년]\s*(?P<m>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]",
    "numeric": r"(?<![\d.])(?P<a>[0-3]?\d)(?P<s>[./-])(?P<b>[0-3]?\d)(?P=s)(?P<y>(?:19|20)?\d{2})"
    r"(?![\d])",
    # "28. 4. 2023", "31. 10. 2025": day, month and year with a space after each dot
    "spaced": r"(?<![\d.])(?P<d>[0-3]?\d)\.\s(?P<m>[01]?\d)\.\s(?P<y>(?:19|20)\d{2})(?!\d)",
    "day_month": rf"(?<!\d)(?P<d>[0-3]?\d)(?:\.|st|nd|rd|th|er|º)?\s+(?:de\s+|of\s+)?"
    rf"(?P<mon>{_WORD})\s*,?\s+(?:de\s+)?(?P<y>(?:19|20)\d{{2}})(?!\d)",
    "month_day": rf"(?P<mon>{_WORD})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\.?,?\s+"
    rf"(?P<y>(?:19|20)\d{{2}})(?!\d)",
}
_PATTERNS = {name: re.compile(form, re.I) for name, form in _FORMS.items()}
# One alternation for finding; group names may not repeat in it, so they are dropped there.
DATE_PATTERN = re.compile(
    "|".join(
        f"(?:{re.sub(r'[(][?]P<[a-z]+>', '(?:', re.sub(r'[(][?]P=s[)]', '[-/.]', form))})"
        for form in _FORMS.values()
    ),
    re.I,
)
_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}\b")
# A clock time right after a date that opens a line ("Monday 18 May 2026 7:45 am PST by Jane
# Roe"), with its seconds, its meridiem and an upper-case zone (case-sensitive: "by" stays).
_LEADING_TIME = re.compile(
    r"^[\s,|·•-]*(?:\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[aApP]\.?[mM]\.?)?(?:\s+[A-Z]{2,4}\b)?)?"
    r"[\s,|·•-]*"
)
_DIGIT = re.compile(r"\d")


def first_date(text: str) -> re.Match[str] | None:
    """The first span DATE_PATTERN finds (every date form has a digit: checked first)."""
    return DATE_PATTERN.search(ascii_digits(text)) if _DIGIT.search(text) else None


def ascii_digits(text: str) -> str:
    """Digits of every script as 0-9 ("٢٠٢٦" is 2026), one character for one: spans found in
    the result are spans of the text."""
    return text if text.isascii() else text.translate(_digit_table())


@lru_cache(maxsize=1)
def _digit_table() -> dict[int, str]:
    return {
        code: str(unicodedata.decimal(chr(code)))
        for code in range(0x10000)
        if unicodedata.category(chr(code)) == "Nd" and not chr(code).isascii()
    }


def mostly_date(text: str) -> bool:
    """A date is at least half of the text ("Wednesday, 03 Dec 2025"): the text is a date,
    not a headline or a name."""
    date = first_date(text)
    return date is not None and len(text) - (date.end() - date.start()) <= len(text) / 2


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    iso: str  # YYYY-MM-DD


def find_dates(text: str, language: str | None = None) -> list[DateMention]:
    """Every readable date in text, in order, with its character span."""
    found = []
    for match in DATE_PATTERN.finditer(ascii_digits(text)):
        iso = read_date(match.group(0), language)
        if iso is not None:
            found.append(DateMention(match.start(), match.end(), iso))
    return found


def parse_date(text: str, language: str | None = None) -> str | None:
    """The first valid date in text as 'YYYY-MM-DD', or None."""
    found = find_dates(text, language)
    return found[0].iso if found else None


def iso_date(value: str | None, language: str | None = None) -> str | None:
    """A date field's value ('2024-07-17T11:21:03+01:00', '17.07.2024', 'July 17, 2024') as
    'YYYY-MM-DD': the date as written, in the time zone it was written in."""
    if not value:
        return None
    value = value.strip()[:80]
    # Statements are short; one the patterns cannot read ("Fri Apr 28 19:20:36 CEST 2023")
    # goes to dateparser whole.
    return parse_date(value, language) or _dateparser(value, language)


@text_cache(maxsize=8192)
def read_date(fragment: str, language: str | None = None) -> str | None:
    """A span found by DATE_PATTERN as 'YYYY-MM-DD', or None if it is no valid date."""
    for name, pattern in _PATTERNS.items():
        match = pattern.fullmatch(fragment)
        if match is None:
            continue
        parts = match.groupdict()
        year = _year(parts["y"])
        if name in ("iso", "cjk", "spaced"):
            candidates = [(int(parts["m"]), int(parts["d"]))]
        elif name == "numeric":
            candidates = _numeric_order(int(parts["a"]), int(parts["b"]), parts["s"], language)
        else:
            month = month_number(parts["mon"], language)
            if month is None:
                return _dateparser(fragment, language)
            candidates = [(month, int(parts["d"]))]
        for month, day in candidates:
            parsed = _valid(year, month, day)
            if parsed is not None:
                return parsed
        return None
    return None


def _year(text: str) -> int:
    if len(text) == 4:
        return int(text)
    two = int(text)  # '27.04.24': this century unless that is in the future
    return 2000 + two if 2000 + two <= dt.date.today().year + 1 else 1900 + two


def _numeric_order(a: int, b: int, separator: str, language: str | None) -> list[tuple[int, int]]:
    """(month, day) readings of 'a/b/year', the locale's order first."""
    if a > 12:
        return [(b, a)]
    if b > 12:
        return [(a, b)]
    # Dotted dates are day-first everywhere they are written; slashes follow the locale.
    month_first = separator != "." and date_order(language).index("M") < date_order(language).index(
        "D"
    )
    return [(a, b), (b, a)] if month_first else [(b, a), (a, b)]


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        day_ = dt.date(year, month, day)
    except ValueError:
        return None
    return day_.isoformat() if _MIN_DAY <= day_ <= _MAX_DAY else None


@lru_cache(maxsize=64)
def _locale(language: str | None):
    from dateparser.languages.loader import default_loader

    try:
        return default_loader.get_locale(language or "en")
    except (ValueError, KeyError):
        return default_loader.get_locale("en")


@lru_cache(maxsize=64)
def date_order(language: str | None) -> str:
    """'DMY', 'MDY' or 'YMD': how the locale writes all-numeric dates."""
    return _locale(language).info.get("date_order") or "DMY"


@lru_cache(maxsize=64)
def _month_names(language: str | None) -> dict[str, int]:
    names: dict[str, int] = {}
    for code in dict.fromkeys([language or "en", "en"]):
        info = _locale(code).info
        for number, key in enumerate(_MONTH_KEYS, start=1):
            for name in info.get(key, []):
                names.setdefault(name.casefold().rstrip("."), number)
    return names


def month_number(word: str, language: str | None = None) -> int | None:
    return _month_names(language).get(word.casefold().rstrip("."))


@lru_cache(maxsize=64)
def date_words(language: str | None = None) -> frozenset[str]:
    """Month and weekday names of the language and English, lowercased: words that end a
    name in a byline ("Jen Mills Jul 17")."""
    months = (w for w in _month_names(language) if len(w) >= 3)
    return frozenset(months) | weekday_words(language)


@lru_cache(maxsize=64)
def weekday_words(language: str | None = None) -> frozenset[str]:
    """Weekday names of the language and English, lowercased (three letters or more)."""
    words = set()
    for code in dict.fromkeys([language or "en", "en"]):
        info = _locale(code).info
        for key in _WEEKDAY_KEYS:
            words.update(name.casefold().rstrip(".") for name in info.get(key, []))
    return frozenset(w for w in words if len(w) >= 3)


def has_time(text: str) -> bool:
    return bool(_TIME.search(text))


def after_leading_date(text: str) -> str:
    """The text after a date (and its weekday and time) that opens it: "Monday 18 May 2026
    7:45 am by Jane Roe" is a byline as "By Jane Roe, 18 May 2026" is. The text itself when
    no date opens it or nothing follows the date."""
    date = first_date(text)
    if date is None:
        return text
    weekdays = weekday_words()
    before = text[: date.start()].replace(",", " ").split()
    if any(word.casefold().strip(".") not in weekdays for word in before):
        return text
    rest = _LEADING_TIME.sub("", text[date.end() :], count=1)
    return rest or text


@text_cache(maxsize=4096)
def _dateparser(fragment: str, language: str | None) -> str | None:
    from dateparser.date import DateDataParser

    languages = list(dict.fromkeys([language or "en", "en"]))
    try:
        parser = DateDataParser(
            languages=languages, settings={"REQUIRE_PARTS": ["day", "month", "year"]}
        )
        parsed = parser.get_date_data(fragment).date_obj
    except (ValueError, KeyError, TypeError):
        return None
    return _valid(parsed.year, parsed.month, parsed.day) if parsed else None
