"""`python -m etl train header`: fit the header models (title, byline, date, outlet) on the
metadata sets' plain text, with the benchmark's own matching rules as labels.

A title candidate is right when it matches the gold title or the visible headline (exact, or
word F1 >= 0.9, as score_meta.py counts it); a byline candidate when it names a gold author;
a date candidate when it is the gold day; an outlet candidate when it is one of the gold
outlet's names. The other models are fitted knowing the title the title model picks, as they
will be used. Cross-validation holds out whole sites.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.sets import BENCHMARKS, META_SETS, Page, pages, scorer
from etl.page import body, header
from etl.page.datelines import credited
from etl.page.lines import Line
from etl.page.people import is_agency, outlet_of, read_byline
from etl.page.reader import PreparedPage, page_language

FOLDS = 5
# Inverse L2 strengths the header models (logistic and choice) may take, one chosen by
# choose_regularisation inside the training folds wherever figures are reported. Its
# one-standard-error rule was adopted after seeing that the plain best (10 on every page)
# cut 22 more of quotes_dev's 924 headlines at a comma than 3 did, and 0.3 and 1 fewer.
REGULARISATIONS = (0.3, 1.0, 3.0, 10.0)
# The fields whose held-out figures choose the strength.
CHOSEN_ON = ("title", "published", "authors_f1", "outlet")
# Every field's candidates are ranked by a model fitted as the reader uses it, to pick the
# best of a page's candidates (a conditional logit, `_fit_choice`). A page may name no
# author or no outlet: for those two a per-candidate logistic model (`<field>_gate`) also
# says whether the pick is likely at all. The ranking weighs a page's candidates against each
# other, the gate each alone; site held out on news_meta_dev, against the logistic model
# alone picking and gating, ranking and gate give 110 right and 26 wrong outlets of 150
# instead of 108 and 30.
EVEN_ODDS = 0.5
# The outlet's gate: below this probability the byline's credit or the footer's copyright
# holder names the outlet (0.5 would be even odds: the gates' classes are balanced).
OUTLET_THRESHOLD = 0.2
# The gated fields and their gates' thresholds; the byline's is then chosen by
# cross-validation (choose_threshold).
GATES = {"byline": EVEN_ODDS, "outlet": OUTLET_THRESHOLD}


@dataclass
class Example:
    page: Page
    lines: list[Line]
    probability: np.ndarray
    start: int
    language: str | None
    gold: dict  # title, title_alt, published, authors (None: unknown), outlet_aliases


def examples(benchmarks: Path = BENCHMARKS, body_cv: dict | None = None) -> list[Example]:
    """The metadata sets' text pages, with body probabilities: cross-validated ones for pages
    the body model was trained on (body_cv: (set, key) -> probabilities), else the model's."""
    found = []
    for set_name in META_SETS:
        for page in pages(benchmarks / set_name):
            lines, rows = body.text_lines(page.text())
            probability = (body_cv or {}).get((set_name, page.key))
            if probability is None:
                probability = body.predict("text", [rows])[0]
            start = body.select(lines, probability, rows).start
            language = page_language(PreparedPage(lines, rows, "text"))
            found.append(Example(page, lines, probability, start, language, gold_of(page)))
    return found


def gold_of(page: Page) -> dict:
    g = page.gold
    if "authors" in g:  # news_meta_dev
        return {"title": g["title"], "title_alt": g.get("title_alt") or [],
                "published": g.get("published"), "authors": g.get("authors") or [],
                "outlet_aliases": g.get("outlet_aliases") or [g.get("outlet")],
                "non_person_authors": g.get("non_person_authors") or []}  # fmt: skip
    byline = g.get("byline")
    return {
        "title": g.get("title") or "",
        "title_alt": [],
        "published": (g.get("publishedTime") or "")[:10] or None,
        "authors": list(read_byline([byline]).people) if byline else None,
        "outlet_aliases": [g["siteName"]] if g.get("siteName") else [],
        "non_person_authors": [],
    }


def fit_models(train: list[Example], meta, regularisation: float) -> dict:
    def fit(rows, **how) -> dict:
        return _fit(rows, regularisation, **how)

    fitted = {"title": fit([_labelled("title", e, None, meta) for e in train], chosen=True)}
    titles = [_predicted_title(e, fitted) for e in train]
    pairs = list(zip(train, titles, strict=True))
    labelled = {
        "byline": [_labelled("byline", e, line, meta) for e, (line, _) in pairs],
        "published": [_labelled("published", e, line, meta) for e, (line, _) in pairs],
        "outlet": [_outlet_labelled(e, title, meta) for e, (_, title) in pairs],
    }
    for field, rows in labelled.items():
        fitted[field] = fit(rows, chosen=True)
    for field, threshold in GATES.items():
        fitted[f"{field}_gate"] = fit(labelled[field], threshold=threshold)
    fitted["title"]["regularisation"] = regularisation  # kept with the models it made
    return fitted


