import shutil

from etl import pipeline
from etl.report import build_report
from tests.conftest import SAMPLE_INBOX, SAMPLE_LOADED


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
    assert summary["loaded"] == SAMPLE_LOADED + 1  # and the hostile copy
    assert f'data-metric="articles_total">{summary["loaded"]}<' in html
    run_page = (config.reports / "runs" / "report_run.html").read_text(encoding="utf-8")
    assert "scanned_front_page.txt" in run_page and "binary" in run_page
    assert "<script>alert" not in run_page


def test_data_dictionary_and_where_fields_came_from(settings):
    import lxml.html

    from etl.warehouse.registry import TABLES, VIEWS
    from tests.integration.helpers import query

    config = settings()
    pipeline.run_all(config, "dictionary_run")
    index = build_report(config.warehouse, config.reports)
    page = lxml.html.fromstring((config.reports / "dictionary.html").read_text("utf-8"))
    for item in (*TABLES, *VIEWS):
        (heading,) = page.xpath(f'//h2[@id="{item.name}"]')
        described = heading.getnext().text_content()
        assert item.grain in described
    star = page.xpath('//svg[@id="star"]')[0]
    boxes = {a.text_content() for a in star.iter("{*}a", "a")}
    assert {"fct_article", "dim_source", "dim_date", "bridge_article_author"} <= boxes
    assert len(star.xpath(".//*[local-name()='line']")) >= 15
    html = lxml.html.fromstring(index.read_text("utf-8"))
    rows = html.xpath('//table[@id="field-sources"]//tr[td]')
    outlets = {r.xpath("td")[0].text_content() for r in rows}
    expected = query(config.warehouse, "select distinct outlet_name from dim_source")
    assert outlets == {name for (name,) in expected}
    assert any("visible_text" in r.xpath("td")[1].text_content() for r in rows)
    assert 'href="dictionary.html"' in index.read_text("utf-8")
