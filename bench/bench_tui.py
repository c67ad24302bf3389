"""Benchmark: the review screen with 1,000 and 10,000 claims.

Run: ``python bench/bench_tui.py [N ...]`` (default 1000 10000). Issue 4 asks for the review
screen to be interactive in under 1.5 s with 10,000 claims, and a median key-to-screen-update
under 25 ms at both sizes.

For each size a review is built programmatically (an article of N sentences, one claim each,
every 7th with a flag) and imported into a temporary database; then, headless under Pilot:

- **interactive**: from creating the App (which opens the database in a worker) to the first
  screen update after the review screen has its claims, article and verdict keys; **cold
  start** is the same measured in a fresh Python process from its first import (Textual,
  SQLAlchemy and factcheck imports included), best of three;
- **cursor moves**: 200 presses of ``j``/``k``, each timed from sending the key event to the
  next screen update (the App's ``_display`` hook), not the ``pilot.press`` round trip (which
  waits for idle and adds its own ~60 ms);
- **verdict changes**: 50 number keys on successive claims, timed the same way (the claim list
  shows the verdict at once; the store write follows in the writer worker).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from factcheck.analysis.model import Analysis, Article, Claim, Flag, Reason  # noqa: E402

SIZE = (160, 48)
SPEAKERS = ["Dana Whitfield", "Tom Okafor", "Priya Raman", None, "Leo Marchetti", None]
KINDS = ["statistic", "quote", "event", "causal", "prediction", "comparison"]


def build_analysis(n: int) -> Analysis:
    """An article of ``n`` sentences in paragraphs of five, each sentence a claim."""
    parts: list[str] = []
    claims: list[Claim] = []
    flags: list[Flag] = []
    pos = 0
    for i in range(1, n + 1):
        sentence = (f"Claim {i}: ferry ridership on route {i % 97} fell {i % 13}.{i % 10}% "
                    f"in {2000 + i % 24}, the authority said.")
        sep = "\n\n" if i % 5 == 1 and i > 1 else (" " if i > 1 else "")
        pos += len(sep)
        parts.append(sep + sentence)
        claims.append(Claim(id=i, text=sentence, start=pos, end=pos + len(sentence),
                            kind=KINDS[i % len(KINDS)], checkworthy=0.5 + (i % 5) / 10,
                            reasons=[Reason("statistic", 1.1)],
                            speaker=SPEAKERS[i % len(SPEAKERS)], paragraph=i // 5))
        if i % 7 == 0:
            flags.append(Flag(kind="anonymous-source", message=f"Unnamed source in claim {i}.",
                              claim_id=i))
        pos += len(sentence)
    text = "".join(parts)
    article = Article(text=text, title=f"Benchmark article with {n} claims",
                      outlet="Bench Ledger", source=f"bench-{n}.txt")
    return Analysis(article=article, claims=claims, flags=flags)


class DisplayClock:
    """Records when the App last pushed a screen update."""

    def __init__(self, app) -> None:
        self.times: list[float] = []
        original = app._display

        def display(screen, renderable):
            if renderable is not None:
                self.times.append(time.perf_counter())
            return original(screen, renderable)

        app._display = display

    def first_after(self, t0: float) -> float | None:
        for t in self.times:
            if t >= t0:
                return t
        return None


async def _key_latency(pilot, clock: DisplayClock, key: str) -> float:
    # Let the previous key's detail read and store write finish, so that the update timed
    # is the one this key causes.
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    t0 = time.perf_counter()
    await pilot.press(key)
    t1 = clock.first_after(t0)
    return (t1 - t0) * 1000 if t1 else float("nan")


async def run_size(n: int) -> dict[str, float]:
    from textual.app import App

    from factcheck.store import Store
    from factcheck.tui import make_app
    from factcheck.tui.screens.review import ReviewScreen

    tmp = tempfile.mkdtemp(prefix="bench-tui-")
    db = os.path.join(tmp, "claims.db")
    t = time.perf_counter()
    with Store.open(db) as store:
        review_id = store.import_analysis(build_analysis(n)).review_id
    import_s = time.perf_counter() - t

    # The headless driver skips the real write to the terminal, but _display is still called
    # with the compositor's update (which is what costs the time).
    App.is_headless = property(lambda self: False)  # type: ignore[method-assign]

    loaded_at: list[float] = []
    original_loaded = ReviewScreen._loaded

    def loaded(self, *args):
        original_loaded(self, *args)
        loaded_at.append(time.perf_counter())

    ReviewScreen._loaded = loaded  # type: ignore[method-assign]

    t_start = time.perf_counter()
    app = make_app(db, review_id=review_id)
    clock = DisplayClock(app)
    async with app.run_test(size=SIZE, headless=True) as pilot:
        while not loaded_at:
            await pilot.pause()
        await pilot.pause()
        t_ready = clock.first_after(loaded_at[0]) or time.perf_counter()
        interactive = t_ready - t_start
        screen = app.screen
        assert len(screen.claims) == n, len(screen.claims)
        await app.workers.wait_for_complete()

        moves = []
        for i in range(200):
            moves.append(await _key_latency(pilot, clock, "j" if (i // 50) % 2 == 0 else "k"))
        verdicts = []
        for i in range(50):
            verdicts.append(await _key_latency(pilot, clock, str(1 + i % 6)))
            await pilot.press("j")
        await app.workers.wait_for_complete()
        await pilot.press("q")
    ReviewScreen._loaded = original_loaded  # type: ignore[method-assign]

    with Store.open(db) as store:
        saved = sum(c.verdict is not None for c in store.load_claims(review_id))
    cold = min(cold_start(db, review_id) for _ in range(3))
    return {
        "cold_s": cold,
        "claims": n,
        "import_s": import_s,
        "interactive_s": interactive,
        "move_median_ms": statistics.median(moves),
        "move_p95_ms": sorted(moves)[int(len(moves) * 0.95) - 1],
        "verdict_median_ms": statistics.median(verdicts),
        "verdict_p95_ms": sorted(verdicts)[int(len(verdicts) * 0.95) - 1],
        "verdicts_saved": saved,
    }


CHILD = """
import time
t_start = time.perf_counter()
import asyncio, sys
sys.path.insert(0, {src!r})
from textual.app import App
from factcheck.tui import make_app
from factcheck.tui.screens.review import ReviewScreen