def _predicted_title(example: Example, fitted: dict) -> tuple[int | None, str | None]:
    context = _context(example, None)
    candidates = header.title_candidates(context)
    if not candidates:
        return None, None
    best = candidates[int(np.argmax(header.score("title", candidates, fitted)))]
    return best.line, best.text


def _outlet_labelled(example: Example, title: str | None, meta):
    context = _context(example, None)
    credits = [outlet_of(c) for c in credited(context) if not is_agency(c)]
    candidates = header.outlet_candidates(context, title, credits)
    aliases = example.gold["outlet_aliases"]
    return candidates, [bool(aliases) and meta.outlet_ok(c.text, aliases) for c in candidates]


def _context(example: Example, title_line: int | None) -> header.Context:
    context = header.Context(example.lines, example.start, example.probability, example.language)
    context.title_line = title_line
    return context


def _labelled(field: str, example: Example, title_line: int | None, meta):
    context = _context(example, title_line)
    gold = example.gold
    if field == "title":
        candidates = header.title_candidates(context)
        wanted = [gold["title"], *gold["title_alt"]]
        labels = [any(meta.norm(c.text) == meta.norm(w) or meta.tok_f1(c.text, w) >= 0.9
                      for w in wanted if w) for c in candidates]  # fmt: skip
    elif field == "byline":
        candidates = header.byline_candidates(context)
        authors = gold["authors"] or []
        labels = [any(meta.same_person(a, p) for a in authors for p in c.text.split("; "))
                  for c in candidates]  # fmt: skip
    else:
        candidates = header.date_candidates(context)
        labels = [bool(gold["published"]) and c.text == gold["published"] for c in candidates]
    return candidates, labels


def _fit(
    labelled: list[tuple[list, list[bool]]],
    regularisation: float,
    chosen: bool = False,
    threshold: float = 0.0,
) -> dict:
    from sklearn.linear_model import LogisticRegression

    names = sorted({f for candidates, _ in labelled for c in candidates for f in c.features})
    rows = [[c.features.get(f, 0.0) for f in names] for cands, _ in labelled for c in cands]
    target = [bool(label) for _, labels in labelled for label in labels]
    rows_array = np.array(rows, dtype=np.float64)
    mean = rows_array.mean(axis=0)
    scale = rows_array.std(axis=0)
    scale[scale == 0] = 1.0
    z = (rows_array - mean) / scale
    if chosen:
        pages = np.repeat(np.arange(len(labelled)), [len(c) for c, _ in labelled])
        target_array = np.array(target, dtype=bool)
        coef, intercept = _fit_choice(z, target_array, pages, regularisation), 0.0
    else:
        model = LogisticRegression(C=regularisation, max_iter=5000, class_weight="balanced")
        model.fit(z, target)
        coef, intercept = model.coef_[0], float(model.intercept_[0])
    return {
        "features": names,
        "mean": [round(float(x), 6) for x in mean],
        "scale": [round(float(x), 6) for x in scale],
        "coef": [round(float(x), 6) for x in coef],
        "intercept": round(intercept, 6),
        "threshold": threshold,
    }


def _fit_choice(
    z: np.ndarray, target: np.ndarray, pages: np.ndarray, regularisation: float
) -> np.ndarray:
    """A conditional logit: weights under which each page's right candidates take the largest
    share of a softmax over that page's candidates (L2-penalised like the logistic models).
    It learns what the reader does with the scores, pick one candidate per page, where a
    per-candidate logistic model learns how likely each candidate is in isolation."""
    from scipy.optimize import minimize

    answerable = np.isin(pages, np.unique(pages[target]))
    z, target, pages = z[answerable], target[answerable], pages[answerable]
    _, pages = np.unique(pages, return_inverse=True)
    count = pages.max() + 1 if len(pages) else 0

    def loss(weights: np.ndarray) -> tuple[float, np.ndarray]:
        scores = z @ weights
        top = np.full(count, -np.inf)
        np.maximum.at(top, pages, scores)
        e = np.exp(scores - top[pages])
        every = np.bincount(pages, weights=e, minlength=count)
        right = np.bincount(pages, weights=e * target, minlength=count)
        value = -np.sum(np.log(right) - np.log(every)) + weights @ weights / (2 * regularisation)
        share_all, share_right = e / every[pages], np.where(target, e / right[pages], 0.0)
        gradient = z.T @ (share_all - share_right) + weights / regularisation
        return float(value), gradient

    fitted = minimize(loss, np.zeros(z.shape[1]), jac=True, method="L-BFGS-B")
    return fitted.x


