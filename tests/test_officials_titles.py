"""Title normalisation: one test per rule of officials/data/titles.toml."""

import pytest

from factcheck.officials.titles import TitleRules, default_rules, normalise_title, titles_match


def test_shipped_rules_load_and_are_consistent():
    rules = default_rules()
    assert rules.phrases and rules.equivalences


@pytest.mark.parametrize(
    "text",
    [
        "US State Department spokesperson",
        "U.S. State Department spokesperson",
        "United States State Department spokesperson",
        "American State Department spokesman",
        "State Department spokeswoman",
        "Department of State spokesperson",
        "State Dept. spokesperson",
        "spokesperson for the U.S. Department of State",
        "spokeswoman for the State Department",
    ],
)
def test_organisation_aliases_and_word_order(text):
    assert titles_match(text, "US State Department spokesperson")
    assert normalise_title(text).organisation == "us_state_department"


def test_case_accents_and_punctuation_are_ignored():
    assert titles_match("STATE DEPARTMENT SPOKESPERSON", "state départment spokesperson")


@pytest.mark.parametrize("word", ["spokesperson", "spokeswoman", "spokesman"])
def test_role_synonyms(word):
    assert normalise_title(f"Pentagon {word}").role == "spokesperson"


def test_pentagon_is_the_department_of_defense():
    assert titles_match("Pentagon spokesman", "Department of Defense spokesperson")


def test_white_house_press_secretary_and_spokeswoman_are_one_role():
    assert titles_match("White House press secretary", "White House spokeswoman")
    assert titles_match("spokeswoman", "White House press secretary")


def test_press_secretary_and_spokesperson_differ_across_organisations():
    assert not titles_match("State Department spokesperson", "White House press secretary")
    assert not titles_match("US State Department spokesperson", "White House spokeswoman")


def test_press_secretary_and_spokesperson_differ_without_an_organisation():
    assert not titles_match("spokesperson", "press secretary")


def test_country_is_compatible_with_its_organisations_only():
    assert titles_match("US spokesperson", "State Department spokesperson")
    assert not titles_match("North Korean spokesperson", "State Department spokesperson")


def test_different_organisations_do_not_match():
    assert not titles_match("Pentagon spokesman", "State Department spokesman")


@pytest.mark.parametrize(
    ("text", "temporal"),
    [
        ("former Secretary of State", "former"),
        ("ex-Secretary of State", "former"),
        ("then-Secretary of State", "then"),
        ("Secretary of State", None),
    ],
)
def test_temporal_modifiers(text, temporal):
    title = normalise_title(text)
    assert title.temporal == temporal
    assert titles_match(text, "Secretary of State")


@pytest.mark.parametrize("modifier", ["acting", "deputy", "interim"])
def test_rank_modifiers_matter(modifier):
    assert modifier in normalise_title(f"{modifier} Secretary of Defense").modifiers
    assert not titles_match(f"{modifier} Secretary of Defense", "Secretary of Defense")
    assert titles_match(f"{modifier} Secretary of Defense", f"{modifier} defense secretary")


def test_former_and_rank_modifiers_combine():
    title = normalise_title("former deputy press secretary")
    assert title.temporal == "former" and title.rank == {"deputy"}


def test_role_implies_its_organisation():
    assert normalise_title("Secretary of State").organisation == "us_state_department"
    assert titles_match("US Secretary of State", "Secretary of State, Department of State")


def test_separate_organisation_argument_is_used_when_title_names_none():
    title = normalise_title("spokesperson", "U.S. Department of State")
    assert title.organisation == "us_state_department"


def test_country_adjective_and_leader_equivalence():
    assert titles_match("North Korean leader", "Supreme Leader of North Korea")
    assert titles_match("North Korean leader", "General Secretary of the Workers' Party of Korea")
    assert not titles_match("North Korean leader", "Chairman of the Workers' Party of Korea")


def test_unknown_roles_compare_by_their_words():
    assert titles_match("associate professor", "Associate Professor")
    assert not titles_match("associate professor", "professor emeritus")
    assert normalise_title("associate professor").known_role is False


def test_empty_title_matches_nothing():
    assert normalise_title("").role is None
    assert not titles_match("", "")


def test_rules_are_extensible_by_editing_the_toml():
    rules = TitleRules.from_toml(
        """
        [organisations.nhs]
        label = "NHS"
        names = ["nhs", "national health service"]
        [roles.chief_executive]
        names = ["chief executive", "ceo"]
        """
    )
    assert titles_match("NHS CEO", "chief executive of the National Health Service", rules=rules)


@pytest.mark.parametrize(
    "bad",
    [
        '[roles.a]\nnames=["x"]\n[roles.b]\nnames=["x"]',
        '[organisations.a]\ncountry="nowhere"\nnames=["a"]',
        '[roles.a]\nnames=["a"]\n[[equivalences]]\norganisation="nowhere"\nroles=["a"]',
        '[roles.a]\nnames=["a"]\norganisation="nowhere"',
    ],
)
def test_inconsistent_rules_are_rejected(bad):
    with pytest.raises(ValueError):
        TitleRules.from_toml(bad)


def test_unknown_organisation_in_title_is_its_organisation():
    from factcheck.officials.titles import normalise_title, titles_match

    written = normalise_title("chief executive of the Harbour Transit Authority",
                              "Harbour Transit Authority")
    recorded = normalise_title("Chief Executive", "Harbour Transit Authority")
    assert written.role == recorded.role == "chief executive"
    assert titles_match(written, recorded)
    other = normalise_title("Chief Executive", "Ferry Riders Union")
    assert not titles_match(written, other)
