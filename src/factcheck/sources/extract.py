"""Extracting an article from an HTML page: body text, metadata and what was left out.

trafilatura finds the main text and the metadata (title, site name, author, date). Its body
tree is turned into paragraphs here rather than with its own text output, because that joins
paragraphs with single newlines and the analysis needs blank lines between them. The page's
own visible text is then compared with the result so that ``removed`` lists every line the
extraction dropped: an editor must be able to see that a correction notice or an update line
was not thrown away with the navigation.

trafilatura and lxml are imported inside the functions: they take a noticeable time to import
and most commands never read HTML.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from factcheck.errors import SourceError
from factcheck.sources.model import SourceDocument

# Markers the tree walkers emit between pieces of text.
_BLOCK = object()  # paragraph boundary
_LINE = object()  # line break inside a paragraph (<br>, <lb/>)
_CELL = object()  # boundary between table cells on one line

# HTML elements that start a new line in a browser. Table cells are handled as cells.
# fmt: off
_HTML_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend",
    "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
    "tfoot", "thead", "tr", "ul",
})
# HTML elements whose content is not visible text.
_HTML_SKIP = frozenset({
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
    "embed", "canvas", "select", "option", "textarea", "input", "button", "audio", "video",
    "map", "datalist", "meta", "link", "title",
})
# fmt: on
# Elements of trafilatura's XML body format.
_XML_BLOCKS = frozenset(["p", "head", "quote", "list", "item", "table", "row", "code", "div"])
_XML_SKIP = frozenset(["graphic", "ref-image"])

# Lines shorter than this that occur inside a kept paragraph but not as one of its lines are
# still reported as removed: "Comment" or "News" occur inside many sentences by chance.
_MIN_SUBSTRING_MATCH = 20


def extract_html(html: str, url: str | None = None) -> SourceDocument:
    """Extract the article from an HTML page.

    Args:
        html: the page's markup, already decoded.
        url: where the page came from, if known; it helps trafilatura with metadata.

    Returns:
        A SourceDocument (``content_type`` ``text/html``, ``source`` the URL or ``""``).

    Raises:
        SourceError: the page has no visible text at all.
    """
    _quiet_library_loggers()
    page_lines = _page_lines(html)
    document = _trafilatura(html, url)
    meta = _metadata(document)
    paragraphs = _body_paragraphs(document) if document is not None else []

    if not paragraphs:
        # trafilatura found no main text (a very short page, or markup it cannot read): the
        # visible lines of the page are better than nothing, and nothing is then "removed".
        paragraphs = list(page_lines)
        if meta["title"] is None:
            meta["title"] = _html_title(html)
        if not paragraphs:
            where = url or "the HTML page"
            raise SourceError(
                f"{where} has no readable text: it may need JavaScript or a login; "
                "copy the article text into a .txt file and open that"
            )
    title = meta["title"]
    if title and paragraphs and _same(paragraphs[0], title):
        # The headline is in ``title``; repeating it would make it the first "claim".
        paragraphs = paragraphs[1:]

    return SourceDocument(
        source=url or "",
        text="\n\n".join(paragraphs),
        title=title,
        outlet=meta["outlet"],
        byline=meta["byline"],
        published=meta["published"],
        removed=_removed(page_lines, paragraphs, title=title, byline=meta["byline"]),
        content_type="text/html",
    )


def html_title(html: str) -> str | None:
    """The page title a browser tab would show: ``og:title``, else ``<title>``."""
    return _html_title(html)


def html_description(html: str) -> str | None:
    """The page's meta description (``og:description`` or ``description``), if any."""
    tree = _parse(html)
    if tree is None:
        return None
    for xpath in (
        '//meta[@property="og:description"]/@content',
        '//meta[@name="description"]/@content',
    ):
        for value in tree.xpath(xpath):
            value = _ws(str(value))
            if value:
                return value
    return None


# -- trafilatura -------------------------------------------------------------------------


def _quiet_library_loggers() -> None:
    # trafilatura logs "discarding data" warnings for short pages; with no handler configured,
    # Python would print them on stderr, in the middle of the TUI or the CLI output.
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())


def _trafilatura(html: str, url: str | None) -> Any:
    try:
        import trafilatura

        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            # Reader comments are not the article: they end up in ``removed``.
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
        )
    except Exception:  # noqa: BLE001 - any extractor failure falls back to plain lxml text
        return None


def _metadata(document: Any) -> dict[str, Any]:
    def field(name: str) -> str | None:
        value = getattr(document, name, None) if document is not None else None
        return (_ws(value) or None) if isinstance(value, str) else None

    return {
        "title": field("title"),
        "outlet": field("sitename"),
        "byline": field("author"),
        "published": _parse_date(field("date")),
    }


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _body_paragraphs(document: Any) -> list[str]:
    body = getattr(document, "body", None)
    if body is None:
        return []
    return _assemble(_walk(body, blocks=_XML_BLOCKS, skip=_XML_SKIP, cells={"cell"}, lxml=False))


# -- the page's own visible text ---------------------------------------------------------


def _parse(html: str) -> Any:
    import lxml.html
    from lxml import etree

    if not html.strip():
        return None
    # huge_tree lifts libxml2's nesting limit from 256 to 2048 levels: some CMS templates nest
    # that deep, and the text below the limit would otherwise vanish without a word. The
    # input is already capped at MAX_BYTES, which is what the other limits protect against.
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        return lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        # ValueError: a str with an XML encoding declaration; parse its bytes instead.
        try:
            return lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
        except (etree.ParserError, ValueError):
            return None


