"""`python -m etl bench silver`: plain-text readings against the same pages' HTML readings,
on pages the text models were never fitted on.

Gold bodies exist for two sets, mostly English, and article_text_dev has no gold metadata.
But every development page comes both as its visible text and as its HTML, and the HTML
reading has more to go on (the DOM, `<meta>`, JSON-LD): site held out it scores 0.967 and
0.935 on bodies and 0.94 to 1.0 on the header fields of news_meta_dev. So the HTML reading
serves as silver gold for the text reading where no gold exists:

- bodies of news_meta_dev, 150 news pages of 98 publishers in 31 countries, which the
  body models are not fitted on (they learn from the two body sets);
- header fields of article_text_dev, 88 pages the header models are not fitted on (they
  learn from the two metadata sets).

A few sites appear in more than one set, so some pages are not wholly unseen. A silver
figure is agreement, not accuracy: a disagreement is an error of one reading or the other.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from bench import train_header
from bench.fields import prediction
from bench.sets import BENCHMARKS, pages, scorer
from bench.train import f1_of_means
from etl.page.reader import read_pages

BODY_SET = "news_meta_dev"
FIELDS_SET = "article_text_dev"


def bench_silver(benchmarks: Path = BENCHMARKS) -> dict:
    return {
        "bodies": _bodies(benchmarks / BODY_SET, scorer("score_body", benchmarks)),
        "fields": _fields(benchmarks / FIELDS_SET, scorer("score_meta", benchmarks)),
    }


def _bodies(folder: Path, metric) -> dict:
    """Text bodies scored against HTML bodies as the benchmark scores bodies, overall and
    by the page's language; pages whose HTML reading finds no body are left out."""
    found = pages(folder)
    texts = read_pages([(page.text(), False) for page in found])
    htmls = read_pages([(page.html(), True) for page in found])
    by_language: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for page, text, html in zip(found, texts, htmls, strict=True):
        if html.body.strip():
            by_language[page.gold.get("lang") or "?"].append(metric.tp_fp_fn(html.body, text.body))
    every = [row for rows in by_language.values() for row in rows]
    report = {"set": folder.name} | f1_of_means(metric, every)
    languages = sorted(by_language, key=lambda lang: (-len(by_language[lang]), lang))
    report["by_language"] = {lang: f1_of_means(metric, by_language[lang]) for lang in languages}
    return report


def _fields(folder: Path, meta) -> dict:
    """Text header fields scored by score_meta's rules against the HTML reading's fields."""
    found = pages(folder)
    texts = read_pages([(page.text(), False) for page in found])
    htmls = read_pages([(page.html(), True) for page in found])
    pairs = [
        (silver_gold(vars(html.header)), prediction(text))
        for text, html in zip(texts, htmls, strict=True)
    ]
    return {"set": folder.name} | train_header.figures(pairs, meta)


def silver_gold(fields: dict) -> dict:
    """An HTML reading's header fields in the shape of train_header.gold_of: no author is a
    byline-less page, no outlet leaves the outlet unscored."""
    outlet = fields.get("outlet")
    return {
        "title": fields.get("title") or "",
        "title_alt": [],
        "published": (fields.get("published") or "")[:10] or None,
        "authors": list(fields.get("authors") or []),
        "outlet_aliases": [outlet] if outlet else [],
        "non_person_authors": [],
    }
