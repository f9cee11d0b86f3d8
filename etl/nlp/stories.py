"""Near-duplicates and stories, assigned incrementally: each new article is compared only with
the candidates its blocks bring up, never with the whole warehouse.

Near-duplicates: MinHash signatures (datasketch) of an article's content-word bigrams, banded
for LSH (BANDS x ROWS), bring up copies of the same text; the articles of the story the new
article joins bring up rewrites of the same copy. Each candidate is scored by the exact
Jaccard similarity of the two bigram sets, and the article is linked to the earliest one at or
above NEAR_DUPLICATE_MIN_JACCARD. Rewrites of one wire story share about a tenth of their
content bigrams; separate reports of the same event share far fewer.

Stories: a new article joins the story with which it shares the most entity weight (people,
organisations, facilities, events: 2; places and nationalities: 1) among stories active within
WINDOW_DAYS of its date, if that weight is at least MIN_SHARED_WEIGHT, is at least
MIN_SHARED_SHARE of its own entities' weight, and includes one entity that is not a place.
Otherwise, or with a near-duplicate in another story, it starts or joins that story. A story's
key is derived from its first article, so keys are stable across runs and reruns.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
from datasketch import MinHash

from etl.keys import surrogate_key

NUM_PERM = 128
BANDS, ROWS = 32, 4  # candidate probability 50% near Jaccard 0.42, 99% above 0.65
NEAR_DUPLICATE_MIN_JACCARD = 0.07
WINDOW_DAYS = 7
TOP_ENTITIES = 20
MIN_SHARED_WEIGHT = 5
MIN_SHARED_SHARE = 0.2
MAX_MEMBERS_COMPARED = 200
PLACE_TYPES = frozenset({"GPE", "LOC", "NORP"})
_SEED = 20211  # fixed, so signatures and buckets are the same in every process and run
_SCHEME = "affine32"  # named, so a library default changing cannot move stored buckets
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_STOP = frozenset(
    "a an the and or but if of in on at to for from by with as is are was were be been being "
    "it its this that these those he she they we you i his her their our your my not no so "
    "than then there here which who whom whose what when where why how all any each some "
    "such also has have had do does did will would can could may might must shall should "
    "said says about after before over under into out up down more most other only just".split()
)


@dataclass
class KnownArticle:
    article_key: int
    story_key: int
    day: dt.date | None  # publication date; None when the page gives none
    shingles: frozenset[int]
    lineage: int | None = None  # the first version's article_key: an edit copies no one


@dataclass
class Story:
    story_key: int
    first_day: dt.date | None  # over its dated articles
    last_day: dt.date | None
    entities: Counter = field(default_factory=Counter)  # entity_key -> articles mentioning it
    members: list[int] = field(default_factory=list)


@dataclass
class StoryCatalog:
    """The stories and articles the warehouse returned for this batch's blocks; grows as the
    batch is assigned."""

    stories: dict[int, Story] = field(default_factory=dict)
    articles: dict[int, KnownArticle] = field(default_factory=dict)
    buckets: dict[tuple[int, int], set[int]] = field(default_factory=dict)
    by_entity: dict[int, set[int]] = field(default_factory=dict)  # entity_key -> story keys

    def add_article(self, article: KnownArticle, buckets: Iterable[tuple[int, int]]) -> None:
        self.articles[article.article_key] = article
        for bucket in buckets:
            self.buckets.setdefault(bucket, set()).add(article.article_key)
        story = self.stories.get(article.story_key)
        if story is not None and article.article_key not in story.members:
            story.members.append(article.article_key)

    def add_story_entities(self, story: Story, entity_keys: Iterable[int]) -> None:
        self.stories.setdefault(story.story_key, story)
        for key in entity_keys:
            self.by_entity.setdefault(key, set()).add(story.story_key)


@dataclass(frozen=True)
class NewArticle:
    article_key: int
    day: dt.date | None
    body: str
    entities: dict[int, tuple[str, int]]  # entity_key -> (type, mention count)
    lineage: int | None = None  # the first version's key when this one replaces another

    @property
    def first_version_key(self) -> int:
        return self.lineage if self.lineage is not None else self.article_key

    @cached_property  # computed once: the warehouse lookup and the assignment both need them
    def grams(self) -> frozenset[int]:
        return shingles(self.body)

    @cached_property
    def buckets(self) -> tuple[tuple[int, int], ...]:
        return lsh_buckets(self.grams)


@dataclass(frozen=True)
class Assignment:
    story_key: int
    near_duplicate_of: int | None
    similarity: float | None
    buckets: tuple[tuple[int, int], ...]


def shingles(text: str) -> frozenset[int]:
    """Content-word bigrams, hashed to 64 bits."""
    words = [w for w in (m.group(0).casefold() for m in _WORD.finditer(text)) if w not in _STOP]
    grams = (
        (f"{a} {b}" for a, b in zip(words, words[1:], strict=False)) if len(words) > 1 else words
    )
    return frozenset(
        int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big") >> 1
        for g in grams
    )


def lsh_buckets(grams: frozenset[int]) -> tuple[tuple[int, int], ...]:
    """(band, bucket) pairs of the MinHash signature: articles sharing one are candidates."""
    if not grams:
        return ()
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=_permutations(), scheme=_SCHEME)
    minhash.update_batch([g.to_bytes(8, "big") for g in sorted(grams)])
    values = np.asarray(minhash.hashvalues, dtype=np.uint64).reshape(BANDS, ROWS)
    return tuple(
        (band, int.from_bytes(hashlib.blake2b(row.tobytes(), digest_size=8).digest(), "big") >> 1)
        for band, row in enumerate(values)
    )


@lru_cache(maxsize=1)
def _permutations():
    """Drawing the hash permutations costs more than hashing an article: draw them once."""
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def assign_stories(catalog: StoryCatalog, articles: Sequence[NewArticle]) -> dict[int, Assignment]:
    """article_key -> Assignment, articles taken in the order given (publication order)."""
    assigned = {}
    for article in articles:
        grams, buckets = article.grams, article.buckets
        story_key = _best_story(catalog, article)
        duplicate, similarity = _near_duplicate(catalog, article, grams, buckets, story_key)
        if duplicate is not None:  # a copy belongs to the story of what it copies
            story_key = catalog.articles[duplicate].story_key
        if story_key is None:
            story_key = surrogate_key("story", article.article_key)
        story = catalog.stories.get(story_key) or Story(story_key, article.day, article.day)
        if article.day is not None:
            days = [d for d in (story.first_day, story.last_day, article.day) if d is not None]
            story.first_day, story.last_day = min(days), max(days)
        story.entities.update(article.entities.keys())
        catalog.add_story_entities(story, article.entities.keys())
        catalog.add_article(
            KnownArticle(
                article.article_key, story_key, article.day, grams, article.first_version_key
            ),
            buckets,
        )
        assigned[article.article_key] = Assignment(story_key, duplicate, similarity, buckets)
    return assigned


def _weight(entity_type: str) -> int:
    return 1 if entity_type in PLACE_TYPES else 2


def _best_story(catalog: StoryCatalog, article: NewArticle) -> int | None:
    top = sorted(article.entities.items(), key=lambda item: (-item[1][1], item[0]))[:TOP_ENTITIES]
    total = sum(_weight(kind) for _, (kind, _) in top)
    window = dt.timedelta(days=WINDOW_DAYS)
    scores: dict[int, tuple[int, bool]] = {}
    for entity_key, (kind, _) in top:
        for story_key in catalog.by_entity.get(entity_key, ()):
            if not _within(catalog.stories[story_key], article.day, window):
                continue
            weight, specific = scores.get(story_key, (0, False))
            scores[story_key] = (weight + _weight(kind), specific or kind not in PLACE_TYPES)
    eligible = [
        (weight, -key)
        for key, (weight, specific) in scores.items()
        if specific and weight >= MIN_SHARED_WEIGHT and weight >= MIN_SHARED_SHARE * total
    ]
    return -max(eligible)[1] if eligible else None


def _within(story: Story, day: dt.date | None, window: dt.timedelta) -> bool:
    """An undated article or story is matched on its entities alone."""
    if day is None or story.first_day is None or story.last_day is None:
        return True
    return story.first_day - window <= day <= story.last_day + window


def _near_duplicate(catalog, article, grams, buckets, story_key):
    candidates = set()
    for bucket in buckets:
        candidates |= catalog.buckets.get(bucket, set())
    if story_key is not None:
        candidates |= set(catalog.stories[story_key].members[-MAX_MEMBERS_COMPARED:])
    matches = []
    for key in candidates:
        known = catalog.articles.get(key)
        if known is None or key == article.article_key:
            continue
        if known.lineage == article.first_version_key:
            continue  # an earlier version of the same article: an edit, not a copy
        score = jaccard(grams, known.shingles)
        if score >= NEAR_DUPLICATE_MIN_JACCARD:
            matches.append((known.day, key, score))
    if not matches:
        return None, None
    _, key, score = min(matches, key=lambda m: (m[0] or dt.date.max, m[1]))  # the earliest
    return key, round(score, 4)
