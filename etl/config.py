"""Settings read from the environment, so the DAG, the CLI and tests share one source."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# SQL ships inside the package (package data), so an installed copy finds it too.
SQL_DIR = Path(str(files("etl") / "sql"))

# Files above this size are quarantined unread: no news article is tens of megabytes of text.
DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    inbox: Path
    warehouse: Path
    staging: Path
    reports: Path
    spacy_model: str | None = None
    batch_size: int = 64
    n_process: int = 1
    extract_batch: int = 500  # articles per extraction task (the unit the DAG maps over)
    max_files_per_run: int = 2000  # bounds a run's memory; the rest wait for the next run
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Environment first (ETL_*), then explicit overrides that are not None."""
        env = os.environ.get
        # Defaults hang off the repository, not the working directory, which differs
        # between an Airflow worker, the CLI and the tests.
        warehouse = Path(
            str(
                overrides.get("warehouse")
                or env("ETL_WAREHOUSE")
                or REPO_ROOT / "warehouse" / "news.duckdb"
            )
        )
        settings = cls(
            inbox=Path(env("ETL_INBOX") or REPO_ROOT / "data" / "sample_inbox"),
            warehouse=warehouse,
            staging=Path(env("ETL_STAGING") or warehouse.parent / "staging"),
            reports=Path(env("ETL_REPORTS") or REPO_ROOT / "reports"),
            spacy_model=env("ETL_SPACY_MODEL") or None,
            batch_size=int(env("ETL_BATCH_SIZE") or 64),
            n_process=int(env("ETL_N_PROCESS") or 1),
            extract_batch=int(env("ETL_EXTRACT_BATCH") or 500),
            max_files_per_run=int(env("ETL_MAX_FILES_PER_RUN") or 2000),
            max_file_bytes=int(env("ETL_MAX_FILE_BYTES") or DEFAULT_MAX_FILE_BYTES),
        )
        chosen = {k: v for k, v in overrides.items() if v is not None}
        for key in ("inbox", "warehouse", "staging", "reports"):
            if key in chosen:
                chosen[key] = Path(str(chosen[key]))
        return replace(settings, **chosen)
