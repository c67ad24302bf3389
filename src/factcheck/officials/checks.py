"""Misattribution checks: a title the person did not hold on the article's date, a title they
never held, "former" misused or missing, and quoted words attributed to someone else.

Each check is a small function producing at most one ``Flag`` with a plain-language message
and its evidence in ``details``; ``run_checks`` collects the (speaker, title) pairs an
``Analysis`` contains, looks each person up in a registry and runs them all. Speakers who are
not in the registry (or whose name is ambiguous there) are never flagged: the registry is the
evidence, and without it there is nothing to say.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from rapidfuzz import fuzz

from factcheck.analysis.model import Analysis, Flag, Quote
from factcheck.officials.registry import (
    Held,
    Person,
    RegistryReader,
    Role,
    normalise_name,
)
from factcheck.officials.titles import NormalTitle, normalise_title, titles_match

# Quotes shorter than this (letters and digits, after folding) are too common to compare.
MIN_QUOTE_CHARS = 20
# rapidfuzz score (0-100) from which two quotes count as the same words.
QUOTE_MATCH_THRESHOLD = 90


# --- inputs ------------------------------------------------------------------------------


class OtherQuote(NamedTuple):
    """Quoted words attributed elsewhere: another stored review, an evidence excerpt."""

    text: str
    speaker: str
    where: str


@dataclass(frozen=True)
class TitleUse:
    """A person as the article names them, with one title it gives them."""

    name: str
    title: str
    organisation: str | None = None
    claim_ids: tuple[int, ...] = ()

    @property
    def written(self) -> str:
        """The title as the article writes it, with the organisation if written apart."""
        if self.organisation and normalise_title(self.title).organisation is None:
            return f"{self.title} ({self.organisation})"
        return self.title


@dataclass
class TitleContext:
    """Everything a title check needs, computed once per (person, title)."""

    person: Person
    roles: list[Role]
    use: TitleUse
    title: NormalTitle
    date: dt.date | None
    matching: list[Role] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.title.role:
            self.matching = [r for r in self.roles if titles_match(self.title, _role_title(r))]

    def held(self, roles: Iterable[Role]) -> list[Held]:
        assert self.date is not None
        return [r.held_on(self.date) for r in roles]

    @property
    def current_other_roles(self) -> list[Role]:
        """Roles that do not match the title and were surely held on the date."""
        if self.date is None:
            return []
        return [
            r for r in self.roles if r not in self.matching and r.held_on(self.date) is Held.YES
        ]


def _role_title(role: Role) -> NormalTitle:
    return normalise_title(role.title, role.organisation or None)


# --- wording and evidence ----------------------------------------------------------------


def _surname(person: Person) -> str:
    return person.name.split()[-1] if person.name.split() else person.name


def role_text(role: Role) -> str:
    """ "White House press secretary"; the organisation is added only if the title lacks it."""
    if role.organisation and normalise_title(role.title).organisation is None:
        return f"{role.title} ({role.organisation})"
    return role.title


def _role_with_span(role: Role) -> str:
    span = role.span_text()
    return (
        f"{role_text(role)} ({span})" if span.startswith("since") else f"{role_text(role)} {span}"
    )


def role_evidence(role: Role) -> dict[str, Any]:
    return {
        "title": role.title,
        "organisation": role.organisation,
        "start": str(role.start) if role.start else None,
        "start_precision": role.start.precision if role.start else None,
        "end": str(role.end) if role.end else None,
        "end_precision": role.end.precision if role.end else None,
        "source": role.source,
    }


def _flag(kind: str, message: str, ctx: TitleContext, **extra: Any) -> Flag:
    use = ctx.use
    details: dict[str, Any] = {
        "person": ctx.person.name,
        "person_id": ctx.person.id,
        "wikidata_id": ctx.person.wikidata_id,
        "name_in_article": use.name,
        "title_in_article": use.written,
        "article_date": ctx.date.isoformat() if ctx.date else None,
        "claim_ids": list(use.claim_ids),
        "matching_roles": [role_evidence(r) for r in ctx.matching],
        "roles_on_date": [role_evidence(r) for r in ctx.current_other_roles],
        "all_roles": [role_evidence(r) for r in ctx.roles],
    }
    details.update(extra)
    return Flag(kind, message, use.claim_ids[0] if use.claim_ids else None, details)


def _on_date_sentence(ctx: TitleContext) -> str:
    current = ctx.current_other_roles
    name, date = ctx.person.name, ctx.date
    if not current:
        return f"The registry has no role for {name} on {date}."
    held = " and ".join(
        f"{role_text(r)} (since {r.start})" if r.start else role_text(r) for r in current
    )
    return f"On {date} {name} was {held}."


def _matching_sentence(ctx: TitleContext) -> str:
    surname = _surname(ctx.person)
    parts = []
    for r in ctx.matching:
        if ctx.date and r.starts_after(ctx.date) and r.end is None:
            parts.append(f"{surname} became {role_text(r)} on {r.start}.")
        else:
            parts.append(f"{surname} was {_role_with_span(r)}.")
    return " ".join(parts)


# --- the title checks --------------------------------------------------------------------


def check_title_not_found(ctx: TitleContext) -> Flag | None:
    """The person is in the registry but none of their roles matches the title at all."""
    if not ctx.title.role or ctx.matching:
        return None
    known = "; ".join(_role_with_span(r) for r in ctx.roles) or "none"
    return _flag(
        "title-not-found",
        f'The article calls {ctx.person.name} "{ctx.use.written}", but no role of '
        f"{ctx.person.name} in the registry matches that title. Recorded roles: {known}.",
        ctx,
    )


def check_title_needs_date(ctx: TitleContext) -> Flag | None:
    """The title matches a role, but without a publication date it cannot be checked."""
    if ctx.date is not None or not ctx.matching:
        return None
    return _flag(
        "title-needs-date",
        f'Cannot check whether {ctx.person.name} was "{ctx.use.written}" when the article '
        "was written: it has no publication date. Add the date to run this check.",
        ctx,
    )


def _is_fine(ctx: TitleContext) -> bool:
    """The title as written (with its "former"/"then") is consistent with the date."""
    assert ctx.date is not None
    held = ctx.held(ctx.matching)
    ended = any(r.ended_before(ctx.date) for r in ctx.matching)
    temporal = ctx.title.temporal
    if temporal == "former":
        return Held.YES not in held and (ended or Held.UNKNOWN in held)
    if temporal == "then":
        return ended or Held.YES in held or Held.UNKNOWN in held
    return Held.YES in held or Held.UNKNOWN in held


def check_former_title_current(ctx: TitleContext) -> Flag | None:
    """ "former X" while X is still held on the article's date."""
    if ctx.date is None or ctx.title.temporal != "former" or not ctx.matching:
        return None
    still = [r for r in ctx.matching if r.held_on(ctx.date) is Held.YES]
    if not still:
        return None
    return _flag(
        "former-title-current",
        f'The article calls {ctx.person.name} "{ctx.use.written}", but on {ctx.date} '
        f"{_surname(ctx.person)} still held that role: "
        + "; ".join(_role_with_span(r) for r in still)
        + ".",
        ctx,
    )


