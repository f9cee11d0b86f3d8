"""Title, publication date, byline and outlet from a page's visible text.

Header reading is a set of small models, not a pile of rules: every candidate line (for the
title: the page's lines and the variants of its first line without site segments; for the
byline: the lines that name people; for the date: every date printed near the header or on a
"Published" line) is scored by a linear model over features that carry across sites and
languages (position against the body and the headline, length, case, punctuation, likeness to
the first line, by-words, date shape, "Published/Veröffentlicht/Publié" keywords). Each
field's best candidate is the page's best by a model fitted as that choice (a conditional
logit: candidates weighed against each other). A page may name no author or no outlet: the
byline's and the outlet's picks must also clear a threshold of a per-candidate logistic
model, their gate (candidates weighed alone); below the outlet's, the byline's credit or the
footer's copyright holder names the outlet. A name the byline gives must also read as a
person's name to the name model (etl.nlp.name_model), or it is dropped. The best title is
picked first; the byline and date are scored knowing where it is. The models are fitted by
`python -m etl train header` and shipped in etl/page/models/header.json.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

import numpy as np

from etl.nlp.name_model import is_a_name
from etl.page.context import Candidate, Context
from etl.page.datelines import byline_candidates, credited, date_candidates
from etl.page.fields import Header
from etl.page.lines import Line
from etl.page.outlets import same_outlet, spells_out
from etl.page.people import byline_of_line, is_agency, is_marked_byline, outlet_of
from etl.page.sites import copyright_holder, outlet_candidates, reported_outlet
from etl.page.titles import headline_line, section, title_candidates


@lru_cache(maxsize=1)
def models() -> dict:
    """{field: {"features": [...], "mean": [...], "scale": [...], "coef": [...],
    "intercept": float, "threshold": float}} for title, byline, published and outlet (the
    rankings) and byline_gate and outlet_gate, fitted by `python -m etl train header`."""
    path = files("etl.page") / "models" / "header.json"
    return json.loads(path.read_text(encoding="utf-8"))


def score(field: str, candidates: list[Candidate], fitted: dict | None = None) -> np.ndarray:
    """The model's probability for each candidate (a ranking model's: the logistic of its
    score, which only orders a page's candidates)."""
    if not candidates:
        return np.zeros(0)
    model = (fitted or models())[field]
    rows = np.array([[c.features.get(f, 0.0) for f in model["features"]] for c in candidates])
    z = (rows - np.array(model["mean"])) / np.array(model["scale"])
    logits = z @ np.array(model["coef"]) + model["intercept"]
    return 1.0 / (1.0 + np.exp(-logits))


def read_header(
    lines: list[Line],
    body_start: int,
    body_probability: np.ndarray,
    language: str | None,
    fitted: dict | None = None,
    names: dict | None = None,
) -> tuple[Header, dict[str, int]]:
    """The page's header fields from its text, and the lines they were read from (fitted and
    names: other header and name models than the shipped ones, for cross-validation)."""
    header = Header()
    used: dict[str, int] = {}
    if not lines:
        return header, used
    fitted = fitted or models()
    context = Context(lines, body_start, body_probability, language)
    _read_title(context, fitted, header, used)
    _read_byline(context, fitted, header, used, names)
    _read_date(context, fitted, header, used)
    _read_outlet(context, fitted, header)
    _credit_the_outlet(header)
    header.section = section(lines, context.title_line, context.reach())
    return header, used


def ranked(
    field: str, candidates: list[Candidate], fitted: dict | None = None
) -> tuple[Candidate | None, float]:
    """The best of a page's candidates by the field's ranking model, and the probability the
    field's gate gives it (1.0 for a field every page has)."""
    if not candidates:
        return None, 0.0
    fitted = fitted or models()
    best = candidates[int(np.argmax(score(field, candidates, fitted)))]
    if f"{field}_gate" not in fitted:
        return best, 1.0
    return best, float(score(f"{field}_gate", [best], fitted)[0])


def _best(field: str, candidates: list[Candidate], fitted: dict) -> Candidate | None:
    """The page's best candidate, if its gate (byline, outlet) finds it likely enough."""
    best, chance = ranked(field, candidates, fitted)
    gate = fitted.get(f"{field}_gate")
    return best if gate is None or chance >= gate["threshold"] else None


def _read_title(context: Context, fitted: dict, header: Header, used: dict) -> None:
    best = _best("title", title_candidates(context), fitted)
    if best is not None:
        header.set("title", best.text, "visible_text")
        used["title"] = best.line
        context.title_line = headline_line(context, best)


def _read_byline(
    context: Context, fitted: dict, header: Header, used: dict, names: dict | None
) -> None:
    best = _best("byline", byline_candidates(context), fitted)
    if best is not None:
        text = context.lines[best.line].text
        byline, marked = byline_of_line(text), is_marked_byline(text)
        # What the byline names must also read as a person's name (etl.nlp.name_model).
        people = [person for person in byline.people if is_a_name(person, names, marked)]
        header.set("authors", people, "visible_text")
        header.credits = list(byline.credits)
        used["byline"] = best.line
    if not header.credits:  # "By Example News": a by-line that names no person credits an outlet
        header.credits = credited(context)


def _read_date(context: Context, fitted: dict, header: Header, used: dict) -> None:
    best = _best("published", date_candidates(context), fitted)
    if best is not None:
        header.set("published", best.text, "visible_text")
        used["dateline"] = best.line


def _credit_the_outlet(header: Header) -> None:
    """A name on the byline that is the page's own outlet ("Lakeport Ledger", shaped like a
    person's name) is a credit, never an author."""
    outlet_named = [a for a in header.authors if same_outlet(a, header.outlet)]
    if outlet_named:
        header.authors = [a for a in header.authors if a not in outlet_named]
        header.credits = list(dict.fromkeys([*header.credits, *outlet_named]))


def _read_outlet(context: Context, fitted: dict, header: Header) -> None:
    """The most site-like name on the page (the byline's credit "By Example News" among them), if
    likely enough; else that credit, an outlet the text credits ("...reports Coast Post
    News") or the footer's copyright holder."""
    credits = [outlet_of(c) for c in header.credits if not is_agency(c)]
    candidates = outlet_candidates(context, header.title, credits)
    best = _best("outlet", candidates, fitted)
    likely = fitted["outlet_gate"]["threshold"]
    if best is not None:  # a name and its spelled-out form are one outlet: the fuller one
        chances: dict[str, float] = {}
        gate = score("outlet_gate", candidates, fitted)
        for candidate, chance in zip(candidates, gate, strict=True):
            chances[candidate.text] = max(chance, chances.get(candidate.text, 0.0))
        fuller = [
            name
            for name, chance in chances.items()
            if spells_out(best.text, name) and chance >= likely
        ]
        best = max([best.text, *fuller], key=len)
    outlet = best or next(iter(credits), None)
    outlet = outlet or reported_outlet(context) or copyright_holder(context.lines)
    if outlet:
        header.set("outlet", outlet, "visible_text")
