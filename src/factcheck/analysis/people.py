"""Noun phrases that name a speaker: people, organisations and anonymous sources.

Used by the attribution code to read the words around a speech verb:

* ``US State Department spokesperson Jen Psaki`` -> name "Jen Psaki", title
  "US State Department spokesperson";
* ``Leif-Eric Easley, associate professor of international studies at Ewha Womans University``
  -> name, and title from the appositive;
* ``a senior administration official`` -> an anonymous source;
* ``he`` / ``she`` -> a pronoun, resolved later against the people already introduced.

The word lists are data: extend them rather than adding special cases to the code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Nouns that make a phrase a title or a role ("spokesperson", "professor").
TITLE_WORDS = frozenset(
    """
    president vice-president prime premier minister secretary spokesperson spokesman spokeswoman
    spokespeople press leader chairman chairwoman chair chairperson director governor mayor senator
    sen. rep. representative congressman congresswoman lawmaker legislator ambassador envoy
    general gen. admiral colonel commander chief ceo cfo coo cto founder co-founder executive
    president-elect king queen prince princess emperor pope bishop archbishop cardinal professor
    prof. lecturer researcher fellow scientist economist analyst strategist adviser advisor
    counsel attorney lawyer judge justice prosecutor sheriff commissioner inspector officer
    official head manager editor correspondent reporter columnist author spokesperson coach
    doctor physician narrator host anchor historian writer nominee governor-elect
    captain player candidate nominee deputy assistant aide undersecretary under-secretary
    superintendent administrator dean provost chancellor treasurer auditor comptroller
    pollster organizer organiser activist campaigner consultant partner principal president
    mp mep dr. dr mr. mrs. ms. mr mrs ms sergeant lieutenant major detective trooper agent
    speaker whip councillor councilor councilman councilwoman councilmember alderman alderwoman
    assemblyman assemblywoman assemblymember delegate
    """.split()
)
# Words that make a capitalised phrase an organisation or place rather than a person.
ORGANISATION_WORDS = frozenset(
    """
    department ministry house office agency bureau council committee commission party government
    administration university college institute school police army navy force forces court
    congress senate parliament assembly union association federation company corporation inc
    corp group bank fund service services news times post journal network media kcna reuters
    afp ap bbc cnn nbc abc cbs fox msnbc campaign embassy foundation center centre organization
    organisation board authority authorities korea states china russia america washington
    pyongyang beijing moscow kremlin pentagon nato un eu who white state press
    twitter facebook instagram youtube tiktok snapchat reddit linkedin
    """.split()
)
PRONOUNS = {"he": "m", "she": "f", "they": None, "it": None, "we": None, "i": None}
# Lower-case nouns that can head an anonymous source phrase.
ANONYMOUS_HEADS = frozenset(
    """
    official officials source sources person people aide aides diplomat diplomats insider
    insiders spokesperson spokesman spokeswoman analyst analysts expert experts observer
    observers witness witnesses resident residents member members staffer staffers employee
    employees worker workers officer officers critic critics supporter supporters adviser
    advisers advisor advisors lawmaker lawmakers someone somebody
    """.split()
)
# Lower-case nouns that head a document quoted as a source ("a Clinton campaign ad says",
# "the order released Friday said"): not an anonymous person, and not a name.
DOCUMENT_HEADS = frozenset(
    """
    ad ads commercial spot video letter memo filing brief editorial op-ed column article
    tweet release statement statements report reports poll survey study analysis complaint
    lawsuit ruling order platform website transcript document documents email emails message
    post readout excerpts account book headline sign banner page site blog feed response
    reply answer comments remarks words suit indictment motion
    """.split()
)
# Lower-case nouns for an organisation described, not named ("the company said", "the
# ministry said in a statement"): resolved to the organisation of that kind named earlier.
ORGANISATION_HEADS = frozenset(
    """
    company firm agency ministry department government administration council committee board
    court police union group office authority commission party embassy bureau operator
    utility airline bank fund foundation institute university school hospital newspaper
    network channel station club league association federation coalition alliance
    organization organisation
    """.split()
)
# Lower-case nouns for an identifiable person or group described, not named ("the New York
# businessman said", "Scott's family said"), beside the title words.
ROLE_HEADS = frozenset(
    """
    businessman businesswoman billionaire mogul tycoon magnate entrepreneur frontrunner
    front-runner hopeful contender challenger incumbent actor actress singer rapper comedian
    musician filmmaker producer pastor rabbi imam priest reverend student teacher nurse
    surgeon neurosurgeon owner mother father son daughter wife husband niece nephew
    grandmother grandfather widow family campaign team camp staff commuter rider passenger
    voter parent shopper driver farmer veteran retiree neighbour neighbor fisherman builder
    plumber electrician mechanic engineer accountant architect chef waiter waitress cleaner
    carer caregiver baker shopkeeper trader vendor clerk cashier miner pilot sailor soldier
    firefighter paramedic pharmacist pensioner homeowner tenant landlord
    """.split()
)
NAME_PARTICLES = frozenset("de del della der di da du van von bin ibn al el la le st. st".split())
# Capitalised words that start a sentence or clause but are never part of a name.
NAME_STOP = frozenset(
    """
    the a an in on at but and or as if when while after before since for from by with prior to
    this that these those last next during under over about then yet so also however meanwhile
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today yesterday earlier later
    neither nor although though whether because unless until even both only while where
    specifically moreover likewise indeed immediately hastily additionally finally instead
    similarly furthermore nonetheless nevertheless ultimately clearly notably separately
    currently recently previously initially eventually apparently reportedly
    what why how who whom whose which there here not no yes
    his her their its my our your
    """.split()
)
# Heads of a speaker described rather than named: a role, a document, an organisation.
DESCRIBED_HEADS = ROLE_HEADS | DOCUMENT_HEADS | ORGANISATION_HEADS
# First words of an organisation's name that runs on across "of"/"and" ("Bank of England").
_ORGANISATION_OPENERS = ORGANISATION_WORDS | ORGANISATION_HEADS
# US states and their AP abbreviations, for "Salem, New Hampshire," and "(D-Calif.)".
US_STATES = frozenset(
    word.replace("_", " ")
    for word in """
    Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia
    Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts
    Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada New_Hampshire New_Jersey
    New_Mexico New_York North_Carolina North_Dakota Ohio Oklahoma Oregon Pennsylvania
    Rhode_Island South_Carolina South_Dakota Tennessee Texas Utah Vermont Virginia Washington
    West_Virginia Wisconsin Wyoming D.C. Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill.
    Ind. Kan. Ky. La. Md. Mass. Mich. Minn. Miss. Mo. Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C.
    N.D. Okla. Ore. Pa. R.I. S.C. S.D. Tenn. Vt. Va. Wash. W.Va. Wis. Wyo.
    """.split()
)
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady".split())

_TOKEN = re.compile(r"[^\s,;:()“”\"‘]+")
_CAPITALISED = re.compile(r"^[A-Z][\w'’.\-]*$|^[A-Z]{2,}$|^[A-Z]\.$")


@dataclass(slots=True)
class NounPhrase:
    """A speaker phrase found in the text.

    ``name``/``title`` are substrings of the text; ``*_start``/``*_end`` are their offsets.
    ``kind`` is "person", "organisation", "pronoun" or "anonymous".
    """

    kind: str
    name: str
    name_start: int
    name_end: int
    title: str | None = None
    title_start: int | None = None
    title_end: int | None = None


def is_capitalised(token: str) -> bool:
    return bool(_CAPITALISED.match(token))


def is_title_token(token: str) -> bool:
    return token.lower().strip(".,") in TITLE_WORDS or token.lower() in TITLE_WORDS


def looks_like_organisation(name: str) -> bool:
    words = [w.lower().strip(".’'") for w in name.split()]
    return any(w in ORGANISATION_WORDS for w in words) or (len(words) == 1 and name.isupper())


def tokens_before(text: str, end: int, limit: int = 12) -> list[tuple[int, int]]:
    """Spans of up to ``limit`` tokens that end at or before ``end``, nearest last, stopping
    at punctuation that ends a clause."""
    spans: list[tuple[int, int]] = []
    i = end
    while len(spans) < limit:
        j = i
        while j > 0 and text[j - 1] == " ":
            j -= 1
        if j == 0 or text[j - 1] in ",;:()“”\"‘’.!?\n—–" and not (
            text[j - 1] == "." and j >= 2 and text[j - 2].isalpha() and _is_abbrev_end(text, j - 1)
        ):
            break
        k = j
        while k > 0 and text[k - 1] not in " ,;:()“”\"‘\n—–":
            k -= 1
        if k == j:
            break
        spans.append((k, j))
        i = k
    spans.reverse()
    return spans


def _is_abbrev_end(text: str, dot: int) -> bool:
    k = dot
    while k > 0 and text[k - 1] not in " \n":
        k -= 1
    word = text[k : dot + 1].lower()
    if len(word) == 2 and word[0].isalpha() and text[k].isupper():
        return True  # a middle initial: "Gregory T. Angelo"
    return word in HONORIFICS or word in ("sen.", "rep.", "gen.", "gov.", "st.", "jr.", "sr.") or (
        len(word) <= 4 and word.count(".") >= 2
    )


_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|which)\b[^,“”\"]{0,120},\s*(?:also\s+|later\s+)?$")


_PARENTHETICAL = re.compile(r"\s*\([^()]{1,24}\)\s*(?:also\s+|later\s+)?$")
_ASIDE = re.compile(
    r",\s*(?:meanwhile|however|too|though|also|instead|likewise|in particular|in turn|"
    r"in response|for (?:his|her|their|its) part|"
    r"on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"in a statement|in an interview|in an email|in a tweet|in a letter),\s*$"
)
_TRAILING_COMMA = re.compile(r",\s*(?:also\s+|later\s+)?$")


# A capitalised subject and a finite verb: "Trump went after Bush" is a clause, not an
# appositive such as "R-Texas" or "Florida’s former governor".
_CLAUSE = re.compile(
    r"[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3}\s+"
    r"(?:[a-z]+ed|went|was|is|has|had|says|said|did|made|took|gave|got|came|will|would)\b"
)


def _appositive_before(text: str, floor: int, end: int) -> NounPhrase | None:
    """"Scott Pruitt, the Republican attorney general of Oklahoma, said" / "Vann R. Newkirk
    II, a writer for The Atlantic, said": a name followed by one or two comma-separated
    descriptions, then the verb. The first description becomes the title."""
    if not _TRAILING_COMMA.search(text, floor, end):
        return None
    comma = text.rfind(",", floor, end)
    previous = text.rfind(",", floor, comma)
    if previous >= 0:
        # "her senior policy adviser, Jake Sullivan, said": the name between the commas.
        named = phrase_before(text, comma, floor=previous + 1)
        if named is not None and named.kind == "person" and len(named.name.split()) >= 2:
            if named.name_start - previous <= 3:
                if named.title is None:
                    # "The Prime Minister, Rishi Sunak, told": the role before the name.
                    role = phrase_before(text, previous, floor)
                    if role is not None and (
                        role.kind == "description"
                        or (role.kind == "person" and any(map(is_title_token, role.name.split())))
                    ):
                        begin = min(role.name_start, role.title_start or role.name_start)
                        title = re.sub(
                            r"^(?:the|a|an|his|her|their|its)\s+", "",
                            text[begin : role.name_end], flags=re.IGNORECASE,
                        )
                        named.title = title
                        named.title_end = role.name_end
                        named.title_start = role.name_end - len(title)
                return named
    # Up to two more commas back: the appositive(s) between the name and the verb.
    bounds = [comma]
    for _ in range(2):
        previous = text.rfind(",", floor, bounds[-1])
        if previous < 0 or bounds[-1] - previous > 160 or "\n" in text[previous:bounds[-1]]:
            break
        bounds.append(previous)
        phrase = phrase_before(text, previous, floor)
        first = text[previous + 1 : bounds[-2]].strip()
        words = first.split()
        # A one-word name ("Graham", "China") only before a plain description: "the ...",
        # "a ...", "Pyongyang’s only ally", "58".
        described = bool(words) and (
            words[0].lower() in ("the", "a", "an")
            or words[0].endswith(("’s", "'s"))
            or words[0].isdigit()
            # "Lapp, executive director of the Harbour Trust, said": a role in lower case.
            or (words[0].islower() and any(is_title_token(w) for w in words[:4]))
            # "Durbin (D-Ill.), noting the size of ..., said", "Moore, both Republicans, said"
            or (words[0].islower() and words[0].endswith("ing"))
            or words[0] in ("both", "each", "all")
        )
        # "The minister, speaking to reporters, said": a described speaker too.
        kinds = ("person", "organisation", "description") if described else ("person",)
        if phrase is not None and phrase.kind in kinds and (
            (phrase.kind == "person" and len(phrase.name.split()) >= 2) or described
        ):
            if _CLAUSE.match(first):
                # "in Salem, New Hampshire, Trump went after Bush, calling": a clause with
                # its own subject, not a description of the name before it.
                return None
            if phrase.kind != "description":
                # "Tom Reid, 38, a fisherman, said": the first description that names a role.
                for a, b in zip(bounds[-1:0:-1], bounds[-2::-1], strict=False):
                    if _set_title(text, phrase, a + 1, b):
                        break
            return phrase
    return None


def _set_title(text: str, phrase: NounPhrase, start: int, end: int) -> bool:
    """Make ``text[start:end]`` (an appositive, "a public health expert at Eastpoint
    University") the phrase's title if it names a role; say whether it did."""
    first = text[start:end].strip()
    words = first.split()
    if not words or not (
        any(is_title_token(w) or _is_head(w.lower().strip(".,")) for w in words[:8])
        or is_role_phrase(words)
    ):
        return False
    lead = re.match(r"(?:the|a|an)\s+", first, re.IGNORECASE)
    title = first[lead.end() :] if lead else first
    begin = text.find(title, start)
    phrase.title = title
    phrase.title_start, phrase.title_end = begin, begin + len(title)
    return True


def phrase_before(text: str, end: int, floor: int = 0) -> NounPhrase | None:
    """The speaker phrase that ends right before ``end`` (the start of a speech verb).

    Skips auxiliaries and adverbs ("has also said") and a relative pronoun ("Korea, which
    said"), then reads a name with an optional preposed title, a pronoun, or an anonymous
    phrase ("a senior official").
    """
    clause = _RELATIVE_CLAUSE.search(text, floor, end)
    if clause and clause.start() > floor:
        # "Tom Okafor, who chairs the finance committee, said": skip the relative clause.
        return phrase_before(text, clause.start(), floor)
    aside = _ASIDE.search(text, floor, end)
    if aside and aside.start() > floor:
        # "Hunter, meanwhile, told": an aside between the subject and its verb.
        return phrase_before(text, aside.start(), floor)
    party = _PARENTHETICAL.search(text, floor, end)
    if party and party.start() > floor:
        # "Rep. Gwen Moore (D-Wis.) said": the party and state are not part of the name.
        return phrase_before(text, party.start(), floor)
    appositive = _appositive_before(text, floor, end)
    if appositive is not None:
        return appositive
    spans = [s for s in tokens_before(text, end) if s[0] >= floor]
    # Drop auxiliaries/adverbs between the subject and the verb.
    while spans and (
        _is_skippable(text[spans[-1][0] : spans[-1][1]])
        or _is_adverb(text[spans[-1][0] : spans[-1][1]])
    ):
        spans.pop()
    reduced = _reduced_relative(text, spans)
    if reduced is not None:
        return reduced
    if spans and text[spans[-1][0] : spans[-1][1]].lower() in ("who", "which", "that"):
        # "North Korea, which said" / "Easley, who said": the subject is before the comma.
        rel_start = spans[-1][0]
        k = rel_start
        while k > floor and text[k - 1] in " ,":
            k -= 1
        return phrase_before(text, k, floor) if k < rel_start else None
    if not spans:
        return None
    last = text[spans[-1][0] : spans[-1][1]]
    if last.lower() in PRONOUNS and len(spans) >= 1:
        return NounPhrase("pronoun", last, spans[-1][0], spans[-1][1])
    return _read_name_phrase(text, spans)


def _name_of_organisation(
    text: str, spans: list[tuple[int, int]], words: list[str]
) -> NounPhrase | None:
    """"Jeffrey Lewis of the James Martin Center for Nonproliferation Studies": a person's
    name, then "of"/"at" and the organisation, which becomes the title."""
    for k, word in enumerate(words):
        if word not in ("of", "at", "from") or k < 2 or k + 1 >= len(words):
            continue
        tail = words[k + 1 :]
        if tail[0] == "the":
            tail = tail[1:]
        joined = ("of", "for", "and", "the", "&")
        if not tail or not all(is_capitalised(w) or w in joined for w in tail):
            return None
        if not looks_like_organisation(" ".join(tail)) or not is_capitalised(tail[-1]):
            return None
        j = k
        while j > 0 and is_capitalised(words[j - 1]) and k - j < 3:
            j -= 1
        name_words = words[j:k]
        if len(name_words) < 2 or (j > 0 and is_capitalised(words[j - 1])):
            return None
        if any(is_title_token(w) or w.lower() in NAME_STOP for w in name_words):
            return None
        if looks_like_organisation(" ".join(name_words)):
            return None
        phrase = NounPhrase("person", " ".join(name_words), spans[j][0], spans[k - 1][1])
        phrase.title = text[spans[k][0] : spans[-1][1]]
        phrase.title_start, phrase.title_end = spans[k][0], spans[-1][1]
        return phrase
    return None


def _reduced_relative(text: str, spans: list[tuple[int, int]]) -> NounPhrase | None:
    """"the order released Friday said", "a letter from the Legion obtained by The Associated
    Press warns": a past participle after the source's head noun belongs to the source, and
    the words after it are not the speaker."""
    for k in range(len(spans) - 1, max(0, len(spans) - 6), -1):
        word = text[spans[k][0] : spans[k][1]]
        if not (word.islower() and word.endswith("ed") and len(word) > 4):
            continue
        before = text[spans[k - 1][0] : spans[k - 1][1]]
        if not (_is_head(before.lower().strip(".")) or is_capitalised(before)):
            return None
        phrase = _read_name_phrase(text, spans[:k])
        if phrase is not None and phrase.kind in ("document", "anonymous", "description"):
            return phrase
        return None
    return None


# Words that open a capitalised run before a name but describe the person ("House
# Republican Thomas Massie", "Democrat Joe Manchin").
TITLE_OPENERS = ORGANISATION_WORDS | frozenset(
    "republican republicans democrat democratic democrats gop independent libertarian "
    "conservative liberal progressive".split()
)


def _ends_person_name(words: list[str]) -> bool:
    """Do ``words`` end with a two-word personal name ("Phil Berger")?"""
    if len(words) < 2:
        return False
    last_two = words[-2:]
    return all(is_capitalised(w) and not is_title_token(w) for w in last_two) and not (
        looks_like_organisation(" ".join(last_two))
    )


def _is_skippable(word: str) -> bool:
    """Auxiliaries, adverbs and times between a subject and its verb ("has also", "on
    Monday"); in lower case, except the names of days ("Will wrote" is a person)."""
    lower = word.lower()
    return lower in _SKIPPABLE and (word.islower() or lower in _DAY_NAMES)


_DAY_NAMES = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def _is_adverb(word: str) -> bool:
    """"forcefully", "repeatedly": lower-case -ly words between a subject and its verb."""
    return (
        len(word) > 4 and word.endswith("ly") and word.islower() and word not in ("only", "early")
    )


_JOINERS = frozenset({"of", "and", "for", "&"})


def _organisation_start(words: list[str], i: int) -> int:
    """Where a name ending at the last word starts when it continues an organisation's
    name across "of"/"and": "the Bank of England", "the Department of Health and Human
    Services" (not "Secretary of State Antony Blinken": a title, not an organisation)."""
    if i < 2 or i >= len(words) or words[i - 1] not in _JOINERS:
        return i
    k = i
    while k > 0 and (is_capitalised(words[k - 1]) or words[k - 1] in _JOINERS):
        if is_title_token(words[k - 1]) or words[k - 1].lower() in NAME_STOP - _JOINERS:
            return i
        k -= 1
    while k < i and words[k] in _JOINERS:
        k += 1
    run = words[k:]
    if k < i and run[0].lower().strip(".") in _ORGANISATION_OPENERS:
        return k
    return i


def _read_name_phrase(text: str, spans: list[tuple[int, int]]) -> NounPhrase | None:
    words = [text[a:b] for a, b in spans]
    named = _name_of_organisation(text, spans, words)
    if named is not None:
        return named
    # The name: trailing capitalised tokens (particles allowed inside).
    i = len(words)
    while i > 0 and words[i - 1].lower() not in NAME_STOP and (
        is_capitalised(words[i - 1])
        or (words[i - 1].lower() in NAME_PARTICLES and i < len(words) and i - 1 > 0)
    ):
        if is_title_token(words[i - 1]) and i < len(words):
            break
        if words[i - 1].endswith(("’s", "'s")) and i < len(words):
            break  # "the Zionist Union Party’s Nachman Shai": the possessive is the title
            # ("Here’s Clinton" stops too: "here" is a clause word)
        i -= 1
    i = _organisation_start(words, i)
    name_words = words[i:]
    if not name_words:
        return _anonymous_phrase(text, spans)
    # A title word at the start of the capitalised run ("President Joe Biden").
    while name_words and is_title_token(name_words[0]) and len(name_words) > 1:
        i += 1
        name_words = words[i:]
    # Honorifics are not part of the name ("Mr. Trump" -> "Trump").
    while name_words and name_words[0].lower() in HONORIFICS and len(name_words) > 1:
        i += 1
        name_words = words[i:]
    # "Speaker of the House Paul Ryan": an organisation word opening a three-word run
    # belongs to the title.
    shifted = i
    while (
        len(name_words) > 2
        and name_words[0].lower().strip(".’'") in TITLE_OPENERS
        and not looks_like_organisation(" ".join(name_words[1:]))
        and not any(w in _JOINERS for w in name_words)  # "Bank of England" is one name
    ):
        i += 1
        name_words = words[i:]
    # Long capitalised runs: "Secretary of State Antony Blinken" -> keep the last two words
    # after a title word as the name, the rest as the title.
    if len(name_words) > 3 and not looks_like_organisation(" ".join(name_words)):
        i = len(words) - 2
        name_words = words[i:]
    # Possessives are not speakers ("Biden’s spokesperson said").
    if name_words[-1].endswith(("’s", "'s")):
        return _anonymous_phrase(text, spans)
    if len(name_words) > 1 and all(w.isupper() and len(w) > 3 for w in name_words):
        return None  # a heading in capitals ("QUESTIONABLE MEDICAL"), not a name
    name_start, name_end = spans[i][0], spans[-1][1]
    name = text[name_start:name_end].rstrip(".")
    name_end = name_start + len(name)
    kind = "organisation" if looks_like_organisation(name) else "person"
    if name.lower() in ("the", "a", "an", "but", "and", "in", "on", "at", "as", "this", "that"):
        return None
    phrase = NounPhrase(kind, name, name_start, name_end)
    # The title: the words before the name, back to a determiner or a lower-case non-title word.
    j = i
    while j > 0:
        word = words[j - 1]
        lower = word.lower()
        if lower in ("the", "a", "an", "former", "acting", "then", "deputy", "ex-"):
            if lower in ("former", "acting", "deputy") or lower.startswith("then"):
                j -= 1
            break
        if lower in HONORIFICS:
            break  # "Mr Starmer": a form of address, not a title
        if lower in NAME_STOP and lower not in ("of", "for", "and"):
            break  # "But Sen. Durbin": a clause word, not part of the title
        if lower in ("and", "&") and j >= 2 and _ends_person_name(words[: j - 1]):
            break  # "leader Phil Berger and House Speaker Tim Moore": another person
        if is_capitalised(word) or is_title_token(word) or lower in ("of", "for", "and", "&"):
            j -= 1
            continue
        if "-" in word or lower.endswith(("al", "an", "ese", "ish", "ic")) and j < i:
            # adjectives inside a title: "state media outlet", "associate", "senior"
            j -= 1
            continue
        if lower in _TITLE_MODIFIERS:
            j -= 1
            continue
        break
    title_words = words[j:i]
    # A title must contain a title word or at least describe a role.
    while title_words and title_words[0].lower() in ("of", "for", "and", "&"):
        j += 1
        title_words = words[j:i]
    if title_words and (
        any(is_title_token(w) for w in title_words)
        or is_role_phrase(title_words)
        or i > shifted  # "House Republican Thomas Massie"
    ):
        t_start, t_end = spans[j][0], spans[i - 1][1]
        phrase.title = text[t_start:t_end]
        phrase.title_start, phrase.title_end = t_start, t_end
    return phrase


_TITLE_MODIFIERS = frozenset(
    "senior junior chief deputy acting former associate assistant executive general managing "
    "state media outlet news agency foreign defence defense finance interior justice health "
    "press national international regional local top communications political economic "
    "military security intelligence trade legal policy public affairs radio television tv "
    "talk-show".split()
)
_ROLE_NOUNS = frozenset("outlet agency media broadcaster newspaper network spokesperson".split())
_SKIPPABLE = frozenset(
    "also has have had was is were are would will could may might later then previously "
    "recently reportedly earlier once repeatedly publicly privately separately further "
    "again quickly had've just already ultimately initially subsequently has since "
    "on monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "morning afternoon evening night".split()
)


def is_role_phrase(words: list[str]) -> bool:
    return any(w.lower() in _ROLE_NOUNS for w in words)


def _anonymous_phrase(text: str, spans: list[tuple[int, int]]) -> NounPhrase | None:
    """A lower-case source phrase such as "a senior administration official" or "sources"."""
    if not spans:
        return None
    head = text[spans[-1][0] : spans[-1][1]]
    head_lower = head.lower().strip(".")
    if not _is_head(head_lower):
        # "a narrator in the Clinton ad", "a spokesman for the agency": the head comes
        # before a prepositional phrase.
        for k in range(len(spans) - 2, max(0, len(spans) - 7), -1):
            word = text[spans[k][0] : spans[k][1]].lower()
            if word in _POSTMODIFIER_PREPOSITIONS and k > 0:
                inner = text[spans[k - 1][0] : spans[k - 1][1]].lower().strip(".")
                after = [text[a:b].lower() for a, b in spans[k + 1 :]]
                if any(
                    (w in NAME_STOP and w not in ("the", "a", "an")) or w.endswith("ly")
                    for w in after
                ):
                    return None  # "campaign for president while": a clause, not a phrase
                if _is_head(inner):
                    phrase = _anonymous_phrase(text, spans[:k])
                    if phrase is not None:
                        phrase.name = text[phrase.name_start : spans[-1][1]]
                        phrase.name_end = spans[-1][1]
                    return phrase
        return None
    j = len(spans) - 1
    while j > 0:
        word = text[spans[j - 1][0] : spans[j - 1][1]].lower()
        if word in ("a", "an", "the", "one", "two", "three", "several", "some", "many", "other",
                    "another"):
            j -= 1
            break
        if word in _SKIPPABLE or word in ("said", "says", "and", "but"):
            break
        j -= 1
        if len(spans) - j > 6:
            break
    if j >= 2 and text[spans[j - 1][0] : spans[j - 1][1]].lower() in _POSTMODIFIER_PREPOSITIONS:
        # "a narrator in the Clinton ad": the person speaking, described by where.
        inner = text[spans[j - 2][0] : spans[j - 2][1]].lower().strip(".")
        if _is_head(inner) and inner not in DOCUMENT_HEADS:
            outer = _anonymous_phrase(text, spans[: j - 1])
            if outer is not None:
                outer.name = text[outer.name_start : spans[-1][1]]
                outer.name_end = spans[-1][1]
                return outer
    start, end = spans[j][0], spans[-1][1]
    phrase_text = text[start:end]
    first = phrase_text.split()[0].lower()
    if head_lower in DOCUMENT_HEADS:
        return NounPhrase("document", phrase_text, start, end)
    # "the governor", "Gary Johnson’s doctor": a described, identifiable person. "a senior
    # official", "sources", "two people familiar with": anonymous.
    if (
        head_lower in TITLE_WORDS or head_lower in ROLE_HEADS or head_lower in ORGANISATION_HEADS
    ) and head_lower not in _PLURAL_GENERIC and first not in (
        "a", "an", "one", "two", "three", "several", "some", "many", "other", "another"
    ):
        return NounPhrase("description", phrase_text, start, end)
    return NounPhrase("anonymous", phrase_text, start, end)


_POSTMODIFIER_PREPOSITIONS = frozenset("in of for at from with on".split())


def _is_head(word: str) -> bool:
    """A noun that can head a speaker phrase: a title, a role, a document, an organisation or
    an anonymous source."""
    return word in ANONYMOUS_HEADS or word in TITLE_WORDS or word in DESCRIBED_HEADS


_PLURAL_GENERIC = frozenset("officials sources people aides diplomats insiders".split())


def phrase_after(text: str, start: int, limit: int | None = None) -> NounPhrase | None:
    """The speaker phrase that starts at ``start`` (after "said" or "according to"): a name
    with an optional preposed title, a pronoun, or an anonymous phrase; plus an appositive
    title after a comma ("said Leif-Eric Easley, associate professor of ...")."""
    end_limit = len(text) if limit is None else limit
    spans: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(text, start, end_limit):
        if m.start() != start and text[start : m.start()].strip(" ") and not spans:
            break
        if spans and text[spans[-1][1] : m.start()].strip(" "):
            break  # punctuation between tokens ends the phrase
        tok = m.group()
        spans.append((m.start(), m.end()))
        if tok.endswith((".", "!", "?")) and not _is_abbrev_end(text, m.end() - 1):
            break
        if len(spans) >= 12:
            break
    if not spans:
        return None
    first = text[spans[0][0] : spans[0][1]].lower().rstrip(".")
    if first in PRONOUNS:
        a, b = spans[0]
        return NounPhrase("pronoun", text[a:b], a, b)
    # Cut the phrase at the first lower-case verb-like word after a capitalised run
    # ("said Easley, who" is handled by the comma; "according to KCNA reported ...").
    cut = len(spans)
    seen_cap = False
    for idx, (a, b) in enumerate(spans):
        word = text[a:b]
        if is_capitalised(word):
            # "Clinton’s top foreign policy aide Jake Sullivan": a possessive opens a title.
            seen_cap = not word.endswith(("’s", "'s"))
        elif seen_cap and word.lower() not in NAME_PARTICLES and not (
            word.lower() in TITLE_WORDS or word.lower() in _TITLE_MODIFIERS
        ):
            cut = idx
            break
    spans = spans[:cut]
    # Trailing period of a sentence-final name.
    phrase = _read_name_phrase(text, spans) if spans else None
    if phrase is None:
        return _anonymous_after(text, spans)
    if phrase.kind == "description":
        # "said Labour’s transport spokesperson, Louise Haigh": the role, then the name.
        named = _NAME_AFTER_ROLE.match(text, phrase.name_end)
        if named:
            lead = re.match(r"(?:the|a|an)\s+", phrase.name, re.IGNORECASE)
            offset = lead.end() if lead else 0
            return NounPhrase(
                "person", named.group(1), named.start(1), named.end(1),
                phrase.name[offset:], phrase.name_start + offset, phrase.name_end,
            )
    if phrase.title is None:
        _read_appositive(text, phrase)
    return phrase


def _anonymous_after(text: str, spans: list[tuple[int, int]]) -> NounPhrase | None:
    """"said a senior official" / "according to people familiar with the talks"."""
    if not spans:
        return None
    for idx, (a, b) in enumerate(spans):
        if text[a:b].lower().strip(".") in ANONYMOUS_HEADS:
            start, end = spans[0][0], b
            # Keep a "familiar with ..." tail: it is part of how the source is described.
            return NounPhrase("anonymous", text[start:end], start, end)
        if idx >= 5:
            break
    return None


_NAME_AFTER_ROLE = re.compile(
    r",\s+((?:[A-Z][\w’'\-]*\.?\s+){1,2}[A-Z][\w’'\-]+)(?=\s*(?:[,.;:]|$))"
)
_AGE = re.compile(r",\s+\d{1,3}(?=,)")
_APPOSITIVE = re.compile(r",\s+((?:the |a |an )?[^,.;\n“”\"]{3,160})")
_APPOSITIVE_STOP = re.compile(
    r"^(?:who|which|that|adding|saying|noting|according|as|and|but|in a|on|at a|during|after|"
    r"before|when|while|because|although|though)\b",
    re.IGNORECASE,
)


def _read_appositive(text: str, phrase: NounPhrase) -> None:
    """Attach ", associate professor of ... at X" after a name as its title."""
    age = _AGE.match(text, phrase.name_end)
    # "says Priya Shah, 45, a teacher from Eastpoint": the age, then the description.
    match = _APPOSITIVE.match(text, age.end() if age else phrase.name_end)
    if not match:
        return
    body = match.group(1).rstrip()
    if _APPOSITIVE_STOP.match(body) or body.split()[0].lower().endswith("ing"):
        return
    words = body.split()
    if not any(is_title_token(w) or _is_head(w.lower()) for w in words[:6]) and not (
        is_role_phrase(words[:6])
    ):
        return
    # A trailing sentence-final period is punctuation, not part of the title; a leading
    # article is grammar ("a spokesman for ...").
    body = body.rstrip(".")
    lead = re.match(r"(?:the|a|an)\s+", body, re.IGNORECASE)
    offset = lead.end() if lead else 0
    body = body[offset:]
    phrase.title = body
    phrase.title_start = match.start(1) + offset
    phrase.title_end = phrase.title_start + len(body)


def organisation_in_title(title: str | None) -> str | None:
    """The organisation named in a title, as written: "Ewha Womans University" from
    "associate professor ... at Ewha Womans University in Seoul", "US State Department" from
    "US State Department spokesperson"."""
    if not title:
        return None
    words = title.split()
    padded = " " + title  # "of the Coastal Engineering Institute" opens with its marker
    for marker in (" at ", " of the ", " for the ", " of ", " for ", " with "):
        idx = padded.rfind(marker) if marker in (" at ",) else padded.find(marker)
        if idx >= 0:
            # The padding adds one character before the title: offsets in ``padded`` are one
            # ahead of ``title``.
            rest = title[idx + len(marker) - 1 :].split()
            caps = _leading_capitalised(rest)
            if caps:
                return " ".join(caps)
    caps = _leading_capitalised(words)
    if caps and looks_like_organisation(" ".join(caps)):
        while caps and is_title_token(caps[-1]):
            caps.pop()
        return " ".join(caps) or None
    return None


def _leading_capitalised(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        if is_capitalised(w) or (out and w.lower() in ("of", "for", "and", "&")):
            out.append(w)
        else:
            break
    while out and out[-1].lower() in ("of", "for", "and", "&"):
        out.pop()
    return out
