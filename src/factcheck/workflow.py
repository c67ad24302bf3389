"""Glue between loading and analysing: one call from a source string to an ``Analysis``.

Shared by the CLI commands and the TUI's import dialog so that both treat ``--date`` and the
article's own metadata the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

    from factcheck.analysis.model import Analysis
    from factcheck.sources.model import SourceDocument


def analyze_document(doc: SourceDocument, *, published: dt.date | None = None) -> Analysis:
    """Analyse a loaded document; ``published`` (from ``--date``) overrides the page's date."""
    from factcheck.analysis import analyze_text

    return analyze_text(
        doc.text,
        title=doc.title,
        outlet=doc.outlet,
        byline=doc.byline,
        published=published or doc.published,
        source=doc.source,
        removed=list(doc.removed),
    )


def analyze_source(
    source: str, *, published: dt.date | None = None, client: httpx.Client | None = None
) -> Analysis:
    """Load ``source`` (path, ``-`` or URL) and analyse it. Raises ``SourceError``."""
    from factcheck.sources import load_source

    return analyze_document(load_source(source, client=client), published=published)


def date_option(value: str) -> dt.date:
    """argparse ``type=`` for ``--date YYYY-MM-DD`` with a one-line error."""
    import argparse

    from factcheck.analysis.dates import parse_iso_date

    try:
        return parse_iso_date(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
