"""Sentence splitting on the hard cases of news prose."""

from __future__ import annotations

import pytest

from factcheck.analysis.sentences import split_sentences

CASES = [
    ("The U.S. Army said 40 troops left. The U.N. agreed.",
     ["The U.S. Army said 40 troops left.", "The U.N. agreed."]),
    ("He moved to the U.S. The move was sudden.",
     ["He moved to the U.S.", "The move was sudden."]),
    ("Mr. Smith met Dr. Jones and Gen. Milley on Jan. 6 at 9 a.m. in Washington.",
     ["Mr. Smith met Dr. Jones and Gen. Milley on Jan. 6 at 9 a.m. in Washington."]),
    ("The budget is $3.5 billion. It grew 4.2% last year.",
     ["The budget is $3.5 billion.", "It grew 4.2% last year."]),
    ("John F. Kennedy was elected in 1960. He was 43.",
     ["John F. Kennedy was elected in 1960.", "He was 43."]),
    ("“We will go. We will win,” he said. Then he left.",
     ["“We will go. We will win,” he said.", "Then he left."]),
    ("“Is it over?” she asked. Nobody answered.",
     ["“Is it over?” she asked.", "Nobody answered."]),
    ("The meeting ended at 5 p.m. Officials left soon after.",
     ["The meeting ended at 5 p.m.", "Officials left soon after."]),
    ("He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
    ("It was... unusual, he said.", ["It was... unusual, he said."]),
    ("Apple Inc. reported results. The shares rose.",
     ["Apple Inc. reported results.", "The shares rose."]),
    ("Downing Street said No. 10 was closed. Staff went home.",
     ["Downing Street said No. 10 was closed.", "Staff went home."]),
    ("Ms. Lee won! The crowd cheered.", ["Ms. Lee won!", "The crowd cheered."]),
    ("She said it was “a disgrace”. Others disagreed.",
     ["She said it was “a disgrace”.", "Others disagreed."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_hard_cases(text, expected):
    assert [text[a:b] for a, b in split_sentences(text)] == expected


def test_offsets_with_base():
    text = "xx First one. Second one. yy"
    spans = split_sentences(text, 3, 25)
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one."]
