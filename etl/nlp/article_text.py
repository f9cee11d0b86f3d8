"""The text an article's entities, quotes and amounts are read from, declared once: its
headline, its dateline ("LAKEPORT 2026-11-03": the place a story is filed from is one of its
places) and its body, in that order, paragraphs apart. The audit checks what was found
against this same text."""

from __future__ import annotations

from collections.abc import Iterable

# Removed blocks that are the article's own words, not page furniture.
READ_BLOCKS = frozenset({"dateline"})


def analysed_text(
    title: str | None,
    removed: Iterable[dict] | None,
    body: str,
    authors: Iterable[str] | None = (),
) -> str:
    """A dateline that names the article's writer ("Ann Lee - Oct 28, 2026") is its byline,
    the header's business, and is left out."""
    writers = [name for name in authors or () if name]
    parts = [title] if title else []
    parts += [
        block["text"]
        for block in removed or ()
        if block["category"] in READ_BLOCKS and not any(w in block["text"] for w in writers)
    ]
    return "\n\n".join([*parts, body])


def analysed_texts(articles) -> list[str]:
    """analysed_text of every row of an article frame (title, removed, body, authors)."""
    return [
        analysed_text(title, removed, body, authors)
        for title, removed, body, authors in zip(
            articles["title"],
            articles["removed"],
            articles["body"],
            articles["authors"],
            strict=True,
        )
    ]
