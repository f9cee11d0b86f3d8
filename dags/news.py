"""The news pipeline's three DAGs, and what they share, declared once.

news_etl: new inbox files -> ingest -> read (each page's body, its boilerplate cleaned out, and
its header fields) -> extract (mapped over batches) -> validate -> enrich (entities resolved,
stories assigned, rows built) -> load into DuckDB -> announce the warehouse Asset, only when
the run published files (an empty run does not rebuild the report).
Each task hands the next only the path of this run's staging partition (and extraction tasks
their batch name); the data stays on disk. Extraction is mapped over batches of
ETL_EXTRACT_BATCH articles, so CeleryExecutor workers on several machines share it when the
staging folder is shared storage; one load task writes DuckDB.

news_dq_report: rebuilds the data-quality report whenever news_etl updates the warehouse.

news_maintenance: a DuckLake warehouse's maintenance (small files merged, old snapshots
expired, files nothing needs deleted), daily; a DuckDB file needs none and is left as it is.
"""

import os

import pendulum
from airflow.sdk import Asset, dag, get_current_context, task

# The warehouse as an Asset: news_etl's load updates it, news_dq_report is scheduled on it. A
# logical name, not the file's path: where a deployment keeps the file must not change the
# asset's identity (Airflow would treat the old one as inactive).
NEWS_WAREHOUSE = Asset("news_warehouse")
START_DATE = pendulum.datetime(2026, 1, 1, tz="UTC")


def schedule_from_env(name: str, default: str) -> str | None:
    """A cron expression or preset from the environment; "none" (or empty) for runs only
    when triggered."""
    text = os.environ.get(name, default)
    return None if text.strip().lower() in ("", "none") else text


SCHEDULE = schedule_from_env("NEWS_ETL_SCHEDULE", "*/15 * * * *")
DEFAULT_ARGS = {"retries": 2, "retry_delay": pendulum.duration(seconds=30)}
# Every DAG here: one run at a time, no catch-up of missed intervals.
DAG_DEFAULTS = {
    "start_date": START_DATE,
    "catchup": False,
    "max_active_runs": 1,
    "default_args": DEFAULT_ARGS,
    "tags": ["news"],
}
MAINTENANCE_SCHEDULE = schedule_from_env("NEWS_MAINTENANCE_SCHEDULE", "@daily")
# DuckDB has one writer: under Celery, the tasks that write the warehouse go to a queue that
# one worker serves (docker-compose.yml); other executors ignore queues.
WAREHOUSE_QUEUE = os.environ.get("NEWS_WAREHOUSE_QUEUE", "default")


@dag(
    schedule=SCHEDULE,
    **DAG_DEFAULTS,
    doc_md="New inbox files to the DuckDB warehouse: ingest, read, extract (mapped), validate, "
    "enrich, load.",
)
def news_etl():
    @task
    def ingest() -> str:
        from etl import pipeline
        from etl.config import Settings

        settings = Settings.from_env()
        partition = pipeline.prepare_partition(settings, get_current_context()["run_id"])
        pipeline.run_ingest(partition, settings)
        return str(partition)

    @task
    def read(partition: str) -> str:
        """Each page's body, boilerplate cleaned out, and its header fields."""
        from etl import pipeline

        pipeline.run_read(partition)
        return partition

    @task
    def plan_extract(partition: str) -> list[str]:
        from etl import pipeline
        from etl.config import Settings

        return pipeline.plan_extract(partition, Settings.from_env())

    @task
    def extract(partition: str, batch: str) -> None:
        from etl import pipeline
        from etl.config import Settings

        pipeline.run_extract_batch(partition, batch, Settings.from_env())

    @task
    def validate(partition: str) -> str:
        from etl import pipeline
        from etl.config import Settings

        # Reads every planned batch's output from the partition, refusing a missing one.
        pipeline.run_validate(partition, Settings.from_env())
        return partition

    @task
    def enrich(partition: str) -> str:
        from etl import pipeline
        from etl.config import Settings

        pipeline.run_enrich(partition, Settings.from_env())
        return partition

    @task(queue=WAREHOUSE_QUEUE)
    def load(partition: str) -> dict:
        from etl import pipeline
        from etl.config import Settings

        return pipeline.run_load(partition, Settings.from_env())

    @task.short_circuit
    def published_something(summary: dict) -> bool:
        from etl.pipeline import published_something

        return published_something(summary)

    @task(outlets=[NEWS_WAREHOUSE])
    def announce() -> None:
        """Emits the warehouse Asset event; skipped when the run published nothing new."""

    partition = read(ingest())
    extracted = extract.partial(partition=partition).expand(batch=plan_extract(partition))
    validated = validate(partition)
    extracted >> validated  # a dependency only: validate reads the batches from the partition
    published_something(load(enrich(validated))) >> announce()


news_etl()


@dag(
    schedule=[NEWS_WAREHOUSE],
    **DAG_DEFAULTS,
    doc_md="Rebuilds the data-quality report whenever news_etl updates the warehouse.",
)
def news_dq_report():
    @task
    def build_report() -> str:
        from etl.config import Settings
        from etl.report import report_for

        return str(report_for(Settings.from_env()))

    build_report()


news_dq_report()


@dag(
    schedule=MAINTENANCE_SCHEDULE,
    **DAG_DEFAULTS,
    doc_md="A DuckLake warehouse's maintenance: small files merged, snapshots older than "
    "ETL_LAKE_KEEP_DAYS expired, files nothing needs deleted. Takes turns with news_etl's load.",
)
def news_maintenance():
    @task(queue=WAREHOUSE_QUEUE)
    def maintain() -> dict:
        from etl.config import Settings
        from etl.pipeline import run_maintenance

        return run_maintenance(Settings.from_env())

    maintain()


news_maintenance()
