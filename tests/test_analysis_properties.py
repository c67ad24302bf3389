"""Property tests: for any text, analysis never raises and its offsets are consistent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.analysis import analyze_text
from factcheck.analysis.normalize import has_control_characters, normalize_text
from factcheck.analysis.sentences import split_sentences

# Text built from the pieces that stress the parser: quotes of every kind, abbreviations,
# control characters and escapes, newlines, and arbitrary Unicode.
FRAGMENTS = st.sampled_from(
    ["“", "”", '"', "‘", "’", "'", ". ", "? ", "! ", "...", "…", "\n", "\n\n", "U.S. ", "Mr. ",
     " said ", " she said", " according to ", "Jen Psaki", ", ", "$3.5 billion", "\x1b[31m",
     "\x00", "\r\n", "\u00a0", "\u200b", "Read Next", "Leave a Reply", "# ", "He added",
     "Kim", " told reporters", ":", "—", "A", "the", "12%"]
)
TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_analysis_never_raises_and_offsets_hold(text):
    analysis = analyze_text(text)
    body = analysis.article.text
    assert not has_control_characters(body)
    for claim in analysis.claims:
        assert 0 <= claim.start < claim.end <= len(body)
        assert body[claim.start : claim.end] == claim.text
        assert not has_control_characters(claim.text)
        assert 0.0 <= claim.checkworthy <= 1.0
    ids = {c.id for c in analysis.claims}
    for quote in analysis.quotes:
        assert body[quote.start : quote.end] == quote.text
        assert quote.claim_id in ids
        for span in (quote.speaker_span, quote.title_span):
            if span is not None:
                assert body[span.start : span.end] == span.text
    for heading in analysis.headings:
        assert body[heading.start : heading.end] == heading.text
    analysis.to_json()


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_sentences_cover_the_paragraph(text):
    text = normalize_text(text).replace("\n", " ")
    spans = split_sentences(text)
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())
    assert all(a < b for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
