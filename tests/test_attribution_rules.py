"""Quote attribution, one rule at a time: who does ``analyze_text`` say said each quotation?

Every article here is invented (people, places, outlets). Each case names the quotation by a
substring and asserts the exact speaker the analysis must report, so a regression in any one
rule shows up as its own failing case:

1. manner-of-speech and phrasal verbs after a quotation (``,” X barked`` / ``fired back``);
2. the subject after a fronted adverbial ("In an interview on Monday, X called ...");
3. a dateline ("PORTVILLE (Reuters) —") is never a speaker; a participle after a document
   ("issued a statement saying") takes the sentence's subject;
4. a name with a comma-separated description before the verb (", X, a former mayor, told");
5. an attribution cut off as a sentence of its own (“…” X said.);
6. "X, <description>, said she thinks “…”" is X, not an earlier "she";
7. documents as sources (a campaign ad's narrator, a court order), never anonymous sources;
8. a described person ("the Portville businessman said");
9. a lead-in sentence ("X agreed. “…”");
10. "Name of the Organisation wrote";
11. a colon introduction by the sentence's subject in the paragraph before;
12. a vox-pop signature after a dash, around a nested quotation;
13. a participle after a name and a comma ("X rejected the plan, saying “…”");
14. a subject with a party tag ("Sen. X (D-Ore.), in particular, has been calling");
15. ", X said" counts only right after the quotation, not as a later clause's subject;
16. a passive question ("was asked by X, “…”") is the asker's, or nobody's;
17-23. asides ("X, meanwhile, told"), possessives inside a name run, coordinated subjects,
    "but now said", party words and middle initials, an opening mark typed as closing, and
    the objects of "told"/"thanked";
24-27. lower-case organisations ("the company said"), a one-sentence lead-in paragraph,
    "Will wrote", and an own attribution naming nobody ("it now says");
28. organisations named across "of"/"and" ("the Bank of Eastpoint"), a role before a name
    between commas ("The Harbour Minister, Ruth Adeyemi, told"), honorifics ("Ms Adeyemi");
29. "it called" in a sentence about an organisation; "he" after a subject introduced in an
    appositive ("Her rival, councillor Ben Ashe, disagreed. He said ...");
30. ages and occupations in appositives ("Priya Shah, 45, a teacher"), a role then the name
    after the verb ("said the opposition's transport spokesperson, Louise Haigh").

A final property test checks that arbitrary attribution-shaped
text never breaks the analysis and that every quotation's offsets hold.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.analysis import Analysis, Quote, analyze_text

# ``analyze_text`` reads the first line as the headline: every body goes after this one.
HEADLINE = "Council approves ferry plan\n\n"


def quote_with(analysis: Analysis, substring: str) -> Quote:
    """The one quotation of ``analysis`` whose text contains ``substring``."""
    found = [q for q in analysis.quotes if substring in q.text]
    assert len(found) == 1, (substring, [q.text for q in analysis.quotes])
    return found[0]


# (article body, quotation substring, speaker, speaker_title, speaker_kind)
RULE_CASES = [
    # 1. Manner-of-speech verbs, and a phrasal verb, after the quotation.
    pytest.param(
        "“Go home,” Mayor Ruth Adeyemi barked.",
        "Go home", "Ruth Adeyemi", "Mayor", "person", id="1-barked",
    ),
    pytest.param(
        "“This budget is a handout to the ferry company,” Okafor charged.",
        "handout", "Okafor", None, "person", id="1-charged",
    ),
    pytest.param(
        "Deputy Mayor Tom Okafor opened the debate.\n\n"
        "“That figure is simply false,” Okafor fired back.",
        "simply false", "Tom Okafor", "Deputy Mayor", "person", id="1-fired-back-resolved",
    ),
    # 2. The subject after a fronted adverbial, not a word of the adverbial.
    pytest.param(
        "In an interview on Monday, Okafor called the plan “a gift to developers.”",
        "a gift to developers", "Okafor", None, "person", id="2-in-an-interview",
    ),
    pytest.param(
        "Speaking to reporters in Salem, Oregon, Okafor called it “reckless.”",
        "reckless", "Okafor", None, "person", id="2-town-and-state",
    ),
    # 3. A participle after a document takes the sentence's subject.
    pytest.param(
        "The Harbour Ferry Company issued a statement saying the fares were “fair and final.”",
        "fair and final", "Harbour Ferry Company", None, "organisation",
        id="3-statement-saying",
    ),
    # 4. A name, one comma-separated description, then the verb.
    pytest.param(
        "“We will appeal,” Graham, a former mayor, told the Gazette.",
        "We will appeal", "Graham", "former mayor", "person", id="4-former-mayor",
    ),
    pytest.param(
        "“It is too late,” Ramos, 58, told reporters.",
        "too late", "Ramos", None, "person", id="4-age",
    ),
    # 5. The attribution cut off as its own sentence.
    pytest.param(
        "“The fares will rise.” Okafor said.",
        "The fares will rise", "Okafor", None, "person", id="5-cut-off",
    ),
    # 6. "X, <description>, said she thinks": X, not the woman mentioned before.
    pytest.param(
        "Mayor Maria Ruiz said she was surprised by the vote.\n\n"
        "Lapp, the executive director of the Harbour Trust, said she thinks the council is "
        "“out of touch.”",
        "out of touch", "Lapp", "executive director of the Harbour Trust", "person",
        id="6-the-description",
    ),
    pytest.param(
        "Mayor Maria Ruiz said she was surprised by the vote.\n\n"
        "Lapp, executive director of the Harbour Trust, said she thinks the council is "
        "“out of touch.”",
        "out of touch", "Lapp", "executive director of the Harbour Trust", "person",
        id="6-bare-description",
    ),
    # 8. A described person, with no earlier person holding that role.
    pytest.param(
        "“We need change,” the Portville businessman said.",
        "We need change", "the Portville businessman", None, "description", id="8-described",
    ),
    # 9. A lead-in sentence of reported speech before a bare quotation.
    pytest.param(
        "Mayor Dana Whitfield agreed. “The timetable has failed riders for years.”",
        "failed riders", "Dana Whitfield", "Mayor", "person", id="9-agreed",
    ),
    # 11. "X made the following statement:" introduces the next paragraph's quotation.
    pytest.param(
        "Deputy Mayor Tom Okafor chairs the transport committee.\n\n"
        "On March 3, Okafor made the following statement:\n\n"
        "“The ferry will run every hour from May.”",
        "every hour", "Tom Okafor", "Deputy Mayor", "person", id="11-colon-intro",
    ),
    # 12. A dash signature after a quotation that nests another curly quotation (a line long
    # enough to read as a paragraph; the short vox pop has its own test below).
    pytest.param(
        "Riders at the pier gave their views.\n\n"
        "“I would rather take what the skipper calls “the slow boat” every single morning "
        "than pay that new fare.” ― Mira Santos\n\n"
        "The council meets again in June.",
        "the slow boat", "Mira Santos", None, "person", id="12-nested-signature",
    ),
    # 13. A participle after the name's clause and a comma.
    pytest.param(
        "Whitfield rejected the plan, saying it would “leave the island stranded.”",
        "stranded", "Whitfield", None, "person", id="13-saying",
    ),
    pytest.param(
        "Mayor Dana Whitfield toured the pier on Sunday.\n\n"
        "Whitfield rejected the plan, saying it would “leave the island stranded.”",
        "stranded", "Dana Whitfield", "Mayor", "person", id="13-saying-resolved",
    ),
    # 14. A party tag and an aside between the subject and the verb.
    pytest.param(
        "Sen. Paula Brandt (D-Ore.), in particular, has been calling the fare rise "
        "“a tax on islanders.”",
        "a tax on islanders", "Paula Brandt", "Sen.", "person", id="14-party-tag",
    ),
    # 15. Two partial quotations, each with its own subject.
    pytest.param(
        "Okafor accuses the council of “playing politics” and Whitfield says it is "
        "“a distraction.”",
        "playing politics", "Okafor", None, "person", id="15-first-clause",
    ),
    pytest.param(
        "Okafor accuses the council of “playing politics” and Whitfield says it is "
        "“a distraction.”",
        "a distraction", "Whitfield", None, "person", id="15-second-clause",
    ),
    # 16. A passive question names its asker, or nobody: never the person asked.
    pytest.param(
        "Okafor was asked by radio host Lena Park, “Will fares rise again?”",
        "fares rise again", "Lena Park", "radio host", "person", id="16-asked-by",
    ),
    pytest.param(
        "In an interview, Okafor was asked, “Will fares rise again?”",
        "fares rise again", None, None, None, id="16-asked-by-nobody",
    ),
    # 17. An aside between the subject and its verb.
    pytest.param(
        "Whitfield, meanwhile, told the Gazette that the timetable was “a mess.”",
        "a mess", "Whitfield", None, "person", id="17-aside",
    ),
    # 18. A possessive inside a capitalised run belongs to the title, not the name.
    pytest.param(
        "“We will keep sailing,” the Harbour Ferry Company’s Nadia Roux told the Gazette.",
        "keep sailing", "Nadia Roux", None, "person", id="18-possessive",
    ),
    # 19. Two names as one subject, described together.
    pytest.param(
        "Okafor and Whitfield issued a statement describing the deal as “a fair compromise.”",
        "fair compromise", "Okafor and Whitfield", None, "description", id="19-coordinated",
    ),
    # 20. A second verb of the same subject after "but now".
    pytest.param(
        "Councillor Ben Ashe used to back the plan, but now said it was “a mistake.”",
        "a mistake", "Ben Ashe", "Councillor", "person", id="20-but-now-said",
    ),
    # 21. A party word opening the run is a title; a middle initial is part of the name.
    pytest.param(
        "“Not one more cent,” Democrat Joe Ferrante said.",
        "one more cent", "Joe Ferrante", "Democrat", "person", id="21-party-title",
    ),
    pytest.param(
        "Marta J. Kowal, president of the Riders Union, said, “We are ready to strike.”",
        "ready to strike", "Marta J. Kowal", "president of the Riders Union", "person",
        id="21-middle-initial",
    ),
    # 22. An opening curly mark typed where the closing one belongs still closes.
    pytest.param(
        "“The ferry is late again,“ said Ina Moss, a commuter from Eastpoint.",
        "ferry is late", "Ina Moss", "commuter from Eastpoint", "person", id="22-typed-mark",
    ),
    # 23. The object of "told" or "thanked" is who was spoken to, not the speaker.
    pytest.param(
        "Okafor told his supporters, “The island will not be cut off.”",
        "cut off", "Okafor", None, "person", id="23-told-object",
    ),
    pytest.param(
        "Okafor thanked the crew “for their patience this winter.”",
        "their patience", "Okafor", None, "person", id="23-thanked-object",
    ),
    # 24. An organisation described in lower case is the one named before, if any.
    pytest.param(
        "The Harbour Ferry Company raised fares in May.\n\n"
        "“We are reviewing every complaint,” the company said.",
        "every complaint", "Harbour Ferry Company", None, "organisation", id="24-the-company",
    ),
    pytest.param(
        "“No decision has been taken,” the ministry said in a statement.",
        "No decision", "the ministry", None, "description", id="24-the-ministry",
    ),
    # 25. A one-sentence paragraph of reported speech introduces the quotation after it.
    pytest.param(
        "Councillor Dana Whitfield continued her attack on the plan.\n\n"
        "“Eight years ago we were promised a bridge.”",
        "promised a bridge", "Dana Whitfield", "Councillor", "person", id="25-lead-in-paragraph",
    ),
    # 26. A surname that is also a word ("Will") is still a name before its verb.
    pytest.param(
        "“The council has lost its nerve,” Will wrote in the Gazette.",
        "lost its nerve", "Will", None, "person", id="26-will-wrote",
    ),
    # 28. Organisations named across "of"/"and"; a role before a name between commas; an
    # honorific is a form of address, not a title.
    pytest.param(
        "“We are watching the harbour closely,” the Bank of Eastpoint said.",
        "watching the harbour", "Bank of Eastpoint", None, "organisation", id="28-bank-of",
    ),
    pytest.param(
        "“Nobody was told,” the Department of Transport and Ports said.",
        "Nobody was told", "Department of Transport and Ports", None, "organisation",
        id="28-department-of-and",
    ),
    pytest.param(
        "The Harbour Minister, Ruth Adeyemi, told councillors: “The ferry will run.”",
        "ferry will run", "Ruth Adeyemi", "Harbour Minister", "person", id="28-role-before-name",
    ),
    pytest.param(
        "Harbour Minister Ruth Adeyemi opened the pier.\n\n"
        "“This is a shambles,” said Mr Okafor, the opposition leader. “It is late,” said Ms "
        "Adeyemi.",
        "It is late", "Ruth Adeyemi", "Harbour Minister", "person", id="28-honorific",
    ),
    # 29. "it" in a sentence whose subject is an organisation or a described one is that
    # subject; "He said" after "Her rival, councillor Ben Ashe, disagreed." is Ashe.
    pytest.param(
        "PORTVILLE (Reuters) - The island's largest ferry operator said on Tuesday it would cut "
        "80 jobs, blaming what it called “a collapse in demand.”",
        "collapse in demand", "The island's largest ferry operator", None, "description",
        id="29-it-called",
    ),
    pytest.param(
        "Mayor Ruth Adeyemi defended the plan, she said.\n\n"
        "Her rival, councillor Ben Ashe, disagreed. He said the plan would “bankrupt the town.”",
        "bankrupt the town", "Ben Ashe", "councillor", "person", id="29-he-after-appositive",
    ),
    # 30. Ages and occupations in appositives; a role, then the name, after "said".
    pytest.param(
        "“It feels like we are being punished,” says Priya Shah, 45, a teacher from Eastpoint.",
        "being punished", "Priya Shah", "teacher from Eastpoint", "person", id="30-age-then-role",
    ),
    pytest.param(
        "Tom Reid, 38, a fisherman, said: “Nobody asked us.”",
        "Nobody asked us", "Tom Reid", "fisherman", "person", id="30-age-role-before-verb",
    ),
    pytest.param(
        "“That is simply not true,” said the opposition’s transport spokesperson, Louise Haigh.",
        "simply not true", "Louise Haigh", "opposition’s transport spokesperson", "person",
        id="30-role-then-name",
    ),
    pytest.param(
        "The minister, speaking to reporters in Westport, said the ferry was “safe and reliable.”",
        "safe and reliable", "The minister", None, "description", id="30-described-participle",
    ),
    # 27. An attribution of its own that names nobody known is not replaced by a guess.
    pytest.param(
        "Okafor spoke about the new timetable.\n\n“Every hour, every day,” it now says.",
        "Every hour", None, None, None, id="27-unresolved-own-attribution",
    ),
]


@pytest.mark.parametrize(("body", "substring", "speaker", "title", "kind"), RULE_CASES)
def test_attribution_rule(body, substring, speaker, title, kind):
    quote = quote_with(analyze_text(HEADLINE + body), substring)
    assert (quote.speaker, quote.speaker_title, quote.speaker_kind) == (speaker, title, kind)


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        pytest.param(
            "PORTVILLE (Reuters) — The ferry operator issued a statement saying the fares "
            "were “fair and final.”",
            None, id="operator",
        ),
        pytest.param(
            "PORTVILLE, May 4 (Reuters) — Okafor called the fares “fair and final.”",
            "Okafor", id="named-subject",
        ),
    ],
)
def test_dateline_is_never_a_speaker(body, speaker):
    """Rule 3. With the ferry operator, no speaker (or the operator, or its statement) is
    acceptable: only the dateline city is wrong. With a named subject, the subject."""
    quote = quote_with(analyze_text(HEADLINE + body), "fair and final")
    assert "PORTVILLE" not in (quote.speaker or "")
    if speaker is not None:
        assert quote.speaker == speaker


def test_narrator_of_a_campaign_ad():
    """Rule 7: the narrator is the speaker, described by the ad it speaks in."""
    analysis = analyze_text(
        HEADLINE + "Deputy Mayor Tom Okafor is running for a second term.\n\n"
        "“Why should commuters pay more?” a narrator in the Okafor campaign ad asks."
    )
    quote = quote_with(analysis, "commuters pay more")
    assert "narrator" in (quote.speaker or "")
    assert quote.speaker_kind in ("document", "anonymous", "description")


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            "The court order said the closure was “unlawful and void.”", id="order-said"
        ),
        pytest.param(
            "The court order released Friday said the closure was “unlawful and void.”",
            id="order-released-friday-said",
        ),
    ],
)
def test_court_order_is_a_document_not_an_anonymous_source(body):
    """Rule 7: a court order is a document source, never an anonymous one."""
    analysis = analyze_text(HEADLINE + body)
    quote = quote_with(analysis, "unlawful and void")
    assert quote.speaker_kind == "document"
    assert "order" in (quote.speaker or "")
    assert not [f for f in analysis.flags if f.kind == "anonymous-source"]


def test_name_of_organisation_wrote():
    """Rule 10: "Name of the Organisation wrote": the name, with the organisation as title."""
    quote = quote_with(
        analyze_text(
            HEADLINE + "“The bridge is unsafe,” Jeffrey Lowell of the Coastal Engineering "
            "Institute wrote in March."
        ),
        "bridge is unsafe",
    )
    assert quote.speaker == "Jeffrey Lowell"
    assert quote.speaker_kind == "person"
    assert "Coastal Engineering Institute" in (quote.speaker_title or "")


def test_name_of_organisation_fills_speaker_org():
    quote = quote_with(
        analyze_text(
            HEADLINE + "“The bridge is unsafe,” Jeffrey Lowell of the Coastal Engineering "
            "Institute wrote in March."
        ),
        "bridge is unsafe",
    )
    assert quote.speaker_org == "Coastal Engineering Institute"


@pytest.mark.parametrize(
    ("body", "substring", "speaker", "title"),
    [
        pytest.param(
            "Councillor Dana Whitfield agreed. “The timetable has failed riders for years.”",
            "failed riders", "Dana Whitfield", "Councillor", id="9-lead-in",
        ),
        pytest.param(
            "“We will appeal,” Graham, a former councillor, told the Gazette.",
            "We will appeal", "Graham", "former councillor", id="4-appositive",
        ),
    ],
)
def test_councillor_is_a_title(body, substring, speaker, title):
    """Rules 4 and 9 with the British 'councillor', as this newsroom writes it."""
    quote = quote_with(analyze_text(HEADLINE + body), substring)
    assert (quote.speaker, quote.speaker_title) == (speaker, title)


def test_short_vox_pop_signature():
    """Rule 12 with a short vox pop: the quotation is still Mira Santos's."""
    analysis = analyze_text(
        HEADLINE + "Riders at the pier gave their views.\n\n"
        "“I would rather take what he calls “the slow boat” than pay that fare.” ― Mira Santos"
        "\n\nThe council meets again in June."
    )
    assert quote_with(analysis, "the slow boat").speaker == "Mira Santos"


