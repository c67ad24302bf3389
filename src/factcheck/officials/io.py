"""Importing and exporting the officials registry as CSV or JSON.

The file format is one row per role, with the header ``name,role,organization,start,end,
source_url`` (dates ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; an empty ``end`` means still in
office); JSON is a list of objects with the same fields. Importing first validates the whole
file and reports every bad row with its line number; a file with any error applies nothing.
Merging is idempotent: importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from factcheck.errors import FactcheckError
from factcheck.officials.registry import PartialDate, Person, RegistryWriter, Role, normalise_name
from factcheck.officials.titles import normalise_title, titles_match

FIELDS = ("name", "role", "organization", "start", "end", "source_url")
# Accepted spellings of header fields (British spelling, "title" for role).
_FIELD_ALIASES = {"organisation": "organization", "title": "role", "source": "source_url"}


class OfficialsImportError(FactcheckError):
    """A registry file has bad rows; nothing from it was applied."""

    def __init__(self, source: str, errors: Sequence[RowError]):
        self.source = source
        self.errors = list(errors)
        shown = "; ".join(str(e) for e in self.errors[:5])
        more = f"; and {len(self.errors) - 5} more" if len(self.errors) > 5 else ""
        noun = "error" if len(self.errors) == 1 else "errors"
        super().__init__(f"{source}: {len(self.errors)} {noun}, nothing imported: {shown}{more}")


@dataclass(frozen=True, slots=True)
class RowError:
    """What is wrong with one row (``line`` is 1-based, in the file)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One valid role from a file (or from Wikidata)."""

    line: int
    name: str
    role: str
    organisation: str
    start: PartialDate | None
    end: PartialDate | None
    source_url: str
    wikidata_id: str | None = None


@dataclass
class MergeReport:
    """What a merge did, one human-readable line per role."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    people_added: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.skipped)} skipped (already known); "
            f"{len(self.people_added)} new people"
        )


# --- parsing -----------------------------------------------------------------------------


def _validate(line: int, raw: dict[str, object], errors: list[RowError]) -> ImportRow | None:
    before = len(errors)

    def text(key: str) -> str:
        value = raw.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            errors.append(RowError(line, f"{key} must be text, not {type(value).__name__}"))
            return ""
        return value.strip()

    name, role, org = text("name"), text("role"), text("organization")
    start_text, end_text, url = text("start"), text("end"), text("source_url")
    if not name:
        errors.append(RowError(line, "name is empty"))
    if not role:
        errors.append(RowError(line, "role is empty"))
    dates: dict[str, PartialDate | None] = {}
    for key, value in (("start", start_text), ("end", end_text)):
        try:
            dates[key] = PartialDate.parse(value) if value else None
        except ValueError as err:
            errors.append(RowError(line, f"{key}: {err}"))
            dates[key] = None
    start, end = dates["start"], dates["end"]
    if start and end and end.latest < start.earliest:
        errors.append(RowError(line, f"end {end} is before start {start}"))
    if url and not url.startswith(("http://", "https://")):
        errors.append(RowError(line, f"source_url {url!r} is not an http(s) URL"))
    if len(errors) > before:
        return None
    return ImportRow(line, name, role, org, start, end, url)


def parse_csv(text: str, *, source: str = "CSV") -> list[ImportRow]:
    """Parse and validate CSV text; raises ``OfficialsImportError`` listing every bad row."""
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    errors: list[RowError] = []
    try:
        header = next(reader)
    except StopIteration:
        raise OfficialsImportError(source, [RowError(1, "the file is empty")]) from None
    except csv.Error as err:
        raise OfficialsImportError(source, [RowError(1, f"unreadable CSV: {err}")]) from None
    columns = [_FIELD_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]
    missing = [f for f in FIELDS if f not in columns]
    unknown = [h for h, c in zip(header, columns, strict=True) if c not in FIELDS]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown column(s) {', '.join(unknown)}")
        expected = ",".join(FIELDS)
        raise OfficialsImportError(
            source, [RowError(1, f"bad header: {'; '.join(problems)} (expected {expected})")]
        )
    rows: list[ImportRow] = []
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue  # blank line
            if len(values) != len(columns):
                errors.append(RowError(line, f"{len(values)} fields, expected {len(columns)}"))
                continue
            row = _validate(line, dict(zip(columns, values, strict=True)), errors)
            if row:
                rows.append(row)
    except csv.Error as err:
        errors.append(RowError(reader.line_num, f"unreadable CSV: {err}"))
    if errors:
        raise OfficialsImportError(source, errors)
    return rows


