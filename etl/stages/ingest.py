"""Discover new inbox files, decode them and decide: new, duplicate or quarantined."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class KnownFiles:
    """What the warehouse has already recorded, so a file is only ever processed once."""

    seen: frozenset[tuple[str, str]] = frozenset()  # (path, sha256) already in raw_file
    loaded_hashes: frozenset[str] = frozenset()  # content already loaded as an article
    # (path, size, mtime_ns) of recorded files: unchanged ones are skipped without reading
    stamps: frozenset[tuple[str, int, int]] = frozenset()


def known_files(warehouse: Path, retried: frozenset[tuple[str, str]] = frozenset()) -> KnownFiles:
    """What the warehouse recorded; files being retried (etl reprocess) count as new again."""
    seen = lookups.seen_files(warehouse)
    return KnownFiles(
        seen=frozenset((p, s) for p, s, *_ in seen) - retried,
        loaded_hashes=frozenset(s for _, s, outcome, *_ in seen if outcome == "loaded"),
        stamps=frozenset((p, size, mtime) for p, _, _, size, mtime in seen if mtime is not None),
    )


def run(partition: Path, settings: Settings) -> dict:
    """Read the run's inbox into files.parquet, and how many files wait for the next run."""
    meta = staging.read_json(partition / "run.json")
    retried = frozenset(tuple(pair) for pair in meta.get("retry", []))
    files = ingest(
        Path(meta.get("inbox") or settings.inbox),
        known_files(settings.warehouse, retried),
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
    known: KnownFiles,
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
    rows = []
    deferred = 0
    batch_hashes: set[str] = set()
    with BoundedReader(inbox, max_file_bytes, read_seconds) as reader:
        for entry in entries(inbox):
            if entry.stamp in known.stamps:
                continue
            if max_files is not None and len(rows) >= max_files:
                deferred += 1
                continue
            row = _read(entry, reader)
            if (entry.rel, row["sha256"]) in known.seen:
                continue
            if row["outcome"] == "new":
                if row["sha256"] in known.loaded_hashes or row["sha256"] in batch_hashes:
                    row.update(outcome="duplicate", reason="same_content_as_loaded_article")
                batch_hashes.add(row["sha256"])
            rows.append(row)
    frame = pd.DataFrame(rows, columns=FILE_COLUMNS, dtype=object)
    frame.attrs["deferred"] = deferred
    return frame


def waiting(inbox: Path, known: KnownFiles) -> int:
    """Files in the inbox that a run has not recorded yet (new or changed since), on a stat."""
    return sum(1 for entry in entries(inbox) if entry.stamp not in known.stamps)


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
