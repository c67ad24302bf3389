"""Shared helpers for the TUI tests: a temporary database, a mock HTTP client, waiting for
workers (never sleeping)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "harbour-ferry.txt"
SEED = ROOT.parent / "shared" / "seed" / "kim-dialogue.txt"
SEED_DATE = dt.date(2021, 6, 18)

EVIDENCE_URL = "https://stats.example.org/ferry-ridership"
OFFLINE_URL = "https://offline.example.org/report"
EVIDENCE_HTML = """<!doctype html><html><head><title>Ferry ridership 2023 | Harbour Transit
Authority</title></head><body><article><h1>Ferry ridership 2023</h1><p>Ridership fell 8.4% in
2023 to 6.1 million trips, the authority's annual report shows. Costs rose 6% over the same
period, faster than inflation.</p><p>The report covers every route the authority runs.</p>
</article></body></html>"""


def mock_client() -> httpx.Client:
    """An httpx client whose transport serves one evidence page and fails for OFFLINE_URL."""

    def handler(request: httpx.Request) -> httpx.Response:
        if str(request.url) == EVIDENCE_URL:
            return httpx.Response(200, text=EVIDENCE_HTML,
                                  headers={"content-type": "text/html; charset=utf-8"})
        raise httpx.ConnectError("network is unreachable", request=request)

    return httpx.Client(transport=httpx.MockTransport(handler))


async def settle(pilot, rounds: int = 50) -> None:
    """Wait until no worker is running and the screen has caught up (no sleeps)."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        if all(w.is_finished for w in app.workers):
            await pilot.pause()
            return
        await app.workers.wait_for_complete()
    raise AssertionError("workers did not finish")


async def wait_for_screen(pilot, name: str, rounds: int = 50):
    """Settle until the active screen is the one named ``name``."""
    for _ in range(rounds):
        await settle(pilot)
        if type(pilot.app.screen).__name__ == name:
            return pilot.app.screen
    raise AssertionError(f"expected screen {name}, got {type(pilot.app.screen).__name__}")


async def type_text(pilot, text: str) -> None:
    """Type text key by key (Pilot maps punctuation to key names)."""
    await pilot.press(*text)


WIKIDATA = ROOT / "tests" / "fixtures" / "wikidata"


def wikidata_client() -> httpx.Client:
    """An httpx client serving the Wikidata fixtures as the API would (as in
    test_officials_wikidata): wbsearchentities from ``search_<name>.json``, wbgetentities from
    ``entities.json`` and ``labels.json``."""
    import json

    def load(name: str) -> dict:
        return json.loads((WIKIDATA / name).read_text(encoding="utf-8"))

    entities, labels = load("entities.json")["entities"], load("labels.json")["entities"]

    def handler(request: httpx.Request) -> httpx.Response:
        p = request.url.params
        if p.get("action") == "wbsearchentities":
            path = WIKIDATA / f"search_{p['search'].lower().replace(' ', '_')}.json"
            return httpx.Response(200, json=load(path.name) if path.exists() else
                                  {"searchinfo": {"search": p["search"]}, "search": [],
                                   "success": 1})
        if p.get("action") == "wbgetentities":
            source = labels if p["props"] == "labels" else entities
            found = {q: source.get(q, {"id": q, "missing": ""}) for q in p["ids"].split("|")}
            return httpx.Response(200, json={"entities": found, "success": 1})
        return httpx.Response(200, json=load("error_badvalue.json"))

    return httpx.Client(transport=httpx.MockTransport(handler))


def offline_client() -> httpx.Client:
    """An httpx client for which every request fails as if offline."""

    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("network is unreachable", request=request)

    return httpx.Client(transport=httpx.MockTransport(handler))
