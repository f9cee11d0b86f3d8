"""A distributed run, here: PostgreSQL and Redis from Debian's packages, Airflow with the
CeleryExecutor over a Postgres metadata database, and two Celery workers. The mapped extract
tasks of one run are shared by both workers, and the warehouse, a DuckDB file or a DuckLake
(its catalog in the same PostgreSQL), equals the same run made in one process into a file,
also after the maintenance DAG has run on it (which merges a lake's files)."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from etl.ledger import last_maintenance, ledger_folder
from tests.conftest import REPO, SAMPLE_INBOX
from tests.integration.helpers import etl_run, snapshot
from tests.services import PG_BIN, free_port, missing, postgres

WORKERS = ("worker_one", "worker_two")
# Each worker names itself in Airflow's task_instance.hostname (both run on this machine).
WORKER_NAMES = textwrap.dedent(
    """
    import os, socket

    def hostname():
        return os.environ.get("NEWS_TEST_WORKER") or socket.getfqdn()
    """
)


def _wait(what: str, check, seconds: float, logs: Path, processes=()) -> None:
    """Until check() holds; fails at once, with the logs, when a started process died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            deadline = 0  # a part of the cluster died: nothing will change now
            break
        try:
            if check():
                return
        except (OSError, duckdb.Error, subprocess.SubprocessError):
            pass
        time.sleep(2)
    tails = "\n".join(f"== {p.name}\n{p.read_text(errors='replace')[-1500:]}"
                      for p in sorted(logs.glob("*.log")))  # fmt: skip
    raise AssertionError(f"{what} not within {seconds} s\n{tails}")


def _start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    with open(log, "w") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)  # fmt: skip


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _metadata(dsn: str, sql: str, run_id: str, dag_id: str = "news_etl") -> list[list[str]]:
    """Rows of a query on Airflow's metadata database; psql binds :'run_id' and :'dag_id' as
    literals."""
    host_port, database = dsn.split("@")[1].split("/")
    host, port = host_port.split(":")
    done = subprocess.run(
        [str(PG_BIN[-1] / "psql"), "-h", host, "-p", port, "-U", "postgres", "-d", database,
         "-At", "-F", "|", "-v", f"run_id={run_id}", "-v", f"dag_id={dag_id}"],
        input=sql, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return [line.split("|") for line in done.stdout.splitlines() if line]


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["file", "lake"])
def test_celery_workers_share_the_mapped_extract_and_load_the_same_warehouse(backend, tmp_path):
    if shutil.which("redis-server") is None:
        missing("redis-server (Debian's package) is needed; ./dev test installs it")
    inbox, logs = tmp_path / "inbox", tmp_path / "logs"
    shutil.copytree(SAMPLE_INBOX, inbox)
    logs.mkdir()
    (tmp_path / "pythonpath").mkdir()
    (tmp_path / "pythonpath" / "worker_names.py").write_text(WORKER_NAMES, encoding="utf-8")
    with postgres(Path(tempfile.mkdtemp(prefix="news-pg-")), ("airflow", "news_lake")) as port:
        dsn = f"postgres@127.0.0.1:{port}/airflow"
        warehouse = str(tmp_path / "news.duckdb")
        if backend == "lake":
            warehouse = (
                f"ducklake:postgres:dbname=news_lake host=127.0.0.1 port={port} user=postgres"
            )
        redis_port, api_port = free_port(), free_port()
        env = _airflow_env(tmp_path, dsn, redis_port, api_port, inbox) | {
            "ETL_WAREHOUSE": warehouse,
            "ETL_LAKE_DATA_PATH": str(tmp_path / "lake"),
            "ETL_LAKE_HOME": str(tmp_path),
        }
        airflow = [sys.executable, "-m", "airflow"]
        migrated = subprocess.run([*airflow, "db", "migrate"], env=env, capture_output=True,
                                  text=True)  # fmt: skip
        assert migrated.returncode == 0, migrated.stderr[-3000:]
        processes = [
            _start(
                ["redis-server", "--port", str(redis_port), "--save", "", "--appendonly", "no"],
                env,
                logs / "redis.log",
            ),  # fmt: skip
            _start([*airflow, "api-server", "--port", str(api_port)], env, logs / "api.log"),
            _start([*airflow, "scheduler"], env, logs / "scheduler.log"),
            _start([*airflow, "dag-processor"], env, logs / "dag-processor.log"),
        ]
        for name in WORKERS:
            worker_env = env | {"NEWS_TEST_WORKER": name}
            command = [
                *airflow,
                "celery",
                "worker",
                "--celery-hostname",
                f"{name}@%h",
                "--concurrency",
                "2",
                "--queues",
                "default",
                "--skip-serve-logs",
            ]
            processes.append(_start(command, worker_env, logs / f"{name}.log"))  # fmt: skip
        try:
            run_id = _trigger(airflow, env, logs, processes, "news_etl")
            _finished(dsn, "news_etl", run_id, 480, logs, processes)
            rows = _metadata(
                dsn,
                "select task_id, hostname, state from task_instance "
                "where dag_id = 'news_etl' and run_id = :'run_id'",
                run_id,
            )
            # The maintenance DAG after it: a lake's files merged, a file left alone.
            maintained = _trigger(airflow, env, logs, processes, "news_maintenance")
            _finished(dsn, "news_maintenance", maintained, 180, logs, processes)
        finally:
            _stop(processes)
        loaded = snapshot(warehouse)  # while the lake's catalog runs
    extract_hosts = [host for task, host, _ in rows if task == "extract"]
    print("extract batches per worker:", dict(Counter(extract_hosts)))
    print("all tasks per worker:", dict(Counter(host for _, host, _ in rows if host)))
    assert len(extract_hosts) >= 4  # ETL_EXTRACT_BATCH=2 over the 11 articles: six batches
    assert set(extract_hosts) == set(WORKERS)  # both workers took batches
    assert {state for *_, state in rows} <= {"success", "skipped"}
    # The same run made in one process, without Airflow, loads the same warehouse.
    alone = tmp_path / "alone.duckdb"
    done = etl_run(inbox, alone, run_id, ETL_EXTRACT_BATCH="2")
    assert done.returncode == 0, done.stderr[-2000:]
    assert loaded == snapshot(alone)
    # The maintenance run is in the ledger of a lake's staging; a file has none to do.
    recorded = last_maintenance(ledger_folder(tmp_path / "staging"))
    assert (recorded is not None and recorded["maintained"]) == (backend == "lake")


