"""The offline judge's checks that read spaCy's analysis (issue 13): who did what to whom, negation
scope, what numbers count, dates against the passage's header, the outlet a claim credits,
claims merged from two passages, and what it costs (what it parses)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from test_judge import (
    NEIGHBOURS,
    STATE_DEPT,
    UN_2023,
    VOA,
    _corpus,
    assert_falsified_kinds,
)

from evals.judge_accuracy import judge_accuracy, load_cases
from rag import OfflineJudge, check_claim, check_claims, normalise, with_header
from rag.judge.dates import evidence_dates, parse_date
from rag.judge.header import names_outlet, split_header

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
DEV = load_cases(Path(__file__).resolve().parents[1] / "evals" / "judge_dev.jsonl")
JUDGE = OfflineJudge()

# Measured: 0.970 on the 166 development claims (unsupported recall 0.976); the judge before the
# parse scored 0.681 (recall 0.530). Each later batch was first scored before the fixes it
# prompted (0.864, 0.767 and 0.900 on the second, third and fourth): the bars leave room for a
# few misses.
MIN_DEV_ACCURACY = 0.95
MIN_DEV_RECALL = 0.95

# Real corpus passages, with the header line the chain gives a cited passage.
VOA_2021 = with_header(VOA, "North Korea Dismisses US Calls for Talks", "globalsecurity.org", "2021-09-29")
RT_2023 = with_header(UN_2023, "North Korea rules out talks with 'two-faced' US", "rt.com", "2023-11-30")
CONDEMNED = (
    "The United States has condemned Pyongyang’s recent launches, but on the same Wednesday reiterated its "
    "offer for dialogue through its envoy for North Korea."
)
SUMMIT = (
    "Earlier this week, Kim Yo Jong, a senior North Korean official and sister of Kim Jong Un, said Pyongyang "
    "would also consider an inter-Korean summit as well as a formal declaration ending the Korean War of 1950-53."
)
OFFER = (
    "Since its accession to the White House, the Joe Biden government has repeatedly offered the isolated "
    "communist regime a meeting anywhere, anytime and without preconditions."
)
SESSION = (
    "Citing North Korea’s Central News Agency (KCNA), Reuters reported on Thursday that the North Korean leader "
    "made the statement in its address to the 5th session of the reclusive country’s 14th Supreme People’s Assembly."
)
CUT = (
    "Pyongyang’s communication channels with Seoul were cut off on June 9, 2020, also closing later the "
    "inter-Korean liaison office in the border city of Kaesong."
)
BLEW = (
    "Communication between the two sides has been severed since the middle of last year, while the North also "
    "blew up an inter-Korean liaison office along the border in June 2020."
)
SATELLITE = (
    "Kim Yo-jong, North Korea’s foreign policy chief and sister of leader Kim Jong-un, dismissed the possibility "
    "of resuming negotiations with US officials on Wednesday, citing the “extreme double standards” displayed at "
    "this week’s UN Security Council (UNSC) meeting regarding the launch of Pyongyang’s first spy satellite."
)
BIDEN = (
    "The administration of U.S. President Joe Biden has repeatedly called for North Korea to resume negotiations, "
    "stalled since 2019, on the country's nuclear program."
)
MOON = (
    "Earlier this week, Kim Yo Jong, a senior North Korean official and sister of Kim Jong Un, said Pyongyang would "
    "also consider an inter-Korean summit as well as a formal declaration ending the Korean War of 1950-53.\n\n"
    "The moves create a tricky situation for South Korean President Moon Jae-in, a left-leaning politician who "
    "wants to resume talks with North Korea before his single presidential term expires in May."
)
BLASTED = "North Korea has blasted Washington for offering renewed peace negotiations even as it ramps up military provocations in the region."
THREAT = (
    "“The main threat to international peace and security does not come from the exercise of the DPRK's sovereign "
    "right but from the US high-handed and arbitrary practices to disturb and oppress it.”"
)
TENSIONS = "Tensions have dramatically escalated since then as both the North and South test-launched ballistic missiles this month."
AA_2021 = with_header(
    "In an address to the country’s parliament, Kim said relations with Seoul remain “at a crossroads” and it is "
    "imperative that South Korean authorities change their “confrontational” attitude toward the North, "
    "state-run Korean Central News Agency (KCNA) reported.",
    "North Korea ready to smooth ties with South, skeptical of 'hostile' US", "aa.com.tr", "2021-09-30",
)


# -- the development set -----------------------------------------------------------------------


def test_development_set_is_balanced_and_from_the_corpus():
    assert len(DEV) >= 60 and len({c.id for c in DEV}) == len(DEV)
    assert Counter(c.supported for c in DEV)[True] == len(DEV) / 2
    corpus = _corpus()
    for case in DEV:
        for passage in case.passages:
            header, body = split_header(passage)
            assert all(normalise(p) in corpus for p in body.split("\n\n")), case.id
            assert header is None or header.title, case.id
    assert_falsified_kinds(DEV, ("role", "number", "unit", "date", "negation", "outlet", "merge"))


def test_offline_judge_accuracy_on_the_development_set():
    result = judge_accuracy(JUDGE, DEV)
    misses = "\n".join(f"{e['id']}: {e['claim']} -> {e['reason']}" for e in result["errors"])
    assert result["failures"] == 0
    assert result["accuracy"] >= MIN_DEV_ACCURACY, misses
    assert result["recall"] >= MIN_DEV_RECALL, misses


# -- what the parse catches, and what it lets through ------------------------------------------


MEDALIST = ("Ana Ruiz, a two-time Olympic gold medalist and seven-time All-Star with the Oakdale Stars, was "
            "arrested in Lund.")
MISHAP = ("Tom Reed said that the city's lawyer had, in an apparent mishap, sent him two years of phone records that "
          "included every message Reed had sent.")


@pytest.mark.parametrize(
    ("kind", "claim", "passage", "reason_has"),
    [
        ("agent and patient swapped", "Pyongyang has condemned the United States' recent launches.", CONDEMNED, "roles differ"),
        ("another actor in the role", "Kim Jong Un said Pyongyang would also consider an inter-Korean summit.", SUMMIT, "roles differ"),
        ("roles swapped in the passive", "The Joe Biden government has been offered a meeting by the isolated communist regime.", OFFER, "roles differ"),
        ("a description for another", "The North Korean ambassador disputed the US claims that its missile tests were defensive.", UN_2023, "roles differ"),
        ("negation on another word", "Kim said he would not restore the stalled communication with South Korea in early October.", NEIGHBOURS, "negates 'restore'"),
        ("negation removed from a noun", "The US State Department said the US harbors hostile intent toward North Korea.", STATE_DEPT, "negates 'intent'"),
        ("a 'no' on the subject denies its verb",
         "A Harbor Foods spokesperson told reporters that stores had been directed by head office to cut their hours.",
         "Harbor Foods told reporters that any changes in store hours did not come from head office. \"To be clear, "
         "no Harbor Foods stores were directed to cut their hours,\" said a spokesperson.", "negates 'directed'"),
        ("negation cancelled", "The Biden government has offered the regime a meeting, but not without preconditions.", OFFER, "preconditions"),
        ("another thing counted", "North Korea has fired three missiles this month.", VOA, "counts 'tests'"),
        ("ordinals swapped", "Kim spoke to the 14th session of the 5th Supreme People's Assembly.", SESSION, "counts"),
        ("a date the header rules out", "Kim delivered his speech on September 28, 2021, the day North Korea announced its latest weapons test.", VOA_2021, "date 'september 28, 2021'"),
        ("a month the header rules out", "North Korea conducted three missile tests in October 2021.", VOA_2021, "date 'october 2021'"),
        ("another outlet", "According to CNN, US Ambassador Linda Thomas-Greenfield disputed North Korea's claims.", RT_2023, "from rt.com"),
        ("an outlet at the start", "Reuters reported that North Korea has conducted three missile tests this month.", VOA_2021, "credits reuters"),
        ("events in the other order", "South Korea and the US decided to move ahead with joint military drills after Pyongyang severed the hotlines.",
         "Pyongyang opened the hotlines in late July for the first time in about a year, but it severed them two weeks later, after the U.S. and South Korea decided to move ahead with annual joint military drills that North Korea sees as a provocation.",
         "other way round"),
        ("a possessive's owner turned around", "Seoul cut off its communication channels with Pyongyang on June 9, 2020.", CUT, "roles differ"),
        ("doer and other side swapped, one described", "North Korea has repeatedly called for the administration of "
         "U.S. President Joe Biden to resume negotiations on its nuclear program.", BIDEN, "as the agent of 'called'"),
        ("the doer of a gerund after its object", "North Korea is offering renewed peace negotiations.", BLASTED, "roles differ"),
        ("another month, both relative", "Tensions have escalated as both North and South Korea test-launched ballistic missiles last month.",
         TENSIONS, "'last month' where the passage says 'this month'"),
        ("a count of times moved to another noun",
         "Oakdale Stars player Ana Ruiz, a two-time All-Star with seven Olympic golds, was arrested in Lund.", MEDALIST,
         "counts 'time', not 'golds'"),
        ("sender and receiver swapped, the receiver a pronoun in the passage",
         "Tom Reed said that, in an apparent mishap, he had sent the city's lawyer two years of phone records "
         "containing every message Reed had sent.", MISHAP, "roles differ"),
        ("the reporter swapped", "The Korean Central News Agency reported on Thursday that the North Korean leader made the statement, citing Reuters.", SESSION, "roles differ"),
    ],
)
def test_parse_catches(kind: str, claim: str, passage: str, reason_has: str):
    v = JUDGE(claim, [passage])
    assert v.supported is False, f"{kind}: {v.reason}"
    assert reason_has in v.reason.lower(), v.reason


@pytest.mark.parametrize(
    ("kind", "claim", "passage"),
    [
        ("the passive of the same event", "Pyongyang's recent launches have been condemned by the United States.", CONDEMNED),
        ("a description of the same actor", "The US envoy to the UN disputed North Korea's claims that its missile tests were defensive.", UN_2023),
        ("a negation moved to the verb", "The State Department said the US does not harbor hostile intent toward North Korea.", STATE_DEPT),
        ("no more than a show", "Kim condemned the proposals as nothing more than a facade.",
         "Kim condemned these proposals as “nothing more than a facade to mask his disappointment and hostile acts."),
        ("a weekday dated by the header", "Kim delivered his speech on September 29, 2021, the day North Korea announced its latest weapons test.", VOA_2021),
        ("this month dated by the header", "North Korea has conducted three missile tests in September 2021.", VOA_2021),
        ("the header's outlet credited", "According to RT, US Ambassador Linda Thomas-Greenfield disputed North Korea's claims.", RT_2023),
        ("the outlet by its initials", "RT reported that Linda Thomas-Greenfield disputed North Korea's claims.", RT_2023),
        ("the doer described more briefly", "The Biden administration has repeatedly called for North Korea to resume the negotiations.", BIDEN),
        ("an event's date, the verb also used of another event", "Moon Jae-in wants to resume talks with North Korea before his term ends in May.", MOON),
        ("the object does what the gerund says", "Washington is offering renewed peace negotiations.", BLASTED),
        ("not from X but from Y", "Kim said the main threat to international peace comes not from the DPRK's sovereign right "
         "but from high-handed US practices.", THREAT),
        ("a possessive's owner as the subject", "Pyongyang cut off its communication channels with Seoul on June 9, 2020.", CUT),
        ("an ordinal on a longer compound", "Kim Yo-jong cited the double standards shown at a UN Security Council meeting about Pyongyang's first spy satellite launch.", SATELLITE),
        ("describers coordinated on one noun", "Two days before Kim spoke, US and North Korean diplomats clashed "
         "at the UNSC.", UN_2023),
        ("a coordinated verb continuing the reported clause",
         "Anadolu Agency reported that Kim described relations with Seoul as being at a crossroads and said South Korean authorities must change their attitude.",
         AA_2021),
        ("'lacking' as a negation, like 'without'",
         "Harbor Pay, used by more than 11,000 banks and lacking any globally accepted alternative, is essential "
         "to global finance.",
         "Harbor Pay was founded in 1973 and is now used by over 11,000 banks. With no globally accepted "
         "alternative, it is essential plumbing for global finance."),
        ("a possessor the parse made a second object (\"Sky News' Kay Burley\")",
         "Ana Ruiz told Sky News' Kay Burley that she had not threatened to quit.",
         "Speaking to Sky News after her appointment last night, Ana Ruiz denied she had threatened to quit, "
         "telling Kay Burley she \"didn't threaten to resign at all\"."),
        ("a count of times: what the times are of",
         "Oakdale Stars player Ana Ruiz, a seven-time All-Star with two Olympic golds, was arrested in Lund.",
         MEDALIST),
        ("the receiver a pronoun in the passage",
         "Tom Reed said that, in an apparent mishap, the city's lawyer had sent him two years of phone records "
         "containing every message Reed had sent.", MISHAP),
        ("a verb used without its object: what was started began",
         "The 30-year-old woman told the sheriff's office that the blaze began when she tried to burn a wasp nest "
         "with a lighter.",
         "A 30-year-old woman told the sheriff's office she had been trying to burn a wasp nest with a lighter "
         "when she started the blaze."),
        ("the name after its title in the claim, the title before it in the passage",
         "Acme Director Dr. Ana Ruiz said Thursday that, as of Wednesday, the company had found nine faulty engines.",
         "Acme has found nine faulty engines as of Wednesday, Director Dr. Ana Ruiz said Thursday."),
    ],
)
def test_parse_lets_through(kind: str, claim: str, passage: str):
    v = JUDGE(claim, [passage])
    assert v.supported is True, f"{kind}: {v.reason}"


def test_a_date_belongs_to_the_event_the_passages_give_it():
    """One passage dates the blast "June 2020", the other the cut lines "June 9, 2020": the blast
    on June 9 is in neither, though its words and its date are in what the claim cites."""
    passages = [BLEW, CUT]
    merged = JUDGE("North Korea blew up the inter-Korean liaison office on June 9, 2020.", passages)
    assert merged.supported is False and "not the one the passages give 'blew' (June 2020)" in merged.reason, merged.reason
    assert JUDGE("The North blew up an inter-Korean liaison office in June 2020.", passages).supported is True
    assert JUDGE("Pyongyang's communication channels with Seoul were cut off on June 9, 2020.", passages).supported is True
    # a passage that gives the event no date leaves the date to the word checks
    assert JUDGE("The lines were cut off on June 9, 2020.", [BLEW.replace(" in June 2020", ""), CUT]).supported is True


def test_a_relative_clause_set_off_by_commas_may_cite_its_own_passage():
    """ "lines with Seoul, which have been severed since ..., would be restored": the relative
    clause is one passage's fact, the rest the other's; each is checked on its own."""
    address = with_header(
        "He said Pyongyang will restore cross-border communication lines with Seoul in early October as a first step "
        "for lasting peace on the Korean peninsula.", "North Korea to restore hotline", "aa.com.tr", "2021-09-30")
    claim = "Kim said communication lines with Seoul, which have been severed since {}, would be restored in early October."
    assert JUDGE(claim.format("the middle of last year"), [address, BLEW]).supported is True
    wrong = JUDGE(claim.format("June 9"), [address, BLEW])
    assert wrong.supported is False and "which have been severed since June 9" in wrong.reason, wrong.reason


def test_a_merged_claim_needs_one_passage_per_clause():
    passages = [CONDEMNED, SUMMIT]
    both = "The United States has condemned Pyongyang's recent launches, and Kim Yo Jong said Pyongyang would consider an inter-Korean summit."
    assert JUDGE(both, passages).supported is True
    merged = "The United States has condemned Pyongyang's recent launches and its inter-Korean summit."
    assert JUDGE(merged, passages).supported is False


def test_the_header_is_not_evidence():
    # The title says "rules out talks"; the passage text does not.
    v = JUDGE("North Korea rules out talks with the two-faced US.", [RT_2023])
    assert v.supported is False
    assert "two-faced" not in v.evidence


def test_headers_round_trip_and_outlets_match_by_name_domain_or_initials():
    header, body = split_header(VOA_2021)
    assert (header.outlet, header.published, body) == ("globalsecurity.org", date(2021, 9, 29), VOA)
    assert split_header(VOA) == (None, VOA)
    assert split_header("Kim Jong-un Dismisses US Talks Offer\n\nPhoto credit: KCNA")[0] is None
    for name, outlet in [("CNN", "edition.cnn.com"), ("USA Today", "usatoday.com"), ("The Week", "theweek.co.uk"),
                         ("Anadolu Agency", "aa.com.tr"), ("VOA", "voanews.com"), ("Associated Press", "apnews.com")]:
        assert names_outlet(name, outlet), name
    assert not names_outlet("Reuters", "globalsecurity.org") and not names_outlet("CNN", None)
    assert not names_outlet("Washington", "washingtonpost.com")


def test_whom_a_verb_calls_on_does_what_it_is_called_on_to_do():
    passage = "Mayor Ana Ruiz is calling on Governor Tom Reed to close the Oakdale pier through the end of May."
    assert check_claim("Ana Ruiz wants Tom Reed to close the Oakdale pier through the end of May.", [passage]).supported
    swapped = check_claim("Tom Reed wants Ana Ruiz to close the Oakdale pier through the end of May.", [passage])
    assert swapped.supported is False and "roles differ" in swapped.reason


def test_a_statement_is_credited_to_whom_its_sentence_credits_it():
    """Both names and every word are in the passage; the statement is Ana Ruiz's, not Tom Reed's."""
    passage = ("Six inches of rain fell in hours on Tuesday, meteorologist Tom Reed said. The search for missing "
               "people in Oakdale County covered about 30 miles and 400 buildings, rescue specialist Ana Ruiz said.")
    claim = "Meteorologist Tom Reed said the search in Oakdale County covered about 30 miles and 400 buildings."
    wrong = check_claim(claim, [passage])
    assert wrong.supported is False and "someone other than" in wrong.reason
    assert check_claim(claim.replace("Meteorologist Tom Reed", "Ana Ruiz"), [passage]).supported
    nested = "By Maria Alvarez\n\nThe search covered about 30 miles and 400 buildings, Ana Ruiz said."
    assert check_claim("Maria Alvarez wrote that Ana Ruiz said the search covered about 30 miles and 400 buildings.",
                       [nested]).supported


def test_a_description_belongs_to_the_name_the_passage_gives_it():
    """Every word and both names are in the passage; who the director (the chancellor) is, is not."""
    passage = ("The relationship between Ana Ruiz, an assistant director of corrections for Oakdale County, and the "
               "now-fugitive Maria Alvarez was confirmed in part through tips from inmates, Sheriff Tom Reed said.")
    claim = ("Sheriff Tom Reed said the relationship between Maria Alvarez, an assistant director of corrections for "
             "Oakdale County, and the now-fugitive Ana Ruiz was confirmed partly through tips from inmates.")
    wrong = check_claim(claim, [passage])
    assert wrong.supported is False and "not Maria Alvarez, the director" in wrong.reason
    right = claim.replace("Maria Alvarez", "A").replace("Ana Ruiz", "Maria Alvarez").replace("A,", "Ana Ruiz,")
    assert check_claim(right, [passage]).supported
    passage = ("Tom Reed set about shoring up his cabinet by quickly appointing Ana Ruiz as his new chancellor, while "
               "Maria Alvarez was appointed to the role of health secretary.")
    wrong = check_claim("Tom Reed shored up his cabinet by naming Maria Alvarez as chancellor and Ana Ruiz as health "
                        "secretary.", [passage])
    assert wrong.supported is False and "not Maria Alvarez, the chancellor" in wrong.reason
    assert check_claim("Tom Reed shored up his cabinet by naming Ana Ruiz as chancellor.", [passage]).supported


def test_a_person_s_place_is_the_one_the_passage_gives_them():
    """Both states are in the passage; which one Tom Reed is attorney general of is not."""
    passage = ("\"Companies should take data security seriously,\" said a statement issued by Connecticut Attorney "
               "General Tom Reed, who led the investigation along with Illinois counterpart Ana Ruiz.")
    claim = "{} Attorney General Tom Reed led the investigation together with his {} counterpart, Ana Ruiz."
    wrong = check_claim(claim.format("Illinois", "Connecticut"), [passage])
    assert wrong.supported is False and "Tom Reed the place Connecticut, not Illinois" in wrong.reason
    assert check_claim(claim.format("Connecticut", "Illinois"), [passage]).supported


def test_a_date_written_with_slashes_is_a_date():
    passage = "The Oakdale bridge opened on 28 April 1985, the council said."
    assert check_claim("The Oakdale bridge opened on 4/28/1985.", [passage]).supported is True
    assert check_claim("The Oakdale bridge opened on 4/27/1985.", [passage]).supported is False


def test_a_range_of_days_is_read_either_way_round():
    passage = "The Oakdale harbour festival will be held on 26-27 April and 3-4 May, the council said."
    assert check_claim("The Oakdale harbour festival will be held on April 26-27 and May 3-4.", [passage]).supported
    wrong = check_claim("The Oakdale harbour festival will be held on April 25-27 and May 3-4.", [passage])
    assert wrong.supported is False and "april 25" in wrong.reason.lower()


def test_relative_dates_are_resolved_against_the_publication_date():
    wednesday = date(2021, 9, 29)
    got = evidence_dates("Kim spoke Wednesday. Tests this month. Launched last week.", wednesday)
    assert any(d.full == wednesday for d in got)
    assert any((d.year, d.month, d.day) == (2021, 9, None) for d in got)
    assert parse_date("September 28, 2021").agrees(got[0]) is False
    assert parse_date("Wednesday").agrees(parse_date("September 29, 2021")) is True
    assert evidence_dates("Kim spoke Wednesday.", None)[0].full is None  # no header: a weekday only


# -- cost: what gets parsed --------------------------------------------------------------------


def test_a_verbatim_quote_is_not_parsed():
    judge = OfflineJudge()
    sentence = "Kim delivered his speech Wednesday, the same day North Korea announced the details of its latest weapons test, which involved a new hypersonic missile apparently designed to evade U.S. missile defenses."
    assert judge(sentence + " [1]", [VOA_2021]).supported is True
    assert len(judge.parses) == 0
    judge("Kim gave his speech on Wednesday.", [VOA_2021])
    assert len(judge.parses) >= 1


def test_checking_an_answer_at_once_gives_the_same_verdicts_with_its_parses_batched():
    answer = [(c.claim, c.passages) for c in DEV[:8]]
    judge = OfflineJudge()
    assert judge.many(answer) == [OfflineJudge()(c, p) for c, p in answer]
    assert check_claims(answer) == [check_claim(c, list(p)) for c, p in answer]


def test_a_verdict_does_not_depend_on_what_earlier_claims_left_in_the_cache():
    claim = "The North Korean ambassador disputed the US claims that its missile tests were defensive."
    fresh = OfflineJudge()(claim, [UN_2023])
    warmed = OfflineJudge()
    for case in DEV[:20]:
        warmed(case.claim, case.passages)
    warmed("US Ambassador Linda Thomas-Greenfield disputed North Korea's claims.", [UN_2023])
    assert warmed(claim, [UN_2023]) == fresh


def test_a_reworded_clause_at_a_cosine_of_0_72_to_0_75_is_close_in_meaning():
    """Two supported claims of the blind rounds whose clause shares half its words with the passage
    and sits at 0.74 (CLOSE_IN_MEANING was 0.75 before the rounds R1-R3 were read)."""
    for name, case_id in (("judge_blind5.jsonl", "jb5-28"), ("judge_blind7.jsonl", "jb7-32")):
        case = next(c for c in load_cases(Path(__file__).resolve().parents[1] / "evals" / name) if c.id == case_id)
        v = JUDGE(case.claim, case.passages)
        assert case.supported and v.supported is True and "close in meaning (cosine 0.7" in v.reason, v.reason


# Blind rounds (evals/judge_blind*.jsonl), each written by someone who had not read the judge: the
# first after the judge of issue 13's first turn, the others after the changes before them.
# Measured when each was first opened (accuracy / recall of unsupported claims): 0.868 / 0.853,
# 0.859 / 0.938, 0.750 / 0.688, 0.828 / 0.844, 0.688 / 0.844, 0.719 / 0.656 and 0.703 / 0.812; all
# but the sixth were then used for development (now 0.941 / 0.912, 0.906 / 0.938, 0.828 / 0.719,
# 0.844 / 0.844, 0.750 / 0.844 and 0.750 / 0.812). The floors are about one claim below today's
# figures, so a change that loses any of them shows here. 2026-12-05: the actor table grown on the
# shipped corpus gave way to general aliases (rag/judge/aliases.py): round 7 fell to 0.703 / 0.750
# ("the two Koreas", "French" for France in a wrong-outlet claim, a three-sentence name), round 5
# rose a claim (0.766 / 0.875) and round 4 two (0.875 / 0.844), round 1 lost one (0.926 / 0.912).
# Last stop: descriptions, and a lower CLOSE_IN_MEANING, took round 2 to 0.922 / 0.969, round 5 to
# 0.781 / 0.875, round 6 to 0.734 / 0.688 and round 7 to 0.734 / 0.781. 2026-12-06: a role a pronoun
# fills in the passage is taken (roles.py), round 3 to 0.844 / 0.750.
BLIND_ROUNDS = [
    ("judge_blind.jsonl", 0.92, 0.88),
    ("judge_blind2.jsonl", 0.90, 0.93),
    ("judge_blind3.jsonl", 0.83, 0.73),
    ("judge_blind4.jsonl", 0.82, 0.81),
    ("judge_blind5.jsonl", 0.76, 0.84),
    ("judge_blind6.jsonl", 0.71, 0.65),
    ("judge_blind7.jsonl", 0.71, 0.75),
]


@pytest.mark.parametrize(("name", "min_accuracy", "min_recall"), BLIND_ROUNDS)
def test_the_blind_rounds(name: str, min_accuracy: float, min_recall: float):
    blind = load_cases(Path(__file__).resolve().parents[1] / "evals" / name)
    assert len(blind) >= 60 and Counter(c.supported for c in blind)[True] == len(blind) / 2
    corpus = _corpus()
    for case in blind:
        assert all(normalise(split_header(p)[1]) in corpus for p in case.passages), case.id
    result = judge_accuracy(JUDGE, blind)
    assert result["failures"] == 0
    assert result["accuracy"] >= min_accuracy and result["recall"] >= min_recall, result
