"""The registry of officials: people, their names, and the roles they held over time.

Plain dataclasses and an in-memory ``Registry``; no I/O. The database-backed registry (in the
store) implements the same two protocols, ``RegistryReader`` (what the checks need) and
``RegistryWriter`` (what importing needs), so the checks and the importer never know which
one they are given.

Dates are ``PartialDate``: a role may be known to the day, the month or only the year, and a
check must never treat "2011" as if it meant 2011-01-01.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

_DATE_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        # Raises ValueError for an impossible month or day.
        dt.date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; raises ``ValueError`` otherwise."""
        match = _DATE_RE.match(text)
        if not match:
            raise ValueError(f"{text.strip()!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            return cls(year, month, day)  # type: ignore[arg-type]
        except ValueError:
            raise ValueError(f"{text.strip()!r} is not a real date") from None

    @classmethod
    def from_date(cls, date: dt.date) -> PartialDate:
        return cls(date.year, date.month, date.day)

    @property
    def precision(self) -> str:
        """``"day"``, ``"month"`` or ``"year"``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def earliest(self) -> dt.date:
        """The first day this date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day this date can mean."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


class Held(enum.Enum):
    """Whether a role was held on a given day."""

    YES = "yes"
    NO = "no"
    UNCERTAIN = "uncertain"  # the day falls inside a start or end known only to month/year
    UNKNOWN = "unknown"  # the role has no start date at all: nothing to judge by


@dataclass(frozen=True, slots=True)
class Person:
    """Someone who holds or held a public role."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    wikidata_id: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Role:
    """A title held by a person at an organisation, from ``start`` to ``end`` (inclusive).

    ``end`` of ``None`` means still in office; ``start`` of ``None`` means not known.
    ``source`` is where the fact comes from (a URL, "wikidata:Q…", "manual").
    """

    person_id: str
    title: str
    organisation: str = ""
    start: PartialDate | None = None
    end: PartialDate | None = None
    source: str = ""

    def held_on(self, date: dt.date) -> Held:
        """Was the role held on ``date``? Partial dates make the answer uncertain at the edges."""
        if self.end is not None:
            if date > self.end.latest:
                return Held.NO
            end_uncertain = date > self.end.earliest
        else:
            end_uncertain = False
        if self.start is None:
            return Held.UNKNOWN
        if date < self.start.earliest:
            return Held.NO
        if date < self.start.latest or end_uncertain:
            return Held.UNCERTAIN
        return Held.YES

    def ended_before(self, date: dt.date) -> bool:
        return self.end is not None and self.end.latest < date

    def starts_after(self, date: dt.date) -> bool:
        return self.start is not None and self.start.earliest > date

    def span_text(self) -> str:
        """``"2013-02-11 to 2015-03-31"``, ``"since 2021-01-20"``, ``"(dates unknown)"``."""
        if self.start is None and self.end is None:
            return "(dates unknown)"
        if self.end is None:
            return f"since {self.start}"
        if self.start is None:
            return f"until {self.end}"
        return f"{self.start} to {self.end}"

    def describe(self) -> str:
        """The title with its organisation when the title does not already name it."""
        title = self.title.strip()
        org = self.organisation.strip()
        if org and normalise_name(org) not in normalise_name(title):
            return f"{title}, {org}"
        return title


# --- names -------------------------------------------------------------------------------

_PUNCT_RE = re.compile(r"[^\w\s]|_")


def normalise_name(text: str) -> str:
    """Fold case, accents, hyphens and punctuation: ``"Kim Jong-Un"`` -> ``"kim jong un"``."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("'", "").replace(".", " ")
    text = _PUNCT_RE.sub(" ", text.casefold())
    return " ".join(text.split())


# --- protocols ---------------------------------------------------------------------------


@runtime_checkable
class RegistryReader(Protocol):
    """What the checks need from a registry."""

    def find_person(self, name: str) -> list[Person]:
        """People whose name or alias matches ``name`` (a unique surname alone is enough)."""
        ...

    def roles_of(self, person_id: str) -> list[Role]:
        """The person's roles, oldest first."""
        ...


@runtime_checkable
class RegistryWriter(RegistryReader, Protocol):
    """What importing and exporting need from a registry."""

    def find_exact(self, name: str) -> list[Person]:
        """People whose full name or alias equals ``name`` (normalised); never by surname."""
        ...

    def get_person(self, person_id: str) -> Person | None: ...

    def people(self) -> Iterable[Person]: ...

    def add_person(
        self, name: str, aliases: Iterable[str] = (), wikidata_id: str | None = None
    ) -> Person: ...

    def update_person(self, person: Person) -> None: ...

    def add_role(self, role: Role) -> None: ...

    def replace_role(self, old: Role, new: Role) -> None: ...


# --- the in-memory registry --------------------------------------------------------------


def _role_sort_key(role: Role) -> tuple:
    return (role.start is None, role.start.earliest if role.start else dt.date.min, role.title)


@dataclass
class Registry:
    """An in-memory registry indexed by normalised name; implements ``RegistryWriter``."""

    _people: dict[str, Person] = field(default_factory=dict)
    _roles: dict[str, list[Role]] = field(default_factory=dict)
    _by_name: dict[str, list[str]] = field(default_factory=dict)
    _by_surname: dict[str, list[str]] = field(default_factory=dict)
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def __len__(self) -> int:
        return len(self._people)

    # reading
    def find_person(self, name: str) -> list[Person]:
        found = self.find_exact(name)
        if found:
            return found
        key = normalise_name(name)
        if " " in key or not key:
            return []
        ids = self._by_surname.get(key, [])
        return [self._people[ids[0]]] if len(ids) == 1 else []

    def find_exact(self, name: str) -> list[Person]:
        return [self._people[i] for i in self._by_name.get(normalise_name(name), [])]

    def roles_of(self, person_id: str) -> list[Role]:
        return list(self._roles.get(person_id, []))

    def get_person(self, person_id: str) -> Person | None:
        return self._people.get(person_id)

    def people(self) -> list[Person]:
        return sorted(self._people.values(), key=lambda p: normalise_name(p.name))

    def role_count(self) -> int:
        return sum(len(r) for r in self._roles.values())

    # writing
    def add_person(
        self,
        name: str,
        aliases: Iterable[str] = (),
        wikidata_id: str | None = None,
        *,
        person_id: str | None = None,
    ) -> Person:
        if person_id is None:
            person_id = f"p{next(self._ids)}"
            while person_id in self._people:
                person_id = f"p{next(self._ids)}"
        elif person_id in self._people:
            raise ValueError(f"person id {person_id!r} already exists")
        person = Person(person_id, name.strip(), tuple(aliases), wikidata_id)
        self._people[person_id] = person
        self._roles.setdefault(person_id, [])
        self._index(person)
        return person

    def update_person(self, person: Person) -> None:
        old = self._people[person.id]
        self._unindex(old)
        self._people[person.id] = person
        self._index(person)

    def add_role(self, role: Role) -> None:
        if role.person_id not in self._people:
            raise KeyError(f"no person with id {role.person_id!r}")
        roles = self._roles[role.person_id]
        roles.append(role)
        roles.sort(key=_role_sort_key)

    def replace_role(self, old: Role, new: Role) -> None:
        roles = self._roles[old.person_id]
        roles[roles.index(old)] = new
        roles.sort(key=_role_sort_key)

    # indexes
    def _keys(self, person: Person) -> tuple[set[str], set[str]]:
        names = {normalise_name(n) for n in person.names} - {""}
        surnames = {n.rsplit(" ", 1)[-1] for n in names if " " in n}
        return names, surnames

    def _index(self, person: Person) -> None:
        names, surnames = self._keys(person)
        for key in names:
            self._by_name.setdefault(key, []).append(person.id)
        for key in surnames:
            self._by_surname.setdefault(key, []).append(person.id)

    def _unindex(self, person: Person) -> None:
        names, surnames = self._keys(person)
        for index, keys in ((self._by_name, names), (self._by_surname, surnames)):
            for key in keys:
                ids = index.get(key, [])
                if person.id in ids:
                    ids.remove(person.id)
                if not ids:
                    index.pop(key, None)
