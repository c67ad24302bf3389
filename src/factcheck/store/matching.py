"""Claims checked before: finding, for each claim of a review, the claims of other reviews that
already have a verdict and say much the same thing (``Store.checked_before``).

Two steps, so that 300 claims against 100,000 stored ones stay well under half a second:

1. **Candidates by full-text search.** On SQLite, the FTS5 table ``claim_fts`` (revision 0004:
   the text of every claim that has a verdict, kept in sync by triggers) is queried with an OR
   of the claim's rarest significant terms, ranked by ``bm25()``. The terms' document
   frequencies come from one ``fts5vocab`` lookup for the whole review, so that common words
   ("city", "percent") never make a query walk half the index. On PostgreSQL,
   ``websearch_to_tsquery`` / ``ts_rank`` on ``claim.text_search`` (revision 0004: the stored
   ``to_tsvector('english', text)``, with a GIN index over the claims that have a verdict),
   its terms picked by the planner's lexeme statistics (or a sample), all claims in one
   statement. Without FTS5 (a SQLite built without it), an in-memory token prefilter over the
   reviewed claims stands in, more slowly.
2. **Fuzzy re-rank.** Each candidate is scored 0-100 with rapidfuzz on normalised text
   (folded case and accents, stopwords dropped, "per cent" read as "percent"); a claim whose
   numbers all differ from the candidate's is penalised (``unemployment is 5%`` is not
   ``unemployment is 9%``). Candidates under ``min_score`` are dropped, so unrelated claims
   that merely share a word never show.

Only claims with a verdict count, and never claims of the same article: the review itself and
its other revisions (same source, or linked through ``previous_id``) are excluded.

The query text is never spliced into SQL: terms are runs of letters and digits, each quoted as
an FTS5 string (``"..."``, so ``AND``/``OR``/``NEAR`` are plain words) and bound as a parameter.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from rapidfuzz import fuzz

from factcheck.store.types import PriorCheck

#: The FTS5 table over ``claim.text`` (SQLite) and the GIN index on ``claim.text_search``
#: (PostgreSQL) of revision 0004.
FTS_TABLE = "claim_fts"
PG_INDEX = "ix_claim_text_search"
#: The text search configuration of the PostgreSQL index (queries must use the same one).
PG_CONFIG = "english"
#: The FTS5 tokenizer of migration 0004; ``words`` splits text the same way.
TOKENIZE = "unicode61 remove_diacritics 2"

#: Default score (0-100) under which a candidate is not shown.
MIN_SCORE = 70.0
#: At most this many terms go into one full-text query (the rarest ones).
MAX_TERMS = 8
#: Once this many index entries (summed document frequencies) are covered, add no more terms
#: (but always at least ``MIN_TERMS``).
POSTINGS_BUDGET = 1000
MIN_TERMS = 2
#: Points taken off when both claims have numbers and share none (then they state different
#: facts: a verdict on "inflation is 2%" says nothing about "inflation is 5%"), and when only
#: one of them has numbers.
NUMBER_PENALTY = 30.0
ONE_SIDED_NUMBER_PENALTY = 10.0

# English function words and the reporting verbs every news sentence has: they say nothing
# about what a claim is about.
_STOPWORDS_TEXT = """
    a about above after again against all also am an and any are aren as at be because been
    before being below between both but by can cannot could couldn did didn do does doesn doing
    don down during each else ever every few for from further had hadn has hasn have haven
    having he her here hers herself him himself his how however i if in into is isn it its
    itself just let ll may me might more most mr mrs ms much must mustn my myself no nor not
    now of off on once only or other ought our ours ourselves out over own per re same shan she
    should shouldn so some such than that the their theirs them themselves then there these
    they this those through to too under until up upon us ve very was wasn we were weren what
    when where which while who whom whose why will with within without won would wouldn yet you
    your yours yourself yourselves said says say saying told tells tell added adds according
    announced stated claimed reported wrote asked
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_WORD = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


# The combining diacritics FTS5's unicode61 tokenizer removes (those of Latin letters).
_DIACRITICS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case without accents (``Été`` -> ``ete``), as FTS5's ``unicode61
    remove_diacritics 2`` tokenizer sees it."""
    if text.isascii():
        return text.lower()
    return _DIACRITICS.sub("", unicodedata.normalize("NFKD", text)).lower()


def words(text: str) -> list[str]:
    """The text's words, folded: runs of letters and digits (what FTS5 indexes)."""
    return _WORD.findall(fold(text))


