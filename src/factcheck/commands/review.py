"""``factcheck review SOURCE|ID [--date D]``: open an article's review in the TUI.

``SOURCE`` (a file, ``-`` or a URL) is analysed and imported when its content is new (the same
content reopens the review already stored); ``ID`` reopens a stored review. Plain
``factcheck`` opens the library (``open_library``).
"""

from __future__ import annotations

import argparse
import os
import sys

from factcheck.workflow import date_option


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "review",
        help="review an article in the terminal UI (imports it if it is new)",
        description="Open the review of an article: a .txt/.md/.html file, '-' for stdin, an "
        "http(s) URL (imported when new), or the ID of a stored review.",
    )
    parser.add_argument("target", metavar="SOURCE|ID",
                        help="a file, '-', an http(s) URL, or a review ID")
    parser.add_argument("--date", type=date_option,
                        help="publication date YYYY-MM-DD (overrides the page's)")
    parser.set_defaults(handler=run)


def _is_review_id(target: str) -> bool:
    return target.isdigit() and not os.path.exists(target)


def run(args: argparse.Namespace) -> int:
    from factcheck.errors import StoreError
    from factcheck.store import NotFoundError, Store
    from factcheck.tui import run_app
    from factcheck.tui.settings import load_settings, rating_scale_from

    settings = load_settings()
    store = Store.open(args.db, rating_scale=rating_scale_from(settings))
    try:
        if _is_review_id(args.target):
            review_id = int(args.target)
            try:
                store.get_review(review_id)
            except NotFoundError:
                raise StoreError(
                    f"no review with ID {review_id} in {store.location} "
                    "(plain `factcheck` lists them)"
                ) from None
            if args.date is not None:
                store.update_article_metadata(review_id, published=args.date,
                                              who=settings.reviewer)
        else:
            from factcheck.workflow import analyze_source

            if args.target.startswith(("http://", "https://")):
                print(f"factcheck: fetching {args.target} …", file=sys.stderr)
            analysis = analyze_source(args.target, published=args.date)
            result = store.import_analysis(analysis, who=settings.reviewer)
            review_id = result.review_id
            if result.created:
                from factcheck.workflow import check_officials

                try:
                    check_officials(store, review_id)
                except StoreError as err:
                    print(f"factcheck: officials checks not run: {err}", file=sys.stderr)
            if args.target == "-":
                _keyboard_from_terminal()
        return run_app(args.db, review_id=review_id, store=store)
    finally:
        store.close()


def _keyboard_from_terminal() -> None:
    """After reading the article from a pipe, take keys from the terminal instead."""
    from factcheck.errors import SourceError

    if sys.stdin.isatty():
        return
    try:
        tty = os.open("/dev/tty", os.O_RDWR)
    except OSError:
        raise SourceError(
            "the article was imported, but there is no terminal to review it in: "
            "run `factcheck` to open it from the library"
        ) from None
    os.dup2(tty, 0)
    os.close(tty)
    sys.stdin = open(0, closefd=False)  # noqa: SIM115 - fd 0 lives as long as the process


def open_library(args: argparse.Namespace) -> int:
    """Plain ``factcheck``: the library of reviews."""
    from factcheck.tui import open_library as _open

    return _open(args)
