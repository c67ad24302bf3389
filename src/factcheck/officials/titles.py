"""Reading titles by meaning: "US State Department spokesperson" == "spokesperson for the U.S.
Department of State".

The vocabulary (organisation and country aliases, role synonyms, modifiers, roles that are one
role at an organisation) is data, in ``officials/data/titles.toml``; this module only applies it.
A title is folded like a name (case, accents, dots, apostrophes, hyphens), then scanned left to
right taking the longest known phrase at each position, so word order does not matter and
"then-" or "ex-" work as modifiers.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from factcheck.officials.registry import normalise_name

TEMPORAL_MODIFIERS = ("former", "then")


@dataclass(frozen=True, slots=True)
class NormalTitle:
    """A title reduced to what it means.

    ``role`` is a role key from the rules (``"spokesperson"``) or, for a role the rules do not
    know, the title's remaining words (``known_role`` is then false). ``organisation`` is an
    organisation key, or a country key when the title names only a country. ``modifiers``
    holds temporal modifiers (``former``, ``then``) and rank ones (``acting``, ``deputy``...).
    """

    role: str | None
    organisation: str | None = None
    modifiers: frozenset[str] = frozenset()
    known_role: bool = True

    @property
    def temporal(self) -> str | None:
        """``"former"``, ``"then"`` or ``None``."""
        for mod in TEMPORAL_MODIFIERS:
            if mod in self.modifiers:
                return mod
        return None

    @property
    def rank(self) -> frozenset[str]:
        return self.modifiers - set(TEMPORAL_MODIFIERS)

    @property
    def key(self) -> tuple:
        """What identifies the role regardless of "former"/"then"."""
        return (self.role, self.organisation, tuple(sorted(self.rank)))


@dataclass(frozen=True)
class TitleRules:
    """The compiled vocabulary of ``titles.toml``."""

    phrases: dict[tuple[str, ...], tuple[str, str]]  # folded words -> (kind, key)
    max_len: int
    stopwords: frozenset[str]
    org_country: dict[str, str]
    role_default_org: dict[str, str]
    equivalences: tuple[tuple[str, frozenset[str]], ...]
    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_toml(cls, text: str) -> TitleRules:
        """Compile rules; raises ``ValueError`` naming the problem if the data is inconsistent."""
        data = tomllib.loads(text)
        phrases: dict[tuple[str, ...], tuple[str, str]] = {}
        labels: dict[str, str] = {}

        def add(kind: str, key: str, names: list[str]) -> None:
            for name in names:
                words = tuple(normalise_name(name).split())
                if not words:
                    raise ValueError(f"empty phrase in {kind} {key!r}")
                if words in phrases and phrases[words] != (kind, key):
                    other = phrases[words]
                    raise ValueError(
                        f"phrase {name!r} is both {kind} {key!r} and {other[0]} {other[1]!r}"
                    )
                phrases[words] = (kind, key)

        for group in ("temporal", "rank"):
            for key, names in data.get("modifiers", {}).get(group, {}).items():
                add("modifier", key, names)
        for kind, section in (("country", "countries"), ("organisation", "organisations")):
            for key, entry in data.get(section, {}).items():
                add(kind, key, entry.get("names", []))
                labels[key] = entry.get("label", key)
        org_country = {
            key: entry["country"]
            for key, entry in data.get("organisations", {}).items()
            if entry.get("country")
        }
        role_default_org: dict[str, str] = {}
        for key, entry in data.get("roles", {}).items():
            add("role", key, entry.get("names", []))
            labels[key] = entry.get("label", key)
            if entry.get("organisation"):
                role_default_org[key] = entry["organisation"]
        known_places = set(data.get("countries", {})) | set(data.get("organisations", {}))
        for org, country in org_country.items():
            if country not in data.get("countries", {}):
                raise ValueError(f"organisation {org!r} names unknown country {country!r}")
        for role, org in role_default_org.items():
            if org not in known_places:
                raise ValueError(f"role {role!r} implies unknown organisation {org!r}")
        equivalences = []
        for eq in data.get("equivalences", []):
            org, roles = eq.get("organisation"), frozenset(eq.get("roles", []))
            if org not in known_places:
                raise ValueError(f"equivalence names unknown organisation {org!r}")
            unknown = roles - set(data.get("roles", {}))
            if unknown:
                raise ValueError(f"equivalence at {org!r} names unknown roles {sorted(unknown)}")
            equivalences.append((org, roles))
        stop = frozenset(w for s in data.get("stopwords", []) for w in normalise_name(s).split())
        return cls(
            phrases=phrases,
            max_len=max((len(p) for p in phrases), default=1),
            stopwords=stop,
            org_country=org_country,
            role_default_org=role_default_org,
            equivalences=tuple(equivalences),
            labels=labels,
        )

    @classmethod
    def from_path(cls, path: str | Path) -> TitleRules:
        return cls.from_toml(Path(path).read_text(encoding="utf-8"))

    def label(self, key: str | None) -> str:
        return self.labels.get(key, key) if key else ""

    def orgs_compatible(self, a: str | None, b: str | None) -> bool:
        """Could ``a`` and ``b`` name the same place? A country covers its organisations."""
        if a is None or b is None or a == b:
            return True
        return self.org_country.get(a) == b or self.org_country.get(b) == a

    def normalise(self, text: str, organisation: str | None = None) -> NormalTitle:
        words = normalise_name(text).split()
        modifiers: set[str] = set()
        roles: list[str] = []
        orgs: list[str] = []
        countries: list[str] = []
        residual: list[str] = []
        i = 0
        while i < len(words):
            for length in range(min(self.max_len, len(words) - i), 0, -1):
                hit = self.phrases.get(tuple(words[i : i + length]))
                if hit:
                    kind, key = hit
                    if kind == "modifier":
                        modifiers.add(key)
                    else:
                        {"role": roles, "organisation": orgs, "country": countries}[kind].append(
                            key
                        )
                    i += length
                    break
            else:
                if words[i] not in self.stopwords:
                    residual.append(words[i])
                i += 1
        org = orgs[0] if orgs else None
        if org is None and organisation:
            other = self.normalise(organisation)
            org = other.organisation
            if org is None:
                # An organisation the rules do not know ("Harbour Transit Authority"): use its
                # normalised name, and drop it from the title's words ("chief executive of
                # the Harbour Transit Authority" is the role "chief executive" there).
                org_words = [w for w in normalise_name(organisation).split()
                             if w not in self.stopwords]
                org = " ".join(org_words) or None
                n = len(org_words)
                for k in range(len(residual) - n + 1):
                    if n and residual[k : k + n] == org_words:
                        del residual[k : k + n]
                        break
        if org is None and countries:
            org = countries[0]
        if roles:
            role, known = roles[0], True
            if org is None or org in self.org_country.values():
                implied = self.role_default_org.get(role)
                if implied and self.orgs_compatible(implied, org):
                    org = implied
        else:
            role, known = (" ".join(residual) or None), False
        return NormalTitle(role, org, frozenset(modifiers), known)

    def match(self, a: NormalTitle, b: NormalTitle) -> bool:
        if not a.role or not b.role or a.rank != b.rank:
            return False
        if not self.orgs_compatible(a.organisation, b.organisation):
            return False
        if a.role == b.role:
            return True
        if a.organisation is None and b.organisation is None:
            return False
        return any(
            a.role in roles
            and b.role in roles
            and self.orgs_compatible(org, a.organisation)
            and self.orgs_compatible(org, b.organisation)
            for org, roles in self.equivalences
        )


@functools.cache
def default_rules() -> TitleRules:
    """The rules shipped in ``officials/data/titles.toml``."""
    text = resources.files("factcheck.officials").joinpath("data/titles.toml").read_text("utf-8")
    return TitleRules.from_toml(text)


@functools.lru_cache(maxsize=65536)
def _normalise_cached(text: str, organisation: str | None) -> NormalTitle:
    return default_rules().normalise(text, organisation)


def normalise_title(
    text: str, organisation: str | None = None, *, rules: TitleRules | None = None
) -> NormalTitle:
    """Reduce a title to its role, organisation and modifiers.

    Args:
        text: the title as written ("US State Department spokesperson").
        organisation: a separately written organisation, used when the title names none.
        rules: other rules than the shipped ones (tests, user extensions).
    """
    if rules is None or rules is default_rules():
        return _normalise_cached(text, organisation or None)
    return rules.normalise(text, organisation)


def titles_match(
    a: str | NormalTitle, b: str | NormalTitle, *, rules: TitleRules | None = None
) -> bool:
    """Do two titles name the same role? "former"/"then" are ignored; rank modifiers are not."""
    rules = rules or default_rules()
    na = a if isinstance(a, NormalTitle) else normalise_title(a, rules=rules)
    nb = b if isinstance(b, NormalTitle) else normalise_title(b, rules=rules)
    return rules.match(na, nb)
