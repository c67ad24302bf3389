"""Normalisation keeps text faithful but strips what could drive a terminal."""

from factcheck.analysis.normalize import has_control_characters, normalize_text


def test_ansi_and_controls_removed():
    text = "Hello \x1b[31mred\x1b[0m \x1b]0;pwned\x07world\x07\x00\x9b2J!"
    out = normalize_text(text)
    assert out == "Hello red world!"
    assert not has_control_characters(out)


def test_spaces_and_zero_width():
    assert normalize_text("a\u00a0b\u200bc\u202fd\ufeff") == "a bc d"


def test_line_endings_and_nfc():
    assert normalize_text("e\u0301\r\nline\rtwo\u2028x") == "\u00e9\nline\ntwo\nx"


def test_zero_width_between_letter_and_accent_still_composes():
    assert normalize_text("e\u200b\u0301") == "\u00e9"
