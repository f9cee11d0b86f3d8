"""`etl reprocess`: quarantined payloads are kept and retried after a fix."""

import shutil

from etl import inbox as inbox_entries
from etl import pipeline
from tests.conftest import SAMPLE_FILES, SAMPLE_INBOX, SAMPLE_LOADED, SAMPLE_QUARANTINED
from tests.integration.helpers import query

STORY = "\n\n".join(
    [
        "Harbor pilots vote to end strike after pay deal",
        "By Mara Quint",
        "November 9, 2026",
        "Harbor pilots in Marlow Bay voted on Sunday to end a four-day strike after the port "
        "authority agreed to a new pay deal, union leader Felix Amari said.",
        "Ships that had waited outside the harbor began moving again on Sunday evening, and the "
        "port expects to clear the backlog by Wednesday.",
    ]
)


def test_a_file_quarantined_before_a_fix_loads_when_reprocessed(settings, tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    (inbox / "pilots strike.text").write_text(STORY, encoding="utf-8")
    config = settings(inbox)
    first = pipeline.run_all(config, "before_fix")
    assert (first["files_seen"], first["loaded"], first["quarantined"]) == (
        SAMPLE_FILES + 1,
        SAMPLE_LOADED,
        SAMPLE_QUARANTINED + 1,
    )
    assert query(
        config.warehouse, "select outcome, reason from raw_file where path = 'pilots strike.text'"
    ) == [("quarantined", "unsupported_type")]

    # The fix: .text files are plain text like .txt. Until it ships, nothing else changes.
    monkeypatch.setattr(
        inbox_entries, "ARTICLE_SUFFIXES", (*inbox_entries.ARTICLE_SUFFIXES, ".text")
    )
    retried = pipeline.run_all(
        config, "after_fix", reprocess=True, reason_prefix="unsupported_type"
    )
    assert (retried["files_seen"], retried["loaded"], retried["quarantined"]) == (1, 1, 0)
    assert query(
        config.warehouse,
        "select r.outcome, r.first_seen_run_id, q.reason, q.released_run_id, d.title "
        "from raw_file r join quarantine q using (path, sha256) "
        "join dim_article d using (article_key) where r.path = 'pilots strike.text'",
    ) == [
        (
            "loaded",
            "before_fix",
            "unsupported_type",
            "after_fix",
            "Harbor pilots vote to end strike after pay deal",
        )
    ]
    assert query(config.warehouse, "select count(*) from fct_article") == [(SAMPLE_LOADED + 1,)]

    # Retrying everything still quarantined: the rest fail again, with their reasons.
    again = pipeline.run_all(config, "retry_all", reprocess=True)
    assert (again["files_seen"], again["loaded"], again["quarantined"]) == (2, 0, 2)
    assert query(
        config.warehouse,
        "select path, reason, run_id, released_run_id from quarantine order by path",
    ) == [
        ("index_page_only_links.txt", "no_article_body", "retry_all", None),
        ("pilots strike.text", "unsupported_type", "before_fix", "after_fix"),
        ("scanned_front_page.txt", "binary", "retry_all", None),
    ]
    # Nothing is counted twice: each file has one raw_file row and the articles are unchanged.
    assert query(config.warehouse, "select count(*) from raw_file") == [(SAMPLE_FILES + 1,)]
    assert query(config.warehouse, "select count(*) from fct_article") == [(SAMPLE_LOADED + 1,)]
