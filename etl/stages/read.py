"""Read stage: each new file's page read (etl.page.reader) into its body, the page's
boilerplate cleaned out of it (kept as removed blocks with their categories), and its header
fields: title, publication date, outlet, authors, section and language. In batches, so each
body model runs once per batch. The extract stage then reads the body's entities, amounts and
quotes.

Decides what is an article: a body outside the word limits is a failure with its reason, and
so is a text file longer than any page, before it is read. A page that cannot be read at all
(markup that breaks a library) is a failure too, recorded with the error, never a crash of
the run.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pandas as pd

from etl import staging
from etl.limits import MAX_BODY_WORDS, MAX_PAGE_WORDS, MIN_BODY_WORDS
from etl.page.lines import word_count
from etl.page.reader import Reading, read_page, read_pages
from etl.page.relative_dates import header_zone, relative_date
from etl.provenance import RELATIVE_TO_FILE_TIME

log = logging.getLogger(__name__)
# Pages read per call of the body models: bounds memory, amortises the call.
READ_BATCH = 256


def read_files(files: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Body, removed blocks and header fields of every new file; too little body is a failure."""
    new = files[files["outcome"] == "new"]
    too_long = pd.Series(
        [_longer_than_a_page(f, text) for f, text in zip(new["format"], new["text"], strict=True)],
        index=new.index,
        dtype=bool,
    )
    failures = [
        {"sha256": sha256, "stage": "read", "reason": "page_too_long"}
        for sha256 in new.loc[too_long, "sha256"]
    ]
    readable = new[~too_long]
    read = []
    for start in range(0, len(readable), READ_BATCH):
        part = readable.iloc[start : start + READ_BATCH]
        for file, reading in zip(part.itertuples(index=False), _read(part), strict=True):
            reason = _failure(reading)
            if reason is not None:
                failures.append({"sha256": file.sha256, "stage": "read", "reason": reason})
            else:
                read.append(_row(file, reading))
    return (
        pd.DataFrame(read, columns=staging.PAGES.names, dtype=object),
        pd.DataFrame(failures, columns=staging.FAILURES.names, dtype=object),
    )


def _longer_than_a_page(file_format: str, text: str) -> bool:
    """A text file of more than MAX_PAGE_WORDS words. Counted only where the characters could
    make that many (a word and its space take two): HTML is judged by its body instead."""
    if file_format == "html" or len(text) <= 2 * MAX_PAGE_WORDS:
        return False
    return word_count(text) > MAX_PAGE_WORDS


def _failure(reading: Reading | Exception) -> str | None:
    """Why a page's reading is no article, or None when it is one."""
    if isinstance(reading, Exception):
        return f"unreadable_page:{type(reading).__name__}"
    words = word_count(reading.body)
    if words < MIN_BODY_WORDS:
        return "no_article_body"
    if words > MAX_BODY_WORDS:
        return "body_too_long"
    return None


def _read(files: pd.DataFrame) -> list[Reading | Exception]:
    """The batch's readings; when the batch fails, each page alone, so one bad page fails
    only itself."""
    pages = [(f.text, f.format == "html") for f in files.itertuples(index=False)]
    try:
        return list(read_pages(pages))
    except Exception:  # noqa: BLE001 - isolate the page that breaks, below
        log.warning("a page of the batch failed to read; reading one by one")
    readings: list[Reading | Exception] = []
    for (text, is_html), path in zip(pages, files["path"], strict=True):
        try:
            readings.append(read_page(text, is_html))
        except Exception as error:  # noqa: BLE001 - recorded as the file's outcome
            log.warning("cannot read %s: %r", path, error)
            readings.append(error)
    return readings


def _row(file, reading: Reading) -> dict:
    header = reading.header
    published, published_source = header.published, header.sources["published"]
    if published is None and file.format != "html":
        zone = header_zone(file.text, header.title, next(iter(reading.paragraphs), None))
        published = _relative_published(zone, file.mtime_ns)
        published_source = RELATIVE_TO_FILE_TIME if published else published_source
    return {
        "sha256": file.sha256,
        "path": file.path,
        "title": header.title,
        "published": published,
        "outlet": header.outlet,
        "authors": header.authors,
        "section": header.section,
        "body": reading.body,
        "paragraph_count": len(reading.paragraphs),
        "boilerplate_ratio": reading.boilerplate_ratio,
        "removed": reading.removed,
        "format": file.format,
        "credits": header.credits,
        "language": reading.article_language,
        **{f"{name}_source": header.sources[name] for name in header.sources},
        "published_source": published_source,
    }


def _relative_published(header_lines: list[str], mtime_ns) -> str | None:
    """A text page with no absolute date whose dateline says "Published 2 days ago": the day
    counted back from when the file was written (etl.page.relative_dates)."""
    if mtime_ns is None or pd.isna(mtime_ns):
        return None
    observed = dt.datetime.fromtimestamp(int(mtime_ns) / 1e9, dt.UTC)
    return relative_date(header_lines, observed)


def run(partition: Path) -> dict:
    pages, failures = read_files(staging.read_frame(partition / "files.parquet"))
    staging.write_frame(pages, partition / "pages.parquet", staging.PAGES)
    staging.write_frame(failures, partition / "read_failures.parquet", staging.FAILURES)
    return {"articles": len(pages), "failed": len(failures)}
