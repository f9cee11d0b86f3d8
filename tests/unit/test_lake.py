"""The DuckLake setting, DDL and maintenance's bookkeeping, without a catalog
(tests/integration/test_lake.py has one)."""

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.config import Lake, Settings, warehouse_location
from etl.ledger import last_maintenance, ledger_folder, record_maintenance
from etl.pipeline import run_maintenance
from etl.warehouse.checks import run_checks
from etl.warehouse.connection import ddl_statements
from etl.warehouse.lake import lake_ddl

CATALOG = "ducklake:postgres:dbname=news host=db.example password=s3cret"


def test_a_ducklake_setting_is_a_lake_with_its_data_path_and_home(monkeypatch, tmp_path):
    monkeypatch.setenv("ETL_LAKE_DATA_PATH", "s3://bucket/news/")
    monkeypatch.setenv("ETL_LAKE_HOME", str(tmp_path))
    lake = warehouse_location(CATALOG)
    assert lake == Lake(CATALOG, "s3://bucket/news/", tmp_path)
    assert lake.conninfo == "dbname=news host=db.example password=s3cret"
    assert "s3cret" not in str(lake)  # printed in summaries and logs
    monkeypatch.setenv("ETL_WAREHOUSE", CATALOG)
    monkeypatch.delenv("ETL_STAGING", raising=False)
    settings = Settings.from_env()
    assert settings.warehouse == lake
    assert settings.staging == tmp_path / "staging"  # local things live in the lake's home


def test_a_file_setting_stays_a_path_and_other_catalogs_are_refused():
    assert warehouse_location("/data/news.duckdb") == Path("/data/news.duckdb")
    with pytest.raises(ValueError, match="PostgreSQL"):
        warehouse_location("ducklake:metadata.sqlite")


def test_lake_ddl_drops_the_constraints_ducklake_refuses_and_keeps_the_rest():
    ddl = """create table if not exists t (
    t_key bigint primary key,
    content_sha256 varchar not null unique,
    unique_count integer not null,  -- a comment, (with parentheses)
    outcome varchar not null check (outcome in ('loaded', 'duplicate')),
    primary key (t_key, unique_count)
);"""
    adapted = lake_ddl(ddl)
    con = duckdb.connect()
    con.execute(adapted)
    columns = con.execute(
        "select column_name, is_nullable from information_schema.columns"
    ).fetchall()
    assert columns == [("t_key", "YES"), ("content_sha256", "NO"), ("unique_count", "NO"),
                       ("outcome", "NO")]  # fmt: skip
    assert con.execute("select count(*) from duckdb_constraints() where constraint_type "
                       "not in ('NOT NULL')").fetchall() == [(0,)]  # fmt: skip


def test_every_table_of_the_warehouse_is_created_without_constraints_ducklake_refuses():
    con = duckdb.connect()
    for ddl in ddl_statements():
        con.execute(lake_ddl(ddl))
    kinds = {
        row[0] for row in con.execute("select constraint_type from duckdb_constraints()").fetchall()
    }
    assert kinds == {"NOT NULL"}


def test_maintenance_leaves_a_duckdb_file_alone_and_records_nothing(tmp_path):
    warehouse = tmp_path / "news.duckdb"
    warehouse.write_bytes(b"not touched")
    settings = Settings.from_env(warehouse=str(warehouse))
    done = run_maintenance(settings)
    assert done["maintained"] is False and "DuckDB file" in done["why"]
    assert warehouse.read_bytes() == b"not touched"
    assert last_maintenance(ledger_folder(settings.staging)) is None


def test_the_ledger_gives_the_latest_maintenance(tmp_path):
    at = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    for snapshots in (9, 2):
        record_maintenance(tmp_path, at, {"after": {"snapshots": snapshots}})
    assert last_maintenance(tmp_path) == {"started_at": at.isoformat(), "after": {"snapshots": 2}}


def test_the_ddls_unique_columns_and_checks_are_checked_where_nothing_enforces_them():
    """In a DuckLake the DDL's UNIQUE and CHECK constraints are gone: the warehouse checks
    find what they would have refused, on every row and on the rows a run wrote."""
    con = duckdb.connect()
    for ddl in ddl_statements():
        con.execute(lake_ddl(ddl))
    con.execute("insert into dim_article (article_key, content_sha256, body, first_path) "
                "values (1, 'same', 'a', 'a.txt'), (2, 'same', 'b', 'b.txt'), "
                "(3, 'other', 'c', 'c.txt')")  # fmt: skip
    con.execute("insert into raw_file (path, sha256, size_bytes, outcome, first_seen_run_id) "
                "values ('a.txt', 'x', 1, 'lost', 'r1'), ('b.txt', 'y', 1, 'loaded', 'r1')")  # fmt: skip
    found = run_checks(con, "check_full").set_index("expectation")["unexpected_count"]
    assert found["warehouse:unique_column:dim_article.content_sha256"] == 1
    assert found["warehouse:condition:raw_file.outcome"] == 1
    assert found["warehouse:condition:fct_article.input_format"] == 0
    # A run that wrote article 2 only still finds the duplicate it made; one that wrote
    # article 3 finds none.
    for key, expected in ((2, 1), (3, 0)):
        con.register("stg_keys_dim_article", pd.DataFrame({"article_key": [key]}))
        written = run_checks(con, "run", {"dim_article"}).set_index("expectation")
        assert written.loc["warehouse:unique_column:dim_article.content_sha256",
                           "unexpected_count"] == expected  # fmt: skip


def test_a_duckdb_file_enforces_its_constraints_and_checks_none_of_them_twice():
    con = duckdb.connect()
    for ddl in ddl_statements():
        con.execute(ddl)
    names = set(run_checks(con, "check_full")["expectation"])
    assert not {n for n in names if ":unique_column:" in n or ":condition:" in n}
