"""Settings read from the environment, so the DAG, the CLI and tests share one source."""

from __future__ import annotations

import os
import re
from contextlib import closing
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# The development sets, beside the repository (../shared/benchmarks): benchmarks and training only.
BENCHMARKS = REPO_ROOT.parent / "shared" / "benchmarks"
# The top-level sql/ installs as a package beside etl (its .sql files as package data), so an
# installed copy finds it too.
SQL_DIR = Path(str(files("sql")))

# Files above this size are quarantined unread: no news article is tens of megabytes of text.
DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
# A read of one inbox file taking longer than this is abandoned (read_timeout): a local file of
# 20 MB reads in milliseconds, a hung network mount never.
DEFAULT_READ_SECONDS = 30.0


# ETL_WAREHOUSE starting with this names a DuckLake catalog instead of a DuckDB file.
LAKE_PREFIX = "ducklake:"


@dataclass(frozen=True)
class Lake:
    """A DuckLake warehouse (etl.warehouse.lake): its catalog, a PostgreSQL database
    (`ducklake:postgres:<libpq connection string>`), and where its Parquet files go (a folder
    or an s3:// prefix). What stays on local disk (staging, reports, quarantined payloads)
    lives under `home`, which plays the part of the DuckDB file's folder."""

    catalog: str
    data_path: str
    home: Path

    @property
    def conninfo(self) -> str:
        """The catalog's libpq connection string (for the run lock and `exists`)."""
        return self.catalog.removeprefix(LAKE_PREFIX).removeprefix("postgres:")

    @property
    def parent(self) -> Path:
        return self.home

    def exists(self) -> bool:
        """The catalog database holds a DuckLake (a first publish creates it)."""
        import psycopg2

        query = (SQL_DIR / "lake" / "catalog_exists.sql").read_text(encoding="utf-8")
        with closing(psycopg2.connect(self.conninfo)) as pg, pg.cursor() as cursor:
            cursor.execute(query)
            return bool(cursor.fetchone()[0])

    def resolve(self) -> Lake:
        return self

    def __str__(self) -> str:
        # Summaries and logs print the warehouse; a password in the catalog string stays out.
        return re.sub(r"password=\S+", "password=***", self.catalog)


def warehouse_location(text: str, env=os.environ.get) -> Path | Lake:
    """A DuckDB file's path, or a Lake for `ducklake:postgres:...` (its data path from
    ETL_LAKE_DATA_PATH, which a new lake needs and a reader may leave out; its home from
    ETL_LAKE_HOME, default warehouse/)."""
    if not text.startswith(LAKE_PREFIX):
        return Path(text)
    if not text.startswith(LAKE_PREFIX + "postgres:"):
        raise ValueError(f"not a PostgreSQL DuckLake (ducklake:postgres:...): {text!r}")
    home = Path(env("ETL_LAKE_HOME") or _DEFAULT_WAREHOUSE.parent)
    return Lake(text, env("ETL_LAKE_DATA_PATH") or "", home)


@dataclass(frozen=True)
class Settings:
    inbox: Path
    warehouse: Path | Lake
    staging: Path
    reports: Path
    spacy_model: str | None = None
    # NER weights fine-tuned for the English model (etl.nlp.entities.ner_weights): unset or
    # "news" for the shipped wire-news weights (with the shipped NER's persons), "none" for
    # the model's NER as it ships alone, or a folder `python -m etl train ner` wrote.
    ner_weights: str | None = None
    batch_size: int = 64
    n_process: int = 1
    extract_batch: int = 500  # articles per extraction task (the unit the DAG maps over)
    max_files_per_run: int = 2000  # bounds a run's memory; the rest wait for the next run
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    read_timeout_seconds: float = DEFAULT_READ_SECONDS
    # Staging partitions of runs started longer ago are deleted after a successful publish;
    # the warehouse keeps what a retry of a quarantined file needs.
    staging_retention_days: float = 7.0
    # A DuckLake's time-travel window: its maintenance expires snapshots older than this.
    lake_keep_days: float = 7.0

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Environment first (ETL_*), then explicit overrides that are not None; what
        neither sets keeps the default declared above."""
        env = os.environ.get
        chosen = {k: v for k, v in overrides.items() if v is not None}
        # Defaults hang off the repository, not the working directory, which differs
        # between an Airflow worker, the CLI and the tests.
        warehouse = chosen.pop("warehouse", None) or env("ETL_WAREHOUSE") or _DEFAULT_WAREHOUSE
        if not isinstance(warehouse, Lake):
            warehouse = warehouse_location(str(warehouse), env)
        paths = {
            "inbox": env("ETL_INBOX") or REPO_ROOT / "data" / "sample_inbox",
            "staging": env("ETL_STAGING") or warehouse.parent / "staging",
            # Beside the warehouse, as staging: a run into a warehouse elsewhere never writes
            # (or prunes) Data Docs in the repository (./dev run asks for reports/ itself).
            "reports": env("ETL_REPORTS") or warehouse.parent / "reports",
        }
        tunables = {name: kind(env(var)) for name, (var, kind) in _TUNABLES.items() if env(var)}
        paths = {key: Path(str(chosen.pop(key, None) or value)) for key, value in paths.items()}
        return replace(cls(warehouse=warehouse, **paths, **tunables), **chosen)


_DEFAULT_WAREHOUSE = REPO_ROOT / "warehouse" / "news.duckdb"
# The settings an environment variable may change, and how to read it.
_TUNABLES = {
    "spacy_model": ("ETL_SPACY_MODEL", str),
    "ner_weights": ("ETL_NER_WEIGHTS", str),
    "batch_size": ("ETL_BATCH_SIZE", int),
    "n_process": ("ETL_N_PROCESS", int),
    "extract_batch": ("ETL_EXTRACT_BATCH", int),
    "max_files_per_run": ("ETL_MAX_FILES_PER_RUN", int),
    "max_file_bytes": ("ETL_MAX_FILE_BYTES", int),
    "read_timeout_seconds": ("ETL_READ_TIMEOUT_SECONDS", float),
    "staging_retention_days": ("ETL_STAGING_RETENTION_DAYS", float),
    "lake_keep_days": ("ETL_LAKE_KEEP_DAYS", float),
}
