"""Opening the DuckDB warehouse: one writing process at a time, and one run at a time.

Readers never block a load and a load never blocks readers: a load writes a private copy of
the warehouse (the next snapshot) and, once committed and checkpointed, renames it over the
published file. A reader that opened the old file keeps reading that snapshot, whole, until it
reconnects; a reader that connects after the rename reads the new one.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from etl.config import SQL_DIR, Lake
from etl.warehouse.lake import (
    is_lake,
    lake_ddl,
    lake_publish_lock,
    lake_run_lock,
    open_lake,
    require_catalog,
    sql_literal,
)
from etl.warehouse.waiting import take_or_wait

LOCK_WAIT_SECONDS = 120.0
# A load waits for the one before it to publish: as long as a load may take, not fail sooner.
PUBLISH_WAIT_SECONDS = 3600.0


def read_sql(name: str) -> str:
    return (SQL_DIR / name).read_text(encoding="utf-8")


@contextmanager
def connect(path: Path | Lake, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """DuckDB admits one writing process; wait for the lock rather than fail at once. A
    DuckLake has no such lock: its connection is opened at once."""
    if isinstance(path, Lake):
        con = open_lake(path, read_only=read_only, config=duckdb_config())
        try:
            yield con
        finally:
            con.close()
        return
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=duckdb_config())
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.5)
    try:
        yield con
    finally:
        con.close()


@dataclass
class Snapshot:
    """The next snapshot being written; `keep()` once it is consistent and should replace
    the published warehouse when the connection closes."""

    con: duckdb.DuckDBPyConnection
    kept: bool = False

    def keep(self) -> None:
        self.kept = True


@contextmanager
def next_snapshot(path: Path | Lake) -> Iterator[Snapshot]:
    """A connection to a copy of the warehouse; published by an atomic rename if kept.
    In a DuckLake, the transaction the writer commits is the next snapshot: no copy; writers
    (loads, the lake's maintenance) take turns on an advisory lock.

    Writers take turns on a lock file. Nothing writes the published file in place, so a
    crash anywhere leaves it as it was (the abandoned copy is replaced by the next load).
    Costs one copy of the file per load: linear in the warehouse's size where the filesystem
    cannot share extents (copy_file).
    """
    if isinstance(path, Lake):
        with lake_publish_lock(path, PUBLISH_WAIT_SECONDS), connect(path) as con:
            yield Snapshot(con)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    work = path.with_name(path.name + ".next")
    with _exclusive(path.with_name(path.name + ".publishlock"), PUBLISH_WAIT_SECONDS, "load"):
        _discard(work)
        if path.exists():
            copy_file(path, work)
            if _wal(path).exists():  # left by a writer of an older version that crashed
                copy_file(_wal(path), _wal(work))
        failure: BaseException | None = None
        try:
            with connect(work) as con:
                snapshot = Snapshot(con)
                try:
                    yield snapshot
                except BaseException as error:  # noqa: BLE001 - re-raised below
                    failure = error  # kept anyway if the writer kept it (a recorded refusal)
                if snapshot.kept:
                    con.execute("checkpoint")  # the copy is whole without its WAL
            if snapshot.kept:
                _publish(work, path)
        finally:
            _discard(work)
        if failure is not None:
            raise failure


def copy_file(source: Path, target: Path) -> None:
    """source copied to target by copy_file_range(2): a reflink, no data written, where the
    filesystem shares extents between files (Btrfs, XFS with reflink, NFS 4.2 server side);
    an in-kernel copy elsewhere (ext4, as on the machine the README measures). Where the call
    is refused (another filesystem between them, an old kernel), an ordinary copy."""
    try:
        with open(source, "rb") as src, open(target, "wb") as dst:
            remaining = os.fstat(src.fileno()).st_size
            while remaining > 0:
                copied = os.copy_file_range(src.fileno(), dst.fileno(), remaining)
                if copied == 0:
                    break
                remaining -= copied
    except OSError:
        shutil.copyfile(source, target)


def _publish(work: Path, path: Path) -> None:
    _fsync(work)
    os.replace(work, path)
    _wal(path).unlink(missing_ok=True)
    _fsync(path.parent)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _discard(path: Path) -> None:
    path.unlink(missing_ok=True)
    _wal(path).unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    """Data on disk before the rename that publishes it (and the rename itself, for a dir)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _exclusive(lock: Path, wait_seconds: float, holder: str = "process") -> Iterator[None]:
    """An exclusive flock on `lock`, waited for (saying so on stderr) up to wait_seconds."""
    with open(lock, "a+b") as handle:

        def take() -> bool:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            return True

        take_or_wait(take, wait_seconds, f"the {holder} holding {handle.name}")
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class WarehouseUnavailable(RuntimeError):
    """The warehouse's folder cannot be made or written: an operator's setting to fix, said
    in one line before any run starts (no ledger entry can be written there either)."""


def require_writable(path: Path | Lake) -> None:
    """The warehouse's folder exists (made if need be) and is writable, and the warehouse
    path is no folder; else WarehouseUnavailable saying which and why. For a DuckLake: its
    home folder, and its catalog answers (etl.warehouse.lake.require_catalog)."""
    folder = path.home if isinstance(path, Lake) else path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WarehouseUnavailable(
            f"cannot create the warehouse folder {folder}: {error.strerror or error}"
        ) from error
    if not os.access(folder, os.W_OK | os.X_OK):
        raise WarehouseUnavailable(f"the warehouse folder {folder} is not writable")
    if isinstance(path, Lake):
        problem = require_catalog(path)
        if problem:
            raise WarehouseUnavailable(problem)
    elif path.is_dir():
        raise WarehouseUnavailable(f"the warehouse {path} is a folder, not a DuckDB file")


@contextmanager
def run_lock(path: Path | Lake, wait_seconds: float = 3600.0) -> Iterator[None]:
    """One pipeline run per warehouse at a time, from ingest to publish.

    DuckDB's own lock only covers a connection; two runs that both ingested before either
    published would each take the same files as new. A second run waits here (saying so on
    stderr) and then finds those files already recorded.
    """
    require_writable(path)
    if isinstance(path, Lake):
        with lake_run_lock(path, wait_seconds):
            yield
        return
    with _exclusive(path.with_name(path.name + ".runlock"), wait_seconds, "run"):
        yield


def duckdb_config() -> dict[str, str]:
    """DuckDB's buffer cache may otherwise take most of the machine: cap it (default 1GB) so a
    run's memory does not grow with the size of the warehouse it reads."""
    return {"memory_limit": os.environ.get("ETL_DUCKDB_MEMORY_LIMIT") or "1GB"}


def ddl_statements() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted((SQL_DIR / "ddl").glob("*.sql"))]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Tables, the columns later versions added to them, views, and every comment."""
    lake = is_lake(con)
    for ddl in ddl_statements():
        con.execute(lake_ddl(ddl) if lake else ddl)
    _add_new_columns(con)
    for migration in sorted((SQL_DIR / "migrate").glob("*.sql")):  # idempotent backfills
        con.execute(migration.read_text(encoding="utf-8"))
    current = dict(con.execute(read_sql("lookup/view_definitions.sql")).fetchall())
    for name, (definition, canonical) in declared_views().items():
        if current.get(name) != canonical:  # replaced only when changed (a DuckLake snapshot)
            con.execute(definition)
    _comment(con, view_columns=not lake)


@cache
def declared_views() -> dict[str, tuple[str, str]]:
    """view -> (its file's statement, DuckDB's rendering of it, as duckdb_views() shows a
    view in place), read from a scratch database."""
    scratch = duckdb.connect()
    try:
        for ddl in ddl_statements():
            scratch.execute(ddl)
        statements = [
            path.read_text(encoding="utf-8") for path in sorted((SQL_DIR / "views").glob("*.sql"))
        ]
        for statement in statements:
            scratch.execute(statement)
        rendered = dict(scratch.execute(read_sql("lookup/view_definitions.sql")).fetchall())
    finally:
        scratch.close()
    by_name = {re.search(r"view\s+(\w+)", text, re.IGNORECASE)[1]: text for text in statements}
    return {name: (text, rendered[name]) for name, text in by_name.items()}


def declared_columns() -> dict[str, list[tuple[str, str]]]:
    """table -> [(column, type)] as the DDL declares them, read from a scratch database."""
    scratch = duckdb.connect()
    try:
        for ddl in ddl_statements():
            scratch.execute(ddl)
        rows = scratch.execute(read_sql("lookup/table_columns.sql")).fetchall()
    finally:
        scratch.close()
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        columns.setdefault(table, []).append((column, data_type))
    return columns


@cache
def declared_constraints() -> frozenset[tuple[str, str, str, str | None]]:
    """(table, 'unique' or 'check', column, a CHECK's condition) of every one-column UNIQUE
    and CHECK constraint the DDL declares, as DuckDB renders them (read from a scratch
    database): what the warehouse checks check where no constraint enforces them."""
    scratch = duckdb.connect()
    try:
        for ddl in ddl_statements():
            scratch.execute(ddl)
        return frozenset(scratch.execute(read_sql("lookup/column_constraints.sql")).fetchall())
    finally:
        scratch.close()


def _add_new_columns(con: duckdb.DuckDBPyConnection) -> None:
    """A warehouse created by an earlier version gains the columns added since, null for
    the rows it already holds."""
    present: dict[str, set[str]] = {}
    for table, column, _ in con.execute(read_sql("lookup/table_columns.sql")).fetchall():
        present.setdefault(table, set()).add(column)
    for table, columns in declared_columns().items():
        for column, data_type in columns:
            if column not in present.get(table, {column}):
                _check_identifier(table, column, data_type.replace("[]", ""))
                con.execute(f"alter table {table} add column {column} {data_type}")


def _comment(con: duckdb.DuckDBPyConnection, *, view_columns: bool = True) -> None:
    """Each table's grain and each column's meaning, from the registry, as COMMENT ON; only
    those not already in place. A DuckLake keeps no comment on a view's column (the
    report's data dictionary still lists them)."""
    from etl.warehouse.registry import TABLES, VIEWS

    current = {
        (table, column): comment
        for table, column, comment in con.execute(read_sql("lookup/comments.sql")).fetchall()
    }
    for item in (*TABLES, *VIEWS):
        kind = "view" if item in VIEWS else "table"
        wanted = {(item.name, None): item.grain} | {
            (item.name, column): meaning
            for column, meaning in item.columns.items()
            if view_columns or kind == "table"
        }
        for (name, column), text in wanted.items():
            if current.get((name, column)) == text:
                continue
            _check_identifier(name, column or name)
            target = f"column {name}.{column}" if column else f"{kind} {name}"
            con.execute(f"comment on {target} is {sql_literal(text)}")


def _check_identifier(*names: str) -> None:
    """DDL cannot bind identifiers; those spliced into it come from the registry and the
    DDL, and must look like identifiers."""
    for name in names:
        if not re.fullmatch(r"[a-z_][a-z0-9_]*|[A-Z][A-Z0-9_ ]*", name):
            raise ValueError(f"not an identifier: {name!r}")


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    # fetchall, not fetchone: DuckDB refuses new work while a result is unfinished.
    found = con.execute(read_sql("lookup/table_exists.sql"), [name]).fetchall()
    return bool(found and found[0][0])
