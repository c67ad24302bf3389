"""Wikidata lookup against MockTransport fixtures in Wikidata's own JSON format.

The fixtures in tests/fixtures/wikidata/ are hand-made in the shape the API returns
(wbsearchentities hits; wbgetentities entities with claims, mainsnak, datavalue, qualifiers,
qualifiers-order and rank); their item ids are illustrative.
"""

import json
from pathlib import Path

import httpx
import pytest

from factcheck.errors import FactcheckError
from factcheck.officials.io import merge
from factcheck.officials.registry import PartialDate, Registry
from factcheck.officials.wikidata import (
    API_URL,
    OfficialsLookupError,
    lookup_person,
    parse_time,
)

FIXTURES = Path(__file__).parent / "fixtures" / "wikidata"


def load(name):
    return json.loads((FIXTURES / name).read_text())


class FakeWikidata:
    """Serves the fixtures like the API would, and records every request."""

    def __init__(self):
        self.requests: list[httpx.Request] = []
        self.entities = load("entities.json")["entities"]
        self.labels = load("labels.json")["entities"]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        assert str(request.url).startswith(API_URL)
        p = request.url.params
        assert p["format"] == "json"
        if p["action"] == "wbsearchentities":
            assert (p["type"], p["language"]) == ("item", "en")
            slug = p["search"].lower().replace(" ", "_")
            path = FIXTURES / f"search_{slug}.json"
            return httpx.Response(
                200,
                json=load(path.name)
                if path.exists()
                else {"searchinfo": {"search": p["search"]}, "search": [], "success": 1},
            )
        if p["action"] == "wbgetentities":
            source = self.labels if p["props"] == "labels" else self.entities
            if p["props"] != "labels":
                assert set(p["props"].split("|")) == {"claims", "labels", "aliases", "descriptions"}
            found = {
                qid: source.get(qid, {"id": qid, "missing": ""}) for qid in p["ids"].split("|")
            }
            return httpx.Response(200, json={"entities": found, "success": 1})
        return httpx.Response(200, json=load("error_badvalue.json"))


@pytest.fixture
def fake():
    return FakeWikidata()


@pytest.fixture
def client(fake):
    with httpx.Client(transport=httpx.MockTransport(fake)) as c:
        yield c


def psaki(client):
    [candidate] = lookup_person("Jen Psaki", client=client)
    return candidate


def test_psaki_positions(client):
    c = psaki(client)
    assert (c.wikidata_id, c.name) == ("Q6178005", "Jen Psaki")
    assert "political advisor" in c.description
    assert "Jennifer Psaki" in c.aliases
    by_title = {r.title: r for r in c.roles}
    wh = by_title["White House Press Secretary"]
    assert (wh.start, wh.end) == (PartialDate(2021, 1, 20), PartialDate(2022, 5, 13))
    state = by_title["Spokesperson for the United States Department of State"]
    assert state.organisation == "United States Department of State"  # from P642
    assert (str(state.start), str(state.end)) == ("2013-02-11", "2015-03-31")
    assert by_title["White House Communications Director"].organisation == "White House"  # P108


def test_deprecated_rank_is_skipped(client):
    c = psaki(client)
    starts = [r.start for r in c.roles if r.position_id == "Q1060463"]
    assert starts == [PartialDate(2021, 1, 20)]  # not the deprecated 2020 statement
    assert any("deprecated" in n for n in c.notes)


def test_year_only_precision_is_kept_as_year(client):
    deputy = next(r for r in psaki(client).roles if r.title == "Deputy White House Press Secretary")
    assert deputy.start == PartialDate(2009) and deputy.start.precision == "year"
    assert deputy.end == PartialDate(2011)


def test_missing_qualifiers_give_unknown_dates_and_org_from_label(client):
    role = next(r for r in psaki(client).roles if r.position_id == "Q5260324")
    assert role.start is None and role.end is None
    assert role.organisation == "White House"  # named in the position's own label


def test_unknown_values_are_skipped_with_a_note(client):
    c = psaki(client)
    assert not any(r.position_id == "Q5260325" for r in c.roles)  # end "unknown value"
    assert any("unknown date" in n for n in c.notes)
    assert any("no known value" in n for n in c.notes)


def test_labels_are_resolved_in_one_batched_call(client, fake):
    psaki(client)
    actions = [(r.url.params["action"], r.url.params.get("props")) for r in fake.requests]
    assert actions == [
        ("wbsearchentities", None),
        ("wbgetentities", "claims|labels|aliases|descriptions"),
        ("wbgetentities", "labels"),
    ]
    ids = fake.requests[2].url.params["ids"].split("|")
    assert len(ids) == len(set(ids))
    assert {"Q1060463", "Q789915", "Q35525"} <= set(ids)


