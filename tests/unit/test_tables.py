"""A results table or standings list is the story of a wire item: it reads as body, with its
subheadings, while a menu of the same shape around an article does not."""

import numpy as np

from etl.page.reader import read_page
from etl.page.tables import TABLE_FEATURES, table_features

STANDINGS = [
    "BASKETBALL - COASTAL LEAGUE STANDINGS.",
    "LAKEPORT 2026-11-03",
    "Coastal League standings after games played on Tuesday",
    "(won, lost, points for, points against, points):",
    "Northern division",
    "Lakeport Gulls 9 2 880 801 18",
    "Marlow Bay Pilots 8 3 851 790 16",
    "Eastvale Rovers 6 5 810 805 12",
    "Southern division",
    "Harwick Owls 7 4 835 812 14",
    "Tamsin Ferries 5 6 799 820 10",
    "Port Ellery Sharks 2 9 760 861 4",
]


def test_rows_with_the_same_count_of_numbers_form_a_column_run():
    rows = table_features(STANDINGS)
    run = rows[:, TABLE_FEATURES.index("column_run")]
    assert np.allclose(run[5:8], np.log1p(3)) and np.allclose(run[9:12], np.log1p(3))
    assert run[2] == 0  # no numbers: no column
    heading = TABLE_FEATURES.index("column_run_before")
    assert rows[8, heading] > 0 and rows[8, TABLE_FEATURES.index("column_run_after")] > 0
    assert np.isclose(rows[5, TABLE_FEATURES.index("numeric_share")], 5 / 7)


def test_no_lines_no_rows():
    assert table_features([]).shape == (0, len(TABLE_FEATURES))


def test_a_standings_table_is_the_body_of_its_wire_item():
    reading = read_page("\n".join(STANDINGS))
    assert "Lakeport Gulls 9 2 880 801 18" in reading.paragraphs
    assert "Port Ellery Sharks 2 9 760 861 4" in reading.paragraphs
    assert len(reading.body.split()) >= 15  # enough to load, not quarantined as no body
