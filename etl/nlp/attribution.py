"""Who a quotation's attribution names, read from the dependency parse of its sentence.

Only the paragraphs that hold a quotation are parsed (a second, small pipeline without NER:
tagger and parser), so the cost follows the quotes, not the article. For each quotation the
attribution is the verb that governs it from outside its marks ('"...," Okafor snapped', 'Roe
said that "..."'), else a speech verb of its own sentence outside the marks, else one opening
the sentence right after it ('"...". She added: ...'), or 'according to'; its subject
(nsubj, nsubjpass, or the object of 'according to') is the speaker's phrase. Which entity that
phrase names, and what a pronoun stands for, is etl.nlp.quotes' business: this module only
says where the speaker's words are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from etl import lexicon

# Verbs of saying, as lemmas: a governing verb outside these still attributes when the
# quotation is its complement ('"...," Okafor snapped').
SPEECH_LEMMAS = frozenset(
    "say tell add write note state warn insist explain ask argue announce urge tweet declare "
    "continue emphasize emphasise stress underline remark comment reply recall acknowledge "
    "admit claim conclude post agree bark praise bemoan complain predict suggest testify "
    "respond quip joke shout yell scream concede contend assert maintain observe report "
    "describe call caution vow promise pledge boast brag lament counter retort deny confirm "
    "reveal disclose recount recall muse marvel sigh chime interject offer put".split()
)
# The forms a verb of saying is written in: the tagger's tags are enough to read them, so the
# attribute ruler and lemmatizer (45% of the parse's time) are not run.
_IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "put": ("put",),
    "sigh": ("sighed",),
    "quip": ("quipped",),
    "bark": ("barked",),
}
SPEECH_FORMS = frozenset(
    form
    for lemma in SPEECH_LEMMAS
    for form in (
        lemma, lemma + "s", lemma + "ing", lemma[:-1] + "ing", lemma + "ed", lemma + "d",
        lemma[:-1] + "ied", lemma[:-1] + "ies", *_IRREGULAR.get(lemma, ()),
    )
)  # fmt: skip
_SUBJECTS = ("nsubj", "nsubjpass")
# "Okafor, who said ...": the relative pronoun stands for the noun its clause hangs on.
_RELATIVE = frozenset({"who", "which", "that"})
# How the parser hangs a clause that introduces the quotation from the quoted words.
_INTRODUCING = ("advcl", "ccomp", "parataxis")
_NEXT_SENTENCE_TOKENS = 12
# How many verbs up a verb of saying its subject is looked for.
_CLIMB = 3


@lru_cache(maxsize=2)
def parser(model: str):
    """The model's tagger and parser alone (the main pipeline ran its NER)."""
    import spacy

    return spacy.load(model, exclude=["ner", "attribute_ruler", "lemmatizer"])


@dataclass(frozen=True)
class Attribution:
    """What the parse says of one quotation, as offsets into the text."""

    phrase: tuple[int, int] | None = None  # the speaker's phrase: the verb's subject
    head: int | None = None  # its head word
    # The proper name the head word ends ("Mr Roe", "Okafor"), where it is one: a speaker
    # the model did not tag.
    name: tuple[int, int] | None = None
    # The named subjects of the sentences before the quotation, in its paragraph or the two
    # before, latest first: whom a 'he said' most likely means.
    antecedents: tuple[int, ...] = ()


def attributions(text: str, quotes: Sequence[tuple[int, int]], model: str) -> list[Attribution]:
    """For each (start, end) quotation of text, what the parse of its paragraph (and the one
    before it) says about who said it."""
    paragraphs = _paragraphs(text, quotes)
    docs = dict(zip(paragraphs, parser(model).pipe(text[a:b] for a, b in paragraphs), strict=True))
    found = []
    for start, end in quotes:
        at = [(a, b) for a, b in paragraphs if a <= start]
        if not at or start >= at[-1][1]:
            found.append(Attribution())
            continue
        span = at[-1]
        phrase = _speaker_phrase(docs[span], start - span[0], end - span[0])
        earlier = [(docs[p], p[0]) for p in at[-3:]]
        antecedents = _antecedents(earlier, start, quotes)
        if phrase is None:
            found.append(Attribution(antecedents=antecedents))
            continue
        subject, base = phrase, span[0]
        name = _proper_name(subject)
        left, right = subject.left_edge, _right_edge(subject)
        found.append(
            Attribution(
                phrase=(left.idx + base, right.idx + len(right) + base),
                head=subject.idx + base,
                name=None if name is None else (name[0] + base, name[1] + base),
                antecedents=antecedents,
            )
        )
    return found


