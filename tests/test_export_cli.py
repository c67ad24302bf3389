"""``factcheck export``: formats, default file names, never overwriting, errors; CSV quoting
and formula guard; JSON contents; the export code never importing Textual."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.export.errors import ExportError
from factcheck.export.formats import default_filename, write_export
from factcheck.export.tabular import CSV_COLUMNS, guard_cell
from store_fixtures import make_analysis

NAME = "2021-06-18-minister-says-inflation-halved"


@pytest.fixture
def db(tmp_path, monkeypatch) -> str:
    """A database with one review (id 1, four claims) and the working directory in tmp."""
    from factcheck.store import Store

    monkeypatch.setenv("FACTCHECK_USER", "tester")
    monkeypatch.delenv("FACTCHECK_DB", raising=False)
    monkeypatch.delenv("FACTCHECK_ORGANIZATION", raising=False)
    monkeypatch.chdir(tmp_path)
    path = str(tmp_path / "claims.db")
    with Store.open(path) as store:
        rid = store.import_analysis(make_analysis(4)).review_id
        claims = store.load_claims(rid)
        store.set_verdict(claims[1].id, "mostly-false", "Halved from 8% to 5% is not half.")
        store.add_evidence(claims[1].id, url="https://stats.example/cpi", title="CPI, May")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_writes_the_default_file_and_never_overwrites(db, capsys, tmp_path):
    code, out, err = run(capsys, "--db", db, "export", "1")
    path = tmp_path / f"{NAME}.md"
    assert code == 0 and err == ""
    assert out.strip() == f"review 1: wrote markdown to {NAME}.md (4 claims, 1 reviewed)"
    report = path.read_text(encoding="utf-8")
    assert report.startswith("# Fact check: Minister says inflation halved\n")

    path.write_text("edited by hand\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "export", "1")
    assert code == 2 and out == ""
    assert err == f"factcheck: {NAME}.md already exists (use --force to replace it)\n"
    assert path.read_text(encoding="utf-8") == "edited by hand\n"

    code, out, err = run(capsys, "--db", db, "export", "1", "--force")
    assert code == 0 and path.read_text(encoding="utf-8") == report
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_output_to_stdout_file_and_directory(db, capsys, tmp_path):
    code, out, _ = run(capsys, "--db", db, "export", "1", "-o", "-")
    assert code == 0 and out.startswith("# Fact check: Minister says inflation halved\n")
    assert not list(tmp_path.glob("*.md"))

    code, _, _ = run(capsys, "--db", db, "export", "1", "-o", "report.md")
    assert code == 0 and (tmp_path / "report.md").read_text(encoding="utf-8") == out

    (tmp_path / "out").mkdir()
    code, printed, _ = run(capsys, "--db", db, "export", "1", "-f", "csv", "-o", "out")
    assert code == 0 and (tmp_path / "out" / f"{NAME}.csv").exists()
    assert f"out/{NAME}.csv" in printed


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "99"], "factcheck: no review with id 99\n"),
        (["export", "1", "-o", "missing-dir/x.md"], "factcheck: cannot write missing-dir/x.md: "),
        (
            ["export", "1", "-f", "claimreview", "--base-url", "javascript:alert(1)"],
            "factcheck: --base-url must be an http(s) address, not 'javascript:alert(1)'\n",
        ),
    ],
)
def test_errors_are_one_line_with_status_2(db, capsys, argv, message):
    code, out, err = run(capsys, "--db", db, *argv)
    assert code == 2 and out == ""
    assert err.startswith(message) and err.count("\n") == 1


def test_missing_database_is_an_error_and_is_not_created(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--db", str(tmp_path / "nope.db"), "export", "1")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert not (tmp_path / "nope.db").exists()


def test_unknown_format_is_a_usage_error(db, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--db", db, "export", "1", "--format", "docx"])
    assert exc.value.code == 2
    assert "invalid choice: 'docx'" in capsys.readouterr().err


def test_claimreview_from_the_cli(db, capsys, monkeypatch):
    code, out, _ = run(capsys, "--db", db, "export", "1", "-f", "claimreview", "-o", "-")
    [item] = json.loads(out)
    assert item["url"] == "https://example.org/news/inflation"  # the source: no --base-url
    assert item["author"] == {"@type": "Person", "name": "tester"}
    assert item["reviewRating"]["alternateName"] == "Mostly false"
    assert item["reviewRating"]["ratingValue"] == 2

    monkeypatch.setenv("FACTCHECK_ORGANIZATION", "Example Checks")
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "export",
        "1",
        "-f",
        "claimreview",
        "--base-url",
        "https://checks.example/inflation",
        "-o",
        "-",
    )
    [item] = json.loads(out)
    assert item["url"] == "https://checks.example/inflation#claim-2"
    assert item["author"] == {"@type": "Organization", "name": "Example Checks"}
    code, out, _ = run(
        capsys, "--db", db, "export", "1", "-f", "claimreview", "--organization", "Desk", "-o", "-"
    )
    assert json.loads(out)[0]["author"]["name"] == "Desk"

    code, printed, _ = run(capsys, "--db", db, "export", "1", "-f", "claimreview")
    assert code == 0 and Path(f"{NAME}.claimreview.json").exists()
    assert "(1 ClaimReview object)" in printed


def test_json_from_the_cli(db, capsys):
    code, out, _ = run(capsys, "--db", db, "export", "1", "-f", "json", "-o", "-")
    data = json.loads(out)
    assert data["format"] == "factcheck-review"
    assert [c["id"] for c in data["claims"]] == [1, 2, 3, 4]
    assert data["claims"][1]["verdict_label"] == "Mostly false"
    assert data["claims"][1]["evidence"] == [data["evidence"][0]["id"]]
    assert data["evidence"][0]["claim_id"] == 2
    assert data["evidence"][0]["url"] == "https://stats.example/cpi"
    assert [h["action"] for h in data["history"]] == ["import", "set_verdict", "add_evidence"]
    assert data["quotes"][0]["claim_id"] == 2 and len(data["flags"]) == 3


def test_csv_rows_quoting_and_formula_guard(db, capsys):
    from factcheck.store import Store

    with Store.open(db) as store:
        claims = store.load_claims(1)
        store.edit_claim_text(claims[0].id, '=HYPERLINK("http://evil.example","click")')
        store.set_verdict(claims[0].id, "false", '+1 line, with a comma\nand a "quote"')
        store.edit_claim_text(claims[2].id, "@SUM(A1:A9)")
        store.add_evidence(claims[2].id, url="https://a.example/1")
        store.add_evidence(claims[2].id, url="https://b.example/2")
        store.edit_claim_text(claims[3].id, "-5% in May")
    code, out, _ = run(capsys, "--db", db, "export", "1", "-f", "csv", "-o", "-")
    assert code == 0 and "\r\n" in out
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == list(CSV_COLUMNS)
    assert len(rows) == 5 and all(len(r) == len(CSV_COLUMNS) for r in rows)
    row = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    assert row["text"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["rationale"] == '\'+1 line, with a comma\nand a "quote"'
    assert row["verdict"] == "False" and row["status"] == "done"
    assert row["open_flags"] == "1" and row["confirmed_flags"] == "0"
    row2 = dict(zip(CSV_COLUMNS, rows[2], strict=True))
    assert row2["speaker"] == "Jane Roe" and row2["speaker_title"] == "Finance Minister"
    assert row2["evidence_count"] == "1" and row2["evidence_urls"] == "https://stats.example/cpi"
    row3 = dict(zip(CSV_COLUMNS, rows[3], strict=True))
    assert row3["text"] == "'@SUM(A1:A9)"
    assert row3["evidence_urls"] == "https://a.example/1\nhttps://b.example/2"
    assert rows[4][1] == "'-5% in May"
    assert rows[4][3] == f"{float(rows[4][3]):.3f}"  # numbers stay numbers


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("  =x", "'  =x"),
        ("x=1", "x=1"),
        ("", ""),
        (None, ""),
        (3, "3"),
    ],
)
def test_guard_cell(value, expected):
    assert guard_cell(value) == expected


def test_default_filenames():
    day = dt.date(2024, 3, 14)
    title = "Ferry fares to rise 12% as city blames fuel costs"
    assert (
        default_filename(title, day, 1, "markdown")
        == "2024-03-14-ferry-fares-to-rise-12-as-city-blames-fuel-costs.md"
    )
    assert default_filename(title, None, 1, "csv") == (
        "ferry-fares-to-rise-12-as-city-blames-fuel-costs.csv"
    )
    assert default_filename(None, day, 7, "json") == "2024-03-14-review-7.json"
    assert default_filename("???", None, 7, "claimreview") == "review-7.claimreview.json"
    assert default_filename("../../etc/passwd", None, 7, "markdown") == "etc-passwd.md"


def test_write_export(tmp_path):
    path = tmp_path / "r.md"
    assert write_export(path, "one\n") == path
    with pytest.raises(ExportError, match="already exists"):
        write_export(path, "two\n")
    assert path.read_text() == "one\n"
    write_export(path, "two\n", force=True)
    assert path.read_text() == "two\n"
    with pytest.raises(ExportError, match="is a directory"):
        write_export(tmp_path, "x", force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]


def test_export_help_lists_the_formats(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    for word in ("markdown", "claimreview", "json", "csv", "--force", "--base-url"):
        assert word in out


def test_export_code_never_imports_textual(db):
    code = (
        "import sys\n"
        "import factcheck.export, factcheck.export.data, factcheck.export.markdown\n"
        "import factcheck.export.claimreview, factcheck.export.tabular\n"
        "import factcheck.export.formats, factcheck.export.mdtext, factcheck.commands.export_cmds\n"
        "from factcheck.cli import main\n"
        f"for fmt in ('markdown', 'claimreview', 'json', 'csv'):\n"
        f"    assert main(['--db', {db!r}, 'export', '1', '-f', fmt, '-o', '-']) == 0\n"
        "print('textual' in sys.modules, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip() == "False"
