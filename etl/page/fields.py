"""Title, publication date, outlet and authors of an HTML page: what the page states about
itself first, in order of trust, and what its visible text says second; each field with the
source it came from.

Order of trust, per field:
- title: the visible headline (<h1>) where a stored title confirms it (the stored title is
  often the social or SEO one), else the JSON-LD headline, the OpenGraph title, the <title>,
  the first <h1>, the text; site suffixes removed.
- published: JSON-LD datePublished, the publication meta tags, a <time> element, the date in
  the canonical URL, the text.
- outlet: og:site_name, JSON-LD publisher, a JSON-LD WebSite, the application name, the site
  part of the <title>, the canonical host; a company name is passed over while another
  source names the publication.
- authors: JSON-LD persons, author meta tags, microdata or rel="author" markup, the visible
  byline where the DOM names it a byline; outlets, agencies and desks in any of them become
  credits, never authors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.page.dates import iso_date
from etl.page.outlets import (
    clean_outlet,
    host_name,
    is_company,
    same_outlet,
    split_title,
    without_slogan,
)
from etl.page.people import read_byline
from etl.page.statements import (
    META_AUTHOR,
    META_PUBLISHED,
    META_PUBLISHED_ANALYTICS,
    META_SITE,
    META_TITLE,
    Statements,
)

_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]([01]?\d)[/-]([0-3]?\d)(?:/|$)")
_TOKEN = re.compile(r"\w+")
# An <h1> is the headline when a stored title shares at least this share of its words.
HEADLINE_AGREEMENT = 0.5


@dataclass
class Header:
    """A page's header fields, each with its source (one of etl.provenance.SOURCES)."""

    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    credits: list[str] = field(default_factory=list)  # agencies and desks named as authors
    sources: dict[str, str] = field(
        default_factory=lambda: dict.fromkeys(("title", "published", "outlet", "authors"), "none")
    )

    def set(self, name: str, value: object, source: str) -> None:
        setattr(self, name, value)
        self.sources[name] = source


def html_header(
    statements: Statements, html: str, text_header: Header, language: str | None
) -> Header:
    """The page's fields from its statements, the text header filling gaps."""
    header = Header(section=text_header.section)
    outlet, outlet_source = _outlet(statements)
    if outlet:
        header.set("outlet", outlet, outlet_source)
    sites = [s for s in _site_names(statements) if s]
    title, title_source = _title(statements, sites)
    if title:
        header.set("title", title, title_source)
    published, published_source = _published(statements, html, language, text_header)
    if published:
        header.set("published", published, published_source)
    _authors(header, statements, text_header, sites)
    _fill_from_text(header, text_header, sites)
    return header


def _site_names(statements: Statements) -> list[str | None]:
    names = [clean_outlet(v) for v in statements.meta_values(META_SITE)]
    names += [statements.ld_publisher, statements.ld_site, host_name(statements.host)]
    names += [h.lstrip("@") for h in statements.meta.get("twitter:site", [])]
    return names


def _outlet(statements: Statements) -> tuple[str | None, str]:
    ordered = [
        (without_slogan(clean_outlet(v)), "meta") for v in statements.meta.get("og:site_name", [])
    ] + [
        (clean_outlet(statements.ld_publisher), "json_ld"),
        (clean_outlet(statements.ld_site), "json_ld"),
    ] + [
        (clean_outlet(v), "meta") for v in statements.meta_values(META_SITE[1:])
    ]  # fmt: skip
    if statements.title_tag:
        site = split_title(statements.title_tag, [n for n, _ in ordered if n])[1]
        ordered.append((site, "title_tag"))
    ordered.append((host_name(statements.host), "url"))
    named = [(name, source) for name, source in ordered if name]
    for name, source in named:
        if not is_company(name):
            return name, source
    return named[0] if named else (None, "none")


