"""Pilot tests: whole review sessions driven by key presses on a temporary database.

Each flow imports an article through the library's import dialog, triages claims by keyboard,
quits, reopens the app and checks (through the Store, not the screen) that everything was
saved as it was left.
"""

from __future__ import annotations

import pytest

from factcheck.store import Store
from factcheck.tui import make_app
from factcheck.tui.settings import Settings
from tui_helpers import (
    EVIDENCE_URL,
    EXAMPLE,
    OFFLINE_URL,
    SEED,
    SEED_DATE,
    mock_client,
    offline_client,
    settle,
    type_text,
    wait_for_screen,
    wikidata_client,
)

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("FACTCHECK_USER", "tester")
    monkeypatch.setenv("FACTCHECK_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.chdir(tmp_path)


def _db(tmp_path) -> str:
    return str(tmp_path / "claims.db")


async def _import(pilot, source: str, date: str = "") -> None:
    await wait_for_screen(pilot, "LibraryScreen")
    await pilot.press("a")
    await type_text(pilot, source)
    if date:
        await pilot.press("tab")
        await type_text(pilot, date)
    await pilot.press("enter")
    await wait_for_screen(pilot, "ReviewScreen")


async def _goto(pilot, number: int) -> None:
    """Put the claim list's cursor on claim ``number`` with g and j."""
    await pilot.press("g", *["j"] * (number - 1))
    await settle(pilot)
    assert pilot.app.screen.current.number == number


ARTICLES = [
    pytest.param(EXAMPLE, "", id="example"),
    pytest.param(SEED, SEED_DATE.isoformat(), id="seed"),
]


@pytest.mark.parametrize(("article", "date"), ARTICLES)
async def test_review_session_is_saved_and_reopens(tmp_path, article, date):
    if not article.exists():
        pytest.skip(f"the seed article is not here ({article}): it lives in ../shared/")
    db = _db(tmp_path)
    app = make_app(db, http_client=mock_client())
    async with app.run_test(size=SIZE) as pilot:
        await _import(pilot, str(article), date)
        screen = app.screen
        total = len(screen.claims)
        assert total >= 5
        assert screen.current.number == 1

        # Walk the claims: down, down, up, last, first.
        await pilot.press("j", "j", "k")
        assert screen.current.number == 2
        await pilot.press("G")
        assert screen.current.number == total
        await pilot.press("g")
        assert screen.current.number == 1

        # Verdict 1 (True) on claim 1, with a rationale.
        await pilot.press("1")
        await pilot.press("r")
        await type_text(pilot, "Confirmed by the annual report.")
        await pilot.press("ctrl+s")
        await settle(pilot)

        await pilot.press("y")
        assert app.clipboard.startswith("Claim 1: ") and "Verdict: True" in app.clipboard

        # n jumps to the next claim still to review: claim 2; verdict 5 (False).
        await pilot.press("n")
        assert screen.current.number == 2
        await pilot.press("5")
        await settle(pilot)

        # Claim 3: a link (fetched through the mock transport) and a note.
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await type_text(pilot, EVIDENCE_URL)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "Called the press office")
        await pilot.press("enter")
        await settle(pilot)

        # Claim 4: a link that cannot be fetched is kept with a note.
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await type_text(pilot, OFFLINE_URL)
        await pilot.press("ctrl+s")
        await settle(pilot)

        # Status keys on claims 5 and 6; then verdict 3 on claim 6 and undo it.
        await pilot.press("j", "s", "j", "x")
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)

        # Filter by text: only matching claims are listed; esc clears the search.
        await pilot.press("slash")
        first_word = screen.claims[0].text.split()[1].strip('",.')
        await type_text(pilot, first_word)
        await pilot.press("enter")
        await settle(pilot)
        listed = screen.query_one("ClaimList").rows
        assert listed and all(first_word.casefold() in (c.text + (c.speaker or "")).casefold()
                              for c in listed)
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert len(screen.query_one("ClaimList").rows) == total

        await pilot.press("q")
        await settle(pilot)
    assert not app.is_running

    with Store.open(db) as store:
        (review,) = store.list_reviews()
        claims = store.load_claims(review.id)
        assert claims[0].verdict == "true" and claims[0].status == "done"
        assert claims[0].rationale == "Confirmed by the annual report."
        assert claims[0].reviewer == "tester"
        assert claims[1].verdict == "false"
        detail = store.claim_detail(claims[2].id)
        links = [e for e in detail.evidence if e.kind == "link"]
        notes = [e for e in detail.evidence if e.kind == "note"]
        assert links and links[0].url == EVIDENCE_URL
        assert links[0].title and "Ferry ridership 2023" in links[0].title
        assert links[0].excerpt and "8.4%" in links[0].excerpt
        assert notes and notes[0].note == "Called the press office"
        offline = store.claim_detail(claims[3].id).evidence
        assert offline[0].url == OFFLINE_URL
        assert offline[0].note and offline[0].note.startswith("Page not fetched")
        assert claims[4].status == "needs_second_look"
        assert claims[5].status == "not_checkable"
        assert claims[5].verdict is None  # the verdict was undone
        if date:
            assert review.published == SEED_DATE

    # Reopen: the review screen shows everything as it was left.
    app = make_app(db, review_id=review.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "ReviewScreen")
        shown = {c.number: c for c in screen.claims}
        assert shown[1].verdict == "true" and shown[1].rationale.startswith("Confirmed")
        assert shown[3].evidence == 2
        assert shown[5].status == "needs_second_look"
        await _goto(pilot, 3)
        assert screen.detail is not None and len(screen.detail.evidence) == 2
        await pilot.press("q")


