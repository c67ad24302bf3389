"""Review store sub-commands: ``import``, ``reviews``, ``show``, ``verdict``, ``evidence``.

They make reviews scriptable without a terminal UI::

    factcheck import article.html --date 2021-06-18     # prints the review id
    factcheck reviews                                    # id, title, outlet, date, progress
    factcheck show 3 [--json]                            # claims with status, verdict, flags
                                                         # and claims checked before
    factcheck verdict 3 2 "mostly false" --rationale "The rise was 3%, not 30%."
    factcheck evidence 3 2 --url https://stats.example/cpi --title "CPI, May"

The database is the global ``--db`` (else ``$FACTCHECK_DB``, else ``./claims.db``). Nothing
heavy is imported until a command runs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys

from factcheck.workflow import date_option


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "import",
        help="analyse an article and store it as a review; prints the review id",
        description="Analyse an article (file, '-' for stdin, or URL) and store it as a review. "
        "The same content imported again opens the existing review; a changed article from the "
        "same source becomes a new revision.",
    )
    p.add_argument("source", help="a .txt/.md/.html file, '-' for stdin, or an http(s) URL")
    p.add_argument("--date", type=date_option, help="publication date YYYY-MM-DD (overrides)")
    p.set_defaults(handler=run_import)

    p = subparsers.add_parser(
        "reviews",
        help="list the stored reviews with their progress",
        description="List the stored reviews: id, revision, date, outlet, claims, progress.",
    )
    p.set_defaults(handler=run_reviews)

    p = subparsers.add_parser(
        "show",
        help="print a review's claims with status, verdict, flags and evidence counts",
        description="Print a review's claims with status, verdict, flags and evidence counts, "
        "and under each claim the best earlier check of the same claim in another review "
        "('checked before: VERDICT in TITLE (DATE)').",
    )
    p.add_argument("review", type=int, metavar="ID", help="review id (see: factcheck reviews)")
    p.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object: the keys of 'factcheck analyze --json' plus the review's "
        "(each claim adds 'checked_before': the earlier checks of the same claim, best first)",
    )
    p.set_defaults(handler=run_show)

    p = subparsers.add_parser(
        "verdict",
        help="give a claim a verdict",
        description="Give claim CLAIM of review ID a verdict from the rating scale "
        "(a key or a label, any case; 'none' clears it).",
    )
    p.add_argument("review", type=int, metavar="ID", help="review id")
    p.add_argument("claim", type=int, metavar="CLAIM", help="claim number within the review")
    p.add_argument("rating", metavar="RATING", help="e.g. false, 'mostly true', misleading")
    p.add_argument("--rationale", help="why (kept with the verdict)")
    p.add_argument("--reviewer", help="who decided (default: $FACTCHECK_USER or login name)")
    p.set_defaults(handler=run_verdict)

    p = subparsers.add_parser(
        "evidence",
        help="attach a link or a note to a claim",
        description="Attach evidence (a link or a note) to claim CLAIM of review ID.",
    )
    p.add_argument("review", type=int, metavar="ID", help="review id")
    p.add_argument("claim", type=int, metavar="CLAIM", help="claim number within the review")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--url", help="a link to the evidence")
    what.add_argument("--note", help="a note (e.g. what an interview said)")
    p.add_argument("--title", help="the page or document title")
    p.add_argument("--excerpt", help="the relevant passage")
    p.add_argument(
        "--kind",
        choices=("link", "excerpt", "note", "interview"),
        help="default: link with --url, note with --note",
    )
    p.add_argument("--reliability", choices=("unknown", "low", "medium", "high"))
    p.add_argument("--reviewer", help="who added it (default: $FACTCHECK_USER or login name)")
    p.set_defaults(handler=run_evidence)


def run(args: argparse.Namespace) -> int:
    """Dispatch on ``args.command`` (for callers that do not use ``args.handler``)."""
    handlers = {
        "import": run_import,
        "reviews": run_reviews,
        "show": run_show,
        "verdict": run_verdict,
        "evidence": run_evidence,
    }
    return handlers[args.command](args)


def _open(args: argparse.Namespace, *, create: bool = False):
    from factcheck.store import Store

    return Store.open(getattr(args, "db", None), create=create)


# ---------------------------------------------------------------------- commands


def run_import(args: argparse.Namespace) -> int:
    from factcheck.workflow import analyze_source, check_officials

    # Analyse first: a source that cannot be read never creates a database.
    analysis = analyze_source(args.source, published=args.date)
    with _open(args, create=True) as store:
        result = store.import_analysis(analysis)
        officials = check_officials(store, result.review_id)
    title = analysis.article.title or analysis.article.source or "untitled"
    note = f"; {officials} officials flag{'s' if officials != 1 else ''}" if officials else ""
    if not result.created:
        print(f"{result.review_id}\talready stored (same content): {title}{note}")
    elif result.previous_id is not None:
        print(
            f"{result.review_id}\tnew revision {result.revision} (previous: review "
            f"{result.previous_id}): {title} ({len(analysis.claims)} claims{note})"
        )
    else:
        print(f"{result.review_id}\tnew review: {title} ({len(analysis.claims)} claims{note})")
    return 0


def run_reviews(args: argparse.Namespace) -> int:
    with _open(args) as store:
        reviews = store.list_reviews()
        location = store.location
    if not reviews:
        print(f"no reviews in {location} (add one with: factcheck import SOURCE)")
        return 0
    width = shutil.get_terminal_size((100, 24)).columns
    header = (
        f"{'ID':>4}  {'REV':>3}  {'DATE':<10}  {'OUTLET':<16}  {'CLAIMS':>6}  "
        f"{'DONE':>4}  {'FLAGS':>5}  TITLE"
    )
    print(header)
    for r in reviews:
        date = r.published.isoformat() if r.published else "-"
        outlet = _cut(r.outlet or "-", 16)
        line = (
            f"{r.id:>4}  {r.revision:>3}  {date:<10}  {outlet:<16}  {r.claim_count:>6}  "
            f"{r.done:>4}  {r.open_flags:>5}  "
        )
        print(line + _cut(r.title or r.source or "untitled", max(20, width - len(line))))
    return 0


def run_show(args: argparse.Namespace) -> int:
    from factcheck.store import STATUS_LABELS

    with _open(args) as store:
        if args.json:
            data = store.review_json(args.review)
            prior = store.checked_before(args.review)
            for item in data["claims"]:
                item["checked_before"] = [_prior_json(p) for p in prior.get(item["db_id"], [])]
            json.dump(data, sys.stdout, ensure_ascii=False)
            sys.stdout.write("\n")
            return 0
        review = store.get_review(args.review)
        claims = store.load_claims(args.review)
        scale = store.rating_scale()
        article_flags = [f for f in store.list_flags(args.review) if f.claim_id is None]
        prior = store.checked_before(args.review)
    width = shutil.get_terminal_size((100, 24)).columns
    print(f"Review {review.id} (revision {review.revision}): {review.title or 'untitled'}")
    meta = [
        review.outlet,
        review.published.isoformat() if review.published else "no date",
        review.source,
    ]
    print(" · ".join(m for m in meta if m))
    if review.byline:
        print(review.byline)
    counts: dict[str, int] = {}
    for c in claims:
        counts[c.status] = counts.get(c.status, 0) + 1
    progress = ", ".join(f"{n} {STATUS_LABELS.get(s, s).lower()}" for s, n in counts.items())
    open_flags = sum(c.open_flags for c in claims) + sum(f.state == "open" for f in article_flags)
    print(f"{len(claims)} claims: {progress or 'none'} · {open_flags} open flags")
    for f in article_flags:
        print(f"  article flag #{f.id} [{f.state}] {f.kind}: {f.message}")
    print()
    line = f"{'#':>4}  {'STATUS':<17}  {'VERDICT':<13}  {'FLAGS':>5}  {'EVID':>4}  "
    print(line + "CLAIM")
    for c in claims:
        flags = f"{c.open_flags}/{c.flags}" if c.flags else "-"
        row = (
            f"{c.number:>4}  {STATUS_LABELS.get(c.status, c.status):<17}  "
            f"{_cut(scale.label(c.verdict) or '-', 13):<13}  {flags:>5}  "
            f"{c.evidence or '-':>4}  "
        )
        print(row + _cut(c.text, max(20, width - len(row))))
        checks = prior.get(c.id)
        if checks:
            print(" " * 6 + _cut(_prior_line(checks), max(20, width - 6)))
    return 0


def _prior_line(checks) -> str:
    """``checked before: False in TITLE (DATE), review 3 claim 4 (+1 more)``."""
    p = checks[0]
    when = p.published or p.reviewed_at.date()
    title = " ".join((p.review_title or p.review_source or "untitled").split())
    more = f" (+{len(checks) - 1} more)" if len(checks) > 1 else ""
    return (
        f"checked before: {p.verdict_label} in {title} ({when.isoformat()}), "
        f"review {p.review_id} claim {p.number}{more}"
    )


def _prior_json(p) -> dict:
    return {
        "claim_id": p.claim_id,
        "review_id": p.review_id,
        "number": p.number,
        "review_title": p.review_title,
        "review_source": p.review_source,
        "outlet": p.outlet,
        "published": p.published.isoformat() if p.published else None,
        "verdict": p.verdict,
        "verdict_label": p.verdict_label,
        "rationale": p.rationale,
        "reviewed_at": p.reviewed_at.isoformat(),
        "score": p.score,
        "evidence_count": p.evidence,
        "text": p.text,
    }


def run_verdict(args: argparse.Namespace) -> int:
    from factcheck.errors import StoreError
    from factcheck.store import default_reviewer

    with _open(args) as store:
        scale = store.rating_scale()
        rating = scale.find(args.rating)
        if rating is None and args.rating.strip().lower() not in ("none", "clear"):
            choices = ", ".join(r.label for r in scale)
            raise StoreError(f"unknown rating {args.rating!r} (one of: {choices}, or none)")
        claim = store.claim_by_number(args.review, args.claim)
        who = args.reviewer or default_reviewer()
        version = store.set_verdict(
            claim.id,
            rating.key if rating else None,
            args.rationale,
            who=who,
            expected_version=claim.version,
        )
    was = scale.label(claim.verdict) or "none"
    now = rating.label if rating else "none"
    print(f"review {args.review} claim {args.claim}: verdict {now} (was {was}), version {version}")
    return 0


def run_evidence(args: argparse.Namespace) -> int:
    from factcheck.store import default_reviewer

    with _open(args) as store:
        claim = store.claim_by_number(args.review, args.claim)
        evidence_id = store.add_evidence(
            claim.id,
            kind=args.kind,
            url=args.url,
            title=args.title,
            excerpt=args.excerpt,
            note=args.note,
            reliability=args.reliability,
            who=args.reviewer or default_reviewer(),
            expected_version=claim.version,
        )
    kind = args.kind or ("link" if args.url else "note")
    print(f"review {args.review} claim {args.claim}: added {kind} evidence #{evidence_id}")
    return 0


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
