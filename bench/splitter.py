"""factcheck's sentence splitter against pysbd on hard news-prose cases, and their speed.

    python bench/splitter.py

Each case is one paragraph with its expected sentences. A splitter gets a case right only if
it produces exactly the expected sentences (compared after stripping surrounding spaces).
Speed is measured on a ~50,000-word text made by repeating the paragraphs of
examples/harbour-ferry.txt, split paragraph by paragraph by both splitters.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from factcheck.analysis.sentences import split_sentences

REPO = Path(__file__).resolve().parents[1]

# (paragraph, expected sentences)
CASES: list[tuple[str, list[str]]] = [
    (
        "The U.S. Army said it would send more troops. Officials did not say how many.",
        ["The U.S. Army said it would send more troops.", "Officials did not say how many."],
    ),
    (
        "The deal was struck in the U.S. The talks took six months.",
        ["The deal was struck in the U.S.", "The talks took six months."],
    ),
    (
        "He spoke at the U.N. Security Council on Tuesday. The vote is next week.",
        ["He spoke at the U.N. Security Council on Tuesday.", "The vote is next week."],
    ),
    (
        "Mr. Smith and Mrs. Jones met Dr. Brown in the lobby. They talked for an hour.",
        ["Mr. Smith and Mrs. Jones met Dr. Brown in the lobby.", "They talked for an hour."],
    ),
    (
        "Gen. Mark Milley testified. Sen. Jack Reed asked the first question.",
        ["Gen. Mark Milley testified.", "Sen. Jack Reed asked the first question."],
    ),
    (
        "The hearing is set for Jan. 6 in Washington. It will be public.",
        ["The hearing is set for Jan. 6 in Washington.", "It will be public."],
    ),
    (
        "The meeting began at 9 a.m. and ended at 5 p.m. on Friday.",
        ["The meeting began at 9 a.m. and ended at 5 p.m. on Friday."],
    ),
    (
        "The polls close at 8 p.m. The results are expected by midnight.",
        ["The polls close at 8 p.m.", "The results are expected by midnight."],
    ),
    (
        "John F. Kennedy was elected in 1960. He was 43.",
        ["John F. Kennedy was elected in 1960.", "He was 43."],
    ),
    (
        "The report was written by J. R. R. Tolkien's estate. It sold well.",
        ["The report was written by J. R. R. Tolkien's estate.", "It sold well."],
    ),
    (
        "Inflation rose 3.5 percent in May. Economists had expected 3.2 percent.",
        ["Inflation rose 3.5 percent in May.", "Economists had expected 3.2 percent."],
    ),
    (
        "The company lost $3.5 billion last year. Its shares fell 12.4%.",
        ["The company lost $3.5 billion last year.", "Its shares fell 12.4%."],
    ),
    ("He paused... Then he said nothing more.", ["He paused...", "Then he said nothing more."]),
    (
        "The plan was, he said, ... a disaster from the start.",
        ["The plan was, he said, ... a disaster from the start."],
    ),
    ("“We will go. We will win,” he said.", ["“We will go. We will win,” he said."]),
    (
        "“We will go. We will win,” he said. “Nobody can stop us.”",
        ["“We will go. We will win,” he said.", "“Nobody can stop us.”"],
    ),
    (
        "“Why now?” she asked. “Nobody told us anything.”",
        ["“Why now?” she asked.", "“Nobody told us anything.”"],
    ),
    (
        "“Is this a war-torn country?” Trump said. “What are we doing?”",
        ["“Is this a war-torn country?” Trump said.", "“What are we doing?”"],
    ),
    ("“Stop!” the officer shouted. The man ran.", ["“Stop!” the officer shouted.", "The man ran."]),
    (
        '"It is over. We lost," said Mr. Clarke, the chief executive.',
        ['"It is over. We lost," said Mr. Clarke, the chief executive.'],
    ),
    (
        "She said: “The numbers are wrong. They always were.”",
        ["She said: “The numbers are wrong.", "They always were.”"],
    ),
    (
        "The prime minister lives at No. 10 Downing Street. He moved in last year.",
        ["The prime minister lives at No. 10 Downing Street.", "He moved in last year."],
    ),
    (
        "Apple Inc. reported record sales. Its rival, Samsung, did not.",
        ["Apple Inc. reported record sales.", "Its rival, Samsung, did not."],
    ),
    (
        "The shares were bought by Acme Inc. The price was not disclosed.",
        ["The shares were bought by Acme Inc.", "The price was not disclosed."],
    ),
    (
        "He moved to the U.S. The family followed in 1998.",
        ["He moved to the U.S.", "The family followed in 1998."],
    ),
    (
        "He moved to the U.S. in 1990 and became a citizen.",
        ["He moved to the U.S. in 1990 and became a citizen."],
    ),
    ("Is this the end? Nobody knows.", ["Is this the end?", "Nobody knows."]),
    ("What a result! The crowd cheered.", ["What a result!", "The crowd cheered."]),
    (
        "The vote was 52-48 (a narrow margin). Opponents vowed to appeal.",
        ["The vote was 52-48 (a narrow margin).", "Opponents vowed to appeal."],
    ),
    (
        "Rep. Jim Clyburn (D-S.C.) said the bill would pass. Others disagreed.",
        ["Rep. Jim Clyburn (D-S.C.) said the bill would pass.", "Others disagreed."],
    ),
    (
        "The firm, based in St. Louis, employs 400 people. It was founded in 1901.",
        ["The firm, based in St. Louis, employs 400 people.", "It was founded in 1901."],
    ),
    (
        "The ship arrived on Sept. 11. Crowds gathered at the port.",
        ["The ship arrived on Sept. 11.", "Crowds gathered at the port."],
    ),
    (
        "Martin Luther King Jr. spoke here. Thousands listened.",
        ["Martin Luther King Jr. spoke here.", "Thousands listened."],
    ),
    (
        "Clinton called the plan “a disgrace.” Trump disagreed.",
        ["Clinton called the plan “a disgrace.”", "Trump disagreed."],
    ),
    (
        "He wrote “the end is near.” and then deleted the post.",
        ["He wrote “the end is near.” and then deleted the post."],
    ),
    (
        "The population grew to 1.2 million. Housing did not keep up.",
        ["The population grew to 1.2 million.", "Housing did not keep up."],
    ),
    (
        "Gov. Terry McAuliffe (D) spoke first. Lt. Gov. Ralph Northam followed.",
        ["Gov. Terry McAuliffe (D) spoke first.", "Lt. Gov. Ralph Northam followed."],
    ),
    (
        "The U.S. and the U.K. signed the pact. Both leaders attended.",
        ["The U.S. and the U.K. signed the pact.", "Both leaders attended."],
    ),
    ("“I don’t know,” Ms. Lee said. “Maybe.”", ["“I don’t know,” Ms. Lee said.", "“Maybe.”"]),
    (
        "The company (formerly Widget Corp.) was sold. Its founder retired.",
        ["The company (formerly Widget Corp.) was sold.", "Its founder retired."],
    ),
    (
        "He cited p. 12 of the report. The page was missing.",
        ["He cited p. 12 of the report.", "The page was missing."],
    ),
    (
        "The court ruled 5-4, vs. the 6-3 split many expected.",
        ["The court ruled 5-4, vs. the 6-3 split many expected."],
    ),
    (
        "They sell chairs, tables, lamps, etc. The shop opens at noon.",
        ["They sell chairs, tables, lamps, etc.", "The shop opens at noon."],
    ),
    (
        "“Where is the money?” asked Sen. Elizabeth Warren. “Nobody knows.”",
        ["“Where is the money?” asked Sen. Elizabeth Warren.", "“Nobody knows.”"],
    ),
]


def factcheck_split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def make_pysbd():
    try:
        import pysbd
    except ImportError:
        return None
    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
    return lambda text: [s.strip() for s in seg.segment(text) if s.strip()]


def accuracy(name: str, split, failures: list[tuple[str, list[str], list[str]]]) -> int:
    right = 0
    for text, expected in CASES:
        got = [s.strip() for s in split(text) if s.strip()]
        if got == expected:
            right += 1
        else:
            failures.append((text, expected, got))
    return right


def speed_text() -> list[str]:
    path = REPO / "examples" / "harbour-ferry.txt"
    paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    out: list[str] = []
    words = 0
    while words < 50_000:
        for p in paragraphs:
            out.append(p)
            words += len(p.split())
    return out


def main() -> int:
    splitters = {"factcheck": factcheck_split}
    pysbd_split = make_pysbd()
    if pysbd_split is not None:
        splitters["pysbd"] = pysbd_split
    else:
        print("pysbd not installed: only factcheck is measured")
    paragraphs = speed_text()
    n_words = sum(len(p.split()) for p in paragraphs)
    print(f"{len(CASES)} hard cases; speed text: {len(paragraphs)} paragraphs, {n_words} words\n")
    results = {}
    for name, split in splitters.items():
        failures: list[tuple[str, list[str], list[str]]] = []
        right = accuracy(name, split, failures)
        t = time.perf_counter()
        n_sent = sum(len(split(p)) for p in paragraphs)
        elapsed = time.perf_counter() - t
        results[name] = (right, elapsed, n_sent, failures)
    print(
        f"{'splitter':10s} {'exact cases':>16s} {'time 50k words':>15s} "
        f"{'words/s':>10s} {'sentences':>10s}"
    )
    for name, (right, elapsed, n_sent, _) in results.items():
        print(
            f"{name:10s} {right:4d}/{len(CASES)} ({100 * right / len(CASES):5.1f}%) "
            f"{elapsed:13.3f} s {n_words / elapsed:10.0f} {n_sent:10d}"
        )
    for name, (_, _, _, failures) in results.items():
        print(f"\n{name} gets {len(failures)} wrong:")
        for text, expected, got in failures:
            print(f"  - {text}\n      expected {expected}\n      got      {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
