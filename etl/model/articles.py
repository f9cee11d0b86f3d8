"""Enriched batch -> star-schema rows. Pure pandas; the warehouse only merges what this returns.

Every file the run saw for the first time gets exactly one outcome here: loaded, duplicate or
quarantined with a reason. Nothing falls through: a file no stage accounted for is quarantined
as 'not_processed' rather than dropped.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pandas as pd

from etl.keys import date_key, surrogate_key
from etl.model.entities import entity_tables, quote_rows, story_entities
from etl.nlp.amounts import subject_terms
from etl.nlp.resolve import Entity
from etl.nlp.stories import Assignment

UNKNOWN = "Unknown"
# Header fields whose source the fact table records.
PROVENANCE_FIELDS = ("title", "published", "outlet", "authors")
# fct_article's <name>_count measures: how many of each list an article has.
_COUNTED = {
    "entity": "entities", "author": "authors", "removed_block": "removed", "amount": "amounts",
    "quote": "quotes",
}  # fmt: skip


@dataclass
class Batch:
    run_id: str
    started_at: dt.datetime
    finished_at: dt.datetime
    files: pd.DataFrame  # ingest: one row per first-seen file
    failures: pd.DataFrame  # sha256, stage, reason: articles that a stage after ingest refused
    articles: pd.DataFrame  # extracted articles that passed the audit
    dq_results: pd.DataFrame
    blocked_by: list[str]
    stage_seconds: dict[str, float]
    # (path, sha256) of quarantined files this run retried (etl reprocess)
    retried: frozenset[tuple[str, str]] = frozenset()

    def publishable(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(articles, files) to publish: none of either when the audit blocked the batch."""
        if self.blocked_by:  # nothing is published; the files stay unrecorded and are retried
            return self.articles.iloc[0:0], self.files.iloc[0:0]
        return self.articles, self.files


@dataclass(frozen=True)
class Version:
    """The current article loaded from an inbox path, which a new content there replaces."""

    article_key: int
    first_version_key: int
    version: int
    story_key: int


def keyed_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles with their surrogate keys and date key."""
    return articles.assign(
        article_key=[surrogate_key("article", sha) for sha in articles["sha256"]],
        source_key=[_member_key("source", o) for o in articles["outlet"]],
        section_key=[_member_key("section", s) for s in articles["section"]],
        published_date_key=[date_key(p) for p in articles["published"]],
    )


def build_tables(
    batch: Batch,
    articles: pd.DataFrame,
    resolved: dict[str, dict[tuple[str, str], Entity]],
    assigned: dict[int, Assignment],
    previous: dict[str, Version] | None = None,
) -> dict[str, pd.DataFrame]:
    """Every table's rows for the batch: articles keyed (keyed_articles), their entities
    resolved, their stories assigned, and the current versions their paths replace
    (previous: inbox path -> Version; superseded_article lists those to close)."""
    run_date_key = date_key(batch.started_at.date().isoformat())
    files = batch.publishable()[1]
    raw_file, quarantine = _file_outcomes(files, batch.failures, articles, batch.run_id)
    mentions, entities, aliases = entity_tables(articles, resolved, run_date_key)
    story_of = [assigned[key] for key in articles["article_key"]]
    replaced = [(previous or {}).get(path) for path in articles["path"]]
    replaced = [v if v is not None and v.article_key != key else None
                for v, key in zip(replaced, articles["article_key"], strict=True)]  # fmt: skip
    loaded_at = batch.started_at.astimezone(dt.UTC).replace(tzinfo=None)
    bridge, authors = _authors(articles)
    return {
        "dim_date": dim_date(articles["published_date_key"].tolist() + [run_date_key]),
        "dim_source": _members(articles["outlet"], "source", "outlet_name"),
        "dim_section": _members(articles["section"], "section", "section_name"),
        "dim_author": authors,
        "dim_entity": entities,
        "dim_entity_alias": aliases,
        "dim_article": _dim_article(articles),
        "fct_article": _fct_article(articles, story_of, run_date_key, batch.run_id).assign(
            **_versions(articles, replaced, loaded_at)
        ),
        "superseded_article": pd.DataFrame(
            {"article_key": [v.article_key for v in replaced if v], "valid_to": loaded_at},
            columns=["article_key", "valid_to"],
        ).astype({"article_key": "int64", "valid_to": "datetime64[us]"}),
        # stories the batch touched: those of its articles and of the versions they replace
        "dim_story": pd.DataFrame(
            {
                "story_key": sorted(
                    {a.story_key for a in story_of} | {v.story_key for v in replaced if v}
                )
            }
        ),
        "bridge_story_entity": story_entities(articles, resolved, assigned),
        "article_lsh_band": _lsh_bands(assigned),
        "bridge_article_author": bridge,
        "fct_entity_mention": mentions,
        "fct_removed_block": _removed_blocks(articles),
        "fct_amount": _amounts(articles),
        "fct_quote": quote_rows(articles, resolved),
        "raw_file": raw_file,
        "quarantine": quarantine,
        "quarantine_release": _released(raw_file, batch.retried, batch.run_id),
        "dq_result": batch.dq_results.assign(run_id=batch.run_id),
        "etl_run": _etl_run(batch, raw_file),
    }


def _versions(
    articles: pd.DataFrame, replaced: list[Version | None], loaded_at: dt.datetime
) -> dict[str, object]:
    """fct_article's version columns: an article replacing a version is the next one."""
    return {
        "version": [v.version + 1 if v else 1 for v in replaced],
        "first_version_key": [
            v.first_version_key if v else key
            for v, key in zip(replaced, articles["article_key"], strict=True)
        ],
        "valid_from": loaded_at,
        "valid_to": pd.Series([None] * len(articles), dtype="datetime64[us]"),
        "is_current": True,
    }


