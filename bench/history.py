"""A synthetic warehouse history for the scale benchmarks, written with the real DDL in chunks
of CHUNK_ARTICLES, so that building a million articles takes the memory of one chunk.

`stories(...)`: articles in stories of ARTICLES_PER_STORY sharing ENTITIES_PER_STORY
entities, with their LSH buckets (bench stories). `articles(...)`: the same, and for each
article a raw_file row, one entity of its own with its alias and ENTITIES_PER_STORY mentions
(bench pipeline's history).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from etl import warehouse
from etl.config import Lake
from etl.model.articles import dim_date
from etl.nlp import stories as story_model
from etl.warehouse.connection import ensure_schema
from etl.warehouse.registry import table

ARTICLES_PER_STORY = 5
ENTITIES_PER_STORY = 6
# Words of letters only, as the shingler keeps: 20,000 of them, so random bodies barely overlap.
VOCABULARY = sorted(
    {"".join(random.Random(i).choices("abcdefghijklmnopqrstuvwxyz", k=7)) for i in range(20_000)}
)
START = dt.date(2026, 1, 1)
STORY_DAYS = 300
# Articles built in memory at once.
CHUNK_ARTICLES = 20_000
# The LSH buckets are computed from a body's first words: the band rows per article (what the
# story lookups read) do not depend on its length, and hashing 600 words costs 1.6 ms an
# article, 26 minutes for a million.
BUCKET_WORDS = 150


def story_entities(story: int) -> list[int]:
    return [story * ENTITIES_PER_STORY + i + 1 for i in range(ENTITIES_PER_STORY)]


def story_day(story: int) -> dt.date:
    return START + dt.timedelta(days=story % STORY_DAYS)


def body(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(VOCABULARY, k=words))


def stories(path: Path | Lake, size: int, rng: random.Random, body_words: int = 150) -> None:
    """size articles in stories, their stories, entities and buckets."""
    story_count = max(1, size // ARTICLES_PER_STORY)
    with warehouse.connect(path) as con:
        ensure_schema(con)
        _insert(con, _story_tables(story_count, size), "insert")
    for keys in _chunks(size):
        # A connection per chunk, as each run has its own (with one connection for every
        # chunk, or one per chunk, the prefill failed alike at about 520,000 articles while
        # article_lsh_band had a primary key: its index, not the connection, held the memory).
        with warehouse.connect(path) as con:
            _insert(con, _article_tables(keys, story_count, rng, body_words), "insert")


def articles(path: Path | Lake, size: int, rng: random.Random, body_words: int) -> None:
    """stories(), and each article's file, entity, alias and mentions."""
    stories(path, size, rng, body_words)
    for keys in _chunks(size):
        with warehouse.connect(path) as con:
            # merged: the stories already named some of these entity keys
            _merge(con, _file_and_entity_tables(keys, size))


def _chunks(size: int) -> Iterator[pd.Series]:
    for first in range(1, size + 1, CHUNK_ARTICLES):
        last = min(first + CHUNK_ARTICLES, size + 1)
        yield pd.Series(range(first, last), dtype="int64")


def _insert(con, tables: dict[str, pd.DataFrame], verb: str) -> None:
    for name, rows in tables.items():
        con.register("staged", rows)
        con.execute(f"{verb} into {name} by name select * from staged")  # noqa: S608
        con.unregister("staged")


def _merge(con, tables: dict[str, pd.DataFrame]) -> None:
    """Rows whose key is present replace it, the others are added: a merge on the
    registry's key, which a DuckLake (no key constraint, so no `insert or replace`) runs too."""
    for name, rows in tables.items():
        key = table(name).key
        on = " and ".join(f"{name}.{column} = staged.{column}" for column in key)
        assignments = ", ".join(f"{c} = staged.{c}" for c in rows.columns if c not in key)
        con.register("staged", rows)
        con.execute(
            f"merge into {name} using staged on {on} "  # noqa: S608 - registry identifiers
            f"when matched then update set {assignments} when not matched then insert by name"
        )
        con.unregister("staged")


