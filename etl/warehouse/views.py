"""The warehouse's views for analysts, declared with what each column means (the DDL is in
sql/views/; etl/warehouse/registry.py writes these comments into DuckDB)."""

from __future__ import annotations

from dataclasses import dataclass

ARTICLE_KEY = "the article (dim_article); a hash of its content"
STORY_KEY = "the story (dim_story)"


@dataclass(frozen=True)
class View:
    name: str
    grain: str
    columns: dict[str, str]


VIEWS: tuple[View, ...] = (
    View(
        "v_articles_daily",
        "Articles per outlet per publication day.",
        {
            "date_key": "publication day, yyyymmdd",
            "outlet_name": "the outlet",
            "article_count": "articles",
            "word_count": "words in their bodies",
            "avg_boilerplate_ratio": "mean share of their pages removed as boilerplate",
        },
    ),
    View(
        "v_entity_mentions_daily",
        "Mentions per entity, outlet and publication day.",
        {
            "date_key": "publication day, yyyymmdd",
            "outlet_name": "the outlet",
            "canonical_name": "the entity",
            "entity_type": "its type",
            "article_count": "articles mentioning it",
            "mention_count": "mentions",
        },
    ),
    View(
        "v_boilerplate_by_outlet",
        "Boilerplate removed per outlet and category.",
        {
            "outlet_name": "the outlet",
            "category": "removal category",
            "article_count": "articles with such blocks",
            "block_count": "blocks removed",
            "char_count": "characters removed",
        },
    ),
    View(
        "v_quotes",
        "One row per quotation, with its outlet, day and speaker.",
        {
            "date_key": "publication day, yyyymmdd",
            "outlet_name": "the outlet",
            "title": "the article's title",
            "speaker": "the speaker's canonical name",
            "speaker_type": "the speaker's entity type",
            "speaker_found_by": "how the speaker was found (fct_quote.speaker_found_by): name, "
            "pronoun, description or previous_quote, most certain first",
            "quote_text": "the quotation",
            "word_count": "words in the quotation",
            "article_key": ARTICLE_KEY,
            "quote_number": "order in the article",
        },
    ),
    View(
        "v_story_claims",
        "Per story and thing reported (amount kind and unit), the figures outlets reported "
        "about the same thing (a shared subject word near the figure), flagged where one "
        "outlet's figure has no equal among another's about the same thing.",
        {
            "story_key": STORY_KEY,
            "representative_title": "the story's title",
            "amount_kind": "money, count or percent",
            "unit": "ISO currency code, counted noun, or percent",
            "outlet_count": "outlets reporting a compared figure for it",
            "min_value": "smallest compared figure",
            "max_value": "largest compared figure",
            "outlets_disagree": "a figure of one outlet has no equal among another outlet's "
            "figures about the same thing",
            "reports": "each outlet's compared figures (outlet, or 'unknown outlet': values)",
        },
    ),
)
