"""The Markdown verdict report: what the newsroom files or publishes after a review.

Layout (headings are fixed; everything in them that came from the article or an editor is
escaped with :mod:`factcheck.export.mdtext`, so it can never add a heading, list, table, link
or raw HTML)::

    # Fact check: <title>
    - Outlet / Published / Byline / Source / Reviewers / Review dates (/ Report generated)
    ## Summary                     counts by verdict and by status, open flags
    ### Open flags                 (a table; only when there are any)
    ### Findings about the article (confirmed article flags; only when there are any)
    ## Reviewed claims
    ### Claim N                    one per claim with a verdict (or judged not checkable),
                                   in article order: the claim, verdict, rationale, quotes,
                                   confirmed flags, evidence
    ## Not yet reviewed            claims without a verdict, clearly marked as such

Each claim's heading is exactly ``Claim N``, so renderers that make anchors from headings
(GitHub, GitLab, pandoc, Hugo) give it the anchor ``#claim-N``; ClaimReview's ``url`` uses it.

The output is deterministic: it depends only on the review's data (and on ``generated_at``
when a caller passes one), never on the clock or the order rows come back in.
"""

from __future__ import annotations

import datetime as dt

from factcheck.export.data import ClaimData, EvidenceData, FlagData, ReportData
from factcheck.export.mdtext import cell, inline, link, one_line, paragraphs


def render_report(review: ReportData, *, generated_at: dt.datetime | None = None) -> str:
    """The review as a Markdown report (CommonMark; tables as in GitHub-flavoured Markdown).

    Args:
        review: the data from :func:`factcheck.export.data.load_report_data`.
        generated_at: when given, a "Report generated" line with this time (UTC); the
            report has no clock of its own, so the same review always renders the same.

    Returns:
        The report, ending with one newline.
    """
    out: list[str] = []
    title = one_line(review.title) or "untitled article"
    out += [f"# Fact check: {inline(title)}", ""]
    out += _metadata(review, generated_at)
    out += _summary(review)
    out += _reviewed(review)
    out += _not_reviewed(review)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------- sections


def _metadata(review: ReportData, generated_at: dt.datetime | None) -> list[str]:
    items: list[tuple[str, str]] = []
    if review.outlet:
        items.append(("Outlet", inline(review.outlet)))
    items.append(("Published", review.published.isoformat() if review.published else "unknown"))
    if review.byline:
        items.append(("Byline", inline(review.byline)))
    if review.source:
        items.append(("Source", link(None, review.source)))
    if review.revision > 1:
        previous = f" (previous: review {review.previous_id})" if review.previous_id else ""
        items.append(("Revision", f"{review.revision}{previous}"))
    if review.reviewers:
        items.append(
            (
                "Reviewers",
                ", ".join(
                    f"{inline(r.name)} ({_date_span(r.first, r.last)})" for r in review.reviewers
                ),
            )
        )
        items.append(("Review dates", _date_span(review.review_started, review.review_last)))
    else:
        items.append(("Reviewers", "none yet"))
    items.append(("Review id", str(review.review_id)))
    if generated_at is not None:
        items.append(("Report generated", _time(generated_at)))
    return [f"- **{label}:** {value}" for label, value in items] + [""]


def _summary(review: ReportData) -> list[str]:
    claims = review.claims
    reviewed = len(review.reviewed_claims)
    open_flags = review.open_flags
    out = ["## Summary", ""]
    out += [
        f"{_n(len(claims), 'claim')}: {reviewed} reviewed, "
        f"{len(claims) - reviewed} not yet reviewed; {_n(len(open_flags), 'open flag')}.",
        "",
    ]
    verdicts = review.verdict_counts()
    not_checkable = sum(c.verdict is None and c.status == "not_checkable" for c in claims)
    no_verdict = sum(c.verdict is None for c in claims) - not_checkable
    rows = list(verdicts)
    if not_checkable:
        rows.append(("Not checkable (no verdict)", not_checkable))
    if no_verdict:
        rows.append(("No verdict yet", no_verdict))
    if rows:
        out += _table(("Verdict", "Claims"), rows)
    statuses = review.status_counts()
    if statuses:
        out += _table(("Status", "Claims"), statuses)
    if open_flags:
        out += ["### Open flags", ""]
        out += [
            "These flags are still open: nobody has confirmed or dismissed them yet.",
            "",
        ]
        out += _table(
            ("Claim", "Flag", "Message"),
            [
                (
                    str(f.claim_number) if f.claim_number is not None else "article",
                    f.kind,
                    f.message,
                )
                for f in open_flags
            ],
        )
    confirmed = [f for f in review.article_flags if f.state == "confirmed"]
    if confirmed:
        out += ["### Findings about the article", ""]
        out += [_flag_item(f) for f in confirmed] + [""]
    return out


def _reviewed(review: ReportData) -> list[str]:
    out = ["## Reviewed claims", ""]
    claims = review.reviewed_claims
    if not claims:
        return out + ["No claim has a verdict yet.", ""]
    for claim in claims:
        out += _claim(claim)
    return out


