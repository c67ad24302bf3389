"""Re-running the analysis checks on a stored review (the review screen's ``R`` key).

The stored article is analysed again with its current metadata (an editor may have corrected
the publication date, which decides which titles the checks accept); the findings are mapped
onto the stored claims by their spans and saved with ``Store.add_flags(replace=True)``, so
decisions already taken on a flag are kept and findings that no longer hold are removed. The
officials checks then run against the database's registry, as ``factcheck import`` does.
No Textual here.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from factcheck.workflow import check_officials


def rerun_checks(store, review_id: int, *, who: str | None = None) -> str:
    """Re-run the checks; returns a one-line summary for the editor."""
    from factcheck.analysis import analyze_text

    review = store.get_review(review_id)
    analysis = analyze_text(review.text, title=review.title, outlet=review.outlet,
                            byline=review.byline, published=review.published,
                            source=review.source)
    stored = store.load_claims(review_id)
    starts = [c.start for c in stored]
    fresh = {c.id: c for c in analysis.claims}
    flags = []
    unmatched = 0
    for flag in analysis.flags:
        if flag.claim_id is None:
            flags.append(flag)
            continue
        claim = fresh.get(flag.claim_id)
        number = None
        if claim is not None:
            i = bisect_right(starts, claim.start) - 1
            for j in (i, i + 1):
                if 0 <= j < len(stored) and stored[j].start < claim.end \
                        and claim.start < stored[j].end:
                    number = stored[j].number
                    break
        if number is None:
            unmatched += 1
            continue
        flags.append(replace(flag, claim_id=number))
    before = {f.id for f in store.list_flags(review_id)}
    ids = store.add_flags(review_id, flags, origin="analysis", replace=True, who=who)
    new = len(set(ids) - before)
    after = len(store.list_flags(review_id))
    removed = len(before) + new - after
    text = f"checks re-run: {len(flags)} finding(s), {new} new, {removed} no longer found"
    if unmatched:
        text += f", {unmatched} on text that is no longer a claim"
    officials = check_officials(store, review_id)
    if officials:
        text += f"; officials registry: {officials} flag(s)"
    return text
