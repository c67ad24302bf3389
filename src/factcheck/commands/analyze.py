"""``factcheck analyze SOURCE [--date D] [--json]``: analyse an article without storing it.

The default output is a readable Rich view; ``--json`` prints exactly one JSON object whose
shape is documented in the README (``Analysis.to_json``).
"""

from __future__ import annotations

import argparse
import json
import sys

from factcheck.workflow import date_option


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "analyze",
        help="analyse an article (file, '-' for stdin, or URL) and print claims, quotes, flags",
        description="Analyse an article and print its claims, quotes and flags.",
    )
    parser.add_argument("source", help="a .txt/.md/.html file, '-' for stdin, or an http(s) URL")
    parser.add_argument("--date", type=date_option, help="publication date YYYY-MM-DD (overrides)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--officials",
        metavar="FILE",
        action="append",
        default=[],
        help="check titles and speakers against an officials file (CSV or JSON, see "
        "'factcheck officials import'); may be given more than once",
    )
    parser.add_argument(
        "--no-db-officials",
        action="store_true",
        help="do not check against the officials registry of the review database "
        "(used by default when the database exists and has people in it)",
    )
    parser.set_defaults(handler=run)


def database_registry(db):
    """The officials registry of the review database, or None when there is nothing to use.

    The database is ``--db`` / ``$FACTCHECK_DB`` / ``./claims.db``; it is never created or
    upgraded here (``analyze`` stores nothing). A database that exists but cannot be read is
    reported on stderr, and the analysis goes on without it.
    """
    from factcheck.errors import StoreError
    from factcheck.store import Store, resolve_target

    try:
        target = resolve_target(db)
    except StoreError as err:
        print(f"factcheck: officials registry not used: {err}", file=sys.stderr)
        return None
    if target.path is not None and not target.path.exists():
        return None
    try:
        with Store.open(db, create=False, readonly=True) as store:
            from factcheck.officials.tables import load_registry

            with store.translating_errors():
                registry = load_registry(store.engine)
    except StoreError as err:
        if "needs upgrading" in str(err):
            # An older schema (analyze never upgrades: it opens read-only). Before 0002 there
            # is no registry at all; a later write command (import, reviews) upgrades it.
            return None
        print(f"factcheck: officials registry not used: {err}", file=sys.stderr)
        return None
    return registry if len(registry) else None


def run(args: argparse.Namespace) -> int:
    from factcheck.workflow import analyze_source

    analysis = analyze_source(args.source, published=args.date)
    # The registry in the review database (when there is one with people in it), plus any
    # --officials files on top of it: one registry, checked once.
    registry = None if args.no_db_officials else database_registry(getattr(args, "db", None))
    if args.officials:
        from factcheck.officials.io import merge, parse_file
        from factcheck.officials.registry import Registry

        if registry is None:
            registry = Registry()
        for path in args.officials:
            merge(registry, parse_file(path))
    if registry is not None:
        from factcheck.officials.checks import run_checks

        analysis.flags.extend(run_checks(analysis, registry))
    if args.json:
        json.dump(analysis.to_json(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    from factcheck.render import print_analysis

    print_analysis(analysis)
    return 0
