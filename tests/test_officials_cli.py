"""``factcheck officials import/list/show/export/lookup`` through ``factcheck.cli.main``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import httpx
import pytest

from factcheck.cli import main
from factcheck.officials import wikidata
from factcheck.officials.tables import load_registry
from factcheck.store import Store
from test_officials_wikidata import FakeWikidata

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "officials.csv"
HEADER = "name,role,organization,start,end,source_url\n"
PSAKI_CSV = HEADER + (
    "Jen Psaki,State Department spokesperson,US Department of State,2013-02-11,2015-03-31,"
    "https://www.wikidata.org/wiki/Q6178005\n"
    "Jen Psaki,White House press secretary,White House,2021-01-20,2022-05-13,"
    "https://www.wikidata.org/wiki/Q6178005\n"
)


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    monkeypatch.delenv("FACTCHECK_DB", raising=False)
    return tmp_path / "claims.db"


def run(capsys, db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), "officials", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def registry(db: Path):
    with Store.open(db, create=False) as store:
        return load_registry(store.engine)


# ------------------------------------------------------------------ import


def test_import_reports_added_then_skipped(capsys, db, tmp_path):
    path = write(tmp_path, "psaki.csv", PSAKI_CSV)
    code, out, err = run(capsys, db, "import", str(path))
    assert code == 0, err
    assert "2 added, 0 updated, 0 skipped" in out and "1 new people" in out
    assert "added: Jen Psaki: White House press secretary" in out
    reg = registry(db)
    [person] = reg.find_person("Psaki")
    assert len(reg.roles_of(person.id)) == 2

    code, out, _ = run(capsys, db, "import", str(path))
    assert code == 0
    assert "0 added, 0 updated, 2 skipped" in out
    assert out.count("skipped: Jen Psaki") == 2
    assert len(registry(db).roles_of(person.id)) == 2


def test_import_updates_a_changed_end_date(capsys, db, tmp_path):
    run(capsys, db, "import", str(write(tmp_path, "a.csv", PSAKI_CSV)))
    changed = PSAKI_CSV.replace("2022-05-13", "2022-05-14")
    code, out, _ = run(capsys, db, "import", str(write(tmp_path, "b.csv", changed)))
    assert code == 0
    assert "0 added, 1 updated, 1 skipped" in out
    assert "updated: Jen Psaki: White House press secretary" in out


def test_import_json(capsys, db, tmp_path):
    rows = [
        {
            "name": "Jen Psaki",
            "role": "White House press secretary",
            "organization": "White House",
            "start": "2021-01-20",
            "end": "",
            "source_url": "",
        },
    ]
    code, out, err = run(capsys, db, "import", str(write(tmp_path, "p.json", json.dumps(rows))))
    assert code == 0, err
    assert "1 added" in out


def test_import_with_errors_applies_nothing(capsys, db, tmp_path):
    run(capsys, db, "import", str(write(tmp_path, "good.csv", PSAKI_CSV)))
    bad = HEADER + (
        "Joe Biden,President of the United States,United States,2021-01-20,2025-01-20,\n"
        ",Mayor,Harbour City,2021,,\n"
        "Tom Okafor,City Treasurer,Harbour City,2023-13-01,,ftp://nope\n"
    )
    path = write(tmp_path, "bad.csv", bad)
    code, out, err = run(capsys, db, "import", str(path))
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert any("line 3: name is empty" in line for line in lines)
    assert any("line 4: start:" in line for line in lines)
    assert any("line 4: source_url" in line for line in lines)
    assert lines[-1].endswith("3 errors, nothing imported")
    assert "Traceback" not in err
    reg = registry(db)
    assert reg.find_person("Joe Biden") == []
    assert len(reg) == 1


def test_bad_file_never_creates_a_database(capsys, db, tmp_path):
    code, _, err = run(capsys, db, "import", str(write(tmp_path, "bad.csv", "who,what\n")))
    assert code == 2 and "bad header" in err
    assert not db.exists()
    code, _, err = run(capsys, db, "import", str(tmp_path / "missing.csv"))
    assert code == 2 and "missing.csv" in err
    assert not db.exists()


# ------------------------------------------------------------------ list / show / export


def test_list_show_export(capsys, db, tmp_path):
    code, out, err = run(capsys, db, "import", str(EXAMPLES))
    assert code == 0, err

    code, out, _ = run(capsys, db, "list")
    assert code == 0
    assert out.splitlines()[0].startswith("NAME")
    psaki = next(line for line in out.splitlines() if line.startswith("Jen Psaki"))
    assert "White House press secretary" in psaki and "2021-01-20 to 2022-05-13" in psaki
    code, out, _ = run(capsys, db, "list", "kim")
    assert "Kim Jong-un" in out and "Jen Psaki" not in out

    code, out, _ = run(capsys, db, "show", "Psaki")
    assert code == 0
    assert out.splitlines()[0] == "Jen Psaki"
    assert "State Department spokesperson, US Department of State: 2013-02-11 to 2015-03-31" in out
    assert "https://www.wikidata.org/wiki/Q6178005" in out

    code, _, err = run(capsys, db, "show", "Nobody Atall")
    assert code == 2 and "nobody called 'Nobody Atall'" in err

    code, out, _ = run(capsys, db, "export")
    assert code == 0
    exported = list(csv.DictReader(io.StringIO(out)))
    original = list(csv.DictReader(EXAMPLES.open(encoding="utf-8")))
    assert len(exported) == len(original)
    key = lambda r: (r["name"], r["role"], r["start"])  # noqa: E731
    assert sorted(map(key, exported)) == sorted(map(key, original))

    target = tmp_path / "out.csv"
    code, out, _ = run(capsys, db, "export", "-o", str(target))
    assert code == 0 and f"to {target}" in out
    # The export imports back into another database as the same registry.
    other = tmp_path / "other.db"
    code, out, _ = run(capsys, other, "import", str(target))
    assert code == 0 and f"{len(original)} added" in out


def test_list_on_an_empty_registry(capsys, db):
    Store.open(db).close()
    code, out, _ = run(capsys, db, "list")
    assert code == 0 and out.startswith("no officials in")


def test_read_commands_never_create_a_database(capsys, db):
    for argv in (["list"], ["show", "Psaki"], ["export"]):
        code, _, err = run(capsys, db, *argv)
        assert code == 2 and "no database at" in err
        assert len(err.strip().splitlines()) == 1
    assert not db.exists()


def test_officials_without_an_action_prints_help(capsys, db):
    code, _, err = run(capsys, db)
    assert code == 2 and "import" in err and "lookup" in err


# ------------------------------------------------------------------ lookup


@pytest.fixture
def fake(monkeypatch):
    """Wikidata served from tests/fixtures/wikidata through a MockTransport."""
    server = FakeWikidata()
    monkeypatch.setattr(
        wikidata, "make_client", lambda: httpx.Client(transport=httpx.MockTransport(server))
    )
    return server


def test_lookup_stores_the_roles_with_wikidata_as_source(capsys, db, fake):
    code, out, err = run(capsys, db, "lookup", "Jen Psaki", "--yes")
    assert code == 0, err
    assert "Jen Psaki (Q6178005)" in out
    assert "White House Press Secretary, White House: 2021-01-20 to 2022-05-13" in out
    assert "not kept:" in out  # the deprecated statement is explained
    assert "5 added" in out
    reg = registry(db)
    [person] = reg.find_person("Psaki")
    assert person.wikidata_id == "Q6178005"
    assert "Jennifer Psaki" in person.aliases
    roles = reg.roles_of(person.id)
    assert len(roles) == 5
    assert {r.source for r in roles} == {"https://www.wikidata.org/wiki/Q6178005"}

    code, out, _ = run(capsys, db, "lookup", "Jen Psaki", "--yes")
    assert code == 0 and "0 added" in out
    assert len(registry(db).roles_of(person.id)) == 5
    assert registry(db).find_person("Jennifer Psaki") == [registry(db).get_person(person.id)]


def test_lookup_flags_the_seed_article_from_the_database(capsys, db, fake):
    from factcheck.officials.checks import run_checks
    from test_officials_checks import seed_analysis

    assert run(capsys, db, "lookup", "Jen Psaki", "--yes")[0] == 0
    flags = run_checks(seed_analysis(), registry(db))
    kinds = [f.kind for f in flags if "Psaki" in f.message]
    assert "title-date-mismatch" in kinds, [f.message for f in flags]


def test_lookup_with_several_people_needs_pick(capsys, db, fake):
    code, out, err = run(capsys, db, "lookup", "John Smith", "--yes")
    assert code == 2
    assert "1. John Smith (Q228024): English explorer" in out
    assert "2. John Smith (Q6258420): British" in out
    assert "--pick" in err and len(err.strip().splitlines()) == 1
    assert not db.exists()

    code, out, err = run(capsys, db, "lookup", "John Smith", "--pick", "3", "--yes")
    assert code == 2 and "out of range" in err
    assert not db.exists()

    code, out, err = run(capsys, db, "lookup", "John Smith", "--pick", "2", "--yes")
    assert code == 0, err
    reg = registry(db)
    assert [p.wikidata_id for p in reg.people()] == ["Q6258420"]


def test_lookup_nobody(capsys, db, fake):
    code, _, err = run(capsys, db, "lookup", "Nobody Atall", "--yes")
    assert code == 2 and "knows nobody called" in err
    assert not db.exists()


def test_lookup_without_yes_and_no_terminal_stores_nothing(capsys, db, fake, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, err = run(capsys, db, "lookup", "Jen Psaki")
    assert code == 2 and "--yes" in err
    assert "White House Press Secretary" in out  # what would be stored is shown
    assert not db.exists()


def test_lookup_confirmation_in_a_terminal(capsys, db, fake, monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stdin", Tty("n\n"))
    code, out, _ = run(capsys, db, "lookup", "Jen Psaki")
    assert code == 1 and "nothing stored" in out
    assert not db.exists()
    monkeypatch.setattr("sys.stdin", Tty("y\n"))
    code, out, _ = run(capsys, db, "lookup", "Jen Psaki")
    assert code == 0 and "5 added" in out


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("[Errno -3] Temporary failure in name resolution"),
        httpx.ReadTimeout("timed out"),
        503,
    ],
)
def test_lookup_offline_or_http_error_is_one_line_and_stores_nothing(
    capsys, db, monkeypatch, failure
):
    def handler(request):
        if isinstance(failure, Exception):
            raise failure
        return httpx.Response(failure)

    monkeypatch.setattr(
        wikidata, "make_client", lambda: httpx.Client(transport=httpx.MockTransport(handler))
    )
    Store.open(db).close()
    code, out, err = run(capsys, db, "lookup", "Jen Psaki", "--yes")
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Wikidata" in err
    assert "Traceback" not in err
    assert len(registry(db)) == 0


def test_lookup_failing_half_way_stores_nothing(capsys, db, monkeypatch):
    """The search answers, fetching the labels fails: no role of the person is stored."""
    server = FakeWikidata()

    def handler(request):
        if request.url.params.get("props") == "labels":
            return httpx.Response(500)
        return server(request)

    monkeypatch.setattr(
        wikidata, "make_client", lambda: httpx.Client(transport=httpx.MockTransport(handler))
    )
    code, _, err = run(capsys, db, "lookup", "Jen Psaki", "--yes")
    assert code == 2 and "HTTP 500" in err
    assert not db.exists()


def test_import_into_a_read_only_database_is_one_line(capsys, db, tmp_path):
    Store.open(db).close()
    db.chmod(0o444)
    try:
        code, _, err = run(capsys, db, "import", str(write(tmp_path, "p.csv", PSAKI_CSV)))
    finally:
        db.chmod(0o644)
    assert code == 2 and "read-only" in err
    assert len(err.strip().splitlines()) == 1
    assert len(registry(db)) == 0
