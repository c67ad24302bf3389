"""The officials registry in the database: SQLModel tables and ``SqlRegistry``.

``SqlRegistry`` implements ``RegistryWriter`` over one SQLModel ``Session`` (one unit of work:
open it with ``SqlRegistry.open(engine)``, which commits on success and rolls back on error,
so an import either lands completely or not at all). For checking an article, ``load_registry``
reads everything into the in-memory ``Registry`` once, which is what keeps the checks fast.

The tables live in their own ``MetaData`` (``OFFICIALS_METADATA``), so importing this module
does not change the review store's metadata. The store's migration ``0002_officials`` creates
exactly these tables in the review database (its schema test compares both metadata with the
migrated schema): use ``SqlRegistry.open(store.write_engine)`` and ``load_registry(store.engine)``.
"""

# No ``from __future__ import annotations``: SQLModel reads the annotations at runtime.

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator

from sqlalchemy.engine import Engine
from sqlalchemy.orm import registry as sa_registry
from sqlmodel import Field, Session, SQLModel, select

from factcheck.officials.registry import PartialDate, Person, Registry, Role, normalise_name


class _OfficialsModel(SQLModel, registry=sa_registry()):
    """Base of the officials tables: a registry (and MetaData) of their own."""


OFFICIALS_METADATA = _OfficialsModel.metadata


class OfficialPerson(_OfficialsModel, table=True):
    __tablename__ = "official_person"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_key: str = Field(index=True)  # normalise_name(name)
    surname_key: str = Field(default="", index=True)
    wikidata_id: str | None = Field(default=None, index=True)


class OfficialAlias(_OfficialsModel, table=True):
    __tablename__ = "official_alias"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="official_person.id", ondelete="CASCADE", index=True)
    alias: str
    name_key: str = Field(index=True)
    surname_key: str = Field(default="", index=True)


class OfficialRole(_OfficialsModel, table=True):
    __tablename__ = "official_role"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="official_person.id", ondelete="CASCADE", index=True)
    title: str
    organisation: str = ""
    # Partial dates as three columns each: the precision is which of them are set.
    start_year: int | None = None
    start_month: int | None = None
    start_day: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    source: str = ""


def create_tables(engine: Engine) -> None:
    """Create the officials tables (tests, and until the store's migration exists)."""
    OFFICIALS_METADATA.create_all(engine)


def _keys(name: str) -> tuple[str, str]:
    key = normalise_name(name)
    return key, (key.rsplit(" ", 1)[-1] if " " in key else "")


def _pd(year: int | None, month: int | None, day: int | None) -> PartialDate | None:
    return PartialDate(year, month, day) if year is not None else None


def _split(pd: PartialDate | None) -> tuple[int | None, int | None, int | None]:
    return (pd.year, pd.month, pd.day) if pd else (None, None, None)


def _role(row: OfficialRole) -> Role:
    return Role(
        str(row.person_id),
        row.title,
        row.organisation,
        _pd(row.start_year, row.start_month, row.start_day),
        _pd(row.end_year, row.end_month, row.end_day),
        row.source,
    )


def _role_sort_key(role: Role) -> tuple:
    return (role.start is None, role.start.earliest if role.start else dt.date.min, role.title)


