"""What an HTML page says about itself: schema.org JSON-LD, meta tags, <time> elements, the
<title>, the canonical URL and the document language.

Read as published, without judging: arbitration between these sources is `etl.page.fields`.
Malformed JSON-LD (comments, trailing commas, stray control characters) is repaired where a
well-known fault explains it and skipped otherwise; it never fails the page.
"""

from __future__ import annotations

import html
import json
import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import lxml.html

# schema.org types that are an article about the page's story.
_ARTICLE_TYPE = re.compile(r"(article|posting|report)$", re.I)
# A page listing hundreds of authors or objects is not describing one story; stop there.
MAX_JSON_LD_OBJECTS = 2000
MAX_AUTHORS = 40
MAX_HEADLINES = 5

# Meta keys in order of trust within each field (lowercased name, property or itemprop).
META_PUBLISHED = (
    "article:published_time", "og:article:published_time", "datepublished",
    "article:published", "publishdate", "publish-date", "pubdate", "published",
    "publisheddate", "dc.date.issued", "dcterms.issued", "dcterms.created",
    "citation_publication_date", "citation_date", "parsely-pub-date", "sailthru.date",
    "prism.publicationdate", "content:publishdate", "article.published", "dc.date", "date",
)  # fmt: skip
# Analytics vendors' tags carry dates too, but for their own reports (a first-published date
# kept across rewrites of an evergreen page): trusted after the page's <time> elements.
META_PUBLISHED_ANALYTICS = ("cxenseparse:recs:publishtime", "dcsext.articlefirstpublished")
META_AUTHOR = (
    "author", "article:author", "og:article:author", "og:author", "dc.creator",
    "dcterms.creator", "citation_author", "parsely-author", "sailthru.author", "byl",
    "articleauthor", "cxenseparse:author", "dcsext.author",
)  # fmt: skip
META_TITLE = ("og:title", "twitter:title", "dc.title", "parsely-title", "sailthru.title")
META_SITE = ("og:site_name", "application-name", "apple-mobile-web-app-title", "dc.publisher")


@dataclass
class Statements:
    """Candidate values per field, each list in order of trust within its source."""

    headline: str | None = None  # JSON-LD headline of the page's article
    ld_published: str | None = None
    ld_authors: list[str] = field(default_factory=list)  # names given as persons (or untyped)
    ld_author_orgs: list[str] = field(default_factory=list)  # names typed Organization
    ld_publisher: str | None = None
    ld_site: str | None = None  # a WebSite object's name
    meta: dict[str, list[str]] = field(default_factory=dict)
    times: list[str] = field(default_factory=list)  # <time datetime>, publication ones first
    headlines: list[str] = field(default_factory=list)  # <h1> texts, in document order
    markup_authors: list[str] = field(default_factory=list)  # itemprop=author, rel=author
    title_tag: str | None = None
    url: str | None = None  # canonical, else og:url
    language: str | None = None

    def meta_values(self, keys: tuple[str, ...]) -> list[str]:
        return [value for key in keys for value in self.meta.get(key, [])]

    @property
    def host(self) -> str | None:
        return urlsplit(self.url).hostname if self.url else None


def read_statements(root: lxml.html.HtmlElement | None) -> Statements:
    statements = Statements()
    if root is None:
        return statements
    _read_json_ld(root, statements)
    _read_meta(root, statements)
    _read_times(root, statements)
    statements.headlines = [
        text for h1 in root.iter("h1") if (text := " ".join(h1.text_content().split()))
    ][:MAX_HEADLINES]
    statements.markup_authors = _markup_authors(root)
    title = root.find(".//title")
    if title is not None:
        statements.title_tag = " ".join(title.text_content().split()) or None
    statements.language = (root.get("lang") or root.get("xml:lang") or "").strip() or None
    return statements


def _read_json_ld(root: lxml.html.HtmlElement, statements: Statements) -> None:
    objects = _json_ld_objects(root)
    articles = [o for o in objects if any(_ARTICLE_TYPE.search(t) for t in _types(o))]
    # The page's own article carries a headline and a date; embedded teasers often do not.
    articles.sort(key=lambda o: -(("headline" in o) + ("datePublished" in o) + ("author" in o)))
    if articles:
        main = articles[0]
        statements.headline = _text(main.get("headline")) or _text(main.get("name"))
        statements.ld_published = _text(main.get("datePublished")) or _text(main.get("dateCreated"))
        _read_authors(main.get("author") or main.get("creator"), statements)
        statements.ld_publisher = _name(main.get("publisher"))
    statements.ld_site = next((_name(o) for o in objects if "website" in _types(o) and _name(o)),
                              None)  # fmt: skip
    if statements.ld_publisher is None:  # any object's publisher, the page's own or not
        statements.ld_publisher = next(
            (
                _name(o["publisher"])
                for o in objects
                if o.get("publisher") and _name(o["publisher"])
            ),
            None,
        )


