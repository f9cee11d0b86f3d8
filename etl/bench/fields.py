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

from etl.bench import train_header
from etl.bench.sets import pages, scorer
from etl.export import write_records
from etl.pipeline import extract_records


def bench_fields(inbox: Path, gold: Path) -> dict:
    from etl.bench.score_fields import score_against_gold

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


def bench_fields_cv(benchmarks: Path) -> dict:
    """The text header models' site-held-out figures on the metadata sets."""
    meta = scorer("score_meta", benchmarks)
    found = train_header.examples(benchmarks)
    threshold = train_header.choose_threshold(found, meta)
    return train_header.score(found, train_header.cross_validate(found, meta, threshold), meta)
