"""The officials registry lives in the review database (revision 0002)."""

import pytest

from factcheck.officials.registry import PartialDate, Role
from factcheck.officials.tables import SqlRegistry, load_registry
from factcheck.store import ReadOnlyError, Store
from store_fixtures import *  # noqa: F403


def test_registry_tables_in_the_store(sqlite_path):
    with Store.open(sqlite_path) as store:
        assert len(load_registry(store.engine)) == 0
        with store.translating_errors(), SqlRegistry.open(store.write_engine) as reg:
            person = reg.add_person("Jen Psaki", ["Jennifer Psaki"])
            reg.add_role(
                Role(person.id, "White House press secretary", "", PartialDate(2021, 1, 20))
            )
    with Store.open(sqlite_path) as store:
        registry = load_registry(store.engine)
        [person] = registry.find_person("Psaki")
        assert [r.title for r in registry.roles_of(person.id)] == ["White House press secretary"]


def test_read_only_store_refuses_registry_writes(sqlite_path):
    with Store.open(sqlite_path, readonly=True) as store:
        assert len(load_registry(store.engine)) == 0
        with pytest.raises(ReadOnlyError):
            store.write_engine  # noqa: B018
