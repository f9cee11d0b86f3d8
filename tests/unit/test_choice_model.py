"""The header's choice model: a conditional logit that learns to pick one candidate a page."""

import numpy as np
import pytest

from bench.train_header import _fit_choice


def _pages(rng: np.random.Generator, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pages of five candidates whose right one has the page's highest `evidence`, on a level
    that differs from page to page, and a `noise` column that says nothing."""
    rows, target, pages = [], [], []
    for page in range(count):
        level = rng.normal(0, 5)  # what a page's candidates share (its length, its language)
        evidence = level + rng.normal(0, 1, 5)
        rows += [[e, n] for e, n in zip(evidence, rng.normal(0, 1, 5), strict=True)]
        target += list(evidence == evidence.max())
        pages += [page] * 5
    return np.array(rows), np.array(target), np.array(pages)


def _picked_right(weights: np.ndarray, rows, target, pages) -> float:
    scores = rows @ weights
    right = [target[pages == p][np.argmax(scores[pages == p])] for p in np.unique(pages)]
    return float(np.mean(right))


def test_learns_which_candidate_of_a_page_to_pick_whatever_the_page_level():
    rng = np.random.default_rng(7)
    rows, target, pages = _pages(rng, 200)
    weights = _fit_choice(rows, target, pages, 3.0)
    assert weights[0] > 0 and abs(weights[1]) < weights[0] / 5
    assert _picked_right(weights, *_pages(rng, 200)) == 1.0


def test_pages_without_a_right_candidate_are_left_out():
    rng = np.random.default_rng(8)
    rows, target, pages = _pages(rng, 100)
    unanswerable = np.isin(pages, np.arange(50))
    target_without = np.where(unanswerable, False, target)
    weights = _fit_choice(rows, target_without, pages, 3.0)
    kept = ~unanswerable
    same = _fit_choice(rows[kept], target[kept], pages[kept], 3.0)
    assert np.allclose(weights, same, atol=1e-4)


def test_a_flat_byline_threshold_curve_settles_at_even_odds_not_its_edge():
    from bench.train_header import best_threshold

    flat = [(0.69, 0.2), (0.697, 0.45), (0.697, 0.5), (0.697, 0.55), (0.697, 0.7), (0.68, 0.8)]
    assert best_threshold(flat) == 0.5
    assert best_threshold([(0.6, 0.3), (0.697, 0.65), (0.697, 0.7)]) == 0.65
    assert best_threshold([(0.7, 0.2), (0.69, 0.5)]) == 0.2
    # within a standard error of the best, the curve counts as flat
    assert best_threshold([(0.7, 0.2), (0.69, 0.5)], error=0.02) == 0.5
    assert best_threshold([(0.7, 0.2), (0.65, 0.5)], error=0.02) == 0.2


def _linear(coef: list[float], intercept: float, threshold: float) -> dict:
    return {"features": ["name", "menu"], "mean": [0.0, 0.0], "scale": [1.0, 1.0],
            "coef": coef, "intercept": intercept, "threshold": threshold}  # fmt: skip


def test_a_gated_field_keeps_the_ranked_pick_only_where_its_gate_finds_it_likely():
    """The ranking picks among a page's candidates; the gate reads the pick alone."""
    from etl.page.context import Candidate
    from etl.page.header import _best, ranked

    byline = Candidate(3, "Jane Roe", {"name": 2.0, "menu": 0.0})
    menu_item = Candidate(1, "Sign In", {"name": 1.0, "menu": 1.0})
    fitted = {
        "byline": _linear([1.0, -1.0], 0.0, 0.0),  # ranks: the name over the menu item
        "byline_gate": _linear([1.0, -3.0], -1.0, 0.5),
        "title": _linear([1.0, 0.0], 0.0, 0.0),  # no gate: every page has a title
    }
    best, chance = ranked("byline", [menu_item, byline], fitted)
    assert best is byline and chance == pytest.approx(1 / (1 + np.exp(-1.0)))
    assert _best("byline", [menu_item, byline], fitted) is byline
    assert _best("byline", [menu_item], fitted) is None  # the best of a menu is no byline
    assert ranked("title", [menu_item], fitted) == (menu_item, 1.0)
    assert ranked("byline", [], fitted) == (None, 0.0)
