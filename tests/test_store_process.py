"""Real processes: a writer killed mid-burst loses nothing it reported saved; two editors in two
processes never overwrite each other silently."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from factcheck.store import ConflictError, Store
from store_fixtures import *  # noqa: F403
from store_fixtures import make_analysis

WRITER = textwrap.dedent(
    """
    import sys
    from factcheck.store import Store

    store = Store.open(sys.argv[1])
    claims = store.load_claims(int(sys.argv[2]))
    i = 0
    while True:
        claim = claims[i % len(claims)]
        if i % 2:
            store.add_evidence(claim.id, note=f"edit {i}", who="writer")
        else:
            store.set_verdict(claim.id, "false" if i % 4 else "true", f"edit {i}", who="writer")
        print(i, flush=True)
        i += 1
    """
)


def test_sigkill_mid_burst_loses_no_saved_edit(sqlite_path):
    with Store.open(sqlite_path) as store:
        review_id = store.import_analysis(make_analysis(40)).review_id
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(sqlite_path), str(review_id)],
        stdout=subprocess.PIPE,
        text=True,
    )
    saved: list[int] = []
    deadline = time.monotonic() + 20
    try:
        while len(saved) < 300 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            saved.append(int(line))
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        # Edits the writer saved but whose line we had not read yet count as saved too.
        saved += [int(x) for x in proc.stdout.read().split()]
        proc.stdout.close()
    assert len(saved) >= 300, "the writer did not get going"
    assert proc.returncode == -signal.SIGKILL

    con = sqlite3.connect(sqlite_path)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    notes = {row[0] for row in con.execute("SELECT note FROM evidence")}
    logged = {
        row[0] for row in con.execute("SELECT new_value FROM change_log WHERE field = 'rationale'")
    }
    con.close()
    for i in saved:
        if i % 2:
            assert f"edit {i}" in notes, f"evidence edit {i} was reported saved but is lost"
        else:
            assert f'"edit {i}"' in logged, f"verdict edit {i} was reported saved but is lost"
    # And the store opens normally afterwards.
    with Store.open(sqlite_path) as store:
        assert len(store.load_claims(review_id)) == 40


RACER = textwrap.dedent(
    """
    import os, sys, time
    from factcheck.store import ConflictError, Store

    url, claim_id, version, go, who = sys.argv[1:6]
    store = Store.open(url)
    while not os.path.exists(go):
        time.sleep(0.001)
    try:
        store.set_verdict(int(claim_id), "true" if who == "a" else "false", who,
                          who=who, expected_version=int(version))
        print("saved")
    except ConflictError as err:
        print("conflict:", err)
    """
)


def test_two_processes_same_claim_one_wins_one_is_told(db_url, tmp_path):
    with Store.open(db_url) as store:
        review_id = store.import_analysis(make_analysis()).review_id
        claim = store.load_claims(review_id)[0]
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, db_url, str(claim.id), str(claim.version), str(go), who],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("a", "b")
    ]
    time.sleep(0.8)  # both processes started and waiting
    go.touch()
    outputs = [p.communicate(timeout=30) for p in procs]
    results = [out.strip() for out, _err in outputs]
    assert all(p.returncode == 0 for p in procs), [err for _out, err in outputs]
    assert sorted(r.split(":")[0] for r in results) == ["conflict", "saved"], results
    winner = "a" if results[0] == "saved" else "b"
    loser_message = results[1] if winner == "a" else results[0]
    assert f"changed by {winner}" in loser_message
    with Store.open(db_url) as store:
        row = store.get_claim(claim.id)
        assert row.reviewer == winner and row.version == claim.version + 1
        assert len(store.history(claim_id=claim.id)) == 1


def test_two_store_instances_detect_conflict(db_url):
    first = Store.open(db_url)
    second = Store.open(db_url)
    try:
        review_id = first.import_analysis(make_analysis()).review_id
        mine = first.load_claims(review_id)[2]
        theirs = second.load_claims(review_id)[2]
        second.add_evidence(
            theirs.id, url="https://x.example", who="bob", expected_version=theirs.version
        )
        with pytest.raises(ConflictError, match="claim 3 was changed by bob"):
            first.set_status(mine.id, "done", who="ana", expected_version=mine.version)
        fresh = first.get_claim(mine.id)
        first.set_status(mine.id, "done", who="ana", expected_version=fresh.version)
        assert second.get_claim(mine.id).status == "done"
    finally:
        first.close()
        second.close()
