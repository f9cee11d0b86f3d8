"""A page as lines, and what the body model reads about each line.

Every non-empty line of a page (or every text block of an HTML page) is a Line. Its features
carry across sites and languages: length and sentence punctuation rather than vocabulary, the
category a high-precision rule gives it (etl.page.rules), where it sits in the page, how much
prose surrounds it, and the run of best prose that the classic maximum-subarray cleaner would
choose (stacked as a feature, not trusted as the answer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from etl.page import rules
from etl.page.characters import CHARACTER_FEATURES, capitalised_share, character_shares
from etl.page.tables import TABLE_FEATURES, table_features

CATEGORIES = tuple(dict.fromkeys(rule.category for rule in rules.RULES))
_CATEGORY_INDEX = {category: i for i, category in enumerate(CATEGORIES)}
TERMINAL = tuple('.!?"”’»。！？')
ELLIPSIS = ("…", "...")
BULLETS = tuple("•-–—*►▶·+")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_LIST_ITEM = re.compile(r"^\(?(\d{1,3})[).]?\s+\S")
_NORMAL = re.compile(r"[^\w\s]")

# Prose score of a line (the classic cleaner's weights, kept as a feature): a line of 20 units
# (words, or 7 characters each) or a sentence of 8 scores its length, a short sentence 1, a
# short line without one -(2 + its length).
SHORT_LINE_PENALTY = 2.0
# Prose capitalises a tenth to a third of its words; a long line capitalising most is a menu.
MENU_CAPITALISED_SHARE = 0.7
# Score units of prose before a comments heading ends the page.
COMMENTS_AFTER_PROSE = 100.0
# Numbered items 1, 2, 3 ... at most this many lines apart are an article's own list.
MAX_LIST_GAP = 3
MIN_LIST_ITEMS = 3
# A line under this many units with no sentence is a menu item or a link; runs of them are
# menus and link lists.
SHORT_RUN_UNITS = 6
# The headline printed on the page shares at least this share of its words with the title
# line a copied page starts with, and is found within the first HEADLINE_SEARCH lines.
HEADLINE_SHARE = 0.6
HEADLINE_SEARCH = 400


@dataclass
class Line:
    index: int
    text: str
    category: str | None = None  # the rule's category, None when no rule matched
    kind: str | None = None
    words: int = field(init=False)
    units: float = field(init=False)  # words, or characters / 7 for unspaced scripts
    cjk: float = field(init=False)

    def __post_init__(self) -> None:
        self.words = len(self.text.split())
        length = len(self.text)
        self.cjk = (
            len(_CJK.findall(self.text)) / length if length and not self.text.isascii() else 0.0
        )
        self.units = float(max(self.words, length // 7)) if self.cjk < 0.3 else length / 2.0


def word_count(text: str) -> int:
    """Words of a text; in scripts written without spaces (Chinese, Japanese, Korean runs),
    every two characters count as one word, about what a word is there."""
    if text.isascii():
        return len(text.split())
    cjk = len(_CJK.findall(text))
    return len(_CJK.sub(" ", text).split()) + cjk // 2


def split_lines(text: str) -> list[Line]:
    stripped = (" ".join(line.split()) for line in text.split("\n"))
    return [Line(i, line) for i, line in enumerate(line for line in stripped if line)]


def classify(lines: list[Line]) -> None:
    """Rule categories, then the structures rules cannot see line by line: a caption printed
    twice, a photo credit under its caption, a readers' thread after the article."""
    for line in lines:
        line.category, line.kind = rules.match(line.text)
    _mark_repeated_captions(lines)
    _mark_credited_captions(lines)


