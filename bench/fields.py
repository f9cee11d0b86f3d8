"""`python -m etl bench fields`: header fields against gold.

Without --set: every field of the sample inbox against its hand annotations
(tests/gold/sample_inbox.json). With --set DIR: title, publication date, authors and outlet
of a metadata set in ../shared/benchmarks format, read as text or HTML through the same
`extract` path as a run, scored by the benchmark's score_meta.py (readability_dev's gold is
mapped to the same fields); --cv adds the text header models' site-held-out figures.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from bench import train_header
from bench.sets import pages, scorer
from etl.export import write_records
from etl.limits import MIN_BODY_WORDS
from etl.page.lines import word_count
from etl.page.reader import read_pages
from etl.pipeline import extract_records


def bench_fields(inbox: Path, gold: Path) -> dict:
    from bench.score_fields import score_against_gold

    return score_against_gold(gold, extract_records(inbox))


def bench_fields_set(folder: Path, kind: str = "text") -> dict:
    """score_meta.py's figures for this project on a set's text or HTML pages."""
    meta = scorer("score_meta", folder.parent)
    found = pages(folder)
    with tempfile.TemporaryDirectory() as work:
        inbox, out = Path(work, "inbox"), Path(work, "out")
        inbox.mkdir()
        for page in found:
            suffix = ".txt" if kind == "text" else ".html"
            shutil.copy(folder / kind / f"{page.key}{suffix}", inbox / f"{page.key}{suffix}")
        write_records(extract_records(inbox), out)
        predicted = {p.stem: json.loads(p.read_text("utf-8")) for p in out.glob("*.json")}
    pairs = [(train_header.gold_of(page), predicted.get(page.key, {})) for page in found]
    return {"set": folder.name, "input": kind} | train_header.figures(pairs, meta)


def bench_fields_cv(folder: Path, kind: str = "text") -> dict:
    """The set's figures with header models fitted, and their constants chosen, without each
    page's site (GroupKFold by site over both metadata sets, nested), the pages read as
    `kind` through the clean stage's reader: what the fields score on sites never seen."""
    meta = scorer("score_meta", folder.parent)
    # fitted as `etl train header` fits the shipped models
    found = train_header.examples(folder.parent, train_header.held_out_body(folder.parent))
    pairs = []
    for test_rows, fitted in train_header.held_out_fits(found, meta):
        test = [found[i].page for i in test_rows if found[i].page.set_name == folder.name]
        inputs = [(p.text() if kind == "text" else p.html(), kind == "html") for p in test]
        for page, reading in zip(test, read_pages(inputs, fitted), strict=True):
            pairs.append((train_header.gold_of(page), prediction(reading)))
    return {"set": folder.name, "input": kind} | train_header.figures(pairs, meta)


def prediction(reading) -> dict:
    """What `etl extract` would write for the page: fields only when it has a body."""
    if word_count(reading.body) < MIN_BODY_WORDS:
        return {}
    return {name: getattr(reading.header, name) for name in ("title", "published", "authors",
                                                             "outlet")}  # fmt: skip
