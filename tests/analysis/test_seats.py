"""The hemicycle's seats as a table, read without drawing.

Expected values are hand counts of the bundled data (data/votes.csv, positions.csv,
group_tallies.csv) and the ILO Constitution, article 7 (56 titular seats: 28
government, 14 employer, 14 worker).
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from functools import cache

import pandas as pd
import pytest

import voteanalysis as va
from voteanalysis.analysis.seats import SEAT_COLUMNS, vote_parts, vote_row, vote_seats
from voteanalysis.dataset import VoteDataset


@cache
def bundled() -> VoteDataset:
    return va.load_dataset()


def counts(table: pd.DataFrame, *keys: str) -> dict[tuple[str, ...], int]:
    """Rows per combination of ``keys``, missing positions as "-"."""
    out = table[list(keys)].astype("object").fillna("-").astype("str")
    return dict(Counter(tuple(str(v) for v in r) for r in out.itertuples(index=False, name=None)))


def test_gb355_only_russia_and_china_are_coloured() -> None:
    # GB.355 on Belarus: 40 yes, 2 no, 9 abstain of 56 seats; Salidarnast names only
    # the two "no" (Russia and China), and no source counts the vote by group.
    table = va.hemicycle_seats(bundled(), "ILO-GB355-BLR")
    assert list(table.columns) == list(SEAT_COLUMNS)
    on_seats = table[table["block"] == "seats"]
    assert on_seats.groupby("group").size().to_dict() == {
        "government": 28,
        "employer": 14,
        "worker": 14,
    }
    coloured = on_seats[on_seats["position"].notna()]
    assert len(coloured) == 2
    assert sorted(coloured["member_id"]) == ["CHN", "RUS"]
    assert set(coloured["position"].astype("str")) == {"no"}
    assert set(coloured["basis"].astype("str")) == {"named"}
    # No worker or employer seat carries a position.
    assert on_seats.loc[on_seats["group"] != "government", "position"].isna().all()
    # The unattributed rest of the totals sits beside the seats, in no group.
    beside = table[table["block"] == "beside"]
    assert counts(beside, "position", "basis") == {
        ("yes", "published total"): 40,
        ("abstain", "published total"): 9,
    }
    assert beside["group"].eq("").all()
    assert beside["member_id"].isna().all()
    # 56 seats - 51 votes counted: 5 seats no published total covers.
    assert "5 seat(s): no published total covers them." in table.attrs["notes"]


def test_gb344_group_tallies_fill_their_groups() -> None:
    # GB.344 on the Russian Federation: 42-2-8, 4 not voting. Geneva Solutions: the
    # yes came from 16 governments, 12 workers and 14 employers; 2 governments (Russia,
    # China) voted no. Named: 6 governments yes, 2 no, 6 abstain.
    table = va.hemicycle_seats(bundled(), "ILO-GB344-RUS-RES")
    on_seats = table[table["block"] == "seats"]
    yes = on_seats[on_seats["position"] == "yes"]
    assert yes.groupby("group").size().to_dict() == {
        "government": 16,
        "worker": 12,
        "employer": 14,
    }
    gov = on_seats[on_seats["group"] == "government"]
    assert counts(gov, "position", "basis") == {
        ("yes", "named"): 6,
        ("yes", "group tally"): 10,  # 16 - 6 named
        ("no", "named"): 2,
        ("abstain", "named"): 6,
        ("-", "not published"): 4,  # 28 - 24
    }
    assert counts(on_seats[on_seats["group"] == "worker"], "position", "basis") == {
        ("yes", "group tally"): 12,
        ("-", "not published"): 2,
    }
    assert counts(on_seats[on_seats["group"] == "employer"], "position", "basis") == {
        ("yes", "group tally"): 14,
    }
    # 8 abstain - 6 named, and the 4 not voting: in no group.
    assert counts(table[table["block"] == "beside"], "position", "basis") == {
        ("abstain", "published total"): 2,
        ("not_voting", "published total"): 4,
    }
    # The 6 open seats are the 6 votes beside: every seat is covered by a total.
    assert not any("no published total covers" in n for n in table.attrs["notes"])


def test_seats_are_numbered_in_drawing_order() -> None:
    table = va.hemicycle_seats(bundled(), "ILO-GB344-RUS-RES")
    gov = table[(table["block"] == "seats") & (table["group"] == "government")]
    assert list(gov["seat"]) == list(range(1, 29))
    # Named before group tally within a position; positions yes, no, abstain; open last.
    order = [(str(p), str(b)) for p, b in zip(gov["position"], gov["basis"], strict=True)]
    assert order == (
        [("yes", "named")] * 6
        + [("yes", "group tally")] * 10
        + [("no", "named")] * 2
        + [("abstain", "named")] * 6
        + [("nan", "not published")] * 4
    )


def test_the_table_carries_what_the_chart_needs() -> None:
    table = va.hemicycle_seats(bundled(), "ILO-GB355-BLR")
    assert table.attrs["vote"]["vote_id"] == "ILO-GB355-BLR"
    assert (table.attrs["vote"]["yes"], table.attrs["vote"]["no"]) == (40, 2)
    assert sorted(table.attrs["named"]) == [("CHN", "no"), ("RUS", "no")]


def test_vote_parts_split_a_total_into_named_and_unattributed() -> None:
    data = bundled()
    parts = vote_parts(vote_row(data, "ILO-GB344-RUS-RES", "test"))
    # yes 42 = 6 named + 36; no 2 named; abstain 8 = 6 named + 2; 4 not voting.
    assert [(p.position, p.basis, p.count) for p in parts] == [
        ("yes", "named", 6),
        ("yes", "unattributed", 36),
        ("no", "named", 2),
        ("abstain", "named", 6),
        ("abstain", "unattributed", 2),
        ("not_voting", "unattributed", 4),
    ]
    assert len(vote_seats(data, vote_row(data, "ILO-GB344-RUS-RES", "test"))) == 56 + 6


def test_a_wrong_vote_id_names_the_closest() -> None:
    with pytest.raises(ValueError, match=r"vote_id='ILO-GB355' .*did you mean 'ILO-GB355-BLR'"):
        va.hemicycle_seats(bundled(), "ILO-GB355")
    # An election is not a vote with seats to draw.
    with pytest.raises(ValueError, match="'ILO-GB344-DG-2022-R2' is not one of 'ILO-"):
        va.hemicycle_seats(bundled(), "ILO-GB344-DG-2022-R2")
    with pytest.raises(TypeError, match="vote_id must be str"):
        va.hemicycle_seats(bundled(), 355)  # type: ignore[arg-type, unused-ignore]
    with pytest.raises(TypeError, match="VoteDataset"):
        va.hemicycle_seats(va.tally(bundled()), "ILO-GB355-BLR")  # type: ignore[arg-type, unused-ignore]


def test_the_seat_table_loads_no_plotting_library() -> None:
    code = (
        "import sys, voteanalysis as va; "
        "va.hemicycle_seats(va.load_dataset(), 'ILO-GB355-BLR'); "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