def check_title_date_uncertain(ctx: TitleContext) -> Flag | None:
    """The date falls inside a start or end known only to the month or year."""
    if ctx.date is None or not ctx.matching or _is_fine(ctx):
        return None
    if ctx.title.temporal == "former" and Held.YES in ctx.held(ctx.matching):
        return None  # former-title-current says it
    unsure = [r for r in ctx.matching if r.held_on(ctx.date) is Held.UNCERTAIN]
    if not unsure:
        return None
    parts = []
    for r in unsure:
        for label, pd in (("began", r.start), ("ended", r.end)):
            if pd and pd.precision != "day" and pd.earliest <= ctx.date <= pd.latest:
                parts.append(f"{role_text(r)} {label} in {pd} (known only to the {pd.precision})")
    return _flag(
        "title-date-uncertain",
        f'Cannot tell whether {ctx.person.name} was "{ctx.use.written}" on {ctx.date}: '
        + "; ".join(parts)
        + ". Check the exact date.",
        ctx,
    )


def check_former_title_missing(ctx: TitleContext) -> Flag | None:
    """X was held only before the date, the article omits "former", and the person held no
    other recorded role then (when they did, ``title-date-mismatch`` names it instead)."""
    if ctx.date is None or ctx.title.temporal is not None or not ctx.matching:
        return None
    if _is_fine(ctx) or Held.UNCERTAIN in ctx.held(ctx.matching):
        return None
    if not any(r.ended_before(ctx.date) for r in ctx.matching) or ctx.current_other_roles:
        return None
    return _flag(
        "former-title-missing",
        f'The article calls {ctx.person.name} "{ctx.use.written}" on {ctx.date}, but that role '
        f"had ended: {_matching_sentence(ctx)} It should say "
        f'"former {ctx.use.title}".',
        ctx,
    )


