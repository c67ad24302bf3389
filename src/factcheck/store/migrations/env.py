"""Alembic environment for the review store.

factcheck runs Alembic programmatically (``factcheck.store.engine``): the connection to migrate
arrives in ``config.attributes["connection"]``; there is no alembic.ini. The version table is
``factcheck_version`` (not ``alembic_version``) so that a database shared with another
Alembic-managed application is never mistaken for ours.
"""

from alembic import context
from sqlmodel import SQLModel

import factcheck.store.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from factcheck.officials.tables import OFFICIALS_METADATA
from factcheck.store.models import include_name

VERSION_TABLE = "factcheck_version"

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable from the alembic command line
    raise RuntimeError(
        "run factcheck migrations through factcheck.store (Store.open), not the alembic CLI"
    )

context.configure(
    connection=connection,
    # The officials registry keeps its tables in a MetaData of its own (revision 0002).
    target_metadata=[SQLModel.metadata, OFFICIALS_METADATA],
    version_table=VERSION_TABLE,
    render_as_batch=True,  # SQLite cannot ALTER most things: autogenerate batch operations
    compare_type=True,
    # The claim full-text search (0004) lives outside the models: never draft drops for it.
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
