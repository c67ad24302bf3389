"""Claim types and check-worthiness.

Every sentence of the body is a claim candidate. Its ``kind`` says what sort of checking it
needs (a statistic is checked against data, a quote against the record of who said it...), and
its check-worthiness score in [0, 1] ranks the claims so the editor starts with the ones that
matter. The score is a sum of weighted features squashed by a logistic function; each feature
that fired is returned as a ``Reason`` so the editor can see why a claim ranks where it does.

The features are general properties of checkable statements (numbers, dates, named entities,
comparisons, causal language, quotes) and of uncheckable ones (questions, first-person opinion,
hedges, very short sentences). Their weights are in ``WEIGHTS``; ``bench/quality.py`` measures
the ranking on the CLEF 2019 CheckThat! corpus.
"""

from __future__ import annotations

import math
import re

from factcheck.analysis.model import Reason

_NUMBER = re.compile(
    r"(?<![\w.])(?:[$€£¥]\s?)?\d[\d,]*(?:\.\d+)?\s?(?:%|per ?cent|percent|million|billion|"
    r"trillion|bn|m\b|k\b)?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|"
    r"billions|dozen|dozens|half|third|quarter)\b",
    re.IGNORECASE,
)
# A figure with a unit is a statistic on its own; a bare number needs a statistical word.
_STATISTIC_UNIT = re.compile(
    r"\d\s?(?:%|per ?cent|percent)|[$€£¥]\s?\d|\b\d[\d,.]*\s?(?:million|billion|trillion|bn)\b",
    re.IGNORECASE,
)
_STATISTIC_WORD = re.compile(
    r"\b(?:percent|per cent|percentage|rate|average|median|majority|minority|half|doubled|"
    r"tripled|halved|increase[ds]?|decrease[ds]?|rose|fell|risen|fallen|grew|dropped|declined|"
    r"times|fold|people|jobs|deaths|cases|votes|dollars|tons|tonnes)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_DATE = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\b|\b(?:Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|last (?:week|month|year))\b"
)
# Cue words and phrases (of at most three words), looked up in the set of the sentence's
# words, word pairs and triples: far faster than one big alternation regex per sentence
# (measured: 5x on the 50,000-word benchmark).
def _cues(words: str, phrases: str = "") -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(words.split()), frozenset(p.strip() for p in phrases.split("|") if p.strip())


_PREDICTION = _cues(
    "will shall forecast forecasts predict predicts projected",
    "won’t|won't|going to|expected to|expect to|expects to|plans to|plan to|is set to|"
    "are set to|likely to|next year|next month|next week|by 2025|by 2030|by 2050",
)
_CAUSAL = _cues(
    "because caused causes causing therefore prompting prompted blamed fueled fuelled fuels "
    "fuel",
    "due to|led to|leads to|leading to|as a result|resulted in|results in|thanks to|owing to|"
    "responsible for|contributed to|driven by",
)
_COMPARISON = _cues(
    "record unprecedented outnumbered outnumber surpassed surpass surpasses overtook overtaken",
    "more than|less than|fewer than|greater than|higher than|lower than|larger than|"
    "smaller than|bigger than|better than|worse than|faster than|slower than|compared with|"
    "compared to|than ever|the most|the least|the largest|the biggest|the highest|the lowest|"
    "the first|the fastest|the worst|the best|twice as|half as|as many as",
)
_REPORTED = _cues(
    "said says told announced stated claimed reported confirmed denied warned argued insisted",
    "according to",
)
_OPINION = _cues(
    "should must terrible wonderful great amazing horrible disgrace disgraceful beautiful "
    "fantastic awful incredible tremendous sad shameful ridiculous outrageous",
    "i think|we think|i believe|we believe|i feel|we feel|i hope|we hope|i guess|i suppose|"
    "i love|i hate|i want|we want|i wish|in my view|in my opinion|ought to",
)
_HEDGE = _cues(
    "may might could perhaps possibly probably reportedly allegedly apparently seem seems "
    "appear appears suggest suggests likely unclear rumored rumoured"
)
_EVENT = _cues(
    "was were met won lost signed passed voted killed arrested launched held began ended "
    "visited happened",
    "has been|had been|took place",
)
_LOWER_WORD = re.compile(r"[a-z0-9’']+")


def _has(cues: tuple[frozenset[str], frozenset[str]], grams: set[str]) -> bool:
    single, phrases = cues
    return not single.isdisjoint(grams) or not grams.isdisjoint(phrases)


