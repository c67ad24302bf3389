"""Golden-file tests: the bundled example article, reviewed by a script on a fixed clock, must
export to exactly the files in tests/golden/.

The review is built by the real pipeline (``factcheck officials import`` and ``factcheck
import``), so a change to the analysis that splits or attributes the example differently
changes these files too. Regenerate them and review the diff::

    FACTCHECK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_export_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

from factcheck.cli import main
from test_export_support import GOLDEN, build_harbour_review, headings, parsers

UPDATE = bool(os.environ.get("FACTCHECK_UPDATE_GOLDEN"))
BASE_URL = "https://factcheck.example/2024/ferry-fares"


@pytest.fixture
def review_db(tmp_path, monkeypatch):
    monkeypatch.delenv("FACTCHECK_DB", raising=False)
    monkeypatch.delenv("FACTCHECK_ORGANIZATION", raising=False)
    db = str(tmp_path / "claims.db")
    rid = build_harbour_review(db, monkeypatch)
    return db, rid


def export(capsys, db: str, rid: int, *extra: str) -> str:
    capsys.readouterr()
    assert main(["--db", db, "export", str(rid), "-o", "-", *extra]) == 0
    return capsys.readouterr().out


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"{path} is missing: run with FACTCHECK_UPDATE_GOLDEN=1 to create it"
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, (
        f"{name} differs from the golden file; if the change is intended, regenerate with "
        "FACTCHECK_UPDATE_GOLDEN=1 and review the diff"
    )


def test_markdown_report_golden(review_db, capsys):
    db, rid = review_db
    text = export(capsys, db, rid)
    check_golden("harbour-ferry.md", text)


def test_markdown_report_is_deterministic(review_db, capsys):
    db, rid = review_db
    assert export(capsys, db, rid) == export(capsys, db, rid)


def test_golden_report_structure(review_db, capsys):
    """What the issue asks the report to contain, checked on the parsed golden review."""
    db, rid = review_db
    text = export(capsys, db, rid)
    for name, md in parsers().items():
        tokens = md.parse(text)
        heads = headings(tokens)
        assert heads[0] == ("h1", "Fact check: Ferry fares to rise 12% as city blames fuel costs")
        h2 = [t for tag, t in heads if tag == "h2"]
        assert h2 == ["Summary", "Reviewed claims", "Not yet reviewed"], name
        claims = [t for tag, t in heads if tag == "h3" and t.startswith("Claim ")]
        numbers = [int(t.split()[1]) for t in claims]
        assert numbers == sorted(numbers) and len(numbers) == 7  # 6 verdicts + not checkable
        assert sum(t.type == "table_open" for t in tokens) == (3 if name == "gfm-like" else 0)
        assert not [t for t in tokens if t.type.startswith("html")]
    assert "- **Outlet:** The Harbour Ledger" in text
    assert "- **Published:** 2024-03-14" in text
    assert "- **Reviewers:** ana (2024-03-15 to 2024-03-16), ben (2024-03-15 to 2024-03-16)" in text
    assert "- **Review dates:** 2024-03-15 to 2024-03-16" in text
    assert "**Verdict: Misleading** · reviewed by ben on 2024-03-15" in text
    # The wrong-title finding, confirmed, with the editor's explanation.
    assert "City Treasurer" in text and "Editor's note: The city's council page" in text
    # Evidence as links: spaces and parentheses in the URL are encoded.
    assert (
        "[Annual report 2023 \\[PDF\\]]"
        "(https://example.org/harbour%20transit/annual%20report%20%282023%29.pdf)"
    ) in text
    # The undone verdict is gone; the claim is listed as not yet reviewed.
    assert "Mistake" not in text
    not_reviewed = text.split("## Not yet reviewed", 1)[1]
    assert "Commuter groups were unimpressed." in not_reviewed
    assert "(In progress, quote" in not_reviewed
    summary = text.split("## Reviewed claims", 1)[0]
    assert "### Open flags" in summary and "| anonymous-source |" in summary


def test_claimreview_golden(review_db, capsys):
    db, rid = review_db
    text = export(
        capsys,
        db,
        rid,
        "--format",
        "claimreview",
        "--base-url",
        BASE_URL,
        "--organization",
        "Harbour Fact Desk",
    )
    check_golden("harbour-ferry.claimreview.json", text)
    items = json.loads(text)
    assert len(items) == 6
    assert all(item["url"].startswith(BASE_URL + "#claim-") for item in items)


def test_csv_golden(review_db, capsys):
    db, rid = review_db
    text = export(capsys, db, rid, "--format", "csv")
    check_golden("harbour-ferry.csv", text)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][:3] == ["number", "text", "kind"]
    assert len(rows) == 1 + 16


def test_json_export_has_the_whole_review(review_db, capsys):
    db, rid = review_db
    data = json.loads(export(capsys, db, rid, "--format", "json"))
    assert data["format"] == "factcheck-review" and data["format_version"] == 1
    for key in ("article", "claims", "quotes", "flags", "evidence", "history", "rating_scale"):
        assert key in data, key
    assert data["article"]["title"] == "Ferry fares to rise 12% as city blames fuel costs"
    assert len(data["evidence"]) == 4
    numbers = {c["id"] for c in data["claims"]}
    assert all(ev["claim_id"] in numbers for ev in data["evidence"])
    by_number = {c["id"]: c for c in data["claims"]}
    for ev in data["evidence"]:
        assert ev["id"] in by_number[ev["claim_id"]]["evidence"]
    actions = [h["action"] for h in data["history"]]
    assert actions[0] == "import" and "undo" in actions and "set_flag_state" in actions
    assert [h["id"] for h in data["history"]] == sorted(h["id"] for h in data["history"])
    assert data["history"][0]["at"].startswith("2024-03-15T")  # the fixed clock
    undone = [h for h in data["history"] if h["undone"]]
    assert len(undone) == 1 and undone[0]["action"] == "set_verdict"
