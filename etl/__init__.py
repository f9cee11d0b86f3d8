"""News ETL: raw article files to a validated DuckDB star schema. Never imports Airflow."""