def significant_terms(text: str) -> list[str]:
    """The words that say what a claim is about: no stopwords, no single letters or digits;
    each once, in order."""
    seen: dict[str, None] = {}
    for w in words(text):
        if len(w) > 1 and w not in STOPWORDS:
            seen.setdefault(w, None)
    return list(seen)


def numbers(text: str) -> frozenset[str]:
    """The numbers in a text (``4,200`` and ``4200`` are the same; ``3.5`` stays one number)."""
    return frozenset(n.replace(",", "") for n in _NUMBER.findall(text))


_PERCENT = re.compile(r"%|\bper ?cent\b|\bpct\b")


def normalise(text: str) -> str:
    """What the fuzzy comparison sees: significant words in order, then the numbers (whole:
    ``3.5``, ``4200``); ``%``, ``per cent`` and ``pct`` all read ``percent``."""
    folded = _PERCENT.sub(" percent ", fold(text))
    nums = [n.replace(",", "") for n in _NUMBER.findall(folded)]
    rest = _NUMBER.sub(" ", folded)
    kept = [w for w in _WORD.findall(rest) if len(w) > 1 and w not in STOPWORDS]
    return " ".join(kept + nums)


def fts5_query(terms: Iterable[str]) -> str | None:
    """An FTS5 query matching any of ``terms`` (None when there are none).

    Every term is an FTS5 string (double quotes, inner quotes doubled), so query syntax in the
    text (``AND``, ``NEAR``, ``-``, ``:``, ``*``, parentheses) is only ever a word.
    """
    quoted = ['"' + t.replace('"', '""') + '"' for t in terms if t]
    return " OR ".join(quoted) if quoted else None


def similarity(a: str, b: str, a_numbers: frozenset[str], b_numbers: frozenset[str]) -> float:
    """How much two normalised claims say the same thing, 0-100.

    A blend of rapidfuzz's ``token_set_ratio`` (same words, any order, extra words tolerated;
    60%) and ``token_sort_ratio`` (which extra words do cost; 40%): a claim repeated inside a
    longer sentence ("..., the mayor said") scores well but not full marks. Numbers that all
    differ cost ``NUMBER_PENALTY``; numbers on one side only, ``ONE_SIDED_NUMBER_PENALTY``.
    """
    if not a or not b:
        return 0.0
    score = 0.6 * fuzz.token_set_ratio(a, b) + 0.4 * fuzz.token_sort_ratio(a, b)
    if a_numbers and b_numbers:
        if not a_numbers & b_numbers:
            score -= NUMBER_PENALTY
    elif a_numbers or b_numbers:
        score -= ONE_SIDED_NUMBER_PENALTY
    return max(0.0, score)


# ---------------------------------------------------------------------- the search


@dataclass(slots=True)
class _Probe:
    """One claim of the review being matched."""

    claim_id: int
    text: str
    norm: str
    numbers: frozenset[str]
    terms: list[str]


def revision_family(conn: sa.Connection, review_id: int) -> set[int]:
    """The review and every other revision of its article: same source, or linked to it
    through ``previous_id`` in either direction (transitively)."""
    from factcheck.store.models import Review

    R = Review.__table__
    family = {review_id}
    sources: set[str] = set()
    while True:
        rows = conn.execute(
            sa.select(R.c.id, R.c.source, R.c.previous_id).where(
                sa.or_(
                    R.c.id.in_(family),
                    R.c.previous_id.in_(family),
                    R.c.source.in_(sources) if sources else sa.false(),
                )
            )
        ).all()
        grown, more_sources = set(family), set(sources)
        for rid, source, previous in rows:
            grown.add(rid)
            if previous is not None:
                grown.add(previous)
            if source:
                more_sources.add(source)
        if grown == family and more_sources == sources:
            return family
        family, sources = grown, more_sources


def has_fts(conn: sa.Connection) -> bool:
    """Whether this SQLite database has the claim full-text index (revision 0004 creates it
    only when the SQLite library has FTS5)."""
    return (
        conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (FTS_TABLE,)
        ).first()
        is not None
    )


