"""The data-quality report opened in a real headless browser (Debian's Chromium): the charts
render and the numbers on the page are the warehouse's."""

import os
import shutil
import subprocess

import lxml.html
import pytest

from etl import pipeline
from etl.report import page_name, report_for
from tests.conftest import SAMPLE_INBOX, SAMPLE_LOADED
from tests.integration.helpers import query


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    message = "Chromium is not installed (./dev test installs Debian's package when it can)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _render(url: str, offline: bool = False) -> lxml.html.HtmlElement:
    """The DOM after the page's scripts ran, as the browser holds it (offline: every host
    name fails to resolve, as on a machine without internet)."""
    no_network = ["--host-resolver-rules=MAP * ~NOTFOUND"] if offline else []
    done = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         *no_network, "--virtual-time-budget=15000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return lxml.html.fromstring(done.stdout)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from etl.config import Settings

    root = tmp_path_factory.mktemp("browser")
    config = Settings.from_env(
        inbox=SAMPLE_INBOX, warehouse=root / "news.duckdb", reports=root / "reports"
    )
    pipeline.run_all(config, "browser_run_1")
    pipeline.run_all(config, "browser_run_2")  # nothing new: a second point of history
    return config, report_for(config)


def test_history_page_renders_its_charts_in_a_browser(report):
    config, index = report
    dom = _render(index.as_uri())
    charts = dom.xpath('//div[contains(@class, "plotly-graph-div")]')
    assert len(charts) >= 6
    for chart in charts:
        # plotly.js marks a div it has drawn and puts its SVG layers inside
        assert "js-plotly-plot" in chart.get("class"), chart.get("id")
        assert chart.xpath('.//svg[contains(@class, "main-svg")]'), chart.get("id")
        assert chart.xpath('.//*[contains(@class, "trace")]'), chart.get("id")
    titles = {t.text_content() for t in dom.xpath('//*[contains(@class, "gtitle")]')}
    assert {
        "Files per hour, by outcome",
        "Files quarantined, by reason",
        "Articles per publication day, last 90 days",
    } <= titles
    # Counts have whole-number ticks, and time runs along a date axis, not run ids.
    for chart in charts[:2]:
        ticks = [t.text_content() for t in chart.xpath('.//*[contains(@class, "ytick")]//text')]
        assert ticks and all(t.replace(",", "").isdigit() for t in ticks), ticks
        assert not chart.xpath('.//*[contains(@class, "xtick")]//text[contains(., "browser_run")]')


def test_numbers_on_the_page_are_the_warehouses(report):
    config, index = report
    dom = _render(index.as_uri())
    metrics = {b.get("data-metric"): b.text_content() for b in dom.xpath("//b[@data-metric]")}
    ((articles,),) = query(config.warehouse, "select count(*) from fct_article")
    assert metrics["last_status"] == "success"
    assert metrics["articles_total"] == str(articles)
    assert metrics["waiting"] == "0"  # every inbox file is recorded
    assert metrics["failed_recently"] == "0"
    assert metrics["since_last_load"].endswith("min")
    # The run that found nothing new is counted, not listed.
    rows = dom.xpath('//table[@id="runs"]//tr[td]')
    assert [r.xpath("td")[0].text_content() for r in rows] == ["browser_run_1"]
    assert [int(r.xpath("td")[4].text_content()) for r in rows] == [SAMPLE_LOADED]
    assert "1 successful runs that found nothing new" in " ".join(dom.text_content().split())


def test_run_page_lists_the_quarantined_files_of_its_run(report):
    config, index = report
    dom = _render((index.parent / "runs" / page_name("browser_run_1")).as_uri())
    listed = [
        tuple(td.text_content() for td in row.xpath("td")[:3])
        for row in dom.xpath('//table[@id="quarantined"]//tr[td]')
    ]
    assert listed == query(
        config.warehouse,
        "select path, stage, reason from quarantine where run_id = ? order by path",
        ["browser_run_1"],
    )


def test_data_docs_read_offline(report):
    config, index = report
    docs = config.reports / "data_docs"
    dom = _render((docs / "index.html").as_uri(), offline=True)
    rows = dom.xpath('//table[@id="validations"]//tr[td]')
    assert [r.xpath("td")[0].text_content() for r in rows][-1] == "browser_run_1"
    assert all(r.xpath("td")[3].text_content() == "success" for r in rows)
    page = rows[-1].xpath(".//a/@href")[0]
    validation = _render((docs / page).as_uri(), offline=True)
    text = " ".join(validation.text_content().split())
    assert "Status: Succeeded" in text and "values must be unique" in text
    for doc in (dom, validation):
        remote = doc.xpath('//link[starts-with(@href, "http")] | //script[@src] | '
                           '//img[starts-with(@src, "http")]')  # fmt: skip
        assert remote == []
