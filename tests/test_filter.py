"""filter(): finds what people type, and says what exists when nothing matches."""

from __future__ import annotations

import pytest

import voteanalysis as va
from voteanalysis.dataset import VoteDataset


@pytest.fixture(scope="module")
def data() -> VoteDataset:
    return va.load_dataset()


def _ids(d: VoteDataset) -> set[str]:
    return set(d.votes["vote_id"])


def test_subject_ignores_case(data: VoteDataset) -> None:
    # votes.csv: Belarus is the subject of GB.355, ILC 111 and its committee.
    assert _ids(data.filter(subject="belarus")) == {
        "ILO-GB355-BLR",
        "ILO-ILC111-BLR-RES",
        "ILO-ILC111-GAC-BLR",
    }
    assert _ids(data.filter(subject="BELARUS")) == _ids(data.filter(subject="Belarus"))


def test_an_exact_subject_wins_over_words_it_contains(data: VoteDataset) -> None:
    # "Russian Federation" is a subject (GB.344, GB.353); "Russian Federation/Ukraine"
    # (IAEA) only contains it.
    assert _ids(data.filter(subject="russian federation")) == {
        "ILO-GB344-RUS-RES",
        "ILO-GB353-RUS-AMDT",
    }
    russia = _ids(data.filter(subject="russia"))
    assert {"ILO-GB344-RUS-RES", "IAEA-BOG-2022-03-UKR", "IAEA-BOG-2022-11-UKR"} <= russia


def test_title_words_ignore_case_and_accents(data: VoteDataset) -> None:
    # Titles of the three IAEA Ukraine resolutions and the two GB Russia votes say Ukraine.
    ukraine = _ids(data.filter(title="UKRAINE"))
    assert {"IAEA-BOG-2022-03-UKR", "IAEA-BOG-2022-09-UKR", "IAEA-BOG-2022-11-UKR"} <= ukraine
    assert _ids(data.filter(title="ukráine")) == ukraine


@pytest.mark.parametrize("typed", ["IAEA", "iaea", "IAEA-BoG", "iaea bog", "Board of Governors"])
def test_body_spellings(data: VoteDataset, typed: str) -> None:
    got = data.filter(body=typed)
    assert set(got.votes["body"]) == {"IAEA-BoG"}
    assert len(got.votes) == 10  # votes.csv: ten IAEA Board votes


def test_body_ilo_means_every_ilo_body_but_a_full_code_only_itself(data: VoteDataset) -> None:
    assert set(data.filter(body="ILO").votes["body"]) == {
        "ILO-GB",
        "ILO-ILC",
        "ILO-ILC-COMMITTEE",
    }
    assert set(data.filter(body="ILO-ILC").votes["body"]) == {"ILO-ILC"}
    assert set(data.filter(body="Governing Body").votes["body"]) == {"ILO-GB"}


@pytest.mark.parametrize("typed", ["GB.355", "GB 355", "gb355", "gb.355"])
def test_session_spellings(data: VoteDataset, typed: str) -> None:
    assert _ids(data.filter(session=typed)) == {"ILO-GB355-BLR"}


def test_nothing_matches_names_the_closest_values(data: VoteDataset) -> None:
    with pytest.raises(va.VoteDataError) as err:
        data.filter(session="GB 356")
    message = str(err.value)
    assert "no vote matches session='GB 356'" in message
    assert "'GB.355'" in message
    with pytest.raises(va.VoteDataError, match=r"body='IAEA'.*'Iran'"):
        data.filter(body="IAEA", subject="Belarus")
    with pytest.raises(va.VoteDataError, match="closest body values: 'IAEA-BoG'"):
        data.filter(body="IAEO-BoG")


def test_allow_empty_returns_an_empty_dataset(data: VoteDataset) -> None:
    got = data.filter(body="IAEA", subject="Belarus", allow_empty=True)
    assert len(got.votes) == 0 and len(got.positions) == 0


def test_issues_need_the_unga_record(data: VoteDataset) -> None:
    with pytest.raises(va.VoteDataError, match="no issue codes"):
        data.filter(issue="hr")


def test_unknown_issue_lists_the_choices(data: VoteDataset) -> None:
    with pytest.raises(ValueError, match=r"hr \(human rights\)"):
        data.filter(issue="sport")


@pytest.mark.slow
def test_unga_issue_codes_and_names() -> None:
    unga = va.load_dataset("unga")
    # un_roll_call_issues.csv.gz: 1,015 roll calls coded hr, 855 coded nu (counted with
    # `cut -d, -f2 | sort | uniq -c` on the file).
    assert len(unga.filter(issue="hr").votes) == 1015
    assert _ids(unga.filter(issue="Human Rights")) == _ids(unga.filter(issue="hr"))
    assert len(unga.filter(issue="nuclear").votes) == 855
    both = unga.filter(issue=["hr", "nu"])
    assert len(both.votes) == len(_ids(unga.filter(issue="hr")) | _ids(unga.filter(issue="nu")))
    in_74 = unga.filter(session=74, issue="hr")
    assert set(in_74.votes["session"].astype(str)) == {"74"}
    assert in_74.votes["hr"].all()


def test_member_ids_and_names_in_any_case(data: VoteDataset) -> None:
    gb355 = data.filter(session="GB.355", member=["rus", "CHINA"])
    # positions.csv: GB.355 names the Russian Federation ("Russia") and China, both no.
    assert sorted(gb355.positions["member_id"]) == ["CHN", "RUS"]
    assert len(data.filter(member="ZZZ").votes) == len(data.votes)
    assert len(data.filter(member="ZZZ").positions) == 0
