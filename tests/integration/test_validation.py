"""The expectation suite on real GX: every critical expectation can fail, and what fails is
reported per row or blocks the batch."""

import pandas as pd
import pytest

from etl.stages.validate import audit_batch

ROW = {
    "sha256": "a", "path": "a.txt", "title": "A title", "published": "2026-11-03",
    "outlet": "X", "section": None, "language": "en", "word_count": 200, "paragraph_count": 4,
    "boilerplate_ratio": 0.2, "entity_count": 3, "body": "text", "format": "text",
    "title_source": "visible_text", "published_source": "visible_text",
    "outlet_source": "none", "authors_source": "none", "entities_outside_text": 0,
    "quotes_outside_text": 0, "quote_speakers_unexplained": 0, "amounts_outside_text": 0,
    "days_after_run": 0,
}  # fmt: skip


def frame(**overrides) -> pd.DataFrame:
    return pd.DataFrame([ROW, ROW | {"sha256": "b"} | overrides])


@pytest.mark.parametrize(
    ("override", "expectation"),
    [
        ({"language": "english"}, "expect_column_values_to_match_regex:language"),
        ({"title": "x" * 501}, "expect_column_value_lengths_to_be_between:title"),
        ({"entities_outside_text": 1}, "expect_column_values_to_be_between:entities_outside_text"),
        ({"quotes_outside_text": 2}, "expect_column_values_to_be_between:quotes_outside_text"),
        (
            {"quote_speakers_unexplained": 1},
            "expect_column_values_to_be_between:quote_speakers_unexplained",
        ),
        ({"amounts_outside_text": 1}, "expect_column_values_to_be_between:amounts_outside_text"),
        ({"format": "pdf"}, "expect_column_values_to_be_in_set:format"),
        ({"title_source": "guess"}, "expect_column_values_to_be_in_set:title_source"),
        ({"published_source": "guess"}, "expect_column_values_to_be_in_set:published_source"),
        ({"outlet_source": "guess"}, "expect_column_values_to_be_in_set:outlet_source"),
        ({"authors_source": "guess"}, "expect_column_values_to_be_in_set:authors_source"),
    ],
)
def test_each_critical_row_expectation_fails_on_a_crafted_row(tmp_path, override, expectation):
    audit = audit_batch(frame(**override), tmp_path / "gx", tmp_path / "docs", "run")
    assert audit.rejected == {"b": [expectation]}
    assert audit.blocked_by == []


def test_a_duplicated_row_id_blocks_the_batch(tmp_path):
    audit = audit_batch(frame(sha256="a"), tmp_path / "gx", tmp_path / "docs", "run")
    assert audit.blocked_by == ["expect_column_values_to_be_unique:sha256"]


def test_a_missing_row_id_is_refused(tmp_path):
    audit = audit_batch(frame(sha256=None), tmp_path / "gx", tmp_path / "docs", "run")
    assert "expect_column_values_to_not_be_null:sha256" in audit.blocked_by + sum(
        audit.rejected.values(), []
    )


def test_warnings_are_recorded_but_reject_nothing(tmp_path):
    audit = audit_batch(
        frame(outlet=None, entity_count=0, days_after_run=30), tmp_path / "gx", tmp_path / "d", "r"
    )
    assert audit.rejected == {}
    failed = audit.results[~audit.results["success"]]
    assert set(failed["severity"]) == {"warning"}
    assert "days_after_run" in set(failed["column_name"])
    assert (tmp_path / "d" / "index.html").exists()
