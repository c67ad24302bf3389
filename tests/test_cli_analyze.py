"""``factcheck analyze``: the JSON contract and one-line errors for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import sys

import httpx
import pytest

from factcheck import cli
from factcheck.sources import fetch


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    # A database that does not exist: the results never depend on a claims.db lying around.
    env = {**os.environ, "FACTCHECK_DB": os.path.join(tempfile.gettempdir(), "fc-none", "x.db")}
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args], capture_output=True, input=stdin, timeout=60,
        env=env,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess | tuple[int, str]) -> str:
    code, err = (proc.returncode, proc.stderr.decode()) if not isinstance(proc, tuple) else proc
    assert code == 2, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_json_contract_on_example(example_path):
    proc = run_cli("analyze", str(example_path), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) >= {"article", "claims", "quotes", "flags"}
    assert set(data["article"]) >= {"title", "outlet", "published", "text", "removed"}
    text = data["article"]["text"]
    for claim in data["claims"]:
        assert set(claim) >= {"id", "text", "start", "end", "kind", "checkworthy", "speaker",
                              "speaker_title"}
        assert text[claim["start"] : claim["end"]] == claim["text"]
    for quote in data["quotes"]:
        assert set(quote) >= {"text", "start", "end", "claim_id", "speaker", "speaker_title"}
    for flag in data["flags"]:
        assert set(flag) >= {"kind", "claim_id", "message"}


def test_date_option_overrides(seed_path):
    proc = run_cli("analyze", str(seed_path), "--date", "2021-06-18", "--json")
    data = json.loads(proc.stdout)
    assert data["article"]["published"] == "2021-06-18"
    psaki = [q for q in data["quotes"] if "grand bargain" in q["text"]][0]
    assert psaki["speaker"] == "Jen Psaki"


def test_stdin_and_rich_view(example_path):
    proc = run_cli("analyze", "-", stdin=example_path.read_bytes())
    assert proc.returncode == 0
    assert "Ferry fares to rise" in proc.stdout.decode()


def test_bad_date_is_a_usage_error(example_path):
    proc = run_cli("analyze", str(example_path), "--date", "18/06/2021")
    assert proc.returncode == 2
    assert "YYYY-MM-DD" in proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()


@pytest.mark.parametrize("kind", ["missing", "directory", "empty", "binary", "huge"])
def test_bad_files(tmp_path, kind):
    path = tmp_path / "article.txt"
    if kind == "directory":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 64)
    elif kind == "huge":
        with open(path, "wb") as handle:
            handle.truncate(50 * 1024 * 1024)
    line = assert_one_line_error(run_cli("analyze", str(path)))
    assert line.startswith("factcheck: ")


@pytest.fixture(autouse=True)
def _no_database(monkeypatch, tmp_path):
    monkeypatch.setenv("FACTCHECK_DB", str(tmp_path / "absent" / "claims.db"))


def _cli_with_transport(monkeypatch, capsys, handler, url="https://news.example/story"):
    monkeypatch.setattr(
        fetch, "build_client", lambda: httpx.Client(transport=httpx.MockTransport(handler))
    )
    code = cli.main(["analyze", url])
    return code, capsys.readouterr().err


def test_invalid_url(capsys):
    code = cli.main(["analyze", "htp:/news"])
    assert_one_line_error((code, capsys.readouterr().err))


def test_http_error(monkeypatch, capsys):
    line = assert_one_line_error(
        _cli_with_transport(monkeypatch, capsys, lambda r: httpx.Response(404))
    )
    assert "404" in line


def test_non_html_content_type(monkeypatch, capsys):
    def handler(request):
        return httpx.Response(200, headers={"content-type": "application/pdf"}, content=b"%PDF")

    line = assert_one_line_error(_cli_with_transport(monkeypatch, capsys, handler))
    assert "pdf" in line.lower()


def test_timeout(monkeypatch, capsys):
    def handler(request):
        raise httpx.ReadTimeout("timed out", request=request)

    line = assert_one_line_error(_cli_with_transport(monkeypatch, capsys, handler))
    assert "time" in line.lower()


def test_html_page_is_analysed(monkeypatch, capsys):
    html = (
        "<html><head><title>Council backs plan</title></head><body><nav>Home | News</nav>"
        "<article><h1>Council backs plan</h1><p>The council voted 7-2 on Tuesday to approve "
        "the harbour plan, which will cost $12 million over three years.</p><p>\u201cThis is "
        "a good day for the city,\u201d said Mayor Ana Ruiz.</p></article>"
        "<footer>Leave a Reply</footer></body></html>"
    )

    def handler(request):
        return httpx.Response(200, headers={"content-type": "text/html; charset=utf-8"},
                              text=html)

    monkeypatch.setattr(
        fetch, "build_client", lambda: httpx.Client(transport=httpx.MockTransport(handler))
    )
    assert cli.main(["analyze", "https://news.example/plan", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["article"]["title"] == "Council backs plan"
    assert any(q["speaker"] == "Ana Ruiz" for q in data["quotes"])


def test_officials_file_flags_psaki_title(seed_path):
    from tests.conftest import ROOT

    proc = run_cli("analyze", str(seed_path), "--date", "2021-06-18", "--json",
                   "--officials", str(ROOT / "examples" / "officials.csv"))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    mismatch = [f for f in data["flags"] if f["kind"] == "title-date-mismatch"]
    assert len(mismatch) == 1
    claim = next(c for c in data["claims"] if c["id"] == mismatch[0]["claim_id"])
    assert "grand bargain" in claim["text"]
    assert "White House press secretary" in mismatch[0]["message"]
    assert "2013-02-11" in mismatch[0]["message"]
    # No flag on Easley (not in the registry) or on the Kim quotes.
    flagged = {f["claim_id"] for f in data["flags"]}
    for claim in data["claims"]:
        if claim["speaker"] in ("Leif-Eric Easley", "Kim Jong-un"):
            assert claim["id"] not in flagged


def test_example_wrong_title_is_flagged_and_right_ones_are_not(example_path):
    from tests.conftest import ROOT

    proc = run_cli("analyze", str(example_path), "--json",
                   "--officials", str(ROOT / "examples" / "officials.csv"))
    data = json.loads(proc.stdout)
    kinds = {(f["kind"], f["claim_id"]) for f in data["flags"]}
    title_flags = [f for f in data["flags"] if f["kind"].startswith("title")]
    assert len(title_flags) == 1, title_flags
    assert "Tom Okafor" in title_flags[0]["message"]
    assert "City Treasurer" in title_flags[0]["message"]
    assert ("anonymous-source", 11) in kinds
