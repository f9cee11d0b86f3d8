"""Separate an article's body from the page chrome around it, from text alone.

Each non-empty line of a page is a block. Blocks that match high-precision patterns get a
boilerplate category. The rest are scored by how much they read like prose (length and
sentence punctuation, not vocabulary, so non-English pages work too), and the body is the
contiguous run of blocks with the highest total score (the maximum-subarray problem).

Pattern blocks affect that run in three ways: *inline* boilerplate (captions, "ALSO READ"
links, ads, share bars) sits inside articles, so it scores zero and does not split the body;
*end markers* (comment prompts, "Source link", cookie notices, footers) start the page
furniture after an article, so they are hard boundaries the body never crosses; related-story
headings and newsletter prompts are *soft* end markers, a large penalty rather than a wall,
because they also open boxes inside articles after which the body resumes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.page.dates import DATE_PATTERN

INLINE = "inline"
END = "end"

_RELATED_HEADING = re.compile(
    r"^(related|related (stories|articles|posts|news|content|coverage|topics|links|reading)"
    r"|more (stories|news|articles|videos|headlines)|more (from|in|on) .{1,40}"
    r"|latest|latest (news|stories|posts|articles|headlines|updates|videos)"
    r"|latest (from|in) .{1,40}|you (may|might) (also )?(like|enjoy|be interested in)"
    r"|recommended( for you| stories| reading)?"
    r"|trending( now| stories| news)?|most (read|popular|viewed|shared|commented)"
    r"|popular( posts| stories| now| news)?|top stories|don'?t miss|read more|read next"
    r"|what to read next|further reading|in other news|editor'?s picks|also (read|see)"
    r"|more like this|recent (posts|stories|articles)|other stories|see also|must read)"
    r"\s*[:.!]?$",
    re.I,
)
_FOOTER = re.compile(
    r"(©|\(c\)\s*\d{4}|copyright\s+(©\s*)?\d{4})|all rights reserved|^privacy policy"
    r"|^terms (of|and) (use|service|conditions)|^cookie (policy|settings|preferences)",
    re.I,
)
_COOKIES = re.compile(
    r"\bcookies?\b.{0,120}\b(websites?|site|browser|consent|experience|opt[- ]out|accept)\b"
    r"|^(privacy overview|cookie (policy|settings|preferences|notice))",
    re.I,
)
_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    # (category, kind, pattern): first match wins, so the narrow patterns come first.
    ("related_list", END, _RELATED_HEADING),
    (
        "also_read",
        INLINE,
        re.compile(
            r"^(also read|read also|also see|see also|must read|read more|recommended|related"
            r"|suggested|watch|listen|more)\s*[:|>»–—-]+\s*\S",
            re.I,
        ),
    ),
    (
        "comments",
        END,
        re.compile(
            r"^[\[(]?\s*(leave a (reply|comment)|\d+\s+comments?|((top|most|best)\s+)?"
            r"((rated|recent|popular|newest|oldest|liked|reader)\s+)?comments?|post a comment"
            r"|add (a )?comment"
            r"|join the (conversation|discussion)|(show|view|load|hide) comments|write a comment"
            r"|comments are closed|cancel reply|you must be logged in to post a comment.*)"
            r"\s*[\])]?\s*[:.]?$",
            re.I,
        ),
    ),
    (
        "newsletter",
        END,
        re.compile(
            r"\b(sign up|subscribe|get (our|the)|join)\b.{0,60}"
            r"\b(newsletters?|updates|inbox|e-?mails?)\b"
            r"|^(newsletter|subscribe( now| today| here)?|sign up( now| today)?)\s*[:!.]?$",
            re.I,
        ),
    ),
    ("source_link", END, re.compile(r"^source( link)?\s*:?$", re.I)),
    (
        "navigation",
        END,
        re.compile(
            r"^(previous|next|prev|older|newer)( story| article| post| page)?\s*[:»«>]?$"
            r"|^(go to ?top|back to top|scroll to top|top of page)$",
            re.I,
        ),
    ),
    ("footer", END, _FOOTER),
    ("tags", END, re.compile(r"^(tags?|topics?|filed under|categories)\s*:", re.I)),
    (
        "advertisement",
        INLINE,
        re.compile(
            r"^(advertisement|advertising|sponsored( content)?|ad|ads by .{1,30}"
            r"|story continues below( advertisement)?|continue reading (below|the main story)"
            r"|scroll to continue with content|article continues below)\s*[:.]?$",
            re.I,
        ),
    ),
    (
        "read_time",
        INLINE,
        re.compile(r"^(reading time\s*:?\s*)?\d+\s*(min|mins|minutes?)(\s+read)?\.?$", re.I),
    ),
    (
        "credit",
        INLINE,
        re.compile(
            r"^(pic|photo|image|picture|video|graphic)s?\s*(credits?|courtesy|source|by)?\s*[:@]"
            r"|^(pic|photo|image|picture)\s+credits?\b|^\(?(photo|image|picture)s?\s+(by|credit)"
            r"|^credits?\s*:|^(file )?photo\s*[:/]|^\(?(getty images|shutterstock|istock)\)?$",
            re.I,
        ),
    ),
    (
        "byline",
        INLINE,
        re.compile(r"^(?i:by)(\s+\S.{0,80})?$|^(?i:von|par|por|door|av|af)\s+[A-ZÀ-Ý].{0,80}$"),
    ),
]
_SHARE_WORDS = frozenset(
    "share shares sharing tweet facebook twitter x whatsapp email e-mail mail print "
    "linkedin pinterest reddit telegram copy link url save comment comments messenger "
    "flipboard this article story on via pocket sms to addthis buttons more".split()
)
# A caption often ends with its photo credit in brackets: "(AP Photo/Andrew Harnik)".
_CAPTION_CREDIT = re.compile(
    r"\((?:[^()]*\b(?:photo|photos|image|file|pool|pic)\b[^()]*|reuters|ap|afp|getty images"
    r"|epa|xinhua|ani|pti|ians)\)\s*$",
    re.I,
)
# "Sanjeev Verma/Hindustan Times/Getty Images", "Natalie Naccache | Bloomberg | Getty Images":
# a photo credit on its own line, right after the caption it credits.
_PHOTO_CREDIT_LINE = re.compile(
    r"^(photo(graph)?s?:\s*)?[^.!?]{0,80}\s[/|]\s?(getty images|reuters|ap|afp|epa|"
    r"shutterstock|alamy|istock(photo)?|bloomberg|xinhua|anadolu|sipa|nurphoto)\s*$"
    r"|^[^.!?]{0,80}/(getty images|reuters|afp|epa|shutterstock|alamy|istock(photo)?)\s*$",
    re.I,
)
MAX_CAPTION_WORDS = 60
_TERMINAL = tuple('.!?"”’»。！？')
_ELLIPSIS = ("…", "...")
_DATELINE_FILLER = re.compile(
    r"\b(updated|published|posted|last updated|on|at|am|pm|[ap]\.m\.|[a-z]{2,4}t|utc|gmt|ist|"
    r"mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"date|time)\b|\d{1,2}:\d{2}(:\d{2})?|[-|,:/•·]",
    re.I,
)

SOFT_END_PENALTY = 60.0
# Related-story boxes and newsletter prompts also sit inside articles, with the body resuming
# after them; the body may cross them when enough prose follows.
_SOFT_END = frozenset({"related_list", "newsletter", "author_bio"})
# "Dallas Robinson is a freelance writer living in Minneapolis": the note that ends an article.
_AUTHOR_BIO = re.compile(
    r"^([A-Z][\w.'’-]+\s){1,3}(is|was)\s+(an?|the)\s+([\w-]+\s){0,4}"
    r"(writer|journalist|reporter|editor|correspondent|contributor|columnist|author|producer)\b"
)
MAX_BIO_WORDS = 45
SHORT_LINE_PENALTY = 2.0
MENU_CAPITALISED_SHARE = 0.7  # prose capitalises a tenth to a third of its words
COMMENTS_AFTER_PROSE = 100.0  # score units of prose before a comments heading ends the page


@dataclass
class Block:
    index: int
    text: str
    category: str | None = None  # None while it may be body
    kind: str | None = None

    words: int = field(init=False)  # the text never changes after splitting

    def __post_init__(self) -> None:
        self.words = len(self.text.split())


@dataclass
class CleanResult:
    body: str
    paragraphs: list[str]
    blocks: list[Block]
    body_start: int  # index into blocks of the first body block (len(blocks) if none)
    boilerplate_ratio: float = 0.0

    @property
    def removed(self) -> list[dict]:
        """Every block not in the body, {"category", "text"}, read after metadata marked it."""
        return [{"category": b.category, "text": b.text} for b in self.blocks if b.category]


def split_blocks(text: str) -> list[Block]:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return [Block(i, line) for i, line in enumerate(line for line in lines if line)]


def classify(blocks: list[Block]) -> None:
    """Give pattern categories; mark captions printed twice."""
    for block in blocks:
        category, kind = _match(block.text)
        if category:
            block.category, block.kind = category, kind
    _mark_repeated_captions(blocks)
    _mark_credited_captions(blocks)


def clean_boilerplate(text: str) -> CleanResult:
    blocks = split_blocks(text)
    classify(blocks)
    scores = [_score(b) for b in blocks]
    if _mark_comment_thread(blocks, scores):
        scores = [_score(b) for b in blocks]
    _score_numbered_lists(blocks, scores)
    start, end = _best_run(scores)
    start, end = _trim(scores, start, end)
    paragraphs = []
    after_related = in_box = False
    for i, block in enumerate(blocks):
        in_body = start <= i < end
        if block.category in _SOFT_END:
            after_related = block.category == "related_list" or after_related
            in_box = True
        elif scores[i] > 0:
            in_box = False
        if in_body and block.category is None and in_box and scores[i] < 0:
            block.category = "related_list"  # a link in a box the body runs across
        if in_body and block.category is None:
            paragraphs.append(block.text)
            continue
        if block.category is None:
            if i < start:
                block.category = "header" if block.words > 6 else "navigation"
            else:
                block.category = "related_list" if after_related else "footer"
    total = sum(len(b.text) for b in blocks)
    kept = sum(len(p) for p in paragraphs)
    return CleanResult(
        body="\n\n".join(paragraphs),
        paragraphs=paragraphs,
        blocks=blocks,
        body_start=start if paragraphs else len(blocks),
        boilerplate_ratio=round(1 - kept / total, 4) if total else 0.0,
    )


def _prefilter() -> tuple[re.Pattern[str], list[re.Pattern[str]]]:
    """Most lines match no pattern. The anchored patterns, joined, are tried at the start of a
    line only (one `match`); the few that may match anywhere are searched one by one."""
    anchored, anywhere = [], []
    for _, _, pattern in _PATTERNS:
        if pattern.pattern.startswith("^"):
            flags = "?i:" if pattern.flags & re.I else "?:"
            anchored.append(f"({flags}{pattern.pattern})")
        else:
            anywhere.append(pattern)
    return re.compile("|".join(anchored)), anywhere


_ANCHORED, _ANYWHERE = _prefilter()
_ANYWHERE_ONE = re.compile("|".join(f"(?i:{p.pattern})" for p in _ANYWHERE))
_DIGIT = re.compile(r"\d")


# Words one of the unanchored patterns (newsletter, footer) needs: a line with none of them
# cannot match, and a substring test is much cheaper than the search.
_ANYWHERE_WORDS = (
    "sign up", "subscribe", "get ", "join", "newsletter", "©", "(c)", "copyright",
    "rights reserved", "privacy", "terms", "cookie",
)  # fmt: skip


def _match(text: str) -> tuple[str | None, str | None]:
    words = text.split()
    lowered = text.lower()
    anywhere = any(word in lowered for word in _ANYWHERE_WORDS)
    if len(words) <= 12:
        if _ANCHORED.match(text) or (anywhere and _ANYWHERE_ONE.search(text)):
            # then which one: the first in order wins
            for category, kind, pattern in _PATTERNS:
                if pattern.search(text):
                    return category, kind
        if "share" in text.lower() and _is_share_bar(words):
            return "share", INLINE
        if _is_dateline(text):
            return "dateline", INLINE
    elif anywhere and _FOOTER.search(text):  # a long footer line is still a footer
        return "footer", END
    # Cheap tests first: most lines mention no cookie and do not end in a bracket.
    if ("cookie" in lowered or "privacy" in lowered) and _COOKIES.search(text):
        return "cookie_notice", END
    if len(words) <= 90 and text.endswith(")") and _CAPTION_CREDIT.search(text):
        return "caption", INLINE
    if (
        len(words) <= MAX_BIO_WORDS
        and (" is " in text or " was " in text)
        and _AUTHOR_BIO.search(text)
    ):
        return "author_bio", END
    return None, None


def _is_share_bar(words: list[str]) -> bool:
    tokens = [w.strip("|•·,:()[]").lower() for w in words]
    tokens = [t for t in tokens if t and not t.isdigit()]
    return bool(tokens) and all(t in _SHARE_WORDS for t in tokens) and "share" in " ".join(tokens)


def _is_dateline(text: str) -> bool:
    if not _DIGIT.search(text):  # every date form has a year
        return False
    match = DATE_PATTERN.search(text)
    if not match:
        return False
    rest = _DATELINE_FILLER.sub(" ", text[: match.start()] + " " + text[match.end() :])
    return len(rest.split()) <= 2


def _mark_comment_thread(blocks: list[Block], scores: list[float]) -> bool:
    """Readers' comments after the article can outweigh it in prose. Once a comments heading
    follows some prose ("[ 167 comments ]", "Top Rated Comments"), what comes after it is the
    thread. A 'Comments' link in a menu above any prose does not count. True if it marked."""
    prose = 0.0
    for index, block in enumerate(blocks):
        if block.category == "comments" and prose >= COMMENTS_AFTER_PROSE:
            for later in blocks[index + 1 :]:
                if later.category is None:
                    later.category, later.kind = "comments", END
            return True
        prose += max(scores[index], 0.0)
    return False


_LIST_ITEM = re.compile(r"^\(?(\d{1,3})[).]?\s+\S")
MIN_LIST_ITEMS = 3
LIST_ITEM_SCORE = 1.0


def _score_numbered_lists(blocks: list[Block], scores: list[float]) -> None:
    """Items numbered 1, 2, 3, ... in order are an article's own list (menus are not
    numbered): short as they are, they and the lines between them do not end the body."""
    items: list[int] = []
    for index, block in enumerate(blocks):
        match = _LIST_ITEM.match(block.text)
        if match and block.category is None:
            number = int(match.group(1))
            previous = int(_LIST_ITEM.match(blocks[items[-1]].text).group(1)) if items else 0
            if number == previous + 1 and (not items or index - items[-1] <= 3):
                items.append(index)
                continue
            _settle(items, blocks, scores)
            items = [index] if number == 1 else []
    _settle(items, blocks, scores)


def _settle(items: list[int], blocks: list[Block], scores: list[float]) -> None:
    if len(items) < MIN_LIST_ITEMS:
        return
    for index in range(items[0], items[-1] + 1):
        if blocks[index].category is None and scores[index] < 0:
            scores[index] = LIST_ITEM_SCORE if index in items else 0.0


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _mark_credited_captions(blocks: list[Block]) -> None:
    """A photo credit line marks itself and the caption printed just above it."""
    for previous, block in zip([None, *blocks], blocks, strict=False):
        text = block.text
        if block.words > 12 or ("/" not in text and "|" not in text):
            continue
        if not _PHOTO_CREDIT_LINE.search(text):
            continue
        if block.category is None:  # no kind: it still scores as the short line it is
            block.category = "caption"
        if (  # the caption above it: a sentence
            previous is not None
            and previous.category is None
            and 6 <= previous.words <= MAX_CAPTION_WORDS
            and previous.text.endswith(_TERMINAL)
        ):
            previous.category, previous.kind = "caption", INLINE


def _mark_repeated_captions(blocks: list[Block]) -> None:
    """A photo caption is often printed twice: in full, or cut with '…' then in full."""
    for first, second in zip(blocks, blocks[1:], strict=False):
        a, b = first.text, second.text
        if not a.endswith(_ELLIPSIS) and abs(len(a) - len(b)) > 2 + len(a) // 10:
            continue  # cannot be the same caption: skip normalising
        if first.words < 2:
            continue
        cut = (
            a.endswith(_ELLIPSIS) and b.startswith(a.rstrip("….").rstrip()) and len(b) > len(a) - 3
        )
        if _norm(a) == _norm(b) or cut:
            for block in (first, second):
                if block.category is None:
                    block.category, block.kind = "caption", INLINE


def _score(block: Block) -> float:
    if block.kind == END:
        return -SOFT_END_PENALTY if block.category in _SOFT_END else -1e6
    if block.kind == INLINE:
        return 0.0
    text = block.text
    units = max(block.words, len(text) // 7)
    if text.endswith(_ELLIPSIS):
        return -float(units)  # a teaser cut short is a link to another page
    terminal = text.endswith(_TERMINAL) or text.rstrip(")]").endswith(_TERMINAL)
    if not terminal and units >= 20 and _capitalised_share(text) >= MENU_CAPITALISED_SHARE:
        return -float(units)  # a long run of Capitalised Items with no sentence: a menu
    if units >= 20 or (units >= 8 and terminal):
        return float(units)
    if terminal:  # a short sentence ("He agreed.") is prose too
        return 1.0
    return -(SHORT_LINE_PENALTY + units)


def _capitalised_share(text: str) -> float:
    words = [w for w in text.split() if w[:1].isalpha()]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


def _best_run(scores: list[float]) -> tuple[int, int]:
    """Kadane: the half-open range [start, end) with the highest sum."""
    best, best_range = 0.0, (0, 0)
    running, run_start = 0.0, 0
    for i, score in enumerate(scores):
        if running <= 0:
            running, run_start = score, i
        else:
            running += score
        if running > best:
            best, best_range = running, (run_start, i + 1)
    return best_range


def _trim(scores: list[float], start: int, end: int) -> tuple[int, int]:
    """Zero-score inline blocks at the edges are not part of the body run."""
    while start < end and scores[start] <= 0:
        start += 1
    while end > start and scores[end - 1] <= 0:
        end -= 1
    return start, end
