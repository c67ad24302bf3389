"""Quotes remember what kind of speaker they have: person, organisation, anonymous source or
description ("the governor"), so that anonymous-source flags and exports need not guess.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # add_column needs no table rebuild on SQLite, so children are never touched.
    op.add_column("quote", sa.Column("speaker_kind", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quote") as batch:
        batch.drop_column("speaker_kind")
