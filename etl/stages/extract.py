"""Extract stage: entities, amounts and quotes of the articles' bodies (entities and
quotes from the spaCy pipeline's components, etl.nlp.components).

Planned in batches (each its own file) so that the DAG can map extraction over them; every
batch is one spaCy pass.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl import staging
from etl.config import Settings
from etl.failpoints import failpoint
from etl.nlp.amounts import find_amounts
from etl.nlp.analysis import analyse
from etl.nlp.article_text import analysed_texts
from etl.nlp.entities import ner_model
from etl.nlp.language import UNDETERMINED
from etl.page.lines import word_count


def plan(partition: Path, settings: Settings) -> list[str]:
    """Split the read pages into batches of settings.extract_batch, each its own file, so
    that extraction can be mapped over them (Airflow dynamic task mapping, one worker each)."""
    pages = staging.read_frame(partition / "pages.parquet")
    folder = partition / "page_batches"
    folder.mkdir(exist_ok=True)
    size = max(1, settings.extract_batch)
    batches = []
    for number, start in enumerate(range(0, max(len(pages), 1), size)):
        batch = f"batch_{number:04d}"
        part = pages.iloc[start : start + size]
        staging.write_frame(part, folder / f"{batch}.parquet", staging.PAGES)
        batches.append(batch)
    staging.write_json({"batches": batches}, partition / "extract_plan.json")
    return batches


def run_batch(partition: Path, batch: str, settings: Settings) -> dict:
    articles = staging.read_frame(partition / "page_batches" / f"{batch}.parquet")
    target = partition / "extracted"
    target.mkdir(exist_ok=True)
    extracted = extract_fields(articles, settings)
    staging.write_frame(extracted, target / f"{batch}.parquet", staging.EXTRACTED)
    return {
        "articles": len(extracted),
        "entities": int(extracted["entities"].map(len).sum()) if len(extracted) else 0,
    }


def read_extracted(partition: Path) -> pd.DataFrame:
    """The planned batches' extractions, in plan order; refuses to go on with one missing."""
    planned = staging.read_json(partition / "extract_plan.json")["batches"]
    missing = [b for b in planned if not (partition / "extracted" / f"{b}.parquet").exists()]
    if missing:
        raise RuntimeError(f"extraction incomplete: planned {planned}, missing {missing}")
    frames = [staging.read_frame(partition / "extracted" / f"{b}.parquet") for b in planned]
    return pd.concat(frames, ignore_index=True)


def extract_fields(articles: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Word count, entities, amounts and quotes of the read pages' bodies: one spaCy pass per
    language that has a model (etl.nlp.entities.NER_MODELS) over all of that language's
    articles; amounts and quotes are read in English only (their patterns are English)."""
    if articles.empty:  # nothing new: do not pay for loading the model
        return articles.reindex(columns=staging.EXTRACTED.names)
    languages = articles["language"].fillna(UNDETERMINED).tolist()
    texts = analysed_texts(articles)
    entities: list[list[dict]] = [[] for _ in texts]
    amounts: list[list[dict]] = [[] for _ in texts]
    quotes: list[list[dict]] = [[] for _ in texts]
    models: list[str | None] = [None for _ in texts]
    for language in sorted(set(languages)):
        model = ner_model(language, settings.spacy_model)
        if model is None:
            continue
        members = [i for i, found in enumerate(languages) if found == language]
        found = analyse([texts[i] for i in members], model=model, weights=settings.ner_weights,
                        batch_size=settings.batch_size, n_process=settings.n_process)  # fmt: skip
        for i, analysis in zip(members, found, strict=True):
            entities[i], models[i] = analysis.entities, model
            if language == "en":
                quotes[i] = analysis.quotes
                amounts[i] = find_amounts(articles["body"].iat[i])
    failpoint("extract:after_model")
    return articles.assign(
        word_count=[word_count(body) for body in articles["body"]],
        ner_model=models,
        entities=entities,
        amounts=amounts,
        quotes=quotes,
    )
