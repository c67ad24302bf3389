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
_STATISTIC = re.compile(
    r"\d\s?(?:%|per ?cent|percent)|[$€£¥]\s?\d|\b\d[\d,.]*\s?(?:million|billion|trillion|bn)\b|"
    r"\b(?:percent|per cent|percentage|rate|average|median|majority|minority|half|doubled|tripled|"
    r"halved|increase[ds]?|decrease[ds]?|rose|fell|risen|fallen|grew|dropped|declined)\b.*\d|"
    r"\d.*\b(?:percent|per cent|times|fold|people|jobs|deaths|cases|votes|dollars|tons|tonnes)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\b|\b(?:Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|last (?:week|month|year))\b"
)
_PREDICTION = re.compile(
    r"\b(?:will|won[’']t|shall|going to|expected to|expects? to|forecasts?|predicts?|projected|"
    r"plans? to|is set to|are set to|would likely|likely to|by 20\d\d|next (?:year|month|week))\b",
    re.IGNORECASE,
)
_CAUSAL = re.compile(
    r"\b(?:because|due to|caused|causes|causing|led to|leads to|leading to|as a result|"
    r"resulted in|results in|thanks to|therefore|prompting|prompted|owing to|blamed|"
    r"responsible for|contributed to|driven by|fuel(?:ed|led|s)?)\b",
    re.IGNORECASE,
)
_COMPARISON = re.compile(
    r"\b(?:more|less|fewer|greater|higher|lower|larger|smaller|bigger|better|worse|faster|slower)"
    r"\s+than\b|\b(?:compared (?:with|to)|than ever|the (?:most|least|largest|biggest|highest|"
    r"lowest|first|fastest|worst|best)|record|unprecedented|twice as|half as|as many as|"
    r"outnumber\w*|surpass\w*|overtook|overtaken)\b|\b\w+est\b(?= \w+ (?:in|since|ever))",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\b(?:said|says|told|according to|announced|stated|claimed|reported|confirmed|denied|"
    r"warned|argued|insisted)\b",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"\b(?:I|we) (?:think|believe|feel|hope|guess|suppose|love|hate|want|wish)\b|\bin my "
    r"(?:view|opinion)\b|\b(?:should|ought to|must)\b|\b(?:terrible|wonderful|great|amazing|"
    r"horrible|disgrace\w*|beautiful|fantastic|awful|incredible|tremendous|sad|shameful|"
    r"ridiculous|outrageous)\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:may|might|could|perhaps|possibly|probably|reportedly|allegedly|apparently|seems?|"
    r"appears?|suggests?|likely|unclear|rumou?red)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:I|I[’']m|I[’']ve|me|my|we[’']re|us)\b")
_PROPER_NOUN = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[\s-][A-Z][a-z]+)*")
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b|\bU\.[SNK]\.")
_EVENT = re.compile(
    r"\b(?:\w+ed|was|were|has been|had been|took place|happened|met|won|lost|signed|passed|"
    r"voted|killed|arrested|launched|held|began|ended|visited)\b"
)
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
    if _STATISTIC.search(text):
        features["statistic"] = 1.0
    if _DATE.search(text):
        features["date"] = 1.0
    entities = len(_PROPER_NOUN.findall(text)) + len(_ACRONYM.findall(text))
    if entities:
        features["named entity"] = min(entities, 4) / 2
    if has_quote:
        features["quote"] = 1.0
    if _COMPARISON.search(text):
        features["comparison"] = 1.0
    if _CAUSAL.search(text):
        features["causal"] = 1.0
    if _PREDICTION.search(text):
        features["prediction"] = 1.0
    if _REPORTED.search(text):
        features["reported speech"] = 1.0
    if _EVENT.search(text):
        features["event"] = 1.0
    if _OPINION.search(text):
        features["opinion"] = 1.0
    if _HEDGE.search(text):
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
