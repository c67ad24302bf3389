"""Speech and attribution verbs: the word list, its inflected forms, and a fast matcher.

News prose attributes quotations with a few hundred verbs ("said", "barked", "fired back",
"tweeted", "according to"). The list below is data: base forms only; ``_forms`` inflects
them (says / said / saying), with irregular forms written out. Only lower-case forms
match: "States" in "the United States" or "Reports" in a name is not a verb.

The matcher is one regular expression built as a trie of the forms, so that scanning a
long article costs the same whatever the number of verbs (a plain alternation of 900
words tries each one at every position).
"""

from __future__ import annotations

import re

# Base forms. Phrasal verbs (written with "_") inflect their first word ("fire_back" ->
# "fired back").
_BASE_VERBS = """
say tell add ask state note explain argue warn insist claim write tweet post announce declare
continue reply respond acknowledge admit recall suggest predict confirm deny vow pledge caution
urge call describe refer promise label dub brand term accuse stress emphasize emphasise observe
remark concede counter maintain contend agree report testify quip joke exclaim shout muse
summarize summarise conclude wonder answer boast complain lament liken compare exhort mock slam
blast praise criticize criticise attack hail dismiss react retort remember recount quote worry
fear hope believe think find read denounce retaliate demand snap laugh sigh speak
bark charge grouse echo yell scream holler interject lecture scold chide tease sing chant cheer
whisper mutter boom thunder roar cry plead beg protest object assure reassure remind inform
advise proclaim assert allege opine venture surmise speculate reason reckon elaborate clarify
confess confide disclose reveal email text message pen caption reiterate repeat rebut
gush enthuse marvel crow brag gripe grumble fume vent scoff sneer huff snipe taunt ridicule
deride lambaste rip skewer bash assail excoriate condemn decry rebuke chastise castigate
threaten recommend propose press implore appeal challenge question ponder reminisce comment
affirm reaffirm swear guarantee forecast estimate rule interrupt volunteer concur
rail rant grumble greet thank apologize apologise welcome congratulate blame
beam smile grin start tout riff indicate
go_on fire_back shoot_back hit_back push_back point_out chime_in weigh_in
lash_out sum_up spell_out cry_out speak_out put_it
""".split()

# Forms that the spelling rules below do not produce.
_IRREGULAR = {
    "say": "says said saying",
    "tell": "tells told telling",
    "write": "writes wrote writing",
    "think": "thinks thought thinking",
    "find": "finds found finding",
    "read": "reads read reading",
    "speak": "speaks spoke speaking",
    "sing": "sings sang singing",
    "swear": "swears swore swearing",
    "go": "goes went going",
    "shoot": "shoots shot shooting",
    "hit": "hits hit hitting",
    "forecast": "forecasts forecast forecasting",
    "quip": "quips quipped quipping",
    "snap": "snaps snapped snapping",
    "admit": "admits admitted admitting",
    "rebut": "rebuts rebutted rebutting",
    "refer": "refers referred referring",
    "label": "labels labelled labeled labelling labeling",
    "marvel": "marvels marvelled marveled marvelling marveling",
    "concur": "concurs concurred concurring",
    "rip": "rips ripped ripping",
    "snipe": "snipes sniped sniping",
    "dub": "dubs dubbed dubbing",
    "pen": "pens penned penning",
    "sum": "sums summed summing",
    "text": "texts texted texting",
    "slam": "slams slammed slamming",
    "put": "puts put putting",
    "grin": "grins grinned grinning",
    "beg": "begs begged begging",
}
# Base (plural present) forms are matched only for these: most other base forms are also
# common nouns ("a post", "the press", "an email") or open a first-person aside ("I think").
_BASE_FORM_OK = frozenset(
    "say tell argue insist warn agree contend acknowledge concede admit explain predict suggest "
    "describe accuse urge deny criticize criticise dismiss ask add call write"
    .split()
)
# Inflected forms that are mostly nouns or adjectives in news prose.
_NOT_VERBS = frozenset(
    """
    states texts messages questions charges appeals comments objects protests rules estimates
    estimated
    forecasts thanks cheers presses posts emails echoes cries booms thunders roars chants
    volunteers challenges attacks praises blasts blames hails welcomes pens sums
    """.split()
)
# Not a speech verb, but "according to X" attributes like one.
_EXTRA_FORMS = ("according",)
# Phrasal forms that mostly mean something else ("what is going on").
_NOT_PHRASES = frozenset({"go on", "going on", "goes on"})
# Forms that never have a subject of their own: "…, she said, adding …".
PARTICIPLE_SUFFIX = "ing"


def _regular_forms(base: str) -> list[str]:
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = base + "es"
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    if base.endswith("e"):
        past = base + "d"
        ing = base[:-1] + "ing" if not base.endswith("ee") else base + "ing"
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        past = base[:-1] + "ied"
        ing = base + "ing"
    else:
        past = base + "ed"
        ing = base + "ing"
    return [base, third, past, ing]


def _forms(entry: str) -> list[str]:
    words = entry.split("_")
    head, tail = words[0], words[1:]
    forms = _IRREGULAR[head].split() if head in _IRREGULAR else _regular_forms(head)[1:]
    if head in _BASE_FORM_OK or tail:
        forms.append(head)
    return [" ".join([form, *tail]) for form in forms if form not in _NOT_VERBS]


def _all_forms() -> frozenset[str]:
    forms: set[str] = set(_EXTRA_FORMS)
    for entry in _BASE_VERBS:
        forms.update(_forms(entry))
    return frozenset(forms - _NOT_PHRASES)


SPEECH_FORMS = _all_forms()


def _trie_pattern(words: frozenset[str]) -> str:
    """One regular expression matching exactly ``words``, factored as a trie."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


VERB_PATTERN = _trie_pattern(SPEECH_FORMS)
# A speech verb anywhere (word boundaries on both sides), and one starting exactly at a
# position (for ``re.match``).
VERB = re.compile(rf"\b{VERB_PATTERN}\b")
VERB_AT = re.compile(rf"{VERB_PATTERN}\b")


def is_participle(verb: str) -> bool:
    """"adding", "saying", "according": forms that never carry their own subject."""
    return verb.split()[0].endswith(PARTICIPLE_SUFFIX) or verb == "according"


# Verbs whose next noun phrase is their object, not an inverted subject: "told his
# supporters, “…”" and "called Trump “a loser”" name who was spoken to or about.
_TRANSITIVE = frozenset(
    """
    tell thank call urge accuse praise blast slam attack criticize criticise describe label dub
    brand term mock remind inform assure greet congratulate blame compare liken quote hail
    dismiss denounce challenge question lecture scold chide tease interrupt welcome rebuke
    chastise castigate threaten implore beg advise press lambaste excoriate assail deride
    ridicule skewer bash rip taunt
    """.split()
)
_TRANSITIVE_FORMS = frozenset(form for base in _TRANSITIVE for form in _forms(base))


def takes_object(verb: str) -> bool:
    """"told", "called", "thanked": the phrase after the verb is who was addressed.
    ("asked" is not: "“Why?” asked the boy" inverts; before a quotation the caller checks.)"""
    return verb in _TRANSITIVE_FORMS