def _proper_name(head) -> tuple[int, int] | None:
    """The span of the proper name a subject's head word ends: the head and the proper nouns
    compounded before it."""
    if not _proper(head) or not head.text[:1].isupper():
        return None
    first = head
    for child in head.lefts:
        if child.dep_ in ("compound", "flat") and _proper(child) and child.i < first.i:
            first = child
    return first.idx, head.idx + len(head)


def _paragraphs(text: str, quotes: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs that hold a quotation, and the two before each (where whom a 'he said'
    means is named: two rather than one raised pronoun sources 0.535 -> 0.548 on quotes_dev,
    no publisher lower, three 0.546; the parse costs 12% more)."""
    spans = set()
    for start, _ in quotes:
        begin = text.rfind("\n", 0, start) + 1
        finish = text.find("\n", start)
        spans.add((begin, len(text) if finish < 0 else finish))
        for _ in range(2):
            before = text[:begin].rstrip("\n")
            if not before:
                break
            begin = before.rfind("\n") + 1
            spans.add((begin, len(before)))
    return sorted(spans)


def _antecedents(docs, before: int, quotes: Sequence[tuple[int, int]]) -> tuple[int, ...]:
    """The heads of the named subjects (proper nouns) outside quotation marks before the
    offset, in the given (doc, offset) paragraphs: the latest sentence's first, and in a
    sentence the main clause's before a subordinate one's ('Roe said the council will ...':
    Roe before the council), as a reader takes the topic of what was said last."""
    sentences = []
    for doc, offset in docs:
        for sentence in doc.sents:
            if sentence.start_char + offset >= before:
                break
            outside = [
                (len(list(token.ancestors)), token)
                for token in sentence
                if token.dep_ in _SUBJECTS and _before(token.idx + offset, before, quotes)
            ]
            found = [
                (depth, name.idx + offset)
                for depth, name in _topics(outside)
                if _before(name.idx + offset, before, quotes)
            ]
            sentences.append([at for _, at in sorted(found)])
    return tuple(at for found in reversed(sentences) for at in found)


def _topics(subjects: list[tuple[int, object]]) -> list[tuple[int, object]]:
    """(depth, proper noun) of the named subjects that may be a sentence's topic. Where a 'he'
    or 'she' is the subject of a clause above them, the names below are not: in 'He said Roe
    will win', the sentence goes on about whoever 'he' was, and the next '"...," he said' is
    that man, not Roe. (quotes_dev, held out by publisher with the model refitted: pronoun
    sources right 0.603 -> 0.615, speaker 0.927 -> 0.928, who_said 0.820 -> 0.819.)"""
    personal = _personal_pronouns()
    pronoun = min((d for d, t in subjects if t.lower_ in personal), default=None)
    return [
        (depth, name)
        for depth, token in subjects
        for name in [_named(token)]
        if name is not None and (pronoun is None or depth < pronoun)
    ]


@lru_cache(maxsize=1)
def _personal_pronouns() -> frozenset[str]:
    return frozenset(lexicon.words("masculine_pronouns") + lexicon.words("feminine_pronouns"))


def _before(at: int, before: int, quotes: Sequence[tuple[int, int]]) -> bool:
    """Offset `at` comes before `before` and outside every quotation."""
    return at < before and not any(a <= at < b for a, b in quotes)


def _named(subject):
    """The proper noun a subject is, or the one in apposition to it ('the minister, Erlan
    Roe, said'), or None."""
    if _proper(subject):
        return subject
    return next((c for c in subject.children if c.dep_ == "appos" and _proper(c)), None)


def _speaker_phrase(doc, start: int, end: int):
    """The subject token of the verb that attributes the quotation, or None."""
    inside = [t for t in doc if start <= t.idx < end]
    if not inside:
        return None
    sentence = inside[0].sent
    verb = (
        _governing_verb(inside, start, end)
        or _speech_verb(sentence, start, end)
        or _introducing_verb(inside, start)
    )
    if verb is None and sentence.end < len(doc):
        verb = _opening_speech_verb(doc[sentence.end].sent)
    if verb is None:
        verb = _verb_above(inside, start, end)
    subject = None if verb is None else _subject(verb)
    if subject is not None and subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
        subject = verb.head
    # a name inside the quoted words is what was said, never who said it
    return subject if subject is not None and _outside(subject, start, end) else None


def _right_edge(subject):
    """The last word of the subject's phrase, leaving out a relative clause ("Okafor, who
    chairs the board,"): what it says names no speaker."""
    clauses = {t.i for c in subject.rights if c.dep_ == "relcl" for t in c.subtree}
    if not clauses:
        return subject.right_edge
    kept = [t for t in subject.subtree if t.i not in clauses and not t.is_punct]
    return max(kept, key=lambda t: t.i)


def _verb(token) -> bool:
    return token.tag_.startswith("VB")


def _proper(token) -> bool:
    return token.tag_ in ("NNP", "NNPS")


def _outside(token, start: int, end: int) -> bool:
    return not start <= token.idx < end


def _governing_verb(inside, start: int, end: int):
    """The verb outside the marks that the quotation's words hang from."""
    for token in inside:
        head = token.head
        governs = head is not token and _outside(head, start, end) and _verb(head)
        if governs and (head.lower_ in SPEECH_FORMS or token.dep_ == "ccomp"):
            return head
    return None


def _introducing_verb(inside, start: int):
    """A clause with a subject that leads into the quotation and that the parser hung from
    the quoted words ('Okafor shot back, “…”', 'Roe fired back: “…”'): its verb."""
    for token in inside:
        for child in token.children:
            leads_in = child.idx < start and child.dep_ in _INTRODUCING
            if leads_in and _verb(child) and _subject(child) is not None:
                return child
    return None


def _verb_above(inside, start: int, end: int):
    """The nearest verb outside the marks above the quotation's words that has a subject:
    whoever 'labels', 'condemns' or 'attacked' something in quoted words is their source."""
    top = min(inside, key=lambda t: len(list(t.ancestors)))
    for ancestor in top.ancestors:
        if _outside(ancestor, start, end) and _verb(ancestor) and _subject(ancestor) is not None:
            return ancestor
    return None


def _speech_verb(sentence, start: int, end: int):
    """The speech verb of the sentence outside the marks nearest to them, or 'according'."""
    candidates = [
        t for t in sentence
        if _outside(t, start, end)
        and ((_verb(t) and t.lower_ in SPEECH_FORMS) or _according(t))
    ]  # fmt: skip
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))


