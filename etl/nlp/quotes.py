"""Direct quotations and who said them.

Quote marks are paired in reading order within a paragraph, whatever their direction, because
copied and machine-translated pages mix “, ” and " freely. A paragraph that ends inside a quote
continues into the next paragraph if that one opens with a mark (the newspaper convention for
quotes over several paragraphs). The speaker comes from the attribution after the quote
("..., said Roe", "..., Doe wrote") or before it ("Roe said, ..."); "he said" is the person
the sentences before it were about (the main clause's named subject first), else the speaker
attributed last (none if that attribution named no one), or before any attribution the nearest
person named before it; never someone the article gives the other gender (etl.nlp.genders).
Quotes under MIN_WORDS words are scare quotes, not statements.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from etl.nlp.attribution import Attribution, attributions
from etl.nlp.entities import Mention, role_words
from etl.nlp.genders import person_genders

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
# "“...” ― Mara Quint": a dash and a name alone after the words sign them.
_SIGNED = re.compile(r"[\s.,]*[―—–]\s*(?P<who>[^\W\d_][^,.;:!?]{1,60}?)\s*$")
# "Okafor: “...”": a name and a colon introduce the words.
_COLON = re.compile(r"(?P<who>[^.;:!?]{2,80}?)\s*:\s*$")
# "the spokeswoman said", "the former governor added": a description of someone named before.
# Lower case only: a capitalised word in it is a name, which the entity match reads.
_DESCRIPTION = re.compile(r"[Tt]he(?: [a-z][a-z.-]*){1,4}")
# How far from a name its title or the aside describing it may run ("Mara Quint, a senior
# adviser to the governor on transport, ...").
_ASIDE_CHARS = 60
_PRONOUNS = frozenset({"he", "she"})
_SPEAKER_LABELS = ("PERSON", "ORG", "GPE")
_CLOSERS = "”»"


class _Unset:
    """No quote attributed yet: a pronoun is then the nearest person named before it."""


@dataclass(frozen=True)
class _Said:
    """What an attribution is read against: the narration's named entities, their canonical
    forms, the people's genders (etl.nlp.genders), the speaker attributed last, and what the
    parse says (etl.nlp.attribution)."""

    named: list[Mention]
    canonical: dict
    genders: dict[str, str]
    last_speaker: tuple[str, str] | None | type[_Unset]
    head: int | None = None
    antecedents: tuple[int, ...] = ()


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


def speaker_mentions(
    text: str, parsed: Sequence[Attribution], mentions: Sequence[Mention]
) -> list[Mention]:
    """The speakers the parse names that the model did not tag ('“…,” Okafor snapped'), as
    people: the subject of a verb of saying is someone, and a quote's speaker is an entity."""
    found = []
    taken = [(m.start, m.end) for m in mentions]
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
    return found


def find_quotes(
    text: str,
    mentions: Sequence[Mention],
    canonical: dict[tuple[str, str], tuple[str, str]],
    parsed: Sequence[Attribution] | None = None,
) -> list[dict]:
    """Quotes in reading order as {"text", "speaker", "speaker_label"}; speaker is the canonical
    name of the entity who said it, or None when the attribution names no one. With what the
    parse says of each (attribute), the attribution is read from it first, the patterns below
    where it finds none."""
    quotes = _spans(text)
    # A speaker is named in the narration: a name inside quotation marks is what was said.
    named = sorted(
        (m for m in mentions if m.label in _SPEAKER_LABELS and not _quoted(m, quotes)),
        key=lambda m: (m.start, m.end),
    )
    genders = person_genders(text, _people(named, canonical), [(q.start, q.end) for q in quotes])
    records: list[dict] = []
    previous: _Quote | None = None
    last_speaker: tuple[str, str] | None | type[_Unset] = _Unset
    parsed = parsed if parsed is not None else [Attribution()] * len(quotes)
    for quote, parse in zip(quotes, parsed, strict=True):
        words = text[quote.start : quote.end].split()
        if _is_title(words):  # a work's title is not a statement, nor part of one
            continue
        speaker, attributed = None, False
        said_by = _Said(named, canonical, genders, last_speaker, parse.head, parse.antecedents)
        if parse.phrase is not None:
            speaker = _speaker(text, *parse.phrase, said_by)
            attributed = True
        if speaker is None:
            speaker, attributed = _attribution(text, quote, said_by)
            attributed = attributed or parse.phrase is not None
        resumed = _resumes(text, previous, quote, attributed)
        if records and not (attributed or resumed) and _follows_alone(text, previous, quote):
            speaker = records[-1]["speaker"]
        if records and resumed:
            record = records[-1]  # the same statement, resumed
            record["words"].extend(words)
            record["speaker"] = record["speaker"] or speaker
        else:
            records.append({"words": words, "speaker": speaker})
        if attributed or resumed:  # "he" is whoever was attributed last, named or not
            last_speaker = records[-1]["speaker"]
        previous = quote
    return _once_each(
        {
            "text": " ".join(record["words"]).rstrip(" ,"),
            "speaker": record["speaker"][0] if record["speaker"] else None,
            "speaker_label": record["speaker"][1] if record["speaker"] else None,
        }
        for record in records
        if len(record["words"]) >= MIN_WORDS
    )


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
            kept[at] = {
                **kept[at],
                "speaker": quote["speaker"],
                "speaker_label": quote["speaker_label"],
            }
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


