"""Looking people and their positions up on Wikidata.

Three kinds of request to https://www.wikidata.org/w/api.php, all through one injectable
``httpx.Client`` (tests pass one with a ``MockTransport``; nothing here opens a connection of
its own when given a client):

1. ``action=wbsearchentities`` finds items whose label or alias matches the name;
2. ``action=wbgetentities`` (props ``claims|labels|aliases|descriptions``) fetches them; only
   humans (P31 = Q5) are kept, and their "position held" (P39) statements are read, skipping
   deprecated ones, with start (P580) and end (P582) qualifiers at their stated precision and
   the organisation from the "of" (P642) or "employer" (P108) qualifier;
3. one batched ``wbgetentities`` (props ``labels``) resolves the labels of every position and
   organisation met.

Every failure (offline, timeout, HTTP error, an API error, JSON that is not what Wikidata
sends) raises ``OfficialsLookupError`` with one line for the editor; a lookup either returns
complete candidates or nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from factcheck import __version__
from factcheck.errors import FactcheckError
from factcheck.officials.io import ImportRow
from factcheck.officials.registry import PartialDate
from factcheck.officials.titles import default_rules, normalise_title

API_URL = "https://www.wikidata.org/w/api.php"
ENTITY_URL = "https://www.wikidata.org/wiki/{}"
# Wikimedia asks every client to identify itself: name/version (purpose; contact) library.
USER_AGENT = (
    f"factcheck/{__version__} (newsroom fact-checking assistant; officials lookup) "
    f"httpx/{httpx.__version__}"
)
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
MAX_IDS_PER_REQUEST = 50  # the API's limit for ids in one wbgetentities call

HUMAN = "Q5"
P_INSTANCE_OF, P_POSITION_HELD = "P31", "P39"
P_START, P_END, P_OF, P_EMPLOYER = "P580", "P582", "P642", "P108"

_TIME_RE = re.compile(r"^([+-])(\d{1,16})-(\d{2})-(\d{2})T")
_QID_RE = re.compile(r"^Q\d+$")


class OfficialsLookupError(FactcheckError):
    """Wikidata could not be asked, or its answer could not be read; nothing was stored."""


@dataclass(frozen=True, slots=True)
class WikidataRole:
    """One position held, as read from a P39 statement."""

    title: str
    organisation: str
    start: PartialDate | None
    end: PartialDate | None
    position_id: str
    statement_id: str = ""


@dataclass(frozen=True, slots=True)
class PersonCandidate:
    """A person Wikidata knows by the name looked up, with the positions they held.

    ``notes`` lists statements that were read but not kept (deprecated, no value, an end
    that is "unknown value"), so the editor can see why a role is missing.
    """

    wikidata_id: str
    name: str
    description: str
    aliases: tuple[str, ...]
    roles: tuple[WikidataRole, ...]
    notes: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return ENTITY_URL.format(self.wikidata_id)

    def to_rows(self) -> list[ImportRow]:
        """The roles as import rows, with Wikidata as their source (see ``io.merge``)."""
        return [
            ImportRow(
                0,
                self.name,
                r.title,
                r.organisation,
                r.start,
                r.end,
                self.url,
                wikidata_id=self.wikidata_id,
            )
            for r in self.roles
        ]


# --- reading Wikidata's JSON -------------------------------------------------------------


def parse_time(value: dict[str, Any]) -> PartialDate | None:
    """A Wikidata time value as a ``PartialDate`` at its stated precision.

    Precision 11 is a day, 10 a month, 9 a year; coarser ones (decade, century) and dates
    before the common era give ``None`` (unknown) rather than a false year.
    """
    match = _TIME_RE.match(value["time"])
    precision = int(value["precision"])
    if not match or match.group(1) == "-" or precision < 9:
        return None
    year, month, day = (int(g) for g in match.group(2, 3, 4))
    if precision >= 11 and month and day:
        return PartialDate(year, month, day)
    if precision >= 10 and month:
        return PartialDate(year, month)
    return PartialDate(year)


def _snak_value(snak: dict[str, Any]) -> Any | None:
    """The datavalue's value of a snak, or ``None`` for "no value"/"unknown value"."""
    if snak.get("snaktype") != "value":
        return None
    return snak["datavalue"]["value"]