async def test_dismiss_a_flag_with_a_reason_and_undo(tmp_path):
    db = _db(tmp_path)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await _import(pilot, str(EXAMPLE))
        screen = app.screen
        flagged = next(c for c in screen.claims if c.open_flags)
        await _goto(pilot, flagged.number)
        await pilot.press("D")
        await settle(pilot)
        await type_text(pilot, "The official is named in the budget papers")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.current.open_flags == 0
        assert "dismissed" in str(screen.query_one("#detail-body").render())
        await pilot.press("q")

    with Store.open(db) as store:
        (review,) = store.list_reviews()
        (flag,) = store.list_flags(review.id)
        assert flag.state == "dismissed"
        assert flag.state_reason == "The official is named in the budget papers"
        assert flag.state_by == "tester"
        assert review.open_flags == 0

    app = make_app(db, review_id=review.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "ReviewScreen")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert next(c for c in screen.claims if c.id == flagged.id).open_flags == 1
        await pilot.press("q")
    with Store.open(db) as store:
        assert store.list_flags(review.id)[0].state == "open"


async def test_filter_dialog_split_merge_add_and_edit(tmp_path):
    db = _db(tmp_path)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await _import(pilot, str(EXAMPLE))
        screen = app.screen
        total = len(screen.claims)

        # Mark claim 1 done, then filter on status "Done" through the dialog.
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("enter", "down", "down", "down", "down", "enter")  # Status: done
        await pilot.press("ctrl+s")
        await settle(pilot)
        rows = screen.query_one("ClaimList").rows
        assert [c.number for c in rows] == [1]
        await pilot.press("f", "ctrl+r")
        await settle(pilot)
        assert len(screen.query_one("ClaimList").rows) == total

        # Merge claims 3 and 4; undo brings 4 back.
        await _goto(pilot, 3)
        await pilot.press("M")
        await settle(pilot)
        assert len(screen.claims) == total - 1
        await pilot.press("u")
        await settle(pilot)
        assert len(screen.claims) == total

        # Split claim 2 at a point: put the article cursor inside it, then S.
        await _goto(pilot, 2)
        claim = screen.current
        article = screen.query_one("#article")
        cut = claim.text.index(" after ") if " after " in claim.text else len(claim.text) // 2
        from textual.widgets.text_area import Selection

        article.selection = Selection.cursor(article.index.location(claim.start + cut))
        await pilot.press("S")
        await settle(pilot)
        assert len(screen.claims) == total + 1

        # Add a claim from a selection in the article.
        text = screen.review.text
        start = text.index("Advertisement") if "Advertisement" in text else 0
        end = start + 13
        article.selection = Selection(article.index.location(start), article.index.location(end))
        await pilot.press("a")
        await settle(pilot)
        assert len(screen.claims) == total + 2

        # Edit the current claim's text.
        await pilot.press("T")
        await settle(pilot)
        await pilot.press("end")
        await type_text(pilot, " (edited)")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.current.text.endswith("(edited)")
        await pilot.press("q")

    with Store.open(db) as store:
        (review,) = store.list_reviews()
        claims = store.load_claims(review.id)
        assert len(claims) == total + 2
        assert any(c.text.endswith("(edited)") for c in claims)


