"""Title, publication date, byline and outlet from a page's visible text.

Header reading is a set of small models, not a pile of rules: every candidate line (for the
title: the page's lines and the variants of its first line without site segments; for the
byline: the lines that name people; for the date: every date printed near the header or on a
"Published" line) is scored by a logistic model over features that carry across sites and
languages (position against the body and the headline, length, case, punctuation, likeness to
the first line, by-words, date shape, "Published/Veröffentlicht/Publié" keywords). The best
title is picked first; the byline and date are scored knowing where it is. The models are
fitted by `python -m etl train header` and shipped in etl/page/models/header.json.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import numpy as np

from etl.page.dates import DATE_PATTERN, DateMention, find_dates, has_time
from etl.page.fields import Header
from etl.page.lines import TERMINAL, Line
from etl.page.outlets import SITE_SEPARATOR, clean_outlet, is_company
from etl.page.people import BY_WORDS, is_agency, outlet_of, read_byline

# Candidates are looked for up to this many lines past the body's start (a byline or
# dateline often sits under the first paragraph's photo) and in lines up to this long.
HEADER_REACH = 8
MAX_TITLE_WORDS = 40
MAX_BYLINE_WORDS = 25
MAX_DATE_LINE_WORDS = 30
MAX_DATE_CANDIDATES = 60
# A headline has 3 to 30 words and no closing full stop; one line echoes the page title when
# it holds this share of the title's words; header marks are looked for this far below.
TITLE_SHAPE = (3, 30)
ECHO_SHARE = 0.9
NEIGHBOURHOOD = 4
# The body model may take a standfirst for the body's first line: the headline is looked for
# this many lines into the body too.
TITLE_SLACK = 2
SHORT_WORDS = 3
# A byline is a line no rule names, or one the rules call a byline or a dateline; never a
# caption ("Antony Blinken (Reuters)") or a related story.
BYLINE_CATEGORIES = (None, "byline", "dateline")
# Three short lines in a row are a menu; a section named in one is the menu's, not the
# article's.
MENU_RUN = 3
SECTION_WORDS = frozenset(
    "world europe asia africa americas middle-east australia politics business economy "
    "markets money tech technology science health sport sports entertainment culture arts "
    "lifestyle travel opinion analysis national local nation us uk india china environment "
    "climate education media security defence defense crime law society religion politik "
    "wirtschaft kultur wissen panorama ausland inland meinung politique économie monde "
    "sports société política economía internacional deportes cultura politica economia "
    "esteri cronaca".split()
)  # fmt: skip
_SECTION_EXTRA = frozenset("news nachrichten noticias actualités notizie nieuws and & -".split())
# Dates printed within this many lines after the body ("20 February, 2024" under the last
# paragraph) are candidates too.
DATE_TAIL = 10
_TOKEN = re.compile(r"\w+")
_COMMA = re.compile(r",\s+")
_DOMAIN = re.compile(r"\b(?:www\.)?([a-z0-9][a-z0-9-]{1,40}\.(?:[a-z]{2,3}\.)?[a-z]{2,6})\b")
# Domains a page names that are never its own.
_SERVICES = frozenset(
    "facebook twitter x instagram youtube google apple whatsapp tiktok linkedin pinterest "
    "reddit telegram t youtu bit goo flipboard spotify amazon microsoft wikipedia gmail "
    "outlook yahoo t-online-shop".split()
)
MAX_DOMAINS = 3
# "Published", "Updated" in the languages of the development pages, lowercased prefixes.
PUBLISHED_WORDS = (
    "published", "posted", "veröffentlicht", "erschienen", "publié", "publicado", "pubblicato",
    "gepubliceerd", "publikováno", "opublikowano", "yayınlanma", "yayın", "julkaistu",
    "publisert", "publicerad", "udgivet", "發布", "发布", "公開", "입력", "등록", "作成",
)  # fmt: skip
UPDATED_WORDS = (
    "updated", "last updated", "modified", "aktualisiert", "geändert", "stand", "mis à jour",
    "modifié", "actualizado", "actualización", "aggiornato", "bijgewerkt", "aktualizováno",
    "zaktualizowano", "güncelleme", "güncellendi", "oppdatert", "uppdaterad", "opdateret",
    "更新", "수정",
)  # fmt: skip
# "... reports Asian Lite News", "writes Harbor Ledger": an outlet credited in the text.
_REPORTED = re.compile(
    r"(?:\breports|\breported by|\bwrites|\bsays)\s+(?P<outlet>[A-Z][\w&.' -]{2,40}?)\s*$"
)
_RIGHTS = re.compile(
    r"\b(rights|reserved|riservat|vorbehalten|droits|derechos|direitos|rechten|prawa|práva"
    r"|haklar|copyright)",
    re.I,
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<holder>[^\W\d][\w&.'’ -]{1,50}?)"
    r"\s*(?:[.,|]|all rights|alle rechte|tous droits|$)",
    re.I,
)


@dataclass(frozen=True)
class Candidate:
    line: int  # index of the line it was read from
    text: str  # the title text, the byline's people joined, or the ISO date
    features: dict[str, float]
    stripped: str | None = None  # site segment removed from a title line


@lru_cache(maxsize=1)
def models() -> dict:
    """{field: {"features": [...], "mean": [...], "scale": [...], "coef": [...],
    "intercept": float, "threshold": float}}, fitted by `python -m etl train header`."""
    path = files("etl.page") / "models" / "header.json"
    return json.loads(path.read_text(encoding="utf-8"))


def score(field: str, candidates: list[Candidate], fitted: dict | None = None) -> np.ndarray:
    """The logistic model's probability for each candidate."""
    if not candidates:
        return np.zeros(0)
    model = (fitted or models())[field]
    rows = np.array([[c.features.get(f, 0.0) for f in model["features"]] for c in candidates])
    z = (rows - np.array(model["mean"])) / np.array(model["scale"])
    logits = z @ np.array(model["coef"]) + model["intercept"]
    return 1.0 / (1.0 + np.exp(-logits))


