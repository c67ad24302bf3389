"""The registry in the review database is used by ``analyze`` and by ``import``."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.store import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbour-ferry.txt"
OFFICIALS = ROOT / "examples" / "officials.csv"
PSAKI_CSV = (
    "name,role,organization,start,end,source_url\n"
    "Jen Psaki,State Department spokesperson,US Department of State,2013-02-11,2015-03-31,\n"
    "Jen Psaki,White House press secretary,White House,2021-01-20,2022-05-13,\n"
)


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    monkeypatch.delenv("FACTCHECK_DB", raising=False)
    monkeypatch.setenv("FACTCHECK_USER", "tester")
    return tmp_path / "claims.db"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def analyze_flags(capsys, *argv) -> tuple[list[dict], str]:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return json.loads(out)["flags"], err


def kinds(flags) -> list[str]:
    return [f["kind"] for f in flags]


# ------------------------------------------------------------------ analyze


def test_analyze_uses_the_database_registry(capsys, db):
    assert run(capsys, "--db", db, "officials", "import", OFFICIALS)[0] == 0
    flags, err = analyze_flags(capsys, "--db", db, "analyze", EXAMPLE, "--json")
    assert err == ""
    okafor = [f for f in flags if f["kind"] == "title-date-mismatch"]
    assert len(okafor) == 1 and "Tom Okafor" in okafor[0]["message"]
    assert "City Treasurer" in okafor[0]["message"]


def test_analyze_finds_the_database_through_the_environment(capsys, db, monkeypatch):
    assert run(capsys, "--db", db, "officials", "import", OFFICIALS)[0] == 0
    monkeypatch.setenv("FACTCHECK_DB", str(db))
    flags, _ = analyze_flags(capsys, "analyze", EXAMPLE, "--json")
    assert "title-date-mismatch" in kinds(flags)


def test_analyze_seed_article_psaki_flag_from_the_database(capsys, db, tmp_path, seed_path):
    csv_path = tmp_path / "psaki.csv"
    csv_path.write_text(PSAKI_CSV)
    assert run(capsys, "--db", db, "officials", "import", csv_path)[0] == 0
    flags, _ = analyze_flags(
        capsys, "--db", db, "analyze", seed_path, "--date", "2021-06-18", "--json"
    )
    mismatch = [f for f in flags if f["kind"] == "title-date-mismatch"]
    assert len(mismatch) == 1
    message = mismatch[0]["message"]
    assert "Psaki" in message and "2021-01-20" in message and "2013-02-11" in message
    assert not any("Easley" in f["message"] or "Kim" in f["message"] for f in mismatch)


def test_analyze_never_creates_a_database(capsys, db, monkeypatch, tmp_path):
    without, _ = analyze_flags(capsys, "--db", db, "analyze", EXAMPLE, "--json")
    assert not db.exists()
    assert "title-date-mismatch" not in kinds(without)
    monkeypatch.chdir(tmp_path)
    analyze_flags(capsys, "analyze", EXAMPLE, "--json")
    assert not (tmp_path / "claims.db").exists()


def test_analyze_with_an_empty_registry_is_unchanged(capsys, db):
    without, _ = analyze_flags(capsys, "--db", db, "analyze", EXAMPLE, "--json")
    Store.open(db).close()
    before = db.read_bytes()
    with_db, err = analyze_flags(capsys, "--db", db, "analyze", EXAMPLE, "--json")
    assert with_db == without and err == ""
    assert db.read_bytes() == before


def test_analyze_no_db_officials(capsys, db):
    assert run(capsys, "--db", db, "officials", "import", OFFICIALS)[0] == 0
    flags, _ = analyze_flags(capsys, "--db", db, "analyze", EXAMPLE, "--json", "--no-db-officials")
    assert "title-date-mismatch" not in kinds(flags)


def test_analyze_database_and_file_registries_are_checked_once(capsys, db):
    assert run(capsys, "--db", db, "officials", "import", OFFICIALS)[0] == 0
    flags, _ = analyze_flags(
        capsys, "--db", db, "analyze", EXAMPLE, "--json", "--officials", OFFICIALS
    )
    assert kinds(flags).count("title-date-mismatch") == 1


def test_analyze_leaves_a_database_from_before_the_registry_alone(capsys, db):
    from alembic import command

    from factcheck.store import engine

    Store.open(db).close()
    mig = engine.make_engine(engine.resolve_target(db), readonly=False, timeout=5)
    with mig.connect() as conn:
        command.downgrade(engine._alembic_config(conn), "0001")
        conn.commit()
    mig.dispose()
    before = db.read_bytes()
    flags, err = analyze_flags(capsys, "--db", db, "analyze", EXAMPLE, "--json")
    assert err == "" and "anonymous-source" in kinds(flags)
    assert db.read_bytes() == before
    assert not list(db.parent.glob("claims.db.bak-*"))


def test_analyze_with_an_unusable_database_warns_and_goes_on(capsys, tmp_path):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    flags, err = analyze_flags(capsys, "--db", other, "analyze", EXAMPLE, "--json")
    assert "officials registry not used" in err and "not a factcheck database" in err
    assert len(err.strip().splitlines()) == 1
    assert "anonymous-source" in kinds(flags)


# ------------------------------------------------------------------ import


def officials_flags(db: Path, review_id: int = 1):
    with Store.open(db) as store:
        return [f for f in store.list_flags(review_id) if f.origin == "officials"]


def test_import_stores_officials_flags(capsys, db):
    assert run(capsys, "--db", db, "officials", "import", OFFICIALS)[0] == 0
    code, out, err = run(capsys, "--db", db, "import", EXAMPLE)
    assert code == 0, err
    assert out.startswith("1\tnew review:") and "1 officials flag)" in out
    [flag] = officials_flags(db)
    assert flag.kind == "title-date-mismatch" and "Tom Okafor" in flag.message
    assert flag.claim_id is not None and flag.state == "open"
    with Store.open(db) as store:
        claim = store.get_claim(flag.claim_id)
    assert claim.speaker == "Tom Okafor"  # the claim analyze flags too


def test_import_without_a_registry_adds_no_officials_flags(capsys, db):
    code, out, _ = run(capsys, "--db", db, "import", EXAMPLE)
    assert code == 0 and "officials flag" not in out
    assert officials_flags(db) == []


def test_reimport_after_the_registry_grows_keeps_dismissals(capsys, db):
    assert run(capsys, "--db", db, "import", EXAMPLE)[0] == 0
    assert officials_flags(db) == []
    assert run(capsys, "--db", db, "officials", "import", OFFICIALS)[0] == 0
    code, out, _ = run(capsys, "--db", db, "import", EXAMPLE)
    assert code == 0 and out.startswith("1\talready stored") and "1 officials flag" in out
    [flag] = officials_flags(db)
    with Store.open(db) as store:
        store.set_flag_state(flag.id, "dismissed", "the article is right", who="tester")
    assert run(capsys, "--db", db, "import", EXAMPLE)[0] == 0
    [again] = officials_flags(db)
    assert again.id == flag.id and again.state == "dismissed"


ARTICLE_A = """Ferry plan approved