def _grams(lowered: str) -> set[str]:
    """The words of a sentence with its word pairs and triples, for cue lookup by set."""
    words = _LOWER_WORD.findall(lowered)
    grams = set(words)
    grams.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    grams.update(f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:]))
    return grams


_FIRST_PERSON = re.compile(r"\b(?:I|I[’']m|I[’']ve|me|my|we[’']re|us)\b")
_PROPER_NOUN = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[\s-][A-Z][a-z]+)*")
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b|\bU\.[SNK]\.")
_WORD = re.compile(r"\w+")

# Feature weights for the logistic score (bias first). Positive: more worth checking.
WEIGHTS: dict[str, float] = {
    "bias": -1.6,
    "number": 1.0,
    "statistic": 1.1,
    "date": 0.45,
    "named entity": 0.35,
    "quote": 0.5,
    "comparison": 0.8,
    "causal": 0.55,
    "prediction": 0.15,
    "reported speech": 0.2,
    "event": 0.35,
    "opinion": -0.7,
    "hedge": -0.35,
    "first person": -0.3,
    "question": -1.6,
    "short": -1.3,
    "long": 0.3,
}


def classify(text: str, has_quote: bool, quote_share: float) -> tuple[str, list[Reason], float]:
    """Kind, reasons and check-worthiness score of one sentence.

    Args:
        text: the sentence.
        has_quote: whether it contains a direct quotation.
        quote_share: the share of the sentence's characters inside quotation marks.
    """
    features: dict[str, float] = {}
    words = len(_WORD.findall(text))
    stripped = text.rstrip("”\"’' )")
    is_question = stripped.endswith("?")
    numbers = [m for m in _NUMBER.finditer(text) if not _is_year_only(m.group())]
    if numbers:
        features["number"] = min(len(numbers), 3) / 2 + 0.5 * 0
    if _STATISTIC_UNIT.search(text) or (
        numbers and _DIGIT.search(text) and _STATISTIC_WORD.search(text)
    ):
        features["statistic"] = 1.0
    if _DATE.search(text):
        features["date"] = 1.0
    entities = len(_PROPER_NOUN.findall(text)) + len(_ACRONYM.findall(text))
    if entities:
        features["named entity"] = min(entities, 4) / 2
    if has_quote:
        features["quote"] = 1.0
    lowered = text.lower()
    words_set = _grams(lowered)
    if _has(_COMPARISON, words_set):
        features["comparison"] = 1.0
    if _has(_CAUSAL, words_set):
        features["causal"] = 1.0
    if _has(_PREDICTION, words_set):
        features["prediction"] = 1.0
    if _has(_REPORTED, words_set):
        features["reported speech"] = 1.0
    if _has(_EVENT, words_set) or any(w.endswith("ed") and " " not in w for w in words_set):
        features["event"] = 1.0
    if _has(_OPINION, words_set):
        features["opinion"] = 1.0
    if _has(_HEDGE, words_set):
        features["hedge"] = 1.0
    if _FIRST_PERSON.search(text):
        features["first person"] = 1.0
    if is_question:
        features["question"] = 1.0
    if words < 6:
        features["short"] = 1.0
    elif words > 25:
        features["long"] = 1.0

    score = WEIGHTS["bias"] + sum(WEIGHTS[name] * value for name, value in features.items())
    checkworthy = 1.0 / (1.0 + math.exp(-score))
    reasons = [
        Reason(name, round(WEIGHTS[name] * value, 3))
        for name, value in sorted(features.items(), key=lambda kv: -abs(WEIGHTS[kv[0]] * kv[1]))
    ]
    kind = _kind(features, is_question, has_quote, quote_share)
    return kind, reasons, checkworthy


def _is_year_only(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and token[:2] in ("19", "20")


def _kind(features: dict[str, float], is_question: bool, has_quote: bool, share: float) -> str:
    if is_question and not has_quote:
        return "question"
    if has_quote and share >= 0.5:
        return "quote"
    if "statistic" in features:
        return "statistic"
    if "causal" in features:
        return "causal"
    if "comparison" in features:
        return "comparison"
    if "prediction" in features:
        return "prediction"
    if has_quote or "reported speech" in features:
        return "attribution"
    if "opinion" in features or ("first person" in features and "number" not in features):
        return "opinion"
    return "event"
