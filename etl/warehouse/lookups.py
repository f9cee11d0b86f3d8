"""Read-only questions the stages ask the warehouse before a run publishes.

Each returns plain rows: what they mean is the asking stage's business. A warehouse that does
not exist yet, or lacks the table, answers with nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb
import pandas as pd

from etl.warehouse import payloads
from etl.warehouse.connection import connect, has_table, read_sql


def recorded_stamps(path: Path, stamps: pd.DataFrame) -> set[tuple[str, int, int]]:
    """Of the (path, size_bytes, mtime_ns) stamps given, those raw_file records."""
    if stamps.empty or not path.exists():
        return set()
    with connect(path, read_only=True) as con:
        if not has_table(con, "raw_file"):
            return set()
        typed = stamps.astype({"path": "str", "size_bytes": "int64", "mtime_ns": "int64"})
        con.register("stg_inbox_stamps", typed)
        rows = con.execute(read_sql("lookup/recorded_stamps.sql")).fetchall()
    return {(p, int(size), int(mtime)) for p, size, mtime in rows}


def recorded_contents(
    path: Path, candidates: pd.DataFrame
) -> tuple[set[tuple[str, str]], set[str]]:
    """Of the (path, sha256) candidates given: the pairs raw_file records, and the hashes it
    records as loaded articles."""
    if candidates.empty or not path.exists():
        return set(), set()
    with connect(path, read_only=True) as con:
        if not has_table(con, "raw_file"):
            return set(), set()
        con.register("stg_ingest_candidates", candidates.astype("str"))
        rows = con.execute(read_sql("lookup/recorded_contents.sql")).fetchall()
    seen = {(p, sha) for p, sha, was_seen, _ in rows if was_seen}
    return seen, {sha for _, sha, _, loaded in rows if loaded}


def entity_aliases(
    path: Path, blocks: Iterable[str], fuzzy_types: Iterable[str]
) -> tuple[list[tuple], list[tuple]]:
    """(entity_key, canonical, type, alias) of the known entities whose aliases fall in the
    given blocks, and (entity_key, co-mentioned entity_key) for those of fuzzy_types."""
    if not path.exists():
        return [], []
    with connect(path, read_only=True) as con:
        if not has_table(con, "dim_entity_alias"):
            return [], []
        con.register("stg_entity_blocks", pd.DataFrame({"block_key": sorted(blocks)}, dtype="str"))
        aliases = con.execute(read_sql("lookup/entity_catalog.sql")).fetchall()
        wanted = set(fuzzy_types)
        fuzzy = list(dict.fromkeys(key for key, _, kind, _ in aliases if kind in wanted))
        con.register("stg_entity_candidates", pd.DataFrame({"entity_key": fuzzy}, dtype="int64"))
        context = con.execute(read_sql("lookup/entity_context.sql")).fetchall()
    return aliases, context


def story_neighbours(
    path: Path,
    entity_keys: Iterable[int],
    buckets: Iterable[tuple[int, int]],
    members_per_story: int,
) -> tuple[list[tuple], list[tuple]]:
    """The stories sharing entities with a batch, (story_key, entity_key, first, last date
    keys); and the articles to compare it with, (article_key, story_key, date key, body): the
    latest members_per_story of each of those stories and those sharing an LSH bucket."""
    if not path.exists():
        return [], []
    with connect(path, read_only=True) as con:
        if not has_table(con, "bridge_story_entity"):
            return [], []
        con.register(
            "stg_story_entities",
            pd.DataFrame({"entity_key": sorted(set(entity_keys))}, dtype="int64"),
        )
        stories = con.execute(read_sql("lookup/story_candidates.sql")).fetchall()
        pairs = sorted(set(buckets))
        con.register(
            "stg_lsh_buckets",
            pd.DataFrame(
                {"band": [b for b, _ in pairs], "bucket": [k for _, k in pairs]}, dtype="int64"
            ),
        )
        story_keys = sorted({row[0] for row in stories})
        con.register("stg_story_keys", pd.DataFrame({"story_key": story_keys}, dtype="int64"))
        keys = con.execute(read_sql("lookup/story_members.sql"), [members_per_story]).fetchall()
        keys += con.execute(read_sql("lookup/lsh_candidates.sql")).fetchall()
        candidates = pd.DataFrame({"article_key": sorted({key for (key,) in keys})}, dtype="int64")
        con.register("stg_candidate_articles", candidates)
        rows = con.execute(read_sql("lookup/candidate_articles.sql")).fetchall()
    return stories, rows


def quarantined_payloads(
    path: Path, reason_prefix: str | None
) -> list[tuple[str, str, bytes, int | None]]:
    """(path, sha256, payload, mtime_ns as first seen) of every file still quarantined with its
    payload kept, read from the payload store (etl.warehouse.payloads)."""
    if not path.exists():
        return []
    with connect(path, read_only=True) as con:
        if not has_table(con, "quarantine"):
            return []
        rows = con.execute(read_sql("lookup/quarantined_payloads.sql"), [reason_prefix])
        kept = rows.fetchall()
    folder = payloads.payload_folder(path)
    return [(p, sha, payloads.read(folder, digest), mtime) for p, sha, _, digest, mtime in kept]


def run_summary(con: duckdb.DuckDBPyConnection, run_id: str) -> dict | None:
    row = con.execute(read_sql("lookup/run_summary.sql"), [run_id]).fetchone()
    if row is None:
        return None
    keys = ("run_id", "status", "files_seen", "loaded", "duplicates", "quarantined", "blocked_by")
    return dict(zip(keys, row, strict=True))


def current_versions(path: Path, paths: Iterable[str]) -> list[tuple]:
    """(path, article_key, first_version_key, version, story_key) of the current article
    loaded from each of the given inbox paths."""
    wanted = sorted(set(paths))
    if not path.exists() or not wanted:
        return []
    with connect(path, read_only=True) as con:
        if not has_table(con, "fct_article"):
            return []
        con.register("stg_paths", pd.DataFrame({"path": wanted}, dtype=object))
        return con.execute(read_sql("lookup/current_versions.sql")).fetchall()
