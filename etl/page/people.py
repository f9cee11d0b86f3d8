"""Bylines to people: authors are persons; outlets, wire agencies and desks are credits.

A byline is split into names ("A, B and C", "A und B, dpa", "A / Journalist"), each stripped of
the words around it in the languages news comes in ("By", "Von", "Par", "Por", "Di", "Av",
"Text:", roles such as "Redakteur" or "Correspondent", e-mail addresses, dates), and then sorted:
a wire agency, a desk or an organisation is a credit (the outlet or a wire), never an author; a
name must have the shape of a person's name to be one. When in doubt there is no author: an
empty byline is better than a wrong one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from etl.lexicon import either_word, word_set, words
from etl.page.dates import (
    PUBLISHED_WORDS,
    UPDATED_WORDS,
    after_leading_date,
    date_words,
    weekday_words,
)
from etl.page.memo import text_cache
from etl.page.outlets import SOCIAL_NETWORKS

_CJK_CHARACTER = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
# The lexicon's words (etl.lexicon, every language's), lowercased.
BY_WORDS = words("by_words")  # open a byline: "By", "Von", "Text:"
ROLE_WORDS = word_set("role_words")  # follow or precede a name; removed, never a name
HONORIFICS = word_set("honorifics")  # "Dr. Mara Quint" is Mara Quint
_BEFORE_NAMES = ROLE_WORDS | HONORIFICS  # "Redakteurin Anna Fink", "Dr. Mara Quint"
# Reporter and editor titles that follow or precede CJK names in bylines.
CJK_TITLES = tuple(word for word in words("role_words") if _CJK_CHARACTER.search(word))
_CJK_TITLE = re.compile("(" + "|".join(sorted(CJK_TITLES, key=len, reverse=True)) + ")")
DESK_WORDS = word_set("desk_words")  # the desk words of a credit that names an outlet's staff
# Wire agencies, named as pages credit them (lowercased): names, in no language's lexicon.
AGENCIES = frozenset(
    (
        "ap", "associated press", "the associated press", "reuters", "afp",
        "agence france-presse", "dpa", "deutsche presse-agentur", "sda", "sid", "kna", "epd",
        "apa", "ani", "pti", "ians", "xinhua", "efe", "ansa", "upi", "kyodo", "yonhap",
        "anadolu", "anadolu ajansı", "aa", "tass", "ria novosti", "bloomberg", "belga", "anp",
        "ntb", "tt", "ritzau", "ctk", "čtk", "pap", "europa press", "agenturen", "agencies",
        "agences", "wires", "dpa-afx", "awp", "keystone-sda", "news agencies", "cna", "ips",
        # in their own scripts
        "新华社", "中新社", "共同通信", "時事通信", "연합뉴스", "뉴시스", "中央社",
    )
)  # fmt: skip
# Words that make a name an organisation, desk or outlet rather than a person.
ORG_WORDS = word_set("org_words")
# Words of page furniture and of dates that follow a name on a byline line ("Jane Roe
# Published Jul 17", "Tom Reyes Follow"): a name ends before them, and a "name" made of them
# is none ("Print Icon", "Zum Inhalt", "Per E-Mail").
FURNITURE_WORDS = word_set("furniture_words") | {
    word for word in PUBLISHED_WORDS + UPDATED_WORDS if " " not in word
} | {
    network for network in SOCIAL_NETWORKS if len(network) > 1  # "X." is an initial too
}  # fmt: skip
NAME_PARTICLES = word_set("name_particles")
DATE_PREPOSITIONS = word_set("date_prepositions")  # "Jane Roe on 3/12/26"
_SPLIT = re.compile(rf"\s*(?:[,;&|/•·+]|\s(?:{either_word('name_joiners')})\s)\s*", re.I)
# After a by-word, a dash between spaces separates the byline's parts too ("By Jane Roe -
# Lakeport Wire - Monday"); elsewhere it is as often a headline's ("Hafenfest - Pläne von
# ..."), and a hyphen inside a name ("Wilson-Smith") has no spaces around it.
_DASH_SPLIT = re.compile(r"\s[-–—]\s")
_BY = re.compile(
    # a kind of piece before the by-word: "Kommentar von X", "An analysis by X"
    rf"^(?:(?:(?:{either_word('indefinite_articles')})\s+)?(?:{either_word('genre_words')})\s+)?"
    rf"(?:{either_word('by_words')})"
    r"(?:\s*[:\-–—]\s*|\s+)",
    re.I,
)
# "... for Lakeport.example": in a byline opened by a by-word, where the writer writes.
_WRITES_FOR = re.compile(rf"\s(?:{either_word('writes_for')})\s.*$", re.I)
_EMAIL = re.compile(r"\S+@\S+")
# "Jane Roe @janeroe": a social handle beside the name (taken off before run-together words
# are parted, which would make "@JaneRoe" a handle and a surname)
_HANDLE = re.compile(r"(?<![\w@])@\w+")
_CAMEL_JOIN = re.compile(r"([a-zà-ÿ]{3,})([A-ZÀ-Ý][a-zà-ÿ]{2,})")
_DIGIT_JOIN = re.compile(r"([^\W\d_]{2,})(\d)")  # "Quint22 Dec 2016": a name, then a date
_PARENS = re.compile(r"\s*[(\[][^)\]]{0,40}[)\]]")
_CJK = re.compile(r"^[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af·]{2,5}$")
_DIGIT = re.compile(r"\d")
_DOMAIN_END = re.compile(r"\.[a-z]{2,4}$")


@dataclass(frozen=True)
class Byline:
    people: tuple[str, ...]
    credits: tuple[str, ...]  # outlets, agencies and desks named in author fields


@text_cache(maxsize=16384)
def byline_of_line(text: str) -> Byline:
    """read_byline of one line of visible text, cached: a page's header lines are read for
    a byline several times, and many pages share their furniture."""
    return read_byline([text])


def may_name_people(text: str) -> bool:
    """False when read_byline cannot find a person in the text: a name has two capitalised
    words (is_person_name), or is a CJK name beside a reporter's title."""
    return sum(map(str.isupper, text)) >= 2 or any(title in text for title in CJK_TITLES)


