"""`python -m etl train quotes`: fit the model that says whom "he said" or "the spokeswoman
said" stands for (etl.nlp.antecedents) on the quotes set (../shared/benchmarks/quotes_dev).

Each article is read as the pipeline reads it (the NER, the parse of the quotes' paragraphs,
find_quotes); at every attribution by a pronoun or a description the candidates are recorded
with a label: the candidate is the gold source (the scorer's rule: same last word). While
reading, the speaker chosen is the gold one where a candidate is it (so what was attributed
before is as right as it can be), none otherwise.

Nothing is chosen on the articles it is reported on. The regularisation (REGULARISATIONS)
and each kind's threshold (THRESHOLDS) are chosen inside the training publishers by
leave-one-publisher-out folds: the most speakers right, among the thresholds whose speakers
are right at least MIN_RIGHT_SHARE of the times one is given, at CONFIDENCE (a stored
speaker is more often right than wrong, and not by chance); of the regularisations, the
strongest whose count of speakers right is within one standard error of the best one's. The
reported figures are
nested: each outer fold holds one publisher out of the choice and of the fit, and its
articles are then read with that fold's model and scored by the set's own scorer
(score_quotes.py), so they are what a publisher never seen would get.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bench.sets import BENCHMARKS, scorer
from etl.nlp import antecedents
from etl.nlp.antecedents import KINDS, Candidate
from etl.nlp.entities import Mention, canonical_forms, model_name

QUOTES_SET = "quotes_dev"
REGULARISATIONS = (0.1, 1.0, 10.0)
THRESHOLDS = tuple(float(round(t, 2)) for t in np.arange(0.0, 0.75, 0.05))
MIN_RIGHT_SHARE = 0.5
CONFIDENCE = 0.95
MODEL_FILE = Path(antecedents.__file__).parent / "models" / "antecedents.json"


@dataclass
class Article:
    name: str
    publisher: str
    text: str
    mentions: list[Mention]
    canonical: dict
    parsed: list
    gold: list[dict]
    # (kind, candidates, labels) at each attribution by a pronoun or a description
    choices: list[tuple[str, list[Candidate], list[bool]]] = field(default_factory=list)


def articles(benchmarks: Path = BENCHMARKS) -> list[Article]:
    """Every article of the quotes set, read by the NER and the parse, with its choices."""
    from etl.nlp.components import build_pipeline
    from etl.nlp.quotes import attribute, find_quotes, with_speakers

    folder = benchmarks / QUOTES_SET
    golds = sorted((folder / "gold").glob("*.json"))
    texts = [(folder / "text" / f"{g.stem}.txt").read_text(encoding="utf-8") for g in golds]
    nlp = build_pipeline(None, None)
    parser = model_name(None)
    last_word = scorer("score_quotes", benchmarks).last_word
    found = []
    with nlp.select_pipes(disable=["news_entities"]):
        docs = nlp.pipe(texts, batch_size=64)
        for gold, text, doc in zip(golds, texts, docs, strict=True):
            mentions = [Mention(*values) for values in doc._.mentions]
            parsed = attribute(text, parser)
            mentions = with_speakers(text, parsed, mentions)
            article = Article(
                gold.stem, gold.stem.split("_", 1)[0], text, mentions,
                canonical_forms(mentions), parsed,
                json.loads(gold.read_text(encoding="utf-8"))["quotes"],
            )  # fmt: skip
            chooser = _recorder(article, last_word)
            find_quotes(text, mentions, article.canonical, parsed, chooser)
            found.append(article)
    return found


def _recorder(article: Article, last_word):
    """A chooser that records each choice with its labels and picks the gold source."""

    def choose(quote, kind, found):
        gold = _gold_source(article.gold, quote)
        if gold is None:
            return None
        labels = [last_word(c.speaker[0]) == last_word(gold) for c in found]
        article.choices.append((kind, found, labels))
        return next((c.speaker for c, right in zip(found, labels, strict=True) if right), None)

    return choose


def _gold_source(gold: list[dict], quote: tuple[int, int]) -> str | None:
    """The gold source's name of the gold quotation that overlaps the quotation most."""
    overlaps = [(min(quote[1], g["end"]) - max(quote[0], g["start"]), g) for g in gold]
    overlap, best = max(overlaps, key=lambda o: o[0], default=(0, None))
    return best["source_named"] if best is not None and overlap > 0 else None