async def test_metadata_dialog_changes_the_date(tmp_path):
    db = _db(tmp_path)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await _import(pilot, str(EXAMPLE))
        await pilot.press("m")
        await settle(pilot)
        for _ in range(12):
            await pilot.press("backspace")
        await type_text(pilot, "2024-03-15")
        await pilot.press("enter")
        await settle(pilot)
        assert "2024-03-15" in str(app.screen.query_one("#review-meta").render())
        await pilot.press("R")
        await settle(pilot)
        await pilot.press("q")
    with Store.open(db) as store:
        (review,) = store.list_reviews()
        assert review.published.isoformat() == "2024-03-15"


async def test_export_preview_formats_and_overwrite_confirmation(tmp_path):
    db = _db(tmp_path)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await _import(pilot, str(EXAMPLE))
        await pilot.press("1", "E")
        await wait_for_screen(pilot, "ExportDialog")
        dialog = app.screen
        name = dialog.query_one("#export-path").value
        assert name == "2024-03-14-ferry-fares-to-rise-12-as-city-blames-fuel-costs.md"
        assert dialog.text.startswith("# ")
        # The preview is the Markdown report, rendered.
        preview = dialog.query_one("#export-markdown")
        assert "Ferry fares to rise 12%" in preview.source
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "ReviewScreen")
        first = (tmp_path / name).read_text(encoding="utf-8")
        assert "Ferry fares to rise 12%" in first

        # Again: the file exists, so saving asks; n keeps it, y replaces it.
        await pilot.press("2", "E")
        await wait_for_screen(pilot, "ExportDialog")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "ConfirmDialog")
        await pilot.press("n")
        await wait_for_screen(pilot, "ExportDialog")
        assert (tmp_path / name).read_text(encoding="utf-8") == first
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "ConfirmDialog")
        await pilot.press("y")
        await wait_for_screen(pilot, "ReviewScreen")
        assert (tmp_path / name).read_text(encoding="utf-8") != first

        # CSV: another default name, previewed as a code block; ClaimReview needs a web
        # address the example's source is not: the dialog says so and saves nothing.
        await pilot.press("E")
        await wait_for_screen(pilot, "ExportDialog")
        dialog = app.screen
        dialog.query_one("#export-format").value = "csv"
        await settle(pilot)
        assert dialog.query_one("#export-path").value.endswith(".csv")
        assert dialog.query_one("#export-markdown").source.startswith("```")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "ReviewScreen")
        (csv_file,) = tmp_path.glob("*.csv")
        assert csv_file.read_text(encoding="utf-8").count("\n") > 5
        await pilot.press("E")
        await wait_for_screen(pilot, "ExportDialog")
        dialog = app.screen
        dialog.query_one("#export-format").value = "claimreview"
        await settle(pilot)
        assert "Cannot export as claimreview" in str(
            dialog.query_one("#export-status").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert dialog.text is None and not list(tmp_path.glob("*.claimreview.json"))
        # With the address the check is published at, it renders and saves.
        base_url = dialog.query_one("#export-base-url")
        assert base_url.display
        base_url.focus()
        base_url.value = "https://news.example/checks/ferry"
        await pilot.press("enter")
        await settle(pilot)
        assert "https://news.example/checks/ferry#claim-" in dialog.text
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "ReviewScreen")
        (claimreview,) = tmp_path.glob("*.claimreview.json")
        assert "ClaimReview" in claimreview.read_text(encoding="utf-8")
        await pilot.press("q")


async def test_library_delete_with_confirmation_and_import_errors(tmp_path):
    db = _db(tmp_path)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await _import(pilot, str(EXAMPLE))
        await pilot.press("escape")
        await wait_for_screen(pilot, "LibraryScreen")
        # A missing file: the dialog shows the error and nothing is imported.
        await pilot.press("a")
        await type_text(pilot, "no-such-article.txt")
        await pilot.press("enter")
        await settle(pilot)
        assert "Not imported" in str(app.screen.query_one("#import-error").render())
        await pilot.press("escape")
        await settle(pilot)
        # Delete: n keeps it, y deletes it.
        await pilot.press("d", "n")
        await settle(pilot)
        assert len(app.screen.reviews) == 1
        await pilot.press("d", "y")
        await settle(pilot)
        assert app.screen.reviews == []
        await pilot.press("q")
    with Store.open(db) as store:
        assert store.list_reviews() == []


