"""Per-run partitions on disk: each stage reads its inputs and writes its own Parquet file.

Writes go to a temporary name first and are renamed into place, so a task killed mid-write
leaves no half file for a retry to trip over.
"""

from __future__ import annotations

import json
import os
import re
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
QUOTES = pa.list_(pa.struct([("text", _TEXT), ("speaker", _TEXT), ("speaker_label", _TEXT)]))

FILES = pa.schema(
    [
        ("path", _TEXT),
        ("sha256", _TEXT),
        ("size_bytes", pa.int64()),
        ("mtime_ns", pa.int64()),
        ("encoding", _TEXT),
        ("outcome", _TEXT),
        ("reason", _TEXT),
        ("text", _TEXT),
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
]
CLEANED = pa.schema(_ARTICLE_FIELDS)
EXTRACTED = pa.schema(
    [
        *_ARTICLE_FIELDS,
        ("language", _TEXT),
        ("word_count", pa.int32()),
        ("entities", ENTITIES),
        ("amounts", AMOUNTS),
        ("quotes", QUOTES),
    ]
)


def partition_for(staging: Path, run_id: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", run_id).strip("._") or "run"
    return staging / "runs" / safe


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