def is_marked_byline(text: str) -> bool:
    """The line says it is a byline: it opens with a by-word ("By Jane Roe", "Von Anna
    Fink") or carries a CJK reporter's title ("김하늘 기자")."""
    opening = after_leading_date(text.strip())
    return bool(_BY.match(opening)) or bool(_CJK_TITLE.search(text))


def read_byline(
    values: list[str], outlet_names: tuple[str, ...] = (), *, structured: bool = False
) -> Byline:
    """People and credits in author-field values (each a name or a whole byline).

    structured: the values come from the page's metadata, which names authors as such. In
    visible text a two- or three-character CJK word is a name only beside a reporter's title
    ("김하늘 기자"): otherwise it is as likely a menu label.
    """
    people: list[str] = []
    credits: list[str] = []
    outlets = {_key(o) for o in outlet_names if o}
    named: set[str] = set()  # the people's keys
    # a value of several lines ("Written by X\n Edited by Y") is several bylines
    lines = [line for value in values for line in value.splitlines() if line.strip()]
    for value in lines:
        cjk_titled = structured or any(title in value for title in CJK_TITLES)
        for part, name in _parts(value):
            # "Example News", "Metro Staff" are credits before roles go; "Jane Roe Travel News
            # Reporter", ending in a person's role, is Jane Roe
            person = is_person_name(name) and not is_credit(name, outlets)
            if is_credit(part, outlets) and not (person and _ends_in_a_persons_role(part)):
                credits.append(part)
            elif name != part and is_credit(name, outlets):
                credits.append(name)
            elif _CJK.match(name.replace(" ", "")) and not cjk_titled:
                continue
            elif person and _key(name) not in named:
                people.append(name)
                named.add(_key(name))
    return Byline(tuple(people), tuple(dict.fromkeys(credits)))


def _ends_in_a_persons_role(part: str) -> bool:
    """The part's last word is a role a person has ("Reporter"), not a desk's ("Staff")."""
    words = part.split()
    last = words[-1].casefold().strip(".:,") if words else ""
    return last in ROLE_WORDS and last not in DESK_WORDS and last not in ORG_WORDS


def split_names(value: str) -> list[str]:
    """The names in one byline, cleaned of by-words, roles, e-mails and parentheses."""
    return [name for _, name in _parts(value)]


def _parts(value: str) -> list[tuple[str, str]]:
    """(part, name) for each part of a byline: the part without its by-word, and the name
    in it once roles and trailing furniture are gone."""
    value = unicodedata.normalize("NFC", value)
    value = _EMAIL.sub(" ", value)
    value = _HANDLE.sub(" ", value)
    value = _CAMEL_JOIN.sub(r"\1 \2", value)  # "MillsPublished": two words run together
    value = _DIGIT_JOIN.sub(r"\1 \2", value)
    value = after_leading_date(value)
    value = _PARENS.sub(" ", value)
    value = _CJK_TITLE.sub(r" \1 ", value)  # "新华社记者": the title written onto the name
    value = " ".join(value.split()).strip(" .:-–—|,;")
    if _is_last_first(value):
        last, first = (part.strip() for part in value.split(","))
        return [(value, f"{first} {last}")]
    # "By Ann Lee and Bob Smith for Example.com": after a by-word, the writers' outlet goes
    bylined = _BY.match(value) is not None
    names = []
    parts = _SPLIT.split(value)
    if bylined:
        parts = [piece for part in parts for piece in _DASH_SPLIT.split(part)]
    for part in parts:
        part = _BY.sub("", part.strip(" .:-–—")).strip(" .:-–—")
        if bylined:
            part = _WRITES_FOR.sub("", part).strip(" .:-–—")
        words = part.split()
        while words and words[0].casefold().strip(".:,") in _BEFORE_NAMES:
            words = words[1:]  # "Redakteurin Anna Fink", "Dr. Mara Quint"
        name = " ".join(_leading_name(_drop_roles(words))).strip(" .:-–—")
        if name:
            names.append((part, name))
    return names


