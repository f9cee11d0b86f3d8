"""Bylines: people are authors; outlets, agencies and desks are credits."""

import pytest

from etl.page.people import outlet_of, read_byline


@pytest.mark.parametrize(
    ("byline", "people", "credits"),
    [
        ("By Ann Lee and Bob Smith", ("Ann Lee", "Bob Smith"), ()),
        ("Von Klaus Berger", ("Klaus Berger",), ()),
        ("Par Marie Dupont et Luc Martin", ("Marie Dupont", "Luc Martin"), ()),
        ("Por Carlota Guindal", ("Carlota Guindal",), ()),
        ("Lena Krüger und Jörg Wendt, dpa", ("Lena Krüger", "Jörg Wendt"), ("dpa",)),
        ("Mathias Hagen / Journalist", ("Mathias Hagen",), ()),
        ("Elena Varga Political Correspondent", ("Elena Varga",), ()),
        ("Redakteurin Anna Fink", ("Anna Fink",), ()),
        ("Brazil, Rachel", ("Rachel Brazil",), ()),
        ("Elena Oberholzer (obe)", ("Elena Oberholzer",), ()),
        ("Jane MorrowPublished Jul 17, 2024, 11:21am", ("Jane Morrow",), ()),
        ("Mara Quint · LKR News · Posted: Jan 3, 2024", ("Mara Quint",), ("LKR News",)),
        ("Ana del Monte", ("Ana del Monte",), ()),
        ("By LKR News", (), ("LKR News",)),
        ("LKR Staff", (), ("LKR Staff",)),
        ("The Associated Press", (), ("The Associated Press",)),
        ("lakeportbode.be", (), ("lakeportbode.be",)),
        ("Print Icon", (), ()),
        ("d.kuckelkorn@example.com", (), ()),
        ("김하늘 기자", ("김하늘",), ()),
        ("입력", (), ()),  # a two-character word without a reporter's title is no name
        ("By Mara Quint For Lakeportledger.Com", ("Mara Quint",), ()),
        ("Günstige Strom-Tarife für Vielnutzer", (), ()),  # "for" matters after "By" only
        ("Tom Reyes Travel News Reporter", ("Tom Reyes",), ()),
        ("Jane Roe Staff Writer", ("Jane Roe",), ()),
        ("BBC News Reporter", (), ("BBC News Reporter",)),
        ("Kommentar von Nina Oster", ("Nina Oster",), ()),
        ("Beitrag von Eva Lindner-Kraus", ("Eva Lindner-Kraus",), ()),
        ("Eine Analyse von Lena Roe", ("Lena Roe",), ()),
        ("Dr. Mara Quint", ("Mara Quint",), ()),
        # after a by-word a spaced dash separates parts; a headline's dash does not
        ("By Dan Hale - Lakeport Wire - Friday, May 1, 2026", ("Dan Hale",), ("Lakeport Wire",)),
        ("By Chris Wilson-Smith", ("Chris Wilson-Smith",), ()),
        ("Hafenfest - Pläne von Marlow und Lakeport: ein Streit", (), ()),
        ("Текст: Анна Орлова · 24 сентября 2018", ("Анна Орлова",), ()),
        ("Автор: Ярослав Коваль, корреспондент", ("Ярослав Коваль",), ()),
        ("Írta: Kovács Péter", ("Kovács Péter",), ()),
        ("Local Politics Politics", (), ()),  # a name does not repeat a word
        ("Okafor’s Funeral", (), ()),  # nor is it a possessive
        ("Conan O’Brien", ("Conan O’Brien",), ()),
        ("Von Anna Fink und Jan Roe", ("Anna Fink", "Jan Roe"), ()),  # Jan: a name, no month
        ("Mara June Quint", ("Mara June Quint",), ()),
        ("Tom Reyes Monday, February 29, 2016", ("Tom Reyes",), ()),
        ("By Ann Lee and Bob Smith for Example.com", ("Ann Lee", "Bob Smith"), ()),
        # page furniture shaped like a name: share buttons, log-in links, a "Last updated"
        # label in Turkish, a wire dateline's city and state, a police force
        ("Per E-Mail teilen E-Mail", (), ()),
        ("Auf X teilen", (), ()),  # a name does not end in an initial
        ("Linki Kopyala", (), ()),  # copy-link buttons
        ("Kopírovat odkaz", (), ()),
        ("Sign In | Join IAB", (), ()),
        ("Son Güncelleme : 30.04.2024 - 16:49", (), ()),
        ("MARLOW, Wash. —", (), ("MARLOW",)),
        ("Marlow Police Caught 2 Miscreants", (), ("Marlow Police Caught 2 Miscreants",)),
        ("Türkiye Haberleri", (), ("Türkiye Haberleri",)),
        ("John F. Kennedy", ("John F. Kennedy",), ()),
        ("by Tom Reyes22 Dec 2016", ("Tom Reyes",), ()),  # a name glued to its date
        ("Written by Tom Reyes\n    Edited by Jane Roe", ("Tom Reyes",), ()),
        ("新华社记者", (), ("新华社",)),  # "Xinhua reporter": the agency, its title written on
        ("记者 李华", ("李华",), ()),
        # a social handle beside the name; a date and time before it; a date after "on"
        ("By Jane Roe @JaneRoe Nov 18, 2025, 11:47am EST", ("Jane Roe",), ()),
        ("Tom Reyes @tomreyes / 2 days", ("Tom Reyes",), ()),
        ("Monday November 18, 2025 7:45 am PST by Mara Quint", ("Mara Quint",), ()),
        ("2025-11-20 17:27:46 Dan Hale", ("Dan Hale",), ()),
        ("By Elena Varga On 11/13/25 at 4:00 PM EST", ("Elena Varga",), ()),
        ("Von Anna Fink am 12. März 2024", ("Anna Fink",), ()),
        ("Jean Le Roux", ("Jean Le Roux",), ()),  # "le" ends a name before a date only
        ("Monday November 18, 2025", (), ()),
        (
            "Aus Radio Marlow 4 News vom 15.04.2024. Bild: Lakeport Press/Dan Hale",
            ("Dan Hale",),
            ("Aus Radio Marlow 4 News vom 15.04.2024. Bild: Lakeport Press",),
        ),
    ],
)
def test_bylines(byline, people, credits):
    found = read_byline([byline])
    assert found.people == people
    assert found.credits == credits


