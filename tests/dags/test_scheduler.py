"""The real scheduler, started as the README says: `./dev airflow standalone` (scheduler,
dag-processor, api-server, triggerer) with a one-minute schedule loads the sample inbox on its
own, the Asset-scheduled report run follows, and Ctrl-C leaves no process behind."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO, SAMPLE_INBOX, SAMPLE_LOADED


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _wait(what: str, check, seconds: float, log: Path) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            if check():
                return time.monotonic() - started
        except (OSError, duckdb.Error, ValueError):
            pass  # not up yet, or the warehouse not yet created
        time.sleep(2)
    tail = log.read_text(encoding="utf-8", errors="replace")[-4000:]
    raise AssertionError(f"{what} not within {seconds} s; standalone said:\n{tail}")


def _healthy(port: int) -> bool:
    url = f"http://127.0.0.1:{port}/api/v2/monitor/health"
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local test URL
        health = json.load(response)
    return all(
        health.get(part, {}).get("status") == "healthy"
        for part in ("metadatabase", "scheduler", "dag_processor")
    )


def _dag_ids(port: int, home: Path) -> set[str]:
    """The DAGs the REST API lists, with a JWT from /auth/token for the generated admin."""
    passwords = home / "simple_auth_manager_passwords.json.generated"
    login = {"username": "admin", "password": json.loads(passwords.read_text())["admin"]}
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/auth/token", data=json.dumps(login).encode(),
        headers={"Content-Type": "application/json"}, method="POST",
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - local test URL
        token = json.load(response)["access_token"]
    dags = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v2/dags", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(dags, timeout=10) as response:  # noqa: S310 - local test URL
        return {dag["dag_id"] for dag in json.load(response)["dags"]}


def _loaded(warehouse: Path) -> bool:
    # A read-only connection never blocks the load (it publishes a new snapshot).
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return (
            con.execute("select coalesce(max(loaded), 0) from etl_run").fetchall()[0][0]
            == SAMPLE_LOADED
        )


def _environment(tmp_path: Path, port: int, log_port: int) -> dict:
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    home = tmp_path / "airflow"
    # The environment of a shell without the virtualenv on PATH: ./dev must supply it.
    return {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "ETL_"))} | {
        "PATH": os.pathsep.join(
            p
            for p in os.environ["PATH"].split(os.pathsep)
            if Path(p) != Path(sys.executable).parent
        ),
        "NEWS_AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://localhost:{port}/execution/",
        "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(log_port),
        "NEWS_ETL_SCHEDULE": "* * * * *",
        "ETL_INBOX": str(inbox),
        "ETL_WAREHOUSE": str(tmp_path / "news.duckdb"),
        "ETL_REPORTS": str(tmp_path / "reports"),
        "GX_ANALYTICS_ENABLED": "False",
    }


@pytest.mark.slow
def test_standalone_schedules_a_run_and_the_report_follows(tmp_path):
    port, log_port = _free_port(), _free_port()
    env = _environment(tmp_path, port, log_port)
    log = tmp_path / "standalone.log"
    with open(log, "w") as out:
        standalone = subprocess.Popen(
            [str(REPO / "dev"), "airflow", "standalone"],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=_default_sigint,
        )  # fmt: skip
    try:
        up = _wait("a healthy scheduler", lambda: _healthy(port), 180, log)
        print(f"healthy after {up:.0f} s")
        # the README's REST recipe: a token for the generated admin, then the API
        _wait("news_etl listed by the REST API",
              lambda: "news_etl" in _dag_ids(port, tmp_path / "airflow"), 180, log)  # fmt: skip
        _wait("a scheduled run loading the inbox", lambda: _loaded(tmp_path / "news.duckdb"),
              420, log)  # fmt: skip
        index = tmp_path / "reports" / "index.html"
        _wait("the Asset-scheduled report", index.exists, 240, log)
    finally:
        _stop(standalone)
    assert not _port_open(port) and not _port_open(log_port)  # no serve-logs left holding it
    with duckdb.connect(str(tmp_path / "news.duckdb"), read_only=True) as con:
        run_id, loaded = con.execute(
            "select run_id, loaded from etl_run order by loaded desc limit 1"
        ).fetchall()[0]
    assert run_id.startswith("scheduled__") and loaded == SAMPLE_LOADED
    # A healthy task's log is its stage lines and Airflow's own, not a library's chatter.
    task_logs = list((tmp_path / "airflow" / "logs").rglob("*task_id=validate*/**/*.log"))
    assert task_logs
    for task_log in task_logs:
        lines = task_log.read_text(encoding="utf-8", errors="replace").splitlines()
        assert len(lines) < 40, (task_log, len(lines))


def test_dev_airflow_sizes_its_task_slots_to_the_machine(tmp_path):
    """Airflow's default of 32 task slots starts 32 LocalExecutor workers on a 2-core machine."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    env["NEWS_AIRFLOW_HOME"] = str(tmp_path / "airflow")
    result = subprocess.run(
        [str(REPO / "dev"), "airflow", "config", "get-value", "core", "parallelism"],
        env=env, capture_output=True, text=True, timeout=300, preexec_fn=_default_sigint,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[-1] == str(os.cpu_count())


def _default_sigint() -> None:
    """A script started in the background runs with SIGINT ignored, and so would ./dev and
    its trap: give ./dev the default, as a terminal would."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _stop(process: subprocess.Popen) -> None:
    """Ctrl-C as a user would (to ./dev, which passes it on); every process it started must
    be gone within two minutes. Whatever is left then is killed, and the test fails."""
    started = _descendants(process.pid)
    os.kill(process.pid, signal.SIGINT)
    _gone(process, started, 120)


def _gone(process: subprocess.Popen, started: set[int], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and (process.poll() is None or _alive(started)):
        time.sleep(1)
    leftovers = _alive(started | {process.pid})
    shown = subprocess.run(["ps", "-o", "pid,pgid,sid,stat,args", "-p",
                            ",".join(map(str, leftovers)) or "0"], capture_output=True,
                           text=True).stdout  # fmt: skip
    for pid in leftovers:
        os.kill(pid, signal.SIGKILL)
    assert not leftovers, f"processes outlived ./dev airflow:\n{shown}"


def _descendants(root: int) -> set[int]:
    """Every process below root now (children, their children, ...)."""
    listed = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True)
    children: dict[int, list[int]] = {}
    for line in listed.stdout.splitlines():
        pid, ppid = map(int, line.split())
        children.setdefault(ppid, []).append(pid)
    found, todo = set(), [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pids: set[int]) -> set[int]:
    """Those still running (a zombie has exited; it only waits to be reaped)."""
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z":
            alive.add(pid)
    return alive


@pytest.mark.slow
def test_a_crashed_scheduler_leaves_no_process_holding_its_ports(tmp_path):
    """SIGKILL to the scheduler alone: ./dev ends what it started (serve-logs, workers)."""
    port, log_port = _free_port(), _free_port()
    env = _environment(tmp_path, port, log_port)
    dev = [str(REPO / "dev"), "airflow"]
    migrated = subprocess.run([*dev, "db", "migrate"], env=env, capture_output=True, text=True)
    assert migrated.returncode == 0, migrated.stderr[-2000:]
    log = tmp_path / "scheduler.log"
    with open(log, "w") as out:
        scheduler = subprocess.Popen([*dev, "scheduler"], env=env, stdout=out,
                                     stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    try:
        _wait("the scheduler's log server", lambda: _port_open(log_port), 120, log)
        started = _descendants(scheduler.pid)
        leader = min(_descendants(scheduler.pid) & set(_children(scheduler.pid)))
        os.kill(leader, signal.SIGKILL)  # the scheduler dies; its helpers would live on
        _gone(scheduler, started, 60)
    finally:
        if scheduler.poll() is None:
            os.killpg(scheduler.pid, signal.SIGKILL)
    assert scheduler.returncode != 0
    assert not _port_open(log_port)


def _children(pid: int) -> list[int]:
    listed = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True,
                            text=True)  # fmt: skip
    return [int(x) for x in listed.stdout.split()]