def _page_lines(html: str) -> list[str]:
    """Every visible line of text on the page, in order."""
    tree = _parse(html)
    if tree is None:
        return []
    paragraphs = _assemble(
        _walk(tree, blocks=_HTML_BLOCKS, skip=_HTML_SKIP, cells={"td", "th"}, lxml=True)
    )
    return [line for paragraph in paragraphs for line in paragraph.split("\n")]


def _html_title(html: str) -> str | None:
    tree = _parse(html)
    if tree is None:
        return None
    for xpath in ('//meta[@property="og:title"]/@content', "//title//text()"):
        value = _ws(" ".join(str(v) for v in tree.xpath(xpath)))
        if value:
            return value
    return None


def _hidden(element: Any) -> bool:
    if element.get("hidden") is not None:
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


# -- shared tree walking -----------------------------------------------------------------


def _walk(
    root: Any, *, blocks: frozenset[str], skip: frozenset[str], cells: set[str], lxml: bool
) -> Iterator[object]:
    """Yield the text of a tree with block, line and cell markers, in document order.

    Iterative rather than recursive: a pathological page nested thousands of levels deep
    must not hit Python's recursion limit.
    """
    # Each stack entry is either an element to open or a marker/string to emit on the way out.
    stack: list[Any] = [root]
    while stack:
        item = stack.pop()
        if item is _BLOCK or item is _LINE or item is _CELL or isinstance(item, str):
            yield item
            continue
        element = item
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        tail = element.tail
        if tag is None or tag in skip or (lxml and _hidden(element)):
            # Comments, processing instructions and invisible elements: only their tail
            # (the text after them) is part of the parent.
            if tail and element is not root:
                yield tail
            continue
        if tag in ("br", "lb"):
            yield _LINE
            if tail and element is not root:
                yield tail
            continue
        is_block = tag in blocks
        is_cell = tag in cells
        if is_block:
            yield _BLOCK
        if is_cell:
            yield _CELL
        if element.text:
            yield element.text
        # Push in reverse: what is pushed last is popped first.
        closing: list[Any] = []
        if is_block:
            closing.append(_BLOCK)
        if tail and element is not root:
            closing.append(tail)
        stack.extend(reversed(closing))
        stack.extend(reversed(list(element)))


def _assemble(pieces: Iterable[object]) -> list[str]:
    """Join walker output into paragraphs of whitespace-normalised lines."""
    paragraphs: list[str] = []
    lines: list[str] = []
    cells: list[str] = []
    current: list[str] = []

    def end_cell() -> None:
        text = _ws("".join(current))
        if text:
            cells.append(text)
        current.clear()

    def end_line() -> None:
        end_cell()
        if cells:
            lines.append(" | ".join(cells))
        cells.clear()

    def end_paragraph() -> None:
        end_line()
        if lines:
            paragraphs.append("\n".join(lines))
        lines.clear()

    for piece in pieces:
        if piece is _BLOCK:
            end_paragraph()
        elif piece is _LINE:
            end_line()
        elif piece is _CELL:
            end_cell()
        else:
            current.append(piece)  # type: ignore[arg-type]
    end_paragraph()
    return paragraphs


# -- what extraction dropped -------------------------------------------------------------


def _removed(
    page_lines: list[str], paragraphs: list[str], *, title: str | None, byline: str | None
) -> list[str]:
    kept_lines = {line for paragraph in paragraphs for line in paragraph.split("\n")}
    kept_lines.discard("")
    # One string to search: a line (which has no newline) occurs in it only inside a kept line.
    kept_blob = "\n".join(kept_lines)
    # Kept lines by their first characters, to find those inside a page line in one pass
    # over it rather than by trying every kept line (quadratic on a long page).
    by_prefix: dict[str, list[str]] = {}
    for kept in kept_lines:
        if len(kept) >= _MIN_SUBSTRING_MATCH:
            by_prefix.setdefault(kept[:_MIN_SUBSTRING_MATCH], []).append(kept)
    metadata_lines = set()
    if title:
        metadata_lines.add(title.casefold())
    if byline:
        metadata_lines.add(byline.casefold())
        metadata_lines.add(f"by {byline}".casefold())

    removed: list[str] = []
    seen: set[str] = set()
    for line in page_lines:
        if line in kept_lines or line.casefold() in metadata_lines:
            continue
        if len(line) >= _MIN_SUBSTRING_MATCH and line in kept_blob:
            continue
        # A page block that merged kept paragraphs with something else: report the rest.
        rest = _ws(_subtract(line, by_prefix))
        if not any(ch.isalnum() for ch in rest):
            continue
        if rest not in seen:
            seen.add(rest)
            removed.append(rest)
    return removed


def _subtract(line: str, by_prefix: dict[str, list[str]]) -> str:
    """``line`` with every kept line that occurs in it replaced by a space."""
    if not by_prefix or len(line) < _MIN_SUBSTRING_MATCH:
        return line
    pieces: list[str] = []
    start = i = 0
    while i <= len(line) - _MIN_SUBSTRING_MATCH:
        candidates = by_prefix.get(line[i : i + _MIN_SUBSTRING_MATCH])
        match = next((k for k in candidates or () if line.startswith(k, i)), None)
        if match is None:
            i += 1
            continue
        pieces.append(line[start:i])
        i = start = i + len(match)
    pieces.append(line[start:])
    return " ".join(pieces)


def _same(a: str, b: str) -> bool:
    return _ws(a).casefold() == _ws(b).casefold()


def _ws(text: str | None) -> str:
    # str.split() with no argument splits on all Unicode whitespace, non-breaking space too.
    return " ".join(text.split()) if text else ""
