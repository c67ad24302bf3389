"""Helpers for the export tests (no tests here): a scripted review of the bundled example
article with a fixed clock, hand-made ReportData, and markdown-it parsing helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLE_REL = "examples/harbour-ferry.txt"
OFFICIALS_REL = "examples/officials.csv"
START = dt.datetime(2024, 3, 15, 9, 0, tzinfo=dt.UTC)


def fixed_clock(
    monkeypatch: pytest.MonkeyPatch,
    start: dt.datetime = START,
    step: dt.timedelta = dt.timedelta(hours=1),
) -> None:
    """Every store write happens ``step`` after the one before, from ``start``."""
    import factcheck.store.api

    ticks = iter(range(10**6))

    def now() -> dt.datetime:
        return start + step * next(ticks)

    monkeypatch.setattr(factcheck.store.api, "utcnow", now)


def claim_with(store, review_id: int, fragment: str):
    """The claim whose text contains ``fragment`` (the script names claims by their words,
    so it survives changes to how the analysis numbers them)."""
    found = [c for c in store.load_claims(review_id) if fragment in c.text]
    assert len(found) == 1, f"expected one claim containing {fragment!r}, found {len(found)}"
    return found[0]


def build_harbour_review(db: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Import the example (with the example officials registry) through the CLI and review
    it as two editors would, on a fixed clock. Returns the review id.

    The script: verdicts on six claims (every rating of the default scale), rationales (one
    with two paragraphs and Markdown characters), link evidence (one URL with spaces and
    parentheses), a note and an interview, the officials' wrong-title flag confirmed (the
    anonymous-source flag stays open), one claim judged not checkable, one in progress, and a
    verdict given and undone. The clock moves an hour per change, so the work spans two days.
    """
    from factcheck.cli import main
    from factcheck.store import Store

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("FACTCHECK_USER", "importer")
    fixed_clock(monkeypatch)
    assert main(["--db", db, "officials", "import", OFFICIALS_REL]) == 0
    assert main(["--db", db, "import", EXAMPLE_REL]) == 0
    with Store.open(db) as store:
        rid = store.list_reviews()[0].id

        def verdict(fragment, key, rationale, who):
            c = claim_with(store, rid, fragment)
            store.set_verdict(c.id, key, rationale, who=who, expected_version=c.version)
            return claim_with(store, rid, fragment)

        def evidence(fragment, who, **fields):
            c = claim_with(store, rid, fragment)
            store.add_evidence(c.id, who=who, expected_version=c.version, **fields)

        verdict(
            "raise ferry fares by 12%",
            "true",
            "The council's resolution of 13 March sets a 12% rise from 1 April.",
            "ana",
        )
        evidence(
            "raise ferry fares by 12%",
            "ana",
            url="https://example.org/harbour-city/council/2024-03-13-minutes",
            title="Council minutes, 13 March 2024",
            excerpt="Resolved: ferry fares rise by 12% with effect from 1 April 2024.",
            reliability="high",
        )
        verdict(
            "fuel costs climbed by $3.5 million",
            "mostly-true",
            "Fuel costs rose by $3.4 million (*not* $3.5 million) according to the annual "
            "accounts.\n\nThe difference is rounding; the claim's point stands.",
            "ana",
        )
        evidence(
            "fuel costs climbed by $3.5 million",
            "ana",
            url="https://example.org/harbour transit/annual report (2023).pdf",
            title="Annual report 2023 [PDF]",
            excerpt="Fuel: 14.2m (2022: 10.8m)",
        )
        evidence(
            "fuel costs climbed by $3.5 million",
            "ana",
            note="The finance office confirmed the figure by email.",
            kind="note",
        )
        verdict(
            "would raise about $4.2 million",
            "misleading",
            "The $4.2 million is gross; after the fare-relief scheme the city expects "
            "$2.9 million.",
            "ben",
        )
        verdict(
            "will go straight into the fleet",
            "unproven",
            "The budget has not been published, so where the money goes cannot be checked yet.",
            "ben",
        )
        verdict(
            "ridership fell 8.4% in 2023",
            "false",
            "The Transit Authority's own figures show ridership rose 2.1% in 2023.",
            "ben",
        )
        evidence(
            "ridership fell 8.4% in 2023",
            "ben",
            kind="interview",
            note="Transit Authority press office, by phone: 2023 trips were 6.8 million.",
            reliability="medium",
        )
        verdict(
            "twice as large",
            "mostly-false",
            "The authority's projection is a 40% larger gap, not double.",
            "ana",
        )
        # A verdict given by mistake and undone: the report must not show it.
        verdict("Commuter groups were unimpressed", "false", "Mistake.", "ana")
        assert store.undo_last(rid, who="ana")

        flags = store.list_flags(rid)
        title_flag = next(f for f in flags if f.kind == "title-date-mismatch")
        c = store.get_claim(title_flag.claim_id)
        store.set_flag_state(
            title_flag.id,
            "confirmed",
            "The city's council page lists Okafor as City Treasurer since January 2023.",
            who="ben",
            expected_version=c.version,
        )
        c = claim_with(store, rid, "Will the increase be the last?")
        store.set_status(c.id, "not_checkable", who="ana", expected_version=c.version)
        c = claim_with(store, rid, "This is a tax on people")
        store.set_status(c.id, "in_progress", who="ben", expected_version=c.version)
    return rid


