"""Article rows -> entity, story and quote rows: the parts of the star schema that depend on
resolving names across articles (etl.nlp.resolve) and assigning stories (etl.nlp.stories)."""

from __future__ import annotations

import pandas as pd

from etl.nlp.names import normal_name
from etl.nlp.resolve import block_key


def story_entities(articles: pd.DataFrame, resolved: dict, assigned: dict) -> pd.DataFrame:
    counts: dict[tuple[int, int], int] = {}
    for article in articles.itertuples(index=False):
        story = assigned[article.article_key].story_key
        keys = {
            resolved[article.sha256][(e["label"], e["canonical"])].entity_key
            for e in article.entities
        }
        for key in keys:
            counts[(story, key)] = counts.get((story, key), 0) + 1
    return pd.DataFrame(
        [
            {"story_key": s, "entity_key": e, "article_count": n}
            for (s, e), n in sorted(counts.items())
        ],
        columns=["story_key", "entity_key", "article_count"],
    )


def entity_tables(articles: pd.DataFrame, resolved: dict, run_date_key: int):
    mentions: dict[tuple[int, int], dict] = {}
    entities: dict[int, dict] = {}
    aliases: dict[tuple[int, str], dict] = {}
    for article in articles.itertuples(index=False):
        for found in article.entities:
            entity = resolved[article.sha256][(found["label"], found["canonical"])]
            key = entity.entity_key
            entities.setdefault(
                key,
                {
                    "entity_key": key,
                    "canonical_name": entity.canonical_name,
                    "entity_type": entity.entity_type,
                },
            )
            for alias in (found["text"], found["canonical"]):
                aliases.setdefault(
                    (key, alias),
                    {
                        "entity_key": key,
                        "alias": alias,
                        "alias_normal": normal_name(alias),
                        "block_key": block_key(entity.entity_type, alias),
                    },
                )
            row = mentions.setdefault(
                (article.article_key, key),
                {
                    "article_key": article.article_key,
                    "entity_key": key,
                    "source_key": article.source_key,
                    "published_date_key": article.published_date_key,
                    "ingested_date_key": run_date_key,
                    "mention_count": 0,
                    "surface_forms": set(),
                },
            )
            row["mention_count"] += int(found["count"])
            row["surface_forms"].add(found["text"])
    for row in mentions.values():
        row["surface_forms"] = sorted(row["surface_forms"])
    mention_frame = pd.DataFrame(
        list(mentions.values()),
        columns=[
            "article_key", "entity_key", "source_key", "published_date_key",
            "ingested_date_key", "mention_count", "surface_forms",
        ],
    )  # fmt: skip
    mention_frame["published_date_key"] = pd.array(
        mention_frame["published_date_key"], dtype="Int32"
    )
    return (
        mention_frame,
        pd.DataFrame(
            list(entities.values()), columns=["entity_key", "canonical_name", "entity_type"]
        ),
        pd.DataFrame(
            [aliases[k] for k in sorted(aliases)],
            columns=["entity_key", "alias", "alias_normal", "block_key"],
        ),
    )


def quote_rows(articles: pd.DataFrame, resolved: dict) -> pd.DataFrame:
    rows = []
    for article in articles.itertuples(index=False):
        for number, quote in enumerate(article.quotes, start=1):
            speaker = None
            if quote["speaker"]:
                speaker = resolved[article.sha256][(quote["speaker_label"], quote["speaker"])]
            rows.append(
                {
                    "article_key": article.article_key,
                    "quote_number": number,
                    "source_key": article.source_key,
                    "published_date_key": article.published_date_key,
                    "speaker_entity_key": speaker.entity_key if speaker else None,
                    "speaker_name": speaker.canonical_name if speaker else None,
                    "speaker_found_by": quote.get("speaker_found_by") if speaker else None,
                    "quote_text": quote["text"],
                    "word_count": len(quote["text"].split()),
                }
            )
    columns = [
        "article_key", "quote_number", "source_key", "published_date_key",
        "speaker_entity_key", "speaker_name", "speaker_found_by", "quote_text", "word_count",
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    return frame.assign(
        published_date_key=pd.array(frame["published_date_key"], dtype="Int32"),
        # From the Python ints: a column of ints and None would be float64 and lose key bits.
        speaker_entity_key=pd.array([r["speaker_entity_key"] for r in rows], dtype="Int64"),
    )
