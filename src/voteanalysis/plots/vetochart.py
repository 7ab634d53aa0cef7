"""Vetoes in the UN Security Council over time, by permanent member, joint vetoes marked."""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from ..dataset import VoteDataset
from ..io.unsc import PERMANENT_MEMBERS, VETO_LIST_END, vetoes

__all__ = ["JOINT_LABEL", "SEAT_COLORS", "SEAT_LABELS", "vetoplot"]

#: One Okabe–Ito colour per permanent seat (colour-blind safe, distinct from each other).
SEAT_COLORS: dict[str, str] = {
    "CHN": "#E69F00",  # orange
    "FRA": "#56B4E9",  # sky blue
    "RUS": "#D55E00",  # vermillion
    "GBR": "#009E73",  # bluish green
    "USA": "#0072B2",  # blue
}
#: How each seat is written in the legend: the seat's past holders are counted with it.
SEAT_LABELS: dict[str, str] = {
    "CHN": "China (Republic of China to 1971)",
    "FRA": "France",
    "RUS": "Russian Federation (USSR to 1991)",
    "GBR": "United Kingdom",
    "USA": "United States",
}
JOINT_LABEL = "joint veto: two or more permanent members on one draft (number = drafts)"
_JOINT_COLOR = "#000000"
_VETO_COLUMNS = {"vote_id", "year", "seat", "joint", "sources"}


def _source_line(table: pd.DataFrame) -> str:
    sources = set(";".join(table["sources"].dropna().astype(str)).split(";")) - {""}
    parts = []
    if "veto-list" in sources:
        parts.append(
            "Dag Hammarskjöld Library, Security Council veto list (1946 – " + VETO_LIST_END + ")"
        )
    if "unsc-drafts" in sources:
        parts.append(
            "votes on draft resolutions 1994 – June 2025 (github.com/oliverunv/Voting-Agent)"
        )
    years = table["year"].dropna()
    span = f"{int(years.min())}–{int(years.max())}" if len(years) else "no vetoes"
    return (
        f"Source: UN Security Council vetoes, {span}: "
        + ("; ".join(parts) or "the data given")
        + ". A joint veto counts once for each member that cast it."
    )


def vetoplot(
    data: VoteDataset | pd.DataFrame,
    *,
    members: Iterable[str] | None = None,
    start: int | None = None,
    end: int | None = None,
    ax: Axes | None = None,
    source: bool = True,
) -> Axes:
    """Vetoes per year, stacked by permanent member, with joint vetoes marked.

    Parameters
    ----------
    data
        A dataset holding Security Council votes (``load_dataset("unsc")``) or the
        table :func:`voteanalysis.io.unsc.vetoes` returns.
    members
        Permanent seats to draw (``"CHN"``, ``"FRA"``, ``"RUS"``, ``"GBR"``, ``"USA"``),
        in stacking order. Default: all five.
    start, end
        First and last year to draw (inclusive); default: the years with vetoes.
    ax
        Axes to draw on; default the current Axes.
    source
        Write the source line under the figure.

    Returns
    -------
    Axes
        One bar segment per seat and year (the seat's vetoes that year: a joint
        veto counts for each member that cast it); above the bars, a black diamond
        with the number of joint vetoes in years that had any.

    Examples
    --------
    >>> import voteanalysis as va
    >>> from voteanalysis.plots.vetochart import vetoplot
    >>> ax = vetoplot(va.load_dataset("unsc"), start=2010)
    """
    table, seats = _veto_table(data, members, start, end)
    years = table["year"].astype("Int64")
    lo = start if start is not None else (int(years.min()) if len(years) else 0)
    hi = end if end is not None else (int(years.max()) if len(years) else 0)
    table = table[(years >= lo) & (years <= hi)]
    ax = plt.gca() if ax is None else ax
    span = list(range(lo, hi + 1)) if len(table) else []
    bottom = _veto_bars(ax, table, seats, span)
    any_joint = _joint_marks(ax, table, span, bottom)
    ax.set_xlabel("year")
    ax.set_ylabel("vetoes (drafts vetoed, per member)")
    ax.set_title("Vetoes in the UN Security Council, by permanent member")
    if len(span):
        ax.set_xlim(lo - 0.7, hi + 0.7)
        ax.set_ylim(0, float(bottom.max()) + 2.0)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _veto_legend(ax, any_joint=any_joint)
    if source:
        from .common import put_caption as _put_caption

        _put_caption(ax, None, [], suffix=_source_line(table))
        line = getattr(ax.get_figure(root=True), "_supxlabel", None)
        if line is not None:
            line.set_gid("source-line")
    return ax