def read_header(
    lines: list[Line],
    body_start: int,
    body_probability: np.ndarray,
    language: str | None,
    fitted: dict | None = None,
) -> tuple[Header, dict[str, int]]:
    """The page's header fields from its text, and the lines they were read from (fitted:
    other models than the shipped ones, for cross-validation)."""
    header = Header()
    used: dict[str, int] = {}
    if not lines:
        return header, used
    fitted = fitted or models()
    context = Context(lines, body_start, body_probability, language)
    titles = title_candidates(context)
    if titles:
        best = titles[int(np.argmax(score("title", titles, fitted)))]
        header.set("title", best.text, "visible_text")
        used["title"] = best.line
        context.title_line = headline_line(context, best)
    outlets = outlet_candidates(context, header.title)
    if outlets:
        chances = score("outlet", outlets, fitted)
        best_index = int(np.argmax(chances))
        if chances[best_index] >= fitted["outlet"]["threshold"]:
            header.set("outlet", outlets[best_index].text, "visible_text")
    bylines = byline_candidates(context)
    if bylines:
        chances = score("byline", bylines, fitted)
        best_index = int(np.argmax(chances))
        if chances[best_index] >= fitted["byline"]["threshold"]:
            best = bylines[best_index]
            byline = read_byline([lines[best.line].text])
            header.set("authors", list(byline.people), "visible_text")
            header.credits = list(byline.credits)
            used["byline"] = best.line
    if not header.credits:  # "By VOA News": a by-line that names no person credits an outlet
        header.credits = credited(context)
    dates = date_candidates(context)
    if dates:
        best = dates[int(np.argmax(score("published", dates, fitted)))]
        header.set("published", best.text, "visible_text")
        used["dateline"] = best.line
    if header.outlet is None:  # below the model's threshold: a credit that is no agency,
        credit = next((outlet_of(c) for c in header.credits if not is_agency(c)), None)
        # an outlet the text credits ("...reports Asian Lite News"), the footer's holder
        holder = credit or reported_outlet(context) or copyright_holder(lines)
        if holder:
            header.set("outlet", holder, "visible_text")
    header.section = section(lines, context.title_line, context.reach())
    return header, used


