"""User-facing errors.

Anything raised as a ``FactcheckError`` is shown to the editor as one line (what went wrong,
what to do) and, on the command line, exits with status 2 and no traceback.
"""

from __future__ import annotations


class FactcheckError(Exception):
    """An error the user can act on; ``str(err)`` is the one line shown to them."""

    exit_code = 2


class SourceError(FactcheckError):
    """An article (file, stdin or URL) could not be read."""


class StoreError(FactcheckError):
    """The review database could not be opened or written."""
