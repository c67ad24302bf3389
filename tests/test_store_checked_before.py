"""Claims checked before: ``Store.checked_before`` and ``Store.copy_prior_check``, the claim
search index of migration 0004 (SQLite FTS5 kept in sync by triggers; PostgreSQL GIN), its
fallback without FTS5, and ``factcheck show``."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.analysis.model import Analysis, Article, Claim, Reason
from factcheck.errors import StoreError
from factcheck.store import ConflictError, NotFoundError, Store, engine, matching
from factcheck.store.engine import resolve_target
from store_fixtures import *  # noqa: F403
from store_fixtures import PG_URL, reset_pg

FERRY = [
    "Harbour City will raise ferry fares by 12% from April 1, the transport department said.",
    "Fuel costs for the ferry service climbed by $3.5 million last year.",
    "Ridership fell 8.4% in 2023, to 6.1 million trips.",
    "The city considered closing the Northpoint route entirely.",
]
REWORDED = [
    "Ferry fares in Harbour City are going up 12 per cent on April 1, officials told reporters.",
    "The mayor blamed the budget gap on the weather in the bay.",
    "Ferry ridership dropped 8.4 percent in 2023 to 6.1 million trips, the authority said.",
]
UNRELATED = [
    "The school board approved a new lunch menu for the autumn term.",
    "Heavy rain flooded three underpasses in the east of the city on Sunday.",
    "Tickets for the jazz festival sold out within an hour.",
]


def article(
    sentences: list[str],
    *,
    title: str,
    source: str | None,
    published: dt.date | None = dt.date(2024, 3, 14),
) -> Analysis:
    text, claims = "", []
    for i, sentence in enumerate(sentences):
        if i:
            text += " "
        start = len(text)
        text += sentence
        claims.append(
            Claim(i + 1, sentence, start, len(text), "statistic", 0.8, [Reason("number", 0.5)])
        )
    return Analysis(
        article=Article(
            text=text, title=title, outlet="The Harbour Ledger", source=source, published=published
        ),
        claims=claims,
    )


def ferry_then_reworded(store: Store, *, verdicts: bool = True) -> tuple[int, int]:
    """The ferry article (claims 1 and 3 given verdicts) and a later one rewording it."""
    old = store.import_analysis(
        article(FERRY, title="Ferry fares to rise 12%", source="https://ledger.example/ferry"),
        who="ana",
    ).review_id
    if verdicts:
        claims = store.load_claims(old)
        store.set_verdict(claims[0].id, "true", "The department's notice says 12%.", who="ana")
        store.set_verdict(claims[2].id, "mostly-true", "6.1 million, but the fall was 8.1%.")
        store.add_evidence(
            claims[0].id, url="https://city.example/notice", title="Fare notice", who="ana"
        )
        store.add_evidence(claims[0].id, note="Called the department on 15 March.", who="ana")
    new = store.import_analysis(
        article(
            REWORDED + UNRELATED,
            title="Commuters face dearer ferries",
            source="https://gazette.example/fares",
            published=dt.date(2024, 4, 2),
        ),
        who="bo",
    ).review_id
    return old, new


def by_number(store: Store, review_id: int) -> dict[int, int]:
    return {c.number: c.id for c in store.load_claims(review_id)}


# ------------------------------------------------------------------ matching


def test_finds_reworded_claims_from_another_review_with_their_verdicts(store):
    old, new = ferry_then_reworded(store)
    old_ids, new_ids = by_number(store, old), by_number(store, new)
    found = store.checked_before(new)
    assert set(found) == {new_ids[1], new_ids[3]}
    fares = found[new_ids[1]][0]
    assert fares.claim_id == old_ids[1] and fares.review_id == old and fares.number == 1
    assert fares.verdict == "true" and fares.verdict_label == "True"
    assert fares.rationale == "The department's notice says 12%."
    assert fares.review_title == "Ferry fares to rise 12%"
    assert fares.review_source == "https://ledger.example/ferry"
    assert fares.outlet == "The Harbour Ledger"
    assert fares.published == dt.date(2024, 3, 14)
    assert fares.reviewed_at.tzinfo is not None
    assert fares.text == FERRY[0]
    assert fares.evidence == 2
    assert matching.MIN_SCORE <= fares.score <= 100
    ridership = found[new_ids[3]][0]
    assert ridership.claim_id == old_ids[3] and ridership.verdict_label == "Mostly true"
    # Only some claims, and a looser threshold.
    assert set(store.checked_before(new, claim_ids=[new_ids[3]])) == {new_ids[3]}
    assert store.checked_before(new, claim_ids=[]) == {}
    assert store.checked_before(new, min_score=101) == {}
    # It works both ways: the old review sees nothing (the new one has no verdicts yet).
    assert store.checked_before(old) == {}


def test_unknown_review(store):
    with pytest.raises(NotFoundError):
        store.checked_before(999)


def test_ignores_claims_without_a_verdict(store):
    old, new = ferry_then_reworded(store, verdicts=False)
    assert store.checked_before(new) == {}
    old_ids, new_ids = by_number(store, old), by_number(store, new)
    store.set_verdict(old_ids[1], "false", who="ana")
    assert [p.claim_id for p in store.checked_before(new)[new_ids[1]]] == [old_ids[1]]
    # Clearing the verdict takes it out again.
    store.set_verdict(old_ids[1], None, who="ana")
    assert store.checked_before(new) == {}
    # Undo brings the verdict (and the match) back.
    store.undo_last(old)
    assert new_ids[1] in store.checked_before(new)


def test_ignores_other_revisions_of_the_same_article(store):
    first = store.import_analysis(
        article(FERRY, title="Ferry fares", source="https://ledger.example/ferry")
    ).review_id
    ids = by_number(store, first)
    store.set_verdict(ids[1], "true", "checked", who="ana")
    store.set_verdict(ids[2], "false", "checked", who="ana")
    second = store.import_analysis(
        article(
            [*FERRY[:3], "The city will keep the Northpoint route."],
            title="Ferry fares (updated)",
            source="https://ledger.example/ferry",
        )
    )
    assert second.previous_id == first
    assert store.checked_before(second.review_id) == {}
    # Its own verdicts never count either.
    second_ids = by_number(store, second.review_id)
    store.set_verdict(second_ids[1], "true", who="ana")
    assert store.checked_before(second.review_id) == {}
    # Still the same article after its source was corrected: linked through previous_id.
    store.update_article_metadata(second.review_id, source="https://ledger.example/ferry-v2")
    assert store.checked_before(second.review_id) == {}
    third = store.import_analysis(
        article(
            [*FERRY[:3], "The Northpoint route stays."],
            title="Ferry fares (again)",
            source="https://ledger.example/ferry-v2",
        )
    )
    assert third.previous_id == second.review_id
    assert store.checked_before(third.review_id) == {}
    # Another outlet's article is not a revision: the verdicts show there.
    other = store.import_analysis(
        article(FERRY[:2], title="Ferry", source="https://gazette.example/ferry")
    ).review_id
    found = store.checked_before(other)
    assert len(found) == 2
    # The same claim reviewed in two revisions of one article shows once per article.
    assert all(len(v) == 1 for v in found.values())


def test_ignores_unrelated_claims(store):
    reviewed = store.import_analysis(
        article(
            [
                "The school board said ferry timetables would not change this term.",
                "Harbour City's population grew 12% in 2019.",
                "Ridership of the city's buses rose sharply in April.",
                "The mayor will present the full transport budget on March 28.",
            ],
            title="Council notes",
            source="https://ledger.example/notes",
        )
    ).review_id
    for claim in store.load_claims(reviewed):
        store.set_verdict(claim.id, "true", who="ana")
    new = store.import_analysis(
        article([*FERRY, *UNRELATED], title="Ferry fares rise", source="https://gazette.example/x")
    ).review_id
    assert store.checked_before(new) == {}


def test_best_matches_first_and_limit(store):
    wording = [
        "Ferry fares in Harbour City will rise by 12% from April 1.",
        "Harbour City will raise ferry fares by 12% from April 1, the council said.",
        "From April 1 ferry fares in Harbour City rise 12%, the transport department announced.",
        "Harbour City ferry fares to rise 12 percent on April 1.",
    ]
    for n, sentence in enumerate(wording):
        review_id = store.import_analysis(
            article([sentence], title=f"Article {n}", source=f"https://news.example/{n}")
        ).review_id
        store.set_verdict(by_number(store, review_id)[1], "true", who="ana")
    new = store.import_analysis(
        article([FERRY[0]], title="New", source="https://news.example/new")
    ).review_id
    claim_id = by_number(store, new)[1]
    found = store.checked_before(new)[claim_id]
    assert len(found) == 3
    assert [p.score for p in found] == sorted((p.score for p in found), reverse=True)
    assert len(store.checked_before(new, limit_per_claim=1)[claim_id]) == 1
    assert len(store.checked_before(new, limit_per_claim=10)[claim_id]) == 4


# ------------------------------------------------------------------ hostile text

HOSTILE = [
    'He said "AND OR NOT" (NEAR(a b), 3) - -x *: "',
    "NEAR(ferry fares, 2) AND ^fares OR fares:*",
    'claim_fts:"x" OR rowid:1 OR text : ferry',
    "''; DROP TABLE claim; --",
    "“Smart quotes” ‘and’ «guillemets» — and – dashes … plus ½ and 10⁴",
    "Zürich, São Paulo, İstanbul, Ελλάδα, Москва, 東京, मुंबई, عربى",
    "🚢 ferry 🚢 fares 12% ✔",
    "a",
    "...",
    "\u0301\u0301 combining only",
    "x" * 5000,
    "OR " * 200,
    "NEAR " * 50 + "AND",
]


def test_hostile_text_never_breaks_the_search(store):
    old, new = ferry_then_reworded(store)
    new_ids = by_number(store, new)
    for n, text in enumerate(HOSTILE):
        claim_id = new_ids[1 + n % len(new_ids)]
        store.edit_claim_text(claim_id, text, who="bo")
        store.checked_before(new)
        # Hostile text as an earlier, reviewed claim too.
        store.edit_claim_text(by_number(store, old)[2], text, who="ana")
        store.set_verdict(by_number(store, old)[2], "false", who="ana")
        store.checked_before(new)


@pytest.mark.parametrize("text", HOSTILE)
def test_fts5_query_is_always_valid(text):
    con = sqlite3.connect(":memory:")
    con.execute(f"CREATE VIRTUAL TABLE t USING fts5(text, tokenize='{matching.TOKENIZE}')")
    con.execute("INSERT INTO t VALUES ('ferry fares rise 12')")
    query = matching.fts5_query(matching.significant_terms(text))
    if query is not None:
        con.execute("SELECT rowid, bm25(t) FROM t WHERE t MATCH ?", (query,)).fetchall()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fts5_query_of_any_text_is_valid(text):
    con = _fts_memory()
    query = matching.fts5_query(matching.significant_terms(text))
    if query is not None:
        con.execute("SELECT rowid, bm25(t) FROM t WHERE t MATCH ?", (query,)).fetchall()
    assert (
        matching.similarity(
            matching.normalise(text), "ferry fares", matching.numbers(text), frozenset()
        )
        >= 0
    )


_MEMORY: list[sqlite3.Connection] = []


def _fts_memory() -> sqlite3.Connection:
    if not _MEMORY:
        con = sqlite3.connect(":memory:")
        con.execute(f"CREATE VIRTUAL TABLE t USING fts5(text, tokenize='{matching.TOKENIZE}')")
        con.executemany("INSERT INTO t VALUES (?)", [(s,) for s in FERRY + HOSTILE])
        _MEMORY.append(con)
    return _MEMORY[0]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(probe=st.text(min_size=1), earlier=st.text(min_size=1))
def test_any_claim_text_end_to_end(hostile_store, probe, earlier):
    """Arbitrary text as the claim and as an earlier reviewed claim: never an error."""
    store, new_claim, old_claim = hostile_store
    if probe.strip():
        store.edit_claim_text(new_claim, probe)
    if earlier.strip():
        store.edit_claim_text(old_claim, earlier)
    store.checked_before(store.get_claim(new_claim).review_id)


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    with Store.open(tmp_path_factory.mktemp("hostile") / "claims.db") as store:
        old, new = ferry_then_reworded(store)
        yield store, by_number(store, new)[1], by_number(store, old)[1]


# ------------------------------------------------------------------ the index


def indexed(store: Store) -> dict[int, list[str]]:
    """What the FTS5 index holds: each claim's tokens, in order (from ``fts5vocab``)."""
    with store.engine.connect() as conn:
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.test_instances "
            "USING fts5vocab(main, claim_fts, instance)"
        )
        rows = conn.exec_driver_sql("SELECT doc, term, offset FROM temp.test_instances").all()
        conn.exec_driver_sql("DROP TABLE temp.test_instances")
        conn.rollback()
    docs: dict[int, list[tuple[int, str]]] = {}
    for doc, term, offset in rows:
        docs.setdefault(doc, []).append((offset, term))
    return {doc: [t for _, t in sorted(terms)] for doc, terms in docs.items()}


