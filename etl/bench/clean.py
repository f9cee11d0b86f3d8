"""`python -m etl bench clean`: the clean stage's bodies on a page set with gold bodies.

Scored with the benchmark's own score_body.py. The plain figure reads every page with the
shipped model, which was fitted on the development sets: on those sets it is a training
figure. `--cv` gives the figure that counts, each page read by a model fitted without its
site (GroupKFold by site), so it measures sites the model has never seen.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from etl.bench import train
from etl.bench.sets import BENCHMARKS, pages, scorer
from etl.page.memo import forget_seen_texts
from etl.page.reader import read_pages


def bench_clean(folder: Path, kind: str = "text", repeat: int = 3) -> dict:
    """Body F1, precision, recall and pages per second of the clean stage on one set."""
    found = pages(folder)
    if not found:
        raise FileNotFoundError(f"no gold pages under {folder}")
    inputs = [(p.text() if kind == "text" else p.html(), kind == "html") for p in found]
    best = float("inf")
    for _ in range(repeat):  # the fastest pass: least disturbed by the rest of the machine
        forget_seen_texts()  # each pass reads the pages as never seen
        started = time.perf_counter()
        readings = read_pages(inputs)
        best = min(best, time.perf_counter() - started)
    metric = scorer("score_body", folder.parent)
    with tempfile.TemporaryDirectory() as out:
        for page, reading in zip(found, readings, strict=True):
            (Path(out) / f"{page.key}.txt").write_text(reading.body, encoding="utf-8")
        scores = metric.score(folder / "gold", Path(out))
    return {
        "set": folder.name,
        "input": kind,
        "pages": len(found),
        "f1": round(scores["f1"], 3),
        "precision": round(scores["precision"], 3),
        "recall": round(scores["recall"], 3),
        "pages_per_second": round(len(found) / best, 1),
    }


def bench_clean_cv(kind: str = "text", benchmarks: Path = BENCHMARKS) -> dict:
    """Site-held-out body figures on every body set, read as `kind`."""
    found = train.examples(kind, benchmarks)
    return train.score(found, train.cross_validate(found), benchmarks)
