"""Keeping a DuckLake as fast and as small as the day it started (`python -m etl maintain`,
the news_maintenance DAG).

Every load adds a snapshot, a few small Parquet files per table (or rows inlined in the
catalog) and, where a merge replaced rows, delete files; DuckLake deletes nothing by itself,
since time travel may still need it. Left alone, a lake loaded every 15 minutes holds 35,000
snapshots and several hundred thousand small files a year, and every query opens them all.
Maintenance, in DuckLake's own order (its CHECKPOINT statement's):
1. flush the inlined rows into Parquet files;
2. merge each table's small files, and rewrite files whose rows are mostly deleted;
3. expire the snapshots older than the time-travel window (`Settings.lake_keep_days`);
4. delete the files only expired snapshots referenced, once no reader can still scan them
   (READER_GRACE after they were scheduled for deletion), and files no snapshot knows (a
   crashed load's) written more than READER_GRACE ago.
It writes snapshots as a load does, so it takes the load's turn (the publish lock): a load
waits for it and it waits for a load, and no load's files are young orphans while it runs.

A DuckDB file needs none of this: each load replaces it whole, it keeps no old versions, and
DuckDB reuses the blocks of deleted rows.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from etl.config import Lake
from etl.warehouse.connection import PUBLISH_WAIT_SECONDS, connect, read_sql
from etl.warehouse.lake import CATALOG, lake_publish_lock

# How long a reader's transaction may scan files that maintenance has made unreferenced;
# also how old a file no snapshot knows must be before it counts as a crashed load's.
READER_GRACE = dt.timedelta(hours=1)

# Each step: its statement in sql/lake/, and whether it is given a time (`$before`).
STEPS = (
    ("flush_inlined_data", None),
    ("merge_adjacent_files", None),
    ("rewrite_data_files", None),
    ("expire_snapshots", "keep"),
    ("cleanup_old_files", "grace"),
    ("delete_orphaned_files", "grace"),
)


@dataclass(frozen=True)
class LakeState:
    snapshots: int
    data_files: int
    data_bytes: int
    delete_files: int


def maintain(
    location: Path | Lake,
    keep: dt.timedelta,
    grace: dt.timedelta = READER_GRACE,
    now: dt.datetime | None = None,
) -> dict:
    """Maintain the lake at `location` (nothing to do for a DuckDB file): the rows each step
    returned (tables flushed, merged, rewritten; snapshots expired; files deleted, orphans
    deleted), and the lake before and after."""
    if not isinstance(location, Lake):
        return {"warehouse": str(location), "maintained": False,
                "why": "a DuckDB file keeps no old snapshots or small files"}  # fmt: skip
    now = now or dt.datetime.now(dt.UTC)
    before_times = {"keep": now - keep, "grace": now - grace}
    clock = time.perf_counter()
    with lake_publish_lock(location, PUBLISH_WAIT_SECONDS), connect(location) as con:
        before = _state(con)
        done = {}
        for step, time_kind in STEPS:
            parameters = {"lake": CATALOG}
            if time_kind:
                parameters["before"] = before_times[time_kind]
            done[step] = len(con.execute(read_sql(f"lake/{step}.sql"), parameters).fetchall())
        after = _state(con)
    return {
        "warehouse": str(location),
        "maintained": True,
        "seconds": round(time.perf_counter() - clock, 3),
        "keep_snapshots_since": before_times["keep"].isoformat(),
        "steps": done,
        "before": asdict(before),
        "after": asdict(after),
    }


def _state(con) -> LakeState:
    row = con.execute(read_sql("lake/lake_state.sql"), {"lake": CATALOG}).fetchone()
    return LakeState(*(int(value) for value in row))
