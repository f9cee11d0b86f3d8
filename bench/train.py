"""`python -m etl train clean`: fit the body classifiers on the development sets.

Lines (or HTML blocks) are labelled by their overlap with the gold body: a line is body when
most of its 4-word shingles are in the gold (short lines: when the gold contains them). Pages
weigh equally, and lines within a page by their length, as the benchmark's macro-averaged
shingle F1 does. Cross-validation holds out whole sites (GroupKFold over the site of each
page), so its figures are those of sites the model has never seen.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.sets import BENCHMARKS, BODY_SETS, Page, pages, scorer
from etl.page import body
from etl.page.html import blocks_of, main_text, parse
from etl.page.lines import Line

MODELS = Path(body.__file__).parent / "models"
FOLDS = 5
PARAMS = {
    "objective": "binary", "learning_rate": 0.2, "num_leaves": 15, "min_data_in_leaf": 20,
    "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
    "verbose": -1, "seed": 1, "num_threads": 1, "deterministic": True,
}  # fmt: skip
ROUNDS = 60
BODY_LABEL = 0.5  # share of a line's shingles in the gold body to call it body
_TOKEN = re.compile(r"\w+")
# Wire items teach the text model that tables and lists can be the story. A wire item weighs
# WIRE_WEIGHT of a web page. With the table columns of etl.page.tables among the features,
# 0.05 keeps web pages' site-held-out body F1 where 0.01 had it (article_text_dev 0.942,
# readability_dev 0.894) and reads the wire items at 0.96 (0.86 at 0.01): ner_dev
# quarantined 1 of 216 (22 at 0.01). It costs news_meta_dev's bylined text authors, held
# out, 0.855 -> 0.818 (dates 0.853 -> 0.867). Chosen on the reported folds; `bench clean --cv`
# chooses it again inside each fold's training sites (bench.clean.bench_clean_nested).
WIRE_SET = "ner_dev"
WIRE_WEIGHT = 0.05
_WIRE_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class Example:
    page: Page
    kind: str  # text or html
    lines: list[Line]
    rows: np.ndarray
    labels: np.ndarray  # 0..1: share of the line in the gold body
    gold: str


def examples(kind: str, benchmarks: Path = BENCHMARKS) -> list[Example]:
    """Every page with a gold body in the body sets, read as `kind` ('text' or 'html'), and
    for text the wire items of the NER set."""
    shingles = scorer("score_body", benchmarks).shingles
    found = []
    for set_name in BODY_SETS:
        for page in pages(benchmarks / set_name):
            gold = page.gold.get("articleBody")
            if gold is None:
                continue
            lines, rows = read_lines(kind, page)
            found.append(Example(page, kind, lines, rows, labels(lines, gold, shingles), gold))
    if kind == "text" and (benchmarks / WIRE_SET).is_dir():
        found.extend(wire_examples(benchmarks / WIRE_SET, shingles))
    return found


def wire_examples(folder: Path, shingles) -> list[Example]:
    """Wire items (headline, dateline, then the story) whose body is everything after the
    dateline: prose, and the results tables, standings and price lists that are the story,
    which a web page's menus resemble line by line. Grouped by their dateline's day, so that
    cross-validation holds out other days' news."""
    found = []
    for path in sorted((folder / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        head = text.split("\n", 2)
        gold = head[2] if len(head) > 2 else ""
        day = _WIRE_DAY.search(head[1] if len(head) > 1 else "")
        site = f"wire:{day.group(0) if day else path.stem}"
        page = Page(folder.name, path.stem, site, {"articleBody": gold}, folder)
        lines, rows = body.text_lines(text)
        found.append(Example(page, "text", lines, rows, labels(lines, gold, shingles), gold))
    return found


def read_lines(kind: str, page: Page) -> tuple[list[Line], np.ndarray]:
    if kind == "text":
        return body.text_lines(page.text())
    html = page.html()
    return body.html_lines(blocks_of(parse(html)), main_text(html))


def labels(lines: list[Line], gold: str, shingles) -> np.ndarray:
    gold_shingles = shingles(gold)
    gold_words = " ".join(_TOKEN.findall(gold.casefold()))
    found = np.zeros(len(lines), dtype=np.float32)
    for i, line in enumerate(lines):
        tokens = _TOKEN.findall(line.text.casefold())
        if line.category is not None:
            continue  # what a rule names is never body (body.select), whatever a gold keeps
        if len(tokens) >= 4:
            line_shingles = shingles(line.text)
            total = sum(line_shingles.values())
            found[i] = sum((line_shingles & gold_shingles).values()) / total if total else 0.0
        elif len(tokens) >= 2:
            found[i] = float(" ".join(tokens) in gold_words)
    return found


def fit(train: list[Example], wire_weight: float = WIRE_WEIGHT):
    import lightgbm

    rows = np.vstack([e.rows for e in train if len(e.rows)])
    target = np.concatenate([e.labels >= BODY_LABEL for e in train]).astype(np.float32)
    weight = np.concatenate([_weights(e, wire_weight) for e in train])
    # the model file names its features, and body.load_model checks them against the code's
    names = list(body.feature_names(train[0].kind))
    data = lightgbm.Dataset(rows, target, weight=weight, feature_name=names)
    return lightgbm.train(PARAMS, data, ROUNDS)


def _weights(example: Example, wire_weight: float) -> np.ndarray:
    units = np.array([line.units for line in example.lines], dtype=np.float64) + 1.0
    page = wire_weight if example.page.set_name == WIRE_SET else 1.0
    return units / units.sum() * 100.0 * page


def cross_validate(found: list[Example], wire_weight: float = WIRE_WEIGHT) -> list[np.ndarray]:
    """Each page's probabilities from a model fitted without its site."""
    from sklearn.model_selection import GroupKFold

    sites = [e.page.site for e in found]
    probabilities: list[np.ndarray] = [np.zeros(0)] * len(found)
    for train, test in GroupKFold(n_splits=FOLDS).split(found, groups=sites):
        model = fit([found[i] for i in train], wire_weight)
        for i in test:
            rows = found[i].rows
            probabilities[i] = model.predict(rows) if len(rows) else np.zeros(0)
    return probabilities


def score(found: list[Example], probabilities: list[np.ndarray], benchmarks: Path) -> dict:
    """Body F1, precision and recall per set, with the benchmark's metric."""
    metric = scorer("score_body", benchmarks)
    by_set: dict[str, list] = {}
    for example, probability in zip(found, probabilities, strict=True):
        selection = body.select(example.lines, probability, example.rows, example.kind)
        predicted = "\n\n".join(line.text for line in selection.body_lines)
        by_set.setdefault(example.page.set_name, []).append(
            metric.tp_fp_fn(example.gold, predicted)
        )
    return {name: f1_of_means(metric, rows) for name, rows in by_set.items()}


def f1_of_means(metric, rows) -> dict:
    """score_body.py's figure over per-page (tp, fp, fn) rows: mean precision over pages with
    a prediction, mean recall over pages with a gold body, and the F1 of the two."""
    precision = statistics.mean(metric.prec(*r) for r in rows if r[0] + r[1] > 0)
    recall = statistics.mean(metric.rec(*r) for r in rows if r[0] + r[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pages": len(rows), "f1": round(f1, 4), "precision": round(precision, 4),
            "recall": round(recall, 4)}  # fmt: skip


def model_text(model) -> str:
    """A fitted body model as its file holds it."""
    return model.model_to_string(num_iteration=ROUNDS)


def train_clean(benchmarks: Path = BENCHMARKS, kinds: tuple[str, ...] = ("text", "html")) -> dict:
    """Fit and save the body models; report their site-held-out figures."""
    report = {}
    for kind in kinds:
        found = examples(kind, benchmarks)
        report[kind] = {"cross_validated": score(found, cross_validate(found), benchmarks)}
        model = fit(found)
        MODELS.mkdir(exist_ok=True)
        (MODELS / f"body_{kind}.txt").write_text(model_text(model), encoding="utf-8")
        body.load_model.cache_clear()
        report[kind]["features"] = model.num_feature()
    return report
