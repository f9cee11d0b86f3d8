"""Publishing a run's tables into the warehouse in one transaction."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.failpoints import failpoint
from etl.warehouse.connection import connect, ensure_schema, read_sql
from etl.warehouse.lookups import run_summary

# Publishing order: dimensions before the facts and bridges that reference them.
LOAD_ORDER = [
    "dim_date", "dim_source", "dim_section", "dim_author", "dim_entity", "dim_entity_alias",
    "dim_article", "fct_article", "dim_story", "bridge_story_entity", "article_lsh_band",
    "bridge_article_author", "fct_entity_mention",
    "fct_removed_block", "fct_amount", "fct_quote", "raw_file", "quarantine",
    "quarantine_release", "dq_result", "etl_run",
]  # fmt: skip
ANALYST_TABLES = LOAD_ORDER[: LOAD_ORDER.index("raw_file")]


def publish(path: Path, tables: dict[str, pd.DataFrame], run_id: str) -> dict:
    """Merge every table of a batch in one transaction; a batch already published is a no-op.

    A crash anywhere before COMMIT leaves the warehouse exactly as it was.
    """
    with connect(path) as con:
        ensure_schema(con)
        con.begin()
        try:
            existing = run_summary(con, run_id)
            if existing is not None:
                con.rollback()
                return existing | {"already_published": True}
            for table in LOAD_ORDER:
                con.register(f"stg_{table}", tables[table])
                con.execute(read_sql(f"load/{table}.sql"))
                con.unregister(f"stg_{table}")
                if table == "fct_article":
                    failpoint("load:inside_transaction")
            con.commit()
        except BaseException:
            con.rollback()
            raise
        return run_summary(con, run_id) | {"already_published": False}
