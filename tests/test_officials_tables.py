"""The database-backed registry: same behaviour as the in-memory one, atomic imports."""

from pathlib import Path

import pytest
from sqlalchemy.pool import StaticPool
from sqlmodel import SQLModel, create_engine

from factcheck.officials.checks import run_checks
from factcheck.officials.io import OfficialsImportError, export_csv, import_rows, merge, parse_file
from factcheck.officials.registry import PartialDate, RegistryWriter, Role
from factcheck.officials.tables import (
    OFFICIALS_METADATA,
    SqlRegistry,
    create_tables,
    load_registry,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "officials.csv"


@pytest.fixture
def engine():
    eng = create_engine(
        "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
    )
    create_tables(eng)
    yield eng
    eng.dispose()


def test_tables_stay_out_of_the_store_metadata():
    assert "official_person" in OFFICIALS_METADATA.tables
    assert "official_person" not in SQLModel.metadata.tables


def test_sql_registry_implements_the_protocol(engine):
    with SqlRegistry.open(engine) as reg:
        assert isinstance(reg, RegistryWriter)


def test_people_aliases_and_surname_lookup(engine):
    with SqlRegistry.open(engine) as reg:
        p = reg.add_person("Jen Psaki", ["Jennifer Psaki"], "Q6178005")
        reg.add_person("Kim Jong-un")
    with SqlRegistry.open(engine) as reg:
        assert [x.id for x in reg.find_person("JENNIFER psaki")] == [p.id]
        assert [x.id for x in reg.find_person("Psaki")] == [p.id]
        assert reg.find_exact("Psaki") == []
        assert [x.name for x in reg.find_person("kim jong un")] == ["Kim Jong-un"]
        assert reg.get_person(p.id).wikidata_id == "Q6178005"
        assert [x.name for x in reg.search("psak")] == ["Jen Psaki"]
        reg.add_person("Mike Psaki")
        assert reg.find_person("Psaki") == []


def test_roles_round_trip_with_precision(engine):
    with SqlRegistry.open(engine) as reg:
        p = reg.add_person("Kim Jong-un")
        role = Role(p.id, "Supreme Leader of North Korea", "", PartialDate(2011, 12), None, "x")
        reg.add_role(role)
        new = Role(p.id, role.title, "", PartialDate(2011, 12, 17), None, "y")
        reg.replace_role(role, new)
    with SqlRegistry.open(engine) as reg:
        assert reg.roles_of(p.id) == [new]


def test_import_is_idempotent_and_export_matches_memory(engine):
    with SqlRegistry.open(engine) as reg:
        first = merge(reg, parse_file(EXAMPLES))
    with SqlRegistry.open(engine) as reg:
        second = merge(reg, parse_file(EXAMPLES))
        text = export_csv(reg)
    rows = len(EXAMPLES.read_text().strip().splitlines()) - 1  # minus the header
    assert len(first.added) == len(second.skipped) == rows and not second.added
    assert export_csv(load_registry(engine)) == text


def test_failed_unit_of_work_stores_nothing(engine):
    bad = EXAMPLES.read_text() + "Broken,x,y,not-a-date,,\n"
    with pytest.raises(OfficialsImportError), SqlRegistry.open(engine) as reg:
        import_rows(reg, bad)
    with pytest.raises(RuntimeError), SqlRegistry.open(engine) as reg:
        merge(reg, parse_file(EXAMPLES))
        raise RuntimeError("crash half-way")
    with SqlRegistry.open(engine) as reg:
        assert reg.people() == []


def test_checks_against_the_database(engine):
    from test_officials_checks import seed_analysis

    with SqlRegistry.open(engine) as reg:
        merge(reg, parse_file(EXAMPLES))
    with SqlRegistry.open(engine) as reg:
        direct = run_checks(seed_analysis(), reg)
    loaded = run_checks(seed_analysis(), load_registry(engine))
    assert [f.kind for f in direct] == [f.kind for f in loaded] == ["title-date-mismatch"]
    assert direct[0].message == loaded[0].message
