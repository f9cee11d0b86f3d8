import re

from etl.nlp.antecedents import Candidate, Context, candidates, likeliest, model, probability
from etl.nlp.entities import Mention


def _context(text, names, **given):
    """Every occurrence of each (name, label) as a mention that is its own speaker."""
    named = sorted(
        (
            (Mention(m.start(), m.end(), name, label), (name, label))
            for name, label in names
            for m in re.finditer(re.escape(name), text)
        ),
        key=lambda pair: pair[0].start,
    )
    defaults = {
        "genders": {}, "earlier_speakers": (), "last_speaker": None, "subjects": (),
        "reporting": frozenset(),
    }  # fmt: skip
    return Context(named=named, **{**defaults, **given})


TEXT = (
    "Mara Quint, a spokeswoman for the port, met Tom Reyes in Lakeport.\n\n"
    "Reyes left early. “The cranes are back,” he said."
)
PEOPLE = [("Mara Quint", "PERSON"), ("Tom Reyes", "PERSON"), ("Lakeport", "GPE")]


def test_candidates_are_the_entities_named_before_latest_first_and_never_places():
    found = candidates(TEXT, TEXT.index("he said"), "pronoun", "he", _context(TEXT, PEOPLE))
    assert [c.speaker for c in found] == [("Tom Reyes", "PERSON"), ("Mara Quint", "PERSON")]
    assert found[0].features["latest_named"] == 1.0 and found[1].features["latest_named"] == 0.0


def test_someone_the_article_gives_the_other_gender_is_no_he():
    context = _context(TEXT, PEOPLE, genders={"Tom Reyes": "she", "Mara Quint": "he"})
    found = candidates(TEXT, TEXT.index("he said"), "pronoun", "he", context)
    assert [c.speaker for c in found] == [("Mara Quint", "PERSON")]
    assert found[0].features["gender_agrees"] == 1.0


def test_features_say_who_was_the_subject_who_spoke_and_who_was_so_described():
    start = TEXT.index("he said")
    context = _context(
        TEXT, PEOPLE,
        subjects=(("Tom Reyes", "PERSON"), None, ("Mara Quint", "PERSON")),
        earlier_speakers=(("Mara Quint", "PERSON"), None),
        last_speaker=None,
    )  # fmt: skip
    by_name = {c.speaker[0]: c.features for c in candidates(TEXT, start, "pronoun", "he", context)}
    assert by_name["Tom Reyes"]["latest_subject"] == 1.0
    assert by_name["Mara Quint"]["latest_subject"] == 0.0
    assert by_name["Mara Quint"]["a_subject"] == 1.0
    assert by_name["Mara Quint"]["quoted_before"] > 0 == by_name["Tom Reyes"]["quoted_before"]
    # "the spokeswoman": only whoever was called one competes
    described = candidates(TEXT, start, "description", "spokeswoman", context)
    assert [(c.speaker[0], c.features["described"]) for c in described] == [("Mara Quint", 1.0)]
    undescribed = candidates(TEXT, start, "description", "minister", context)
    assert [c.features["described"] for c in undescribed] == [0.0, 0.0]


def test_the_speaker_attributed_last_competes_even_if_named_long_before():
    context = _context(TEXT, PEOPLE, last_speaker=("Jane Roe", "PERSON"))
    found = candidates(TEXT, TEXT.index("he said"), "pronoun", "he", context)
    assert found[-1].speaker == ("Jane Roe", "PERSON")
    assert found[-1].features["last_speaker"] == 1.0


def test_below_the_threshold_no_one_is_chosen():
    fitted = {"weights": {"x": 2.0}, "intercept": -1.0, "threshold": 0.5}
    likely = Candidate(("Okafor", "PERSON"), {"x": 1.0})
    unlikely = Candidate(("Jane Roe", "PERSON"), {"x": 0.0})
    assert probability(likely.features, fitted) > 0.5 > probability(unlikely.features, fitted)
    assert likeliest([unlikely, likely], fitted) == ("Okafor", "PERSON")
    assert likeliest([unlikely], fitted) is None
    assert likeliest([], fitted) is None


