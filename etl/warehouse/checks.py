"""Checks of the warehouse, run inside the publishing transaction: every foreign key
resolves, keys no constraint enforces are unique, and so are the DDL's UNIQUE columns and
CHECK conditions no constraint enforces (all of them in a DuckLake), every loaded file has
its article and every article a file. A check that fails rolls the publish back.

A publish checks only the rows its run wrote (their keys, staged as stg_keys_<table>): nothing
is deleted and no key or reference is updated, so a violation always involves a written row,
and a run's cost does not grow with the warehouse's history. `python -m etl check --full`
checks every row, for operators. The checks are generated from the registry's keys and
references (sql/check/*.sql), so a new table or reference is checked without a line here.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from etl.warehouse.connection import declared_constraints, read_sql
from etl.warehouse.registry import TABLES, table

# Reconciliation checks, each with the table whose rows it checks.
RECONCILIATIONS = {"loaded_files_have_articles": "raw_file", "articles_have_files": "fct_article"}
_RESULT_COLUMNS = [
    "run_id", "expectation", "column_name", "severity", "success", "element_count",
    "unexpected_count", "unexpected_percent", "observed_value",
]  # fmt: skip
CHECK_PREFIX = "warehouse:"  # how dq_result tells these checks from the audit's expectations


@dataclass(frozen=True)
class Check:
    name: str  # the expectation name recorded in dq_result
    column: str | None
    sql: str


def checks(con: duckdb.DuckDBPyConnection, written: set[str] | None = None) -> list[Check]:
    """The checks of every row (written None), or of the rows written to the tables named
    (their keys registered as stg_keys_<table>); a check of a table nothing was written to
    is left out."""
    enforced = {row[0] for row in con.execute(read_sql("lookup/primary_keys.sql")).fetchall()}
    enforced_constraints = set(con.execute(read_sql("lookup/column_constraints.sql")).fetchall())
    unenforced = declared_constraints() - enforced_constraints
    found = []
    for t in TABLES:
        if written is not None and t.name not in written:
            continue
        scope = _scope(t.name, written)
        for column, target in (t.references or {}).items():
            target_key = table(target).key[0]
            sql = read_sql("check/foreign_key.sql").format(
                table=t.name, column=column, target=target, target_key=target_key, scope=scope
            )
            found.append(Check(f"{CHECK_PREFIX}foreign_key:{t.name}->{target}", column, sql))
        if t.name not in enforced:
            sql = read_sql("check/unique_key.sql").format(
                table=t.name, key=", ".join(t.key), scope=scope
            )
            found.append(Check(f"{CHECK_PREFIX}unique_key:{t.name}", ", ".join(t.key), sql))
        found.extend(_constraint_checks(t.name, scope, unenforced))
    for name, checked_table in RECONCILIATIONS.items():
        if written is None or checked_table in written:
            sql = read_sql(f"check/{name}.sql").format(scope=_scope(checked_table, written))
            found.append(Check(f"{CHECK_PREFIX}{name}", None, sql))
    return found


def _constraint_checks(name: str, scope: str, unenforced) -> list[Check]:
    """The table's UNIQUE columns and CHECK conditions that no constraint enforces, as checks
    (the DDL's own condition, spliced in as DDL is)."""
    found = []
    for table_name, kind, column, condition in sorted(unenforced, key=str):
        if table_name != name:
            continue
        if kind == "unique":
            sql = read_sql("check/unique_column.sql").format(table=name, column=column, scope=scope)
            found.append(Check(f"{CHECK_PREFIX}unique_column:{name}.{column}", column, sql))
        else:
            sql = read_sql("check/column_condition.sql").format(
                table=name, column=column, condition=condition, scope=scope
            )
            found.append(Check(f"{CHECK_PREFIX}condition:{name}.{column}", column, sql))
    return found


def _scope(name: str, written: set[str] | None) -> str:
    if written is None:
        return ""
    return f"semi join stg_keys_{name} using ({', '.join(table(name).key)})"


def register_written(con: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame]) -> set[str]:
    """Register the keys of the rows a run writes as stg_keys_<table>; the tables named."""
    written = set()
    for t in TABLES:
        frame = tables.get(t.name)
        if frame is not None and not frame.empty:
            con.register(f"stg_keys_{t.name}", frame[list(t.key)].drop_duplicates())
            written.add(t.name)
    return written


def run_checks(
    con: duckdb.DuckDBPyConnection, run_id: str, written: set[str] | None = None
) -> pd.DataFrame:
    """One dq_result row per check, for this run: success when it found no violation."""
    rows = []
    for check in checks(con, written):
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
    return pd.DataFrame(rows, columns=_RESULT_COLUMNS)