@dataclass
class Context:
    lines: list[Line]
    body_start: int
    body_probability: np.ndarray
    language: str | None
    title_line: int | None = None

    @property
    def body_end(self) -> int:
        """One past the last line the body model gives even odds of being body."""
        likely = np.flatnonzero(self.body_probability >= 0.5)
        return int(likely[-1]) + 1 if len(likely) else len(self.lines)

    def reach(self) -> int:
        return min(len(self.lines), self.body_start + HEADER_REACH)

    def common(self, index: int) -> dict[str, float]:
        """Position and shape features every field's candidates share."""
        line = self.lines[index]
        offset = index - self.body_start
        title_offset = index - self.title_line if self.title_line is not None else 0
        probability = self.body_probability
        return {
            "position": math.log1p(index),
            "body_offset": _signed_log(offset),
            "before_body": float(offset < 0),
            "title_offset": _signed_log(title_offset),
            "near_title": float(self.title_line is not None and abs(title_offset) <= 3),
            "words": math.log1p(line.words),
            "terminal": float(line.text.endswith(TERMINAL)),
            "body_probability": float(probability[index]) if len(probability) > index else 0.0,
            "has_category": float(line.category is not None),
        }


def title_candidates(context: Context) -> list[Candidate]:
    lines = context.lines
    first = _page_title_tokens(lines[0])
    found = []
    reach = context.reach()
    marks = _header_marks(context, reach)
    shaped = [
        line.index
        for line in lines[:reach]
        if TITLE_SHAPE[0] <= line.words <= TITLE_SHAPE[1] and not line.text.endswith(".")
    ]
    # The headline is printed above the article; below its start only when nothing above is.
    above = [line for line in lines[: context.body_start + TITLE_SLACK] if _title_line(line)]
    for line in above or [line for line in lines[:reach] if _title_line(line)]:
        features = context.common(line.index) | _title_shape(line.text, first)
        features["first_line"] = float(line.index == 0)
        features.update(_neighbourhood(context, line.index, marks, shaped))
        found.append(Candidate(line.index, line.text, features))
    echoed = any(c.features["in_first"] >= ECHO_SHARE and c.line > 0 for c in found)
    variants = _first_line_variants(context, first)
    for candidate in found + variants:
        candidate.features["first_echoed"] = float(echoed)
    return found + variants


def _title_line(line: Line) -> bool:
    return 1 <= line.words <= MAX_TITLE_WORDS and _may_be_title(line.text, line)


def _page_title_tokens(first: Line) -> list[str]:
    """The words of the page's title line, which a copied page starts with; none when the
    first line is a section label, a date or a menu item rather than a title."""
    if first.words < TITLE_SHAPE[0] or not _may_be_title(first.text, first):
        return []
    return _tokens(first.text)


def _header_marks(context: Context, reach: int) -> tuple[set[int], set[int]]:
    """Lines that print a date, and lines that open with a by-word: a headline sits above
    them."""
    dated, bylined = set(), set()
    for line in context.lines[:reach]:
        if line.words <= MAX_DATE_LINE_WORDS and DATE_PATTERN.search(line.text):
            dated.add(line.index)
        if line.words <= MAX_BYLINE_WORDS and _starts_with_by(line.text):
            bylined.add(line.index)
    return dated, bylined


def _neighbourhood(
    context: Context, index: int, marks: tuple[set[int], set[int]], shaped: list[int]
) -> dict[str, float]:
    dated, bylined = marks
    below = range(index + 1, index + 1 + NEIGHBOURHOOD)
    following = [context.lines[i] for i in below if i < len(context.lines)]
    later_shaped = [i for i in shaped if index < i < context.body_start]
    return {
        "date_below": float(any(i in dated for i in below)),
        "byline_below": float(any(i in bylined for i in below)),
        "sentence_below": float(
            bool(following) and following[0].text.endswith(TERMINAL) and following[0].words >= 8
        ),
        "shaped_after": math.log1p(len(later_shaped)),
    }