def check_title_date_mismatch(ctx: TitleContext) -> Flag | None:
    """The title matches one of the person's roles, but not one held on the article's date."""
    if ctx.date is None or not ctx.matching or _is_fine(ctx):
        return None
    if Held.UNCERTAIN in ctx.held(ctx.matching):
        return None
    ended = any(r.ended_before(ctx.date) for r in ctx.matching)
    if ctx.title.temporal is None and ended and not ctx.current_other_roles:
        return None  # former-title-missing says it
    if ctx.title.temporal is not None and ended:
        return None
    return _flag(
        "title-date-mismatch",
        f'The article calls {ctx.person.name} "{ctx.use.written}". '
        f"{_on_date_sentence(ctx)} {_matching_sentence(ctx)}",
        ctx,
    )


# In order; at most one of them fires for a given (person, title).
TITLE_CHECKS: tuple[Callable[[TitleContext], Flag | None], ...] = (
    check_title_not_found,
    check_title_needs_date,
    check_former_title_current,
    check_title_date_uncertain,
    check_former_title_missing,
    check_title_date_mismatch,
)


def check_title(
    person: Person,
    roles: list[Role],
    use: TitleUse,
    date: dt.date | None,
) -> Flag | None:
    """Run the title checks for one person and one title; the first flag raised, if any."""
    title = normalise_title(use.title, use.organisation)
    if not title.role:
        return None
    ctx = TitleContext(person, roles, use, title, date)
    for check in TITLE_CHECKS:
        flag = check(ctx)
        if flag is not None:
            return flag
    return None


# --- quotes ------------------------------------------------------------------------------

_ELLIPSIS_RE = re.compile(r"\.\s*\.\s*\.|…|\[\.\.\.\]")


@dataclass(frozen=True, slots=True)
class _PreparedQuote:
    """A quote folded once: its fragments (split at ellipses), their words, its length."""

    fragments: tuple[str, ...]
    joined: str
    words: frozenset[str]
    length: int

    @classmethod
    def of(cls, text: str) -> _PreparedQuote:
        frags = tuple(f for f in (normalise_name(p) for p in _ELLIPSIS_RE.split(text)) if f)
        joined = " ".join(frags)
        words = frozenset(joined.split()) - _COMMON_WORDS
        return cls(frags, joined, words, sum(map(len, frags)))


# Words too common to say two quotes are alike; left out of the word filter only.
_COMMON_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "he",
        "her",
        "his",
        "i",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "said",
        "she",
        "that",
        "the",
        "their",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "will",
        "with",
        "would",
        "you",
    }
)
_WORD_OVERLAP = 0.6


def _candidate_pairs(
    quotes: Sequence[_PreparedQuote], others: Sequence[_PreparedQuote]
) -> list[tuple[int, int]]:
    """Pairs (i, j), i a quote and j > i an index into ``quotes + others``, that may share
    ``_WORD_OVERLAP`` of the smaller one's words, found without comparing every pair.

    Prefix filtering: if the smaller set ``x`` shares ``k`` words with ``y``, one of them is
    among the ``len(x) - k + 1`` rarest words of ``x``; so only those need looking up.
    """
    items = [*quotes, *others]
    n = len(quotes)
    freq: dict[str, int] = {}
    postings: dict[str, list[int]] = {}
    for idx, item in enumerate(items):
        for word in item.words:
            freq[word] = freq.get(word, 0) + 1
            postings.setdefault(word, []).append(idx)
    pairs: set[tuple[int, int]] = set()
    for i, item in enumerate(items):
        size = len(item.words)
        if not size:
            continue
        needed = math.ceil(_WORD_OVERLAP * size)
        prefix = sorted(item.words, key=lambda w: (freq[w], w))[: size - needed + 1]
        for word in prefix:
            for j in postings[word]:
                if j != i and len(items[j].words) >= size and (i < n or j < n):
                    pairs.add((i, j) if i < j else (j, i))
    return sorted(pairs)