# ---------------------------------------------------------------------- hand-made data


def make_report(**changes):
    """A small ReportData built by hand (no database): three claims, one reviewed with a
    quote, a confirmed flag and evidence, one with an open flag, one unreviewed."""
    from factcheck.export.data import ClaimData, EvidenceData, FlagData, QuoteData, ReportData
    from factcheck.store.scale import DEFAULT_SCALE

    at = START
    flag = FlagData(
        id=1,
        claim_number=1,
        kind="title-date-mismatch",
        message='The article calls Tom Okafor "Deputy Mayor".',
        state="confirmed",
        reason="Checked.",
        decided_by="ben",
        decided_at=at,
        origin="officials",
        person="Tom Okafor",
    )
    open_flag = replace(
        flag,
        id=2,
        claim_number=2,
        kind="anonymous-source",
        message="The claim rests on an unnamed source.",
        state="open",
        reason=None,
        decided_by=None,
        decided_at=None,
        person=None,
    )
    claims = (
        ClaimData(
            number=1,
            text="Deputy Mayor Tom Okafor said the rise would raise $4.2 million.",
            kind="statistic",
            checkworthy=0.9,
            status="done",
            verdict="misleading",
            verdict_label="Misleading",
            verdict_value=3.0,
            rationale="Gross, not net.",
            reviewer="ana",
            verdict_at=at,
            speaker="Tom Okafor",
            speaker_title="Deputy Mayor",
            quotes=(
                QuoteData(
                    "will go straight into the fleet", "Tom Okafor", "Deputy Mayor", None, 10
                ),
            ),
            flags=(flag,),
            evidence=(
                EvidenceData(
                    1, "link", "https://example.org/a", "Budget", "p. 4", None, None, "ana", at
                ),
            ),
        ),
        ClaimData(
            number=2,
            text="A senior official said the route could close.",
            kind="causal",
            checkworthy=0.5,
            status="done",
            verdict="unproven",
            verdict_label="Unproven",
            verdict_value=None,
            rationale="No one on the record.",
            reviewer="ben",
            verdict_at=at,
            speaker=None,
            speaker_title=None,
            flags=(open_flag,),
        ),
        ClaimData(
            number=3,
            text="Commuter groups were unimpressed.",
            kind="event",
            checkworthy=0.1,
            status="unreviewed",
            verdict=None,
            verdict_label=None,
            verdict_value=None,
            rationale=None,
            reviewer=None,
            verdict_at=None,
            speaker=None,
            speaker_title=None,
        ),
    )
    from factcheck.export.data import ReviewerData

    data = ReportData(
        review_id=1,
        revision=1,
        previous_id=None,
        title="Ferry fares to rise 12%",
        outlet="The Harbour Ledger",
        byline="Marta Oyelaran",
        published=dt.date(2024, 3, 14),
        source="https://news.example/ferry-fares",
        imported_at=at,
        updated_at=at,
        claims=claims,
        article_flags=(),
        reviewers=(ReviewerData("ana", at, at, 2), ReviewerData("ben", at, at, 1)),
        review_started=at,
        review_last=at,
        scale=DEFAULT_SCALE,
    )
    return replace(data, **changes) if changes else data


def with_claim(data, number: int, **changes):
    """``data`` with claim ``number`` changed."""
    claims = tuple(replace(c, **changes) if c.number == number else c for c in data.claims)
    return replace(data, claims=claims)


# ---------------------------------------------------------------------- markdown-it


def parsers():
    from markdown_it import MarkdownIt

    return {"commonmark": MarkdownIt("commonmark"), "gfm-like": MarkdownIt("gfm-like")}


def walk(tokens) -> Iterator:
    for t in tokens:
        yield t
        if t.children:
            yield from walk(t.children)


def headings(tokens) -> list[tuple[str, str]]:
    """(tag, text) of every heading, in order."""
    out = []
    for i, t in enumerate(tokens):
        if t.type == "heading_open":
            out.append((t.tag, tokens[i + 1].content))
    return out


def inline_text(token) -> str:
    """The literal text an inline token shows (escapes resolved, breaks as spaces)."""
    parts = []
    for child in token.children or ():
        if child.type in ("text", "text_special"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def count(tokens, *types: str) -> int:
    return sum(t.type in types for t in walk(tokens))
