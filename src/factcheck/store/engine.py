"""Opening the review database: where it is, SQLite settings, safety checks, migrations.

``open_engine`` is the only way the store gets an engine. For a SQLite file it first looks at
the file with a read-only connection that cannot change it (is it a directory, empty, an SQLite
file at all, a factcheck database, at which schema revision, writable?), so that every refusal
leaves the file byte-for-byte untouched. Only then does it create the engine whose ``connect``
event sets WAL, ``foreign_keys=ON``, ``busy_timeout`` and ``synchronous=NORMAL``.

Migrations are Alembic scripts shipped in ``migrations/versions``; Alembic is imported only when
a database is new or older than :data:`SCHEMA_HEAD` (startup at head costs one query).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import QueuePool

from factcheck.errors import StoreError

#: The newest schema revision this factcheck knows; must equal the head of
#: ``migrations/versions`` (checked by the tests). Bump it when adding a migration.
SCHEMA_HEAD = "0004"
VERSION_TABLE = "factcheck_version"
DEFAULT_DB = "claims.db"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(slots=True)
class Target:
    """Where the database is: ``path`` for SQLite files, else ``url``."""

    url: str
    path: Path | None  # a SQLite file; None for other back ends and in-memory SQLite
    display: str  # for messages (passwords hidden)


def resolve_target(url_or_path: str | os.PathLike | None = None) -> Target:
    """Resolve ``--db`` / ``$FACTCHECK_DB`` / ``./claims.db`` to a target.

    A plain path means a SQLite file; anything with ``://`` is an SQLAlchemy URL
    (``sqlite:///x.db`` is treated like the path ``x.db``).
    """
    raw = url_or_path if url_or_path is not None else os.environ.get("FACTCHECK_DB") or DEFAULT_DB
    raw = os.fspath(raw)
    if "://" not in raw:
        path = Path(raw).expanduser()
        return Target(url=f"sqlite:///{path}", path=path, display=str(path))
    try:
        url = make_url(raw)
    except exc.ArgumentError:
        raise StoreError(f"not a database URL or path: {raw}") from None
    display = url.render_as_string(hide_password=True)
    if url.get_backend_name() == "sqlite":
        database = url.database
        if database and database != ":memory:" and not database.startswith("file:"):
            path = Path(database).expanduser()
            return Target(url=f"sqlite:///{path}", path=path, display=str(path))
    return Target(url=raw, path=None, display=display)


# --------------------------------------------------------------------------- SQLite checks


@dataclass(slots=True)
class Probe:
    """What a look at the database found before anything was changed."""

    state: str  # "new" (no file / empty / no tables), "current", "old"
    revision: str | None
    readonly: bool


def _writable(path: Path) -> bool:
    """Writable by us *and* not marked read-only (root ignores permission bits; we do not)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and os.access(path, os.W_OK)


def _ro_uri(path: Path, *, immutable: bool = False) -> str:
    from urllib.parse import quote

    suffix = "?mode=ro" + ("&immutable=1" if immutable else "")
    return "file:" + quote(str(path.resolve())) + suffix


def probe_sqlite(path: Path, *, readonly: bool, create: bool, timeout: float) -> Probe:
    """Check a SQLite database file without changing it; raise a one-line StoreError if unusable."""
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    directory = path.parent if str(path.parent) else Path(".")
    if not path.exists():
        if not create:
            raise StoreError(f"no database at {path}")
        if readonly:
            raise StoreError(f"no database at {path} (cannot create one read-only)")
        if not directory.is_dir():
            raise StoreError(f"cannot create {path}: directory {directory} does not exist")
        if not _writable(directory):
            raise StoreError(f"cannot create {path}: directory {directory} is not writable")
        return Probe("new", None, readonly=False)
    if not os.access(path, os.R_OK):
        raise StoreError(f"cannot read {path}: permission denied")
    # WAL needs to create the -wal/-shm files next to the database: a writable file in a
    # read-only directory can only be used read-only.
    ro = readonly or not _writable(path) or not _writable(directory)
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as err:
        raise StoreError(f"cannot read {path}: {err.strerror or err}") from None
    if not header:
        if ro:
            raise StoreError(f"{path} is an empty file and read-only: nothing to open")
        return Probe("new", None, readonly=False)
    if not header.startswith(_SQLITE_MAGIC) or len(header) < 100:
        raise StoreError(f"{path} is not a factcheck database (not an SQLite file); left untouched")
    try:
        tables, revision = _read_version(path, timeout)
    except sqlite3.DatabaseError as err:
        raise StoreError(_sqlite_message(err, path, timeout)) from None
    if not tables:
        if ro:
            raise StoreError(f"{path} is an empty database and read-only: nothing to open")
        return Probe("new", None, readonly=False)
    if VERSION_TABLE not in tables:
        raise StoreError(
            f"{path} is not a factcheck database (it has other tables: "
            f"{', '.join(sorted(tables)[:3])}{'...' if len(tables) > 3 else ''}); left untouched"
        )
    return _classify(revision, str(path), ro)


def _read_version(path: Path, timeout: float) -> tuple[set[str], str | None]:
    def read(uri: str) -> tuple[set[str], str | None]:
        con = sqlite3.connect(uri, uri=True, timeout=timeout)
        try:
            tables = {
                row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            revision = None
            if VERSION_TABLE in tables:
                row = con.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
                revision = row[0] if row else None
            return tables, revision
        finally:
            con.close()

    try:
        return read(_ro_uri(path))
    except sqlite3.OperationalError as err:
        # A WAL database in a read-only directory without its -shm file: read it as immutable.
        if "unable to open" not in str(err) and "readonly" not in str(err):
            raise
        return read(_ro_uri(path, immutable=True))


def _classify(revision: str | None, display: str, readonly: bool) -> Probe:
    if revision == SCHEMA_HEAD:
        return Probe("current", revision, readonly)
    if revision is None:
        raise StoreError(f"{display} has an empty schema version table; not opening it")
    if revision not in known_revisions():
        raise StoreError(
            f"{display} was made by a newer factcheck (schema {revision}; this one knows up to "
            f"{SCHEMA_HEAD}): upgrade factcheck to open it; left untouched"
        )
    if readonly:
        raise StoreError(
            f"{display} needs upgrading (schema {revision} -> {SCHEMA_HEAD}) but is read-only"
        )
    return Probe("old", revision, readonly)


def _sqlite_message(err: BaseException, path: Path | str, timeout: float) -> str:
    text = (
        str(getattr(err, "orig", None) or err).splitlines()[0] if str(err) else type(err).__name__
    )
    low = text.lower()
    if "locked" in low or "busy" in low:
        return (
            f"the database {path} is locked by another program (waited {timeout:g} s); "
            "close it or try again"
        )
    if "not a database" in low or "malformed" in low or "corrupt" in low:
        return f"the database {path} is damaged ({text}); restore it from a backup"
    if "readonly" in low or "read-only" in low:
        return f"the database {path} is read-only: changes cannot be saved"
    if "unable to open" in low:
        return f"cannot open the database {path} ({text})"
    if "disk i/o" in low or "full" in low:
        return f"cannot write the database {path} ({text})"
    return f"database error on {path}: {text}"


def translate_error(err: BaseException, target: Target, timeout: float) -> StoreError:
    """A one-line StoreError for a driver error (locked, damaged, read-only, connection...)."""
    if target.path is not None or target.url.startswith("sqlite"):
        return StoreError(_sqlite_message(err, target.display, timeout))
    orig = getattr(err, "orig", None) or err
    text = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    return StoreError(f"database error on {target.display}: {text}")


# --------------------------------------------------------------------------- engines


def make_engine(
    target: Target, *, readonly: bool, timeout: float, foreign_keys: bool = True
) -> Engine:
    """An engine with factcheck's connection settings (SQLite pragmas, explicit BEGIN)."""
    if target.path is None and not target.url.startswith("sqlite"):
        return sa.create_engine(target.url, pool_pre_ping=True)
    if target.path is None:  # in-memory or URI SQLite: tests and tools
        engine = sa.create_engine(target.url)
    else:
        path = target.path
        if readonly:
            immutable = not _writable(path.parent if str(path.parent) else Path("."))
            uri = _ro_uri(path, immutable=immutable and not Path(f"{path}-shm").exists())

            def creator():
                return sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)
        else:

            def creator():
                return sqlite3.connect(str(path), timeout=timeout, check_same_thread=False)

        engine = sa.create_engine("sqlite://", creator=creator, poolclass=QueuePool)
    _install_sqlite_events(engine, readonly=readonly, timeout=timeout, foreign_keys=foreign_keys)
    return engine


def _install_sqlite_events(engine: Engine, *, readonly: bool, timeout: float, foreign_keys: bool):
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's BEGIN (below) control transactions, not the sqlite3 module.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
            if not readonly:
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Writers take the write lock up front (BEGIN IMMEDIATE) so that a read-then-write
        # transaction never fails half-way with SQLITE_BUSY; busy_timeout applies to it.
        mode = conn.get_execution_options().get("factcheck_begin", "")
        conn.exec_driver_sql(f"BEGIN {mode}".strip())


# --------------------------------------------------------------------------- migrations


def known_revisions() -> set[str]:
    """Every revision id of the shipped migration scripts (imports Alembic)."""
    script = _script_directory()
    return {rev.revision for rev in script.walk_revisions()}


def script_head() -> str | None:
    return _script_directory().get_current_head()


def _alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _script_directory():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config())


