"""Misattribution checks, one unit at a time, and the acceptance case from issue 5."""

import datetime as dt

import pytest

from factcheck.analysis.model import Analysis, Article, Claim, Quote, Speaker
from factcheck.officials import checks
from factcheck.officials.checks import (
    OtherQuote,
    TitleContext,
    TitleUse,
    check_quote_other_speaker,
    collect_title_uses,
    quote_similarity,
    run_checks,
)
from factcheck.officials.registry import PartialDate, Registry, Role
from factcheck.officials.titles import normalise_title

D = dt.date
ARTICLE_DATE = D(2021, 6, 18)


def P(text):
    return PartialDate.parse(text) if text else None


def make_registry():
    reg = Registry()
    psaki = reg.add_person("Jen Psaki", aliases=["Jennifer Psaki"])
    for title, org, start, end in [
        ("State Department spokesperson", "US Department of State", "2013-02-11", "2015-03-31"),
        ("White House Communications Director", "White House", "2015-04-01", "2017-01-20"),
        ("White House press secretary", "White House", "2021-01-20", "2022-05-13"),
    ]:
        reg.add_role(Role(psaki.id, title, org, P(start), P(end), "test"))
    kim = reg.add_person("Kim Jong-un", aliases=["Kim Jong Un"])
    reg.add_role(Role(kim.id, "Supreme Leader of North Korea", "", P("2011-12"), None, "test"))
    reg.add_role(
        Role(
            kim.id,
            "Chairman of the Workers' Party of Korea",
            "Workers' Party of Korea",
            P("2016-05-09"),
            P("2021-01-10"),
            "test",
        )
    )
    reg.add_role(
        Role(
            kim.id,
            "General Secretary of the Workers' Party of Korea",
            "Workers' Party of Korea",
            P("2021-01-10"),
            None,
            "test",
        )
    )
    return reg


@pytest.fixture
def reg():
    return make_registry()


def ctx_for(reg, name, title, date=ARTICLE_DATE, org=None):
    person = reg.find_person(name)[0]
    use = TitleUse(name, title, org, (7,))
    return TitleContext(person, reg.roles_of(person.id), use, normalise_title(title, org), date)


def one_role_registry(start, end=None, title="White House press secretary"):
    reg = Registry()
    p = reg.add_person("Ann Example")
    reg.add_role(Role(p.id, title, "White House", P(start), P(end), "test"))
    return reg


# --- title-date-mismatch -----------------------------------------------------------------


def test_title_date_mismatch_names_both_roles_and_dates(reg):
    flag = checks.check_title_date_mismatch(
        ctx_for(reg, "Jen Psaki", "US State Department spokesperson")
    )
    assert flag is not None and flag.kind == "title-date-mismatch"
    assert flag.claim_id == 7
    assert "On 2021-06-18 Jen Psaki was White House press secretary (since 2021-01-20)." in (
        flag.message
    )
    assert "State Department spokesperson 2013-02-11 to 2015-03-31" in flag.message
    assert flag.details["matching_roles"][0]["start"] == "2013-02-11"
    assert flag.details["roles_on_date"][0]["title"] == "White House press secretary"
    assert flag.details["article_date"] == "2021-06-18"


def test_correct_title_is_not_flagged(reg):
    for title in ["White House press secretary", "White House spokeswoman", "press secretary"]:
        ctx = ctx_for(reg, "Jen Psaki", title)
        assert all(check(ctx) is None for check in checks.TITLE_CHECKS), title


def test_role_starting_the_day_after_is_flagged():
    reg = one_role_registry("2021-06-19")
    flag = checks.check_title_date_mismatch(
        ctx_for(reg, "Ann Example", "White House press secretary")
    )
    assert flag is not None
    assert "became White House press secretary on 2021-06-19" in flag.message


def test_role_starting_on_the_day_is_not_flagged():
    reg = one_role_registry("2021-06-18")
    ctx = ctx_for(reg, "Ann Example", "White House press secretary")
    assert all(check(ctx) is None for check in checks.TITLE_CHECKS)


# --- title-date-uncertain ----------------------------------------------------------------


@pytest.mark.parametrize(("start", "end"), [("2021", None), ("2021-06", None), ("2019", "2021")])
def test_year_or_month_precision_is_uncertain_never_a_mismatch(start, end):
    reg = one_role_registry(start, end)
    ctx = ctx_for(reg, "Ann Example", "White House press secretary")
    flag = checks.check_title_date_uncertain(ctx)
    assert flag is not None and flag.kind == "title-date-uncertain"
    assert "known only to the" in flag.message
    assert checks.check_title_date_mismatch(ctx) is None
    assert checks.check_former_title_missing(ctx) is None
    assert (
        checks.check_title(ctx.person, ctx.roles, ctx.use, ctx.date).kind == "title-date-uncertain"
    )


def test_precision_outside_the_uncertain_range_is_confident():
    reg = one_role_registry("2022")
    ctx = ctx_for(reg, "Ann Example", "White House press secretary")
    assert checks.check_title_date_uncertain(ctx) is None
    assert checks.check_title_date_mismatch(ctx) is not None


