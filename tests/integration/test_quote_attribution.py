"""Quote speakers read from the dependency parse (etl.nlp.attribution), with the real model:
the attributions the patterns alone missed."""

from etl.nlp.analysis import analyse


def speakers_of(text: str) -> list[tuple[str, str | None]]:
    (analysis,) = analyse([text])
    return [(q["text"][:20], q["speaker"]) for q in analysis.quotes]


def test_a_verb_outside_the_speech_list_that_governs_the_quote_attributes_it():
    text = (
        "Governor Mark Elder spoke after the vote.\n\n"
        "“Nobody in this state will pay more for water next year,” Elder barked at reporters."
    )
    assert speakers_of(text) == [("Nobody in this state", "Mark Elder")]


def test_titles_and_abbreviations_before_the_verb_do_not_hide_the_speaker():
    text = (
        "“It shows how much this vote matters to the harbor towns,” Sen. Mara Quint (D-Ore.) "
        "said on Saturday night at the debate in Lakeport."
    )
    assert speakers_of(text) == [("It shows how much th", "Mara Quint")]


def test_a_speaker_after_a_clause_about_someone_else_is_the_subject():
    text = (
        "Ann Lee, who ran against Tom Roe last year, praised the plan as “a fair deal for "
        "everyone who rides the buses every day.”"
    )
    assert speakers_of(text) == [("a fair deal for ever", "Ann Lee")]


def test_according_to_names_the_source():
    text = (
        "The plan is “the largest investment in the port for a generation,” according to "
        "Maria Lindqvist, the harbor director."
    )
    assert speakers_of(text) == [("the largest investme", "Maria Lindqvist")]


def test_a_speaker_the_model_did_not_tag_is_the_verbs_proper_noun_subject_and_an_entity():
    text = (
        "The host spoke on Sunday night.\n\n"
        "“Nobody asked the riders before the fares went up, not a single one of them,” Okafor "
        "snapped at the council."
    )
    (analysis,) = analyse([text])
    assert [q["speaker"] for q in analysis.quotes] == ["Okafor"]
    assert {"text": "Okafor", "label": "PERSON", "canonical": "Okafor", "count": 1} in (
        analysis.entities
    )


def test_whoever_labels_or_condemns_something_in_quoted_words_is_their_source():
    text = (
        "Former Governor Tom Reyes, for his part, is labeling the new toll on the bridge "
        "“a blatant abuse of the public trust.”"
    )
    assert speakers_of(text) == [("a blatant abuse of t", "Tom Reyes")]


def test_a_named_source_and_a_colon_introduce_the_words():
    text = (
        "The harbor vote split the council again - Mara Quint: “Two weeks ago the towns "
        "were united. Now nobody agrees on anything at all.”"
    )
    assert speakers_of(text) == [("Two weeks ago the to", "Mara Quint")]


def test_a_clause_that_leads_into_the_quote_names_its_speaker():
    # The parser hangs "Quint shot back," from the quoted words, not the words from the verb.
    text = (
        "After the debate, Mara Quint shot back, “I am not going to be lectured by anyone "
        "about this bridge.”\n\nLater that day the council met."
    )
    assert speakers_of(text) == [("I am not going to be", "Mara Quint")]


def test_he_said_is_the_main_clause_subject_before_it_not_a_subordinate_one():
    text = (
        "Tom Reyes said on Monday that Jane Roe would leave the Lakeport council.\n\n"
        "“We will not wait for another winter,” he said."
    )
    assert speakers_of(text) == [("We will not wait for", "Tom Reyes")]


def test_a_name_below_a_he_goes_on_about_him_and_is_not_the_next_he():
    text = (
        "Tom Reyes said on Monday that he would stay on the Lakeport council. He said that "
        "Dan Hale will lose the vote in May anyway, and that the harbor plan will pass.\n\n"
        "“We will not wait for another winter,” he said."
    )
    assert speakers_of(text) == [("We will not wait for", "Tom Reyes")]


def test_she_said_passes_over_a_man_the_article_calls_mr():
    text = (
        "Ms. Mara Quint, who chairs the harbor board, met the mayor on Tuesday. Later, "
        "Mr. Tom Reyes announced the new ferry timetable.\n\n"
        "“The ferries will run every hour from May,” she said."
    )
    assert speakers_of(text) == [("The ferries will run", "Mara Quint")]


def test_he_said_is_never_an_organisation():
    text = (
        "Tom Reyes warned that the Lakeport Harbor Authority would raise its fees.\n\n"
        "“Nobody asked the fishermen about any of this,” he said."
    )
    assert speakers_of(text) == [("Nobody asked the fis", "Tom Reyes")]


def test_a_verb_of_saying_down_a_chain_of_clauses_takes_the_subject_at_its_top():
    text = (
        "Mara Quint went after the harbor board on Wednesday, calling its plan “a waste of "
        "public money” and asserting that the only fix must be “a new vote of the whole "
        "council before the summer.”\n\n"
        "Tom Reyes answered that the plan was “good for the harbor”. He called the vote "
        "“a stunt by people who never cared about the ferries.”"
    )
    (analysis,) = analyse([text])
    # one sentence's quotations that one subject attributes are one statement; the next
    # sentence's are another
    assert [(q["text"], q["speaker"]) for q in analysis.quotes] == [
        ("a waste of public money a new vote of the whole council before the summer.",
         "Mara Quint"),
        ("good for the harbor", "Tom Reyes"),
        ("a stunt by people who never cared about the ferries.", "Tom Reyes"),
    ]  # fmt: skip


def test_a_name_inside_the_quoted_words_is_never_the_speaker():
    text = (
        "Mara Quint spoke after the vote.\n\n"
        "But if “the ferry remains at the heart of the plan, we cannot forget the islands, "
        "whose future matters. also for the bay and the bay. Greater Lakeport ”, she added."
    )
    assert speakers_of(text) == [("the ferry remains at", "Mara Quint")]


def test_who_in_a_relative_clause_is_the_one_the_clause_is_about():
    text = (
        "The ferry plan angered Mara Quint, who thinks “the islands will be cut off from the "
        "mainland all winter.”"
    )
    assert speakers_of(text) == [("the islands will be ", "Mara Quint")]


def test_saying_after_went_on_to_by_or_a_statement_takes_the_subject_of_the_verb_above():
    text = (
        "Tom Reyes spoke to the harbor board for an hour.\n\n"
        "He went on to say the new fees are “a tax on every family that lives off the water.”\n\n"
        "Mara Quint answered him on Thursday.\n\n"
        "She began by saying, “Nobody on this board wants to raise a single fee.”\n\n"
        "On Friday, Okafor issued a statement saying “the board has lost the trust of the "
        "harbor for good.”"
    )
    assert speakers_of(text) == [
        ("a tax on every famil", "Tom Reyes"),
        ("Nobody on this board", "Mara Quint"),
        ("the board has lost t", "Okafor"),
    ]


def test_a_pronoun_and_a_colon_above_a_block_quote_name_its_speaker():
    text = (
        "Mara Quint spoke to the council about the ferry on Monday night. She went on to say:\n\n"
        "“The islands cannot wait another winter for a boat that runs on time, and they "
        "will not.”"
    )
    assert speakers_of(text) == [("The islands cannot w", "Mara Quint")]
