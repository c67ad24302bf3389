"""Snapshot tests (pytest-textual-snapshot) of the library, the review screen on the seed
article, the evidence and officials dialogs and help, at 80x24 and 160x48 (the export
dialog is covered by a Pilot test: the footer under it renders at varying moments).

Deterministic by construction: the database is ``claims.db`` in a temporary working directory
(the library shows its location), the store's clock is frozen (history times), the reviewer
is fixed, and no notification is on screen. Regenerate with ``--snapshot-update``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.store import Store
from factcheck.tui import make_app
from factcheck.tui.settings import Settings
from factcheck.workflow import analyze_source
from tui_helpers import EXAMPLE, SEED, SEED_DATE, mock_client, settle, wait_for_screen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]
FROZEN = dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def library_db(monkeypatch, tmp_path):
    """``claims.db`` with the example and (when present) the seed article, imported at a
    fixed time, the example with a verdict on claim 1."""
    monkeypatch.setenv("FACTCHECK_USER", "tester")
    monkeypatch.setenv("FACTCHECK_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("factcheck.store.api.utcnow", lambda: FROZEN)
    ids = {}
    with Store.open("claims.db") as store:
        # Sources as a user would type them: the screens show them, and an absolute path
        # would differ on every machine.
        analysis = analyze_source(str(EXAMPLE))
        analysis.article.source = "examples/harbour-ferry.txt"
        example = store.import_analysis(analysis).review_id
        first = store.load_claims(example)[0]
        store.set_verdict(first.id, "mostly-true", "The department's notice says 12%.")
        ids["example"] = example
        if SEED.exists():
            analysis = analyze_source(str(SEED), published=SEED_DATE)
            analysis.article.source = "../shared/seed/kim-dialogue.txt"
            ids["seed"] = store.import_analysis(analysis).review_id
    return ids


def _app(review_id=None):
    return make_app("claims.db", settings=Settings(theme="textual-dark"), review_id=review_id,
                    http_client=mock_client())


def _seed_id(ids) -> int:
    if "seed" not in ids:
        pytest.skip(f"the seed article is not here ({SEED}): it lives in ../shared/")
    return ids["seed"]


async def _ready(pilot, screen: str) -> None:
    await wait_for_screen(pilot, screen)
    pilot.app.clear_notifications()
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_library(snap_compare, library_db, size):
    async def before(pilot):
        await _ready(pilot, "LibraryScreen")

    assert snap_compare(_app(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_review_screen_on_the_seed_article(snap_compare, library_db, size):
    review_id = _seed_id(library_db)

    async def before(pilot):
        await _ready(pilot, "ReviewScreen")
        await pilot.press("j", "j")
        await settle(pilot)

    assert snap_compare(_app(review_id), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_review_screen_example_with_flag(snap_compare, library_db, size):
    async def before(pilot):
        await _ready(pilot, "ReviewScreen")
        await pilot.press("G", "k", "k", "k", "k", "k")  # claim 11, the anonymous source
        await settle(pilot)

    assert snap_compare(_app(library_db["example"]), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_evidence_dialog(snap_compare, library_db, size):
    async def before(pilot):
        await _ready(pilot, "ReviewScreen")
        await pilot.press("e")
        await settle(pilot)
        await pilot.press(*"https://stats.example.org/ferry-ridership", "enter")
        await settle(pilot)

    assert snap_compare(_app(library_db["example"]), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, library_db, size):
    async def before(pilot):
        await _ready(pilot, "ReviewScreen")
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(_app(library_db["example"]), terminal_size=size, run_before=before)


def test_review_screen_light_theme(snap_compare, library_db):
    app = make_app("claims.db", settings=Settings(theme="textual-light"),
                   review_id=library_db["example"], http_client=mock_client())

    async def before(pilot):
        await _ready(pilot, "ReviewScreen")

    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


def test_officials_dialog(snap_compare, library_db):
    async def before(pilot):
        await _ready(pilot, "ReviewScreen")
        await pilot.press("G", "k", "k", "k")  # claim 13, a quote with a named speaker
        await settle(pilot)
        await pilot.press("O")
        await wait_for_screen(pilot, "OfficialsDialog")
        await settle(pilot)

    assert snap_compare(_app(library_db["example"]), terminal_size=(100, 40), run_before=before)
