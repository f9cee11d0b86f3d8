"""Outlet names: which of the names a page gives for its publisher is the outlet, and how a
page title's site suffix is told from its headline.

The outlet is the publication readers know ("Harbour Times", "Lakeport.de"), not the company
that owns it: a name with a legal form ("Harbour Media A/S", "... Verlag GmbH & Co. KG")
is passed over while another source names the outlet.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from etl.lexicon import word_set

# Legal forms and words that mark a company rather than a publication.
_COMPANY = re.compile(
    r"\b(gmbh|ag|a/s|as|asa|ab|ltd|ltda|limited|pty|inc|llc|plc|corp|corporation|kg|sarl|s\.?a\.?|s\.?l\.?|"
    r"sas|srl|s\.?p\.?a\.?|b\.?v\.?|n\.?v\.?|oy|verlag|verlags|verlagsgesellschaft|"
    r"gesellschaft|holding|holdings|publishing|"
    r"publications|mediengruppe|media group|medienhaus|mediehuset|company)\b",
    re.I,
)
# Social networks and messengers, as their share buttons and domains name them (lowercased):
# never a page's outlet, never a byline's name ("Per WhatsApp teilen").
SOCIAL_NETWORKS = frozenset(
    "facebook twitter x instagram youtube whatsapp tiktok linkedin pinterest reddit telegram "
    "xing bluesky mastodon flipboard threads".split()
)
# Separators between a headline and the site's name in a page title.
SITE_SEPARATOR = re.compile(r"\s+[|–—:·•»«/*]\s+|\s+-\s+|\s*[ㅣ|｜]\s*")
# A slogan after a site's name is a phrase ("News you can trust"); two words after a
# separator are more often part of the name ("Coast Post - Lakeport Edition").
MIN_SLOGAN_WORDS = 3
_HOST_PREFIXES = ("www.", "www1.", "www2.", "ww2.", "m.", "amp.", "mobile.", "edition.")
# Words two spellings of a site's name may differ by: articles, and the parts of host names.
_STOP = word_set("definite_articles") | {
    "online", "news", "digital", "web", "www", "com", "de", "at", "ch", "uk", "co", "net", "org"
}  # fmt: skip


def is_company(name: str) -> bool:
    return bool(_COMPANY.search(name))


def spells_out(name: str, fuller: str) -> bool:
    """'LKR News' spells out 'LKR'; 'LKR 2024' (a year) and 'Example News - Established'
    (a separator, then something else) do not."""
    if name not in fuller:
        return False
    added = fuller.replace(name, " ", 1)
    return not any(c.isdigit() for c in added) and SITE_SEPARATOR.search(added) is None


def clean_outlet(name: str | None) -> str | None:
    """A site-name value as an outlet name: handles, URLs and legal suffixes removed."""
    if not name:
        return None
    name = " ".join(name.split()).strip(" |-–—:")
    if name.startswith("@"):
        return None
    if name.startswith(("http://", "https://")):
        host = urlsplit(name).hostname
        return host_name(host) if host else None
    return name or None


def without_slogan(name: str | None) -> str | None:
    """A site name a page states with its slogan ("Lakeport Ledger - News you can trust"):
    the name, where what follows the separator reads as a phrase of MIN_SLOGAN_WORDS or more
    and is longer than the name before it."""
    if not name:
        return name
    parts = SITE_SEPARATOR.split(name, maxsplit=1)
    if len(parts) != 2 or not parts[0].strip():
        return name
    site, rest = parts[0].split(), parts[1].split()
    return " ".join(site) if len(rest) >= MIN_SLOGAN_WORDS and len(rest) > len(site) else name


def host_name(host: str | None) -> str | None:
    """'www.harbourtimes.de' -> 'harbourtimes.de': the host as readers would name the site."""
    if not host:
        return None
    host = host.lower()
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host or None


def core(name: str) -> str:
    """Letters of a name without articles, domains and generic words, for comparing names."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = [w for w in re.findall(r"\w+", text) if w not in _STOP]
    return "".join(words) or "".join(re.findall(r"\w+", text))


def same_outlet(a: str | None, b: str | None) -> bool:
    """One name's core contains the other's, and is at most twice as long."""
    if not a or not b:
        return False
    x, y = core(a), core(b)
    if len(x) < 2 or len(y) < 2:
        return x == y and bool(x)
    short, long_ = sorted((x, y), key=len)
    return short in long_ and len(short) * 2 >= len(long_)


def split_title(title: str, sites: list[str]) -> tuple[str, str | None]:
    """(headline, site) of a page title: segments at either end that name one of the sites,
    or that are dates, are the title's furniture."""
    segments = [s for s in SITE_SEPARATOR.split(title) if s and s.strip()]
    if len(segments) < 2:
        return title, None
    trailing = _strip_end(segments, sites)
    leading = None
    while len(segments) > 1 and _is_furniture(segments[0], sites):
        leading = leading or segments[0].strip()
        segments.pop(0)
    site = trailing or leading
    if site is None:
        return title, None
    # Rejoin what is left exactly as the title wrote it
    first, last = segments[0].strip(), segments[-1].strip()
    start = title.find(first)
    end = title.rfind(last) + len(last)
    return title[start:end].strip(), site


def _strip_end(segments: list[str], sites: list[str]) -> str | None:
    """Remove the site segments at the end (and a one-word section just before one, as in
    "Headline - Politik | Site"); the first removed, if any."""
    site = None
    while len(segments) > 1 and _is_furniture(segments[-1], sites):
        site = site or segments[-1].strip()
        segments.pop()
        long_enough = len(segments) > 2 or (len(segments) == 2 and len(segments[0].split()) >= 4)
        if long_enough and len(segments[-1].split()) == 1:
            segments.pop()
    return site


def _is_furniture(segment: str, sites: list[str]) -> bool:
    segment = segment.strip()
    if re.fullmatch(r"[\d./\- ]{6,12}", segment):  # "13.06.2023"
        return True
    return any(same_outlet(segment, site) for site in sites if site)