def _similarity(a: _PreparedQuote, b: _PreparedQuote) -> float:
    if min(a.length, b.length) < MIN_QUOTE_CHARS:
        return 0.0
    short, long_ = (a, b) if a.length <= b.length else (b, a)
    # Cheap filter first: nearly the same words must share most of their vocabulary.
    if len(short.words & long_.words) < _WORD_OVERLAP * len(short.words):
        return 0.0
    cutoff = QUOTE_MATCH_THRESHOLD - 10
    scores = []
    for frag in short.fragments:
        if len(frag) < 8:
            continue
        score = fuzz.partial_ratio(frag, long_.joined, score_cutoff=cutoff)
        if not score:
            return 0.0
        scores.append(score)
    return float(min(scores)) if scores else 0.0


def quote_similarity(a: str, b: str) -> float:
    """0-100: how surely ``a`` and ``b`` are the same quoted words.

    Every substantial fragment of the shorter quote (split at ellipses) must appear, nearly
    verbatim, in the longer one, so a partial quote and an elided one still match; quotes
    shorter than ``MIN_QUOTE_CHARS`` always score 0.
    """
    return _similarity(_PreparedQuote.of(a), _PreparedQuote.of(b))


class _Speakers:
    """Decides whether two names are one speaker, caching registry look-ups."""

    def __init__(self, registry: RegistryReader | None):
        self.registry = registry
        self._ids: dict[str, frozenset[str]] = {}

    def ids(self, name: str) -> frozenset[str]:
        if name not in self._ids:
            found = self.registry.find_person(name) if self.registry is not None else []
            self._ids[name] = frozenset(p.id for p in found)
        return self._ids[name]

    def same(self, a: str, b: str) -> bool:
        na, nb = normalise_name(a), normalise_name(b)
        if na == nb:
            return True
        ta, tb = set(na.split()), set(nb.split())
        if ta and tb and (ta <= tb or tb <= ta):
            return True  # "Kim" and "Kim Jong-un", "Psaki" and "Jen Psaki"
        return bool(self.ids(a) & self.ids(b))


def check_quote_other_speaker(
    quotes: Sequence[Quote],
    other_quotes: Iterable[OtherQuote | tuple[str, str, str]] = (),
    *,
    registry: RegistryReader | None = None,
) -> list[Flag]:
    """Flag quotes whose words are attributed to a different person elsewhere.

    "Elsewhere" is another quote in the same article, or one of ``other_quotes`` (other stored
    reviews, evidence excerpts). Quotes without a speaker and very short quotes are ignored.
    A registry, when given, lets aliases ("Jennifer Psaki") count as the same speaker.
    """
    prepared = [(q, _PreparedQuote.of(q.text)) for q in quotes if q.speaker]
    prepared = [(q, p) for q, p in prepared if p.length >= MIN_QUOTE_CHARS]
    others = [(o, _PreparedQuote.of(o.text)) for o in map(lambda o: OtherQuote(*o), other_quotes)]
    others = [(o, p) for o, p in others if o.speaker and p.length >= MIN_QUOTE_CHARS]
    speakers = _Speakers(registry)
    flags: list[Flag] = []
    seen: set[tuple[int, str]] = set()

    def add(q: Quote, text: str, speaker: str, where: str, score: float) -> None:
        key = (q.claim_id, normalise_name(speaker))
        if key in seen:
            return
        seen.add(key)
        flags.append(
            Flag(
                "quote-other-speaker",
                f'The words "{_short(q.text)}" are attributed to {q.speaker} here, '
                f"but to {speaker} in {where}.",
                q.claim_id,
                {
                    "quote": q.text,
                    "speaker": q.speaker,
                    "other_quote": text,
                    "other_speaker": speaker,
                    "where": where,
                    "similarity": round(score, 1),
                },
            )
        )

    n = len(prepared)
    pairs = _candidate_pairs([p for _, p in prepared], [p for _, p in others])
    for i, j in pairs:
        q, pq = prepared[i]
        assert q.speaker is not None
        if j < n:
            other, po = prepared[j]
            assert other.speaker is not None
            score = _similarity(pq, po)
            if score >= QUOTE_MATCH_THRESHOLD and not speakers.same(q.speaker, other.speaker):
                add(q, other.text, other.speaker, f"this article (claim {other.claim_id})", score)
                add(other, q.text, q.speaker, f"this article (claim {q.claim_id})", score)
        else:
            rec, pr = others[j - n]
            score = _similarity(pq, pr)
            if score >= QUOTE_MATCH_THRESHOLD and not speakers.same(q.speaker, rec.speaker):
                add(q, rec.text, rec.speaker, rec.where, score)
    return flags


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- entry point -------------------------------------------------------------------------


