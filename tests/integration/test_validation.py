"""The expectation suite on real GX, and its effect on what gets published."""

import pandas as pd

from etl.stages.validate import audit_batch


def frame(**overrides):
    row = {
        "sha256": "a", "title": "A title", "published": "2026-11-03",
        "published_date_key": 20261103, "outlet": "X", "section": None, "language": "en",
        "word_count": 200, "paragraph_count": 4, "boilerplate_ratio": 0.2, "entity_count": 3,
        "body": "text", "path": "a.txt",
    }  # fmt: skip
    bad = row | {"sha256": "b"} | overrides
    return pd.DataFrame([row, bad])


def test_row_failures_are_reported_per_row(tmp_path):
    audit = audit_batch(
        frame(language="english", published_date_key=18000101),
        tmp_path / "gx",
        tmp_path / "docs",
        "run",
    )
    assert set(audit.rejected) == {"b"}
    assert sorted(audit.rejected["b"]) == [
        "expect_column_values_to_be_between:published_date_key",
        "expect_column_values_to_match_regex:language",
    ]
    assert audit.blocked_by == []
    assert (tmp_path / "docs" / "index.html").exists()


def test_warnings_are_recorded_but_reject_nothing(tmp_path):
    audit = audit_batch(frame(outlet=None, entity_count=0), tmp_path / "gx", tmp_path / "d", "r")
    assert audit.rejected == {}
    failed = audit.results[~audit.results["success"]]
    assert set(failed["severity"]) == {"warning"}


def test_a_duplicated_row_id_blocks_the_batch(tmp_path):
    audit = audit_batch(frame(sha256="a"), tmp_path / "gx", tmp_path / "docs", "run")
    assert audit.blocked_by == ["expect_column_values_to_be_unique:sha256"]
