"""The lexicon (etl.lexicon): one file per language, every kind declared and read, and each
language's words doing their work in the readers that take them."""

import datetime as dt
import re
from pathlib import Path

import pytest

from etl import lexicon
from etl.page import rules
from etl.page.people import read_byline
from etl.page.relative_dates import relative_date
from etl.page.titles import is_section_label

LANGUAGES = lexicon.languages()
OBSERVED = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
ETL = Path(lexicon.__file__).parents[1]


def _words(language: str, kind: str) -> tuple[str, ...]:
    return lexicon.of_language(language).get(kind, ())


def test_english_comes_first_and_every_file_is_a_language_code():
    assert LANGUAGES[0] == "en"
    assert all(re.fullmatch(r"[a-z]{2,3}", code) for code in LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_file_holds_known_kinds_of_lower_case_words_and_valid_patterns(language):
    kinds = lexicon.of_language(language)
    assert kinds and set(kinds) <= set(lexicon.KINDS)
    for kind, words in kinds.items():
        assert words and all(isinstance(w, str) and w.strip() for w in words), kind
        if kind.endswith("_patterns"):
            for pattern in words:
                re.compile(pattern)
        else:
            assert all(w == w.lower() for w in words), kind
            # only a substring to search for may end in a space ("get " of "get our")
            assert all(w == w.strip() for w in words) or kind.endswith("_needs"), kind


@pytest.mark.parametrize("kind", sorted(lexicon.KINDS))
def test_every_kind_has_words_and_a_reader(kind):
    assert lexicon.words(kind)
    readers = [
        path
        for path in ETL.rglob("*.py")
        if path.parent.name != "lexicon" and re.search(rf"[\"']{kind}[\"']", path.read_text())
    ]
    assert readers, f"no module of etl/ reads {kind}"


def test_an_unknown_kind_is_an_error():
    with pytest.raises(KeyError):
        lexicon.words("colour_words")


@pytest.mark.parametrize("language", LANGUAGES)
def test_by_words_open_a_byline(language):
    assert read_byline(["Xyzzy: Mara Quint"]).people == ()  # no by-word
    for word in _words(language, "by_words"):
        assert read_byline([f"{word.capitalize()}: Mara Quint"]).people == ("Mara Quint",), word


@pytest.mark.parametrize("language", LANGUAGES)
def test_role_words_are_no_part_of_a_name(language):
    assert read_byline(["Plumber Mara Quint"]).people == ("Plumber Mara Quint",)  # no role
    organisation = lexicon.word_set("org_words")
    for word in _words(language, "role_words"):
        # a desk's word ("Staff", "Redaktion") makes the line a credit, not a person
        expected = () if word in organisation else ("Mara Quint",)
        assert read_byline([f"{word.capitalize()} Mara Quint"]).people == expected, word
        assert read_byline([f"Mara Quint {word.capitalize()}"]).people == expected, word


@pytest.mark.parametrize("language", LANGUAGES)
def test_published_words_date_a_page_and_updated_words_do_not(language):
    assert relative_date(["Xyzzy 2 hours ago"], OBSERVED) is None  # no word of a dateline
    for word in _words(language, "published_words"):
        assert relative_date([f"{word.capitalize()} 2 hours ago"], OBSERVED) == "2026-03-10"
    for word in _words(language, "updated_words"):
        line = f"{word.capitalize()} 2 hours ago"
        assert relative_date([line], OBSERVED) is None, word


@pytest.mark.parametrize("language", LANGUAGES)
def test_time_units_count_back(language):
    days = {"minute_words": 0, "hour_words": 0, "day_words": 3, "week_words": 21}
    for kind, back in days.items():
        for word in _words(language, kind):
            expected = (OBSERVED - dt.timedelta(days=back)).date().isoformat()
            assert relative_date([f"Published 3 {word} ago"], OBSERVED) == expected, word


@pytest.mark.parametrize("language", LANGUAGES)
def test_share_verbs_make_a_share_bar(language):
    assert rules.match("Xyzzy | Facebook") == (None, None)
    for verb in _words(language, "share_verbs"):
        assert rules.match(f"{verb.capitalize()} | Facebook") == ("share", rules.INLINE), verb


@pytest.mark.parametrize("language", LANGUAGES)
def test_section_words_make_a_section_label(language):
    assert not is_section_label("Gardening")
    for word in _words(language, "section_words"):
        assert is_section_label(word.capitalize()), word