def _rows(found: list[Article], kind: str):
    """(feature dicts, labels, choice index of each row) of the kind's choices."""
    rows, labels, owners = [], [], []
    choices = [(c, y) for a in found for k, c, y in a.choices if k == kind and c]
    for index, (candidates, right) in enumerate(choices):
        rows.extend(c.features for c in candidates)
        labels.extend(right)
        owners.extend([index] * len(candidates))
    return rows, labels, owners


def fit(found: list[Article], kind: str, regularisation: float, threshold: float) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, labels, _ = _rows(found, kind)
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=regularisation, max_iter=5000).fit(matrix, labels)
    weights = {
        name: round(float(w), 5)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
    }
    return {"weights": weights, "intercept": round(float(model.intercept_[0]), 5),
            "regularisation": regularisation, "threshold": threshold}  # fmt: skip


def _tally(found: list[Article], kind: str, fitted: dict) -> dict[float, tuple[int, int]]:
    """Threshold -> (speakers right, speakers given) over the kind's choices, as
    antecedents.likeliest gives them."""
    choices = [
        (choice, right[choice.index])
        for _, candidates, right in (c for a in found for c in a.choices if c[0] == kind)
        if (choice := antecedents.best(candidates, fitted)) is not None
    ]
    tally = {}
    for threshold in THRESHOLDS:
        given = [right for choice, right in choices if choice.given(threshold)]
        tally[threshold] = (sum(given), len(given))
    return tally


def choose(found: list[Article], kind: str) -> tuple[float, float]:
    """(regularisation, threshold) by leave-one-publisher-out folds of these articles: each
    regularisation's threshold with the most speakers right among those surely right at least
    MIN_RIGHT_SHARE of the time; then the strongest regularisation whose count is within one
    standard error of the best one's (the one-standard-error rule, as for the header models:
    the counts differ by a few of a thousand choices, and the plain best swung between 0.1
    and 10 from one refit to the next)."""
    publishers = sorted({a.publisher for a in found})
    best: list[tuple[int, int, float, float]] = []  # (right, given, regularisation, threshold)
    for regularisation in REGULARISATIONS:
        pooled: dict[float, list[int]] = defaultdict(lambda: [0, 0])
        for held in publishers:
            train = [a for a in found if a.publisher != held]
            fitted = fit(train, kind, regularisation, 0.0)
            test = [a for a in found if a.publisher == held]
            for threshold, (right, given) in _tally(test, kind, fitted).items():
                pooled[threshold][0] += right
                pooled[threshold][1] += given
        surely = [
            (right, given, regularisation, threshold)
            for threshold, (right, given) in sorted(pooled.items())
            if given and _surely_right(right, given)
        ]
        if surely:  # the most right; of equals, the lowest threshold
            best.append(max(surely, key=lambda row: (row[0], -row[3])))
    return steadiest(best) if best else (REGULARISATIONS[0], THRESHOLDS[-1])


def steadiest(best: list[tuple[int, int, float, float]]) -> tuple[float, float]:
    """Of each regularisation's best (right, given, regularisation, threshold), strongest
    first, the first whose count right is within one binomial standard error of the most."""
    right, given, _, _ = max(best, key=lambda row: row[0])
    error = math.sqrt(right * (1 - right / given))
    return next((c, t) for r, _, c, t in best if r >= right - error)


def _surely_right(right: int, given: int) -> bool:
    """Right at least MIN_RIGHT_SHARE of the time even at the low end of the share's Wilson
    interval (one-sided, CONFIDENCE): a threshold whose speakers are right half the time by
    a hair, over a hundred attributions, is a coin flip, not "more often right than wrong"."""
    from scipy.stats import binomtest

    interval = binomtest(right, given).proportion_ci(2 * CONFIDENCE - 1, method="wilson")
    return interval.low >= MIN_RIGHT_SHARE


def fitted_model(found: list[Article]) -> dict:
    """Each kind's model, its constants chosen by folds of these articles alone."""
    return {kind: fit(found, kind, *choose(found, kind)) for kind in KINDS}


def nested(found: list[Article], benchmarks: Path, scratch: Path) -> dict:
    """The set's scores with each publisher's articles read by a model fitted, and its
    constants chosen, without that publisher; per publisher and pooled; and per kind how
    often the held-out model gives a speaker and how often it is right."""
    from etl.nlp.quotes import find_quotes

    quotes = scorer("score_quotes", benchmarks)
    predicted = scratch / "predicted"
    predicted.mkdir(parents=True, exist_ok=True)
    chosen, given = {}, {kind: [0, 0, 0] for kind in KINDS}
    for held in sorted({a.publisher for a in found}):
        fitted = fitted_model([a for a in found if a.publisher != held])
        chosen[held] = {k: (m["regularisation"], m["threshold"]) for k, m in fitted.items()}
        test = [a for a in found if a.publisher == held]
        for kind, model in fitted.items():
            right, chose = _tally(test, kind, model)[model["threshold"]]
            attributions = sum(c[0] == kind for a in test for c in a.choices)
            given[kind] = [given[kind][0] + right, given[kind][1] + chose,
                           given[kind][2] + attributions]  # fmt: skip
        for article in test:
            read = find_quotes(article.text, article.mentions, article.canonical,
                               article.parsed, _model_chooser(fitted))  # fmt: skip
            (predicted / f"{article.name}.json").write_text(json.dumps({"quotes": read}))
    return {
        "scores": _scores(quotes, benchmarks / QUOTES_SET / "gold", predicted, found),
        "chosen_per_fold": chosen,
        # per kind: [speakers right, speakers given, attributions], at the attributions read
        # with the gold speakers before them
        "given_per_kind": given,
    }


def _model_chooser(fitted: dict):
    def choose(quote, kind, found):
        return antecedents.likeliest(found, fitted[kind])

    return choose


def _scores(quotes, gold: Path, predicted: Path, found: list[Article]) -> dict:
    """score_quotes.py's figures over the whole set and per publisher, as its CLI prints."""
    import subprocess
    import sys

    def run(folder: Path) -> dict:
        target = predicted.parent / f"score_{folder.name}.json"  # never into the gold folder
        subprocess.run(
            [sys.executable, quotes.__file__, str(folder), str(predicted), "--json", str(target)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        return {k: round(v, 3) for k, v in json.loads(target.read_text()).items()}

    result = {"all": run(gold)}  # gold's folder name is "gold": no publisher's
    for publisher in sorted({a.publisher for a in found}):
        subset = predicted.parent / "gold" / publisher
        subset.mkdir(parents=True, exist_ok=True)
        for article in (a for a in found if a.publisher == publisher):
            link = subset / f"{article.name}.json"
            if not link.exists():
                link.symlink_to(gold / f"{article.name}.json")
        result[publisher] = run(subset)
    return result


def train_quotes(benchmarks: Path = BENCHMARKS) -> dict:
    """Fit and save the antecedent model; return its nested figures."""
    import tempfile

    found = articles(benchmarks)
    fitted = fitted_model(found)
    MODEL_FILE.write_text(json.dumps(fitted, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    antecedents.model.cache_clear()
    with tempfile.TemporaryDirectory(prefix="train_quotes_") as scratch:
        figures = nested(found, benchmarks, Path(scratch))
    figures["choices"] = {k: sum(c[0] == k for a in found for c in a.choices) for k in KINDS}
    return figures
