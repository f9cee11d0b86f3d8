"""Bytes to clean Unicode text, or the reason they cannot be an article."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import charset_normalizer
import ftfy
import ftfy.badness

# Magic numbers of formats that sometimes arrive named .txt.
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"RIFF",
    b"\x7fELF",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings by how common they are on web pages, for breaking near ties.
_WEB_PREVALENCE = {
    name: rank
    for rank, name in enumerate(
        ["cp1252", "latin_1", "iso8859_15", "cp1251", "cp1250", "iso8859_2", "shift_jis",
         "gb18030", "euc_kr", "big5", "euc_jp", "koi8_r", "cp1256", "iso8859_9", "cp1253"]
    )
}  # fmt: skip
_CHAOS_TIE = 0.02
# Only mojibake repair: curly quotes and full-width forms are data, not damage.
_REPAIR = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_character_width=False, normalization="NFC", explain=False
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[ >])", re.I)


class Undecodable(ValueError):
    """The bytes are not text; the message is the quarantine reason."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    is_html: bool


def decode_bytes(data: bytes, *, name: str = "") -> Decoded:
    """Detect the encoding (never assume it), repair mojibake and normalise the text."""
    if not data.strip():
        raise Undecodable("empty")
    if data.startswith(_BINARY_MAGIC) and not data.startswith(_BOMS[0][0]):
        raise Undecodable("binary")
    text, encoding = _decode(data)
    # A few stray NULs are transmission noise; many control characters mean binary content.
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise Undecodable("binary")
    text = _CONTROL.sub("", text)
    text = normalise(_repair(text))
    if not text.strip():
        raise Undecodable("empty")
    is_html = name.lower().endswith((".html", ".htm")) or bool(_HTML_START.match(data[:512]))
    return Decoded(text=text, encoding=encoding, is_html=is_html)


def normalise(text: str) -> str:
    """NFC, Unix newlines, no trailing spaces: the form the content hash is taken over."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\ufeff", "")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _repair(text: str) -> str:
    """ftfy.fix_text, segment by segment as it does itself (lines, cut at its length bound),
    calling it only on segments where it can change something. The `<` rule is ftfy's: once
    a segment holds markup, entities are left alone from there on; so a plain-ASCII segment
    without an entity to unescape is left as it is (an HTML page is mostly such lines, and
    ftfy costs ~40 ms on one). A segment ftfy's own badness test passes and that holds none
    of the characters its other fixes rewrite is left too (same output on the 598 pages of
    the development sets, in an eighth of the time)."""
    config = _REPAIR
    out = []
    for segment in _segments(text, config.max_decode_length):
        if config.unescape_html == "auto" and "<" in segment:
            config = config._replace(unescape_html=False)
        unescapes = config.unescape_html is not False and "&" in segment
        if not unescapes and (segment.isascii() or _nothing_to_fix(segment)):
            out.append(segment)
        else:
            out.append(ftfy.fix_and_explain(segment, config)[0])
    return "".join(out)


# What ftfy rewrites besides mojibake: ligatures, C1 controls, Unicode line separators.
_OTHER_FIXES = re.compile("[\ufb00-\ufb06\x80-\x9f\u2028\u2029]")
_NON_ASCII = re.compile("[^\x00-\x7f]+")
# Every sequence ftfy's badness test looks for is at most four characters and holds a
# non-ASCII one: it lies within this many characters of a run of them.
_BADNESS_REACH = 3


def _nothing_to_fix(segment: str) -> bool:
    """No fix applies: tested on the non-ASCII runs with their surroundings only, which on a
    page of markup is a small part of the segment (and a test of the whole of it can only
    find what these windows hold)."""
    if _OTHER_FIXES.search(segment):
        return False
    windows = "\n".join(
        segment[max(0, run.start() - _BADNESS_REACH) : run.end() + _BADNESS_REACH]
        for run in _NON_ASCII.finditer(segment)
    )
    return not ftfy.badness.is_bad(windows)


def _segments(text: str, longest: int) -> Iterator[str]:
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        end = min(end, start + longest)
        yield text[start:end]
        start = end


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise Undecodable("binary")
    best = min(matches, key=lambda m: m.chaos)
    # A text with few non-ASCII bytes fits several code pages almost equally well; then the
    # one most used on the web is the likelier (à read as cp1257 would come out as ą).
    near = [m for m in matches if m.chaos <= best.chaos + _CHAOS_TIE]
    chosen = min(near, key=lambda m: _WEB_PREVALENCE.get(m.encoding, len(_WEB_PREVALENCE)))
    return str(chosen), chosen.encoding
