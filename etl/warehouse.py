"""The DuckDB warehouse: schema, lookups, and publishing a batch in one transaction."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from etl import stories
from etl.config import SQL_DIR
from etl.failpoints import failpoint
from etl.ingest import KnownFiles
from etl.resolve import FUZZY_LABELS, Entity, EntityCatalog

# Publishing order: dimensions before the facts and bridges that reference them.
LOAD_ORDER = [
    "dim_date", "dim_source", "dim_section", "dim_author", "dim_entity", "dim_entity_alias",
    "dim_article", "fct_article", "dim_story", "bridge_story_entity", "article_lsh_band",
    "bridge_article_author", "fct_entity_mention",
    "fct_removed_block", "fct_amount", "fct_quote", "raw_file", "quarantine",
    "quarantine_release", "dq_result", "etl_run",
]  # fmt: skip
ANALYST_TABLES = LOAD_ORDER[: LOAD_ORDER.index("raw_file")]
LOCK_WAIT_SECONDS = 120.0


def read_sql(name: str) -> str:
    return (SQL_DIR / name).read_text(encoding="utf-8")


@contextmanager
def connect(path: Path, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """DuckDB admits one writing process; wait for the lock rather than fail at once."""
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=_duckdb_config())
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.5)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def run_lock(path: Path, wait_seconds: float = 3600.0) -> Iterator[None]:
    """One pipeline run per warehouse at a time, from ingest to publish.

    DuckDB's own lock only covers a connection; two runs that both ingested before either
    published would each take the same files as new. A second run waits here (saying so on
    stderr) and then finds those files already recorded.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".runlock"), "a+b") as handle:
        deadline = time.monotonic() + wait_seconds
        said = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"another run still holds {handle.name}") from None
                if not said:
                    print(f"waiting for the run holding {handle.name}", file=sys.stderr)
                    said = True
                time.sleep(0.5)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _duckdb_config() -> dict[str, str]:
    """DuckDB's buffer cache may otherwise take most of the machine: cap it (default 1GB) so a
    run's memory does not grow with the size of the warehouse it reads."""
    return {"memory_limit": os.environ.get("ETL_DUCKDB_MEMORY_LIMIT") or "1GB"}


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for ddl in sorted((SQL_DIR / "ddl").glob("*.sql")):
        con.execute(ddl.read_text(encoding="utf-8"))
    for view in sorted((SQL_DIR / "views").glob("*.sql")):
        con.execute(view.read_text(encoding="utf-8"))


def known_files(path: Path) -> KnownFiles:
    if not path.exists():
        return KnownFiles()
    with connect(path, read_only=True) as con:
        if not _has_table(con, "raw_file"):
            return KnownFiles()
        seen = con.execute(read_sql("lookup/seen_files.sql")).fetchall()
    return KnownFiles(
        seen=frozenset((p, s) for p, s, *_ in seen),
        loaded_hashes=frozenset(s for _, s, outcome, *_ in seen if outcome == "loaded"),
        stamps=frozenset((p, size, mtime) for p, _, _, size, mtime in seen if mtime is not None),
    )


def entity_catalog(path: Path, blocks: Iterable[str]) -> EntityCatalog:
    """The known entities whose aliases fall in the given blocks, with their co-mentions."""
    catalog = EntityCatalog()
    if not path.exists():
        return catalog
    with connect(path, read_only=True) as con:
        if not _has_table(con, "dim_entity_alias"):
            return catalog
        con.register("stg_entity_blocks", pd.DataFrame({"block_key": sorted(blocks)}, dtype="str"))
        for key, canonical, entity_type, alias in con.execute(
            read_sql("lookup/entity_catalog.sql")
        ).fetchall():
            catalog.add_alias(Entity(key, canonical, entity_type), alias)
        fuzzy = [k for k, e in catalog.entities.items() if e.entity_type in FUZZY_LABELS]
        con.register("stg_entity_candidates", pd.DataFrame({"entity_key": fuzzy}, dtype="int64"))
        for key, other in con.execute(read_sql("lookup/entity_context.sql")).fetchall():
            catalog.context.setdefault(key, set()).add(other)
    return catalog


