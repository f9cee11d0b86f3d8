"""HTML to visible text blocks, each with what the DOM says about it.

One walk over the parsed tree (iterative, so no nesting depth can exhaust the stack) turns
every block-level element's own text into a block, remembering the element's tag, the
characters inside links, and the hints its ancestors give by name: a `figcaption`, an `aside`,
a `class="related-articles"`, a `role="navigation"`. The body model reads these; the clean
stage records the removal categories they imply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

from etl.page.memo import text_cache

_DROP = frozenset(
    ("script", "style", "noscript", "template", "svg", "iframe", "button", "select", "option",
     "textarea", "head", "title", "meta", "link")
)  # fmt: skip
_BLOCK = frozenset(
    ("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
     "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
     "main", "nav", "ol", "p", "pre", "section", "table", "tr", "ul", "caption", "details",
     "summary", "center")
)  # fmt: skip
# Structural elements whose presence among a block's ancestors the body model reads.
ZONES = (
    "article", "main", "aside", "nav", "footer", "header", "figure", "form", "table",
    "blockquote", "li", "heading", "p",
)  # fmt: skip
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
# Inline elements a browser sets apart (table cells, labels, times): a space at each edge,
# so that "Jane Roe" and "Published" or two cells of a row do not run together.
_SPACED = frozenset(("td", "th", "time", "label"))
# What an element holds, as its class, id, itemprop or test-id names say: each hint is a list
# of word sequences; a name matches when its words (split at case changes, "-", "_") contain
# the sequence, the last word matched as a prefix ("comment" matches "comments").
HINTS: dict[str, tuple[str, ...]] = {
    "body": ("article body", "story body", "post content", "entry content", "article content",
             "story content", "article text", "body text", "article main"),
    "caption": ("caption", "credit", "figcaption"),
    "related": ("related", "recommend", "more stories", "read more", "readmore", "teaser",
                "trending", "popular", "most read", "outbrain", "taboola", "also read"),
    "share": ("share", "social", "sharing"),
    "newsletter": ("newsletter", "subscribe", "subscription", "signup", "sign up", "paywall",
                   "regwall"),
    "comments": ("comment", "disqus", "discussion", "replies"),
    "navigation": ("nav", "menu", "breadcrumb", "pagination", "skip link", "masthead"),
    "footer": ("footer", "copyright", "legal", "colophon"),
    "advertisement": ("ad", "ads", "advert", "adslot", "dfp", "sponsor", "promo", "banner"),
    "byline": ("byline", "author", "contributor", "writer"),
    "dateline": ("dateline", "timestamp", "publish", "posted", "date", "time"),
    "tags": ("tags", "tag list", "topics", "keywords"),
    "sidebar": ("sidebar", "rail", "widget", "aside"),
}  # fmt: skip
# One pattern over a name's words joined by spaces: a sequence must start at a word, and only
# names of four letters or more may be word prefixes ("nav" must not match "navy").
_HINT_PATTERN = re.compile(
    "|".join(
        f"(?:^| )(?P<{hint}>"
        + "|".join(re.escape(n) + ("" if len(n) > 3 else "(?= |$)") for n in names)
        + ")"
        for hint, names in HINTS.items()
    )
)
_ROLE_HINTS = {"navigation": "navigation", "contentinfo": "footer", "complementary": "sidebar",
               "banner": "navigation", "search": "navigation"}  # fmt: skip
_ZONE_OF_TAG = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading",
                "h5": "heading", "h6": "heading"}  # fmt: skip
_NAME_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
# Hints from this many innermost block ancestors: a class on the whole page's wrapper says
# nothing about one paragraph.
HINT_LEVELS = 4


@dataclass(frozen=True)
class HtmlBlock:
    text: str
    tag: str  # the block element holding the text
    link_chars: int  # characters of the text that sit inside links
    zones: frozenset[str]  # structural ancestors (ZONES)
    hints: frozenset[str]  # what ancestors' names say they hold (HINTS keys)
    is_h1: bool = False


@dataclass
class _Context:
    tag: str
    zones: frozenset[str]
    levels: tuple[frozenset[str], ...]  # hints of the innermost HINT_LEVELS block ancestors
    hints: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.hints = frozenset().union(*self.levels)


def parse(html: str) -> lxml.html.HtmlElement | None:
    """The document tree, or None when nothing parses (empty, or not markup at all)."""
    if not html.strip():
        return None
    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    # The tree walk never sees comments, so their tails would be lost: "At first, his
    # doctor<!-- --> assumed" is one sentence.
    for comment in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        comment.drop_tree()
    return root


def hints_of(element: lxml.html.HtmlElement) -> frozenset[str]:
    found: frozenset[str] = frozenset()
    for attribute in ("class", "id", "itemprop", "data-testid"):
        value = element.get(attribute)
        if value:
            found |= _name_hints(value)
    role = element.get("role")
    if role and role.lower() in _ROLE_HINTS:
        found |= {_ROLE_HINTS[role.lower()]}
    return found


@text_cache(maxsize=4096)  # pages repeat the same class names many times over
def _name_hints(value: str) -> frozenset[str]:
    found = set()
    for name in value.split():
        words = " ".join(_NAME_WORD.findall(name)).lower()
        found.update(match.lastgroup for match in _HINT_PATTERN.finditer(words))
    return frozenset(found)


def blocks_of(root: lxml.html.HtmlElement | None) -> list[HtmlBlock]:
    """The visible text of the body, one block per block-level element's own text."""
    if root is None:
        return []
    body = root.find("body")
    walk = _Walk()
    for event, element in lxml.etree.iterwalk(
        body if body is not None else root, events=("start", "end")
    ):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            walk.start(element, tag)
        else:
            walk.end(element, tag)
    walk.flush()
    return walk.blocks