def _json_ld_objects(root: lxml.html.HtmlElement) -> list[dict]:
    """Every JSON object of every JSON-LD script that parses, up to MAX_JSON_LD_OBJECTS."""
    objects: list[dict] = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        data = loads_lenient(script.text or "")
        if data is not None:
            objects.extend(_objects(data, MAX_JSON_LD_OBJECTS - len(objects)))
    return objects


def _read_authors(value: object, statements: Statements) -> None:
    for author in (value if isinstance(value, list) else [value])[:MAX_AUTHORS]:
        name = _name(author)
        if not name:
            continue
        if isinstance(author, dict) and any("organization" in t for t in _types(author)):
            statements.ld_author_orgs.append(name)
        else:
            statements.ld_authors.append(name)


def _read_meta(root: lxml.html.HtmlElement, statements: Statements) -> None:
    for element in root.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        value = element.get("content")
        if key and value and value.strip():
            statements.meta.setdefault(key.strip().lower(), []).append(" ".join(value.split()))
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            statements.url = link.get("href").strip()
            break
    if statements.url is None and statements.meta.get("og:url"):
        statements.url = statements.meta["og:url"][0]


def _read_times(root: lxml.html.HtmlElement, statements: Statements) -> None:
    """<time datetime> values, those marked as the publication time first."""
    marked, other = [], []
    for element in root.iter("time"):
        value = (element.get("datetime") or "").strip()
        if not value:
            continue
        names = " ".join(element.get(a) or "" for a in ("itemprop", "class", "pubdate")).lower()
        is_update = "modif" in names or "update" in names
        (marked if "publish" in names or "pubdate" in names else other).append((is_update, value))
    # Updates after publications; otherwise document order, the article's own time first.
    by_update = sorted(range(len(marked)), key=lambda i: marked[i][0])
    statements.times = [marked[i][1] for i in by_update] + [v for u, v in other if not u]


def _markup_authors(root: lxml.html.HtmlElement) -> list[str]:
    """Authors the markup names as such: schema.org microdata (itemprop="author", its
    itemprop="name" when it has one) and links with rel="author"."""
    found: list[str] = []
    for element in root.xpath('//*[@itemprop="author"] | //a[contains(@rel, "author")]'):
        names = element.xpath('.//*[@itemprop="name"]')
        target = names[0] if names else element
        text = target.get("content") or target.text_content()
        text = " ".join((text or "").split())
        if text and text not in found:
            found.append(text)
        if len(found) >= MAX_AUTHORS:
            break
    return found


def loads_lenient(text: str) -> object | None:
    """JSON as pages publish it: wrapped in HTML comments or CDATA, with trailing commas or
    raw newlines inside strings. None when it still does not parse."""
    text = text.strip()
    text = re.sub(r"^(<!--|/\*<!\[CDATA\[\*/|//<!\[CDATA\[)|(-->|/\*\]\]>\*/|//\]\]>)$", "", text)
    for attempt in (text, re.sub(r",\s*([}\]])", r"\1", text)):
        try:
            return json.loads(attempt, strict=False)
        except ValueError:
            continue
    return None


def _objects(data: object, limit: int) -> list[dict]:
    """Every dict in the JSON tree (@graph and nested lists included), breadth first, at most
    limit of them; iterative, so no nesting depth can exhaust the stack."""
    found: list[dict] = []
    queue = deque([data])
    while queue and len(found) < limit:
        node = queue.popleft()
        if isinstance(node, dict):
            found.append(node)
            queue.extend(v for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            queue.extend(v for v in node if isinstance(v, dict | list))
    return found


def _types(obj: dict) -> list[str]:
    value = obj.get("@type") or []
    return [str(t).lower() for t in (value if isinstance(value, list) else [value])]


def _text(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str) and value.strip():
        return " ".join(html.unescape(value).split())  # JSON-LD often carries "&amp;"
    return None


def _name(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)
