"""Run statuses the report shows: a failed run beside a running one and a killed one."""

import datetime as dt

import pandas as pd

from etl.ledger import run_outcomes
from etl.report.history import RUN_COLUMNS, RUNNING_GRACE, run_history

NOW = dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.UTC)


def _attempt(run_id, stage, status, started, error=None):
    return {"run_id": run_id, "stage": stage, "status": status, "started_at": started,
            "seconds": 1.0, "error": error}  # fmt: skip


def _statuses(attempts, published=None):
    frame = pd.DataFrame(attempts)
    frame["started_at"] = pd.to_datetime(frame["started_at"], utc=True)
    published = (
        published
        if published is not None
        else pd.DataFrame(columns=[*RUN_COLUMNS, "stage_seconds"])
    )
    runs = run_history(published, run_outcomes(frame), NOW)
    return dict(zip(runs["run_id"], runs["status"], strict=True))


def test_unfinished_runs_beside_a_failed_one_are_running_or_incomplete():
    recent, long_ago = NOW - dt.timedelta(minutes=5), NOW - RUNNING_GRACE * 2
    statuses = _statuses(
        [
            _attempt("failed_run", "ingest", "success", long_ago),
            _attempt("failed_run", "clean", "failed", long_ago, "ValueError: bad page"),
            _attempt("running_run", "ingest", "success", recent),
            _attempt("killed_run", "ingest", "success", long_ago),
            _attempt("killed_run", "clean", "success", long_ago),
        ]
    )
    assert statuses == {
        "failed_run": "failed",
        "running_run": "running",
        "killed_run": "incomplete",
    }


def test_a_retried_stage_that_then_succeeded_is_not_a_failure():
    at = NOW - dt.timedelta(minutes=1)
    statuses = _statuses(
        [
            _attempt("retried", "clean", "failed", at, "OSError: disk"),
            _attempt("retried", "clean", "success", at + dt.timedelta(seconds=30)),
        ]
    )
    assert statuses == {"retried": "running"}
