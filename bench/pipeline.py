"""`python -m etl bench pipeline`: the whole pipeline against the work it cannot avoid.

Builds an inbox of distinct articles (the development pages and the sample inbox, with
numbered variants when more are asked for), runs `python -m etl run` over it in its own
process, then again with nothing new, and in a third process the ceiling: spaCy's small
English model with its full default pipeline running `nlp.pipe` over the same raw texts with
two processes. Prints per-stage seconds and throughput, peak memory, rows loaded per second,
and the ratio pipeline time / ceiling time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import etl
from etl.config import REPO_ROOT, Lake
from etl.nlp.entities import model_name
from etl.staging import stage_seconds
from etl.warehouse import read_sql

_CEILING = """
import sys, spacy
texts = [open(p, encoding="utf-8", errors="replace").read() for p in sys.argv[2:]]
nlp = spacy.load(sys.argv[1])
for _ in nlp.pipe(texts, batch_size=64, n_process=2):
    pass
"""


# A news article's body, about as long as the development pages' (their gold bodies average
# 550-700 words).
HISTORY_BODY_WORDS = 600
_PREFILL = """
import sys
from etl.config import warehouse_location
from bench.pipeline import prefill
prefill(warehouse_location(sys.argv[1]), int(sys.argv[2]))
"""


def bench_pipeline(
    sources: list[Path],
    articles: int | None = None,
    warehouse_articles: int = 0,
    ceiling_sources: list[Path] | None = None,
    lake: str | None = None,
) -> dict:
    """With warehouse_articles, the warehouse already holds that many synthetic articles
    (with their files, entities, stories and buckets) before the run. ceiling_sources are
    the plain texts the ceiling reads (default: the inbox itself): for an HTML inbox, the
    text of the same pages, so that the ceiling is the same language work in both cases.
    lake: a DuckLake catalog (`ducklake:postgres:...`, an empty database) to load instead of
    a DuckDB file, its data in the benchmark's folder."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        inbox = _inbox(sources, root / "inbox", articles)
        files = sorted(p for p in inbox.rglob("*") if p.is_file())
        ceiling_files = files
        if ceiling_sources is not None:
            texts = _inbox(ceiling_sources, root / "ceiling", articles)
            ceiling_files = sorted(p for p in texts.rglob("*") if p.is_file())
        megabytes = sum(p.stat().st_size for p in files) / 1e6
        warehouse = lake or str(root / "bench.duckdb")
        env = {"ETL_LAKE_DATA_PATH": str(root / "lake"), "ETL_LAKE_HOME": str(root)}
        rows_before = 0
        if warehouse_articles:
            # In a process of its own: Linux counts a parent's resident memory at fork into
            # its children's peak, so a large parent would inflate the run's figure.
            built = subprocess.run(
                [sys.executable, "-c", _PREFILL, warehouse, str(warehouse_articles)],
                cwd=REPO_ROOT, capture_output=True, text=True, env=os.environ | env,
            )  # fmt: skip
            if built.returncode != 0:
                raise RuntimeError(f"the history's prefill failed:\n{built.stderr[-3000:]}")
            rows_before = _rows(warehouse)
        first, peak_mb, written_mb = _run(inbox, warehouse, "bench_first", env)
        again, _, again_written_mb = _run(inbox, warehouse, "bench_nothing_new", env)
        warehouse_mb = _megabytes(Path(warehouse) if lake is None else root / "lake")
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", _CEILING, model_name(None),
             *map(str, ceiling_files)],
            check=True, capture_output=True,
        )  # fmt: skip
        ceiling = time.perf_counter() - started
        # from the partitions: the run that found nothing has no etl_run row (etl.stages.load)
        stages = {
            run_id: stage_seconds(root / "staging" / "runs" / run_id)
            for run_id in ("bench_first", "bench_nothing_new")
        }
        with etl.connect(warehouse) as con:
            loaded = con.execute(
                "select loaded from etl_run where run_id = 'bench_first'"
            ).fetchone()[0]
        rows = _rows(warehouse) - rows_before
        query_seconds = _analyst_query_seconds(warehouse)
    work = stages["bench_first"]
    return {
        "warehouse_articles_before": warehouse_articles,
        "files": len(files),
        "articles_loaded": loaded,
        "megabytes": round(megabytes, 2),
        "pipeline_seconds": round(first, 2),
        "milliseconds_per_article": round(1000 * first / max(loaded, 1), 1),
        "stage_seconds": work,
        "articles_per_second_by_stage": {
            stage: round(loaded / seconds, 1) for stage, seconds in work.items() if seconds
        },
        "ceiling_seconds": round(ceiling, 2),
        "ratio_pipeline_to_ceiling": round(first / ceiling, 3),
        "peak_memory_mb": round(peak_mb, 1),
        "rows_loaded": rows,
        "rows_loaded_per_second": round(rows / work["load"], 0),
        "megabytes_written": round(written_mb, 1),
        "warehouse_megabytes_after": round(warehouse_mb, 1),
        "nothing_new_run_seconds": round(again, 2),
        "nothing_new_megabytes_written": round(again_written_mb, 1),
        "nothing_new_stage_seconds": round(sum(stages["bench_nothing_new"].values()), 3),
        "analyst_query_seconds": query_seconds,
        "mention_rows_loaded_per_second": mention_load_rate(),
    }


