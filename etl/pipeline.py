"""The five stages. Airflow tasks and the CLI call these same functions.

Each stage takes the run's partition directory, reads what earlier stages wrote there and
writes its own file, so any stage can be re-run on its own and produces the same output.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pandas as pd

from etl import staging, warehouse
from etl.amounts import find_amounts
from etl.clean import MIN_BODY_WORDS, clean_boilerplate
from etl.config import Settings
from etl.entities import canonical_forms, canonicalise, find_mentions
from etl.failpoints import failpoint
from etl.ingest import ingest
from etl.keys import date_key
from etl.language import detect_language
from etl.metadata import read_header
from etl.model import Batch, build_tables
from etl.model_entities import entity_blocks
from etl.quotes import find_quotes
from etl.validate import audit_batch
from expectations.article_suite import MAX_WORDS as MAX_BODY_WORDS


def _timed(stage: str, per_batch: bool = False) -> Callable:
    """Record the stage's wall time in the partition, one file per stage (and per batch of a
    mapped stage, so parallel tasks never write the same file), for etl_run.stage_seconds."""

    def wrap(func: Callable) -> Callable:
        @functools.wraps(func)
        def run(partition: str | Path, *args, **kwargs):
            started = time.perf_counter()
            result = func(Path(partition), *args, **kwargs)
            name = f"{stage}.{args[0]}" if per_batch else stage  # args[0]: the batch
            folder = Path(partition) / "seconds"
            folder.mkdir(exist_ok=True)
            staging.write_json({"seconds": time.perf_counter() - started}, folder / f"{name}.json")
            return result

        return run

    return wrap


def stage_seconds(partition: Path) -> dict[str, float]:
    """Seconds per stage; a mapped stage's batches are summed (work, not wall time)."""
    totals: dict[str, float] = {}
    for file in sorted((Path(partition) / "seconds").glob("*.json")):
        stage = file.stem.split(".")[0]
        totals[stage] = totals.get(stage, 0.0) + staging.read_json(file)["seconds"]
    return {stage: round(seconds, 3) for stage, seconds in totals.items()}


def prepare_partition(settings: Settings, run_id: str, **extra: object) -> Path:
    partition = staging.partition_for(settings.staging, run_id)
    partition.mkdir(parents=True, exist_ok=True)
    meta = partition / "run.json"
    if not meta.exists():  # a re-run keeps the run's original start time
        started = dt.datetime.now(dt.UTC).isoformat()
        staging.write_json({"run_id": run_id, "started_at": started, **extra}, meta)
    return partition


def prepare_reprocess(settings: Settings, run_id: str, reason_prefix: str | None) -> Path:
    """A partition whose inbox holds the kept payloads of still-quarantined files, written
    under their original relative paths, so the normal stages retry them after a fix."""
    partition = staging.partition_for(settings.staging, run_id)
    inbox = partition / "reprocess_inbox"
    retry = []
    for path, sha256, payload in warehouse.quarantined_payloads(settings.warehouse, reason_prefix):
        target = (inbox / path).resolve()
        if not target.is_relative_to(inbox.resolve()):  # recorded paths are relative; be sure
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(payload)
        retry.append([path, sha256])
    return prepare_partition(settings, run_id, inbox=str(inbox), retry=retry)


@_timed("ingest")
def run_ingest(partition: Path, settings: Settings) -> str:
    meta = staging.read_json(partition / "run.json")
    known = warehouse.known_files(settings.warehouse)
    retry = {tuple(pair) for pair in meta.get("retry", [])}
    known = replace(known, seen=known.seen - retry)  # retried files count as new again
    files = ingest(
        Path(meta.get("inbox") or settings.inbox),
        known,
        settings.max_file_bytes,
        settings.max_files_per_run,
    )
    staging.write_frame(files, partition / "files.parquet", staging.FILES)
    staging.write_json({"deferred": files.attrs["deferred"]}, partition / "ingest.json")
    return str(partition)


@_timed("clean")
def run_clean(partition: Path) -> str:
    cleaned, failures = clean_files(staging.read_frame(partition / "files.parquet"))
    staging.write_frame(cleaned, partition / "cleaned.parquet", staging.CLEANED)
    staging.write_frame(failures, partition / "clean_failures.parquet", staging.FAILURES)
    return str(partition)


