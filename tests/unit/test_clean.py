from pathlib import Path

import numpy as np
import pytest

from etl.page import body
from etl.page.lines import FEATURES, classify, features, prose_scores, split_lines
from etl.page.reader import read_page as clean_boilerplate
from tests.conftest import SAMPLE_INBOX, SEEDS

PAGE = """Home
World
Business

Harbour strike ends after six days

By Jane Doe
Updated March 3, 2026 10:00 AM
Dockers vote at the union hall in Porto Vale, March 2, 2026…
Dockers vote at the union hall in Porto Vale, March 2, 2026.

Dock workers in Porto Vale voted on Tuesday to end a six-day strike that had left more than 40 ships waiting outside the harbour.

"We got what we came for," said union leader Marta Silva.

ALSO READ: Port traffic falls to a ten-year low

Yes.

The agreement raises wages by 6 percent this year and a further 4 percent in 2027, the port authority said in a statement.

Share this article
Related Stories
Port traffic falls to a ten-year low
Union elects new leader
© 2026 Example Times. All rights reserved.
"""


def removed(result, category):
    return [b["text"] for b in result.removed if b["category"] == category]


def test_body_keeps_every_paragraph_including_short_ones():
    result = clean_boilerplate(PAGE)
    assert result.paragraphs == [
        "Dock workers in Porto Vale voted on Tuesday to end a six-day strike that had left more "
        "than 40 ships waiting outside the harbour.",
        '"We got what we came for," said union leader Marta Silva.',
        "Yes.",
        "The agreement raises wages by 6 percent this year and a further 4 percent in 2027, the "
        "port authority said in a statement.",
    ]
    assert result.body == "\n\n".join(result.paragraphs)


def test_boilerplate_categories():
    result = clean_boilerplate(PAGE)
    assert len(removed(result, "caption")) == 2  # both copies of a caption printed twice
    assert removed(result, "also_read") == ["ALSO READ: Port traffic falls to a ten-year low"]
    assert removed(result, "byline") == ["By Jane Doe"]
    assert removed(result, "dateline") == ["Updated March 3, 2026 10:00 AM"]
    assert "Share this article" in removed(result, "share")
    assert removed(result, "related_list")[:2] == [
        "Related Stories",
        "Port traffic falls to a ten-year low",
    ]
    assert removed(result, "footer") == ["© 2026 Example Times. All rights reserved."]
    assert 0 < result.boilerplate_ratio < 1


def test_page_of_links_has_no_body():
    result = clean_boilerplate((SAMPLE_INBOX / "index_page_only_links.txt").read_text())
    assert result.body == ""


def test_non_english_body_is_kept():
    text = (SAMPLE_INBOX / "nordkurier_handel.txt").read_text()
    result = clean_boilerplate(text)
    assert len(result.paragraphs) == 4
    assert result.paragraphs[0].startswith("Der Hafen von Marlow Bay")
    assert "Teilen" not in result.body


