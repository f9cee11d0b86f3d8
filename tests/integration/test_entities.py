from etl.nlp.entities import extract_entities, load_model, model_name


def test_model_is_real_and_trimmed_to_the_ruler_and_ner():
    nlp = load_model(None)
    assert model_name(None).startswith("en_core_web_sm")
    assert nlp.pipe_names == ["entity_ruler", "ner"]


def test_ruler_finds_aliases_the_model_misses_and_they_share_one_canonical_name():
    text = (
        "The coalition fights Daesh in Syria. ISIL cells remain active, and the Islamic State "
        "of Iraq and the Levant recruits online."
    )
    (entities,) = extract_entities([text])
    forms = {e["text"]: (e["canonical"], e["label"]) for e in entities}
    assert forms["Daesh"] == ("Islamic State", "ORG")
    assert forms["ISIL"] == ("Islamic State", "ORG")
    assert forms["Islamic State of Iraq and the Levant"] == ("Islamic State", "ORG")


def test_entities_are_filtered_and_merged_within_an_article():
    text = (
        "US Secretary of State Antony Blinken met Italy's Luigi Di Maio in Rome on Monday. "
        "Blinken said the Syrian Democratic Forces (SDF) hold 10,000 fighters. "
        "The SDF asked for help.\n\nState officials agreed."
    )
    (entities,) = extract_entities([text])
    canonical = {(e["text"], e["label"]): e["canonical"] for e in entities}
    assert canonical[("Blinken", "PERSON")] == "Antony Blinken"
    assert canonical[("SDF", "ORG")] == "Syrian Democratic Forces"
    assert ("Luigi Di Maio", "PERSON") in canonical
    assert all(e["label"] not in {"DATE", "CARDINAL"} for e in entities)
    assert ("State", "ORG") not in canonical


def test_texts_longer_than_the_model_limit_are_chunked():
    nlp = load_model(None)
    paragraph = "Antony Blinken visited Rome and met officials there. " * 40
    text = "\n\n".join([paragraph] * (nlp.max_length // len(paragraph) + 50))
    assert len(text) > nlp.max_length
    (entities,) = extract_entities([text], batch_size=8)
    blinken = [e for e in entities if e["canonical"] == "Antony Blinken"]
    assert sum(e["count"] for e in blinken) > 1000
