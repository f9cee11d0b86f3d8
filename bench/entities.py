"""`python -m etl bench entities`: the entities the warehouse stores per article, scored against
a gold set by the set's own scorer (`score_ner.py`), beside bare spaCy on the same files.

The pipeline runs for real (ingest to load, into a throwaway warehouse) over the set's text
files; each file's prediction is the forms its article writes its entities in
(`fct_entity_mention.surface_forms`) with the entity's type after resolution. A file that did
not load (quarantined) finds nothing, as the scorer counts it.

Merging is scored too, approximately, since the gold names no entities: two gold forms of one
type in one document are one entity when one's words end or begin the other's ('Roe',
'Jane Roe') or one is the other's initials ('IMF'). Merge recall: of such gold pairs whose
two forms the pipeline stored, the share stored as one entity; merge precision: of the pairs of
gold forms the pipeline stored as one entity, the share that are such gold pairs.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import duckdb

from bench.sets import BENCHMARKS, scorer
from etl.config import Settings
from etl.warehouse.connection import read_sql

NER_SET = BENCHMARKS / "ner_dev"


def bench_entities(
    folder: Path = NER_SET, model: str | None = None, out: Path | None = None, cv: bool = False
) -> dict:
    """The project's stored entities (as configured: by default the wire-news NER weights with
    the shipped NER's persons; and with the model's NER as it ships) and bare spaCy's, scored
    on every document of the set; with out, each document's stored entities as configured as
    <doc>.json there (score_ner.py reads them); with cv, also the pipeline's figures with NER
    weights fitted without the day's news."""
    from etl.nlp.entities import model_name

    metric = scorer("score_ner", folder.parent)
    docs = sorted(f.stem for f in (folder / "gold").glob("*.json"))
    gold = {d: [(t, s) for t, s, *_ in _read(folder / "gold" / f"{d}.json")["entities"]]
            for d in docs}  # fmt: skip
    summary, stored, reasons = _run_pipeline(folder, docs, model, None)
    predicted = _predicted(stored, docs, metric)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for doc in docs:
            found = [
                {"label": label, "text": form} for _, label, form in stored.get(f"{doc}.txt", [])
            ]
            (out / f"{doc}.json").write_text(json.dumps({"entities": found}), encoding="utf-8")
    name = model_name(model)
    # The default weights were fitted on this set: only the held-out figure (cv) says what
    # they do on other days' news. The shipped NER alone (ETL_NER_WEIGHTS=none) fitted nothing.
    _, shipped_stored, _ = _run_pipeline(folder, docs, model, "none")
    result = {
        "documents": len(docs),
        "loaded": summary.get("loaded"),
        "quarantined": summary.get("quarantined"),
        "quarantine_reasons": reasons,
        "project": _rounded(metric.score(predicted, gold)),
        "project_shipped_ner": _rounded(
            metric.score(_predicted(shipped_stored, docs, metric), gold)
        ),
        "bare_spacy": _rounded(metric.score(metric.bare(folder / "text", docs, name), gold)),
        "model": name,
        "merges": merges(stored, gold, docs),
        "merges_shipped_ner": merges(shipped_stored, gold, docs),
    }
    if cv:
        result["project_held_out_by_day"] = _rounded(
            metric.score(_held_out_predictions(folder, name, metric), gold)
        )
    return result


def _run_pipeline(folder: Path, docs: list[str], model: str | None, weights: str | None):
    """A real run over the documents' text files into a throwaway warehouse: its summary,
    the stored forms per file and the quarantine reasons."""
    from etl import pipeline

    with tempfile.TemporaryDirectory(prefix="bench_entities_") as tmp:
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        for doc in docs:
            shutil.copy2(folder / "text" / f"{doc}.txt", inbox)
        settings = Settings.from_env(
            inbox=inbox, warehouse=Path(tmp) / "warehouse" / "news.duckdb",
            staging=Path(tmp) / "staging", reports=Path(tmp) / "reports", spacy_model=model,
            ner_weights=weights,
        )  # fmt: skip
        summary = pipeline.run_all(settings, "bench_entities")
        return summary, stored_forms(settings.warehouse), _quarantine_reasons(settings.warehouse)


