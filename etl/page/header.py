"""Title, publication date, outlet, authors and section from a page's header zone.

The header zone is what precedes the body plus byline and dateline blocks inside it; never the
related-story lists after it, whose dates and bylines belong to other stories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.page.boilerplate import Block, CleanResult
from etl.page.dates import DATE_PATTERN, parse_date

# Words that make a byline name an organisation rather than a person.
_ORG_WORDS = frozenset(
    "news agency press reuters ap afp ani pti ians xinhua efe dpa upi staff desk bureau "
    "times post network media tv radio wire wires service services online daily herald "
    "tribune journal reporters correspondent correspondents team editorial editors "
    "newsroom report lite group channel magazine digital international bbc cnn voa".split()
)
_NAME_PARTICLES = frozenset("de di da del della van von der al el bin ibn la le du dos".split())
_SECTION_WORDS = frozenset(
    "world europe asia africa americas americas middle-east australia politics business "
    "economy markets money tech technology science health sport sports entertainment "
    "culture arts lifestyle travel opinion analysis national local nation us uk india "
    "china environment climate education media security defence defense crime law "
    "society religion".split()
)
_SITE_SUFFIX = re.compile(r"^(?P<title>.{15,}?)\s+[|–—-]\s+(?P<site>[^|–—-]{2,40})$")
_REPORTS = re.compile(
    r"(?:\breports|\breported by|\bwrites|\bsays)\s+(?P<outlet>[A-Z][\w&.' -]{2,40}?)\s*$"
)
_BY = re.compile(r"^(by|von|par|por|door|av|af)\s+", re.I)
_ROLE_SUFFIX = re.compile(r"\s+(staff( writers?)?|desk|team|reporters?|correspondents?)$", re.I)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?P<holder>[A-Z][\w&.' -]{2,40}?)[.,]"
)
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|&|\band\b|\|)\s*", re.I)


@dataclass
class Header:
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None


def header_zone(result: CleanResult) -> list[Block]:
    """Blocks before the body, plus byline and dateline blocks inside it."""
    last_body = max(
        (b.index for b in result.blocks if b.category is None), default=result.body_start
    )
    return [
        b
        for b in result.blocks
        if b.index < result.body_start
        or (b.index <= last_body and b.category in ("byline", "dateline"))
    ]


def read_header(result: CleanResult) -> Header:
    zone = header_zone(result)
    header = Header()
    title_block = _pick_title(zone)
    if title_block is not None:
        header.title, site = _split_site(title_block.text)
        title_block.category = "title"
        header.outlet = site
    for block in zone:
        if block.category in ("byline", "dateline"):
            people, outlets = _names(block)
            header.authors.extend(n for n in people if n not in header.authors)
            header.outlet = header.outlet or next(iter(outlets), None)
        header.published = header.published or _date(block)
        reported = _REPORTS.search(block.text)
        if reported and not header.outlet:
            header.outlet = reported.group("outlet").strip(" .")
    if not header.outlet:
        header.outlet = _site_from_any_title_line(zone, header.title)
    if not header.outlet:
        header.outlet = _copyright_holder(result.blocks)
    header.section = _section(zone, title_block)
    return header


def _pick_title(zone: list[Block]) -> Block | None:
    candidates = [
        (position, b)
        for position, b in enumerate(zone)
        if b.category in (None, "header", "navigation")
        and 3 <= b.words <= 30
        and not b.text.endswith(".")
        and "…" not in b.text
        and "..." not in b.text
    ]
    seen: set[str] = set()
    for _, block in candidates:
        key = _split_site(block.text)[0].casefold()
        if key in seen:  # printed twice (page title and headline): surely the title
            return block
        seen.add(key)
    if not candidates:
        return None
    # Headlines sit next to their byline or dateline; failing that, just above the body.
    anchors = [i for i, b in enumerate(zone) if b.category in ("byline", "dateline")]

    def distance(candidate: tuple[int, Block]) -> int:
        return min(abs(candidate[0] - anchor) for anchor in anchors)

    if anchors:
        nearest = min(candidates, key=distance)
        if distance(nearest) <= 2:
            return nearest[1]
    return candidates[-1][1]


def _split_site(text: str) -> tuple[str, str | None]:
    match = _SITE_SUFFIX.match(text)
    if match and len(match.group("site").split()) <= 4:
        return match.group("title").strip(), match.group("site").strip()
    return text, None


def _site_from_any_title_line(zone: list[Block], title: str | None) -> str | None:
    """'Headline - Site' printed as the page title, when the headline is printed alone too."""
    if not title:
        return None
    for block in zone:
        head, site = _split_site(block.text)
        if site and head.casefold() == title.casefold():
            return site
    return None


def _copyright_holder(blocks: list[Block]) -> str | None:
    """'© 2026 Harbor Ledger. All rights reserved.' names the outlet that published the page."""
    for block in reversed(blocks):
        if block.category == "footer":
            match = _COPYRIGHT.search(block.text)
            if match:
                return match.group("holder").strip()
    return None


def _menu_blocks(zone: list[Block]) -> set[int]:
    """Runs of three or more one- or two-word lines are navigation menus."""
    menu, run = set(), []
    for block in [*zone, None]:
        if block is not None and block.words <= 2:
            run.append(block.index)
            continue
        if len(run) >= 3:
            menu.update(run)
        run = []
    return menu


def _names(block: Block) -> tuple[list[str], list[str]]:
    """People and organisations named in a byline or an author-and-date line."""
    text = block.text
    date = DATE_PATTERN.search(text)
    if date:
        text = text[: date.start()]
    text = re.sub(r"\b(updated|published|posted)\b.*$", "", text, flags=re.I)
    text = _BY.sub("", text).strip(" -–—|•·,:")
    people, outlets = [], []
    for name in _SPLIT_NAMES.split(text):
        name = name.strip(" .-–—|")
        if not name:
            continue
        if _is_org(name):
            outlets.append(_ROLE_SUFFIX.sub("", name))
        elif _is_person(name):
            people.append(name)
    return people, outlets


def _is_org(name: str) -> bool:
    tokens = [t.casefold().strip(".") for t in name.split()]
    return any(t in _ORG_WORDS for t in tokens) or (name.isupper() and len(tokens) == 1)


def _is_person(name: str) -> bool:
    tokens = name.split()
    if not 2 <= len(tokens) <= 4 or any(ch.isdigit() for ch in name):
        return False
    return all(t[0].isupper() or t.casefold() in _NAME_PARTICLES for t in tokens)


def _date(block: Block) -> str | None:
    if block.category in ("byline", "dateline") or block.words <= 12:
        return parse_date(block.text)
    return None


def _section(zone: list[Block], title: Block | None) -> str | None:
    """A section name printed next to the headline (a kicker or a dateline's tail)."""
    if title is None:
        near = zone
    else:
        position = zone.index(title)
        near = zone[position + 1 :] + zone[max(0, position - 3) : position][::-1]
    menu = _menu_blocks(zone)
    for block in near:
        if block.index in menu:
            continue
        text = DATE_PATTERN.sub(" ", block.text)
        words = [w for w in re.split(r"[\s>/»|•·,]+", text) if w and w.lower() != "date"]
        candidates = [w for w in words if w.casefold() in _SECTION_WORDS]
        if candidates and len(words) <= 3:
            return candidates[-1].title() if candidates[-1].islower() else candidates[-1]
    return None
