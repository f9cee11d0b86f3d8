"""DuckDB admits one writing process: others wait for it instead of failing."""

import subprocess
import sys
import textwrap
import time

import duckdb

from etl.warehouse import connect

WRITER = textwrap.dedent(
    """
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    con.begin()
    con.execute("insert into t select * from range(1000)")
    print("holding", flush=True)
    time.sleep(3)
    con.commit()
    """
)


def test_a_reader_waits_for_the_writer_and_sees_only_committed_state(tmp_path):
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table t (x bigint)")
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "holding"
        started = time.monotonic()
        with connect(path, read_only=True) as con:
            waited = time.monotonic() - started
            rows = con.execute("select count(*) from t").fetchone()[0]
    finally:
        writer.wait(timeout=30)
    assert writer.returncode == 0
    assert waited > 1.0  # it waited for the lock rather than failing at once
    assert rows == 1000  # the whole committed batch, never part of it