def test_user_agent_is_descriptive(client, fake):
    psaki(client)
    agent = fake.requests[0].headers["user-agent"]
    assert agent.startswith("factcheck/") and "httpx" in agent and "python-httpx" not in agent


def test_several_people_with_the_same_name(client):
    candidates = lookup_person("John Smith", client=client)
    assert [c.wikidata_id for c in candidates] == ["Q228024", "Q6258420"]  # no disambiguation page
    assert [c.description.split()[0] for c in candidates] == ["English", "British"]
    explorer = candidates[0]
    assert explorer.roles[0].end == PartialDate(1609)


def test_nobody_found(client):
    assert lookup_person("Nobody Atall", client=client) == []


def test_to_rows_and_merge_store_wikidata_as_source(client):
    reg = Registry()
    report = merge(reg, psaki(client).to_rows())
    assert len(report.added) == 5 and report.people_added == ["Jen Psaki"]
    person = reg.find_person("Psaki")[0]
    assert person.wikidata_id == "Q6178005"
    assert all(
        r.source == "https://www.wikidata.org/wiki/Q6178005" for r in reg.roles_of(person.id)
    )
    again = merge(reg, psaki(client).to_rows())
    assert len(again.skipped) == 5 and not again.added


def test_wikidata_registry_flags_the_seed_article(client):
    from factcheck.officials.checks import run_checks
    from test_officials_checks import seed_analysis

    reg = Registry()
    merge(reg, psaki(client).to_rows())
    flags = run_checks(seed_analysis(), reg)
    assert [f.kind for f in flags] == ["title-date-mismatch"]
    assert "White House Press Secretary (since 2021-01-20)" in flags[0].message
    assert "2013-02-11 to 2015-03-31" in flags[0].message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"time": "+2021-01-20T00:00:00Z", "precision": 11}, PartialDate(2021, 1, 20)),
        ({"time": "+2011-12-00T00:00:00Z", "precision": 10}, PartialDate(2011, 12)),
        ({"time": "+2011-12-17T00:00:00Z", "precision": 10}, PartialDate(2011, 12)),
        ({"time": "+2011-00-00T00:00:00Z", "precision": 9}, PartialDate(2011)),
        ({"time": "+2010-00-00T00:00:00Z", "precision": 8}, None),  # decade: unknown
        ({"time": "-0044-03-15T00:00:00Z", "precision": 11}, None),
    ],
)
def test_parse_time(value, expected):
    assert parse_time(value) == expected


# --- failures: one clear line, nothing half-done -----------------------------------------


def failing(handler):
    return httpx.Client(transport=httpx.MockTransport(handler))


def test_offline():
    def handler(request):
        raise httpx.ConnectError("Name or service not known", request=request)

    with pytest.raises(OfficialsLookupError, match="could not reach Wikidata") as exc:
        lookup_person("Jen Psaki", client=failing(handler))
    assert isinstance(exc.value, FactcheckError) and "\n" not in str(exc.value)


def test_timeout():
    def handler(request):
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(OfficialsLookupError, match="in time"):
        lookup_person("Jen Psaki", client=failing(handler))


@pytest.mark.parametrize("status", [429, 500, 503])
def test_http_error(status):
    with pytest.raises(OfficialsLookupError, match=f"HTTP {status}"):
        lookup_person("Jen Psaki", client=failing(lambda r: httpx.Response(status)))


def test_api_error():
    with pytest.raises(OfficialsLookupError, match="Unrecognized value"):
        lookup_person(
            "x", client=failing(lambda r: httpx.Response(200, json=load("error_badvalue.json")))
        )


@pytest.mark.parametrize(
    "body",
    [b"<html>maintenance</html>", b"[1, 2]", b'{"search": [{"no-id": 1}]}', b'{"nothing": 1}'],
)
def test_malformed_json(body):
    with pytest.raises(OfficialsLookupError, match="expected format|not JSON"):
        lookup_person("Jen Psaki", client=failing(lambda r: httpx.Response(200, content=body)))


def test_failure_in_the_label_call_returns_nothing(fake):
    def handler(request):
        if request.url.params.get("props") == "labels":
            return httpx.Response(502)
        return fake(request)

    with pytest.raises(OfficialsLookupError, match="HTTP 502"):
        lookup_person("Jen Psaki", client=failing(handler))


def test_malformed_claim_is_an_error_not_a_partial_result(fake):
    def handler(request):
        response = fake(request)
        if request.url.params.get("props", "").startswith("claims"):
            data = json.loads(response.content)
            del data["entities"]["Q6178005"]["claims"]["P39"][0]["mainsnak"]["datavalue"]
            return httpx.Response(200, json=data)
        return response

    with pytest.raises(OfficialsLookupError, match="expected format"):
        lookup_person("Jen Psaki", client=failing(handler))


def test_empty_name():
    with pytest.raises(OfficialsLookupError):
        lookup_person("  ", client=failing(lambda r: httpx.Response(500)))
