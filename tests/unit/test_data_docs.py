"""Data Docs made readable offline: remote assets stripped, a static index with results."""

from etl.quality.data_docs import make_offline

PAGE = """<html><head>
<link rel="stylesheet" href="https://cdn.example/bootstrap.css"/>
<script src="https://code.example/jquery.js"></script>
<style>.logo {{ background: url('https://s3.example/logo.png') }}</style>
</head><body><img src="https://s3.example/logo.png?dataContextId=1">
<span class="h6" >Status:</span> <i class="fas fa-times-circle text-danger" aria-hidden="true"></i> {status}
<script>$(function() {{ $('table').bootstrapTable(); }});</script>
<table><tr><td>values must be unique</td></tr></table></body></html>"""


def test_pages_lose_remote_assets_and_the_index_lists_results(tmp_path):
    for run, status in (("run_a", "Succeeded"), ("run_b", "Failed")):
        page = tmp_path / "validations" / "suite" / run / f"20260101T00000{run[-1] == 'b':d}Z"
        page.mkdir(parents=True)
        (page / "batch.html").write_text(PAGE.format(status=status), encoding="utf-8")
    (tmp_path / "index.html").write_text("<html><script>fill()</script></html>", "utf-8")
    assert make_offline(tmp_path, since=0) == 2
    for page in tmp_path.glob("validations/**/*.html"):
        text = page.read_text(encoding="utf-8")
        assert "https://" not in text and "<script" not in text
        assert "values must be unique" in text
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "https://" not in index and "<script" not in index
    assert index.index("run_b") < index.index("run_a")  # newest first
    assert '<td class="bad">failed</td>' in index and '<td class="ok">success</td>' in index
    # pages already made offline are left alone
    assert make_offline(tmp_path, since=0) == 0


def test_a_validation_with_only_warnings_reads_as_warnings_on_its_page_and_the_index(tmp_path):
    """GX titles it Failed; the validate stage knows no critical expectation failed."""
    page = tmp_path / "validations" / "suite" / "run_w" / "20260101T000000Z"
    page.mkdir(parents=True)
    (page / "batch.html").write_text(PAGE.format(status="Failed"), encoding="utf-8")
    assert make_offline(tmp_path, since=0, status="warnings") == 1
    text = (page / "batch.html").read_text(encoding="utf-8")
    assert "Succeeded with warnings" in text and "Failed" not in text
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<td class="warn">warnings</td>' in index and "failed" not in index
