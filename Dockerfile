# The Airflow image for docker-compose.yml: the official Airflow 3 image (it carries the
# Postgres, Celery and Redis providers) plus this project at the versions pinned in
# pyproject.toml and constraints.txt, the spaCy model included.
FROM apache/airflow:3.3.2-python3.11

WORKDIR /opt/news-etl
COPY --chown=airflow:root pyproject.toml constraints.txt README.md ./
COPY --chown=airflow:root etl ./etl
COPY --chown=airflow:root expectations ./expectations
COPY --chown=airflow:root sql ./sql
# Every pinned package checked against its hashes in constraints.txt (./dev lock), then a
# regular install of the project (SQL, templates and models ship as package data).
RUN pip install --no-cache-dir --require-hashes -r constraints.txt \
    && pip install --no-cache-dir --no-deps .

# The mount points of the compose file's volumes, owned by the airflow user (uid 50000, gid 0)
# as the image's own folders are: Docker copies this ownership into a new named volume, which
# would otherwise be root's and refuse the first write.
USER root
RUN mkdir -p /opt/news/inbox /opt/news/warehouse /opt/news/reports \
    && chown -R 50000:0 /opt/news && chmod -R g+rwX /opt/news
USER airflow

ENV ETL_INBOX=/opt/news/inbox \
    ETL_WAREHOUSE=/opt/news/warehouse/news.duckdb \
    ETL_REPORTS=/opt/news/reports \
    GX_ANALYTICS_ENABLED=False
