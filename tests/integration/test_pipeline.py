"""Whole runs through the real stages into a real DuckDB file."""

import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil

import pytest

from etl import pipeline, staging
from etl.warehouse.payloads import payload_folder
from tests.conftest import (
    RELATIVE_PAGE_SEEN,
    RELATIVELY_DATED_PAGE,
    SAMPLE_DUPLICATES,
    SAMPLE_FILES,
    SAMPLE_INBOX,
    SAMPLE_LOADED,
    SAMPLE_QUARANTINED,
)
from tests.integration.helpers import query, snapshot

# Foreign keys that must resolve: (child table, column, parent table, parent column).
FOREIGN_KEYS = [
    ("fct_article", "source_key", "dim_source", "source_key"),
    ("fct_article", "section_key", "dim_section", "section_key"),
    ("fct_article", "published_date_key", "dim_date", "date_key"),
    ("fct_article", "ingested_date_key", "dim_date", "date_key"),
    ("fct_article", "article_key", "dim_article", "article_key"),
    ("bridge_article_author", "article_key", "fct_article", "article_key"),
    ("bridge_article_author", "author_key", "dim_author", "author_key"),
    ("fct_entity_mention", "article_key", "fct_article", "article_key"),
    ("fct_entity_mention", "entity_key", "dim_entity", "entity_key"),
    ("fct_entity_mention", "source_key", "dim_source", "source_key"),
    ("fct_removed_block", "article_key", "fct_article", "article_key"),
    ("dim_entity_alias", "entity_key", "dim_entity", "entity_key"),
    ("fct_amount", "article_key", "fct_article", "article_key"),
    ("fct_amount", "source_key", "dim_source", "source_key"),
    ("fct_quote", "article_key", "fct_article", "article_key"),
    ("fct_quote", "speaker_entity_key", "dim_entity", "entity_key"),
    ("raw_file", "article_key", "fct_article", "article_key"),
    ("raw_file", "first_seen_run_id", "etl_run", "run_id"),
]


def assert_foreign_keys_resolve(warehouse):
    for child, column, parent, parent_column in FOREIGN_KEYS:
        orphans = query(
            warehouse,
            f"select count(*) from {child} c where c.{column} is not null "  # noqa: S608
            f"and not exists (select 1 from {parent} p where p.{parent_column} = c.{column})",
        )[0][0]
        assert orphans == 0, f"{child}.{column} has {orphans} rows without a {parent}"


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    """One run over the sample inbox, shared by the tests that only read its result."""
    from etl.config import Settings

    root = tmp_path_factory.mktemp("sample")
    settings = Settings.from_env(
        inbox=SAMPLE_INBOX,
        warehouse=root / "news.duckdb",
        staging=root / "staging",
        reports=root / "reports",
    )
    return settings, pipeline.run_all(settings, "test_run_1")


def test_every_sample_file_is_accounted_for(sample_run):
    settings, summary = sample_run
    assert summary["files_seen"] == SAMPLE_FILES
    assert (summary["loaded"], summary["duplicates"], summary["quarantined"]) == (
        SAMPLE_LOADED,
        SAMPLE_DUPLICATES,
        SAMPLE_QUARANTINED,
    )
    outcomes = dict(
        query(settings.warehouse, "select path, coalesce(reason, outcome) from raw_file")
    )
    assert outcomes["scanned_front_page.txt"] == "binary"
    assert outcomes["index_page_only_links.txt"] == "no_article_body"
    assert outcomes["2026-11/copy of bridge story.txt"] == "same_content_as_loaded_article"
    kept = query(
        settings.warehouse,
        "select path, reason, sha256, payload_sha256, payload_bytes from quarantine",
    )
    assert {(p, r) for p, r, *_ in kept} == {
        ("scanned_front_page.txt", "binary"),
        ("index_page_only_links.txt", "no_article_body"),
    }
    # the bytes live beside the warehouse, content-addressed, the table keeps hash and size
    store = payload_folder(settings.warehouse)
    for path, *_, digest, size in kept:
        original = (settings.inbox / path).read_bytes()
        assert digest == hashlib.sha256(original).hexdigest() and size == len(original)
        assert (store / digest[:2] / digest).read_bytes() == original


