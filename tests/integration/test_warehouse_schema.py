"""The warehouse documents itself, and a warehouse made by an earlier version is brought up to
date without losing a row."""

import duckdb

from etl import pipeline
from etl.config import SQL_DIR
from etl.warehouse.connection import connect, ensure_schema
from etl.warehouse.registry import TABLES, VIEWS
from tests.integration.helpers import query


def test_every_table_view_and_column_carries_its_comment(settings):
    config = settings()
    pipeline.run_all(config, "documented")
    uncommented = query(
        config.warehouse,
        "select table_name, column_name from duckdb_columns() "
        "where schema_name = 'main' and not internal and comment is null",
    )
    assert uncommented == []
    tables = dict(
        query(config.warehouse, "select table_name, comment from duckdb_tables()")
        + query(
            config.warehouse, "select view_name, comment from duckdb_views() where not internal"
        )
    )
    for item in (*TABLES, *VIEWS):
        assert tables[item.name] == item.grain


def test_an_older_warehouse_gains_the_new_columns_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.duckdb"
    # fct_article as an earlier version created it: without the provenance columns
    ddl = (SQL_DIR / "ddl" / "10_fct_article.sql").read_text(encoding="utf-8")
    old = ddl.split("    input_format")[0].rstrip().rstrip(",") + "\n);"
    with duckdb.connect(str(path)) as con:
        con.execute(old)
        con.execute(
            "insert into fct_article values (1, 2, 3, 20260101, 20260101, 100, 3, 0.5, 4, 1, 2,"
            " 0, 0, 9, null, null, 'old_run')"
        )
    with connect(path) as con:
        ensure_schema(con)
        ensure_schema(con)  # twice: nothing left to add
        columns = [row[0] for row in con.execute("describe fct_article").fetchall()]
        rows = con.execute(
            "select article_key, input_format, title_source, version, is_current from fct_article"
        )
        # the version columns are backfilled: an old article is its current first version
        assert rows.fetchall() == [(1, None, None, 1, True)]
    assert columns[-10:] == [
        "input_format", "title_source", "published_source", "outlet_source", "authors_source",
        "version", "first_version_key", "valid_from", "valid_to", "is_current",
    ]  # fmt: skip
