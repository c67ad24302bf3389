"""The terminal user interface (the only package that imports Textual).

``make_app(...)`` builds the App for the CLI and the tests alike; ``open_library(args)`` is
what plain ``factcheck`` runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.tui.app import FactcheckApp
    from factcheck.tui.settings import Settings


def make_app(store_url: str | None = None, *, settings: Settings | None = None,
             review_id: int | None = None, http_client: Any = None,
             store: Any = None) -> FactcheckApp:
    """The factcheck App on the database ``store_url`` (see ``FactcheckApp``)."""
    from factcheck.tui.app import FactcheckApp

    return FactcheckApp(store_url, settings=settings, review_id=review_id,
                        http_client=http_client, store=store)


def run_app(store_url: str | None, *, review_id: int | None = None, store: Any = None) -> int:
    """Run the App in the terminal with the user's settings; returns the exit status."""
    from factcheck.tui.settings import load_settings

    app = make_app(store_url, settings=load_settings(), review_id=review_id, store=store)
    app.run()
    if app.return_code and app.return_code != 0:
        return app.return_code
    return 0


def open_library(args) -> int:
    """Plain ``factcheck``: the library of reviews in ``--db`` / ``$FACTCHECK_DB``."""
    return run_app(getattr(args, "db", None))