def test_star_schema_is_populated_and_consistent(sample_run):
    settings, _ = sample_run
    warehouse = settings.warehouse
    assert query(warehouse, "select count(*) from fct_article")[0][0] == SAMPLE_LOADED
    assert_foreign_keys_resolve(warehouse)
    duplicate_key = query(
        warehouse,
        "select count(*) from raw_file d join raw_file l using (article_key) "
        "where d.outcome = 'duplicate' and l.outcome = 'loaded'",
    )[0][0]
    assert duplicate_key == 1
    outlets = {row[0] for row in query(warehouse, "select outlet_name from dim_source")}
    assert {"Harbor Ledger", "Coastline Daily", "Meridian Wire", "Lakeport Globe"} <= outlets
    assert "Unknown" in outlets
    languages = dict(query(warehouse, "select first_path, language from dim_article"))
    assert languages["nordkurier_handel.txt"] == "de"
    mayor = query(
        warehouse,
        "select count(distinct m.article_key) from fct_entity_mention m "
        "join dim_entity e using (entity_key) where e.canonical_name = 'Elena Varga'",
    )[0][0]
    # The third article names her in full only in captions, removed; its "Mayor Varga" joins
    # her across articles because it shares the Kessler Bridge and Marlow Bay with hers.
    assert mayor == 3
    assert ("Varga",) in query(
        warehouse,
        "select a.alias from dim_entity_alias a join dim_entity e using (entity_key) "
        "where e.canonical_name = 'Elena Varga'",
    )
    aliases = query(
        warehouse,
        "select a.alias from dim_entity_alias a join dim_entity e using (entity_key) "
        "where e.canonical_name = 'Henrik Aalto' order by 1",
    )
    assert aliases == [("Aalto",), ("Henrik Aalto",)]  # "Aalto said" merged within an article
    people = {row[0] for row in query(warehouse, "select canonical_name from dim_entity")}
    assert "Ivan Petrov" in people and "Goalkeeper Ivan Petrov" not in people
    german = query(
        warehouse,
        "select entity_count from fct_article join dim_article using (article_key) "
        "where language = 'de'",
    )
    assert german == [(0,)]  # no English-model noise on a German body
    models = dict(query(warehouse, "select first_path, ner_model from dim_article"))
    assert models["nordkurier_handel.txt"] is None  # no model for German: recorded
    assert models["courrier_maritime_marlow.txt"] == "fr_core_news_sm"
    french = {
        row[0]
        for row in query(
            warehouse,
            "select e.canonical_name from fct_entity_mention m join dim_entity e "
            "using (entity_key) join dim_article d using (article_key) "
            "where d.first_path = 'courrier_maritime_marlow.txt'",
        )
    }
    assert {"Ingrid Falk", "Saint-Nazaire"} <= french
    assert query(warehouse, "select count(*) from v_entity_mentions_daily")[0][0] > 0
    assert query(warehouse, "select count(*) from v_articles_daily")[0][0] > 0
    categories = {row[0] for row in query(warehouse, "select category from fct_removed_block")}
    assert {"title", "caption", "also_read", "related_list", "byline", "dateline"} <= categories
    ratios = query(
        warehouse, "select min(boilerplate_ratio), max(boilerplate_ratio) from fct_article"
    )
    assert 0 <= ratios[0][0] < ratios[0][1] < 1


def test_dq_results_are_recorded_per_expectation_and_warehouse_check(sample_run):
    from etl.warehouse.checks import CHECK_PREFIX
    from expectations.article_suite import build_article_suite

    settings, _ = sample_run
    suite = build_article_suite().expectations
    rows = query(
        settings.warehouse,
        "select starts_with(expectation, ?) as is_check, severity, count(*), bool_and(success) "
        "from dq_result group by all order by all",
        [CHECK_PREFIX],
    )
    audit = {severity: count for is_check, severity, count, _ in rows if not is_check}
    assert audit == {
        "critical": sum(e.severity == "critical" for e in suite),
        "warning": sum(e.severity == "warning" for e in suite),
    }
    checks = [(severity, count, passed) for is_check, severity, count, passed in rows if is_check]
    assert checks[0][0] == "critical" and checks[0][1] >= 15 and checks[0][2]
    assert (settings.reports / "data_docs" / "index.html").exists()


