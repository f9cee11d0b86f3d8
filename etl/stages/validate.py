"""Audit a staged batch with Great Expectations (1.x API) before anything is published.

GX validates the pandas DataFrame the batch already is (it cannot validate DuckDB through
SQLAlchemy). A file-backed context keeps validation results so Data Docs can be built.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import os
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from etl import staging
from etl.config import Settings
from etl.failpoints import failpoint
from etl.nlp.article_text import analysed_texts
from etl.nlp.speakers import SPEAKER_FOUND_BY
from etl.quality.data_docs import make_offline
from etl.stages.extract import read_extracted
from expectations.article_suite import ROW_ID, build_article_suite

_WORD = re.compile(r"\w+")
# A quotation is in the text when every word of it is: quotes split by an attribution or
# running over paragraphs are joined, so the whole is not a substring.
DQ_COLUMNS = [
    "expectation", "column_name", "severity", "success", "element_count",
    "unexpected_count", "unexpected_percent", "observed_value",
]  # fmt: skip


@dataclass
class Audit:
    rejected: dict[str, list[str]]  # row id -> failed critical expectations
    blocked_by: list[str]  # critical expectations that failed for the batch as a whole
    results: pd.DataFrame  # one row per expectation, DQ_COLUMNS
    data_docs: str | None


def run(partition: Path, settings: Settings) -> dict:
    """Audit the extracted batches; failing rows to validate_failures.parquet, the rest to
    validated.parquet, every expectation's result to dq_result.parquet."""
    articles = read_extracted(partition)
    meta = staging.read_json(partition / "run.json")
    run_day = dt.datetime.fromisoformat(meta["started_at"]).date()
    audit = audit_batch(
        audit_frame(articles, run_day),
        settings.staging / "gx",
        settings.reports / "data_docs",
        run_id=meta["run_id"],
    )
    failpoint("validate:after_audit")
    rejected = articles["sha256"].isin(list(audit.rejected))
    staging.write_frame(articles[~rejected], partition / "validated.parquet", staging.EXTRACTED)
    failures = pd.DataFrame(
        [
            {"sha256": sha, "stage": "validate", "reason": "validation:" + ";".join(names)}
            for sha, names in audit.rejected.items()
        ]
    )
    staging.write_frame(failures, partition / "validate_failures.parquet", staging.FAILURES)
    audit.results.to_parquet(partition / "dq_result.parquet", index=False)
    staging.write_json(
        {"blocked_by": audit.blocked_by, "data_docs": audit.data_docs},
        partition / "audit.json",
    )
    return {"passed": int((~rejected).sum()), "rejected": len(failures),
            "blocked_by": audit.blocked_by}  # fmt: skip


