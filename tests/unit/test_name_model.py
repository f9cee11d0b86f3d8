"""The byline name model (etl.nlp.name_model): features and the shipped model's verdicts."""

import json

import pytest

from etl.nlp import name_model
from etl.nlp.name_model import (
    KEEP_EVERY_NAME,
    given_name_key,
    given_names,
    is_a_name,
    name_features,
    name_probability,
)


def test_features_are_each_words_letter_grams_and_words_at_unit_length():
    features = name_features("Jane Roe")
    assert {"c: J", "c:Ja", "c:ne ", "c:Roe ", "w:jane", "w:roe"} <= set(features)
    grams = {f: v for f, v in features.items() if f != "given_name"}
    assert sum(v * v for v in grams.values()) == pytest.approx(1.0)
    assert name_features("") == {}


def test_the_first_word_counts_as_given_name_by_how_many_bear_it():
    # "Jane" is borne by hundreds of thousands, "Weekly" by no one; accents do not matter
    assert name_features("Jane Roe")["given_name"] > 0.8
    assert name_features("Weekly Roundup")["given_name"] == 0.0
    assert name_features("Zoë Okafor")["given_name"] == name_features("Zoe Okafor")["given_name"]
    assert name_features("Roe Jane")["given_name"] < name_features("Jane Roe")["given_name"]
    assert given_name_key("Zoë") == "zoe" and given_name_key("ÉLODIE") == "elodie"
    # the table spells names in ASCII: another script's name is no evidence either way
    assert "given_name" not in name_features("Юлия Роева")


def test_the_given_name_table_is_one_word_names_with_counts():
    table = given_names()
    assert len(table) > 10_000 and table["jane"] > 100_000
    assert all(count >= 100 and " " not in name for name, count in table.items())


@pytest.mark.parametrize("name", ["Mara Quint", "Jane Roe", "Anna Fink", "Sam Okafor"])
def test_invented_people_read_as_names(name):
    assert is_a_name(name)


@pytest.mark.parametrize(
    "line",
    ["Contact Us", "Fact Check", "Top Stories", "Privacy Policy", "Nach Mitternacht"],
)
def test_menu_lines_shaped_like_names_do_not(line):
    assert not is_a_name(line)


def test_the_keep_every_name_model_keeps_every_name():
    assert is_a_name("Contact Us", KEEP_EVERY_NAME)
    assert name_probability("Contact Us", KEEP_EVERY_NAME) == 0.5


def test_the_shipped_model_states_how_it_was_chosen():
    fitted = name_model.model()
    assert 0.0 < fitted["threshold"] < 1.0 and fitted["regularisation"] > 0
    assert len(fitted["weights"]) > 1000
    assert all(
        feature[:2] in ("c:", "w:") or feature == "given_name" for feature in fitted["weights"]
    )
    assert fitted["weights"]["given_name"] > 0  # a word many bear as a given name: a name
    path = name_model.files("etl.nlp") / "models" / "names.json"
    assert json.loads(path.read_text(encoding="utf-8")) == fitted


def test_a_name_its_line_calls_a_byline_gains_the_fitted_offset():
    import math

    fitted = {"weights": {"c: J": 1.0}, "intercept": -1.0, "threshold": 0.5, "marked_offset": 2.0}

    def log_odds(p: float) -> float:
        return math.log(p / (1 - p))

    plain = name_probability("Jane Roe", fitted)
    marked = name_probability("Jane Roe", fitted, marked=True)
    assert log_odds(marked) - log_odds(plain) == pytest.approx(2.0)
    # a model without an offset (KEEP_EVERY_NAME) adds nothing
    assert name_probability("Contact Us", KEEP_EVERY_NAME, marked=True) == 0.5


def test_the_shipped_model_takes_a_rare_name_on_a_marked_byline_but_no_marked_menu_line():
    # an invented name whose given name the name data barely knows
    assert not is_a_name("Tiva Karoo")
    assert is_a_name("Tiva Karoo", marked=True)
    for line in ("Contact Us", "Privacy Policy", "Fact Check"):
        assert not is_a_name(line, marked=True)
