"""The development page sets in ../shared/benchmarks, read by path (never copied in).

Each set holds text/<key>.txt (the page's visible text), html/<key>.html (the page as
fetched) and gold/<key>.json. Pages are grouped by site, so that cross-validation can hold
out whole sites: the project is judged on sites it has never seen.
"""

from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from etl.config import BENCHMARKS

BODY_SETS = ("article_text_dev", "readability_dev")
META_SETS = ("news_meta_dev", "readability_dev")


@dataclass(frozen=True)
class Page:
    set_name: str
    key: str
    site: str
    gold: dict
    folder: Path

    def text(self) -> str:
        return (self.folder / "text" / f"{self.key}.txt").read_text(encoding="utf-8")

    def html(self) -> str:
        path = self.folder / "html" / f"{self.key}.html"
        return path.read_text(encoding="utf-8", errors="replace")


def pages(folder: Path) -> list[Page]:
    """Every page of a set that has gold, in key order."""
    found = []
    for gold_file in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        key = gold_file.stem
        found.append(Page(folder.name, key, site_of(folder.name, key, gold), gold, folder))
    return found


def site_of(set_name: str, key: str, gold: dict) -> str:
    """The site a page comes from: its URL's host, the set's site-named key, its outlet."""
    host = urlsplit(gold.get("url") or "").hostname
    if host:
        return host.removeprefix("www.")
    if set_name == "readability_dev":
        return re.sub(r"-\d+$", "", key)  # "nytimes-2" and "nytimes-5" are one site
    return gold.get("outlet") or key


def scorer(name: str, benchmarks: Path = BENCHMARKS):
    """The benchmark's own scoring script (score_body or score_meta), as a module."""
    path = benchmarks / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None or not path.exists():
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
