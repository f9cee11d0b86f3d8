"""Outlet candidates of a page's text: every name the page may call itself by.

Its title line's trailing or leading segments ("Headline | Site"), its footer's copyright
holder (a company's legal form taken off), its byline's credit ("By Example News"), the names its
furniture gives it ("More from X", "X logo", "Über die X"), an outlet its text credits
("...reports Coast Post") and the domain names it prints; features say how site-like
each is, and the header's outlet model picks.
"""

from __future__ import annotations

import math
import re
from functools import cache

from publicsuffixlist import PublicSuffixList

from etl.lexicon import either, either_word, word_set
from etl.page.context import (
    MAX_BYLINE_WORDS,
    REPORTED,
    Candidate,
    Context,
    starts_with_by,
    tokens,
)
from etl.page.dates import mostly_date
from etl.page.lines import TERMINAL, Line
from etl.page.outlets import SOCIAL_NETWORKS, clean_outlet, is_company
from etl.page.titles import cut_at_commas, is_section_label, segments_of

# A host name as a page prints it: dot-separated labels ending in letters ("docs.lakeport.org").
_HOST = re.compile(r"\b(?:[a-z0-9](?:[a-z0-9-]{0,40}[a-z0-9])?\.)+[a-z]{2,24}\b")


# Domains a page names that are never its own.
_SERVICES = SOCIAL_NETWORKS | frozenset(
    "google apple t youtu bit goo spotify amazon microsoft wikipedia gmail outlook yahoo "
    "example test invalid localhost".split()  # the last four: names reserved for examples
)


MAX_DOMAINS = 3
_TAG = re.compile(r"<[a-zA-Z/][^<>]*>")


# The start of a rights line's words ("All rights reserved", "Alle Rechte vorbehalten").
_RIGHTS = re.compile(rf"\b({either_word('rights_words')})", re.I)


MAX_HOLDER_WORDS = 5


_GROUP_WORDS = word_set("group_words")


# A line naming the site itself is short: "More from The Lakeport Ledger", "Jobs beim
# Marlower Boten".
SELF_REFERENCE_WORDS = 6


_NOT_NAMES = word_set("not_names")  # "About us"


_NAME = r"(?P<name>[A-Z0-9ÄÖÜÅØÆ][\w&.'’+-]*(?:\s+[A-Z0-9ÄÖÜÅØÆ][\w&.'’+-]*){0,3})"


_SELF_REFERENCE = re.compile(rf"^(?i:{either('self_reference_patterns')})\s+" + _NAME + r"\s*:?$")


_LOGO = re.compile(r"^" + _NAME + rf"\s+(?i:{either_word('logo_words')})$")


# A year or a span of years, and a holder's name (a dash of any length may follow it).
_YEARS = r"\d{4}(?:\s*[-–]\s*\d{4})?"
_HOLDER = r"(?P<holder>[^\W\d][\w&.'’ –—-]{1,50}?)"


_COPYRIGHT = re.compile(
    rf"(?:©|\(c\)|copyright)\s*(?:{_YEARS}\s*)?{_HOLDER}"
    # the year printed after the name ("© LKR 2024") is not part of it
    rf"(?:\s+{_YEARS})?\s*"
    rf"(?:[.,|]|{either_word('copyright_ends')}|$)",
    re.I,
)


# "Example News © 2024", a footer line of its own: the name stands before the sign.
_COPYRIGHT_AFTER = re.compile(rf"^{_HOLDER}\s*(?:©|\(c\))\s*{_YEARS}\s*\.?$", re.I)


_DASH = re.compile(r"\s[–—-]\s")


# Quotation marks and sentence ends belong to headlines, rarely to a publication's name.
_SENTENCE_MARKS = re.compile(r"[?!\"„“”«»]|:\s")