# --- title-needs-date --------------------------------------------------------------------


def test_no_publication_date_says_the_check_needs_one(reg):
    ctx = ctx_for(reg, "Jen Psaki", "US State Department spokesperson", date=None)
    flag = checks.check_title_needs_date(ctx)
    assert flag.kind == "title-needs-date" and "publication date" in flag.message
    assert checks.check_title_date_mismatch(ctx) is None


# --- title-not-found ---------------------------------------------------------------------


def test_title_not_found(reg):
    ctx = ctx_for(reg, "Jen Psaki", "Secretary of Defense")
    flag = checks.check_title_not_found(ctx)
    assert flag.kind == "title-not-found"
    assert "White House press secretary" in flag.message  # lists what is known
    assert checks.check_title_not_found(ctx_for(reg, "Jen Psaki", "press secretary")) is None


def test_rank_modifier_makes_a_different_title(reg):
    assert checks.check_title_not_found(ctx_for(reg, "Jen Psaki", "deputy press secretary"))


# --- former ------------------------------------------------------------------------------


def test_former_title_current(reg):
    flag = checks.check_former_title_current(
        ctx_for(reg, "Jen Psaki", "former White House press secretary")
    )
    assert flag.kind == "former-title-current" and "still held" in flag.message


def test_former_title_for_an_ended_role_is_fine(reg):
    ctx = ctx_for(reg, "Jen Psaki", "former State Department spokeswoman")
    assert all(check(ctx) is None for check in checks.TITLE_CHECKS)


def test_former_title_missing_when_nothing_else_is_held():
    reg = one_role_registry("2015-01-01", "2017-01-20")
    ctx = ctx_for(reg, "Ann Example", "White House press secretary")
    flag = checks.check_former_title_missing(ctx)
    assert flag.kind == "former-title-missing"
    assert '"former White House press secretary"' in flag.message
    assert checks.check_title_date_mismatch(ctx) is None


def test_former_for_a_role_not_yet_held_is_a_mismatch():
    reg = one_role_registry("2021-06-19")
    ctx = ctx_for(reg, "Ann Example", "former White House press secretary")
    assert checks.check_title_date_mismatch(ctx).kind == "title-date-mismatch"


def test_then_title_accepts_a_past_role(reg):
    ctx = ctx_for(reg, "Jen Psaki", "then-State Department spokesperson")
    assert all(check(ctx) is None for check in checks.TITLE_CHECKS)


def test_role_without_dates_is_never_flagged_on_dates():
    reg = Registry()
    p = reg.add_person("Ann Example")
    reg.add_role(Role(p.id, "White House press secretary", "White House"))
    ctx = ctx_for(reg, "Ann Example", "White House press secretary")
    assert all(check(ctx) is None for check in checks.TITLE_CHECKS)


# --- quotes ------------------------------------------------------------------------------

POLICY = (
    "our policy will not focus on achieving a grand bargain, nor will it rely on strategic patience"
)


def q(text, speaker, claim_id, title=None, org=None):
    return Quote(text, 0, len(text), claim_id, speaker, title, org)


def test_quote_similarity_tolerates_small_edits_and_ellipses():
    assert quote_similarity(POLICY, POLICY.replace("will not", "won't")) >= 90
    assert (
        quote_similarity(
            "our policy will not focus ... nor will it rely on strategic patience", POLICY
        )
        >= 90
    )
    assert quote_similarity("our policy will not focus… strategic patience", POLICY) >= 90
    assert quote_similarity(POLICY, "the ball is in North Korea's court, said the official") < 90


def test_short_quotes_are_ignored():
    assert quote_similarity("a thug", "a thug") == 0


def test_quote_attributed_to_another_speaker_in_the_article():
    flags = check_quote_other_speaker([q(POLICY, "Jen Psaki", 1), q(POLICY, "Ned Price", 5)])
    assert {f.claim_id for f in flags} == {1, 5}
    assert all(f.kind == "quote-other-speaker" for f in flags)
    assert "Ned Price" in flags[0].message and "claim 5" in flags[0].details["where"]


def test_same_speaker_by_surname_or_alias_is_not_flagged(reg):
    text = "especially to get fully prepared for confrontation"
    assert check_quote_other_speaker([q(text, "Kim Jong-un", 1), q(text, "Kim", 4)]) == []
    assert (
        check_quote_other_speaker(
            [q(POLICY, "Jennifer Psaki", 1)], [(POLICY, "Jen Psaki", "review 3")], registry=reg
        )
        == []
    )


def test_quote_attributed_to_another_speaker_elsewhere():
    flags = check_quote_other_speaker(
        [q(POLICY, "Jen Psaki", 1)],
        [OtherQuote(POLICY[:60] + "...", "Antony Blinken", "evidence: state.gov briefing")],
    )
    assert len(flags) == 1
    assert flags[0].details["where"] == "evidence: state.gov briefing"
    assert "Antony Blinken" in flags[0].message


