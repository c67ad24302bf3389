"""Pilot tests of the library (URL import behind a loading indicator, search, sort), the
command palette, the mouse, and what the review screen does when someone else changed a
claim meanwhile."""

from __future__ import annotations

import httpx
import pytest

from factcheck.store import Store
from factcheck.tui import make_app
from factcheck.workflow import analyze_source
from tui_helpers import EXAMPLE, settle, type_text, wait_for_screen

SIZE = (120, 40)
ARTICLE_URL = "https://news.example.org/2024/ferry-fares.html"
ARTICLE_HTML = """<!doctype html><html><head><title>Ferry fares to rise 12% | Harbour Ledger
</title><meta property="og:site_name" content="The Harbour Ledger"></head><body><article>
<h1>Ferry fares to rise 12%</h1><p>Harbour City will raise ferry fares by 12% from April 1,
the city's transport department announced on Wednesday.</p><p>Mayor Dana Whitfield said the
rise was "unavoidable" after fuel costs climbed by $3.5 million last year.</p></article>
</body></html>"""


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("FACTCHECK_USER", "tester")
    monkeypatch.setenv("FACTCHECK_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.chdir(tmp_path)


def _client(status: int = 200) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        if str(request.url) == ARTICLE_URL and status == 200:
            return httpx.Response(200, text=ARTICLE_HTML,
                                  headers={"content-type": "text/html; charset=utf-8"})
        return httpx.Response(status, text="gone")

    return httpx.Client(transport=httpx.MockTransport(handler))


async def test_import_from_url_with_date(tmp_path):
    db = str(tmp_path / "claims.db")
    app = make_app(db, http_client=_client())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "LibraryScreen")
        await pilot.press("a")
        await type_text(pilot, ARTICLE_URL)
        await pilot.press("tab")
        await type_text(pilot, "2024-03-14")
        await pilot.press("enter")
        screen = await wait_for_screen(pilot, "ReviewScreen")
        assert screen.claims and screen.review.source == ARTICLE_URL
        await pilot.press("escape")
        library = await wait_for_screen(pilot, "LibraryScreen")
        assert [r.source for r in library.reviews] == [ARTICLE_URL]
        await pilot.press("q")
    with Store.open(db) as store:
        (review,) = store.list_reviews()
        assert review.published.isoformat() == "2024-03-14"


async def test_failed_url_import_shows_the_error_and_stores_nothing(tmp_path):
    db = str(tmp_path / "claims.db")
    app = make_app(db, http_client=_client(status=404))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "LibraryScreen")
        await pilot.press("a")
        await type_text(pilot, ARTICLE_URL)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert type(dialog).__name__ == "ImportDialog"
        assert "Not imported" in str(dialog.query_one("#import-error").render())
        assert not dialog.query_one("#import-loading").display
        # A bad date is refused before anything is fetched.
        await pilot.press("tab")
        await type_text(pilot, "14/03/2024")
        await pilot.press("enter")
        assert "Not a date" in str(dialog.query_one("#import-error").render())
        await pilot.press("escape")
        await pilot.press("q")
    with Store.open(db) as store:
        assert store.list_reviews() == []


async def test_library_search_sort_and_open(tmp_path):
    db = str(tmp_path / "claims.db")
    with Store.open(db) as store:
        store.import_analysis(analyze_source(str(EXAMPLE)))
        other = analyze_source(str(EXAMPLE))
        other.article.text += "\n\nA late correction was added."
        other.article.title = "A second article"
        other.article.source = "other.txt"
        store.import_analysis(other)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        library = await wait_for_screen(pilot, "LibraryScreen")
        assert len(library.shown) == 2
        await pilot.press("s")  # by title
        await settle(pilot)
        assert library.sort == "title"
        assert library.shown[0].title == "A second article"
        await pilot.press("slash")
        await type_text(pilot, "ferry")
        await pilot.press("enter")
        await settle(pilot)
        assert [r.title for r in library.shown] == [
            "Ferry fares to rise 12% as city blames fuel costs"]
        await pilot.press("o")
        screen = await wait_for_screen(pilot, "ReviewScreen")
        assert screen.review.title.startswith("Ferry fares")
        await pilot.press("q")


async def test_command_palette_runs_a_review_action(tmp_path):
    db = str(tmp_path / "claims.db")
    with Store.open(db) as store:
        review_id = store.import_analysis(analyze_source(str(EXAMPLE))).review_id
    app = make_app(db, review_id=review_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "ReviewScreen")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "Verdict: False")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.current.verdict == "false"
        await pilot.press("q")
    with Store.open(db) as store:
        assert store.load_claims(review_id)[0].verdict == "false"


async def test_mouse_click_selects_a_claim(tmp_path):
    db = str(tmp_path / "claims.db")
    with Store.open(db) as store:
        review_id = store.import_analysis(analyze_source(str(EXAMPLE))).review_id
    app = make_app(db, review_id=review_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "ReviewScreen")
        # Row 0 is the header; the border adds one more line above it.
        await pilot.click("#claims", offset=(5, 5))
        await settle(pilot)
        assert screen.current.number == 4
        await pilot.press("q")


