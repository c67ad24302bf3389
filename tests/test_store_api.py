"""The review store's API, on SQLite and (with FACTCHECK_TEST_PG_URL) PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.analysis.model import Flag
from factcheck.errors import StoreError
from factcheck.store import ConflictError, NotFoundError, Store
from store_fixtures import *  # noqa: F403
from store_fixtures import make_analysis


def _import(store, **kw):
    return store.import_analysis(make_analysis(**kw), who="ana")


# ------------------------------------------------------------------ import


def test_import_stores_everything(store):
    analysis = make_analysis(6)
    result = store.import_analysis(analysis, who="ana")
    assert result.created and result.revision == 1 and result.previous_id is None
    review = store.get_review(result.review_id)
    assert review.title == analysis.article.title
    assert review.published == dt.date(2021, 6, 18)
    assert review.text == analysis.article.text
    assert review.removed == ["Share this", "Comments (3)"]
    assert review.imported_at.tzinfo is not None
    claims = store.load_claims(result.review_id)
    assert [c.number for c in claims] == [1, 2, 3, 4, 5, 6]
    assert [c.text for c in claims] == [c.text for c in analysis.claims]
    for row in claims:
        assert review.text[row.start : row.end] == row.text
        assert row.status == "unreviewed" and row.verdict is None and row.version == 1
    assert claims[0].open_flags == 1 and claims[2].flags == 1 and claims[1].flags == 0
    detail = store.claim_detail(claims[1].id)
    assert detail.quotes[0].speaker == "Jane Roe"
    assert detail.quotes[0].speaker_title == "Finance Minister"
    assert detail.quotes[0].person_id is None
    assert detail.reasons == [
        {"label": "number", "weight": 0.4},
        {"label": "official source", "weight": 0.2},
    ]
    flags = store.list_flags(result.review_id)
    assert [(f.kind, f.state) for f in flags] == [
        ("no_speaker", "open"),
        ("anonymous_source", "open"),
        ("no_date", "open"),
    ]
    assert flags[2].claim_id is None


def test_same_content_opens_existing_review(store):
    first = _import(store)
    again = _import(store)
    assert again.review_id == first.review_id and not again.created
    assert len(store.list_reviews()) == 1


def test_changed_article_is_a_new_revision_keeping_the_old(store):
    first = _import(store)
    claims = store.load_claims(first.review_id)
    store.set_verdict(claims[0].id, "false", "wrong", who="ana")
    flag = store.list_flags(first.review_id)[0]
    store.set_flag_state(flag.id, "dismissed", "the office is named later", who="ana")

    second = _import(store, variant="(corrected)")
    assert second.created and second.revision == 2 and second.previous_id == first.review_id
    assert store.revisions(second.review_id) == [first.review_id, second.review_id]
    # The old review is still there, with its verdict.
    assert store.load_claims(first.review_id)[0].verdict == "false"
    # The editor's dismissal survives re-analysis (same claim text, kind, key).
    new_flags = {f.kind: f for f in store.list_flags(second.review_id)}
    assert new_flags["no_speaker"].state == "dismissed"
    assert new_flags["no_speaker"].state_reason == "the office is named later"
    assert new_flags["anonymous_source"].state == "open"


def test_list_reviews_counts_progress(store):
    result = _import(store, n_claims=4)
    claims = store.load_claims(result.review_id)
    store.set_verdict(claims[0].id, "true", who="ana")
    store.set_status(claims[1].id, "needs_second_look", who="ana")
    (summary,) = store.list_reviews()
    assert summary.id == result.review_id
    assert summary.claim_count == 4
    assert summary.status_counts == {"done": 1, "needs_second_look": 1, "unreviewed": 2}
    assert summary.verdict_counts == {"true": 1}
    assert summary.open_flags == 3
    assert summary.done == 1


def test_unknown_ids_are_one_line_errors(store):
    for call in (
        lambda: store.get_review(999),
        lambda: store.load_claims(999),
        lambda: store.claim_detail(999),
        lambda: store.set_verdict(999, "true"),
        lambda: store.set_flag_state(999, "dismissed"),
        lambda: store.remove_evidence(999),
        lambda: store.claim_by_number(999, 1),
    ):
        with pytest.raises(NotFoundError) as info:
            call()
        assert "\n" not in str(info.value)
    result = _import(store, n_claims=3)
    with pytest.raises(NotFoundError, match="has no claim 9 .it has 3 claims"):
        store.claim_by_number(result.review_id, 9)


# ------------------------------------------------------------------ verdicts and versions


def test_set_verdict_versions_and_history(store):
    result = _import(store)
    claim = store.load_claims(result.review_id)[0]
    v2 = store.set_verdict(
        claim.id,
        "mostly-false",
        "Off by a factor of ten.",
        who="ana",
        expected_version=claim.version,
    )
    assert v2 == claim.version + 1
    row = store.get_claim(claim.id)
    assert (row.verdict, row.rationale, row.reviewer, row.status) == (
        "mostly-false",
        "Off by a factor of ten.",
        "ana",
        "done",
    )
    # Same values again: nothing to change, no new version.
    assert store.set_verdict(claim.id, "mostly-false", who="ana", expected_version=v2) == v2
    (entry,) = store.history(claim_id=claim.id)
    assert entry.who == "ana" and entry.action == "set_verdict"
    assert "Mostly false" in entry.description
    fields = {c.field: (c.old, c.new) for c in entry.changes}
    assert fields["verdict"] == (None, "mostly-false")
    assert fields["status"] == ("unreviewed", "done")
    # Clearing the verdict puts the claim back in progress.
    store.set_verdict(claim.id, None, who="ana")
    assert store.get_claim(claim.id).status == "in_progress"


def test_stale_version_is_a_conflict_and_nothing_is_overwritten(store):
    result = _import(store)
    claim = store.load_claims(result.review_id)[0]
    store.set_verdict(claim.id, "true", who="bob", expected_version=claim.version)
    with pytest.raises(ConflictError) as info:
        store.set_verdict(claim.id, "false", who="ana", expected_version=claim.version)
    message = str(info.value)
    assert "claim 1 was changed by bob" in message and "reload" in message
    assert "\n" not in message
    assert isinstance(info.value, StoreError)
    assert info.value.expected == claim.version and info.value.actual == claim.version + 1
    assert store.get_claim(claim.id).verdict == "true"


def test_unknown_rating_and_status(store):
    claim = store.load_claims(_import(store).review_id)[0]
    with pytest.raises(StoreError, match="unknown rating 'bogus'"):
        store.set_verdict(claim.id, "bogus")
    with pytest.raises(StoreError, match="unknown status"):
        store.set_status(claim.id, "finished")


def test_status_priority_text(store):
    claim = store.load_claims(_import(store).review_id)[0]
    v = store.set_status(claim.id, "in_progress", who="ana", expected_version=1)
    v = store.set_priority(claim.id, 2, who="ana", expected_version=v)
    v = store.edit_claim_text(
        claim.id, "  Inflation fell to 2 percent.  ", who="ana", expected_version=v
    )
    row = store.get_claim(claim.id)
    assert (row.status, row.priority, row.text, row.version) == (
        "in_progress",
        2,
        "Inflation fell to 2 percent.",
        v,
    )
    with pytest.raises(StoreError, match="empty"):
        store.edit_claim_text(claim.id, "   ")


# ------------------------------------------------------------------ evidence and flags


def test_evidence_add_update_remove(store):
    review_id = _import(store).review_id
    claim = store.load_claims(review_id)[0]
    ev = store.add_evidence(
        claim.id,
        url="https://stats.example/cpi",
        title="CPI May",
        excerpt="2.1 percent",
        reliability="high",
        who="ana",
        expected_version=claim.version,
    )
    note = store.add_evidence(claim.id, note="Called the office; no answer.", who="ana")
    detail = store.claim_detail(claim.id)
    assert [(e.kind, e.added_by) for e in detail.evidence] == [("link", "ana"), ("note", "ana")]
    assert detail.claim.evidence == 2 and detail.claim.version == claim.version + 2
    store.update_evidence(ev, title="Consumer prices, May", who="ana")
    assert store.claim_detail(claim.id).evidence[0].title == "Consumer prices, May"
    store.remove_evidence(note, who="ana")
    assert [e.id for e in store.list_evidence(review_id)] == [ev]
    assert store.load_claims(review_id)[0].evidence == 1
    with pytest.raises(StoreError, match="needs a URL"):
        store.add_evidence(claim.id, kind="link", note="x")
    with pytest.raises(StoreError, match="unknown reliability"):
        store.add_evidence(claim.id, note="x", reliability="great")
    with pytest.raises(StoreError, match="needs a URL, a title"):
        store.add_evidence(claim.id)


def test_flag_states(store):
    review_id = _import(store).review_id
    flag = store.list_flags(review_id)[0]
    store.set_flag_state(flag.id, "dismissed", "named in paragraph 4", who="ana")
    (f,) = [x for x in store.list_flags(review_id) if x.id == flag.id]
    assert (f.state, f.state_reason, f.state_by) == ("dismissed", "named in paragraph 4", "ana")
    assert f.state_at is not None
    assert store.load_claims(review_id)[0].open_flags == 0
    store.set_flag_state(flag.id, "open", who="ana")
    assert store.list_flags(review_id, state="open")[0].id == flag.id
    with pytest.raises(StoreError, match="unknown flag state"):
        store.set_flag_state(flag.id, "ignored")


def test_add_flags_keeps_dismissals_and_replaces_stale(store):
    review_id = _import(store).review_id
    first = store.add_flags(
        review_id,
        [
            Flag("title_mismatch", "Jane Roe was not Finance Minister then.", 2, {"key": "roe-fm"}),
            Flag("title_not_found", "No such title.", 2, {"key": "roe-x"}),
        ],
        origin="officials",
        who="bot",
    )
    store.set_flag_state(first[0], "dismissed", "registry is wrong", who="ana")
    # Re-running the check: same finding (reworded) keeps its id and dismissal; the stale
    # open flag of this origin goes; analysis flags are untouched.
    again = store.add_flags(
        review_id,
        [
            Flag("title_mismatch", "Reworded message.", 2, {"key": "roe-fm"}),
        ],
        origin="officials",
        replace=True,
        who="bot",
    )
    assert again == [first[0]]
    officials = [f for f in store.list_flags(review_id) if f.origin == "officials"]
    assert [(f.id, f.state) for f in officials] == [(first[0], "dismissed")]
    assert len([f for f in store.list_flags(review_id) if f.origin == "analysis"]) == 3
    with pytest.raises(StoreError, match="has no claim 99"):
        store.add_flags(review_id, [Flag("x", "y", 99)])


def test_article_metadata(store):
    review_id = _import(store).review_id
    v = store.update_article_metadata(
        review_id, published="2021-06-19", title="New title", who="ana", expected_version=1
    )
    review = store.get_review(review_id)
    assert (review.published, review.title, review.version) == (
        dt.date(2021, 6, 19),
        "New title",
        v,
    )
    with pytest.raises(ConflictError):
        store.update_article_metadata(review_id, outlet="X", expected_version=1)
    with pytest.raises(StoreError, match="not a date"):
        store.update_article_metadata(review_id, published="19/06/2021")
    assert store.undo_last(review_id, who="ana").startswith("changed the article's")
    assert store.get_review(review_id).published == dt.date(2021, 6, 18)


# ------------------------------------------------------------------ split, merge, add, undo


def _numbers(store, review_id):
    return [(c.number, c.text) for c in store.load_claims(review_id)]


def test_split_then_undo(store):
    review_id = _import(store, n_claims=4).review_id
    before = _numbers(store, review_id)
    claim = store.load_claims(review_id)[1]  # the quote claim: '"We have halved...," said ...'
    review = store.get_review(review_id)
    at = review.text.index("said", claim.start)
    new_id = store.split_claim(claim.id, at, who="ana", expected_version=claim.version)
    rows = store.load_claims(review_id)
    assert [r.number for r in rows] == [1, 2, 3, 4, 5]
    assert rows[1].text == '"We have halved inflation,"'
    assert rows[2].id == new_id and rows[2].text.startswith("said Finance Minister")
    for r in rows:
        assert review.text[r.start : r.end] == r.text
    # The quote starts before the split: it stays on the first part.
    assert len(store.claim_detail(claim.id).quotes) == 1
    assert store.undo_last(review_id, who="ana").startswith("split claim 2")
    assert _numbers(store, review_id) == before
    with pytest.raises(StoreError, match="not inside its span"):
        store.split_claim(claim.id, claim.end + 5)


def test_merge_then_undo_restores_children(store):
    review_id = _import(store, n_claims=5).review_id
    before = _numbers(store, review_id)
    rows = store.load_claims(review_id)
    ev = store.add_evidence(rows[2].id, note="evidence on claim 3", who="ana")
    store.merge_with_next(rows[1].id, who="ana")
    merged = store.load_claims(review_id)
    assert [r.number for r in merged] == [1, 2, 3, 4]
    review = store.get_review(review_id)
    assert merged[1].text == review.text[rows[1].start : rows[2].end]
    detail = store.claim_detail(rows[1].id)
    assert [e.id for e in detail.evidence] == [ev]
    assert [f.kind for f in detail.flags] == ["anonymous_source"]
    assert store.undo_last(review_id, who="ana").startswith("merged claims 2 and 3")
    assert _numbers(store, review_id) == before
    restored = store.claim_detail(rows[2].id)
    assert [e.id for e in restored.evidence] == [ev]
    assert [f.kind for f in restored.flags] == ["anonymous_source"]
    last = store.load_claims(review_id)[-1]
    with pytest.raises(StoreError, match="is the last one"):
        store.merge_with_next(last.id)


def test_add_claim_numbers_in_article_order_and_undo(store):
    review_id = _import(store, n_claims=4).review_id
    rows = store.load_claims(review_id)
    review = store.get_review(review_id)
    # Select the words "the statistics office said" inside claim 1 (editor's selection).
    start = review.text.index("the statistics office")
    new_id = store.add_claim(
        review_id, start - 1, start + len("the statistics office said"), who="ana"
    )
    after = store.load_claims(review_id)
    assert [r.number for r in after] == [1, 2, 3, 4, 5]
    assert after[1].id == new_id and after[1].text == "the statistics office said"
    assert after[2].id == rows[1].id
    store.undo_last(review_id, who="ana")
    assert [r.id for r in store.load_claims(review_id)] == [r.id for r in rows]


def test_undo_walks_back_through_history(store):
    review_id = _import(store).review_id
    claim = store.load_claims(review_id)[0]
    store.set_verdict(claim.id, "true", "first", who="ana")
    store.set_verdict(claim.id, "false", "second", who="ana")
    ev = store.add_evidence(claim.id, url="https://x.example", who="ana")
    flag = store.list_flags(review_id)[0]
    store.set_flag_state(flag.id, "confirmed", who="ana")

    assert "confirmed no_speaker flag" in store.undo_last(review_id, who="ana")
    assert store.list_flags(review_id)[0].state == "open"
    assert "added link" in store.undo_last(review_id, who="ana")
    assert store.list_evidence(review_id) == []
    store.undo_last(review_id, who="ana")
    row = store.get_claim(claim.id)
    assert (row.verdict, row.rationale) == ("true", "first")
    store.undo_last(review_id, who="ana")
    row = store.get_claim(claim.id)
    assert (row.verdict, row.rationale, row.status) == (None, None, "unreviewed")
    assert store.undo_last(review_id, who="ana") is None  # imports are not undone
    history = store.history(review_id=review_id)
    assert [h.action for h in history[:2]] == ["undo", "undo"]
    assert sum(h.undone for h in history) == 4
    # Undo bumps versions: a client holding the old version gets a conflict.
    with pytest.raises(ConflictError):
        store.set_verdict(claim.id, "true", expected_version=row.version - 1)
    assert ev


def test_undo_of_removed_evidence_brings_it_back(store):
    review_id = _import(store).review_id
    claim = store.load_claims(review_id)[0]
    ev = store.add_evidence(claim.id, url="https://x.example", title="T", excerpt="E", who="ana")
    store.remove_evidence(ev, who="ana")
    store.undo_last(review_id, who="ana")
    (back,) = store.list_evidence(review_id)
    assert (back.id, back.url, back.title, back.excerpt, back.added_by) == (
        ev,
        "https://x.example",
        "T",
        "E",
        "ana",
    )
    assert back.added_at.tzinfo is not None


def test_delete_review_keeps_other_revisions(store):
    first = _import(store)
    second = _import(store, variant="v2")
    claim = store.load_claims(second.review_id)[0]
    store.add_evidence(claim.id, note="n", who="ana")
    store.delete_review(first.review_id)
    assert [r.id for r in store.list_reviews()] == [second.review_id]
    assert store.get_review(second.review_id).previous_id is None
    store.delete_review(second.review_id)
    assert store.list_reviews() == []
    with pytest.raises(NotFoundError):
        store.delete_review(second.review_id)


# ------------------------------------------------------------------ JSON and Analysis


def test_review_json_extends_analyze_json(store):
    analysis = make_analysis(4)
    review_id = store.import_analysis(analysis).review_id
    claim = store.load_claims(review_id)[0]
    store.set_verdict(claim.id, "false", "no", who="ana")
    store.add_evidence(claim.id, note="n", who="ana")
    data = store.review_json(review_id)
    expected = analysis.to_json()
    assert set(expected) <= set(data)
    for key in ("article", "quotes", "speakers"):
        assert data[key] == expected[key]
    for got, want in zip(data["claims"], expected["claims"], strict=True):
        assert {k: got[k] for k in want} == want
    first = data["claims"][0]
    assert (
        first["status"],
        first["verdict"],
        first["verdict_label"],
        first["rationale"],
        first["evidence_count"],
        first["open_flags"],
    ) == ("done", "false", "False", "no", 1, 1)
    assert first["flags"] == [data["flags"][0]["id"]]
    assert data["flags"][0]["state"] == "open"
    assert (data["id"], data["revision"]) == (review_id, 1)
    assert [r["key"] for r in data["rating_scale"]][:2] == ["true", "mostly-true"]
    import json

    json.dumps(data)  # serialisable as is


def test_load_claims_of_empty_review(store):
    analysis = make_analysis(0, with_flags=False)
    analysis.article.text = "Nothing to check here."
    result = store.import_analysis(analysis)
    assert store.load_claims(result.review_id) == []


def test_readonly_store_refuses_changes(db_url):
    with Store.open(db_url) as store:
        review_id = store.import_analysis(make_analysis()).review_id
    with Store.open(db_url, readonly=True) as ro:
        assert ro.readonly
        claim = ro.load_claims(review_id)[0]
        with pytest.raises(StoreError, match="open read-only"):
            ro.set_verdict(claim.id, "true")
        with pytest.raises(StoreError, match="open read-only"):
            ro.import_analysis(make_analysis(variant="x"))


def test_set_quote_person_and_undo(store):
    review_id = _import(store).review_id
    (quote,) = store.list_quotes(review_id)
    claim = store.get_claim(quote.claim_id)
    store.set_quote_person(quote.id, 42, who="ana")
    assert store.list_quotes(review_id)[0].person_id == 42
    assert store.get_claim(quote.claim_id).version == claim.version + 1
    assert "Jane Roe" in store.undo_last(review_id, who="ana")
    assert store.list_quotes(review_id)[0].person_id is None