Harbour City, 2024-03-14

The council approved the electric ferry plan on Thursday. "We will replace every diesel ferry
in the fleet with an electric boat before the end of 2027," Mayor Dana Whitfield said at the
meeting.
"""
ARTICLE_B = """Treasurer backs ferries

Harbour City, 2024-03-20

"We will replace every diesel ferry in the fleet with an electric boat before the end of
2027," City Treasurer Tom Okafor said on Wednesday.
"""


def test_import_flags_words_another_stored_review_gives_another_speaker(capsys, db, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE_A)
    b.write_text(ARTICLE_B)
    code, out, _ = run(capsys, "--db", db, "import", a)
    assert code == 0 and "officials flag" not in out
    code, out, _ = run(capsys, "--db", db, "import", b)
    assert code == 0 and "1 officials flag" in out
    [flag] = officials_flags(db, 2)
    assert flag.kind == "quote-other-speaker"
    assert "Tom Okafor here, but to Dana Whitfield in review 1 (Ferry plan approved)" in (
        flag.message
    )
    with Store.open(db) as store:
        [(text, speaker, where)] = store.quotes_elsewhere(2)
        assert text.startswith("We will replace") and speaker == "Dana Whitfield"
        assert where.startswith("review 1 (Ferry plan approved), claim ")
        assert [q[1] for q in store.quotes_elsewhere(1)] == ["Tom Okafor"]


def test_a_revision_is_not_elsewhere(capsys, db, tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(ARTICLE_A)
    assert run(capsys, "--db", db, "import", a)[0] == 0
    a.write_text(ARTICLE_A.replace("Mayor Dana Whitfield", "City Treasurer Tom Okafor"))
    code, out, _ = run(capsys, "--db", db, "import", a)
    assert code == 0 and out.startswith("2\tnew revision 2")
    assert officials_flags(db, 2) == []
    with Store.open(db) as store:
        assert store.quotes_elsewhere(2) == []
