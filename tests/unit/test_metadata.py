import pytest

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


MASTHEAD_DATED_PAGE = """Wednesday, 03 Dec 2025
Harbour Times
Home News Sport Business Culture Opinion
Harbour council votes to rebuild the old ferry pier
By Jane Roe | 5 November 2024
The council voted on Tuesday night to rebuild the old ferry pier, ending two years of debate over the crumbling structure at the edge of the harbour.
Work is due to start in the spring and will take eighteen months, the council's engineer told the meeting, which ran late into the evening.
Residents who had campaigned for the pier's repair welcomed the decision but asked for the ferry service to keep running while work goes on.
"We have waited a long time for this," said one of the campaigners, who has lived by the harbour for forty years.
"""


def test_the_date_nearest_the_headline_is_marked_not_the_mastheads_today():
    from etl.page import body
    from etl.page.context import Context
    from etl.page.datelines import date_candidates

    lines, rows = body.text_lines(MASTHEAD_DATED_PAGE)
    probability = body.predict("text", [rows])[0]
    context = Context(lines, body.select(lines, probability, rows, "text").start, probability, "en")
    context.title_line = 3
    nearest = {c.text: c.features["nearest_title"] for c in date_candidates(context)}
    assert nearest == {"2025-12-03": 0.0, "2024-11-05": 1.0}
    header = read_page(MASTHEAD_DATED_PAGE).header
    assert header.published == "2024-11-05"
    assert header.outlet is None  # "03 Dec 2025", the first line's last segment, is no outlet


def test_copyright_holder_without_the_year_or_what_follows_a_dash():
    # either side of the sign, a dash of any length
    from etl.page.lines import split_lines
    from etl.page.sites import copyright_holder

    for footer, holder in [
        ("© WDR 2024", "WDR"),
        ("© 2025 Harbour Times - Established 1977", "Harbour Times"),
        ("Copyright 2020-2024 Example News. All rights reserved.", "Example News"),
        ("© 2024 Harbour Times – a brand of Ledger Media", "Harbour Times"),  # an en dash
        ("Harbour Times © 2020–2024", "Harbour Times"),  # the name before the sign
        ("Liman Haberi © 2026", "Liman Haberi"),
    ]:
        lines = split_lines(f"Some article text.\n{footer}")
        lines[-1].category = "footer"
        assert copyright_holder(lines) == holder, footer


def test_a_fuller_outlet_name_spells_the_short_one_out():
    from etl.page.outlets import spells_out

    assert spells_out("LKR", "LKR News")
    assert spells_out("Ledger", "Lakeport Ledger")
    assert not spells_out("WDR", "WDR 2024")
    assert not spells_out("Harbour Times", "Harbour Times - Established")
    assert not spells_out("LKR", "Harbour Times")


def test_a_domain_printed_in_credits_and_partner_lists_is_placed_there():
    from etl.page.lines import classify, split_lines
    from etl.page.sites import _domain_placement

    lines = split_lines(
        "Harbour Times\nBild: Screenshot: partyhq.de\nharbourtimes.de\n"
        "Unser Netzwerk: harbourtimes.de sportblatt.de reisewelt.de"
    )
    classify(lines)
    assert _domain_placement(lines, "partyhq.de") == {"domain_crediting": 1.0, "domain_listed": 0.0}
    assert _domain_placement(lines, "harbourtimes.de") == {
        "domain_crediting": 0.0,
        "domain_listed": 0.5,
    }


@pytest.mark.parametrize(
    ("text", "domains"),
    [
        ("© 2026 lakeport-ledger.com", ["lakeport-ledger.com"]),
        # a host is named by its registered domain, a country's second level kept
        (
            "docs.lakeport.org/guide/1 and www.harbourtimes.co.uk/news",
            ["lakeport.org", "harbourtimes.co.uk"],
        ),
        ("Tips: redaktion@harbourtimes.de", ["harbourtimes.de"]),
        # file names and dotted abbreviations end in no public suffix
        ("gallery.php, pier-photo.jpg, reader.js, EE.UU., U.S., 3.14", []),
    ],
)
def test_hosts_a_line_prints_are_read_as_registered_domains(text, domains):
    from etl.page.sites import domains_in

    assert domains_in(text) == domains


def test_a_page_domain_is_printed_not_left_in_markup():
    from etl.page.lines import classify, split_lines
    from etl.page.sites import _page_domains

    lines = split_lines(
        '<img src="https://px.trackerco.net/pixel.gif?id=1" width="1" height="1" />\n'
        "Read more at harbourtimes.co.uk\n© 2026 harbourtimes.co.uk"
    )
    classify(lines)
    assert _page_domains(lines) == ["harbourtimes.co.uk"]