def prose_score(line: Line) -> float:
    if line.kind == rules.END:
        return -1e6
    if line.kind == rules.SOFT:
        return -60.0
    if line.kind == rules.INLINE:
        return 0.0
    text, units = line.text, line.units
    if text.endswith(ELLIPSIS):
        return -units  # a teaser cut short is a link to another page
    terminal = text.endswith(TERMINAL) or text.rstrip(")]").endswith(TERMINAL)
    if not terminal and units >= 20 and capitalised_share(text) >= MENU_CAPITALISED_SHARE:
        return -units
    if units >= 20 or (units >= 8 and terminal):
        return units
    if terminal:
        return 1.0
    return -(SHORT_LINE_PENALTY + units)


def prose_scores(lines: list[Line]) -> list[float]:
    scores = [prose_score(line) for line in lines]
    _score_numbered_lists(lines, scores)
    return scores


def best_run(scores: list[float] | np.ndarray) -> tuple[int, int]:
    """Kadane: the half-open range [start, end) with the highest sum, trimmed of edges that
    add nothing."""
    best, best_range = 0.0, (0, 0)
    running, run_start = 0.0, 0
    for i, score in enumerate(scores):
        if running <= 0:
            running, run_start = score, i
        else:
            running += score
        if running > best:
            best, best_range = running, (run_start, i + 1)
    start, end = best_range
    while start < end and scores[start] <= 0:
        start += 1
    while end > start and scores[end - 1] <= 0:
        end -= 1
    return start, end


# Columns of the feature matrix, in order; `features` fills them.
BASE_FEATURES = (
    "log_units", "log_chars", "terminal", "ellipsis", "colon_end", "capitalised", "digits",
    "punctuation", "separators", "sentences", "cjk", "word_length", "uppercase", "bullet",
    "url", "repeated", "prose", "in_prose_run", "inline", "end", "soft", "list_item",
    "in_thread",
)  # fmt: skip
CONTEXT_FEATURES = (
    "position", "prose_before", "prose_after", "units_before",
    "prose_window_1", "prose_window_3", "prose_window_8",
    *(f"{name}_{shift}" for shift in (-2, -1, 1, 2) for name in ("log_units", "terminal", "prose")),
    "run_distance", "short_run", "relative_length", "headline_distance", "after_headline",
)  # fmt: skip
FEATURES = (
    BASE_FEATURES + tuple(f"category_{c}" for c in CATEGORIES) + CONTEXT_FEATURES + TABLE_FEATURES
)
_INLINE = BASE_FEATURES.index("inline")


def features(lines: list[Line], scores: list[float]) -> np.ndarray:
    """One row of FEATURES per line (float32)."""
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(FEATURES)), dtype=np.float32)
    start, end = best_run(scores)
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.text] = counts.get(line.text, 0) + 1
    thread = _comment_thread(lines, scores)
    # Rows are built as Python lists and converted once: numpy calls per line cost more than
    # the arithmetic they do.
    rows = [
        _line_row(line, scores[i], counts[line.text] > 1, start <= i < end, i > thread)
        for i, line in enumerate(lines)
    ]
    offset = len(BASE_FEATURES)
    base = np.zeros((n, offset + len(CATEGORIES)), dtype=np.float32)
    base[:, :offset] = np.array(rows, dtype=np.float64)
    texts = [line.text for line in lines]
    base[:, _CHARACTER_COLUMNS] = character_shares(texts)
    base[:, :2] = np.log1p(base[:, :2].astype(np.float64))  # units and characters, logged
    for i, line in enumerate(lines):
        if line.category in _CATEGORY_INDEX:
            base[i, offset + _CATEGORY_INDEX[line.category]] = 1.0
    return np.hstack([base, _context(base, start, end), _layout(lines), table_features(texts)])


