"""decode_bytes: UTF-8 first, then the declared encoding, then detection; binary is refused."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.errors import SourceError
from factcheck.sources import decode_bytes
from factcheck.sources.decode import looks_like_html, meta_charset

TEXT = "Le maire a déclaré « 40 % de hausse » — un chiffre à vérifier, n’est-ce pas ?"


def test_utf8():
    assert decode_bytes(TEXT.encode("utf-8")) == TEXT


def test_utf8_bom_is_stripped():
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8")) == TEXT


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding):
    data = TEXT.encode(encoding)
    if not encoding.endswith(("le", "be")):
        assert decode_bytes(data) == TEXT
    else:
        bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
        assert decode_bytes(bom + data) == TEXT


def test_utf8_wins_over_a_wrong_declaration():
    # Servers often say ISO-8859-1 for pages that are really UTF-8.
    assert decode_bytes(TEXT.encode("utf-8"), "iso-8859-1") == TEXT


def test_declared_latin1():
    text = "Café, crème brûlée et façade"
    assert decode_bytes(text.encode("latin-1"), "latin-1") == text


def test_declared_iso_8859_1_is_read_as_cp1252():
    # Curly quotes and the euro sign live in 0x80-0x9F in cp1252; browsers do the same.
    text = "“Quoted” – costs €5"
    assert decode_bytes(text.encode("cp1252"), "ISO-8859-1") == text


def test_declared_cp1252():
    text = "“Quoted” – costs €5 and l’été"
    assert decode_bytes(text.encode("cp1252"), "windows-1252") == text


def test_declared_label_with_quotes_and_case():
    text = "Ünïcödé"
    assert decode_bytes(text.encode("latin-1"), '"ISO-8859-15"') == text


def test_unknown_declared_encoding_is_ignored():
    assert decode_bytes(TEXT.encode("utf-8"), "no-such-charset") == TEXT


def test_non_text_codec_declared_is_ignored():
    # "base64" is a codec name Python knows, but it does not decode bytes to text.
    text = "Résumé of the minister's statement, with enough words to detect the encoding."
    assert decode_bytes(text.encode("latin-1"), "base64") == text


def test_detection_without_declaration():
    text = (
        "Le gouvernement a annoncé une hausse de 12 % du budget de l’éducation. "
        "« C’est une première », a déclaré la ministre. Les syndicats ont réagi aussitôt. "
    ) * 5
    assert decode_bytes(text.encode("cp1252")) == text


def test_empty_bytes_decode_to_empty_string():
    assert decode_bytes(b"") == ""


def test_nul_bytes_are_binary():
    with pytest.raises(SourceError) as info:
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", name="photo.png")
    message = str(info.value)
    assert "photo.png is not a text file" in message
    assert "\n" not in message


def test_control_characters_are_binary():
    with pytest.raises(SourceError, match="not a text file"):
        decode_bytes(bytes(range(1, 32)) * 10)


def test_a_few_control_characters_are_tolerated():
    # Pasted terminal output: ANSI escapes and a stray bell are cleaned later, not refused.
    text = "\x1b[1mBold\x1b[0m headline\x07 and a long enough sentence to dilute the bell. " * 3
    assert decode_bytes(text.encode("utf-8")) == text


def test_meta_charset():
    assert meta_charset(b'<html><head><meta charset="windows-1252">') == "windows-1252"
    assert (
        meta_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
        == "ISO-8859-1"
    )
    assert meta_charset(b"<html><head><title>x</title>") is None


def test_looks_like_html():
    assert looks_like_html("<!DOCTYPE html>\n<html><body>x</body></html>")
    assert looks_like_html("  <!-- saved page -->\n<html lang='en'>")
    assert looks_like_html("<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>")
    assert not looks_like_html("The minister said 3 < 4 and <b>bold</b> things.")


@settings(max_examples=300, deadline=None)
@given(
    data=st.binary(max_size=2048),
    declared=st.one_of(
        st.none(),
        st.sampled_from(
            [
                "utf-8",
                "latin-1",
                "cp1252",
                "utf-16",
                "utf-7",
                "shift_jis",
                "idna",
                "punycode",
                "base64",
                "hex",
                "rot13",
                "zlib",
                "uu",
                "bogus",
                "",
            ]
        ),
        st.text(max_size=20),
    ),
)
def test_decode_bytes_returns_str_or_raises_source_error(data, declared):
    try:
        result = decode_bytes(data, declared)
    except SourceError as err:
        assert "\n" not in str(err)
    else:
        assert isinstance(result, str)