def _dim_article(articles: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_key": articles["article_key"],
            "content_sha256": articles["sha256"],
            "title": articles["title"],
            "body": articles["body"],
            "language": articles["language"],
            "ner_model": articles["ner_model"],
            "first_path": articles["path"],
            "wire_credits": [list(c) if c is not None else [] for c in articles["credits"]],
        }
    )


def _fct_article(
    articles: pd.DataFrame, story_of: list[Assignment], run_date_key: int, run_id: str
) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_key": articles["article_key"],
            "source_key": articles["source_key"],
            "section_key": articles["section_key"],
            "published_date_key": pd.array(articles["published_date_key"], dtype="Int32"),
            "ingested_date_key": run_date_key,
            "word_count": articles["word_count"],
            "paragraph_count": articles["paragraph_count"],
            "boilerplate_ratio": articles["boilerplate_ratio"],
            **{
                f"{name}_count": [len(v) for v in articles[column]]
                for name, column in _COUNTED.items()
            },
            "story_key": [a.story_key for a in story_of],
            "near_duplicate_of_key": pd.array([a.near_duplicate_of for a in story_of], "Int64"),
            "near_duplicate_similarity": pd.array([a.similarity for a in story_of], "Float64"),
            "loaded_run_id": run_id,
            "input_format": articles["format"],
            **{f"{f}_source": articles[f"{f}_source"] for f in PROVENANCE_FIELDS},
        }
    )


def _lsh_bands(assigned: dict[int, Assignment]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"band": band, "bucket": bucket, "article_key": key}
            for key, assignment in sorted(assigned.items())
            for band, bucket in assignment.buckets
        ],
        columns=["band", "bucket", "article_key"],
    )


def _etl_run(batch: Batch, raw_file: pd.DataFrame) -> pd.DataFrame:
    counts = raw_file["outcome"].value_counts()
    return pd.DataFrame(
        [
            {
                "run_id": batch.run_id,
                "status": "blocked" if batch.blocked_by else "success",
                "started_at": batch.started_at.replace(tzinfo=None),
                "finished_at": batch.finished_at.replace(tzinfo=None),
                "files_seen": len(raw_file),
                "loaded": int(counts.get("loaded", 0)),
                "duplicates": int(counts.get("duplicate", 0)),
                "quarantined": int(counts.get("quarantined", 0)),
                "blocked_by": "; ".join(batch.blocked_by) or None,
                "stage_seconds": json.dumps(batch.stage_seconds),
            }
        ]
    )


def _member_key(kind: str, name: object) -> int:
    return surrogate_key(kind, name if isinstance(name, str) and name else "\x00unknown")


def _members(names: pd.Series, kind: str, column: str) -> pd.DataFrame:
    rows = {}
    for name in names:
        known = isinstance(name, str) and bool(name)
        rows.setdefault(
            _member_key(kind, name),
            {column: name if known else UNKNOWN, "is_unknown": not known},
        )
    frame = pd.DataFrame([{f"{kind}_key": k, **v} for k, v in rows.items()])
    return frame if rows else pd.DataFrame(columns=[f"{kind}_key", column, "is_unknown"])