async def test_a_change_made_elsewhere_is_not_overwritten(tmp_path):
    db = str(tmp_path / "claims.db")
    with Store.open(db) as store:
        review_id = store.import_analysis(analyze_source(str(EXAMPLE))).review_id
    app = make_app(db, review_id=review_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "ReviewScreen")
        with Store.open(db) as other:
            first = other.load_claims(review_id)[0]
            other.set_verdict(first.id, "true", "Checked by Ana.", who="ana")
        await pilot.press("5")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("was changed by ana" in m for m in messages)
        # The screen reloaded the stored truth: Ana's verdict.
        assert screen.current.verdict == "true" and screen.current.reviewer == "ana"
        await pilot.press("q")


async def test_edit_and_remove_evidence(tmp_path):
    db = str(tmp_path / "claims.db")
    with Store.open(db) as store:
        review_id = store.import_analysis(analyze_source(str(EXAMPLE))).review_id
        first = store.load_claims(review_id)[0]
        store.add_evidence(first.id, note="first note", who="tester")
    app = make_app(db, review_id=review_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "ReviewScreen")
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("shift+tab", "down")  # the list: highlight the existing note
        await settle(pilot)
        dialog = app.screen
        assert dialog.query_one("#ev-note").value == "first note"
        dialog.query_one("#ev-note").focus()
        await pilot.press("end")
        await type_text(pilot, " (revised)")
        await pilot.press("enter")
        await settle(pilot)
        with Store.open(db) as store:
            (ev,) = store.list_evidence(review_id)
            assert ev.note == "first note (revised)"
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("shift+tab", "down", "ctrl+d")
        await settle(pilot)
        await pilot.press("q")
    with Store.open(db) as store:
        assert store.list_evidence(review_id) == []


async def test_database_that_cannot_be_opened_ends_with_a_message(tmp_path):
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    app = make_app(str(folder))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    assert app.return_code == 2


async def test_unknown_keymap_ids_are_reported(tmp_path):
    from factcheck.tui.settings import Settings

    app = make_app(str(tmp_path / "claims.db"),
                   settings=Settings(keymap={"review.nope": "z", "review.undo": "U"}))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "LibraryScreen")
        messages = [n.message for n in app._notifications]
        assert any("review.nope" in m for m in messages)
        assert not any("review.undo" in m for m in messages)
        await pilot.press("q")


async def test_article_level_flags_are_shown_and_can_be_dismissed(tmp_path):
    from factcheck.analysis.model import Flag

    db = str(tmp_path / "claims.db")
    with Store.open(db) as store:
        review_id = store.import_analysis(analyze_source(str(EXAMPLE))).review_id
        store.add_flags(review_id, [Flag(kind="byline-missing", message="No byline.")],
                        origin="test")
    app = make_app(db, review_id=review_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "ReviewScreen")
        assert "1 article flag" in str(screen.query_one("#review-meta").render())
        await pilot.press("A")
        await settle(pilot)
        await type_text(pilot, "byline is in the print edition")
        await pilot.press("enter")
        await settle(pilot)
        assert "article flag" not in str(screen.query_one("#review-meta").render())
        await pilot.press("q")
    with Store.open(db) as store:
        article_flags = [f for f in store.list_flags(review_id) if f.claim_id is None]
        assert article_flags[0].state == "dismissed"


async def test_officials_checks_follow_the_articles_date(tmp_path):
    from factcheck.officials.io import merge, parse_file
    from factcheck.officials.tables import SqlRegistry
    from tui_helpers import ROOT

    db = str(tmp_path / "claims.db")
    with Store.open(db) as store, store.translating_errors(), \
            SqlRegistry.open(store.write_engine) as registry:
        merge(registry, parse_file(ROOT / "examples" / "officials.csv"))
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "LibraryScreen")
        await pilot.press("a")
        await type_text(pilot, str(EXAMPLE))
        await pilot.press("enter")
        screen = await wait_for_screen(pilot, "ReviewScreen")
        # Deputy Mayor until 2023, so not on the article's date (2024-03-14).
        okafor = next(c for c in screen.claims if c.speaker == "Tom Okafor" and c.open_flags)
        # On a date when he was Deputy Mayor, re-running the checks drops the flag.
        await pilot.press("m")
        await settle(pilot)
        for _ in range(12):
            await pilot.press("backspace")
        await type_text(pilot, "2022-06-01")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        assert next(c for c in screen.claims if c.id == okafor.id).open_flags == 0
        await pilot.press("q")


async def test_read_only_database_disables_changes(tmp_path):
    db = str(tmp_path / "claims.db")
    with Store.open(db) as store:
        review_id = store.import_analysis(analyze_source(str(EXAMPLE))).review_id
    store = Store.open(db, readonly=True)
    try:
        app = make_app(db, review_id=review_id, store=store)
        async with app.run_test(size=SIZE) as pilot:
            screen = await wait_for_screen(pilot, "ReviewScreen")
            assert "read-only" in str(screen.query_one("#review-meta").render())
            assert screen.check_action("verdict", (1,)) is None
            await pilot.press("1")
            await settle(pilot)
            assert screen.current.verdict is None
            await pilot.press("q")
    finally:
        store.close()
