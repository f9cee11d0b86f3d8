"""The DuckLake setting, DDL and maintenance's bookkeeping, without a catalog
(tests/integration/test_lake.py has one)."""

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from etl.config import Lake, Settings, warehouse_location
from etl.ledger import last_maintenance, ledger_folder, record_maintenance
from etl.pipeline import run_maintenance
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
