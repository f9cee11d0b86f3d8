from pathlib import Path

import duckdb

from etl.warehouse import ANALYST_TABLES


def snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    """Every analyst-facing table's rows, in a stable order."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {
            table: sorted(con.execute(f"select * from {table}").fetchall(), key=repr)  # noqa: S608
            for table in ANALYST_TABLES
        }


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()