def test_the_shipped_model_prefers_the_latest_subject_over_an_earlier_name():
    fitted = model()["pronoun"]
    start = TEXT.index("he said")
    context = _context(TEXT, PEOPLE, subjects=(("Tom Reyes", "PERSON"),))
    assert likeliest(candidates(TEXT, start, "pronoun", "he", context), fitted) == (
        "Tom Reyes",
        "PERSON",
    )


def test_a_he_is_a_person_or_a_name_the_ner_typed_otherwise_never_an_organisation():
    text = "The Harbor Board and the FBI met Okafor and Jane Roe.\n\n“The fees stay,” he said."
    names = [("The Harbor Board", "ORG"), ("FBI", "ORG"), ("Okafor", "ORG"), ("Jane Roe", "ORG")]
    found = candidates(text, text.index("he said"), "pronoun", "he", _context(text, names))
    assert [c.speaker for c in found] == [("Jane Roe", "ORG"), ("Okafor", "ORG")]
    described = candidates(
        text, text.index("he said"), "description", "board", _context(text, names)
    )
    assert ("The Harbor Board", "ORG") in [c.speaker for c in described]


def test_a_description_ties_to_any_earlier_mention_with_that_title_and_knows_plurals():
    text = (
        "Transport minister Jane Roe opened the pier.\n\n"
        "Jane Roe wrote about it later.\n\n"
        "“The ferries return in May,” the minister said."
    )
    start = text.index("the minister said")
    context = _context(text, [("Jane Roe", "PERSON")])
    [roe] = candidates(text, start, "description", "minister", context)
    assert roe.features["described"] == 1.0 and roe.features["plural"] == 0.0
    [group] = candidates(text, start, "description", "officials", context)
    assert group.features["plural"] == 1.0
    for singular in ("boss", "analysis", "status"):
        assert candidates(text, start, "description", singular, context)[0].features["plural"] == 0


def test_a_he_after_an_unnamed_speaker_with_no_named_subject_since_is_that_speaker():
    start = TEXT.index("he said")
    after_unnamed = {"earlier_speakers": (("Jane Roe", "PERSON"), None)}
    assert candidates(TEXT, start, "pronoun", "he", _context(TEXT, PEOPLE, **after_unnamed)) == []
    named_since = _context(TEXT, PEOPLE, subjects=(("Tom Reyes", "PERSON"),), **after_unnamed)
    assert candidates(TEXT, start, "pronoun", "he", named_since)


def test_the_one_named_most_competes_and_an_owner_is_marked():
    text = (
        "Jane Roe opened the hearing. Jane Roe asked for the files. Jane Roe then left.\n\n"
        "Mara Quint spoke. Tom Reyes nodded. Okafor waved. Elena Varga sat. Marlow stood. "
        "Dan Hale watched. Reyes's aide wrote it down. “We are done here,” he said."
    )
    names = [("Jane Roe", "PERSON"), ("Mara Quint", "PERSON"), ("Tom Reyes", "PERSON"),
             ("Okafor", "PERSON"), ("Elena Varga", "PERSON"), ("Marlow", "PERSON"),
             ("Dan Hale", "PERSON"), ("Reyes", "PERSON")]  # fmt: skip
    found = candidates(text, text.index("he said"), "pronoun", "he", _context(text, names))
    speakers = [c.speaker[0] for c in found]
    assert speakers[:6] == ["Reyes", "Dan Hale", "Marlow", "Elena Varga", "Okafor", "Tom Reyes"]
    assert speakers[-1] == "Jane Roe"  # the seventh named back, but named three times
    owner = found[0].features
    assert owner["possessive"] == 1.0 and found[1].features["possessive"] == 0.0


def test_how_often_a_candidate_was_the_subject_is_counted():
    subjects = (("Tom Reyes", "PERSON"), ("Tom Reyes", "PERSON"), ("Mara Quint", "PERSON"))
    context = _context(TEXT, PEOPLE, subjects=subjects)
    found = candidates(TEXT, TEXT.index("he said"), "pronoun", "he", context)
    times = {c.speaker[0]: c.features["subject_times"] for c in found}
    assert times["Tom Reyes"] > times["Mara Quint"] > 0
