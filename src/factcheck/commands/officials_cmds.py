"""``factcheck officials``: the registry of officials kept in the review database.

::

    factcheck officials import officials.csv     # CSV or JSON; idempotent; all or nothing
    factcheck officials list [TEXT]              # people, with their latest role
    factcheck officials show "Jen Psaki"         # one person's roles, dates and sources
    factcheck officials export [-o FILE]         # CSV in the import format
    factcheck officials lookup "Jen Psaki"       # ask Wikidata, store the roles it knows
    factcheck officials lookup "John Smith" --pick 2 --yes

The database is the global ``--db`` (else ``$FACTCHECK_DB``, else ``./claims.db``); ``import``
and ``lookup`` create it when needed, the others never do. Nothing heavy (SQLAlchemy, httpx)
is imported until a command runs.
"""

from __future__ import annotations

import argparse
import sys

from factcheck.errors import FactcheckError


class OfficialsCommandError(FactcheckError):
    """A usage problem of an officials command (unknown person, bad --pick...)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "officials",
        help="the registry of officials: import, list, show, export, look up on Wikidata",
        description="Maintain the registry of officials (people, their titles and dates) that "
        "'factcheck analyze' and the review screens check attributions against. It is kept "
        "in the review database.",
    )
    sub = parser.add_subparsers(dest="officials_command", metavar="ACTION")
    parser.set_defaults(handler=_usage(parser))

    p = sub.add_parser(
        "import",
        help="import people and roles from a CSV or JSON file",
        description="Import roles from CSV with the header "
        "name,role,organization,start,end,source_url (dates YYYY-MM-DD, YYYY-MM or YYYY; an "
        "empty end means still in office) or a JSON list of objects with those fields. "
        "Importing the same file again changes nothing; a file with any bad row applies nothing.",
    )
    p.add_argument("file", metavar="FILE", help="a .csv or .json file")
    p.set_defaults(handler=run_import)

    p = sub.add_parser(
        "list",
        help="list the people in the registry",
        description="List the people in the registry with their number of roles and latest role.",
    )
    p.add_argument("text", nargs="?", metavar="TEXT", help="only names containing TEXT")
    p.set_defaults(handler=run_list)

    p = sub.add_parser(
        "show",
        help="show one person's roles with dates and sources",
        description="Show a person (by name, alias or unique surname) with every role, its "
        "dates and where it comes from.",
    )
    p.add_argument("name", metavar="NAME")
    p.set_defaults(handler=run_show)

    p = sub.add_parser(
        "export",
        help="export the registry as CSV (the import format)",
        description="Write the whole registry as CSV in the import format.",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    p.set_defaults(handler=run_export)

    p = sub.add_parser(
        "lookup",
        help="look a person up on Wikidata and store the positions they held",
        description="Ask Wikidata for the person's positions held (with start and end dates) "
        "and store them with Wikidata as the source. When several people have the name, they "
        "are listed: choose one with --pick N.",
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("--pick", type=int, metavar="N", help="the candidate to store (1, 2, ...)")
    p.add_argument(
        "--yes",
        "-y",
        action="store_true",
        help="store without asking (needed when not run in a terminal)",
    )
    p.set_defaults(handler=run_lookup)


def _usage(parser: argparse.ArgumentParser):
    def handler(_args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return 2

    return handler


def _open(args: argparse.Namespace, *, create: bool = False):
    from factcheck.store import Store

    return Store.open(getattr(args, "db", None), create=create)


def _load(store):
    from factcheck.officials.tables import load_registry

    with store.translating_errors():
        return load_registry(store.engine)


# ---------------------------------------------------------------------- import


def run_import(args: argparse.Namespace) -> int:
    from factcheck.officials.io import OfficialsImportError, merge, parse_file

    # Validate the whole file first: a bad file never creates or changes a database.
    try:
        rows = parse_file(args.file)
    except OfficialsImportError as err:
        for error in err.errors:
            where = f"line {error.line}: " if error.line else ""
            print(f"factcheck: {err.source}: {where}{error.message}", file=sys.stderr)
        noun = "error" if len(err.errors) == 1 else "errors"
        print(
            f"factcheck: {err.source}: {len(err.errors)} {noun}, nothing imported",
            file=sys.stderr,
        )
        return 2
    from factcheck.officials.tables import SqlRegistry

    with _open(args, create=True) as store:
        with store.translating_errors(), SqlRegistry.open(store.write_engine) as registry:
            report = merge(registry, rows)
        location = store.location
    print(f"{args.file} -> {location}: {report.summary()}")
    for label, lines in (
        ("added", report.added),
        ("updated", report.updated),
        ("skipped", report.skipped),
    ):
        for line in lines:
            print(f"  {label}: {line}")
    return 0


# ---------------------------------------------------------------------- list / show / export


def _latest(roles) -> str:
    if not roles:
        return "-"
    role = roles[-1]
    return f"{role.describe()} ({role.span_text()})"


def run_list(args: argparse.Namespace) -> int:
    from factcheck.officials.registry import normalise_name

    with _open(args) as store:
        registry = _load(store)
        location = store.location
    people = registry.people()
    if args.text:
        key = normalise_name(args.text)
        people = [p for p in people if any(key in normalise_name(n) for n in p.names)]
    if not people:
        what = f" matching {args.text!r}" if args.text else ""
        print(
            f"no officials{what} in {location} "
            "(add some with: factcheck officials import FILE, or officials lookup NAME)"
        )
        return 0
    print(f"{'NAME':<28}  {'WIKIDATA':<10}  {'ROLES':>5}  LATEST ROLE")
    for person in people:
        roles = registry.roles_of(person.id)
        print(
            f"{_cut(person.name, 28):<28}  {person.wikidata_id or '-':<10}  {len(roles):>5}  "
            f"{_latest(roles)}"
        )
    print(f"{len(people)} people, {sum(len(registry.roles_of(p.id)) for p in people)} roles")
    return 0


def _find(registry, name: str):
    """The people ``name`` designates: exact name or alias, unique surname, else contained."""
    from factcheck.officials.registry import normalise_name

    found = registry.find_person(name)
    if found:
        return found
    key = normalise_name(name)
    if not key:
        return []
    return [p for p in registry.people() if any(key in normalise_name(n) for n in p.names)]


def run_show(args: argparse.Namespace) -> int:
    with _open(args) as store:
        registry = _load(store)
        location = store.location
    people = _find(registry, args.name)
    if not people:
        raise OfficialsCommandError(
            f"nobody called {args.name!r} in the officials registry of {location} "
            "(see: factcheck officials list)"
        )
    for i, person in enumerate(people):
        if i:
            print()
        print(person.name)
        if person.aliases:
            print(f"  also: {', '.join(person.aliases)}")
        if person.wikidata_id:
            print(f"  Wikidata: https://www.wikidata.org/wiki/{person.wikidata_id}")
        roles = registry.roles_of(person.id)
        if not roles:
            print("  no roles")
        for role in roles:
            source = f"  [{role.source}]" if role.source else ""
            print(f"  - {role.describe()}: {role.span_text()}{source}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from factcheck.officials.io import export_csv

    with _open(args) as store:
        registry = _load(store)
    text = export_csv(registry)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        except OSError as err:
            raise OfficialsCommandError(
                f"cannot write {args.output}: {err.strerror or err}"
            ) from None
        rows = text.count("\n") - 1
        print(f"wrote {rows} roles of {len(registry)} people to {args.output}")
    else:
        sys.stdout.write(text)
    return 0


# ---------------------------------------------------------------------- lookup


def _print_candidate(number: int | None, candidate, *, roles: bool) -> None:
    head = f"{number}. " if number is not None else ""
    description = f": {candidate.description}" if candidate.description else ""
    count = len(candidate.roles)
    print(
        f"{head}{candidate.name} ({candidate.wikidata_id}){description} "
        f"[{count} position{'s' if count != 1 else ''}]"
    )
    if not roles:
        return
    indent = " " * len(head)
    for role in candidate.roles:
        span = _span(role.start, role.end)
        org = f", {role.organisation}" if role.organisation else ""
        print(f"{indent}  - {role.title}{org}: {span}")
    for note in candidate.notes:
        print(f"{indent}  (not kept: {note})")


def _span(start, end) -> str:
    if start is None and end is None:
        return "(dates unknown)"
    if end is None:
        return f"since {start}"
    if start is None:
        return f"until {end}"
    return f"{start} to {end}"


def _confirm(question: str) -> bool:
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def run_lookup(args: argparse.Namespace) -> int:
    from factcheck.officials import wikidata

    # Ask Wikidata before touching the database: offline or an HTTP error stores nothing.
    candidates = wikidata.lookup_person(args.name)
    if not candidates:
        raise OfficialsCommandError(f"Wikidata knows nobody called {args.name!r}; nothing stored")
    if args.pick is not None:
        if not 1 <= args.pick <= len(candidates):
            for number, candidate in enumerate(candidates, 1):
                _print_candidate(number, candidate, roles=False)
            raise OfficialsCommandError(
                f"--pick {args.pick} is out of range: choose 1 to {len(candidates)}"
            )
        candidate = candidates[args.pick - 1]
    elif len(candidates) == 1:
        candidate = candidates[0]
    else:
        print(f"Wikidata knows {len(candidates)} people called {args.name!r}:")
        for number, candidate in enumerate(candidates, 1):
            _print_candidate(number, candidate, roles=False)
        raise OfficialsCommandError(
            f"several people are called {args.name!r}: choose one with --pick N; nothing stored"
        )

    _print_candidate(None, candidate, roles=True)
    rows = candidate.to_rows()
    if not rows:
        print("Wikidata lists no positions held for them: nothing stored")
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            raise OfficialsCommandError(
                "not stored: add --yes to store these roles (no terminal to ask on)"
            )
        if not _confirm(f"Store {len(rows)} role{'s' if len(rows) != 1 else ''}?"):
            print("nothing stored")
            return 1
    return _store_candidate(args, candidate, rows)


def _store_candidate(args: argparse.Namespace, candidate, rows) -> int:
    from dataclasses import replace

    from factcheck.officials.io import merge
    from factcheck.officials.registry import normalise_name
    from factcheck.officials.tables import SqlRegistry

    with _open(args, create=True) as store:
        with store.translating_errors(), SqlRegistry.open(store.write_engine) as registry:
            report = merge(registry, rows)
            # Wikidata's aliases ("Jennifer Psaki") help find the person in articles.
            qid = candidate.wikidata_id
            person = next(
                (p for p in registry.find_exact(candidate.name) if p.wikidata_id == qid), None
            ) or next((p for p in registry.people() if p.wikidata_id == qid), None)
            if person is not None and candidate.aliases:
                known = {normalise_name(n) for n in person.names}
                new: dict[str, str] = {}
                for alias in candidate.aliases:
                    key = normalise_name(alias)
                    if key and key not in known:
                        new.setdefault(key, alias)
                if new:
                    aliases = (*person.aliases, *new.values())
                    registry.update_person(replace(person, aliases=aliases))
        location = store.location
    print(f"{candidate.name} ({candidate.wikidata_id}) -> {location}: {report.summary()}")
    for label, lines in (("added", report.added), ("updated", report.updated)):
        for line in lines:
            print(f"  {label}: {line}")
    return 0


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