def expected_index(store: Store) -> dict[int, list[str]]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT id, text FROM claim WHERE verdict IS NOT NULL").all()
    return {claim_id: matching.words(text) for claim_id, text in rows if matching.words(text)}


def assert_in_sync(store: Store) -> None:
    assert indexed(store) == expected_index(store)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("INSERT INTO claim_fts (claim_fts) VALUES ('integrity-check')")
        conn.rollback()


def test_triggers_keep_the_index_in_sync(sqlite_path):
    with Store.open(sqlite_path) as store:
        old, new = ferry_then_reworded(store)
        assert_in_sync(store)
        assert set(indexed(store)) == {by_number(store, old)[1], by_number(store, old)[3]}
        ids = by_number(store, old)
        new_ids = by_number(store, new)

        # Rewording a reviewed claim: the index follows, and so do the matches.
        store.edit_claim_text(ids[1], "The school board approved a new lunch menu.", who="ana")
        assert_in_sync(store)
        assert new_ids[1] not in store.checked_before(new)
        assert store.checked_before(new)[new_ids[4]][0].claim_id == ids[1]
        store.undo_last(old)
        assert_in_sync(store)
        assert store.checked_before(new)[new_ids[1]][0].claim_id == ids[1]

        # Split: the first part keeps the verdict (indexed), the second is unreviewed.
        claim = store.get_claim(ids[1])
        cut = claim.start + FERRY[0].index(" from April")
        second = store.split_claim(ids[1], cut, who="ana")
        assert_in_sync(store)
        assert second not in indexed(store)
        store.set_verdict(second, "true", who="ana")
        assert_in_sync(store)
        # Merge back: the merged text replaces the first part's; the second leaves the index.
        store.merge_with_next(ids[1], who="ana")
        assert_in_sync(store)
        assert second not in indexed(store)
        # Undo the merge: the second part comes back (with its verdict) into the index.
        store.undo_last(old)
        assert_in_sync(store)
        assert second in indexed(store)
        store.undo_last(old)  # its verdict
        store.undo_last(old)  # the split
        assert_in_sync(store)
        assert indexed(store)[ids[1]] == matching.words(FERRY[0])

        # A claim added by an editor, then given a verdict.
        added = store.add_claim(old, 0, len(FERRY[0]) - 1, who="ana")
        store.set_verdict(added, "false", who="ana")
        assert_in_sync(store)

        # Taking over a check puts the claim into the index; undo takes it out.
        store.copy_prior_check(new_ids[1], ids[1], who="bo")
        assert new_ids[1] in indexed(store)
        store.undo_last(new)
        assert_in_sync(store)
        assert new_ids[1] not in indexed(store)

        # Deleting a review removes its claims from the index.
        store.delete_review(old)
        assert_in_sync(store)
        assert indexed(store) == {}
        assert store.checked_before(new) == {}


