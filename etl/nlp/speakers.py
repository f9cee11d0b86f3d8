"""Who an attribution names: the entity at its head, a person in it, the entity it is, a known
person's surname, or what a pronoun or a description stands for (etl.nlp.quotes reads the
attributions; etl.nlp.genders says whom a 'he' or 'she' can stand for)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.nlp.entities import Mention

# "the spokeswoman said", "the former governor added": a description of someone named before.
# Lower case only: a capitalised word in it is a name, which the entity match reads.
_DESCRIPTION = re.compile(r"[Tt]he(?: [a-z][a-z.-]*){1,4}")
# How far from a name its title or the aside describing it may run ("Mara Quint, a senior
# adviser to the governor on transport, ...").
_ASIDE_CHARS = 60
_PRONOUNS = frozenset({"he", "she"})
# How a quote's speaker was found, from the most certain to the least: the attribution
# names them; it is "he" or "she"; it describes them ("the spokeswoman"); the quotation
# goes on from the one before, a paragraph of its own.
SPEAKER_FOUND_BY = ("name", "pronoun", "description", "previous_quote")


class Unset:
    """No quote attributed yet: a pronoun is then the nearest person named before it."""


@dataclass(frozen=True)
class Said:
    """What an attribution is read against: the narration's named entities, their canonical
    forms, the people's genders (etl.nlp.genders), the speaker attributed last, and what the
    parse says (etl.nlp.attribution)."""

    named: list[Mention]
    canonical: dict
    genders: dict[str, str]
    last_speaker: tuple[str, str] | None | type[Unset]
    head: int | None = None
    antecedents: tuple[int, ...] = ()


def how_named(text: str, start: int, end: int) -> str:
    """How an attribution's phrase (text[start:end]) names its speaker: 'pronoun' ("he"),
    'description' ("the spokeswoman") or 'name'."""
    words = text[start:end].strip()
    if words.casefold() in _PRONOUNS:
        return "pronoun"
    return "description" if _DESCRIPTION.fullmatch(words) else "name"


def named_speaker(text, start, end, said: Said):
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
        return _pronoun_speaker(text, start, words.casefold(), said)
    if _DESCRIPTION.fullmatch(words):
        return _described(text, start, words.split()[-1], said)
    return None


def _is_whole_phrase(text: str, start: int, end: int, mention: Mention) -> bool:
    """Nothing but an article before the mention and nothing but an aside after it."""
    before = text[start : mention.start].split()
    after = text[mention.end : end].strip()
    return len(before) <= 1 and (not after or after[0] in ",(")


def _pronoun_speaker(text: str, start: int, pronoun: str, said: Said):
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
            word = re.match(r"[\w'’-]+", text[head:])
            speaker = _surname_of_person(word.group() if word else "", said.canonical)
            if speaker is not None and agrees(speaker):
                return speaker
            break
        speaker = _as_person(subject[0], said.canonical)
        if speaker[1] == "PERSON" and agrees(speaker):
            return speaker
    people = [_as_person(m, said.canonical) for m in said.named if m.end <= start]
    people = [p for p in people if p[1] == "PERSON"]
    if said.last_speaker is Unset:
        return next((p for p in reversed(people) if agrees(p)), None)
    last = said.last_speaker
    if last and last[1] != "GPE" and agrees(last):
        return last
    if last and not agrees(last):
        return next((p for p in reversed(people) if said.genders.get(p[0]) == pronoun), None)
    return None


def persons_named(named: list[Mention], canonical: dict) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of the persons named."""
    found = [(m.start, m.end, *_as_person(m, canonical)) for m in named]
    return [(start, end, name) for start, end, name, label in found if label == "PERSON"]


def _described(text: str, start: int, noun: str, said: Said):
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
