"""The store's CLI sub-commands: import, reviews, show, verdict, evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.cli import main
from store_fixtures import make_analysis

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbour-ferry.txt"


@pytest.fixture
def db(tmp_path, monkeypatch) -> str:
    monkeypatch.setenv("FACTCHECK_USER", "tester")
    monkeypatch.delenv("FACTCHECK_DB", raising=False)
    return str(tmp_path / "claims.db")


@pytest.fixture
def fake_analysis(monkeypatch):
    """``factcheck import`` analyses hand-made articles: SOURCE names the variant."""
    import factcheck.workflow

    def analyze_source(source, *, published=None, client=None):
        analysis = make_analysis(4, variant="" if source == "a.txt" else source)
        if published:
            analysis.article.published = published
        return analysis

    monkeypatch.setattr(factcheck.workflow, "analyze_source", analyze_source)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_reviews_show_verdict_evidence(db, fake_analysis, capsys):
    code, out, _ = run(capsys, "--db", db, "import", "a.txt", "--date", "2021-06-20")
    assert code == 0 and out.startswith("1\tnew review: Minister says inflation halved")
    code, out, _ = run(capsys, "--db", db, "import", "a.txt")
    assert code == 0 and out.startswith("1\talready stored (same content)")
    code, out, _ = run(capsys, "--db", db, "import", "changed")
    assert out.startswith("2\tnew revision 2 (previous: review 1)")

    code, out, _ = run(
        capsys,
        "--db",
        db,
        "verdict",
        "1",
        "2",
        "MOSTLY false",
        "--rationale",
        "Halved from 8% to 5% is not half.",
    )
    assert code == 0
    assert out.strip() == "review 1 claim 2: verdict Mostly false (was none), version 2"
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "evidence",
        "1",
        "2",
        "--url",
        "https://stats.example/cpi",
        "--title",
        "CPI",
        "--reviewer",
        "ana",
    )
    assert code == 0 and out.strip() == "review 1 claim 2: added link evidence #1"
    code, out, _ = run(capsys, "--db", db, "evidence", "1", "2", "--note", "Called the office.")
    assert code == 0

    code, out, _ = run(capsys, "--db", db, "reviews")
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["ID", "REV", "DATE", "OUTLET"]
    assert len(lines) == 3
    assert "2021-06-20" in out and "Example News" in out

    code, out, _ = run(capsys, "--db", db, "show", "1")
    assert code == 0
    assert out.startswith("Review 1 (revision 1): Minister says inflation halved")
    claim_line = next(line for line in out.splitlines() if line.strip().startswith("2 "))
    assert "Done" in claim_line and "Mostly false" in claim_line and "  2  " in claim_line

    code, out, _ = run(capsys, "--db", db, "show", "1", "--json")
    data = json.loads(out)
    assert (data["id"], data["revision"]) == (1, 1)
    claim = data["claims"][1]
    assert (
        claim["id"],
        claim["status"],
        claim["verdict"],
        claim["evidence_count"],
        claim["reviewer"],
    ) == (2, "done", "mostly-false", 2, "tester")
    assert claim["rationale"] == "Halved from 8% to 5% is not half."
    assert {"id", "state"} <= set(data["flags"][0])


@pytest.mark.parametrize(
    "argv, message",
    [
        (["show", "9"], "no review with id 9"),
        (["verdict", "1", "9", "false"], "review 1 has no claim 9"),
        (["verdict", "1", "1", "sort of"], "unknown rating 'sort of'"),
        (["evidence", "1", "7", "--note", "x"], "review 1 has no claim 7"),
        (["verdict", "9", "1", "false"], "no review with id 9"),
    ],
)
def test_bad_ids_and_ratings_are_one_line_errors(db, fake_analysis, capsys, argv, message):
    run(capsys, "--db", db, "import", "a.txt")
    code, out, err = run(capsys, "--db", db, *argv)
    assert code == 2 and out == ""
    assert err.startswith("factcheck: ") and message in err and err.count("\n") == 1


def test_usage_errors_exit_2(db, capsys):
    with pytest.raises(SystemExit) as info:
        main(["--db", db, "verdict", "1", "x", "false"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["--db", db, "evidence", "1", "1"])  # neither --url nor --note
    assert info.value.code == 2


def test_reading_commands_do_not_create_a_database(db, capsys):
    code, _, err = run(capsys, "--db", db, "reviews")
    assert code == 2 and "no database at" in err
    assert not Path(db).exists()


def test_verdict_none_clears(db, fake_analysis, capsys):
    run(capsys, "--db", db, "import", "a.txt")
    run(capsys, "--db", db, "verdict", "1", "1", "true")
    code, out, _ = run(capsys, "--db", db, "verdict", "1", "1", "none")
    assert code == 0 and "verdict none (was True)" in out


def test_fact_check_db_env_var(db, fake_analysis, capsys, monkeypatch):
    monkeypatch.setenv("FACTCHECK_DB", db)
    code, out, _ = run(capsys, "import", "a.txt")
    assert code == 0 and Path(db).exists()


def test_import_real_example(db, capsys):
    """The whole path with the real loader and analysis engine."""
    if not EXAMPLE.exists():
        pytest.skip("examples/harbour-ferry.txt not present")
    code, out, err = run(capsys, "--db", db, "import", str(EXAMPLE))
    assert code == 0, err
    review_id = out.split("\t")[0]
    code, out, err = run(capsys, "--db", db, "show", review_id, "--json")
    assert code == 0, err
    shown = json.loads(out)
    code, out, err = run(capsys, "analyze", str(EXAMPLE), "--json")
    analysed = json.loads(out)
    for key in ("article", "quotes", "speakers"):
        assert shown[key] == analysed[key]
    for got, want in zip(shown["claims"], analysed["claims"], strict=True):
        assert {k: got[k] for k in want} == want
