"""Clean stage: each new file's page read into a body, its removed blocks and header fields.

Decides what is an article: a body outside the word limits is a failure with its reason.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl import staging
from etl.limits import MAX_BODY_WORDS, MIN_BODY_WORDS
from etl.page.boilerplate import clean_boilerplate
from etl.page.header import read_header


def clean_files(files: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Body, removed blocks and header fields of every new file; too little body is a failure."""
    cleaned, failures = [], []
    for file in files[files["outcome"] == "new"].itertuples(index=False):
        result = clean_boilerplate(file.text)
        header = read_header(result)
        words = len(result.body.split())
        if words < MIN_BODY_WORDS or words > MAX_BODY_WORDS:
            reason = "no_article_body" if words < MIN_BODY_WORDS else "body_too_long"
            failures.append({"sha256": file.sha256, "stage": "clean", "reason": reason})
            continue
        cleaned.append(
            {
                "sha256": file.sha256,
                "path": file.path,
                "title": header.title,
                "published": header.published,
                "outlet": header.outlet,
                "authors": header.authors,
                "section": header.section,
                "body": result.body,
                "paragraph_count": len(result.paragraphs),
                "boilerplate_ratio": result.boilerplate_ratio,
                "removed": result.removed,
            }
        )
    return (
        pd.DataFrame(cleaned, columns=staging.CLEANED.names, dtype=object),
        pd.DataFrame(failures, columns=staging.FAILURES.names, dtype=object),
    )


def run(partition: Path) -> None:
    cleaned, failures = clean_files(staging.read_frame(partition / "files.parquet"))
    staging.write_frame(cleaned, partition / "cleaned.parquet", staging.CLEANED)
    staging.write_frame(failures, partition / "clean_failures.parquet", staging.FAILURES)
