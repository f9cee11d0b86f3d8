"""news_etl: new inbox files -> ingest -> clean -> extract (mapped over batches) -> validate
-> enrich (entities resolved, stories assigned, rows built) -> load into DuckDB.

Each task hands the next only the path of this run's staging partition (and extraction tasks
their batch name); the data stays on disk. Extraction is mapped over batches of
ETL_EXTRACT_BATCH articles, so CeleryExecutor workers on several machines share it when the
staging folder is shared storage; one load task writes DuckDB.
"""

import os

import pendulum
from airflow.sdk import Asset, dag, get_current_context, task

# The warehouse as an Asset: news_etl's load task updates it, news_dq_report runs on it.
# A logical name, not the file's path: where a deployment keeps the file must not change the
# asset's identity (Airflow would treat the old one as inactive). DAG files do not import
# each other, so each declares it.
NEWS_WAREHOUSE = Asset("news_warehouse")


@dag(
    schedule=os.environ.get("NEWS_ETL_SCHEDULE", "*/15 * * * *"),
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": pendulum.duration(seconds=30)},
    tags=["news"],
    doc_md=__doc__,
)
def news_etl():
    @task
    def ingest() -> str:
        from etl import pipeline
        from etl.config import Settings

        settings = Settings.from_env()
        partition = pipeline.prepare_partition(settings, get_current_context()["run_id"])
        return pipeline.run_ingest(partition, settings)

    @task
    def clean(partition: str) -> str:
        from etl import pipeline

        return pipeline.run_clean(partition)

    @task
    def plan_extract(partition: str) -> list[str]:
        from etl import pipeline
        from etl.config import Settings

        return pipeline.plan_extract(partition, Settings.from_env())

    @task
    def extract(partition: str, batch: str) -> str:
        from etl import pipeline
        from etl.config import Settings

        return pipeline.run_extract_batch(partition, batch, Settings.from_env())

    @task
    def validate(partition: str, extracted: list[str]) -> str:
        from etl import pipeline
        from etl.config import Settings

        return pipeline.run_validate(partition, Settings.from_env(), done=list(extracted))

    @task
    def enrich(partition: str) -> str:
        from etl import pipeline
        from etl.config import Settings

        return pipeline.run_enrich(partition, Settings.from_env())

    @task(outlets=[NEWS_WAREHOUSE])
    def load(partition: str) -> dict:
        from etl import pipeline
        from etl.config import Settings

        return pipeline.run_load(partition, Settings.from_env())

    partition = clean(ingest())
    extracted = extract.partial(partition=partition).expand(batch=plan_extract(partition))
    load(enrich(validate(partition, extracted)))


news_etl()
