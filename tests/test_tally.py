"""Tallies: published totals, named counts and unattributed remainders."""

from __future__ import annotations

import pandas as pd
import pytest

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


def test_where_stood_has_one_row_per_vote_that_exists() -> None:
    t = va.where_stood(small(), ["RUS", "IND"])
    # Votes A (2022-03-23) and B (2025-11-24); the election E is a ballot, not a vote.
    assert list(t["vote_id"]) == ["A", "B"]
    assert list(t["RUS"]) == ["no", "no"]
    assert list(t["IND"]) == ["abstain", "not known"]
    head = ["date", "vote_id", "body", "session", "subject", "document", "motion"]
    assert list(t.columns) == [*head, "RUS", "IND"]


def test_where_stood_on_the_bundled_votes() -> None:
    data = va.load_dataset()
    t = va.where_stood(data, ["RUS", "CHN"]).set_index("vote_id")
    # votes.csv: 23 rows, 5 of them Director-General ballots.
    assert len(t) == 18 and t.index.is_unique
    assert t.loc["ILO-GB355-BLR", ["RUS", "CHN"]].tolist() == ["no", "no"]
    # GB.353: China named for the Russian Federation's amendments; Russia not named.
    assert t.loc["ILO-GB353-RUS-AMDT", ["RUS", "CHN"]].tolist() == ["not known", "yes"]
    assert "amendments" in t.loc["ILO-GB353-RUS-AMDT", "motion"]
    iaea = va.where_stood(data.filter(body="IAEA"), ["RUS", "CHN"])
    # The IAEA Board votes of votes.csv: ten, none in 2021 or 2023.
    assert len(iaea) == 10
    assert not iaea["date"].str.startswith(("2021", "2023")).any()
    assert set(iaea["body"]) == {"IAEA-BoG"}


def test_where_stood_needs_members() -> None:
    with pytest.raises(ValueError, match="at least one member"):
        va.where_stood(small(), [])


def test_member_summary_counts_named_and_not_known() -> None:
    s = va.member_summary(small()).set_index("member_id")
    # Members named no or abstain: RUS, CHN (no on A and B), IND (abstain on A).
    assert list(s.index) == ["CHN", "RUS", "IND"]
    assert s.loc["RUS", ["no", "abstain", "not_known", "votes"]].tolist() == [2, 0, 0, 2]
    assert s.loc["IND", ["no", "abstain", "not_known", "votes"]].tolist() == [0, 1, 1, 2]
    assert s.loc["RUS", "member"] == "Russia"


def test_member_summary_shows_usual_english_names() -> None:
    s = va.member_summary(va.load_dataset()).set_index("member_id")
    # The sources write the United States "Estados Unidos" on some votes.
    assert s.loc["USA", "member"] == "United States"
    assert s.loc["LBY", "member"] == "Libya"
