"""DuckLake as the warehouse: a PostgreSQL catalog (Debian's package, started here) and the
data as Parquet files in a folder or on an S3-compatible server (moto). The same inbox loads
the same tables as into a DuckDB file; a reader keeps its snapshot through a load; a crash
inside the load leaves the lake as before; runs take turns on the catalog's advisory lock;
maintenance merges files and expires snapshots without changing a row."""

import datetime as dt
import os
import random
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path

import pytest

import etl
from bench import history
from etl.config import Settings, warehouse_location
from etl.ledger import last_maintenance, ledger_folder
from etl.pipeline import run_maintenance
from etl.report import report_for
from etl.warehouse.checks import run_checks
from etl.warehouse.connection import connect
from etl.warehouse.lake import lake_run_lock
from etl.warehouse.maintenance import READER_GRACE, maintain
from tests.conftest import SAMPLE_FILES, SAMPLE_INBOX, SAMPLE_LOADED
from tests.integration.helpers import etl_run, query, snapshot
from tests.services import postgres, s3_server

DATABASES = (
    "lake_equal", "lake_s3", "lake_reader", "lake_crash", "lake_lock", "lake_history",
    "lake_maintain",
)  # fmt: skip
BUCKET = "news-lake"


@pytest.fixture(scope="module")
def catalog_port():
    with postgres(Path(tempfile.mkdtemp(prefix="news-lake-pg-")), DATABASES) as port:
        yield port


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    with s3_server(tmp_path_factory.mktemp("s3"), BUCKET) as endpoint:
        yield endpoint


@pytest.fixture
def lake(catalog_port, tmp_path, monkeypatch, request):
    """A lake of its own for each test: (the ETL_WAREHOUSE string, its environment). The
    lake_s3 catalog keeps its data in the S3 server's bucket."""
    database = request.param
    env = {"ETL_LAKE_DATA_PATH": str(tmp_path / "data"), "ETL_LAKE_HOME": str(tmp_path / "home")}
    if database == "lake_s3":
        env |= {
            "ETL_LAKE_DATA_PATH": f"s3://{BUCKET}/{database}/",
            "ETL_LAKE_S3_ENDPOINT": request.getfixturevalue("s3_endpoint"),
            "ETL_LAKE_S3_URL_STYLE": "path",
            "ETL_LAKE_S3_USE_SSL": "false",
            "ETL_LAKE_S3_KEY_ID": "test-key",
            "ETL_LAKE_S3_SECRET": "test-secret",
        }
    for name, value in env.items():
        monkeypatch.setenv(name, value)  # for this process's readers (etl.connect)
    catalog = (
        f"ducklake:postgres:dbname={database} host=127.0.0.1 port={catalog_port} user=postgres"
    )
    return catalog, env


def _run(inbox, lake, run_id, **extra):
    catalog, env = lake
    return etl_run(inbox, catalog, run_id, **env, **extra)


@pytest.mark.parametrize("lake", ["lake_equal", "lake_s3"], indirect=True)
def test_the_sample_inbox_loads_the_same_tables_as_into_a_file(lake, tmp_path):
    file_warehouse = tmp_path / "file" / "news.duckdb"
    assert etl_run(SAMPLE_INBOX, file_warehouse, "same_run").returncode == 0
    done = _run(SAMPLE_INBOX, lake, "same_run")
    assert done.returncode == 0, done.stderr[-3000:]
    catalog, env = lake
    assert snapshot(catalog) == snapshot(file_warehouse)
    # Every table's key is checked unique in the lake, where no constraint holds it.
    checks = query(catalog, "select expectation, success from dq_result where expectation like ?",
                   ["warehouse:unique_key:%"])  # fmt: skip
    assert ("warehouse:unique_key:fct_article", True) in checks
    assert all(success for _, success in checks)
    # Run again: every file is known, nothing changes.
    again = _run(SAMPLE_INBOX, lake, "same_run_again")
    assert again.returncode == 0, again.stderr[-3000:]
    assert snapshot(catalog) == snapshot(file_warehouse)
    assert query(catalog, "select count(*) from raw_file") == [(SAMPLE_FILES,)]
    # The articles are in Parquet files under the data path, wherever it is (small tables'
    # rows may be inlined in the catalog).
    files = query(catalog, "select data_file from ducklake_list_files('news', 'dim_article')")
    assert files
    assert all(path.startswith(env["ETL_LAKE_DATA_PATH"].rstrip("/")) for (path,) in files)


@pytest.mark.parametrize("lake", ["lake_reader"], indirect=True)
def test_a_reader_keeps_its_snapshot_through_a_load_and_can_go_back(lake, tmp_path):
    catalog, _ = lake
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    names = sorted(path.name for path in SAMPLE_INBOX.glob("*.txt"))
    shutil.copy(SAMPLE_INBOX / names[0], first)
    assert _run(first, lake, "reader_first").returncode == 0
    reader = etl.connect(catalog)
    try:
        reader.execute("begin")
        before = reader.execute("select count(*) from raw_file").fetchall()
        shutil.copy(SAMPLE_INBOX / names[1], second)
        done = _run(second, lake, "reader_second")  # the load does not wait for the reader
        assert done.returncode == 0, done.stderr[-3000:]
        assert reader.execute("select count(*) from raw_file").fetchall() == before
        reader.execute("commit")
        assert reader.execute("select count(*) from raw_file").fetchall() == [(before[0][0] + 1,)]
        # Time travel: the lake as the first run left it, by snapshot number.
        published = reader.execute(
            "select snapshot_id from ducklake_snapshots('news') "
            "where changes['tables_inserted_into'] is not null order by snapshot_id"
        ).fetchall()
        then = reader.execute(
            "select count(*) from raw_file at (version => ?)", [published[0][0]]
        ).fetchall()
        assert then == before
    finally:
        reader.close()


