import pytest

from etl.page.dates import parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("June 29, 2021", "2021-06-29"),
        ("Updated June 28, 2021 06:21 PM", "2021-06-28"),
        ("2021-06-28", "2021-06-28"),
        ("2021/06/28", "2021-06-28"),
        ("Published 2021-06-28T10:05:00Z", "2021-06-28"),
        ("Mon, 06/28/2021 - 07:29 AM", "2021-06-28"),
        ("29/06/2021", "2021-06-29"),
        ("12.11.2026", "2026-11-12"),
        ("Sept. 3rd, 2020", "2020-09-03"),
        ("19 November 2019", "2019-11-19"),
        ("Chris Davies - Nov 19, 2019, 10:31 pm CST", "2019-11-19"),
        ("31/02/2021", None),
        ("no date in 2021", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected
