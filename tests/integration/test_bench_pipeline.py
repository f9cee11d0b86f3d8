"""The throughput benchmark runs end to end (its figures are for the README, not asserted)."""

from bench.pipeline import bench_pipeline
from tests.conftest import SAMPLE_FILES, SAMPLE_INBOX, SAMPLE_LOADED


def test_pipeline_benchmark_reports_every_figure():
    result = bench_pipeline([SAMPLE_INBOX], warehouse_articles=500)
    # 14 sample files: 11 articles, a copy, a PNG named .txt and a page of links
    assert (result["files"], result["articles_loaded"]) == (SAMPLE_FILES, SAMPLE_LOADED)
    assert set(result["stage_seconds"]) == {
        "ingest",
        "read",
        "extract",
        "validate",
        "enrich",
        "load",
    }
    assert result["rows_loaded"] > 10 and result["ceiling_seconds"] > 0
    assert result["nothing_new_stage_seconds"] > 0 and result["mention_rows_loaded_per_second"] > 0
    assert 0 < result["analyst_query_seconds"]["best_of_three_after"] < 60
