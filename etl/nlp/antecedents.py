"""Whom "he said" or "the spokeswoman said" stands for: the entities named before the
attribution, ranked by a small model.

Each candidate is an entity (not a place) named before the attribution, the latest
MAX_CANDIDATES of them, the speaker attributed last and the one named most. Its features say
what a reader weighs: how recently and how often it was named, whether it was the subject of
the sentences just before (the parse's antecedents) and how often, whether it was last named
as an owner ("Okafor's"), whether it spoke before (attributed a quote, or named
beside a verb of saying), whether the article gives it the pronoun's gender, whether it was
described with the description's noun ("spokeswoman Mara Quint", "Okafor, a spokeswoman for
..."). A logistic regression per kind of attribution ('pronoun', 'description') weighs them,
fitted by `python -m etl train quotes` (bench/train_antecedents.py) on the quotes set's gold
sources; the likeliest candidate is the speaker when its probability reaches the kind's
threshold, else no one: an empty speaker is better than a wrong one. Someone the article
gives the other gender is never a "he" or "she", and where someone was described with the
description's noun, only they compete, threshold or not. Weights in etl/nlp/models/antecedents.json.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from etl.nlp.entities import Mention
from etl.nlp.name_model import is_a_name

KINDS = ("pronoun", "description")
# How many of the entities named last compete, besides the speaker attributed last. More
# than a reader keeps in mind; the model weighs recency itself.
MAX_CANDIDATES = 6
# Scales that bring each count to about 0..1 for the regression (ceilings, not fitted).
_MAX_RANK, _MAX_PARAGRAPHS, _MAX_SENTENCES = 6, 6, 10
_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s+|\n")
# How far from a name its title or the aside describing it may run ("Mara Quint, a senior
# adviser to the governor on transport, ...").
_ASIDE_CHARS = 60
# A plural noun: "officials", "diplomats", "authorities" (not "boss", "status", "analysis").
_PLURAL = re.compile(r"[^isu]s$|ies$")
# "Okafor's plan": named as an owner, seldom the one the next "he" is about.
_POSSESSIVE = re.compile(r"[’']s?\b")


@dataclass(frozen=True)
class Candidate:
    speaker: tuple[str, str]  # canonical (name, label)
    features: dict[str, float]


@dataclass(frozen=True)
class Context:
    """What the candidates are read from: the narration's entities as speakers (canonical,
    persons made of surnames tagged otherwise), the people's genders, the speakers attributed
    so far in order, whom the parse's antecedent heads name (the subjects of the sentences
    before, latest first; None where a head names no one known) and the mentions named
    beside a verb of saying."""

    named: list[tuple[Mention, tuple[str, str]]]
    genders: dict[str, str]
    earlier_speakers: tuple[tuple[str, str], ...]
    last_speaker: tuple[str, str] | None
    subjects: tuple[tuple[str, str] | None, ...]
    reporting: frozenset[int]  # start offsets of mentions that are a verb of saying's subject


def candidates(text: str, start: int, kind: str, word: str, context: Context) -> list[Candidate]:
    """The entities 'he'/'she' (word) or 'the <word>' at text[start] may stand for, with
    their features, latest named first."""
    if kind == "pronoun" and _goes_on_unnamed(context):
        return []
    before = [(m, speaker) for m, speaker in context.named if m.end <= start]
    before = [(m, speaker) for m, speaker in before if speaker[1] != "GPE"]
    latest: dict[tuple[str, str], Mention] = {}
    for mention, speaker in before:
        latest[speaker] = mention
    if kind == "pronoun":  # a "he" or "she" is a person ...
        latest = {s: m for s, m in latest.items() if _could_be_a_person(s)}
    order = sorted(latest, key=lambda s: -latest[s].start)[:MAX_CANDIDATES]
    last = context.last_speaker
    if last is not None and last[1] != "GPE" and last not in order:
        order.append(last)
    counts = Counter(speaker for _, speaker in before)
    most = max(latest, key=counts.__getitem__, default=None)  # whom the article is about
    if most is not None and most not in order:
        order.append(most)
    if kind == "pronoun":  # ... never one the article gives the other gender
        order = [
            s for s in order if _could_be_a_person(s) and context.genders.get(s[0], word) == word
        ]
    reporting = Counter(s for m, s in before if m.start in context.reporting)
    subjects: dict[tuple[str, str] | None, int] = {}
    for rank, subject in enumerate(context.subjects):
        subjects.setdefault(subject, rank)
    spoke = Counter(context.earlier_speakers)
    found = []
    for rank, speaker in enumerate(order):
        mention = latest.get(speaker)
        features = {
            **_distance(text, mention, start, rank),
            "last_speaker": float(speaker == last),
            "no_speaker_yet": float(not context.earlier_speakers),
            "latest_subject": float(subjects.get(speaker) == 0),
            "a_subject": float(speaker in subjects),
            "subject_times": sum(s == speaker for s in context.subjects) / 3,
            "person": float(speaker[1] == "PERSON"),
            "organisation": float(speaker[1] == "ORG"),
            "full_name": float(" " in speaker[0]),
            "mentions": math.log1p(counts[speaker]) / 3,
            "named_saying": math.log1p(reporting[speaker]) / 2,
            "quoted_before": math.log1p(spoke[speaker]) / 2,
            "possessive": float(mention is not None and bool(_POSSESSIVE.match(text, mention.end))),
        }
        if kind == "pronoun":
            features["gender_agrees"] = float(context.genders.get(speaker[0]) == word)
        else:
            mentions = [m for m, s in before if s == speaker]
            features["described"] = float(any(_described(text, m, word) for m in mentions))
            # "the officials said": a group, seldom the one person named before
            features["plural"] = float(_PLURAL.search(word) is not None)
        found.append(Candidate(speaker, features))
    # "the spokeswoman" is whoever was called a spokeswoman, where someone was.
    described = [c for c in found if c.features.get("described")]
    return described or found


def _goes_on_unnamed(context: Context) -> bool:
    """'“…,” the minister said. … “…,” he added': the speaker attributed last was no one
    named, and the sentences since name no subject, so the "he" is that unnamed speaker."""
    unnamed = bool(context.earlier_speakers) and context.earlier_speakers[-1] is None
    return unnamed and (not context.subjects or context.subjects[0] is None)


def _could_be_a_person(speaker: tuple[str, str]) -> bool:
    """A person, or an entity typed otherwise whose name could be a person's: the NER types
    many a person an organisation ("Okafor", "Jane Roe"), never "IS" or "the Harbor Board"
    (etl.nlp.name_model tells names from the rest). On quotes_dev, persons alone lost 35 of
    882 pronoun sources the model had right; this, none."""
    name, label = speaker
    if label == "PERSON":
        return True
    single = " " not in name and not name.isupper()
    return single or is_a_name(name)


def _distance(text: str, mention: Mention | None, start: int, rank: int) -> dict[str, float]:
    """How far back the candidate was last named: its rank among the candidates, paragraphs,
    sentences and characters (a speaker attributed last but never named counts as far)."""
    between = text[mention.end : start] if mention is not None else None
    paragraphs = between.count("\n") if between is not None else _MAX_PARAGRAPHS
    sentences = len(_SENTENCE_END.findall(between)) if between is not None else _MAX_SENTENCES
    chars = len(between) if between is not None else 5000
    return {
        "rank": min(rank, _MAX_RANK) / _MAX_RANK,
        "latest_named": float(rank == 0),
        "paragraphs": min(paragraphs, _MAX_PARAGRAPHS) / _MAX_PARAGRAPHS,
        "same_paragraph": float(paragraphs == 0),
        "sentences": min(sentences, _MAX_SENTENCES) / _MAX_SENTENCES,
        "log_chars": math.log1p(chars) / 8,
    }


def _described(text: str, mention: Mention, noun: str) -> bool:
    """The mention carries the noun as its title ('spokeswoman Mara Quint') or in an aside
    after it ('Mara Quint, a spokeswoman for ...')."""
    word = re.escape(noun)
    title = re.compile(rf"\b(?i:{word})\s+(?:[A-Z][\w.’'-]*\s+){{0,3}}$")
    aside = re.compile(rf",\s+(?:a|an|the)\b[^,.;:]{{0,{_ASIDE_CHARS}}}\b{word}\b", re.IGNORECASE)
    titled = title.search(text, max(0, mention.start - _ASIDE_CHARS), mention.start)
    return bool(titled or aside.match(text, mention.end))


@lru_cache(maxsize=1)
def model() -> dict:
    """{kind: {"weights": {feature: weight}, "intercept", "threshold", "regularisation"}}."""
    path = files("etl.nlp") / "models" / "antecedents.json"
    return json.loads(path.read_text(encoding="utf-8"))


def probability(features: dict[str, float], fitted: dict) -> float:
    weights = fitted["weights"]
    logit = fitted["intercept"] + sum(v * weights.get(f, 0.0) for f, v in features.items())
    return 1.0 / (1.0 + math.exp(-logit))


@dataclass(frozen=True)
class Choice:
    """The likeliest candidate (found[index]) and its probability."""

    index: int
    speaker: tuple[str, str]
    probability: float
    described: bool

    def given(self, threshold: float) -> bool:
        """The speaker is given when its probability reaches the threshold, or when the
        article described them with the description's noun (it tied the noun to them)."""
        return self.described or self.probability >= threshold


def best(found: list[Candidate], fitted: dict) -> Choice | None:
    """The likeliest of the candidates under the fitted model (the first of equals)."""
    if not found:
        return None
    chances = [probability(c.features, fitted) for c in found]
    index = max(range(len(found)), key=chances.__getitem__)
    top = found[index]
    return Choice(index, top.speaker, chances[index], bool(top.features.get("described")))


def likeliest(found: list[Candidate], fitted: dict) -> tuple[str, str] | None:
    """The likeliest candidate's speaker, if it is given (Choice.given) at the kind's
    threshold."""
    choice = best(found, fitted)
    return choice.speaker if choice is not None and choice.given(fitted["threshold"]) else None
