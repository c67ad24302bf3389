"""Property: any sequence of edits, undone step by step, gives back the imported review."""

from __future__ import annotations

import shutil
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.errors import StoreError
from factcheck.store import Store
from store_fixtures import make_analysis, sqlite_path  # noqa: F401, F811

OPS = st.lists(
    st.tuples(
        st.sampled_from(
            ["verdict", "status", "split", "merge", "add", "evidence", "remove", "flag", "text"]
        ),
        st.integers(0, 1000),
    ),
    min_size=1,
    max_size=12,
)


def state_of(store: Store, review_id: int):
    claims = [
        (c.id, c.number, c.text, c.start, c.end, c.status, c.verdict, c.rationale, c.priority)
        for c in store.load_claims(review_id)
    ]
    quotes = [(q.id, q.claim_id, q.person_id) for q in store.list_quotes(review_id)]
    flags = [(f.id, f.claim_id, f.state, f.state_reason) for f in store.list_flags(review_id)]
    evidence = [(e.id, e.claim_id, e.note) for e in store.list_evidence(review_id)]
    return claims, quotes, flags, evidence


def apply(store: Store, review_id: int, op: str, n: int) -> bool:
    claims = store.load_claims(review_id)
    claim = claims[n % len(claims)]
    try:
        if op == "verdict":
            store.set_verdict(claim.id, ["true", "false", None][n % 3], f"r{n}", who="p")
        elif op == "status":
            store.set_status(claim.id, "needs_second_look", who="p")
        elif op == "split":
            store.split_claim(claim.id, claim.start + 1 + n % max(1, claim.end - claim.start - 1))
        elif op == "merge":
            store.merge_with_next(claim.id, who="p")
        elif op == "add":
            text_len = len(store.get_review(review_id).text)
            start = n % (text_len - 5)
            store.add_claim(review_id, start, start + 5, who="p")
        elif op == "evidence":
            store.add_evidence(claim.id, note=f"e{n}", who="p")
        elif op == "remove":
            evidence = store.list_evidence(review_id)
            if not evidence:
                return False
            store.remove_evidence(evidence[n % len(evidence)].id, who="p")
        elif op == "flag":
            flags = store.list_flags(review_id)
            store.set_flag_state(flags[n % len(flags)].id, "dismissed", f"d{n}", who="p")
        elif op == "text":
            store.edit_claim_text(claim.id, f"Reworded {n}.", who="p")
    except StoreError:
        return False  # e.g. merging the last claim, splitting at a space: nothing changed
    return True


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS)
def test_undo_everything_restores_the_import(sqlite_path, ops):  # noqa: F811
    path = sqlite_path.with_name(f"{uuid.uuid4().hex}.db")  # a fresh database per example
    shutil.copyfile(sqlite_path, path)
    with Store.open(path) as store:
        review_id = store.import_analysis(make_analysis(5, title=str(ops))).review_id
        original = state_of(store, review_id)
        for op, n in ops:
            apply(store, review_id, op, n)
        done = sum(h.action != "import" for h in store.history(review_id=review_id))
        undone = 0
        while store.undo_last(review_id, who="p") is not None:
            undone += 1
        assert undone == done
        assert state_of(store, review_id) == original
        assert store.integrity_check() == "ok"
