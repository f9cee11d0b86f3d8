"""Bad HTML gets a recorded outcome and never crashes a run: truncated markup, megabytes of
nested divs, no <body>, a lying <meta charset>, broken or oversized JSON-LD."""

import json

from etl import pipeline
from tests.integration.helpers import query

PARAGRAPHS = "".join(
    f"<p>{sentence}</p>"
    for sentence in (
        "The harbour authority said on Monday that container traffic rose by twelve percent "
        "in October, the strongest month since the port opened its new terminal.",
        "Officials said the new rail link would carry a third of all containers by 2028, and "
        "that the second phase of the terminal would open next spring.",
        "Dock workers' unions welcomed the figures but asked for more staff on night shifts, "
        "where they said crews had been stretched since the summer.",
    )
)
AUTHORS = [
    {"@type": "Person", "name": f"{first} {last}"}
    for first in ("Ann", "Bea", "Cid", "Dan", "Eva")
    for last in ("Lee", "Roe", "Moe", "Poe", "Kay", "Fay", "Gay", "Hay", "Jay")
]  # 45


def build(inbox):
    files = {
        "truncated.html": "<html><head><title>Port traffic rises</title></head><body>"
        + PARAGRAPHS
        + "<div><p>And then the page stops mid-sent",
        "nested.html": "<html><body>" + "<div>" * 900_000 + PARAGRAPHS + "</div>" * 900_000,
        "no_body.html": "<html><head><title>Port traffic rises</title></head>" + PARAGRAPHS,
        "broken_ld.html": "<html><head><title>Port traffic rises | Port News</title>"
        '<meta property="og:site_name" content="Port News"><script type="application/ld+json">'
        '{"@type": "NewsArticle", "headline": "Port traffic rises",,,</script></head><body>'
        + PARAGRAPHS
        + "</body></html>",
        "many_authors.html": '<html><head><script type="application/ld+json">'
        + json.dumps(
            {
                "@type": "NewsArticle",
                "headline": "Port traffic rises by a lot",
                "author": AUTHORS,
                "datePublished": "2026-11-03",
            }
        )  # fmt: skip
        + "</script></head><body>"
        + PARAGRAPHS
        + "</body></html>",
        "not_really.html": "just a line of text, no markup, too short to be an article",
    }
    for name, text in files.items():
        (inbox / name).write_text(text, encoding="utf-8")
    # Declares UTF-8 but is Windows-1252: the bytes decide, not the tag.
    lying = ('<html><head><meta charset="utf-8"><title>Café prices rise</title></head><body>'
             + PARAGRAPHS.replace("harbour", "café") + "</body></html>")  # fmt: skip
    (inbox / "lying_charset.html").write_bytes(lying.encode("cp1252"))


def test_every_bad_html_file_gets_an_outcome_and_the_run_succeeds(settings, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    build(inbox)
    config = settings(inbox)
    summary = pipeline.run_all(config, "hostile_html")
    assert summary["status"] == "success"
    outcomes = dict(query(config.warehouse, "select path, outcome from raw_file"))
    assert len(outcomes) == summary["files_seen"] == 7
    assert set(outcomes.values()) <= {"loaded", "quarantined"}
    for loaded in ("truncated.html", "no_body.html", "broken_ld.html", "many_authors.html",
                   "lying_charset.html"):  # fmt: skip
        assert outcomes[loaded] == "loaded", loaded
    reasons = dict(query(config.warehouse, "select path, reason from quarantine"))
    assert reasons["not_really.html"] == "no_article_body"
    # the parser keeps what it can of 900,000 nested divs; whatever it is, it is recorded
    assert outcomes["nested.html"] == "loaded" or reasons["nested.html"]
    titles = dict(query(config.warehouse, "select first_path, title from dim_article"))
    assert titles["broken_ld.html"] == "Port traffic rises"
    assert titles["lying_charset.html"] == "Café prices rise"
    authors = query(
        config.warehouse,
        "select count(*) from bridge_article_author join dim_article using (article_key) "
        "where first_path = 'many_authors.html'",
    )
    assert authors == [(40,)]  # JSON-LD authors are read up to a cap
