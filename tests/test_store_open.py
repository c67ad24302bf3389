"""Opening the review database: locations, SQLite settings, refusals, migrations."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from factcheck.errors import StoreError
from factcheck.store import Store, engine
from factcheck.store.engine import resolve_target
from store_fixtures import *  # noqa: F403
from store_fixtures import PG_URL, make_analysis, reset_pg


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_one_line_refusal(path: Path, match: str, **kw) -> None:
    before = digest(path) if path.is_file() else None
    with pytest.raises(StoreError, match=match) as info:
        Store.open(path, **kw)
    assert "\n" not in str(info.value)
    if before is not None:
        assert digest(path) == before, "the file must be left untouched"


# ------------------------------------------------------------------ where


def test_resolve_target(monkeypatch, tmp_path):
    monkeypatch.delenv("FACTCHECK_DB", raising=False)
    assert resolve_target(None).path == Path("claims.db")
    monkeypatch.setenv("FACTCHECK_DB", str(tmp_path / "env.db"))
    assert resolve_target(None).path == tmp_path / "env.db"
    assert resolve_target("other.db").path == Path("other.db")
    assert resolve_target("sqlite:///x/y.db").path == Path("x/y.db")
    pg = resolve_target("postgresql+psycopg://me:secret@db.example/claims")
    assert pg.path is None and "secret" not in pg.display


def test_default_location_is_claims_db_in_cwd(monkeypatch, tmp_path):
    monkeypatch.delenv("FACTCHECK_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    with Store.open() as store:
        assert store.path == Path("claims.db")
    assert (tmp_path / "claims.db").is_file()


def test_sqlite_settings(sqlite_path):
    with Store.open(sqlite_path, timeout=3) as store, store._engine.connect() as conn:
        pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 1  # NORMAL
        assert pragma("busy_timeout") == 3000


def test_opening_at_head_skips_alembic(sqlite_path):
    code = (
        "import sys; from factcheck.store import Store;"
        f"s = Store.open({str(sqlite_path)!r}); s.list_reviews(); s.close();"
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_open_is_fast_at_head(sqlite_path):
    Store.open(sqlite_path).close()
    started = time.perf_counter()
    Store.open(sqlite_path).close()
    assert time.perf_counter() - started < 0.2


# ------------------------------------------------------------------ refusals


def test_directory(tmp_path):
    assert_one_line_refusal(tmp_path, "is a directory")


def test_missing_directory(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "nope" / "claims.db")


def test_create_false(tmp_path):
    with pytest.raises(StoreError, match="no database at"):
        Store.open(tmp_path / "claims.db", create=False)
    assert not (tmp_path / "claims.db").exists()


def test_text_file_is_not_a_database(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Dear editor,\n" * 50)
    assert_one_line_refusal(path, "not a factcheck database .not an SQLite file")


def test_other_sqlite_database(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO recipes (name) VALUES ('soup')")
    con.commit()
    con.close()
    assert_one_line_refusal(path, "not a factcheck database .it has other tables: recipes")
    assert not Path(f"{path}-wal").exists()


def test_database_from_a_newer_factcheck(sqlite_path):
    con = sqlite3.connect(sqlite_path)
    con.execute("UPDATE factcheck_version SET version_num = '0099'")
    con.commit()
    con.close()
    assert_one_line_refusal(sqlite_path, "made by a newer factcheck .schema 0099")


def test_empty_file_becomes_a_database(tmp_path):
    path = tmp_path / "claims.db"
    path.touch()
    with Store.open(path) as store:
        assert store.list_reviews() == []


def test_corrupt_file(sqlite_path):
    with Store.open(sqlite_path) as store:
        store.import_analysis(make_analysis(30))
    data = bytearray(sqlite_path.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    data[page:] = bytes((i * 7 + 3) % 251 for i in range(len(data) - page))
    sqlite_path.write_bytes(bytes(data))
    assert_one_line_refusal(sqlite_path, "is damaged|not a factcheck database")


def test_corrupt_header(sqlite_path):
    data = bytearray(sqlite_path.read_bytes())
    data[20:40] = b"\xff" * 20
    sqlite_path.write_bytes(bytes(data))
    assert_one_line_refusal(sqlite_path, "damaged|not a factcheck database")


def test_unwritable_directory_for_a_new_database(tmp_path):
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="is not writable"):
            Store.open(locked / "claims.db")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


def test_read_only_file_opens_read_only(sqlite_path):
    with Store.open(sqlite_path) as store:
        review_id = store.import_analysis(make_analysis()).review_id
    sqlite_path.chmod(0o444)
    before = digest(sqlite_path)
    try:
        with Store.open(sqlite_path) as store:
            assert store.readonly
            claim = store.load_claims(review_id)[0]
            with pytest.raises(StoreError, match="read-only: changes cannot be saved"):
                store.set_verdict(claim.id, "true")
        assert digest(sqlite_path) == before
    finally:
        sqlite_path.chmod(0o644)


def test_database_in_read_only_directory_opens_read_only(sqlite_path):
    with Store.open(sqlite_path) as store:
        review_id = store.import_analysis(make_analysis()).review_id
    before = digest(sqlite_path)
    sqlite_path.parent.chmod(0o555)
    try:
        with Store.open(sqlite_path) as store:
            assert store.readonly
            assert len(store.load_claims(review_id)) == 5
    finally:
        sqlite_path.parent.chmod(0o755)
    assert digest(sqlite_path) == before


def test_locked_past_the_timeout(sqlite_path):
    with Store.open(sqlite_path) as store:
        review_id = store.import_analysis(make_analysis()).review_id
    other = sqlite3.connect(sqlite_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with Store.open(sqlite_path, timeout=0.2) as store:
            claim = store.load_claims(review_id)[0]  # readers are not blocked (WAL)
            started = time.perf_counter()
            with pytest.raises(StoreError, match="is locked by another program") as info:
                store.set_verdict(claim.id, "true")
            assert time.perf_counter() - started < 3
            assert "\n" not in str(info.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    with Store.open(sqlite_path) as store:
        assert store.load_claims(review_id)[0].verdict is None


# ------------------------------------------------------------------ migrations


def test_schema_head_matches_the_scripts():
    assert engine.script_head() == engine.SCHEMA_HEAD
    assert engine.SCHEMA_HEAD in engine.known_revisions()


def _schema_diff(conn):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import factcheck.store.models  # noqa: F401
    from factcheck.officials.tables import OFFICIALS_METADATA
    from factcheck.store.models import include_name

    context = MigrationContext.configure(
        conn,
        opts={
            "compare_type": True,
            "version_table": engine.VERSION_TABLE,
            "target_metadata": [SQLModel.metadata, OFFICIALS_METADATA],
            # The claim full-text search (0004) is kept outside the models.
            "include_name": include_name,
        },
    )
    return compare_metadata(context, [SQLModel.metadata, OFFICIALS_METADATA])


def test_migrations_build_the_models_schema(db_url):
    Store.open(db_url).close()
    url = db_url if "://" in db_url else f"sqlite:///{db_url}"
    eng = sa.create_engine(url)
    with eng.connect() as conn:
        assert _schema_diff(conn) == []
    eng.dispose()


FAKE_NEXT = '''"""Test-only revision: adds review.notes.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("review") as batch:
        batch.add_column(sa.Column("notes", sa.Text(), nullable=True))
    # A batch rebuild of a parent table must not cascade-delete its children.
    op.create_index("ix_claim_status", "claim", ["status"])


