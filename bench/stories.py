"""`python -m etl bench stories`: the cost of assigning new articles to stories as the
warehouse grows. For each size, a warehouse of synthetic articles (bench.history: random
bodies, stories of five articles sharing six entities, their LSH buckets) is written with the
real DDL; then a batch of new articles, half about existing stories and half about new ones,
goes through the real lookups (the enrich stage's story_catalog) and the real assignment
(stories.assign_stories)."""

from __future__ import annotations

import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from bench import history
from etl.nlp import stories
from etl.stages.enrich import story_catalog

START = history.START


def bench_stories(sizes: list[int], new_articles: int = 200, seed: int = 7) -> dict:
    results = []
    for size in sizes:
        rng = random.Random(seed)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.duckdb"
            built = time.perf_counter()
            history.stories(path, size, rng)
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


def _new_batch(size: int, count: int, rng: random.Random) -> list[stories.NewArticle]:
    story_count = max(1, size // history.ARTICLES_PER_STORY)
    batch = []
    for i in range(count):
        key = (1 << 50) + i
        if i % 2 == 0:  # about an existing story: its entities, inside its window
            story = rng.randrange(story_count)
            day = history.story_day(story)
            found = {e: ("PERSON", 2) for e in history.story_entities(story)}
        else:  # about something new
            day = START + dt.timedelta(days=rng.randrange(history.STORY_DAYS))
            entities = range(history.ENTITIES_PER_STORY)
            found = {(1 << 45) + i * 10 + j: ("ORG", 1) for j in entities}
        batch.append(stories.NewArticle(key, day, history.body(rng, 150), found))
    return batch