def score(found: list[Example], predicted: list[header.Header], meta) -> dict:
    """score_meta.py's figures per set, on the fields the set's gold knows."""
    report = {}
    for set_name in META_SETS:
        pairs = [(e.gold, vars(h)) for e, h in zip(found, predicted, strict=True)
                 if e.page.set_name == set_name]  # fmt: skip
        report[set_name] = figures(pairs, meta)
    return report


def figures(pairs: list[tuple[dict, dict]], meta) -> dict:
    """score_meta.py's figures over (gold, prediction) pairs, on the fields the gold knows:
    predictions hold title, published (YYYY-MM-DD...), authors and outlet."""
    title, date, authors, bylined, empty, outlet_as_author, outlet = ([] for _ in range(7))
    for gold, predicted in pairs:
        got_title = predicted.get("title") or ""
        got_authors = list(predicted.get("authors") or [])
        wanted = [gold["title"], *gold["title_alt"]]
        title.append(bool(got_title) and any(
            meta.norm(got_title) == meta.norm(w) or meta.tok_f1(got_title, w) >= 0.9
            for w in wanted
        ))  # fmt: skip
        if gold["published"]:
            date.append((predicted.get("published") or "")[:10] == gold["published"])
        if gold["authors"] is not None:
            f1 = meta.authors_f1(gold["authors"], got_authors)
            authors.append(f1)
            (bylined if gold["authors"] else empty).append(f1)
            as_gold = {"outlet_aliases": gold["outlet_aliases"],
                       "non_person_authors": gold["non_person_authors"]}  # fmt: skip
            outlet_as_author.append(any(meta.is_outlet_like(a, as_gold) for a in got_authors))
        if gold["outlet_aliases"]:
            outlet.append(meta.outlet_ok(predicted.get("outlet"), gold["outlet_aliases"]))
    return {
        "pages": len(pairs),
        "title": _mean(title), "published": _mean(date), "authors_f1": _mean(authors),
        "authors_f1_bylined": _mean(bylined), "empty_on_byline_less": _mean(empty),
        "outlet_as_author": _mean(outlet_as_author), "outlet": _mean(outlet),
    }  # fmt: skip


def _mean(values: list) -> float | None:
    return round(statistics.mean(map(float, values)), 3) if values else None


def choose_threshold(found: list[Example], meta, regularisation: float) -> float:
    """The byline gate's probability above which the ranked byline is trusted, by mean author
    F1 (byline-less pages scoring 1 for no author) over the cross-validation folds. The mean
    is flat over a wide range and which threshold tops it moves with any refit (one or two
    pages); of the thresholds within one standard error of the best, the one nearest the
    balanced gate's even odds (0.5) is taken (the one-standard-error rule, as for the
    regularisation)."""
    from sklearn.model_selection import GroupKFold

    sites = [e.page.site for e in found]
    per_page: list[tuple[list[str], float, list[str]]] = []
    for train, test in GroupKFold(n_splits=FOLDS).split(found, groups=sites):
        fitted = fit_models([found[i] for i in train], meta, regularisation)
        for i in test:
            e = found[i]
            if e.gold["authors"] is None:
                continue
            title_line = _predicted_title(e, fitted)[0]
            candidates = header.byline_candidates(_context(e, title_line))
            best, chance = header.ranked("byline", candidates, fitted)
            people = list(read_byline([e.lines[best.line].text]).people) if best else []
            per_page.append((e.gold["authors"], chance, people))
    f1s = {
        threshold: [meta.authors_f1(gold, people if chance >= threshold else [])
                    for gold, chance, people in per_page]
        for threshold in (round(float(t), 2) for t in np.arange(0.05, 0.96, 0.05))
    }  # fmt: skip
    scores = [(round(statistics.mean(page_f1s), 6), t) for t, page_f1s in f1s.items()]
    best = f1s[max(scores)[1]]  # the standard error is the best threshold's own
    return best_threshold(scores, statistics.stdev(best) / math.sqrt(len(best)))


