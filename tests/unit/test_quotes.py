import re

import pytest

from etl.nlp.entities import Mention
from etl.nlp.quotes import find_quotes


def _people(text, *names, label="PERSON"):
    """Mentions for every occurrence of the given names, as the NER would give them."""
    mentions = []
    for name in names:
        for match in re.finditer(re.escape(name), text):
            mentions.append(Mention(match.start(), match.end(), name, label))
    return mentions


def _quotes(text, mentions, canonical=None):
    return [(q["text"], q["speaker"]) for q in find_quotes(text, mentions, canonical or {})]


def test_speaker_after_the_quote_in_both_orders():
    text = (
        "“This toll is simply unfair,” said Okafor.\n\n"
        "“We will rebuild the harbor wall this year,” Mara Quint wrote on Facebook."
    )
    assert _quotes(text, _people(text, "Okafor", "Mara Quint")) == [
        ("This toll is simply unfair", "Okafor"),
        ("We will rebuild the harbor wall this year", "Mara Quint"),
    ]


def test_speaker_before_the_quote_and_canonical_name():
    text = "Secretary Sam Okafor said on Monday, “We have made great progress together.”"
    mentions = _people(text, "Sam Okafor")
    canonical = {("Sam Okafor", "PERSON"): ("Sam Okafor", "PERSON")}
    assert _quotes(text, mentions, canonical) == [
        ("We have made great progress together.", "Sam Okafor")
    ]


def test_quote_split_around_its_attribution_is_one_quote():
    text = "“The thing is good,” Varga said, “and the other thing is better.”"
    assert _quotes(text, _people(text, "Varga")) == [
        ("The thing is good, and the other thing is better.", "Varga")
    ]


def test_a_second_sentence_without_attribution_belongs_to_the_same_speaker():
    text = "“This is simply unfair,” said Okafor. “It just cannot go on like this.”"
    assert _quotes(text, _people(text, "Okafor")) == [
        ("This is simply unfair, It just cannot go on like this.", "Okafor")
    ]


def test_quote_running_over_paragraphs():
    text = (
        "“The first paragraph of a long statement runs on.\n\n"
        "“And the second paragraph ends it,” said Elena Varga."
    )
    assert _quotes(text, _people(text, "Elena Varga")) == [
        (
            "The first paragraph of a long statement runs on. And the second paragraph ends it",
            "Elena Varga",
        )
    ]


def test_pronoun_is_the_last_attributed_speaker_and_a_description_resets_it():
    text = (
        "“We share a deep commitment to the harbor,” said Okafor.\n\n"
        "“We see the same storms on the horizon,” he said.\n\n"
        "“It was outvoted in the first round,” the Lakeport minister said.\n\n"
        "“Lakeport will keep its ferries in the region,” he added."
    )
    assert _quotes(text, _people(text, "Okafor")) == [
        ("We share a deep commitment to the harbor", "Okafor"),
        ("We see the same storms on the horizon", "Okafor"),
        ("It was outvoted in the first round", None),
        ("Lakeport will keep its ferries in the region", None),
    ]


def test_pronoun_before_any_attribution_is_the_nearest_person_named():
    text = (
        "Hood spoke to reporters.\n\n“Stability can only come from a political process,” he said."
    )
    assert _quotes(text, _people(text, "Hood")) == [
        ("Stability can only come from a political process", "Hood")
    ]


def test_place_named_inside_a_long_attribution_is_not_the_speaker():
    text = "“The threat remains real and present,” said a communique issued in Rome."
    mentions = _people(text, "Rome", label="GPE")
    assert _quotes(text, mentions) == [("The threat remains real and present", None)]


def test_scare_quotes_and_inches_are_not_quotations():
    text = 'He called the plan “simply unworkable” and bought a 12" record, said Ann Lee.'
    assert _quotes(text, _people(text, "Ann Lee")) == []


def test_closing_mark_whose_opening_was_lost():
    text = "Together we must stay as ready as we were last year.», declared the harbour master."
    assert _quotes(text, []) == [("Together we must stay as ready as we were last year.", None)]


def test_a_new_sentence_after_a_closed_quote_is_not_its_attribution():
    text = (
        "“This toll is simply unfair,” Okafor said. “It just cannot go on like this.” "
        "He added that the pledge stands."
    )
    assert _quotes(text, _people(text, "Okafor")) == [
        ("This toll is simply unfair, It just cannot go on like this.", "Okafor")
    ]


