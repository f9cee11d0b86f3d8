"""High-precision boilerplate rules: each declared once, as data.

A rule gives a line a category (caption, related_list, newsletter, share, ...) and a kind:
*inline* boilerplate sits inside articles (captions, "ALSO READ" links, ads, share bars);
*end* markers (comment prompts, "Source link", cookie notices, footers) start the furniture
after an article; *soft* ends (related-story headings, newsletter prompts, author notes) open
boxes after which an article may resume. The body model reads categories as features and the
read stage records them for the removal audit (fct_removed_block).

Most lines match no rule, so matching is guarded: the rules anchored at the line start are
joined into one pattern tried once; every other rule declares substrings it needs (`needs`),
and is only searched on lines that contain one. `match_plain` tries every rule unguarded; a
test holds the two equal on every development page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from etl.lexicon import either, either_word, word_set, words
from etl.page.dates import first_date
from etl.page.memo import text_cache

INLINE = "inline"
END = "end"
SOFT = "soft"

# Lines longer than this are prose, never a heading, link or prompt (12: the longest
# related-story heading or share prompt on the development pages has 9 words).
MAX_PROMPT_WORDS = 12
# A caption that carries its photo credit in brackets runs to three sentences at most.
MAX_CAPTION_WORDS = 90
# A caption over a photo credit line of its own ("Photo: Jane Roe / Lakeport Ledger") is
# shorter: a longer line there is the article's prose.
MAX_CAPTION_ABOVE_CREDIT_WORDS = 60
# "Jane Roe is a freelance writer living in Lakeport": an author's note, two
# sentences at most.
MAX_BIO_WORDS = 45


@dataclass(frozen=True)
class Rule:
    category: str
    kind: str
    pattern: re.Pattern[str] | None = None  # anchored ("^...") or searched anywhere
    test: Callable[[str], bool] | None = None  # for rules a pattern cannot state
    max_words: int | None = MAX_PROMPT_WORDS
    needs: tuple[str, ...] = ()  # lowercase substrings one of which an unanchored rule needs

    @property
    def needed(self) -> re.Pattern[str]:
        """`needs` as one pattern, searched in C rather than substring by substring."""
        return re.compile("|".join(map(re.escape, self.needs)))

    @property
    def anchored(self) -> bool:
        return self.pattern is not None and self.pattern.pattern.startswith("^")

    def matches(self, text: str, words: int) -> bool:
        if self.max_words is not None and words > self.max_words:
            return False
        if self.pattern is not None:
            return self.pattern.search(text) is not None
        return self.test is not None and self.test(text)


def _re(pattern: str, flags: int = re.I) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# Word lists of every language come from the lexicon (etl.lexicon); the rules give them shape.
_RELATED_HEADING = rf"^({either('related_heading_patterns')})\s*[:.!]?$"
_FOOTER = r"(©|\(c\)\s*\d{4}|copyright\s+(©\s*)?\d{4})|" + either("footer_patterns")
_SHARE_WORDS = word_set("share_words")
_SHARE_VERBS = words("share_verbs")
_DATELINE_FILLER = re.compile(
    rf"\b({either('dateline_filler_patterns')})\b|\d{{1,2}}:\d{{2}}(:\d{{2}})?|[-|,:/•·]", re.I
)


def _is_share_bar(text: str) -> bool:
    tokens = [w.strip("|•·,:()[]").lower() for w in text.split()]
    tokens = [t for t in tokens if t and not t.isdigit()]
    joined = " ".join(tokens)
    return (
        bool(tokens)
        and all(t in _SHARE_WORDS for t in tokens)
        and any(verb in joined for verb in _SHARE_VERBS)
    )


def _is_dateline(text: str) -> bool:
    match = first_date(text)
    if not match:
        return False
    rest = _DATELINE_FILLER.sub(" ", text[: match.start()] + " " + text[match.end() :])
    return len(rest.split()) <= 2


# (category, kind, rule): the first rule that matches wins, so narrow rules come first.
RULES: tuple[Rule, ...] = (
    Rule("related_list", SOFT, _re(_RELATED_HEADING)),
    Rule(
        "also_read",
        INLINE,
        _re(rf"^({either('also_read_patterns')})\s*[:|>»–—-]+\s*\S"),
    ),
    Rule(
        "comments",
        END,
        _re(rf"^[\[(]?\s*({either('comment_patterns')})\s*[\])]?\s*[:.]?$"),
    ),
    Rule(
        "newsletter",
        SOFT,
        _re(
            rf"\b({either('newsletter_verb_patterns')})\b.{{0,60}}"
            rf"\b({either('newsletter_object_patterns')})\b"
            rf"|^({either('newsletter_heading_patterns')})\s*[:!.]?$"
        ),
        needs=words("newsletter_needs"),
    ),
    Rule("source_link", END, _re(rf"^({either('source_heading_patterns')})\s*:?$")),
    Rule(
        "navigation",
        END,
        _re(
            rf"^({either('navigation_patterns')})( ({either_word('navigation_objects')}))?"
            r"\s*[:»«>]?$"
            rf"|^({either('to_top_patterns')})$"
        ),
    ),
    Rule(
        "footer",
        END,
        _re(_FOOTER),
        max_words=None,
        needs=("©", "(c)", "copyright", *words("footer_needs")),
    ),
    Rule("tags", END, _re(rf"^({either('tag_label_patterns')})\s*:")),
    Rule(
        "advertisement",
        INLINE,
        _re(rf"^({either('advertisement_patterns')})\s*[:.]?$"),
    ),
    Rule(
        "read_time",
        INLINE,
        _re(
            rf"^(({either_word('reading_time_labels')})\s*:?\s*)?"
            rf"(ca\.\s*)?\d+\s*({either_word('minute_words')})\.?"
            rf"(\s+({either_word('read_words')}))?\.?$"
        ),
    ),
    Rule(
        "credit",
        INLINE,
        _re(
            rf"^({either_word('picture_words')})s?\s*({either_word('credit_words')})?\s*[:@©]"
            rf"|{either('credit_patterns')}|^\(?(getty images|shutterstock|istock)\)?$"
        ),
    ),
    Rule(
        "byline",
        INLINE,
        _re(
            rf"^(?i:{either_word('bare_byline_openers')})(\s+\S.{{0,80}})?$"
            rf"|^(?i:{either_word('byline_openers')})\s+[A-ZÀ-Ý].{{0,80}}$",
            0,
        ),
    ),
    Rule(
        "share",
        INLINE,
        test=_is_share_bar,
        needs=_SHARE_VERBS,
    ),
    Rule("dateline", INLINE, test=_is_dateline, needs=tuple("0123456789")),
    Rule(
        "cookie_notice",
        END,
        _re(either("cookie_notice_patterns")),
        max_words=None,
        needs=words("cookie_notice_needs"),
    ),
    Rule(
        "caption",
        INLINE,
        # A caption ending in its photo credit in brackets: "(AP Photo/Jane Roe)".
        _re(
            rf"\((?:[^()]*\b(?:{either_word('caption_credit_words')})\b[^()]*|reuters|ap"
            r"|afp|getty images|epa|xinhua|ani|pti|ians|dpa|imago)\)\s*$"
        ),
        max_words=MAX_CAPTION_WORDS,
        needs=(")",),
    ),
    Rule(
        "author_bio",
        SOFT,
        _re(rf"^({either('author_bio_patterns')})", 0),
        max_words=MAX_BIO_WORDS,
    ),
)


def _anchored_union() -> re.Pattern[str]:
    parts = []
    for rule in RULES:
        if rule.anchored:
            flags = "?i:" if rule.pattern.flags & re.I else "?:"
            parts.append(f"({flags}{rule.pattern.pattern})")
    return re.compile("|".join(parts))


_ANCHORED = _anchored_union()
# Each rule with the pattern a line must match before the rule is tried: the anchored union
# for anchored rules, the rule's needed substrings (searched in the lowercased line) for others.
_GUARDED = tuple((rule, None if rule.anchored else rule.needed) for rule in RULES)


@text_cache(maxsize=65536)  # a site's menus and footers recur on each of its pages
def match(text: str) -> tuple[str | None, str | None]:
    """(category, kind) of the first rule a line matches, or (None, None)."""
    words = len(text.split())
    lowered = text.lower()
    anchored = words <= MAX_BIO_WORDS and _ANCHORED.match(text) is not None
    for rule, needed in _GUARDED:
        if rule.max_words is not None and words > rule.max_words:
            continue
        if needed is None:
            if not anchored:
                continue
        elif needed.search(lowered) is None:
            continue
        if rule.matches(text, words):
            return rule.category, rule.kind
    return None, None


def match_plain(text: str) -> tuple[str | None, str | None]:
    """What `match` must return, without its guards: every rule tried in order."""
    words = len(text.split())
    for rule in RULES:
        if rule.matches(text, words):
            return rule.category, rule.kind
    return None, None


# A photo credit on a line of its own ("Name/Outlet/Getty Images"): it marks itself and the
# caption just above it (etl.page.lines).
PHOTO_CREDIT_LINE = re.compile(
    r"^(photo(graph)?s?:\s*)?[^.!?]{0,80}\s[/|]\s?(getty images|reuters|ap|afp|epa|"
    r"shutterstock|alamy|istock(photo)?|bloomberg|xinhua|anadolu|sipa|nurphoto|dpa|imago)\s*$"
    r"|^[^.!?]{0,80}/(getty images|reuters|afp|epa|shutterstock|alamy|istock(photo)?|dpa"
    r"|imago)\s*$",
    re.I,
)
