"""News ETL: raw article files to a validated DuckDB star schema. Never imports Airflow."""


def connect(warehouse=None):
    """A read-only connection to the warehouse on its latest snapshot (etl.readers)."""
    from etl.readers import connect as _connect

    return _connect(warehouse)
