"""Every warehouse table and view, declared once: its grain, its key, what each column means,
how a batch is loaded into it, and whether analysts query it.

The DDL in sql/ddl/ gives types and constraints (a test holds its columns equal to these);
the comments here are written into DuckDB (COMMENT ON), so `describe`, `duckdb_columns()` and
any SQL client show them, and the report's data dictionary is drawn from them. The load
order is the order of TABLES: dimensions before the facts and bridges that reference them.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.provenance import SOURCES
from etl.warehouse.views import VIEWS, View

__all__ = ["TABLES", "VIEWS", "Table", "View", "table"]

# How a table takes a batch's rows: "insert_new" inserts the rows whose key is not present
# yet (sql/load/insert_new.sql), so publishing a batch twice changes nothing; "sql" runs
# sql/load/<table>.sql, for tables whose rows are updated or recomputed.
INSERT_NEW = "insert_new"
CUSTOM_SQL = "sql"

SOURCE_VALUES = ", ".join(SOURCES)


@dataclass(frozen=True)
class Table:
    name: str
    grain: str  # one row per ...: the table's comment
    key: tuple[str, ...]
    columns: dict[str, str]  # name -> meaning, in DDL order
    load: str = INSERT_NEW
    analyst: bool = True  # star-schema tables; the rest are the pipeline's own records
    references: dict[str, str] | None = None  # column -> table it is a key of


_KEYS = {
    "article_key": "the article (dim_article); a hash of its content",
    "source_key": "the outlet (dim_source)",
    "entity_key": "the canonical entity (dim_entity)",
    "published_date_key": "publication day as yyyymmdd (dim_date); null when the page gives none",
    "ingested_date_key": "day the run that loaded it started, as yyyymmdd (dim_date)",
    "story_key": "the story (dim_story)",
}

TABLES: tuple[Table, ...] = (
    Table(
        "dim_date",
        "One row per calendar day referenced by any article or run.",
        ("date_key",),
        {
            "date_key": "the day as yyyymmdd",
            "full_date": "the day",
            "year": "calendar year",
            "quarter": "calendar quarter, 1 to 4",
            "month": "month number, 1 to 12",
            "month_name": "month name in English",
            "day_of_month": "day of the month, 1 to 31",
            "day_of_week": "ISO day of the week, Monday = 1",
            "day_name": "weekday name in English",
            "iso_week": "ISO week number",
            "is_weekend": "Saturday or Sunday",
        },
    ),
    Table(
        "dim_source",
        "One row per outlet; the Unknown member stands for articles whose page names none.",
        ("source_key",),
        {
            "source_key": "hash of the outlet's normalised name",
            "outlet_name": "the outlet as the page names it (og:site_name, JSON-LD publisher, "
            "title suffix, host), or Unknown",
            "is_unknown": "the Unknown member",
        },
    ),
    Table(
        "dim_section",
        "One row per section an article was filed under; Unknown when the page gives none.",
        ("section_key",),
        {
            "section_key": "hash of the section name",
            "section_name": "the section (World, Sport, ...), or Unknown",
            "is_unknown": "the Unknown member",
        },
    ),
    Table(
        "dim_author",
        "One row per person named as an author; outlets, agencies and desks are never authors.",
        ("author_key",),
        {"author_key": "hash of the normalised name", "author_name": "the person's name"},
    ),
    Table(
        "dim_entity",
        "One row per canonical named entity, every spelling of it merged (etl/nlp/resolve.py).",
        ("entity_key",),
        {
            "entity_key": "hash of the entity's type and first canonical name",
            "canonical_name": "the name the entity is known by",
            "entity_type": "spaCy label: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, PRODUCT, LAW "
            "or WORK_OF_ART",
        },
    ),
    Table(
        "dim_entity_alias",
        "One row per surface form an entity was written as.",
        ("entity_key", "alias"),
        {
            "entity_key": _KEYS["entity_key"],
            "alias": "the form as written",
            "alias_normal": "the form lowercased without accents or dots: exact-name matching",
            "block_key": "type family and first letters of the last word: near-spelling candidates",
        },
        references={"entity_key": "dim_entity"},
    ),
    Table(
        "dim_article",
        "One row per article: its text, kept out of the fact table so measures scan narrow.",
        ("article_key",),
        {
            "article_key": _KEYS["article_key"],
            "content_sha256": "SHA-256 of the decoded, normalised file text",
            "title": "the headline, without site suffix",
            "body": "the article's text, page boilerplate removed; paragraphs split by a "
            "blank line",
            "language": "ISO 639-1 code of the article (639-3 where a language has no 639-1 "
            "code), und when the detection was unsure and the page declared none",
            "ner_model": "the spaCy model that read its entities; null where its language has "
            "no model: then no entities, amounts or quotes were looked for",
            "first_path": "inbox path of the first file with this content",
            "wire_credits": "agencies, desks and outlets the page named as authors (dpa, "
            "Reuters, Staff): credits, not people",
        },
    ),
    Table(
        "fct_article",
        "One row per published article: its keys, measures and where its header fields came from.",
        ("article_key",),
        {
            "article_key": _KEYS["article_key"],
            "source_key": _KEYS["source_key"],
            "section_key": "the section (dim_section)",
            "published_date_key": _KEYS["published_date_key"],
            "ingested_date_key": _KEYS["ingested_date_key"],
            "word_count": "words in the body",
            "paragraph_count": "paragraphs in the body",
            "boilerplate_ratio": "share of the page's characters removed as boilerplate",
            "entity_count": "distinct (surface form, type) entities found",
            "author_count": "people credited as authors",
            "removed_block_count": "page blocks removed (fct_removed_block)",
            "amount_count": "amounts reported (fct_amount)",
            "quote_count": "quotations (fct_quote)",
            "story_key": _KEYS["story_key"],
            "near_duplicate_of_key": "the earlier article this one rewrites, if any",
            "near_duplicate_similarity": "content-bigram Jaccard similarity to that article",
            "loaded_run_id": "the run that published it (etl_run)",
            "input_format": "text (plain text copied from a page) or html",
            "title_source": f"where the title came from: {SOURCE_VALUES}",
            "published_source": f"where the publication date came from: {SOURCE_VALUES}",
            "outlet_source": f"where the outlet came from: {SOURCE_VALUES}",
            "authors_source": f"where the authors came from: {SOURCE_VALUES}",
            "version": "1 for the first content seen at its inbox path, then 2, 3, ... for "
            "each edit of that file",
            "first_version_key": "article_key of version 1: the same for every version",
            "valid_from": "when this version was loaded (its run's start, UTC)",
            "valid_to": "when a newer version replaced it; null while current",
            "is_current": "the latest version: what the v_* views and the report count",
        },
        references={
            "article_key": "dim_article",
            "source_key": "dim_source",
            "section_key": "dim_section",
            "published_date_key": "dim_date",
            "ingested_date_key": "dim_date",
            "story_key": "dim_story",
        },  # fmt: skip
    ),
    Table(
        "dim_story",
        "One row per story: articles from any outlet about one event (etl/nlp/stories.py), "
        "recomputed for the stories a batch touches.",
        ("story_key",),
        {
            "story_key": "hash of the story's first article key",
            "representative_title": "title of its earliest dated article",
            "first_article_key": "its first article",
            "first_published_date_key": "earliest publication day, yyyymmdd",
            "last_published_date_key": "latest publication day, yyyymmdd",
            "article_count": "articles in the story",
            "outlet_count": "distinct outlets in the story",
        },
        load=CUSTOM_SQL,
    ),
    Table(
        "bridge_story_entity",
        "One row per (story, entity): in how many of the story's articles the entity appears.",
        ("story_key", "entity_key"),
        {
            "story_key": _KEYS["story_key"],
            "entity_key": _KEYS["entity_key"],
            "article_count": "articles of the story that mention the entity",
        },
        load=CUSTOM_SQL,
        references={"story_key": "dim_story", "entity_key": "dim_entity"},
    ),
    Table(
        "article_lsh_band",
        "One row per (band, bucket, article): MinHash LSH buckets of article text; articles "
        "sharing one are near-duplicate candidates.",
        ("band", "bucket", "article_key"),
        {
            "band": "LSH band, 0 to 31",
            "bucket": "hash of the band's MinHash rows",
            "article_key": _KEYS["article_key"],
        },
        references={"article_key": "dim_article"},
    ),
    Table(
        "bridge_article_author",
        "One row per (article, author).",
        ("article_key", "author_key"),
        {
            "article_key": _KEYS["article_key"],
            "author_key": "the author (dim_author)",
            "author_position": "order in the byline, from 1",
        },
        references={"article_key": "dim_article", "author_key": "dim_author"},
    ),
    Table(
        "fct_entity_mention",
        "One row per (article, canonical entity).",
        ("article_key", "entity_key"),
        {
            "article_key": _KEYS["article_key"],
            "entity_key": _KEYS["entity_key"],
            "source_key": _KEYS["source_key"],
            "published_date_key": _KEYS["published_date_key"],
            "ingested_date_key": _KEYS["ingested_date_key"],
            "mention_count": "times the article mentions it, under any of its forms",
            "surface_forms": "the forms the article writes it in ('Roe', 'Jane Roe'), "
            "sorted; null for rows loaded before forms were kept",
        },
        references={
            "article_key": "dim_article",
            "entity_key": "dim_entity",
            "source_key": "dim_source",
        },  # fmt: skip
    ),
    Table(
        "fct_removed_block",
        "One row per (article, category) of boilerplate removed from the page.",
        ("article_key", "category"),
        {
            "article_key": _KEYS["article_key"],
            "category": "why it was removed: caption, related_list, share, newsletter, "
            "comments, navigation, footer, header, title, byline, dateline, ...",
            "block_count": "blocks removed",
            "char_count": "characters removed",
        },
        references={"article_key": "dim_article"},
    ),
    Table(
        "fct_amount",
        "One row per amount an article reports: money, counts and percentages.",
        ("article_key", "amount_number"),
        {
            "article_key": _KEYS["article_key"],
            "amount_number": "order in the article, from 1",
            "source_key": _KEYS["source_key"],
            "published_date_key": _KEYS["published_date_key"],
            "amount_kind": "money, count, percent or measure (a quantity in a unit: degree, "
            "kilometre, tonne, ...)",
            "amount_text": "the amount as written",
            "value": "the number, scaled (2.5 million is 2500000)",
            "unit": "ISO currency code, the counted noun, or percent",
            "qualifier": "more than, about, up to, ...; null when exact",
            "sentence": "the sentence that states it",
            "subject_terms": "stems of the words near it that say what it measures "
            "(etl/nlp/amounts.py); figures of two outlets are compared where these meet",
        },
        references={"article_key": "dim_article", "source_key": "dim_source"},
    ),
    Table(
        "fct_quote",
        "One row per direct quotation.",
        ("article_key", "quote_number"),
        {
            "article_key": _KEYS["article_key"],
            "quote_number": "order in the article, from 1",
            "source_key": _KEYS["source_key"],
            "published_date_key": _KEYS["published_date_key"],
            "speaker_entity_key": "the speaker (dim_entity); null when no one is named",
            "speaker_name": "the speaker's canonical name",
            "speaker_found_by": "how the speaker was found, most certain first: name (the "
            "attribution names them), pronoun ('he said'), description ('the spokeswoman "
            "said'), previous_quote (a quoted paragraph goes on from the one before); null "
            "without a speaker or for quotations loaded before it was recorded",
            "quote_text": "the quotation, split parts joined",
            "word_count": "words in the quotation",
        },
        references={"article_key": "dim_article", "speaker_entity_key": "dim_entity"},
    ),
    Table(
        "raw_file",
        "One row per file ever seen, once per (path, content): what became of it.",
        ("path", "sha256"),
        {
            "path": "path relative to the inbox",
            "sha256": "SHA-256 of the decoded text (of the bytes when undecodable)",
            "size_bytes": "file size",
            "mtime_ns": "modification time when first seen (nanoseconds)",
            "encoding": "detected encoding, +html for HTML",
            "outcome": "loaded, duplicate or quarantined",
            "reason": "why it was quarantined or is a duplicate",
            "article_key": "the article it is or duplicates",
            "first_seen_run_id": "the run that first saw it",
        },
        load=CUSTOM_SQL,
        analyst=False,
    ),
    Table(
        "quarantine",
        "One row per quarantined file: why, and where its payload is kept for `etl reprocess`.",
        ("path", "sha256"),
        {
            "path": "path relative to the inbox",
            "sha256": "as in raw_file",
            "run_id": "the run that last failed it",
            "stage": "the stage that refused it: ingest, read (called clean before 2026-12), "
            "validate, load",
            "reason": "the reason (for validation, the failed expectations)",
            "payload_sha256": "SHA-256 of the file's bytes, kept for reprocessing in "
            "<warehouse>.payloads/<first two digits>/<sha256>; null if none was kept",
            "payload_bytes": "the kept payload's size in bytes",
            "released_run_id": "the reprocess run that loaded it after a fix",
        },
        load=CUSTOM_SQL,
        analyst=False,
    ),
    Table(
        "etl_run",
        "One row per published run: counts, timings and whether the audit blocked it. A "
        "run that found nothing to publish is recorded in the run ledger instead.",
        ("run_id",),
        {
            "run_id": "Airflow run id, or cli__/reprocess__ and a timestamp",
            "status": "success, or blocked when a batch-level expectation failed",
            "started_at": "when the run's partition was first prepared (UTC)",
            "finished_at": "when the load published it (UTC)",
            "files_seen": "files first seen by this run",
            "loaded": "files loaded as articles",
            "duplicates": "files whose content was already loaded",
            "quarantined": "files quarantined with a reason",
            "blocked_by": "the batch-level expectations that failed",
            "stage_seconds": "wall seconds per stage (JSON)",
        },
        analyst=False,
    ),
    Table(
        "dq_result",
        "One row per (run, expectation): the Great Expectations audit of the run's batch and "
        "the checks of the warehouse as a whole made when it was published.",
        ("run_id", "expectation", "column_name"),
        {
            "run_id": "the run (etl_run)",
            "expectation": "the expectation's type, or warehouse:<check> for the publish checks",
            "column_name": "the column it checks",
            "severity": "critical (blocks rows or the batch) or warning (recorded only)",
            "success": "it passed",
            "element_count": "rows checked",
            "unexpected_count": "rows that failed",
            "unexpected_percent": "share of rows that failed, percent",
            "observed_value": "what was observed (JSON)",
        },
        load=CUSTOM_SQL,
        analyst=False,
    ),
)
# The quarantine release is an update of quarantine, staged under its own name.
RELEASE = "quarantine_release"


def table(name: str) -> Table:
    return next(t for t in TABLES if t.name == name)


# The release updates quarantine rows, so it follows quarantine; etl_run, last, marks the
# run as published.
# Not a table: the article keys whose version the batch replaces, applied right after
# fct_article (sql/load/supersede_articles.sql).
SUPERSEDED = "superseded_article"
LOAD_ORDER = [t.name for t in TABLES if t.name != "etl_run"]
LOAD_ORDER.insert(LOAD_ORDER.index("quarantine") + 1, RELEASE)
LOAD_ORDER.append("etl_run")
ANALYST_TABLES = [t.name for t in TABLES if t.analyst]