def _title(statements: Statements, sites: list[str]) -> tuple[str | None, str]:
    stored = [statements.headline, *statements.meta_values(META_TITLE), statements.title_tag]
    stored = [split_title(s, sites)[0] for s in stored if s]
    for headline in statements.headlines[:3]:
        agreeing = [s for s in stored if _agreement(headline, s) >= HEADLINE_AGREEMENT]
        if agreeing:
            return _confirmed_headline(headline, agreeing, statements.headline, sites)
    ordered = [(statements.headline, "json_ld")]
    ordered += [(v, "meta") for v in statements.meta_values(META_TITLE)]
    ordered += [(statements.title_tag, "title_tag")]
    ordered += [(h, "h1") for h in statements.headlines[:1]]
    for value, source in ordered:
        if value:
            return split_title(value, sites)[0], source
    return None, "none"


def _confirmed_headline(
    headline: str, agreeing: list[str], declared: str | None, sites: list[str]
) -> tuple[str, str]:
    """The <h1> a stored title confirms, in the stored title's spelling when it has the same
    words: its punctuation and spaces survive markup ("Lakeport: Harbor" where the <h1> reads
    "LakeportHarbor"); or the declared headline when it is the <h1> with the kicker printed
    above it ("Lakeport: Harbor at dawn" declared, "Harbor at dawn" shown)."""
    same = [s for s in agreeing if _letters(s) == _letters(headline)]
    if same:
        return same[0], "h1"
    if declared and _letters(headline) in _letters(declared):
        return split_title(declared, sites)[0], "json_ld"
    return headline, "h1"


def _letters(text: str) -> str:
    return "".join(_TOKEN.findall(text.casefold()))


def _agreement(headline: str, stored: str) -> float:
    """Share of the headline's words found in a stored title (or the other way round)."""
    a, b = _TOKEN.findall(headline.casefold()), _TOKEN.findall(stored.casefold())
    if not a or not b:
        return 0.0
    common = len(set(a) & set(b))
    return max(common / len(set(a)), common / len(set(b)))


def _published(
    statements: Statements, html: str, language: str | None, text: Header
) -> tuple[str | None, str]:
    ordered = [(statements.ld_published, "json_ld")]
    ordered += [(v, "meta") for v in statements.meta_values(META_PUBLISHED)]
    ordered += [(v, "time_element") for v in statements.times]
    ordered += [(v, "meta") for v in statements.meta_values(META_PUBLISHED_ANALYTICS)]
    for value, source in ordered:
        day = iso_date(value, language)
        if day:
            return day, source
    match = _URL_DATE.search(statements.url or "")
    if match:
        day = iso_date("-".join(match.groups()))
        if day:
            return day, "url"
    # Nothing stated: the date printed by the headline, else htmldate's search of the page.
    if text.published:
        return text.published, "visible_text"
    found = _htmldate(html)
    return (found, "htmldate") if found else (None, "none")


def _htmldate(html: str) -> str | None:
    import htmldate

    try:
        found = htmldate.find_date(html, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        return None
    return iso_date(found) if found else None


def _authors(header: Header, statements: Statements, text: Header, sites: list[str]) -> None:
    outlets = tuple(s for s in [*sites, header.outlet] if s)
    sources = [
        (statements.ld_authors, "json_ld"),
        (statements.meta_values(META_AUTHOR), "meta"),
        (statements.markup_authors, "microdata"),
        (text.authors, "visible_text"),
    ]
    credits = read_byline(statements.ld_author_orgs, outlets, structured=True).credits
    for values, source in sources:
        byline = read_byline(values, outlets, structured=True)
        credits += byline.credits
        if byline.people:
            header.set("authors", list(byline.people), source)
            break
    header.credits = list(dict.fromkeys(credits))


def _fill_from_text(header: Header, text: Header, sites: list[str]) -> None:
    if header.title is None and text.title:
        header.set("title", split_title(text.title, sites)[0], "visible_text")
    if header.published is None and text.published:
        header.set("published", text.published, "visible_text")
    if header.outlet is None and text.outlet:
        header.set("outlet", text.outlet, "visible_text")
    if header.outlet and any(same_outlet(c, header.outlet) for c in header.credits):
        header.credits = [c for c in header.credits if not same_outlet(c, header.outlet)]
