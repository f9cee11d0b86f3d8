"""Language of a body as an ISO 639-1 code, from a model bundled with py3langid (offline)."""

from __future__ import annotations

SAMPLE_CHARS = 4000


def detect_language(text: str) -> str | None:
    import py3langid

    sample = text[:SAMPLE_CHARS].strip()
    if len(sample) < 20:
        return None
    code, _score = py3langid.classify(sample)
    return code
