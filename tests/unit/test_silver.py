"""The silver check's arithmetic: the benchmark's body figure and HTML fields as gold."""

import pytest

from bench.sets import BENCHMARKS, scorer
from bench.silver import silver_gold
from bench.train import f1_of_means


def test_silver_bodies_are_scored_as_the_benchmark_scores_bodies():
    """Mean precision over pages with a prediction, mean recall over pages with a gold body,
    the F1 of the two: an empty text body counts against recall, not precision."""
    metric = scorer("score_body", BENCHMARKS)
    rows = [
        metric.tp_fp_fn("one two three four five six", "one two three four five six"),
        metric.tp_fp_fn("one two three four five six", ""),
    ]
    figures = f1_of_means(metric, rows)
    assert figures["precision"] == 1.0
    assert figures["recall"] == 0.5
    assert figures["f1"] == pytest.approx(2 / 3, abs=1e-4)


def test_html_fields_become_gold_with_no_author_a_byline_less_page():
    gold = silver_gold(
        {
            "title": "Storm hits coast",
            "published": "2024-03-02T17:05:00+00:00",
            "authors": [],
            "outlet": None,
        }  # fmt: skip
    )
    assert gold["published"] == "2024-03-02"
    assert gold["authors"] == []  # scored on returning none, not left unscored
    assert gold["outlet_aliases"] == []  # no outlet read: the outlet goes unscored
    assert silver_gold({"outlet": "Coast Post"})["outlet_aliases"] == ["Coast Post"]