def _first_qualifier(statement: dict[str, Any], prop: str) -> dict[str, Any] | None:
    snaks = statement.get("qualifiers", {}).get(prop, [])
    return snaks[0] if snaks else None


def _item_ids(claims: dict[str, Any], prop: str) -> list[str]:
    ids = []
    for statement in claims.get(prop, []):
        value = _snak_value(statement["mainsnak"])
        if isinstance(value, dict) and "id" in value:
            ids.append(value["id"])
    return ids


def _en(entity: dict[str, Any], key: str) -> str:
    value = entity.get(key, {}).get("en")
    return value["value"] if value else ""


@dataclass
class _RawRole:
    position_id: str
    org_id: str | None
    start: PartialDate | None
    end: PartialDate | None
    statement_id: str


def _read_positions(entity: dict[str, Any]) -> tuple[list[_RawRole], list[str]]:
    roles: list[_RawRole] = []
    notes: list[str] = []
    for statement in entity.get("claims", {}).get(P_POSITION_HELD, []):
        sid = statement.get("id", "")
        value = _snak_value(statement["mainsnak"])
        if statement.get("rank") == "deprecated":
            notes.append(f"skipped deprecated statement {sid}")
            continue
        if not isinstance(value, dict) or "id" not in value:
            notes.append(f"skipped position with no known value ({sid})")
            continue
        dates: dict[str, PartialDate | None] = {}
        unknown_end = False
        for prop in (P_START, P_END):
            snak = _first_qualifier(statement, prop)
            time_value = _snak_value(snak) if snak else None
            dates[prop] = parse_time(time_value) if time_value else None
            if prop == P_END and snak is not None and snak.get("snaktype") == "somevalue":
                unknown_end = True
        if unknown_end:
            notes.append(f"skipped {value['id']}: it ended on an unknown date ({sid})")
            continue
        org_id = None
        for prop in (P_OF, P_EMPLOYER):
            snak = _first_qualifier(statement, prop)
            org = _snak_value(snak) if snak else None
            if isinstance(org, dict) and "id" in org:
                org_id = org["id"]
                break
        roles.append(_RawRole(value["id"], org_id, dates[P_START], dates[P_END], sid))
    return roles, notes


# --- HTTP --------------------------------------------------------------------------------


def _call(client: httpx.Client, params: dict[str, str]) -> dict[str, Any]:
    query = {"format": "json", **params}
    try:
        response = client.get(
            API_URL, params=query, headers={"User-Agent": USER_AGENT}, timeout=TIMEOUT
        )
    except httpx.TimeoutException:
        raise OfficialsLookupError("Wikidata did not answer in time; try again later") from None
    except httpx.HTTPError as err:
        raise OfficialsLookupError(
            f"could not reach Wikidata ({type(err).__name__}); check the network connection "
            "and try again"
        ) from None
    if response.status_code != 200:
        raise OfficialsLookupError(
            f"Wikidata answered HTTP {response.status_code} {response.reason_phrase}; "
            "try again later"
        )
    try:
        data = response.json()
    except ValueError:
        raise OfficialsLookupError("Wikidata's answer was not JSON; try again later") from None
    if not isinstance(data, dict):
        raise OfficialsLookupError("Wikidata's answer was not in the expected format")
    if "error" in data:
        error = data["error"] if isinstance(data["error"], dict) else {}
        info = error.get("info") or error.get("code") or "unknown error"
        raise OfficialsLookupError(f"Wikidata refused the request: {info}")
    return data


