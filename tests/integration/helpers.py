import os
import subprocess
import sys
from pathlib import Path

import etl
from etl.warehouse import ANALYST_TABLES

# When a version was loaded: the clock of the run, which two warehouses never share.
LOAD_TIMES = ("valid_from", "valid_to")


def snapshot(warehouse: Path | str) -> dict[str, list[tuple]]:
    """Every analyst-facing table's rows, in a stable order, without load times (a DuckDB
    file's path, or a DuckLake's `ducklake:postgres:...` with ETL_LAKE_* set)."""
    with etl.connect(warehouse) as con:
        found = {}
        for table in ANALYST_TABLES:
            columns = [row[0] for row in con.execute(f"describe {table}").fetchall()]
            kept = ", ".join(c for c in columns if c not in LOAD_TIMES)
            rows = con.execute(f"select {kept} from {table}").fetchall()  # noqa: S608
            found[table] = sorted(rows, key=repr)
        return found


def query(warehouse: Path | str, sql: str, params: list | None = None) -> list[tuple]:
    with etl.connect(warehouse) as con:
        return con.execute(sql, params or []).fetchall()


def etl_run(inbox: Path, warehouse: Path | str, run_id: str, **env: str):
    """`python -m etl run` in a process of its own, without the caller's ETL_* settings."""
    from tests.conftest import REPO

    clean = {k: v for k, v in os.environ.items() if not k.startswith("ETL_")} | env
    return subprocess.run(
        [sys.executable, "-m", "etl", "run", "--inbox", str(inbox),
         "--warehouse", str(warehouse), "--run-id", run_id],
        cwd=REPO, env=clean, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
