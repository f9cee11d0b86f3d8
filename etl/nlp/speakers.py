"""Who an attribution names: the entity at its head, a person in it, the entity it is, a known
person's surname, or whom a pronoun or a description stands for (etl.nlp.quotes reads the
attributions; etl.nlp.antecedents ranks whom a 'he' or 'the spokeswoman' can stand for).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from etl.nlp.antecedents import Candidate, Context, candidates, likeliest, model
from etl.nlp.entities import Mention
from etl.nlp.name_model import is_a_name

# "the spokeswoman said", "the former governor added": a description of someone named before.
# Lower case only: a capitalised word in it is a name, which the entity match reads.
_DESCRIPTION = re.compile(r"[Tt]he(?: [a-z][a-z.-]*){1,4}")
_PRONOUNS = frozenset({"he", "she"})
# How a quote's speaker was found, from the most certain to the least: the attribution
# names them; it is "he" or "she"; it describes them ("the spokeswoman"); the quotation
# goes on from the one before, a paragraph of its own.
SPEAKER_FOUND_BY = ("name", "pronoun", "description", "previous_quote")
# Chooses among the candidates a pronoun or a description may stand for:
# (the quotation's span, 'pronoun' or 'description', the candidates) -> speaker or None.
Chooser = Callable[[tuple[int, int] | None, str, list[Candidate]], tuple[str, str] | None]


@dataclass(frozen=True)
class Said:
    """What an attribution is read against: the narration's named entities, each with whom
    it names as a speaker (as_speakers), their canonical forms, the people's genders
    (etl.nlp.genders), the speakers attributed so far (None for an attribution that named no
    one), the offsets of the mentions named beside a verb of saying, what the parse says
    (etl.nlp.attribution), the quotation's span, and what chooses whom a pronoun or
    description stands for."""

    named: list[tuple[Mention, tuple[str, str]]]
    canonical: dict
    genders: dict[str, str]
    earlier_speakers: tuple = ()
    reporting: frozenset[int] = frozenset()
    head: int | None = None
    antecedents: tuple[int, ...] = ()
    quote: tuple[int, int] | None = None
    choose: Chooser | None = None


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
    entity it consists of, a known person's surname, or whom a pronoun or a description
    stands for."""
    inside = [(m, s) for m, s in said.named if m.start >= start and m.end <= end]
    head = said.head
    at_head = [s for m, s in inside if head is not None and m.start <= head < m.end]
    people = [s for m, s in inside if m.label == "PERSON"]
    # An organisation or country speaks when it is the attribution ("Italy said", "the White
    # House said"), not when it only qualifies it ("a Lakeport resident said").
    whole = [s for m, s in inside if _is_whole_phrase(text, start, end, m)]
    chosen = (at_head or people or whole or [None])[0]
    if chosen is not None:
        return chosen
    surname = _surname_of_person(text[start:end], said.canonical)
    if surname is not None:
        return surname
    words = text[start:end].strip()
    if words.casefold() in _PRONOUNS:
        return _resolved(text, start, "pronoun", words.casefold(), said)
    if _DESCRIPTION.fullmatch(words):
        return _resolved(text, start, "description", words.split()[-1], said)
    return None


def _resolved(text: str, start: int, kind: str, word: str, said: Said):
    """Whom 'he'/'she' or 'the <word>' at text[start] stands for (etl.nlp.antecedents)."""
    last = said.earlier_speakers[-1] if said.earlier_speakers else None
    subjects = tuple(_subject(text, head, said) for head in said.antecedents)
    context = Context(
        named=said.named,
        genders=said.genders,
        earlier_speakers=said.earlier_speakers,
        last_speaker=last,
        subjects=subjects,
        reporting=said.reporting,
    )
    choose = said.choose or by_model
    return choose(said.quote, kind, candidates(text, start, kind, word, context))


def _subject(text: str, head: int, said: Said) -> tuple[str, str] | None:
    """Whom the subject whose head word is at text[head] names: the entity there, else a
    known person whose surname it is."""
    at = next((s for m, s in said.named if m.start <= head < m.end), None)
    if at is not None:
        return at
    word = re.match(r"[\w'’-]+", text[head:])
    return _surname_of_person(word.group() if word else "", said.canonical)


def by_model(quote: tuple[int, int], kind: str, found: list[Candidate]):
    """The shipped model's choice among the candidates (quote: the quotation's span, unused
    here; a trainer's chooser reads it)."""
    return likeliest(found, model()[kind])


def _is_whole_phrase(text: str, start: int, end: int, mention: Mention) -> bool:
    """Nothing but an article before the mention and nothing but an aside after it."""
    before = text[start : mention.start].split()
    after = text[mention.end : end].strip()
    return len(before) <= 1 and (not after or after[0] in ",(")


def as_speakers(named: list[Mention], canonical: dict) -> list[tuple[Mention, tuple[str, str]]]:
    """Each mention with whom it names as a speaker: its canonical (name, label), a lone
    surname the model tagged otherwise read as the person of the article who has it."""
    return [(m, _as_person(m, canonical)) for m in named]


def persons_named(named: list[tuple[Mention, tuple[str, str]]]) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of the persons among the named (as_speakers)."""
    return [(m.start, m.end, name) for m, (name, label) in named if label == "PERSON"]


def _as_person(mention: Mention, canonical: dict) -> tuple[str, str]:
    """The model sometimes tags a lone surname as an ORG; if a person in the article has that
    surname, the speaker is the person."""
    form = canonical.get((mention.text, mention.label), (mention.text, mention.label))
    if form[1] == "PERSON" or " " in mention.text:
        return form
    person = _the_person_surnamed({mention.text}, canonical)
    return person if person is not None else form


def _surname_of_person(words: str, canonical: dict) -> tuple[str, str] | None:
    """'Hale said' where the model missed 'Hale' but tagged 'Marcus Hale' elsewhere."""
    return _the_person_surnamed(set(re.findall(r"[^\W\d_][\w'’-]*", words)), canonical)


def _the_person_surnamed(surnames: set[str], canonical: dict) -> tuple[str, str] | None:
    """The one full name of the article ending in one of the surnames, if it is a person's.
    A name the model typed otherwise but shaped like a person's counts too
    (etl.nlp.name_model.is_a_name): 'Quint said' in an article of 'Mara Quint' (tagged an
    organisation) and her husband 'Tom Quint' is not Tom."""
    named = {
        (name, label) for name, label in canonical.values()
        if " " in name and name.split()[-1] in surnames
        and (label == "PERSON" or is_a_name(name))
    }  # fmt: skip
    if len(named) != 1:
        return None
    name, label = named.pop()
    return (name, label) if label == "PERSON" else None
