"""Acceptance on the real seed article (../shared/seed/kim-dialogue.txt, dated 2021-06-18)."""

from __future__ import annotations

import pytest

from factcheck.analysis import analyze_text
from tests.conftest import SEED_DATE


@pytest.fixture
def seed(seed_path):
    return analyze_text(seed_path.read_text(encoding="utf-8"), published=SEED_DATE,
                        source=str(seed_path))


def _quote(analysis, words):
    matches = [q for q in analysis.quotes if words in q.text]
    assert matches, f"no quote containing {words!r}"
    return matches[0]


def test_boilerplate_is_removed_not_claimed(seed):
    removed = seed.article.removed
    for line in ("New Telegraph", "Read Previous", "Read Next", "Leave a Reply",
                 "Iranians vote in presidential poll marred by bans",
                 "TikTok owner, ByteDance, sees earnings double in 2020"):
        assert line in removed
    assert any(r.startswith("Your email address will not be published") for r in removed)
    claim_text = " ".join(c.text for c in seed.claims)
    for line in ("Read Previous", "Read Next", "Leave a Reply", "Your email address", "TikTok"):
        assert line not in claim_text


def test_title_outlet_and_heading(seed):
    assert seed.article.title == "Kim ready for ‘dialogue, confrontation’ with US"
    assert seed.article.outlet == "New Telegraph"
    assert [h.text for h in seed.headings] == ["A fraught relationship"]
    assert not any(c.text == "A fraught relationship" for c in seed.claims)


def test_every_other_sentence_is_a_claim(seed):
    assert len(seed.claims) == 18
    assert seed.claims[0].text.startswith("North Korean leader Kim Jong-un has said")
    assert seed.claims[-1].text.startswith("“Pyongyang may return")
    for claim in seed.claims:
        assert seed.article.text[claim.start : claim.end] == claim.text


def test_psaki_quotes(seed):
    grand = _quote(seed, "grand bargain")
    assert grand.speaker == "Jen Psaki"
    assert grand.speaker_title == "US State Department spokesperson"
    assert grand.speaker_org == "US State Department"
    assert seed.article.text[grand.title_span.start : grand.title_span.end] == grand.speaker_title
    calibrated = _quote(seed, "calibrated practical approach")
    assert calibrated.speaker == "Jen Psaki"
    assert seed.article.text[calibrated.speaker_span.start : calibrated.speaker_span.end] == "she"


def test_easley_quotes(seed):
    for words in ("ball is in North Korea", "It remains focused", "Pyongyang may return"):
        assert _quote(seed, words).speaker == "Leif-Eric Easley"
    ball = _quote(seed, "ball is in North Korea")
    assert ball.speaker_title.startswith("associate professor of international studies")
    assert ball.speaker_org == "Ewha Womans University"


def test_kim_quotes(seed):
    for words in ("dialogue and confrontation", "protect the dignity", "sharply and promptly",
                  "stable control"):
        assert _quote(seed, words).speaker == "Kim Jong-un"


def test_speakers_list_titles(seed):
    speakers = {s.name: s for s in seed.speakers}
    assert speakers["Jen Psaki"].titles == ["US State Department spokesperson"]
    assert speakers["Kim Jong-un"].titles == ["North Korean leader"]


def test_no_spurious_flags(seed):
    assert [f for f in seed.flags if f.kind == "quote-no-speaker"] == []