def migrate(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` on this engine's database, in one transaction."""
    from alembic import command

    with engine.connect() as conn:
        command.upgrade(_alembic_config(conn), revision)
        if engine.dialect.name == "sqlite":
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise StoreError(f"migration left broken references: {problems[:3]}")
        conn.commit()


def current_revision(conn: sa.Connection) -> str | None:
    """The schema revision of the database behind ``conn`` (None when there is none)."""
    inspector = sa.inspect(conn)
    if not inspector.has_table(VERSION_TABLE):
        return None
    return conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def backup_sqlite(path: Path, revision: str | None, timeout: float) -> Path:
    """Copy the database (with its WAL content) next to it: ``claims.db.bak-REV-TIMESTAMP``."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.bak-{revision or 'none'}-{stamp}")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.name}.bak-{revision or 'none'}-{stamp}-{n}")
    src = sqlite3.connect(_ro_uri(path), uri=True, timeout=timeout)
    dst = sqlite3.connect(str(backup))
    try:
        src.backup(dst)
    except sqlite3.DatabaseError as err:
        dst.close()
        backup.unlink(missing_ok=True)
        raise StoreError(f"cannot back up {path} before upgrading it: {err}") from None
    finally:
        src.close()
        dst.close()
    return backup


def prepare_database(
    target: Target, *, readonly: bool, create: bool, timeout: float
) -> tuple[Engine, bool, Path | None]:
    """Check, back up and migrate as needed; return (engine, readonly, backup path or None)."""
    backup: Path | None = None
    if target.path is not None:
        probe = probe_sqlite(target.path, readonly=readonly, create=create, timeout=timeout)
        readonly = probe.readonly
        if probe.state != "current":
            if probe.state == "old":
                backup = backup_sqlite(target.path, probe.revision, timeout)
            mig = make_engine(target, readonly=False, timeout=timeout, foreign_keys=False)
            try:
                migrate(mig)
            except exc.DBAPIError as err:
                raise translate_error(err, target, timeout) from None
            finally:
                mig.dispose()
        return make_engine(target, readonly=readonly, timeout=timeout), readonly, backup

    engine = make_engine(target, readonly=readonly, timeout=timeout)
    try:
        with engine.connect() as conn:
            inspector = sa.inspect(conn)
            tables = set(inspector.get_table_names())
            revision = current_revision(conn) if VERSION_TABLE in tables else None
            conn.rollback()
        if VERSION_TABLE not in tables:
            if tables - {"alembic_version"}:
                raise StoreError(
                    f"{target.display} is not a factcheck database (it has other tables); "
                    "left untouched"
                )
            if not create:
                raise StoreError(f"no factcheck database at {target.display}")
            state = "new"
        else:
            state = _classify(revision, target.display, readonly).state
        if state != "current":
            if readonly:
                raise StoreError(f"{target.display} needs creating or upgrading but is read-only")
            migrate(engine)
    except exc.DBAPIError as err:
        engine.dispose()
        raise translate_error(err, target, timeout) from None
    except BaseException:
        engine.dispose()
        raise
    return engine, readonly, backup
