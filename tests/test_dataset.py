"""The dataset type: equality by contents and origin, no hash, the shared helpers."""

from __future__ import annotations

import copy

import pandas as pd
import pytest

import voteanalysis as va
from voteanalysis.dataset import VoteDataset, by_date, cell_text


def _tiny(origin: str = "hand-made") -> VoteDataset:
    votes = pd.DataFrame(
        {"vote_id": ["A", "B"], "body": ["ILO-GB", "ILO-GB"], "date": ["2024-03-14", None]}
    )
    positions = pd.DataFrame(
        {
            "vote_id": ["A", "A"],
            "member_id": ["FRA", "CHN"],
            "position": pd.Categorical(["yes", "no"], categories=["yes", "no"], ordered=True),
        }
    )
    return VoteDataset(votes=votes, positions=positions, origin=origin)


def test_two_loads_are_equal() -> None:
    first, second = va.load_dataset(), va.load_dataset()
    assert first is not second
    assert first == second
    assert not first != second  # noqa: SIM202 (the != operator itself is under test)


def test_a_deep_copy_is_equal_and_the_same_object_is_equal_to_itself() -> None:
    data = _tiny()
    assert data == data
    assert copy.deepcopy(data) == data


def test_a_filter_makes_a_different_dataset() -> None:
    data = va.load_dataset()
    assert data != data.filter(body="ILO-GB")
    assert not data == data.filter(body="ILO-GB")  # noqa: SIM201
    # The same filter twice gives equal datasets.
    assert data.filter(body="ILO-GB") == data.filter(body="ILO-GB")


def test_one_changed_cell_makes_a_different_dataset() -> None:
    data, changed = _tiny(), _tiny()
    changed.positions.loc[1, "position"] = "yes"
    assert data != changed
    changed = _tiny()
    changed.votes.loc[0, "date"] = "2024-03-15"
    assert data != changed


def test_missing_values_in_the_same_places_are_equal() -> None:
    # votes.date of B is None in both: not a difference.
    assert _tiny().votes["date"].isna().sum() == 1
    assert _tiny() == _tiny()


def test_another_origin_makes_a_different_dataset() -> None:
    assert _tiny("one file") != _tiny("another file")


def test_column_order_and_dtype_count() -> None:
    data = _tiny()
    reordered = _tiny()
    reordered.votes = reordered.votes[["body", "vote_id", "date"]]
    assert data != reordered
    retyped = _tiny()
    retyped.positions["position"] = retyped.positions["position"].astype("object")
    assert list(retyped.positions["position"]) == ["yes", "no"]  # the same values
    assert data != retyped


def test_a_dataset_is_not_equal_to_other_things() -> None:
    data = _tiny()
    assert data != "hand-made"
    assert data is not None


def test_a_dataset_is_not_hashable() -> None:
    # Its tables change in place, so no hash could stay true to the contents.
    with pytest.raises(TypeError, match="unhashable"):
        hash(_tiny())
    with pytest.raises(TypeError):
        {_tiny()}


def test_by_date_puts_undated_votes_last_and_breaks_ties_by_vote_id() -> None:
    votes = pd.DataFrame(
        {
            "vote_id": ["d", "c", "b", "a"],
            "date": [None, "2023-11-09", "2023-11-09", "2024-01-01"],
        }
    )
    assert by_date(votes)["vote_id"].tolist() == ["b", "c", "a", "d"]
    assert list(by_date(votes).columns) == ["vote_id", "date"]


def test_cell_text_of_empty_cells_is_empty() -> None:
    assert [cell_text(v) for v in (None, float("nan"), pd.NA, "", "x", 0)] == [
        "",
        "",
        "",
        "",
        "x",
        "0",
    ]
