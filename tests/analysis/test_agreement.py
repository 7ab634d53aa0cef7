"""Agreement measures on published examples and hand-counted dyads."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from rollcalls import VOTEVIEW, VOTEVIEW_MATRIX, positions

import voteanalysis as va
from voteanalysis.dataset import VoteDataset


def dataset(pos: pd.DataFrame, sessions: dict[str, str]) -> VoteDataset:
    votes = pd.DataFrame(
        {
            "vote_id": list(sessions),
            "session": list(sessions.values()),
            "date": [f"20{10 + int(s)}-05-01" for s in sessions.values()],
        }
    )
    return VoteDataset(votes=votes, positions=pos)


# A dyad counted by hand: 6 identical votes (4 Y-Y, 1 N-N, 1 A-A), 2 opposite (Y-N),
# 2 half (A-Y, N-A). Marginals A: 6 Y, 2 N, 2 A; B: 5 Y, 3 N, 2 A.
DYAD = {"A": "YYYNAYNYAY", "B": "YNYNYYAYAN"}


def test_voteview_matrix() -> None:
    matrix = va.agreement(positions(VOTEVIEW), matrix=True, min_votes=1)
    order = list(VOTEVIEW)
    np.testing.assert_allclose(matrix.loc[order, order].to_numpy(), VOTEVIEW_MATRIX)


def test_voteview_pairs_table() -> None:
    pairs = va.agreement(positions(VOTEVIEW), min_votes=1)
    assert list(pairs.columns) == ["member_a", "member_b", "value", "n_votes", "enough"]
    assert len(pairs) == 15  # 6 choose 2
    assert (pairs["member_a"] < pairs["member_b"]).all()
    assert (pairs["n_votes"] == 5).all()
    one_two = pairs[(pairs["member_a"] == "One") & (pairs["member_b"] == "Two")]
    assert one_two["value"].tolist() == [pytest.approx(0.8)]


@pytest.mark.parametrize(
    ("measure", "expected", "n"),
    [
        ("percent", 0.60, 10),  # 6 / 10
        ("lijphart", 0.70, 10),  # (6 + 2 * 0.5) / 10
        ("s_abs", 0.40, 10),  # 1 - 2 * (2*2 + 2*1) / 10 / 2
        ("s_sq", 0.50, 10),  # 1 - 2 * (2*4 + 2*1) / 10 / 4
        ("kappa", 1 / 3, 10),  # (0.6 - 0.40) / (1 - 0.40); chance = .6*.5 + .2*.3 + .2*.2
        ("pi", 0.195 / 0.595, 10),  # chance = .55² + .25² + .2² = 0.405
        ("coincidence", 5 / 7, 7),  # yes/no votes of both: 5 identical, 2 opposite
    ],
)
def test_dyad_measures(measure: str, expected: float, n: int) -> None:
    result = va.agreement(positions(DYAD), measure=measure, min_votes=1)  # type: ignore[arg-type]
    assert result["value"].iloc[0] == pytest.approx(expected, abs=1e-4)
    assert result["n_votes"].iloc[0] == n
    assert result.attrs["measure"] == measure


def test_abstentions_option() -> None:
    pos = positions(DYAD)
    left_out = va.agreement(pos, abstain="exclude", min_votes=1)
    # Without any vote where one abstained: 7 votes, 5 identical.
    assert left_out["n_votes"].iloc[0] == 7
    assert left_out["value"].iloc[0] == pytest.approx(5 / 7)
    as_no = va.agreement(pos, abstain="no", min_votes=1)
    # Abstain -> no: A = YYYNNYNYNY, B = YNYNYYNYNN: 7 identical of 10.
    assert as_no["value"].iloc[0] == pytest.approx(0.7)
    assert "abstentions counted as no" in as_no.attrs["caption"]
    with pytest.raises(ValueError, match="yes and no votes only"):
        va.agreement(pos, measure="coincidence", abstain="position")


def test_absences_and_ineligible() -> None:
    pos = positions({"A": "YY-NI", "B": "Y-NNY"})
    left_out = va.agreement(pos, min_votes=1)
    # Only votes both took part in: v0 (Y,Y) and v3 (N,N).
    assert left_out[["value", "n_votes"]].iloc[0].tolist() == [1.0, 2]
    as_abstain = va.agreement(pos, absent="abstain", measure="lijphart", min_votes=1)
    # v1 (Y, absent->A) half, v2 (absent->A, N) half; ineligible never counts.
    assert as_abstain["n_votes"].iloc[0] == 4
    assert as_abstain["value"].iloc[0] == pytest.approx((2 + 0.5 + 0.5) / 4)
    assert as_abstain.attrs["absent"] == "abstain"
    assert "absences counted as abstentions" in as_abstain.attrs["caption"]


def test_min_votes_marks_pairs() -> None:
    pos = positions({"A": "YYYY", "B": "YYN-", "C": "---Y"})
    result = va.agreement(pos, min_votes=3).set_index(["member_a", "member_b"])
    assert result.loc[("A", "B"), "enough"]
    assert result.loc[("A", "B"), "value"] == pytest.approx(2 / 3)
    # A and C share one vote: reported with its count, but not scored.
    assert not result.loc[("A", "C"), "enough"]
    assert np.isnan(result.loc[("A", "C"), "value"])
    assert result.loc[("A", "C"), "n_votes"] == 1
    # B and C never voted together: no common vote at all.
    assert result.loc[("B", "C"), "n_votes"] == 0
    assert "fewer than 3 common votes" in result.attrs["caption"]


def test_kappa_undefined_when_both_always_vote_yes() -> None:
    result = va.agreement(positions({"A": "YYY", "B": "YYY"}), measure="kappa", min_votes=1)
    assert np.isnan(result["value"].iloc[0])
    percent = va.agreement(positions({"A": "YYY", "B": "YYY"}), min_votes=1)
    assert percent["value"].iloc[0] == 1.0


def test_by_session_and_year() -> None:
    # Session 1: v0, v1; session 2: v2, v3.
    pos = positions({"A": "YYNN", "B": "YNNN"})
    data = dataset(pos, {"v0": "1", "v1": "1", "v2": "2", "v3": "2"})
    result = va.agreement(data, by="session", min_votes=1)
    assert list(result.columns) == ["member_a", "member_b", "session", "value", "n_votes", "enough"]
    assert result.set_index("session")["value"].to_dict() == {"1": 0.5, "2": 1.0}
    per_year = va.agreement(data, by="year", min_votes=1)  # read from the dates
    assert per_year.set_index("year")["value"].to_dict() == {2011: 0.5, 2012: 1.0}
    assert result.attrs["by"] == ["session"]


def test_by_on_a_positions_frame() -> None:
    pos = positions({"A": "YYNN", "B": "YNNN"})
    pos["session"] = pos["vote_id"].map({"v0": "x", "v1": "x", "v2": "y", "v3": "y"})
    result = va.agreement(pos, by="session", min_votes=1)
    assert result.set_index("session")["value"].to_dict() == {"x": 0.5, "y": 1.0}


def test_matrix_by_session_is_stacked() -> None:
    pos = positions({"A": "YYNN", "B": "YNNN", "C": "--YY"})
    data = dataset(pos, {"v0": "1", "v1": "1", "v2": "2", "v3": "2"})
    stacked = va.agreement(data, by="session", min_votes=1, matrix=True)
    assert stacked.index.names == ["session", "member_a"]
    assert stacked.loc[("1", "A"), "B"] == 0.5
    assert np.isnan(stacked.loc[("1", "A"), "C"])  # C did not vote in session 1
    assert stacked.loc[("2", "C"), "A"] == 0.0


def test_members_filter_and_unknown_member() -> None:
    result = va.agreement(positions(VOTEVIEW), members=["One", "Two", "Three"], min_votes=1)
    assert set(result["member_a"]) | set(result["member_b"]) == {"One", "Two", "Three"}
    with pytest.raises(va.VoteDataError, match="Seven"):
        va.agreement(positions(VOTEVIEW), members=["One", "Seven"])


def test_alignment_with_a_reference() -> None:
    pos = positions({"A": "YYNN", "B": "YNNN", "C": "NNYY"})
    data = dataset(pos, {"v0": "1", "v1": "1", "v2": "2", "v3": "2"})
    table = va.alignment(data, reference="A", min_votes=1)
    assert list(table.columns) == [
        "session",
        "member_id",
        "reference",
        "value",
        "n_votes",
        "enough",
    ]
    values = table.set_index(["session", "member_id"])["value"]
    assert values.to_dict() == {("1", "B"): 0.5, ("1", "C"): 0.0, ("2", "B"): 1.0, ("2", "C"): 0.0}
    assert (table["reference"] == "A").all()
    with pytest.raises(va.VoteDataError, match="ZZZ"):
        va.alignment(data, reference="ZZZ")


def test_wrong_arguments() -> None:
    with pytest.raises(TypeError, match="VoteDataset or a positions DataFrame"):
        va.agreement([1, 2, 3])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="measure='cosine' is not one of 'percent'"):
        va.agreement(positions(DYAD), measure="cosine")  # type: ignore[arg-type]
    with pytest.raises(va.VoteDataError, match="no column 'chamber'"):
        va.agreement(positions(DYAD), by="chamber")


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda p: va.agreement(p, abstain="middle"), ValueError, "abstain='middle' is not one of"),
        (lambda p: va.agreement(p, absent="no"), ValueError, "absent='no' is not one of 'exclude'"),
        (lambda p: va.agreement(p, measure=3), TypeError, "measure must be a str"),
        (lambda p: va.agreement(p, by=3), TypeError, "by must be a column name"),
        (lambda p: va.agreement(p, members="A"), TypeError, "members must be a list"),
        (lambda p: va.agreement(p, min_votes="10"), TypeError, "min_votes must be int"),
        (lambda p: va.agreement(p, matrix="yes"), TypeError, "matrix must be bool"),
        (lambda p: va.alignment(p, reference=["A"]), TypeError, "reference must be str"),
        (lambda p: va.alignment(p, reference="A", measure="cos"), ValueError, "'percent'"),
        (lambda p: va.alignment([1], reference="A"), TypeError, r"alignment\(\): data must be"),
    ],
)
def test_wrong_arguments_name_the_function_and_the_choices(
    call: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call(positions(DYAD))


def test_duplicate_positions_are_refused() -> None:
    pos = pd.concat([positions(DYAD), positions({"A": "Y"})])
    with pytest.raises(va.VoteDataError, match="A twice on vote v0"):
        va.agreement(pos)


def test_input_is_not_changed() -> None:
    pos = positions(DYAD)
    before = pos.copy()
    va.agreement(pos, min_votes=1)
    pd.testing.assert_frame_equal(pos, before)


def test_governing_body_data_runs() -> None:
    data = va.load_dataset()
    pairs = va.agreement(data, min_votes=1)
    assert {"member_a", "member_b", "value", "n_votes", "enough"} <= set(pairs.columns)
    assert (pairs["n_votes"] >= 0).all()


def test_by_two_columns() -> None:
    pos = positions({"A": "YYNN", "B": "YNNN"})
    data = dataset(pos, {"v0": "1", "v1": "1", "v2": "2", "v3": "2"})
    data.votes["kind"] = ["resolution", "amendment", "resolution", "resolution"]
    result = va.agreement(data, by=["session", "kind"], min_votes=1)
    values = result.set_index(["session", "kind"])["value"].to_dict()
    assert values == {("1", "amendment"): 0.0, ("1", "resolution"): 1.0, ("2", "resolution"): 1.0}


def test_election_ballots_are_not_votes() -> None:
    pos = positions({"A": "YYN", "B": "YYY"})
    data = dataset(pos, {"v0": "1", "v1": "1", "v2": "1"})
    data.votes["kind"] = ["resolution", "resolution", "election"]
    result = va.agreement(data, min_votes=1)
    assert result[["value", "n_votes"]].iloc[0].tolist() == [1.0, 2]
