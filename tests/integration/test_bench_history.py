"""The scale benchmarks' synthetic history, built in chunks, is one consistent warehouse: the
same rows as one chunk would give, every reference resolved, every key unique."""

import random

from bench import history
from etl.warehouse.checks import run_checks
from etl.warehouse.connection import connect
from tests.integration.helpers import query

ARTICLES = 47


def _build(path, chunk, monkeypatch):
    monkeypatch.setattr(history, "CHUNK_ARTICLES", chunk)
    history.articles(path, ARTICLES, random.Random(3), body_words=40)


def test_a_history_built_in_chunks_is_whole_and_consistent(tmp_path, monkeypatch):
    chunked, whole = tmp_path / "chunked.duckdb", tmp_path / "whole.duckdb"
    _build(chunked, 10, monkeypatch)
    _build(whole, 1_000, monkeypatch)
    counts = (
        "select (select count(*) from fct_article), (select count(*) from raw_file),"
        " (select count(*) from fct_entity_mention), (select count(*) from dim_story),"
        " (select sum(article_count) from dim_story), (select count(*) from article_lsh_band)"
    )
    found = query(chunked, counts)[0]
    assert found[:5] == (ARTICLES, ARTICLES, ARTICLES * history.ENTITIES_PER_STORY,
                         ARTICLES // history.ARTICLES_PER_STORY, ARTICLES)  # fmt: skip
    assert found == query(whole, counts)[0]
    bodies = "select article_key, body from dim_article order by article_key"
    assert query(chunked, bodies) == query(whole, bodies)
    with connect(chunked, read_only=True) as con:
        results = run_checks(con, "history")
    assert results["success"].all(), results.loc[~results["success"], "expectation"].tolist()
