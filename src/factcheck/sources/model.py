"""The result types of ingestion and the limits it enforces: plain dataclasses, no I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from factcheck import __version__

#: The largest article (file, stdin or HTTP body) factcheck reads, in bytes. A news article is
#: rarely over 1 MB even as HTML; the cap keeps a wrong path (a video, a disk image) or a
#: hostile server from filling memory.
MAX_BYTES = 10 * 1024 * 1024

#: Sent with every request so that site operators can see who is fetching their pages.
USER_AGENT = f"factcheck/{__version__} (newsroom fact-checking assistant)"

#: Connect and read timeout, in seconds, for the client factcheck builds itself.
TIMEOUT_SECONDS = 10.0

#: Redirects followed before giving up.
MAX_REDIRECTS = 5


def describe_size(n: int) -> str:
    """A byte count as an editor reads it: ``10 MB``, ``512 KB``, ``300 bytes``."""
    mb = 1024 * 1024
    if n >= mb:
        return f"{n / mb:.0f} MB" if n % mb == 0 else f"{n / mb:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


@dataclass
class SourceDocument:
    """One article as read from a file, stdin or a URL, before any analysis.

    ``text`` is the decoded plain text. For HTML it is the extracted article body, paragraphs
    (and sub-headings) separated by a blank line; the headline is not repeated in ``text``
    when it was found as ``title``. ``removed`` lists, in page order and without duplicates,
    the visible lines of an HTML page that extraction left out (navigation, comment forms,
    share bars...), so that an editor can check nothing of substance was lost.
    """

    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: dt.date | None = None
    removed: list[str] = field(default_factory=list)
    content_type: str = "text/plain"


@dataclass
class FetchedPage:
    """A successful HTTP fetch: the final URL after redirects and the decoded body."""

    url: str
    status: int
    content_type: str
    text: str
    encoding: str | None = None


@dataclass
class PageSummary:
    """What the evidence dialog shows for a link: its title and a short excerpt."""

    url: str
    title: str | None
    excerpt: str
