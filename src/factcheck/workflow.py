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


def check_officials(store, review_id: int) -> int:
    """Run the officials checks on a stored review against the database's registry, and its
    quotes against those of the other stored articles (same words, another speaker).

    The flags are stored with origin ``officials`` (one already there keeps its state, so a
    dismissal survives importing again; open ones the registry no longer supports are removed).
    Returns how many officials flags the review has from this run (0 with an empty registry).
    """
    from factcheck.officials.checks import run_checks
    from factcheck.officials.tables import load_registry

    with store.translating_errors():
        registry = load_registry(store.engine)
    others = store.quotes_elsewhere(review_id)
    if not len(registry) and not others:
        return 0
    # Checked on the stored review, whose claim numbers are the ones add_flags expects.
    flags = run_checks(store.to_analysis(review_id), registry, other_quotes=others)
    return len(store.add_flags(review_id, flags, origin="officials", replace=True))


def date_option(value: str) -> dt.date:
    """argparse ``type=`` for ``--date YYYY-MM-DD`` with a one-line error."""
    import argparse

    from factcheck.analysis.dates import parse_iso_date

    try:
        return parse_iso_date(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
