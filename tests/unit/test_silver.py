"""The silver check's arithmetic: the benchmark's body figure and HTML fields as gold."""

import pytest

from etl.bench.silver import body_agreement, silver_gold


def test_body_agreement_is_the_f1_of_the_mean_precision_and_recall():
    figures = body_agreement([(1.0, 0.5), (0.5, 0.5)])
    assert figures["precision"] == 0.75
    assert figures["recall"] == 0.5
    assert figures["f1"] == pytest.approx(0.6)


def test_body_agreement_of_no_pages_is_unknown_not_zero():
    assert body_agreement([]) == {"f1": None, "precision": None, "recall": None}


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
