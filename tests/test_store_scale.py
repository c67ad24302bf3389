"""The verdict scale: the default, a newsroom's own from TOML, and its use in a database."""

from __future__ import annotations

import pytest

from factcheck.errors import StoreError
from factcheck.store import DEFAULT_SCALE, Store, load_rating_scale
from store_fixtures import *  # noqa: F403
from store_fixtures import make_analysis


def test_default_scale():
    assert [r.label for r in DEFAULT_SCALE] == [
        "True",
        "Mostly true",
        "Misleading",
        "Mostly false",
        "False",
        "Unproven",
    ]
    assert [r.value for r in DEFAULT_SCALE] == [5, 4, 3, 2, 1, None]
    assert (DEFAULT_SCALE.best_value, DEFAULT_SCALE.worst_value) == (5, 1)
    assert all(r.description for r in DEFAULT_SCALE)
    assert DEFAULT_SCALE.find("mostly FALSE").key == "mostly-false"
    assert DEFAULT_SCALE.find("mostly_true").key == "mostly-true"
    assert DEFAULT_SCALE.find("nope") is None
    assert load_rating_scale(None) is DEFAULT_SCALE


NEWSROOM = """
[[verdicts]]
key = "correct"
label = "Correct"
description = "Checks out."
value = 3

[[verdicts]]
key = "half"
label = "Half true"
value = 2

[[verdicts]]
key = "wrong"
label = "Wrong"
value = 1

[[verdicts]]
key = "open"
label = "Can't say"
"""


def test_newsroom_scale_from_toml(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(NEWSROOM)
    scale = load_rating_scale(path)
    assert scale.keys() == ["correct", "half", "wrong", "open"]
    assert scale.get("open").value is None and scale.find("can't say").key == "open"
    other = tmp_path / "other.toml"
    other.write_text("[theme]\nname='dark'\n")
    assert load_rating_scale(other) is DEFAULT_SCALE


@pytest.mark.parametrize(
    "text, message",
    [
        ("[[verdicts]]\nlabel = 'X'\n", "needs a 'key'"),
        ("[[verdicts]]\nkey = 'Bad Key'\nlabel = 'X'\n", "needs a 'key'"),
        ("[[verdicts]]\nkey = 'x'\n", "needs a 'label'"),
        ("[[verdicts]]\nkey = 'x'\nlabel='X'\n[[verdicts]]\nkey = 'x'\nlabel='Y'\n", "twice"),
        ("[[verdicts]]\nkey = 'x'\nlabel='X'\nvalue='high'\n", "must be a number"),
        ("[[verdicts]]\nkey = 'x'\nlabel='X'\ncolour='red'\n", "unknown field"),
        ("verdicts = 3\n", "non-empty list"),
        ("[[verdicts]\n", "not valid TOML"),
    ],
)
def test_bad_scale_files(tmp_path, text, message):
    path = tmp_path / "settings.toml"
    path.write_text(text)
    with pytest.raises(StoreError, match=message):
        load_rating_scale(path)
    with pytest.raises(StoreError, match="cannot read"):
        load_rating_scale(tmp_path / "missing.toml")


def test_database_keeps_its_scale_and_takes_a_newsroom_one(db_url, tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(NEWSROOM)
    with Store.open(db_url) as store:
        assert store.rating_scale() == DEFAULT_SCALE
        review_id = store.import_analysis(make_analysis()).review_id
        claim = store.load_claims(review_id)[0]
        store.set_verdict(claim.id, "false")
    with Store.open(db_url, rating_scale=load_rating_scale(path)) as store:
        assert store.rating_scale().keys() == ["correct", "half", "wrong", "open"]
        store.set_verdict(store.load_claims(review_id)[1].id, "half")
        with pytest.raises(StoreError, match="unknown rating 'true'"):
            store.set_verdict(claim.id, "true")
        # An old verdict whose key the new scale lacks is still shown (as its key).
        assert store.rating_scale().label("false") == "false"
    with Store.open(db_url) as store:  # no scale given: the database keeps the newsroom's
        assert store.rating_scale().get("half").label == "Half true"