def _first_line_variants(context: Context, first: list[str]) -> list[Candidate]:
    """The first line (a copied page's title: "Headline | Section | Site") without one or two
    trailing segments, or without its leading one."""
    text = context.lines[0].text
    if not _may_be_title(text, context.lines[0]):
        return []
    segments = [s for s in SITE_SEPARATOR.split(text) if s and s.strip()]
    if len(segments) < 2:  # "Headline, Site, 26.04.2024": commas, when nothing else divides
        segments = [s for s in _COMMA.split(text) if s.strip()]
    if len(segments) < 2:
        return []
    variants = []
    for cut in (1, 2, 3):
        if len(segments) > cut:
            head = _rejoin(text, segments[: len(segments) - cut])
            variants.append((head, segments[len(segments) - cut], f"strip_{cut}"))
    variants.append((_rejoin(text, segments[1:]), segments[0], "strip_lead"))
    found = []
    for head, site, kind in variants:
        if len(head.split()) < 2 or not _may_be_title(head):
            continue
        features = context.common(0) | _title_shape(head, first)
        features.update(first_line=1.0, **{kind: 1.0})
        features["site_words"] = math.log1p(len(site.split()))
        found.append(Candidate(0, head, features, stripped=site.strip()))
    return found


def _may_be_title(text: str, line: Line | None = None) -> bool:
    """A headline is none of the page's furniture: no line a boilerplate rule names (a
    dateline, a byline, a share bar), no bare date, no credit ("...reports Asian Lite")."""
    if line is not None and line.category is not None:
        return False
    if _REPORTED.search(text):
        return False
    words = [w.casefold().strip(".,:;|") for w in text.split()]
    if words and all(w in SECTION_WORDS or w in _SECTION_EXTRA for w in words):
        return False  # "Local News", "Wirtschaft": the section's label above the headline
    date = DATE_PATTERN.search(text) if any(c.isdigit() for c in text) else None
    return date is None or len(text) - (date.end() - date.start()) > len(text) / 2


def headline_line(context: Context, title: Candidate) -> int:
    """Where the headline is printed: the title's own line, unless that is the page's first
    line (its <title>) and a later line repeats it, as the visible headline does."""
    if title.line != 0:
        return title.line
    wanted = set(_tokens(title.text))
    best, best_share = 0, ECHO_SHARE
    for line in context.lines[1 : context.reach()]:
        tokens = set(_tokens(line.text))
        if tokens and wanted:
            share = len(tokens & wanted) / max(len(tokens), len(wanted))
            if share >= best_share:
                best, best_share = line.index, share
    return best


def outlet_candidates(context: Context, title: str | None) -> list[Candidate]:
    """The site segments of the first line ("Headline | Section | Site"), and the copyright
    holder of the footer, each with how site-like it is."""
    lines = context.lines
    text = lines[0].text
    segments = [s.strip() for s in SITE_SEPARATOR.split(text) if s and s.strip()]
    if len(segments) < 2:
        segments = [s.strip() for s in _COMMA.split(text) if s.strip()]
    options: list[tuple[str, str, list[str]]] = []
    if len(segments) >= 2:
        for cut in range(1, min(3, len(segments) - 1) + 1):
            options.append((segments[-cut], f"trailing_{cut}", segments[: len(segments) - cut]))
        options.append((segments[0], "leading", segments[1:]))
    holder = copyright_holder(lines)
    if holder:
        options.append((holder, "copyright", []))
    reported = reported_outlet(context)
    if reported:
        options.append((reported, "reported", []))
    for domain in _page_domains(lines):
        options.append((domain, "domain", []))
    title_tokens = _tokens(title or "")
    page = " ".join(line.text.casefold() for line in lines[1:])
    found = []
    for name, kind, rest in options:
        site = clean_outlet(name)
        if not site or re.fullmatch(r"[\d./\- ]+", site):
            continue
        rest_tokens = _tokens(" ".join(rest))
        shared = len(set(rest_tokens) & set(title_tokens))
        features = {
            kind: 1.0,
            "words": math.log1p(len(site.split())),
            "company": float(is_company(site)),
            "elsewhere": math.log1p(page.count(site.casefold())),
            "rest_is_title": shared / len(set(title_tokens)) if title_tokens else 0.0,
            "capitalised": float(site[:1].isupper()),
            "domain": float(bool(re.search(r"\.[a-z]{2,4}$", site.casefold()))),
        }
        found.append(Candidate(0, site, features))
    return found


