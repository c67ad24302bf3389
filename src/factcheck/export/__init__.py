"""Exports of a review: the Markdown verdict report, ClaimReview JSON-LD, JSON and CSV.

Plain Python over the Store's public API; nothing here imports Textual, so a script, a test or
the TUI's preview can call it::

    from factcheck.export import load_report_data, render_report

    with Store.open("claims.db") as store:
        text = render_report(load_report_data(store, review_id))

Modules: ``data`` (the :class:`ReportData` every format renders from), ``markdown``,
``claimreview``, ``tabular`` (JSON and CSV), ``formats`` (one call per format, default file
names, safe writing) and ``mdtext`` (Markdown escaping). Importing this package is cheap: a
name below is imported when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.lazy import lazy_exports

_EXPORTS = {
    "ReportData": "factcheck.export.data",
    "ClaimData": "factcheck.export.data",
    "load_report_data": "factcheck.export.data",
    "render_report": "factcheck.export.markdown",
    "to_claimreview": "factcheck.export.claimreview",
    "review_to_json": "factcheck.export.tabular",
    "to_csv": "factcheck.export.tabular",
    "FORMATS": "factcheck.export.formats",
    "ExportResult": "factcheck.export.formats",
    "default_filename": "factcheck.export.formats",
    "export_review": "factcheck.export.formats",
    "write_export": "factcheck.export.formats",
    "ExportError": "factcheck.export.errors",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from factcheck.export.claimreview import to_claimreview  # noqa: F401
    from factcheck.export.data import ClaimData, ReportData, load_report_data  # noqa: F401
    from factcheck.export.errors import ExportError  # noqa: F401
    from factcheck.export.formats import (  # noqa: F401
        FORMATS,
        ExportResult,
        default_filename,
        export_review,
        write_export,
    )
    from factcheck.export.markdown import render_report  # noqa: F401
    from factcheck.export.tabular import review_to_json, to_csv  # noqa: F401


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())
