"""The ``factcheck`` command line: argument parsing and dispatch.

Each sub-command lives in its own module under ``factcheck.commands`` with two functions,
``register(subparsers)`` and ``run(args) -> int``. This module imports none of the heavy
libraries (Textual, SQLModel, trafilatura): a command module imports what it needs inside
``run`` so that ``factcheck --help`` stays fast.

Every ``FactcheckError`` becomes one line on stderr and exit status 2; an unexpected exception
becomes one line too (with a hint to report it), never a traceback, unless ``FACTCHECK_DEBUG``
is set.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from factcheck import __version__

# Sub-command modules, in the order ``--help`` lists them.
COMMAND_MODULES = (
    "factcheck.commands.analyze",
    "factcheck.commands.store_cmds",
    "factcheck.commands.officials_cmds",
    "factcheck.commands.review",
    "factcheck.commands.export_cmds",
)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors exit with status 2 on one line plus usage."""

    def error(self, message: str) -> None:  # pragma: no cover - argparse exits
        self.print_usage(sys.stderr)
        self.exit(2, f"factcheck: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="factcheck",
        description="A keyboard-driven terminal assistant for newsroom fact-checkers.",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    parser.add_argument(
        "--db",
        default=None,
        help="review database: a file path (SQLite) or an SQLAlchemy URL "
        "(default: $FACTCHECK_DB or ./claims.db)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        default = getattr(args, "default_handler", None)
        if default is None:
            # Plain `factcheck` opens the library of reviews.
            from factcheck.commands.review import open_library

            default = open_library
        handler = default
    return _run_safely(handler, args)


def _run_safely(handler, args: argparse.Namespace) -> int:
    from factcheck.errors import FactcheckError

    try:
        return int(handler(args) or 0)
    except FactcheckError as err:
        print(f"factcheck: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("factcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a message.
        return 0
    except Exception as err:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        print(
            f"factcheck: unexpected error: {type(err).__name__}: {err} "
            "(set FACTCHECK_DEBUG=1 for details and please report it)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
