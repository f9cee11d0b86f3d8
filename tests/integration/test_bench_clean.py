"""Body quality on the development sets, as `python -m etl bench clean [--cv]` measures it.

The floors that count are the site-held-out ones: each page read by a model fitted without
its site. The plain figures read pages the shipped model was fitted on.
"""

import pytest

from bench.clean import bench_clean, bench_clean_cv, clean_phases
from tests.conftest import BENCHMARK, require


def test_bench_clean_reads_text_and_html_with_the_shipped_models():
    require(BENCHMARK)
    text = bench_clean(BENCHMARK, "text", repeat=1)
    html = bench_clean(BENCHMARK, "html", repeat=1)
    assert text["pages"] == html["pages"] == 88
    assert text["f1"] >= 0.95 and html["f1"] >= 0.96
    assert text["pages_per_second"] > 0


def test_clean_phases_time_every_step_of_reading_a_page():
    require(BENCHMARK)
    phases = clean_phases(BENCHMARK, repeat=1)
    steps = phases["ms_per_page"]
    assert phases["pages"] == 88
    assert set(steps) == {
        "split into lines", "rules", "line features", "body model", "body selection",
        "language", "header", "removed blocks",
    }  # fmt: skip
    assert all(ms > 0 for ms in steps.values())
    assert phases["total"] == pytest.approx(sum(steps.values()), abs=0.01)
    # the steps are the whole of reading: a plain read takes about as long
    plain = 1000 / bench_clean(BENCHMARK, "text", repeat=1)["pages_per_second"]
    assert 0.5 * plain < phases["total"] < 2 * plain


def test_site_held_out_body_f1_of_plain_text_pages():
    require(BENCHMARK)
    scores = bench_clean_cv("text", BENCHMARK.parent)
    assert scores["article_text_dev"]["f1"] >= 0.93
    assert scores["readability_dev"]["f1"] >= 0.87


def test_site_held_out_body_f1_of_html_pages():
    require(BENCHMARK)
    scores = bench_clean_cv("html", BENCHMARK.parent)
    assert scores["article_text_dev"]["f1"] >= 0.96
    assert scores["readability_dev"]["f1"] >= 0.92
