"""`python -m etl bench quotes`: the quotations and speakers the warehouse stores per article,
scored against a gold set by the set's own scorer (`score_quotes.py`), over the whole set and
per publisher.

The pipeline runs for real (ingest to load, into a throwaway warehouse) over the set's text
files; each file's prediction is its article's `fct_quote` rows (quote text, the speaker's
canonical name). A file that did not load finds nothing. Nothing here is fitted to the set, so
the per-publisher figures are what a publisher never seen would get from the same rules; the
spread between publishers says how far to trust the whole-set figure.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import duckdb

from bench.sets import BENCHMARKS
from etl.config import Settings
from etl.warehouse.connection import read_sql

QUOTES_SET = BENCHMARKS / "quotes_dev"


def bench_quotes(folder: Path = QUOTES_SET, out: Path | None = None) -> dict:
    from etl import pipeline

    with tempfile.TemporaryDirectory(prefix="bench_quotes_") as tmp:
        work = Path(tmp)
        shutil.copytree(folder / "text", work / "inbox")
        settings = Settings.from_env(
            inbox=work / "inbox", warehouse=work / "warehouse" / "news.duckdb",
            staging=work / "staging", reports=work / "reports",
        )  # fmt: skip
        summary = pipeline.run_all(settings, "bench_quotes")
        stored = stored_quotes(settings.warehouse)
        predictions = out or work / "predicted"
        predictions.mkdir(parents=True, exist_ok=True)
        for gold in (folder / "gold").glob("*.json"):
            found = stored.get(f"{gold.stem}.txt", [])
            (predictions / gold.name).write_text(json.dumps({"quotes": found}), encoding="utf-8")
        result = {
            "articles": summary.get("files_seen"),
            "loaded": summary.get("loaded"),
            "all": score(folder / "gold", predictions, folder.parent, work / "all"),
            "by_publisher": {},
        }
        for publisher, golds in sorted(_by_publisher(folder / "gold").items()):
            subset = work / "gold" / publisher
            subset.mkdir(parents=True)
            for gold in golds:
                (subset / gold.name).symlink_to(gold)
            result["by_publisher"][publisher] = score(
                subset, predictions, folder.parent, work / publisher
            )
    return result


def stored_quotes(warehouse: Path) -> dict[str, list[dict]]:
    """Inbox path -> its article's stored quotes as {"text", "speaker"}, in reading order."""
    found: dict[str, list[dict]] = defaultdict(list)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(read_sql("lookup/article_quotes.sql")).fetchall()
    for path, _, text, speaker in rows:
        found[path].append({"text": text, "speaker": speaker})
    return dict(found)


def score(gold: Path, predicted: Path, benchmarks: Path, scratch: Path) -> dict:
    """score_quotes.py's figures, run as the benchmark ships it."""
    scratch.mkdir(parents=True, exist_ok=True)
    target = scratch / "score.json"
    subprocess.run(
        [sys.executable, str(benchmarks / "score_quotes.py"), str(gold), str(predicted),
         "--json", str(target)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return {k: round(v, 3) if isinstance(v, float) else v
            for k, v in json.loads(target.read_text()).items()}  # fmt: skip


def _by_publisher(gold: Path) -> dict[str, list[Path]]:
    groups: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(gold.glob("*.json")):
        groups[path.stem.split("_", 1)[0]].append(path)
    return dict(groups)
