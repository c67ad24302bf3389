"""Ingestion: reading an article from a file, standard input or a URL into plain text.

``load_source`` is the entry point; the pieces it uses (``decode_bytes``, ``fetch_url``,
``extract_html``) are public for the evidence dialog and for tests. Everything here is plain
Python: no Textual. Importing this package is cheap: httpx, trafilatura, lxml and
charset-normalizer are imported only when a function needs them. Every failure is a
``factcheck.errors.SourceError`` whose message is one line for the editor.
"""

from __future__ import annotations

from factcheck.sources.decode import decode_bytes
from factcheck.sources.extract import extract_html
from factcheck.sources.fetch import fetch_page_summary, fetch_url
from factcheck.sources.load import load_source
from factcheck.sources.model import (
    MAX_BYTES,
    FetchedPage,
    PageSummary,
    SourceDocument,
)

__all__ = [
    "MAX_BYTES",
    "FetchedPage",
    "PageSummary",
    "SourceDocument",
    "decode_bytes",
    "extract_html",
    "fetch_page_summary",
    "fetch_url",
    "load_source",
]
