"""Benchmarks. `bench clean`: boilerplate removal on a page set with gold bodies.

The page set is read by path (../shared/benchmarks/article_text_dev): text/<key>.txt, the
page as text; gold/<key>.json, its articleBody. Scoring uses the benchmark's own
score_body.py from the set's parent folder, so the figures match the published ones.
"""

from __future__ import annotations

import importlib.util
import tempfile
import time
from pathlib import Path

from etl.clean import clean_boilerplate


def bench_clean(pages: Path, repeat: int = 3) -> dict:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((pages / "text").glob("*.txt"))}
    if not texts:
        raise FileNotFoundError(f"no pages under {pages / 'text'}")
    best = float("inf")
    for _ in range(repeat):  # the fastest pass: least disturbed by the rest of the machine
        started = time.perf_counter()
        bodies = {key: clean_boilerplate(text).body for key, text in texts.items()}
        best = min(best, time.perf_counter() - started)
    scorer = _load_scorer(pages.parent / "score_body.py")
    with tempfile.TemporaryDirectory() as out:
        for key, body in bodies.items():
            (Path(out) / f"{key}.txt").write_text(body, encoding="utf-8")
        scores = scorer.score(pages / "gold", Path(out))
    return {
        "pages": len(texts),
        "f1": round(scores["f1"], 3),
        "precision": round(scores["precision"], 3),
        "recall": round(scores["recall"], 3),
        "pages_per_second": round(len(texts) / best, 1),
    }


def _load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_body", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