def _chunks(ids: list[str], size: int = MAX_IDS_PER_REQUEST) -> Iterator[list[str]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _get_entities(client: httpx.Client, ids: Iterable[str], props: str) -> dict[str, Any]:
    ids = list(dict.fromkeys(ids))
    entities: dict[str, Any] = {}
    for chunk in _chunks(ids):
        data = _call(
            client,
            {
                "action": "wbgetentities",
                "ids": "|".join(chunk),
                "props": props,
                "languages": "en",
                "languagefallback": "1",
            },
        )
        entities.update(data["entities"])
    return entities


def search(name: str, *, client: httpx.Client, limit: int = 7) -> list[str]:
    """Item ids whose label or alias matches ``name``, best first."""
    data = _call(
        client,
        {
            "action": "wbsearchentities",
            "search": name,
            "type": "item",
            "language": "en",
            "uselang": "en",
            "limit": str(limit),
        },
    )
    return [hit["id"] for hit in data["search"] if _QID_RE.match(hit["id"])]


def make_client() -> httpx.Client:
    """The client ``lookup_person`` uses when given none (tests replace this function)."""
    return httpx.Client(timeout=TIMEOUT, headers={"User-Agent": USER_AGENT})


def lookup_person(
    name: str, *, client: httpx.Client | None = None, limit: int = 7
) -> list[PersonCandidate]:
    """People Wikidata knows by ``name``, each with the positions they held.

    Several people may share a name: all are returned, in Wikidata's search order, with their
    descriptions so the caller can choose. An empty list means nobody was found.

    Raises:
        OfficialsLookupError: offline, HTTP or API error, or an answer that cannot be read.
    """
    if not name.strip():
        raise OfficialsLookupError("give a name to look up")
    own = client is None
    client = client or make_client()
    try:
        return _lookup(name.strip(), client, limit)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as err:
        raise OfficialsLookupError(
            f"Wikidata's answer was not in the expected format ({type(err).__name__}: {err}); "
            "nothing was stored"
        ) from None
    finally:
        if own:
            client.close()


def _lookup(name: str, client: httpx.Client, limit: int) -> list[PersonCandidate]:
    ids = search(name, client=client, limit=limit)
    if not ids:
        return []
    entities = _get_entities(client, ids, "claims|labels|aliases|descriptions")
    people = []
    for qid in ids:
        entity = entities.get(qid)
        if not entity or "missing" in entity:
            continue
        kinds = _item_ids(entity.get("claims", {}), P_INSTANCE_OF)
        if kinds and HUMAN not in kinds:
            continue  # a ship, a film or a disambiguation page with the same name
        raw, notes = _read_positions(entity)
        people.append((qid, entity, raw, notes))
    wanted = [r.position_id for _, _, raw, _ in people for r in raw]
    wanted += [r.org_id for _, _, raw, _ in people for r in raw if r.org_id]
    labels: dict[str, str] = {}
    if wanted:
        for qid, entity in _get_entities(client, wanted, "labels").items():
            labels[qid] = _en(entity, "labels") or qid
    candidates = []
    for qid, entity, raw, notes in people:
        roles = tuple(_finish_role(r, labels) for r in raw)
        aliases = tuple(a["value"] for a in entity.get("aliases", {}).get("en", []))
        candidates.append(
            PersonCandidate(
                wikidata_id=qid,
                name=_en(entity, "labels") or name,
                description=_en(entity, "descriptions"),
                aliases=aliases,
                roles=roles,
                notes=tuple(notes),
            )
        )
    return candidates


def _finish_role(raw: _RawRole, labels: dict[str, str]) -> WikidataRole:
    title = labels.get(raw.position_id, raw.position_id)
    if raw.org_id:
        organisation = labels.get(raw.org_id, raw.org_id)
    else:
        # No qualifier: the organisation the position's own label names, else the label.
        found = normalise_title(title).organisation
        rules = default_rules()
        organisation = rules.label(found) if found in rules.org_country else title
    return WikidataRole(title, organisation, raw.start, raw.end, raw.position_id, raw.statement_id)