class SqlRegistry:
    """``RegistryWriter`` over a database session."""

    def __init__(self, session: Session):
        self.session = session

    @classmethod
    @contextlib.contextmanager
    def open(cls, engine: Engine) -> Iterator["SqlRegistry"]:
        """One unit of work: commits if the block succeeds, rolls everything back if not."""
        with Session(engine) as session:
            try:
                yield cls(session)
                session.commit()
            except BaseException:
                session.rollback()
                raise

    # reading
    def _person(self, row: OfficialPerson) -> Person:
        aliases = self.session.exec(
            select(OfficialAlias.alias)
            .where(OfficialAlias.person_id == row.id)
            .order_by(OfficialAlias.id)
        ).all()
        return Person(str(row.id), row.name, tuple(aliases), row.wikidata_id)

    def _ids_where(self, column: str, key: str) -> list[int]:
        person_col = getattr(OfficialPerson, column)
        alias_col = getattr(OfficialAlias, column)
        ids = set(self.session.exec(select(OfficialPerson.id).where(person_col == key)).all())
        ids |= set(self.session.exec(select(OfficialAlias.person_id).where(alias_col == key)).all())
        return sorted(i for i in ids if i is not None)

    def _people(self, ids: Iterable[int]) -> list[Person]:
        return [self._person(p) for i in ids if (p := self.session.get(OfficialPerson, i))]

    def find_exact(self, name: str) -> list[Person]:
        key = normalise_name(name)
        return self._people(self._ids_where("name_key", key)) if key else []

    def find_person(self, name: str) -> list[Person]:
        found = self.find_exact(name)
        if found:
            return found
        key = normalise_name(name)
        if not key or " " in key:
            return []
        ids = self._ids_where("surname_key", key)
        return self._people(ids) if len(ids) == 1 else []

    def roles_of(self, person_id: str) -> list[Role]:
        rows = self.session.exec(
            select(OfficialRole).where(OfficialRole.person_id == int(person_id))
        ).all()
        return sorted((_role(r) for r in rows), key=_role_sort_key)

    def get_person(self, person_id: str) -> Person | None:
        row = self.session.get(OfficialPerson, int(person_id))
        return self._person(row) if row else None

    def people(self) -> list[Person]:
        rows = self.session.exec(select(OfficialPerson).order_by(OfficialPerson.name_key)).all()
        return [self._person(r) for r in rows]

    def search(self, text: str) -> list[Person]:
        """People whose name or alias contains ``text`` (folded), for ``officials list``."""
        key = f"%{normalise_name(text)}%"
        ids = set(
            self.session.exec(
                select(OfficialPerson.id).where(OfficialPerson.name_key.like(key))  # type: ignore[attr-defined]
            ).all()
        )
        ids |= set(
            self.session.exec(
                select(OfficialAlias.person_id).where(OfficialAlias.name_key.like(key))  # type: ignore[attr-defined]
            ).all()
        )
        return sorted(self._people(i for i in ids if i), key=lambda p: normalise_name(p.name))

    # writing
    def add_person(
        self, name: str, aliases: Iterable[str] = (), wikidata_id: str | None = None
    ) -> Person:
        key, surname = _keys(name)
        row = OfficialPerson(
            name=name.strip(), name_key=key, surname_key=surname, wikidata_id=wikidata_id
        )
        self.session.add(row)
        self.session.flush()
        self._set_aliases(row.id, aliases)
        return self._person(row)

    def _set_aliases(self, person_id: int | None, aliases: Iterable[str]) -> None:
        assert person_id is not None
        for old in self.session.exec(
            select(OfficialAlias).where(OfficialAlias.person_id == person_id)
        ).all():
            self.session.delete(old)
        for alias in aliases:
            key, surname = _keys(alias)
            self.session.add(
                OfficialAlias(person_id=person_id, alias=alias, name_key=key, surname_key=surname)
            )
        self.session.flush()

    def update_person(self, person: Person) -> None:
        row = self.session.get(OfficialPerson, int(person.id))
        if row is None:
            raise KeyError(f"no person with id {person.id!r}")
        row.name = person.name
        row.name_key, row.surname_key = _keys(person.name)
        row.wikidata_id = person.wikidata_id
        self.session.add(row)
        self._set_aliases(row.id, person.aliases)

    def add_role(self, role: Role) -> None:
        if self.session.get(OfficialPerson, int(role.person_id)) is None:
            raise KeyError(f"no person with id {role.person_id!r}")
        sy, sm, sd = _split(role.start)
        ey, em, ed = _split(role.end)
        self.session.add(
            OfficialRole(
                person_id=int(role.person_id),
                title=role.title,
                organisation=role.organisation,
                start_year=sy,
                start_month=sm,
                start_day=sd,
                end_year=ey,
                end_month=em,
                end_day=ed,
                source=role.source,
            )
        )
        self.session.flush()

    def replace_role(self, old: Role, new: Role) -> None:
        rows = self.session.exec(
            select(OfficialRole).where(OfficialRole.person_id == int(old.person_id))
        ).all()
        row = next((r for r in rows if _role(r) == old), None)
        if row is None:
            raise KeyError("role not found")
        row.title, row.organisation, row.source = new.title, new.organisation, new.source
        row.start_year, row.start_month, row.start_day = _split(new.start)
        row.end_year, row.end_month, row.end_day = _split(new.end)
        self.session.add(row)
        self.session.flush()

    def delete_person(self, person_id: str) -> None:
        row = self.session.get(OfficialPerson, int(person_id))
        if row is not None:
            for table in (OfficialAlias, OfficialRole):
                for child in self.session.exec(
                    select(table).where(table.person_id == row.id)  # type: ignore[attr-defined]
                ).all():
                    self.session.delete(child)
            self.session.delete(row)
            self.session.flush()


def load_registry(engine: Engine) -> Registry:
    """Read the whole registry into memory (three queries) for fast checking."""
    reg = Registry()
    with Session(engine) as session:
        aliases: dict[int, list[str]] = {}
        for a in session.exec(select(OfficialAlias).order_by(OfficialAlias.id)).all():
            aliases.setdefault(a.person_id, []).append(a.alias)
        for p in session.exec(select(OfficialPerson)).all():
            assert p.id is not None
            reg.add_person(p.name, aliases.get(p.id, []), p.wikidata_id, person_id=str(p.id))
        for r in session.exec(select(OfficialRole)).all():
            reg.add_role(_role(r))
    return reg
