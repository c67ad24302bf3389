"""ClaimReview JSON-LD: Google's required and recommended fields, and the mapping of every
verdict of the default scale."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from factcheck.export.claimreview import dumps, to_claimreview
from factcheck.export.data import QuoteData
from factcheck.export.errors import ExportError
from factcheck.store.scale import DEFAULT_SCALE, Rating, RatingScale
from test_export_support import make_report, with_claim

BASE = "https://factcheck.example/2024/ferry"

# The default scale as Google's numeric rating: True best (5), False worst (1), Unproven none.
EXPECTED = {
    "true": ("True", 5),
    "mostly-true": ("Mostly true", 4),
    "misleading": ("Misleading", 3),
    "mostly-false": ("Mostly false", 2),
    "false": ("False", 1),
    "unproven": ("Unproven", None),
}


def one_claim(key: str | None, **changes):
    """The hand-made review with only claim 1 reviewed, with verdict ``key`` (of the default
    scale; ``verdict=`` in ``changes`` sets a key of another scale)."""
    rating = DEFAULT_SCALE.get(key) if key else None
    values = {
        "verdict": key,
        "verdict_label": rating.label if rating else None,
        "verdict_value": rating.value if rating else None,
    }
    data = with_claim(make_report(), 1, **{**values, **changes})
    return with_claim(data, 2, verdict=None, verdict_label=None, status="unreviewed")


def test_the_expected_mapping_covers_the_default_scale():
    assert set(EXPECTED) == set(DEFAULT_SCALE.keys())


@pytest.mark.parametrize("key", list(EXPECTED))
def test_every_verdict_has_the_required_and_recommended_fields(key):
    label, value = EXPECTED[key]
    [item] = to_claimreview(one_claim(key), scale=DEFAULT_SCALE, base_url=BASE)
    # Required by Google.
    assert item["@context"] == "https://schema.org"
    assert item["@type"] == "ClaimReview"
    assert (
        item["claimReviewed"] == "Deputy Mayor Tom Okafor said the rise would raise $4.2 million."
    )
    assert item["url"] == f"{BASE}#claim-1"
    rating = item["reviewRating"]
    assert rating["@type"] == "Rating"
    assert rating["alternateName"] == label
    if value is None:
        # No numeric rating: Google's numeric fields are "for numeric ratings" only.
        assert not {"ratingValue", "bestRating", "worstRating"} & set(rating)
    else:
        assert rating["ratingValue"] == value and isinstance(rating["ratingValue"], int)
        assert rating["bestRating"] == 5 and rating["worstRating"] == 1
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert rating["ratingExplanation"] == "Gross, not net."
    # Recommended.
    assert item["author"] == {"@type": "Person", "name": "ana"}
    assert item["datePublished"] == "2024-03-15"
    claim = item["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["author"]["@type"] == "Person" and claim["author"]["name"] == "Tom Okafor"
    assert claim["datePublished"] == "2024-03-14"
    assert claim["appearance"] == {
        "@type": "CreativeWork",
        "url": "https://news.example/ferry-fares",
        "headline": "Ferry fares to rise 12%",
        "datePublished": "2024-03-14",
        "publisher": {"@type": "Organization", "name": "The Harbour Ledger"},
    }


def test_one_object_per_claim_with_a_verdict_in_article_order():
    data = make_report()
    data = with_claim(data, 3, status="not_checkable")  # no verdict: no ClaimReview
    items = to_claimreview(data, scale=DEFAULT_SCALE, base_url=BASE)
    assert [i["url"] for i in items] == [f"{BASE}#claim-1", f"{BASE}#claim-2"]
    assert [i["reviewRating"]["alternateName"] for i in items] == ["Misleading", "Unproven"]
    assert to_claimreview(one_claim(None), scale=DEFAULT_SCALE, base_url=BASE) == []


def test_url_from_base_url_or_the_article_source():
    data = one_claim("false")
    [item] = to_claimreview(data, scale=DEFAULT_SCALE, base_url=BASE + "#old-anchor")
    assert item["url"] == f"{BASE}#claim-1"
    [item] = to_claimreview(data, scale=DEFAULT_SCALE, base_url="https://x.example/a b")
    assert item["url"] == "https://x.example/a%20b#claim-1"
    [item] = to_claimreview(data, scale=DEFAULT_SCALE)
    assert item["url"] == "https://news.example/ferry-fares"
    for bad in ("javascript:alert(1)", "ftp://x.example/", "mailto:a@b.example", "report.md"):
        with pytest.raises(ExportError, match="base-url"):
            to_claimreview(data, scale=DEFAULT_SCALE, base_url=bad)
    with pytest.raises(ExportError, match="--base-url"):
        to_claimreview(replace(data, source="examples/harbour-ferry.txt"), scale=DEFAULT_SCALE)


def test_author_is_the_organization_when_given():
    [item] = to_claimreview(
        one_claim("true"), scale=DEFAULT_SCALE, base_url=BASE, organization=" Harbour  Desk "
    )
    assert item["author"] == {"@type": "Organization", "name": "Harbour Desk"}
    [item] = to_claimreview(one_claim("true", reviewer=None), scale=DEFAULT_SCALE, base_url=BASE)
    assert "author" not in item


def test_date_published_override():
    [item] = to_claimreview(
        one_claim("true"), scale=DEFAULT_SCALE, base_url=BASE, date_published=dt.date(2024, 4, 2)
    )
    assert item["datePublished"] == "2024-04-02"


def test_claim_author_job_title_and_fallbacks():
    # A confirmed finding that the article gave the wrong title: the title is not repeated.
    [item] = to_claimreview(one_claim("true"), scale=DEFAULT_SCALE, base_url=BASE)
    assert item["itemReviewed"]["author"] == {"@type": "Person", "name": "Tom Okafor"}
    data = one_claim("true", flags=())
    [item] = to_claimreview(data, scale=DEFAULT_SCALE, base_url=BASE)
    assert item["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Tom Okafor",
        "jobTitle": "Deputy Mayor",
    }
    # The finding is on another claim about the same person: still not repeated.
    flag = make_report().claims[0].flags[0]
    data = with_claim(one_claim("true", flags=()), 2, flags=(replace(flag, claim_number=2),))
    [item] = to_claimreview(data, scale=DEFAULT_SCALE, base_url=BASE)
    assert "jobTitle" not in item["itemReviewed"]["author"]
    # No speaker: the outlet that published the claim.
    data = one_claim("true", speaker=None, speaker_title=None, quotes=())
    [item] = to_claimreview(data, scale=DEFAULT_SCALE, base_url=BASE)
    assert item["itemReviewed"]["author"] == {"@type": "Organization", "name": "The Harbour Ledger"}
    # Organisations and anonymous sources.
    data = one_claim("true", speaker="Harbour Transit Authority", speaker_title=None, quotes=())
    [item] = to_claimreview(data, scale=DEFAULT_SCALE, base_url=BASE)
    assert item["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Harbour Transit Authority",
    }
    quote = QuoteData("words", "A senior official", None, None, 0, speaker_kind="anonymous")
    data = one_claim("true", speaker="A senior official", speaker_title=None, quotes=(quote,))
    [item] = to_claimreview(data, scale=DEFAULT_SCALE, base_url=BASE)
    assert item["itemReviewed"]["author"]["name"] == "The Harbour Ledger"


def test_custom_scales():
    scale = RatingScale(
        (
            Rating("correct", "Correct", value=3),
            Rating("half", "Half right", value=2.5),
            Rating("wrong", "Wrong", value=1),
            Rating("satire", "Satire"),
        )
    )
    for key, expected in (("correct", 3), ("half", 2.5), ("wrong", 1), ("satire", None)):
        [item] = to_claimreview(one_claim(None, verdict=key), scale=scale, base_url=BASE)
        rating = item["reviewRating"]
        assert rating["alternateName"] == scale.get(key).label
        assert rating.get("ratingValue") == expected
        if expected is not None:
            assert (rating["bestRating"], rating["worstRating"]) == (3, 1)
    # A verdict the scale no longer has: its key, no numbers.
    [item] = to_claimreview(one_claim(None, verdict="gone"), scale=scale, base_url=BASE)
    assert item["reviewRating"]["alternateName"] == "gone"
    assert "ratingValue" not in item["reviewRating"]
    # A scale from 0 keeps its numbers; one without a range has none.
    zero = RatingScale((Rating("t", "T", value=1), Rating("f", "F", value=0)))
    [item] = to_claimreview(one_claim(None, verdict="f"), scale=zero, base_url=BASE)
    rating = item["reviewRating"]
    assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (0, 1, 0)
    flat = RatingScale((Rating("t", "T", value=1), Rating("u", "U")))
    [item] = to_claimreview(one_claim(None, verdict="t"), scale=flat, base_url=BASE)
    assert item["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "T",
        "ratingExplanation": "Gross, not net.",
    }


def test_dumps_is_safe_inside_a_script_element():
    data = one_claim("false", text="</script><script>alert(1)</script> & more")
    text = dumps(to_claimreview(data, scale=DEFAULT_SCALE, base_url=BASE))
    assert "<" not in text and ">" not in text and "&" not in text
    [item] = json.loads(text)
    assert item["claimReviewed"] == "</script><script>alert(1)</script> & more"
    assert text.endswith("\n")
