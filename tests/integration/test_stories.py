"""Stories across outlets through the real pipeline: the five seeds are one story, the sample
inbox's unrelated articles stay out of it, rewrites are near-duplicates, and the outlets'
figures stand side by side in v_story_claims."""

import shutil

import pytest

from etl import pipeline
from tests.conftest import SAMPLE_INBOX, SAMPLE_LOADED, SEEDS, require
from tests.integration.helpers import query, snapshot


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    from etl.config import Settings

    require(SEEDS)
    root = tmp_path_factory.mktemp("stories")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    shutil.copy(seeds / "001_e694a992ce24e19e.txt", seeds / "renamed copy of the VOA story.txt")

    def run(inbox, run_id):
        config = Settings.from_env(inbox=inbox, warehouse=root / "news.duckdb")
        return pipeline.run_all(config, run_id)

    assert run(seeds, "seeds")["loaded"] == 5
    assert (
        run(SAMPLE_INBOX, "sample")["loaded"] == SAMPLE_LOADED
    )  # a later run: stories grow incrementally
    return root / "news.duckdb", run


def _stories(warehouse):
    return dict(
        query(
            warehouse,
            "select d.first_path, f.story_key from fct_article f join dim_article d "
            "using (article_key)",
        )
    )


def test_the_five_seeds_are_one_story_and_nothing_else_joins_it(warehouse):
    path, _ = warehouse
    stories = _stories(path)
    seeds = {p for p in stories if p[:3] in {"000", "001", "002", "003", "004"}}
    assert len(seeds) == 5
    (seed_story,) = {stories[p] for p in seeds}
    assert [p for p, s in stories.items() if s == seed_story and p not in seeds] == []
    ((title, articles, outlets),) = query(
        path,
        "select representative_title, article_count, outlet_count from dim_story "
        "where story_key = ?",
        [seed_story],
    )
    assert articles == 5 and outlets >= 3
    assert title == "Anti-Islamic State Coalition: IS Terrorists Remain a Threat"


def test_other_events_are_their_own_stories(warehouse):
    path, _ = warehouse
    stories = _stories(path)
    bridge = {stories[p] for p in stories if "bridge" in p}
    accord = {stories[p] for p in stories if "accord" in p}
    assert len(bridge) == 1 and len(accord) == 1 and bridge != accord
    assert len(set(stories.values())) == 9  # seeds, bridge, accord and six single articles


def test_renamed_copy_is_a_duplicate_and_wire_rewrites_are_near_duplicates(warehouse):
    path, _ = warehouse
    assert query(
        path, "select outcome from raw_file where path = 'renamed copy of the VOA story.txt'"
    ) == [("duplicate",)]
    links = query(
        path,
        "select a.first_path, b.first_path, f.near_duplicate_similarity "
        "from fct_article f join dim_article a using (article_key) "
        "join dim_article b on b.article_key = f.near_duplicate_of_key order by 1",
    )
    pairs = {frozenset((a[:3], b[:3])) for a, b, _ in links}
    assert pairs == {frozenset(("001", "004")), frozenset(("002", "003"))}
    assert all(0.07 <= similarity < 0.2 for _, _, similarity in links)


def test_story_claims_put_the_outlets_figures_side_by_side(warehouse):
    path, _ = warehouse
    pledge = query(
        path,
        "select outlet_count, min_value, max_value, outlets_disagree from v_story_claims "
        "where amount_kind = 'money' and unit = 'USD' "
        "and representative_title like 'Anti-Islamic State%'",
    )
    assert pledge == [(3, 436e6, 436e6, False)]
    funding = query(
        path,
        "select outlets_disagree, [r.outlet for r in reports] from v_story_claims "
        "where unit = 'USD' and representative_title like 'Kessler Bridge%'",
    )
    # 2.4 million in Harbor Ledger and Coastline Daily, about 2.5 million in Meridian Wire
    assert funding == [(True, ["Coastline Daily", "Harbor Ledger", "Meridian Wire"])]


def test_a_rerun_changes_no_story(warehouse):
    path, run = warehouse
    before = snapshot(path)
    assert run(SAMPLE_INBOX, "sample_again")["files_seen"] == 0
    assert snapshot(path) == before


def test_scale_benchmark_assigns_new_articles_through_the_real_lookups():
    from bench.stories import bench_stories

    (small, larger) = bench_stories([500, 5000], new_articles=40)["sizes"]
    for result in (small, larger):
        # half the new articles are about existing stories, half about new ones
        assert result["joined_existing_story"] == 20, result
