"""A run killed with SIGKILL anywhere, then run again, leaves the warehouse exactly as a run
that never crashed: no partial rows, no duplicate keys, every file accounted for once."""

import signal
import threading

import pytest

from etl.failpoints import POINTS
from tests.conftest import SAMPLE_FILES, SAMPLE_INBOX, SAMPLE_LOADED
from tests.integration.helpers import etl_run, query, snapshot

RUN_ID = "crash_test_run"


def _run(warehouse, failpoint=None, run_id=RUN_ID):
    extra = {"ETL_FAILPOINT": failpoint} if failpoint else {}
    return etl_run(SAMPLE_INBOX, warehouse, run_id, **extra)


def _operational(warehouse):
    return {
        "raw_file": query(warehouse, "select * from raw_file order by path"),
        "quarantine": query(warehouse, "select path, reason from quarantine order by path"),
        "etl_run": query(warehouse, "select run_id, status, files_seen, loaded from etl_run"),
    }


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("reference") / "news.duckdb"
    assert _run(warehouse).returncode == 0
    return snapshot(warehouse), _operational(warehouse)


@pytest.mark.parametrize("point", POINTS)
def test_sigkill_then_rerun_equals_a_run_that_never_crashed(point, reference, tmp_path):
    warehouse = tmp_path / "news.duckdb"
    crashed = _run(warehouse, failpoint=point)
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr[-2000:]
    if warehouse.exists():  # whatever the dead run left is the state before it
        assert query(warehouse, "select count(*) from fct_article") == [(0,)]
        assert query(warehouse, "select count(*) from raw_file") == [(0,)]
    rerun = _run(warehouse)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert snapshot(warehouse) == reference[0]
    assert _operational(warehouse) == reference[1]


def test_concurrent_runs_over_one_inbox_load_each_file_once(tmp_path):
    warehouse = tmp_path / "news.duckdb"
    results = {}

    def run(run_id):
        results[run_id] = _run(warehouse, run_id=run_id)

    threads = [threading.Thread(target=run, args=(f"concurrent_{i}",)) for i in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r.returncode == 0 for r in results.values())
    assert any("waiting for the run holding" in r.stderr for r in results.values())
    runs = query(warehouse, "select files_seen, loaded from etl_run order by loaded desc")
    assert runs == [(SAMPLE_FILES, SAMPLE_LOADED)]  # the one that came second found nothing
    assert query(warehouse, "select count(*), count(distinct article_key) from fct_article") == [
        (SAMPLE_LOADED, SAMPLE_LOADED)
    ]