def test_opening_a_read_only_database(sqlite_path):
    with Store.open(sqlite_path) as store:
        _, new = ferry_then_reworded(store)
        expected = store.checked_before(new)
    sqlite_path.chmod(0o444)
    try:
        with Store.open(sqlite_path) as store:
            assert store.readonly
            assert store.checked_before(new) == expected
    finally:
        sqlite_path.chmod(0o644)


# ------------------------------------------------------------------ without FTS5


def drop_search(path: Path) -> None:
    """The database as a SQLite library without FTS5 would have migrated it."""
    con = sqlite3.connect(path)
    for trigger in ("claim_fts_after_insert", "claim_fts_after_delete", "claim_fts_after_update"):
        con.execute(f"DROP TRIGGER {trigger}")
    con.execute("DROP TABLE claim_fts")
    con.commit()
    con.close()


def test_without_fts5_the_token_prefilter_finds_the_same(sqlite_path):
    with Store.open(sqlite_path) as store:
        _, new = ferry_then_reworded(store)
        with_fts = store.checked_before(new)
        with store.engine.connect() as conn:
            forced = matching.find_prior_checks(conn, new, labels=store._labels(), method="tokens")
    assert with_fts and forced == with_fts
    drop_search(sqlite_path)
    with Store.open(sqlite_path) as store:
        assert store.checked_before(new) == with_fts
        # Changes work without the triggers, and matching follows them.
        claim = store.load_claims(new)[3]
        store.edit_claim_text(claim.id, "Harbour City will raise ferry fares by 12% in April.")
        assert (
            store.checked_before(new)[claim.id][0].claim_id
            == with_fts[store.load_claims(new)[0].id][0].claim_id
        )


