"""Full-text search over claim text, for finding claims checked before (``Store.checked_before``).

SQLite: an FTS5 table ``claim_fts`` over the text of the claims that have a verdict (the only
ones ``checked_before`` looks for; indexing only them keeps every query small). It is
contentless (``content=''``: the index only, the text stays in ``claim``), kept in sync by
triggers on insert, delete and update of ``claim.text`` or ``claim.verdict``, and filled from
the existing claims here. Where the SQLite library has no FTS5, nothing is created and
factcheck matches claims with a slower in-memory prefilter instead.
PostgreSQL: a generated column ``claim.text_search`` (``to_tsvector('english', text)``, stored,
so ranking never re-parses the text) with a GIN index over the claims that have a verdict.

These objects are not in the SQLModel tables (``factcheck.store.models.include_name`` keeps
schema comparisons away from them). A later migration that rebuilds ``claim`` in batch mode
drops its triggers with the old table: it must create them again (``SQLITE_SEARCH[1:]``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Letters and digits make tokens; case and accents are folded ("Été" finds "ete"). No stemmer:
# the query side looks terms up in the index's vocabulary, so it must tokenize the same way
# in Python (``factcheck.store.matching.words``).
TOKENIZE = "unicode61 remove_diacritics 2"

# A claim is in the index exactly while it has a verdict. FTS5's 'delete' must be given the
# text that was indexed, so it is only ever issued for a row that was in the index (old.verdict
# set), before the new state is added.
SQLITE_SEARCH = (
    f"CREATE VIRTUAL TABLE claim_fts USING fts5(text, content='', tokenize='{TOKENIZE}')",
    """CREATE TRIGGER claim_fts_after_insert AFTER INSERT ON claim
    WHEN new.verdict IS NOT NULL BEGIN
        INSERT INTO claim_fts (rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER claim_fts_after_delete AFTER DELETE ON claim
    WHEN old.verdict IS NOT NULL BEGIN
        INSERT INTO claim_fts (claim_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER claim_fts_after_update AFTER UPDATE OF id, text, verdict ON claim BEGIN
        INSERT INTO claim_fts (claim_fts, rowid, text)
            SELECT 'delete', old.id, old.text WHERE old.verdict IS NOT NULL;
        INSERT INTO claim_fts (rowid, text)
            SELECT new.id, new.text WHERE new.verdict IS NOT NULL;
    END""",
)
SQLITE_TRIGGERS = ("claim_fts_after_insert", "claim_fts_after_delete", "claim_fts_after_update")
PG_SEARCH = (
    "ALTER TABLE claim ADD COLUMN text_search tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED",
    "CREATE INDEX ix_claim_text_search ON claim USING gin (text_search) WHERE verdict IS NOT NULL",
)


def sqlite_has_fts5(bind) -> bool:
    """Whether this SQLite library can make the index (tried on a throw-away temp table)."""
    try:
        bind.exec_driver_sql(
            f"CREATE VIRTUAL TABLE temp.factcheck_fts5_probe USING fts5(x, tokenize='{TOKENIZE}')"
        )
    except sa.exc.OperationalError:
        return False
    bind.exec_driver_sql("DROP TABLE temp.factcheck_fts5_probe")
    return True


def create_sqlite_search(bind) -> bool:
    """Create the FTS5 table and its triggers and index the claims with a verdict; False
    without FTS5."""
    if not sqlite_has_fts5(bind):
        return False
    for statement in SQLITE_SEARCH:
        bind.exec_driver_sql(statement)
    bind.exec_driver_sql(
        "INSERT INTO claim_fts (rowid, text) SELECT id, text FROM claim WHERE verdict IS NOT NULL"
    )
    return True


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        create_sqlite_search(bind)
    elif bind.dialect.name == "postgresql":
        for statement in PG_SEARCH:
            op.execute(statement)
        # Statistics on the index's lexemes from the start: the search picks its terms by them.
        op.execute("ANALYZE claim")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for trigger in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS claim_fts")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_claim_text_search")
        op.execute("ALTER TABLE claim DROP COLUMN IF EXISTS text_search")
