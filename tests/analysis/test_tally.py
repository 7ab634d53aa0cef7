"""Tallies: published totals, named counts and unattributed remainders."""

from __future__ import annotations

import pandas as pd
import pytest

import voteanalysis as va
from voteanalysis.dataset import VoteDataset
from voteanalysis.io.kit import typed_table
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


# ---------------------------------------------------------------- a non-member is not a position


def council() -> VoteDataset:
    """Two Human Rights Council votes and one of a year with no member list."""
    votes = pd.DataFrame(
        {
            "vote_id": ["H1", "H2", "H3"],
            "body": ["UNHRC", "UNHRC", "UNHRC"],
            "date": ["2021-03-23", "2023-04-04", "2030-01-01"],
            "title": ["one", "two", "three"],
            "kind": ["resolution"] * 3,
            "seats": ["47"] * 3,
        },
        dtype="str",
    )
    positions = pd.DataFrame(
        {
            "vote_id": ["H1", "H1", "H2"],
            "member_id": ["RUS", "CHN", "CHN"],
            "member": ["Russian Federation", "China", "China"],
            "position": ["no", "no", "yes"],
        },
        dtype="str",
    )
    members = pd.DataFrame(
        {
            "body": ["UNHRC", "UNHRC", "UNHRC", "ILO-GB"],
            "term": ["2021", "2021", "2023", "2023"],
            "member_id": ["RUS", "CHN", "CHN", "RUS"],
        },
        dtype="str",
    )
    return VoteDataset(
        votes=typed_table(votes, TABLES["votes"]),
        positions=typed_table(positions, TABLES["positions"]),
        members=typed_table(members, TABLES["members"]),
    )


def test_a_non_member_is_not_a_position() -> None:
    h = va.member_history(council(), "RUS").set_index("vote_id")
    # 2021: named no; 2023: the year's list lacks RUS; 2030: no list for the year at all.
    assert h["status"].tolist() == ["no", "not a member", "not known"]
    assert h["known"].tolist() == [True, False, False]
    assert pd.isna(h.loc["H2", "position"])
    grid = va.opposition(council(), members=["CHN", "RUS"])
    cell = grid.set_index(["vote_id", "member_id"])["status"]
    assert cell[("H2", "CHN")] == "yes" and cell[("H2", "RUS")] == "not a member"
    stood = va.where_stood(council(), ["RUS", "CHN"]).set_index("vote_id")
    assert stood["RUS"].tolist() == ["no", "not a member", "not known"]
    assert stood["CHN"].tolist() == ["no", "yes", "not known"]


def test_a_governing_body_member_list_does_not_make_non_members() -> None:
    # The ILO Governing Body's composition is not a per-vote member list: a member the
    # sources do not name stays "not known" there, whatever the members table says.
    data = va.load_dataset()
    h = va.member_history(data, "RUS")
    assert set(h["status"]) <= {"yes", "no", "abstain", "not known"}
    assert (h["status"] == "not known").sum() == (~h["known"]).sum() > 0
    assert set(va.where_stood(data, ["RUS", "DEU"])["DEU"]) <= {
        "yes",
        "no",
        "abstain",
        "absent",
        "not known",
    }


def test_human_rights_council_non_members() -> None:
    hrc = va.load_dataset("hrc")
    h = va.member_history(hrc, "RUS").set_index("vote_id")
    year = h["date"].astype("str").str[:4]
    # hrc_votes_long.csv.gz by hand: rows for RUS in 2006-2012, 2014-2016, 2021 and 2022;
    # none in 2013, 2017-2020, 2023 or 2024.
    outside = {"2013", "2017", "2018", "2019", "2020", "2023", "2024"}
    assert set(year[h["status"] == "not a member"]) == outside
    assert (h.loc[year.isin(outside), "status"] == "not a member").all()
    # A/HRC/RES/49/1 (4 March 2022): "N" for the Russian Federation.
    assert h.loc["A/HRC/RES/49/1", "status"] == "no"
    # A/HRC/RES/50/19 (8 July 2022) lists 46 members without RUS, which is on the 2022 list
    # (it left the Council in April): by calendar year it stays not known.
    assert h.loc["A/HRC/RES/50/19", "status"] == "not known"
    # The same rule as coverage(): 420 votes not a member, 61 not known.
    counts = h["status"].value_counts()
    cov = va.coverage(hrc, members=["RUS"]).iloc[0]
    assert counts["not a member"] == cov["not_member"]
    assert counts["not known"] == cov["not_known"]


def test_security_council_non_members() -> None:
    sc = va.load_dataset("unsc")
    picked = sc.filter(vote_id=["S/2022/155", "S/PV.23"])
    cell = va.opposition(picked, members=["RUS", "USA", "DEU", "BRA"]).set_index(
        ["vote_id", "member_id"]
    )["status"]
    # sc_voting_from_xlsx.csv.gz, S/2022/155: 15 members listed, the Russian Federation
    # "No", Brazil and the United States "Yes"; Germany not among them.
    assert [cell[("S/2022/155", m)] for m in ("RUS", "USA", "BRA", "DEU")] == [
        "no",
        "yes",
        "yes",
        "not a member",
    ]
    # S/PV.23 (16 February 1946) is known only from the official veto list, which names the
    # USSR alone: the United States sat on the 1946 Council (permanent member) but its vote
    # is not known; Germany was not a UN member before 1973.
    assert cell[("S/PV.23", "RUS")] == "no"
    assert cell[("S/PV.23", "USA")] == "not known"
    assert cell[("S/PV.23", "DEU")] == "not a member"


def test_opposition_order_puts_highlight_then_most_no_then_most_abstain() -> None:
    from voteanalysis.analysis.tally import opposition_order

    # By hand: BLR 2 no; IND 1 no 1 abstain; PAK 2 abstain; ARG 1 abstain; BRA 1 abstain.
    ids = ["PAK", "BLR", "IND", "PAK", "BRA", "BLR", "IND", "ARG", "RUS"]
    pos = ["abstain", "no", "no", "abstain", "abstain", "no", "abstain", "abstain", None]
    names = {"ARG": "Argentina", "BRA": "Brazil"}
    table = pd.DataFrame({"member_id": ids, "position": pos})
    # Highlighted members come first even when the table does not name them (CHN).
    assert opposition_order(table, highlight=["RUS", "CHN"], names=names) == [
        "RUS",
        "CHN",
        "BLR",
        "IND",
        "PAK",
        "ARG",
        "BRA",
    ]
    assert opposition_order(table)[:2] == ["BLR", "IND"]
