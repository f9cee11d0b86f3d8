from etl.resolve import EntityCatalog, resolve_article


def _resolve(catalog, *names):
    found = resolve_article(catalog, [(label, name, name) for label, name in names])
    return {name: entity for (_, name), entity in found.items()}


def test_spelling_variant_with_shared_context_is_the_same_person():
    catalog = EntityCatalog()
    first = _resolve(catalog, ("PERSON", "Luigi Di Maio"), ("PERSON", "Antony Blinken"))
    second = _resolve(catalog, ("PERSON", "Luigi De Maio"), ("PERSON", "Antony Blinken"))
    assert second["Luigi De Maio"] == first["Luigi Di Maio"]
    assert second["Antony Blinken"] == first["Antony Blinken"]
    assert "luigi de maio" in catalog.names[first["Luigi Di Maio"].entity_key]


def test_similar_names_without_shared_context_stay_apart():
    catalog = EntityCatalog()
    first = _resolve(catalog, ("PERSON", "Luigi Di Maio"), ("GPE", "Rome"))
    second = _resolve(catalog, ("PERSON", "Luigi De Maio"), ("GPE", "Lagos"))
    assert second["Luigi De Maio"] != first["Luigi Di Maio"]


def test_different_first_names_are_different_people_even_in_one_story():
    catalog = EntityCatalog()
    first = _resolve(catalog, ("PERSON", "John Smith"), ("ORG", "Acme"))
    second = _resolve(catalog, ("PERSON", "Joan Smith"), ("ORG", "Acme"))
    assert second["Joan Smith"] != first["John Smith"]


def test_exact_alias_resolves_regardless_of_case_accents_and_dots():
    catalog = EntityCatalog()
    first = _resolve(catalog, ("GPE", "Sao Paulo"))
    second = _resolve(catalog, ("GPE", "São Paulo"))
    assert second["São Paulo"] == first["Sao Paulo"]


def test_same_name_of_another_type_is_another_entity():
    catalog = EntityCatalog()
    first = _resolve(catalog, ("PERSON", "Jordan"))
    second = _resolve(catalog, ("GPE", "Jordan"))
    assert second["Jordan"] != first["Jordan"]


def test_resolution_is_deterministic():
    runs = []
    for _ in range(2):
        catalog = EntityCatalog()
        _resolve(catalog, ("PERSON", "Luigi Di Maio"), ("ORG", "NATO"))
        runs.append(_resolve(catalog, ("PERSON", "Luigi De Maio"), ("ORG", "NATO")))
    assert runs[0] == runs[1]