def test_migration_without_fts5_creates_nothing(sqlite_path, monkeypatch):
    """When the SQLite library has no FTS5, 0004 leaves the database as 0003 made it."""
    from alembic import command

    import factcheck.store.migrations  # noqa: F401

    with Store.open(sqlite_path) as store:
        _, new = ferry_then_reworded(store)
        expected = store.checked_before(new)
    downgrade_to_0003(sqlite_path)
    original = sa.engine.Connection.exec_driver_sql

    def no_fts5(self, statement, *args, **kw):
        if "USING fts5(" in statement:
            raise sa.exc.OperationalError(
                statement, (), sqlite3.OperationalError("no such module: fts5")
            )
        return original(self, statement, *args, **kw)

    monkeypatch.setattr(sa.engine.Connection, "exec_driver_sql", no_fts5)
    mig = engine.make_engine(resolve_target(sqlite_path), readonly=False, timeout=5)
    with mig.connect() as conn:
        command.upgrade(engine._alembic_config(conn), "head")
        conn.commit()
    mig.dispose()
    monkeypatch.undo()
    con = sqlite3.connect(sqlite_path)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    assert con.execute("SELECT version_num FROM factcheck_version").fetchone() == ("0004",)
    con.close()
    assert not {n for n in names if n.startswith("claim_fts")}
    with Store.open(sqlite_path) as store:
        assert store.checked_before(new) == expected


