"""Reading pages: a file's text or HTML to its body, header fields and removed blocks.

Pages are read in batches so that each body model is called once per batch. Plain text goes
line by line; HTML is read from its DOM, its own statements (JSON-LD, meta, <time>) deciding
the header fields before its visible text does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from etl.limits import MIN_BODY_WORDS
from etl.nlp.language import (
    SAMPLE_CHARS,
    UNDETERMINED,
    article_language,
    detect_language,
)
from etl.page import body, html
from etl.page.context import starts_with_by
from etl.page.dates import find_dates
from etl.page.fields import Header, html_header
from etl.page.header import read_header
from etl.page.lines import FEATURES, Line, word_count
from etl.page.rules import SOFT
from etl.page.statements import Statements, read_statements

# What an HTML block's ancestors name them, as the removal category of a block the body left
# out (etl.page.html.HINTS keys to fct_removed_block categories).
_HINT_CATEGORY = {
    "caption": "caption", "related": "related_list", "share": "share",
    "newsletter": "newsletter", "comments": "comments", "navigation": "navigation",
    "footer": "footer", "advertisement": "advertisement", "byline": "byline",
    "dateline": "dateline", "tags": "tags", "sidebar": "related_list",
}  # fmt: skip
_USED_CATEGORY = {"title": "title", "byline": "byline", "dateline": "dateline"}


@dataclass
class Reading:
    body: str
    paragraphs: list[str]
    header: Header
    removed: list[dict] = field(default_factory=list)  # {"category", "text"} per left-out block
    boilerplate_ratio: float = 0.0
    language: str | None = None  # of the page, for reading its dates
    # of the article: ISO 639-1 or 639-3, `und` when unsure (etl.nlp.language)
    article_language: str = UNDETERMINED


@dataclass
class PreparedPage:
    lines: list[Line]
    rows: np.ndarray
    kind: str
    statements: Statements | None = None
    hints: list[frozenset[str]] | None = None
    markup: str = ""


def read_pages(pages: list[tuple[str, bool]], header_models: dict | None = None) -> list[Reading]:
    """(text or markup, is_html) pages to their readings, in order (header_models: other
    fitted header models than the shipped ones, for cross-validation)."""
    prepared = [_prepare_html(text) if is_html else _prepare_text(text) for text, is_html in pages]
    probabilities: list[np.ndarray] = [np.zeros(0)] * len(prepared)
    for kind in ("text", "html"):
        chosen = [i for i, page in enumerate(prepared) if page.kind == kind]
        for i, probability in zip(
            chosen, body.predict(kind, [prepared[i].rows for i in chosen]), strict=True
        ):
            probabilities[i] = probability
    return [
        _finish(page, p, header_models) for page, p in zip(prepared, probabilities, strict=True)
    ]


def read_page(text: str, is_html: bool = False) -> Reading:
    return read_pages([(text, is_html)])[0]


def _prepare_text(text: str) -> PreparedPage:
    lines, rows = body.text_lines(text)
    return PreparedPage(lines, rows, "text")


def _prepare_html(markup: str) -> PreparedPage:
    root = html.parse(markup)
    statements = read_statements(root)
    blocks = html.blocks_of(root)
    # trafilatura reads the tree already parsed (it prunes it: nothing reads it after)
    lines, rows = body.html_lines(blocks, html.main_text(root) if blocks else None)
    return PreparedPage(lines, rows, "html", statements, [b.hints for b in blocks], markup)


def _finish(page: PreparedPage, probability: np.ndarray, header_models: dict | None) -> Reading:
    selection = body.select(page.lines, probability, page.rows, page.kind)
    if page.kind == "html" and _words(selection.body_lines) < MIN_BODY_WORDS:
        selection = _as_text(page)
        probability = selection.probability
    language = page_language(page)
    header, used = read_header(page.lines, selection.start, probability, language, header_models)
    if page.statements is not None:
        if "byline" in used and not _confirmed_byline(page, used["byline"]):
            header.set("authors", [], "none")
            used.pop("byline")
        header = html_header(page.statements, page.markup, header, language)
    paragraphs = [line.text for line in selection.body_lines]
    total = sum(len(line.text) for line in page.lines)
    kept = sum(len(p) for p in paragraphs)
    return Reading(
        body="\n\n".join(paragraphs),
        paragraphs=paragraphs,
        header=header,
        removed=removed_blocks(page.lines, selection.keep, used, page.hints),
        boilerplate_ratio=round(1 - kept / total, 4) if total else 0.0,
        language=language,
        article_language=article_language(
            page.statements.language if page.statements is not None else None,
            _prose_sample(page),
            "\n".join(paragraphs),
        ),
    )


def _as_text(page: PreparedPage) -> body.Selection:
    """An HTML page's blocks read as plain text. The HTML model leans on what trafilatura
    kept; where neither finds an article (a page trafilatura misreads), the text model,
    which reads the same lines without the DOM, may still find one rather than the page
    being quarantined as empty."""
    rows = page.rows[:, : len(FEATURES)]  # the text model's columns come first
    probability = body.predict("text", [rows])[0]
    return body.select(page.lines, probability, rows, "text")


def _words(lines: list[Line]) -> int:
    return sum(word_count(line.text) for line in lines)


def _confirmed_byline(page: PreparedPage, index: int) -> bool:
    """In HTML, a byline the text model found counts where the page confirms it is one: the
    DOM names its element a byline or author, or the line says "By"/"Von" or dates itself."""
    line = page.lines[index]
    return (
        (page.hints is not None and "byline" in page.hints[index])
        or starts_with_by(line.text)
        or bool(find_dates(line.text))
    )


def page_language(page: PreparedPage) -> str | None:
    """The page's language, before its body is known: the HTML's lang attribute, else the
    language of its prose-like lines."""
    if page.statements is not None and page.statements.language:
        return page.statements.language[:2].lower()
    return detect_language(_prose_sample(page))


def _prose_sample(page: PreparedPage) -> str:
    """The page's first prose-like lines, up to the language sample's size."""
    sample, size = [], 0
    prose = page.rows[:, FEATURES.index("prose")] if len(page.lines) else []
    for line, score in zip(page.lines, prose, strict=True):
        if score > 0:
            sample.append(line.text)
            size += len(line.text)
            if size >= SAMPLE_CHARS:
                break
    return "\n".join(sample)


@dataclass
class _Surroundings:
    """What the lines before a removed line say about it."""

    start: int  # the body's first and last-plus-one line
    end: int
    after_related: bool = False  # a related-stories heading came after the body started
    after_comments: bool = False  # a comments heading came after the body
    box: str | None = None  # the heading of the box the line sits in, if any

    def see(self, index: int, line: Line, kept: bool) -> None:
        if line.category == "related_list" and index >= self.start:
            self.after_related = True
        if line.category == "comments" and index >= self.end:
            self.after_comments = True
        if line.kind == SOFT:
            self.box = line.category
        if kept:
            self.box = None

    def category(self, index: int) -> str | None:
        if self.after_comments:
            return "comments"  # what follows a comments heading after the body: the thread
        if self.box is not None and self.start <= index < self.end:
            return self.box  # a link of a related-stories box the article runs across
        return None


def removed_blocks(
    lines: list[Line],
    keep: np.ndarray,
    used: dict[str, int],
    hints: list[frozenset[str]] | None,
) -> list[dict]:
    """Every line left out of the body with why: the rule that matched, the header field it
    gave, where it sits among comments or a related box, what the DOM names it, or where it
    sits (header before the body, footer after)."""
    used_by_line = {index: _USED_CATEGORY[name] for name, index in used.items()}
    kept = np.flatnonzero(keep)
    around = _Surroundings(
        start=int(kept[0]) if len(kept) else len(lines),
        end=int(kept[-1]) + 1 if len(kept) else len(lines),
    )
    removed = []
    for i, line in enumerate(lines):
        around.see(i, line, bool(keep[i]))
        if keep[i]:
            continue
        category = (
            line.category
            or used_by_line.get(i)
            or around.category(i)
            or (_hint_category(hints[i]) if hints is not None else None)
            or _positional(line, i, around.start, around.end, around.after_related)
        )
        removed.append({"category": category, "text": line.text})
    return removed


def _hint_category(hints: frozenset[str]) -> str | None:
    return next((_HINT_CATEGORY[h] for h in sorted(hints) if h in _HINT_CATEGORY), None)


def _positional(line: Line, index: int, start: int, end: int, after_related: bool) -> str:
    if index < start:
        return "header" if line.words > 6 else "navigation"
    if index >= end:
        return "related_list" if after_related else "footer"
    return "inline_boilerplate"
