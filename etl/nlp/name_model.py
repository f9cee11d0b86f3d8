"""Is this a person's name? A small model over the letters of a name a byline line gave.

The header models pick the page's likeliest byline line; what it names may still be page
furniture shaped like a name ("Contact Us", "Fact Check", "Job Vacancies", a section, a
photographer's credit line). This model reads the name itself: the character n-grams of
each word (two to four letters, the word's edges marked, case kept) and the lower-cased
words, sublinear counts scaled to unit length; how many people bear its first word as a
given name (GIVEN_NAMES: "Nach Mitternacht" and "Weekly Roundup" have the shape of a name,
not a given name), weighed by a logistic regression fitted by `python -m etl train names`
(bench/train_names.py) on the metadata sets' bylines and the wire-news set's person names
against the names the byline candidates of the same pages give that are no author. A name
whose line says it is a byline (`marked`: it opens with a by-word or carries a reporter's
title, "By Jane Roe", "김하늘 기자") has the model's `marked_offset` added to its log-odds.
A name below the model's threshold is dropped: no author is better than an invented one.
Weights in etl/nlp/models/names.json.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache
from importlib.resources import files

from etl.nlp.names import without_accents

# Character n-grams of a word, two to four letters (its edges marked by spaces).
NGRAM_SIZES = (2, 3, 4)
# A model that keeps every name: the header reading as it was before this model.
KEEP_EVERY_NAME = {"weights": {}, "intercept": 0.0, "threshold": 0.0}
# Given names with how many people bear them in the public name data the nomquamgender
# package gathers, written by `python -m etl train names`
# (bench/train_names.write_given_names); lower-cased, accents stripped.
GIVEN_NAMES = "given_names.txt"
# The log of a count of people, brought to about 0..1 (a name a million people bear: 0.92).
_LOG_COUNT_SCALE = 15.0


def name_features(name: str) -> dict[str, float]:
    """The name's features: 'c:<n-gram>' per character n-gram of each word and 'w:<word>'
    per lower-cased word, together of unit length; 'given_name' for its first word."""
    counts: Counter[str] = Counter()
    words = name.split()
    for word in words:
        padded = f" {word} "
        for size in NGRAM_SIZES:
            counts.update(f"c:{padded[i : i + size]}" for i in range(len(padded) - size + 1))
        counts[f"w:{word.casefold()}"] += 1
    weighted = {feature: 1.0 + math.log(count) for feature, count in counts.items()}
    norm = math.sqrt(sum(value * value for value in weighted.values())) or 1.0
    features = {feature: value / norm for feature, value in weighted.items()}
    first = given_name_key(words[0]) if words else ""
    # The table spells names in ASCII letters: a word of another script ("Юлия", "지현")
    # is no evidence either way, where it would otherwise count as a name no one bears.
    if first and first.isascii():
        borne = given_names().get(first, 0)
        features["given_name"] = math.log1p(borne) / _LOG_COUNT_SCALE
    return features


def given_name_key(word: str) -> str:
    """How GIVEN_NAMES spells a word: lower-cased, accents stripped ('Zoë' -> 'zoe')."""
    return without_accents(word.casefold())


@lru_cache(maxsize=1)
def given_names() -> dict[str, int]:
    """Given name -> how many people bear it (lines 'name<TAB>count' after the '#' lines that
    say whence). Read as one split of the whole text: a line at a time takes twice as long."""
    text = (files("etl.nlp") / "models" / GIVEN_NAMES).read_text(encoding="utf-8")
    start = 0
    while text.startswith("#", start):
        start = text.index("\n", start) + 1
    words = text[start:].split()
    return dict(zip(words[::2], map(int, words[1::2]), strict=True))


@lru_cache(maxsize=1)
def model() -> dict:
    """{"weights": {feature: weight}, "intercept": float, "threshold": float, ...}."""
    path = files("etl.nlp") / "models" / "names.json"
    return json.loads(path.read_text(encoding="utf-8"))


def name_probability(name: str, fitted: dict | None = None, marked: bool = False) -> float:
    """marked: the name's line says it is a byline (people.is_marked_byline)."""
    fitted = fitted or model()
    weights = fitted["weights"]
    logit = fitted["intercept"] + sum(
        value * weights.get(feature, 0.0) for feature, value in name_features(name).items()
    )
    # A name its line calls an author's needs less support from the letters and the given
    # names: the name data under-represents many cultures' names, and menus seldom say "By".
    # Added, not fitted with the letters: a feature beside them is drowned by the training
    # names' own words, which the letters learn by heart (its weight came out 0.04).
    if marked:
        logit += fitted.get("marked_offset", 0.0)
    return 1.0 / (1.0 + math.exp(-logit))


def is_a_name(name: str, fitted: dict | None = None, marked: bool = False) -> bool:
    fitted = fitted or model()
    return name_probability(name, fitted, marked) >= fitted["threshold"]
