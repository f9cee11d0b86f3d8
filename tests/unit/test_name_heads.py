"""A name's last word types it (etl.nlp.entities.typed_by_head, the lexicon's name heads)."""

import pytest

from etl.nlp.entities import Mention, typed_by_head


@pytest.mark.parametrize(
    ("text", "label", "typed"),
    [
        ("Kessler Bridge", "PERSON", "FAC"),  # a capitalised pair read as a person's name
        ("Kessler Bridge", "ORG", "FAC"),
        ("St. Brendan's Hospital", "GPE", "FAC"),
        ("Lakeport Transit Authority", "PERSON", "ORG"),
        ("Northgate Corp.", "GPE", "ORG"),
        ("Harbor Freedom Party", "PERSON", "ORG"),
    ],
)
def test_the_last_word_of_a_name_decides_its_type(text, label, typed):
    assert typed_by_head(Mention(0, len(text), text, label)).label == typed


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("West Bank", "GPE"),  # words that end places' and people's names are left alone
        ("Soviet Union", "GPE"),
        ("Michael Bay", "PERSON"),
        ("Ricki Lake", "PERSON"),
        ("Charlotte Church", "PERSON"),
        ("Bridge", "PERSON"),  # a single word has no head to read
        ("Siege of the Tower", "EVENT"),  # only the types of names of things are overruled
    ],
)
def test_ambiguous_heads_and_other_types_keep_the_models_type(text, label):
    mention = Mention(0, len(text), text, label)
    assert typed_by_head(mention) == mention