async def test_keymap_from_settings_and_help_lists_keys(tmp_path):
    db = _db(tmp_path)
    settings = Settings(keymap={"review.status-done": "z"})
    app = make_app(db, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await _import(pilot, str(EXAMPLE))
        await pilot.press("z")
        await settle(pilot)
        assert app.screen.current.status == "done"
        await pilot.press("f1")
        await settle(pilot)
        keys = {k.binding_id: k for k in app.screen.keys}
        assert keys["review.status-done"].keys == "z"
        assert keys["review.verdict-1"].description == "Verdict: True"
        assert "review.undo" in keys and "app.quit" in keys
        await pilot.press("escape")
        # The palette offers the screen's actions that are valid now.
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Verdict: True" in commands and "Undo" in commands
        assert "Verdict 7" not in commands
        assert "Confirm flag" not in commands  # claim 1 has no flag: not valid now
        assert keys["review.flag-confirm"].enabled is False  # but listed in help
        # ctrl+t switches between dark and light themes.
        assert app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light" and not app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.theme == "textual-dark"
        await pilot.press("q")


async def test_unknown_review_id_and_bad_theme_are_reported(tmp_path):
    db = _db(tmp_path)
    app = make_app(db, review_id=99, settings=Settings(theme="no-such-theme"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "LibraryScreen")
        messages = [n.message for n in app._notifications]
        assert any("no review with id 99" in m for m in messages)
        assert any("no-such-theme" in m for m in messages)
        await pilot.press("q")


def _article(sentences: list[str], *, title: str, source: str):
    """An analysis of ``sentences``, one claim each (as the store tests build them)."""
    import datetime as dt

    from factcheck.analysis.model import Analysis, Article, Claim, Reason

    text, claims = "", []
    for i, sentence in enumerate(sentences):
        text += " " if i else ""
        start = len(text)
        text += sentence
        claims.append(Claim(i + 1, sentence, start, len(text), "statistic", 0.8,
                            [Reason("number", 0.5)]))
    return Analysis(article=Article(text=text, title=title, outlet="The Harbour Ledger",
                                    source=source, published=dt.date(2024, 3, 14)),
                    claims=claims)


async def test_checked_before_marker_copy_and_undo(tmp_path):
    db = _db(tmp_path)
    with Store.open(db) as store:
        old = store.import_analysis(_article(
            ["Harbour City will raise ferry fares by 12% from April 1, the transport "
             "department said.", "Tickets for the jazz festival sold out within an hour."],
            title="Ferry fares to rise 12%", source="https://ledger.example/ferry")).review_id
        first = store.load_claims(old)[0]
        store.set_verdict(first.id, "true", "The department's notice says 12%.", who="ana")
        store.add_evidence(first.id, url="https://city.example/notice", title="Fare notice",
                           who="ana")
        new = store.import_analysis(_article(
            ["The school board approved a new lunch menu for the autumn term.",
             "Ferry fares in Harbour City are going up 12 per cent on April 1, officials "
             "told reporters."],
            title="Fares up again", source="https://other.example/fares")).review_id
        reworded = store.load_claims(new)[1]

    app = make_app(db, review_id=new)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "ReviewScreen")
        assert set(screen.priors) == {reworded.id}
        claim_list = screen.query_one("ClaimList")
        assert claim_list.priors == {reworded.id}
        assert claim_list._cells(claim_list.rows[1], claim_list._layout(80))[3] == "↺"
        assert claim_list._cells(claim_list.rows[0], claim_list._layout(80))[3] == " "
        # Claim 1 has no earlier check: C is not valid there.
        assert screen.check_action("copy_prior", ()) is None
        await _goto(pilot, 2)
        body = str(screen.query_one("#detail-body").render())
        assert "Checked before: True in Ferry fares to rise 12% (2024-03-14), score" in body
        assert "The department's notice says 12%." in body
        await pilot.press("C")
        await settle(pilot)
        assert screen.current.verdict == "true"
        with Store.open(db) as store:
            claim = store.get_claim(reworded.id)
            assert claim.verdict == "true" and claim.status == "done"
            assert claim.rationale.startswith("Checked before in review")
            assert claim.reviewer == "tester"
            assert [e.url for e in store.claim_detail(reworded.id).evidence] == \
                ["https://city.example/notice"]
        await pilot.press("u")
        await settle(pilot)
        assert screen.current.verdict is None
        assert set(screen.priors) == {reworded.id}  # looked for again after the undo

        # Reword claim 1 into the earlier ferry claim: it is looked for again, and found.
        await _goto(pilot, 1)
        await pilot.press("T")
        await settle(pilot)
        await pilot.press("ctrl+a")
        dialog = app.screen
        dialog.query_one("#text").text = ("Ferry fares in Harbour City will rise by 12% from "
                                          "April 1, the transport department said.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert set(screen.priors) == {reworded.id, screen.current.id}
        await pilot.press("q")
    with Store.open(db) as store:
        claim = store.get_claim(reworded.id)
        assert claim.verdict is None and claim.rationale is None
        assert store.load_claims(new)[0].text.startswith("Ferry fares in Harbour City")
        assert store.claim_detail(reworded.id).evidence == []


PSAKI_TEXT = ('US State Department spokesperson Jen Psaki said on Friday that the talks "will go '
              'ahead as planned next week." The meeting was the first in two years, officials '
              'said.')


def _psaki_review(db) -> int:
    import datetime as dt

    from factcheck.analysis import analyze_text

    with Store.open(db) as store:
        return store.import_analysis(analyze_text(
            PSAKI_TEXT, title="Talks go ahead", published=dt.date(2021, 6, 18),
            source="https://news.example/talks")).review_id


def _roles(db, name="Jen Psaki"):
    from factcheck.officials.tables import SqlRegistry

    with Store.open(db) as store, SqlRegistry.open(store.engine) as reg:
        return [(p.wikidata_id, r) for p in reg.find_exact(name) for r in reg.roles_of(p.id)]


async def test_officials_dialog_by_hand_makes_a_title_flag_appear_and_disappear(tmp_path):
    db = _db(tmp_path)
    review_id = _psaki_review(db)
    app = make_app(db, review_id=review_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "ReviewScreen")
        assert screen.current.speaker == "Jen Psaki" and screen.current.open_flags == 0
        await pilot.press("O")
        dialog = await wait_for_screen(pilot, "OfficialsDialog")
        assert dialog.query_one("#off-name").value == "Jen Psaki"
        assert dialog.query_one("#off-role").value == "US State Department spokesperson"
        # A bad date: said in the dialog, nothing stored.
        dialog.query_one("#off-start").value = "2013-13-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Not saved" in str(dialog.query_one("#off-status").render())
        assert _roles(db) == []
        dialog.query_one("#off-start").value = "2013-02-11"
        dialog.query_one("#off-end").value = "2015-03-31"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "ReviewScreen")
        await settle(pilot)
        # She no longer held that title on the article's date: the checks flag it.
        assert screen.current.open_flags == 1
        assert "2021-06-18" in screen.detail.flags[0].message

        # Correct it: the registry's role is listed; choosing it fills the form.
        await pilot.press("O")
        dialog = await wait_for_screen(pilot, "OfficialsDialog")
        options = dialog.query_one("#off-roles")
        assert options.option_count == 1
        assert "[registry]" in str(options.get_option_at_index(0).prompt)
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        assert dialog.query_one("#off-start").value == "2013-02-11"
        dialog.query_one("#off-end").value = ""
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "ReviewScreen")
        await settle(pilot)
        assert screen.current.open_flags == 0
        await pilot.press("q")
    ((_, role),) = _roles(db)
    assert str(role.start) == "2013-02-11" and role.end is None


