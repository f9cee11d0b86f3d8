"""Discover new inbox files, decode them and decide: new, duplicate or quarantined."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pandas as pd

from etl import staging
from etl.config import DEFAULT_READ_SECONDS, Settings
from etl.inbox import BoundedReader, Entry, ReadRefused, entries
from etl.page.decode import Undecodable, decode_bytes
from etl.warehouse import lookups

FILE_COLUMNS = [
    "path", "sha256", "size_bytes", "mtime_ns", "encoding", "format", "outcome", "reason",
    "text", "payload",
]  # fmt: skip


class Recorded(Protocol):
    """What the warehouse has already recorded, asked of the files at hand only: a file is
    processed once, and never loaded twice."""

    def unchanged(self, stamps: list[tuple[str, int, int]]) -> set[tuple[str, int, int]]:
        """Of (path, size, mtime_ns) stamps, those recorded: skipped without reading."""
        ...

    def contents(self, pairs: list[tuple[str, str]]) -> tuple[set, set]:
        """Of (path, sha256) pairs: those recorded, and the hashes loaded as articles."""
        ...


@dataclass(frozen=True)
class KnownFiles:
    """What was recorded, held in memory (a warehouse's is asked in DuckDB: WarehouseFiles)."""

    seen: frozenset[tuple[str, str]] = frozenset()  # (path, sha256) already in raw_file
    loaded_hashes: frozenset[str] = frozenset()  # content already loaded as an article
    # (path, size, mtime_ns) of recorded files: unchanged ones are skipped without reading
    stamps: frozenset[tuple[str, int, int]] = frozenset()

    def unchanged(self, stamps: list[tuple[str, int, int]]) -> set[tuple[str, int, int]]:
        return {stamp for stamp in stamps if stamp in self.stamps}

    def contents(self, pairs: list[tuple[str, str]]) -> tuple[set, set]:
        return {p for p in pairs if p in self.seen}, {s for _, s in pairs} & self.loaded_hashes


@dataclass(frozen=True)
class WarehouseFiles:
    """The warehouse's raw_file, asked in DuckDB about the run's candidates only (joined to
    them there, not its whole history read into Python); files being retried (etl reprocess)
    count as new."""

    warehouse: Path
    retried: frozenset[tuple[str, str]] = frozenset()

    def unchanged(self, stamps: list[tuple[str, int, int]]) -> set[tuple[str, int, int]]:
        frame = pd.DataFrame(stamps, columns=["path", "size_bytes", "mtime_ns"])
        # a retried file is written back with the stamp it was first seen with: read it
        retried_paths = {path for path, _ in self.retried}
        recorded = lookups.recorded_stamps(self.warehouse, frame)
        return {stamp for stamp in recorded if stamp[0] not in retried_paths}

    def contents(self, pairs: list[tuple[str, str]]) -> tuple[set, set]:
        frame = pd.DataFrame(pairs, columns=["path", "sha256"])
        seen, loaded = lookups.recorded_contents(self.warehouse, frame)
        return seen - self.retried, loaded


def run(partition: Path, settings: Settings) -> dict:
    """Read the run's inbox into files.parquet, and how many files wait for the next run."""
    meta = staging.read_json(partition / "run.json")
    retried = frozenset(tuple(pair) for pair in meta.get("retry", []))
    files = ingest(
        Path(meta.get("inbox") or settings.inbox),
        WarehouseFiles(settings.warehouse, retried),
        settings.max_file_bytes,
        settings.max_files_per_run,
        settings.read_timeout_seconds,
    )
    staging.write_frame(files, partition / "files.parquet", staging.FILES)
    staging.write_json({"deferred": files.attrs["deferred"]}, partition / "ingest.json")
    outcomes = files["outcome"].value_counts()
    return {"files": len(files), **{str(k): int(v) for k, v in outcomes.items()},
            "deferred": files.attrs["deferred"]}  # fmt: skip


def ingest(
    inbox: Path,
    known: Recorded,
    max_file_bytes: int,
    max_files: int | None = None,
    read_seconds: float = DEFAULT_READ_SECONDS,
) -> pd.DataFrame:
    """One row per file not yet recorded: text for new content, payload for quarantined.

    A recorded file whose size and modification time are unchanged is skipped on a stat, so
    a run over a large, already processed inbox reads nothing. At most max_files are read per
    run, which bounds a run's memory; the rest wait for the next run (frame.attrs["deferred"]
    says how many).
    """
    listed = list(entries(inbox))
    unchanged = known.unchanged([entry.stamp for entry in listed])
    waiting = [entry for entry in listed if entry.stamp not in unchanged]
    limit = len(waiting) if max_files is None else max_files
    rows: list[dict] = []
    loaded_hashes: set[str] = set()
    with BoundedReader(inbox, max_file_bytes, read_seconds) as reader:
        # In chunks, so that files recorded under another stamp do not count to the limit.
        while waiting and len(rows) < limit:
            chunk, waiting = waiting[: limit - len(rows)], waiting[limit - len(rows) :]
            read = [_read(entry, reader) for entry in chunk]
            seen, loaded = known.contents([(row["path"], row["sha256"]) for row in read])
            loaded_hashes |= loaded
            rows += [row for row in read if (row["path"], row["sha256"]) not in seen]
    _mark_duplicates(rows, loaded_hashes)
    frame = pd.DataFrame(rows, columns=FILE_COLUMNS, dtype=object)
    frame.attrs["deferred"] = len(waiting)
    return frame


def _mark_duplicates(rows: list[dict], loaded_hashes: set[str]) -> None:
    """New content already loaded as an article, or read earlier in this batch, is a
    duplicate."""
    batch_hashes: set[str] = set()
    for row in rows:
        if row["outcome"] != "new":
            continue
        if row["sha256"] in loaded_hashes or row["sha256"] in batch_hashes:
            row.update(outcome="duplicate", reason="same_content_as_loaded_article")
        batch_hashes.add(row["sha256"])


def waiting(inbox: Path, known: Recorded) -> int:
    """Files in the inbox that a run has not recorded yet (new or changed since), on a stat."""
    stamps = [entry.stamp for entry in entries(inbox)]
    return len(stamps) - len(known.unchanged(stamps))


def _read(entry: Entry, reader: BoundedReader) -> dict:
    """The file row of one entry. Only a regular file in the inbox is read (within the size
    and time limits); anything else is recorded with its kind and no payload."""
    row = dict.fromkeys(FILE_COLUMNS)
    row.update(path=entry.rel, size_bytes=entry.size, mtime_ns=entry.mtime_ns,
               outcome="quarantined", reason=entry.refusal)  # fmt: skip
    # Identity of what is not read as content: its path (a new kind at the path is a change
    # of stamp, read again; the same refusal is recorded once).
    row["sha256"] = hashlib.sha256(entry.rel.encode()).hexdigest()
    if entry.target is None:
        return row
    try:
        data = reader.read(entry)
    except ReadRefused as refused:
        if entry.refusal is None:
            row["reason"] = str(refused)
        return row
    row["sha256"] = hashlib.sha256(data).hexdigest()
    if entry.refusal is not None:  # a real file of another type: kept for `etl reprocess`
        row["payload"] = data if entry.keep_payload else None
        return row
    try:
        decoded = decode_bytes(data, name=entry.rel)
    except Undecodable as exc:
        row.update(reason=str(exc), payload=data)
        return row
    row.update(
        sha256=hashlib.sha256(decoded.text.encode("utf-8")).hexdigest(),
        encoding=decoded.encoding + ("+html" if decoded.is_html else ""),
        format="html" if decoded.is_html else "text",
        outcome="new",
        reason=None,
        text=decoded.text,
        payload=data,
    )
    return row
