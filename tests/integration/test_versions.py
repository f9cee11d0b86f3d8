"""A file edited in place (same path, new content) is the next version of its article: the
history is kept, and the views, stories and report count the current version only."""

import shutil

from etl import pipeline
from tests.conftest import SAMPLE_INBOX, SAMPLE_LOADED
from tests.integration.helpers import query

EDITED = "harbor_ledger_kessler_bridge.txt"


def test_an_edited_file_is_a_new_version_of_the_same_article(settings, tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    config = settings(inbox)
    pipeline.run_all(config, "original")
    daily_before = query(config.warehouse, "select sum(article_count) from v_articles_daily")
    stories_before = query(config.warehouse, "select sum(article_count) from dim_story")

    page = inbox / EDITED
    page.write_text(
        page.read_text(encoding="utf-8").replace("injuring 14 people", "injuring 15 people")
        + "\nUpdate: a fifteenth person was taken to hospital overnight, officials said.\n",
        encoding="utf-8",
    )
    summary = pipeline.run_all(config, "correction")
    assert (summary["files_seen"], summary["loaded"]) == (1, 1)

    versions = query(
        config.warehouse,
        "select a.version, a.is_current, a.valid_to is null, a.first_version_key, a.loaded_run_id"
        " from fct_article a join raw_file r using (article_key) where r.path = ?"
        " order by a.version",
        [EDITED],
    )
    (v1, v2) = versions
    assert v1[:3] == (1, False, False) and v1[4] == "original"
    assert v2[:3] == (2, True, True) and v2[4] == "correction"
    assert v1[3] == v2[3]  # one article, two versions
    # an edit is no copy of its own earlier version ("rewrites of the same copy" lists copies)
    assert query(
        config.warehouse,
        "select count(*) from fct_article a join fct_article b"
        " on b.article_key = a.near_duplicate_of_key where a.first_version_key = b.first_version_key",
    ) == [(0,)]
    # what analysts see counts the article once, as its new version
    assert query(config.warehouse, "select sum(article_count) from v_articles_daily") == (
        daily_before
    )
    assert query(config.warehouse, "select sum(article_count) from dim_story") == stories_before
    amounts = query(
        config.warehouse,
        "select [r.values for r in reports] from v_story_claims where unit = 'people'"
        " and amount_kind = 'count'",
    )
    assert [15.0] in amounts[0][0] and [14.0] in amounts[0][0]
    # re-running the correction changes nothing
    again = pipeline.run_all(config, "correction")
    assert again["already_published"] is True


def test_a_warehouse_from_before_versions_gets_them(settings, tmp_path):
    """Columns added to fct_article are backfilled: every old article a current version 1."""
    import duckdb

    from etl.warehouse import connect
    from etl.warehouse.connection import ensure_schema

    config = settings()
    pipeline.run_all(config, "old")
    with duckdb.connect(str(config.warehouse)) as con:
        for column in ("version", "first_version_key", "valid_from", "valid_to", "is_current"):
            con.execute(f"alter table fct_article drop column {column}")
    with connect(config.warehouse) as con:
        ensure_schema(con)
    rows = query(
        config.warehouse,
        "select count(*), bool_and(is_current), bool_and(version = 1),"
        " bool_and(first_version_key = article_key), bool_and(valid_from is not null)"
        " from fct_article",
    )
    assert rows == [(SAMPLE_LOADED, True, True, True, True)]
