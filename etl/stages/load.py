"""Load stage: publish the tables the enrich stage wrote, in one transaction; then delete
staging partitions older than the retention setting."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from etl import staging
from etl.warehouse import publish


def run(partition: Path, warehouse: Path, retention_days: float | None = None) -> dict:
    tables = staging.read_tables(partition / "tables")
    # The run's row closes now, with every stage's time but this one's.
    tables["etl_run"] = tables["etl_run"].assign(
        finished_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        stage_seconds=json.dumps(staging.stage_seconds(partition)),
    )
    summary = publish(warehouse, tables, tables["etl_run"]["run_id"].iat[0])
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