def _opening_speech_verb(sentence):
    """A short sentence right after the quotation that only says who said it ('So said the
    minister.'), not what else they said ('He added that ...' reports speech of its own)."""
    if len(sentence) > _NEXT_SENTENCE_TOKENS:
        return None
    for token in sentence:
        if _verb(token) and token.lower_ in SPEECH_FORMS:
            reports = any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in token.children)
            return None if reports else token
    return None


def _according(token) -> bool:
    return (
        token.lower_ == "according"
        and token.i + 1 < len(token.doc)
        and (token.doc[token.i + 1].lower_ == "to")
    )


def _subject(verb):
    """The verb's subject, climbing conjoined, adverbial and completed verbs ('Roe smiled and
    said', 'Roe left, calling it "..." and asserting that "..."', 'Roe went on to say') and
    clauses a preposition or an object holds (_owning_verb); for 'according to X', X."""
    if _according(verb):
        objects = [c for c in verb.doc[verb.i + 1].children if c.dep_ == "pobj"]
        return objects[0] if objects else None
    candidate = verb
    for _ in range(_CLIMB):
        subjects = [c for c in candidate.children if c.dep_ in _SUBJECTS]
        if subjects:
            return subjects[0]
        owner = _owning_verb(candidate)
        if owner is not None:
            candidate = owner
            continue
        if candidate.dep_ not in ("conj", "advcl", "xcomp") or candidate.head is candidate:
            return None
        candidate = candidate.head
    return None


def _owning_verb(verb):
    """The verb a clause of saying hangs from through a preposition ("Roe began by saying")
    or through the object it describes ("Roe issued a statement saying"): its subject is
    the speaker. None for any other clause."""
    middle = verb.head
    through = (verb.dep_, middle.dep_) in (("pcomp", "prep"), ("acl", "dobj"))
    return middle.head if through and _verb(middle.head) else None