def _veto_table(
    data: VoteDataset | pd.DataFrame,
    members: Iterable[str] | None,
    start: int | None,
    end: int | None,
) -> tuple[pd.DataFrame, list[str]]:
    """The vetoes of the seats drawn, and those seats in stacking order; arguments checked."""
    if isinstance(data, VoteDataset):
        table = vetoes(data)
    elif isinstance(data, pd.DataFrame):
        missing = _VETO_COLUMNS - set(data.columns)
        if missing:
            raise ValueError(
                "vetoplot() needs a VoteDataset or the DataFrame returned by vetoes(); "
                f"this DataFrame lacks {', '.join(sorted(missing))}"
            )
        table = data
    else:
        raise TypeError(f"vetoplot() needs a VoteDataset or a DataFrame, not {type(data).__name__}")
    seats = list(PERMANENT_MEMBERS) if members is None else list(dict.fromkeys(members))
    unknown = [s for s in seats if s not in PERMANENT_MEMBERS]
    if unknown:
        raise ValueError(
            f"members must be permanent seats among {', '.join(PERMANENT_MEMBERS)}; "
            f"not {', '.join(map(repr, unknown))}"
        )
    for name, value in (("start", start), ("end", end)):
        if value is not None and not isinstance(value, int):
            raise TypeError(f"{name} must be a year (int), not {type(value).__name__}")
    return table[table["seat"].isin(seats)], seats


def _veto_bars(ax: Axes, table: pd.DataFrame, seats: list[str], span: list[int]) -> pd.Series:
    """One stacked bar per year, a segment per seat; return the bars' tops."""
    counts = (
        table.groupby([table["year"].astype(int), "seat"])
        .size()
        .unstack(fill_value=0)
        .reindex(index=span, columns=seats, fill_value=0)
    )
    bottom = pd.Series(0, index=counts.index, dtype="int64")
    for seat in seats:
        heights = counts[seat]
        ax.bar(
            counts.index,
            heights,
            bottom=bottom,
            width=0.85,
            color=SEAT_COLORS[seat],
            edgecolor="white",
            linewidth=0.3,
            label=SEAT_LABELS[seat],
            gid=f"veto-{seat}",
        )
        bottom = bottom + heights
    return bottom


def _joint_marks(ax: Axes, table: pd.DataFrame, span: list[int], bottom: pd.Series) -> bool:
    """A diamond with the number of joint vetoes over each year that had any."""
    joint = table[table["joint"].astype(bool)].drop_duplicates("vote_id")
    per_year = joint.groupby(joint["year"].astype(int)).size().reindex(span).dropna()
    per_year = per_year[per_year > 0]
    if not len(per_year):
        return False
    top = bottom.reindex(per_year.index)
    ax.scatter(
        per_year.index,
        top + 0.6,
        marker="D",
        s=22,
        color=_JOINT_COLOR,
        zorder=3,
        label=JOINT_LABEL,
        gid="veto-joint",
    )
    for year, n, y in zip(per_year.index.tolist(), per_year.tolist(), top.tolist(), strict=True):
        ax.annotate(
            str(int(n)),
            (float(year), float(y) + 0.6),
            xytext=(0, 5),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7,
            gid=f"veto-joint-count-{int(year)}",
        )
    return True


def _veto_legend(ax: Axes, *, any_joint: bool) -> None:
    """The seats, then the joint-veto mark (said to be absent when none is drawn)."""
    handles, labels = ax.get_legend_handles_labels()
    order = sorted(range(len(labels)), key=lambda i: labels[i] == JOINT_LABEL)
    handles, labels = [handles[i] for i in order], [labels[i] for i in order]
    if not any_joint:
        handles.append(
            Line2D([], [], marker="D", linestyle="", color=_JOINT_COLOR, label=JOINT_LABEL)
        )
        labels.append(JOINT_LABEL + " (none here)")
    # Above the bars, under the title: beside them it would be cut off on a saved page.
    ax.legend(
        handles,
        labels,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.01),
        ncol=3,
        fontsize=7,
        frameon=False,
    )
    ax.set_title(ax.get_title(), pad=34)
