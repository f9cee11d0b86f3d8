"""Settings read from the environment, so the DAG, the CLI and tests share one source."""

from __future__ import annotations

import os
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


@dataclass(frozen=True)
class Settings:
    inbox: Path
    warehouse: Path
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

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Environment first (ETL_*), then explicit overrides that are not None; what
        neither sets keeps the default declared above."""
        env = os.environ.get
        chosen = {k: v for k, v in overrides.items() if v is not None}
        # Defaults hang off the repository, not the working directory, which differs
        # between an Airflow worker, the CLI and the tests.
        warehouse = Path(str(chosen.get("warehouse") or env("ETL_WAREHOUSE") or _DEFAULT_WAREHOUSE))
        paths = {
            "inbox": env("ETL_INBOX") or REPO_ROOT / "data" / "sample_inbox",
            "warehouse": warehouse,
            "staging": env("ETL_STAGING") or warehouse.parent / "staging",
            # Beside the warehouse, as staging: a run into a warehouse elsewhere never writes
            # (or prunes) Data Docs in the repository (./dev run asks for reports/ itself).
            "reports": env("ETL_REPORTS") or warehouse.parent / "reports",
        }
        tunables = {name: kind(env(var)) for name, (var, kind) in _TUNABLES.items() if env(var)}
        settings = cls(**{k: Path(str(v)) for k, v in paths.items()}, **tunables)
        for key in paths:
            if key in chosen:
                chosen[key] = Path(str(chosen[key]))
        return replace(settings, **chosen)


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
}