def find_prior_checks(
    conn: sa.Connection,
    review_id: int,
    *,
    claim_ids: Iterable[int] | None = None,
    limit_per_claim: int = 3,
    min_score: float = MIN_SCORE,
    labels: dict[str, str] | None = None,
    method: str | None = None,
) -> dict[int, list[PriorCheck]]:
    """``Store.checked_before`` on an open connection (see the module docstring).

    ``method`` forces ``"fts5"``, ``"postgresql"`` or ``"tokens"`` (tests); by default the best
    one the database offers.
    """
    from factcheck.store.models import Claim

    C = Claim.__table__
    stmt = sa.select(C.c.id, C.c.text).where(C.c.review_id == review_id).order_by(C.c.ordinal)
    if claim_ids is not None:
        wanted = list(claim_ids)
        if not wanted:
            return {}
        stmt = stmt.where(C.c.id.in_(wanted))
    probes = []
    for claim_id, text in conn.execute(stmt):
        norm = normalise(text)
        terms = significant_terms(text)
        if norm and terms:
            probes.append(_Probe(claim_id, text, norm, numbers(text), terms))
    if not probes or limit_per_claim <= 0:
        return {}
    family = revision_family(conn, review_id)
    if method is None:
        dialect = conn.dialect.name
        if dialect == "postgresql":
            method = "postgresql"
        elif dialect == "sqlite" and has_fts(conn):
            method = "fts5"
        else:
            method = "tokens"
    # Enough candidates that the fuzzy re-rank can reorder the full-text ranking.
    depth = max(12, 4 * limit_per_claim)
    if method == "fts5":
        candidates = _fts5_candidates(conn, probes, family, depth)
    elif method == "postgresql":
        candidates = _pg_candidates(conn, probes, family, depth)
    else:
        candidates = _token_candidates(conn, probes, family, depth)
    return _rerank(conn, probes, candidates, limit_per_claim, min_score, labels or {})


def _chunks(items: Sequence, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _fts5_candidates(
    conn: sa.Connection, probes: list[_Probe], family: set[int], depth: int
) -> dict[int, list[int]]:
    # Document frequencies of every term of the review, in one lookup (a temporary fts5vocab
    # table: it is per connection and leaves the database file alone).
    conn.exec_driver_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{FTS_TABLE}_vocab "
        f"USING fts5vocab(main, {FTS_TABLE}, row)"
    )
    all_terms = sorted({t for p in probes for t in p.terms})
    df: dict[str, int] = {}
    for chunk in _chunks(all_terms, 500):
        marks = ",".join("?" * len(chunk))
        df.update(
            conn.exec_driver_sql(
                f"SELECT term, doc FROM temp.{FTS_TABLE}_vocab WHERE term IN ({marks})",
                tuple(chunk),
            ).all()
        )
    queries: list[tuple[int, str]] = []
    for p in probes:
        chosen = _rarest(p.terms, df)
        query = fts5_query(chosen)
        if query:
            queries.append((p.claim_id, query))
    out: dict[int, list[int]] = defaultdict(list)
    # The index holds only claims with a verdict; the article's own revisions are left out
    # (their ids are integers from the database, written into the SQL so that a long list of
    # revisions never meets SQLite's limit on bound parameters).
    excluded = ",".join(str(int(r)) for r in sorted(family))
    # Several claims per statement: a UNION ALL of ranked, limited sub-selects.
    one = (
        f"SELECT * FROM (SELECT ? AS probe, rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? "
        f"AND rowid NOT IN (SELECT id FROM claim WHERE review_id IN ({excluded})) "
        f"ORDER BY bm25({FTS_TABLE}) LIMIT ?)"
    )
    for chunk in _chunks(queries, 25):
        sql = " UNION ALL ".join([one] * len(chunk))
        params: list = []
        for claim_id, query in chunk:
            params += [claim_id, query, depth]
        for probe, cand in conn.exec_driver_sql(sql, tuple(params)):
            out[probe].append(cand)
    return out


def _rarest(terms: list[str], df: dict[str, int]) -> list[str]:
    """The claim's terms most worth searching for: the rarest in the index, within budget."""
    known = sorted((df[t], t) for t in terms if df.get(t))
    chosen: list[str] = []
    covered = 0
    for count, term in known:
        if len(chosen) >= MAX_TERMS:
            break
        if len(chosen) >= MIN_TERMS and covered + count > POSTINGS_BUDGET:
            break
        chosen.append(term)
        covered += count
    return chosen


