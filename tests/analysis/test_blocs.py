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
