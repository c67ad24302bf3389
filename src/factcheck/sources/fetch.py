"""Fetching articles and evidence pages over HTTP(S) with httpx.

Every failure becomes a one-line ``SourceError`` that says what went wrong and what to do.
The body is streamed and the download stops at ``max_bytes``, so a huge or endless response
cannot fill memory. Redirects are followed here, by hand, rather than by httpx, so that the
limit of ``MAX_REDIRECTS`` holds for a client passed in by the caller too (the TUI shares one
client; tests pass one built on ``httpx.MockTransport``).

httpx is imported inside the functions so that ``import factcheck.sources`` stays cheap.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from factcheck.errors import SourceError
from factcheck.sources.decode import decode_bytes, meta_charset
from factcheck.sources.model import (
    MAX_BYTES,
    MAX_REDIRECTS,
    TIMEOUT_SECONDS,
    USER_AGENT,
    FetchedPage,
    PageSummary,
    describe_size,
)

if TYPE_CHECKING:
    import httpx

#: Content types read as articles; anything else (PDF, images, JSON...) is refused.
ACCEPTED_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
HTML_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml"})

_EXCERPT_CHARS = 300

_BAD_HOST_CHARS = frozenset('<>"{}|\\^`%')

# What to tell the editor for the common HTTP errors.
_STATUS_HINTS = {
    401: "the page needs a login: save it from your browser and open the file",
    403: "the site refuses automated access: save the page from your browser and open the file",
    404: "check the address",
    410: "the page has been removed: try a web archive copy",
    429: "the site is rate-limiting requests: wait a minute and try again",
    451: "the page is not available here: try a web archive copy",
}


def validate_url(url: str) -> str:
    """Check that ``url`` is an absolute http(s) URL with a host; return it stripped.

    Raises:
        SourceError: the scheme is not http or https, or there is no host.
    """
    candidate = url.strip()
    try:
        parts = urlsplit(candidate)
        host = parts.hostname
    except ValueError:  # e.g. an unbalanced "[" in the host
        raise SourceError(f"invalid URL {_short(candidate)!r}: check the address") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise SourceError(
            f"invalid URL {_short(candidate)!r}: only http:// and https:// addresses can be "
            "fetched; for a file, give its path"
        )
    if host and any(ch.isspace() or ch in _BAD_HOST_CHARS for ch in host):
        # httpx would percent-encode these and the lookup would fail as "could not reach".
        raise SourceError(
            f"invalid URL {_short(candidate)!r}: the host name contains spaces or symbols; "
            "check the address"
        )
    if not host or not candidate.lower().startswith(f"{parts.scheme.lower()}://"):
        raise SourceError(
            f"invalid URL {_short(candidate)!r}: it has no host name; "
            "give a full address such as https://example.com/article"
        )
    return candidate


def build_client() -> httpx.Client:
    """The client factcheck uses when none is passed in: explicit timeouts, a named agent."""
    import httpx

    return httpx.Client(
        timeout=httpx.Timeout(TIMEOUT_SECONDS, connect=TIMEOUT_SECONDS),
        follow_redirects=False,  # followed in fetch_url, capped at MAX_REDIRECTS
        headers={"User-Agent": USER_AGENT},
    )


def fetch_url(
    url: str, *, client: httpx.Client | None = None, max_bytes: int = MAX_BYTES
) -> FetchedPage:
    """Fetch a page and decode its body.

    Args:
        url: an http(s) URL.
        client: an httpx client to use (it is not closed); by default one from
            ``build_client()``, closed afterwards.
        max_bytes: the largest body accepted.

    Returns:
        The final URL (after redirects), status, content type (without parameters), decoded
        text and the encoding the server declared, if any.

    Raises:
        SourceError: invalid URL, network failure, timeout, too many redirects, an HTTP error
            status, a content type other than HTML or plain text, or a body over the cap.
    """
    import httpx

    url = validate_url(url)
    own_client = client is None
    if client is None:
        client = build_client()
    try:
        return _fetch(client, url, max_bytes)
    except httpx.TimeoutException:
        raise SourceError(
            f"timed out fetching {_short(url)}: the site is slow or not responding; "
            "try again, or save the page and open the file"
        ) from None
    except (httpx.ConnectError, httpx.ProxyError):
        raise SourceError(
            f"could not reach host {_host(url)}: check the address or your connection"
        ) from None
    except httpx.InvalidURL as err:
        # Not an HTTPError: raised while building the request (spaces in the host...).
        raise SourceError(
            f"invalid URL {_short(url)!r}: {_one_line(str(err))}; check the address"
        ) from None
    except httpx.UnsupportedProtocol as err:
        raise SourceError(
            f"could not fetch {_short(url)}: {_one_line(str(err))}; "
            "only http:// and https:// addresses can be fetched"
        ) from None
    except httpx.HTTPError as err:
        # RemoteProtocolError, ReadError, DecodingError...: the connection broke mid-way.
        raise SourceError(
            f"could not fetch {_short(url)}: {type(err).__name__}: {_one_line(str(err))}; "
            "try again later"
        ) from None
    finally:
        if own_client:
            client.close()


def _fetch(client: httpx.Client, url: str, max_bytes: int) -> FetchedPage:
    headers = {}
    if client.headers.get("User-Agent", "").startswith("python-httpx"):
        # A caller's client without its own agent still identifies factcheck.
        headers["User-Agent"] = USER_AGENT
    request = client.build_request("GET", url, headers=headers)
    for _ in range(MAX_REDIRECTS + 1):
        response = client.send(request, stream=True, follow_redirects=False)
        try:
            if response.is_redirect and response.next_request is not None:
                request = response.next_request
                if request.url.scheme not in ("http", "https"):
                    raise SourceError(
                        f"{_short(url)} redirects to {_short(str(request.url))}, "
                        "which is not an http(s) address: open that address yourself"
                    )
                continue
            return _read(response, max_bytes)
        finally:
            response.close()
    raise SourceError(
        f"too many redirects fetching {_short(url)} (more than {MAX_REDIRECTS}): "
        "the address may loop; open it in a browser and use the final address"
    )


def _read(response: httpx.Response, max_bytes: int) -> FetchedPage:
    final_url = str(response.url)
    status = response.status_code
    if status >= 400:
        reason = response.reason_phrase or "error"
        hint = _STATUS_HINTS.get(status) or (
            "the site has a problem: try again later" if status >= 500 else "check the address"
        )
        raise SourceError(f"HTTP {status} {reason} from {_short(final_url)}: {hint}")

    content_type, charset = _parse_content_type(response.headers.get("Content-Type"))
    # No Content-Type at all happens on small servers; the body is then judged on its bytes.
    if content_type and content_type not in ACCEPTED_CONTENT_TYPES:
        raise SourceError(
            f"{_short(final_url)} is {content_type}, not a web page or text: "
            "only HTML and plain text can be read; save the article text to a .txt file"
        )

    declared_length = response.headers.get("Content-Length", "")
    if declared_length.isdigit() and int(declared_length) > max_bytes:
        raise _too_big(final_url, max_bytes)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            # Stop reading: the server may be sending an endless or lying stream.
            raise _too_big(final_url, max_bytes)
        chunks.append(chunk)
    data = b"".join(chunks)

    if not content_type:
        from factcheck.sources.decode import looks_like_html

        head = data[:4096].decode("latin-1")
        content_type = "text/html" if looks_like_html(head) else "text/plain"
    declared = charset
    if declared is None and content_type in HTML_CONTENT_TYPES:
        declared = meta_charset(data)
    text = decode_bytes(data, declared, name=_short(final_url))
    return FetchedPage(
        url=final_url, status=status, content_type=content_type, text=text, encoding=charset
    )


def fetch_page_summary(url: str, *, client: httpx.Client | None = None) -> PageSummary:
    """Fetch a page and summarise it for the evidence dialog.

    The title is the page's ``og:title`` or ``<title>``; the excerpt is the first ~300
    characters of the article text, or the meta description when no text was found.

    Raises:
        SourceError: as ``fetch_url``.
    """
    page = fetch_url(url, client=client)
    if page.content_type not in HTML_CONTENT_TYPES:
        return PageSummary(url=page.url, title=None, excerpt=_excerpt(page.text))

    from factcheck.sources.extract import extract_html, html_description, html_title

    title = html_title(page.text)
    try:
        document = extract_html(page.text, url=page.url)
    except SourceError:
        text = ""
    else:
        text = document.text
        title = title or document.title
    excerpt = _excerpt(text) or html_description(page.text) or ""
    return PageSummary(url=page.url, title=title, excerpt=excerpt)


def _excerpt(text: str, limit: int = _EXCERPT_CHARS) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    # End on a word boundary unless that would throw most of the excerpt away.
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def _parse_content_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    mime, _, params = header.partition(";")
    charset = None
    match = re.search(r"""charset\s*=\s*["']?([^"';\s]+)""", params, re.IGNORECASE)
    if match:
        charset = match.group(1)
    return mime.strip().lower(), charset


def _too_big(url: str, max_bytes: int) -> SourceError:
    return SourceError(
        f"{_short(url)} is larger than {describe_size(max_bytes)}, the most factcheck reads: "
        "save the article text to a file and open that"
    )


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _short(text: str, limit: int = 120) -> str:
    # URLs with tracking parameters get long; the message must stay one readable line.
    text = _one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