def _pg_candidates(
    conn: sa.Connection, probes: list[_Probe], family: set[int], depth: int
) -> dict[int, list[int]]:
    # websearch_to_tsquery never raises on its input; the terms are letters and digits only,
    # joined with its OR keyword ("or" itself is a stopword, so never a term).
    df = _pg_frequencies(conn, sorted({t for p in probes for t in p.terms}))
    ids, texts = [], []
    for p in probes:
        chosen = _rarest(p.terms, df)
        if chosen:
            ids.append(p.claim_id)
            texts.append(" or ".join(chosen))
    if not ids:
        return {}
    sql = sa.text(
        f"""
        SELECT q.probe, m.id
        FROM unnest(CAST(:ids AS integer[]), CAST(:texts AS text[])) AS q(probe, terms)
        CROSS JOIN LATERAL (
            SELECT c.id
            FROM claim AS c
            WHERE c.text_search @@ websearch_to_tsquery('{PG_CONFIG}'::regconfig, q.terms)
              AND c.verdict IS NOT NULL  -- the partial index's condition
              AND c.review_id <> ALL(CAST(:excluded AS integer[]))
            ORDER BY ts_rank(c.text_search,
                             websearch_to_tsquery('{PG_CONFIG}'::regconfig, q.terms)) DESC,
                     c.id
            LIMIT :depth
        ) AS m
        """
    )
    out: dict[int, list[int]] = defaultdict(list)
    rows = conn.execute(
        sql, {"ids": ids, "texts": texts, "excluded": sorted(family), "depth": depth}
    )
    for probe, cand in rows:
        out[probe].append(cand)
    return out


#: Claims read for document frequencies when PostgreSQL has no statistics yet.
PG_SAMPLE = 5000


def _pg_frequencies(conn: sa.Connection, terms: list[str]) -> dict[str, int]:
    """Estimated number of reviewed claims containing each term.

    From the planner's statistics on ``claim.text_search`` when there are some
    (``pg_stats.most_common_elems``: the ~1,000 commonest lexemes and the share of claims
    having each; a term not among them is rare); else from ``ts_stat`` over up to
    ``PG_SAMPLE`` reviewed claims (a database not yet analysed). Terms that are stopwords of
    the text search configuration are left out: they never match.
    """
    stats = conn.execute(
        sa.text(
            """
            SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, i.reltuples
            FROM pg_class AS i
            JOIN pg_index AS x ON x.indexrelid = i.oid
            JOIN pg_class AS t ON t.oid = x.indrelid
            JOIN pg_namespace AS n ON n.oid = t.relnamespace
            JOIN pg_stats AS s
              ON s.schemaname = n.nspname AND s.tablename = t.relname
             AND s.attname = 'text_search'
            WHERE i.oid = to_regclass(:index)
            """
        ),
        {"index": PG_INDEX},
    ).first()
    if stats is not None and stats[0] and stats[1] and (stats[2] or 0) > 0:
        elems, freqs, rows = stats
        # Shares of all claims, scaled to the entries of the index (the claims with a verdict).
        counts = {e: f * float(rows) for e, f in zip(elems, freqs[: len(elems)], strict=True)}
    else:
        counts = dict(
            conn.execute(
                sa.text(
                    "SELECT word, ndoc FROM ts_stat('SELECT text_search FROM claim "
                    f"WHERE verdict IS NOT NULL LIMIT {PG_SAMPLE}')"
                )
            ).all()
        )
        if sum(counts.values()):
            total = conn.execute(
                sa.text("SELECT count(*) FROM claim WHERE verdict IS NOT NULL")
            ).scalar_one()
            scale = max(1.0, total / PG_SAMPLE)
            counts = {w: n * scale for w, n in counts.items()}
    out: dict[str, int] = {}
    lexemes = conn.execute(
        sa.text(
            f"SELECT t, tsvector_to_array(to_tsvector('{PG_CONFIG}'::regconfig, t)) "
            "FROM unnest(CAST(:terms AS text[])) AS t"
        ),
        {"terms": terms},
    )
    for term, found in lexemes:
        if found:
            out[term] = max(1, round(max(counts.get(x, 0.0) for x in found)))
    return out


def _token_candidates(
    conn: sa.Connection, probes: list[_Probe], family: set[int], depth: int
) -> dict[int, list[int]]:
    """No full-text index: every reviewed claim of the other reviews, prefiltered in memory by
    the significant words it shares with each claim (rarer shared words count more)."""
    from factcheck.store.models import Claim

    C = Claim.__table__
    wanted = {t for p in probes for t in p.terms}
    postings: dict[str, list[int]] = defaultdict(list)
    rows = conn.execute(
        sa.select(C.c.id, C.c.text).where(
            C.c.verdict.is_not(None), C.c.review_id.not_in(sorted(family))
        )
    )
    for claim_id, text in rows:
        for t in significant_terms(text):
            if t in wanted:
                postings[t].append(claim_id)
    out: dict[int, list[int]] = {}
    for p in probes:
        weights: dict[int, float] = defaultdict(float)
        for t in p.terms:
            hits = postings.get(t)
            if hits:
                w = 1.0 / len(hits)
                for claim_id in hits:
                    weights[claim_id] += 1.0 + w
        if weights:
            best = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:depth]
            out[p.claim_id] = [claim_id for claim_id, _ in best]
    return out