def _claim(claim: ClaimData) -> list[str]:
    out = [f"### Claim {claim.number}", ""]
    out += [f"> {inline(claim.text)}", ""]
    if claim.verdict is not None:
        verdict = f"**Verdict: {inline(claim.verdict_label or claim.verdict)}**"
    else:
        verdict = "**Not checkable** (no verdict)"
    details = []
    if claim.reviewer:
        who = f"reviewed by {inline(claim.reviewer)}"
        if claim.verdict_at is not None:
            who += f" on {_date(claim.verdict_at)}"
        details.append(who)
    if claim.status not in ("done", "not_checkable"):
        details.append(f"status: {claim.status_label}")
    out += [verdict + "".join(f" · {d}" for d in details), ""]
    rationale = paragraphs(claim.rationale)
    if rationale:
        out += rationale + [""]
    if claim.quotes:
        out += ["**Quotes**", ""]
        out += [
            f"- “{inline(q.text)}”: {_speaker(q.speaker, q.speaker_title)}" for q in claim.quotes
        ]
        out.append("")
    elif claim.speaker:
        out += [f"Attributed to {_speaker(claim.speaker, claim.speaker_title)}.", ""]
    confirmed = claim.confirmed_flags
    if confirmed:
        out += ["**Confirmed flags**", ""]
        out += [_flag_item(f) for f in confirmed] + [""]
    if claim.evidence:
        out += ["**Evidence**", ""]
        out += [_evidence_item(ev) for ev in claim.evidence] + [""]
    open_count = len(claim.open_flags)
    if open_count:
        out += [f"*{_n(open_count, 'flag')} on this claim still open (see Summary).*", ""]
    return out


def _not_reviewed(review: ReportData) -> list[str]:
    claims = review.unreviewed_claims
    if not claims:
        return []
    out = ["## Not yet reviewed", ""]
    out += [
        f"**{_n(len(claims), 'claim')} without a verdict.** They are listed for completeness "
        "and are not findings of this fact check.",
        "",
    ]
    for c in claims:
        notes = [c.status_label, inline(c.kind)]
        if c.open_flags:
            notes.append(_n(len(c.open_flags), "open flag"))
        out.append(f"- **Claim {c.number}** ({', '.join(notes)}): {inline(c.text)}")
        # A confirmed finding (say, a wrong title) stands even before the claim has a verdict.
        out += ["  " + _flag_item(f, prefix="Confirmed flag, ") for f in c.confirmed_flags]
    return out + [""]


# ---------------------------------------------------------------------- pieces


def _speaker(name: str | None, title: str | None) -> str:
    if not name:
        return "speaker not named"
    return inline(name) + (f", {inline(title)}" if title else "")


def _flag_item(flag: FlagData, *, prefix: str = "") -> str:
    text = f"- **{prefix}{inline(flag.kind)}:** {inline(flag.message)}"
    if flag.reason:
        text += f" Editor's note: {inline(flag.reason)}"
    if flag.decided_by or flag.decided_at is not None:
        by = f" by {inline(flag.decided_by)}" if flag.decided_by else ""
        on = f" on {_date(flag.decided_at)}" if flag.decided_at is not None else ""
        text += f" (confirmed{by}{on})"
    return text


def _evidence_item(ev: EvidenceData) -> str:
    qualifiers = []
    if ev.kind != "link" or not ev.url:
        qualifiers.append(ev.kind)
    if ev.reliability and ev.reliability != "unknown":
        qualifiers.append(f"reliability {ev.reliability}")
    if ev.url:
        head = link(ev.title, ev.url)
    elif one_line(ev.title):
        head = f"*{inline(ev.title)}*"
    else:
        head = ""
    if head:
        text = head + (f" ({inline(', '.join(qualifiers))})" if qualifiers else "")
    else:
        text = inline(", ".join(qualifiers)).capitalize()
    if ev.excerpt:
        text += f": “{inline(ev.excerpt)}”"
    if ev.note:
        text += f"{';' if ev.excerpt else ':'} {inline(ev.note)}"
    return "- " + text


def _table(header: tuple[str, ...], rows) -> list[str]:
    """A GFM table; the last column is right-aligned when it holds counts."""
    counts = all(isinstance(r[-1], int) for r in rows)
    aligns = ["---"] * (len(header) - 1) + ["---:" if counts else "---"]
    lines = [
        "| " + " | ".join(cell(h) for h in header) + " |",
        "| " + " | ".join(aligns) + " |",
    ]
    for row in rows:
        lines.append("| " + " | ".join(cell(str(v)) for v in row) + " |")
    return lines + [""]


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _date_span(first: dt.datetime | None, last: dt.datetime | None) -> str:
    if first is None or last is None:
        return "none"
    a, b = _date(first), _date(last)
    return a if a == b else f"{a} to {b}"


def _date(when: dt.datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).date().isoformat()


def _time(when: dt.datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


__all__ = ["render_report"]