def _trigger(airflow: list[str], env: dict, logs: Path, processes, dag_id: str) -> str:
    """Trigger a run of the DAG once the dag-processor has parsed it; its run id."""
    _wait(f"{dag_id} parsed", lambda: dag_id in subprocess.run(
          [*airflow, "dags", "list", "--output", "plain"], env=env, capture_output=True,
          text=True).stdout, 180, logs, processes)  # fmt: skip
    run_id = "manual__celery_test"
    subprocess.run([*airflow, "dags", "trigger", dag_id, "--run-id", run_id], env=env,
                   check=True, capture_output=True)  # fmt: skip
    return run_id


def _finished(dsn: str, dag_id: str, run_id: str, seconds: float, logs: Path, processes) -> None:
    """Wait for the DAG run to end; it must have succeeded."""
    state = "select state from dag_run where dag_id = :'dag_id' and run_id = :'run_id'"
    _wait(f"the {dag_id} run to finish", lambda: _metadata(dsn, state, run_id, dag_id)[0][0]
          in ("success", "failed"), seconds, logs, processes)  # fmt: skip
    assert _metadata(dsn, state, run_id, dag_id) == [["success"]]


def _without_etl(environ) -> dict:
    return {k: v for k, v in environ.items() if not k.startswith(("ETL_", "AIRFLOW"))}


def _airflow_env(root: Path, dsn: str, redis_port: int, api_port: int, inbox: Path) -> dict:
    home = root / "airflow"
    return _without_etl(os.environ) | {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(root / "pythonpath"),
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
        "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
        "AIRFLOW__CORE__HOSTNAME_CALLABLE": "worker_names.hostname",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{api_port}/execution/",
        "AIRFLOW__API_AUTH__JWT_SECRET": "celery-test-secret-not-for-production",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"postgresql+psycopg2://{dsn}",
        "AIRFLOW__CELERY__BROKER_URL": f"redis://127.0.0.1:{redis_port}/0",
        "AIRFLOW__CELERY__RESULT_BACKEND": f"db+postgresql+psycopg2://{dsn}",
        "NEWS_ETL_SCHEDULE": "none",  # only the triggered runs
        "NEWS_MAINTENANCE_SCHEDULE": "none",
        "ETL_INBOX": str(inbox),
        "ETL_REPORTS": str(root / "reports"),
        "ETL_EXTRACT_BATCH": "2",
        "GX_ANALYTICS_ENABLED": "False",
    }
