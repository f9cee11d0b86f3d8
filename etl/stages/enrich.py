"""Enrich stage: resolve the batch's names against the warehouse's entities, assign its
articles to stories, and build every table's rows into the partition (tables/*.parquet).

Each step is a pure function over the batch's frames; the warehouse lookups (entities,
stories, the current versions at the batch's paths) are explicit steps of the sequence in
`enrich`, not callbacks. The load stage only publishes what this wrote.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from etl import staging
from etl.keys import surrogate_key
from etl.model import Batch, Version, build_tables, keyed_articles
from etl.nlp import stories
from etl.nlp.resolve import FUZZY_LABELS, Entity, EntityCatalog, block_key, resolve_batch
from etl.warehouse import lookups

Resolved = dict[str, dict[tuple[str, str], Entity]]


def enrich(batch: Batch, warehouse: Path | None = None) -> dict[str, pd.DataFrame]:
    """The batch's tables; names and stories resolved against warehouse (None: an empty one)."""
    articles = keyed_articles(batch.publishable()[0])
    catalog = entity_catalog(warehouse, entity_blocks(articles))
    resolved = resolve_entities(articles, catalog)
    previous = previous_versions(warehouse, articles)
    inputs = story_inputs(articles, resolved, previous)
    neighbours = story_catalog(warehouse, inputs)
    assigned = stories.assign_stories(neighbours, inputs)
    return build_tables(batch, articles, resolved, assigned, previous)


def previous_versions(warehouse: Path | None, articles: pd.DataFrame) -> dict[str, Version]:
    """Inbox path -> the current article loaded from it, for the batch's paths: a new
    content at the same path is that article's next version, not a second article."""
    if warehouse is None:
        return {}
    rows = lookups.current_versions(warehouse, articles["path"])
    return {path: Version(*row) for path, *row in rows}


def entity_names(articles: pd.DataFrame) -> dict[str, list[tuple[str, str, str]]]:
    """sha256 -> (label, canonical, surface) of every entity and quoted speaker it names."""
    names = {}
    for article in articles.itertuples(index=False):
        found = [(e["label"], e["canonical"], e["text"]) for e in article.entities]
        found += [
            (q["speaker_label"], q["speaker"], q["speaker"]) for q in article.quotes if q["speaker"]
        ]
        names[article.sha256] = found
    return names


def entity_blocks(articles: pd.DataFrame) -> set[str]:
    """The blocks to look up in the warehouse before resolving this batch."""
    return {
        block_key(label, name)
        for found in entity_names(articles).values()
        for label, canonical, surface in found
        for name in (canonical, surface)
    }


def entity_catalog(warehouse: Path | None, blocks: set[str]) -> EntityCatalog:
    """The known entities whose aliases fall in the given blocks, with their co-mentions."""
    catalog = EntityCatalog()
    if warehouse is None:
        return catalog
    aliases, context = lookups.entity_aliases(warehouse, blocks, FUZZY_LABELS)
    for key, canonical, entity_type, alias in aliases:
        catalog.add_alias(Entity(key, canonical, entity_type), alias)
    for key, other in context:
        catalog.context.setdefault(key, set()).add(other)
    return catalog


def resolve_entities(articles: pd.DataFrame, catalog: EntityCatalog) -> Resolved:
    """sha256 -> {(label, canonical): Entity}, articles taken in publication order so that
    the earliest spelling of a name becomes its canonical name."""
    names = entity_names(articles)
    order = sorted(zip(articles["published"], articles["sha256"], strict=True),
                   key=lambda pair: (pair[0] or "\uffff", pair[1]))  # fmt: skip
    return resolve_batch(catalog, [(sha, names[sha]) for _, sha in order])


def story_inputs(
    articles: pd.DataFrame, resolved: Resolved, previous: dict[str, Version] | None = None
) -> list[stories.NewArticle]:
    """The batch's articles as the story assigner sees them, in publication order; one that
    replaces a version (previous: inbox path -> Version) carries its first version's key."""
    inputs = []
    for article in articles.sort_values(["published", "sha256"], na_position="last").itertuples(
        index=False
    ):
        found: dict[int, tuple[str, int]] = {}
        for entity in article.entities:
            known = resolved[article.sha256][(entity["label"], entity["canonical"])]
            kind, count = found.get(known.entity_key, (known.entity_type, 0))
            found[known.entity_key] = (kind, count + int(entity["count"]))
        day = dt.date.fromisoformat(article.published[:10]) if article.published else None
        key = surrogate_key("article", article.sha256)
        replaced = (previous or {}).get(article.path)
        lineage = replaced.first_version_key if replaced and replaced.article_key != key else None
        inputs.append(stories.NewArticle(key, day, article.body, found, lineage))
    return inputs


def story_catalog(warehouse: Path | None, inputs: list[stories.NewArticle]) -> stories.StoryCatalog:
    """The stories sharing entities with the batch, their latest articles, and the articles
    sharing an LSH bucket with it: all that assigning the batch to stories needs."""
    catalog = stories.StoryCatalog()
    if warehouse is None:
        return catalog
    story_rows, article_rows = lookups.story_neighbours(
        warehouse,
        {key for article in inputs for key in article.entities},
        {bucket for article in inputs for bucket in article.buckets},
        stories.MAX_MEMBERS_COMPARED,
    )
    for story_key, entity_key, first, last in story_rows:
        story = catalog.stories.get(story_key) or stories.Story(story_key, _day(first), _day(last))
        catalog.add_story_entities(story, [entity_key])
    for article_key, story_key, published, body, first_version_key in article_rows:
        grams = stories.shingles(body)
        known = stories.KnownArticle(
            article_key, story_key, _day(published), grams, first_version_key
        )
        catalog.add_article(known, stories.lsh_buckets(grams))
    return catalog


def _day(date_key: int | None) -> dt.date | None:
    if date_key is None:
        return None
    return dt.date(date_key // 10000, date_key // 100 % 100, date_key % 100)


def read_batch(partition: Path) -> Batch:
    """What the earlier stages left in the partition, as one batch."""
    meta = staging.read_json(partition / "run.json")
    failures = pd.concat(
        [
            staging.read_frame(partition / "read_failures.parquet"),
            staging.read_frame(partition / "validate_failures.parquet"),
        ],
        ignore_index=True,
    )
    return Batch(
        run_id=meta["run_id"],
        started_at=dt.datetime.fromisoformat(meta["started_at"]),
        finished_at=dt.datetime.now(dt.UTC),
        files=staging.read_frame(partition / "files.parquet"),
        failures=failures,
        articles=staging.read_frame(partition / "validated.parquet"),
        dq_results=pd.read_parquet(partition / "dq_result.parquet"),
        blocked_by=staging.read_json(partition / "audit.json")["blocked_by"],
        stage_seconds=staging.stage_seconds(partition),
        retried=frozenset(tuple(pair) for pair in meta.get("retry", [])),
    )


def run(partition: Path, warehouse: Path) -> dict:
    tables = enrich(read_batch(partition), warehouse)
    staging.write_tables(tables, partition / "tables")
    return {"articles": len(tables["fct_article"]), "rows": sum(map(len, tables.values()))}
