"""High-precision boilerplate rules: each declared once, as data.

A rule gives a line a category (caption, related_list, newsletter, share, ...) and a kind:
*inline* boilerplate sits inside articles (captions, "ALSO READ" links, ads, share bars);
*end* markers (comment prompts, "Source link", cookie notices, footers) start the furniture
after an article; *soft* ends (related-story headings, newsletter prompts, author notes) open
boxes after which an article may resume. The body model reads categories as features and the
clean stage records them for the removal audit (fct_removed_block).

Most lines match no rule, so matching is guarded: the rules anchored at the line start are
joined into one pattern tried once; every other rule declares substrings it needs (`needs`),
and is only searched on lines that contain one. `match_plain` tries every rule unguarded; a
test holds the two equal on every development page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

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


_RELATED_HEADING = (
    r"^(related|related (stories|articles|posts|news|content|coverage|topics|links|reading)"
    r"|more (stories|news|articles|videos|headlines)|more (from|in|on) .{1,40}"
    r"|latest|latest (news|stories|posts|articles|headlines|updates|videos)"
    r"|latest (from|in) .{1,40}|you (may|might) (also )?(like|enjoy|be interested in)"
    r"|recommended( for you| stories| reading)?"
    r"|trending( now| stories| news)?|most (read|popular|viewed|shared|commented)"
    r"|popular( posts| stories| now| news)?|top stories|don'?t miss|read more|read next"
    r"|what to read next|further reading|in other news|editor'?s picks|also (read|see)"
    r"|more like this|recent (posts|stories|articles)|other stories|see also|must read"
    # the same headings in the other languages of the development pages
    r"|mehr zum thema|mehr (aus|zu|von) .{1,40}|lesen sie auch|auch interessant"
    r"|das könnte sie (auch )?interessieren|weitere (artikel|nachrichten|themen)"
    r"|meistgelesen(e artikel)?|empfehlungen|lire aussi|à lire aussi|sur le même sujet"
    r"|les plus lus|leer más|lee también|te puede interesar|noticias relacionadas"
    r"|lo más leído|leggi anche|potrebbe interessarti|i più letti|leia também"
    r"|veja também|mais lidas|lees ook|meest gelezen|czytaj także|čtěte také"
    r"|ilginizi çekebilir|daha fazla haber)"
    r"\s*[:.!]?$"
)
_FOOTER = r"(©|\(c\)\s*\d{4}|copyright\s+(©\s*)?\d{4})|all rights reserved|^privacy policy" \
    r"|^terms (of|and) (use|service|conditions)|^cookie (policy|settings|preferences)" \
    r"|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados" \
    r"|tutti i diritti riservati|^impressum$|^datenschutz(erklärung)?$"  # fmt: skip
_SHARE_WORDS = frozenset(
    "share shares sharing tweet facebook twitter x whatsapp email e-mail mail print "
    "linkedin pinterest reddit telegram copy link url save comment comments messenger "
    "flipboard this article story on via pocket sms to addthis buttons more "
    "teilen artikel partager partage compartir condividi compartilhar delen udostępnij "
    "sdílet paylaş dela del jaa".split()
)
_SHARE_VERBS = ("share", "teilen", "partager", "compartir", "condividi", "compartilhar",
                "delen", "udostępnij", "sdílet", "paylaş", "dela")  # fmt: skip
_DATELINE_FILLER = re.compile(
    r"\b(updated|published|posted|last updated|on|at|am|pm|[ap]\.m\.|[a-z]{2,4}t|utc|gmt|ist|"
    r"mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"date|time|veröffentlicht|aktualisiert|stand|uhr|am|um|publié|mis à jour|le|publicado|"
    r"actualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt)\b|\d{1,2}:\d{2}(:\d{2})?"
    r"|[-|,:/•·]",
    re.I,
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
        _re(
            r"^(also read|read also|also see|see also|must read|read more|recommended|related"
            r"|suggested|watch|listen|more|lesen sie auch|lesen sie mehr|mehr dazu|auch lesen"
            r"|lire aussi|à lire aussi|lea también|leer más|leggi anche|leia também|lees ook)"
            r"\s*[:|>»–—-]+\s*\S"
        ),
    ),
    Rule(
        "comments",
        END,
        _re(
            r"^[\[(]?\s*(leave a (reply|comment)|\d+\s+comments?|((top|most|best)\s+)?"
            r"((rated|recent|popular|newest|oldest|liked|reader)\s+)?comments?|post a comment"
            r"|add (a )?comment"
            r"|join the (conversation|discussion)|(show|view|load|hide) comments|write a comment"
            r"|comments are closed|cancel reply|you must be logged in to post a comment.*"
            r"|\d+\s+(kommentare?|commentaires?|comentarios?|commenti|comentários|reacties"
            r"|yorum(lar)?|komentáře|komentarz[ey]?)|kommentare|kommentar schreiben|commentaires"
            r"|comentarios|commenti|comentários|reacties|yorumlar|komentáře|komentarze)"
            r"\s*[\])]?\s*[:.]?$"
        ),
    ),
    Rule(
        "newsletter",
        SOFT,
        _re(
            r"\b(sign up|subscribe|get (our|the)|join|abonnieren|inscrivez-vous|suscríbete"
            r"|iscriviti|assine)\b.{0,60}\b(newsletters?|updates|inbox|e-?mails?)\b"
            r"|^(newsletter|subscribe( now| today| here)?|sign up( now| today)?"
            r"|newsletter abonnieren|jetzt abonnieren)\s*[:!.]?$"
        ),
        needs=(
            "sign up",
            "subscribe",
            "get ",
            "join",
            "newsletter",
            "abonnieren",
            "inscrivez",
            "suscríbete",
            "iscriviti",
            "assine",
        ),  # fmt: skip
    ),
    Rule("source_link", END, _re(r"^(source( link)?|quelle|source|fuente|fonte)\s*:?$")),
    Rule(
        "navigation",
        END,
        _re(
            r"^(previous|next|prev|older|newer|zurück|weiter|précédent|suivant|anterior"
            r"|siguiente)( story| article| post| page| artikel| article)?\s*[:»«>]?$"
            r"|^(go to ?top|back to top|scroll to top|top of page|nach oben|haut de page)$"
        ),
    ),
    Rule(
        "footer",
        END,
        _re(_FOOTER),
        max_words=None,
        needs=(
            "©",
            "(c)",
            "copyright",
            "rights reserved",
            "privacy",
            "terms",
            "cookie",
            "rechte vorbehalten",
            "droits réservés",
            "derechos reservados",
            "diritti riservati",
            "impressum",
            "datenschutz",
        ),  # fmt: skip
    ),
    Rule("tags", END, _re(r"^(tags?|topics?|filed under|categories|schlagworte|themen)\s*:")),
    Rule(
        "advertisement",
        INLINE,
        _re(
            r"^(advertisement|advertising|sponsored( content)?|ad|ads by .{1,30}"
            r"|story continues below( advertisement)?|continue reading (below|the main story)"
            r"|scroll to continue with content|article continues below|anzeige|werbung"
            r"|publicité|publicidad|pubblicità|publicidade|advertentie|reklama|reklam)"
            r"\s*[:.]?$"
        ),
    ),
    Rule(
        "read_time",
        INLINE,
        _re(
            r"^((reading time|lesezeit|lesedauer|temps de lecture|tiempo de lectura)\s*:?\s*)?"
            r"(ca\.\s*)?\d+\s*(min|mins|minutes?|minuten|minutos|minuti)\.?"
            r"(\s+(read|lesezeit|de lecture|de lectura|di lettura))?\.?$"
        ),
    ),
    Rule(
        "credit",
        INLINE,
        _re(
            r"^(pic|photo|image|picture|video|graphic|foto|bild|grafik)s?\s*"
            r"(credits?|courtesy|source|by|quelle)?\s*[:@©]"
            r"|^(pic|photo|image|picture)\s+credits?\b|^\(?(photo|image|picture)s?\s+(by|credit)"
            r"|^credits?\s*:|^(file )?photo\s*[:/]|^\(?(getty images|shutterstock|istock)\)?$"
        ),
    ),
    Rule(
        "byline",
        INLINE,
        _re(r"^(?i:by)(\s+\S.{0,80})?$|^(?i:von|par|por|door|av|af)\s+[A-ZÀ-Ý].{0,80}$", 0),
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
        _re(
            r"\bcookies?\b.{0,120}\b(websites?|site|browser|consent|experience|opt[- ]out"
            r"|accept)\b|^(privacy overview|cookie (policy|settings|preferences|notice))"
        ),
        max_words=None,
        needs=("cookie", "privacy"),
    ),
    Rule(
        "caption",
        INLINE,
        # A caption ending in its photo credit in brackets: "(AP Photo/Andrew Harnik)".
        _re(
            r"\((?:[^()]*\b(?:photo|photos|image|file|pool|pic|foto|bild)\b[^()]*|reuters|ap"
            r"|afp|getty images|epa|xinhua|ani|pti|ians|dpa|imago)\)\s*$"
        ),
        max_words=MAX_CAPTION_WORDS,
        needs=(")",),
    ),
    Rule(
        "author_bio",
        SOFT,
        _re(
            r"^([A-Z][\w.'’-]+\s){1,3}(is|was)\s+(an?|the)\s+([\w-]+\s){0,4}"
            r"(writer|journalist|reporter|editor|correspondent|contributor|columnist|author"
            r"|producer)\b",
            0,
        ),
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