BYLINE_PARTS_PAGE = """Harbour council votes to rebuild the old ferry pier | Harbour Times
Home News Sport Business
Council, Local, News | Published: 5 hours ago | Written by Jane Roe
Harbour council votes to rebuild the old ferry pier
The council voted on Tuesday night to rebuild the old ferry pier, ending two years of debate over the crumbling structure at the edge of the harbour.
Work is due to start in the spring and will take eighteen months, the council's engineer told the meeting, which ran late into the evening.
Residents who had campaigned for the pier's repair welcomed the decision but asked for the ferry service to keep running while work goes on.
"""


def test_a_line_with_a_byline_part_is_no_headline():
    from etl.page.context import has_byline_part

    assert has_byline_part("Council, Local, News | Published: 5 hours ago | Written by Jane Roe")
    assert has_byline_part("Do 25.04.24 | Von Anna Fink")
    assert not has_byline_part("Harbour council votes to rebuild the old ferry pier")
    header = read_page(BYLINE_PARTS_PAGE).header
    assert header.title == "Harbour council votes to rebuild the old ferry pier"
    assert header.authors == ["Jane Roe"]


SECTION_SUFFIXED_PAGE = """Harbour council votes to rebuild the old ferry pier - Politik
Home News Sport Business Culture Opinion
Harbour council votes to rebuild the old ferry pier
The council voted on Tuesday night to rebuild the old ferry pier, ending two years of debate over the crumbling structure at the edge of the harbour.
Work is due to start in the spring and will take eighteen months, the council's engineer told the meeting, which ran late into the evening.
Residents who had campaigned for the pier's repair welcomed the decision but asked for the ferry service to keep running while work goes on.
Contact us at news@example.com or visit example.com for more.
"""


def test_the_best_name_a_page_gives_itself_is_its_outlet_only_if_likely_at_all():
    """Of this page's names for itself the choice model likes the title's section most; the
    per-candidate model finds it no outlet, and an example domain is never one."""
    from etl.page import header
    from etl.page.sites import outlet_candidates

    reading = read_page(SECTION_SUFFIXED_PAGE)
    assert reading.header.outlet is None
    context = header_context(SECTION_SUFFIXED_PAGE)
    candidates = {c.text: c for c in outlet_candidates(context, reading.header.title, [])}
    assert "example.com" not in candidates
    section = [candidates["Politik"]]
    assert header.score("outlet", section)[0] >= 0.2 > header.score("outlet_gate", section)[0]


COMMA_TITLE_PAGE = """Harbour council votes to rebuild the old ferry pier, residents relieved
Home News Sport Business Culture Opinion
Harbour council votes to rebuild the old ferry pier
The council voted on Tuesday night to rebuild the old ferry pier, ending two years of debate over the crumbling structure at the edge of the harbour.
Work is due to start in the spring and will take eighteen months, the council's engineer told the meeting, which ran late into the evening.
Residents who had campaigned for the pier's repair welcomed the decision but asked for the ferry service to keep running while work goes on.
© 2026 Harbour Times. All rights reserved.
"""


def test_a_title_line_cut_only_at_commas_seldom_ends_in_its_site():
    """A title line "Headline, its second clause": the clause is an outlet candidate marked
    as cut at a comma, which the outlet model holds against it; a segment after " | " is
    not so marked."""
    from etl.page import header
    from etl.page.context import Candidate
    from etl.page.sites import outlet_candidates

    reading = read_page(COMMA_TITLE_PAGE)
    assert reading.header.outlet == "Harbour Times"
    context = header_context(COMMA_TITLE_PAGE)
    candidates = {c.text: c for c in outlet_candidates(context, reading.header.title, [])}
    clause = candidates["residents relieved"]
    assert clause.features["comma_cut"] == 1.0
    assert candidates["Harbour Times"].features["comma_cut"] == 0.0
    uncut = Candidate(clause.line, clause.text, clause.features | {"comma_cut": 0.0})
    assert header.score("outlet", [clause])[0] < header.score("outlet", [uncut])[0]
    piped = header_context(COMMA_TITLE_PAGE.replace(", residents relieved", " | Harbour Times", 1))
    found = outlet_candidates(piped, reading.header.title, [])
    assert {c.features["comma_cut"] for c in found} == {0.0}


