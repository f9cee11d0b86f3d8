"""Merging one article's mentions (etl.nlp.entities.canonical_forms) is pure: mentions in, forms out."""

from etl.nlp.entities import Mention, canonical_forms


def _forms(*pairs):
    mentions = [Mention(i, i + 1, text, label) for i, (text, label) in enumerate(pairs)]
    return canonical_forms(mentions)


def test_surname_takes_the_full_name_and_the_name_gets_its_majority_type():
    forms = _forms(("Elena Varga", "PERSON"), ("Varga", "ORG"), ("Varga", "PERSON"))
    assert forms[("Varga", "ORG")] == ("Elena Varga", "PERSON")
    assert forms[("Varga", "PERSON")] == ("Elena Varga", "PERSON")


def test_acronym_takes_the_organisation_it_abbreviates():
    forms = _forms(("Northgate Research Institute", "ORG"), ("NRI", "ORG"))
    assert forms[("NRI", "ORG")] == ("Northgate Research Institute", "ORG")


def test_a_place_is_not_a_short_form_of_a_longer_name():
    forms = _forms(("Syria", "GPE"), ("Democratic Council of Syria", "ORG"))
    assert forms[("Syria", "GPE")] == ("Syria", "GPE")


def test_a_surname_shared_by_two_people_stays_as_it_is():
    forms = _forms(("Anna Berg", "PERSON"), ("Tomas Berg", "PERSON"), ("Berg", "PERSON"))
    assert forms[("Berg", "PERSON")] == ("Berg", "PERSON")


def test_a_misspelt_full_name_takes_the_commoner_spelling():
    forms = _forms(
        ("Paolo Di Vento", "PERSON"), ("Paolo De Vento", "PERSON"), ("Paolo Di Vento", "PERSON")
    )
    assert forms[("Paolo De Vento", "PERSON")] == ("Paolo Di Vento", "PERSON")


def test_two_people_with_close_names_stay_two():
    forms = _forms(("John Smith", "PERSON"), ("Joan Smith", "PERSON"))
    assert forms[("Joan Smith", "PERSON")] == ("Joan Smith", "PERSON")


def test_curated_aliases_fix_name_and_type():
    forms = _forms(("Daesh", "GPE"), ("ISIL", "ORG"))
    assert forms[("Daesh", "GPE")] == ("Islamic State", "ORG")
    assert forms[("ISIL", "ORG")] == ("Islamic State", "ORG")


def test_the_full_names_type_outvotes_its_surnames_other_types():
    forms = _forms(
        ("Anna Kessler", "PERSON"), ("Kessler", "ORG"), ("Kessler", "ORG"), ("Kessler", "ORG")
    )
    assert forms[("Kessler", "ORG")] == ("Anna Kessler", "PERSON")
    assert forms[("Anna Kessler", "PERSON")] == ("Anna Kessler", "PERSON")


def test_initials_stand_for_no_person():
    forms = _forms(("Tom Dunn", "PERSON"), ("TD", "ORG"), ("Tom Dunn", "PERSON"))
    assert forms[("TD", "ORG")] == ("TD", "ORG")


def test_a_surname_shared_with_a_full_name_typed_otherwise_stays_as_it_is():
    # The model typed her full name an organisation and her husband's a person: her surname
    # alone is not his.
    forms = _forms(
        ("Mara Quint", "ORG"), ("Tom Quint", "PERSON"), ("Quint", "ORG"), ("Quint", "ORG")
    )
    assert forms[("Quint", "ORG")][0] == "Quint"
    assert forms[("Tom Quint", "PERSON")] == ("Tom Quint", "PERSON")


def test_a_surname_and_a_longer_name_typed_otherwise_alone_is_no_short_form():
    forms = _forms(("Team Quint", "ORG"), ("Quint", "PERSON"))
    assert forms[("Quint", "PERSON")] == ("Quint", "PERSON")


def test_a_longer_name_that_is_no_persons_does_not_block_the_surname():
    # A headline or a group named after the person, tagged an organisation.
    forms = _forms(("Elena Varga", "PERSON"), ("Friends of Varga", "ORG"), ("Varga", "ORG"))
    assert forms[("Varga", "ORG")] == ("Elena Varga", "PERSON")
