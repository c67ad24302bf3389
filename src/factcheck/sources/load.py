"""``load_source``: one entry point for an article given as a path, ``-`` (stdin) or a URL."""

from __future__ import annotations

import os
import re
import stat
import sys
from typing import TYPE_CHECKING, BinaryIO

from factcheck.errors import SourceError
from factcheck.sources.decode import decode_bytes, looks_like_html, meta_charset
from factcheck.sources.model import MAX_BYTES, SourceDocument, describe_size

if TYPE_CHECKING:
    import httpx

HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml"})
TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown"})

# "scheme:/..." or "http:..." is an attempt at a URL, even a mistyped one ("htp:/foo"), and
# deserves a URL error rather than "file not found". Two letters at least: "C:/x" is a path.
_URL_LIKE = re.compile(r"^(?:[a-z][a-z0-9+.\-]+:/|https?:)", re.IGNORECASE)

_STDIN_NAME = "standard input"


def load_source(
    source: str,
    *,
    client: httpx.Client | None = None,
    stdin: BinaryIO | None = None,
    max_bytes: int = MAX_BYTES,
) -> SourceDocument:
    """Read an article from a file, standard input or the web.

    Args:
        source: a path (``.txt``/``.md`` are text, ``.html``/``.htm`` are HTML, anything else
            is sniffed), ``-`` for standard input, or an ``http(s)://`` URL.
        client: the httpx client for URLs (see ``fetch_url``).
        stdin: a binary stream to read for ``-``; by default ``sys.stdin.buffer``.
        max_bytes: the largest input accepted.

    Returns:
        The decoded document; HTML goes through ``extract_html``.

    Raises:
        SourceError: with one line saying what went wrong and what to do.
    """
    if source == "-":
        data = _read_stdin(stdin, max_bytes)
        return _document(source, data, name=_STDIN_NAME, kind=None)
    if _URL_LIKE.match(source) and not os.path.exists(source):
        return _load_url(source, client=client, max_bytes=max_bytes)
    data = _read_file(source, max_bytes)
    extension = os.path.splitext(source)[1].lower()
    kind = None  # anything else is sniffed
    if extension in HTML_EXTENSIONS:
        kind = "html"
    elif extension in TEXT_EXTENSIONS:
        kind = "text"
    return _document(source, data, name=source, kind=kind)


def _read_file(source: str, max_bytes: int) -> bytes:
    path = os.path.expanduser(source)
    try:
        # stat before open: a 50 MB file is refused without reading a byte of it.
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        hint = (
            " (for a web page, give the full address with https://)"
            if source.startswith("www.")
            else ""
        )
        raise SourceError(f"file not found: {source}: check the path{hint}") from None
    except PermissionError:
        raise _permission_denied(source) from None
    except (OSError, ValueError) as err:  # ValueError: a NUL character in the path
        raise SourceError(f"cannot read {source}: {_reason(err)}: check the path") from None
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(f"{source} is a directory: give the path of an article file inside it")
    if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        raise _too_big(source, max_bytes, info.st_size)
    try:
        with open(path, "rb") as handle:
            # One byte over the cap tells "at the cap" from "over it" for pipes and devices,
            # whose stat size is 0, and for a file that grew since the stat.
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise _permission_denied(source) from None
    except OSError as err:
        raise SourceError(f"cannot read {source}: {_reason(err)}") from None
    if len(data) > max_bytes:
        raise _too_big(source, max_bytes)
    return data


def _read_stdin(stdin: BinaryIO | None, max_bytes: int) -> bytes:
    if stdin is None:
        if sys.stdin is None:
            raise SourceError("there is no standard input to read: give a file path or a URL")
        stdin = sys.stdin.buffer
    isatty = getattr(stdin, "isatty", None)
    if isatty is not None and isatty():
        # Reading would wait silently for the editor to type an article and press Ctrl-D.
        raise SourceError(
            "nothing is piped into standard input: use e.g. "
            "'pbpaste | factcheck analyze -', or give a file path or URL"
        )
    try:
        data = stdin.read(max_bytes + 1)
    except OSError as err:
        raise SourceError(f"cannot read standard input: {_reason(err)}") from None
    if len(data) > max_bytes:
        raise _too_big(_STDIN_NAME, max_bytes)
    return data


def _load_url(source: str, *, client: httpx.Client | None, max_bytes: int) -> SourceDocument:
    from factcheck.sources.extract import extract_html
    from factcheck.sources.fetch import HTML_CONTENT_TYPES, fetch_url

    page = fetch_url(source, client=client, max_bytes=max_bytes)
    if not page.text.strip():
        raise SourceError(f"{source} returned an empty page: check the address")
    if page.content_type in HTML_CONTENT_TYPES:
        document = extract_html(page.text, url=page.url)
        document.source = source
        return document
    return SourceDocument(source=source, text=page.text, content_type="text/plain")


def _document(source: str, data: bytes, *, name: str, kind: str | None) -> SourceDocument:
    if kind == "html" or (kind is None and looks_like_html(data[:4096].decode("latin-1"))):
        text = decode_bytes(data, meta_charset(data), name=name)
        _require_text(text, name)
        from factcheck.sources.extract import extract_html

        document = extract_html(text)
        document.source = source
        return document
    text = decode_bytes(data, name=name)
    _require_text(text, name)
    return SourceDocument(source=source, text=text, content_type="text/plain")


def _require_text(text: str, name: str) -> None:
    if not text.strip():
        what = "is empty" if not text else "contains only whitespace"
        raise SourceError(f"{name} {what}: there is no article to check")


def _too_big(name: str, max_bytes: int, size: int | None = None) -> SourceError:
    actual = f" ({describe_size(size)})" if size is not None else ""
    return SourceError(
        f"{name} is too large{actual}: factcheck reads at most {describe_size(max_bytes)}; "
        "is this really an article? Split it or save only the article text"
    )


def _permission_denied(source: str) -> SourceError:
    return SourceError(
        f"permission denied reading {source}: check the file's permissions or copy it "
        "somewhere you can read"
    )


def _reason(err: BaseException) -> str:
    reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
    return " ".join(str(reason).split())
