"""Load stage: publish the tables the enrich stage wrote, in one transaction; then delete
staging partitions older than the retention setting.

A run that found nothing (no file seen, nothing released or superseded: its tables hold only
its own record) publishes nothing: the snapshot would copy the whole warehouse to add one
etl_run row, every quarter of an hour, whatever the history's size. Its etl_run row goes to
the run ledger (etl.ledger.record_quiet_run), where the report reads it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from etl import ledger, staging
from etl.warehouse import connect, publish, run_summary

# The tables a batch fills whatever it found: the run's own record, its audit, and the run's
# day in the calendar (a dimension row only the batch's facts would refer to). A batch with
# rows in no other table is quiet.
RUN_RECORD = ("etl_run", "dq_result", "dim_date")


def run(partition: Path, warehouse: Path, retention_days: float | None = None) -> dict:
    tables = staging.read_tables(partition / "tables")
    # The run's row closes now, with every stage's time but this one's.
    tables["etl_run"] = tables["etl_run"].assign(
        finished_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        stage_seconds=json.dumps(staging.stage_seconds(partition)),
    )
    run_id = tables["etl_run"]["run_id"].iat[0]
    if is_quiet(tables):  # a rerun of a run that published is still that run
        summary = _published_before(warehouse, run_id)
        summary = summary or _record_quiet(partition, tables["etl_run"])
    else:
        summary = publish(warehouse, tables, run_id) | {"published": True}
    pruned = []
    if retention_days is not None:  # only after a publish that succeeded
        pruned = staging.prune_others(partition, dt.timedelta(days=retention_days))
    ingested = partition / "ingest.json"
    audit = staging.read_json(partition / "audit.json")
    return summary | {
        "deferred_to_next_run": staging.read_json(ingested)["deferred"] if ingested.exists() else 0,
        "warehouse": str(warehouse),
        "data_docs": audit["data_docs"],
        "staging_partitions_deleted": len(pruned),
    }


def is_quiet(tables: dict) -> bool:
    """Nothing but the run's own record, and the audit did not block it."""
    others = [frame for name, frame in tables.items() if name not in RUN_RECORD]
    status = tables["etl_run"]["status"].iat[0]
    return status == "success" and all(frame.empty for frame in others)


def _published_before(warehouse: Path, run_id: str) -> dict | None:
    """The summary of the run as published, if it was (its rerun finds its files known)."""
    if not warehouse.exists():
        return None
    with connect(warehouse, read_only=True) as con:
        found = run_summary(con, run_id)
    return None if found is None else found | {"already_published": True, "published": True}


def _record_quiet(partition: Path, etl_run) -> dict:
    """The run's etl_run row into the ledger; the summary a publish would have given."""
    (run,) = json.loads(etl_run.to_json(orient="records", date_format="iso"))
    ledger.record_quiet_run(ledger.partition_ledger(partition), run)
    keys = ("run_id", "status", "files_seen", "loaded", "duplicates", "quarantined", "blocked_by")
    return {key: run[key] for key in keys} | {"already_published": False, "published": False}
