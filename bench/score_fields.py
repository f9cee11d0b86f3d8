"""Extracted fields against hand annotations (tests/gold/sample_inbox.json).

Entities are compared by canonical name and coarse type (PERSON, ORG, PLACE for GPE, LOC and
FAC); amounts by kind, value and unit, as a multiset; quotes by their first words, and then
whether the speaker is right. Entities, amounts and quotes are scored on English articles only.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from etl.nlp.names import normal_name

METADATA_FIELDS = ("title", "published", "outlet", "authors", "section", "language")
COARSE_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


def score_against_gold(gold_file: Path, records: dict[str, dict]) -> dict:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))["articles"]
    metadata = Counter()
    tallies = {name: Counter() for name in ("entities", "amounts", "quotes")}
    speakers = Counter()
    for path, expected in gold.items():
        record = records.get(path)
        if record is None or record["status"] != "ok":
            record = {field: None for field in METADATA_FIELDS} | {
                "entities": [], "amounts": [], "quotes": []
            }  # fmt: skip
        for field in METADATA_FIELDS:
            metadata[field] += record[field] == expected[field]
        if expected["language"] != "en":
            continue
        _tally(tallies["entities"], _entity_set(expected["entities"]), _predicted_entities(record))
        _tally(tallies["amounts"], _amount_bag(expected["amounts"]), _predicted_amounts(record))
        matched = _match_quotes(expected["quotes"], record["quotes"])
        tallies["quotes"].update(
            tp=len(matched),
            fp=len(record["quotes"]) - len(matched),
            fn=len(expected["quotes"]) - len(matched),
        )
        for gold_speaker, speaker in matched:
            speakers["right" if _same(gold_speaker, speaker) else "wrong"] += 1
    result = {
        "articles": len(gold),
        "metadata_accuracy": {f: round(metadata[f] / len(gold), 3) for f in METADATA_FIELDS},
    }
    for name, tally in tallies.items():
        result[name] = _prf(tally)
    total = speakers["right"] + speakers["wrong"]
    result["quotes"]["speaker_accuracy"] = round(speakers["right"] / total, 3) if total else None
    return result


def _entity_set(pairs) -> Counter:
    return Counter({(normal_name(name), kind) for name, kind in pairs})


def _predicted_entities(record) -> Counter:
    return Counter(
        {
            (normal_name(e["canonical"]), COARSE_TYPES[e["label"]])
            for e in record["entities"]
            if e["label"] in COARSE_TYPES
        }
    )


def _amount_bag(triples) -> Counter:
    return Counter((kind, float(value), unit.casefold()) for kind, value, unit in triples)


def _predicted_amounts(record) -> Counter:
    return _amount_bag((a["kind"], a["value"], a["unit"]) for a in record["amounts"])


def _tally(tally: Counter, expected: Counter, predicted: Counter) -> None:
    common = sum((expected & predicted).values())
    tally.update(
        tp=common,
        fp=sum(predicted.values()) - common,
        fn=sum(expected.values()) - common,
    )


def _match_quotes(expected, predicted) -> list[tuple[str | None, str | None]]:
    """(gold speaker, predicted speaker) for each gold quote found, each prediction used once."""
    unused = list(predicted)
    matched = []
    for opening, speaker in expected:
        words = " ".join(opening.split()).casefold()
        for quote in unused:
            if words in " ".join(quote["text"].split()).casefold():
                matched.append((speaker, quote["speaker"]))
                unused.remove(quote)
                break
    return matched


def _same(expected: str | None, predicted: str | None) -> bool:
    if expected is None or predicted is None:
        return expected is predicted
    return normal_name(expected) == normal_name(predicted)


def _prf(tally: Counter) -> dict:
    tp, fp, fn = tally["tp"], tally["fp"], tally["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }
