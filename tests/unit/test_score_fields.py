import json

from bench.score_fields import score_against_gold

GOLD = {
    "articles": {
        "a.txt": {
            "title": "T", "published": "2026-01-02", "outlet": "O", "authors": ["Ann Lee"],
            "section": None, "language": "en",
            "entities": [["Ann Lee", "PERSON"], ["Rome", "PLACE"]],
            "amounts": [["money", 5000000, "USD"], ["count", 3, "cars"]],
            "quotes": [["We will rebuild the bridge", "Ann Lee"]],
        }
    }
}  # fmt: skip


def _record(**changes):
    record = {
        "status": "ok", "title": "T", "published": "2026-01-02", "outlet": "O",
        "authors": ["Ann Lee"], "section": None, "language": "en",
        "entities": [
            {"canonical": "Ann Lee", "label": "PERSON"},
            {"canonical": "Rome", "label": "GPE"},
            {"canonical": "Italian", "label": "NORP"},  # not a scored type
        ],
        "amounts": [
            {"kind": "money", "value": 5e6, "unit": "USD"},
            {"kind": "count", "value": 3.0, "unit": "Cars"},
        ],
        "quotes": [{"text": "We will rebuild the bridge, and soon.", "speaker": "Ann Lee"}],
    }  # fmt: skip
    return record | changes


def _score(tmp_path, record):
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    return score_against_gold(gold, {"a.txt": record})


def test_a_perfect_record_scores_one(tmp_path):
    scores = _score(tmp_path, _record())
    assert all(v == 1.0 for v in scores["metadata_accuracy"].values())
    for field in ("entities", "amounts", "quotes"):
        assert scores[field]["f1"] == 1.0
    assert scores["quotes"]["speaker_accuracy"] == 1.0


def test_errors_lower_the_scores(tmp_path):
    record = _record(
        outlet=None,
        entities=[{"canonical": "Ann Lee", "label": "ORG"}],
        amounts=[{"kind": "money", "value": 5e6, "unit": "EUR"}],
        quotes=[
            {"text": "We will rebuild the bridge", "speaker": None},
            {"text": "x", "speaker": None},
        ],
    )
    scores = _score(tmp_path, record)
    assert scores["metadata_accuracy"]["outlet"] == 0.0
    assert scores["entities"] | {} == {
        "precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 1, "fn": 2
    }  # fmt: skip
    assert scores["amounts"]["recall"] == 0.0
    assert (scores["quotes"]["precision"], scores["quotes"]["recall"]) == (0.5, 1.0)
    assert scores["quotes"]["speaker_accuracy"] == 0.0


def test_a_missing_article_counts_as_all_wrong(tmp_path):
    scores = _score(tmp_path, {"status": "no_article_body"})
    assert scores["metadata_accuracy"]["title"] == 0.0
    assert scores["entities"]["recall"] == 0.0
