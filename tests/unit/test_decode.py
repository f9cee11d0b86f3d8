import codecs

import pytest

from etl.page.decode import Undecodable, decode_bytes, normalise

TEXT = "Reyes’s visit to Rome — “a turning point”, said Di Vento. Café déjà vu."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_unicode_encodings_round_trip(data, encoding):
    decoded = decode_bytes(data)
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


def test_legacy_single_byte_encoding_is_detected_not_assumed():
    text = "Le ministre a déclaré que la coalition poursuivra ses efforts en Afrique. " * 5
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.text == text.strip()
    assert decoded.encoding != "utf-8"


def test_mojibake_is_repaired():
    original = "Reyes’s visit to Rome — “a turning point“ in Café talks."
    broken = original.encode("utf-8").decode("cp1252")  # UTF-8 read as Windows-1252
    assert "â€™" in broken
    assert decode_bytes(broken.encode("utf-8")).text == original


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t \r\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_non_text_is_refused_with_a_reason(data, reason):
    with pytest.raises(Undecodable, match=reason):
        decode_bytes(data)


def test_stray_nul_bytes_are_dropped():
    assert decode_bytes(b"An article\x00 about ports.").text == "An article about ports."


def test_normalise_unifies_newlines_and_composes_characters():
    assert normalise("Cafe\u0301\r\nline  \rnext\n\n") == "Café\nline\nnext"


def test_html_is_recognised_by_content():
    assert decode_bytes(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>").is_html


@pytest.mark.parametrize(
    "text",
    [
        "Caf\u00c3\u00a9 &amp; bar\nplain ascii line\n<p>Caf\u00c3\u00a9 &amp; more</p>\n&eacute;t\u00e9",
        "first &amp; line\nsecond \u00e2\u20ac\u0153quoted\u00e2\u20ac\x9d\n",
        "windows\r\nbreaks\u2028and caf\u00c3\u00a9\r",
        "x" * 1_100_000 + "\u00c3\u00a9 tail",
    ],
)
def test_repair_skips_only_what_ftfy_would_leave_alone(text):
    import ftfy

    from etl.page.decode import _repair

    expected = ftfy.fix_text(
        text, uncurl_quotes=False, fix_character_width=False, normalization="NFC"
    )
    assert normalise(_repair(text)) == normalise(expected)
    assert "Caf\u00c3\u00a9" not in _repair(text)


def test_mojibake_far_inside_a_long_line_of_markup_is_still_repaired():
    """ftfy runs only where its badness test finds something near the non-ASCII characters;
    mojibake anywhere in a long minified line is found."""
    line = '<div class="a">' + "x " * 5000 + "the cafÃ© on the corner" + " y" * 5000 + "</div>"
    page = ("<html><body>" + line + "<p>ﬁne print</p></body></html>").encode("utf-8")
    text = decode_bytes(page, name="page.html").text
    assert "the café on the corner" in text and "fine print" in text
    plain = "Ein Grüß aus Köln: “Zitat” – kein Fehler."
    assert decode_bytes(plain.encode("utf-8")).text == plain