def _rerank(
    conn: sa.Connection,
    probes: list[_Probe],
    candidates: dict[int, list[int]],
    limit: int,
    min_score: float,
    labels: dict[str, str],
) -> dict[int, list[PriorCheck]]:
    from factcheck.store.models import Claim, Evidence, Review

    C, R, E = Claim.__table__, Review.__table__, Evidence.__table__
    ids = sorted({c for cands in candidates.values() for c in cands})
    # Score on the texts alone; read the rest only for the matches that will be shown.
    norms: dict[int, tuple[str, frozenset[str]]] = {}
    for chunk in _chunks(ids, 900):
        for claim_id, text in conn.execute(
            sa.select(C.c.id, C.c.text).where(C.c.id.in_(chunk), C.c.verdict.is_not(None))
        ):
            norms[claim_id] = (normalise(text), numbers(text))
    scored: dict[int, list[tuple[float, int]]] = {}
    for p in probes:
        found = []
        for cand in candidates.get(p.claim_id, ()):
            if cand not in norms:
                continue
            norm, nums = norms[cand]
            score = similarity(p.norm, norm, p.numbers, nums)
            if score >= min_score:
                found.append((score, cand))
        if found:
            scored[p.claim_id] = found
    shown = sorted({c for found in scored.values() for _, c in found})
    info: dict[int, dict] = {}
    evidence: dict[int, int] = {}
    for chunk in _chunks(shown, 900):
        for row in conn.execute(
            sa.select(
                C.c.id,
                C.c.review_id,
                C.c.ordinal,
                C.c.text,
                C.c.verdict,
                C.c.rationale,
                C.c.updated_at,
                R.c.title,
                R.c.source,
                R.c.outlet,
                R.c.published,
            )
            .join(R, R.c.id == C.c.review_id)
            .where(C.c.id.in_(chunk))
        ).mappings():
            info[row["id"]] = dict(row)
        evidence.update(
            conn.execute(
                sa.select(E.c.claim_id, sa.func.count())
                .where(E.c.claim_id.in_(chunk))
                .group_by(E.c.claim_id)
            ).all()
        )
    families: dict[int, int] = {}
    out: dict[int, list[PriorCheck]] = {}
    for claim_id, found in scored.items():
        checks = [_prior(info[c], score, labels, evidence.get(c, 0)) for score, c in found]
        checks.sort(key=lambda pc: (-pc.score, -pc.reviewed_at.timestamp(), pc.claim_id))
        # The same claim reviewed in several revisions of one earlier article shows once (the
        # latest check): find the articles only for such look-alikes, which are rare.
        texts = [norms[pc.claim_id][0] for pc in checks]
        if len(set(texts)) < len(texts):
            for pc in checks:
                if pc.review_id not in families:
                    family = revision_family(conn, pc.review_id)
                    families.update(dict.fromkeys(family, min(family)))
        seen: set[tuple] = set()
        kept: list[PriorCheck] = []
        for pc, text in zip(checks, texts, strict=True):
            key = (families.get(pc.review_id, pc.review_id), text)
            if key in seen:
                continue
            seen.add(key)
            kept.append(pc)
            if len(kept) >= limit:
                break
        out[claim_id] = kept
    return out


def _prior(row: dict, score: float, labels: dict[str, str], evidence: int) -> PriorCheck:
    reviewed = row["updated_at"]
    if reviewed.tzinfo is None:
        reviewed = reviewed.replace(tzinfo=dt.UTC)
    return PriorCheck(
        claim_id=row["id"],
        review_id=row["review_id"],
        review_title=row["title"],
        review_source=row["source"],
        published=row["published"],
        verdict=row["verdict"],
        verdict_label=labels.get(row["verdict"], row["verdict"]),
        rationale=row["rationale"],
        reviewed_at=reviewed.astimezone(dt.UTC),
        score=round(score, 1),
        text=row["text"],
        number=row["ordinal"],
        outlet=row["outlet"],
        evidence=evidence,
    )