def _leading_name(words: list[str]) -> list[str]:
    """The words of a name at the start of words: up to a number, furniture, a weekday, or a
    month or a preposition before a number or another date word ("Jane Roe Jul 17", "Tom Reyes
    Monday", "Jane Roe on 3/12/26"; "Jan Roe" and "Mara June Quint" are names)."""
    kept = []
    dates, weekdays = date_words(), weekday_words()
    for i, word in enumerate(words):
        bare = word.casefold().strip(".:,;!?")
        if _DIGIT.search(word) or bare in FURNITURE_WORDS or bare in weekdays:
            break
        following = words[i + 1].casefold().strip(".:,;!?") if i + 1 < len(words) else ""
        date_ahead = _DIGIT.search(following) or following in dates
        if (bare in dates or bare in DATE_PREPOSITIONS) and date_ahead:
            break  # "Jane Roe Jul 17", "Jane Roe on 3/12/26", "Anna Fink am 12. März"
        kept.append(word)
    return kept


def _drop_roles(words: list[str]) -> list[str]:
    """Roles and desks out of a name's words; a role's one qualifier before it goes too
    ("Elena Varga Political Correspondent" is Elena Varga)."""
    kept: list[str] = []
    for word in words:
        if word.casefold().strip(".:,") in ROLE_WORDS:
            if len(kept) > 2:
                kept.pop()  # the qualifier: "Political", "Parliamentary"
            break
        kept.append(word)
    return kept


def _is_last_first(value: str) -> bool:
    """'Brazil, Rachel' (citation style): one comma between two single capitalised words;
    not a wire dateline's city in capitals and its state ("AUBURN, Wash.")."""
    parts = [part.strip() for part in value.split(",")]
    return len(parts) == 2 and all(
        len(p.split()) == 1 and p[:1].isupper() and p.isalpha() and not p.isupper() for p in parts
    )


def is_credit(name: str, outlets: set[str] = frozenset()) -> bool:
    """An agency, desk, outlet or organisation named where a person could be."""
    key = _key(name)
    if not key:
        return False
    if key in AGENCIES or key in outlets or any(_similar_outlet(key, o) for o in outlets):
        return True
    words = key.replace("-", " ").replace(".", " ").split()
    if any(w in _ORG_KEYS for w in words):
        return True
    # "lakeportledger.com", "LKR Staff": a domain, or a short all-capitals acronym
    if _DOMAIN_END.search(key):
        return True
    return len(words) == 1 and name.isupper() and len(name) <= 6


def outlet_of(credit: str) -> str:
    """The outlet a desk credit names: "Coastline Daily Staff" is Coastline Daily."""
    words = credit.split()
    while len(words) > 1 and words[-1].casefold().strip(".") in DESK_WORDS:
        words.pop()
    return " ".join(words)


def is_agency(name: str) -> bool:
    return _key(name) in AGENCIES


def is_person_name(name: str) -> bool:
    """Shaped like a person's name: two to five different words, capitalised (particles
    aside), no digits, no possessive, not ending in an initial; or two to five CJK
    characters."""
    if _CJK.match(name.replace(" ", "")):
        return True
    words = name.split()
    if not 2 <= len(words) <= 5 or _DIGIT.search(name) or "@" in name:
        return False
    if len({word.casefold() for word in words}) < len(words):
        return False  # "Local Politics Politics": a name does not repeat a word
    capitalised = 0
    for word in words:
        if word.endswith(("'s", "’s")):
            return False  # "Geingob’s Funeral": a possessive, a headline's
        bare = word.strip(".'’")
        if not bare or bare.casefold() in FURNITURE_WORDS:
            return False
        if bare.casefold() in NAME_PARTICLES:
            continue
        if not (bare[0].isupper() and all(c.isalpha() or c in "-'’." for c in bare)):
            return False
        capitalised += 1
    # a surname is more than an initial: "Auf X" is a share button's "on X"
    return capitalised >= 2 and len(words[-1].strip(".'’")) > 1


def _key(name: str) -> str:
    text = name.casefold()
    if not text.isascii():  # accents off: "Échos" is "echos"
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("www.", "").split()).strip(" .,:;-")


# ORG_WORDS as names' keys spell them (accents off): "Rédaction" is a desk, as "Redaktion" is.
_ORG_KEYS = frozenset(map(_key, ORG_WORDS))


def _similar_outlet(key: str, outlet: str) -> bool:
    """'lakeportledger.com' for Lakeport Ledger, 'Le Reveil' for Le Réveil: one contains the
    other's core."""
    a, b = _core(key), _core(outlet)
    if len(a) < 3 or len(b) < 3:
        return False
    short, long_ = sorted((a, b), key=len)
    return short in long_ and len(short) * 2 >= len(long_)


def _core(key: str) -> str:
    words = re.findall(r"\w+", key)
    words = [w for w in words if w not in ("the", "www", "com", "de", "online", "news")]
    return "".join(words)
