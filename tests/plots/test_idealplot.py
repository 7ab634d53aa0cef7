"""idealpointplot: what is drawn (positions, intervals, labels, lines), not pixels."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Text
from rollcalls import VOTEVIEW, positions

from voteanalysis.plots.idealplot import idealpointplot

Z95 = 1.959963984540054  # the 97.5% quantile of the standard normal


def table() -> pd.DataFrame:
    """Ideal points of five members in two sessions, as ideal_points returns them."""
    rows = [
        # member, session, point, se
        ("USA", "1", 2.0, 0.10),
        ("RUS", "1", -1.0, 0.20),
        ("CHN", "1", -1.05, 0.20),  # on top of RUS: must go to another row
        ("BRA", "1", 0.0, 0.05),
        ("IND", "1", -1.1, 0.30),
        ("USA", "2", 2.5, 0.10),
        ("RUS", "2", -0.5, 0.20),
        ("CHN", "2", -1.5, 0.20),
        ("BRA", "2", 0.2, 0.05),
        # IND has no point in session 2; session 3 follows
        ("USA", "3", 2.2, 0.10),
        ("IND", "3", -0.7, 0.30),
    ]
    df = pd.DataFrame(rows, columns=["member_id", "session", "ideal_point", "se"])
    df["n_votes"] = 50
    df.attrs = {"method": "ordinal", "orientation": {"1": "USA", "2": "USA", "3": "USA"}}
    return df


def by_gid(ax: Axes, prefix: str) -> dict[str, Line2D]:
    return {
        str(line.get_gid()).split(":", 1)[1]: line
        for line in ax.get_lines()
        if str(line.get_gid()).startswith(prefix + ":")
    }


def labels(ax: Axes) -> dict[str, Text]:
    return {
        str(t.get_gid()).split(":", 1)[1]: t
        for t in ax.texts
        if str(t.get_gid()).startswith("label:")
    }


def test_interval_draws_every_member_and_the_chosen_ones_with_intervals() -> None:
    ax = idealpointplot(table(), session="1", highlight=("RUS", "CHN", "USA", "ZAF"))
    rug = next(c for c in ax.collections if c.get_gid() == "members")
    np.testing.assert_allclose(
        sorted(rug.get_offsets()[:, 0]), sorted([2.0, -1.0, -1.05, 0.0, -1.1])
    )
    points = by_gid(ax, "point")
    assert set(points) == {"RUS", "CHN", "USA"}  # ZAF is not in the table
    assert points["USA"].get_xdata()[0] == pytest.approx(2.0)
    intervals = by_gid(ax, "interval")
    np.testing.assert_allclose(intervals["RUS"].get_xdata(), [-1.0 - Z95 * 0.2, -1.0 + Z95 * 0.2])
    np.testing.assert_allclose(intervals["USA"].get_xdata(), [2.0 - Z95 * 0.1, 2.0 + Z95 * 0.1])
    assert {k: t.get_text() for k, t in labels(ax).items()} == {
        "RUS": "RUS",
        "CHN": "CHN",
        "USA": "USA",
    }
    assert "USA on the positive side" in ax.get_xlabel()
    assert ax.get_title() == "Session 1: 5 members"


def test_interval_staggers_labels_that_would_overlap() -> None:
    ax = idealpointplot(table(), session="1", highlight=("RUS", "CHN", "IND", "USA", "BRA"))
    rows = {m: line.get_ydata()[0] for m, line in by_gid(ax, "point").items()}
    # RUS, CHN and IND sit within 0.1 of each other: three different rows.
    assert len({rows["RUS"], rows["CHN"], rows["IND"]}) == 3
    # USA and BRA are far from everyone: the first row.
    assert rows["USA"] == rows["BRA"] == 1
    boxes = [t.get_window_extent() for t in labels(ax).values()]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)


def test_interval_defaults_to_the_last_session_in_numeric_order() -> None:
    df = table()
    df.loc[df["session"] == "3", "session"] = "10"
    ax = idealpointplot(df, highlight=("USA",))
    assert ax.get_title() == "Session 10: 2 members"


def test_line_draws_chosen_members_across_sessions_with_gaps() -> None:
    _fig, ax = plt.subplots()
    out = idealpointplot(table(), show="line", highlight=("USA", "IND"), ax=ax)
    assert out is ax
    lines = by_gid(ax, "line")
    assert set(lines) == {"USA", "IND"}
    np.testing.assert_allclose(lines["USA"].get_xdata(), [1, 2, 3])
    np.testing.assert_allclose(lines["USA"].get_ydata(), [2.0, 2.5, 2.2])
    ind = np.asarray(lines["IND"].get_ydata(), dtype=float)
    assert ind[0] == pytest.approx(-1.1) and np.isnan(ind[1]) and ind[2] == pytest.approx(-0.7)
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["USA", "IND"]
    assert ax.get_xlabel() == "Session"


def test_computes_ideal_points_from_positions() -> None:
    pos = positions(VOTEVIEW).assign(session="1")
    ax = idealpointplot(
        pos,
        method="scaling",
        highlight=("Six", "One"),
        reference="Five",
        min_votes=1,
        n_boot=0,
    )
    points = by_gid(ax, "point")
    assert points["Six"].get_xdata()[0] == pytest.approx(0.5)
    assert points["One"].get_xdata()[0] == pytest.approx(-0.5)


def test_wrong_arguments_are_named() -> None:
    with pytest.raises(TypeError, match="ideal_points"):
        idealpointplot([1, 2])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="show='bars' is not one of 'interval', 'line'"):
        idealpointplot(table(), show="bars")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="highlight must be a list"):
        idealpointplot(table(), highlight="USA")
    with pytest.raises(ValueError, match="level must be between 0 and 1"):
        idealpointplot(table(), level=95)
    with pytest.raises(TypeError, match="give show= only"):
        idealpointplot(table(), show="line", kind="line")  # type: ignore[call-arg]


def test_old_kind_argument_warns_and_draws_the_same() -> None:
    new = idealpointplot(table(), show="line", highlight=("USA", "IND"), ax=plt.figure().subplots())
    with pytest.warns(DeprecationWarning, match="kind= is now show="):
        old = idealpointplot(
            table(), kind="line", highlight=("USA", "IND"), ax=plt.figure().subplots()
        )  # type: ignore[call-arg]
    assert [line.get_gid() for line in old.get_lines()] == [
        line.get_gid() for line in new.get_lines()
    ]
    for a, b in zip(old.get_lines(), new.get_lines(), strict=True):
        np.testing.assert_array_equal(a.get_ydata(), b.get_ydata())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        idealpointplot(table(), kind="line", ax=plt.figure().subplots())  # type: ignore[call-arg]
    assert caught[0].filename == __file__  # the warning names the caller's line


def test_idealpointplot_says_what_it_is_drawn_from() -> None:
    fig = plt.figure()
    idealpointplot(table(), session="1", ax=fig.subplots())
    # A table of ideal points does not carry the votes' sources: the line says so.
    assert fig.get_supxlabel() == (
        "Ideal points: method ordinal, 95% intervals. "
        "Source: the votes behind this table (not named in it)."
    )
    fig = plt.figure()
    idealpointplot(table(), show="line", ax=fig.subplots(), caption=False)
    assert fig.get_supxlabel() == ""
