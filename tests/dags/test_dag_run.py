"""A full dag.test() run of news_etl, then news_dq_report, against a fresh metadata database."""

import json
import os
import shutil
import subprocess
import sys
import textwrap

import duckdb
import pytest

from tests.conftest import (
    REPO,
    SAMPLE_DUPLICATES,
    SAMPLE_FILES,
    SAMPLE_INBOX,
    SAMPLE_LOADED,
    SAMPLE_QUARANTINED,
)

RUN = textwrap.dedent(
    """
    import json, sys
    from airflow.dag_processing.dagbag import DagBag
    bag = DagBag(dag_folder=sys.argv[1])
    states = {}
    for name, dag_id in (("etl", "news_etl"), ("report", "news_dq_report"), ("empty", "news_etl")):
        run = bag.dags[dag_id].test()
        tasks = {ti.task_id: str(ti.state) for ti in run.get_task_instances()}
        states[name] = {"run": str(run.state), "announce": tasks.get("announce")}
    print(json.dumps(states))
    """
)


@pytest.mark.slow
def test_dag_test_run_loads_the_fixture_inbox(tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    home = tmp_path / "airflow"
    env = os.environ | {
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home}/airflow.db",
        "ETL_INBOX": str(inbox),
        "ETL_WAREHOUSE": str(tmp_path / "news.duckdb"),
        "ETL_STAGING": str(tmp_path / "staging"),
        "ETL_REPORTS": str(tmp_path / "reports"),
        "GX_ANALYTICS_ENABLED": "False",
    }
    airflow = [sys.executable, "-m", "airflow"]
    subprocess.run([*airflow, "db", "migrate"], env=env, check=True, capture_output=True)
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(REPO / "dags")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    states = json.loads(done.stdout.strip().splitlines()[-1])
    assert states["etl"] == {"run": "success", "announce": "success"}
    assert states["report"]["run"] == "success"
    # A second run finds nothing new: it succeeds without announcing the Asset.
    assert states["empty"] == {"run": "success", "announce": "skipped"}
    # Operators can read what each stage did, and a healthy run logs no errors.
    logged = done.stdout + done.stderr
    assert f"ingest: files={SAMPLE_FILES}, new=" in logged and "load: " in logged
    assert "XCom not found" not in logged
    with duckdb.connect(str(tmp_path / "news.duckdb"), read_only=True) as con:
        run_id, seen, loaded, duplicates, quarantined = con.execute(
            "select run_id, files_seen, loaded, duplicates, quarantined from etl_run"
            " order by files_seen desc"
        ).fetchall()[0]
        articles = con.execute("select count(*) from fct_article").fetchone()[0]
        mentions = con.execute("select count(*) from fct_entity_mention").fetchone()[0]
        quotes = con.execute("select count(*) from fct_quote").fetchone()[0]
        amounts = con.execute("select count(*) from fct_amount").fetchone()[0]
    assert run_id.startswith("manual__")
    assert (seen, loaded, duplicates, quarantined) == (
        SAMPLE_FILES,
        SAMPLE_LOADED,
        SAMPLE_DUPLICATES,
        SAMPLE_QUARANTINED,
    )
    assert articles == SAMPLE_LOADED and mentions >= 40
    # the English articles all quote someone and report a figure (tests/gold has the details)
    assert quotes >= 9 and amounts >= 9
    assert (tmp_path / "reports" / "index.html").exists()
