"""The words news pages and articles print, one file per language.

`<code>.toml` in this folder holds one language's words (ISO 639-1 code) by kind; `KINDS`
below says what each kind is for and who reads it. Modules take a kind's words from here as
the union of every language's: a page's language is often unknown when its lines are read,
and a German page prints English share buttons. Adding a language is adding its file, whose
kinds `tests/unit/test_lexicon.py` checks and reads through the page reader.

Kinds ending in `_patterns` are regular-expression fragments, matched case-insensitively
unless their reader says otherwise; the others are plain lower-case words or phrases.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

KINDS: dict[str, str] = {
    # bylines and people (etl.page.people, etl.page.context)
    "by_words": "words that open a byline ('By', 'Von', 'Text:')",
    "bare_byline_openers": "a by-word a line may hold alone, its name on the next line",
    "byline_openers": "by-words that open a byline only before a capitalised name",
    "writes_for": "'for' in 'Jane Roe for The Lakeport Ledger': where the writer writes",
    "role_words": "roles and desks before or after a byline's name, never a name",
    "honorifics": "academic and courtesy titles before a name ('Dr.')",
    "genre_words": "kinds of piece a by-word may follow ('Analysis by')",
    "indefinite_articles": "articles before a genre word ('A commentary by')",
    "definite_articles": "articles a site's name may start with, left out when names compare",
    "desk_words": "desk words of a credit that names an outlet's staff",
    "org_words": "words that make a name an organisation, desk or outlet",
    "furniture_words": "page furniture and date words that end a byline's name",
    "name_particles": "lower-case particles inside names ('van', 'de')",
    "name_joiners": "'and' between a byline's names",
    "date_prepositions": "'on', 'at' between a byline's name and its date ('Jane Roe on 3/12/26')",
    "person_titles": (
        "titles, offices, jobs and sports roles before a person's name in prose ('Defender Sam"
        " Okafor'): stripped from the name, and a capitalised name after one is a person"
    ),
    # dates (etl.page.dates, etl.page.relative_dates, etl.page.rules)
    "published_words": "'Published' before a page's date",
    "updated_words": "'Updated' before a date that is not the publication's",
    "minute_words": "minutes, as '5 min read' and '5 minutes ago' print them",
    "hour_words": "hours, as '2 hours ago' prints them",
    "day_words": "days, as '1 day ago' prints them",
    "week_words": "weeks, as '2 weeks ago' prints them",
    "ago_after": "'ago' after an amount of time",
    "ago_before": "'ago' before an amount of time ('vor 2 Stunden')",
    "dateline_filler_patterns": "what a dateline prints around its date",
    # sites and sections (etl.page.titles, etl.page.sites, etl.page.context)
    "section_words": "section names a page's section label is made of",
    "section_extras": "words a section label may add ('World News')",
    "rights_words": "starts of words that mark a rights line ('All rights reserved')",
    "copyright_ends": "what ends the holder's name in a copyright line",
    "group_words": "words of a publisher group's name",
    "not_names": "pronouns after 'About' that are not a site's name ('About us')",
    "self_reference_patterns": "what opens a line naming the site itself ('More from')",
    "logo_words": "'logo' after a site's name on a logo's line",
    "credited_by_patterns": "verbs that credit an outlet in prose ('reports')",
    # boilerplate rules (etl.page.rules)
    "related_heading_patterns": "headings of related and latest-news lists",
    "also_read_patterns": "'ALSO READ:' before a link",
    "comment_patterns": "comment prompts and counts",
    "newsletter_verb_patterns": "'sign up' in a newsletter prompt",
    "newsletter_object_patterns": "what a newsletter prompt offers ('newsletters')",
    "newsletter_heading_patterns": "a newsletter box's heading",
    "newsletter_needs": "substrings one of which a newsletter prompt holds",
    "source_heading_patterns": "'Source' before a source link",
    "navigation_patterns": "'Previous', 'Next' between articles",
    "navigation_objects": "what 'Previous' and 'Next' may name ('article')",
    "to_top_patterns": "'Back to top'",
    "tag_label_patterns": "'Tags:' before a page's topics",
    "advertisement_patterns": "advertisement markers",
    "footer_patterns": "footer lines (rights, privacy, imprint)",
    "footer_needs": "substrings one of which a footer line holds (with © and 'copyright')",
    "reading_time_labels": "'Reading time:' before minutes",
    "read_words": "'read' after minutes ('5 min read')",
    "picture_words": "words that open a picture credit ('Photo:')",
    "credit_words": "'credit' after a picture word",
    "credit_patterns": "other forms of a picture credit",
    "caption_credit_words": "words inside a caption's bracketed credit ('(AP Photo/...)')",
    "author_bio_patterns": "an author's note after the article (case-sensitive)",
    "cookie_notice_patterns": "cookie notices",
    "cookie_notice_needs": "substrings one of which a cookie notice holds",
    "share_words": "words a share bar is made of",
    "share_verbs": "'share': one of them makes such words a share bar",
    # gender and name types in English prose (etl.nlp.genders, etl.nlp.entities)
    "masculine_pronouns": "pronouns that refer back to a man",
    "feminine_pronouns": "pronouns that refer back to a woman",
    "masculine_titles": "titles and role nouns right before a man's name",
    "feminine_titles": "titles and role nouns right before a woman's name",
    # English names only (Romance names put the head first); only words that are no one's
    # surname and no place's last word: 'Bank' (West Bank), 'Union', 'Lake', 'Park' are left
    # to the model
    "facility_heads": "a name's last word that makes it a structure ('Kessler Bridge')",
    "organisation_heads": "a name's last word that makes it an organisation ('Authority')",
}
FILE_SUFFIX = ".toml"


@cache
def languages() -> tuple[str, ...]:
    """The languages with a file here, English first, then by code (so a union's order, and the
    regular expressions built from it, do not change when a language is added)."""
    codes = sorted(
        entry.name.removesuffix(FILE_SUFFIX)
        for entry in resources.files(__name__).iterdir()
        if entry.name.endswith(FILE_SUFFIX)
    )
    return tuple(sorted(codes, key=lambda code: code != "en"))


@cache
def of_language(language: str) -> dict[str, tuple[str, ...]]:
    """One language's words by kind."""
    text = resources.files(__name__).joinpath(language + FILE_SUFFIX).read_text("utf-8")
    kinds = tomllib.loads(text)
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise ValueError(f"{language}{FILE_SUFFIX}: kinds not in etl.lexicon.KINDS: {unknown}")
    return {kind: tuple(words) for kind, words in kinds.items()}


@cache
def words(kind: str) -> tuple[str, ...]:
    """Every language's words of a kind, each once, English first."""
    if kind not in KINDS:
        raise KeyError(f"{kind} is not a kind of etl.lexicon.KINDS")
    return tuple(
        dict.fromkeys(word for code in languages() for word in of_language(code).get(kind, ()))
    )


@cache
def word_set(kind: str) -> frozenset[str]:
    return frozenset(words(kind))


def either(kind: str) -> str:
    """A pattern kind's fragments as one alternation (a group for the caller to wrap)."""
    return "|".join(words(kind))


def either_word(kind: str) -> str:
    """A word kind's words as one alternation of literal text, longest first (so a word is
    not cut short by a shorter one it starts with)."""
    return "|".join(re.escape(word) for word in sorted(words(kind), key=len, reverse=True))
