"""Great Expectations Data Docs that read without internet.

GX links Bootstrap, jQuery, bootstrap-table, Font Awesome and Vega from CDNs, and fills its
index tables from JavaScript: offline, the pages are unstyled and the index is empty. After
each build, the pages it wrote lose their remote links and scripts and gain a small inline
stylesheet (the content is server-rendered HTML already), and the index is replaced by a
static one that lists every validation and suite with links.

GX renders the values an expectation found unexpected as markup: a page title such as
'<img src=x onerror=...>' would become an element of the page. Every page is therefore made
inert as well: no element that runs or embeds code, no event-handler attribute, no
javascript: URL (checked in Chromium, tests/integration/test_report_escaping.py).

GX titles a validation "Failed" when any expectation failed, warnings included; the validate
stage knows which failures are critical and passes the validation's status ("success",
"warnings" or "failed"), which the page and the index then show, as the report does.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from etl.files import write_atomic

_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref=\"https?://[^>]*>", re.I)
# GX's logo is fetched from S3 with the data context's id in the query: offline, and private.
_REMOTE_IMAGE = re.compile(r"<img\b[^>]*\bsrc=\"https?://[^>]*>", re.I | re.S)
_REMOTE_URL = re.compile(r"url\(['\"]?https?://[^)]*\)", re.I)
# Without Bootstrap's scripts a collapsed block could never open: show it.
_STYLE = """<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 1200px; color: #222; }
table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.85rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.card { border: 1px solid #ddd; border-radius: 6px; margin: 0.8rem 0; padding: 0.6rem 1rem; }
.collapse { display: block; }
.text-success, .ok { color: #1b7f3b; } .text-danger, .bad { color: #b00020; }
.warn { color: #8a5a00; }
nav, .navbar, .ge-toc { display: none; }
code, pre { background: #f6f6f6; padding: 0 0.2rem; white-space: pre-wrap; }
.cooltip .top { display: none; }
.fa-check-circle::before { content: "✔"; color: #1b7f3b; }
.fa-times-circle::before { content: "✘"; color: #b00020; }
</style>"""
_OFFLINE = "<!-- made readable offline by etl.quality.data_docs -->"
_STATUS = re.compile(r"Status:</span>\s*<i [^>]*></i>\s*(Succeeded|Failed)")
# Each validation's result, read once from its page: the index never re-reads old pages.
_RESULTS = "validation_results.json"

_CLASS = {"success": "ok", "warnings": "warn", "failed": "bad"}
_SHOWN = {"success": "Succeeded", "warnings": "Succeeded with warnings", "failed": "Failed"}


def make_offline(docs: Path, since: float, status: str | None = None) -> int:
    """Strip remote assets from the pages written since `since` (epoch seconds) and write
    the static index; how many pages changed. A validation page written since then gets
    `status` ("success", "warnings" or "failed") where one is given, else what GX wrote on it."""
    if not docs.is_dir():  # GX built nothing
        return 0
    results_path = docs / _RESULTS
    results = json.loads(results_path.read_text("utf-8")) if results_path.exists() else {}
    changed = 0
    for page in docs.glob("**/*.html"):
        if page.parent == docs or page.stat().st_mtime < since:
            continue
        link = page.relative_to(docs).as_posix()
        text = page.read_text(encoding="utf-8")
        if link.startswith("validations/") and _OFFLINE not in text:
            found = _STATUS.search(text)
            read = "failed" if found and found[1] == "Failed" else "success"
            results[link] = status or read
            text = _STATUS.sub(f"Status:</span> {_SHOWN[results[link]]}", text)
        if _OFFLINE not in text:
            write_atomic(page, _offline(text))
            changed += 1
    write_atomic(results_path, json.dumps(results, indent=0))
    _write_index(docs, results)
    return changed


def _offline(text: str) -> str:
    for remote in (_REMOTE_LINK, _REMOTE_IMAGE):  # scripts go with the rest of _inert
        text = remote.sub("", text)
    text = _REMOTE_URL.sub("none", text)
    text = re.sub(r"<head>", "<head>\n" + _OFFLINE + "\n" + _STYLE, text, count=1, flags=re.I)
    return _inert(text)


# Elements that run or embed code; attributes that hold a URL.
_ACTIVE_TAGS = ("script", "iframe", "object", "embed", "frame", "frameset", "applet", "base")
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "srcdoc"})
_CODE_URL = re.compile(r"^\s*(?:javascript|vbscript|data\s*:\s*text/html)", re.I)


def _inert(text: str) -> str:
    """The page without anything that could run: active elements, on* attributes and
    javascript: URLs removed, wherever they came from (GX's markup or a value it shows)."""
    import lxml.html

    page = lxml.html.document_fromstring(text)
    for element in list(page.iter(*_ACTIVE_TAGS)):
        element.drop_tree()
    for element in page.iter():
        for name, value in list(element.attrib.items()):
            lowered = name.lower()
            if lowered.startswith("on") or (lowered in _URL_ATTRIBUTES and _CODE_URL.match(value)):
                del element.attrib[name]
    return "<!doctype html>\n" + lxml.html.tostring(page, encoding="unicode")


def _write_index(docs: Path, results: dict[str, str]) -> None:
    """Every validation (newest first) and suite, as links in plain HTML."""
    validations = []
    for link, status in results.items():
        suite, run, stamp = link.split("/")[1:4]
        validations.append((stamp, run, suite, link, status))
    validations.sort(reverse=True)
    rows = "\n".join(
        f'<tr><td><a href="{html.escape(link)}">{html.escape(run)}</a></td>'
        f"<td>{html.escape(_stamp(stamp))}</td><td>{html.escape(suite)}</td>"
        f'<td class="{_CLASS.get(status, "bad")}">{status}</td></tr>'
        for stamp, run, suite, link, status in validations
    )
    suites = "\n".join(
        f'<li><a href="expectations/{html.escape(p.name)}">{html.escape(p.stem)}</a></li>'
        for p in sorted(docs.glob("expectations/*.html"))
    )
    write_atomic(
        docs / "index.html",
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n{_OFFLINE}\n'
        f"<title>Data Docs</title>{_STYLE}</head><body>\n<h1>Great Expectations Data Docs</h1>"
        f'\n<h2>Expectation suites</h2><ul id="suites">{suites}</ul>\n<h2>Validations</h2>'
        f'<table id="validations"><tr><th>run</th><th>validated (UTC)</th><th>suite</th>'
        f"<th>result</th></tr>\n{rows}\n</table></body></html>\n",
    )


def _stamp(stamp: str) -> str:
    found = re.match(r"(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)", stamp)
    if not found:
        return stamp
    year, month, day, hour, minute, second = found.groups()
    return f"{year}-{month}-{day} {hour}:{minute}:{second}"