def reported_outlet(context: Context) -> str | None:
    """An outlet credited in the header's text: "...reports Asian Lite News"."""
    for line in context.lines[: context.reach()]:
        reported = _REPORTED.search(line.text)
        if reported:
            return reported.group("outlet").strip(" .")
    return None


def _page_domains(lines: list[Line]) -> list[str]:
    """Domain names the page prints outside its body text (a footer's "© faz.net", a
    masthead's "t-online.de"), most printed first, social networks and tools aside."""
    counts: dict[str, int] = {}
    for line in lines:
        if line.words > MAX_BYLINE_WORDS:
            continue
        for domain in _DOMAIN.findall(line.text.casefold()):
            if domain.split(".")[0] not in _SERVICES:
                counts[domain] = counts.get(domain, 0) + 1
    return sorted(counts, key=lambda d: -counts[d])[:MAX_DOMAINS]


def _rejoin(text: str, segments: list[str]) -> str:
    first, last = segments[0].strip(), segments[-1].strip()
    start = text.find(first)
    end = text.rfind(last) + len(last)
    return text[start:end].strip(" |-–—:")


def _title_shape(text: str, first: list[str]) -> dict[str, float]:
    tokens = _tokens(text)
    digits = any(c.isdigit() for c in text)
    words = text.split()
    alpha = [w for w in words if w[:1].isalpha()]
    shared = len(set(tokens) & set(first))
    return {
        "chars": math.log1p(len(text)),
        "question": float(text.endswith(("?", "!"))),
        "colon_end": float(text.endswith(":")),
        "capitalised": sum(w[0].isupper() for w in alpha) / len(alpha) if alpha else 0.0,
        "all_caps": float(text.isupper()),
        "in_first": shared / len(set(tokens)) if tokens else 0.0,
        "first_in": shared / len(set(first)) if first else 0.0,
        "separator": float(SITE_SEPARATOR.search(text) is not None),
        "digits": sum(c.isdigit() for c in text) / max(len(text), 1),
        "ellipsis": float(text.endswith(("…", "..."))),
        "has_date": float(digits and DATE_PATTERN.search(text) is not None),
        "credit": float(_REPORTED.search(text) is not None),
    }


def byline_candidates(context: Context) -> list[Candidate]:
    found = []
    reach = context.reach()
    dated = _header_marks(context, reach)[0]
    runs = _short_runs(context.lines[:reach])
    for line in context.lines[:reach]:
        if not 1 <= line.words <= MAX_BYLINE_WORDS or line.category not in BYLINE_CATEGORIES:
            continue
        byline = read_byline([line.text])
        if not byline.people:
            continue
        text = line.text
        near = range(max(0, line.index - 2), min(len(context.lines), line.index + 3))
        features = context.common(line.index) | {
            "by_word": float(_starts_with_by(text)),
            "date_near": float(any(i in dated for i in near)),
            "short_run": math.log1p(runs[line.index]),
            "people": float(len(byline.people)),
            "credits": float(len(byline.credits)),
            "name_share": sum(len(p.split()) for p in byline.people) / max(line.words, 1),
            "has_date": float(bool(find_dates(text, context.language))),
            "separator": float(any(s in text for s in ("|", "·", "•", " - "))),
            "byline_category": float(line.category == "byline"),
            "dateline_category": float(line.category == "dateline"),
        }
        found.append(Candidate(line.index, "; ".join(byline.people), features))
    return found


def credited(context: Context) -> list[str]:
    """Outlets and agencies on the header's by-lines that name no person."""
    found: list[str] = []
    for line in context.lines[: context.reach()]:
        if line.words <= MAX_BYLINE_WORDS and _starts_with_by(line.text):
            byline = read_byline([line.text])
            if not byline.people:
                found.extend(c for c in byline.credits if c not in found)
    return found


