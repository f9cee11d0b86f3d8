"""The learning curve's draw of training sites (`bench fields --curve`)."""

from bench.fields import sites_kept

# Six pages of four sites; a fold's training rows are 0-4 (page 5 held out).
SITES = ["harbourtimes", "harbourtimes", "lakeport", "marlow", "hafenblatt", "lakeport"]
TRAIN = [0, 1, 2, 3, 4]


def test_a_share_keeps_whole_sites_and_that_share_of_them():
    rows = sites_kept(TRAIN, SITES, 0.5, seed=1)
    kept = {SITES[i] for i in rows}
    assert len(kept) == 2  # half of the four training sites
    assert rows == [i for i in TRAIN if SITES[i] in kept]  # every page of a kept site, in order


def test_the_same_seed_draws_the_same_sites_and_every_site_is_kept_at_one():
    assert sites_kept(TRAIN, SITES, 0.75, seed=2) == sites_kept(TRAIN, SITES, 0.75, seed=2)
    assert sites_kept(TRAIN, SITES, 1.0, seed=1) == TRAIN


def test_seeds_draw_different_sites():
    draws = {tuple(sites_kept(TRAIN, SITES, 0.5, seed)) for seed in range(10)}
    assert len(draws) > 1
