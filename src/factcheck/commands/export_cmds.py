"""``factcheck export``: a review as a Markdown report, ClaimReview JSON-LD, JSON or CSV.

::

    factcheck export 3                                   # ./2024-03-14-<title>.md
    factcheck export 3 --format claimreview --base-url https://news.example/checks/ferry
    factcheck export 3 --format csv -o -                 # to standard output
    factcheck export 3 -o report.md --force              # replace an existing file

An existing file is never overwritten without ``--force``; that, an unknown review id or a
file that cannot be written is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import os
import sys

FORMAT_CHOICES = ("markdown", "claimreview", "json", "csv")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "export",
        help="write a review as a Markdown report, ClaimReview JSON-LD, JSON or CSV",
        description="Write review ID as a Markdown verdict report (default), schema.org "
        "ClaimReview JSON-LD (one object per claim with a verdict), the whole review as JSON, "
        "or CSV (one row per claim). The file is named from the article's date and title "
        "unless -o is given; an existing file is never replaced without --force.",
    )
    p.add_argument("review", type=int, metavar="ID", help="review id (see: factcheck reviews)")
    p.add_argument(
        "--format",
        "-f",
        choices=FORMAT_CHOICES,
        default="markdown",
        help="markdown (default), claimreview, json or csv",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="file to write ('-' for standard output; a directory: the default name in it)",
    )
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    p.add_argument(
        "--base-url",
        metavar="URL",
        help="claimreview: the address the report is published at (each claim's url is "
        "URL#claim-N)",
    )
    p.add_argument(
        "--organization",
        metavar="NAME",
        default=None,
        help="claimreview: the newsroom as the fact check's author "
        "(default: $FACTCHECK_ORGANIZATION, else each claim's reviewer)",
    )
    p.set_defaults(handler=run_export)


def run(args: argparse.Namespace) -> int:
    return run_export(args)


def run_export(args: argparse.Namespace) -> int:
    from factcheck.export.formats import export_review, write_export
    from factcheck.store import Store

    organization = args.organization or os.environ.get("FACTCHECK_ORGANIZATION") or None
    with Store.open(getattr(args, "db", None), create=False) as store:
        result = export_review(
            store,
            args.review,
            args.format,
            base_url=args.base_url,
            organization=organization,
        )
    if args.output == "-":
        sys.stdout.write(result.text)
        sys.stdout.flush()
        return 0
    target = args.output or result.filename
    if args.output and os.path.isdir(args.output):
        target = os.path.join(args.output, result.filename)
    path = write_export(target, result.text, force=args.force)
    print(f"review {args.review}: wrote {args.format} to {path} ({result.summary})")
    return 0
