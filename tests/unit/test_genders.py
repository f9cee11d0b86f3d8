"""Whom 'he' and 'she' can stand for: genders as the article gives them (etl.nlp.genders)."""

from etl.nlp.genders import person_genders


def _people(text: str, *names: str) -> list[tuple[int, int, str]]:
    """Every place each name (a person's canonical name, by its last word) is written."""
    found = []
    for name in names:
        word = name.split()[-1]
        at = text.find(word)
        while at >= 0:
            found.append((at, at + len(word), name))
            at = text.find(word, at + 1)
    return found


def test_a_title_before_a_name_gives_the_gender():
    text = "Ms Quint met Mr. Okafor in Lakeport."
    people = _people(text, "Mara Quint", "Sam Okafor")
    assert person_genders(text, people, []) == {"Mara Quint": "she", "Sam Okafor": "he"}


def test_pronouns_after_the_only_person_named_vote():
    text = "Okafor left the council in May. He said his party would run again."
    assert person_genders(text, _people(text, "Sam Okafor"), []) == {"Sam Okafor": "he"}


def test_a_pronoun_after_two_people_tells_nothing():
    text = "Okafor met Quint on Tuesday. She said the talks went well."
    people = _people(text, "Sam Okafor", "Mara Quint")
    assert person_genders(text, people, []) == {}


def test_pronouns_inside_quotation_marks_are_the_speakers_words():
    text = "Reyes spoke first. “She will win,” the crowd heard."
    quote = (text.index("“"), text.index("”") + 1)
    assert person_genders(text, _people(text, "Tom Reyes"), [quote]) == {}


def test_a_gender_needs_two_votes_to_one():
    text = "Reyes arrived. He spoke. Reyes waited. She left. Reyes ran. He won."
    assert person_genders(text, _people(text, "Tom Reyes"), []) == {"Tom Reyes": "he"}
    split = "Reyes arrived. He spoke. Reyes waited. She left."
    assert person_genders(split, _people(split, "Tom Reyes"), []) == {}


def test_a_title_outweighs_pronouns():
    text = "Mrs Roe arrived. Roe smiled. He was late, someone said."
    assert person_genders(text, _people(text, "Jane Roe"), []) == {"Jane Roe": "she"}
