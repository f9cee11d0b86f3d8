"""`python -m etl bench fields`: header fields against gold.

Without --set: every field of the sample inbox against its hand annotations
(tests/gold/sample_inbox.json). With --set DIR: title, publication date, authors and outlet
of a metadata set in ../shared/benchmarks format, read as text or HTML through the same
`extract` path as a run, scored by the benchmark's score_meta.py (readability_dev's gold is
mapped to the same fields); --cv adds the text header models' site-held-out figures, --curve
those figures with the models fitted on a share of each fold's training sites.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from collections.abc import Sequence
from functools import partial
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
    pairs = _held_out_pairs(folder, kind, found, train_header.held_out_fits(found, meta))
    return {"set": folder.name, "input": kind} | train_header.figures(pairs, meta)


# The shares of each fold's training sites, and the seeds that draw them, of the learning curve.
CURVE_SHARES = (0.5, 0.75, 1.0)
CURVE_SEEDS = (1, 2)


def bench_fields_curve(folder: Path, kind: str = "text") -> list[dict]:
    """The set's held-out figures as `bench_fields_cv` reads them, with each fold's models
    fitted (and their constants chosen) on a share of that fold's training sites, drawn with
    each seed: whether more sites would move the figures."""
    meta = scorer("score_meta", folder.parent)
    found = train_header.examples(folder.parent, train_header.held_out_body(folder.parent))
    sites = [e.page.site for e in found]
    curve = []
    for share in CURVE_SHARES:
        for seed in CURVE_SEEDS if share < 1 else CURVE_SEEDS[:1]:
            keep = partial(sites_kept, sites=sites, share=share, seed=seed)
            fits = train_header.held_out_fits(found, meta, keep)
            pairs = _held_out_pairs(folder, kind, found, fits)
            curve.append({"share": share, "seed": seed} | train_header.figures(pairs, meta))
    return curve


def sites_kept(rows: Sequence[int], sites: list[str], share: float, seed: int) -> list[int]:
    """The rows of a share of the sites those rows come from, the sites drawn with the seed."""
    among = sorted({sites[i] for i in rows})
    kept = set(random.Random(seed).sample(among, round(share * len(among))))
    return [i for i in rows if sites[i] in kept]


def _held_out_pairs(folder: Path, kind: str, found: list, fits) -> list[tuple[dict, dict]]:
    """(gold, prediction) of the set's pages, each read with the models of its fold."""
    pairs = []
    for test_rows, fitted in fits:
        test = [found[i].page for i in test_rows if found[i].page.set_name == folder.name]
        inputs = [(p.text() if kind == "text" else p.html(), kind == "html") for p in test]
        for page, reading in zip(test, read_pages(inputs, fitted), strict=True):
            pairs.append((train_header.gold_of(page), prediction(reading)))
    return pairs


def prediction(reading) -> dict:
    """What `etl extract` would write for the page: fields only when it has a body."""
    if word_count(reading.body) < MIN_BODY_WORDS:
        return {}
    return {name: getattr(reading.header, name) for name in ("title", "published", "authors",
                                                             "outlet")}  # fmt: skip
