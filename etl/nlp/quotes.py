"""Direct quotations and who said them.

Quote marks are paired in reading order within a paragraph, whatever their direction, because
copied and machine-translated pages mix “, ” and " freely. A paragraph that ends inside a quote
continues into the next paragraph if that one opens with a mark (the newspaper convention for
quotes over several paragraphs). The speaker comes from the attribution after the quote
("..., said Roe", "..., Doe wrote") or before it ("Roe said, ..."); "he said" is the person
the sentences before it were about, the speaker attributed last or another person named
before it, as a small model ranks them (etl.nlp.antecedents); never someone the article gives
the other gender (etl.nlp.genders).
Quotes under MIN_WORDS words are scare quotes, not statements.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from etl.nlp.attribution import Attribution, attributions
from etl.nlp.entities import Mention, role_words
from etl.nlp.genders import person_genders
from etl.nlp.speakers import Chooser, Said, as_speakers, how_named, named_speaker, persons_named

MIN_WORDS = 4
MAX_TITLE_WORDS = 8
_MARKS = '"“”„«»'
_VERBS = (
    r"said|says|say|told|tells|added|adds|wrote|writes|noted|notes|stated|states|warned|warns|"
    r"insisted|insists|explained|explains|asked|asks|argued|argues|announced|announces|urged|"
    r"urges|tweeted|declared|declares|continued|emphasi[sz]ed|stressed|stresses|underlined|"
    r"remarked|commented|replied|recalled|acknowledged|admitted|claimed|claims|concluded|"
    r"pointed out|according to|posted|told reporters"
)
_AFTER = re.compile(
    rf"^[\s,;:–—-]*(?:(?P<verb_first>{_VERBS})\b\s+(?P<who_after>[^,.;:!?]+)"
    rf"|(?P<who_before>[^.;:!?]+?)\s*,?\s+(?:{_VERBS})\b)",
    re.IGNORECASE,
)
_BEFORE = re.compile(rf"(?P<who>[^.;!?]+?)\s+(?:{_VERBS})\b[^.;!?]*$", re.IGNORECASE)
# "“...” ― Mara Quint": a dash and a name alone after the words sign them (its initials and
# a closing full stop are the name's: "― Mara J. Quint.").
_SIGNED = re.compile(r"[\s.,]*[―—–]\s*(?P<who>[^\W\d_](?:[^,.;:!?]|(?<=\b[A-Z])\.){1,60}?)\.?\s*$")
# "Okafor: “...”": a name and a colon introduce the words.
_COLON = re.compile(r"(?P<who>[^.;:!?]{2,80}?)\s*:\s*$")
_SPEAKER_LABELS = ("PERSON", "ORG", "GPE")
_SAYING_AFTER = re.compile(rf"[’']?s?\s*(?:,[^,]{{0,60}},\s*)?(?:{_VERBS})\b", re.IGNORECASE)
_SAYING_BEFORE = re.compile(rf"\b(?:{_VERBS})\s*$", re.IGNORECASE)
_CLOSERS = "”»"
# "She went on to say:", "he then told reporters": a pronoun and the words of no name before
# the verb; the pronoun is the subject.
_PRONOUN_LED = re.compile(r"[\s\"“”„«»']*(?P<pronoun>[Hh]e|[Ss]he)(?:\s+[a-z][\w’'-]*)+\s*")


@dataclass
class _Quote:
    start: int
    end: int
    paragraph: int
    open_ended: bool


def attribute(text: str, parse_model: str | None) -> list[Attribution]:
    """What the parse of the quotes' paragraphs says of each quotation in text, in the order
    find_quotes meets them; nothing without a model."""
    quotes = _spans(text)
    if parse_model is None or not quotes:
        return [Attribution()] * len(quotes)
    return attributions(text, [(q.start, q.end) for q in quotes], parse_model)


def with_speakers(
    text: str, parsed: Sequence[Attribution], mentions: Sequence[Mention]
) -> list[Mention]:
    """The mentions with the speakers the parse names that the model did not tag as one
    ('“…,” Okafor snapped'), as people: the subject of a verb of saying is someone, and a
    quote's speaker is an entity. A mention of another kind the name overlaps ('said Cuban'
    read as a nationality) gives way to the person."""
    found = []
    taken = [(m.start, m.end) for m in mentions if m.label in _SPEAKER_LABELS]
    for parse in parsed:
        if parse.name is None or any(a < parse.name[1] and parse.name[0] < b for a, b in taken):
            continue
        name = text[parse.name[0] : parse.name[1]]
        words = name.split()
        while len(words) > 1 and words[0].casefold().strip(".") in role_words():
            words = words[1:]
        if words and words[-1].casefold().strip(".") not in role_words():
            start = text.rfind(words[0], parse.name[0], parse.name[1])
            found.append(Mention(start, parse.name[1], " ".join(words), "PERSON"))
            taken.append(parse.name)
    kept = [m for m in mentions if not any(m.start < f.end and f.start < m.end for f in found)]
    return sorted([*kept, *found], key=lambda m: (m.start, m.end))


def find_quotes(
    text: str,
    mentions: Sequence[Mention],
    canonical: dict[tuple[str, str], tuple[str, str]],
    parsed: Sequence[Attribution] | None = None,
    choose: Chooser | None = None,
) -> list[dict]:
    """Quotes in reading order as {"text", "speaker", "speaker_label", "speaker_found_by"};
    speaker is the canonical name of the entity who said it, or None when the attribution
    names no one; speaker_found_by how (etl.nlp.speakers.SPEAKER_FOUND_BY). With what the
    parse says of each (attribute), the attribution is read from it first, the patterns below
    where it finds none. choose picks whom a pronoun or description stands for (default: the
    shipped model, etl.nlp.antecedents)."""
    quotes = _spans(text)
    # A speaker is named in the narration: a name inside quotation marks is what was said.
    named = sorted(
        (m for m in mentions if m.label in _SPEAKER_LABELS and not _quoted(m, quotes)),
        key=lambda m: (m.start, m.end),
    )
    spans = [(q.start, q.end) for q in quotes]
    speakers = as_speakers(named, canonical)
    genders = person_genders(text, persons_named(speakers), spans)
    reporting = _named_saying(text, named)
    records: list[dict] = []
    previous: _Quote | None = None
    previous_phrase: tuple[int, int] | None = None  # the parse's speaker phrase of previous
    spoken: list[tuple[str, str] | None] = []  # the speakers attributed so far, in order
    parsed = parsed if parsed is not None else [Attribution()] * len(quotes)
    for quote, parse in zip(quotes, parsed, strict=True):
        words = text[quote.start : quote.end].split()
        if _is_title(words):  # a work's title is not a statement, nor part of one
            continue
        said_by = Said(
            speakers, canonical, genders, tuple(spoken), reporting, parse.head, parse.antecedents,
            (quote.start, quote.end), choose,
        )  # fmt: skip
        speaker, attributed, how = _speaker_of(text, quote, parse, said_by)
        said_again = parse.phrase is not None and parse.phrase == previous_phrase
        resumed = _resumes(text, previous, quote, attributed, said_again)
        if records and not (attributed or resumed) and _follows_alone(text, previous, quote):
            speaker, how = records[-1]["speaker"], "previous_quote"
        if records and resumed:
            record = records[-1]  # the same statement, resumed
            record["words"].extend(words)
            if record["speaker"] is None:
                record["speaker"], record["how"] = speaker, how
        else:
            records.append({"words": words, "speaker": speaker, "how": how})
        if attributed or resumed:  # "he" may be whoever was attributed last, named or not
            spoken.append(records[-1]["speaker"])
        previous, previous_phrase = quote, parse.phrase
    return _once_each(
        {
            "text": " ".join(record["words"]).rstrip(" ,"),
            "speaker": record["speaker"][0] if record["speaker"] else None,
            "speaker_label": record["speaker"][1] if record["speaker"] else None,
            "speaker_found_by": record["how"] if record["speaker"] else None,
        }
        for record in records
        if len(record["words"]) >= MIN_WORDS
    )


def _named_saying(text: str, named: Sequence[Mention]) -> frozenset[int]:
    """The starts of the mentions named beside a verb of saying ('Okafor said', 'Okafor, the
    mayor, told', 'according to Okafor'): someone who speaks in the article."""
    found = set()
    for mention in named:
        after = _SAYING_AFTER.match(text, mention.end, mention.end + 80)
        if after or _SAYING_BEFORE.search(text, max(0, mention.start - 30), mention.start):
            found.add(mention.start)
    return frozenset(found)


def _once_each(quotes: Iterable[dict]) -> list[dict]:
    """Each statement once: a quotation printed twice in one article (a pull quote, the
    headline repeating a line of the body) is one quotation, kept where it is first printed,
    with the speaker of whichever printing names one. The same words given to two different
    speakers stay two quotations (a slogan one candidate repeats after another)."""
    kept: list[dict] = []
    first: dict[tuple[str, ...], int] = {}
    for quote in quotes:
        key = tuple(re.findall(r"\w+", quote["text"].casefold()))
        at = first.get(key)
        earlier = kept[at]["speaker"] if at is not None else None
        two_speakers = None not in (earlier, quote["speaker"]) and earlier != quote["speaker"]
        if at is None or two_speakers:
            first.setdefault(key, len(kept))
            kept.append(quote)
        elif earlier is None:
            kept[at] = {**kept[at], **{k: v for k, v in quote.items() if k.startswith("speaker")}}
    return kept


def _is_title(words: list[str]) -> bool:
    """A title of a work or a slogan in title case ("America With Lena Okafor"), not speech:
    a few words, no sentence in them, every longer word capitalised."""
    if len(words) > MAX_TITLE_WORDS or any(w[-1] in ".!?" for w in words):
        return False
    if any("'" in w or "’" in w.strip("‘’") for w in words):  # "it's", "don't": speech
        return False
    longer = [w.strip("“”\"'‘’,:;()") for w in words]
    longer = [w for w in longer if len(w) > 3]
    return len(longer) >= 2 and all(w[:1].isupper() for w in longer)


def _quoted(mention: Mention, quotes: list[_Quote]) -> bool:
    return any(q.start <= mention.start < q.end for q in quotes)


def _resumes(
    text: str, previous: _Quote | None, quote: _Quote, attributed: bool, said_again: bool
) -> bool:
    """The quote goes on with the statement before it: split by an attribution, running on
    into the next paragraph, unattributed right after it, or attributed to the same
    subject in the same sentence (said_again: "Roe called it “…” and vowed “…”", one
    statement the writer's words break, as the quotes set's gold has it)."""
    return previous is not None and (
        _split_by_attribution(text, previous, quote)
        or _runs_over_paragraphs(text, previous, quote)
        or (not attributed and _continues(previous, quote))
        or (said_again and _same_sentence(text, previous, quote))
    )


def _same_sentence(text: str, previous: _Quote, quote: _Quote) -> bool:
    """The two quotes are in one paragraph with no sentence end between them."""
    between = text[previous.end + 1 : quote.start - 1]
    return previous.paragraph == quote.paragraph and not re.search(r"[.!?]", between)


def _follows_alone(text: str, previous: _Quote | None, quote: _Quote) -> bool:
    """A paragraph of nothing but a quotation right after a paragraph that ended with one:
    the same speaker goes on (a new statement, so a quote of its own)."""
    if previous is None or previous.paragraph != quote.paragraph - 1:
        return False
    start = text.rfind("\n", 0, quote.start) + 1
    end = text.find("\n", quote.end)
    before = text[start : quote.start - 1].strip()
    after = text[quote.end + 1 : len(text) if end < 0 else end].strip(' .,\u201d"')
    return not before and not after


def _split_by_attribution(text: str, previous: _Quote, quote: _Quote) -> bool:
    """'"A," said Roe, "B."': only an attribution, no sentence end, between two quotes."""
    if not _same_sentence(text, previous, quote):
        return False
    between = text[previous.end + 1 : quote.start - 1]
    return (
        len(between.split()) <= 8
        and re.search(rf"\b(?:{_VERBS})\b", between, re.IGNORECASE) is not None
    )


def _runs_over_paragraphs(text: str, previous: _Quote, quote: _Quote) -> bool:
    return (
        previous.open_ended
        and previous.paragraph == quote.paragraph - 1
        and not text[text.rfind("\n", 0, quote.start) + 1 : quote.start - 1].strip()
    )


def _continues(previous: _Quote | None, quote: _Quote) -> bool:
    """An unattributed quote right after another in its paragraph, or opening the paragraph
    after one that ended inside a quote, goes on with the same speaker."""
    if previous is None:
        return False
    return previous.paragraph == quote.paragraph or (
        previous.open_ended and previous.paragraph == quote.paragraph - 1
    )


def _spans(text: str) -> list[_Quote]:
    quotes, start = [], None
    paragraph_start, paragraph = 0, 0
    for index, char in enumerate(text):
        if char == "\n" and index > 0 and text[index - 1] == "\n":
            continue
        if char == "\n":
            if start is not None:  # the paragraph ends inside the quote
                quotes.append(_Quote(start, index, paragraph, open_ended=True))
                start = None
            paragraph += 1
            paragraph_start = index + 1
            continue
        if char not in _MARKS or _is_apostrophe_like(text, index, paragraph_start):
            continue
        if start is None and char in _CLOSERS and not text[index + 1 : index + 2].isalpha():
            # closes a quote whose opening mark the page lost: it ran from the paragraph start
            quotes.append(_Quote(paragraph_start, index, paragraph, open_ended=False))
        elif start is None:
            start = index + 1
        else:
            quotes.append(_Quote(start, index, paragraph, open_ended=False))
            start = None
    if start is not None:
        quotes.append(_Quote(start, len(text), paragraph, open_ended=True))
    return quotes


def _is_apostrophe_like(text: str, index: int, paragraph_start: int) -> bool:
    # 12" (inches) and a stray mark between two letters are not quote marks.
    before = text[index - 1] if index > paragraph_start else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return text[index] == '"' and before.isdigit() or (before.isalpha() and after.isalpha())


def _speaker_of(text: str, quote: _Quote, parse: Attribution, said: Said):
    """(speaker, attributed, how): the speaker the parse's phrase names, else the patterns'
    phrase; attributed when either found an attribution at all; how the phrase names the
    speaker (speakers.how_named), None without a speaker. A "he" or "the spokeswoman" the
    parse found and nobody resolved stays without a speaker: the patterns would take another
    name of the sentence ("he said that Okafor ...")."""
    if parse.phrase is not None:
        speaker = named_speaker(text, *parse.phrase, said)
        how = how_named(text, *parse.phrase)
        if speaker is not None or how != "name":
            return speaker, True, how if speaker else None
    phrase = _attribution_phrase(text, quote)
    if phrase is None:
        return None, parse.phrase is not None, None
    phrase = _pronoun_led(text, phrase)
    # The parse's head word is not this phrase's.
    speaker = named_speaker(text, *phrase, replace(said, head=None))
    return speaker, True, how_named(text, *phrase) if speaker else None


def _attribution_phrase(text: str, quote: _Quote) -> tuple[int, int] | None:
    """Where the patterns find the speaker's phrase: a signature after the words, a verb of
    saying after them with its subject or object, one before them, or a name and a colon."""
    line_end = text.find("\n", quote.end)
    line_end = len(text) if line_end < 0 else line_end
    after = text[quote.end + 1 : _next_mark(text, quote.end + 1, line_end)]
    # '“... forever.” He added that ...' starts a new sentence: the full stop inside the marks
    # ends the quote's sentence, so what follows is not its attribution.
    ends_sentence = text[quote.start : quote.end].rstrip().endswith(".")
    signed = _SIGNED.match(after)
    if signed:
        return quote.end + 1 + signed.start("who"), quote.end + 1 + signed.end("who")
    match = None if ends_sentence else _AFTER.match(after)
    if match:
        group = "who_after" if match["verb_first"] else "who_before"
        return quote.end + 1 + match.start(group), quote.end + 1 + match.end(group)
    line_start = text.rfind("\n", 0, quote.start) + 1
    before_start = max(line_start, _previous_mark(text, line_start, quote.start - 1))
    match = _BEFORE.search(text, before_start, quote.start - 1) or _COLON.search(
        text, before_start, quote.start - 1
    )
    if match:
        return match.start("who"), match.end("who")
    return _introduced_above(text, quote, line_start)


def _introduced_above(text: str, quote: _Quote, line_start: int) -> tuple[int, int] | None:
    """'Okafor went on:' closing the paragraph before one that opens with the quote (a block
    quotation): that paragraph's last clause names the speaker."""
    if text[line_start : quote.start - 1].strip():
        return None
    above = text[:line_start].rstrip()
    if not above.endswith(":"):
        return None
    start = above.rfind("\n") + 1
    end = len(above) - 1  # the colon
    match = _BEFORE.search(text, start, end) or _COLON.search(text, start, len(above))
    return (match.start("who"), match.end("who")) if match else None


def _next_mark(text: str, start: int, end: int) -> int:
    positions = [p for p in (text.find(m, start, end) for m in _MARKS) if p >= 0]
    return min(positions, default=end)


def _previous_mark(text: str, start: int, end: int) -> int:
    return max((text.rfind(m, start, end) + 1 for m in _MARKS), default=start)


def _pronoun_led(text: str, phrase: tuple[int, int]) -> tuple[int, int]:
    """The pronoun alone of a patterns' phrase that is a pronoun and lower-case words ('She
    went on to'), else the phrase."""
    led = _PRONOUN_LED.fullmatch(text, *phrase)
    return (led.start("pronoun"), led.end("pronoun")) if led else phrase