def best_threshold(scores: list[tuple[float, float]], error: float = 0.0) -> float:
    """Of (score, threshold) pairs, the threshold nearest even odds among those scoring
    within `error` (a standard error) of the best."""
    best = max(score for score, _ in scores)
    near = [threshold for score, threshold in scores if score >= best - error - 1e-9]
    return min(near, key=lambda threshold: (abs(threshold - EVEN_ODDS), threshold))


def train_header(benchmarks: Path = BENCHMARKS, body_cv: dict | None = None) -> dict:
    """Fit and save the header models; report their site-held-out figures."""
    import json

    meta = scorer("score_meta", benchmarks)
    found = examples(benchmarks, body_cv or held_out_body(benchmarks))
    fitted = fitted_header(found, meta)
    path = Path(header.__file__).parent / "models" / "header.json"
    path.write_text(json.dumps(fitted, indent=1) + "\n", encoding="utf-8")
    header.models.cache_clear()
    held_out = list(held_out_fits(found, meta))
    return {
        "regularisation": fitted["title"]["regularisation"],
        "byline_threshold": fitted["byline_gate"]["threshold"],
        "nested_cross_validated": score(found, cross_validate(found, held_out), meta),
        "chosen_per_fold": [
            (fold["title"]["regularisation"], fold["byline_gate"]["threshold"])
            for _, fold in held_out
        ],
    }


def fitted_header(found: list[Example], meta) -> dict:
    """The header models as `train header` saves them, fitted on every page found, their
    regularisation and byline threshold chosen by cross-validation on those pages."""
    regularisation = choose_regularisation(found, meta)
    fitted = fit_models(found, meta, regularisation)
    fitted["byline_gate"]["threshold"] = choose_threshold(found, meta, regularisation)
    return fitted


def held_out_fits(found: list[Example], meta, keep=None):
    """(test rows, models fitted as `fitted_header` fits them on the other sites' pages) per
    fold: nothing of a held-out page is seen by its models or by the choice of their
    constants. keep: the training rows to fit on, of a fold's (bench fields --curve)."""
    from sklearn.model_selection import GroupKFold

    sites = [e.page.site for e in found]
    for train, test in GroupKFold(n_splits=FOLDS).split(found, groups=sites):
        rows = keep(train) if keep else train
        yield test, fitted_header([found[i] for i in rows], meta)


def choose_regularisation(found: list[Example], meta) -> float:
    """The strongest penalty whose models, each site held out, read the pages' title, date,
    authors and outlet (their figures summed) within one standard error of the best strength's
    (the one-standard-error rule: over 200 pages the strengths' sums differ by less than the
    noise, and the simpler models carry further)."""
    from sklearn.model_selection import GroupKFold

    sites = [e.page.site for e in found]
    folds = list(GroupKFold(n_splits=FOLDS).split(found, groups=sites))
    summed: dict[float, tuple[float, float]] = {}
    for regularisation in REGULARISATIONS:
        predicted: list[header.Header] = [header.Header()] * len(found)
        for train, test in folds:
            fitted = fit_models([found[i] for i in train], meta, regularisation)
            fitted["byline_gate"]["threshold"] = EVEN_ODDS
            for i in test:
                predicted[i] = _read(found[i], fitted)
        read = figures([(e.gold, vars(h)) for e, h in zip(found, predicted, strict=True)], meta)
        shares = [read[field] or 0.0 for field in CHOSEN_ON]
        # each field's figure as a share of the pages, its variance p(1 - p) / pages
        error = math.sqrt(sum(p * (1 - p) for p in shares) / len(found))
        summed[regularisation] = (sum(shares), error)
    best, error = max(summed.values())
    return min(c for c, (total, _) in summed.items() if total >= best - error)


def _read(example: Example, fitted: dict) -> header.Header:
    e = example
    return header.read_header(e.lines, e.start, e.probability, e.language, fitted)[0]


def held_out_body(benchmarks: Path = BENCHMARKS) -> dict:
    """(set, key) -> the body model's site-held-out probabilities of the pages it is fitted
    on: header models learn from body probabilities like those of pages never seen."""
    from bench import train

    texts = train.examples("text", benchmarks)
    return {
        (e.page.set_name, e.page.key): p
        for e, p in zip(texts, train.cross_validate(texts), strict=True)
    }


def cross_validate(found: list[Example], held_out: list[tuple]) -> list[header.Header]:
    """Each page's header as read by the models of held_out_fits that never saw its site."""
    predicted: list[header.Header] = [header.Header()] * len(found)
    for test, fitted in held_out:
        for i in test:
            predicted[i] = _read(found[i], fitted)
    return predicted
