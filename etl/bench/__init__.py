"""Benchmarks.

`bench clean`: boilerplate removal on a page set with gold bodies. The page set is read by
path (../shared/benchmarks/article_text_dev): text/<key>.txt, the page as text;
gold/<key>.json, its articleBody. Scoring uses the benchmark's own score_body.py from the
set's parent folder, so the figures match the published ones.

`bench fields`: extracted fields against the hand annotations of the sample inbox.

`bench extract`: the extract stage against the floor it cannot go under, spaCy's own
`nlp.pipe` with the same model and components over the same texts.
"""

from __future__ import annotations

import importlib.util
import tempfile
import time
from pathlib import Path

from etl.config import Settings
from etl.page.boilerplate import clean_boilerplate


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


def bench_fields(inbox: Path, gold: Path) -> dict:
    from etl.bench.score_fields import score_against_gold
    from etl.pipeline import extract_records

    return score_against_gold(gold, extract_records(inbox))


def bench_extract(inbox: Path, repeat: int = 3) -> dict:
    """Seconds of the extract stage and of bare nlp.pipe over the same texts, model loaded."""
    from etl.nlp.entities import load_model
    from etl.nlp.language import detect_language
    from etl.stages.clean import clean_files
    from etl.stages.extract import extract_fields
    from etl.stages.ingest import KnownFiles, ingest

    settings = Settings.from_env(inbox=inbox)
    files = ingest(inbox, KnownFiles(), settings.max_file_bytes)
    files.loc[files["outcome"] == "duplicate", "outcome"] = "new"
    cleaned, _ = clean_files(files)
    # The texts the stage gives the model: title and body of the English articles.
    texts = [
        f"{title}\n\n{body}" if title else body
        for title, body in zip(cleaned["title"], cleaned["body"], strict=True)
        if detect_language(body) in ("en", None)
    ]
    nlp = load_model(settings.spacy_model)
    stage = bare = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        extract_fields(cleaned, settings)
        stage = min(stage, time.perf_counter() - started)
        started = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=settings.batch_size, n_process=settings.n_process):
            pass
        bare = min(bare, time.perf_counter() - started)
    return {
        "articles": len(cleaned),
        "english_articles": len(texts),
        "characters": sum(map(len, texts)),
        "model": nlp.meta["name"],
        "components": nlp.pipe_names,
        "n_process": settings.n_process,
        "extract_seconds": round(stage, 3),
        "bare_nlp_pipe_seconds": round(bare, 3),
        "ratio": round(stage / bare, 3),
        "articles_per_second": round(len(cleaned) / stage, 1),
    }
