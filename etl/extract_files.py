"""`python -m etl extract`: every inbox file to one JSON document, without a warehouse."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

from etl.config import Settings
from etl.ingest import KnownFiles, ingest
from etl.pipeline import clean_files, extract_fields

_EMPTY_FIELDS = {
    "title": None, "published": None, "outlet": None, "authors": [], "section": None,
    "language": None, "body": "", "entities": [], "amounts": [], "quotes": [],
}  # fmt: skip
_QUOTE_FIELDS = ("text", "speaker")
_AMOUNT_FIELDS = ("kind", "text", "value", "unit", "qualifier", "sentence")


def extract_records(inbox: Path) -> dict[str, dict]:
    """Inbox path -> the fields extracted from it, or its status when it has none."""
    settings = Settings.from_env(inbox=inbox)
    files = ingest(inbox, KnownFiles(), settings.max_file_bytes)
    # Extraction output is per file: a copy of another file is extracted all the same.
    files.loc[files["outcome"] == "duplicate", "outcome"] = "new"
    cleaned, failures = clean_files(files)
    extracted = extract_fields(cleaned, settings)
    by_hash = {row["sha256"]: row for row in extracted.to_dict("records")}
    failed = dict(zip(failures["sha256"], failures["reason"], strict=True))
    records = {}
    for file in files.itertuples(index=False):
        record = dict(_EMPTY_FIELDS)
        article = by_hash.get(file.sha256)
        if article is not None:
            record.update({key: article[key] for key in _EMPTY_FIELDS})
            record["entities"] = [
                {key: e[key] for key in ("text", "label", "canonical", "count")}
                for e in article["entities"]
            ]
            record["amounts"] = [{k: a[k] for k in _AMOUNT_FIELDS} for a in article["amounts"]]
            record["quotes"] = [{k: q[k] for k in _QUOTE_FIELDS} for q in article["quotes"]]
            record["status"] = "ok"
        else:
            record["status"] = file.reason or failed.get(file.sha256) or "not_processed"
        record["path"] = file.path
        records[file.path] = record
    return records


def extract_to_json(inbox: Path, out: Path) -> int:
    records = extract_records(inbox)
    for path, record in records.items():
        target = out / PurePosixPath(path).with_suffix(".json")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    return len(records)