@pytest.mark.parametrize(
    ("description", "speaker"),
    [
        ("the spokeswoman", "Mara Quint"),  # the latest name written beside that word
        ("the minister", None),  # a description of someone never named names no one
    ],
)
def test_a_description_is_whoever_was_so_described_or_no_one(description, speaker):
    text = (
        "Mara Quint, a spokeswoman for the port, met the press.\n\n"
        f"“The cranes will be back in service by Friday morning,” {description} said."
    )
    assert _quotes(text, _people(text, "Mara Quint")) == [
        ("The cranes will be back in service by Friday morning", speaker)
    ]


def test_titles_of_works_in_quotation_marks_are_not_quotes():
    text = (
        "Okafor hosts “Evenings With The Harbor Pilots” and reads from “Planet of the Herons” "
        "every week. “It's the best hour of radio in Lakeport,” she said."
    )
    assert [q for q, _ in _quotes(text, _people(text, "Okafor"))] == [
        "It's the best hour of radio in Lakeport"
    ]


def test_a_quotation_printed_twice_is_one_quotation_with_the_speaker_either_printing_names():
    text = (
        "“We have rebuilt it to last another fifty years.”\n\n"
        "The terminal reopened on Monday after three months.\n\n"
        "“We have rebuilt it to last another fifty years,” Mayor Elena Varga said.\n\n"
        "“The fire will not close it again,” she added."
    )
    assert _quotes(text, _people(text, "Elena Varga")) == [
        ("We have rebuilt it to last another fifty years.", "Elena Varga"),
        ("The fire will not close it again", "Elena Varga"),
    ]


def test_the_same_words_given_to_two_speakers_stay_two_quotations():
    text = (
        "“Build the bridge again,” Elena Varga said on Monday.\n\n"
        "“Build the bridge again,” Tom Reyes said a day later, mocking her."
    )
    assert _quotes(text, _people(text, "Elena Varga", "Tom Reyes")) == [
        ("Build the bridge again", "Elena Varga"),
        ("Build the bridge again", "Tom Reyes"),
    ]


def test_a_paragraph_of_nothing_but_a_quote_goes_on_with_the_speaker_before_it():
    text = (
        "“The bridge will open in May,” Tom Reyes said.\n\n"
        "“After that, the ferries stop running for good.”\n\n"
        "The council meets again on Tuesday. “We will see,” a resident said of the vote."
    )
    assert _quotes(text, _people(text, "Tom Reyes")) == [
        ("The bridge will open in May", "Tom Reyes"),
        ("After that, the ferries stop running for good.", "Tom Reyes"),
    ]


def test_a_quote_in_narration_after_a_quoted_paragraph_is_not_given_its_speaker():
    text = (
        "“The bridge will open in May,” Tom Reyes said.\n\n"
        "Critics called the plan “a gift to the builders of the Kessler Bridge.”"
    )
    assert _quotes(text, _people(text, "Tom Reyes")) == [
        ("The bridge will open in May", "Tom Reyes"),
        ("a gift to the builders of the Kessler Bridge.", None),
    ]


def test_a_dash_and_a_name_after_a_quote_sign_it():
    text = (
        "“Nobody asked the fishermen about the new harbor fees.” ― Mara Quint\n"
        "“The ferries were late every single day this winter.” — Tom Reyes\n"
        "“The harbor office never answers the telephone.” ― Dana J. Whitfield."
    )
    assert _quotes(text, _people(text, "Mara Quint", "Tom Reyes", "Dana J. Whitfield")) == [
        ("Nobody asked the fishermen about the new harbor fees.", "Mara Quint"),
        ("The ferries were late every single day this winter.", "Tom Reyes"),
        ("The harbor office never answers the telephone.", "Dana J. Whitfield"),
    ]