def _starts_with_by(text: str) -> bool:
    lowered = text.casefold()
    return any(lowered.startswith(w + " ") or lowered.startswith(w + ":") for w in BY_WORDS)


def _short_runs(lines: list[Line]) -> list[int]:
    """For each line, the length of the run of short lines (up to 3 words) it is in: menus
    and icon rows come in long runs, a byline stands nearly alone."""
    runs = [0] * len(lines)
    start = 0
    for i in range(len(lines) + 1):
        if i == len(lines) or lines[i].words > SHORT_WORDS:
            for j in range(start, i):
                runs[j] = i - start
            start = i + 1
    return runs


def date_candidates(context: Context) -> list[Candidate]:
    mentions: list[tuple[int, DateMention]] = []
    reach = context.reach()
    tail = context.body_end + DATE_TAIL
    for line in context.lines:
        text = line.text
        in_zone = line.index < reach or context.body_end <= line.index < tail
        if not in_zone and not _has_word(text.casefold(), PUBLISHED_WORDS):
            continue
        if line.words > MAX_DATE_LINE_WORDS or not any(c.isdigit() for c in text):
            continue
        mentions.extend((line.index, m) for m in find_dates(text, context.language))
        if len(mentions) >= MAX_DATE_CANDIDATES:
            break
    if not mentions:
        return []
    days = [m.iso for _, m in mentions]
    header_days = [m.iso for index, m in mentions if index < context.body_start] or days
    found = []
    for rank, (index, mention) in enumerate(mentions):
        text = context.lines[index].text
        lowered = text.casefold()
        before = lowered[: mention.start]
        features = context.common(index) | {
            "rank": math.log1p(rank),
            "published_word": float(_has_word(before, PUBLISHED_WORDS)),
            "updated_word": float(_has_word(before, UPDATED_WORDS)),
            "published_line": float(_has_word(lowered, PUBLISHED_WORDS)),
            "updated_line": float(_has_word(lowered, UPDATED_WORDS)),
            "with_time": float(has_time(text[mention.end : mention.end + 12])),
            "date_share": (mention.end - mention.start) / max(len(text), 1),
            "repeated": float(days.count(mention.iso) > 1),
            "latest": float(mention.iso == max(header_days)),
            "earliest": float(mention.iso == min(header_days)),
            "byline_line": float(line_has_people(text)),
            "dateline_category": float(context.lines[index].category == "dateline"),
            "after_body": float(index >= context.body_end),
        }
        found.append(Candidate(index, mention.iso, features))
    return found


def section(lines: list[Line], title_line: int | None, reach: int) -> str | None:
    """A section name printed next to the headline (a kicker above it, a dateline's tail
    below it); never one of a menu's items."""
    if title_line is None:
        near = list(range(reach))
    else:
        near = list(range(title_line + 1, min(reach, title_line + 4)))
        near += list(range(title_line - 1, max(-1, title_line - 4), -1))
    runs = _short_runs(lines[:reach])
    for index in near:
        if runs[index] >= MENU_RUN:
            continue
        text = DATE_PATTERN.sub(" ", lines[index].text)
        words = [w for w in re.split(r"[\s>/»|•·,]+", text) if w and w.casefold() != "date"]
        found = [w for w in words if w.casefold() in SECTION_WORDS]
        if found and len(words) <= 3:
            return found[-1].title() if found[-1].islower() else found[-1]
    return None


@lru_cache(maxsize=4096)
def line_has_people(text: str) -> bool:
    return bool(read_byline([text]).people)


def copyright_holder(lines: list[Line]) -> str | None:
    """'© 2026 Harbor Ledger. All rights reserved.' names the publisher; a company's legal
    name is not an outlet."""
    for line in reversed(lines):
        if line.category != "footer":
            continue
        match = _COPYRIGHT.search(line.text)
        if match:
            holder = clean_outlet(match.group("holder").strip(" .-"))
            if (
                holder
                and not is_company(holder)
                and len(holder.split()) <= 5
                and not _RIGHTS.search(holder)
            ):
                return holder
    return None


def _has_word(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def _signed_log(value: float) -> float:
    return math.copysign(math.log1p(abs(value)), value)
