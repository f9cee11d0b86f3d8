"""`python -m etl extract`: every inbox file to one JSON document, without a warehouse."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import pandas as pd

_EMPTY_FIELDS = {
    "title": None, "published": None, "outlet": None, "authors": [], "section": None,
    "language": None, "body": "", "entities": [], "amounts": [], "quotes": [], "credits": [],
    "format": None, "ner_model": None,
}  # fmt: skip
_SOURCES = ("title", "published", "outlet", "authors")
_ENTITY_FIELDS = ("text", "label", "canonical", "count")
_QUOTE_FIELDS = ("text", "speaker")
_AMOUNT_FIELDS = ("kind", "text", "value", "unit", "qualifier", "sentence")


def records_of(
    files: pd.DataFrame, failures: pd.DataFrame, extracted: pd.DataFrame
) -> dict[str, dict]:
    """Inbox path -> the fields extracted from it, or its status when it has none."""
    by_hash = {row["sha256"]: row for row in extracted.to_dict("records")}
    failed = dict(zip(failures["sha256"], failures["reason"], strict=True))
    records = {}
    for file in files.itertuples(index=False):
        record = dict(_EMPTY_FIELDS)
        article = by_hash.get(file.sha256)
        if article is not None:
            record.update({key: article[key] for key in _EMPTY_FIELDS})
            record["entities"] = [{k: e[k] for k in _ENTITY_FIELDS} for e in article["entities"]]
            record["amounts"] = [{k: a[k] for k in _AMOUNT_FIELDS} for a in article["amounts"]]
            record["quotes"] = [{k: q[k] for k in _QUOTE_FIELDS} for q in article["quotes"]]
            record["credits"] = list(article["credits"] or [])
            record["sources"] = {f: article[f"{f}_source"] for f in _SOURCES}
            record["status"] = "ok"
        else:
            record["status"] = file.reason or failed.get(file.sha256) or "not_processed"
        record["path"] = file.path
        records[file.path] = record
    return records


def write_records(records: dict[str, dict], out: Path) -> int:
    """One JSON file per record, at the inbox path with a .json suffix."""
    for path, record in records.items():
        target = out / PurePosixPath(path).with_suffix(".json")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    return len(records)
