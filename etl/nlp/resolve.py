"""Entities across articles: one `dim_entity` row for every spelling of the same name.

A name resolves, in order, to
1. an entity that already has this exact (normalised) name as an alias. Types are compared by
   family: a person is only ever a person, while the model's ORG, FAC, GPE or LAW for the same
   name ("River Bridge") are one thing tagged inconsistently;
2. for people and organisations, a near spelling of a known name ("Luisa De Marco" for
   "Luisa Di Marco"), if the two share context: the article mentions an entity that the
   candidate has been mentioned with before. Without shared context two similar names may
   be two people, and stay apart;
3. a new entity, keyed by its type and name.
A lone surname ("Roe") is too common to trust an exact match: it joins the one known person
of that surname who shares context, else it stays its own entity. Full names are resolved
before lone surnames across the whole batch, so the order of articles does not decide it.
Candidates come from blocks (type family and the first letters of the last word), so resolving
a new article costs the same whatever the size of the warehouse. The curated aliases
(`etl/patterns/known_entities.json`) were applied during extraction.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from etl.keys import surrogate_key
from etl.nlp.names import MIN_NAME_SIMILARITY, name_similarity, normal_name, same_person_spelling

FUZZY_LABELS = frozenset({"PERSON", "ORG"})

Name = tuple[str, str, str]  # (label, canonical, surface)


@dataclass(frozen=True)
class Entity:
    entity_key: int
    canonical_name: str
    entity_type: str


@dataclass
class EntityCatalog:
    """What the warehouse knows about the names in a batch, and grows as the batch resolves."""

    entities: dict[int, Entity] = field(default_factory=dict)
    by_alias: dict[tuple[str, str], int] = field(default_factory=dict)  # (family, normal) -> key
    by_block: dict[str, set[int]] = field(default_factory=dict)
    names: dict[int, set[str]] = field(default_factory=dict)  # key -> normal aliases
    context: dict[int, set[int]] = field(default_factory=dict)  # key -> co-mentioned keys

    def add_alias(self, entity: Entity, alias: str) -> None:
        normal = normal_name(alias)
        self.entities.setdefault(entity.entity_key, entity)
        self.by_alias.setdefault((family(entity.entity_type), normal), entity.entity_key)
        self.by_block.setdefault(block_key(entity.entity_type, alias), set()).add(entity.entity_key)
        self.names.setdefault(entity.entity_key, set()).add(normal)


def family(label: str) -> str:
    return "PERSON" if label == "PERSON" else "OTHER"


def block_key(entity_type: str, name: str) -> str:
    words = normal_name(name).split()
    return f"{family(entity_type)}:{words[-1][:3] if words else ''}"


def resolve_batch(
    catalog: EntityCatalog, articles: Sequence[tuple[str, Sequence[Name]]]
) -> dict[str, dict[tuple[str, str], Entity]]:
    """article id -> {(label, canonical): Entity}, articles given in publication order."""
    catalog = copy.deepcopy(catalog)  # resolving the same batch twice gives the same answer
    resolved: dict[str, dict[tuple[str, str], Entity]] = {article: {} for article, _ in articles}
    for lone_surnames in (False, True):
        for article, names in articles:
            wanted = [n for n in names if _is_lone_surname(n[0], n[1]) == lone_surnames]
            _resolve(catalog, wanted, resolved[article])
    return resolved


def _is_lone_surname(label: str, name: str) -> bool:
    return label == "PERSON" and len(name.split()) == 1


def _resolve(
    catalog: EntityCatalog, names: Sequence[Name], resolved: dict[tuple[str, str], Entity]
) -> None:
    wanted = sorted({(label, canonical) for label, canonical, _ in names})
    context = {entity.entity_key for entity in resolved.values()}
    for label, canonical in wanted:  # exact names first: they are the context for fuzzy ones
        if _is_lone_surname(label, canonical):
            continue
        key = catalog.by_alias.get((family(label), normal_name(canonical)))
        if key is not None:
            resolved[(label, canonical)] = catalog.entities[key]
    context |= {entity.entity_key for entity in resolved.values()}
    for label, canonical in wanted:
        if (label, canonical) in resolved:
            continue
        if _is_lone_surname(label, canonical):
            match = _surname_match(catalog, canonical, context)
        elif label in FUZZY_LABELS:
            match = _near_match(catalog, label, canonical, context)
        else:
            match = None
        resolved[(label, canonical)] = match or Entity(
            surrogate_key("entity", label, canonical), canonical, label
        )
    for label, canonical, surface in names:
        entity = resolved[(label, canonical)]
        catalog.add_alias(entity, canonical)
        catalog.add_alias(entity, surface)
    keys = {entity.entity_key for entity in resolved.values()}
    for key in keys:
        catalog.context.setdefault(key, set()).update(keys - {key})


def _candidates(catalog: EntityCatalog, label: str, name: str, context: set[int]) -> Iterable[int]:
    for key in sorted(catalog.by_block.get(block_key(label, name), ())):
        if catalog.context.get(key, set()) & context:
            yield key


def _surname_match(catalog: EntityCatalog, name: str, context: set[int]) -> Entity | None:
    surname = normal_name(name)
    people = {
        key
        for key in _candidates(catalog, "PERSON", name, context)
        if any(known.split()[-1] == surname for known in catalog.names[key])
    }
    return catalog.entities[people.pop()] if len(people) == 1 else None


def _near_match(catalog: EntityCatalog, label: str, name: str, context: set[int]) -> Entity | None:
    normal = normal_name(name)
    best, best_score = None, MIN_NAME_SIMILARITY
    for key in _candidates(catalog, label, name, context):
        if family(catalog.entities[key].entity_type) != family(label):
            continue
        for known in catalog.names.get(key, ()):
            score = name_similarity(normal, known)
            agree = same_person_spelling(normal, known) if label == "PERSON" else True
            if score >= best_score and agree:
                best, best_score = catalog.entities[key], score
    return best