async def test_officials_dialog_looks_up_wikidata(tmp_path):
    db = _db(tmp_path)
    review_id = _psaki_review(db)
    app = make_app(db, review_id=review_id, http_client=wikidata_client())
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "ReviewScreen")
        await pilot.press("O")
        dialog = await wait_for_screen(pilot, "OfficialsDialog")
        await pilot.press("ctrl+l")
        await settle(pilot)
        options = dialog.query_one("#off-roles")
        prompts = [str(options.get_option_at_index(i).prompt)
                   for i in range(options.option_count)]
        assert all("Q6178005" in p for p in prompts)
        state = next(i for i, p in enumerate(prompts)
                     if "Spokesperson for the United States Department of State" in p)
        assert "2013-02-11 to 2015-03-31" in prompts[state]
        options.highlighted = state
        await pilot.press("enter")
        assert dialog.query_one("#off-organization").value == "United States Department of State"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "ReviewScreen")
        await settle(pilot)
        assert screen.current.open_flags == 1
        await pilot.press("q")
    ((qid, role),) = _roles(db)
    assert qid == "Q6178005" and role.source == "https://www.wikidata.org/wiki/Q6178005"


async def test_officials_lookup_offline_is_said_in_the_dialog(tmp_path):
    db = _db(tmp_path)
    review_id = _psaki_review(db)
    app = make_app(db, review_id=review_id, http_client=offline_client())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "ReviewScreen")
        await pilot.press("O")
        dialog = await wait_for_screen(pilot, "OfficialsDialog")
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert "Wikidata:" in str(dialog.query_one("#off-status").render())
        assert app.screen is dialog
        await pilot.press("escape")
        await pilot.press("q")
    assert _roles(db) == []
