import pytest

from etl.nlp.amounts import find_amounts, subject_terms


def _one(text):
    (amount,) = find_amounts(text)
    return amount


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit", "qualifier"),
    [
        ("Reyes pledged $436 million in aid.", "money", 436e6, "USD", None),
        ("Reyes pledged US $ 436 million in aid.", "money", 436e6, "USD", None),
        ("The group earned €7.8B last year.", "money", 7.8e9, "EUR", None),
        ("It cost 436 million dollars to build.", "money", 436e6, "USD", None),
        ("A £12,500 fine was imposed.", "money", 12500.0, "GBP", None),
        ("Police detained 10,000 ISIS fighters in camps.", "count", 10000.0, "fighters", None),
        ("He named 2,000 Iraqi nationals in custody.", "count", 2000.0, "nationals", None),
        ("The coalition has 83 members.", "count", 83.0, "members", None),
        ("Some 8 million people were freed.", "count", 8e6, "people", "some"),
        ("Italy keeps more than 800 units there.", "count", 800.0, "units", "more than"),
        ("Nearly eight million people were freed.", "count", 8e6, "people", "nearly"),
        ("Some 10,000 IS fighters remain in prison.", "count", 10000.0, "fighters", "some"),
        ("Turnout fell by about 4.5 percent overall.", "percent", 4.5, "percent", "about"),
        ("A nearly 98% decrease was reported.", "percent", 98.0, "percent", "nearly"),
    ],
)
def test_amounts_are_normalised(text, kind, value, unit, qualifier):
    amount = _one(text)
    assert (amount["kind"], amount["value"], amount["unit"], amount["qualifier"]) == (
        kind,
        value,
        unit,
        qualifier,
    )
    assert amount["sentence"] == text


@pytest.mark.parametrize(
    "text",
    [
        "The meeting was held on June 29, 2021 at 06:21 PM.",
        "In 2019 the coalition declared victory.",
        "He is 45 years old and has worked there for 12 months.",
        "The COVID-19 wave and the G7 summit overlapped.",
        "The bridge is 5 m wide.",
        "One of the main points was security.",
    ],
)
def test_dates_durations_and_codes_are_not_amounts(text):
    assert find_amounts(text) == []


def test_each_amount_keeps_its_own_sentence():
    body = "The fund holds $5 billion. Officials counted 300 vehicles.\n\nA third paragraph."
    amounts = find_amounts(body)
    assert [a["sentence"] for a in amounts] == [
        "The fund holds $5 billion.",
        "Officials counted 300 vehicles.",
    ]


def test_a_count_does_not_swallow_the_next_amounts_qualifier():
    amounts = find_amounts("The coalition has 83 members and about 10,000 fighters in detention.")
    assert [(a["text"], a["qualifier"]) for a in amounts] == [
        ("83 members", None),
        ("about 10,000 fighters", "about"),
    ]


def test_subject_terms_say_what_a_figure_measures():
    sentence = "The state has pledged about $2.5 million in emergency funding, Pike said."
    assert subject_terms("about $2.5 million", sentence) == ["emerg", "fundi", "pledg", "state"]
    # names, attribution, stop words and possessives are not what a figure measures
    sentence = (
        "Officials said the city's nine ageing bridges need repairs, Mayor Cole told reporters."
    )
    assert subject_terms("nine ageing bridges", sentence) == ["city", "need", "repai"]
    assert subject_terms("$3", "A sentence without the figure.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Under section 22.4 workers may strike for a day.",  # a clause number
        "The union holds the 22.4 position in the contract.",  # a decimal counts nothing whole
        "Clause 7 members were named in the agreement.",
        "She wore the number 10 jersey all season.",  # a jersey number
        "The model 3 cars sold out in a day.",  # a model number
        "Route 66 travellers stopped at the diner.",  # a road's name
    ],
)
def test_numbers_that_label_things_are_no_counts(text):
    assert [a for a in find_amounts(text) if a["kind"] == "count"] == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Average temperatures rose 0.1 degrees last year.", 0.1, "degree"),
        ("The front brought 40 degrees Celsius to the coast.", 40.0, "degree"),
        ("The new line runs 12 kilometres under the river.", 12.0, "kilometre"),
        ("The pilots flew 500 miles to the coast.", 500.0, "mile"),
        ("The farm lost 300 tonnes of grain to the flood.", 300.0, "tonne"),
        ("The wind farm adds 250 megawatts to the grid.", 250.0, "megawatt"),
    ],
)
def test_measures_carry_their_unit(text, value, unit):
    (amount,) = find_amounts(text)
    assert (amount["kind"], amount["value"], amount["unit"]) == ("measure", value, unit)


def test_a_currency_abbreviation_inside_a_word_is_no_money():
    assert find_amounts("The deal covers 22 workers at the plant.")[0]["kind"] == "count"
    assert all(a["kind"] != "money" for a in find_amounts("It covers 5 sites."))
