"""The tuned NER's entities with the shipped NER's persons (etl.nlp.components)."""

import spacy
from spacy.tokens import Span

from etl.nlp.components import could_be_a_name, tuned_with_shipped_persons, windows_around

NLP = spacy.blank("en")


def _read(entities: list[Span]) -> list[tuple[str, str]]:
    return [(span.text, span.label_) for span in entities]


def test_a_shipped_person_replaces_the_tuned_span_it_overlaps():
    doc = NLP("Secretary of State Tom Reyes visited Lakeport.")
    tuned = [Span(doc, 2, 5, "ORG"), Span(doc, 6, 7, "GPE")]  # "State Tom Reyes", "Lakeport"
    shipped = [Span(doc, 2, 3, "ORG"), Span(doc, 3, 5, "PERSON"), Span(doc, 6, 7, "GPE")]
    assert _read(tuned_with_shipped_persons(tuned, shipped)) == [
        ("Tom Reyes", "PERSON"),
        ("Lakeport", "GPE"),
    ]


def test_a_surname_read_as_a_place_is_the_person_the_shipped_model_read():
    doc = NLP("Reyes said the bridge would reopen.")
    assert _read(
        tuned_with_shipped_persons([Span(doc, 0, 1, "GPE")], [Span(doc, 0, 1, "PERSON")])
    ) == [("Reyes", "PERSON")]


def test_the_tuned_reading_stands_where_the_shipped_model_saw_no_person():
    doc = NLP("Lakeport Transit Authority hired Elena Varga.")
    tuned = [Span(doc, 0, 3, "ORG"), Span(doc, 4, 6, "PERSON")]
    shipped = [Span(doc, 0, 1, "GPE"), Span(doc, 4, 6, "ORG")]  # the shipped ORG loses
    assert _read(tuned_with_shipped_persons(tuned, shipped)) == [
        ("Lakeport Transit Authority", "ORG"),
        ("Elena Varga", "PERSON"),
    ]
    assert _read(tuned_with_shipped_persons(tuned, [])) == _read(tuned)


def test_a_person_the_tuned_model_missed_is_not_added():
    doc = NLP("Engineers met Jane Roe.")
    assert tuned_with_shipped_persons([], [Span(doc, 2, 4, "PERSON")]) == []


def test_only_a_few_words_around_a_name_other_than_a_person_are_reread():
    doc = NLP("Jane Roe spoke. The council met in Lakeport. It rained.\nTom Reyes left Marlow.")
    spans = [Span(doc, 8, 9, "GPE"), Span(doc, 17, 18, "GPE")]  # "Lakeport", "Marlow"
    whole = [doc[a:b].text for a, b in windows_around(doc, spans, margin=len(doc))]
    assert whole == ["The council met in Lakeport.", "Tom Reyes left Marlow."]
    near = [doc[a:b].text for a, b in windows_around(doc, spans, margin=2)]
    assert near == ["met in Lakeport.", "Reyes left Marlow."]
    assert windows_around(doc, [], margin=4) == []


def test_windows_of_names_close_together_are_read_as_one():
    doc = NLP("Officials in Lakeport and Marlow agreed on Tuesday.")
    spans = [Span(doc, 2, 3, "GPE"), Span(doc, 4, 5, "GPE")]
    assert [doc[a:b].text for a, b in windows_around(doc, spans, margin=1)] == [
        "in Lakeport and Marlow agreed"
    ]


def test_a_name_in_capitals_or_without_a_capital_is_not_reread():
    doc = NLP("NATO and the U.S. met Reyes in lakeport.")
    assert not could_be_a_name(doc[0:1])
    assert not could_be_a_name(doc[3:4])
    assert could_be_a_name(doc[5:6])
    assert not could_be_a_name(doc[7:8])