def clean_files(files: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Body, removed blocks and header fields of every new file; too little body is a failure."""
    cleaned, failures = [], []
    for file in files[files["outcome"] == "new"].itertuples(index=False):
        result = clean_boilerplate(file.text)
        header = read_header(result)
        words = len(result.body.split())
        if words < MIN_BODY_WORDS or words > MAX_BODY_WORDS:
            reason = "no_article_body" if words < MIN_BODY_WORDS else "body_too_long"
            failures.append({"sha256": file.sha256, "stage": "clean", "reason": reason})
            continue
        cleaned.append(
            {
                "sha256": file.sha256,
                "path": file.path,
                "title": header.title,
                "published": header.published,
                "outlet": header.outlet,
                "authors": header.authors,
                "section": header.section,
                "body": result.body,
                "paragraph_count": len(result.paragraphs),
                "boilerplate_ratio": result.boilerplate_ratio,
                "removed": result.removed,
            }
        )
    return (
        pd.DataFrame(cleaned, columns=staging.CLEANED.names, dtype=object),
        pd.DataFrame(failures, columns=staging.FAILURES.names, dtype=object),
    )


def plan_extract(partition: str | Path, settings: Settings) -> list[str]:
    """Split the cleaned articles into batches of settings.extract_batch, each its own file, so
    that extraction can be mapped over them (Airflow dynamic task mapping, one worker each)."""
    partition = Path(partition)
    cleaned = staging.read_frame(partition / "cleaned.parquet")
    folder = partition / "cleaned_batches"
    folder.mkdir(exist_ok=True)
    size = max(1, settings.extract_batch)
    batches = []
    for number, start in enumerate(range(0, max(len(cleaned), 1), size)):
        batch = f"batch_{number:04d}"
        part = cleaned.iloc[start : start + size]
        staging.write_frame(part, folder / f"{batch}.parquet", staging.CLEANED)
        batches.append(batch)
    staging.write_json({"batches": batches}, partition / "extract_plan.json")
    return batches


@_timed("extract", per_batch=True)
def run_extract_batch(partition: Path, batch: str, settings: Settings) -> str:
    articles = staging.read_frame(partition / "cleaned_batches" / f"{batch}.parquet")
    target = partition / "extracted"
    target.mkdir(exist_ok=True)
    staging.write_frame(
        extract_fields(articles, settings), target / f"{batch}.parquet", staging.EXTRACTED
    )
    return batch


def run_extract(partition: str | Path, settings: Settings) -> str:
    """Every batch in turn, in this process (the CLI; the DAG maps the batches instead)."""
    for batch in plan_extract(partition, settings):
        run_extract_batch(Path(partition), batch, settings)
    return str(partition)


def read_extracted(partition: Path, done: list[str] | None = None) -> pd.DataFrame:
    """The planned batches' extractions, in plan order; refuses to go on with one missing."""
    planned = staging.read_json(partition / "extract_plan.json")["batches"]
    if done is not None and sorted(done) != sorted(planned):
        raise RuntimeError(f"extraction incomplete: planned {planned}, done {sorted(done)}")
    frames = [staging.read_frame(partition / "extracted" / f"{b}.parquet") for b in planned]
    return pd.concat(frames, ignore_index=True)


def extract_fields(articles: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Language, word count, entities, amounts and quotes for cleaned articles, in one spaCy
    pass over all of them."""
    if articles.empty:  # nothing new: do not pay for loading the model
        return articles.reindex(columns=staging.EXTRACTED.names)
    languages = [detect_language(body) for body in articles["body"]]
    texts = [
        f"{title}\n\n{body}" if title else body
        for title, body in zip(articles["title"], articles["body"], strict=True)
    ]
    # The English model and patterns on other languages find mostly noise; those wait for
    # their own model.
    english = [i for i, language in enumerate(languages) if language in ("en", None)]
    found = find_mentions(
        [texts[i] for i in english],
        model=settings.spacy_model,
        batch_size=settings.batch_size,
        n_process=settings.n_process,
    )
    entities: list[list[dict]] = [[] for _ in texts]
    amounts: list[list[dict]] = [[] for _ in texts]
    quotes: list[list[dict]] = [[] for _ in texts]
    failpoint("extract:after_model")
    for i, mentions in zip(english, found, strict=True):
        forms = canonical_forms(mentions)
        entities[i] = canonicalise(mentions, forms)
        quotes[i] = find_quotes(texts[i], mentions, forms)
        amounts[i] = find_amounts(articles["body"].iat[i])
    return articles.assign(
        language=languages,
        word_count=[len(body.split()) for body in articles["body"]],
        entities=entities,
        amounts=amounts,
        quotes=quotes,
    )


@_timed("validate")
def run_validate(partition: Path, settings: Settings, done: list[str] | None = None) -> str:
    articles = read_extracted(partition, done)
    run_id = staging.read_json(partition / "run.json")["run_id"]
    frame = articles.drop(columns=["removed", "entities", "amounts", "quotes", "authors"]).assign(
        published_date_key=pd.array([date_key(p) for p in articles["published"]], dtype="Int64"),
        entity_count=[len(e) for e in articles["entities"]],
    )
    audit = audit_batch(
        frame, settings.staging / "gx", settings.reports / "data_docs", run_id=run_id
    )
    failpoint("validate:after_audit")
    rejected = articles["sha256"].isin(list(audit.rejected))
    staging.write_frame(articles[~rejected], partition / "validated.parquet", staging.EXTRACTED)
    failures = pd.DataFrame(
        [
            {"sha256": sha, "stage": "validate", "reason": "validation:" + ";".join(names)}
            for sha, names in audit.rejected.items()
        ]
    )
    staging.write_frame(failures, partition / "validate_failures.parquet", staging.FAILURES)
    audit.results.to_parquet(partition / "dq_result.parquet", index=False)
    staging.write_json(
        {"blocked_by": audit.blocked_by, "data_docs": audit.data_docs},
        partition / "audit.json",
    )
    return str(partition)


@_timed("load")
def run_load(partition: Path, settings: Settings) -> dict:
    meta = staging.read_json(partition / "run.json")
    audit = staging.read_json(partition / "audit.json")
    failures = pd.concat(
        [
            staging.read_frame(partition / "clean_failures.parquet"),
            staging.read_frame(partition / "validate_failures.parquet"),
        ],
        ignore_index=True,
    )
    batch = Batch(
        run_id=meta["run_id"],
        started_at=dt.datetime.fromisoformat(meta["started_at"]),
        finished_at=dt.datetime.now(dt.UTC),
        files=staging.read_frame(partition / "files.parquet"),
        failures=failures,
        articles=staging.read_frame(partition / "validated.parquet"),
        dq_results=pd.read_parquet(partition / "dq_result.parquet"),
        blocked_by=audit["blocked_by"],
        stage_seconds=stage_seconds(partition),
        retried=frozenset(tuple(pair) for pair in meta.get("retry", [])),
    )
    batch.entity_catalog = warehouse.entity_catalog(
        settings.warehouse, entity_blocks(batch.articles)
    )
    batch.story_lookup = functools.partial(warehouse.story_catalog, settings.warehouse)
    summary = warehouse.publish(settings.warehouse, build_tables(batch), batch.run_id)
    ingested = partition / "ingest.json"
    deferred = staging.read_json(ingested)["deferred"] if ingested.exists() else 0
    return summary | {
        "deferred_to_next_run": deferred,
        "warehouse": str(settings.warehouse),
        "data_docs": audit["data_docs"],
    }


def run_all(
    settings: Settings,
    run_id: str,
    progress: Callable[[str], None] | None = None,
    *,
    reprocess: bool = False,
    reason_prefix: str | None = None,
) -> dict:
    """Every stage in order, one run per warehouse at a time; progress(stage) before each.
    With reprocess, the run's inbox is the kept payloads of still-quarantined files."""
    stages: list[tuple[str, Callable[[Path], object]]] = [
        ("ingest", lambda p: run_ingest(p, settings)),
        ("clean", run_clean),
        ("extract", lambda p: run_extract(p, settings)),
        ("validate", lambda p: run_validate(p, settings)),
        ("load", lambda p: run_load(p, settings)),
    ]
    with warehouse.run_lock(settings.warehouse):
        if reprocess:
            partition = prepare_reprocess(settings, run_id, reason_prefix)
        else:
            partition = prepare_partition(settings, run_id)
        result: object = None
        for name, stage in stages:
            if progress is not None:
                progress(name)
            result = stage(partition)
        return result  # the load's summary