def test_each_speaker_says_how_it_was_found():
    text = (
        "Harbor spokeswoman Mara Quint spoke after the vote.\n\n"
        "“The ferries will run again in May,” Tom Reyes said.\n\n"
        "“After that, the old pier closes for good.”\n\n"
        "“Nobody asked the fishermen about any of this,” he said.\n\n"
        "“The fees stay as they are this year,” the spokeswoman said.\n\n"
        "“We will see what the council decides,” a resident said."
    )
    found = find_quotes(text, _people(text, "Mara Quint", "Tom Reyes"), {})
    assert [(q["speaker"], q["speaker_found_by"]) for q in found] == [
        ("Tom Reyes", "name"),
        ("Tom Reyes", "previous_quote"),
        ("Tom Reyes", "pronoun"),
        ("Mara Quint", "description"),
        (None, None),
    ]


def test_a_speaker_the_parse_names_replaces_a_mention_of_another_kind():
    from etl.nlp.attribution import Attribution
    from etl.nlp.quotes import with_speakers

    text = "“Prices will rise again,” said Marlow, who runs the market."
    at = text.index("Marlow")
    nationality = Mention(at, at + 6, "Marlow", "NORP")
    place = Mention(text.index("market"), text.index("market") + 6, "market", "FAC")
    parsed = [Attribution(phrase=(at, at + 6), head=at, name=(at, at + 6))]
    assert with_speakers(text, parsed, [place, nationality]) == [
        Mention(at, at + 6, "Marlow", "PERSON"),
        place,
    ]
    person = Mention(at, at + 6, "Marlow", "PERSON")
    assert with_speakers(text, parsed, [person]) == [person]  # tagged already: kept as is


def test_a_block_quote_is_said_by_whom_the_paragraph_above_introduces_with_a_colon():
    text = (
        "After the vote, Okafor went on:\n\n"
        "“The harbor belongs to the people who work in it, not to the board.”\n\n"
        "The board did not answer:\n\n"
        "“We will publish the figures in May, as the law requires us to.”"
    )
    assert _quotes(text, _people(text, "Okafor")) == [
        ("The harbor belongs to the people who work in it, not to the board.", "Okafor"),
        ("We will publish the figures in May, as the law requires us to.", None),
    ]


def test_a_pronoun_the_parse_found_and_nobody_resolved_is_not_replaced_by_another_name():
    from etl.nlp.attribution import Attribution

    text = (
        "Mr. Tom Reyes met the board.\n\n"
        "She told him: “We are only playing games with the money,” Reyes said later."
    )
    at = text.index("She")
    mentions = _people(text, "Tom Reyes", "Reyes")
    # the parse names "She"; the only person before is a man: nobody she can be
    parsed = [Attribution(phrase=(at, at + 3), head=at)]
    canonical = {("Reyes", "PERSON"): ("Tom Reyes", "PERSON")}
    found = find_quotes(text, mentions, canonical, parsed)
    assert [(q["speaker"], q["speaker_found_by"]) for q in found] == [(None, None)]


def _named_then_said_by_surname(text, typed, surname):
    """Mentions and canonical forms of full names typed as given (name -> label), each its own
    canonical form, and of the surname alone before the closing "said.", typed ORG."""
    mentions = [m for name, label in typed.items() for m in _people(text, name, label=label)]
    mentions.append(Mention(text.rindex(surname), len(text) - len(" said."), surname, "ORG"))
    canonical = {(m.text, m.label): (m.text, m.label) for m in mentions}
    return mentions, canonical


@pytest.mark.parametrize(
    ("text", "typed", "surname", "speaker"),
    [
        (  # the one person who bears the surname, though the model typed it ORG
            "Elena Varga opened the hearing. Her deputy, Tom Reyes, sat beside her.\n\n"
            "“We will publish every contract,” Varga said.",
            {"Elena Varga": "PERSON", "Tom Reyes": "PERSON"}, "Varga", "Elena Varga",
        ),
        (  # her name typed ORG, her husband's PERSON: "Quint said" is not him, Quint stays Quint
            "Mara Quint ran the port for a decade. Her husband, Tom Quint, kept the books.\n\n"
            "“The harbor wall will hold another winter,” Quint said.",
            {"Mara Quint": "ORG", "Tom Quint": "PERSON"}, "Quint", "Quint",
        ),
    ],
)  # fmt: skip
def test_a_lone_surname_is_the_one_person_who_bears_it(text, typed, surname, speaker):
    mentions, canonical = _named_then_said_by_surname(text, typed, surname)
    [(quote, found)] = _quotes(text, mentions, canonical)
    assert quote == text[text.index("“") + 1 : text.index(",”")]
    assert found == speaker
