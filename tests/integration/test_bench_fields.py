"""Header fields of plain-text pages from sites never seen, as `python -m etl bench fields
--cv` measures them: every page read by header models fitted without its site.

The header models of each fold learn from held-out body probabilities, as the shipped ones
do. The floors are issue 12's targets (reached: title 0.86, date 0.853, authors on bylined
pages 0.764, outlet as author 0, outlet 0.707; date and outlet each one page above).
"""

from bench.fields import bench_fields_cv
from tests.conftest import SHARED, require

META = SHARED / "benchmarks" / "news_meta_dev"


def test_site_held_out_fields_of_plain_text_pages():
    require(META)
    scores = bench_fields_cv(META, "text")
    assert scores["pages"] == 150
    assert scores["title"] >= 0.85
    assert scores["published"] >= 0.85
    assert scores["authors_f1_bylined"] >= 0.75
    assert scores["outlet_as_author"] <= 0.02
    assert scores["outlet"] >= 0.70