def parse_json(text: str, *, source: str = "JSON") -> list[ImportRow]:
    """Parse and validate a JSON list of role objects, reporting the line each object starts."""
    decoder = json.JSONDecoder()
    text = text.lstrip("\ufeff")

    def line_of(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    def skip_ws(pos: int) -> int:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        return pos

    pos = skip_ws(0)
    if pos >= len(text) or text[pos] != "[":
        raise OfficialsImportError(
            source, [RowError(line_of(pos), "expected a JSON list of objects")]
        )
    pos = skip_ws(pos + 1)
    errors: list[RowError] = []
    rows: list[ImportRow] = []
    expect_item = text[pos : pos + 1] != "]"
    while expect_item:
        line = line_of(pos)
        try:
            item, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as err:
            raise OfficialsImportError(
                source, [*errors, RowError(err.lineno, f"invalid JSON: {err.msg}")]
            ) from None
        if not isinstance(item, dict):
            errors.append(RowError(line, f"expected an object, got {type(item).__name__}"))
        else:
            fields = {_FIELD_ALIASES.get(k.lower(), k.lower()): v for k, v in item.items()}
            unknown = sorted(k for k in fields if k not in FIELDS)
            if unknown:
                errors.append(RowError(line, f"unknown field(s) {', '.join(unknown)}"))
            else:
                row = _validate(line, fields, errors)
                if row:
                    rows.append(row)
        pos = skip_ws(pos)
        if text[pos : pos + 1] == ",":
            pos = skip_ws(pos + 1)
        elif text[pos : pos + 1] == "]":
            expect_item = False
        else:
            raise OfficialsImportError(
                source, [*errors, RowError(line_of(pos), "invalid JSON: expected ',' or ']'")]
            )
    if skip_ws(pos + 1) != len(text):
        errors.append(RowError(line_of(pos + 1), "unexpected text after the list"))
    if errors:
        raise OfficialsImportError(source, errors)
    return rows


def parse_text(text: str, *, source: str = "input", fmt: str | None = None) -> list[ImportRow]:
    """Parse CSV or JSON; ``fmt`` is ``"csv"``/``"json"``, or guessed from the first character."""
    if fmt is None:
        fmt = "json" if text.lstrip("\ufeff \t\r\n").startswith("[") else "csv"
    return parse_json(text, source=source) if fmt == "json" else parse_csv(text, source=source)


def parse_file(path: str | Path) -> list[ImportRow]:
    """Read and validate a registry file (``.json`` is JSON, anything else CSV)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise OfficialsImportError(str(path), [RowError(0, err.strerror or str(err))]) from None
    except UnicodeDecodeError:
        raise OfficialsImportError(str(path), [RowError(0, "not UTF-8 text")]) from None
    fmt = "json" if path.suffix.lower() == ".json" else None
    return parse_text(text, source=str(path), fmt=fmt)


# --- merging -----------------------------------------------------------------------------


def _same_role(a: Role, b: Role) -> bool:
    """Same start, same organisation, and titles that mean the same role."""
    if a.start != b.start:
        return False
    na = normalise_title(a.title, a.organisation or None)
    nb = normalise_title(b.title, b.organisation or None)
    return na.organisation == nb.organisation and titles_match(na, nb)


def _describe(row: ImportRow) -> str:
    span = f"{row.start or '?'} to {row.end or 'now'}"
    org = f", {row.organisation}" if row.organisation else ""
    return f"{row.name}: {row.role}{org} ({span})"


def merge(registry: RegistryWriter, rows: Iterable[ImportRow]) -> MergeReport:
    """Merge valid rows into ``registry``; importing the same rows twice changes nothing.

    A person is found by exact name or alias (never by surname alone) and created if absent.
    A role is the same role when its title means the same (see ``titles``) and it starts on
    the same date; a known role whose end, organisation text, title text or source changed
    is updated, an identical one skipped.
    """
    report = MergeReport()
    for row in rows:
        person = _person_for(registry, row, report)
        new = Role(person.id, row.role, row.organisation, row.start, row.end, row.source_url)
        existing = next((r for r in registry.roles_of(person.id) if _same_role(r, new)), None)
        if existing is None:
            registry.add_role(new)
            report.added.append(_describe(row))
        elif existing == new or _keeps_better(existing, new):
            report.skipped.append(_describe(row))
        else:
            registry.replace_role(existing, new)
            report.updated.append(_describe(row))
    return report


def _keeps_better(existing: Role, new: Role) -> bool:
    """A re-import without a source must not erase a known source."""
    return replace(new, source=existing.source) == existing and not new.source


def _person_for(registry: RegistryWriter, row: ImportRow, report: MergeReport) -> Person:
    found = registry.find_exact(row.name)
    if row.wikidata_id:
        by_qid = [p for p in found if p.wikidata_id == row.wikidata_id] or [
            p for p in registry.people() if p.wikidata_id == row.wikidata_id
        ]
        if by_qid:
            return by_qid[0]
        found = [p for p in found if p.wikidata_id is None]
        if found:
            registry.update_person(replace(found[0], wikidata_id=row.wikidata_id))
            return registry.get_person(found[0].id) or found[0]
    if found:
        return found[0]
    person = registry.add_person(row.name, wikidata_id=row.wikidata_id)
    report.people_added.append(row.name)
    return person


def import_rows(
    registry: RegistryWriter, text: str, *, source: str = "input", fmt: str | None = None
) -> MergeReport:
    """Validate everything, then merge; on any error raises and applies nothing."""
    return merge(registry, parse_text(text, source=source, fmt=fmt))


# --- export ------------------------------------------------------------------------------


def export_csv(registry: RegistryWriter) -> str:
    """The whole registry in the import format, people by name, roles oldest first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for person in sorted(registry.people(), key=lambda p: (normalise_name(p.name), p.id)):
        for role in registry.roles_of(person.id):
            writer.writerow(
                [
                    person.name,
                    role.title,
                    role.organisation,
                    str(role.start) if role.start else "",
                    str(role.end) if role.end else "",
                    # Only URLs survive a round trip through the import's validation.
                    role.source if role.source.startswith(("http://", "https://")) else "",
                ]
            )
    return out.getvalue()
