"""Cohesion indices, group membership with dates, and voting with the majority."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import voteanalysis as va
from voteanalysis.dataset import VoteDataset

EP = Path(__file__).parents[1] / "data" / "ep8_copyright_mandate_2018-07-05.csv"


def one_group(counts: dict[str, tuple[int, int, int]]) -> pd.DataFrame:
    """Positions of one group ("G") with (yes, no, abstain) counts per vote."""
    rows = []
    for vote, (y, n, a) in counts.items():
        for i, position in enumerate(["yes"] * y + ["no"] * n + ["abstain"] * a):
            rows.append((vote, f"m{i}", position, "G"))
    return pd.DataFrame(rows, columns=["vote_id", "member_id", "position", "bloc"])


BOUNDARIES = {"v1": (10, 0, 0), "v2": (5, 5, 5), "v3": (6, 4, 0), "v4": (7, 2, 1)}


def test_boundary_values() -> None:
    table = va.cohesion(one_group(BOUNDARIES), groups="bloc").set_index("vote_id")
    # (10,0,0): everyone alike.
    assert table.loc["v1", ["agreement", "attina", "rice", "entropy"]].tolist() == [
        1.0,
        100.0,
        1.0,
        0.0,
    ]
    # (5,5,5): AI 0, Attinà (5 - 10) / 15 = -33.33, entropy log2(3).
    assert table.loc["v2", "agreement"] == pytest.approx(0.0)
    assert table.loc["v2", "attina"] == pytest.approx(-100 / 3)
    assert table.loc["v2", "rice"] == pytest.approx(0.0)
    assert table.loc["v2", "entropy"] == pytest.approx(math.log2(3))
    # (6,4,0): AI (6 - 2) / 10, Attinà (6 - 4) / 10, Rice 2 / 10.
    assert table.loc["v3", ["agreement", "attina", "rice"]].tolist() == pytest.approx(
        [0.4, 20.0, 0.2]
    )
    assert table.loc["v3", "entropy"] == pytest.approx(
        -(0.6 * math.log2(0.6) + 0.4 * math.log2(0.4))
    )
    # (7,2,1): AI (7 - 1.5) / 10, Attinà (7 - 3) / 10, Rice 5 / 9.
    assert table.loc["v4", ["agreement", "attina", "rice"]].tolist() == pytest.approx(
        [0.55, 40.0, 5 / 9]
    )
    assert table.loc["v4", ["yes", "no", "abstain", "members"]].tolist() == [7, 2, 1, 10]


def test_averages_over_votes_and_options() -> None:
    summary = va.cohesion(one_group(BOUNDARIES), groups="bloc", by=None)
    assert summary["n_votes"].tolist() == [4]
    assert summary["agreement"].iloc[0] == pytest.approx((1 + 0 + 0.4 + 0.55) / 4)
    left_out = va.cohesion(one_group(BOUNDARIES), groups="bloc", abstain="exclude")
    # (5,5,5) without abstentions is (5,5): AI (5 - 2.5) / 10.
    assert left_out.set_index("vote_id").loc["v2", "agreement"] == pytest.approx(0.25)
    assert left_out.attrs["abstain"] == "exclude"


def test_min_members() -> None:
    pos = one_group({"v1": (1, 0, 0), "v2": (2, 0, 0)})
    table = va.cohesion(pos, groups="bloc").set_index("vote_id")
    assert np.isnan(table.loc["v1", "agreement"])  # one member is not a group
    assert table.loc["v2", "agreement"] == 1.0


def test_groups_as_mapping_table_and_iso3() -> None:
    pos = pd.DataFrame(
        {
            "vote_id": ["v"] * 4,
            "member_id": ["FRA", "DEU", "RUS", "CHN"],
            "position": ["yes", "yes", "no", "abstain"],
        }
    )
    mapping = va.cohesion(pos, groups={"FRA": "EU", "DEU": "EU", "RUS": "X", "CHN": "X"})
    assert mapping.set_index("group")["agreement"].to_dict() == {"EU": 1.0, "X": 0.25}
    table = pd.DataFrame({"iso3": ["FRA", "DEU"], "group": ["WEOG", "WEOG"]})
    only = va.cohesion(pos, groups=table)
    assert only["group"].tolist() == ["WEOG"] and only["members"].tolist() == [2]


def test_blocs_with_dates() -> None:
    # POL joins bloc "EU" on 2004-05-01; GBR leaves on 2020-01-31.
    votes = pd.DataFrame(
        {"vote_id": ["a", "b", "c"], "date": ["2003-12-01", "2010-06", "2021-02-02"]}
    )
    pos = pd.DataFrame(
        {
            "vote_id": ["a"] * 3 + ["b"] * 3 + ["c"] * 3,
            "member_id": ["FRA", "POL", "GBR"] * 3,
            "position": ["yes", "no", "yes", "yes", "no", "yes", "yes", "no", "no"],
        }
    )
    blocs = pd.DataFrame(
        {
            "member_id": ["FRA", "POL", "GBR"],
            "group": ["EU"] * 3,
            "start": ["1958-01-01", "2004-05-01", "1973-01-01"],
            "end": [None, None, "2020-01-31"],
        }
    )
    table = va.cohesion(VoteDataset(votes=votes, positions=pos), groups=blocs)
    table = table.set_index("vote_id")
    assert table["members"].to_dict() == {"a": 2, "b": 3, "c": 2}
    assert table.loc["a", "agreement"] == 1.0  # FRA, GBR
    assert table.loc["b", ["yes", "no"]].tolist() == [2, 1]
    assert table.loc["c", ["yes", "no"]].tolist() == [1, 1]  # FRA, POL


def test_constituencies_column() -> None:
    pos = pd.DataFrame(
        {
            "vote_id": ["v"] * 5,
            "member_id": list("abcde"),
            "position": ["yes", "yes", "no", "no", "abstain"],
            "constituency": ["government", "government", "worker", "worker", "employer"],
        }
    )
    table = va.cohesion(pos, groups="constituency", min_members=1)
    assert table["group"].tolist() == ["employer", "government", "worker"]
    assert table["rice"].tolist()[1:] == [1.0, 1.0]


def test_european_parliament_copyright_vote() -> None:
    raw = pd.read_csv(EP, dtype=str)
    pos = pd.DataFrame(
        {
            "vote_id": raw["identifier"],
            "member_id": raw["mepid"],
            "position": raw["result"].map({"for": "yes", "against": "no", "abstention": "abstain"}),
            "group": raw["group"],
        }
    )
    table = va.cohesion(pos, groups="group").set_index("group")
    # Published result: 278 for, 318 against, 31 abstentions.
    assert table[["yes", "no", "abstain"]].sum().tolist() == [278, 318, 31]
    # EPP 129 / 24 / 15; S&D 80 / 82 / 5 (see the fixture's notes).
    assert table.loc["PPE", "agreement"] == pytest.approx((129 - 39 / 2) / 168)
    assert table.loc["PPE", "rice"] == pytest.approx(105 / 153)
    assert table.loc["PPE", "attina"] == pytest.approx(100 * (129 - 39) / 168)
    assert table.loc["S&D", "agreement"] == pytest.approx((82 - 85 / 2) / 167)
    assert table.loc["S&D", "rice"] == pytest.approx(2 / 162)
    # The split S&D group is the least cohesive of the large groups.
    assert table.loc["S&D", "agreement"] < table.loc["PPE", "agreement"]


def test_with_majority_and_share() -> None:
    pos = pd.DataFrame(
        {
            "vote_id": ["1"] * 4 + ["2"] * 4 + ["3"] * 4,
            "member_id": list("ABCD") * 3,
            "position": [
                *("yes", "yes", "yes", "no"),
                *("no", "no", "yes", "abstain"),
                *("yes", "yes", "no", "no"),  # a tie: no majority
            ],
        }
    )
    flags = va.with_majority(pos)
    assert flags["reference"].astype("str").tolist()[:8] == ["yes"] * 4 + ["no"] * 4
    assert flags["with_majority"].isna().sum() == 4
    share = va.majority_share(pos).set_index("member_id")
    assert share["n_votes"].tolist() == [2, 2, 2, 2]
    assert share["value"].to_dict() == {"A": 1.0, "B": 1.0, "C": 0.5, "D": 0.0}


def test_with_group_majority() -> None:
    pos = pd.DataFrame(
        {
            "vote_id": ["1"] * 6,
            "member_id": list("ABCDEF"),
            "position": ["yes", "yes", "no", "no", "no", "yes"],
        }
    )
    groups = {"A": "G", "B": "G", "C": "G", "D": "H", "E": "H", "F": "H"}
    share = va.majority_share(pos, against="group", groups=groups).set_index("member_id")
    assert share["group"].to_dict() == {m: g for m, g in groups.items()}
    assert share["value"].to_dict() == {"A": 1.0, "B": 1.0, "C": 0.0, "D": 1.0, "E": 1.0, "F": 0.0}
    with pytest.raises(TypeError, match="needs groups"):
        va.with_majority(pos, against="group")


def test_with_the_result() -> None:
    votes = pd.DataFrame(
        {"vote_id": ["1", "2", "3"], "result": ["adopted", "rejected", "adopted without a vote"]}
    )
    pos = pd.DataFrame(
        {
            "vote_id": ["1", "1", "2", "2", "3"],
            "member_id": ["A", "B", "A", "B", "A"],
            "position": ["yes", "abstain", "yes", "no", "yes"],
        }
    )
    share = va.majority_share(VoteDataset(votes=votes, positions=pos), against="result")
    # A: yes on adopted (with), yes on rejected (against); B: abstain (against), no (with).
    assert share.set_index("member_id")[["n_votes", "n_with"]].to_dict("list") == {
        "n_votes": [2, 2],
        "n_with": [1, 1],
    }


def test_yes_share() -> None:
    pos = pd.DataFrame(
        {
            "vote_id": ["1", "2", "3", "4"],
            "member_id": ["A"] * 4,
            "position": ["yes", "abstain", "no", "absent"],
        }
    )
    assert va.yes_share(pos)["value"].tolist() == [pytest.approx(1 / 3)]
    assert va.yes_share(pos, abstain="exclude")["value"].tolist() == [0.5]
    assert va.yes_share(pos, absent="abstain")["n_votes"].tolist() == [4]


def test_wrong_arguments() -> None:
    pos = one_group({"v": (1, 1, 0)})
    with pytest.raises(TypeError, match="groups must be"):
        va.cohesion(pos, groups=3)  # type: ignore[arg-type]
    with pytest.raises(va.VoteDataError, match="party"):
        va.cohesion(pos, groups="party")
    with pytest.raises(ValueError, match="abstain='no' is not one of 'position', 'exclude'"):
        va.cohesion(pos, groups="bloc", abstain="no")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="absent='missing' is not one of 'exclude', 'abstain'"):
        va.cohesion(pos, groups="bloc", absent="missing")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="by must be a column name"):
        va.cohesion(pos, groups="bloc", by=2)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="min_members must be int"):
        va.cohesion(pos, groups="bloc", min_members=2.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"cohesion\(\): data must be a VoteDataset"):
        va.cohesion([1], groups="bloc")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="against='minority' is not one of 'majority'"):
        va.with_majority(pos, against="minority")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="abstain='no' is not one of"):
        va.majority_share(pos, abstain="no")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="abstain='middle' is not one of"):
        va.yes_share(pos, abstain="middle")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="by must be a column name"):
        va.yes_share(pos, by=1.5)  # type: ignore[arg-type]


def test_election_ballots_are_not_votes() -> None:
    votes = pd.DataFrame({"vote_id": ["1", "2"], "kind": ["decision", "election"]})
    pos = one_group({"1": (2, 0, 0), "2": (1, 1, 0)})
    table = va.cohesion(VoteDataset(votes=votes, positions=pos), groups="bloc")
    assert table["vote_id"].tolist() == ["1"]
