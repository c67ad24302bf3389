"""The in-memory registry and partial dates."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.officials.registry import (
    Held,
    PartialDate,
    Registry,
    RegistryReader,
    RegistryWriter,
    Role,
    normalise_name,
)

D = dt.date


def test_partial_date_parse_and_precision():
    assert PartialDate.parse("2021-01-20") == PartialDate(2021, 1, 20)
    assert PartialDate.parse("2011-12").precision == "month"
    assert PartialDate.parse("2011").precision == "year"
    assert str(PartialDate.parse("2011-02")) == "2011-02"


@pytest.mark.parametrize("bad", ["", "21-01-20", "2021-13", "2021-02-30", "2021/01/20", "soon"])
def test_partial_date_rejects_bad_text(bad):
    with pytest.raises(ValueError):
        PartialDate.parse(bad)


def test_partial_date_range():
    assert PartialDate(2024, 2).earliest == D(2024, 2, 1)
    assert PartialDate(2024, 2).latest == D(2024, 2, 29)
    assert (PartialDate(2011).earliest, PartialDate(2011).latest) == (
        D(2011, 1, 1),
        D(2011, 12, 31),
    )


@given(st.dates(min_value=D(1000, 1, 1)))
def test_partial_date_round_trip(date):
    for text in (date.isoformat(), date.isoformat()[:7], date.isoformat()[:4]):
        pd = PartialDate.parse(text)
        assert str(pd) == text
        assert pd.earliest <= date <= pd.latest


def role(start=None, end=None):
    return Role(
        "p1",
        "press secretary",
        "White House",
        PartialDate.parse(start) if start else None,
        PartialDate.parse(end) if end else None,
    )


@pytest.mark.parametrize(
    ("start", "end", "date", "held"),
    [
        ("2021-01-20", "2022-05-13", D(2021, 6, 18), Held.YES),
        ("2021-01-20", "2022-05-13", D(2021, 1, 20), Held.YES),  # first day counts
        ("2021-01-20", "2022-05-13", D(2022, 5, 13), Held.YES),  # last day counts
        ("2021-01-20", "2022-05-13", D(2021, 1, 19), Held.NO),
        ("2021-01-20", "2022-05-13", D(2022, 5, 14), Held.NO),
        ("2021-06-19", None, D(2021, 6, 18), Held.NO),  # starts the day after
        ("2021", None, D(2021, 6, 18), Held.UNCERTAIN),
        ("2021-06", None, D(2021, 6, 18), Held.UNCERTAIN),
        ("2021-06", None, D(2021, 7, 1), Held.YES),
        ("2010", "2021", D(2021, 6, 18), Held.UNCERTAIN),
        ("2010", "2021", D(2022, 1, 1), Held.NO),
        (None, None, D(2021, 6, 18), Held.UNKNOWN),
        (None, "2015", D(2021, 6, 18), Held.NO),
    ],
)
def test_role_held_on(start, end, date, held):
    assert role(start, end).held_on(date) is held


def test_span_text():
    assert role("2021-01-20").span_text() == "since 2021-01-20"
    assert role("2013-02-11", "2015-03-31").span_text() == "2013-02-11 to 2015-03-31"


def test_normalise_name():
    assert normalise_name("  Kim Jong-Un ") == "kim jong un"
    assert normalise_name("José  Ángel") == "jose angel"
    assert normalise_name("O’Brien") == normalise_name("O'Brien") == "obrien"


@pytest.fixture
def reg():
    r = Registry()
    r.add_person("Jen Psaki", aliases=["Jennifer Psaki"])
    r.add_person("Kim Jong-un", aliases=["Kim Jong Un"])
    r.add_person("Kim Yo-jong")
    r.add_person("José Ramos-Horta")
    return r


def test_registry_implements_protocols(reg):
    assert isinstance(reg, RegistryReader) and isinstance(reg, RegistryWriter)


def test_find_person_by_name_alias_case_and_accents(reg):
    assert [p.name for p in reg.find_person("jen psaki")] == ["Jen Psaki"]
    assert [p.name for p in reg.find_person("Jennifer PSAKI")] == ["Jen Psaki"]
    assert [p.name for p in reg.find_person("Jose Ramos Horta")] == ["José Ramos-Horta"]
    assert [p.name for p in reg.find_person("Kim Jong Un")] == ["Kim Jong-un"]


def test_surname_only_when_unique(reg):
    assert [p.name for p in reg.find_person("Psaki")] == ["Jen Psaki"]
    assert reg.find_person("Kim") == []  # nobody's surname; and first names are not indexed
    assert reg.find_person("Nobody") == []
    reg.add_person("Mike Psaki")
    assert reg.find_person("Psaki") == []  # no longer unique


def test_find_exact_never_uses_surname(reg):
    assert reg.find_exact("Psaki") == []


def test_roles_sorted_and_replace(reg):
    pid = reg.find_person("Psaki")[0].id
    late = Role(pid, "press secretary", "White House", PartialDate(2021, 1, 20))
    early = Role(pid, "spokesperson", "State Department", PartialDate(2013, 2, 11))
    reg.add_role(late)
    reg.add_role(early)
    assert reg.roles_of(pid) == [early, late]
    fixed = Role(pid, "press secretary", "White House", PartialDate(2021, 1, 20), PartialDate(2022))
    reg.replace_role(late, fixed)
    assert reg.roles_of(pid)[1] == fixed


def test_update_person_reindexes(reg):
    p = reg.find_person("Psaki")[0]
    from dataclasses import replace

    reg.update_person(replace(p, aliases=("Jen P.",)))
    assert reg.find_person("Jennifer Psaki") == []
    assert reg.find_person("Jen P")[0].id == p.id


def test_add_role_for_unknown_person_fails(reg):
    with pytest.raises(KeyError):
        reg.add_role(Role("nope", "x"))
