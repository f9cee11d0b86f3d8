"""Is this a person's name? A small model over the letters of a name a byline line gave.

The header models pick the page's likeliest byline line; what it names may still be page
furniture shaped like a name ("Contact Us", "Fact Check", "Job Vacancies", a section, a
photographer's credit line). This model reads the name itself: the character n-grams of
each word (two to four letters, the word's edges marked, case kept) and the lower-cased
words, sublinear counts scaled to unit length, weighed by a logistic regression fitted by
`python -m etl train names` (bench/train_names.py) on the metadata sets' bylines and the
wire-news set's person names against the names the byline candidates of the same pages give
that are no author. A name below the model's threshold is dropped: no author is better than
an invented one. Weights in etl/nlp/models/names.json.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache
from importlib.resources import files

# Character n-grams of a word, two to four letters (its edges marked by spaces).
NGRAM_SIZES = (2, 3, 4)
# A model that keeps every name: the header reading as it was before this model.
KEEP_EVERY_NAME = {"weights": {}, "intercept": 0.0, "threshold": 0.0}


def name_features(name: str) -> dict[str, float]:
    """The name's features, unit length: 'c:<n-gram>' per character n-gram of each word,
    'w:<word>' per lower-cased word."""
    counts: Counter[str] = Counter()
    for word in name.split():
        padded = f" {word} "
        for size in NGRAM_SIZES:
            counts.update(f"c:{padded[i : i + size]}" for i in range(len(padded) - size + 1))
        counts[f"w:{word.casefold()}"] += 1
    weighted = {feature: 1.0 + math.log(count) for feature, count in counts.items()}
    norm = math.sqrt(sum(value * value for value in weighted.values())) or 1.0
    return {feature: value / norm for feature, value in weighted.items()}


@lru_cache(maxsize=1)
def model() -> dict:
    """{"weights": {feature: weight}, "intercept": float, "threshold": float, ...}."""
    path = files("etl.nlp") / "models" / "names.json"
    return json.loads(path.read_text(encoding="utf-8"))


def name_probability(name: str, fitted: dict | None = None) -> float:
    fitted = fitted or model()
    weights = fitted["weights"]
    logit = fitted["intercept"] + sum(
        value * weights.get(feature, 0.0) for feature, value in name_features(name).items()
    )
    return 1.0 / (1.0 + math.exp(-logit))


def is_a_name(name: str, fitted: dict | None = None) -> bool:
    fitted = fitted or model()
    return name_probability(name, fitted) >= fitted["threshold"]