# ------------------------------------------------------------------ migration


def downgrade_to_0003(path: Path) -> None:
    from alembic import command

    mig = engine.make_engine(resolve_target(path), readonly=False, timeout=5)
    with mig.connect() as conn:
        command.downgrade(engine._alembic_config(conn), "0003")
        conn.commit()
    mig.dispose()


def test_upgrade_from_0003_indexes_the_reviewed_claims(sqlite_path):
    with Store.open(sqlite_path) as store:
        old, new = ferry_then_reworded(store)
        expected = store.checked_before(new)
    assert expected
    downgrade_to_0003(sqlite_path)
    con = sqlite3.connect(sqlite_path)
    assert con.execute("SELECT version_num FROM factcheck_version").fetchone() == ("0003",)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    assert not {n for n in names if n.startswith("claim_fts")}
    con.close()

    with Store.open(sqlite_path) as store:
        assert store.backup_path is not None
        assert store.backup_path.name.startswith("claims.db.bak-0003-")
        assert_in_sync(store)
        assert len(indexed(store)) == 2
        assert store.checked_before(new) == expected
        assert store.integrity_check() == "ok"


# ------------------------------------------------------------------ copying an earlier check


def test_copy_prior_check_copies_verdict_rationale_evidence_and_undo_restores(store):
    old, new = ferry_then_reworded(store)
    prior_id = by_number(store, old)[1]
    target = store.claim_by_number(new, 1)
    store.add_evidence(target.id, note="Commuter group's statement.", who="bo")
    target = store.get_claim(target.id)
    before = store.claim_detail(target.id)

    version = store.copy_prior_check(target.id, prior_id, who="bo", expected_version=target.version)
    detail = store.claim_detail(target.id)
    claim = detail.claim
    assert claim.version == version > target.version
    assert claim.verdict == "true" and claim.status == "done" and claim.reviewer == "bo"
    assert claim.rationale == (
        f"Checked before in review {old}, claim 1: “Ferry fares to rise 12%” "
        "(The Harbour Ledger, 2024-03-14).\n\nThe department's notice says 12%."
    )
    copied = [(e.kind, e.url, e.title, e.note) for e in detail.evidence]
    assert copied == [
        ("note", None, None, "Commuter group's statement."),
        ("link", "https://city.example/notice", "Fare notice", None),
        ("note", None, None, "Called the department on 15 March."),
    ]
    assert all(e.review_id == new and e.added_by == "bo" for e in detail.evidence[1:])
    # The earlier claim is untouched.
    assert len(store.claim_detail(prior_id).evidence) == 2
    # One change set, in the history.
    last = store.history(claim_id=target.id, limit=1)[0]
    assert last.action == "copy_prior_check" and last.who == "bo"
    assert f"took over the check of review {old}, claim 1" in last.description
    assert "verdict True" in last.description and "2 evidence items" in last.description

    # Again: nothing doubles, nothing changes.
    assert store.copy_prior_check(target.id, prior_id, who="bo") == version
    assert len(store.claim_detail(target.id).evidence) == 3

    # One undo restores everything.
    assert "took over the check" in store.undo_last(new)
    after = store.claim_detail(target.id)
    assert after.claim.verdict is None and after.claim.rationale is None
    assert after.claim.status == "unreviewed" and after.claim.reviewer is None
    assert after.evidence == before.evidence


