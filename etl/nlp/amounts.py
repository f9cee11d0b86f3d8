"""Money, counted quantities and percentages in a body, normalised to a value and a unit.

"US $ 250 million" -> 250000000.0 USD; "some 4,000 IT workers" -> 4000.0 workers with
qualifier "some"; "nearly 98%" -> 98.0 percent; "0.1 degrees" -> a measure of 0.1 degree.
A number that labels a thing ("section 22.4", "the number 10 jersey") is no amount, and a count
is of whole things: "22.4 workers" is a clause number read wrong, not a count. Regular
expressions over the cleaned body: the spaCy model's MONEY and CARDINAL spans miss "€7.8B"
and carry no counted noun, and a parser for the noun would cost more than the NER pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_WORD_NUMBERS = {
    w: float(i)
    for i, w in enumerate(
        "two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split(),
        start=2,
    )
} | {"thirty": 30.0, "forty": 40.0, "fifty": 50.0, "sixty": 60.0, "seventy": 70.0,
     "eighty": 80.0, "ninety": 90.0, "hundred": 100.0, "a hundred": 100.0,
     "a dozen": 12.0, "a thousand": 1e3, "a million": 1e6, "a billion": 1e9,}  # fmt: skip
_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "lakh": 1e5, "crore": 1e7,
}  # fmt: skip
_SYMBOLS = {
    "us$": "USD", "us $": "USD", "$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR",
    "£": "GBP", "gbp": "GBP", "¥": "JPY", "jpy": "JPY", "a$": "AUD", "au$": "AUD",
    "c$": "CAD", "ca$": "CAD", "hk$": "HKD", "₹": "INR", "rs": "INR", "rs.": "INR",
    "inr": "INR", "chf": "CHF", "cny": "CNY", "rmb": "CNY",
}  # fmt: skip
_CURRENCY_WORDS = {
    "dollars": "USD", "dollar": "USD", "us dollars": "USD", "euros": "EUR", "euro": "EUR",
    "pounds": "GBP", "pounds sterling": "GBP", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rupees": "INR", "swiss francs": "CHF",
}  # fmt: skip
_QUALIFIERS = (
    "more than", "less than", "fewer than", "at least", "at most", "up to", "as many as",
    "as much as", "an estimated", "roughly", "about", "around", "approximately", "nearly",
    "almost", "over", "under", "some", "just over", "just under", "close to", "estimated",
)  # fmt: skip
# Words after a number that are not the thing counted: dates, durations, ages, ordinals.
_NOT_COUNTED = frozenset(
    "year years month months week weeks day days hour hours minute minutes second seconds "
    "decade decades century centuries "
    "am pm a.m. p.m. gmt utc edt est bst cet per percent pc times time st nd rd th "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_STOP = frozenset(
    "a an the of in on at to for from by with and or but as than that which who whom whose "
    "this these those is are was were be been being has have had will would can could may "
    "might must shall should it its their his her our your my we they he she i you "
    "between among into onto over under after before during since until while when where "
    "out up down off about per each every all some any no not more most less least other "
    "such so also only just still yet there here what how why if then".split()
)
# A number right after one of these names a thing, it does not count or measure anything.
_LABEL_WORDS = frozenset(
    "section sections clause clauses article articles paragraph paragraphs chapter chapters "
    "rule rules item items amendment amendments model no no. number route flight room page "
    "pages jersey shirt gate platform exit highway interstate channel version line lines "
    "resolution regulation bill act code".split()
)
# Units of measure as written -> the unit a measure carries.
_MEASURE_UNITS = {
    **dict.fromkeys(("degree", "degrees", "°", "°c", "°f"), "degree"),
    **dict.fromkeys(("celsius", "centigrade"), "degree celsius"),
    "fahrenheit": "degree fahrenheit",
    **dict.fromkeys(("kilometre", "kilometres", "kilometer", "kilometers", "km"), "kilometre"),
    **dict.fromkeys(("metre", "metres", "meter", "meters"), "metre"),
    **dict.fromkeys(("mile", "miles"), "mile"),
    **dict.fromkeys(("foot", "feet", "ft"), "foot"),
    **dict.fromkeys(("inch", "inches"), "inch"),
    **dict.fromkeys(("kilogram", "kilograms", "kg", "kilo", "kilos"), "kilogram"),
    **dict.fromkeys(("tonne", "tonnes", "ton", "tons"), "tonne"),
    **dict.fromkeys(("litre", "litres", "liter", "liters"), "litre"),
    **dict.fromkeys(("gallon", "gallons"), "gallon"),
    **dict.fromkeys(("barrel", "barrels"), "barrel"),
    **dict.fromkeys(("hectare", "hectares"), "hectare"),
    **dict.fromkeys(("acre", "acres"), "acre"),
    **dict.fromkeys(("megawatt", "megawatts", "mw"), "megawatt"),
    **dict.fromkeys(("gigawatt", "gigawatts", "gw"), "gigawatt"),
    **dict.fromkeys(("kilowatt", "kilowatts", "kw"), "kilowatt"),
    "mph": "mile per hour",
    **dict.fromkeys(("knot", "knots"), "knot"),
}
_IRREGULAR_PLURALS = frozenset(
    "people children men women police staff personnel troops cattle sheep fish deer "
    "livestock aircraft crew".split()
)
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBER_WORD = "|".join(sorted(map(re.escape, _WORD_NUMBERS), key=len, reverse=True))
_SCALE = "|".join(sorted(map(re.escape, _SCALES), key=len, reverse=True))
_SYMBOL = "|".join(sorted(map(re.escape, _SYMBOLS), key=len, reverse=True))
_CURRENCY_WORD = "|".join(sorted(map(re.escape, _CURRENCY_WORDS), key=len, reverse=True))
_QUALIFIER = "|".join(sorted(map(re.escape, _QUALIFIERS), key=len, reverse=True))

_AMOUNT = re.compile(
    rf"""
    (?:(?P<qualifier>{_QUALIFIER})\s+)?
    (?:
        # a symbol starts a word: "rs" is no rupee in "covers"
        (?<![^\W\d_])(?P<symbol>{_SYMBOL})\s?(?P<money>{_NUMBER})(?:\s?(?P<money_scale>{_SCALE})\b)?
      | (?<![\w$€£¥.,/:-])(?P<number>{_NUMBER}|(?:{_NUMBER_WORD})\b)(?![\w/:-]|[.,]\d)
        (?:\s?(?P<scale>{_SCALE})\b)?
        (?:
            \s?(?P<percent>%|percent\b|per\scent\b)
          | \s(?P<currency>{_CURRENCY_WORD})\b
          | (?=(?P<thing>(?:\s[^\W\d_][\w'’-]*){{1,4}}))  # a lookahead: "and about" stays
        )
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘]?[A-Z0-9$€£])|\n+")
_SINGLE_LETTER_SCALE = frozenset({"m", "b", "k"})


def find_amounts(body: str) -> list[dict]:
    """Every amount in reading order as {"kind", "text", "value", "unit", "qualifier",
    "sentence"}; kind is money, count or percent."""
    found = []
    for sentence in _sentences(body):
        for match in _AMOUNT.finditer(sentence):
            amount = _amount(match)
            if amount is not None:
                found.append(amount | {"sentence": sentence})
    return found


def _sentences(body: str) -> Iterator[str]:
    for piece in _SENTENCE_END.split(body):
        if piece.strip():
            yield piece.strip()


def _amount(match: re.Match) -> dict | None:
    qualifier = match["qualifier"].lower() if match["qualifier"] else None
    if match["symbol"]:
        value = _value(match["money"], match["money_scale"])
        unit = _SYMBOLS[match["symbol"].lower()]
        return _record("money", match, value, unit, qualifier)
    scale = match["scale"]
    if scale and scale.lower() in _SINGLE_LETTER_SCALE and not match["currency"]:
        return None  # "5 m" is five metres as often as five million
    value = _value(match["number"], scale)
    if value is None:
        return None
    if match["percent"]:
        return _record("percent", match, value, "percent", qualifier)
    if match["currency"]:
        return _record("money", match, value, _CURRENCY_WORDS[match["currency"].lower()], qualifier)
    if _labels(match):
        return None
    measure = _measure(match)
    if measure is not None:
        return _record("measure", match, value, measure[0], qualifier, text=measure[1])
    thing = _counted(match["thing"])
    # "in 2019 Italy" is a date; "2000 Canadians" is a count; "22.4 workers" a misread label.
    if thing is None or (_looks_like_year(match["number"], scale) and not thing[0].endswith("s")):
        return None
    if not scale and not value.is_integer():
        return None
    text = match.string[match.start() : match.start("thing") + thing[1]]
    return _record("count", match, value, thing[0].lower(), qualifier, text=text)


def _labels(match: re.Match) -> bool:
    """The number follows a word that makes it a name: "section 22.4", "model 3"."""
    before = match.string[: match.start("number")].split()
    return bool(before) and before[-1].casefold().strip("(#") in _LABEL_WORDS


def _measure(match: re.Match) -> tuple[str, str] | None:
    """(unit, text) where the word after the number is a unit of measure."""
    words = (match["thing"] or "").split()
    unit = _MEASURE_UNITS.get(words[0].casefold().strip(".,;:")) if words else None
    if unit is None:
        return None
    end = match.start("thing") + match["thing"].index(words[0]) + len(words[0].rstrip(".,;:"))
    return unit, match.string[match.start() : end]


def _counted(words: str) -> tuple[str, int] | None:
    """The counted noun and where it ends: within the words before a function word, the first
    plural ("10,000 IS fighters remain" counts fighters), else a lone word ("two dead")."""
    run: list[tuple[str, int]] = []
    position = 0
    for word in words.split():
        position = words.index(word, position) + len(word)
        bare = word.strip("'’-")
        if bare.casefold() in _STOP and not bare.isupper():  # "IT workers": an acronym
            break
        if bare.casefold() in _NOT_COUNTED or len(bare) < 2:
            return None
        run.append((bare, position - (len(word) - len(word.rstrip("'’-")))))
    for bare, end in run:
        if not bare.isupper() and (bare.endswith("s") or bare.casefold() in _IRREGULAR_PLURALS):
            return bare, end
    return run[0] if len(run) == 1 else None


def _looks_like_year(number: str, scale: str | None) -> bool:
    return scale is None and re.fullmatch(r"(1[89]|20)\d\d", number) is not None


def _value(number: str, scale: str | None) -> float | None:
    word = _WORD_NUMBERS.get(number.lower())
    if word is not None:
        value = word
    else:
        try:
            value = float(number.replace(",", ""))
        except ValueError:
            return None
    return value * _SCALES[scale.lower()] if scale else value


def _record(kind, match, value, unit, qualifier, text=None) -> dict:
    return {
        "kind": kind,
        "text": (text or match.group(0)).strip(),
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
    }


# Words within this many of a figure, in its sentence, say what it is about.
SUBJECT_WINDOW = 5
# Stems are the first letters of a word: "injured" and "injuring" share "injur".
SUBJECT_STEM = 5
_SUBJECT_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Attribution says who reported a figure, not what it measures.
_REPORTING_WORDS = frozenset(
    "said says told according reported reports added officials official statement".split()
)


def subject_terms(text: str, sentence: str) -> list[str]:
    """What a figure is about: stems of the lower-case content words within SUBJECT_WINDOW
    words of it in its sentence ("pledged $2.4 million in emergency funding" -> pledg,
    emerg, fundi). Capitalised words are left out: names and places are what a whole story
    shares, not what one of its figures measures. Two outlets' figures are compared only
    where these meet (v_story_claims)."""
    from spacy.lang.en.stop_words import STOP_WORDS  # the word list only, no model

    at = sentence.find(text)
    if at < 0:
        return []
    near = (
        _SUBJECT_WORD.findall(sentence[:at])[-SUBJECT_WINDOW:]
        + _SUBJECT_WORD.findall(sentence[at + len(text) :])[:SUBJECT_WINDOW]
    )
    near = [re.sub(r"['’]s$", "", word) for word in near]  # the city's -> city
    stems = {
        word[:SUBJECT_STEM]
        for word in near
        if len(word) >= 4
        and word.islower()
        and word not in STOP_WORDS
        and word not in _REPORTING_WORDS
        and word not in _SCALES
        and word not in _CURRENCY_WORDS
    }
    return sorted(stems)