def _predicted(stored: dict, docs: list[str], metric) -> dict:
    return {
        d: [(metric.MAP[label], form) for _, label, form in stored.get(f"{d}.txt", [])
            if label in metric.MAP]
        for d in docs
    }  # fmt: skip


def _held_out_predictions(folder: Path, model: str, metric) -> dict:
    """Each document's stored entities from a run whose NER weights were fitted on the other
    days' documents (bench.train_ner's folds)."""
    from sklearn.model_selection import GroupKFold

    from bench import train_ner

    documents = train_ner.wire_documents(folder)
    rehearsal = train_ner.rehearsal_examples(train_ner.base_ner(model), folder.parent)
    days = [day for *_, day in documents]
    predicted: dict = {}
    folds = GroupKFold(n_splits=train_ner.FOLDS).split(documents, groups=days)
    for train, test in folds:
        tuned = train_ner.fit(model, [documents[i] for i in train], rehearsal)
        held_out = [documents[i][0] for i in test]
        with tempfile.TemporaryDirectory(prefix="bench_entities_weights_") as weights:
            tuned.get_pipe("ner").to_disk(weights, exclude=["vocab"])
            _, stored, _ = _run_pipeline(folder, held_out, model, weights)
        predicted.update(_predicted(stored, held_out, metric))
    return predicted


def stored_forms(warehouse: Path) -> dict[str, list[tuple[int, str, str]]]:
    """Inbox path -> (entity key, type, form) of every form its article stores."""
    found: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(read_sql("lookup/article_entity_forms.sql")).fetchall()
        for path, key, label, form in rows:
            found[path].append((key, label, form))
    return dict(found)


def _quarantine_reasons(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("select reason from raw_file where outcome = 'quarantined'").fetchall()
    return dict(Counter(reason for (reason,) in rows))


def merges(stored: dict, gold: dict, docs: list[str]) -> dict:
    """Merge precision and recall over the documents (see the module's docstring)."""
    right = merged = gold_pairs = found_pairs = 0
    for doc in docs:
        forms = {" ".join(s.casefold().split()): t for t, s in gold[doc] if t != "MISC"}
        same = {frozenset(p) for p in combinations(forms, 2) if _one_entity(*p, forms)}
        entity_of = {" ".join(f.casefold().split()): k for k, _, f in stored.get(f"{doc}.txt", [])}
        for pair in same:
            a, b = tuple(pair)
            if a in entity_of and b in entity_of:
                gold_pairs += 1
                found_pairs += entity_of[a] == entity_of[b]
        for a, b in combinations(sorted(set(entity_of) & set(forms)), 2):
            if entity_of[a] == entity_of[b]:
                merged += 1
                right += frozenset((a, b)) in same
    return {
        "precision": round(right / merged, 3) if merged else None,
        "recall": round(found_pairs / gold_pairs, 3) if gold_pairs else None,
        "stored_merges": merged,
        "gold_pairs_stored": gold_pairs,
    }


def _one_entity(a: str, b: str, forms: dict[str, str]) -> bool:
    if forms[a] != forms[b]:
        return False
    short, long = sorted((a.split(), b.split()), key=len)
    if len(short) < len(long) and (long[-len(short) :] == short or long[: len(short)] == short):
        return True
    initials = "".join(word[0] for word in long if word[0].isalpha())
    return len(short) == 1 and len(long) > 1 and short[0].replace(".", "") == initials


def _rounded(scores: dict) -> dict:
    return {
        kind: {name: [round(x, 3) for x in values] for name, values in by_type.items()}
        for kind, by_type in scores.items()
    }


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
