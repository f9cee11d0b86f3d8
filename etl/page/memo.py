"""Caches keyed by text that recurs across pages: a site's menus, bylines, dates and class
names repeat on every page it publishes, so a batch reads each once.

All of them register here, so that a benchmark can empty them between passes and read
pages as if it had never seen them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

_REGISTERED: list = []


def text_cache(maxsize: int) -> Callable:
    """functools.lru_cache(maxsize), registered for forget_seen_texts."""

    def wrap(function: Callable) -> Callable:
        cached = lru_cache(maxsize=maxsize)(function)
        _REGISTERED.append(cached)
        return cached

    return wrap


def forget_seen_texts() -> None:
    for cached in _REGISTERED:
        cached.cache_clear()
