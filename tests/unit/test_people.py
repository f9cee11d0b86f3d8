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
        ("Felix Schröder und Jörg Soldwisch, dpa", ("Felix Schröder", "Jörg Soldwisch"), ("dpa",)),
        ("Mathias Hagen / Journalist", ("Mathias Hagen",), ()),
        ("Amy Gibbons Political Correspondent", ("Amy Gibbons",), ()),
        ("Redakteurin Anna Fink", ("Anna Fink",), ()),
        ("Brazil, Rachel", ("Rachel Brazil",), ()),
        ("Elena Oberholzer (obe)", ("Elena Oberholzer",), ()),
        ("Jen MillsPublished Jul 17, 2024, 11:21am", ("Jen Mills",), ()),
        ("Yasmine Hassan · CBC News · Posted: Jan 3, 2024", ("Yasmine Hassan",), ("CBC News",)),
        ("Chus del Pino", ("Chus del Pino",), ()),
        ("By VOA News", (), ("VOA News",)),
        ("MND Staff", (), ("MND Staff",)),
        ("The Associated Press", (), ("The Associated Press",)),
        ("nieuwsblad.be", (), ("nieuwsblad.be",)),
        ("Print Icon", (), ()),
        ("d.kuckelkorn@example.com", (), ()),
        ("박준석 기자", ("박준석",), ()),
        ("입력", (), ()),  # a two-character word without a reporter's title is no name
        ("By Dolores Chang For Dailymail.Com", ("Dolores Chang",), ()),
        ("Günstige Minuten-Tarife für Normalsurfer", (), ()),  # "for" matters after "By" only
        ("Sophie Foster Travel News Reporter", ("Sophie Foster",), ()),
        ("Meg James Staff Writer", ("Meg James",), ()),
        ("BBC News Reporter", (), ("BBC News Reporter",)),
        ("Kommentar von Nicole Opitz", ("Nicole Opitz",), ()),
        ("Beitrag von Eva Kirchner-Rätsch", ("Eva Kirchner-Rätsch",), ()),
        ("Eine Analyse von Lena Roe", ("Lena Roe",), ()),
        ("Dr. Max Kolter", ("Max Kolter",), ()),
        ("Текст: Анна Орлова · 24 сентября 2018", ("Анна Орлова",), ()),
        ("Автор: Ярослав Коваль, корреспондент", ("Ярослав Коваль",), ()),
        ("Írta: Kovács Péter", ("Kovács Péter",), ()),
        ("Federal Politics Politics", (), ()),  # a name does not repeat a word
        ("Geingob’s Funeral", (), ()),  # nor is it a possessive
        ("Conan O’Brien", ("Conan O’Brien",), ()),
        ("Von Anna Fink und Jan Roe", ("Anna Fink", "Jan Roe"), ()),  # Jan: a name, no month
        ("Laura June Topolsky", ("Laura June Topolsky",), ()),
        ("Joe Wee Monday, February 29, 2016", ("Joe Wee",), ()),
        ("By Ann Lee and Bob Smith for Example.com", ("Ann Lee", "Bob Smith"), ()),
        # page furniture shaped like a name: share buttons, log-in links, a "Last updated"
        # label in Turkish, a wire dateline's city and state, a police force
        ("Per E-Mail teilen E-Mail", (), ()),
        ("Auf X teilen", (), ()),  # a name does not end in an initial
        ("Linki Kopyala", (), ()),  # copy-link buttons
        ("Kopírovat odkaz", (), ()),
        ("Sign In | Join IAB", (), ()),
        ("Son Güncelleme : 30.04.2024 - 16:49", (), ()),
        ("AUBURN, Wash. —", (), ("AUBURN",)),
        ("Samastipur Police Caught 2 Miscreants", (), ("Samastipur Police Caught 2 Miscreants",)),
        ("Türkiye Haberleri", (), ("Türkiye Haberleri",)),
        ("John F. Kennedy", ("John F. Kennedy",), ()),
        ("by Lucas Nolan22 Dec 2016", ("Lucas Nolan",), ()),  # a name glued to its date
        ("Written by Rob Ewaschuk\n    Edited by Betsy Beyer", ("Rob Ewaschuk",), ()),
        ("新华社记者", (), ("新华社",)),  # "Xinhua reporter": the agency, its title written on
        ("记者 李华", ("李华",), ()),
        (
            "Aus SRF 4 News vom 15.04.2024. Bild: Keystone/Adam Schultz",
            ("Adam Schultz",),
            ("Aus SRF 4 News vom 15.04.2024. Bild: Keystone",),
        ),
    ],
)
def test_bylines(byline, people, credits):
    found = read_byline([byline])
    assert found.people == people
    assert found.credits == credits


def test_the_outlet_itself_named_as_author_is_a_credit():
    assert read_byline(["Sportschau"], ("sportschau.de",)).credits == ("Sportschau",)


def test_a_desk_credit_names_its_outlet():
    assert outlet_of("Coastline Daily Staff") == "Coastline Daily"
    assert outlet_of("Reuters") == "Reuters"


def test_lines_that_may_not_name_people_name_none():
    """may_name_people is a guard: where it says no, read_byline finds nobody."""
    from etl.page.people import may_name_people, read_byline

    lines = [
        "By Jane Roe", "Brazil, Rachel", "박준석 기자", "Von Anna Fink | 25.04.24", "home",
        "by jane roe", "Sport", "By TPN", "東京 特派員 山田太郎", "Photo: Getty", "Ünal Öz",
        "mit material von dpa", "Editor: J. Smith",
    ]  # fmt: skip
    for line in lines:
        if not may_name_people(line):
            assert read_byline([line]).people == (), line
    assert may_name_people("By Jane Roe") and may_name_people("박준석 기자")
    assert not may_name_people("by jane roe") and not may_name_people("Sport")
