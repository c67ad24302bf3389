"""Review store benchmark: import a 10,000-claim review, load it, change 200 verdicts.

Run: ``python bench/bench_store.py [--claims N] [--db URL]`` (default: a temporary SQLite file).
Targets on the dev machine: loading all claims for display under 0.3 s, one verdict change
under 2 ms median.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from factcheck.analysis.model import Analysis, Article, Claim, Flag, Quote, Reason
from factcheck.store import Store


def build_analysis(n: int) -> Analysis:
    parts: list[str] = []
    claims: list[Claim] = []
    quotes: list[Quote] = []
    flags: list[Flag] = []
    offset = 0
    for i in range(n):
        sentence = (
            f'"Spending rose by {i % 97}.{i % 10} percent in {2000 + i % 25}," '
            f"said official number {i}."
        )
        start = offset
        parts.append(sentence)
        offset += len(sentence) + 1
        claims.append(
            Claim(
                i + 1,
                sentence,
                start,
                start + len(sentence),
                "statistic",
                0.7,
                [Reason("number", 0.5), Reason("quote", 0.2)],
                f"Official {i}",
                "Minister",
                i // 5,
            )
        )
        if i % 3 == 0:
            end = start + sentence.index(",") + 2
            quotes.append(
                Quote(
                    sentence[: end - start],
                    start,
                    end,
                    i + 1,
                    f"Official {i}",
                    "Minister",
                    cue="said",
                    how="said X",
                )
            )
        if i % 10 == 0:
            flags.append(Flag("no_speaker", "Check the speaker.", i + 1, {"key": f"k{i}"}))
    text = " ".join(parts)
    return Analysis(
        article=Article(
            text=text,
            title=f"Benchmark article ({n} claims)",
            outlet="Bench",
            source=f"bench://{n}",
        ),
        claims=claims,
        quotes=quotes,
        flags=flags,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--db", help="database path or URL (default: a temporary SQLite file)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        analysis = build_analysis(args.claims)

        started = time.perf_counter()
        store = Store.open(db)
        open_new = time.perf_counter() - started

        started = time.perf_counter()
        result = store.import_analysis(analysis, who="bench")
        import_time = time.perf_counter() - started
        store.close()

        started = time.perf_counter()
        store = Store.open(db)
        open_time = time.perf_counter() - started

        loads = []
        for _ in range(5):
            started = time.perf_counter()
            claims = store.load_claims(result.review_id)
            loads.append(time.perf_counter() - started)
        assert len(claims) == args.claims

        scale = store.rating_scale().keys()
        changes = []
        step = max(1, len(claims) // args.changes)
        for n in range(args.changes):
            claim = claims[(n * step) % len(claims)]
            started = time.perf_counter()
            claim.version = store.set_verdict(
                claim.id,
                scale[n % len(scale)],
                f"rationale {n}",
                who="bench",
                expected_version=claim.version,
            )
            changes.append((time.perf_counter() - started) * 1000)

        started = time.perf_counter()
        store.claim_detail(claims[0].id)
        detail_time = time.perf_counter() - started
        started = time.perf_counter()
        store.list_reviews()
        list_time = time.perf_counter() - started
        store.close()

    changes.sort()
    p95 = changes[int(len(changes) * 0.95) - 1]
    print(f"store benchmark: {args.claims} claims, {store.dialect} ({store.location})")
    print(f"  create database          {open_new * 1000:8.1f} ms")
    print(f"  import review            {import_time * 1000:8.1f} ms")
    print(f"  reopen database          {open_time * 1000:8.1f} ms")
    print(
        f"  load all claims          {min(loads) * 1000:8.1f} ms best, "
        f"{statistics.median(loads) * 1000:.1f} ms median of {len(loads)} (target < 300 ms)"
    )
    print(
        f"  verdict change           {statistics.median(changes):8.2f} ms median, "
        f"{p95:.2f} ms p95 of {len(changes)} (target < 2 ms median)"
    )
    print(f"  claim detail             {detail_time * 1000:8.1f} ms")
    print(f"  list reviews             {list_time * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
