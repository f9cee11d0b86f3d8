"""The run ledger: one line per stage attempt, written whether the stage succeeds or fails.

The warehouse only learns of a run when its load publishes; a run that fails before, or a
task that Airflow retries, would leave no trace there. Each attempt appends one JSON line to
`<staging>/ledger/<run>.jsonl` (a single O_APPEND write, so parallel extract tasks never
interleave lines), and the report reads the ledger beside the warehouse's `etl_run`.
A run that found nothing to publish (etl.stages.load) is recorded in
`<staging>/ledger/quiet/runs.jsonl` as its etl_run row, for the report to list beside the
published ones.
An operator's check of every row (`python -m etl check --full`, read-only on the warehouse)
is recorded the same way in `<staging>/ledger/checks/full.jsonl`, for the report to say when
it last ran and what it found; a DuckLake's maintenance (`python -m etl maintain`) in
`<staging>/ledger/maintenance/runs.jsonl`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pandas as pd

ATTEMPT_COLUMNS = ["run_id", "stage", "status", "started_at", "seconds", "error"]


def ledger_folder(staging: Path) -> Path:
    return staging / "ledger"


def full_check_log(folder: Path) -> Path:
    """Where the full checks of the ledger folder's warehouse are recorded (a subfolder: the
    run attempts are the folder's own *.jsonl)."""
    return folder / "checks" / "full.jsonl"


def record_full_check(
    folder: Path, checked_at: dt.datetime, seconds: float, violations: dict[str, int]
) -> None:
    """Append one full check: when, how long, and each check's violations."""
    line = {"checked_at": checked_at.isoformat(), "seconds": round(seconds, 3),
            "violations": violations}  # fmt: skip
    _append(full_check_log(folder), line)


def last_full_check(folder: Path | None) -> dict | None:
    """The latest recorded full check, with `failed`: the checks that found violations."""
    checks = _records(full_check_log(folder)) if folder else []
    if not checks:
        return None
    found = checks[-1]
    return {**found, "failed": {name: n for name, n in found["violations"].items() if n}}


def maintenance_log(folder: Path) -> Path:
    """Where a DuckLake's maintenance runs are recorded (a subfolder, like the checks)."""
    return folder / "maintenance" / "runs.jsonl"


def record_maintenance(folder: Path, started_at: dt.datetime, done: dict) -> None:
    """Append one maintenance run: when, and what etl.warehouse.maintenance says it did."""
    _append(maintenance_log(folder), {"started_at": started_at.isoformat(), **done})


def last_maintenance(folder: Path | None) -> dict | None:
    """The latest recorded maintenance run, or None."""
    runs = _records(maintenance_log(folder)) if folder else []
    return runs[-1] if runs else None


def partition_ledger(partition: Path) -> Path:
    """The ledger of the staging folder a run's partition is in (staging/runs/<run>)."""
    return ledger_folder(partition.parent.parent)


def quiet_run_log(folder: Path) -> Path:
    """Where the runs that published nothing are recorded (a subfolder, like the checks)."""
    return folder / "quiet" / "runs.jsonl"


def record_quiet_run(folder: Path, run: dict) -> None:
    """Append the etl_run row of a run that found nothing to publish."""
    _append(quiet_run_log(folder), run)


def read_quiet_runs(folder: Path | None, since: dt.datetime | None = None) -> pd.DataFrame:
    """The recorded quiet runs (started since `since`), as etl_run rows (none: an empty frame
    without columns); a run recorded twice (its load retried) once."""
    frame = pd.DataFrame(_records(quiet_run_log(folder)) if folder else [])
    if frame.empty:
        return frame
    frame = frame.drop_duplicates("run_id", keep="last")
    for column in ("started_at", "finished_at"):  # naive UTC, as etl_run keeps them
        frame[column] = pd.to_datetime(frame[column], format="ISO8601")
    if since is not None:
        cutoff = pd.Timestamp(since)
        frame = frame[frame["started_at"] >= (cutoff.tz_convert(None) if cutoff.tz else cutoff)]
    return frame.reset_index(drop=True)


def record_attempt(
    partition: Path, stage: str, started: dt.datetime, seconds: float, error: str | None
) -> None:
    """Append the attempt of `stage` on the run whose partition this is."""
    folder = partition_ledger(partition)
    folder.mkdir(parents=True, exist_ok=True)
    line = {
        "run_id": _run_id(partition),
        "stage": stage,
        "status": "failed" if error else "success",
        "started_at": started.isoformat(),
        "seconds": round(seconds, 3),
        "error": error[:500] if error else None,
    }
    _append(folder / f"{partition.name}.jsonl", line)


def _append(path: Path, line: dict) -> None:
    """One JSON line in a single O_APPEND write: concurrent writers never interleave."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = (json.dumps(line) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def read_attempts(folder: Path | None, since: dt.datetime | None = None) -> pd.DataFrame:
    """Every recorded attempt (of runs whose ledger changed since `since`), oldest first."""
    rows = []
    for path in sorted(folder.glob("*.jsonl")) if folder and folder.is_dir() else []:
        if since is None or _modified(path) >= since:
            rows.extend(_records(path))
    frame = pd.DataFrame(rows, columns=ATTEMPT_COLUMNS)
    frame["started_at"] = pd.to_datetime(frame["started_at"], utc=True, format="ISO8601")
    return frame.sort_values("started_at", kind="stable").reset_index(drop=True)


def run_outcomes(attempts: pd.DataFrame) -> pd.DataFrame:
    """Per run: first start, last activity, whether its last attempt of some stage failed
    (and with what), how many attempts were retries, and seconds per stage."""
    columns = ["run_id", "started_at", "last_seen_at", "failed_stage", "error", "retries",
               "task_seconds"]  # fmt: skip
    rows = []
    for run_id, run in attempts.groupby("run_id", sort=False):
        stage_family = run["stage"].str.split(".").str[0]
        last = run.groupby("stage").tail(1)  # the latest attempt of each stage (or batch)
        failed = last[last["status"] == "failed"]
        seconds = run[run["status"] == "success"].groupby(stage_family)["seconds"].sum()
        rows.append(
            {
                "run_id": run_id,
                "started_at": run["started_at"].min(),
                "last_seen_at": run["started_at"].max(),
                "failed_stage": failed["stage"].iat[-1] if len(failed) else None,
                "error": failed["error"].iat[-1] if len(failed) else None,
                "retries": int(len(run) - run["stage"].nunique()),
                "task_seconds": {k: round(float(v), 2) for k, v in seconds.items()},
            }
        )
    return pd.DataFrame(rows, columns=columns)


def _records(path: Path) -> list[dict]:
    """The JSON lines of a ledger file, oldest first; a line cut short by a crash (the attempt
    died, or its retry wrote the record again) is left out."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
        try:
            found.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return found


def _run_id(partition: Path) -> str:
    meta = partition / "run.json"
    if meta.exists():
        return json.loads(meta.read_text(encoding="utf-8"))["run_id"]
    return partition.name


def _modified(path: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