def _resumes(text: str, previous: _Quote | None, quote: _Quote, attributed: bool) -> bool:
    """The quote goes on with the statement before it."""
    return previous is not None and (
        _split_by_attribution(text, previous, quote)
        or _runs_over_paragraphs(text, previous, quote)
        or (not attributed and _continues(previous, quote))
    )


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
    if previous.paragraph != quote.paragraph:
        return False
    between = text[previous.end + 1 : quote.start - 1]
    return (
        len(between.split()) <= 8
        and not re.search(r"[.!?]", between)
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


def _attribution(text, quote, said: _Said):
    """(speaker, attributed): attributed is True when an attribution was found at all."""
    patterned = replace(said, head=None)  # the parse's head word is not this phrase's
    line_end = text.find("\n", quote.end)
    line_end = len(text) if line_end < 0 else line_end
    after = text[quote.end + 1 : _next_mark(text, quote.end + 1, line_end)]
    # '“... forever.” He added that ...' starts a new sentence: the full stop inside the marks
    # ends the quote's sentence, so what follows is not its attribution.
    ends_sentence = text[quote.start : quote.end].rstrip().endswith(".")
    signed = _SIGNED.match(after)
    if signed:
        start = quote.end + 1 + signed.start("who")
        return _speaker(text, start, quote.end + 1 + signed.end("who"), patterned), True
    match = None if ends_sentence else _AFTER.match(after)
    if match:
        group = "who_after" if match["verb_first"] else "who_before"
        start = quote.end + 1 + match.start(group)
        return _speaker(text, start, quote.end + 1 + match.end(group), patterned), True
    line_start = text.rfind("\n", 0, quote.start) + 1
    before_start = max(line_start, _previous_mark(text, line_start, quote.start - 1))
    match = _BEFORE.search(text, before_start, quote.start - 1) or _COLON.search(
        text, before_start, quote.start - 1
    )
    if match:
        return _speaker(text, match.start("who"), match.end("who"), patterned), True
    return None, False


def _next_mark(text: str, start: int, end: int) -> int:
    positions = [p for p in (text.find(m, start, end) for m in _MARKS) if p >= 0]
    return min(positions, default=end)


def _previous_mark(text: str, start: int, end: int) -> int:
    return max((text.rfind(m, start, end) + 1 for m in _MARKS), default=start)


def _speaker(text, start, end, said: _Said):
    """Who an attribution (text[start:end]) names: the name at its grammatical head where the
    parse gives one ('the mayor's aide Tom Reyes' is Reyes), else a person in it, the
    entity it consists of, a known person's surname, or for a pronoun the speaker before."""
    inside = [m for m in said.named if m.start >= start and m.end <= end]
    head = said.head
    at_head = [m for m in inside if head is not None and m.start <= head < m.end]
    people = [m for m in inside if m.label == "PERSON"]
    # An organisation or country speaks when it is the attribution ("Italy said", "the White
    # House said"), not when it only qualifies it ("a Lakeport resident said").
    whole = [m for m in inside if _is_whole_phrase(text, start, end, m)]
    chosen = (at_head or people or whole or [None])[0]
    if chosen is not None:
        return _as_person(chosen, said.canonical)
    surname = _surname_of_person(text[start:end], said.canonical)
    if surname is not None:
        return surname
    words = text[start:end].strip()
    if words.casefold() in _PRONOUNS:
        return _pronoun_speaker(start, words.casefold(), said)
    if _DESCRIPTION.fullmatch(words):
        return _described(text, start, words.split()[-1], said)
    return None


def _is_whole_phrase(text: str, start: int, end: int, mention: Mention) -> bool:
    """Nothing but an article before the mention and nothing but an aside after it."""
    before = text[start : mention.start].split()
    after = text[mention.end : end].strip()
    return len(before) <= 1 and (not after or after[0] in ",(")


def _pronoun_speaker(start: int, pronoun: str, said: _Said):
    """'he said': whom the latest sentence before it was about (its named subject, from the
    parse), else the last attributed speaker (no one, if that was someone unnamed: "the
    minister said"), or before any, the last person named. Someone the article gives the
    other gender is passed over for the subject before, or the latest person named whom the
    article gives the pronoun's gender. The model tags many a surname ORG, so a speaker of
    any label but a place will do."""

    def agrees(speaker) -> bool:
        return said.genders.get(speaker[0], pronoun) == pronoun

    for head in said.antecedents:
        subject = [m for m in said.named if m.start <= head < m.end]
        if not subject:
            break
        speaker = _as_person(subject[0], said.canonical)
        if speaker[1] == "PERSON" and agrees(speaker):
            return speaker
    people = [_as_person(m, said.canonical) for m in said.named if m.end <= start]
    people = [p for p in people if p[1] == "PERSON"]
    if said.last_speaker is _Unset:
        return next((p for p in reversed(people) if agrees(p)), None)
    last = said.last_speaker
    if last and last[1] != "GPE" and agrees(last):
        return last
    if last and not agrees(last):
        return next((p for p in reversed(people) if said.genders.get(p[0]) == pronoun), None)
    return None


def _people(named: list[Mention], canonical: dict) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of the persons named."""
    found = [(m.start, m.end, *_as_person(m, canonical)) for m in named]
    return [(start, end, name) for start, end, name, label in found if label == "PERSON"]


def _described(text: str, start: int, noun: str, said: _Said):
    """'the spokeswoman said': the latest entity named before it with that word as its title
    ("spokeswoman Mara Quint") or in an aside after it ("Mara Quint, a spokeswoman for ...");
    no one where none was so described ("the minister said" of a minister never named)."""
    word = re.escape(noun)
    title = re.compile(rf"\b(?i:{word})\s+(?:[A-Z][\w.’'-]*\s+){{0,3}}$")
    aside = re.compile(rf",\s+(?:a|an|the)\b[^,.;:]{{0,{_ASIDE_CHARS}}}\b{word}\b", re.IGNORECASE)
    for mention in reversed([m for m in said.named if m.end <= start and m.label != "GPE"]):
        titled = title.search(text, max(0, mention.start - _ASIDE_CHARS), mention.start)
        if titled or aside.match(text, mention.end):
            return _as_person(mention, said.canonical)
    return None


def _as_person(mention: Mention, canonical: dict) -> tuple[str, str]:
    """The model sometimes tags a lone surname as an ORG; if a person in the article has that
    surname, the speaker is the person."""
    form = canonical.get((mention.text, mention.label), (mention.text, mention.label))
    if form[1] == "PERSON" or " " in mention.text:
        return form
    people = {
        name for name, label in canonical.values()
        if label == "PERSON" and name.split()[-1] == mention.text
    }  # fmt: skip
    return (people.pop(), "PERSON") if len(people) == 1 else form


def _surname_of_person(words: str, canonical: dict) -> tuple[str, str] | None:
    """'Hale said' where the model missed 'Hale' but tagged 'Marcus Hale' elsewhere."""
    tokens = set(re.findall(r"[^\W\d_][\w'’-]*", words))
    people = {
        name for name, label in canonical.values()
        if label == "PERSON" and " " in name and name.split()[-1] in tokens
    }  # fmt: skip
    return (people.pop(), "PERSON") if len(people) == 1 else None
