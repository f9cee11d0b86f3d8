import datetime as dt

import pandas as pd

from etl.keys import surrogate_key
from etl.model import Batch
from etl.stages.enrich import enrich as build_tables
from etl.staging import EXTRACTED, FAILURES, FILES


def file(path, sha, outcome="new", reason=None):
    return {"path": path, "sha256": sha, "size_bytes": 10, "encoding": "utf-8",
            "outcome": outcome, "reason": reason, "text": "x", "payload": b"x"}  # fmt: skip


def article(sha, path, **fields):
    row = dict.fromkeys(EXTRACTED.names)
    row.update(sha256=sha, path=path, title="T", published="2026-11-03", outlet=None,
               authors=["Ann Lee", "Ann Lee"], section=None, body="b", paragraph_count=1,
               boilerplate_ratio=0.1, removed=[{"category": "caption", "text": "c"}],
               language="en", word_count=20, amounts=[], quotes=[],
               entities=[{"text": "Varga", "label": "PERSON", "canonical": "Elena Varga",
                          "count": 2},
                         {"text": "Elena Varga", "label": "PERSON", "canonical": "Elena Varga",
                          "count": 1}])  # fmt: skip
    row.update(fields)
    return row


def batch(files, failures, articles, blocked_by=()):
    now = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
    return Batch(
        run_id="r1", started_at=now, finished_at=now,
        files=pd.DataFrame(files, columns=FILES.names, dtype=object),
        failures=pd.DataFrame(failures, columns=FAILURES.names, dtype=object),
        articles=pd.DataFrame(articles, columns=EXTRACTED.names, dtype=object),
        dq_results=pd.DataFrame(columns=["expectation"]), blocked_by=list(blocked_by),
        stage_seconds={},
    )  # fmt: skip


def test_every_file_gets_exactly_one_outcome():
    tables = build_tables(
        batch(
            files=[
                file("a.txt", "A"),
                file("a copy.txt", "A", "duplicate", "same_content_as_loaded_article"),
                file("b.txt", "B"),
                file("b copy.txt", "B", "duplicate", "same_content_as_loaded_article"),
                file("c.txt", "C"),
                file("d.png.txt", "D", "quarantined", "binary"),
            ],
            failures=[{"sha256": "B", "stage": "validate", "reason": "validation:x"}],
            articles=[article("A", "a.txt")],
        )
    )
    raw = tables["raw_file"].set_index("path")
    assert raw.loc["a.txt", "outcome"] == "loaded"
    assert raw.loc["a copy.txt", "outcome"] == "duplicate"
    assert raw.loc["a copy.txt", "article_key"] == surrogate_key("article", "A")
    assert raw.loc["b.txt", "reason"] == "validation:x"
    assert raw.loc["b copy.txt", "reason"] == "duplicate_of_quarantined:validation:x"
    assert raw.loc["c.txt", "reason"] == "not_processed"  # no stage accounted for it
    assert raw.loc["d.png.txt", "reason"] == "binary"
    assert set(tables["quarantine"]["path"]) == {"b.txt", "b copy.txt", "c.txt", "d.png.txt"}
    run = tables["etl_run"].iloc[0]
    assert (run["files_seen"], run["loaded"], run["duplicates"], run["quarantined"]) == (6, 1, 1, 4)


def test_star_rows_for_one_article():
    tables = build_tables(batch([file("a.txt", "A")], [], [article("A", "a.txt")]))
    assert tables["dim_source"].to_dict("records") == [
        {"source_key": surrogate_key("source", "\x00unknown"), "outlet_name": "Unknown",
         "is_unknown": True}
    ]  # fmt: skip
    assert tables["fct_entity_mention"]["mention_count"].tolist() == [3]
    assert sorted(tables["dim_entity_alias"]["alias"]) == ["Elena Varga", "Varga"]
    assert tables["bridge_article_author"]["author_position"].tolist() == [1]  # deduplicated
    assert sorted(tables["dim_date"]["date_key"]) == [20261103, 20261122]
    assert tables["fct_removed_block"].to_dict("records")[0]["category"] == "caption"


def test_a_blocked_batch_publishes_nothing_but_its_run_and_results():
    tables = build_tables(
        batch([file("a.txt", "A")], [], [article("A", "a.txt")], blocked_by=["unique:sha256"])
    )
    assert tables["fct_article"].empty and tables["raw_file"].empty
    assert tables["etl_run"].iloc[0]["status"] == "blocked"
    assert tables["etl_run"].iloc[0]["blocked_by"] == "unique:sha256"
