"""Quarantined files' bytes, kept beside the warehouse as content-addressed files.

A quarantined file's payload (up to the ingest limit, 20 MB by default) is what `etl
reprocess` retries after a fix. Kept inside the DuckDB file, every load's snapshot copy would
copy every payload ever kept; beside it, in `<warehouse>.payloads/<aa>/<sha256>`, a payload is
written once, and the `quarantine` table keeps its hash and size.

A payload is written before the publish that records it (write to a temporary name, fsync,
rename: never a partial file under a hash's name). A crash between the two leaves a file no row
names, which the next publish of the same file reuses; a publish that rolls back leaves the
same. Files are never deleted: a released quarantine row keeps naming its payload, the record
of what was retried.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

from etl.config import Lake
from etl.warehouse.connection import read_sql

# What the quarantine table keeps of a payload, in place of the bytes.
STORED_COLUMNS = ("payload_sha256", "payload_bytes")


def payload_folder(warehouse: Path | Lake) -> Path:
    """The folder of a warehouse's kept payloads (beside its file, named after it; a
    DuckLake's in its home folder)."""
    if isinstance(warehouse, Lake):
        return warehouse.home / "lake.payloads"
    return warehouse.with_name(warehouse.name + ".payloads")


def payload_path(folder: Path, digest: str) -> Path:
    """Where a payload of that SHA-256 lives: fanned out by its first two hex digits, so no
    folder holds more than a few thousand files."""
    return folder / digest[:2] / digest


def store(folder: Path, quarantine: pd.DataFrame) -> pd.DataFrame:
    """The quarantine rows with each payload written to the folder and replaced by its
    SHA-256 and size (both null where no payload was kept)."""
    digests, sizes = [], []
    for payload in quarantine.get("payload", pd.Series([None] * len(quarantine))):
        if payload is None or (isinstance(payload, float) and pd.isna(payload)):
            digests.append(None)
            sizes.append(None)
            continue
        data = bytes(payload)
        digests.append(_write(folder, data))
        sizes.append(len(data))
    kept = quarantine.drop(columns=["payload"], errors="ignore").copy()
    kept["payload_sha256"] = pd.Series(digests, index=kept.index, dtype="object")
    kept["payload_bytes"] = pd.Series(sizes, index=kept.index, dtype="Int64")
    return kept


def read(folder: Path, digest: str) -> bytes:
    """A kept payload, checked against its hash (a file changed on disk is not retried as if
    it were what was quarantined)."""
    data = payload_path(folder, digest).read_bytes()
    if hashlib.sha256(data).hexdigest() != digest:
        raise ValueError(f"kept payload {digest} does not match its hash")
    return data


def move_blobs(con: duckdb.DuckDBPyConnection, folder: Path) -> int:
    """A warehouse from before this store keeps payloads in quarantine.payload: write them to
    the folder, record their hash and size, and clear the column (inside the caller's
    transaction). How many were moved."""
    columns = con.execute(read_sql("lookup/table_columns.sql")).fetchall()
    if ("quarantine", "payload") not in {(table, column) for table, column, _ in columns}:
        return 0
    rows = con.execute(read_sql("lookup/legacy_payloads.sql")).fetch_df()
    if rows.empty:
        return 0
    moved = store(folder, rows)
    con.register("stg_moved_payloads", moved[["path", "sha256", *STORED_COLUMNS]])
    con.execute(read_sql("load/moved_payloads.sql"))
    con.unregister("stg_moved_payloads")
    return len(moved)


def _write(folder: Path, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()
    target = payload_path(folder, digest)
    if target.exists() and target.stat().st_size == len(data):
        return digest  # content-addressed: the same bytes are already there
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, scratch = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(scratch, target)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
    return digest