def dim_date(keys: list[int | None]) -> pd.DataFrame:
    rows = []
    for key in sorted({int(k) for k in keys if k is not None and not pd.isna(k)}):
        day = dt.date(key // 10000, key // 100 % 100, key % 100)
        rows.append(
            {
                "date_key": key,
                "full_date": day,
                "year": day.year,
                "quarter": (day.month - 1) // 3 + 1,
                "month": day.month,
                "month_name": day.strftime("%B"),
                "day_of_month": day.day,
                "day_of_week": day.isoweekday(),
                "day_name": day.strftime("%A"),
                "iso_week": day.isocalendar().week,
                "is_weekend": day.isoweekday() >= 6,
            }
        )
    return pd.DataFrame(rows)


def _amounts(articles: pd.DataFrame) -> pd.DataFrame:
    rows = [
        {
            "article_key": article.article_key,
            "amount_number": number,
            "source_key": article.source_key,
            "published_date_key": article.published_date_key,
            "amount_kind": amount["kind"],
            "amount_text": amount["text"],
            "value": amount["value"],
            "unit": amount["unit"],
            "qualifier": amount["qualifier"],
            "sentence": amount["sentence"],
            "subject_terms": subject_terms(amount["text"], amount["sentence"]),
        }
        for article in articles.itertuples(index=False)
        for number, amount in enumerate(article.amounts, start=1)
    ]
    columns = [
        "article_key", "amount_number", "source_key", "published_date_key", "amount_kind",
        "amount_text", "value", "unit", "qualifier", "sentence", "subject_terms",
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    return frame.assign(published_date_key=pd.array(frame["published_date_key"], dtype="Int32"))


def _authors(articles: pd.DataFrame):
    bridge, authors = [], {}
    for article in articles.itertuples(index=False):
        for position, name in enumerate(dict.fromkeys(article.authors), start=1):
            key = surrogate_key("author", name)
            authors.setdefault(key, {"author_key": key, "author_name": name})
            bridge.append(
                {"article_key": article.article_key, "author_key": key, "author_position": position}
            )
    return (
        pd.DataFrame(bridge, columns=["article_key", "author_key", "author_position"]),
        pd.DataFrame(list(authors.values()), columns=["author_key", "author_name"]),
    )


def _removed_blocks(articles: pd.DataFrame) -> pd.DataFrame:
    rows: dict[tuple[int, str], dict] = {}
    for article in articles.itertuples(index=False):
        for block in article.removed:
            row = rows.setdefault(
                (article.article_key, block["category"]),
                {
                    "article_key": article.article_key,
                    "category": block["category"],
                    "block_count": 0,
                    "char_count": 0,
                },
            )
            row["block_count"] += 1
            row["char_count"] += len(block["text"])
    return pd.DataFrame(
        list(rows.values()), columns=["article_key", "category", "block_count", "char_count"]
    )


def _released(raw_file: pd.DataFrame, retried: frozenset, run_id: str) -> pd.DataFrame:
    rows = [
        {"path": f.path, "sha256": f.sha256, "released_run_id": run_id}
        for f in raw_file.itertuples(index=False)
        if (f.path, f.sha256) in retried and f.outcome in ("loaded", "duplicate")
    ]
    return pd.DataFrame(rows, columns=["path", "sha256", "released_run_id"], dtype=object)


def _file_outcomes(
    files: pd.DataFrame, failures: pd.DataFrame, articles: pd.DataFrame, run_id: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    published = set(articles["sha256"])
    failed = {row.sha256: (row.stage, row.reason) for row in failures.itertuples(index=False)}
    raw_rows, quarantine_rows = [], []
    for file in files.itertuples(index=False):
        outcome, reason, stage = file.outcome, file.reason, "ingest"
        article_key = None
        if outcome == "new":
            if file.sha256 in published:
                outcome, reason = "loaded", None
            else:
                stage, reason = failed.get(file.sha256, ("load", "not_processed"))
                outcome = "quarantined"
        elif outcome == "duplicate" and file.sha256 in failed:
            outcome, (stage, reason) = "quarantined", failed[file.sha256]
            reason = f"duplicate_of_quarantined:{reason}"
        if outcome in ("loaded", "duplicate"):
            article_key = surrogate_key("article", file.sha256)
        raw_rows.append(
            {
                "path": file.path,
                "sha256": file.sha256,
                "size_bytes": int(file.size_bytes),
                "mtime_ns": file.mtime_ns,
                "encoding": file.encoding,
                "outcome": outcome,
                "reason": reason,
                "article_key": article_key,
                "first_seen_run_id": run_id,
            }
        )
        if outcome == "quarantined":
            quarantine_rows.append(
                {
                    "path": file.path,
                    "sha256": file.sha256,
                    "run_id": run_id,
                    "stage": stage,
                    "reason": reason or "unknown",
                    "payload": file.payload,
                }
            )
    raw = pd.DataFrame(
        raw_rows,
        columns=[
            "path", "sha256", "size_bytes", "mtime_ns", "encoding", "outcome", "reason",
            "article_key",
            "first_seen_run_id",
        ],
    )  # fmt: skip
    # From the Python ints, not the column: a column of ints and None is float64, which
    # cannot hold a 63-bit key exactly.
    raw["article_key"] = pd.array([r["article_key"] for r in raw_rows], dtype="Int64")
    raw["mtime_ns"] = pd.array([r["mtime_ns"] for r in raw_rows], dtype="Int64")
    quarantine = pd.DataFrame(
        quarantine_rows, columns=["path", "sha256", "run_id", "stage", "reason", "payload"]
    )
    return raw, quarantine
