import datetime as dt

from etl.nlp.stories import (
    NEAR_DUPLICATE_MIN_JACCARD,
    NewArticle,
    StoryCatalog,
    assign_stories,
    jaccard,
    lsh_buckets,
    shingles,
)

BODY = (
    "The coalition met in Rome on Monday and agreed that ten thousand fighters held in camps "
    "in northern Syria must be repatriated by their home countries within two years, the "
    "ministers said in a joint statement after the talks ended late in the evening."
)
OTHER = (
    "Riverside Rovers beat Eastfield United on penalties in the cup final on Saturday after a "
    "goalless extra time, with the goalkeeper saving two kicks in front of a full stadium."
)
THIRD = (
    "Farmers in the valley asked for a delay to the new water rules, saying the limits on "
    "run-off would cost them a harvest unless the ministry paid for new drainage channels."
)
FOURTH = (
    "The city library will stay open until midnight during the exam season, the council "
    "announced, after students collected two thousand signatures for longer opening hours."
)
PEOPLE = {1: ("PERSON", 3), 2: ("PERSON", 2), 3: ("ORG", 2), 4: ("GPE", 1)}


def _article(key, body=BODY, entities=None, day=dt.date(2026, 11, 2)):
    return NewArticle(key, day, body, PEOPLE if entities is None else entities)


def test_signatures_are_deterministic_and_copies_share_buckets():
    assert lsh_buckets(shingles(BODY)) == lsh_buckets(shingles(BODY))
    edited = BODY.replace("Monday", "Tuesday")
    shared = set(lsh_buckets(shingles(BODY))) & set(lsh_buckets(shingles(edited)))
    assert shared and not set(lsh_buckets(shingles(BODY))) & set(lsh_buckets(shingles(OTHER)))


def test_a_copy_is_a_near_duplicate_of_the_earliest_and_joins_its_story():
    catalog = StoryCatalog()
    found = assign_stories(
        catalog,
        [
            _article(10),
            _article(11, BODY.replace("Monday", "Tuesday"), {9: ("ORG", 1)}),
            _article(12, BODY + " It was cold."),
        ],
    )
    assert found[11].near_duplicate_of == 10 and found[12].near_duplicate_of == 10
    assert found[11].similarity >= NEAR_DUPLICATE_MIN_JACCARD
    assert found[10].story_key == found[11].story_key == found[12].story_key


def test_an_edited_version_is_no_copy_of_its_own_earlier_versions():
    catalog = StoryCatalog()
    first = assign_stories(catalog, [_article(10)])
    edited = BODY.replace("Monday", "Tuesday")
    found = assign_stories(
        catalog,
        [
            NewArticle(11, dt.date(2026, 11, 2), edited, PEOPLE, lineage=10),  # version 2
            NewArticle(12, dt.date(2026, 11, 2), edited + " More.", PEOPLE, lineage=10),  # 3
            _article(13, edited),  # another outlet's copy is one
        ],
    )
    assert found[11].near_duplicate_of is None and found[12].near_duplicate_of is None
    assert found[13].near_duplicate_of == 10
    assert found[11].story_key == found[12].story_key == first[10].story_key


def test_shared_people_in_the_window_make_one_story_others_start_their_own():
    catalog = StoryCatalog()
    found = assign_stories(
        catalog,
        [
            _article(20),
            _article(21, OTHER, {1: ("PERSON", 1), 2: ("PERSON", 1), 3: ("ORG", 1)}),
            _article(22, THIRD, {1: ("PERSON", 1), 2: ("PERSON", 1)}, day=dt.date(2026, 12, 30)),
            _article(23, FOURTH, {4: ("GPE", 1), 5: ("GPE", 1), 6: ("GPE", 1)}),
        ],
    )
    assert found[21].story_key == found[20].story_key  # same people, same week
    assert found[21].near_duplicate_of is None  # a report of its own, not a rewrite
    assert found[22].story_key != found[20].story_key  # the same people two months later
    assert found[23].story_key != found[20].story_key  # places alone do not make a story


def test_the_catalog_is_what_earlier_runs_left_so_a_later_run_joins_their_story():
    catalog = StoryCatalog()
    first = assign_stories(catalog, [_article(30)])
    later = assign_stories(catalog, [_article(31, OTHER, PEOPLE, day=dt.date(2026, 11, 5))])
    assert later[31].story_key == first[30].story_key


def test_jaccard():
    assert jaccard(frozenset({1, 2}), frozenset({2, 3})) == 1 / 3
    assert jaccard(frozenset(), frozenset({1})) == 0.0
