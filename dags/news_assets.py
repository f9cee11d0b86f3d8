"""Assets shared by the news DAGs."""

import os

from airflow.sdk import Asset

_warehouse = os.path.abspath(os.environ.get("ETL_WAREHOUSE", "warehouse/news.duckdb"))

NEWS_WAREHOUSE = Asset(name="news_warehouse", uri=f"file://{_warehouse}")