def _line_row(line: Line, score: float, repeated: bool, in_run: bool, in_thread: bool) -> list:
    """The BASE_FEATURES of one line, units and characters not yet logged; the shares of
    kinds of characters (0 here) are counted for the whole page at once (character_shares)."""
    text = line.text
    words = line.words  # lines are whitespace-normalised: words are one space apart
    return [
        line.units,
        len(text),
        text.endswith(TERMINAL) or text.rstrip(")]").endswith(TERMINAL),
        text.endswith(ELLIPSIS),
        text.endswith(":"),
        0.0,
        0.0,
        0.0,
        "|" in text or " • " in text or " · " in text,
        0.0,
        line.cjk,
        (len(text) - words + 1) / words if words else 0.0,  # mean word length
        0.0,
        text.startswith(BULLETS),
        "http" in text or "www." in text,
        repeated,
        max(min(score, 200.0), -200.0),
        in_run,
        line.kind == rules.INLINE,
        line.kind == rules.END,
        line.kind == rules.SOFT,
        _LIST_ITEM.match(text) is not None,
        in_thread,
    ]


def _context(base: np.ndarray, start: int, end: int) -> np.ndarray:
    """Where each line sits and what surrounds it, from the base columns."""
    n = len(base)
    position = np.arange(n, dtype=np.float32)
    units = np.expm1(base[:, 0])
    prose = np.clip(base[:, 16], 0, None)
    cumulative = np.concatenate([[0.0], np.cumsum(prose)])
    total = cumulative[-1] or 1.0
    cumulative_units = np.concatenate([[0.0], np.cumsum(units)])
    columns = [
        position / max(n - 1, 1),
        cumulative[:-1] / total,
        (total - cumulative[1:]) / total,
        cumulative_units[:-1] / (cumulative_units[-1] or 1.0),
    ]
    for width in (1, 3, 8):
        low = np.clip(position - width, 0, n).astype(int)
        high = np.clip(position + width + 1, 0, n).astype(int)
        columns.append((cumulative[high] - cumulative[low] - prose) / (2 * width))
    # Neighbours in the article's flow: an inline ad slot or caption between two paragraphs
    # is not what either paragraph follows or precedes.
    flow = np.flatnonzero(base[:, _INLINE] == 0)
    for shift in (-2, -1, 1, 2):
        neighbour = _flow_neighbour(flow, n, shift)
        found = neighbour >= 0
        for column in (0, 2, 16):
            values = np.zeros(n, dtype=np.float32)
            values[found] = base[neighbour[found], column]
            columns.append(values)
    distance = np.where(
        position < start, start - position, np.where(position >= end, position - end + 1, 0)
    )
    columns.append(np.log1p(distance))
    return np.stack(columns, axis=1).astype(np.float32)


def _flow_neighbour(flow: np.ndarray, n: int, shift: int) -> np.ndarray:
    """For each of n lines, the index of the flow line `shift` places before it (shift > 0)
    or -shift places after it (shift < 0), -1 where there is none."""
    lines = np.arange(n)
    if shift > 0:
        at = np.searchsorted(flow, lines, side="left") - shift
    else:
        at = np.searchsorted(flow, lines, side="right") - shift - 1
    inside = (at >= 0) & (at < len(flow))
    neighbour = np.full(n, -1)
    neighbour[inside] = flow[at[inside]]
    return neighbour


def _layout(lines: list[Line]) -> np.ndarray:
    """Runs of short lines (menus, link lists), length against the page's usual line, and
    distance from the headline: the line most like the page title printed first."""
    n = len(lines)
    units = np.array([line.units for line in lines], dtype=np.float32)
    short = units < SHORT_RUN_UNITS
    run = np.zeros(n, dtype=np.float32)
    i = 0
    while i < n:
        j = i
        while j < n and short[j] == short[i]:
            j += 1
        run[i:j] = (j - i) if short[i] else 0
        i = j
    median = float(np.median(units)) or 1.0
    headline = _headline_index(lines)
    position = np.arange(n, dtype=np.float32)
    distance = position - headline if headline is not None else np.zeros(n, dtype=np.float32)
    after = position > headline if headline is not None else np.zeros(n, dtype=bool)
    return np.stack(
        [
            np.log1p(run),
            np.log((units + 1.0) / (median + 1.0)),
            np.sign(distance) * np.log1p(np.abs(distance)),
            after,
        ],
        axis=1,
    ).astype(np.float32)