def collect_title_uses(analysis: Analysis) -> list[TitleUse]:
    """Every distinct (person, title) pair in the quotes and the speaker list, with the claims
    it appears on. Pairs that mean the same title (by normalisation) are merged."""
    found: dict[tuple[str, NormalTitle], TitleUse] = {}
    order: list[tuple[str, NormalTitle]] = []

    def add(name: str | None, title: str | None, org: str | None, claim_ids: Iterable[int]):
        if not name or not (title or org):
            return
        title = title or ""
        if not title:
            title, org = org or "", None
        key = (normalise_name(name), normalise_title(title, org))
        ids = tuple(claim_ids)
        if key in found:
            old = found[key]
            merged = tuple(dict.fromkeys(old.claim_ids + ids))
            found[key] = TitleUse(old.name, old.title, old.organisation, merged)
        else:
            found[key] = TitleUse(name, title, org, ids)
            order.append(key)

    claims_by_speaker: dict[str, list[int]] = {}
    for q in analysis.quotes:
        if q.speaker:
            claims_by_speaker.setdefault(normalise_name(q.speaker), []).append(q.claim_id)
        add(q.speaker, q.speaker_title, q.speaker_org, [q.claim_id])
    for c in analysis.claims:
        if c.speaker:
            claims_by_speaker.setdefault(normalise_name(c.speaker), []).append(c.id)
    for s in analysis.speakers:
        org = s.organisations[0] if len(s.organisations) == 1 else None
        ids = dict.fromkeys(claims_by_speaker.get(normalise_name(s.name), []))
        for title in s.titles:
            add(s.name, title, org, ids)
    return [found[k] for k in order]


def run_checks(
    analysis: Analysis,
    registry: RegistryReader,
    *,
    other_quotes: Iterable[OtherQuote | tuple[str, str, str]] = (),
) -> list[Flag]:
    """All officials checks for one analysed article.

    Args:
        analysis: the article's analysis; ``article.published`` is the date titles are
            checked against.
        registry: where people and their roles are looked up.
        other_quotes: (quote text, speaker, where) records from outside the article.

    Returns:
        The flags, title flags first (in the order the article names people), then quotes.
    """
    flags: list[Flag] = []
    date = analysis.article.published
    # Group by person, not by name: "Jen Psaki" and "Psaki" with one title are one check.
    grouped: dict[tuple[str, NormalTitle], tuple[Person, TitleUse]] = {}
    for use in collect_title_uses(analysis):
        people = registry.find_person(use.name)
        if len(people) != 1:
            continue  # not in the registry, or ambiguous: no evidence to flag with
        key = (people[0].id, normalise_title(use.title, use.organisation))
        if key in grouped:
            person, first = grouped[key]
            ids = tuple(dict.fromkeys(first.claim_ids + use.claim_ids))
            grouped[key] = (person, TitleUse(first.name, first.title, first.organisation, ids))
        else:
            grouped[key] = (people[0], use)
    for person, use in grouped.values():
        flag = check_title(person, registry.roles_of(person.id), use, date)
        if flag is not None:
            flags.append(flag)
    flags.extend(check_quote_other_speaker(analysis.quotes, other_quotes, registry=registry))
    return flags
