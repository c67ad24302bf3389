"""A plain Markdown report of what the store holds for one review.

Stop-gap for the review screen's export key until the export package provides the real
formats; it reads only through the public Store API and imports no Textual.
"""

from __future__ import annotations

from factcheck.store.models import STATUS_LABELS


def _esc(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def review_markdown(store, review_id: int) -> str:
    """The review as Markdown: article metadata, then every claim with its verdict,
    rationale, flags and evidence."""
    review = store.get_review(review_id)
    scale = store.rating_scale()
    claims = store.load_claims(review_id)
    flags = store.list_flags(review_id)
    evidence = store.list_evidence(review_id)
    flags_by: dict[int | None, list] = {}
    for f in flags:
        flags_by.setdefault(f.claim_id, []).append(f)
    evidence_by: dict[int, list] = {}
    for ev in evidence:
        evidence_by.setdefault(ev.claim_id, []).append(ev)

    out = [f"# Fact check: {review.title or 'untitled article'}", ""]
    for label, value in (
        ("Outlet", review.outlet),
        ("Published", review.published.isoformat() if review.published else None),
        ("Byline", review.byline),
        ("Source", review.source),
    ):
        if value:
            out.append(f"- **{label}:** {value}")
    done = sum(c.status in ("done", "not_checkable") for c in claims)
    out += [f"- **Claims reviewed:** {done} of {len(claims)}", ""]
    for f in flags_by.get(None, []):
        out.append(f"> Article flag ({f.state}): {_esc(f.message)}")
    out.append("")
    for c in claims:
        out.append(f"## Claim {c.number}")
        out.append("")
        out.append(f"> {_esc(c.text)}")
        out.append("")
        if c.speaker:
            title = f", {c.speaker_title}" if c.speaker_title else ""
            out.append(f"- **Speaker:** {c.speaker}{title}")
        out.append(f"- **Kind:** {c.kind}")
        out.append(f"- **Status:** {STATUS_LABELS.get(c.status, c.status)}")
        out.append(f"- **Verdict:** {scale.label(c.verdict) or '—'}")
        if c.rationale:
            out.append(f"- **Rationale:** {_esc(c.rationale)}")
        for f in flags_by.get(c.id, []):
            reason = f" ({_esc(f.state_reason)})" if f.state_reason else ""
            out.append(f"- **Flag, {f.state}:** {_esc(f.message)}{reason}")
        for ev in evidence_by.get(c.id, []):
            parts = [p for p in (ev.title, ev.url, ev.excerpt and f"“{_esc(ev.excerpt)}”",
                                 ev.note) if p]
            out.append(f"- **Evidence ({ev.kind}):** " + " — ".join(_esc(p) for p in parts))
        out.append("")
    return "\n".join(out).rstrip() + "\n"
