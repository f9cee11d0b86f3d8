"""DuckLake as the warehouse: the catalog in PostgreSQL, the data in Parquet files.

A DuckDB file is one writer and one copy of the file per load (etl.warehouse.connection).
A DuckLake is many readers and a writer at once: every committed transaction is a snapshot,
a reader's query sees the snapshot its transaction began on, and a load writes new Parquet
files and a few catalog rows, whatever the size of the history. A load that crashes before
its commit leaves the lake as it was (its files are referenced by no snapshot).

What differs from the DuckDB file, and where:
- DuckLake enforces no PRIMARY KEY, UNIQUE or CHECK constraint: `lake_ddl` drops them, the
  loads never needed them (sql/load/ uses anti-joins and MERGE), and the warehouse checks
  hold every table's key unique (etl.warehouse.checks checks the keys nothing enforces).
- The run lock is a PostgreSQL advisory lock held by the run's own catalog session, so runs
  on different machines (Celery workers) take turns, and a crashed run releases it.
- Extensions come from the pinned `duckdb-extension-*` packages and load by file path: the
  machine running the pipeline needs no access to DuckDB's extension repository.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files

import duckdb

from etl.config import SQL_DIR, Lake
from etl.warehouse.waiting import take_or_wait

# The name a lake is attached under in every connection, its tables unqualified after `use`.
CATALOG = "news"
# The environment an S3 data path's secret is read from: ETL_LAKE_S3_KEY_ID, _SECRET, _REGION,
# _ENDPOINT (host:port of S3-compatible storage), _URL_STYLE (vhost or path), _USE_SSL.
S3_ENV = "ETL_LAKE_S3_"
# The advisory locks' keys: one pipeline run per lake, whichever machine runs it; and one
# writer of snapshots at a time, a run's load or the lake's maintenance (etl.warehouse.maintenance).
RUN_LOCK_KEY = 0x6E657773  # "news"
PUBLISH_LOCK_KEY = 0x6C6F6164  # "load"


def extension_path(name: str) -> str:
    """The extension file the `duckdb-extension-<name>` package ships for this DuckDB."""
    package = "duckdb_extension_" + name
    path = files(package) / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.is_file():
        raise FileNotFoundError(f"{package} has no extension for DuckDB {duckdb.__version__}")
    return str(path)


# httpfs always: a reader that leaves the data path to the catalog may find it on S3.
EXTENSIONS = ("postgres_scanner", "ducklake", "httpfs")


def open_lake(lake: Lake, *, read_only: bool, config: dict[str, str]) -> duckdb.DuckDBPyConnection:
    """A connection of its own (an in-memory DuckDB) with the lake attached as `news` and
    used; an S3 secret from ETL_LAKE_S3_* where the lake's data is on S3."""
    con = duckdb.connect(config=config)
    try:
        for name in EXTENSIONS:
            con.execute("load " + sql_literal(extension_path(name)))
        if lake.data_path.startswith("s3://") or _s3_settings():
            _s3_secret(con)
        # The data path is the catalog's once the lake exists: a reader may leave it out.
        options = ", ".join(
            ([f"data_path {sql_literal(lake.data_path)}"] if lake.data_path else [])
            + (["read_only"] if read_only else [])
        )
        # DuckDB 1.5 takes no prepared parameter in ATTACH: the two strings are quoted here.
        attach = f"attach {sql_literal(lake.catalog)} as {CATALOG}"
        con.execute(f"{attach} ({options})" if options else attach)
        con.execute(f"use {CATALOG}")
    except BaseException:
        con.close()
        raise
    return con


def _s3_settings() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.startswith(S3_ENV) and v}