def story_catalog(path: Path, entity_keys: Iterable[int], buckets: Iterable[tuple[int, int]]):
    """The stories sharing entities with a batch, their latest articles, and the articles
    sharing an LSH bucket with it: all that assigning the batch to stories needs."""
    catalog = stories.StoryCatalog()
    if not path.exists():
        return catalog
    with connect(path, read_only=True) as con:
        if not _has_table(con, "bridge_story_entity"):
            return catalog
        con.register(
            "stg_story_entities",
            pd.DataFrame({"entity_key": sorted(set(entity_keys))}, dtype="int64"),
        )
        for story_key, entity_key, first, last in con.execute(
            read_sql("lookup/story_candidates.sql")
        ).fetchall():
            story = catalog.stories.get(story_key) or stories.Story(
                story_key, _day(first), _day(last)
            )
            catalog.add_story_entities(story, [entity_key])
        pairs = sorted(set(buckets))
        con.register(
            "stg_lsh_buckets",
            pd.DataFrame(
                {"band": [b for b, _ in pairs], "bucket": [k for _, k in pairs]}, dtype="int64"
            ),
        )
        con.register(
            "stg_story_keys", pd.DataFrame({"story_key": sorted(catalog.stories)}, dtype="int64")
        )
        rows = con.execute(
            read_sql("lookup/story_members.sql"), [stories.MAX_MEMBERS_COMPARED]
        ).fetchall()
        rows += con.execute(read_sql("lookup/lsh_candidates.sql")).fetchall()
    for article_key, story_key, published, body in sorted(set(rows)):
        grams = stories.shingles(body)
        known = stories.KnownArticle(article_key, story_key, _day(published), grams)
        catalog.add_article(known, stories.lsh_buckets(grams))
    return catalog


def _day(date_key: int | None) -> dt.date | None:
    if date_key is None:
        return None
    return dt.date(date_key // 10000, date_key // 100 % 100, date_key % 100)


def quarantined_payloads(path: Path, reason_prefix: str | None) -> list[tuple[str, str, bytes]]:
    """(path, sha256, payload) of every file still quarantined with its payload kept."""
    if not path.exists():
        return []
    with connect(path, read_only=True) as con:
        if not _has_table(con, "quarantine"):
            return []
        rows = con.execute(read_sql("lookup/quarantined_payloads.sql"), [reason_prefix])
        return [(p, sha, bytes(payload)) for p, sha, _, payload in rows.fetchall()]


def run_summary(con: duckdb.DuckDBPyConnection, run_id: str) -> dict | None:
    row = con.execute(read_sql("lookup/run_summary.sql"), [run_id]).fetchone()
    if row is None:
        return None
    keys = ("run_id", "status", "files_seen", "loaded", "duplicates", "quarantined", "blocked_by")
    return dict(zip(keys, row, strict=True))


def publish(path: Path, tables: dict[str, pd.DataFrame], run_id: str) -> dict:
    """Merge every table of a batch in one transaction; a batch already published is a no-op.

    A crash anywhere before COMMIT leaves the warehouse exactly as it was.
    """
    with connect(path) as con:
        ensure_schema(con)
        con.begin()
        try:
            existing = run_summary(con, run_id)
            if existing is not None:
                con.rollback()
                return existing | {"already_published": True}
            for table in LOAD_ORDER:
                con.register(f"stg_{table}", tables[table])
                con.execute(read_sql(f"load/{table}.sql"))
                con.unregister(f"stg_{table}")
                if table == "fct_article":
                    failpoint("load:inside_transaction")
            con.commit()
        except BaseException:
            con.rollback()
            raise
        return run_summary(con, run_id) | {"already_published": False}


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    # fetchall, not fetchone: DuckDB refuses new work while a result is unfinished.
    found = con.execute(read_sql("lookup/table_exists.sql"), [name]).fetchall()
    return bool(found and found[0][0])
