import pytest

from etl.page.dates import iso_date, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 5, 2025", "2025-03-05"),
        ("Updated March 4, 2025 05:12 PM", "2025-03-04"),
        ("2025-03-04", "2025-03-04"),
        ("2025/03/04", "2025-03-04"),
        ("Published 2025-03-04T09:40:00Z", "2025-03-04"),
        ("Tue, 03/04/2025 - 08:17 AM", "2025-03-04"),
        ("25/03/2025", "2025-03-25"),
        ("12.11.2026", "2026-11-12"),
        ("Sept. 3rd, 2020", "2020-09-03"),
        ("19 November 2019", "2019-11-19"),
        ("Tom Reyes - Nov 19, 2019, 10:31 pm CST", "2019-11-19"),
        ("31/02/2021", None),
        ("no date in 2021", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("3. Mai 2024", "de", "2024-05-03"),
        ("27.04.24", "de", "2024-04-27"),
        ("28. 4. 2023, 18:41 Uhr", "de", "2023-04-28"),
        ("2025年1月13日", "ja", "2025-01-13"),
        ("2024년 11월 5일", "ko", "2024-11-05"),
        ("06/01/2026", "de", "2026-01-06"),  # day first in a German locale
        ("06/01/2026", "en", "2026-06-01"),  # month first in an American one
        ("Published Aug 28, 2024 • 4 min read", "en", "2024-08-28"),
        ("12 de enero de 2025", "es", "2025-01-12"),
        ("le 5 mars 2024", "fr", "2024-03-05"),
        # month names written with vowel signs; digits of other scripts
        ("प्रकाशित 4 सितंबर 2024", "hi", "2024-09-04"),
        ("৪ সেপ্টেম্বর ২০২৪", "bn", "2024-09-04"),
        ("4 செப்டம்பர் 2024", "ta", "2024-09-04"),
        ("٨ يناير ٢٠٢٦", "ar", "2026-01-08"),
        ("۴ سپتامبر ۲۰۲۴", "fa", "2024-09-04"),
        ("8 января 2026, 17:46", "ru", "2026-01-08"),
        ("4 Σεπτεμβρίου 2024", "el", "2024-09-04"),
        ("5 Ekim 2024", "tr", "2024-10-05"),
        ("5. října 2024", "cs", "2024-10-05"),
        ("Fri Apr 28 19:20:36 CEST 2023", "en", None),  # only iso_date reads it whole
    ],
)
def test_dates_in_the_languages_of_news(text, language, expected):
    assert parse_date(text, language) == expected


def test_a_statement_that_only_dateparser_reads():
    assert iso_date("Fri Apr 28 19:20:36 CEST 2023", "en") == "2023-04-28"
    assert iso_date("2024-07-17T11:21:03+01:00") == "2024-07-17"
    assert iso_date(None) is None
