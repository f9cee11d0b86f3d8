"""`python -m etl train names`: fit the byline name model (etl.nlp.name_model).

Examples: every name a byline candidate line of the metadata sets' text pages gives
(`read_byline`), a name when score_meta counts it the same person as a gold author, furniture
or a person the page is about otherwise; and, as names, the person names of two words or more
in the wire-news NER set's gold (a thousand names the bylines alone would not show).

Before fitting, the table of given names the model reads (etl/nlp/models/given_names.txt) is
written from the nomquamgender package's reference data (MIT licence; given names with
how many people bear them, gathered from public name data, up to 32 sources a name): every
one-word name borne by at least MIN_BORNE people. Nothing in it is fitted or chosen on the dev sets.

Nothing is chosen on the pages it is reported on. The regularisation (REGULARISATIONS) and the
threshold (THRESHOLDS) are chosen inside the training sites by leave-site-out folds, for the
best sum of the two page figures the name model is for: the author F1 of pages with a byline
and the share of byline-less pages left without an author. The reported figures are
nested: each outer fold's sites are held out of the choice and of the fit. The names scored
are what header models fitted without the page's site pick on it, as on a site never seen.
"""

from __future__ import annotations

import itertools
import json
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench import train_header
from bench.sets import BENCHMARKS, scorer
from etl.nlp import name_model
from etl.page import header
from etl.page.people import is_marked_byline, read_byline

FOLDS = 5
REGULARISATIONS = (0.3, 1.0, 3.0, 10.0)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.05, 0.8, 0.05))
# Log-odds added to a name whose line says it is a byline (name_model.name_probability).
MARKED_OFFSETS = (0.0, 0.5, 1.0, 2.0, 4.0, 8.0)
NER_SET = "ner_dev"
# The languages with pages enough in the metadata sets for a figure of their own.
LANGUAGES = ("en", "de")
# A given name borne by fewer people is left out of the table: a count that small says little,
# and leaving the 656,000 rarer entries out keeps the shipped table under a megabyte. Set
# before any figure was read.
MIN_BORNE = 100
_ONE_WORD = re.compile(r"[a-z][a-z'-]*")


@dataclass
class PageNames:
    site: str
    authors: list[str]  # gold; empty for a byline-less page
    candidates: list[tuple[str, bool]]  # every byline candidate's names, True for an author
    picked: list[tuple[str, bool]]  # the names of the byline the header models pick, marked
    language: str = "und"  # the page's language as the gold gives it, else as read


def page_names(benchmarks: Path = BENCHMARKS) -> list[PageNames]:
    """Each page with a known author list: its byline candidates' names, and what the header
    models pick with the page's site held out of their fit (as on a site never seen, where
    far more furniture is picked than on the pages the models learnt from)."""
    from sklearn.model_selection import GroupKFold

    meta = scorer("score_meta", benchmarks)
    found = [e for e in train_header.examples(benchmarks) if e.gold["authors"] is not None]
    # the shipped header models' constants (chosen on every page: choosing them again in each
    # fold would cost five header trainings)
    shipped = header.models()
    threshold = shipped["byline_gate"]["threshold"]
    picked: list[list[tuple[str, bool]]] = [[] for _ in found]
    sites = [e.page.site for e in found]
    for train, test in GroupKFold(n_splits=FOLDS).split(found, groups=sites):
        fitted = train_header.fit_models(
            [found[i] for i in train], meta, shipped["title"]["regularisation"]
        )
        fitted["byline_gate"]["threshold"] = threshold
        for i in test:
            e = found[i]
            read, used = header.read_header(
                e.lines, e.start, e.probability, e.language, fitted, name_model.KEEP_EVERY_NAME
            )
            marked = "byline" in used and is_marked_byline(e.lines[used["byline"]].text)
            picked[i] = [(name, marked) for name in read.authors or []]
    return [
        PageNames(e.page.site, e.gold["authors"], _candidates(e, meta), names,
                  e.page.gold.get("lang") or e.language or "und")
        for e, names in zip(found, picked, strict=True)
    ]  # fmt: skip


