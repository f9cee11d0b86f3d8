"""Publishing a run's tables into the warehouse in one transaction."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.failpoints import failpoint
from etl.warehouse.checks import CHECK_PREFIX, register_written, run_checks
from etl.warehouse.connection import ensure_schema, next_snapshot, read_sql
from etl.warehouse.lookups import run_summary
from etl.warehouse.payloads import move_blobs, payload_folder, store
from etl.warehouse.registry import INSERT_NEW, LOAD_ORDER, RELEASE, SUPERSEDED, table


def load_sql(name: str) -> str:
    """The statement that merges a table's staged rows: the registry's insert of new keys, or
    the table's own SQL file."""
    if name != RELEASE and table(name).load == INSERT_NEW:
        key = table(name).key
        return read_sql("load/insert_new.sql").format(table=name, key=", ".join(key))
    return read_sql(f"load/{name}.sql")


class WarehouseCheckFailed(RuntimeError):
    """The published batch would leave the warehouse inconsistent; nothing was published."""


def publish(path: Path, tables: dict[str, pd.DataFrame], run_id: str) -> dict:
    """Merge every table of a batch in one transaction; a batch already published is a no-op.

    Before the run's audit results and its etl_run row go in, the warehouse as a whole is
    checked (etl.warehouse.checks); a failed check rolls everything back, records the checks'
    results in dq_result and raises WarehouseCheckFailed. The work happens on the next
    snapshot (etl.warehouse.connection): readers are never blocked, and a crash anywhere
    leaves the published warehouse exactly as it was.
    """
    folder = payload_folder(path)
    # Payloads go to their files first (etl.warehouse.payloads): content-addressed, so a
    # publish that then fails or is already done leaves nothing a retry would not reuse.
    tables = {**tables, "quarantine": store(folder, tables["quarantine"])}
    with next_snapshot(path) as snapshot:
        con = snapshot.con
        con.begin()  # the schema in one transaction: in a DuckLake, one snapshot, not dozens
        ensure_schema(con)
        con.commit()
        con.begin()
        try:
            existing = run_summary(con, run_id)
            if existing is not None:
                con.rollback()
                return existing | {"already_published": True}
            move_blobs(con, folder)
            results = _merge(con, tables, run_id)
        except BaseException:
            con.rollback()
            raise
        checked = results[results["expectation"].str.startswith(CHECK_PREFIX)]
        if not checked["success"].all():
            con.rollback()
            _record(con, results)
            snapshot.keep()
            failed = checked.loc[~checked["success"], "expectation"].tolist()
            raise WarehouseCheckFailed(f"publishing {run_id} would break: {failed}")
        con.commit()
        snapshot.keep()
        return run_summary(con, run_id) | {"already_published": False}


def _merge(con, tables: dict[str, pd.DataFrame], run_id: str) -> pd.DataFrame:
    """Load every table in order, the warehouse checks just before the audit results, which
    they join; the audit and check results to record."""
    results = tables["dq_result"]
    written = register_written(con, tables)
    for name in LOAD_ORDER:
        frame = tables[name]
        if name == "dq_result":
            checked = run_checks(con, run_id, written)
            for written_table in written:
                con.unregister(f"stg_keys_{written_table}")
            results = pd.concat([frame, checked], ignore_index=True)
            frame = results
        con.register(f"stg_{name}", frame)
        con.execute(load_sql(name))
        con.unregister(f"stg_{name}")
        if name == "fct_article":
            _supersede(con, tables.get(SUPERSEDED))
            failpoint("load:inside_transaction")
    return results


def _supersede(con, superseded: pd.DataFrame | None) -> None:
    """Close the versions the batch's articles replace (set before dim_story counts)."""
    if superseded is None or superseded.empty:
        return
    con.register(f"stg_{SUPERSEDED}", superseded)
    con.execute(read_sql("load/supersede_articles.sql"))
    con.unregister(f"stg_{SUPERSEDED}")


def _record(con, results: pd.DataFrame) -> None:
    """The results of a rolled-back publish, on their own, so the report can show why."""
    con.begin()
    con.register("stg_dq_result", results)
    con.execute(load_sql("dq_result"))
    con.unregister("stg_dq_result")
    con.commit()
