"""`python -m etl bench extract`: the extract stage against the floor it cannot go under,
spaCy's own `nlp.pipe` with the same model and components over the same texts."""

from __future__ import annotations

import time
from pathlib import Path

from etl.config import Settings


def bench_extract(inbox: Path, repeat: int = 3) -> dict:
    """Seconds of the extract stage and of bare nlp.pipe over the same texts, model loaded."""
    from etl.nlp.components import build_pipeline
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
    nlp = build_pipeline(settings.spacy_model)
    stage = bare = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        extract_fields(cleaned, settings)
        stage = min(stage, time.perf_counter() - started)
        started = time.perf_counter()
        # the floor: the model's own components, without this project's post-processing
        with nlp.select_pipes(disable=["news_mentions", "news_entities"]):
            for _doc in nlp.pipe(
                texts, batch_size=settings.batch_size, n_process=settings.n_process
            ):
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
