"""The tuned NER's entities with the shipped NER's persons (etl.nlp.components)."""

import spacy
from spacy.tokens import Span

from etl.nlp.components import sentences_holding, tuned_with_shipped_persons

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


def test_only_thesentences_holding_a_name_other_than_a_person_are_reread():
    doc = NLP("Jane Roe spoke. The council met in Lakeport. It rained.\nTom Reyes left Marlow.")
    spans = [Span(doc, 8, 9, "GPE"), Span(doc, 17, 18, "GPE")]  # "Lakeport", "Marlow"
    sentences = [doc[a:b].text for a, b in sentences_holding(doc, spans)]
    assert sentences == ["The council met in Lakeport.", "Tom Reyes left Marlow."]
    assert sentences_holding(doc, []) == []
