"""Per-run partitions on disk: each stage reads its inputs and writes its own Parquet file.

Writes go to a temporary name first and are renamed into place, so a task killed mid-write
leaves no half file for a retry to trip over.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

_TEXT = pa.string()
REMOVED = pa.list_(pa.struct([("category", _TEXT), ("text", _TEXT)]))
ENTITIES = pa.list_(
    pa.struct([("text", _TEXT), ("label", _TEXT), ("canonical", _TEXT), ("count", pa.int32())])
)
AMOUNTS = pa.list_(
    pa.struct(
        [
            ("kind", _TEXT),
            ("text", _TEXT),
            ("value", pa.float64()),
            ("unit", _TEXT),
            ("qualifier", _TEXT),
            ("sentence", _TEXT),
        ]
    )
)
QUOTES = pa.list_(
    pa.struct(
        [("text", _TEXT), ("speaker", _TEXT), ("speaker_label", _TEXT),
         ("speaker_found_by", _TEXT)]
    )
)  # fmt: skip

FILES = pa.schema(
    [
        ("path", _TEXT),
        ("sha256", _TEXT),
        ("size_bytes", pa.int64()),
        ("mtime_ns", pa.int64()),
        ("encoding", _TEXT),
        ("format", _TEXT),  # text or html
        ("outcome", _TEXT),
        ("reason", _TEXT),
        ("text", _TEXT),  # the decoded text (the markup, for HTML)
        ("payload", pa.binary()),
    ]
)
FAILURES = pa.schema([("sha256", _TEXT), ("stage", _TEXT), ("reason", _TEXT)])
_ARTICLE_FIELDS = [
    ("sha256", _TEXT),
    ("path", _TEXT),
    ("title", _TEXT),
    ("published", _TEXT),
    ("outlet", _TEXT),
    ("authors", pa.list_(_TEXT)),
    ("section", _TEXT),
    ("body", _TEXT),
    ("paragraph_count", pa.int32()),
    ("boilerplate_ratio", pa.float64()),
    ("removed", REMOVED),
    ("format", _TEXT),
    ("credits", pa.list_(_TEXT)),
    ("title_source", _TEXT),
    ("published_source", _TEXT),
    ("outlet_source", _TEXT),
    ("authors_source", _TEXT),
    ("language", _TEXT),  # ISO 639-1 or 639-3, und when unsure
]
PAGES = pa.schema(_ARTICLE_FIELDS)  # what the read stage gives each page
EXTRACTED = pa.schema(
    [
        *_ARTICLE_FIELDS,
        ("word_count", pa.int32()),
        ("ner_model", _TEXT),  # the spaCy model that read it; null: its language has none
        ("entities", ENTITIES),
        ("amounts", AMOUNTS),
        ("quotes", QUOTES),
    ]
)


def partition_for(staging: Path, run_id: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", run_id).strip("._") or "run"
    return staging / "runs" / safe


def prune_others(current: Path, retention: dt.timedelta) -> list[Path]:
    """Delete the other partitions (siblings of `current`) of runs started more than
    `retention` ago; the deleted ones. A partition without a readable start is left alone."""
    cutoff = dt.datetime.now(dt.UTC) - retention
    deleted = []
    for partition in sorted(current.parent.glob("*/")):
        if partition.resolve() == current.resolve():
            continue
        try:
            started = dt.datetime.fromisoformat(read_json(partition / "run.json")["started_at"])
        except (OSError, ValueError, KeyError):
            continue
        if started < cutoff:
            shutil.rmtree(partition, ignore_errors=True)
            deleted.append(partition)
    return deleted


def write_frame(frame: pd.DataFrame, path: Path, schema: pa.Schema) -> None:
    if frame.empty:  # pandas gives empty columns no usable type
        table = schema.empty_table()
    else:
        table = pa.Table.from_pandas(
            frame.reindex(columns=schema.names), schema=schema, preserve_index=False
        )
    tmp = path.with_suffix(".tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def read_frame(path: Path) -> pd.DataFrame:
    """Nested columns come back as Python lists of dicts, the shape the code works with."""
    table = pq.read_table(path)
    return pd.DataFrame(table.to_pylist(), columns=table.schema.names, dtype=object)


def write_json(data: dict, path: Path) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    os.replace(tmp, path)


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def write_tables(tables: dict[str, pd.DataFrame], folder: Path) -> None:
    """One Parquet file per table, for the load stage to publish as they are."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        tmp = folder / f"{name}.tmp"
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, folder / f"{name}.parquet")


def read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    return {path.stem: pd.read_parquet(path) for path in sorted(folder.glob("*.parquet"))}


def record_seconds(partition: Path, name: str, seconds: float) -> None:
    """A stage's wall time, one file per stage (and per batch of a mapped stage, so parallel
    tasks never write the same file), for etl_run.stage_seconds."""
    folder = partition / "seconds"
    folder.mkdir(exist_ok=True)
    write_json({"seconds": seconds}, folder / f"{name}.json")


def stage_seconds(partition: Path) -> dict[str, float]:
    """Seconds per stage; a mapped stage's batches are summed (work, not wall time)."""
    totals: dict[str, float] = {}
    for file in sorted((partition / "seconds").glob("*.json")):
        stage = file.stem.split(".")[0]
        totals[stage] = totals.get(stage, 0.0) + read_json(file)["seconds"]
    return {stage: round(seconds, 3) for stage, seconds in totals.items()}