CLAUSE_TITLE_PAGE = """Harbour pier to reopen in spring - council says
Home News Sport Business Culture Opinion
Harbour pier to reopen in spring
By Jane Roe
The old ferry pier will reopen to walkers in the spring, the harbour council said on Tuesday, after eighteen months of repairs.
Engineers replaced the rotten timber piles and the deck, and the ferry will moor at the new landing stage from April.
Residents who had campaigned for the repair welcomed the date but asked for the cafe at the end of the pier to return.
© 2026 Harbour Times. All rights reserved.
"""


def test_a_first_line_variant_that_cuts_off_a_clause_is_marked_as_such():
    """ "Headline - council says": the variant without the tail cuts off a clause opening in
    lower case, which the title model holds against it; a site's name cut off is not."""
    from etl.page import header
    from etl.page.context import Candidate
    from etl.page.titles import title_candidates

    def cut(page: str) -> Candidate:
        found = title_candidates(header_context(page))
        return next(
            c for c in found if c.text == "Harbour pier to reopen in spring" and c.line == 0
        )

    clause = cut(CLAUSE_TITLE_PAGE)
    assert clause.stripped == "council says" and clause.features["site_lower"] == 1.0
    site = cut(CLAUSE_TITLE_PAGE.replace(" - council says", " | Harbour Times", 1))
    assert site.stripped == "Harbour Times" and site.features["site_lower"] == 0.0
    upper = Candidate(0, clause.text, clause.features | {"site_lower": 0.0})
    assert header.score("title", [clause])[0] < header.score("title", [upper])[0]
    assert read_page(CLAUSE_TITLE_PAGE).header.title == "Harbour pier to reopen in spring"


def header_context(page: str):
    """A page's lines, body start and body probabilities, as the header reads them."""
    from etl.page import body
    from etl.page.context import Context

    lines, rows = body.text_lines(page)
    probability = body.predict("text", [rows])[0]
    start = body.select(lines, probability, rows, "text").start
    return Context(lines, start, probability, "en")


ABOUT_A_MINISTER_PAGE = """Minister defends harbour budget
By Jane Roe
Finance minister Karl Brandt defended the harbour budget in parliament on Tuesday.
Brandt said the money would pay for the new ferry pier and the dredging of the channel.
Opposition members asked Brandt why the costs had doubled since the spring estimate.
"We will publish every invoice," Brandt told them before the vote, which he won narrowly.
Karl Brandt
"""


def test_people_the_article_keeps_naming_are_what_it_is_about_not_who_wrote_it():
    from etl.page.datelines import byline_candidates

    context = header_context(ABOUT_A_MINISTER_PAGE)
    named = {c.text: c.features["named_in_body"] for c in byline_candidates(context)}
    assert named["Jane Roe"] == 0.0
    assert named["Karl Brandt"] > 1.5  # log1p(4): "Brandt" four times in the article
    assert read_page(ABOUT_A_MINISTER_PAGE).header.authors == ["Jane Roe"]


LEAD_ONLY_PAGE = "\n".join(
    [
        "Lakeport's mayor and the state transport secretary will open the rebuilt ferry "
        "terminal on Monday, three months after a fire closed the old one to passengers.",
        "The terminal will serve about 9,000 passengers a day, the port authority said.",
        "“We have rebuilt it to last another fifty years,” Mayor Elena Varga said on Friday.",
        "The fire started in a storage room and spread to the roof before crews arrived.",
        "Ferries have used a temporary pier since then, adding twenty minutes to each crossing.",
    ]
)


def test_a_page_that_prints_no_headline_has_no_title_not_its_lead_sentence():
    assert read_page(LEAD_ONLY_PAGE).header.title is None


def test_a_headline_may_end_with_an_abbreviation():
    page = "Storm closes ports along the coast of the U.S.\n\n" + LEAD_ONLY_PAGE
    assert read_page(page).header.title == "Storm closes ports along the coast of the U.S."


def test_a_wire_headline_closed_by_a_full_stop_is_the_title():
    page = "Lakeport mayor opens rebuilt ferry terminal.\n\n" + LEAD_ONLY_PAGE
    assert read_page(page).header.title == "Lakeport mayor opens rebuilt ferry terminal."


def test_a_rare_name_after_a_by_word_is_the_author():
    page = ABOUT_A_MINISTER_PAGE.replace("By Jane Roe", "By Tiva Karoo")
    assert read_page(page).header.authors == ["Tiva Karoo"]
