"""Benchmark the analysis: a ~5,000-word and a ~50,000-word article, against pysbd.

Run: ``python bench/bench_analysis.py``. The articles are built by repeating the paragraphs of
``examples/harbour-ferry.txt`` (with the people renamed on each round so that attribution has
real work to do). Prints seconds and words/s for factcheck's whole analysis and for pysbd's
sentence segmentation alone (paragraph by paragraph) on the same text, per-size scaling, and
the start-up time of ``factcheck --help``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from factcheck.analysis import analyze_text  # noqa: E402
from factcheck.analysis.clean import clean_article  # noqa: E402
from factcheck.analysis.normalize import normalize_text  # noqa: E402

NAMES = ["Whitfield", "Okafor", "Raman", "Marchetti"]


def build_article(words: int) -> str:
    source = (ROOT / "examples" / "harbour-ferry.txt").read_text(encoding="utf-8")
    body = [b.text for b in clean_article(normalize_text(source)).blocks]
    paragraphs: list[str] = ["Benchmark headline for a long article", ""]
    count = 0
    round_no = 0
    while count < words:
        for para in body:
            text = para
            for name in NAMES:
                text = text.replace(name, f"{name}{round_no}" if round_no else name)
            paragraphs.append(text)
            paragraphs.append("")
            count += len(para.split())
            if count >= words:
                break
        round_no += 1
    return "\n".join(paragraphs)


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    try:
        import pysbd
    except ImportError:  # pragma: no cover
        pysbd = None
    print(f"python {sys.version.split()[0]}")
    results = {}
    for words in (5_000, 50_000):
        text = build_article(words)
        n_words = len(text.split())
        analysis = analyze_text(text)
        t = best_of(lambda text=text: analyze_text(text), 5 if words < 10_000 else 3)
        results[words] = t
        line = (f"{n_words:>6} words: factcheck analysis {t:.3f} s ({n_words / t:,.0f} words/s), "
                f"{len(analysis.claims)} claims, {len(analysis.quotes)} quotes")
        if pysbd is not None:
            seg = pysbd.Segmenter(language="en", clean=False)
            paragraphs = [p for p in text.split("\n") if p.strip()]
            ts = best_of(lambda: [seg.segment(p) for p in paragraphs], 1)
            line += f"; pysbd segmentation alone {ts:.3f} s ({n_words / ts:,.0f} words/s)"
        print(line)
    print(f"scaling 50k/5k: {results[50_000] / results[5_000]:.1f}x for 10x the words")

    help_times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "factcheck", "--help"], capture_output=True,
                       check=True)
        help_times.append(time.perf_counter() - start)
    print(f"factcheck --help: median {statistics.median(help_times):.3f} s "
          f"(python -c pass: {_python_startup():.3f} s)")


def _python_startup() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
