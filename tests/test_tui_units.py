"""Unit tests for the TUI's plain-Python parts (no terminal): filters, offsets, settings, the
Markdown report, re-running checks, the CLI entry points, and that none of them (nor the CLI)
imports Textual before the App is started."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import pytest

from factcheck.store import Store
from factcheck.store.types import ClaimRow
from factcheck.tui.model import ClaimFilter, LineIndex, flag_marker, one_line
from factcheck.tui.rerun import rerun_checks
from factcheck.tui.settings import load_settings, rating_scale_from
from factcheck.workflow import analyze_source
from tui_helpers import EXAMPLE, ROOT


def _claim(**kw) -> ClaimRow:
    base = dict(id=1, review_id=1, number=1, text="Fares rose 12%.", start=0, end=15,
                kind="statistic", checkworthy=0.9, speaker="Dana Whitfield",
                speaker_title="Mayor", paragraph=0, status="unreviewed", priority=0,
                verdict=None, rationale=None, reviewer=None,
                updated_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), version=1)
    base.update(kw)
    return ClaimRow(**base)


def test_claim_filter_matches_each_field():
    claim = _claim(status="done", verdict="false", open_flags=1, flags=1)
    assert not ClaimFilter().active
    assert ClaimFilter(status="done").matches(claim)
    assert not ClaimFilter(status="in_progress").matches(claim)
    assert ClaimFilter(verdict="false").matches(claim)
    assert not ClaimFilter(verdict="none").matches(claim)
    assert ClaimFilter(verdict="none").matches(_claim())
    assert ClaimFilter(kind="statistic").matches(claim)
    assert ClaimFilter(flag="open").matches(claim)
    assert not ClaimFilter(flag="none").matches(claim)
    assert ClaimFilter(text="WHITFIELD").matches(claim)  # the speaker counts
    assert not ClaimFilter(text="ferry").matches(claim)
    described = ClaimFilter(status="done", verdict="false", text="x").describe({"false": "False"})
    assert described == "done, False, “x”"


def test_flag_marker_and_one_line():
    assert flag_marker(_claim(open_flags=1, flags=1)) == "⚑"
    assert flag_marker(_claim(open_flags=0, flags=2)) == "⚐"
    assert flag_marker(_claim()) == " "
    assert one_line("a\n b   c", 10) == "a b c"
    assert one_line("abcdefghij", 5) == "abcd…"


def test_line_index_round_trips_offsets():
    text = "first line\nsecond\n\nfourth"
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        assert index.offset(index.location(offset)) == offset
    assert index.location(11) == (1, 0)
    assert index.location(999) == (3, 6)


def test_settings_file_with_theme_keymap_scale_and_errors(tmp_path, monkeypatch):
    monkeypatch.delenv("FACTCHECK_USER", raising=False)
    monkeypatch.delenv("FACTCHECK_THEME", raising=False)
    path = tmp_path / "config.toml"
    path.write_text(textwrap.dedent("""
        theme = "textual-light"
        reviewer = "ana"
        [keymap]
        "review.status-done" = "z"
        "review.undo" = 3
        [[verdicts]]
        key = "correct"
        label = "Correct"
        [[verdicts]]
        key = "wrong"
        label = "Wrong"
    """), encoding="utf-8")
    settings = load_settings(path)
    assert settings.theme == "textual-light" and settings.reviewer == "ana"
    assert settings.keymap == {"review.status-done": "z"}
    assert any("review.undo" in w for w in settings.warnings)
    assert rating_scale_from(settings).keys() == ["correct", "wrong"]
    monkeypatch.setenv("FACTCHECK_THEME", "nord")
    assert load_settings(path).theme == "nord"


def test_settings_missing_or_broken_file_gives_defaults(tmp_path):
    missing = load_settings(tmp_path / "nope.toml")
    assert missing.theme == "textual-dark" and not missing.warnings
    assert rating_scale_from(missing) is None
    broken = tmp_path / "broken.toml"
    broken.write_text("theme = [", encoding="utf-8")
    settings = load_settings(broken)
    assert settings.theme == "textual-dark"
    assert settings.warnings and "not valid TOML" in settings.warnings[0]


def test_config_path_from_environment(tmp_path, monkeypatch):
    from factcheck.tui.settings import default_config_path

    monkeypatch.setenv("FACTCHECK_CONFIG", str(tmp_path / "f.toml"))
    assert default_config_path() == tmp_path / "f.toml"


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "claims.db") as store:
        yield store


def test_export_preview_fences_other_formats_safely():
    from factcheck.tui.screens.export import preview_markdown

    assert preview_markdown("markdown", "# Title\n") == "# Title\n"
    fenced = preview_markdown("json", '{"a": "````"}')
    assert fenced.startswith("`````json\n") and fenced.rstrip().endswith("\n`````")
    assert preview_markdown("csv", "a,b\n").startswith("```\na,b\n```")


def test_rerun_checks_keeps_decisions_and_maps_flags_to_stored_claims(store):
    review_id = store.import_analysis(analyze_source(str(EXAMPLE))).review_id
    (flag,) = store.list_flags(review_id)
    store.set_flag_state(flag.id, "dismissed", "checked", who="ana")
    summary = rerun_checks(store, review_id, who="ana")
    assert "0 new" in summary
    (again,) = store.list_flags(review_id)
    assert again.id == flag.id and again.state == "dismissed"


def test_review_id_or_source():
    from factcheck.commands.review import _is_review_id

    assert _is_review_id("12")
    assert not _is_review_id("examples/harbour-ferry.txt")
    assert not _is_review_id("https://example.org/1")


def test_cli_review_unknown_id_is_one_line_error(tmp_path, capsys, monkeypatch):
    from factcheck.cli import main

    monkeypatch.setenv("FACTCHECK_CONFIG", str(tmp_path / "none.toml"))
    code = main(["--db", str(tmp_path / "c.db"), "review", "7"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("factcheck: no review with ID 7")


def test_cli_review_missing_file_is_one_line_error(tmp_path, capsys, monkeypatch):
    from factcheck.cli import main

    monkeypatch.setenv("FACTCHECK_CONFIG", str(tmp_path / "none.toml"))
    code = main(["--db", str(tmp_path / "c.db"), "review", str(tmp_path / "missing.txt")])
    assert code == 2 and capsys.readouterr().err.count("\n") == 1


def test_cli_review_imports_then_opens_and_plain_factcheck_opens_library(tmp_path, monkeypatch):
    import factcheck.tui as tui
    from factcheck.cli import main

    monkeypatch.setenv("FACTCHECK_CONFIG", str(tmp_path / "none.toml"))
    calls = []
    monkeypatch.setattr(tui, "run_app", lambda db, **kw: calls.append((db, kw)) or 0)
    db = str(tmp_path / "c.db")
    assert main(["--db", db, "review", str(EXAMPLE), "--date", "2024-03-15"]) == 0
    assert calls[-1][0] == db and calls[-1][1]["review_id"] == 1
    with Store.open(db) as store:
        assert store.get_review(1).published == dt.date(2024, 3, 15)
    assert main(["--db", db, "review", str(EXAMPLE)]) == 0  # same content: same review
    assert calls[-1][1]["review_id"] == 1
    assert main(["--db", db]) == 0
    assert calls[-1] == (db, {})


def test_cli_and_tui_helpers_do_not_import_textual():
    code = (
        "import sys\n"
        "from factcheck.cli import build_parser\n"
        "build_parser()\n"
        "import factcheck.tui, factcheck.tui.settings, factcheck.tui.model, "
        "factcheck.tui.rerun, factcheck.commands.review\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
