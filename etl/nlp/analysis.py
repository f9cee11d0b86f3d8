"""Entities and quotations of many texts, in one pass of the spaCy pipeline.

Texts longer than the model accepts are cut into chunks at paragraph breaks; a text of one
chunk (nearly all) takes what the pipeline's components left on its Doc, while a longer one
has its chunks' mentions joined and merged over the whole text, so that a name is one entity
however far apart its mentions are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from etl.nlp.components import build_pipeline
from etl.nlp.entities import Mention, canonical_forms, canonicalise, chunks
from etl.nlp.quotes import find_quotes


@dataclass
class Analysis:
    entities: list[dict] = field(default_factory=list)  # {"text", "label", "canonical", "count"}
    # {"text", "speaker", "speaker_label", "speaker_found_by"}
    quotes: list[dict] = field(default_factory=list)


def analyse(
    texts: Sequence[str],
    *,
    model: str | None = None,
    weights: str | None = None,
    batch_size: int = 64,
    n_process: int = 1,
) -> list[Analysis]:
    """Each text's entities and quotes, in order (weights: etl.nlp.entities.ner_weights)."""
    nlp = build_pipeline(model, weights)
    pieces, owners = [], []
    for owner, text in enumerate(texts):
        for offset, piece in chunks(text):
            pieces.append(piece)
            owners.append((owner, offset))
    parsed: list[list[tuple[int, list, list, list]]] = [[] for _ in texts]
    docs = nlp.pipe(pieces, batch_size=batch_size, n_process=n_process)
    for (owner, offset), doc in zip(owners, docs, strict=True):
        parsed[owner].append((offset, doc._.mentions, doc._.entities, doc._.quotes))
    return [_merge(text, found) for text, found in zip(texts, parsed, strict=True)]


def _merge(text: str, found: list[tuple[int, list, list, list]]) -> Analysis:
    if len(found) == 1:
        _, _, entities, quotes = found[0]
        return Analysis(entities, quotes)
    mentions = [
        Mention(offset + start, offset + end, name, label)
        for offset, chunk_mentions, _, _ in found
        for start, end, name, label in chunk_mentions
    ]
    forms = canonical_forms(mentions)
    return Analysis(canonicalise(mentions, forms), find_quotes(text, mentions, forms))