def test_copy_prior_check_refusals(store):
    old, new = ferry_then_reworded(store)
    old_ids = by_number(store, old)
    target = store.claim_by_number(new, 1)
    with pytest.raises(StoreError, match="has no verdict to take over"):
        store.copy_prior_check(target.id, old_ids[2], who="bo")
    with pytest.raises(NotFoundError):
        store.copy_prior_check(target.id, 9999, who="bo")
    with pytest.raises(NotFoundError):
        store.copy_prior_check(9999, old_ids[1], who="bo")
    with pytest.raises(StoreError, match="its own check"):
        store.copy_prior_check(target.id, target.id, who="bo")
    store.set_priority(target.id, 2, who="cy")
    with pytest.raises(ConflictError):
        store.copy_prior_check(target.id, old_ids[1], who="bo", expected_version=target.version)
    assert store.get_claim(target.id).verdict is None


def test_copy_keeps_a_second_look_status(store):
    old, new = ferry_then_reworded(store)
    target = store.claim_by_number(new, 1)
    store.set_status(target.id, "needs_second_look", who="bo")
    store.copy_prior_check(target.id, by_number(store, old)[1], who="bo")
    assert store.get_claim(target.id).status == "needs_second_look"


# ------------------------------------------------------------------ factcheck show


def test_show_prints_checked_before(sqlite_path, capsys, monkeypatch):
    from factcheck.cli import main

    monkeypatch.setenv("FACTCHECK_USER", "tester")
    with Store.open(sqlite_path) as store:
        old, new = ferry_then_reworded(store)
        new_ids = by_number(store, new)
        prior = store.checked_before(new)
    assert main(["--db", str(sqlite_path), "show", str(new)]) == 0
    out = capsys.readouterr().out
    lines = [line.strip() for line in out.splitlines() if "checked before" in line]
    assert lines == [
        f"checked before: True in Ferry fares to rise 12% (2024-03-14), review {old} claim 1",
        "checked before: Mostly true in Ferry fares to rise 12% (2024-03-14), review "
        f"{old} claim 3",
    ]

    assert main(["--db", str(sqlite_path), "show", str(new), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all("checked_before" in c for c in data["claims"])
    first = data["claims"][0]["checked_before"]
    assert [p["claim_id"] for p in first] == [p.claim_id for p in prior[new_ids[1]]]
    assert first[0]["verdict"] == "true" and first[0]["verdict_label"] == "True"
    assert first[0]["review_id"] == old and first[0]["published"] == "2024-03-14"
    assert first[0]["reviewed_at"].endswith("+00:00")
    assert data["claims"][1]["checked_before"] == []


def test_the_vocabulary_table_is_temporary():
    # (checked_before's vocabulary table lives in the connection's temp schema)
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "c.db") as store:
        _, new = ferry_then_reworded(store)
        store.checked_before(new)
        with store.engine.connect() as conn:
            names = conn.exec_driver_sql("SELECT name FROM sqlite_master").scalars().all()
        assert "claim_fts_vocab" not in names


@pytest.mark.skipif(not PG_URL, reason="set FACTCHECK_TEST_PG_URL to run PostgreSQL tests")
def test_postgres_picks_terms_by_the_planner_statistics():
    reset_pg(PG_URL)
    with Store.open(PG_URL) as store:
        _, new = ferry_then_reworded(store)
        # No statistics yet: frequencies from a sample of the reviewed claims.
        with store.engine.connect() as conn:
            df = matching._pg_frequencies(conn, ["harbour", "ferry", "zzyzx", "the"])
        assert df == {"harbour": 1, "ferry": 1, "zzyzx": 1}
        assert store.checked_before(new)
        for n in range(30):
            review_id = store.import_analysis(
                article(
                    [f"Harbour City spent {n} million on item {n} in {2000 + n}."],
                    title=f"Spending {n}",
                    source=f"https://ledger.example/spending/{n}",
                )
            ).review_id
            store.set_verdict(by_number(store, review_id)[1], "true", who="ana")
        with store.write_engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE claim")
        with store.engine.connect() as conn:
            df = matching._pg_frequencies(conn, ["harbour", "ferry", "fares", "zzyzx", "the"])
        assert df is not None
        assert df["harbour"] > df["fares"] >= 1 and df["zzyzx"] == 1 and "the" not in df
        found = store.checked_before(new)
        assert {store.get_claim(k).number for k in found} == {1, 3}
