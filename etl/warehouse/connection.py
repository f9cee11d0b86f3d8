"""Opening the DuckDB warehouse: one writing process at a time, and one run at a time."""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from etl.config import SQL_DIR

LOCK_WAIT_SECONDS = 120.0


def read_sql(name: str) -> str:
    return (SQL_DIR / name).read_text(encoding="utf-8")


@contextmanager
def connect(path: Path, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """DuckDB admits one writing process; wait for the lock rather than fail at once."""
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=_duckdb_config())
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.5)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def run_lock(path: Path, wait_seconds: float = 3600.0) -> Iterator[None]:
    """One pipeline run per warehouse at a time, from ingest to publish.

    DuckDB's own lock only covers a connection; two runs that both ingested before either
    published would each take the same files as new. A second run waits here (saying so on
    stderr) and then finds those files already recorded.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".runlock"), "a+b") as handle:
        deadline = time.monotonic() + wait_seconds
        said = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"another run still holds {handle.name}") from None
                if not said:
                    print(f"waiting for the run holding {handle.name}", file=sys.stderr)
                    said = True
                time.sleep(0.5)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _duckdb_config() -> dict[str, str]:
    """DuckDB's buffer cache may otherwise take most of the machine: cap it (default 1GB) so a
    run's memory does not grow with the size of the warehouse it reads."""
    return {"memory_limit": os.environ.get("ETL_DUCKDB_MEMORY_LIMIT") or "1GB"}


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for ddl in sorted((SQL_DIR / "ddl").glob("*.sql")):
        con.execute(ddl.read_text(encoding="utf-8"))
    for view in sorted((SQL_DIR / "views").glob("*.sql")):
        con.execute(view.read_text(encoding="utf-8"))


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    # fetchall, not fetchone: DuckDB refuses new work while a result is unfinished.
    found = con.execute(read_sql("lookup/table_exists.sql"), [name]).fetchall()
    return bool(found and found[0][0])