# --- run_checks and the acceptance case --------------------------------------------------


def seed_analysis(published=ARTICLE_DATE, psaki_title="US State Department spokesperson"):
    kim1 = "especially to get fully prepared for confrontation"
    easley = (
        "The Biden administration has said the ball is in North Korea's court, but the "
        "Kim regime has been serving up some strategic patience of its own"
    )
    quotes = [
        q("dialogue and confrontation", "Kim Jong-un", 0, "North Korean leader"),
        q(kim1, "Kim Jong-un", 0, "North Korean leader"),
        q(kim1 + " in order to protect the dignity of our state", "Kim", 5),
        q(POLICY, "Jen Psaki", 12, psaki_title),
        q(
            easley,
            "Leif-Eric Easley",
            15,
            "associate professor of international studies at Ewha Womans University in Seoul",
        ),
    ]
    speakers = [
        Speaker("Kim Jong-un", ["North Korean leader"]),
        Speaker("Jen Psaki", [psaki_title]),
        Speaker(
            "Leif-Eric Easley",
            ["associate professor of international studies"],
            ["Ewha Womans University"],
        ),
    ]
    claims = [Claim(i, "x", 0, 1, "quote", 0.5) for i in range(20)]
    return Analysis(
        Article("text", published=published), claims=claims, quotes=quotes, speakers=speakers
    )


def test_acceptance_seed_article(reg):
    flags = run_checks(seed_analysis(), reg)
    assert [f.kind for f in flags] == ["title-date-mismatch"]
    flag = flags[0]
    assert flag.claim_id == 12
    assert "White House press secretary (since 2021-01-20)" in flag.message
    assert "State Department spokesperson 2013-02-11 to 2015-03-31" in flag.message
    assert flag.details["person"] == "Jen Psaki"


def test_acceptance_correct_title_gives_no_flag(reg):
    assert run_checks(seed_analysis(psaki_title="White House press secretary"), reg) == []


def test_acceptance_without_date(reg):
    flags = run_checks(seed_analysis(published=None), reg)
    kinds = sorted(f.kind for f in flags)
    assert kinds == ["title-needs-date", "title-needs-date"]  # Kim and Psaki, not Easley


def test_speakers_not_in_registry_are_never_flagged():
    assert run_checks(seed_analysis(), Registry()) == []


def test_collect_title_uses_deduplicates():
    uses = collect_title_uses(seed_analysis())
    names = [(u.name, u.title) for u in uses]
    assert names.count(("Jen Psaki", "US State Department spokesperson")) == 1
    psaki = next(u for u in uses if u.name == "Jen Psaki")
    assert psaki.claim_ids == (12,)
    kim = next(u for u in uses if u.name == "Kim Jong-un")
    assert kim.claim_ids == (0,)


def test_surname_and_full_name_are_checked_once(reg):
    a = seed_analysis()
    a.quotes.append(q(POLICY[:40] + " more", "Psaki", 13, "State Department spokeswoman"))
    flags = [f for f in run_checks(a, reg) if f.kind == "title-date-mismatch"]
    assert len(flags) == 1
    assert flags[0].details["claim_ids"] == [12, 13]


def test_ambiguous_name_is_skipped(reg):
    reg.add_person("Jen Psaki")  # a namesake
    assert run_checks(seed_analysis(), reg) == []


def test_run_checks_passes_other_quotes(reg):
    flags = run_checks(
        seed_analysis(psaki_title="press secretary"),
        reg,
        other_quotes=[(POLICY, "Ned Price", "review 9")],
    )
    assert [f.kind for f in flags] == ["quote-other-speaker"]


def test_acceptance_with_registry_imported_from_examples_csv():
    from pathlib import Path

    from factcheck.officials.io import merge, parse_file

    reg = Registry()
    merge(reg, parse_file(Path(__file__).resolve().parents[1] / "examples" / "officials.csv"))
    flags = run_checks(seed_analysis(), reg)
    assert [(f.kind, f.claim_id) for f in flags] == [("title-date-mismatch", 12)]
    assert "White House press secretary (since 2021-01-20)" in flags[0].message
    assert "State Department spokesperson 2013-02-11 to 2015-03-31" in flags[0].message


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "the", "of"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from(_WORDS), min_size=3, max_size=10), st.integers(0, 3)),
        min_size=2,
        max_size=8,
    )
)
def test_word_filter_never_loses_a_match(items):
    """The inverted-index shortcut finds exactly what comparing every pair finds."""
    quotes = [q(" ".join(words), f"Speaker{s} X{s}", i) for i, (words, s) in enumerate(items)]
    got = {(f.claim_id, f.details["other_speaker"]) for f in check_quote_other_speaker(quotes)}
    expected = set()
    for a in quotes:
        for b in quotes:
            similar = quote_similarity(a.text, b.text) >= checks.QUOTE_MATCH_THRESHOLD
            if a is not b and a.speaker != b.speaker and similar:
                expected.add((a.claim_id, b.speaker))
    assert got == expected
