"""The DuckDB warehouse: connections and locks, read-only lookups, and publishing.

Storage knows tables and rows, not the domain: lookups return plain rows that the stages turn
into their own objects.
"""

from etl.warehouse.connection import (
    WarehouseUnavailable,
    connect,
    read_sql,
    require_writable,
    run_lock,
)
from etl.warehouse.lookups import quarantined_payloads, run_summary
from etl.warehouse.merge import publish
from etl.warehouse.registry import ANALYST_TABLES, LOAD_ORDER

__all__ = [
    "ANALYST_TABLES", "LOAD_ORDER", "WarehouseUnavailable", "connect", "publish",
    "quarantined_payloads", "read_sql", "require_writable", "run_lock", "run_summary",
]  # fmt: skip
