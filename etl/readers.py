"""A read-only connection for analysts (`etl.connect()`), always on the latest snapshot.

A load never writes the published file: it renames a new snapshot over it (etl.warehouse.
connection). A connection keeps reading the snapshot it opened. But DuckDB shares one database
instance per path within a process: `duckdb.connect(path, read_only=True)` opened while another
connection to that path is open returns the old instance, and with it the old snapshot. Here
every connection is a DuckDB instance of its own (in memory) with the warehouse attached
read-only, so a new `etl.connect()` reads what was published last, whatever else the process
holds open.

A DuckLake (ETL_WAREHOUSE=ducklake:postgres:...) needs none of this: each query, or each
transaction an analyst begins, reads the lake's latest snapshot, and a load never waits for a
reader. Earlier snapshots stay readable by number: `from fct_article at (version => 3)`, the
numbers in `from ducklake_snapshots('news')`.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.config import Lake, Settings, warehouse_location
from etl.warehouse.connection import duckdb_config, read_sql
from etl.warehouse.lake import CATALOG, open_lake, sql_literal


def connect(warehouse: Path | Lake | str | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse (default: ETL_WAREHOUSE or the repository's),
    its tables and views unqualified, as published when it was opened. Close it when done;
    a long-lived one keeps its snapshot (and the disk space of a replaced one) until then."""
    path = Settings.from_env().warehouse if warehouse is None else warehouse
    if isinstance(path, str | Path):
        path = warehouse_location(str(path))
    if isinstance(path, Lake):
        return open_lake(path, read_only=True, config=duckdb_config())
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}")
    con = duckdb.connect(config=duckdb_config())
    try:
        attach = read_sql("lookup/attach_read_only.sql")
        con.execute(attach.format(path=sql_literal(str(path)), catalog=CATALOG))
        con.execute(f"use {CATALOG}")
    except BaseException:
        con.close()
        raise
    return con