def _story_tables(story_count: int, size: int) -> dict[str, pd.DataFrame]:
    """The stories, their entities and the members every article row refers to. Article k
    is in story (k - 1) % story_count, so each story's rows follow from its number."""
    story = pd.Series(range(story_count), dtype="int64")
    day = story.map(lambda s: int(story_day(s).strftime("%Y%m%d")))
    entity_keys = sorted({e for s in range(story_count) for e in story_entities(s)})
    return {
        "dim_story": pd.DataFrame(
            {"story_key": story, "first_article_key": story + 1,
             "first_published_date_key": day, "last_published_date_key": day,
             "article_count": size // story_count + (story < size % story_count),
             "representative_title": "synthetic", "outlet_count": 5}
        ),
        "bridge_story_entity": pd.DataFrame(
            [(s, e, ARTICLES_PER_STORY) for s in range(story_count) for e in story_entities(s)],
            columns=["story_key", "entity_key", "article_count"],
        ),
        "dim_entity": pd.DataFrame(
            {"entity_key": entity_keys, "canonical_name": "synthetic", "entity_type": "PERSON"}
        ),
        "dim_source": pd.DataFrame({"source_key": range(50), "outlet_name": "synthetic",
                                    "is_unknown": False}),
        "dim_section": pd.DataFrame({"section_key": [0], "section_name": ["synthetic"],
                                     "is_unknown": [False]}),
        "dim_date": dim_date([*day.drop_duplicates(), 20260101]),
    }  # fmt: skip


def _article_tables(
    keys: pd.Series, story_count: int, rng: random.Random, body_words: int
) -> dict[str, pd.DataFrame]:
    story = (keys - 1) % story_count
    date_key = story.map(lambda s: int(story_day(s).strftime("%Y%m%d")))
    bodies = [body(rng, body_words) for _ in keys]
    bands = [
        (band, bucket, key)
        for key, text in zip(keys, bodies, strict=True)
        for band, bucket in story_model.lsh_buckets(
            story_model.shingles(" ".join(text.split(" ", BUCKET_WORDS)[:BUCKET_WORDS]))
        )
    ]
    return {
        "dim_article": pd.DataFrame(
            {"article_key": keys, "content_sha256": keys.astype(str), "title": "synthetic",
             "body": bodies, "language": "en", "first_path": keys.astype(str) + ".txt"}
        ),
        "fct_article": pd.DataFrame(
            {"article_key": keys, "story_key": story, "source_key": keys % 50, "section_key": 0,
             "published_date_key": date_key, "ingested_date_key": 20260101,
             "word_count": body_words, "paragraph_count": 5, "boilerplate_ratio": 0.1,
             "entity_count": ENTITIES_PER_STORY, "author_count": 1, "removed_block_count": 0,
             "amount_count": 0, "quote_count": 0, "near_duplicate_of_key": None,
             "near_duplicate_similarity": None, "loaded_run_id": "bench", "input_format": "text",
             "title_source": "visible_text", "published_source": "visible_text",
             "outlet_source": "visible_text", "authors_source": "visible_text", "version": 1,
             "first_version_key": keys, "valid_from": dt.datetime(2026, 1, 1), "valid_to": None,
             "is_current": True}
        ),
        "article_lsh_band": pd.DataFrame(bands, columns=["band", "bucket", "article_key"]),
    }  # fmt: skip


def _file_and_entity_tables(keys: pd.Series, size: int) -> dict[str, pd.DataFrame]:
    """Per article: its file, an entity of its own (key = article key) with its alias, and
    mentions of ENTITIES_PER_STORY entities (its own and the next ones)."""
    repeated = keys.repeat(ENTITIES_PER_STORY).to_numpy()
    offsets = np.tile(np.arange(ENTITIES_PER_STORY), len(keys))
    return {
        "raw_file": pd.DataFrame(
            {"path": "history/" + keys.astype(str) + ".txt", "sha256": keys.astype(str),
             "size_bytes": 4000, "encoding": "utf-8", "outcome": "loaded", "reason": None,
             "article_key": keys, "first_seen_run_id": "history"}
        ),
        "dim_entity": pd.DataFrame(
            {"entity_key": keys, "canonical_name": "Person " + keys.astype(str),
             "entity_type": "PERSON"}
        ),
        "dim_entity_alias": pd.DataFrame(
            {"entity_key": keys, "alias": "Person " + keys.astype(str),
             "alias_normal": "person " + keys.astype(str),
             "block_key": "PERSON:" + keys.astype(str).str[-3:]}
        ),
        "fct_entity_mention": pd.DataFrame(
            {"article_key": repeated, "entity_key": (repeated + offsets - 1) % size + 1,
             "source_key": 0, "published_date_key": 20260101, "ingested_date_key": 20260101,
             "mention_count": 1}
        ),
    }  # fmt: skip