def test_rerun_over_the_same_inbox_changes_nothing(sample_run):
    from etl.ledger import ledger_folder, read_quiet_runs

    settings, _ = sample_run
    before = snapshot(settings.warehouse)
    written = settings.warehouse.stat()
    summary = pipeline.run_all(settings, "test_run_2")
    assert (summary["files_seen"], summary["loaded"], summary["published"]) == (0, 0, False)
    assert snapshot(settings.warehouse) == before
    # A run that found nothing does not copy the warehouse to record itself: the file is
    # the one published before, and the run is in the ledger, where the report reads it.
    now = settings.warehouse.stat()
    assert (now.st_ino, now.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    quiet = read_quiet_runs(ledger_folder(settings.staging))
    assert quiet[["run_id", "status", "files_seen"]].values.tolist() == [
        ["test_run_2", "success", 0]
    ]
    assert query(
        settings.warehouse, "select count(*) from etl_run where run_id = 'test_run_2'"
    ) == [(0,)]


def test_rerunning_a_published_run_is_a_no_op(sample_run):
    settings, first = sample_run
    before = snapshot(settings.warehouse)
    partition = pipeline.prepare_partition(settings, "test_run_1")
    again = pipeline.run_load(partition, settings)
    assert again["already_published"] is True
    assert again["loaded"] == first["loaded"]
    assert snapshot(settings.warehouse) == before


def test_a_crash_inside_the_load_leaves_the_warehouse_as_it_was(settings, monkeypatch, tmp_path):
    from etl.warehouse import merge as warehouse_module

    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    config = settings(inbox)
    pipeline.run_all(config, "first")
    before = snapshot(config.warehouse)
    (inbox / "new_article.txt").write_text(
        "Ferry crews walk out\n\nBy Ann Lee\n\n"
        + "Ferry crews in Marlow Bay stopped work on Friday over pay and rosters, the union said. "
        * 4,
        encoding="utf-8",
    )
    real_read_sql = warehouse_module.read_sql

    def failing_read_sql(name: str) -> str:
        if name == "load/raw_file.sql":  # after the dimensions and facts were inserted
            raise RuntimeError("simulated crash mid-load")
        return real_read_sql(name)

    monkeypatch.setattr(warehouse_module, "read_sql", failing_read_sql)
    with pytest.raises(RuntimeError, match="simulated crash"):
        pipeline.run_all(config, "second")
    assert snapshot(config.warehouse) == before
    monkeypatch.setattr(warehouse_module, "read_sql", real_read_sql)
    partition = pipeline.prepare_partition(config, "second")
    summary = pipeline.run_load(partition, config)  # the retried task finishes the run
    assert (summary["files_seen"], summary["loaded"]) == (1, 1)
    assert_foreign_keys_resolve(config.warehouse)


def test_a_capped_run_defers_the_rest_and_later_runs_drain_the_inbox(settings, monkeypatch):
    monkeypatch.setenv("ETL_MAX_FILES_PER_RUN", "5")
    config = settings()
    summaries = [pipeline.run_all(config, f"capped_{n}") for n in range(4)]
    assert [s["files_seen"] for s in summaries] == [5, 5, 4, 0]
    assert [s["published"] for s in summaries] == [True, True, True, False]
    assert [s["deferred_to_next_run"] for s in summaries] == [9, 4, 0, 0]
    assert sum(s["loaded"] for s in summaries) == SAMPLE_LOADED
    assert query(config.warehouse, "select count(*) from raw_file") == [(SAMPLE_FILES,)]


def test_a_publish_that_would_break_a_foreign_key_is_rolled_back_and_recorded(settings, tmp_path):
    from etl.warehouse.merge import WarehouseCheckFailed

    config = settings()
    partition = pipeline.prepare_partition(config, "broken")
    pipeline.run_ingest(partition, config)
    pipeline.run_read(partition)
    pipeline.run_extract(partition, config)
    pipeline.run_validate(partition, config)
    pipeline.run_enrich(partition, config)
    # a mention of an entity the batch never defines: a dangling foreign key
    tables = staging.read_tables(partition / "tables")
    mentions = tables["fct_entity_mention"]
    tables["fct_entity_mention"] = mentions.assign(entity_key=mentions["entity_key"] + 1)
    staging.write_tables(tables, partition / "tables")
    with pytest.raises(WarehouseCheckFailed, match="foreign_key:fct_entity_mention->dim_entity"):
        pipeline.run_load(partition, config)
    assert query(config.warehouse, "select count(*) from fct_article") == [(0,)]
    assert query(config.warehouse, "select count(*) from etl_run") == [(0,)]
    failed = query(
        config.warehouse,
        "select expectation from dq_result where run_id = 'broken' and not success",
    )
    assert failed == [("warehouse:foreign_key:fct_entity_mention->dim_entity",)]


def test_a_publish_deletes_staging_partitions_older_than_the_retention(settings, tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    config = dataclasses.replace(settings(inbox), staging_retention_days=2)
    old = pipeline.prepare_partition(config, "old_run")
    recent = pipeline.prepare_partition(config, "recent_run")
    for partition, days in ((old, 3), (recent, 1)):
        started = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
        (partition / "run.json").write_text(json.dumps({"started_at": started.isoformat()}))
    summary = pipeline.run_all(config, "retention_run")
    assert summary["staging_partitions_deleted"] == 1
    assert not old.exists() and recent.exists()
    assert staging.partition_for(config.staging, "retention_run").exists()


def test_data_docs_follow_the_reports_folder_of_each_run(settings, tmp_path):
    """The GX context lives in staging; a run with another reports folder must build its
    Data Docs there, not where an earlier run's settings pointed."""
    first = settings()
    pipeline.run_all(first, "docs_first")
    second = dataclasses.replace(first, reports=tmp_path / "other_reports")
    pipeline.run_all(dataclasses.replace(second, warehouse=tmp_path / "b.duckdb"), "docs_second")
    built = second.reports / "data_docs"
    assert (built / "index.html").exists()
    assert "docs_second" in (built / "index.html").read_text(encoding="utf-8")


def test_check_full_reads_every_row_where_a_publish_reads_only_its_own(
    sample_run, tmp_path, capsys
):
    import duckdb

    from etl.cli import main

    settings, _ = sample_run
    copy = tmp_path / "copy.duckdb"
    shutil.copy(settings.warehouse, copy)
    assert main(["check", "--full", "--warehouse", str(copy)]) == 0
    clean = json.loads(capsys.readouterr().out)["violations"]
    assert len(clean) >= 15 and not any(clean.values())
    # a row no run wrote, with a dangling reference: only the full check can see it
    with duckdb.connect(str(copy)) as con:
        con.execute(
            "insert into fct_quote (article_key, quote_number, source_key, quote_text, "
            "word_count) values (-1, 1, -1, 'words nobody said', 3)"
        )
    assert main(["check", "--full", "--warehouse", str(copy)]) == 1
    found = json.loads(capsys.readouterr().out)["violations"]
    assert found["warehouse:foreign_key:fct_quote->dim_article"] == 1
    assert main(["check", "--full", "--warehouse", str(tmp_path / "none.duckdb")]) == 2


def test_the_report_says_when_every_row_was_last_checked_and_what_was_found(
    sample_run, tmp_path, capsys
):
    import duckdb

    from etl.cli import main
    from etl.config import Settings
    from etl.ledger import ledger_folder
    from etl.report import build_report

    settings, _ = sample_run
    copy = tmp_path / "copy.duckdb"
    shutil.copy(settings.warehouse, copy)
    ledger = ledger_folder(Settings.from_env(warehouse=copy).staging)

    def tile() -> str:
        index = build_report(copy, tmp_path / "reports", ledger=ledger)
        html = index.read_text(encoding="utf-8")
        return html[
            html.index('id="full-check"') : html.index(
                "</div>\n</div>", html.index('id="full-check"')
            )
        ]

    assert ">never<" in tile()
    assert main(["check", "--full", "--warehouse", str(copy)]) == 0
    checks = len(json.loads(capsys.readouterr().out)["violations"])
    assert f">0 of {checks} checks failed<" in tile() and 'class="ok"' in tile()
    with duckdb.connect(str(copy)) as con:
        con.execute(
            "insert into fct_quote (article_key, quote_number, source_key, quote_text, "
            "word_count) values (-1, 1, -1, 'words nobody said', 3)"
        )
    assert main(["check", "--full", "--warehouse", str(copy)]) == 1
    assert f">1 of {checks} checks failed<" in tile() and 'class="bad"' in tile()
    assert "warehouse:foreign_key:fct_quote-&gt;dim_article: 1" in tile()


def test_a_text_page_dated_only_relatively_is_loaded_with_its_date_counted_back(settings, tmp_path):
    """A plain-text page that says only "Published 2 days ago" is dated from its file's time,
    and the warehouse says so (published_source relative_to_file_time): the article suite
    accepts every source the read stage writes (it had quarantined such pages)."""
    inbox = tmp_path / "relative_inbox"
    inbox.mkdir()
    page = inbox / "ferry.txt"
    page.write_text(RELATIVELY_DATED_PAGE, encoding="utf-8")
    seen = RELATIVE_PAGE_SEEN.timestamp()
    os.utime(page, (seen, seen))
    config = settings(inbox)
    summary = pipeline.run_all(config, "relative_dates")
    assert (summary["loaded"], summary["quarantined"]) == (1, 0)
    stored = query(
        config.warehouse,
        "select published_date_key, published_source from fct_article",
    )
    assert stored == [(20261110, "relative_to_file_time")]
