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
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from factcheck.workflow import analyze_source

    analysis = analyze_source(args.source, published=args.date)
    if args.officials:
        from factcheck.officials.checks import run_checks
        from factcheck.officials.io import merge, parse_file
        from factcheck.officials.registry import Registry

        registry = Registry()
        for path in args.officials:
            merge(registry, parse_file(path))
        analysis.flags.extend(run_checks(analysis, registry))
    if args.json:
        json.dump(analysis.to_json(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    from factcheck.render import print_analysis

    print_analysis(analysis)
    return 0