def _candidates(example, meta) -> list[tuple[str, bool]]:
    """The names of every byline candidate line of the page, True for a gold author."""
    fitted = header.models()
    title_line = train_header._predicted_title(example, fitted)[0]
    context = train_header._context(example, title_line)
    authors = example.gold["authors"]
    return [
        (name, any(meta.same_person(a, name) for a in authors))
        for c in header.byline_candidates(context)
        for name in read_byline([example.lines[c.line].text]).people
    ]


def wire_person_names(benchmarks: Path = BENCHMARKS) -> list[str]:
    names = set()
    for path in sorted((benchmarks / NER_SET / "gold").glob("*.json")):
        for label, text, *_ in json.loads(path.read_text(encoding="utf-8"))["entities"]:
            if label == "PER" and len(text.split()) >= 2 and not text.isupper():
                names.add(text)
    return sorted(names)


def fit(pages: list[PageNames], extra: list[str], regularisation: float) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    names = [name for page in pages for name, _ in page.candidates] + extra
    labels = [label for page in pages for _, label in page.candidates] + [True] * len(extra)
    vectorizer = DictVectorizer()
    rows = vectorizer.fit_transform(name_model.name_features(n) for n in names)
    model = LogisticRegression(C=regularisation, max_iter=5000, class_weight="balanced")
    model.fit(rows, labels)
    weights = {
        feature: round(float(w), 5)
        for feature, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 1e-5
    }
    return {"weights": weights, "intercept": float(model.intercept_[0]),
            "regularisation": regularisation, "threshold": 0.5, "marked_offset": 0.0}  # fmt: skip


def figures(pages: list[PageNames], fitted: dict | None, threshold: float, meta) -> dict:
    """Mean author F1 of bylined pages and the share of byline-less pages left without an
    author, with the picked names below threshold dropped (fitted None: none dropped)."""
    bylined, empty = [], []
    for page in pages:
        kept = [
            n for n, marked in page.picked
            if fitted is None or name_model.name_probability(n, fitted, marked) >= threshold
        ]  # fmt: skip
        if page.authors:
            bylined.append(meta.authors_f1(page.authors, kept))
        else:
            empty.append(float(not kept))
    return {
        "bylined_authors_f1": round(statistics.mean(bylined), 3) if bylined else None,
        "byline_less_left_empty": round(statistics.mean(empty), 3) if empty else None,
        "pages": len(pages),
    }


def choose(pages: list[PageNames], extra: list[str], meta) -> tuple[float, float, float]:
    """(regularisation, threshold, marked offset) with the best sum of the two figures over
    leave-site-out folds of these pages alone (ties to the smaller)."""
    from sklearn.model_selection import GroupKFold

    sites = [page.site for page in pages]
    splits = list(GroupKFold(n_splits=FOLDS).split(pages, groups=sites))
    best: tuple[float, ...] = (-1.0, 0.0, 0.0, 0.0)
    for regularisation in REGULARISATIONS:
        folds = [
            (fit([pages[i] for i in train], extra, regularisation), [pages[i] for i in test])
            for train, test in splits
        ]
        for threshold, offset in itertools.product(THRESHOLDS, MARKED_OFFSETS):
            held = [
                figures(test, fitted | {"marked_offset": offset}, threshold, meta)
                for fitted, test in folds
            ]
            total = _pooled(held)
            if total > best[0]:
                best = (total, regularisation, threshold, offset)
    return best[1], best[2], best[3]


def _pooled(held: list[dict]) -> float:
    """Bylined F1 plus byline-less share, each averaged over the folds' pages."""
    weights = [fold["pages"] for fold in held]
    bylined = [fold["bylined_authors_f1"] or 0.0 for fold in held]
    empty = [fold["byline_less_left_empty"] or 0.0 for fold in held]
    return float(np.average(bylined, weights=weights) + np.average(empty, weights=weights))