def test_the_outlet_itself_named_as_author_is_a_credit():
    assert read_byline(["Hafenblatt"], ("hafenblatt.de",)).credits == ("Hafenblatt",)


def test_a_desk_credit_names_its_outlet():
    assert outlet_of("Coastline Daily Staff") == "Coastline Daily"
    assert outlet_of("Reuters") == "Reuters"


def test_lines_that_may_not_name_people_name_none():
    """may_name_people is a guard: where it says no, read_byline finds nobody."""
    from etl.page.people import may_name_people, read_byline

    lines = [
        "By Jane Roe", "Brazil, Rachel", "김하늘 기자", "Von Anna Fink | 25.04.24", "home",
        "by jane roe", "Sport", "By TPN", "東京 特派員 山田太郎", "Photo: Getty", "Ünal Öz",
        "mit material von dpa", "Editor: J. Smith",
    ]  # fmt: skip
    for line in lines:
        if not may_name_people(line):
            assert read_byline([line]).people == (), line
    assert may_name_people("By Jane Roe") and may_name_people("김하늘 기자")
    assert not may_name_people("by jane roe") and not may_name_people("Sport")


@pytest.mark.parametrize(
    ("line", "marked"),
    [
        ("By Jane Roe", True),
        ("Von Anna Fink | 25.04.24", True),
        ("An analysis by Tom Reyes", True),
        ("김하늘 기자", True),
        ("Monday November 18, 2025 7:45 am PST by Mara Quint", True),  # its date set aside
        ("18.11.2025 Dan Hale", False),
        ("Jane Roe", False),
        ("Contact Us", False),
        ("Stand by the harbour", False),
    ],
)
def test_a_line_that_says_it_is_a_byline_is_marked(line, marked):
    from etl.page.people import is_marked_byline

    assert is_marked_byline(line) is marked