def _seed(prefix: str) -> str:
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is absent")
    return next(Path(SEEDS).glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_seed_read_more_list_is_removed():
    result = clean_boilerplate(_seed("000"))
    assert "Read More" not in result.body
    assert "Rafale" not in result.body
    assert result.paragraphs[-1].startswith("In May, Syrian Democratic Council")
    assert len(result.paragraphs) == 14


def test_seed_captions_related_and_latest_lists_are_removed():
    result = clean_boilerplate(_seed("001"))
    assert len(removed(result, "caption")) == 6
    for phrase in ("pose…", "Related Stories", "Latest News", "Merkel", "VOA logo", "By VOA News"):
        assert phrase not in result.body
    assert result.paragraphs[0].startswith("A global coalition to fight Islamic State")
    assert "Daesh is Arabic acronym for Islamic State." in result.paragraphs
    assert result.paragraphs[-1].startswith("Blinken is on a multi-nation tour of Europe")


def test_seed_source_link_and_reuters_captions_are_removed():
    result = clean_boilerplate(_seed("002"))
    assert "(Reuters)" not in result.body
    assert "Source link" not in result.body
    assert "China and Venezuela were the central themes" not in result.body
    assert result.paragraphs[0].startswith("The US Secretary of State, Antoine Blink")
    assert any("This situation is simply untenable" in p for p in result.paragraphs)


def test_seed_photo_credit_caption_and_reply_prompt_are_removed():
    result = clean_boilerplate(_seed("003"))
    assert "AP photo" not in result.body
    assert "Leave A Reply" not in result.body
    assert result.paragraphs[0].startswith("While the US is working on its military withdrawal")
    assert "“We need to step up the coalition’s action" in result.body


def test_seed_also_read_pic_credit_previous_next_and_latest_are_removed():
    result = clean_boilerplate(_seed("004"))
    for phrase in ("ALSO READ", "pic credits", "Previous Story", "Next Story", "2 mins read",
                   "Latest from", "Namibia", "Don't Miss"):  # fmt: skip
        assert phrase not in result.body, phrase
    assert result.paragraphs[0].startswith("A Global Coalition to Defeat IS")
    assert result.paragraphs[-1].startswith("The Ministers also reaffirmed their intent")
    assert "This was the first time the Coalition members came face-to-face after two years." in (
        result.paragraphs
    )


def test_cookie_consent_text_ends_the_body_however_long():
    consent = (
        "This website uses cookies to improve your experience while you navigate through the "
        "website. Out of these cookies, the cookies that are categorized as necessary are "
        "stored on your browser as they are essential for the working of the website. " * 3
    )
    result = clean_boilerplate(PAGE + "\n" + consent + "\nPrivacy Overview\n")
    assert "cookies" not in result.body
    assert result.paragraphs[0].startswith("Dock workers in Porto Vale")
    assert removed(result, "cookie_notice") == [" ".join(consent.split()), "Privacy Overview"]


def test_body_spans_a_related_box_with_prose_on_both_sides():
    # A lone short paragraph on one side is not worth crossing the box for: the run is a
    # balance of evidence, and a box followed by one paragraph looks like a teaser list.
    earlier = [
        "The council approved the budget on Monday after a debate that lasted six hours. " * 3,
        "Councillors voted 31 to 12 in favour, with four abstentions, the clerk said. " * 3,
        "It is the first budget in a decade to raise spending on public libraries. " * 3,
    ]
    later = [
        "The mayor said the new budget would fund two libraries and a swimming pool. " * 3,
        "Opposition councillors said the plan relied on optimistic forecasts of tax income. " * 3,
        "The budget takes effect in January and will be reviewed again in the summer. " * 3,
    ]
    page = (
        "Budget approved\n\n" + "\n\n".join(earlier) + "\n\nRelated Stories\n"
        "Library hours cut again\nPool reopens after repairs\n\n"
        + "\n\n".join(later)
        + "\n\nRelated Stories\n"
        "Council elects chair\nBudget row explained\nSchool board meets\n"
        "© 2026 City Paper. All rights reserved.\n"
    )
    result = clean_boilerplate(page)
    assert result.paragraphs == [" ".join(p.split()) for p in [*earlier, *later]]
    assert "Pool reopens after repairs" in removed(result, "related_list")
    assert "School board meets" in removed(result, "related_list")


ARTICLE = [
    "Harbor pilots vote to end strike",
    "Harbor pilots in Marlow Bay voted on Sunday to end a four-day strike after the port "
    "authority agreed to a new pay deal, the union said in a statement on its website.",
    "Ships that had waited outside the harbor began moving again on Sunday evening, and the "
    "port expects to clear the backlog of container vessels by Wednesday at the latest.",
]
MORE = [
    "The strike had stranded more than forty ships outside the harbor and cost the port an "
    "estimated two million dollars a day, according to figures from the port authority.",
    "The new deal raises pilots' pay by six percent over two years and adds a second pilot "
    "on night shifts, which the union had demanded since an accident in the spring.",
    "Port officials said the first container vessels would dock on Monday morning and that "
    "cruise ships due later in the week would keep their berths as planned.",
]
CHROME_TOP = ["Home", "World", "Business", "Sport", "Marlow Bay Herald"]
CHROME_END = ["Share this article", "Related Stories", "Ferry fares rise again",
              "Port opens new terminal", "© 2026 Marlow Bay Herald. All rights reserved."]  # fmt: skip


def page_of(*parts: list[str]) -> str:
    """A page as a copied one looks: a menu, the headline and byline, the article's
    paragraphs, then the share bar, related stories and footer."""
    lines = [*CHROME_TOP, ARTICLE[0], "By Ann Lee", "March 3, 2026"]
    for part in parts:
        lines += part
    return "\n".join([*lines, *CHROME_END])


def test_a_comment_thread_after_the_article_is_not_body():
    comment = (
        "I think this is a terrible deal for the city and the pilots should have held out for "
        "a lot more money, because the port makes record profits every single year now."
    )
    article = ARTICLE + [
        "The strike had stranded more than forty ships outside the harbor and cost the port an "
        "estimated two million dollars a day, according to figures from the port authority.",
        "The new deal raises pilots' pay by six percent over two years and adds a second pilot "
        "on night shifts, which the union had demanded since an accident in the spring.",
    ]
    thread = ["[ 214 comments ]", "Top Rated Comments"]
    for number in range(6):
        thread += [f"reader{number}", f"{number + 1} days ago at 07:52 am", comment]
    result = clean_boilerplate("\n".join(article + thread))
    assert result.body == "\n\n".join(article[1:])
    assert len(removed(result, "comments")) >= 6 * 3


def test_a_comments_link_in_the_menu_does_not_end_the_page():
    result = clean_boilerplate("\n".join(["Home", "Comments", "Sport", *ARTICLE]))
    assert result.body == "\n\n".join(ARTICLE[1:])


def test_a_numbered_list_of_short_items_stays_in_the_body():
    items = ["1) Lego bridge set", "http://example.com/a", "2) Ferry timetable poster",
             "3) Harbor pilot's cap", "4) Tide table for 2027"]  # fmt: skip
    result = clean_boilerplate(page_of(ARTICLE[1:], MORE[:1], items, MORE[1:]))
    assert result.paragraphs == [*ARTICLE[1:], MORE[0], *items, *MORE[1:]]


def test_an_author_note_ends_the_article():
    teaser = (
        "Dozens of bushfires are spreading across the country, burning more than two million "
        "acres and putting wildlife in harm's way, officials said on Tuesday evening."
    )
    page = [*ARTICLE, "Mara Quint is a freelance writer living in Lakeport", "BURNING", teaser]
    result = clean_boilerplate("\n".join(page))
    assert result.body == "\n\n".join(ARTICLE[1:])
    assert removed(result, "author_bio") == ["Mara Quint is a freelance writer living in Lakeport"]


def test_a_ranked_table_stays_in_the_body():
    rows = [f"{rank} Driver {chr(64 + rank)} {5000 - rank * 10} {rank % 3} 0 12 20" for rank in
            range(1, 13)]  # fmt: skip
    table = ["Pos. Driver Points Wins Poles Top 5 Top 10", *rows]
    result = clean_boilerplate(page_of(ARTICLE[1:], table, MORE))
    for row in rows:
        assert row in result.paragraphs
    assert result.paragraphs[-len(MORE) :] == MORE


def test_a_photo_credit_line_removes_itself_and_the_caption_above_it():
    caption = "Ferries wait at the Marlow Bay terminal after the bridge closed on Monday."
    credit = "Sam Ortiz/Harbor Images/Getty Images"
    result = clean_boilerplate(page_of(ARTICLE[1:2], [caption, credit], ARTICLE[2:], MORE))
    assert result.paragraphs == [*ARTICLE[1:], *MORE]
    assert set(removed(result, "caption")) == {caption, credit}


def test_a_long_line_of_capitalised_menu_items_is_not_prose():
    menu = " ".join(f"Section{n} Topic{n}" for n in range(15))  # 30 words, no sentence
    result = clean_boilerplate("\n".join([menu, *ARTICLE]))
    assert result.body == "\n\n".join(ARTICLE[1:])


def test_an_ad_slot_between_paragraphs_is_not_their_neighbour():
    lines = split_lines(
        "The first paragraph of the article has many words so that it reads as prose here.\n"
        "Advertisement\n"
        "The second paragraph of the article also has many words and it reads as prose.\n"
        "Tags: water, climate"
    )
    classify(lines)
    rows = features(lines, prose_scores(lines))
    before, after = FEATURES.index("prose_1"), FEATURES.index("prose_-1")
    assert [line.kind for line in lines] == [None, "inline", None, "end"]
    # the second paragraph follows the first, the first precedes the second
    assert rows[2, before] == rows[0, FEATURES.index("prose")] > 0
    assert rows[0, after] == rows[2, FEATURES.index("prose")] > 0
    assert rows[3, after] == 0 and rows[0, before] == 0  # nothing beyond the page's ends


def test_character_shares_count_as_the_per_line_definitions_do():
    """The page-at-once character counts equal the plain per-line definitions, also for
    characters beyond the Basic Multilingual Plane, CJK, superscript digits and '_'."""
    import re

    from etl.page.characters import capitalised_share, character_shares
    from etl.page.lines import split_lines

    texts = [
        "The Mayor said: “We will rebuild.” Work starts in May.",
        "HOME | NEWS | SPORT",
        "snake_case and x² are 2 oddities! Right? yes.",
        "Emoji 🎉🚀 beyond the plane 𝐁𝐨𝐥𝐝 and Ünïcödé.",
        "東京都は13日、新しい計画を発表した。住民は歓迎している。",
        "a",
    ]
    lines = split_lines("\n".join(texts))
    shares = character_shares([line.text for line in lines])
    for line, row in zip(lines, shares, strict=True):
        text, length = line.text, len(line.text)
        expected = [
            capitalised_share(text),
            sum(map(str.isdigit, text)) / length,
            len(re.findall(r"[^\w\s]|_", text)) / length,
            min(len(re.findall(r"[.!?。！？](\s|$)", text)), 10),
            sum(map(str.isupper, text)) / length,
        ]
        assert row.tolist() == expected, text


def test_text_caches_are_emptied_for_a_cold_benchmark_pass():
    from etl.page.memo import forget_seen_texts
    from etl.page.people import byline_of_line
    from etl.page.rules import match

    match("Advertisement")
    byline_of_line("By Jane Roe")
    assert match.cache_info().currsize > 0 and byline_of_line.cache_info().currsize > 0
    forget_seen_texts()
    assert match.cache_info().currsize == 0 and byline_of_line.cache_info().currsize == 0


def test_clean_stage_quarantines_a_text_longer_than_any_page_before_reading_it():
    import pandas as pd

    from etl.limits import MAX_PAGE_WORDS
    from etl.stages.read import read_files

    book = "The port said traffic rose again. " * (MAX_PAGE_WORDS // 6 + 1)  # one line
    long_markup = "<html><body>" + "<p>The port said traffic rose again.</p>" * 40_000
    files = pd.DataFrame(
        {
            "sha256": ["book", "page", "markup"],
            "path": ["book.txt", "page.txt", "markup.html"],
            "outcome": ["new"] * 3,
            "format": ["text", "text", "html"],
            "text": [book, PAGE, long_markup + "</body></html>"],
        }
    )
    cleaned, failures = read_files(files)
    reasons = dict(zip(failures["sha256"], failures["reason"], strict=True))
    assert reasons["book"] == "page_too_long"
    assert reasons.get("markup") != "page_too_long"  # HTML is read, then judged by its body
    assert "page" not in reasons
    assert cleaned.set_index("sha256").loc["page", "title"] == "Harbour strike ends after six days"


def test_a_long_run_of_menu_lines_separates_the_article_from_blurbs_below_it():
    """Short lines the model calls boilerplate cost the best run as much as a 12-unit line
    each: the run does not cross 20 menu items to take in a footer of service blurbs (which,
    at the cost of their own units, it would)."""
    article = [
        f"Dock workers in Porto Vale voted on day {day} to end the strike that had left "
        f"{day * 10} ships waiting outside the harbour for more than a week, the union said "
        "in a statement, and the port authority said that traffic would be back to normal "
        "by the end of the month once the backlog of ships had been cleared."
        for day in range(6)
    ]
    menu = [f"{section} {number}" for number in range(10) for section in ("Sport", "Travel")]
    blurbs = [
        f"Service {n} of our group books trips to every port on the coast." for n in range(12)
    ]
    page_lines = split_lines("\n".join(article + menu + blurbs))
    classify(page_lines)
    rows = features(page_lines, prose_scores(page_lines))
    probability = np.array([0.99] * 6 + [0.05] * 20 + [0.7] * 12)
    selection = body.select(page_lines, probability, rows, "text")
    assert [line.index for line in selection.body_lines] == list(range(6))
    # one short line between two paragraphs still costs the run little
    two_paragraphs = split_lines("\n".join([article[0], "Harbour", article[1]]))
    classify(two_paragraphs)
    rows = features(two_paragraphs, prose_scores(two_paragraphs))
    kept = body.select(two_paragraphs, np.array([0.99, 0.05, 0.99]), rows, "text")
    assert [line.index for line in kept.body_lines] == [0, 2]


def test_the_decoding_drops_doubtful_lines_inside_the_run_and_keeps_sure_ones_outside_it():
    """keep_inside: a line inside the best run below it is left out (a caption the article
    wraps); keep_outside: a line outside the run at or above it is kept (an article resumed
    after a box)."""
    paragraphs = [
        f"Ferry crews in Lakeport met on day {day} to vote on the offer the operator made "
        "last week, which raises pay by four percent and adds two crew members to every "
        "night crossing, and the union said it would announce the result on Friday."
        for day in range(5)
    ]
    menu = [f"Section {n}" for n in range(30)]
    page_lines = split_lines("\n".join(paragraphs[:2] + ["Photo"] + paragraphs[2:4] + menu
                                       + paragraphs[4:]))  # fmt: skip
    classify(page_lines)
    rows = features(page_lines, prose_scores(page_lines))
    probability = np.array([0.99, 0.99, 0.15, 0.99, 0.99] + [0.01] * 30 + [0.96])

    def kept(keep_inside: float, keep_outside: float) -> list[int]:
        how = body.Decoding(keep_inside, keep_outside, gap_units=0.0, prose_weight=0.0)
        selection = body.select(page_lines, probability, rows, "text", how)
        return [line.index for line in selection.body_lines]

    assert kept(0.2, 0.95) == [0, 1, 3, 4, 35]
    assert kept(0.1, 0.95) == [0, 1, 2, 3, 4, 35]
    assert kept(0.2, 0.98) == [0, 1, 3, 4]
