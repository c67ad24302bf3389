"""Ingestion: files, stdin, URLs (over httpx.MockTransport, never the network), HTML extraction.

Every failure must be a SourceError whose message is one line: the CLI prints it as is.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from factcheck.errors import SourceError
from factcheck.sources import (
    MAX_BYTES,
    SourceDocument,
    extract_html,
    fetch_page_summary,
    fetch_url,
    load_source,
)
from factcheck.sources.model import USER_AGENT

FIXTURES = Path(__file__).parent / "fixtures" / "html"
ARTICLE_HTML = (FIXTURES / "news_article.html").read_text(encoding="utf-8")
ARTICLE_URL = "https://courier.example/news/2024/03/12/elm-street-bridge-repair"
HEADLINE = "Council approves £12m bridge repair after years of delay"
TEXT = "The minister said unemployment fell by 3% last year.\n\nCritics disagreed.\n"


def one_line_error(excinfo: pytest.ExceptionInfo[SourceError]) -> str:
    message = str(excinfo.value)
    assert message, "empty error message"
    assert "\n" not in message and "\r" not in message, message
    return message


def mock_client(handler, **kwargs) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler), **kwargs)


def serve(body: bytes | str, content_type: str = "text/html; charset=utf-8", status: int = 200):
    data = body.encode("utf-8") if isinstance(body, str) else body

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers={"Content-Type": content_type}, content=data)

    return mock_client(handler)


# -- the package shape -------------------------------------------------------------------


def test_import_is_cheap():
    code = (
        "import sys, factcheck.sources;"
        "print([m for m in ('trafilatura', 'lxml', 'httpx', 'charset_normalizer', 'textual')"
        " if m in sys.modules])"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == "[]"


def test_max_bytes_is_ten_megabytes():
    assert MAX_BYTES == 10 * 1024 * 1024


# -- files -------------------------------------------------------------------------------


def test_text_file(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    doc = load_source(str(path))
    assert doc == SourceDocument(source=str(path), text=TEXT, content_type="text/plain")


def test_markdown_file_is_text_even_with_tags(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("<html> is mentioned here\n\nbut this is Markdown.", encoding="utf-8")
    doc = load_source(str(path))
    assert doc.content_type == "text/plain"
    assert doc.text.startswith("<html> is mentioned")


def test_latin1_file(tmp_path):
    text = (
        "Le préfet a annoncé que la circulation serait rétablie à 18 h. "
        "Les élus ont salué une décision « très attendue ». "
    ) * 4
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode("latin-1"))
    assert load_source(str(path)).text == text


def test_bom_file(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert load_source(str(path)).text == TEXT


def test_html_file(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    doc = load_source(str(path))
    assert doc.source == str(path)
    assert doc.content_type == "text/html"
    assert doc.title == HEADLINE
    assert "Elm Street bridge" in doc.text
    assert "<p>" not in doc.text


def test_html_file_with_meta_charset(tmp_path):
    html = (
        '<html><head><meta charset="windows-1252"><title>Prix</title></head><body>'
        "<article><p>Le ministre a déclaré : “Les prix ont baissé de 5 % en un an.”</p>"
        "<p>L’opposition conteste ce chiffre et cite l’Insee, qui mesure +2 %.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "page.htm"
    path.write_bytes(html.encode("cp1252"))
    doc = load_source(str(path))
    assert "“Les prix ont baissé de 5 % en un an.”" in doc.text


def test_unknown_extension_is_sniffed(tmp_path):
    html_path = tmp_path / "saved_page"
    html_path.write_text(ARTICLE_HTML, encoding="utf-8")
    assert load_source(str(html_path)).content_type == "text/html"
    text_path = tmp_path / "article.log"
    text_path.write_text(TEXT, encoding="utf-8")
    doc = load_source(str(text_path))
    assert (doc.content_type, doc.text) == ("text/plain", TEXT)


def test_missing_file(tmp_path):
    with pytest.raises(SourceError) as info:
        load_source(str(tmp_path / "nope.txt"))
    message = one_line_error(info)
    assert "file not found" in message and "nope.txt" in message


def test_missing_file_under_a_file(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(SourceError) as info:
        load_source(str(tmp_path / "a.txt" / "b.txt"))
    assert "file not found" in one_line_error(info)


def test_directory(tmp_path):
    with pytest.raises(SourceError) as info:
        load_source(str(tmp_path))
    assert "is a directory" in one_line_error(info)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX, not root")
def test_permission_denied(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(TEXT)
    path.chmod(0)
    try:
        with pytest.raises(SourceError) as info:
            load_source(str(path))
    finally:
        path.chmod(0o644)
    assert "permission denied" in one_line_error(info)


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf  \n"])
def test_empty_or_whitespace_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError) as info:
        load_source(str(path))
    message = one_line_error(info)
    assert "empty" in message or "only whitespace" in message


def test_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(SourceError) as info:
        load_source(str(path))
    assert "not a text file" in one_line_error(info)


def test_file_over_the_cap_is_refused_without_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no disk space used

    def no_open(*args, **kwargs):
        raise AssertionError("the file was opened; the size must be checked with stat first")

    monkeypatch.setattr("builtins.open", no_open)
    start = time.perf_counter()
    with pytest.raises(SourceError) as info:
        load_source(str(path))
    assert time.perf_counter() - start < 0.5
    message = one_line_error(info)
    assert "too large" in message and "50 MB" in message and "10 MB" in message


def test_file_at_the_cap_is_read(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(b"a" * 100)
    assert load_source(str(path), max_bytes=100).text == "a" * 100
    path.write_bytes(b"a" * 101)
    with pytest.raises(SourceError):
        load_source(str(path), max_bytes=100)


def test_html_file_without_text(tmp_path):
    path = tmp_path / "app.html"
    path.write_text(
        "<html><head><title></title><script>render()</script></head>"
        "<body><div id='root'></div></body></html>"
    )
    with pytest.raises(SourceError) as info:
        load_source(str(path))
    assert "no readable text" in one_line_error(info)


# -- stdin -------------------------------------------------------------------------------


def test_stdin():
    doc = load_source("-", stdin=io.BytesIO(TEXT.encode("utf-8")))
    assert (doc.source, doc.text, doc.content_type) == ("-", TEXT, "text/plain")


def test_stdin_html_is_sniffed():
    doc = load_source("-", stdin=io.BytesIO(ARTICLE_HTML.encode("utf-8")))
    assert doc.content_type == "text/html"
    assert doc.title == HEADLINE


def test_stdin_empty():
    with pytest.raises(SourceError) as info:
        load_source("-", stdin=io.BytesIO(b""))
    assert "standard input is empty" in one_line_error(info)


def test_stdin_over_the_cap():
    with pytest.raises(SourceError) as info:
        load_source("-", stdin=io.BytesIO(b"x" * 2000), max_bytes=1000)
    assert "too large" in one_line_error(info)


def test_stdin_terminal_is_refused():
    class Terminal(io.BytesIO):
        def isatty(self) -> bool:
            return True

    with pytest.raises(SourceError) as info:
        load_source("-", stdin=Terminal(b""))
    assert "nothing is piped" in one_line_error(info)


def test_stdin_defaults_to_sys_stdin(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(TEXT.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    assert load_source("-").text == TEXT


# -- URLs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, expected",
    [
        ("http://", "no host"),
        ("https:///path/only", "no host"),
        ("ftp://x", "only http"),
        ("htp:/foo", "only http"),
        ("file:///etc/passwd", "only http"),
        ("http:/example.com/a", "no host"),
        ("HTTPS://", "no host"),
    ],
)
def test_invalid_urls(url, expected):
    def handler(request):  # pragma: no cover - must not be reached
        raise AssertionError("no request may be sent for an invalid URL")

    with pytest.raises(SourceError) as info:
        load_source(url, client=mock_client(handler))
    message = one_line_error(info)
    assert "invalid URL" in message and expected in message


def test_url_with_bad_host_characters():
    with pytest.raises(SourceError) as info:
        fetch_url("http://exa mple.com/", client=serve("x"))
    assert "invalid URL" in one_line_error(info)


def test_url_html_article():
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["agent"] = request.headers["User-Agent"]
        return httpx.Response(200, headers={"Content-Type": "text/html"}, text=ARTICLE_HTML)

    doc = load_source(ARTICLE_URL, client=mock_client(handler))
    assert doc.source == ARTICLE_URL
    assert doc.content_type == "text/html"
    assert doc.title == HEADLINE
    assert doc.outlet == "The Riverside Courier"
    assert doc.byline == "Priya Natarajan"
    assert doc.published == dt.date(2024, 3, 12)
    assert seen["agent"] == USER_AGENT
    assert "factcheck" in USER_AGENT


def test_caller_user_agent_is_kept():
    seen = {}

    def handler(request):
        seen["agent"] = request.headers["User-Agent"]
        return httpx.Response(200, headers={"Content-Type": "text/plain"}, text=TEXT)

    fetch_url("https://a.example/", client=mock_client(handler, headers={"User-Agent": "mine"}))
    assert seen["agent"] == "mine"


def test_url_plain_text():
    doc = load_source("https://a.example/a.txt", client=serve(TEXT, "text/plain"))
    assert (doc.text, doc.content_type) == (TEXT, "text/plain")


def test_url_xhtml_is_html():
    page = fetch_url("https://a.example/", client=serve(ARTICLE_HTML, "application/xhtml+xml"))
    assert page.content_type == "application/xhtml+xml"


def test_url_without_content_type_is_sniffed():
    def handler(request):
        return httpx.Response(200, content=ARTICLE_HTML.encode("utf-8"))

    page = fetch_url("https://a.example/", client=mock_client(handler))
    assert page.content_type == "text/html"


def test_fetched_page_fields():
    page = fetch_url("https://a.example/x", client=serve(TEXT, "text/plain; charset=UTF-8"))
    assert page.url == "https://a.example/x"
    assert page.status == 200
    assert page.content_type == "text/plain"
    assert page.text == TEXT
    assert page.encoding == "UTF-8"


def test_url_charset_from_header():
    text = "“Quoted” – costs €5 in l’été " * 3
    client = serve(text.encode("cp1252"), "text/plain; charset=windows-1252")
    page = fetch_url("https://a.example/", client=client)
    assert page.text == text


def test_url_charset_from_meta():
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "</head><body><p>Déjà vu: “40 %”</p></body></html>"
    )
    page = fetch_url("https://a.example/", client=serve(html.encode("cp1252"), "text/html"))
    assert "Déjà vu: “40 %”" in page.text


@pytest.mark.parametrize(
    "content_type",
    ["application/pdf", "image/png", "application/json", "video/mp4; codecs=avc1"],
)
def test_refused_content_types(content_type):
    with pytest.raises(SourceError) as info:
        load_source("https://a.example/file", client=serve(b"%PDF-1.7", content_type))
    message = one_line_error(info)
    assert content_type.split(";")[0] in message and "only HTML and plain text" in message


@pytest.mark.parametrize(
    "status, reason",
    [(404, "Not Found"), (403, "Forbidden"), (500, "Internal Server Error"), (503, None)],
)
def test_http_error_status(status, reason):
    with pytest.raises(SourceError) as info:
        load_source("https://a.example/gone", client=serve("oops", status=status))
    message = one_line_error(info)
    assert f"HTTP {status}" in message
    if reason:
        assert reason in message


def test_empty_response():
    with pytest.raises(SourceError) as info:
        load_source("https://a.example/", client=serve("  \n", "text/plain"))
    assert "empty" in one_line_error(info)


def test_response_over_the_cap_is_streamed_and_cut():
    sent = {"chunks": 0}

    def endless():
        while True:
            sent["chunks"] += 1
            yield b"<p>" + b"a" * 1021 + b"</p>"

    def handler(request):
        # No Content-Length: only counting while streaming can stop this.
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=endless())

    with pytest.raises(SourceError) as info:
        fetch_url("https://a.example/", client=mock_client(handler), max_bytes=64 * 1024)
    assert "larger than 64 KB" in one_line_error(info)
    assert sent["chunks"] <= 66


def test_response_with_large_content_length_is_refused_before_reading():
    def handler(request):
        def body():
            raise AssertionError("the body must not be read")
            yield b""  # pragma: no cover

        headers = {"Content-Type": "text/html", "Content-Length": str(50 * 1024 * 1024)}
        return httpx.Response(200, headers=headers, content=body())

    with pytest.raises(SourceError) as info:
        fetch_url("https://a.example/", client=mock_client(handler))
    assert "larger than 10 MB" in one_line_error(info)


@pytest.mark.parametrize(
    "exception, expected",
    [
        (httpx.ConnectTimeout, "timed out"),
        (httpx.ReadTimeout, "timed out"),
        (
            httpx.ConnectError,
            "could not reach host news.example: check the address or your connection",
        ),
        (httpx.RemoteProtocolError, "could not fetch"),
        (httpx.ReadError, "could not fetch"),
    ],
)
def test_network_failures(exception, expected):
    def handler(request):
        raise exception("boom\nwith a second line", request=request)

    with pytest.raises(SourceError) as info:
        load_source("https://news.example/story", client=mock_client(handler))
    assert expected in one_line_error(info)


def redirecting(hops: int, final_body: str = TEXT):
    """A server where /0 redirects to /1 ... up to /hops, which answers."""

    def handler(request: httpx.Request) -> httpx.Response:
        n = int(request.url.path.strip("/") or 0)
        if n < hops:
            return httpx.Response(302, headers={"Location": f"/{n + 1}"})
        return httpx.Response(200, headers={"Content-Type": "text/plain"}, text=final_body)

    return mock_client(handler)


def test_redirects_are_followed():
    page = fetch_url("https://a.example/0", client=redirecting(5))
    assert page.url == "https://a.example/5"
    assert page.text == TEXT


def test_too_many_redirects():
    with pytest.raises(SourceError) as info:
        fetch_url("https://a.example/0", client=redirecting(6))
    assert "too many redirects" in one_line_error(info)


def test_redirect_loop():
    def handler(request):
        return httpx.Response(301, headers={"Location": str(request.url)})

    with pytest.raises(SourceError) as info:
        fetch_url("https://a.example/", client=mock_client(handler))
    assert "too many redirects" in one_line_error(info)


def test_redirect_to_another_scheme():
    def handler(request):
        return httpx.Response(302, headers={"Location": "ftp://files.example/article.txt"})

    with pytest.raises(SourceError) as info:
        fetch_url("https://a.example/", client=mock_client(handler))
    assert "not an http(s) address" in one_line_error(info)


def test_injected_client_is_not_closed():
    client = serve(TEXT, "text/plain")
    fetch_url("https://a.example/", client=client)
    assert not client.is_closed


# -- HTML extraction ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def article() -> SourceDocument:
    return extract_html(ARTICLE_HTML, url=ARTICLE_URL)


def test_metadata(article):
    assert article.title == HEADLINE
    assert article.outlet == "The Riverside Courier"
    assert article.byline == "Priya Natarajan"
    assert article.published == dt.date(2024, 3, 12)
    assert article.content_type == "text/html"


def test_text_has_paragraphs_separated_by_blank_lines(article):
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("The city council voted 31 to 9")
    assert paragraphs[-1].startswith("The Department for Transport confirmed")
    assert len(paragraphs) == 7
    assert all(p.strip() == p and p for p in paragraphs)


def test_subheading_is_its_own_paragraph(article):
    assert "Works to start in the summer" in article.text.split("\n\n")


def test_quotes_are_kept_verbatim(article):
    assert (
        "“This bridge carries 14,000 vehicles a day and it has been patched up for far too "
        "long,” said Councillor Maria Okafor" in article.text
    )
    assert "“at least 40 per cent over the original estimate”" in article.text


def test_headline_is_not_repeated_in_text(article):
    assert HEADLINE not in article.text


def test_boilerplate_is_not_in_text(article):
    for boilerplate in (
        "Read Next",
        "Leave a Reply",
        "Share on Facebook",
        "All rights reserved",
        "Subscribe",
        "window.dataLayer",
    ):
        assert boilerplate not in article.text


def test_removed_lists_the_boilerplate(article):
    removed = article.removed
    for line in (
        "News",
        "Politics",
        "Read Next",
        "Ring road congestion hits five-year high",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "© 2024 The Riverside Courier. All rights reserved.",
        "Privacy policy",
    ):
        assert line in removed
    assert any("Share on Facebook" in line for line in removed)
    # In page order: navigation before the comment form before the footer.
    assert removed.index("News") < removed.index("Leave a Reply") < removed.index("Privacy policy")


def test_removed_leaves_out_the_article_and_invisible_text(article):
    removed = "\n".join(article.removed)
    assert "Elm Street bridge" not in removed
    assert "Works to start in the summer" not in removed
    assert HEADLINE not in article.removed
    assert "window.dataLayer" not in removed  # scripts are not visible text
    assert "Post Comment" not in removed  # a button's value attribute is not text
    assert len(article.removed) == len(set(article.removed))


def test_removed_is_deduplicated():
    html = (
        "<html><body><nav><a>Home</a></nav><article>"
        + "".join(
            f"<p>Paragraph {i} of the article says something checkable about {i}.</p>"
            for i in range(8)
        )
        + "</article><footer><a>Home</a></footer></body></html>"
    )
    assert extract_html(html).removed.count("Home") == 1


def test_hidden_elements_are_not_removed_lines():
    html = (
        "<html><body><div hidden>Secret A</div><div style='display: none'>Secret B</div>"
        "<article>"
        + "".join(
            f"<p>Paragraph {i} of the article says something checkable about {i}.</p>"
            for i in range(8)
        )
        + "</article></body></html>"
    )
    removed = extract_html(html).removed
    assert "Secret A" not in removed and "Secret B" not in removed


def test_fallback_when_trafilatura_finds_nothing(monkeypatch):
    import trafilatura

    def broken(*args, **kwargs):
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    doc = extract_html(ARTICLE_HTML)
    # Every visible line becomes text; the <title> is used and nothing is "removed".
    assert "The city council voted 31 to 9" in doc.text
    assert doc.title == HEADLINE
    assert doc.removed == []


def test_short_page_falls_back_to_visible_text():
    doc = extract_html("<html><body><p>Only one short line.</p></body></html>")
    assert doc.text == "Only one short line."


def test_line_breaks_inside_a_paragraph():
    html = (
        "<html><body><article><p>Line one of the address<br>Line two of the address</p>"
        + "".join(
            f"<p>Paragraph {i} of the article says something checkable about {i}.</p>"
            for i in range(6)
        )
        + "</article></body></html>"
    )
    assert "Line one of the address\nLine two of the address" in extract_html(html).text


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "<html><body> </body></html>"])
def test_page_without_text(html):
    with pytest.raises(SourceError) as info:
        extract_html(html)
    assert "no readable text" in one_line_error(info)


def test_deeply_nested_page_does_not_crash():
    # Deeper than libxml2's default limit of 256 levels, and than trafilatura copes with.
    html = "<html><body>" + "<div>" * 1500 + "<p>Deep text here.</p>" + "</div>" * 1500
    doc = extract_html(html + "</body></html>")
    assert "Deep text here." in doc.text


def test_absurdly_nested_page_is_a_source_error_not_a_crash():
    html = "<html><body>" + "<div>" * 20000 + "<p>Deep text.</p>" + "</div>" * 20000
    try:
        extract_html(html + "</body></html>")
    except SourceError as err:
        assert "\n" not in str(err)


# -- page summaries for the evidence dialog ----------------------------------------------


def test_page_summary():
    summary = fetch_page_summary(ARTICLE_URL, client=serve(ARTICLE_HTML))
    assert summary.url == ARTICLE_URL
    assert summary.title == HEADLINE  # og:title, without the " | outlet" suffix
    assert summary.excerpt.startswith("The city council voted 31 to 9")
    assert len(summary.excerpt) <= 301
    assert summary.excerpt.endswith("…")
    assert "\n" not in summary.excerpt


def test_page_summary_uses_title_tag_and_description():
    html = (
        "<html><head><title>Budget figures 2024</title>"
        '<meta name="description" content="Official budget tables."></head>'
        "<body><script>app()</script></body></html>"
    )
    summary = fetch_page_summary("https://gov.example/budget", client=serve(html))
    assert summary.title == "Budget figures 2024"
    assert summary.excerpt == "Official budget tables."


def test_page_summary_plain_text():
    summary = fetch_page_summary("https://a.example/t.txt", client=serve(TEXT, "text/plain"))
    assert summary.title is None
    assert summary.excerpt == (
        "The minister said unemployment fell by 3% last year. Critics disagreed."
    )


def test_page_summary_errors_are_source_errors():
    with pytest.raises(SourceError) as info:
        fetch_page_summary("https://a.example/", client=serve("x", status=404))
    assert "HTTP 404" in one_line_error(info)


def test_permission_denied_on_open(tmp_path, monkeypatch):
    # The chmod test above is skipped when the suite runs as root; simulate the refusal.
    path = tmp_path / "secret.txt"
    path.write_text(TEXT)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    with pytest.raises(SourceError) as info:
        load_source(str(path))
    assert "permission denied reading" in one_line_error(info)


def test_permission_denied_on_stat(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "stat", refuse)
    with pytest.raises(SourceError) as info:
        load_source(str(tmp_path / "locked" / "a.txt"))
    assert "permission denied reading" in one_line_error(info)


def test_removed_reports_what_is_left_of_a_merged_block():
    from factcheck.sources.extract import _removed

    kept = "The city council voted 31 to 9 on Tuesday evening."
    page = ["Menu", f"Updated 5pm: {kept} Corrected a figure."]
    assert _removed(page, [kept], title=None, byline=None) == [
        "Menu",
        "Updated 5pm: Corrected a figure.",
    ]


def test_long_page_is_extracted_in_reasonable_time():
    body = "".join(
        f"<p>Paragraph {i} says the rate rose by {i}% in the year to March, officials said.</p>"
        f"<div class='related'><a href='/{i}'>Related story {i}</a></div>"
        for i in range(3000)
    )
    start = time.perf_counter()
    doc = extract_html(f"<html><body><article>{body}</article></body></html>")
    assert time.perf_counter() - start < 10
    assert "Paragraph 2999 says" in doc.text
