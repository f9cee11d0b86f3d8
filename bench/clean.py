"""`python -m etl bench clean`: the clean stage's bodies on a page set with gold bodies.

Scored with the benchmark's own score_body.py. The plain figure reads every page with the
shipped model, which was fitted on the development sets: on those sets it is a training
figure. `--cv` gives the figure that counts, each page read by a model fitted without its
site (GroupKFold by site), so it measures sites the model has never seen.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

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


# The constants tried when the body's constants are chosen again inside each fold: every
# combination of these, the shipped constants among them. The wire items' training weight
# (train.WIRE_WEIGHT) needs a body model fitted per value; HTML has no wire items.
KEEP_INSIDE_GRID = (0.1, 0.2, 0.3)
KEEP_OUTSIDE_GRID = (0.8, 0.9, 0.95)
GAP_UNITS_GRID = {"text": (0.0, 6.0, 12.0, 24.0), "html": (0.0,)}
PROSE_WEIGHT_GRID = {"text": (0.0, 0.3, 1.0), "html": (0.0, 0.05, 0.3)}
WIRE_WEIGHT_GRID = {"text": (0.01, 0.05, 0.2, 1.0), "html": (train.WIRE_WEIGHT,)}


@dataclass(frozen=True)
class BodyConstants:
    wire_weight: float
    decoding: body.Decoding


def bench_clean_nested(kind: str = "text", benchmarks: Path = BENCHMARKS) -> dict:
    """Site-held-out body figures with the body's constants (the wire weight and the
    decoding, body.Decoding) chosen inside each fold's training sites, by inner
    leave-site-out folds of those sites alone, then a model fitted on them with the chosen
    weight reading the held-out sites; and what the same choice makes on every page. The
    shipped constants' site-held-out figures are bench_clean_cv's (what choosing them on the
    reported folds was worth is the difference)."""
    from sklearn.model_selection import GroupKFold

    metric = scorer("score_body", benchmarks)
    found = train.examples(kind, benchmarks)
    held_out: list[tuple] = [()] * len(found)
    chosen = []
    for fitted_on, test in GroupKFold(n_splits=train.FOLDS).split(
        found, groups=[e.page.site for e in found]
    ):
        training = [found[i] for i in fitted_on]
        constants = choose_constants(training, kind, metric)
        chosen.append(_described(constants))
        model = train.fit(training, constants.wire_weight)
        for i in test:
            probability = model.predict(found[i].rows) if len(found[i].rows) else np.zeros(0)
            held_out[i] = _read(metric, found[i], probability, constants.decoding)
    by_set = {}
    for name in _set_names(found):
        pages_of = [i for i, e in enumerate(found) if e.page.set_name == name]
        by_set[name] = train.f1_of_means(metric, [held_out[i] for i in pages_of])
    return {
        "by_set": by_set,
        "shipped": _described(BodyConstants(train.WIRE_WEIGHT, body.DECODING[kind])),
        "chosen_per_fold": chosen,
        "chosen_on_every_page": _described(choose_constants(found, kind, metric)),
    }


def choose_constants(found: list, kind: str, metric) -> BodyConstants:
    """The wire weight and decoding whose pages, each read by a model fitted without its
    site (leave-site-out folds of these pages alone), score the best mean of each set's F1
    (every set weighs the same); of equal figures, the shipped constants."""
    from itertools import product

    decodings = [body.Decoding(*values) for values in product(
        KEEP_INSIDE_GRID, KEEP_OUTSIDE_GRID, GAP_UNITS_GRID[kind], PROSE_WEIGHT_GRID[kind]
    )]  # fmt: skip
    sets = [[i for i, e in enumerate(found) if e.page.set_name == n] for n in _set_names(found)]
    shipped = BodyConstants(train.WIRE_WEIGHT, body.DECODING[kind])
    scored = {}
    for wire_weight in WIRE_WEIGHT_GRID[kind]:
        probabilities = train.cross_validate(found, wire_weight)
        for decoding in decodings:
            rows = [_read(metric, e, p, decoding) for e, p in zip(found, probabilities,
                    strict=True)]  # fmt: skip
            constants = BodyConstants(wire_weight, decoding)
            scored[constants] = (_mean_f1(metric, rows, sets), constants == shipped)
    return max(scored, key=scored.__getitem__)


def _described(constants: BodyConstants) -> dict:
    return {"wire_weight": constants.wire_weight, **vars(constants.decoding)}


def _set_names(found: list) -> list[str]:
    return list(dict.fromkeys(e.page.set_name for e in found))


def _read(metric, example, probability, how: body.Decoding) -> tuple:
    return metric.tp_fp_fn(example.gold, _body(example, probability, how))


def _mean_f1(metric, rows: list[tuple], sets: list[list[int]]) -> float:
    """The mean of each set's F1 over its pages' rows: every set weighs the same."""
    return statistics.mean(train.f1_of_means(metric, [rows[i] for i in s])["f1"] for s in sets if s)


def _body(example, probability, how: body.Decoding) -> str:
    selection = body.select(example.lines, probability, example.rows, example.kind, how)
    return "\n\n".join(line.text for line in selection.body_lines)


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
