"""The officials registry: people, their aliases and their roles over time.

Creates exactly the tables of ``factcheck.officials.tables`` (``OFFICIALS_METADATA``), with
their indexes; the schema-comparison test checks the two agree.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _person_fk() -> sa.Column:
    return sa.Column(
        "person_id",
        sa.Integer(),
        sa.ForeignKey("official_person.id", ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "official_person",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("name_key", sa.String(), nullable=False),
        sa.Column("surname_key", sa.String(), nullable=False),
        sa.Column("wikidata_id", sa.String(), nullable=True),
    )
    op.create_index("ix_official_person_name_key", "official_person", ["name_key"])
    op.create_index("ix_official_person_surname_key", "official_person", ["surname_key"])
    op.create_index("ix_official_person_wikidata_id", "official_person", ["wikidata_id"])

    op.create_table(
        "official_alias",
        sa.Column("id", sa.Integer(), primary_key=True),
        _person_fk(),
        sa.Column("alias", sa.String(), nullable=False),
        sa.Column("name_key", sa.String(), nullable=False),
        sa.Column("surname_key", sa.String(), nullable=False),
    )
    op.create_index("ix_official_alias_person_id", "official_alias", ["person_id"])
    op.create_index("ix_official_alias_name_key", "official_alias", ["name_key"])
    op.create_index("ix_official_alias_surname_key", "official_alias", ["surname_key"])

    op.create_table(
        "official_role",
        sa.Column("id", sa.Integer(), primary_key=True),
        _person_fk(),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("organisation", sa.String(), nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=True),
        sa.Column("start_month", sa.Integer(), nullable=True),
        sa.Column("start_day", sa.Integer(), nullable=True),
        sa.Column("end_year", sa.Integer(), nullable=True),
        sa.Column("end_month", sa.Integer(), nullable=True),
        sa.Column("end_day", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(), nullable=False),
    )
    op.create_index("ix_official_role_person_id", "official_role", ["person_id"])


def downgrade() -> None:
    for table in ("official_role", "official_alias", "official_person"):
        op.drop_table(table)