def _s3_secret(con: duckdb.DuckDBPyConnection) -> None:
    """An S3 secret from the environment: an endpoint for S3-compatible storage (MinIO, a
    test server), path-style URLs and plain HTTP where it says so."""
    env = os.environ.get
    options = {
        "key_id": env(S3_ENV + "KEY_ID", ""),
        "secret": env(S3_ENV + "SECRET", ""),
        "region": env(S3_ENV + "REGION", "us-east-1"),
        "endpoint": env(S3_ENV + "ENDPOINT", ""),
        "url_style": env(S3_ENV + "URL_STYLE", "vhost"),
    }
    spelled = ", ".join(f"{key} {sql_literal(value)}" for key, value in options.items() if value)
    use_ssl = env(S3_ENV + "USE_SSL", "true").lower() != "false"
    con.execute(f"create or replace secret lake_s3 (type s3, {spelled}, use_ssl {use_ssl})")


def _sql(name: str) -> str:
    return (SQL_DIR / name).read_text(encoding="utf-8")


def sql_literal(text: str) -> str:
    """A string literal, for the statements that take no bound parameter (ATTACH, LOAD,
    CREATE SECRET and COMMENT ON in DuckDB 1.5)."""
    return "'" + text.replace("'", "''") + "'"


def require_catalog(lake: Lake) -> str | None:
    """What keeps a run from writing to the lake, in one line (None when nothing does): its
    catalog unreachable, or a new lake without a data path."""
    import psycopg2

    try:
        present = lake.exists()
    except psycopg2.Error as error:
        return f"cannot reach the lake's catalog {lake}: {str(error).strip().splitlines()[0]}"
    if not present and not lake.data_path:
        return "a new DuckLake needs a data path: set ETL_LAKE_DATA_PATH (a folder or s3://...)"
    return None


def is_lake(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the connection's current database is a DuckLake."""
    found = con.execute(_sql("lookup/database_type.sql")).fetchall()
    return bool(found) and found[0][0] == "ducklake"


# Constraints DuckLake refuses. A CHECK's condition may hold parentheses, one level deep.
_TABLE_KEY = re.compile(r",\s*primary key\s*\([^)]*\)", re.IGNORECASE)
_COLUMN_CONSTRAINT = re.compile(
    r"\s+(?:primary key\b|unique\b|check\s*\((?:[^()]|\([^()]*\))*\))", re.IGNORECASE
)


def lake_ddl(ddl: str) -> str:
    """A table's DDL without the constraints DuckLake does not have (NOT NULL stays)."""
    without_comments = "\n".join(line.split("--", 1)[0] for line in ddl.splitlines())
    return _COLUMN_CONSTRAINT.sub("", _TABLE_KEY.sub("", without_comments))


@contextmanager
def lake_run_lock(lake: Lake, wait_seconds: float) -> Iterator[None]:
    """One run per lake (etl.warehouse.run_lock)."""
    with lake_lock(lake, RUN_LOCK_KEY, wait_seconds, "run"):
        yield


@contextmanager
def lake_publish_lock(lake: Lake, wait_seconds: float) -> Iterator[None]:
    """One writer of snapshots per lake: a run's load or the lake's maintenance."""
    with lake_lock(lake, PUBLISH_LOCK_KEY, wait_seconds, "load or maintenance"):
        yield


@contextmanager
def lake_lock(lake: Lake, key: int, wait_seconds: float, holder: str) -> Iterator[None]:
    """A session-level advisory lock in the catalog database, waited for (saying so on
    stderr). The session holds it; if its process dies, PostgreSQL releases it."""
    import psycopg2

    session = psycopg2.connect(lake.conninfo)
    session.autocommit = True
    try:
        with session.cursor() as cursor:

            def take() -> bool:
                cursor.execute(_sql("lake/try_advisory_lock.sql"), {"key": key})
                return bool(cursor.fetchone()[0])

            take_or_wait(take, wait_seconds, f"the {holder} holding the lake {lake}")
            try:
                yield
            finally:
                cursor.execute(_sql("lake/release_advisory_lock.sql"), {"key": key})
    finally:
        session.close()