@pytest.mark.parametrize("lake", ["lake_crash"], indirect=True)
def test_a_crash_inside_the_load_leaves_the_lake_as_it_was(lake, tmp_path):
    catalog, _ = lake
    crashed = _run(SAMPLE_INBOX, lake, "crash_run", ETL_FAILPOINT="load:inside_transaction")
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr[-2000:]
    if warehouse_location(catalog).exists():  # the schema may be committed; no row is
        assert query(catalog, "select count(*) from fct_article") == [(0,)]
        assert query(catalog, "select count(*) from raw_file") == [(0,)]
    rerun = _run(SAMPLE_INBOX, lake, "crash_run")
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert query(catalog, "select count(*) from fct_article") == [(SAMPLE_LOADED,)]
    assert query(catalog, "select count(*) from raw_file") == [(SAMPLE_FILES,)]


@pytest.mark.parametrize("lake", ["lake_lock"], indirect=True)
def test_runs_take_turns_on_the_catalogs_advisory_lock(lake):
    location = warehouse_location(lake[0])
    held, release = threading.Event(), threading.Event()

    def first_run():
        with lake_run_lock(location, wait_seconds=5):
            held.set()
            release.wait(30)

    holder = threading.Thread(target=first_run)
    holder.start()
    try:
        assert held.wait(30)
        with pytest.raises(TimeoutError), lake_run_lock(location, wait_seconds=1):
            pass
    finally:
        release.set()
        holder.join()
    with lake_run_lock(location, wait_seconds=5):  # released when the first run ended
        pass


@pytest.mark.parametrize("lake", ["lake_history"], indirect=True)
def test_the_scale_benchmarks_history_builds_in_a_lake_and_passes_every_check(lake, monkeypatch):
    monkeypatch.setattr(history, "CHUNK_ARTICLES", 120)  # several chunks, as at a million
    location = warehouse_location(lake[0])
    history.articles(location, 300, random.Random(3), body_words=40)
    with connect(location, read_only=True) as con:
        assert con.execute("select count(*) from fct_article").fetchall() == [(300,)]
        violations = run_checks(con, "check_full")
    assert violations["success"].all(), violations.loc[~violations["success"], "expectation"]


def _files_on_disk(data: Path) -> set[str]:
    return {str(path) for path in data.rglob("*.parquet")}


def _files_referenced(catalog: str) -> set[str]:
    """Every data and delete file the lake's latest snapshot reads."""
    with etl.connect(catalog) as con:
        tables = [name for (name,) in con.execute("show tables").fetchall()]
        found = set()
        for name in tables:
            rows = con.execute("select data_file, delete_file from ducklake_list_files('news', ?)",
                               [name]).fetchall()  # fmt: skip
            found |= {path for row in rows for path in row if path}
    return found


@pytest.mark.parametrize("lake", ["lake_maintain"], indirect=True)
def test_maintenance_merges_files_and_expires_snapshots_without_changing_a_row(lake, tmp_path):
    catalog, env = lake
    first = tmp_path / "first"
    first.mkdir()
    for path in sorted(SAMPLE_INBOX.glob("*.txt"))[::2]:
        shutil.copy(path, first)
    for number, inbox in enumerate((first, SAMPLE_INBOX)):  # two loads: two files a table
        done = _run(inbox, lake, f"maintain_{number}")
        assert done.returncode == 0, done.stderr[-3000:]
    rows = snapshot(catalog)
    data = Path(env["ETL_LAKE_DATA_PATH"])
    # Files no snapshot knows: a crashed load's (older than the grace), and one a load still
    # writing may own (younger).
    crashed, in_flight = data / "main" / "crashed.parquet", data / "main" / "in_flight.parquet"
    for stray in (crashed, in_flight):
        shutil.copy(sorted(_files_on_disk(data))[0], stray)
    old = time.time() - 2 * READER_GRACE.total_seconds()
    os.utime(crashed, (old, old))

    settings = Settings.from_env(warehouse=catalog, lake_keep_days=0)
    done = run_maintenance(settings)

    assert snapshot(catalog) == rows
    assert done["steps"]["merge_adjacent_files"] > 0
    # Each table's rows in one file (inlined rows flushed, the two loads' files merged), but
    # for a file that rows were deleted from (a merge replaced them) and that few were not
    # worth rewriting.
    counts = query(catalog, "select table_name, file_count, delete_file_count "
                            "from ducklake_table_info('news')")  # fmt: skip
    assert all(files <= 1 + (deletes > 0) for _, files, deletes in counts), counts
    assert done["after"]["snapshots"] < done["before"]["snapshots"]
    assert not crashed.exists() and in_flight.exists()
    assert last_maintenance(ledger_folder(settings.staging))["after"] == done["after"]
    assert 'id="maintenance"' in report_for(settings).read_text(encoding="utf-8")
    # The files the first maintenance freed go at the next one, once no reader can scan them.
    later = dt.datetime.now(dt.UTC) + 2 * READER_GRACE
    again = maintain(warehouse_location(catalog), keep=dt.timedelta(0), now=later)
    assert again["steps"]["merge_adjacent_files"] == 0  # nothing left to merge
    assert _files_on_disk(data) == _files_referenced(catalog)
    assert snapshot(catalog) == rows
    # Loads go on as before, and every row still passes every check.
    rerun = _run(SAMPLE_INBOX, lake, "maintain_again")
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert snapshot(catalog) == rows
    with connect(warehouse_location(catalog), read_only=True) as con:
        violations = run_checks(con, "check_full")
    assert violations["success"].all(), violations.loc[~violations["success"], "expectation"]
