"""Publishing a run's tables into the warehouse in one transaction."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.failpoints import failpoint
from etl.warehouse.connection import connect, ensure_schema, read_sql
from etl.warehouse.lookups import run_summary
from etl.warehouse.registry import INSERT_NEW, LOAD_ORDER, RELEASE, table


def load_sql(name: str) -> str:
    """The statement that merges a table's staged rows: the registry's insert of new keys, or
    the table's own SQL file."""
    if name != RELEASE and table(name).load == INSERT_NEW:
        key = table(name).key
        return read_sql("load/insert_new.sql").format(table=name, key=", ".join(key))
    return read_sql(f"load/{name}.sql")


def publish(path: Path, tables: dict[str, pd.DataFrame], run_id: str) -> dict:
    """Merge every table of a batch in one transaction; a batch already published is a no-op.

    A crash anywhere before COMMIT leaves the warehouse exactly as it was.
    """
    with connect(path) as con:
        ensure_schema(con)
        con.begin()
        try:
            existing = run_summary(con, run_id)
            if existing is not None:
                con.rollback()
                return existing | {"already_published": True}
            for name in LOAD_ORDER:
                con.register(f"stg_{name}", tables[name])
                con.execute(load_sql(name))
                con.unregister(f"stg_{name}")
                if name == "fct_article":
                    failpoint("load:inside_transaction")
            con.commit()
        except BaseException:
            con.rollback()
            raise
        return run_summary(con, run_id) | {"already_published": False}
