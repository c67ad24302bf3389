"""The exporters' one error type."""

from __future__ import annotations

from factcheck.errors import FactcheckError


class ExportError(FactcheckError):
    """A review cannot be exported as asked (shown as one line; exit status 2)."""
