"""The bundled example article exercises every attribution pattern the analysis handles."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.analysis import analyze_text


@pytest.fixture(scope="module")
def example():
    from tests.conftest import EXAMPLE

    return analyze_text(EXAMPLE.read_text(encoding="utf-8"))


def _quote(analysis, words):
    return next(q for q in analysis.quotes if words in q.text)


def test_metadata_from_the_page(example):
    art = example.article
    assert art.title == "Ferry fares to rise 12% as city blames fuel costs"
    assert art.outlet == "The Harbour Ledger"
    assert art.byline == "Marta Oyelaran"
    assert art.published == dt.date(2024, 3, 14)
    assert "Advertisement" in art.removed
    assert "Bridge repairs to close Eastway lanes until summer" in art.removed
    assert [h.text for h in example.headings] == ["A looming deficit"]


def test_partial_and_direct_quotes(example):
    unavoidable = _quote(example, "unavoidable")
    assert unavoidable.partial and unavoidable.speaker == "Dana Whitfield"
    assert unavoidable.speaker_title == "Mayor"
    held = _quote(example, "We held fares flat")
    assert not held.partial and held.speaker == "Dana Whitfield"  # "she said"


def test_she_added_split_quote(example):
    assert _quote(example, "Nobody on this council").speaker == "Dana Whitfield"
    assert _quote(example, "fewer boats").speaker == "Dana Whitfield"


def test_he_told_reporters_resolves_pronoun_and_keeps_title(example):
    fleet = _quote(example, "straight into the fleet")
    assert fleet.speaker == "Tom Okafor"
    assert fleet.speaker_title == "Deputy Mayor"


def test_multi_paragraph_quote(example):
    first = _quote(example, "Every route we run")
    second = _quote(example, "If we wait another year")
    assert first.speaker == second.speaker == "Priya Raman"
    assert first.speaker_title == "chief executive of the Harbour Transit Authority"


def test_appositive_title_and_organisation(example):
    tax = _quote(example, "This is a tax")
    assert tax.speaker == "Leo Marchetti"
    assert tax.speaker_title == "spokesman for the Ferry Riders Union"
    assert tax.speaker_org == "Ferry Riders Union"


def test_reported_speech_and_according_to(example):
    okafor = next(c for c in example.claims if c.text.startswith("Deputy Mayor Tom Okafor"))
    assert okafor.speaker == "Tom Okafor" and okafor.kind == "statistic"
    figures = next(c for c in example.claims if c.text.startswith("According to figures"))
    assert figures.speaker == "Harbour Transit Authority"


def test_kinds_and_scores(example):
    by_start = {c.text.split()[0]: c for c in example.claims}
    question = next(c for c in example.claims if c.text.startswith("Will the increase"))
    assert question.kind == "question"
    stat = next(c for c in example.claims if c.text.startswith("According to figures"))
    assert stat.kind == "statistic"
    assert stat.checkworthy > question.checkworthy
    assert any(r.label == "number" for r in stat.reasons)
    prediction = next(c for c in example.claims if c.text.startswith("Ms. Whitfield is expected"))
    assert prediction.kind == "prediction"
    assert prediction.text.endswith("10 a.m.")
    assert all(0.0 <= c.checkworthy <= 1.0 for c in by_start.values())


def test_anonymous_source_is_flagged(example):
    flags = [f for f in example.flags if f.kind == "anonymous-source"]
    assert len(flags) == 1
    claim = next(c for c in example.claims if c.id == flags[0].claim_id)
    assert claim.text.startswith("A senior council official")


def test_two_titles_for_one_person_is_flagged():
    text = (
        'Health Minister Ana Costa said the plan was "ready to go." Later, Education Minister '
        'Ana Costa told reporters: "We will publish it in May."'
    )
    analysis = analyze_text(text)
    flags = [f for f in analysis.flags if f.kind == "title-inconsistent"]
    assert len(flags) == 1 and "Ana Costa" in flags[0].message


def test_quote_without_speaker_is_flagged():
    analysis = analyze_text('The report was blunt. "The scheme failed on every measure we set."')
    assert [f.kind for f in analysis.flags] == ["quote-no-speaker"]
