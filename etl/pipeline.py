"""The stages in order. Airflow tasks and the CLI call these same functions.

Each stage (etl/stages/) takes the run's partition directory, reads what earlier stages wrote
there and writes its own files, so any stage can be re-run on its own and produces the same
output. This module only sequences them, times them and prepares partitions.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from etl import ledger, staging, warehouse
from etl.config import Settings
from etl.export import records_of
from etl.stages import enrich, extract, ingest, load, read, validate

# Airflow writes a task's INFO lines to its log: one per stage, for whoever reads it.
log = logging.getLogger("etl.pipeline")


def _timed(stage: str, per_batch: bool = False) -> Callable:
    """Record the stage's wall time in the partition (per batch for a mapped stage), log one
    line with what the stage did (its counts and seconds), and write the attempt, failed or
    not, to the run ledger (etl/ledger.py) for the report."""

    def wrap(func: Callable) -> Callable:
        @functools.wraps(func)
        def run(partition: str | Path, *args, **kwargs):
            partition = Path(partition)
            name = f"{stage}.{args[0]}" if per_batch else stage  # args[0]: the batch
            started_at, started = dt.datetime.now(dt.UTC), time.perf_counter()
            try:
                counts = func(partition, *args, **kwargs)
            except Exception as error:
                seconds = time.perf_counter() - started
                ledger.record_attempt(partition, name, started_at, seconds, repr(error))
                log.error("%s failed after %.2f s: %r", name, seconds, error)
                raise
            seconds = time.perf_counter() - started
            staging.record_seconds(partition, name, seconds)
            ledger.record_attempt(partition, name, started_at, seconds, None)
            shown = ", ".join(f"{k}={v}" for k, v in counts.items() if k in _LOGGED)
            log.info("%s: %s in %.2f s (%s)", name, shown, seconds, partition.name)
            return counts

        return run

    return wrap


def prepare_partition(settings: Settings, run_id: str, **extra: object) -> Path:
    warehouse.require_writable(settings.warehouse)  # say so before staging is written beside it
    partition = staging.partition_for(settings.staging, run_id)
    partition.mkdir(parents=True, exist_ok=True)
    meta = partition / "run.json"
    if not meta.exists():  # a re-run keeps the run's original start time
        started = dt.datetime.now(dt.UTC).isoformat()
        staging.write_json({"run_id": run_id, "started_at": started, **extra}, meta)
    return partition


def prepare_reprocess(settings: Settings, run_id: str, reason_prefix: str | None) -> Path:
    """A partition whose inbox holds the kept payloads of still-quarantined files, written
    under their original relative paths with their original modification times (a page's
    "Published 2 days ago" counts from it), so the normal stages retry them after a fix."""
    partition = staging.partition_for(settings.staging, run_id)
    inbox = partition / "reprocess_inbox"
    retry = []
    kept = warehouse.quarantined_payloads(settings.warehouse, reason_prefix)
    for path, sha256, payload, mtime_ns in kept:
        target = (inbox / path).resolve()
        if not target.is_relative_to(inbox.resolve()):  # recorded paths are relative; be sure
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(payload)
        if mtime_ns is not None:
            os.utime(target, ns=(mtime_ns, mtime_ns))
        retry.append([path, sha256])
    return prepare_partition(settings, run_id, inbox=str(inbox), retry=retry)


# What the stages' counts say, in the log line (the load's summary carries more).
_LOGGED = (
    "files", "new", "duplicate", "quarantined", "deferred", "articles", "failed", "entities",
    "passed", "rejected", "blocked_by", "rows", "loaded", "duplicates", "status",
)  # fmt: skip


@_timed("ingest")
def run_ingest(partition: Path, settings: Settings) -> dict:
    return ingest.run(partition, settings)


@_timed("read")
def run_read(partition: Path) -> dict:
    return read.run(partition)


def plan_extract(partition: str | Path, settings: Settings) -> list[str]:
    return extract.plan(Path(partition), settings)


@_timed("extract", per_batch=True)
def run_extract_batch(partition: Path, batch: str, settings: Settings) -> dict:
    return extract.run_batch(partition, batch, settings)


def run_extract(partition: str | Path, settings: Settings) -> dict:
    """Every batch in turn, in this process (the CLI; the DAG maps the batches instead)."""
    counts = [
        run_extract_batch(Path(partition), b, settings) for b in plan_extract(partition, settings)
    ]
    return {"articles": sum(c["articles"] for c in counts)}


@_timed("validate")
def run_validate(partition: Path, settings: Settings) -> dict:
    return validate.run(partition, settings)


@_timed("enrich")
def run_enrich(partition: Path, settings: Settings) -> dict:
    return enrich.run(partition, settings.warehouse)


@_timed("load")
def run_load(partition: Path, settings: Settings) -> dict:
    return load.run(partition, settings.warehouse, settings.staging_retention_days)


def run_maintenance(settings: Settings) -> dict:
    """The warehouse's maintenance (etl.warehouse.maintenance), recorded in the ledger for
    the report; a DuckDB file is left as it is."""
    from etl.warehouse.maintenance import maintain

    started = dt.datetime.now(dt.UTC)
    done = maintain(settings.warehouse, keep=dt.timedelta(days=settings.lake_keep_days))
    if done["maintained"]:
        ledger.record_maintenance(ledger.ledger_folder(settings.staging), started, done)
    return done


def published_something(summary: dict) -> bool:
    """Whether a load's summary says its run published files (loaded, duplicate or
    quarantined): what should tell the warehouse's consumers to look again. A retried load
    that finds its run already published says so too, in case the first attempt died before
    telling anyone; a second report build is harmless."""
    return summary.get("files_seen", 0) > 0


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
        ("read", run_read),
        ("extract", lambda p: run_extract(p, settings)),
        ("validate", lambda p: run_validate(p, settings)),
        ("enrich", lambda p: run_enrich(p, settings)),
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


def extract_records(inbox: Path) -> dict[str, dict]:
    """Inbox path -> the fields extracted from it, or its status when it has none; the same
    stages as a run, without a warehouse (`python -m etl extract`)."""
    settings = Settings.from_env(inbox=inbox)
    files = ingest.ingest(inbox, ingest.KnownFiles(), settings.max_file_bytes)
    # Extraction output is per file: a copy of another file is extracted all the same.
    files.loc[files["outcome"] == "duplicate", "outcome"] = "new"
    pages, failures = read.read_files(files)
    return records_of(files, failures, extract.extract_fields(pages, settings))
