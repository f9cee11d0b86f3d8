"""Extraction quality on the sample inbox against hand annotations (tests/gold)."""

import pytest

from bench.extract import bench_extract
from bench.score_fields import score_against_gold
from etl.nlp.components import TUNED_COMPONENTS
from etl.pipeline import extract_records
from tests.conftest import REPO, SAMPLE_DUPLICATES, SAMPLE_INBOX, SAMPLE_LOADED

GOLD = REPO / "tests" / "gold" / "sample_inbox.json"


@pytest.fixture(scope="module")
def scores():
    return score_against_gold(GOLD, extract_records(SAMPLE_INBOX))


def test_metadata_fields(scores):
    accuracy = scores["metadata_accuracy"]
    assert accuracy["title"] == accuracy["published"] == accuracy["authors"] == 1.0
    assert accuracy["language"] == 1.0
    assert accuracy["outlet"] >= 0.9
    assert accuracy["section"] >= 0.8


def test_entities(scores):
    assert scores["entities"]["precision"] >= 0.75
    assert scores["entities"]["recall"] >= 0.8


def test_amounts(scores):
    assert scores["amounts"]["precision"] >= 0.95
    assert scores["amounts"]["recall"] >= 0.95


def test_quotes_and_speakers(scores):
    assert scores["quotes"]["precision"] >= 0.95
    assert scores["quotes"]["recall"] >= 0.95
    assert scores["quotes"]["speaker_accuracy"] >= 0.9


def test_extract_benchmark_feeds_each_model_only_its_languages_texts():
    from etl.nlp.entities import model_name

    result = bench_extract(SAMPLE_INBOX, repeat=1)
    # the articles and the renamed copy of one; French reaches the French model, German none
    assert result["articles"] == SAMPLE_LOADED + SAMPLE_DUPLICATES
    assert result["articles_by_model"] == {model_name(None): 10, "fr_core_news_sm": 1}
    assert result["components"] == TUNED_COMPONENTS
    assert result["extract_seconds"] > 0 and result["bare_nlp_pipe_seconds"] > 0
