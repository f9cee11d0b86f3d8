from etl.nlp.resolve import EntityCatalog, resolve_batch


def _resolve(catalog, *articles):
    """Resolve articles (each a list of (label, name)) into the catalog, as one batch each."""
    found = {}
    for number, names in enumerate(articles):
        batch = resolve_batch(catalog, [(number, [(label, n, n) for label, n in names])])
        found[number] = {name: entity for (_, name), entity in batch[number].items()}
        for names_of_article in batch.values():  # later batches see this one in the warehouse
            for (_label, name), entity in names_of_article.items():
                catalog.add_alias(entity, name)
            keys = {e.entity_key for e in names_of_article.values()}
            for key in keys:
                catalog.context.setdefault(key, set()).update(keys - {key})
    return found


def test_spelling_variant_with_shared_context_is_the_same_person():
    found = _resolve(
        EntityCatalog(),
        [("PERSON", "Paolo Di Vento"), ("PERSON", "Tom Reyes")],
        [("PERSON", "Paolo De Vento"), ("PERSON", "Tom Reyes")],
    )
    assert found[1]["Paolo De Vento"] == found[0]["Paolo Di Vento"]
    assert found[1]["Tom Reyes"] == found[0]["Tom Reyes"]


def test_similar_names_without_shared_context_stay_apart():
    found = _resolve(
        EntityCatalog(),
        [("PERSON", "Paolo Di Vento"), ("GPE", "Rome")],
        [("PERSON", "Paolo De Vento"), ("GPE", "Lagos")],
    )
    assert found[1]["Paolo De Vento"] != found[0]["Paolo Di Vento"]


def test_different_first_names_are_different_people_even_in_one_story():
    found = _resolve(
        EntityCatalog(),
        [("PERSON", "John Smith"), ("ORG", "Acme")],
        [("PERSON", "Joan Smith"), ("ORG", "Acme")],
    )
    assert found[1]["Joan Smith"] != found[0]["John Smith"]


def test_lone_surname_needs_shared_context_and_a_single_candidate():
    catalog = EntityCatalog()
    found = _resolve(
        catalog,
        [("PERSON", "Elena Varga"), ("FAC", "Kessler Bridge")],
        [("PERSON", "Varga"), ("FAC", "Kessler Bridge")],
        [("PERSON", "Varga"), ("GPE", "Budapest")],
    )
    assert found[1]["Varga"] == found[0]["Elena Varga"]
    assert found[2]["Varga"] != found[0]["Elena Varga"]


def test_full_names_resolve_before_surnames_whatever_the_article_order():
    batch = resolve_batch(
        EntityCatalog(),
        [
            ("a", [("PERSON", "Varga", "Varga"), ("FAC", "Kessler Bridge", "Kessler Bridge")]),
            ("b", [("PERSON", "Elena Varga", "Elena Varga"), ("ORG", "Kessler Bridge", "x")]),
        ],
    )
    assert batch["a"][("PERSON", "Varga")] == batch["b"][("PERSON", "Elena Varga")]


def test_exact_name_of_another_non_person_type_is_the_same_thing():
    found = _resolve(EntityCatalog(), [("FAC", "Kessler Bridge")], [("ORG", "Kessler Bridge")])
    assert found[1]["Kessler Bridge"] == found[0]["Kessler Bridge"]


def test_exact_alias_resolves_regardless_of_case_accents_and_dots():
    found = _resolve(EntityCatalog(), [("GPE", "Sao Paulo")], [("GPE", "São Paulo")])
    assert found[1]["São Paulo"] == found[0]["Sao Paulo"]


def test_a_person_is_never_a_place_of_the_same_name():
    found = _resolve(EntityCatalog(), [("PERSON", "Jordan Peel")], [("GPE", "Jordan Peel")])
    assert found[1]["Jordan Peel"] != found[0]["Jordan Peel"]


def test_resolution_is_deterministic_and_does_not_change_the_catalog():
    catalog = EntityCatalog()
    _resolve(catalog, [("PERSON", "Paolo Di Vento"), ("ORG", "NATO")])
    before = repr(catalog)
    batch = [(1, [("PERSON", "Paolo De Vento", "De Vento"), ("ORG", "NATO", "NATO")])]
    assert resolve_batch(catalog, batch) == resolve_batch(catalog, batch)
    assert repr(catalog) == before