def audit_frame(articles: pd.DataFrame, run_day: dt.date) -> pd.DataFrame:
    """One flat row per article for the suite: its fields, and counts of what the extraction
    found that is not in the article's own text (which a consistent extraction never has)."""
    nested = ["removed", "entities", "amounts", "quotes", "authors", "credits"]
    texts = [_flat(text) for text in analysed_texts(articles)]
    return articles.drop(columns=nested).assign(
        entity_count=[len(e) for e in articles["entities"]],
        entities_outside_text=[
            sum(_flat(e["text"]) not in text for e in found)
            for found, text in zip(articles["entities"], texts, strict=True)
        ],
        quotes_outside_text=[
            sum(not set(_WORD.findall(q["text"])) <= set(_WORD.findall(text)) for q in found)
            for found, text in zip(articles["quotes"], texts, strict=True)
        ],
        # A speaker must say how it was found, and only a speaker: an unknown or missing
        # method is an extraction bug.
        quote_speakers_unexplained=[
            sum(
                (q["speaker"] is not None) != (q.get("speaker_found_by") in SPEAKER_FOUND_BY)
                for q in found
            )
            for found in articles["quotes"]
        ],
        amounts_outside_text=[
            sum(not math.isfinite(a["value"]) or _flat(a["text"]) not in text for a in found)
            for found, text in zip(articles["amounts"], texts, strict=True)
        ],
        days_after_run=pd.array(
            [
                (dt.date.fromisoformat(p[:10]) - run_day).days if p else None
                for p in articles["published"]
            ],
            dtype="Int64",
        ),  # fmt: skip
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


def audit_batch(frame: pd.DataFrame, gx_root: Path, data_docs_dir: Path, run_id: str) -> Audit:
    if frame.empty:
        return Audit({}, [], pd.DataFrame(columns=DQ_COLUMNS), None)
    built_after = time.time() - 1  # page times have whole-second resolution on some disks
    result = _run_checkpoint(frame, gx_root, data_docs_dir, run_id)
    rejected: dict[str, list[str]] = {}
    blocked_by, rows, warned = [], [], False
    for outcome in result.results:
        config = outcome.expectation_config
        column = config.kwargs.get("column")
        name = f"{config.type}:{column}" if column else config.type
        severity = str(getattr(config.severity, "value", config.severity) or "critical")
        details = outcome.result or {}
        rows.append(
            {
                "expectation": config.type,
                "column_name": column,
                "severity": severity,
                "success": bool(outcome.success),
                "element_count": details.get("element_count"),
                "unexpected_count": details.get("unexpected_count"),
                "unexpected_percent": details.get("unexpected_percent"),
                "observed_value": _json(details.get("observed_value")),
            }
        )
        if outcome.success or severity != "critical":
            warned = warned or not outcome.success
            continue
        failing = [row.get(ROW_ID) for row in details.get("unexpected_index_list") or []]
        if failing and config.type != "expect_column_values_to_be_unique":
            for row_id in failing:
                rejected.setdefault(row_id, []).append(name)
        else:
            blocked_by.append(name)
    failed = bool(rejected or blocked_by)
    make_offline(
        data_docs_dir, built_after, "failed" if failed else "warnings" if warned else "success"
    )
    docs = data_docs_dir / "index.html"
    return Audit(rejected, blocked_by, pd.DataFrame(rows, columns=DQ_COLUMNS), str(docs))


def _run_checkpoint(frame: pd.DataFrame, gx_root: Path, data_docs_dir: Path, run_id: str):
    from great_expectations.core.run_identifier import RunIdentifier

    checkpoint = _checkpoint(gx_root.resolve(), data_docs_dir.resolve())
    run = checkpoint.run(
        batch_parameters={"dataframe": frame}, run_id=RunIdentifier(run_name=run_id)
    )
    return next(iter(run.run_results.values()))


@lru_cache(maxsize=4)
def _checkpoint(gx_root: Path, data_docs_dir: Path):
    """The file-backed context, suite and checkpoint, built once per process (a CLI run, a
    worker task) and reused for every batch it audits."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    import great_expectations as gx
    from great_expectations.checkpoint import UpdateDataDocsAction
    from great_expectations.data_context.types.base import ProgressBarsConfig

    gx_root.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", project_root_dir=str(gx_root))
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    site = {
        "class_name": "SiteBuilder",
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": str(data_docs_dir.resolve()),
        },
    }
    # The site follows the reports folder of these settings: a context kept from a run with
    # another reports folder would otherwise go on building its Data Docs there.
    if "news_etl" not in context.get_site_names():
        context.add_data_docs_site(site_name="news_etl", site_config=site)
    elif context.list_data_docs_sites()["news_etl"] != site:
        context.update_data_docs_site(site_name="news_etl", site_config=site)
    # Re-added every time: a pandas source read back from the file store has no context.
    if "staged_batches" in context.data_sources.all():
        context.data_sources.delete("staged_batches")
    source = context.data_sources.add_pandas(name="staged_batches")
    asset = source.add_dataframe_asset(name="articles")
    batch = asset.add_batch_definition_whole_dataframe("whole_batch")
    suite = context.suites.add_or_update(build_article_suite())
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name="article_batch", data=batch, suite=suite)
    )
    return context.checkpoints.add_or_update(
        gx.Checkpoint(
            name="article_batch",
            validation_definitions=[definition],
            actions=[UpdateDataDocsAction(name="data_docs", site_names=["news_etl"])],
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [ROW_ID]},
        )
    )


def _json(value: object) -> str | None:
    if value is None:
        return None
    return json.dumps(value, default=str)
