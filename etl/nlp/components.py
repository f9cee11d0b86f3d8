"""The spaCy pipeline of the extract stage, post-processing included as components.

In the English model the wire-news tuned NER reads the document, and `person_votes` keeps
its entities but for the persons the NER as it ships reads around the names the tuned one
typed other than a person (etl.nlp.entities, NEWS_NER_WEIGHTS). After the NER and
the curated EntityRuler, two components registered with
`@Language.factory` (the shape of scispacy's abbreviation_detector) finish each document
where it is parsed, so with `n_process > 1` they run in the worker processes:

- `news_mentions` keeps the entity spans worth keeping, cleaned of quotes, possessives and
  titles, and relabels a name after a role word ("spokesman Jonah Pike") as a person:
  `Doc._.mentions`, [start, end, text, label] lists;
- `news_entities` merges the document's names to canonical forms and finds its quotations:
  `Doc._.entities` ({"text", "label", "canonical", "count"}) and `Doc._.quotes`.

Extension values are lists and dicts of strings and numbers, which is what crosses from a
worker process to the parent (spaCy serialises docs with msgpack). `build_pipeline` is the
one place the pipeline is put together, for runs and benchmarks alike.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry

from etl.nlp.entities import (
    Mention,
    canonical_forms,
    canonicalise,
    mentions_of,
    model_name,
    ner_weights,
    ruler_patterns,
)
from etl.nlp.quotes import attribute, find_quotes, with_speakers

# The NER component has its own embedding layer; everything else only costs time.
UNUSED_COMPONENTS = [
    "tok2vec", "tagger", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer"
]  # fmt: skip
COMPONENTS = ["ner", "entity_ruler", "news_mentions", "news_entities"]
# With fine-tuned weights (the English default) the tuned NER reads the document and the
# model's NER as it ships rereads a few words around each name it typed other than a person,
# whose persons it then takes (person_votes).
TUNED_COMPONENTS = ["ner", "person_votes", *COMPONENTS[1:]]
# The names a person may have been mistaken for, and what ends a sentence for the reread.
_MISTAKABLE = frozenset({"ORG", "GPE", "LOC", "FAC"})
_SENTENCE_ENDS = frozenset({".", "?", "!"})
# Words the shipped NER rereads each side of such a name, inside its sentence: what its
# embedding of a word sees (en_core_web_sm: CNN depth 4, window 1, so four words each side).
# Taken from the architecture, not fitted: ner_dev held out by day reads the same with 4, 6
# or whole sentences (strict 0.747), and 4 costs 45% less than whole sentences.
REREAD_MARGIN = 4

for _name in ("mentions", "entities", "quotes"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class NewsMentions:
    """Doc._.mentions: the kept entity spans, [start, end, text, label] each."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.mentions = [[m.start, m.end, m.text, m.label] for m in mentions_of(doc)]
        return doc


class NewsEntities:
    """Doc._.entities and Doc._.quotes from the document's mentions; quotes attributed from
    the parse of their paragraphs by parser_model where one is given (English)."""

    def __init__(self, parser_model: str | None = None) -> None:
        self.parser_model = parser_model

    def __call__(self, doc: Doc) -> Doc:
        mentions = [Mention(*values) for values in doc._.mentions or []]
        text = doc.text  # joined from the tokens on every access
        parsed = attribute(text, self.parser_model)
        mentions = with_speakers(text, parsed, mentions)
        forms = canonical_forms(mentions)
        doc._.entities = canonicalise(mentions, forms)
        doc._.quotes = find_quotes(text, mentions, forms, parsed)
        return doc


def tuned_with_shipped_persons(tuned: list, shipped: list) -> list:
    """The tuned NER's entities, except where the model as it ships read a person over a
    span the tuned one typed otherwise: there the shipped person stands. Wire-news tuning
    reads far more names right, but it learnt the names of its years; a person it has not
    seen after an office ("Secretary of State Tom Reyes") it may read as an organisation
    "State Tom Reyes", or a surname as a place, where the shipped model knows a person."""
    persons = [span for span in shipped if span.label_ == "PERSON"]
    kept = []
    for span in tuned:
        overlapping = [p for p in persons if p.start < span.end and span.start < p.end]
        if span.label_ != "PERSON" and overlapping:
            kept.extend(overlapping)
        else:
            kept.append(span)
    return filter_spans(kept)


