"""news_dq_report: rebuilds the data-quality report whenever news_etl updates the warehouse."""

import pendulum
from airflow.sdk import Asset, dag, task

# The warehouse as an Asset: news_etl's load task updates it, news_dq_report runs on it.
# A logical name, not the file's path: where a deployment keeps the file must not change the
# asset's identity (Airflow would treat the old one as inactive). DAG files do not import
# each other, so each declares it.
NEWS_WAREHOUSE = Asset("news_warehouse")


@dag(
    schedule=[NEWS_WAREHOUSE],
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": pendulum.duration(seconds=30)},
    tags=["news"],
    doc_md=__doc__,
)
def news_dq_report():
    @task
    def build_report() -> str:
        from etl.config import Settings
        from etl.report import build_report

        settings = Settings.from_env()
        return str(build_report(settings.warehouse, settings.reports))

    build_report()


news_dq_report()
