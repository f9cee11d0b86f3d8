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
            _attempt("failed_run", "read", "failed", long_ago, "ValueError: bad page"),
            _attempt("running_run", "ingest", "success", recent),
            _attempt("killed_run", "ingest", "success", long_ago),
            _attempt("killed_run", "read", "success", long_ago),
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
            _attempt("retried", "read", "failed", at, "OSError: disk"),
            _attempt("retried", "read", "success", at + dt.timedelta(seconds=30)),
        ]
    )
    assert statuses == {"retried": "running"}


def test_a_quiet_run_from_the_ledger_is_a_healthy_run_that_published_nothing(tmp_path):
    from etl.ledger import read_quiet_runs, record_quiet_run
    from etl.report.history import listed_runs

    at = NOW - dt.timedelta(minutes=3)
    run = {"run_id": "quiet_run", "status": "success", "files_seen": 0, "loaded": 0,
           "duplicates": 0, "quarantined": 0, "blocked_by": None, "stage_seconds": "{}",
           "started_at": at.replace(tzinfo=None).isoformat(),
           "finished_at": (at + dt.timedelta(seconds=20)).replace(tzinfo=None).isoformat()}  # fmt: skip
    record_quiet_run(tmp_path, run)
    record_quiet_run(tmp_path, run)  # its load retried: one run
    quiet = read_quiet_runs(tmp_path, since=NOW - dt.timedelta(days=1))
    frame = pd.DataFrame([_attempt("quiet_run", "load", "success", at)])
    frame["started_at"] = pd.to_datetime(frame["started_at"], utc=True)
    published = pd.DataFrame(columns=[*RUN_COLUMNS, "stage_seconds"])
    runs = run_history(published, run_outcomes(frame), NOW, quiet)
    assert runs[["run_id", "status", "published"]].values.tolist() == [
        ["quiet_run", "success", False]
    ]
    assert listed_runs(runs)[1] == 1  # counted among the quiet runs, not listed
    assert read_quiet_runs(tmp_path, since=NOW + dt.timedelta(days=1)).empty
