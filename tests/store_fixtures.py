"""Shared helpers for the store tests: hand-made analyses and a database per back end.

Storage tests take the ``store`` fixture, which runs them on SQLite (a file in ``tmp_path``)
and, when ``FACTCHECK_TEST_PG_URL`` is set, on PostgreSQL too (each test gets an empty
``public`` schema). Import the fixtures into a test module with
``from store_fixtures import *  # noqa: F403``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from factcheck.analysis.model import Analysis, Article, Claim, Flag, Quote, Reason, Span, Speaker

PG_URL = os.environ.get("FACTCHECK_TEST_PG_URL")

BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not PG_URL,
            reason="set FACTCHECK_TEST_PG_URL=postgresql+psycopg://user@host/db to run the "
            "storage tests on PostgreSQL",
        ),
    ),
]


def make_analysis(
    n_claims: int = 5,
    *,
    title: str = "Minister says inflation halved",
    source: str | None = "https://example.org/news/inflation",
    published: dt.date | None = dt.date(2021, 6, 18),
    variant: str = "",
    with_flags: bool = True,
) -> Analysis:
    """A small but complete analysis: claims in order, a quote on claim 2, flags on 1 and 3.

    ``variant`` changes the text of the last claim (a new revision of the same article).
    """
    sentences = [
        f"Inflation fell to {i + 2}.{i % 10} percent in May, the statistics office said."
        for i in range(n_claims)
    ]
    if n_claims >= 2:
        sentences[1] = '"We have halved inflation," said Finance Minister Jane Roe.'
    if variant and sentences:
        sentences[-1] = sentences[-1][:-1] + f" {variant}."
    text = ""
    claims = []
    for i, sentence in enumerate(sentences):
        if i and i % 3 == 0:
            text += "\n\n"
        elif i:
            text += " "
        start = len(text)
        text += sentence
        claims.append(
            Claim(
                id=i + 1,
                text=sentence,
                start=start,
                end=len(text),
                kind="quote" if i == 1 else "statistic",
                checkworthy=0.5 + (i % 5) / 10,
                reasons=[Reason("number", 0.4), Reason("official source", 0.2)],
                speaker="Jane Roe" if i == 1 else None,
                speaker_title="Finance Minister" if i == 1 else None,
                paragraph=i // 3,
            )
        )
    quotes = []
    speakers = []
    if n_claims >= 2:
        c = claims[1]
        q_end = c.start + sentences[1].index(",") + 2
        name_at = text.index("Jane Roe", c.start)
        title_at = text.index("Finance Minister", c.start)
        quotes.append(
            Quote(
                text=text[c.start : q_end],
                start=c.start,
                end=q_end,
                claim_id=2,
                speaker="Jane Roe",
                speaker_title="Finance Minister",
                speaker_org=None,
                speaker_span=Span(name_at, name_at + 8, "Jane Roe"),
                title_span=Span(title_at, title_at + 16, "Finance Minister"),
                cue="said",
                how="said X",
            )
        )
        speakers.append(
            Speaker("Jane Roe", ["Finance Minister"], [], [Span(name_at, name_at + 8, "Jane Roe")])
        )
    flags = []
    if with_flags:
        flags.append(Flag("no_speaker", "No one is named as the source.", 1, {"key": "no-speaker"}))
        if n_claims >= 3:
            flags.append(Flag("anonymous_source", "The source is anonymous.", 3, {}))
        flags.append(Flag("no_date", "The article has no byline.", None, {"key": "no-byline"}))
    return Analysis(
        article=Article(
            text=text,
            title=title,
            outlet="Example News",
            byline="A. Writer",
            published=published,
            source=source,
            removed=["Share this", "Comments (3)"],
        ),
        claims=claims,
        quotes=quotes,
        flags=flags,
        speakers=speakers,
        headings=[],
    )


_TEMPLATE: dict[str, Path] = {}


@pytest.fixture
def sqlite_path(tmp_path, tmp_path_factory) -> Path:
    """A path to a fresh, migrated SQLite review database (copied from a template: fast)."""
    from factcheck.store import Store

    if "db" not in _TEMPLATE:
        template = tmp_path_factory.mktemp("store-template") / "template.db"
        Store.open(template).close()
        _TEMPLATE["db"] = template
    path = tmp_path / "claims.db"
    shutil.copyfile(_TEMPLATE["db"], path)
    return path


def reset_pg(url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path, tmp_path_factory) -> str:
    """A database to open: a SQLite file path, or the PostgreSQL URL with an empty schema."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_path"))
    reset_pg(PG_URL)
    return PG_URL


@pytest.fixture
def store(db_url):
    from factcheck.store import Store

    s = Store.open(db_url)
    yield s
    s.close()


__all__ = ["BACKENDS", "PG_URL", "db_url", "make_analysis", "reset_pg", "sqlite_path", "store"]
