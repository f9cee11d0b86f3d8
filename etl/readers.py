"""A read-only connection for analysts (`etl.connect()`), always on the latest snapshot.

A load never writes the published file: it renames a new snapshot over it (etl.warehouse.
connection). A connection keeps reading the snapshot it opened. But DuckDB shares one database
instance per path within a process: `duckdb.connect(path, read_only=True)` opened while another
connection to that path is open returns the old instance, and with it the old snapshot. Here
every connection is a DuckDB instance of its own (in memory) with the warehouse attached
read-only, so a new `etl.connect()` reads what was published last, whatever else the process
holds open.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.config import Settings
from etl.warehouse.connection import duckdb_config, read_sql

# The name the warehouse is attached under (and made the default schema's catalog).
CATALOG = "news"


def connect(warehouse: Path | str | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse (default: ETL_WAREHOUSE or the repository's),
    its tables and views unqualified, as published when it was opened. Close it when done;
    a long-lived one keeps its snapshot (and the disk space of a replaced one) until then."""
    path = Path(warehouse) if warehouse is not None else Settings.from_env().warehouse
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}")
    con = duckdb.connect(config=duckdb_config())
    try:
        con.execute(read_sql("lookup/attach_read_only.sql").format(catalog=CATALOG), [str(path)])
        con.execute(f"use {CATALOG}")
    except BaseException:
        con.close()
        raise
    return con
