"""Checks of the warehouse as a whole, run inside the publishing transaction: every foreign
key resolves, keys no constraint enforces are unique, every loaded file has its article and
every article a file. A check that fails rolls the publish back.

The checks are generated from the registry's keys and references (sql/check/*.sql), so a new
table or reference is checked without a line here.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from etl.warehouse.connection import read_sql
from etl.warehouse.registry import TABLES, table

RECONCILIATIONS = ("loaded_files_have_articles", "articles_have_files")
CHECK_PREFIX = "warehouse:"  # how dq_result tells these checks from the audit's expectations


@dataclass(frozen=True)
class Check:
    name: str  # the expectation name recorded in dq_result
    column: str | None
    sql: str


def checks(con: duckdb.DuckDBPyConnection) -> list[Check]:
    enforced = {row[0] for row in con.execute(read_sql("lookup/primary_keys.sql")).fetchall()}
    found = []
    for t in TABLES:
        for column, target in (t.references or {}).items():
            target_key = table(target).key[0]
            sql = read_sql("check/foreign_key.sql").format(
                table=t.name, column=column, target=target, target_key=target_key
            )
            found.append(Check(f"{CHECK_PREFIX}foreign_key:{t.name}->{target}", column, sql))
        if t.name not in enforced:
            sql = read_sql("check/unique_key.sql").format(table=t.name, key=", ".join(t.key))
            found.append(Check(f"{CHECK_PREFIX}unique_key:{t.name}", ", ".join(t.key), sql))
    found += [Check(f"{CHECK_PREFIX}{name}", None, read_sql(f"check/{name}.sql"))
              for name in RECONCILIATIONS]  # fmt: skip
    return found


def run_checks(con: duckdb.DuckDBPyConnection, run_id: str) -> pd.DataFrame:
    """One dq_result row per check, for this run: success when it found no violation."""
    rows = []
    for check in checks(con):
        violations = con.execute(check.sql).fetchall()[0][0]
        rows.append(
            {
                "run_id": run_id,
                "expectation": check.name,
                "column_name": check.column,
                "severity": "critical",
                "success": violations == 0,
                "element_count": None,
                "unexpected_count": violations,
                "unexpected_percent": None,
                "observed_value": None,
            }
        )
    return pd.DataFrame(rows)
