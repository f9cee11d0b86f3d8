from etl.keys import date_key, natural, surrogate_key


def test_surrogate_keys_are_stable_positive_and_normalised():
    key = surrogate_key("source", "Harbour Times")
    assert key == surrogate_key("source", "  harbour   TIMES ")
    assert 0 < key < 2**63
    assert key != surrogate_key("section", "Harbour Times")
    # Pinned: a change here would re-key every row of an existing warehouse.
    assert surrogate_key("article", "abc") == 2111270261025959291


def test_date_key_and_natural():
    assert date_key("2021-06-28") == 20210628
    assert date_key(None) is None
    assert date_key(float("nan")) is None
    assert natural("Ｃafé  Noir") == "café noir"
