"""HTML pages: what the page states about itself decides the header fields, each with its
source; the body comes from the DOM."""

import json

import numpy as np
import pytest

from etl.page.html import blocks_of, parse
from etl.page.reader import _finish, _prepare_html, read_page
from etl.page.statements import loads_lenient, read_statements

PARAGRAPHS = [
    "Dock workers in Porto Vale voted on Tuesday to end a six-day strike that had left more "
    "than forty ships waiting outside the harbour, the union said in a statement.",
    "The agreement raises wages by six percent this year and a further four percent in 2027, "
    "the port authority said, and adds a second pilot on every night shift.",
    "Ships began moving again on Tuesday evening and the port expects to clear the backlog of "
    "container vessels by the end of the week, a spokeswoman for the authority said.",
]


def page(head: str = "", header: str = "", extra_body: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!doctype html><html lang="en"><head>{head}</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><header>{header}</header>
<figure><img src="x.jpg"><figcaption>Dockers vote at the union hall (Photo: Ann Lee)</figcaption></figure>
{paragraphs}{extra_body}
<aside class="related-articles"><h3>Related</h3><a href="/a">Port traffic falls</a></aside>
</article><footer>© 2026 Porto Vale Press Group GmbH</footer></body></html>"""


def ld(obj) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_json_ld_in_a_graph_gives_headline_date_authors_and_publisher():
    head = ld({"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Porto Vale Times"},
        {"@type": "NewsArticle", "headline": "Harbour strike ends after six days",
         "datePublished": "2026-03-03T10:00:00+01:00",
         "author": [{"@type": "Person", "name": "Jane Doe"},
                    {"@type": "Organization", "name": "Reuters"}],
         "publisher": {"@type": "Organization", "name": "Porto Vale Times"}},
    ]})  # fmt: skip
    reading = read_page(page(head, "<h1>Harbour strike ends after six days</h1>"), True)
    header = reading.header
    assert header.title == "Harbour strike ends after six days"
    assert header.published == "2026-03-03"
    assert header.authors == ["Jane Doe"]
    assert header.credits == ["Reuters"]
    assert header.outlet == "Porto Vale Times"
    assert header.sources == {"title": "h1", "published": "json_ld", "outlet": "json_ld",
                              "authors": "json_ld"}  # fmt: skip
    assert reading.body == "\n\n".join(PARAGRAPHS)
    categories = {b["category"] for b in reading.removed}
    assert {"caption", "navigation"} <= categories


def test_meta_tags_when_there_is_no_json_ld_and_the_site_suffix_is_removed():
    head = """<title>Harbour strike ends after six days | Porto Vale Times</title>
<meta property="og:site_name" content="Porto Vale Times">
<meta property="og:title" content="Harbour strike ends after six days | Porto Vale Times">
<meta property="article:published_time" content="2026-03-03T10:00:00Z">
<meta name="author" content="Jane Doe and John Roe">"""
    header = read_page(page(head), True).header
    assert header.title == "Harbour strike ends after six days"
    assert header.published == "2026-03-03"
    assert header.authors == ["Jane Doe", "John Roe"]
    assert header.outlet == "Porto Vale Times"
    assert header.sources == {"title": "meta", "published": "meta", "outlet": "meta",
                              "authors": "meta"}  # fmt: skip


def test_the_visible_headline_wins_over_a_differing_social_title():
    head = """<meta property="og:title" content="Strike is over: what it means for you">
<meta property="og:site_name" content="Porto Vale Times">"""
    header = read_page(page(head, "<h1>Harbour strike ends: what it means for you</h1>"), True)
    assert header.header.title == "Harbour strike ends: what it means for you"


def test_a_company_name_is_not_the_outlet_while_another_source_names_one():
    head = ld({"@type": "NewsArticle", "headline": "Harbour strike ends",
               "publisher": {"name": "Porto Vale Verlag GmbH & Co. KG"}}) + (
        '<meta name="application-name" content="Porto Vale Times">')  # fmt: skip
    assert read_page(page(head), True).header.outlet == "Porto Vale Times"


@pytest.mark.parametrize(
    ("site_name", "outlet"),
    [
        ("Porto Vale Times - News you can trust, every day", "Porto Vale Times"),
        ("Porto Vale Times | Daily news from the harbour", "Porto Vale Times"),
        ("Porto Vale Times - Harbour Edition", "Porto Vale Times - Harbour Edition"),
        ("Porto Vale Times", "Porto Vale Times"),
    ],
)
def test_a_site_name_stated_with_its_slogan_is_the_name(site_name, outlet):
    head = f'<meta property="og:site_name" content="{site_name}">'
    assert read_page(page(head), True).header.outlet == outlet


def test_agencies_and_desks_named_as_authors_are_credits_never_authors():
    head = ld({"@type": "NewsArticle", "headline": "Harbour strike ends",
               "author": [{"name": "dpa"}, {"name": "Porto Vale Times Staff"},
                          {"name": "Felix Schröder und Jörg Soldwisch, AFP"}]})  # fmt: skip
    header = read_page(page(head), True).header
    assert header.authors == ["Felix Schröder", "Jörg Soldwisch"]
    assert {"dpa", "AFP"} <= set(header.credits)


def test_a_time_element_dates_the_page_when_nothing_else_does():
    header = read_page(page(header='<time datetime="2026-03-03T09:00">3 March</time>'), True)
    assert header.header.published == "2026-03-03"
    assert header.header.sources["published"] == "time_element"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1,}', {"a": 1}),
        ('<!--\n{"a": [1, 2,]}\n-->', {"a": [1, 2]}),
        ('{"a": "line\nbreak"}', {"a": "line\nbreak"}),
        ("{not json at all", None),
    ],
)
def test_json_ld_as_pages_publish_it(text, expected):
    assert loads_lenient(text) == expected


def test_invalid_json_ld_and_forty_authors_do_not_break_the_page():
    authors = [{"@type": "Person", "name": f"Author Number{n}"} for n in range(60)]
    head = '<script type="application/ld+json">{"@type": "NewsArticle", broken</script>' + ld(
        {"@type": "NewsArticle", "headline": "Many hands", "author": authors}
    )
    statements = read_statements(parse(page(head)))
    assert statements.headline == "Many hands"
    assert len(statements.ld_authors) == 40  # the cap


def test_comments_in_markup_do_not_cut_a_sentence_and_cells_are_spaced():
    root = parse("<html><body><p>At first<!-- x --> he said <b>no</b>.</p>"
                 "<table><tr><td>1</td><td>Tom Reyes</td><td>5040</td></tr></table>"
                 "</body></html>")  # fmt: skip
    assert [b.text for b in blocks_of(root)] == ["At first he said no.", "1 Tom Reyes 5040"]


def test_blocks_remember_what_their_ancestors_are_named():
    root = parse('<html><body><div class="c-share__bar"><a href="#">Share</a></div>'
                 '<figure><figcaption>A caption</figcaption></figure></body></html>')  # fmt: skip
    share, caption = blocks_of(root)
    assert "share" in share.hints and share.link_chars == len("Share")
    assert "figure" in caption.zones and caption.tag == "figcaption"


def test_a_page_the_html_model_finds_no_article_on_is_read_as_text():
    prepared = _prepare_html(page())
    # As if the DOM-informed model (and trafilatura) had rejected every block.
    reading = _finish(prepared, np.zeros(len(prepared.lines)), None)
    assert all(p in reading.paragraphs for p in PARAGRAPHS)
    assert not any("Related" in p or "©" in p for p in reading.paragraphs)
