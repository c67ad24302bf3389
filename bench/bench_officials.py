"""Benchmark: officials checks for a 300-claim article against a registry of 50,000 roles.

Run: ``python bench/bench_officials.py``. Issue 5 asks for under 50 ms. Prints the registry
build time (not part of the budget: the registry is loaded once) and the median, best and worst
of several runs of ``run_checks``. Each run starts with a cold title cache, so the figure
includes normalising every title involved.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import datetime as dt  # noqa: E402

from factcheck.analysis.model import Analysis, Article, Claim, Quote, Speaker  # noqa: E402
from factcheck.officials import titles  # noqa: E402
from factcheck.officials.checks import run_checks  # noqa: E402
from factcheck.officials.registry import PartialDate, Registry, Role  # noqa: E402

PEOPLE = 10_000
ROLES_PER_PERSON = 5
CLAIMS = 300
RUNS = 15

TITLES = [
    ("State Department spokesperson", "US Department of State"),
    ("White House press secretary", "White House"),
    ("Secretary of Defense", "US Department of Defense"),
    ("Supreme Leader", "North Korea"),
    ("Chairman of the Workers' Party of Korea", "Workers' Party of Korea"),
    ("deputy press secretary", "White House"),
    ("President of the United States", "United States"),
    ("Senator", "United States Senate"),
    ("Foreign Secretary", "Foreign Office"),
    ("General Secretary of the Workers' Party of Korea", "Workers' Party of Korea"),
]
# Quotes are drawn from a 5,000-word vocabulary with Zipf-like frequencies (as in real
# text, a few words are very common); every tenth quote repeats an earlier one under another
# speaker, so the quote check has real matches to find.
VOCABULARY = [f"w{i}" for i in range(5000)]
WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]


def build_registry(rng: random.Random) -> Registry:
    reg = Registry()
    for i in range(PEOPLE):
        p = reg.add_person(f"Person{i} Surname{i}", aliases=[f"P. Surname{i}"])
        year = rng.randint(1990, 2015)
        for _ in range(ROLES_PER_PERSON):
            title, org = rng.choice(TITLES)
            start = PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))
            year += rng.randint(1, 3)
            end = PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))
            reg.add_role(
                Role(p.id, f"{title} {i % 97}" if i % 3 == 0 else title, org, start, end, "bench")
            )
    return reg


def build_analysis(rng: random.Random) -> Analysis:
    quotes, claims, speakers = [], [], {}
    for cid in range(CLAIMS):
        claims.append(Claim(cid, "claim", 0, 1, "quote", 0.5))
        if cid % 3 == 2:
            continue  # not every claim is a quote
        n = rng.randrange(PEOPLE)
        name = f"Person{n} Surname{n}" if cid % 2 else f"Unknown{cid} Person"
        title, org = rng.choice(TITLES)
        if quotes and cid % 10 == 0:
            text = rng.choice(quotes).text
        else:
            text = " ".join(rng.choices(VOCABULARY, WEIGHTS, k=rng.randint(6, 30)))
        quotes.append(
            Quote(
                text,
                0,
                len(text),
                cid,
                name,
                f"former {title}" if cid % 5 == 0 else title,
                org if cid % 4 == 0 else None,
            )
        )
        speakers.setdefault(name, Speaker(name)).titles.append(title)
    return Analysis(
        Article("text", published=dt.date(2021, 6, 18)),
        claims=claims,
        quotes=quotes,
        speakers=list(speakers.values()),
    )


def main() -> None:
    rng = random.Random(5)
    t0 = time.perf_counter()
    reg = build_registry(rng)
    build = time.perf_counter() - t0
    analysis = build_analysis(rng)
    other = [(q.text, "Someone Else", "review 1") for q in analysis.quotes[:20]]
    titles.default_rules()  # loading titles.toml is a once-per-process cost, like the registry
    times, flags = [], []
    for _ in range(RUNS):
        titles._normalise_cached.cache_clear()
        t0 = time.perf_counter()
        flags = run_checks(analysis, reg, other_quotes=other)
        times.append(time.perf_counter() - t0)
    ms = [t * 1000 for t in times]
    print(f"registry: {len(reg):,} people, {reg.role_count():,} roles (built in {build:.2f} s)")
    print(
        f"article: {len(analysis.claims)} claims, {len(analysis.quotes)} quotes, {len(flags)} flags"
    )
    print(
        f"run_checks: median {statistics.median(ms):.1f} ms, best {min(ms):.1f} ms, "
        f"worst {max(ms):.1f} ms over {RUNS} runs (cold title cache; budget 50 ms)"
    )


if __name__ == "__main__":
    main()
