"""An analyst's connection never blocks a load: a read-only connection held open across a
whole run sees the warehouse as it was, whole, and the next connection sees the new one."""

import shutil
import subprocess
import sys
import textwrap

import duckdb
import pytest

from tests.conftest import SAMPLE_INBOX
from tests.integration.helpers import etl_run, query

# Holds one read-only connection; answers each line on stdin with what it sees now.
READER = textwrap.dedent(
    """
    import sys, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    sql = (
        "select (select count(*) from fct_article), (select count(*) from etl_run),"
        " (select count(*) from fct_article a anti join raw_file r"
        "  on r.article_key = a.article_key)"
    )
    for _ in sys.stdin:
        print(*con.execute(sql).fetchone(), flush=True)
    """
)

NEW_ARTICLE = """Harbor council approves night ferry trial
By Dana Whitfield
Published 12 November 2026

The Harbor council on Tuesday approved a six-month trial of a night ferry between the old
pier and the eastern terminal, after two years of petitions from shift workers.

Councillor Mara Olsen said the trial would cost 1.2 million dollars and run four crossings a
night. "People who clean our hospitals should not have to walk an hour home," she said.

The operator, Bayline Ferries, will staff the boats with crews from its day service. Ticket
prices will match the day fares, the council said in a statement.

Opposition members questioned the cost but did not vote against the plan. A review is due
in May, when ridership figures will decide whether the service continues.
"""


def test_a_reader_held_open_across_a_run_neither_blocks_it_nor_sees_a_mix(tmp_path):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "news.duckdb"
    shutil.copytree(SAMPLE_INBOX, inbox)
    assert etl_run(inbox, warehouse, "before").returncode == 0
    before = query(warehouse, "select count(*), 1 from fct_article")[0][0]

    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(warehouse)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:

        def seen():
            reader.stdin.write("?\n")
            reader.stdin.flush()
            return tuple(int(x) for x in reader.stdout.readline().split())

        assert seen() == (before, 1, 0)
        (inbox / "harbor_night_ferry.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        run = etl_run(inbox, warehouse, "during")
        assert run.returncode == 0, run.stderr[-2000:]
        assert "waiting for" not in run.stderr  # the open reader held nothing up
        # The open connection still reads the snapshot it opened, whole: no new article,
        # no new run, no article without its file.
        assert seen() == (before, 1, 0)
    finally:
        reader.stdin.close()
        reader.wait(timeout=30)
    assert reader.returncode == 0
    # A new connection reads the published run.
    assert query(warehouse, "select count(*) from fct_article")[0][0] == before + 1
    assert query(warehouse, "select count(*) from etl_run")[0][0] == 2
    assert not list(tmp_path.glob("news.duckdb.next*"))  # no copy left behind


def test_etl_connect_reads_the_latest_snapshot_beside_an_older_one_in_the_same_process(
    tmp_path,
):
    import etl

    inbox, warehouse = tmp_path / "inbox", tmp_path / "news.duckdb"
    shutil.copytree(SAMPLE_INBOX, inbox)
    assert etl_run(inbox, warehouse, "before").returncode == 0
    count = "select count(*) from fct_article"
    first = etl.connect(warehouse)
    try:
        before = first.execute(count).fetchone()[0]
        (inbox / "harbor_night_ferry.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        run = etl_run(inbox, warehouse, "during")
        assert run.returncode == 0, run.stderr[-2000:]
        # A plain second duckdb.connect in this process would share the first's instance
        # and its snapshot; etl.connect opens its own.
        with etl.connect(warehouse) as second:
            assert second.execute(count).fetchone()[0] == before + 1
            assert second.execute("select count(*) from v_quotes").fetchone()[0] > 0
            with pytest.raises(duckdb.Error, match="read-only|read only"):
                second.execute("delete from fct_quote")
        assert first.execute(count).fetchone()[0] == before  # still its own snapshot
    finally:
        first.close()
    with pytest.raises(FileNotFoundError):
        etl.connect(tmp_path / "none.duckdb")
