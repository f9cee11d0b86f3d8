"""Discover new inbox files, decode them and decide: new, duplicate or quarantined."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl import staging
from etl.config import Settings
from etl.page.decode import Undecodable, decode_bytes
from etl.warehouse import lookups

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
# Names that are still being written by another process, or are editor/OS droppings.
_PARTIAL_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".swp", "~")

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
    )
    staging.write_frame(files, partition / "files.parquet", staging.FILES)
    staging.write_json({"deferred": files.attrs["deferred"]}, partition / "ingest.json")
    outcomes = files["outcome"].value_counts()
    return {"files": len(files), **{str(k): int(v) for k, v in outcomes.items()},
            "deferred": files.attrs["deferred"]}  # fmt: skip


def discover(inbox: Path) -> Iterator[tuple[str, Path | None, str | None]]:
    """Yield (relative posix path, absolute path or None, reason to refuse or None).

    Walks without following directory links; a file link is read only when it resolves inside
    the inbox. Hidden and partially written files are skipped until they are complete.
    """
    root = inbox.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            lower = name.lower()
            if name.startswith(".") or lower.endswith(_PARTIAL_SUFFIXES):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if not lower.endswith(ARTICLE_SUFFIXES):  # recorded, never silently skipped
                yield rel, path, "unsupported_type"
                continue
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root) or not target.is_file():
                    yield rel, None, "symlink_outside_inbox"
                    continue
            yield rel, path, None


def ingest(
    inbox: Path, known: KnownFiles, max_file_bytes: int, max_files: int | None = None
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
    for rel, path, refusal in discover(inbox):
        if path is not None and _stamp(rel, path) in known.stamps:
            continue
        if max_files is not None and len(rows) >= max_files:
            deferred += 1
            continue
        row = _read(rel, path, refusal, max_file_bytes)
        if (rel, row["sha256"]) in known.seen:
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
    return sum(
        1
        for rel, path, _ in discover(inbox)
        if path is not None and _stamp(rel, path) not in known.stamps
    )


def _stamp(rel: str, path: Path) -> tuple[str, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return rel, stat.st_size, stat.st_mtime_ns


def _read(rel: str, path: Path | None, refusal: str | None, max_file_bytes: int) -> dict:
    row = dict.fromkeys(FILE_COLUMNS)
    row.update(path=rel, size_bytes=0, outcome="quarantined", reason=refusal)
    stamp = _stamp(rel, path) if path is not None else None
    row["mtime_ns"] = stamp[2] if stamp else None
    if path is None:
        row["sha256"] = hashlib.sha256(rel.encode()).hexdigest()
        return row
    if refusal is not None:
        size = path.stat().st_size
        row.update(size_bytes=size, sha256=_file_sha256(path))
        if size <= max_file_bytes:
            row["payload"] = path.read_bytes()
        return row
    try:
        size = path.stat().st_size
        row["size_bytes"] = size
        if size > max_file_bytes:
            row.update(sha256=_file_sha256(path), reason="too_large")
            return row
        data = path.read_bytes()
    except OSError as exc:
        row.update(sha256=hashlib.sha256(rel.encode()).hexdigest(), reason=f"unreadable:{exc}")
        return row
    try:
        decoded = decode_bytes(data, name=rel)
    except Undecodable as exc:
        row.update(sha256=hashlib.sha256(data).hexdigest(), reason=str(exc), payload=data)
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


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
