"""Surrogate keys derived from natural keys.

Hash keys (not sequences) make every key independent of load order, so a rerun, a retried
task or a run replayed after a crash produces byte-identical tables.
"""

from __future__ import annotations

import hashlib
import unicodedata


def natural(value: str) -> str:
    """Normalise a natural key: NFKC, case-folded, inner whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def surrogate_key(kind: str, *parts: object) -> int:
    """A positive 63-bit integer, stable across runs, machines and library versions."""
    text = "\x1f".join([kind, *(natural(str(p)) for p in parts)])
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def date_key(iso_date: object) -> int | None:
    """'2021-06-28' -> 20210628; anything that is not a date string -> None."""
    if not isinstance(iso_date, str) or not iso_date:
        return None
    return int(iso_date[:10].replace("-", ""))
