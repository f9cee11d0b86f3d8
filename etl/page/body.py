"""Which lines of a page are its article: a learned line classifier, then the contiguous run
of likely body lines.

The classifier (LightGBM, trained by `python -m etl train clean` on the development sets and
shipped as a small text file in etl/page/models/) gives each line a probability of being body
from features that carry across sites (etl.page.lines). An article is one stretch of a page:
the body is the run with the largest total of (probability - 0.5) x length, the maximum-
subarray problem, less the lines inside it the model is sure are not body (inline captions,
ads, share bars), plus the lines outside it it is sure are (an article resumed after a box).

HTML pages are read from their DOM blocks with the same line features, what the DOM says
about each block (its element, link density, ancestors' names such as figcaption or
related-articles) and whether trafilatura, a well-kept extractor, kept the block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import numpy as np

from etl.page.html import HINTS, ZONES, HtmlBlock
from etl.page.lines import (
    BULLETS,
    FEATURES,
    MIN_LIST_ITEMS,
    Line,
    best_run,
    classify,
    features,
    prose_scores,
    split_lines,
)
from etl.page.rules import INLINE, SOFT

# Decoding: inside the best run, a line below KEEP_INSIDE is boilerplate the article wraps;
# outside it, a line at or above KEEP_OUTSIDE is still the article's (chosen by
# cross-validation on the development sets, `python -m etl bench clean --cv`).
KEEP_INSIDE = 0.2
KEEP_OUTSIDE = 0.9
# The run also weighs each line's prose score (etl.page.lines.prose_score): on the
# development sets it changes the site-held-out F1 by under 0.002 either way, but a short page
# gives the model's context features little to go on, and there the evidence of sentences
# keeps a last paragraph or a numbered list in the article.
PROSE_WEIGHT = {"text": 0.3, "html": 0.05}
# In plain text a line the decoder drops even inside the run (below KEEP_INSIDE) costs the run
# at least as much as a line of GAP_UNITS units, however short. One short line between two
# paragraphs still costs little, but a long run of one-word menu or teaser lines now
# separates two blocks, so the best run no longer joins an article to the service blurbs or
# the "more stories" list far below it. Site held out: readability_dev 0.888 -> 0.893,
# article_text_dev 0.9437 -> 0.9442, on three other body-model seeds +0.005, -0.001 and +0.006;
# text against HTML on news_meta_dev (`bench silver`) 0.938 -> 0.941. On HTML, whose blocks
# are the DOM's, it changes nothing beyond noise, so it is left out there.
GAP_UNITS = 12.0


@dataclass(frozen=True)
class Decoding:
    """The constants `select` reads a body with (above); `bench clean --cv` chooses them
    again inside each fold's training sites to see what choosing them on the reported folds
    was worth."""

    keep_inside: float
    keep_outside: float
    gap_units: float  # 0: no gap cost
    prose_weight: float


DECODING = {
    "text": Decoding(KEEP_INSIDE, KEEP_OUTSIDE, GAP_UNITS, PROSE_WEIGHT["text"]),
    "html": Decoding(KEEP_INSIDE, KEEP_OUTSIDE, 0.0, PROSE_WEIGHT["html"]),
}
_PROSE = FEATURES.index("prose")
_COLUMN_RUN = FEATURES.index("column_run")
_TAGS = ("p", "div", "li", "heading", "td", "figcaption", "blockquote", "pre", "section", "other")
_HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
HTML_FEATURES = (
    FEATURES
    + tuple(f"tag_{t}" for t in _TAGS)
    + tuple(f"zone_{z}" for z in ZONES)
    + tuple(f"hint_{h}" for h in HINTS)
    + ("link_density", "extractor_kept", "extractor_found", "after_h1", "h1_distance")
)  # fmt: skip
_TOKEN = re.compile(r"\w+")


@dataclass
class Selection:
    lines: list[Line]
    keep: np.ndarray  # bool per line: in the body
    probability: np.ndarray

    @property
    def body_lines(self) -> list[Line]:
        return [line for line, kept in zip(self.lines, self.keep, strict=True) if kept]

    @property
    def start(self) -> int:
        """Index of the first body line (len(lines) when there is none)."""
        kept = np.flatnonzero(self.keep)
        return int(kept[0]) if len(kept) else len(self.lines)

    @property
    def end(self) -> int:
        kept = np.flatnonzero(self.keep)
        return int(kept[-1]) + 1 if len(kept) else len(self.lines)


def feature_names(kind: str) -> tuple[str, ...]:
    """The feature columns of a 'text' or 'html' page's rows, in order."""
    return HTML_FEATURES if kind == "html" else FEATURES


@lru_cache(maxsize=2)
def load_model(kind: str):
    """The fitted classifier for 'text' or 'html' pages, refused if it was fitted on other
    features than the code computes (a feature added without `python -m etl train clean`)."""
    import lightgbm

    text = (files("etl.page") / "models" / f"body_{kind}.txt").read_text(encoding="utf-8")
    model = lightgbm.Booster(model_str=text)
    if tuple(model.feature_name()) != feature_names(kind):
        raise ValueError(f"body_{kind}.txt was fitted on other features: python -m etl train clean")
    return model


