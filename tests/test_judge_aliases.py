"""An actor's other names in the offline judge (rag/judge/aliases.py) and a person's whole name
(rag/judge/names.py): general sources, checked on invented news sentences, not the shipped corpus."""

from __future__ import annotations

from rag import check_claim, with_header
from rag.judge import aliases
from rag.judge.names import name_runs, name_stems, same_name


def test_a_capital_or_an_official_name_stands_for_its_country():
    passage = "China rejected the proposal on Monday, the foreign ministry said."
    assert check_claim("Beijing rejected the proposal on Monday.", [passage]).supported is True
    assert check_claim("The PRC rejected the proposal on Monday.", [passage]).supported is True
    wrong = check_claim("Tokyo rejected the proposal on Monday.", [passage])
    assert wrong.supported is False and "japan" in wrong.reason


def test_initials_are_a_country_only_where_they_spell_one_of_its_names():
    passage = "The United Arab Emirates signed the trade deal in Dubai."
    assert check_claim("The UAE signed the trade deal in Dubai.", [passage]).supported is True
    assert aliases.rewrite("the U.K. and the US") == "the UnitedKingdom and the UnitedStates"
    assert aliases.rewrite("KP said") == "KP said"  # North Korea's ISO code spells none of its names


def test_an_acronym_the_texts_use_stands_for_the_name_it_spells():
    passage = "The European Central Bank raised interest rates again on Thursday."
    assert check_claim("The ECB raised interest rates again on Thursday.", [passage]).supported is True
    assert check_claim("The IMF raised interest rates again on Thursday.", [passage]).supported is False
    text = "the UN Security Council and the Security Council"
    with aliases.acronyms(["the UNSC met", text]):  # a claim and its passage, as the judge passes them
        assert aliases.rewrite(text) == "the UNSC and the UNSC"
    # outside a check that uses the acronym, the name stays as written
    assert aliases.rewrite("the Security Council") == "the Security Council"


def test_an_acronym_is_spelt_by_lower_case_words_or_by_the_name_said_with_of():
    passage = "The Justice Department opened an inquiry into the Harbor Foods merger on Friday."
    assert check_claim("The DOJ opened an inquiry into the Harbor Foods merger on Friday.", [passage]).supported is True
    other = check_claim("The FTC opened an inquiry into the Harbor Foods merger on Friday.", [passage])
    assert other.supported is False
    passage = "Ray Dunn was named the most valuable player of the final on Sunday."
    assert check_claim("Ray Dunn was named MVP of the final on Sunday.", [passage]).supported is True
    improved = "Ray Dunn was named the most improved player of the final on Sunday."
    assert check_claim("Ray Dunn was named MVP of the final on Sunday.", [improved]).supported is False
    with aliases.acronyms(["the MVP and the DOJ", "the most valuable player", "the Justice Department"]):
        assert aliases.rewrite("the most valuable player") == "the MVP"
        assert aliases.rewrite("the Justice Department") == "the DOJ"
        assert aliases.rewrite("the Department of Justice") == "the DOJ"
    assert aliases.rewrite("the most valuable player") == "the most valuable player"


def test_the_north_is_the_country_of_that_word_the_check_names():
    text = "the North and South met; the North's envoy left"
    with aliases.acronyms(["North Korea and South Korea", text, "the North Pole"]):
        assert aliases.rewrite(text) == "NorthKorea and SouthKorea met; NorthKorea's envoy left"
        assert aliases.rewrite("the North Pole") == "the North Pole"
    with aliases.acronyms(["a storm in the North"]):
        assert aliases.rewrite("the North") == "the North"


def test_a_person_is_named_by_the_whole_name():
    passage = "Mayor Luis Alvarez opened the new Oakdale library on Monday."
    assert check_claim("Luis Alvarez opened the new Oakdale library on Monday.", [passage]).supported is True
    assert check_claim("Alvarez opened the new Oakdale library on Monday.", [passage]).supported is True
    other = check_claim("Maria Alvarez opened the new Oakdale library on Monday.", [passage])
    assert other.supported is False and "Maria Alvarez" in other.reason
    # a middle name left out is the same person; another first name is not
    middle = "Luis Carlos Alvarez, 49, of Oakdale, is accused of failing to report $2 million in sales."
    assert check_claim("Luis Alvarez, 49, is accused of failing to report $2 million in sales.", [middle]).supported
    assert not check_claim("Jose Alvarez, 49, is accused of failing to report $2 million in sales.", [middle]).supported
    # a name inside a longer one is the same place: the school is named after it
    school = "Parents of a pupil at Harbor Point Elementary School sued the district on Friday."
    assert check_claim("Parents of a Harbor Point pupil sued the district on Friday.", [school]).supported is True


def test_two_people_who_share_a_names_words_stay_two():
    passage = ("Kim Yo-jong, the sister of leader Kim Jong-un, dismissed the offer of talks on Wednesday. "
               "Kim Jong-un hailed the satellite launch as a breakthrough.")
    claim = "Kim Yo Jong hailed the satellite launch as a breakthrough."
    assert check_claim(claim, [passage.split(". ")[1]]).supported is False
    assert name_runs("Kim Jong-un met Kim Jong Un") == frozenset({("Kim", "Jong", "Un")})
    assert same_name(("Harbor", "Pictures", "Arts"), ("Harbor", "Picture", "Arts"))  # words compare by stem
    assert not same_name(("Harbor", "Pictures", "Arts"), ("Harbor", "Movie", "Arts"))
    assert name_runs("the Trump-Kim summit with Linda Thomas-Greenfield") == frozenset(
        {("Trump-Kim",), ("Linda", "Thomas-Greenfield")}
    )


def test_the_articles_title_names_whom_the_passage_calls_by_surname():
    body = "Alvarez said the Oakdale library would open on Monday after two years of repairs."
    passage = with_header(body, "Luis Alvarez reopens the Oakdale library", "oakdale.example", "2024-05-02")
    claim = "Luis Alvarez said the Oakdale library would open on Monday after two years of repairs."
    assert check_claim(claim, [passage]).supported is True
    assert check_claim(claim, [body]).supported is False  # without the title, "Luis" is in no text
    assert check_claim(claim.replace("Luis", "Maria"), [passage]).supported is False
    # a title quoted in the title: its first word is a name after the opening quote, not after a letter
    body = "The film made $160 million over the holiday weekend, a record for the holiday."
    passage = with_header(body, "'Harbor Lights: Return' soars at the box office", "oakdale.example", "2024-05-02")
    claim = "Harbor Lights: Return made $160 million over the holiday weekend, a record for the holiday."
    assert check_claim(claim, [passage]).supported is True
    assert check_claim(claim, [body]).supported is False
    assert "harbor" in name_stems("They saw 'Harbor Lights' on Monday") and "brien" not in name_stems("O'Brien")

