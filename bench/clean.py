"""`python -m etl bench clean`: the clean stage's bodies on a page set with gold bodies.

Scored with the benchmark's own score_body.py. The plain figure reads every page with the
shipped model, which was fitted on the development sets: on those sets it is a training
figure. `--cv` gives the figure that counts, each page read by a model fitted without its
site (GroupKFold by site), so it measures sites the model has never seen.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from pathlib import Path

from bench import train
from bench.sets import BENCHMARKS, pages, scorer
from etl.page import body, lines
from etl.page.header import read_header
from etl.page.memo import forget_seen_texts
from etl.page.reader import PreparedPage, page_language, read_pages, removed_blocks


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


def clean_phases(folder: Path, repeat: int = 3) -> dict[str, float]:
    """Where the clean stage's time goes on plain text: milliseconds a page for each step
    read_pages takes, every pass reading the pages as never seen, the fastest pass kept."""
    texts = [page.text() for page in pages(folder)]
    best: dict[str, float] = {}
    for _ in range(repeat):
        forget_seen_texts()
        spent: Counter[str] = Counter()
        for text in texts:
            _read_timed(text, spent)
        best = {step: min(ms, best.get(step, ms)) for step, ms in spent.items()}
    per_page = {step: round(ms / len(texts), 3) for step, ms in best.items()}
    return {"pages": len(texts), "ms_per_page": per_page, "total": round(sum(per_page.values()), 3)}


def _read_timed(text: str, spent: Counter) -> None:
    """read_pages' steps for one text page, each timed into spent (milliseconds)."""

    def timed(step: str, function, *args):
        started = time.perf_counter()
        result = function(*args)
        spent[step] += (time.perf_counter() - started) * 1000
        return result

    page_lines = timed("split into lines", lines.split_lines, text)
    timed("rules", lines.classify, page_lines)
    scores = timed("line features", lines.prose_scores, page_lines)
    rows = timed("line features", lines.features, page_lines, scores)
    probability = timed("body model", body.predict, "text", [rows])[0]
    selection = timed("body selection", body.select, page_lines, probability, rows, "text")
    prepared = PreparedPage(page_lines, rows, "text")
    language = timed("language", page_language, prepared)
    _, used = timed("header", read_header, page_lines, selection.start, probability, language)
    timed("removed blocks", removed_blocks, page_lines, selection.keep, used, None)
