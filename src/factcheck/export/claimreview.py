"""schema.org ClaimReview JSON-LD: one object per claim with a verdict, for fact-check search
features and the Google Fact Check Explorer.

Follows Google's fact-check structured data guide: ``claimReviewed``, ``reviewRating`` and
``url`` are required; ``author``, ``datePublished`` and ``itemReviewed`` (a ``Claim`` with its
``author``, ``datePublished`` and ``appearance``) are recommended. In the ``Rating`` only
``alternateName`` (the verdict's label: the text search results show) is required;
``ratingValue``/``bestRating``/``worstRating`` are for numeric ratings, so a verdict the scale
gives no number (e.g. "Unproven") carries ``alternateName`` alone. Numbers are also left out
when the scale has no range (fewer than two distinct values), since ``ratingValue`` must lie
between ``worstRating`` and ``bestRating``.

``url`` must be the address of the published fact check; each claim gets the report's anchor
(``base_url#claim-N``, the anchor the Markdown report's heading "Claim N" gets).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from factcheck.export.data import ClaimData, ReportData
from factcheck.export.errors import ExportError
from factcheck.export.mdtext import one_line, safe_url

SCHEMA_CONTEXT = "https://schema.org"

# Confirmed findings that the article got a person's title wrong: the title must not be
# repeated as the claim author's jobTitle.
_TITLE_FLAG_PREFIXES = ("title-", "former-title-")


def to_claimreview(
    data: ReportData,
    *,
    scale=None,
    base_url: str | None = None,
    organization: str | None = None,
    date_published: dt.date | None = None,
) -> list[dict[str, Any]]:
    """ClaimReview objects for every claim of the review that has a verdict, in article order.

    Args:
        data: the review (:func:`factcheck.export.data.load_report_data`).
        scale: the verdict scale whose ``Rating.value`` gives the numbers (default: the
            review's own, ``data.scale``).
        base_url: the address the report is published at; each claim's ``url`` is it plus
            ``#claim-N``. Without it the article's own address is used, which Google will
            not accept as the fact check's page: pass it for anything you publish.
        organization: the newsroom, as the fact check's ``author``; without it each claim's
            reviewer is the author (a ``Person``).
        date_published: the fact check's publication date; default: the day each verdict
            was given (UTC).

    Raises:
        ExportError: ``base_url`` is not an http(s) address, or there is none and the
            article's source is not one either.
    """
    scale = scale if scale is not None else data.scale
    page = _page_url(data, base_url)
    numeric = _numeric_bounds(scale)
    wrong_titles = _people_with_wrong_titles(data)
    out = []
    for claim in data.claims:
        if claim.verdict is None:
            continue
        item: dict[str, Any] = {
            "@context": SCHEMA_CONTEXT,
            "@type": "ClaimReview",
            "url": f"{page}#{claim.anchor}" if base_url else page,
            "claimReviewed": one_line(claim.text),
            "reviewRating": _rating(claim, scale, numeric),
        }
        author = _author(claim, organization)
        if author:
            item["author"] = author
        published = date_published or (
            claim.verdict_at.astimezone(dt.UTC).date() if claim.verdict_at else None
        )
        if published is not None:
            item["datePublished"] = published.isoformat()
        item["itemReviewed"] = _item_reviewed(data, claim, wrong_titles)
        out.append(item)
    return out


def dumps(items: list[dict[str, Any]]) -> str:
    """The objects as JSON text, safe to paste inside ``<script type="application/ld+json">``
    (``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so no text can close the script
    element); ends with a newline."""
    text = json.dumps(items, ensure_ascii=False, indent=2)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(ch, esc)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text + "\n"


# ---------------------------------------------------------------------- pieces


def _page_url(data: ReportData, base_url: str | None) -> str:
    if base_url is not None:
        url = safe_url(base_url)
        if url is None or url.startswith("mailto:"):
            raise ExportError(f"--base-url must be an http(s) address, not {base_url!r}")
        parts = urlsplit(url)
        return urlunsplit(parts._replace(fragment=""))
    url = safe_url(data.source)
    if url is None or url.startswith("mailto:"):
        raise ExportError(
            "ClaimReview needs the address the fact check is published at: pass --base-url URL "
            "(the article's source is not a web address)"
        )
    return url


def _numeric_bounds(scale) -> tuple[float, float] | None:
    best, worst = scale.best_value, scale.worst_value
    if best is None or worst is None or best <= worst:
        return None
    return best, worst


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _rating(claim: ClaimData, scale, numeric: tuple[float, float] | None) -> dict[str, Any]:
    rating = scale.get(claim.verdict)
    label = rating.label if rating is not None else (claim.verdict_label or claim.verdict)
    out: dict[str, Any] = {"@type": "Rating", "alternateName": label}
    if rating is not None and rating.value is not None and numeric is not None:
        best, worst = numeric
        out["ratingValue"] = _number(rating.value)
        out["bestRating"] = _number(best)
        out["worstRating"] = _number(worst)
    if claim.rationale and one_line(claim.rationale):
        out["ratingExplanation"] = one_line(claim.rationale)
    return out


def _author(claim: ClaimData, organization: str | None) -> dict[str, Any] | None:
    if organization and one_line(organization):
        return {"@type": "Organization", "name": one_line(organization)}
    if claim.reviewer and one_line(claim.reviewer):
        return {"@type": "Person", "name": one_line(claim.reviewer)}
    return None


def _people_with_wrong_titles(data: ReportData) -> set[str]:
    return {
        one_line(f.person).casefold()
        for f in data.all_flags
        if f.state == "confirmed" and f.person and f.kind.startswith(_TITLE_FLAG_PREFIXES)
    }


def _claim_author(
    data: ReportData, claim: ClaimData, wrong_titles: set[str]
) -> dict[str, Any] | None:
    name, title = claim.speaker, claim.speaker_title
    quote = next((q for q in claim.quotes if q.speaker and q.speaker == name), None)
    if not name:
        quote = next((q for q in claim.quotes if q.speaker), None)
        if quote is not None:
            name, title = quote.speaker, quote.speaker_title
    kind = quote.speaker_kind if quote is not None else None
    if kind in ("anonymous", "description", "document"):
        name = None  # "a senior council official" is nobody to name as the claim's author
    if name and one_line(name):
        if kind == "organisation" or (
            kind is None and name not in data.people and _looks_like_organisation(name)
        ):
            # "According to figures published by the Harbour Transit Authority".
            return {"@type": "Organization", "name": one_line(name)}
        person: dict[str, Any] = {"@type": "Person", "name": one_line(name)}
        title_wrong = one_line(name).casefold() in wrong_titles or any(
            f.kind.startswith(_TITLE_FLAG_PREFIXES) for f in claim.confirmed_flags
        )
        if title and one_line(title) and not title_wrong:
            person["jobTitle"] = one_line(title)
        return person
    if data.outlet and one_line(data.outlet):
        return {"@type": "Organization", "name": one_line(data.outlet)}
    return None


def _looks_like_organisation(name: str) -> bool:
    from factcheck.analysis.people import looks_like_organisation

    return looks_like_organisation(name)


def _item_reviewed(data: ReportData, claim: ClaimData, wrong_titles: set[str]) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim"}
    author = _claim_author(data, claim, wrong_titles)
    if author:
        item["author"] = author
    if data.published:
        item["datePublished"] = data.published.isoformat()
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    source = safe_url(data.source)
    if source and not source.startswith("mailto:"):
        appearance["url"] = source
    if data.title and one_line(data.title):
        appearance["headline"] = one_line(data.title)
    if data.published:
        appearance["datePublished"] = data.published.isoformat()
    if data.outlet and one_line(data.outlet):
        appearance["publisher"] = {"@type": "Organization", "name": one_line(data.outlet)}
    if len(appearance) > 1:
        item["appearance"] = appearance
    return item


__all__ = ["SCHEMA_CONTEXT", "dumps", "to_claimreview"]
