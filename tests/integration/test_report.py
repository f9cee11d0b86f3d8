import shutil

from etl import pipeline
from etl.report import build_report
from tests.conftest import SAMPLE_INBOX


def test_report_pages_charts_and_escaping(settings, tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    hostile = (SAMPLE_INBOX / "harbor_ledger_kessler_bridge.txt").read_text(encoding="utf-8")
    hostile = hostile.replace(
        "© 2026 Harbor Ledger.", "© 2026 Evil<script>alert(1)</script>Outlet."
    ).replace("Kessler Bridge partially", "<script>alert(2)</script> Kessler Bridge partially")
    (inbox / "hostile.txt").write_text(hostile.replace("14 injured", "15 injured"), "utf-8")
    config = settings(inbox)
    summary = pipeline.run_all(config, "report_run")
    index = build_report(config.warehouse, config.reports)
    html = index.read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert (config.reports / "plotly.min.js").stat().st_size > 1_000_000
    assert html.count('class="plotly-graph-div"') >= 5
    assert f'data-metric="loaded">{summary["loaded"]}<' in html
    run_page = (config.reports / "runs" / "report_run.html").read_text(encoding="utf-8")
    assert "scanned_front_page.txt" in run_page and "binary" in run_page
    assert "<script>alert" not in run_page
