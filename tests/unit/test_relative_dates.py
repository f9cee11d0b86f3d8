import pandas as pd
import pytest

from etl.page.relative_dates import header_zone, relative_date
from etl.stages.read import read_files
from tests.conftest import RELATIVE_PAGE_SEEN, RELATIVELY_DATED_PAGE

SEEN = RELATIVE_PAGE_SEEN


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Published 2 days ago", "2026-11-10"),
        ("By Jane Roe | 3 hours ago", "2026-11-12"),
        ("By Jane Roe | 10 hours ago", "2026-11-11"),  # before midnight, UTC
        ("Veröffentlicht vor 3 Tagen", "2026-11-09"),
        ("Publié il y a 1 semaine", "2026-11-05"),
        ("Publicado hace 2 días", "2026-11-10"),
        ("Pubblicato 4 giorni fa", "2026-11-08"),
    ],
)
def test_a_dateline_in_words_counts_back_from_when_the_file_was_seen(line, day):
    assert relative_date(["Harbor council approves night ferry trial", line], SEEN) == day


@pytest.mark.parametrize(
    "line",
    [
        "Last updated 1 day ago",  # when it changed, not when it was published
        "2 hours ago",  # a bare age: as likely a latest-news list's item
        "Published 40 days ago",  # an archive's age, not a day one can trust
        "Published yesterday at noon",  # no amount
    ],
)
def test_what_is_not_a_publication_dateline_gives_no_day(line):
    assert relative_date([line], SEEN) is None


def test_the_dateline_is_looked_for_between_the_title_and_the_body():
    text = "\n".join(
        ["Menu", "Latest: 2 hours ago by Tom Reyes", "Ferry trial approved", "Published 1 day ago",
         "The Harbor council on Tuesday approved a trial.", "Related: 5 hours ago by Elena Varga"]
    )  # fmt: skip
    zone = header_zone(text, "Ferry trial approved", "The Harbor council on Tuesday")
    assert zone == [
        "Ferry trial approved",
        "Published 1 day ago",
        "The Harbor council on Tuesday approved a trial.",
    ]
    assert relative_date(zone, SEEN) == "2026-11-11"


def test_the_clean_stage_dates_an_undated_text_page_by_its_file_time_and_says_so():
    page = RELATIVELY_DATED_PAGE
    files = pd.DataFrame(
        {
            "sha256": ["a"], "path": ["ferry.txt"], "outcome": ["new"], "format": ["text"],
            "text": [page], "mtime_ns": [int(SEEN.timestamp() * 1e9)],
        }
    )  # fmt: skip
    cleaned, failures = read_files(files)
    assert failures.empty
    row = cleaned.iloc[0]
    assert (row["published"], row["published_source"]) == ("2026-11-10", "relative_to_file_time")
    unseen = read_files(files.assign(mtime_ns=[None]))[0].iloc[0]
    assert unseen["published"] is None