class PersonVotes:
    """The tuned NER's entities with the persons the NER as it ships reads around the names
    the tuned one typed otherwise; only a few words each side of those names are reread
    (about a quarter of a news text), each window on its own."""

    def __init__(self, model: str) -> None:
        import spacy

        self.shipped = spacy.load(model, exclude=UNUSED_COMPONENTS)

    def __call__(self, doc: Doc) -> Doc:
        names = [e for e in doc.ents if e.label_ in _MISTAKABLE and could_be_a_name(e)]
        windows = windows_around(doc, names, REREAD_MARGIN)
        persons = []
        reread = self.shipped.pipe(_words_of(doc[a:b]) for a, b in windows)
        for (start, _), window in zip(windows, reread, strict=True):
            persons += [
                Span(doc, start + e.start, start + e.end, "PERSON")
                for e in window.ents
                if e.label_ == "PERSON"
            ]
        doc.set_ents(tuned_with_shipped_persons(list(doc.ents), persons), default="outside")
        return doc


def could_be_a_name(span) -> bool:
    """Whether a span has a word written as a name is (a capital, then small letters:
    'Reyes', 'McAdam'); a span in capitals ('NATO', 'U.S.') or without a capital is not
    worth a reread: the shipped model reads no person there either."""
    return any(t.text[:1].isupper() and not t.text.isupper() for t in span)


def _words_of(window) -> Doc:
    """The span as a new document of its words alone, without the tuned NER's entities
    (which the NER as it ships would keep to); ten times cheaper than Span.as_doc."""
    return Doc(
        window.doc.vocab,
        words=[token.text for token in window],
        spaces=[bool(token.whitespace_) for token in window],
    )


def windows_around(doc: Doc, spans: list, margin: int) -> list[tuple[int, int]]:
    """(start, end) token ranges of each span with up to margin words each side, not past
    its sentence (cut at a full stop, question or exclamation mark, or a line break: the NER
    pipeline has no parser), overlapping ones merged."""
    ranges = set()
    for span in spans:
        start = span.start
        while start > 0 and span.start - start < margin and not _ends_sentence(doc[start - 1]):
            start -= 1
        end = span.end
        while end < len(doc) and end - span.end < margin and not _ends_sentence(doc[end - 1]):
            end += 1
        ranges.add((start, end))
    return _merged(sorted(ranges))


def _ends_sentence(token) -> bool:
    return token.text in _SENTENCE_ENDS or "\n" in token.text


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@Language.factory("person_votes", default_config={"model": None})
def create_person_votes(nlp: Language, name: str, model: str) -> PersonVotes:
    return PersonVotes(model)


@Language.factory("news_mentions")
def create_news_mentions(nlp: Language, name: str) -> NewsMentions:
    return NewsMentions()


@Language.factory("news_entities", default_config={"parser_model": None})
def create_news_entities(nlp: Language, name: str, parser_model: str | None) -> NewsEntities:
    return NewsEntities(parser_model)


def longest_spans(entities, spans) -> list:
    """The model's entities and the curated matches, the longer winning where they overlap
    (the earlier on a tie): a curated name the model split or missed is found whole, and a
    longer name the model found keeps the curated name inside it."""
    return filter_spans([*entities, *spans])


@registry.misc("news_longest_spans.v1")
def create_longest_spans():
    return longest_spans


@lru_cache(maxsize=2)
def build_pipeline(configured: str | None = None, weights: str | None = None) -> Language:
    """A language's small model trimmed to its NER (for English, by default, the wire-news
    tuned NER, then person_votes: the NER as it ships rereads the words around its names other
    than persons), with the curated names ruled after it (longest_spans), and the
    post-processing components."""
    import spacy

    name = model_name(configured)
    nlp = spacy.load(name, exclude=UNUSED_COMPONENTS)
    if "ner" not in nlp.pipe_names:
        raise RuntimeError(f"spaCy model {name} has no 'ner' component")
    tuned = ner_weights(name, weights)
    if tuned is not None:
        nlp.get_pipe("ner").from_disk(tuned, exclude=["vocab"])
        nlp.add_pipe("person_votes", after="ner", config={"model": name})
    ruler = nlp.add_pipe(
        "span_ruler",
        name="entity_ruler",
        after=nlp.pipe_names[-1],
        config={
            "phrase_matcher_attr": "ORTH",
            "spans_key": None,
            "annotate_ents": True,
            "overwrite": False,
            "ents_filter": {"@misc": "news_longest_spans.v1"},
        },
    )
    ruler.add_patterns(ruler_patterns())
    nlp.add_pipe("news_mentions", after="entity_ruler")
    # Quotes are read in English only (their patterns are English): only its model parses.
    english = nlp.lang == "en"
    nlp.add_pipe(
        "news_entities",
        after="news_mentions",
        config={"parser_model": name if english else None},
    )
    return nlp