def prefill(path: Path | Lake, articles: int) -> None:
    """Synthetic history (bench.history), streamed in chunks: articles of HISTORY_BODY_WORDS
    words in stories, and for each a raw_file row and six entity mentions, with their
    entities and aliases."""
    import random

    from bench import history

    history.articles(path, articles, random.Random(11), HISTORY_BODY_WORDS)


def mention_load_rate(rows: int = 1_000_000) -> float:
    """Entity-mention rows per second through its load statement, into a table
    that already holds as many: the anti join against what is there is part of the cost."""
    import numpy as np
    import pandas as pd

    from etl import warehouse
    from etl.warehouse.connection import ensure_schema
    from etl.warehouse.merge import load_sql

    def batch(offset: int) -> pd.DataFrame:
        keys = np.arange(offset, offset + rows, dtype=np.int64)
        return pd.DataFrame(
            {"article_key": keys // 8, "entity_key": keys, "source_key": keys % 50,
             "published_date_key": 20260101, "ingested_date_key": 20260101,
             "mention_count": 1}
        )  # fmt: skip

    with (
        tempfile.TemporaryDirectory() as folder,
        warehouse.connect(Path(folder) / "m.duckdb") as con,
    ):
        ensure_schema(con)
        seconds = 0.0
        for offset in (0, rows):  # the second batch is the one timed
            con.register("stg_fct_entity_mention", batch(offset))
            started = time.perf_counter()
            con.execute(load_sql("fct_entity_mention"))
            seconds = time.perf_counter() - started
            con.unregister("stg_fct_entity_mention")
    return round(rows / seconds, 0)


_LOADED_TABLES = (
    "dim_article", "fct_article", "fct_entity_mention", "dim_entity", "dim_entity_alias",
    "fct_removed_block", "fct_amount", "fct_quote", "bridge_article_author", "article_lsh_band",
    "bridge_story_entity", "dim_story", "raw_file", "quarantine",
)  # fmt: skip


# What an analyst asks across the whole history: who is mentioned most, by how many outlets
# (the README's first query), a join of every mention with its entity.
ANALYST_QUERY = "analyst/top_mentioned.sql"


def _analyst_query_seconds(warehouse: str) -> dict[str, float]:
    """The analyst query's seconds in a new read-only connection: the first run (cold: the
    connection's first read of the files) and the best of three after it."""
    with etl.connect(warehouse) as con:
        sql = read_sql(ANALYST_QUERY)
        times = []
        for _ in range(4):
            started = time.perf_counter()
            con.execute(sql).fetchall()
            times.append(time.perf_counter() - started)
    return {"first": round(times[0], 3), "best_of_three_after": round(min(times[1:]), 3)}


def _megabytes(path: Path) -> float:
    """A file's size, or the files' under a folder (a DuckLake's data)."""
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


def _rows(warehouse: str) -> int:
    with etl.connect(warehouse) as con:
        return sum(
            con.execute(f"select count(*) from {table}").fetchone()[0]  # noqa: S608
            for table in _LOADED_TABLES
        )


def _run(inbox: Path, warehouse: str, run_id: str, lake_env: dict) -> tuple[float, float, float]:
    """Seconds, peak resident megabytes and megabytes written (to files, as the kernel
    accounts them when written, cached or not: staging, payloads and the snapshot copy; not
    what a DuckLake's PostgreSQL catalog writes in its own processes) of one `etl run`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ETL_")} | lake_env
    errors = inbox.parent / f"{run_id}.stderr"
    started = time.perf_counter()
    with open(errors, "w") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "etl", "run", "--inbox", str(inbox), "--warehouse",
             warehouse, "--run-id", run_id],
            cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr,
        )  # fmt: skip
        _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:  # the run's own error, not only its exit status
        raise RuntimeError(f"{run_id} failed:\n{errors.read_text(errors='replace')[-3000:]}")
    written_mb = usage.ru_oublock * 512 / 1e6  # in 512-byte blocks
    return time.perf_counter() - started, usage.ru_maxrss / 1024, written_mb


def _inbox(sources: list[Path], target: Path, articles: int | None) -> Path:
    pages = [
        p
        for source in sources
        if source.exists()
        for p in sorted(source.rglob("*"))
        if p.suffix in (".txt", ".html")
    ]
    target.mkdir(parents=True)
    count = articles or len(pages)
    for number in range(count):
        page = pages[number % len(pages)]
        text = page.read_text(encoding="utf-8", errors="replace")
        if number >= len(pages):  # a distinct variant: same page, one changed line
            text = text.replace("\n", f"\nEdition {number // len(pages)}.\n", 1)
        name = f"{number:06d}_{page.stem}{page.suffix}"
        (target / name).write_text(text, encoding="utf-8")
    return target