def downgrade():
    op.drop_index("ix_claim_status", "claim")
    with op.batch_alter_table("review") as batch:
        batch.drop_column("notes")
'''


#: The revision this factcheck creates, and the one the test-only script adds after it.
CURRENT, NEXT = engine.SCHEMA_HEAD, "0005"


def pretend_newer_factcheck(tmp_path, monkeypatch):
    """Pretend to be a factcheck whose migrations go one revision further (0005)."""
    assert CURRENT == "0004", "update FAKE_NEXT to revise the new head"
    migrations = tmp_path / "migrations"
    shutil.copytree(engine.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "0005_test_notes.py").write_text(FAKE_NEXT)
    monkeypatch.setattr(engine, "MIGRATIONS_DIR", migrations)
    monkeypatch.setattr(engine, "SCHEMA_HEAD", NEXT)


@pytest.fixture
def newer_factcheck(tmp_path, monkeypatch):
    pretend_newer_factcheck(tmp_path, monkeypatch)


def test_older_database_is_upgraded_after_a_backup(sqlite_path, tmp_path, monkeypatch):
    # A genuine database made by this factcheck (at its head, 0004), with data in it.
    with Store.open(sqlite_path) as store:
        result = store.import_analysis(make_analysis())
        claim = store.load_claims(result.review_id)[0]
        store.set_verdict(claim.id, "false", "no", who="ana")
        store.add_evidence(claim.id, note="n", who="ana")
    con = sqlite3.connect(sqlite_path)
    assert con.execute("SELECT version_num FROM factcheck_version").fetchone() == (CURRENT,)
    con.close()

    pretend_newer_factcheck(tmp_path, monkeypatch)
    with Store.open(sqlite_path) as store:
        assert store.backup_path is not None
        assert store.backup_path.name.startswith(f"claims.db.bak-{CURRENT}-")
        assert store.backup_path.parent == sqlite_path.parent
        assert store.load_claims(result.review_id)[0].verdict == "false"
        assert len(store.list_evidence(result.review_id)) == 1
        assert len(store.list_flags(result.review_id)) == 3
        backup_path = store.backup_path
    con = sqlite3.connect(sqlite_path)
    assert con.execute("SELECT version_num FROM factcheck_version").fetchone() == (NEXT,)
    assert "notes" in [r[1] for r in con.execute("PRAGMA table_info(review)")]
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    backup = sqlite3.connect(backup_path)
    assert backup.execute("SELECT version_num FROM factcheck_version").fetchone() == (CURRENT,)
    assert backup.execute("SELECT verdict FROM claim WHERE ordinal = 1").fetchone() == ("false",)
    backup.close()
    # Opening again: already at head, no second backup.
    with Store.open(sqlite_path) as store:
        assert store.backup_path is None


def test_revision_0001_database_gains_the_officials_tables(sqlite_path):
    """A database from before the officials registry (0001) is backed up, then upgraded."""
    from alembic import command

    with Store.open(sqlite_path) as store:
        result = store.import_analysis(make_analysis())
        claim = store.load_claims(result.review_id)[0]
        store.set_verdict(claim.id, "false", "no", who="ana")
    mig = engine.make_engine(resolve_target(sqlite_path), readonly=False, timeout=5)
    with mig.connect() as conn:
        command.downgrade(engine._alembic_config(conn), "0001")
        conn.commit()
    mig.dispose()
    con = sqlite3.connect(sqlite_path)
    assert con.execute("SELECT version_num FROM factcheck_version").fetchone() == ("0001",)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "official_person" not in tables
    con.close()

    with Store.open(sqlite_path) as store:
        assert store.backup_path is not None
        assert store.backup_path.name.startswith("claims.db.bak-0001-")
        assert store.load_claims(result.review_id)[0].verdict == "false"
        assert len(store.list_flags(result.review_id)) == 3
    eng = sa.create_engine(f"sqlite:///{sqlite_path}")
    with eng.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM factcheck_version").scalar() == "0004"
        assert _schema_diff(conn) == []
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    eng.dispose()


def test_read_only_old_database_is_refused(sqlite_path, newer_factcheck):
    sqlite_path.chmod(0o444)
    try:
        assert_one_line_refusal(
            sqlite_path, "needs upgrading .schema 0004 -> 0005. but is read-only"
        )
    finally:
        sqlite_path.chmod(0o644)


@pytest.mark.skipif(not PG_URL, reason="set FACTCHECK_TEST_PG_URL to run PostgreSQL tests")
def test_postgres_refusals():
    reset_pg(PG_URL)
    eng = sa.create_engine(PG_URL)
    with eng.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE recipes (id integer primary key)")
    with pytest.raises(StoreError, match="not a factcheck database"):
        Store.open(PG_URL)
    reset_pg(PG_URL)
    Store.open(PG_URL).close()
    with eng.begin() as conn:
        conn.exec_driver_sql("UPDATE factcheck_version SET version_num = '0099'")
    with pytest.raises(StoreError, match="newer factcheck"):
        Store.open(PG_URL)
    eng.dispose()
    with pytest.raises(StoreError, match="database error on postgresql"):
        Store.open(PG_URL.rsplit("/", 1)[0] + "/no_such_database_here")


def test_env_var_is_used(monkeypatch, sqlite_path):
    monkeypatch.setenv("FACTCHECK_DB", os.fspath(sqlite_path))
    with Store.open() as store:
        assert store.path == sqlite_path
