"""The Markdown report: escaping, structure as CommonMark and GFM parsers see it, and the
guarantee that article and editor text never changes that structure."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from factcheck.export.data import STATUS_LABELS, EvidenceData, FlagData, QuoteData
from factcheck.export.markdown import render_report
from factcheck.export.mdtext import inline, link, one_line, paragraphs, safe_url, slugify
from test_export_support import (
    count,
    headings,
    inline_text,
    make_report,
    parsers,
    walk,
    with_claim,
)

PARSERS = parsers()

HOSTILE = [
    "# x",
    "## not a heading ##",
    "| a | b |",
    "| --- | --- |",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x]: http://evil.example",
    "![img](http://evil.example/x.png)",
    "**bold**",
    "__bold__ *em* _em_ ~~strike~~",
    "`code` ```fence",
    "~~~",
    "> quoted",
    "- item",
    "+ item",
    "* item",
    "1. item",
    "2024) item",
    "---",
    "===",
    "***",
    "    indented code",
    "&lt;b&gt; &amp; &#65; &copy;",
    "<http://evil.example>",
    "http://evil.example/x www.evil.example mail@evil.example evil.example",
    "mailto:someone@evil.example",
    "trailing backslash \\",
    "$x^2$ and $$y$$",
    "[^1]: footnote",
    "a\\*b\\",
]

STRUCTURE = (
    "heading_open",
    "table_open",
    "html_block",
    "html_inline",
    "link_open",
    "image",
    "code_inline",
    "code_block",
    "fence",
    "blockquote_open",
    "bullet_list_open",
    "ordered_list_open",
    "hr",
    "em_open",
    "strong_open",
    "s_open",
)


def structure(text: str) -> dict[str, dict[str, int]]:
    """Counts of every structural token type, per parser."""
    out = {}
    for name, md in PARSERS.items():
        seen = Counter(t.type for t in walk(md.parse(text)))
        out[name] = {t: seen[t] for t in STRUCTURE}
    return out


def literal_texts(text: str) -> list[str]:
    """The literal text of every inline token (paragraphs, headings, cells...), per parser."""
    out = []
    for md in PARSERS.values():
        out.extend(inline_text(t) for t in md.parse(text) if t.type == "inline")
    return out


# ---------------------------------------------------------------------- escaping


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_inline_escape_is_literal_text(text, parser):
    tokens = PARSERS[parser].parse(inline(text))
    types = {t.type for t in walk(tokens)}
    assert types <= {"paragraph_open", "paragraph_close", "inline", "text", "softbreak"}, types
    paragraph = [t for t in tokens if t.type == "inline"]
    assert [inline_text(t) for t in paragraph] == [one_line(text)]


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_hostile_lines_in_a_table_cell_stay_in_the_cell(parser):
    rows = "\n".join(f"| {i} | {inline(text)} |" for i, text in enumerate(HOSTILE))
    table = f"| n | text |\n| --- | --- |\n{rows}\n"
    tokens = PARSERS[parser].parse(table)
    if parser == "commonmark":
        return  # no tables in CommonMark: the cells are one paragraph of literal text
    cells = [inline_text(t) for t in tokens if t.type == "inline"]
    assert cells[2:] == [c for i, text in enumerate(HOSTILE) for c in (str(i), one_line(text))]
    assert count(tokens, "table_open") == 1
    assert count(tokens, "tr_open") == len(HOSTILE) + 1


def test_paragraphs_keep_breaks_and_escape_every_line():
    lines = paragraphs("first\n# second \\\n\n\n- third\n   1. fourth")
    assert lines == ["first\\", "\\# second \\\\", "", "\\- third\\", "1\\. fourth"]
    text = "\n".join(lines) + "\n"
    for md in PARSERS.values():
        tokens = md.parse(text)
        assert count(tokens, "paragraph_open") == 2
        assert count(tokens, "hardbreak") == 2
        assert [inline_text(t) for t in tokens if t.type == "inline"] == [
            "first # second \\",
            "- third 1. fourth",
        ]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://Example.org/a b(c)", "http://Example.org/a%20b%28c%29"),
        ("https://example.org/report (final).pdf", "https://example.org/report%20%28final%29.pdf"),
        ("https://example.org/q?x=1%20y&z=<2>", "https://example.org/q?x=1%20y&z=%3C2%3E"),
        ("https://bücher.example/straße", "https://xn--bcher-kva.example/stra%C3%9Fe"),
        ("  https://example.org/\n  x  ", "https://example.org/%20%20x"),
        ("mailto:desk@example.org", "mailto:desk@example.org"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>", None),
        ("vbscript:msgbox", None),
        ("file:///etc/passwd", None),
        ("//example.org/x", None),
        ("http:///nohost", None),
        ("examples/harbour-ferry.txt", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url(url, expected):
    assert safe_url(url) == expected


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_links_only_for_safe_urls(parser):
    md = PARSERS[parser]
    good = md.parse(link("Report [draft]", "https://example.org/a b (1).pdf"))
    hrefs = [t.attrGet("href") for t in walk(good) if t.type == "link_open"]
    assert hrefs == ["https://example.org/a%20b%20(1).pdf".replace("(", "%28").replace(")", "%29")]
    assert inline_text(next(t for t in good if t.type == "inline")) == "Report [draft]"
    for bad in ("javascript:alert(1)", "data:text/html,x", "examples/x.txt"):
        tokens = md.parse(link("click", bad))
        assert count(tokens, "link_open") == 0
        assert inline_text(next(t for t in tokens if t.type == "inline")) == "click"
        tokens = md.parse(link(None, bad))
        assert inline_text(next(t for t in tokens if t.type == "inline")) == bad


def test_slugify():
    title = "Ferry fares to rise 12% as city blames fuel costs"
    assert slugify(title) == "ferry-fares-to-rise-12-as-city-blames-fuel-costs"
    assert slugify("Café déjà vu: «Ünïcode» — now!") == "cafe-deja-vu-unicode-now"
    assert slugify("김정은 위원장 발언") == "김정은-위원장-발언"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("   ") == "" and slugify(None) == ""
    long = slugify("word " * 50)
    assert len(long) <= 80 and not long.endswith("-") and long.endswith("word")


# ---------------------------------------------------------------------- report structure


def test_report_headings_in_order():
    text = render_report(make_report())
    for name, md in PARSERS.items():
        assert headings(md.parse(text)) == [
            ("h1", "Fact check: Ferry fares to rise 12%"),
            ("h2", "Summary"),
            ("h3", "Open flags"),
            ("h2", "Reviewed claims"),
            ("h3", "Claim 1"),
            ("h3", "Claim 2"),
            ("h2", "Not yet reviewed"),
        ], name


def test_report_contents():
    text = render_report(make_report())
    assert (
        "- **Source:** [https\\://news\\.example/ferry-fares](https://news.example/ferry-fares)"
        in (text)
    )
    assert "- **Reviewers:** ana (2024-03-15), ben (2024-03-15)" in text
    assert "3 claims: 2 reviewed, 1 not yet reviewed; 1 open flag." in text
    assert "| Misleading | 1 |" in text and "| Unproven | 1 |" in text
    assert "| No verdict yet | 1 |" in text
    assert "**Verdict: Misleading** · reviewed by ana on 2024-03-15" in text
    assert "- “will go straight into the fleet”: Tom Okafor, Deputy Mayor" in text
    assert '- **title-date-mismatch:** The article calls Tom Okafor "Deputy Mayor".' in text
    assert "- [Budget](https://example.org/a): “p\\. 4”" not in text  # "p. 4": no domain-dot
    assert "- [Budget](https://example.org/a): “p. 4”" in text
    assert "*1 flag on this claim still open (see Summary).*" in text
    unreviewed = text.split("## Not yet reviewed", 1)[1]
    assert "**1 claim without a verdict.**" in unreviewed
    assert "- **Claim 3** (Unreviewed, event): Commuter groups were unimpressed." in unreviewed
    assert "Commuter groups" not in text.split("## Not yet reviewed", 1)[0]


def test_report_is_deterministic_and_has_no_clock_unless_given():
    data = make_report()
    assert render_report(data) == render_report(data)
    assert "generated" not in render_report(data)
    when = dt.datetime(2024, 3, 20, 10, 30, tzinfo=dt.UTC)
    assert "- **Report generated:** 2024-03-20 10:30 UTC" in render_report(data, generated_at=when)


def test_report_without_reviews_or_metadata():
    data = make_report(title=None, outlet=None, byline=None, published=None, source=None)
    data = with_claim(data, 1, verdict=None, verdict_label=None, status="unreviewed")
    data = with_claim(data, 2, verdict=None, verdict_label=None, status="in_progress")
    data = replace(data, reviewers=(), review_started=None, review_last=None)
    text = render_report(data)
    assert text.startswith("# Fact check: untitled article\n")
    assert "- **Published:** unknown" in text and "- **Reviewers:** none yet" in text
    assert "No claim has a verdict yet." in text
    assert "(In progress, causal, 1 open flag)" in text
    # The confirmed wrong-title finding stands although its claim has no verdict yet.
    assert "  - **Confirmed flag, title-date-mismatch:**" in text
    for md in PARSERS.values():
        tokens = md.parse(text)
        assert count(tokens, "bullet_list_open") == 3  # metadata, unreviewed, nested flag


def test_not_checkable_claims_are_reviewed_without_a_verdict():
    data = with_claim(make_report(), 3, status="not_checkable")
    text = render_report(data)
    assert "### Claim 3" in text and "**Not checkable** (no verdict)" in text
    assert "## Not yet reviewed" not in text
    assert "| Not checkable \\(no verdict\\) | 1 |" in text


def test_status_labels_match_the_store():
    from factcheck.store import CLAIM_STATUSES
    from factcheck.store import STATUS_LABELS as STORE_LABELS

    assert STATUS_LABELS == STORE_LABELS
    from factcheck.export.data import STATUS_ORDER

    assert STATUS_ORDER == CLAIM_STATUSES


# ---------------------------------------------------------------------- hostile text


def hostile_report(text: str):
    """The hand-made review with ``text`` in every field that comes from an article, an
    editor or a page: title, outlet, byline, source, reviewer names, claim text, rationale,
    quotes and speakers, flag kinds, messages and notes, evidence titles, URLs, excerpts and
    notes."""
    # URLs get the text in their path: an unsafe URL is shown as text, not linked, and
    # test_safe_url covers which are which.
    data = make_report(title=text, outlet=text, byline=text, source=f"https://news.example/{text}")
    data = replace(
        data, reviewers=tuple(replace(r, name=f"{r.name} {text}") for r in data.reviewers)
    )
    flag = FlagData(9, 1, text, text, "confirmed", text, text, None, "analysis", person=None)
    evidence = (
        EvidenceData(
            7, "link", f"https://example.org/{text}", text, text, text, None, text, data.imported_at
        ),
        EvidenceData(8, "note", None, text, None, text, "high", None, data.imported_at),
    )
    data = with_claim(
        data,
        1,
        text=text,
        rationale=f"{text}\n{text}\n\n{text}",
        reviewer=text,
        quotes=(QuoteData(text, text, text, None, 0),),
        flags=(*make_report().claims[0].flags, flag),
        evidence=make_report().claims[0].evidence + evidence,
    )
    data = with_claim(data, 2, text=text, speaker=text, speaker_title=text, rationale=text)
    data = with_claim(data, 3, text=text)
    return replace(
        data,
        claims=tuple(
            replace(c, flags=tuple(replace(f, message=text) for f in c.flags)) for c in data.claims
        ),
    )


BASELINE = structure(render_report(hostile_report("plain words")))


@pytest.mark.parametrize("text", HOSTILE + ["\n".join(HOSTILE)])
def test_hostile_text_never_changes_the_structure(text):
    rendered = render_report(hostile_report(text))
    assert structure(rendered) == BASELINE
    # ...and it is shown, character for character (whitespace folded), where it was put.
    shown = literal_texts(rendered)
    flat = one_line(text)
    assert flat in shown, "the claim text is not shown as itself"
    assert sum(flat in s for s in shown) >= 10 * len(PARSERS)


def test_specific_hostile_strings_show_as_literal_text():
    data = with_claim(
        make_report(),
        1,
        rationale="# x\n| a | b |\n<script>alert(1)</script>\n[x](javascript:alert(1))\n**bold**",
    )
    text = render_report(data)
    for name, md in PARSERS.items():
        tokens = md.parse(text)
        heads = [h for _, h in headings(tokens)]
        assert "x" not in heads, name
        assert count(tokens, "html_inline", "html_block") == 0
        hrefs = [t.attrGet("href") for t in walk(tokens) if t.type == "link_open"]
        assert all(h.startswith("https://") for h in hrefs) and len(hrefs) == 2  # source, evidence
        assert count(tokens, "table_open") == (3 if name == "gfm-like" else 0)  # the report's
        assert count(tokens, "strong_open") == count(
            md.parse(render_report(make_report())), "strong_open"
        )
        rationale = next(
            inline_text(t) for t in tokens if t.type == "inline" and "<script>" in inline_text(t)
        )
        assert rationale == (
            "# x | a | b | <script>alert(1)</script> [x](javascript:alert(1)) **bold**"
        )


# ---------------------------------------------------------------------- properties

REPORT_STRUCTURE = structure(render_report(make_report()))
_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200
) | st.lists(
    st.sampled_from(
        [
            "#",
            "|",
            "<",
            ">",
            "*",
            "_",
            "`",
            "[",
            "]",
            "(",
            ")",
            "!",
            "-",
            "+",
            "1.",
            "\n",
            " ",
            "\\",
            "&",
            ";",
            "~",
            "=",
            ":",
            "//",
            ".",
            "com",
            "www",
            "http",
            "javascript",
            "a",
            "x@y",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rationale=_text)
def test_any_rationale_adds_no_heading_or_html(rationale):
    data = with_claim(make_report(), 1, rationale=rationale)
    rendered = render_report(data)
    got = structure(rendered)
    for name in PARSERS:
        assert got[name]["heading_open"] == REPORT_STRUCTURE[name]["heading_open"]
        assert got[name]["html_block"] == got[name]["html_inline"] == 0
        assert got[name] == REPORT_STRUCTURE[name], name


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_text)
def test_any_text_anywhere_keeps_the_structure_and_reads_back(text):
    flat = one_line(text)
    assume(flat)  # empty fields are left out, which changes the structure on purpose
    rendered = render_report(hostile_report(text))
    assert structure(rendered) == BASELINE
    assert flat in literal_texts(rendered)


def test_revision_and_article_flags():
    flag = make_report().claims[0].flags[0]
    article_flags = (
        replace(flag, id=5, claim_number=None, kind="no-byline", message="No byline | none."),
        replace(flag, id=6, claim_number=None, kind="stale", message="Old story.", state="open"),
    )
    text = render_report(make_report(revision=2, previous_id=1, article_flags=article_flags))
    assert "- **Revision:** 2 (previous: review 1)" in text
    findings = text.split("### Findings about the article", 1)[1].split("## Reviewed claims")[0]
    assert "- **no-byline:** No byline \\| none. Editor's note: Checked." in findings
    assert "| article | stale | Old story. |" in text
    assert "3 claims: 2 reviewed, 1 not yet reviewed; 2 open flags." in text
    for md in PARSERS.values():
        heads = [h for _, h in headings(md.parse(text))]
        assert heads.index("Open flags") < heads.index("Findings about the article")
