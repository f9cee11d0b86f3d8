"""The byline name model (etl.nlp.name_model): features and the shipped model's verdicts."""

import json

import pytest

from etl.nlp import name_model
from etl.nlp.name_model import KEEP_EVERY_NAME, is_a_name, name_features, name_probability


def test_features_are_each_words_letter_grams_and_words_at_unit_length():
    features = name_features("Jane Roe")
    assert {"c: J", "c:Ja", "c:ne ", "c:Roe ", "w:jane", "w:roe"} <= set(features)
    assert sum(v * v for v in features.values()) == pytest.approx(1.0)
    assert name_features("") == {}


@pytest.mark.parametrize("name", ["Mara Quint", "Jane Roe", "Anna Fink", "Sam Okafor"])
def test_invented_people_read_as_names(name):
    assert is_a_name(name)


@pytest.mark.parametrize("line", ["Contact Us", "Fact Check", "Top Stories", "Privacy Policy"])
def test_menu_lines_shaped_like_names_do_not(line):
    assert not is_a_name(line)


def test_the_keep_every_name_model_keeps_every_name():
    assert is_a_name("Contact Us", KEEP_EVERY_NAME)
    assert name_probability("Contact Us", KEEP_EVERY_NAME) == 0.5


def test_the_shipped_model_states_how_it_was_chosen():
    fitted = name_model.model()
    assert 0.0 < fitted["threshold"] < 1.0 and fitted["regularisation"] > 0
    assert len(fitted["weights"]) > 1000
    assert all(feature[:2] in ("c:", "w:") for feature in fitted["weights"])
    path = name_model.files("etl.nlp") / "models" / "names.json"
    assert json.loads(path.read_text(encoding="utf-8")) == fitted
