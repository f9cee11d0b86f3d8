"""The table registry, the DDL and the row builders agree: a table is declared once."""

import datetime as dt

import pandas as pd

from etl.config import SQL_DIR
from etl.model import Batch
from etl.stages.enrich import enrich
from etl.staging import EXTRACTED, FAILURES, FILES
from etl.warehouse import payloads
from etl.warehouse.connection import declared_columns
from etl.warehouse.registry import (
    ANALYST_TABLES,
    CUSTOM_SQL,
    LOAD_ORDER,
    RELEASE,
    SUPERSEDED,
    TABLES,
    VIEWS,
    table,
)


def test_every_table_in_the_ddl_is_in_the_registry_with_the_same_columns():
    ddl = declared_columns()
    assert set(ddl) == {t.name for t in TABLES}
    for name, columns in ddl.items():
        assert [c for c, _ in columns] == list(table(name).columns), name


def test_every_key_column_exists_and_every_reference_names_a_table():
    names = {t.name for t in TABLES}
    for t in TABLES:
        assert set(t.key) <= set(t.columns), t.name
        for column, target in (t.references or {}).items():
            assert column in t.columns and target in names, (t.name, column)


def test_tables_with_their_own_load_have_a_sql_file_and_others_use_the_template():
    for t in TABLES:
        path = SQL_DIR / "load" / f"{t.name}.sql"
        assert path.exists() == (t.load == CUSTOM_SQL), t.name
    assert (SQL_DIR / "load" / f"{RELEASE}.sql").exists()
    assert (SQL_DIR / "load" / "insert_new.sql").exists()


def test_load_order_puts_dimensions_first_and_the_run_last():
    assert LOAD_ORDER[-1] == "etl_run"
    assert LOAD_ORDER.index(RELEASE) == LOAD_ORDER.index("quarantine") + 1
    for t in TABLES:
        for target in (t.references or {}).values():
            if target != "dim_story":  # recomputed from fct_article, so loaded after it
                assert LOAD_ORDER.index(target) < LOAD_ORDER.index(t.name), (t.name, target)
    assert "raw_file" not in ANALYST_TABLES and "fct_article" in ANALYST_TABLES


def test_every_table_view_and_column_has_a_comment():
    for item in (*TABLES, *VIEWS):
        assert item.grain.strip(), item.name
        assert item.columns, item.name
        assert all(meaning.strip() for meaning in item.columns.values()), item.name


def test_the_row_builders_make_exactly_the_registered_tables_and_columns(tmp_path):
    now = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
    batch = Batch(
        run_id="r1", started_at=now, finished_at=now,
        files=pd.DataFrame(columns=FILES.names, dtype=object),
        failures=pd.DataFrame(columns=FAILURES.names, dtype=object),
        articles=pd.DataFrame(columns=EXTRACTED.names, dtype=object),
        dq_results=pd.DataFrame(columns=["expectation"]), blocked_by=[], stage_seconds={},
    )  # fmt: skip
    tables = enrich(batch)
    assert set(tables) == set(LOAD_ORDER) | {SUPERSEDED}
    for name, frame in tables.items():
        if name in (RELEASE, "dq_result", SUPERSEDED):
            continue
        if name == "quarantine":  # the publish keeps payloads as files, hash and size here
            frame = payloads.store(tmp_path, frame)
        assert set(frame.columns) <= set(table(name).columns), name
