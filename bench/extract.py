"""`python -m etl bench extract`: the extract stage against the floor it cannot go under,
spaCy's own `nlp.pipe` with the same model and components over the same texts."""

from __future__ import annotations

import time
from pathlib import Path

from etl.config import Settings


def bench_extract(inbox: Path, repeat: int = 3) -> dict:
    """Seconds of the extract stage and of bare nlp.pipe over the same texts, models loaded."""
    from etl.nlp.article_text import analysed_text
    from etl.nlp.components import build_pipeline
    from etl.nlp.entities import ner_model
    from etl.stages.extract import extract_fields
    from etl.stages.ingest import KnownFiles, ingest
    from etl.stages.read import read_files

    settings = Settings.from_env(inbox=inbox)
    files = ingest(inbox, KnownFiles(), settings.max_file_bytes)
    files.loc[files["outcome"] == "duplicate", "outcome"] = "new"
    pages, _ = read_files(files)
    # The texts the stage gives each language's model: headline, dateline and body.
    texts: dict[str, list[str]] = {}
    for article in pages.itertuples(index=False):
        model = ner_model(article.language, settings.spacy_model)
        if model is not None:
            text = analysed_text(article.title, article.removed, article.body, article.authors)
            texts.setdefault(model, []).append(text)
    pipelines = {model: build_pipeline(model, settings.ner_weights) for model in texts}
    stage = bare = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        extract_fields(pages, settings)
        stage = min(stage, time.perf_counter() - started)
        started = time.perf_counter()
        # the floor: the models' own components, without this project's post-processing
        for model, nlp in pipelines.items():
            with nlp.select_pipes(disable=["news_mentions", "news_entities"]):
                for _doc in nlp.pipe(
                    texts[model], batch_size=settings.batch_size, n_process=settings.n_process
                ):
                    pass
        bare = min(bare, time.perf_counter() - started)
    english = pipelines.get(ner_model("en", settings.spacy_model))
    return {
        "articles": len(pages),
        "articles_by_model": {model: len(found) for model, found in sorted(texts.items())},
        "characters": sum(len(t) for found in texts.values() for t in found),
        "components": english.pipe_names if english is not None else [],
        "n_process": settings.n_process,
        "extract_seconds": round(stage, 3),
        "bare_nlp_pipe_seconds": round(bare, 3),
        "ratio": round(stage / bare, 3),
        "articles_per_second": round(len(pages) / stage, 1),
    }
