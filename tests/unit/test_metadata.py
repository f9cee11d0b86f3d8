from etl.page.reader import read_page
from tests.conftest import SAMPLE_INBOX


def header_of(name: str):
    return read_page((SAMPLE_INBOX / name).read_text(encoding="utf-8")).header


def test_title_byline_date_and_outlet_from_copyright():
    header = header_of("harbor_ledger_kessler_bridge.txt")
    assert header.title == "Kessler Bridge partially collapses in Marlow Bay, 14 injured"
    assert header.authors == ["Dana Whitfield"]
    assert header.published == "2026-11-03"
    assert header.outlet == "Harbor Ledger"
    assert header.section == "Local"


def test_agency_byline_is_the_outlet_not_an_author():
    header = header_of("coastline_daily_bridge.txt")
    assert header.outlet == "Coastline Daily"
    assert header.authors == []


def test_site_name_in_title_line_and_author_date_line():
    header = header_of("lakeport_accord_globe.txt")
    assert header.title == "Twelve nations sign Northern Water Accord in Lakeport"
    assert header.outlet == "Lakeport Globe"
    assert header.authors == ["Maria Lindqvist"]
    assert header.published == "2026-10-28"
    assert header.section is None  # the menu's "Sport" is not this article's section


def test_reports_credit_and_standfirst_is_not_the_title():
    header = header_of("meridian_wire_bridge.txt")
    assert header.title == "Marlow Bay bridge failure: ferry link to open Thursday"
    assert header.outlet == "Meridian Wire"
    assert header.published == "2026-11-04"


def test_two_authors_and_no_outlet_when_the_page_names_none():
    header = header_of("continental_review_accord.txt")
    assert header.authors == ["Pieter van Dam", "Sofia Moreau"]
    assert header.outlet is None


def test_german_byline_and_day_first_date():
    header = header_of("nordkurier_handel.txt")
    assert header.title == "Hafen von Marlow Bay meldet Rekordumschlag"
    assert header.authors == ["Klaus Berger"]
    assert header.published == "2026-11-12"