def outlet_candidates(
    context: Context, title: str | None, credits: list[str] | None = None
) -> list[Candidate]:
    """Every name the page may call itself by (its title line's segments, its copyright
    holder, its byline's credit, its furniture's self-references, its domains), each with
    how site-like it is."""
    lines = context.lines
    references = self_references(lines)
    title_words = set(tokens(title or ""))
    page = " ".join(line.text.casefold() for line in lines[1:])
    found = []
    seen: set[tuple[str, str]] = set()
    # "Headline, its second clause": a title line cut only at commas seldom ends in its site.
    comma_cut = float(cut_at_commas(lines[0].text))
    for name, kind, rest in _outlet_options(context, credits or [], references):
        site = clean_outlet(name)
        if (
            not site
            or mostly_date(site)
            or re.fullmatch(r"[\d./\- ]+", site)
            or (site, kind) in seen
        ):
            continue
        if starts_with_by(site):  # "Headline | by Jane Roe": a byline, not a site
            continue
        seen.add((site, kind))
        shared = len(set(tokens(" ".join(rest))) & title_words)
        features = _site_shape(site) | {
            kind: 1.0,
            "elsewhere": math.log1p(page.count(site.casefold())),
            "in_body": math.log1p(context.body_text.count(site.casefold())),
            "self_references": math.log1p(references.count(site)),
            "rest_is_title": shared / len(title_words) if title_words else 0.0,
            # A piece of the headline is not the site: "Headline - Its second clause".
            "in_title": float(bool(title) and site.casefold() in title.casefold()),
            "comma_cut": comma_cut if kind.startswith(("trailing_", "leading")) else 0.0,
        }
        if kind == "page_domain":
            features |= _domain_placement(lines, site)
        found.append(Candidate(0, site, features))
    return found


def _outlet_options(
    context: Context, credits: list[str], references: list[str]
) -> list[tuple[str, str, list[str]]]:
    """(name, kind, the rest of the title line when the name is one of its segments)."""
    lines = context.lines
    segments = segments_of(lines[0].text)
    options: list[tuple[str, str, list[str]]] = []
    if len(segments) >= 2:
        for cut in range(1, min(3, len(segments) - 1) + 1):
            options.append((segments[-cut], f"trailing_{cut}", segments[: len(segments) - cut]))
        options.append((segments[0], "leading", segments[1:]))
    holder = copyright_holder(lines)
    company = copyright_holder(lines, companies=True)
    reported = reported_outlet(context)
    options += [(holder, "copyright", [])] if holder else []
    if company and company != holder:  # "© Ledger Media Group Limited": Ledger
        options.append((without_legal_form(company), "copyright_company", []))
    options += [(credit, "byline_credit", []) for credit in credits]
    options += [(name, "self_reference", []) for name in dict.fromkeys(references)]
    options += [(reported, "reported", [])] if reported else []
    options += [(domain, "page_domain", []) for domain in _page_domains(lines)]
    return options


def _site_shape(site: str) -> dict[str, float]:
    words = site.split()
    return {
        "words": math.log1p(len(words)),
        "company": float(is_company(site)),
        "capitalised": float(site[:1].isupper()),
        "lowercase_words": sum(w[:1].islower() for w in words) / len(words),
        "terminal": float(site.endswith(TERMINAL)),
        "domain": float(bool(re.search(r"\.[a-z]{2,4}$", site.casefold()))),
        "sentence_marks": float(bool(_SENTENCE_MARKS.search(site))),
        "section_label": float(is_section_label(site)),  # "Politik": a title's section
    }


def reported_outlet(context: Context) -> str | None:
    """An outlet credited in the header's text: "...reports Coast Post"."""
    for line in context.lines[: context.reach()]:
        reported = REPORTED.search(line.text)
        if reported:
            return reported.group("outlet").strip(" .")
    return None


@cache
def _public_suffixes() -> PublicSuffixList:
    # The bundled Public Suffix List, no download; unknown endings are no suffix at all. Its
    # ICANN part only: the private part would make each CDN or hosting customer's host
    # ("d1x2y3.cloudfront.net") a site of its own.
    return PublicSuffixList(accept_unknown=False, only_icann=True)


def domains_in(text: str) -> list[str]:
    """The sites a text names by host, as registered domains ("lakeport.org" for
    docs.lakeport.org, "harbourtimes.co.uk"), in order. The Public Suffix List tells a host
    from what only looks like one: a file name ("gallery.php", "pier-photo.jpg",
    "reader.js") or a dotted abbreviation ("EE.UU.") ends in no public suffix."""
    suffixes = _public_suffixes()
    found = (suffixes.privatesuffix(host) for host in _HOST.findall(text.casefold()))
    return [domain for domain in found if domain]


def _page_domains(lines: list[Line]) -> list[str]:
    """Domain names the page prints outside its body text (a footer's "© harbourtimes.co.uk",
    a masthead's "lakeport-ledger.com"), most printed first, social networks and tools aside."""
    counts: dict[str, int] = {}
    for line in lines:
        if line.words > MAX_BYLINE_WORDS:
            continue
        # Markup left in a copied page (a tracker's <img src=...>) is nothing it prints.
        for domain in domains_in(_TAG.sub(" ", line.text)):
            if domain.split(".")[0] not in _SERVICES:
                counts[domain] = counts.get(domain, 0) + 1
    return sorted(counts, key=lambda d: -counts[d])[:MAX_DOMAINS]


# Lines that credit someone else's work, or sell something: a domain printed there is a
# photo agency's, a source's, an advertiser's or a tracker's.
_CREDITING = frozenset(
    "caption credit cookie_notice advertisement also_read related_list share".split()
)


def _domain_placement(lines: list[Line], domain: str) -> dict[str, float]:
    """Where a page prints a domain: on lines crediting others' work ("Bild: partyhq.de"), and
    in lists of domains (a publisher's network of sites, a partner bar)."""
    # Lines with markup count whole here (unlike _page_domains): read without their tags,
    # no held-out figure moved and the refit changed which wrong outlet three pages took.
    printed = [
        line for line in lines if line.words <= MAX_BYLINE_WORDS and domain in line.text.casefold()
    ]
    if not printed:
        return {}
    return {
        "domain_crediting": sum(line.category in _CREDITING for line in printed) / len(printed),
        "domain_listed": sum(len(domains_in(line.text)) > 1 for line in printed) / len(printed),
    }


def copyright_holder(lines: list[Line], companies: bool = False) -> str | None:
    """'© 2026 Bay Ledger. All rights reserved.' names the publisher; a company's legal
    name is not an outlet (unless companies, for a name to take the legal form from)."""
    for line in reversed(lines):
        if line.category != "footer":
            continue
        match = _COPYRIGHT.search(line.text) or _COPYRIGHT_AFTER.match(line.text)
        if match:
            # "© 2025 Example News - Established 1977": the name before the dash
            holder = clean_outlet(_DASH.split(match.group("holder"))[0].strip(" .-"))
            if (
                holder
                and (companies or not is_company(holder))
                and len(holder.split()) <= MAX_HOLDER_WORDS
                and not _RIGHTS.search(holder)
            ):
                return holder
    return None


def without_legal_form(name: str) -> str:
    """'Ledger Media Group Limited' -> 'Ledger': the name without what makes it a
    company's ('– eine Marke der ...' and what follows, legal forms, group words)."""
    name = re.split(r"\s[–-]\s|,", name)[0]
    words = name.split()
    while len(words) > 1 and (is_company(words[-1]) or words[-1].casefold() in _GROUP_WORDS):
        words.pop()
    return " ".join(words)


def self_references(lines: list[Line]) -> list[str]:
    """Names a page gives itself in its furniture: 'More from X', 'Work at X', 'About X',
    'Über die X', 'Kontakt X', 'X logo', in the languages of the development pages; a name
    once per mention."""
    found: list[str] = []
    for line in lines:
        if line.words > SELF_REFERENCE_WORDS:
            continue
        match = _SELF_REFERENCE.match(line.text) or _LOGO.match(line.text)
        if match and match.group("name").casefold() not in _NOT_NAMES:
            found.append(match.group("name"))
    return found
