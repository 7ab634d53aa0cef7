"""Blocs: hierarchical clustering on agreement, checked on hand-made voting patterns."""

from __future__ import annotations

import pandas as pd
import pytest
from rollcalls import positions

import voteanalysis as va

# Two camps that disagree on every vote, and a third that abstains throughout.
CAMPS = {
    "A1": "YYYYYYNN",
    "A2": "YYYYYYNY",
    "A3": "YYYYYNNN",
    "B1": "NNNNNNYY",
    "B2": "NNNNNYYY",
    "C1": "AAAAAAAA",
}


def test_two_camps_and_a_loner() -> None:
    result = va.blocs(positions(CAMPS), n_blocs=3, min_votes=1)
    bloc = result.set_index("member_id")["bloc"]
    assert bloc["A1"] == bloc["A2"] == bloc["A3"] == 1  # largest bloc first
    assert bloc["B1"] == bloc["B2"] == 2
    assert bloc["C1"] == 3
    # Leaf order keeps each bloc together.
    order = result.sort_values("order")["member_id"].tolist()
    positions_of = {m: i for i, m in enumerate(order)}
    assert abs(positions_of["B1"] - positions_of["B2"]) == 1
    assert sorted(result["order"]) == list(range(6))
    assert result.attrs["method"] == "average" and result.attrs["measure"] == "percent"


def test_threshold_cut() -> None:
    # A1-A2 agree on 7 of 8 votes (distance 1/8); the camps never (distance 1).
    result = va.blocs(positions(CAMPS), threshold=0.5, min_votes=1)
    assert result["bloc"].nunique() == 3
    everything = va.blocs(positions(CAMPS), threshold=1.5, min_votes=1)
    assert everything["bloc"].unique().tolist() == [1]


def test_members_without_enough_common_votes_are_dropped() -> None:
    rows = dict(CAMPS, Late="------YY")
    result = va.blocs(positions(rows), n_blocs=2, min_votes=3)
    assert "Late" not in set(result["member_id"])
    assert result.attrs["dropped"] == ["Late"]


def test_accepts_an_agreement_table() -> None:
    pairs = va.agreement(positions(CAMPS), min_votes=1)
    from_pairs = va.blocs(pairs, n_blocs=2)
    matrix = va.agreement(positions(CAMPS), min_votes=1, matrix=True)
    from_matrix = va.blocs(matrix, n_blocs=2)
    pd.testing.assert_frame_equal(from_pairs, from_matrix, check_like=True)
    with pytest.raises(ValueError, match="one agreement matrix"):
        va.blocs(va.agreement(positions(CAMPS).assign(session="1"), by="session"))


def test_wrong_arguments() -> None:
    with pytest.raises(ValueError, match="not both"):
        va.blocs(positions(CAMPS), n_blocs=2, threshold=0.3)
    with pytest.raises(TypeError, match="VoteDataset"):
        va.blocs("CAMPS")  # type: ignore[arg-type]


def _pairs(values: dict[tuple[str, str], float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "member_a": [a for a, _ in values],
            "member_b": [b for _, b in values],
            "value": list(values.values()),
        }
    )


# Two pairs that agree among themselves (P-R 0.9, Q-S 0.95) and hardly with the
# other pair (0.1), and T, who shares too few votes with anyone (no value).
FOUR = {
    ("P", "Q"): 0.1,
    ("P", "R"): 0.9,
    ("P", "S"): 0.1,
    ("Q", "R"): 0.1,
    ("Q", "S"): 0.95,
    ("R", "S"): 0.1,
    ("P", "T"): float("nan"),
    ("Q", "T"): float("nan"),
    ("R", "T"): float("nan"),
    ("S", "T"): float("nan"),
}


def test_agreement_order_puts_each_pair_side_by_side_and_the_unclustered_last() -> None:
    result = va.agreement_order(_pairs(FOUR), n_blocs=2)
    order = result["member_id"].tolist()
    assert result["order"].tolist() == [0, 1, 2, 3, 4]
    assert order[-1] == "T"
    assert {frozenset(order[0:2]), frozenset(order[2:4])} == {
        frozenset("PR"),
        frozenset("QS"),
    }
    bloc = result.set_index("member_id")["bloc"]
    assert bloc["P"] == bloc["R"] != bloc["Q"] == bloc["S"]
    assert pd.isna(bloc["T"])
    assert result["clustered"].tolist() == [True, True, True, True, False]
    assert result.attrs["dropped"] == ["T"]
    assert result.attrs["linkage"].shape == (3, 4)  # three merges of four members


def test_agreement_order_from_votes_matches_blocs() -> None:
    from_votes = va.agreement_order(positions(CAMPS), n_blocs=3, min_votes=1)
    by_blocs = va.blocs(positions(CAMPS), n_blocs=3, min_votes=1).sort_values("order")
    assert from_votes["member_id"].tolist() == by_blocs["member_id"].tolist()
    assert from_votes["bloc"].tolist() == by_blocs["bloc"].tolist()


def test_agreement_order_of_one_member_has_no_tree() -> None:
    result = va.agreement_order(_pairs({("A", "B"): float("nan")}))
    assert result["member_id"].tolist() == ["B", "A"]  # A dropped first (ties: first row)
    assert result["clustered"].tolist() == [True, False]
    assert result.attrs["linkage"] is None


def test_agreement_matrix_from_pairs() -> None:
    square = va.agreement_matrix(_pairs({("A", "B"): 0.25, ("A", "C"): 0.5, ("B", "C"): 0.0}))
    assert square.index.tolist() == square.columns.tolist() == ["A", "B", "C"]
    assert square.loc["C", "A"] == 0.5 and square.loc["B", "B"] == 1.0
    with pytest.raises(TypeError, match="agreement_matrix"):
        va.agreement_matrix([[1.0]])  # type: ignore[arg-type]


def test_blocs_wrong_arguments_name_the_choices() -> None:
    with pytest.raises(ValueError, match="method='median' is not one of 'average'"):
        va.blocs(positions(CAMPS), method="median")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="n_blocs must be at least 1"):
        va.blocs(positions(CAMPS), n_blocs=0)
    with pytest.raises(TypeError, match="n_blocs must be int"):
        va.blocs(positions(CAMPS), n_blocs="2")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="abstain='middle' is not one of"):
        va.blocs(positions(CAMPS), abstain="middle")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not both"):
        va.agreement_order(positions(CAMPS), n_blocs=2, threshold=0.3)
