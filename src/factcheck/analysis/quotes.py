"""Direct quotations and who said them.

Finding quotations: curly (“…”) and straight ("…") double quotes, and curly single quotes
(‘…’) used as quotation marks, telling the closing mark from an apostrophe ("Biden’s") by
what follows it. A quotation left open at the end of a paragraph runs on into the next
paragraph when that one opens with a quotation mark (the news convention).

Attributing them, in order of evidence, within the quotation's sentence:

1. the speech verb right after it: ``,” said X`` / ``,” X said`` / ``,” she added``;
2. a speech verb before it with its subject: ``X said that “…”``, ``Title X told reporters:``;
3. a speech verb later in the sentence: ``“…” North Korea, she said, adding …``;
4. ``according to X``;

then, with no speaker in the sentence, the speaker of the quotation it continues (the next
paragraph of a multi-paragraph quotation, or a quotation opening a paragraph right after a
quoted paragraph). Pronouns and surnames are resolved to the person introduced earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factcheck.analysis.model import Quote, Span, Speaker
from factcheck.analysis.people import (
    DESCRIBED_HEADS,
    NAME_STOP,
    ORGANISATION_HEADS,
    PRONOUNS,
    TITLE_OPENERS,
    TITLE_WORDS,
    US_STATES,
    NounPhrase,
    is_role_phrase,
    is_title_token,
    looks_like_organisation,
    organisation_in_title,
    phrase_after,
    phrase_before,
)
from factcheck.analysis.verbs import (
    SPEECH_FORMS,
    VERB,
    VERB_AT,
    VERB_PATTERN,
    is_participle,
    takes_object,
)

# Words that open a sentence before its subject but are not names.
_SUBJECT_SKIP = frozenset(
    "it he she they we i asked speaking despite like unlike former late then".split()
)
# Words that open a fronted adverbial before the subject ("In an interview on Monday, Trump
# said ...", "Asked about the poll, she said ..."): the subject comes after its comma.
_FRONT_OPENERS = frozenset(
    """
    in on at after before during following since until when while as although though because
    if once despite amid amidst with without by for from over under throughout upon within
    later earlier meanwhile instead still yet however separately also asked last this next
    like unlike given according among alongside first second third finally lastly now
    today tonight overall ultimately moments hours days weeks months years
    """.split()
)
_DATELINE = re.compile(
    r"(?m)^[A-Z][A-Z.’'\-]+(?:[ ,]+[A-Z][A-Za-z.’'\-]*){0,4}"
    r"(?:,\s+[A-Z][a-z]{2,}\.?\s+\d{1,2})?\s*(?:\([A-Za-z .]{1,20}\)\s*)?[—–-]{1,2}\s"
)
_NAME_APPOSITIVE_VERB = re.compile(
    r"([A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3}),\s+([^,;:“”\"·\n]{1,150}),\s+"
    r"(?:(?:also|later|then|had|has|have|would|will)\s+)?" + f"(?={VERB_PATTERN}\\b)"
)
_DETERMINERS = frozenset("the a an this that these those his her their its my our your".split())
_STATE_AFTER_TOWN = re.compile(r"\s*([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}),")
_TITLE_SET = frozenset(w.rstrip(".") for w in TITLE_WORDS) | {"predecessor", "successor", "leader"}
_CAPITALISED_RUN = re.compile(r"[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-]+)+")
# The capitalised words (and title words) opening a sentence: its subject, if it is a name.
_SUBJECT_RUN = re.compile(
    r"\s*((?:(?:Even|But|And|Then|Still)\s+)?(?:the\s+|The\s+)?(?:[A-Z][\w’'.\-]*\s+|(?:of|for|and|the|de|del|della|van|von|der|da|al|bin|el|la|le|du)\s+(?=[A-Z])){0,6}"
    r"[A-Z][\w’'.\-]*)(?:\s*\([^()]{1,24}\))?(?=\s+[a-z]|,)"
)
_DESCRIBED_SUBJECT = re.compile(
    r"\s*(?:[Tt]he|[Tt]his|[Tt]hat|(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*[’']s)\s+"
    r"((?:[\w’'\-.]+\s+){0,5}[\w’'\-.]+)"
)
_CONJOINED_VERB = re.compile(
    r"(?:,\s*|\s)(?:but|and)\s+(?:(?:now|then|also|later|still|[a-z]+ly)\s+)*$"
)
_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:[a-z]+ly\s+)?$")
_BY_AGENT = re.compile(r"\s+by\s+")
_SPEAKER_KINDS = frozenset({"pronoun", "person", "anonymous", "description", "document"})
_SUBJECT_KINDS = frozenset({"person", "organisation", "description", "document"})
# What may stand before a sentence's subject: "Even China said", "Here’s Clinton in 1992:".
_SUBJECT_LEADS = frozenset({"", "even", "but", "and", "then", "still", "the", "here’s"})
_TOPIC_ONLY = re.compile(r"\s+(?:on|about|upon)\b")
_POSSESSOR = re.compile(r"(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*[’']s")
_COORDINATED = re.compile(r"(?:[A-Z][\w’'.\-]*\s+){1,3}and")
_NAME_COLON = re.compile(
    r"(?:^|\s[-–—]\s)\s*((?:[A-Z][\w’'.\-]*\s+(?:and\s+)?){0,5}[A-Z][\w’'.\-]*):\s*$"
)
_DASH_ATTRIBUTION = re.compile(r"\s*[―—–]\s*(?=[A-Z])")
_ACCORDING_TO = re.compile(r"\baccording to\s+", re.IGNORECASE)
# A closing single quote is followed by a non-letter; an apostrophe by a letter.
_SINGLE_OPEN_OK = " \n(“\"—–-"


@dataclass(slots=True)
class QuoteSpan:
    """A quotation found in a paragraph, before attribution."""

    start: int  # offsets of the quoted words (inside the marks)
    end: int
    open_mark: int
    close_mark: int | None  # None: runs on past the end of the paragraph
    paragraph: int


@dataclass
class _Person:
    name: str
    kind: str
    titles: list[tuple[str, Span]] = field(default_factory=list)
    gender: str | None = None
    mentions: list[Span] = field(default_factory=list)


def find_quotes(text: str, start: int, end: int, paragraph: int) -> list[QuoteSpan]:
    """Quotations in ``text[start:end]`` (one paragraph)."""
    found: list[QuoteSpan] = []
    open_double: int | None = None
    open_straight: int | None = None
    nested = 0  # curly quotations opened inside the open one ("he calls “hell” than")
    i = start
    while i < end:
        ch = text[i]
        if ch == "“" and open_double is None and open_straight is None:
            open_double = i
        elif ch == "“" and open_double is not None and not nested and _typed_as_closing(
            text, i, end
        ):
            # “It's unusual,“ said Noble - an opening mark typed where the closing belongs.
            found.append(QuoteSpan(open_double + 1, i, open_double, i, paragraph))
            open_double = None
        elif ch == "“" and open_double is not None:
            nested += 1
        elif ch == "”" and nested:
            nested -= 1
        elif ch == "”" and (open_double is not None or open_straight is not None):
            # Mixed marks ("…” typed by hand, or pasted from two sources) still pair up.
            opened = open_double if open_double is not None else open_straight
            found.append(QuoteSpan(opened + 1, i, opened, i, paragraph))
            open_double = open_straight = None
        elif ch == '"' and open_double is not None and _closes(text, i, end):
            found.append(QuoteSpan(open_double + 1, i, open_double, i, paragraph))
            open_double = None
        elif ch == '"' and open_double is None:
            if open_straight is None:
                open_straight = i
            else:
                found.append(QuoteSpan(open_straight + 1, i, open_straight, i, paragraph))
                open_straight = None
        elif ch == "‘" and open_double is None and open_straight is None:
            if i == start or text[i - 1] in _SINGLE_OPEN_OK:
                close = _closing_single(text, i + 1, end)
                if close is not None:
                    found.append(QuoteSpan(i + 1, close, i, close, paragraph))
                    i = close
        i += 1
    for opened in (open_double, open_straight):
        if opened is not None and opened + 1 < end:
            found.append(QuoteSpan(opened + 1, end, opened, None, paragraph))
    found.sort(key=lambda q: q.start)
    return [_trim(text, q) for q in found if _trim(text, q).end > _trim(text, q).start]


def _typed_as_closing(text: str, i: int, end: int) -> bool:
    """An opening curly mark right after sentence punctuation and before a space and a
    lower-case word ("…,“ said X") closes the quotation."""
    return (
        text[i - 1] in ",.?!"
        and i + 2 < end
        and text[i + 1] == " "
        and text[i + 2].islower()
    )


def _closes(text: str, i: int, end: int) -> bool:
    """A straight mark after a curly opening closes it when it is followed by a space,
    punctuation or the end (not by a letter, which would open a nested quotation)."""
    return i + 1 >= end or not text[i + 1].isalnum()


def _closing_single(text: str, start: int, end: int) -> int | None:
    j = start
    while j < end:
        if text[j] == "’" and (j + 1 >= end or not text[j + 1].isalnum()) and j > start:
            if text[j - 1] != " ":
                return j
        if text[j] in "“”\n":
            return None
        j += 1
    return None


def _trim(text: str, q: QuoteSpan) -> QuoteSpan:
    """Drop the punctuation that belongs to the sentence around the quotation (a trailing
    comma) and surrounding spaces."""
    a, b = q.start, q.end
    while a < b and text[a] in " ":
        a += 1
    while b > a and text[b - 1] in " ,":
        b -= 1
    return QuoteSpan(a, b, q.open_mark, q.close_mark, q.paragraph)


class Attributor:
    """Attributes quotations to speakers across an article, keeping track of the people
    introduced so far so that pronouns and surnames can be resolved."""

    def __init__(self, text: str, quotes: list[QuoteSpan] | None = None) -> None:
        self.text = text
        # The text with every quotation's words blanked (same length), so that a speech verb
        # inside a quotation is never read as its attribution. Built once: O(length).
        self.masked = _blank_datelines(mask_quotes(text, quotes or []))
        self.people: dict[str, _Person] = {}
        # Names in order of last mention (a dict as an ordered set: O(1) move-to-end).
        self.order: dict[str, None] = {}
        self.by_token: dict[str, set[str]] = {}
        self.last_person: str | None = None
        # When each name was last mentioned (a counter), for choosing between candidates.
        self.last_seen: dict[str, int] = {}
        self.clock = 0

    # -- people ---------------------------------------------------------------------------
    def _resolve_name(self, name: str) -> str:
        """A surname or partial name -> the full name of a person introduced earlier."""
        if name in self.people:
            return name
        tokens = name.split()
        candidates = self.by_token.get(tokens[0], set()) if tokens else set()
        best: str | None = None
        best_rank = -2
        for known in candidates:
            person = self.people[known]
            known_tokens = known.split()
            if person.kind != "person" and len(tokens) == 1:
                continue
            if len(tokens) < len(known_tokens) and all(t in known_tokens for t in tokens):
                # The most recently mentioned wins ("Clinton" after Bill, then Hillary).
                rank = self.last_seen.get(known, -1)
                if rank > best_rank:
                    best, best_rank = known, rank
        return best or name

    def _add_person(self, name: str, kind: str) -> _Person:
        person = self.people[name] = _Person(name, kind)
        for token in name.split():
            self.by_token.setdefault(token, set()).add(name)
        return person

    def _remember(self, phrase: NounPhrase, name: str) -> _Person:
        person = self.people.get(name)
        if person is None:
            person = self._add_person(name, phrase.kind if phrase.kind != "pronoun" else "person")
        self.order.pop(name, None)
        self.order[name] = None
        self.clock += 1
        self.last_seen[name] = self.clock
        if person.kind == "person":
            self.last_person = name
        return person

    def _resolve_pronoun(self, pronoun: str) -> str | None:
        gender = PRONOUNS.get(pronoun.lower())
        if pronoun.lower() in ("it", "they", "we"):
            for known in reversed(self.order):
                if self.people[known].kind == "organisation":
                    return known
            if pronoun.lower() == "it":
                return None
        for known in reversed(self.order):
            person = self.people[known]
            if person.kind != "person":
                continue
            if gender and person.gender and person.gender != gender:
                continue
            return known
        # Nobody spoken of fits: someone only mentioned with a title ("her rival, councillor
        # Ben Ashe, ... He said"), the latest first.
        for known in reversed(self.people):
            person = self.people[known]
            if known in self.order or person.kind != "person":
                continue
            if gender and person.gender and person.gender != gender:
                continue
            return known
        return None

    def note_subject(self, start: int, end: int) -> None:
        """Record the person a sentence is about (its subject before a verb), so a later
        "he said" can refer to them even when they were not quoted. The subject of a fronted
        clause counts too, before the main one ("Although Weiner admitted …, he claimed")."""
        main = skip_fronted(self.masked, start, end)
        if main != start:
            self._note_subject_at(start, end)
        self._note_subject_at(main, end)

    def _note_subject_at(self, start: int, end: int) -> None:
        # "Her rival, councillor Ben Ashe, disagreed": a lower-case title may open the subject.
        role = re.match(r"\s*([a-z][\w\-]*)\s+(?=[A-Z])", self.masked[start:end])
        if role and role.group(1).rstrip(".") in _TITLE_SET:
            start += role.end()
        head = re.match(
            r"\s*([A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,3})(?:\s+[a-z]|,)",
            self.masked[start:end],
        )
        if not head:
            return
        words = head.group(1).split()
        # Clause words and titles before the name: "When Trump", "Although Weiner", "Former
        # Obama adviser", "Asked Tuesday".
        while words and (
            words[0].lower() in NAME_STOP
            or words[0].lower() in _SUBJECT_SKIP
            or words[0].lower().rstrip(".") in _TITLE_SET
            or (len(words) > 2 and words[0].lower() in TITLE_OPENERS)
        ):
            words.pop(0)
        if not words or any(w.lower() in NAME_STOP for w in words):
            return
        candidate = " ".join(words)
        resolved = self._resolve_name(candidate)
        if resolved in self.people:
            self._remember(NounPhrase(self.people[resolved].kind, resolved, 0, 0), resolved)
        elif (
            len(candidate.split()) in (2, 3)
            and not looks_like_organisation(candidate)
            and not any(w.lower().rstrip(".") in _TITLE_SET for w in candidate.split())
        ):
            # A new person introduced as the subject ("Keyia Scott can be heard ..."): a later
            # "she says" can refer to them.
            self._remember(NounPhrase("person", candidate, 0, 0), candidate)
        elif looks_like_organisation(candidate) and len(candidate.split()) >= 2:
            # "The Harbour Ferry Company raised fares": a later "the company said" is it.
            self._remember(NounPhrase("organisation", candidate, 0, 0), candidate)

    def note_mentions(self, start: int, end: int) -> None:
        """Register people introduced by a title anywhere in a sentence ("President Joe
        Biden’s administration", "his predecessor Donald Trump"), so that a later "Biden said"
        resolves to the full name."""
        text = self.text
        for match in _CAPITALISED_RUN.finditer(text, start, end):
            # Only runs introduced by a title: "President Joe Biden", "predecessor Donald
            # Trump", "Deputy Mayor Tom Okafor".
            before = text[max(start, match.start() - 30) : match.start()].split()
            words = [w.lower().rstrip(".") for w in match.group().split()]
            if not (before and before[-1].lower().rstrip(".") in _TITLE_SET) and not any(
                w in _TITLE_SET for w in words[:-2]
            ):
                continue
            name_end = match.end()
            if text[name_end - 2 : name_end] in ("’s", "'s"):
                name_end -= 2
            phrase = phrase_before(self.text, name_end, floor=start)
            if phrase is None or phrase.kind != "person" or len(phrase.name.split()) < 2:
                continue
            name = self._resolve_name(phrase.name)
            person = self.people.get(name)
            if person is None:
                # Known from now on, but not the most recent speaker.
                person = self._add_person(name, "person")
            if phrase.title and all(t != phrase.title for t, _ in person.titles):
                span = Span(phrase.title_start or 0, phrase.title_end or 0, phrase.title)
                person.titles.append((phrase.title, span))

    def attribute_reported(self, start: int, end: int) -> NounPhrase | None:
        """The source of reported speech with no quotation marks ("Okafor said the increase
        would ...", "according to the agency, ...")."""
        masked = self.masked
        for verb in VERB.finditer(masked, start, end):
            if is_participle(verb.group()) or _TOPIC_ONLY.match(masked, verb.end(), end):
                # "the first time Kim has commented on Biden": who spoke, not what was said.
                continue
            phrase = phrase_before(masked, verb.start(), floor=start)
            if phrase is not None:
                return phrase
        found = self._according_to(masked, start, end)
        return found[0] if found else None

    # -- attribution ---------------------------------------------------------------------
    def attribute(
        self, sentence_start: int, sentence_end: int, quotes: list[QuoteSpan],
        paragraph_end: int | None = None,
    ) -> list[
        tuple[QuoteSpan, NounPhrase | None, str]
    ]:
        """Attribute the quotations of one sentence. Returns (quote, phrase, how) triples."""
        masked = self.masked
        results: list[tuple[QuoteSpan, NounPhrase | None, str]] = []
        sentence_phrase: tuple[NounPhrase, str] | None = None
        for quote in quotes:
            found = self._after_quote(
                masked, quote, _clause_end(masked, quote, sentence_end, paragraph_end)
            )
            if found is None:
                found = self._verb_before(masked, quote, sentence_start)
            if found is not None and found[0] is None:
                # Put to someone, by no one named ("Trump was asked, “…”"): no speaker
                # rather than the person asked.
                results.append((quote, None, "none"))
                continue
            if found is None:
                found = self._verb_later(masked, quote, sentence_end)
            if found is None:
                found = self._according_to(masked, sentence_start, sentence_end)
            if found is None and sentence_phrase is not None:
                found = sentence_phrase
            if found is None and quote.open_mark > sentence_start:
                found = self._sentence_subject(masked, sentence_start, quote.open_mark)
            elif found is not None and _is_thing_pronoun(found[0]):
                # "Britain's largest ferry operator said ... blaming what it called “…”": "it"
                # is the sentence's subject when that is an organisation or a described one.
                subject = self._sentence_subject(masked, sentence_start, quote.open_mark)
                if subject is not None and subject[0].kind in _THING_KINDS and (
                    subject[0].name_start < found[0].name_start
                ):
                    found = (subject[0], found[1])
            if found is not None:
                sentence_phrase = found
            results.append((quote, found[0] if found else None, found[1] if found else "none"))
        return results

    def _after_quote(
        self, masked: str, quote: QuoteSpan, end: int
    ) -> tuple[NounPhrase, str] | None:
        if quote.close_mark is None:
            return None
        pos = quote.close_mark + 1
        dash = _DASH_ATTRIBUTION.match(masked, pos, end)
        if dash:
            # “…” ― Steve Quinlan (vox pops, epigraphs)
            phrase = phrase_after(masked, dash.end(), end)
            if phrase is not None and phrase.kind == "person":
                return phrase, "— X"
        gap = re.match(r"[,.!?]?\s*", masked[pos:end])
        pos += gap.end() if gap else 0
        verb = VERB_AT.match(masked, pos)
        if verb and not is_participle(verb.group()) and not takes_object(verb.group()):
            phrase = phrase_after(masked, _skip_spaces(masked, verb.end()), end)
            if phrase is not None:
                return phrase, "said X"
        named = None
        closed_by_comma = masked[quote.close_mark + 1 : pos].startswith(",")
        if masked[quote.close_mark - 1] in ",?!" or closed_by_comma:
            named = self._name_appositive_verb(masked, pos, end)
        if named is not None:
            return named, "X said"
        # ", X said" with up to ~6 words before the verb.
        window = masked[pos:end]
        verb = VERB.search(window)
        if verb and verb.start() <= 80 and not re.search(r"[.;!?“”\"]", window[: verb.start()]):
            phrase = phrase_before(masked, pos + verb.start(), floor=pos)
            # The speaker must follow the quotation directly (", the minister said"), not
            # be the subject of a later clause.
            if phrase is not None and phrase.name_start >= pos:
                np_start = min(phrase.name_start, phrase.title_start or phrase.name_start)
                if re.fullmatch(r"[\s,—–-]*(?:(?:the|a|an|The)\s+)?", masked[pos:np_start]):
                    return phrase, "X said"
        return None

    def _name_appositive_verb(self, masked: str, pos: int, end: int) -> NounPhrase | None:
        """``,” Graham, a former candidate, told CBS`` / ``,” Ramos, 58, told AFP``: right
        after a quotation, a name, one comma-separated description and the verb. The
        description becomes the title when it names a role."""
        match = _NAME_APPOSITIVE_VERB.match(masked, pos, end)
        if not match or VERB.search(match.group(2)):
            return None
        phrase = phrase_before(masked, match.end(1), floor=pos)
        if phrase is None or phrase.kind not in ("person", "organisation"):
            return None
        if phrase.title is None:
            body = match.group(2).strip()
            lead = re.match(r"(?:the|a|an)\s+", body, re.IGNORECASE)
            title = body[lead.end() :] if lead else body
            words = title.split()
            if any(is_title_token(w) for w in words) or is_role_phrase(words):
                start = match.start(2) + match.group(2).find(title)
                phrase.title = title
                phrase.title_start, phrase.title_end = start, start + len(title)
        return phrase

    def _verb_before(
        self, masked: str, quote: QuoteSpan, start: int
    ) -> tuple[NounPhrase | None, str] | None:
        window = masked[start : quote.open_mark]
        label = _NAME_COLON.search(window)
        if label:
            # Transcript style: "Clinton: “Our goal is …”".
            phrase = phrase_before(masked, start + label.end(1), floor=start)
            if phrase is not None and phrase.kind in ("person", "organisation"):
                return phrase, "X:"
        verbs = [m for m in VERB.finditer(window) if m.group().lower() != "according"]
        for index in range(len(verbs) - 1, -1, -1):
            verb = verbs[index]
            if _PASSIVE.search(masked, start, start + verb.start()):
                # "Sanders was asked by host Bill Maher, “…”": the agent asked; with no
                # agent ("Trump was asked, “…”") the one asked is not the speaker.
                agent = _BY_AGENT.match(masked, start + verb.end(), quote.open_mark)
                if agent:
                    phrase = phrase_after(masked, agent.end(), quote.open_mark)
                    if phrase is not None:
                        return phrase, "said X"
                if index == len(verbs) - 1 and verb.group() == "asked":
                    return None, "passive"
                continue
            phrase = self._verb_subject(masked, verbs, index, start)
            participle = is_participle(verb.group())
            if phrase is not None and participle and phrase.kind not in (
                "person", "pronoun", "description"
            ):
                # "Trump issued a statement saying …", "posted a message on Twitter reading
                # …": the participle describes the document; the speaker is the subject.
                phrase = None
            if phrase is not None:
                return phrase, "X said"
            if participle and index > 0:
                # "…, Nefzi said, adding, “…”": the speaker of the verb before the participle.
                outer = self._verb_subject(masked, verbs, index - 1, start)
                if outer is not None and outer.kind in ("person", "pronoun", "description"):
                    return outer, "X said"
            if participle or _CONJOINED_VERB.search(masked, start, start + verb.start()):
                # "Jeffries reacted to the news, saying: “…”", "Massie used to support Paul,
                # but now said …": the clause's subject.
                subject = self._sentence_subject(masked, start, start + verb.start())
                if subject is not None:
                    return subject[0], "X said"
            # "…, said Easley: “…”" - but not "said it would …", where the pronoun is the
            # subject of the reported clause.
            if takes_object(verb.group()) or verb.group().startswith("ask"):
                continue
            after = phrase_after(masked, _skip_spaces(masked, start + verb.end()), quote.open_mark)
            if after is not None and after.kind in ("person", "anonymous"):
                # Only when the phrase runs up to the quotation ("said Easley: “…”"); not the
                # object of the verb ("says of Clinton, “…”", "told O'Reilly that “…”").
                tail_from = after.title_end if after.title_end else after.name_end
                if not masked[tail_from : quote.open_mark].strip(" ,:"):
                    return after, "said X"
        return None

    def _verb_subject(
        self, masked: str, verbs: list[re.Match], index: int, start: int
    ) -> NounPhrase | None:
        """The subject of ``verbs[index]``; for a pronoun in a reported clause ("Lapp said
        she thinks …"), the subject of the speech verb that reports it."""
        phrase = phrase_before(masked, start + verbs[index].start(), floor=start)
        if phrase is not None and phrase.kind == "pronoun" and index > 0:
            between = masked[verbs[index - 1].end() + start : phrase.name_start]
            if re.fullmatch(r"\s*(?:(?:on|last|this)\s+\w+\s+)?(?:that\s+)?", between):
                outer = self._verb_subject(masked, verbs, index - 1, start)
                if outer is not None and outer.kind in ("person", "description"):
                    return outer
        return phrase

    def _verb_later(self, masked: str, quote: QuoteSpan, end: int) -> tuple[NounPhrase, str] | None:
        pos = (quote.close_mark + 1) if quote.close_mark is not None else quote.end
        for verb in VERB.finditer(masked, pos, end):
            if is_participle(verb.group()):
                continue
            before = masked[max(pos, verb.start() - 60) : verb.start()]
            if "," in before or verb.start() - pos < 60:
                phrase = phrase_before(masked, verb.start(), floor=pos)
                if phrase is not None and phrase.kind in _SPEAKER_KINDS:
                    return phrase, "X said"
                after_comma = masked[pos : verb.start()].rstrip().endswith(",")
                if after_comma and not takes_object(verb.group()):
                    # "“…” for Clinton, said Kunin."
                    after = phrase_after(masked, _skip_spaces(masked, verb.end()), end)
                    if after is not None and after.kind in ("person", "anonymous", "description"):
                        return after, "said X"
        return None

    def _sentence_subject(
        self, masked: str, start: int, limit: int
    ) -> tuple[NounPhrase, str] | None:
        """A quotation embedded in the writer's own sentence with no speech verb ("Reid has
        gone after Trump as a “human leech”", "Even China said it was “resolutely opposed”")
        belongs to the sentence's subject, when that is a name or a described person."""
        start = skip_fronted(masked, start, limit)
        head_end = _described_head_end(masked, start, limit)
        if head_end is not None:
            # "The Florida senator likes “The Walking Dead”": a described person.
            phrase = phrase_before(masked, head_end, floor=start)
        else:
            match = _SUBJECT_RUN.match(masked, start, limit)
            if not match:
                return None
            phrase = phrase_before(masked, match.end(1), floor=start)
        if phrase is None or phrase.kind not in _SUBJECT_KINDS and not (
            phrase.kind == "pronoun" and phrase.name.lower() in ("he", "she")
        ):
            return None
        if phrase.name.lower() in SPEECH_FORMS:
            return None  # "Adding, “…”": a participle opening the sentence, not a name
        first = phrase.title_start if phrase.title_start is not None else phrase.name_start
        lead = masked[start:first].strip()
        # "Trump and Ryan issued a statement …": both, described together. "Yildirim's
        # LinkedIn page lists him as “…”": the possessor's thing speaks.
        widened = "description" if _COORDINATED.fullmatch(lead) else None
        widened = "document" if widened is None and _POSSESSOR.fullmatch(lead) else widened
        if widened is not None:
            begin = start + (len(masked[start:first]) - len(masked[start:first].lstrip()))
            text = masked[begin : phrase.name_end]
            return NounPhrase(widened, text, begin, phrase.name_end), "subject"
        if lead.lower().replace("'", "’") not in _SUBJECT_LEADS:
            return None
        return phrase, "subject"

    def sentence_subject(self, start: int, end: int) -> tuple[NounPhrase, str] | None:
        """The named or described subject of ``text[start:end]``, if any."""
        return self._sentence_subject(self.masked, start, end)

    def _according_to(self, masked: str, start: int, end: int) -> tuple[NounPhrase, str] | None:
        match = _ACCORDING_TO.search(masked, start, end)
        if not match:
            return None
        phrase = phrase_after(masked, match.end(), end)
        return (phrase, "according to") if phrase is not None else None

    def resolve(self, phrase: NounPhrase) -> tuple[str | None, str | None, Span | None]:
        """Turn a phrase into (speaker name, title as written, title span), updating the
        people seen so far."""
        if phrase.kind == "pronoun":
            name = self._resolve_pronoun(phrase.name)
            if name is None:
                return None, None, None
            person = self.people[name]
            gender = PRONOUNS.get(phrase.name.lower())
            if gender and person.gender is None:
                person.gender = gender
            self._remember(NounPhrase(person.kind, name, 0, 0), name)
            title, span = (person.titles[-1] if person.titles else (None, None))
            return name, title, span
        if phrase.kind in ("anonymous", "document"):
            return phrase.name, None, None
        if phrase.kind == "description":
            # "the governor said": the person introduced earlier with that title, if any.
            head = phrase.name.split()[-1].lower()
            if head in ORGANISATION_HEADS:
                # "the company said": the organisation of that kind named earlier, if any.
                for known in reversed(self.order):
                    if self.people[known].kind == "organisation" and head in known.lower().split():
                        phrase.kind = "organisation"
                        self._remember(phrase, known)
                        return known, None, None
                return phrase.name, None, None
            for known in reversed(self.order):
                person = self.people[known]
                if any(head in t.lower().split() for t, _ in person.titles):
                    self._remember(NounPhrase(person.kind, known, 0, 0), known)
                    title, span = person.titles[-1]
                    return known, title, span
            return phrase.name, None, None
        name = self._resolve_name(phrase.name)
        person = self._remember(phrase, name)
        person.mentions.append(Span(phrase.name_start, phrase.name_end, phrase.name))
        if phrase.title:
            span = Span(phrase.title_start or 0, phrase.title_end or 0, phrase.title)
            if all(t != phrase.title for t, _ in person.titles):
                person.titles.append((phrase.title, span))
            return name, phrase.title, span
        title, span = (person.titles[-1] if person.titles else (None, None))
        return name, title, span

    def speakers(self, quoted: set[str]) -> list[Speaker]:
        out: list[Speaker] = []
        for name in self.people:
            person = self.people[name]
            if name not in quoted:
                continue
            titles = [t for t, _ in person.titles]
            orgs = [o for o in (organisation_in_title(t) for t in titles) if o]
            out.append(Speaker(name, titles, list(dict.fromkeys(orgs)), list(person.mentions)))
        return out


_THING_KINDS = frozenset({"organisation", "description", "document"})


def _is_thing_pronoun(phrase: NounPhrase) -> bool:
    return phrase.kind == "pronoun" and phrase.name.lower() in ("it", "they")


def _described_head_end(masked: str, start: int, limit: int) -> int | None:
    """Where the head noun of a described subject ends: "The Florida senator| likes",
    "The court order| released Friday said", "Ryan’s campaign| shrugged off"."""
    match = _DESCRIBED_SUBJECT.match(masked, start, limit)
    if not match:
        return None
    words = list(re.finditer(r"[\w’'\-.]+", match.group(1)))
    for here, after in zip(words, words[1:], strict=False):
        if after.group()[0].islower() and _is_subject_head(here.group().lower()) and (
            not _is_subject_head(after.group().lower())
        ):
            return match.start(1) + here.end()
    return None


def _is_subject_head(word: str) -> bool:
    """A noun that makes "The Florida senator" / "Ryan’s campaign" / "The Rove ad" a
    described speaker."""
    return word in _TITLE_SET or word in DESCRIBED_HEADS


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_ATTRIBUTION_ONLY = re.compile(
    r"\s*(?:[Tt]he\s+)?(?:[A-Z][\w’'.\-]*\s+|[a-z]+\s+){0,3}[A-Za-z][\w’'.\-]*\s+"
    + f"{VERB_PATTERN}\\b"
)


def _clause_end(masked: str, quote: QuoteSpan, sentence_end: int, paragraph_end: int | None) -> int:
    """Where to look for an attribution after a quotation: to the end of the sentence the
    quotation closes in (a quotation of several sentences closes after its own first one)."""
    if quote.close_mark is None or paragraph_end is None:
        return sentence_end
    if quote.close_mark < sentence_end:
        if masked[quote.close_mark + 1 : sentence_end].strip():
            return sentence_end
        # “… missing.” Trump said. - the attribution was cut off as a sentence of its own:
        # a short next sentence with nothing quoted, opening with its speaker and verb.
        match = _SENTENCE_END.search(masked, sentence_end, paragraph_end)
        following = masked[sentence_end : match.end() if match else paragraph_end]
        if len(following.split()) <= 8 and "·" not in following and _ATTRIBUTION_ONLY.match(
            following
        ):
            return sentence_end + len(following)
        return sentence_end
    match = _SENTENCE_END.search(masked, quote.close_mark + 1, paragraph_end)
    return match.end() if match else paragraph_end


def _blank_datelines(masked: str) -> str:
    """Blank the datelines opening paragraphs ("WASHINGTON (AP) —", "PHILADELPHIA, July 25
    (UPI) —"): a city in capitals is never the subject of the sentence after it."""
    if "—" not in masked and "–" not in masked and "-" not in masked:
        return masked
    return _DATELINE.sub(lambda m: " " * len(m.group()), masked)


def _opens_fronted(word: str, next_word: str) -> bool:
    """Does a sentence opening with ``word`` (then ``next_word``) start with a fronted
    adverbial rather than its subject? "In …", "Speaking to …", "Asked about …", "Shortly
    after …" do; "King said", "Kelly charged", "Ahmed told" do not."""
    lower = word.lower()
    if lower in _DETERMINERS:
        return False  # "The island's largest operator said ...": the subject itself
    if lower in _FRONT_OPENERS or lower in NAME_STOP:
        return True
    if len(word) < 5 or not next_word or not next_word[0].islower() or VERB_AT.fullmatch(next_word):
        return False
    # Participles and -ly adverbs: "Speaking to", "Preceded to", "Shortly after".
    return lower.endswith(("ing", "ed", "ly"))


def skip_fronted(text: str, start: int, limit: int) -> int:
    """The position after the fronted adverbials opening ``text[start:limit]`` ("In an
    interview on Monday, ", "Speaking to supporters in Iowa, "), or ``start``."""
    pos = start
    for _ in range(2):
        word = re.match(r"[\s”\"’]*([A-Za-z][\w’'\-]*)(?:\s+([\w’'\-]+))?", text[pos:limit])
        if not word or not _opens_fronted(word.group(1), word.group(2) or ""):
            break
        comma = text.find(",", pos, min(limit, pos + 140))
        # Quotations may sit inside the fronted phrase ("Acknowledging that Trump “says a
        # lot”, Allen ..."), paragraph breaks may not.
        if comma < 0 or "\n" in text[pos:comma]:
            break
        pos = comma + 1
        # "in Salem, New Hampshire, Trump …": the state after the town is still fronted.
        place = _STATE_AFTER_TOWN.match(text, pos, limit)
        if place and place.group(1) in US_STATES:
            pos = place.end()
    return pos


def mask_quotes(text: str, quotes: list[QuoteSpan]) -> str:
    """``text`` with the words of every quotation replaced by "·" (newlines kept)."""
    if not quotes:
        return text
    pieces: list[str] = []
    pos = 0
    for q in sorted(quotes, key=lambda q: q.start):
        if q.start < pos:
            continue
        pieces.append(text[pos : q.start])
        inner = text[q.start : q.end]
        pieces.append("".join("\n" if ch == "\n" else "·" for ch in inner))
        pos = q.end
    pieces.append(text[pos:])
    return "".join(pieces)


def to_quote(
    text: str,
    quote: QuoteSpan,
    claim_id: int,
    name: str | None,
    title: str | None,
    title_span: Span | None,
    phrase: NounPhrase | None,
    how: str,
    partial: bool,
) -> Quote:
    speaker_span = Span(phrase.name_start, phrase.name_end, phrase.name) if phrase else None
    kind = None
    if name is not None and phrase is not None:
        kind = "person" if phrase.kind == "pronoun" else phrase.kind
    return Quote(
        text=text[quote.start : quote.end],
        start=quote.start,
        end=quote.end,
        claim_id=claim_id,
        speaker=name,
        speaker_title=title,
        speaker_org=organisation_in_title(title),
        speaker_span=speaker_span,
        title_span=title_span,
        cue=None,
        how=how,
        partial=partial,
        speaker_kind=kind,
    )
