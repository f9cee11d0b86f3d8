"""`python -m etl bench stories`: the cost of assigning new articles to stories as the
warehouse grows. For each size, a warehouse of synthetic articles (random bodies, stories of
five articles sharing six entities, their LSH buckets) is written with the real DDL; then a
batch of new articles, half about existing stories and half about new ones, goes through the
real lookups (the enrich stage's story_catalog) and the real assignment (stories.assign_stories)."""

from __future__ import annotations

import datetime as dt
import random
import tempfile
import time
from pathlib import Path

import pandas as pd

from etl import warehouse
from etl.model.articles import dim_date
from etl.nlp import stories
from etl.stages.enrich import story_catalog
from etl.warehouse.connection import ensure_schema

ARTICLES_PER_STORY = 5
ENTITIES_PER_STORY = 6
# Words of letters only, as the shingler keeps: 20,000 of them, so random bodies barely overlap.
VOCABULARY = sorted(
    {"".join(random.Random(i).choices("abcdefghijklmnopqrstuvwxyz", k=7)) for i in range(20_000)}
)
START = dt.date(2026, 1, 1)


def bench_stories(sizes: list[int], new_articles: int = 200, seed: int = 7) -> dict:
    results = []
    for size in sizes:
        rng = random.Random(seed)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.duckdb"
            built = time.perf_counter()
            _build(path, size, rng)
            built = time.perf_counter() - built
            batch = _new_batch(size, new_articles, rng)
            started = time.perf_counter()
            catalog = story_catalog(path, batch)
            looked_up = time.perf_counter() - started
            assigned = stories.assign_stories(catalog, batch)
            seconds = time.perf_counter() - started
        # synthetic existing stories have small keys; new ones get 63-bit hashes
        joined = sum(1 for a in batch if assigned[a.article_key].story_key < (1 << 40))
        results.append(
            {
                "warehouse_articles": size,
                "new_articles": len(batch),
                "ms_per_new_article": round(1000 * seconds / len(batch), 3),
                "lookup_ms_per_new_article": round(1000 * looked_up / len(batch), 3),
                "joined_existing_story": joined,
                "build_seconds": round(built, 1),
            }
        )
    return {"sizes": results}


def _entities(story: int) -> list[int]:
    return [story * ENTITIES_PER_STORY + i + 1 for i in range(ENTITIES_PER_STORY)]


def _body(rng: random.Random) -> str:
    return " ".join(rng.choices(VOCABULARY, k=150))


def _build(path: Path, size: int, rng: random.Random) -> None:
    story_count = max(1, size // ARTICLES_PER_STORY)
    articles, bands = [], []
    for key in range(1, size + 1):
        story = (key - 1) % story_count
        day = START + dt.timedelta(days=story % 300)
        body = _body(rng)
        articles.append((key, story, int(day.strftime("%Y%m%d")), body))
        for band, bucket in stories.lsh_buckets(stories.shingles(body)):
            bands.append((band, bucket, key))
    frame = pd.DataFrame(articles, columns=["article_key", "story_key", "date_key", "body"])
    tables = {
        "dim_article": pd.DataFrame(
            {
                "article_key": frame["article_key"],
                "content_sha256": frame["article_key"].astype(str),
                "title": "synthetic",
                "body": frame["body"],
                "language": "en",
                "first_path": frame["article_key"].astype(str) + ".txt",
            }
        ),
        "fct_article": frame.assign(
            source_key=frame["article_key"] % 50, section_key=0,
            published_date_key=frame["date_key"],
            ingested_date_key=20260101, word_count=150, paragraph_count=5, boilerplate_ratio=0.1,
            entity_count=ENTITIES_PER_STORY, author_count=1, removed_block_count=0,
            amount_count=0, quote_count=0, near_duplicate_of_key=None,
            near_duplicate_similarity=None, loaded_run_id="bench", input_format="text",
            title_source="visible_text", published_source="visible_text",
            outlet_source="visible_text", authors_source="visible_text",
            version=1, first_version_key=frame["article_key"],
            valid_from=dt.datetime(2026, 1, 1), valid_to=None, is_current=True,
        ).drop(columns=["body", "date_key"]),
        "dim_story": frame.groupby("story_key", as_index=False).agg(
            first_article_key=("article_key", "min"), first_published_date_key=("date_key", "min"),
            last_published_date_key=("date_key", "max"), article_count=("article_key", "size"),
        ).assign(representative_title="synthetic", outlet_count=5),
        "bridge_story_entity": pd.DataFrame(
            [(s, e, ARTICLES_PER_STORY) for s in range(story_count) for e in _entities(s)],
            columns=["story_key", "entity_key", "article_count"],
        ),
        "article_lsh_band": pd.DataFrame(bands, columns=["band", "bucket", "article_key"]),
        # the members every key above refers to, so the warehouse checks hold
        "dim_source": pd.DataFrame({"source_key": range(50), "outlet_name": "synthetic",
                                    "is_unknown": False}),
        "dim_section": pd.DataFrame({"section_key": [0], "section_name": ["synthetic"],
                                     "is_unknown": [False]}),
        "dim_date": dim_date([*frame["date_key"], 20260101]),
    }  # fmt: skip
    entity_keys = sorted({e for s in range(story_count) for e in _entities(s)})
    tables["dim_entity"] = pd.DataFrame(
        {"entity_key": entity_keys, "canonical_name": "synthetic", "entity_type": "PERSON"}
    )
    with warehouse.connect(path) as con:
        ensure_schema(con)
        for table, rows in tables.items():
            con.register("staged", rows)
            con.execute(f"insert into {table} by name select * from staged")  # noqa: S608
            con.unregister("staged")


def _new_batch(size: int, count: int, rng: random.Random) -> list[stories.NewArticle]:
    story_count = max(1, size // ARTICLES_PER_STORY)
    batch = []
    for i in range(count):
        key = (1 << 50) + i
        if i % 2 == 0:  # about an existing story: its entities, inside its window
            story = rng.randrange(story_count)
            day = START + dt.timedelta(days=story % 300)
            found = {e: ("PERSON", 2) for e in _entities(story)}
        else:  # about something new
            day = START + dt.timedelta(days=rng.randrange(300))
            found = {(1 << 45) + i * 10 + j: ("ORG", 1) for j in range(ENTITIES_PER_STORY)}
        batch.append(stories.NewArticle(key, day, _body(rng), found))
    return batch
