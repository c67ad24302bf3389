"""Claims checked before: match a 300-claim article against 100,000 stored claims.

Run: ``python bench/bench_checked_before.py [--stored N] [--claims N] [--reviewed F] [--db URL]``
(default: a temporary SQLite file). Target on the dev machine: ``Store.checked_before`` on the
300-claim review under 0.5 s.

The stored claims are varied news sentences: frames (figures rising and falling, promises,
comparisons, quotes) filled from the vocabulary of ``examples/harbour-ferry.txt`` and a
generated word list drawn with a Zipf distribution (a long tail of rare words, as real
vocabularies have), with people, places, organisations and numbers. They are bulk-inserted with
Core ``executemany`` (the FTS5 triggers index them as they go). A share of them (``--reviewed``)
have verdicts. The 300-claim article mixes ``--planted`` rewordings of reviewed stored claims
(clauses moved, synonyms, "per cent" for "%", an attribution added) with new sentences; the
benchmark prints how many rewordings were found with the right earlier claim, and how many
other claims got a match.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

from factcheck.analysis.model import Analysis, Article, Claim, Reason
from factcheck.store import Store

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbour-ferry.txt"

PEOPLE = [
    "Dana Whitfield",
    "Tom Okafor",
    "Priya Raman",
    "Leo Marchetti",
    "Marta Oyelaran",
]
ORGS = [
    "the Harbour Transit Authority",
    "the transport department",
    "the council's finance committee",
    "the Ferry Riders Union",
    "the statistics office",
]
PLACES = ["Harbour City", "Northpoint", "Eastway"]
RISE = ["rose", "climbed", "increased", "jumped", "grew"]
FALL = ["fell", "dropped", "declined", "decreased", "slumped"]
SYNONYMS = {
    "rose": "went up",
    "climbed": "rose",
    "increased": "grew",
    "jumped": "surged",
    "grew": "increased",
    "fell": "went down",
    "dropped": "fell",
    "declined": "dropped",
    "decreased": "declined",
    "slumped": "fell sharply",
    "last year": "in the past year",
    "since": "ever since",
    "will": "is going to",
}


class Vocabulary:
    """Article words plus a generated Zipf-distributed word list, places and people."""

    def __init__(self, rng: random.Random, size: int = 30_000):
        text = EXAMPLE.read_text(encoding="utf-8")
        article = sorted({w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)})
        onsets = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p"]
        onsets += ["pr", "r", "s", "st", "t", "tr", "v", "w", "z", "sh", "th", "pl", "cl"]
        vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"]
        codas = ["", "n", "r", "l", "s", "t", "nd", "rk", "st", "m", "ng", "x"]
        generated: set[str] = set()
        while len(generated) < size:
            n = rng.choice((2, 2, 3, 3, 4))
            generated.add(
                "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(n))
                + rng.choice(codas)
            )
        # Article words are the common ones, then the generated tail.
        self.words = article + sorted(generated)
        rng.shuffle(self.words[len(article) :])
        weights = [1 / (rank + 1) ** 1.05 for rank in range(len(self.words))]
        self._cum = list(itertools.accumulate(weights))
        surnames = [w.capitalize() for w in rng.sample(sorted(generated), 400)]
        firsts = ["Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jo"]
        self.people = PEOPLE + [f"{rng.choice(firsts)} {s}" for s in surnames[:300]]
        self.places = PLACES + [
            f"{s} {rng.choice(['Bay', 'Hill', 'Park', ''])}".strip() for s in surnames[300:]
        ]
        self.orgs = ORGS + [
            f"the {w} {rng.choice(['board', 'agency', 'office', 'council'])}"
            for w in rng.sample(self.words[:3000], 200)
        ]

    def word(self, rng: random.Random) -> str:
        return self.words[bisect.bisect_left(self._cum, rng.random() * self._cum[-1])]

    def noun_phrase(self, rng: random.Random) -> str:
        return " ".join(self.word(rng) for _ in range(rng.choice((1, 2, 2, 3))))


def sentence(v: Vocabulary, rng: random.Random) -> str:
    """One news-like claim."""
    thing = v.noun_phrase(rng)
    place = rng.choice(v.places)
    person = rng.choice(v.people)
    org = rng.choice(v.orgs)
    n = rng.choice((rng.randint(2, 99), round(rng.uniform(0.5, 60), 1)))
    year = rng.randint(1995, 2025)
    frame = rng.randrange(8)
    if frame == 0:
        verb = rng.choice(RISE + FALL)
        return f"{thing.capitalize()} in {place} {verb} {n}% in {year}, {org} said."
    if frame == 1:
        return f'"We will cut {thing} by {n} percent before {year}," said {person}.'
    if frame == 2:
        verb = rng.choice(RISE + FALL)
        return f"According to {org}, the number of {thing} {verb} to {n} million last year."
    if frame == 3:
        return f"{person} claimed that {place} spends more on {thing} than any other city."
    if frame == 4:
        return f"{thing.capitalize()} has cost taxpayers ${n} million since {year}, {org} reported."
    if frame == 5:
        extra = v.noun_phrase(rng)
        return f"{place} has the highest rate of {thing} in the country, {person} said of {extra}."
    if frame == 6:
        return f"The {thing} programme created {int(n * 100):,} jobs in {place} since {year}."
    other = v.noun_phrase(rng)
    return f"{person} said {thing} and {other} were the main reasons for the {n}% rise."


def reword(text: str, rng: random.Random) -> str:
    """The same claim as another article would write it."""
    out = text.replace("%", " per cent").replace('"', "")
    for word, other in SYNONYMS.items():
        if rng.random() < 0.7:
            out = re.sub(rf"\b{re.escape(word)}\b", other, out, count=1)
    out = out.rstrip(".")
    if "," in out and rng.random() < 0.6:
        head, _, tail = out.rpartition(",")
        out = f"{tail.strip()[0].upper()}{tail.strip()[1:]}: {head}"
    elif rng.random() < 0.5:
        out += ", officials told reporters"
    return out + "."


def build(store: Store, stored: int, reviewed: float, rng: random.Random, v: Vocabulary):
    """Bulk-insert ``stored`` claims in reviews of 50; return [(claim id, text)] reviewed."""
    from factcheck.store.models import TABLES

    R, C = TABLES["review"], TABLES["claim"]
    now = dt.datetime.now(dt.UTC)
    per_review = 50
    scale = store.rating_scale().keys()
    reviewed_claims: list[tuple[int, str]] = []
    with store.write_engine.begin() as conn:
        n_reviews = (stored + per_review - 1) // per_review
        review_ids = (
            conn.execute(
                R.insert().returning(R.c.id, sort_by_parameter_order=True),
                [
                    {
                        "source": f"https://news.example/{i}",
                        "content_hash": f"bench-{i}",
                        "revision": 1,
                        "previous_id": None,
                        "title": f"Stored article {i}",
                        "outlet": "Bench News",
                        "byline": None,
                        "published": dt.date(2020, 1, 1) + dt.timedelta(days=i % 1500),
                        "text": "",
                        "removed": [],
                        "headings": [],
                        "speakers": [],
                        "imported_at": now,
                        "updated_at": now,
                        "version": 1,
                    }
                    for i in range(n_reviews)
                ],
            )
            .scalars()
            .all()
        )
        rows = []
        for i in range(stored):
            text = sentence(v, rng)
            verdict = rng.choice(scale) if rng.random() < reviewed else None
            rows.append(
                {
                    "review_id": review_ids[i // per_review],
                    "ordinal": i % per_review + 1,
                    "text": text,
                    "start_offset": 0,
                    "end_offset": len(text),
                    "kind": "statistic",
                    "checkworthy": 0.6,
                    "reasons": [],
                    "speaker": None,
                    "speaker_title": None,
                    "paragraph": 0,
                    "status": "done" if verdict else "unreviewed",
                    "priority": 0,
                    "verdict": verdict,
                    "rationale": "Checked against the source." if verdict else None,
                    "reviewer": "bench" if verdict else None,
                    "updated_at": now,
                    "version": 1,
                }
            )
        for chunk in range(0, len(rows), 10_000):
            part = rows[chunk : chunk + 10_000]
            ids = (
                conn.execute(C.insert().returning(C.c.id, sort_by_parameter_order=True), part)
                .scalars()
                .all()
            )
            reviewed_claims += [
                (i, r["text"]) for i, r in zip(ids, part, strict=True) if r["verdict"]
            ]
    return reviewed_claims


def article(n: int, planted: list[tuple[int, str]], rng: random.Random, v: Vocabulary):
    texts = [reword(text, rng) for _, text in planted]
    texts += [sentence(v, rng) for _ in range(n - len(texts))]
    order = list(range(n))
    rng.shuffle(order)
    texts = [texts[i] for i in order]
    expected = {order.index(k): claim_id for k, (claim_id, _) in enumerate(planted)}
    claims, offset = [], 0
    for i, text in enumerate(texts):
        claims.append(
            Claim(
                i + 1,
                text,
                offset,
                offset + len(text),
                "statistic",
                0.7,
                [Reason("number", 0.5)],
                None,
                None,
                i // 4,
            )
        )
        offset += len(text) + 1
    body = " ".join(texts)
    return (
        Analysis(
            article=Article(
                text=body,
                title="The article being checked",
                outlet="Bench",
                source="bench://new",
                published=dt.date(2026, 11, 27),
            ),
            claims=claims,
        ),
        expected,  # claim number (0-based) -> the stored claim it rewords
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=300)
    parser.add_argument("--reviewed", type=float, default=0.4, help="share with a verdict")
    parser.add_argument("--planted", type=int, default=30, help="rewordings in the article")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", help="database path or URL (default: a temporary SQLite file)")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    vocab = Vocabulary(rng)

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        store = Store.open(db)
        started = time.perf_counter()
        reviewed = build(store, args.stored, args.reviewed, rng, vocab)
        build_time = time.perf_counter() - started
        planted = rng.sample(reviewed, min(args.planted, len(reviewed), args.claims))
        analysis, expected = article(args.claims, planted, rng, vocab)
        started = time.perf_counter()
        review_id = store.import_analysis(analysis, who="bench").review_id
        import_time = time.perf_counter() - started
        claims = store.load_claims(review_id)
        store.close()

        store = Store.open(db)
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            found = store.checked_before(review_id)
            times.append(time.perf_counter() - started)
        store.close()
        size = Path(db).stat().st_size if not args.db or "://" not in args.db else None

    hits = sum(
        1
        for k, claim_id in expected.items()
        if claim_id in {p.claim_id for p in found.get(claims[k].id, [])}
    )
    top = sum(
        1
        for k, claim_id in expected.items()
        if found.get(claims[k].id) and found[claims[k].id][0].claim_id == claim_id
    )
    others = sum(1 for k, c in enumerate(claims) if k not in expected and c.id in found)
    print(
        f"checked-before benchmark: {args.claims}-claim article against {args.stored:,} stored "
        f"claims ({len(reviewed):,} with a verdict), {store.dialect}"
    )
    print(f"  build stored claims (Core executemany, indexed as inserted){build_time:6.2f} s")
    if size:
        print(f"  database size                                               {size / 1e6:6.1f} MB")
    print(f"  import the article                                          {import_time:6.2f} s")
    print(
        f"  checked_before: first {times[0] * 1000:.0f} ms, best {min(times) * 1000:.0f} ms, "
        f"median {statistics.median(times) * 1000:.0f} ms of {len(times)} (target < 500 ms)"
    )
    print(
        f"  rewordings found: {hits}/{len(expected)} ({top} ranked first); "
        f"new sentences with a match: {others}/{args.claims - len(expected)} (the generator "
        "reuses 8 sentence frames: same frame, person or place and figure can match)"
    )


if __name__ == "__main__":
    main()
