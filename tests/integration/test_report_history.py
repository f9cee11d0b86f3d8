"""The report over a month of 15-minute runs (about 3,000): failed and retried runs first,
freshness in the tiles, the index bounded to its window, run pages written once."""

import datetime as dt
import json
import shutil

import duckdb
import lxml.html
import pandas as pd
import pytest

from etl import ledger, pipeline
from etl.report import WINDOW_DAYS, page_name, report_for
from tests.conftest import SAMPLE_INBOX

RUNS = 3000
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


def _history(warehouse, start):
    """RUNS published runs every 15 minutes up to NOW; one in 20 loaded a file."""
    times = [start + dt.timedelta(minutes=15 * i) for i in range(RUNS)]
    busy = [i % 20 == 0 for i in range(RUNS)]
    frame = pd.DataFrame(
        {
            "run_id": [f"scheduled__{t:%Y-%m-%dT%H:%M}" for t in times],
            "status": "success",
            "started_at": [t.replace(tzinfo=None) for t in times],
            "finished_at": [(t + dt.timedelta(seconds=40)).replace(tzinfo=None) for t in times],
            "files_seen": [2 if b else 0 for b in busy],
            "loaded": [1 if b else 0 for b in busy],
            "duplicates": [1 if b else 0 for b in busy],
            "quarantined": 0,
            "blocked_by": None,
            "stage_seconds": json.dumps({"ingest": 0.1, "load": 0.3}),
        }
    )
    with duckdb.connect(str(warehouse)) as con:
        con.register("history", frame)
        con.execute("insert into etl_run by name select * from history")
    return frame["run_id"].tolist()


def _attempt(config, run_id, stage, when, error=None):
    partition = pipeline.prepare_partition(config, run_id)
    ledger.record_attempt(partition, stage, when, 1.5, error)


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    from etl.config import Settings

    root = tmp_path_factory.mktemp("history")
    shutil.copytree(SAMPLE_INBOX, root / "inbox")
    config = Settings.from_env(
        inbox=root / "inbox", warehouse=root / "news.duckdb", reports=root / "reports"
    )
    pipeline.run_all(config, "first_real_run")
    run_ids = _history(config.warehouse, NOW - dt.timedelta(minutes=15 * RUNS))
    # A run that failed in read (nothing published), and a published run whose load was
    # retried once.
    failed_at = NOW - dt.timedelta(hours=3)
    _attempt(config, "scheduled__failed", "ingest", failed_at)
    _attempt(config, "scheduled__failed", "read", failed_at, "MemoryError()")
    retried = run_ids[-40]  # a busy run, 10 hours ago
    _attempt(config, retried, "load", NOW - dt.timedelta(hours=10), "IOException('disk')")
    _attempt(config, retried, "load", NOW - dt.timedelta(hours=10) + dt.timedelta(minutes=1))
    (root / "inbox" / "late_arrival.txt").write_text("A file no run has seen yet.\n", "utf-8")
    index = report_for(config)
    pages = {p: p.stat().st_mtime_ns for p in (config.reports / "runs").glob("*.html")}
    return config, index, pages, retried


def _dom(index):
    return lxml.html.fromstring(index.read_text(encoding="utf-8"))


def test_failed_and_retried_runs_come_first(month):
    _, index, _, retried = month
    rows = _dom(index).xpath('//table[@id="runs"]//tr[td]')
    first, second = (row.xpath("td") for row in rows[:2])
    assert first[0].text_content() == "scheduled__failed"
    assert first[1].text_content() == "failed"
    assert "read" in first[8].text_content() and "MemoryError" in first[8].text_content()
    assert second[0].text_content() == retried and second[7].text_content() == "1"
    assert all(row.get("data-status") == "success" for row in rows[2:])


def test_tiles_say_how_fresh_the_warehouse_is(month):
    _, index, _, _ = month
    tiles = {b.get("data-metric"): b.text_content() for b in _dom(index).xpath("//b[@data-metric]")}
    assert tiles["waiting"] == "1"  # the file dropped after the last run
    assert tiles["failed_recently"] == "1"
    assert tiles["last_status"] == "success"
    assert tiles["since_last_load"].endswith("min")


def test_the_index_covers_its_window_and_stays_small(month):
    config, index, pages, _ = month
    rows = _dom(index).xpath('//table[@id="runs"]//tr[td]')
    busy_in_window = WINDOW_DAYS * 96 // 20
    assert busy_in_window - 2 <= len(rows) <= busy_in_window + 4
    assert index.stat().st_size < 400_000
    assert "Files per day, by outcome" in index.read_text(encoding="utf-8")
    # every run has its page, the failed one included
    assert len(pages) == RUNS + 2
    assert config.reports.joinpath("runs", page_name("scheduled__failed")).exists()


def test_a_second_build_rewrites_no_run_page(month):
    config, _, pages, _ = month
    report_for(config)
    again = {p: p.stat().st_mtime_ns for p in (config.reports / "runs").glob("*.html")}
    assert again == pages