class _Walk:
    """The state of one walk: the open block elements, the current block's text, how much of
    it is link text, and how deep inside dropped elements (scripts, forms' buttons) it is."""

    def __init__(self) -> None:
        self.blocks: list[HtmlBlock] = []
        self.stack = [_Context("body", frozenset(), ())]
        self.parts: list[str] = []
        self.link_chars = 0
        self.in_link = 0
        self.skip_depth = 0

    def start(self, element: lxml.html.HtmlElement, tag: str) -> None:
        if self.skip_depth or tag in _DROP or not tag:
            self.skip_depth += 1
            return
        if tag in _BLOCK:
            self.flush()
            parent = self.stack[-1]
            zone = _ZONE_OF_TAG.get(tag, tag)
            self.stack.append(
                _Context(
                    tag,
                    parent.zones | ({zone} if zone in ZONES else set()),
                    (*parent.levels, hints_of(element))[-HINT_LEVELS:],
                )
            )
        elif tag == "a":
            self.in_link += 1
        elif tag in _SPACED:
            self.parts.append(" ")
        self.add(element.text)

    def end(self, element: lxml.html.HtmlElement, tag: str) -> None:
        if self.skip_depth:
            self.skip_depth -= 1
            if self.skip_depth == 0:  # a dropped element's tail is its parent's text again
                self.add(element.tail)
            return
        if tag in _BLOCK:
            self.flush()
            self.stack.pop()
        elif tag == "a":
            self.in_link -= 1
        elif tag in _SPACED:
            self.parts.append(" ")
        self.add(element.tail)

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            if self.in_link:
                self.link_chars += len(text.strip())

    def flush(self) -> None:
        text = " ".join("".join(self.parts).split())
        if text:
            top = self.stack[-1]
            self.blocks.append(
                HtmlBlock(
                    text=text,
                    tag=top.tag,
                    link_chars=min(self.link_chars, len(text)),
                    zones=top.zones,
                    hints=top.hints,
                    is_h1=top.tag == "h1",
                )
            )
        self.parts.clear()
        self.link_chars = 0


def html_to_text(html: str) -> str:
    """Visible text, one block per line; the <title> first, as browsers and scrapers show it."""
    root = parse(html)
    if root is None:
        return ""
    title = root.find(".//title")
    lines = [" ".join(title.text_content().split())] if title is not None else []
    lines += [block.text for block in blocks_of(root)]
    return "\n".join(line for line in lines if line)


def main_text(html: str | lxml.html.HtmlElement) -> str | None:
    """The article text trafilatura finds (comments excluded), or None when it finds none:
    one opinion the body model weighs, not the answer."""
    import trafilatura

    try:
        return trafilatura.extract(html, include_comments=False, fast=True) or None
    except (ValueError, TypeError, lxml.etree.LxmlError):
        return None