App.is_headless = property(lambda self: False)
marks = []
original = ReviewScreen._loaded
def loaded(self, *args):
    original(self, *args)
    marks.append(time.perf_counter())
    self.app.call_after_refresh(lambda: marks.append(time.perf_counter()))
ReviewScreen._loaded = loaded

async def main():
    app = make_app({db!r}, review_id={review_id})
    async with app.run_test(size=(160, 48), headless=True) as pilot:
        while len(marks) < 2:
            await pilot.pause()
        await pilot.press("q")
    print(marks[1] - t_start)

asyncio.run(main())
"""


def cold_start(db: str, review_id: int) -> float:
    """Seconds from a fresh Python's first import to the review screen's first refresh."""
    import subprocess

    src = str(Path(__file__).resolve().parents[1] / "src")
    code = CHILD.format(src=src, db=db, review_id=review_id)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000, 10000]
    print(f"terminal {SIZE[0]}x{SIZE[1]}, Python {sys.version.split()[0]}")
    print(f"{'claims':>7} {'import s':>9} {'interactive s':>14} {'cold start s':>13} "
          f"{'move ms (median/p95)':>21} {'verdict ms (median/p95)':>24} {'saved':>6}")
    for n in sizes:
        r = asyncio.run(run_size(n))
        print(f"{r['claims']:>7} {r['import_s']:>9.2f} {r['interactive_s']:>14.2f} "
              f"{r['cold_s']:>13.2f} "
              f"{r['move_median_ms']:>10.1f} / {r['move_p95_ms']:<8.1f} "
              f"{r['verdict_median_ms']:>12.1f} / {r['verdict_p95_ms']:<8.1f} "
              f"{r['verdicts_saved']:>6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
