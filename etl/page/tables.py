"""Line features that tell a table that is the story (results, standings, prices, schedules)
from a menu that looks like it line by line.

Both are runs of short lines without sentences. What a table has and a menu has not is
numbers in columns: consecutive lines carrying the same count of numeric cells ("Lakeport 3 1
0 6 1 10" over "Eastvale 2 2 0 5 3 8"). The body model (etl.page.body) learns from these
columns how much that shape is worth; no threshold is set here.
"""

from __future__ import annotations

import numpy as np

TABLE_FEATURES = (
    "numeric_share", "numeric_cells", "column_run", "column_run_share", "column_run_before",
    "column_run_after",
)  # fmt: skip


def _numeric_cells(text: str) -> tuple[int, int]:
    """(tokens, tokens carrying a digit) of a whitespace-normalised line."""
    tokens = text.split(" ")
    return len(tokens), sum(any(c.isdigit() for c in token) for token in tokens)


def table_features(texts: list[str]) -> np.ndarray:
    """Per line: its share of numeric tokens, how many it has (logged), the length of the run
    of neighbouring lines with the same non-zero count of numeric tokens (logged), that run's
    share of the page's lines, and the runs of the lines before and after it (a table's
    subheading, "Men's relay", sits between two runs)."""
    n = len(texts)
    columns = np.zeros((n, len(TABLE_FEATURES)), dtype=np.float32)
    if n == 0:
        return columns
    counts = np.array([_numeric_cells(text) for text in texts], dtype=np.float32)
    numeric = counts[:, 1]
    run = np.zeros(n, dtype=np.float32)
    i = 0
    while i < n:
        j = i + 1
        while j < n and numeric[j] == numeric[i]:
            j += 1
        if numeric[i] > 0:
            run[i:j] = j - i
        i = j
    columns[:, 0] = numeric / np.maximum(counts[:, 0], 1.0)
    columns[:, 1] = np.log1p(numeric)
    columns[:, 2] = np.log1p(run)
    columns[:, 3] = run / n
    columns[1:, 4] = columns[:-1, 2]
    columns[:-1, 5] = columns[1:, 2]
    return columns
