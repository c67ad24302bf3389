"""CSV/JSON import: validation with line numbers, all-or-nothing, idempotent merge, export."""

import json
from pathlib import Path

import pytest

from factcheck.errors import FactcheckError
from factcheck.officials.io import (
    OfficialsImportError,
    export_csv,
    import_rows,
    merge,
    parse_csv,
    parse_file,
    parse_json,
)
from factcheck.officials.registry import PartialDate, Registry

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "officials.csv"
HEADER = "name,role,organization,start,end,source_url\n"
PSAKI = HEADER + (
    "Jen Psaki,State Department spokesperson,US Department of State,2013-02-11,2015-03-31,"
    "https://example.org/a\n"
    "Jen Psaki,White House press secretary,White House,2021-01-20,,https://example.org/b\n"
)


def test_parse_csv_dates_and_open_end():
    rows = parse_csv(PSAKI)
    assert [r.line for r in rows] == [2, 3]
    assert rows[0].start == PartialDate(2013, 2, 11) and rows[1].end is None
    rows = parse_csv(HEADER + "Kim Jong-un,Supreme Leader,North Korea,2011-12,,\n")
    assert rows[0].start.precision == "month" and rows[0].source_url == ""
    rows = parse_csv(HEADER + "A B,x,,2011,2012,\n")
    assert rows[0].start.precision == "year"


def test_header_accepts_bom_case_and_british_spelling():
    text = "\ufeffName,Role,Organisation,Start,End,Source_URL\nA B,x,,2011,,\n"
    assert parse_csv(text)[0].name == "A B"


def test_every_bad_row_is_reported_with_its_line():
    text = HEADER + (
        "Jen Psaki,press secretary,White House,2021-01-20,,\n"  # 2: fine
        ",press secretary,White House,2021-01-20,,\n"  # 3: no name
        "Jen Psaki,,White House,2021-13,,\n"  # 4: no role, bad month
        "Jen Psaki,x,y,2021-01-20,2020,\n"  # 5: end before start
        "Jen Psaki,x,y,2021,,ftp://nope\n"  # 6: bad url
        "Jen Psaki,x,y\n"  # 7: too few fields
        "\n"  # 8: blank, ignored
        "Jen Psaki,x,y,20/01/2021,,\n"  # 9: bad date format
    )
    with pytest.raises(OfficialsImportError) as exc:
        parse_csv(text, source="people.csv")
    errors = [(e.line, e.message) for e in exc.value.errors]
    lines = [line for line, _ in errors]
    assert lines == [3, 4, 4, 5, 6, 7, 9]
    assert "name is empty" in errors[0][1]
    assert "2021-13" in errors[2][1]
    assert "before start" in errors[3][1]
    assert "YYYY-MM-DD" in errors[6][1]
    assert isinstance(exc.value, FactcheckError)
    assert str(exc.value).startswith("people.csv: 7 errors, nothing imported: line 3:")
    assert "\n" not in str(exc.value)


def test_bad_header():
    with pytest.raises(OfficialsImportError, match="missing column"):
        parse_csv("name,role\nA,b\n")
    with pytest.raises(OfficialsImportError, match="empty"):
        parse_csv("")


def test_file_with_errors_applies_nothing():
    reg = Registry()
    with pytest.raises(OfficialsImportError):
        import_rows(reg, PSAKI + "Bad Row,x,y,nope,,\n")
    assert len(reg) == 0


def test_merge_is_idempotent_and_reports():
    reg = Registry()
    first = merge(reg, parse_csv(PSAKI))
    assert len(first.added) == 2 and first.people_added == ["Jen Psaki"]
    second = merge(reg, parse_csv(PSAKI))
    assert (len(second.added), len(second.updated), len(second.skipped)) == (0, 0, 2)
    assert reg.role_count() == 2 and len(reg) == 1
    assert "0 added, 0 updated, 2 skipped" in second.summary()


def test_merge_updates_a_changed_end_and_matches_titles_by_meaning():
    reg = Registry()
    merge(reg, parse_csv(PSAKI))
    change = HEADER + (
        "jen psaki,White House spokeswoman,White House,2021-01-20,2022-05-13,https://example.org/b\n"
    )
    report = merge(reg, parse_csv(change))
    assert len(report.updated) == 1 and not report.added and not report.people_added
    pid = reg.find_person("Psaki")[0].id
    assert reg.roles_of(pid)[-1].end == PartialDate(2022, 5, 13)


def test_reimport_without_source_keeps_the_known_source():
    reg = Registry()
    merge(reg, parse_csv(PSAKI))
    report = merge(reg, parse_csv(PSAKI.replace(",https://example.org/b", ",")))
    assert len(report.skipped) == 2
    assert reg.roles_of(reg.find_person("Psaki")[0].id)[-1].source == "https://example.org/b"


def test_json_import_same_fields_with_line_numbers():
    items = [
        {
            "name": "Jen Psaki",
            "role": "White House press secretary",
            "organization": "White House",
            "start": "2021-01-20",
            "end": None,
            "source_url": "https://example.org/b",
        },
        {"name": "Jen Psaki", "role": "x", "start": "2021-99"},
        {"name": "Jen Psaki", "role": "x", "colour": "red"},
        "not an object",
    ]
    text = json.dumps(items, indent=2)
    with pytest.raises(OfficialsImportError) as exc:
        parse_json(text)
    lines = [e.line for e in exc.value.errors]
    starts = [
        i + 1
        for i, line in enumerate(text.splitlines())
        if line.strip() in ("{", '"not an object"')
    ]
    assert lines == starts[1:]
    rows = parse_json(json.dumps(items[:1]))
    assert rows[0].role == "White House press secretary" and rows[0].end is None
    assert parse_json("[]") == []


@pytest.mark.parametrize("bad", ["{}", "[1,", '[{"name": "a"} {"name": "b"}]', "nope"])
def test_invalid_json_is_one_clear_error(bad):
    with pytest.raises(OfficialsImportError):
        parse_json(bad)


def test_export_round_trip():
    reg = Registry()
    merge(reg, parse_file(EXAMPLES))
    text = export_csv(reg)
    assert text.startswith("name,role,organization,start,end,source_url\n")
    again = Registry()
    merge(again, parse_csv(text))
    assert export_csv(again) == text
    assert "Kim Jong-un,Supreme Leader of North Korea,North Korea,2011-12,," in text
    # and importing the export into the original changes nothing
    report = merge(reg, parse_csv(text))
    assert not report.added and not report.updated


def test_examples_file_has_psakis_three_roles():
    reg = Registry()
    merge(reg, parse_file(EXAMPLES))
    roles = reg.roles_of(reg.find_person("Jen Psaki")[0].id)
    assert [(str(r.start), str(r.end)) for r in roles] == [
        ("2013-02-11", "2015-03-31"),
        ("2015-04-01", "2017-01-20"),
        ("2021-01-20", "2022-05-13"),
    ]


def test_parse_file_missing(tmp_path):
    with pytest.raises(OfficialsImportError, match="nothing imported"):
        parse_file(tmp_path / "nope.csv")


def test_parse_file_json_by_suffix(tmp_path):
    p = tmp_path / "people.json"
    p.write_text(
        '[{"name": "A B", "role": "x", "organization": "", "start": "2020", '
        '"end": "", "source_url": ""}]'
    )
    assert parse_file(p)[0].name == "A B"
