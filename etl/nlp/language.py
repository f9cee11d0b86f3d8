"""Language of a body as an ISO 639-1 code, from a model bundled with py3langid (offline)."""

from __future__ import annotations

# py3langid's time grows faster than the sample (2.3 ms at 4,000 characters, 0.5 ms at
# 1,500, 0.4 ms at 1,000); on the 299 development pages 1,000 characters of prose agree with
# 4,000 on every page, 600 on all but one.
SAMPLE_CHARS = 1000


def detect_language(text: str) -> str | None:
    import py3langid

    sample = text[:SAMPLE_CHARS].strip()
    if len(sample) < 20:
        return None
    code, _score = py3langid.classify(sample)
    return code
