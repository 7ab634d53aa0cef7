"""Tallies: published totals, named counts and unattributed remainders."""

from __future__ import annotations

import pandas as pd

import voteanalysis as va
from voteanalysis.dataset import VoteDataset
from voteanalysis.io import typed_table
from voteanalysis.schema import TABLES


def small() -> VoteDataset:
    votes = pd.DataFrame(
        {
            "vote_id": ["B", "A", "E"],
            "body": ["ILO-GB", "ILO-GB", "ILO-GB"],
            "date": ["2025-11-24", "2022-03-23", "2022-03-25"],
            "title": ["b", "a", "election"],
            "kind": ["decision", "resolution", "election"],
            "yes": ["40", "42", ""],
            "no": ["2", "2", ""],
            "abstain": ["9", "8", ""],
            "not_voting": ["", "4", ""],
            "seats": ["56", "56", "56"],
        },
        dtype="str",
    )
    positions = pd.DataFrame(
        {
            "vote_id": ["B", "B", "A", "A", "A", "A"],
            "member_id": ["RUS", "CHN", "RUS", "CHN", "IND", "USA"],
            "member": ["Russia", "China", "Russia", "China", "India", "United States"],
            "position": ["no", "no", "no", "no", "abstain", "yes"],
        },
        dtype="str",
    )
    return VoteDataset(
        votes=typed_table(votes, TABLES["votes"]),
        positions=typed_table(positions, TABLES["positions"]),
    )


def test_tally_counts_named_and_unattributed() -> None:
    t = va.tally(small()).set_index("vote_id")
    assert list(t.index) == ["A", "B"]  # by date; the election is left out
    a = t.loc["A"]
    # 42-2-8 with 4 not voting; named: 2 no, 1 abstain, 1 yes
    assert (a["named_yes"], a["named_no"], a["named_abstain"]) == (1, 2, 1)
    assert (a["unattributed_yes"], a["unattributed_no"], a["unattributed_abstain"]) == (41, 0, 7)
    assert a["unattributed_not_voting"] == 4
    assert a["cast"] == 52 and a["margin"] == 40
    b = t.loc["B"]
    assert pd.isna(b["not_voting"]) and pd.isna(b["unattributed_not_voting"])
    assert b["unattributed_yes"] == 40 and b["unattributed_abstain"] == 9


def test_opposition_separates_no_from_unknown() -> None:
    grid = va.opposition(small())
    # members named no or abstain anywhere: RUS, CHN, IND
    assert sorted(set(grid["member_id"])) == ["CHN", "IND", "RUS"]
    ind = grid[grid["member_id"] == "IND"].set_index("vote_id")
    assert str(ind.loc["A", "position"]) == "abstain" and ind.loc["A", "known"]
    assert pd.isna(ind.loc["B", "position"]) and not ind.loc["B", "known"]
    assert grid["position"].dtype == va.POSITION_DTYPE


def test_member_history_by_name() -> None:
    h = va.member_history(small(), "India").set_index("vote_id")
    assert list(h.index) == ["A", "B"]
    assert set(h["member_id"]) == {"IND"}
    assert h["known"].tolist() == [True, False]


def test_tally_does_not_change_its_input() -> None:
    data = small()
    before = data.votes.copy()
    va.tally(data)
    pd.testing.assert_frame_equal(data.votes, before)


def test_bundled_belarus_and_russia_votes() -> None:
    """Published figures: GB.355 40-2-9 (Salidarnast); GB.344 42-2-8, 4 not voting."""
    t = va.tally(va.load_dataset()).set_index("vote_id")
    blr = t.loc["ILO-GB355-BLR"]
    assert (blr["yes"], blr["no"], blr["abstain"]) == (40, 2, 9)
    assert blr["named_no"] == 2 and blr["unattributed_no"] == 0
    assert blr["named_yes"] == 0 and blr["unattributed_yes"] == 40
    rus = t.loc["ILO-GB344-RUS-RES"]
    assert (rus["yes"], rus["no"], rus["abstain"], rus["not_voting"]) == (42, 2, 8, 4)
    assert rus["named_abstain"] == 6 and rus["unattributed_abstain"] == 2


def test_bundled_russia_china_history() -> None:
    data = va.load_dataset()
    for member in ("RUS", "CHN"):
        h = va.member_history(data, member).set_index("vote_id")
        assert str(h.loc["ILO-GB355-BLR", "position"]) == "no"
        assert str(h.loc["ILO-GB344-RUS-RES", "position"]) == "no"