# Words and marks that attributions are made of, for the property test.
ATTRIBUTION_PIECES = st.sampled_from(
    ["“", "”", '"', "‘", "’", ",", ".", "—", "―", "\n", "\n\n", " ", " ", " ",
     "said", "says", "told reporters", "barked", "fired back", "saying", "agreed", "asks",
     "according to", "wrote", "she", "he", "Okafor", "Tom Okafor", "Mayor", "Councillor",
     "Dana Whitfield", "Sen. Paula Brandt", "(D-Ore.)", "the Portville businessman",
     "a narrator in the ad", "PORTVILLE (Reuters)", "In an interview on Monday",
     "the fares", "are", "too high", "the following statement:", "of the Harbour Trust"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ATTRIBUTION_PIECES, max_size=50).map("".join))
def test_attribution_never_raises_and_quote_offsets_hold(body):
    analysis = analyze_text(HEADLINE + body)
    for quote in analysis.quotes:
        assert quote.text == analysis.article.text[quote.start : quote.end]


def test_commenting_on_something_is_not_reported_speech():
    """"The first time Okafor has commented on the fares" says who spoke, not what: the
    sentence is the writer's claim, with no speaker."""
    analysis = analyze_text(
        HEADLINE + "Deputy Mayor Tom Okafor met riders on Monday.\n\n"
        "This is the first time Okafor has publicly commented on the fares."
    )
    claim = next(c for c in analysis.claims if "commented" in c.text)
    assert claim.speaker is None