def nested(pages: list[PageNames], extra: list[str], meta) -> dict:
    """Outer leave-site-out figures with the constants chosen inside each outer training set,
    beside the same pages without the name model."""
    from sklearn.model_selection import GroupKFold

    sites = [page.site for page in pages]
    kept, none, chosen = [], [], []
    for train, test in GroupKFold(n_splits=FOLDS).split(pages, groups=sites):
        inner = [pages[i] for i in train]
        regularisation, threshold, offset = choose(inner, extra, meta)
        fitted = fit(inner, extra, regularisation) | {"marked_offset": offset}
        held = [pages[i] for i in test]
        kept.extend(_filtered(held, fitted, threshold))
        none.extend(held)
        chosen.append((regularisation, threshold, offset))
    return {
        "with_name_model": figures(kept, None, 0.0, meta),
        "without": figures(none, None, 0.0, meta),
        "by_language": {
            language: {
                "with_name_model": figures(_in(kept, language), None, 0.0, meta),
                "without": figures(_in(none, language), None, 0.0, meta),
            }
            for language in (*LANGUAGES, "other")
        },
        "chosen_per_fold": chosen,
    }


def _in(pages: list[PageNames], language: str) -> list[PageNames]:
    """The pages in a language of LANGUAGES, or ("other") in none of them."""
    if language == "other":
        return [p for p in pages if p.language not in LANGUAGES]
    return [p for p in pages if p.language == language]


def _filtered(pages: list[PageNames], fitted: dict, threshold: float) -> list[PageNames]:
    return [
        PageNames(
            p.site, p.authors, p.candidates,
            [(n, m) for n, m in p.picked if name_model.name_probability(n, fitted, m) >= threshold],
            p.language,
        )
        for p in pages
    ]  # fmt: skip


def write_given_names() -> Path:
    """Write the given-name table the name model reads (given_names_table)."""
    path = Path(name_model.__file__).parent / "models" / name_model.GIVEN_NAMES
    path.write_text(given_names_table(), encoding="utf-8")
    name_model.given_names.cache_clear()
    return path


def given_names_table() -> str:
    """The given-name table from nomquamgender's reference data (already lower-cased and
    transliterated to ASCII): one-word names borne by MIN_BORNE people or more, with their
    counts, sorted."""
    import importlib.metadata

    import nomquamgender

    rows = sorted(
        (name, int(count))
        for name, (_, count, _) in nomquamgender.dump().items()
        if count >= MIN_BORNE and _ONE_WORD.fullmatch(name)
    )
    version = importlib.metadata.version("nomquamgender")
    head = [
        f"# Given names and how many people bear them: nomquamgender {version} (MIT licence,",
        "# https://github.com/ianvanbuskirk/nomquamgender), names borne by at least",
        f"# {MIN_BORNE} people. Written by `python -m etl train names`; do not edit.",
    ]
    body = "\n".join(f"{name}\t{count}" for name, count in rows)
    return "\n".join(head) + "\n" + body + "\n"


def fitted_names(benchmarks: Path = BENCHMARKS) -> tuple[dict, list[PageNames], list[str]]:
    """The name model as `train names` saves it, with the pages and names it learnt from."""
    meta = scorer("score_meta", benchmarks)
    pages = page_names(benchmarks)
    extra = wire_person_names(benchmarks)
    regularisation, threshold, offset = choose(pages, extra, meta)
    fitted = fit(pages, extra, regularisation)
    fitted["threshold"], fitted["marked_offset"] = threshold, offset
    return fitted, pages, extra


def train_names(benchmarks: Path = BENCHMARKS, report_nested: bool = True) -> dict:
    """Write the given-name table, choose, fit and save the name model; report its nested
    leave-site-out figures."""
    write_given_names()
    fitted, pages, extra = fitted_names(benchmarks)
    path = Path(name_model.__file__).parent / "models" / "names.json"
    path.write_text(json.dumps(fitted, sort_keys=True) + "\n", encoding="utf-8")
    name_model.model.cache_clear()
    result = {"regularisation": fitted["regularisation"], "threshold": fitted["threshold"],
              "marked_offset": fitted["marked_offset"],
              "features": len(fitted["weights"])}  # fmt: skip
    if report_nested:
        meta = scorer("score_meta", benchmarks)
        result["nested_leave_site_out"] = nested(pages, extra, meta)
    return result