def text_lines(text: str) -> tuple[list[Line], np.ndarray]:
    """A plain-text page's lines and their feature rows."""
    lines = split_lines(text)
    classify(lines)
    return lines, features(lines, prose_scores(lines))


def html_lines(blocks: list[HtmlBlock], extracted: str | None) -> tuple[list[Line], np.ndarray]:
    """An HTML page's blocks as lines, with DOM features and the extractor's verdict."""
    lines, base = text_lines("\n".join(block.text for block in blocks))
    if len(lines) != len(blocks):  # a block of only spaces: cannot happen after blocks_of
        raise ValueError("blocks and lines differ")
    kept = _shingles(extracted or "")
    first_h1 = next((i for i, b in enumerate(blocks) if b.is_h1), None)
    dom = np.zeros((len(blocks), len(HTML_FEATURES) - len(FEATURES)), dtype=np.float32)
    for i, block in enumerate(blocks):
        dom[i] = _dom_row(block, i, kept, extracted is not None, first_h1)
    return lines, np.hstack([base, dom])


def _dom_row(
    block: HtmlBlock, index: int, kept: set[str], found: bool, first_h1: int | None
) -> list[float]:
    tag = "heading" if block.tag in _HEADING_TAGS else block.tag
    tags = [float(tag == t) for t in _TAGS[:-1]]
    tags.append(float(tag not in _TAGS[:-1]))
    shingles = _shingles(block.text)
    share = len(shingles & kept) / len(shingles) if shingles else 0.0
    distance = index - first_h1 if first_h1 is not None else 0
    return [
        *tags,
        *(float(zone in block.zones) for zone in ZONES),
        *(float(hint in block.hints) for hint in HINTS),
        block.link_chars / max(len(block.text), 1),
        share,
        float(found),
        float(first_h1 is not None and index > first_h1),
        float(np.sign(distance) * np.log1p(abs(distance))),
    ]


def _shingles(text: str) -> set[str]:
    tokens = _TOKEN.findall(text.casefold())
    if len(tokens) < 3:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + 3]) for i in range(len(tokens) - 2)}


def select(
    lines: list[Line],
    probability: np.ndarray,
    rows: np.ndarray,
    kind: str = "text",
    decoding: Decoding | None = None,
) -> Selection:
    """The body: the best run of likely lines, less sure boilerplate, plus sure body."""
    if not lines:
        return Selection(lines, np.zeros(0, dtype=bool), probability)
    how = decoding or DECODING[kind]
    units = np.array([line.units for line in lines], dtype=np.float64)
    units = np.where(probability < how.keep_inside, np.maximum(units, how.gap_units), units)
    # A table's rows have no sentences by nature: there the lack of one is no evidence
    # against a line. Site held out, wire items 0.952 -> 0.960, web pages unchanged.
    prose = rows[:, _PROSE]
    table_row = rows[:, _COLUMN_RUN] >= np.log1p(MIN_LIST_ITEMS)
    prose = np.where(table_row, np.clip(prose, 0.0, None), prose)
    evidence = (probability - 0.5) * (units + 1.0) + how.prose_weight * prose
    # In plain text, inline boilerplate (a caption, an ad slot, a share bar) sits inside
    # articles: it is left out of the body but does not break the run around it. (An HTML
    # page's DOM tells the model as much; there this costs 0.3 points of held-out F1.)
    if kind == "text":
        evidence[np.array([line.kind == INLINE for line in lines], dtype=bool)] = 0.0
    start, end = best_run(evidence)
    keep = np.zeros(len(lines), dtype=bool)
    keep[start:end] = probability[start:end] >= how.keep_inside
    keep |= probability >= how.keep_outside
    # What a high-precision rule names (a caption printed twice, "ALSO READ", a photo credit,
    # a share bar) is page furniture by definition, whatever the model thinks; so are the
    # links of a related-stories box the article runs across.
    keep &= np.array([line.category is None for line in lines], dtype=bool)
    keep &= ~_in_boxes(lines, rows[:, _PROSE])
    return Selection(lines, keep, probability)


def _in_boxes(lines: list[Line], prose: np.ndarray) -> np.ndarray:
    """Lines after a related-stories or newsletter heading up to the next line of prose that
    is not a bulleted item: the box's links (a linked headline may read as a sentence)."""
    boxed = np.zeros(len(lines), dtype=bool)
    in_box = False
    for i, line in enumerate(lines):
        if line.kind == SOFT:
            in_box = True
        elif prose[i] > 0 and not line.text.startswith(BULLETS):
            in_box = False
        elif in_box:
            boxed[i] = True
    return boxed


def predict(kind: str, rows: list[np.ndarray]) -> list[np.ndarray]:
    """Body probabilities for many pages' feature rows, in one call to the model."""
    sizes = [len(r) for r in rows]
    if not sum(sizes):
        return [np.zeros(0) for _ in rows]
    stacked = np.vstack([r for r in rows if len(r)])
    probability = load_model(kind).predict(stacked, num_threads=1)
    return np.split(probability, np.cumsum(sizes)[:-1])