def _headline_index(lines: list[Line]) -> int | None:
    """The line after the first that shares most of its words with the first line (which a
    copied page starts with: its title), if one shares at least half."""
    if len(lines) < 2:
        return None
    title = set(_NORMAL.sub(" ", lines[0].text.casefold()).split())
    if not title:
        return None
    best, best_share = None, HEADLINE_SHARE
    for line in lines[1:HEADLINE_SEARCH]:
        words = set(_NORMAL.sub(" ", line.text.casefold()).split())
        if len(words) < 2:
            continue
        share = len(words & title) / len(words)
        if share >= best_share and len(words & title) / len(title) >= HEADLINE_SHARE / 2:
            best, best_share = line.index, share
    return best


_CHARACTER_COLUMNS = [BASE_FEATURES.index(name) for name in CHARACTER_FEATURES]


def _comment_thread(lines: list[Line], scores: list[float]) -> int:
    """Readers' comments after the article can outweigh it in prose: the index of a comments
    heading that follows some prose (lines after it may be the thread), else len(lines)."""
    prose = 0.0
    for index, line in enumerate(lines):
        if line.category == "comments" and prose >= COMMENTS_AFTER_PROSE:
            return index
        prose += max(scores[index], 0.0)
    return len(lines)


def _score_numbered_lists(lines: list[Line], scores: list[float]) -> None:
    """Items numbered 1, 2, 3, ... in order are an article's own list (menus are not
    numbered): short as they are, they and the lines between them do not end the body."""
    items: list[int] = []
    numbers: list[int] = []
    for index, line in enumerate(lines):
        found = _LIST_ITEM.match(line.text)
        if found and line.category is None:
            number = int(found.group(1))
            previous = numbers[-1] if numbers else 0
            if number == previous + 1 and (not items or index - items[-1] <= MAX_LIST_GAP):
                items.append(index)
                numbers.append(number)
                continue
            _settle(items, lines, scores)
            items, numbers = ([index], [number]) if number == 1 else ([], [])
    _settle(items, lines, scores)


def _settle(items: list[int], lines: list[Line], scores: list[float]) -> None:
    if len(items) < MIN_LIST_ITEMS:
        return
    for index in range(items[0], items[-1] + 1):
        if lines[index].category is None and scores[index] < 0:
            scores[index] = 1.0 if index in items else 0.0


def _normal(text: str) -> str:
    return " ".join(_NORMAL.sub(" ", text.casefold()).split())


def _mark_credited_captions(lines: list[Line]) -> None:
    """A photo credit line ("Name/Outlet/Getty Images") marks itself and the caption just
    above it."""
    for previous, line in zip([None, *lines], lines, strict=False):
        if line.words > 12 or ("/" not in line.text and "|" not in line.text):
            continue
        if not rules.PHOTO_CREDIT_LINE.search(line.text):
            continue
        if line.category is None:
            line.category = "caption"
        if (
            previous is not None
            and previous.category is None
            and 6 <= previous.words <= rules.MAX_CAPTION_ABOVE_CREDIT_WORDS
            and previous.text.endswith(TERMINAL)
        ):
            previous.category, previous.kind = "caption", rules.INLINE


def _mark_repeated_captions(lines: list[Line]) -> None:
    """A photo caption is often printed twice: in full, or cut with '…' then in full."""
    for first, second in zip(lines, lines[1:], strict=False):
        a, b = first.text, second.text
        if not a.endswith(ELLIPSIS) and abs(len(a) - len(b)) > 2 + len(a) // 10:
            continue
        if first.words < 2:
            continue
        cut = a.endswith(ELLIPSIS) and b.startswith(a.rstrip("….").rstrip()) and len(b) > len(a) - 3
        if _normal(a) == _normal(b) or cut:
            for line in (first, second):
                if line.category is None:
                    line.category, line.kind = "caption", rules.INLINE
