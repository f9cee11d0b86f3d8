"""The runs an on-call engineer needs to see: every run, from the warehouse's etl_run and the
run ledger together, so runs that failed before publishing and retried tasks show too."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd

# A run with ledger lines but neither a published row nor a failed attempt is "running" for
# this long after its last line, and "incomplete" (its process died) after.
RUNNING_GRACE = dt.timedelta(hours=2)
# Failed, blocked and retried runs are listed first; these statuses are healthy.
HEALTHY = ("success",)

RUN_COLUMNS = [
    "run_id", "status", "started_at", "finished_at", "files_seen", "loaded", "duplicates",
    "quarantined", "blocked_by", "retries", "failed_stage", "error", "task_seconds",
    "published",
]  # fmt: skip


def run_history(
    published: pd.DataFrame,
    outcomes: pd.DataFrame,
    now: dt.datetime,
    quiet: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per run, newest first: the published row where there is one, or the row of a
    run that found nothing to publish (quiet, from the ledger), with the ledger's retries and
    task seconds; else what the ledger says happened."""
    recorded = [published.assign(published=True)]
    if quiet is not None and len(quiet):
        recorded.append(quiet.assign(published=False))
    published = pd.concat(recorded, ignore_index=True)
    published = published.assign(
        started_at=_utc(published["started_at"]), finished_at=_utc(published["finished_at"])
    )
    merged = published.merge(
        outcomes.drop(columns=["started_at"]), on="run_id", how="left", suffixes=("", "_ledger")
    )
    merged["task_seconds"] = [
        seconds if isinstance(seconds, dict) else _stage_seconds(stored)
        for seconds, stored in zip(merged["task_seconds"], merged["stage_seconds"], strict=True)
    ]
    merged["retries"] = merged["retries"].fillna(0).astype(int)
    unpublished = outcomes[~outcomes["run_id"].isin(published["run_id"])]
    pending = unpublished.assign(
        status=[_pending_status(row, now) for row in unpublished.itertuples(index=False)],
        finished_at=unpublished["last_seen_at"],
        published=False,
    )
    runs = pd.concat([merged, pending], ignore_index=True).reindex(columns=RUN_COLUMNS)
    for column in ("files_seen", "loaded", "duplicates", "quarantined"):
        runs[column] = runs[column].astype("Int64")
    for column in ("started_at", "finished_at"):  # object dtype after a concat with no rows
        runs[column] = pd.to_datetime(runs[column], utc=True)
    runs["published"] = runs["published"].astype(bool)
    return runs.sort_values("started_at", ascending=False, kind="stable").reset_index(drop=True)


def needs_attention(runs: pd.DataFrame) -> pd.Series:
    return ~runs["status"].isin(HEALTHY) | (runs["retries"] > 0)


def listed_runs(runs: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The runs the index lists, those needing attention first: every run but the healthy
    ones that found nothing new, which are only counted."""
    attention = needs_attention(runs)
    quiet = ~attention & (runs["files_seen"].fillna(0) == 0)
    listed = runs[~quiet].assign(attention=attention[~quiet])
    listed = listed.sort_values(["attention", "started_at"], ascending=[False, False])
    return listed.reset_index(drop=True), int(quiet.sum())


def freshness(runs: pd.DataFrame, now: dt.datetime, waiting: int | None) -> dict:
    """Time since the last run that loaded articles, the last run's state, files waiting."""
    loaded = runs[(runs["status"] == "success") & (runs["loaded"].fillna(0) > 0)]
    last_load = loaded["finished_at"].max() if len(loaded) else None
    return {
        "last_load_at": _shown(last_load),
        "since_last_load": _age(now - last_load) if last_load is not None else "never",
        "last_run": runs.iloc[0].to_dict() if len(runs) else None,
        "waiting": waiting,
        "failed_recently": int((~runs["status"].isin(HEALTHY)).sum()),
    }


def page_signature(run: dict) -> str:
    """What a run page shows changes with these; a page is rewritten only when they do."""
    keys = ("status", "files_seen", "loaded", "retries", "failed_stage", "published")
    return json.dumps([str(run.get(k)) for k in keys])


def _pending_status(row, now: dt.datetime) -> str:
    # A run without a failed stage has NaN there once the column holds strings (pandas'
    # string dtype), and NaN is true: test for a stage name, not for truth.
    if isinstance(row.failed_stage, str) and row.failed_stage:
        return "failed"
    return "running" if now - row.last_seen_at < RUNNING_GRACE else "incomplete"


def _stage_seconds(stored: object) -> dict:
    if isinstance(stored, str):
        return {k: round(float(v), 2) for k, v in json.loads(stored).items()}
    return {}


def _utc(column: pd.Series) -> pd.Series:
    """etl_run keeps naive UTC timestamps; the ledger's are aware."""
    values = pd.to_datetime(column)
    return values.dt.tz_localize("UTC") if values.dt.tz is None else values


def _age(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 120:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} days"


def _shown(value) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%d %H:%M UTC")
