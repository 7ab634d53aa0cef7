"""Totals per vote as horizontal stacked bars, one panel per body."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from ..analysis.seats import named_positions, published_count
from ..analysis.tally import tally
from ..dataset import VoteDataset, cell_text
from ..schema import BODIES, POSITIONS, TOTAL_COLUMNS, body_name
from .common import (
    READABLE_VOTES,
    _axes,
    _count_label,
    _stack,
    _summary,
    _vote_label,
    legend_columns,
    legend_handles,
    put_caption,
)

__all__ = ["tallyplot"]

_TALLY_COLUMNS = {"vote_id", "body", "date", *TOTAL_COLUMNS, *(f"named_{p}" for p in POSITIONS)}


def _tally_frame(data: VoteDataset | pd.DataFrame, func: str) -> pd.DataFrame:
    if isinstance(data, VoteDataset):
        return tally(data)
    if isinstance(data, pd.DataFrame):
        missing = _TALLY_COLUMNS - set(data.columns)
        if missing:
            raise TypeError(
                f"{func}() needs a VoteDataset or the DataFrame returned by "
                f"tally(); this DataFrame lacks {', '.join(sorted(missing))}"
            )
        return data
    raise TypeError(
        f"{func}() needs a VoteDataset or the DataFrame returned by tally(), "
        f"not {type(data).__name__}"
    )


def tallyplot(
    data: VoteDataset | pd.DataFrame,
    *,
    ax: Axes | None = None,
    height: float = 0.7,
    summary: bool = True,
    legend: bool = True,
    by_body: bool = True,
    caption: bool = True,
    **kwargs: Any,
) -> Axes:
    """For, against, abstain and not voting per vote, as horizontal stacked bars.

    Votes are grouped by body (a bold heading above each group) and ordered by date
    within it; elections are left out. Bodies count different things (seats, member
    states, delegates) on different scales, so with ``by_body`` each body gets its
    own panel and count axis, stacked inside ``ax`` (the panels are
    ``ax.child_axes``). The members a source names are solid; the rest of each
    published total is lighter and hatched; seats no total covers (when the vote's
    ``seats`` is known) are "not known". Right of the bars, the published totals
    with the ids of up to three named members, and which totals were not published.
    A vote whose ``motion`` says what "yes" means carries that in its label, and
    votes counted per delegate say so (members a source names there are
    governments, not delegate counts: each is drawn as one vote and the label says
    so).

    Parameters
    ----------
    data
        A VoteDataset, or the DataFrame returned by :func:`~voteanalysis.analysis.tally`.
    ax
        Axes to draw on; default the current Axes.
    height
        Bar height, as a share of the row.
    summary
        Write the published totals (and which are not published) right of the Axes.
    legend
        Draw a legend above the Axes.
    by_body
        One panel with its own scale per body (default); ``False`` puts every body on
        one axis.
    caption
        Put the source line (bodies, sessions, web sites read) under the figure;
        needs a VoteDataset.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh` for every segment.

    Returns
    -------
    Axes

    Raises
    ------
    TypeError
        When ``data`` is neither a VoteDataset nor a table with the columns of ``tally()``.

    Examples
    --------
    >>> import voteanalysis as va
    >>> ax = va.tallyplot(va.load_dataset().filter(body="ILO-GB"))
    """
    t = _tally_frame(data, "tallyplot")
    named = named_positions(data)
    ax = _axes(ax)
    order = {b: i for i, b in enumerate(BODIES)}
    bodies = sorted(dict.fromkeys(t["body"].astype("str")), key=lambda b: (order.get(b, 99), b))
    seen: set[str] = set()
    kinds: set[str] = set()
    rows: dict[str, Any] = {
        "height": height,
        "summary": summary,
        "style": kwargs,
        "seen": seen,
        "kinds": kinds,
    }
    if by_body and len(bodies) > 1:
        legend_ax = _panels(ax, t, bodies, named, rows)
    else:
        _tally_rows(ax, t, bodies, named, **rows)
        legend_ax = ax
    if legend and (seen or kinds):
        _tally_legend(ax, legend_ax, t, seen, kinds)
    if not len(t):
        ax.text(0.5, 0.5, "no votes to draw", ha="center", va="center", transform=ax.transAxes)
    if caption:
        put_caption(ax, data, [str(v) for v in t["vote_id"]])
    return ax


def _panels(
    ax: Axes, t: pd.DataFrame, bodies: list[str], named: pd.DataFrame, rows: dict[str, Any]
) -> Axes:
    """One inset panel per body inside ``ax``, as tall as its rows; return the first."""
    ax.set_axis_off()
    sizes = [
        1.4 + sum(_row_step(_vote_label(r)) for _, r in t[t["body"].astype("str") == b].iterrows())
        for b in bodies
    ]
    gap = 2.6  # rows of room for a panel's tick labels and axis label
    total = sum(sizes) + gap * (len(sizes) - 1)
    top = 1.0
    panels = []
    for body, size in zip(bodies, sizes, strict=True):
        h = size / total
        panel = ax.inset_axes((0.0, top - h, 1.0, h))
        panel.set_gid(f"panel.{body}")
        _tally_rows(panel, t[t["body"].astype("str") == body], [body], named, **rows)
        panels.append(panel)
        top -= h + gap / total
    return panels[0]


def _tally_legend(
    ax: Axes, legend_ax: Axes, t: pd.DataFrame, seen: set[str], kinds: set[str]
) -> None:
    """The legend above the bars, as many columns as fit right of the row labels."""
    handles = legend_handles(
        seen, unattributed="unattributed" in kinds, not_known="not_known" in kinds
    )
    # From the bars' left edge to the figure's right: the row labels hold the rest.
    fig = ax.get_figure(root=True)
    size = 0.6 * 0.833 * plt.rcParams["font.size"]
    longest = (
        max(
            (len(line) for lab in t.apply(_vote_label, axis=1) for line in str(lab).splitlines()),
            default=0,
        )
        if len(t)
        else 0
    )
    room = (fig.get_size_inches()[0] * 72 if fig is not None else 460) - longest * size - 30
    legend_ax.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.01),
        ncol=legend_columns(ax, handles, width=room),
        frameon=False,
        fontsize="small",
    )


def _row_step(label: str) -> float:
    """Height of a tally row, in rows: labels of three lines or more get more room."""
    return max(1.0, 0.6 * (label.count("\n") + 1))


def _heading(ax: Axes, body: str, rows: pd.DataFrame, y: float) -> None:
    """The bold name of a body above its votes (saying when it counts delegates)."""
    units = {cell_text(u) for u in rows.get("voter_unit", pd.Series(dtype="str"))} - {""}
    heading = body_name(body) + (" (votes of delegates)" if units == {"delegate"} else "")
    ax.annotate(
        heading,
        (0.0, y),
        xycoords=ax.get_yaxis_transform(),
        xytext=(4, 0),
        textcoords="offset points",
        ha="left",
        va="center",
        fontweight="bold",
        gid=f"heading.{body}",
    )


def _row_notes(
    ax: Axes, row: pd.Series, named: pd.DataFrame, y: float, left: int, *, summary: bool
) -> None:
    """Right of the Axes the published totals; after the bar, when there are none, why."""
    if summary:
        ax.annotate(
            _summary(row, named),
            (1.0, y),
            xycoords=ax.get_yaxis_transform(),
            xytext=(6, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize="small",
            gid=f"summary.{row['vote_id']}",
        )
    if not any(published_count(row[p]) is not None for p in TOTAL_COLUMNS):
        note = (
            "adopted without a vote"
            if cell_text(row.get("result")) == "adopted without a vote"
            else "totals not published"
        )
        ax.annotate(
            note,
            (left, y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize="small",
            color="#444444",
            style="italic",
            gid=f"no-totals.{row['vote_id']}",
        )


def _tally_rows(
    ax: Axes,
    t: pd.DataFrame,
    bodies: Sequence[str],
    named: pd.DataFrame,
    *,
    height: float,
    summary: bool,
    style: dict[str, Any],
    seen: set[str],
    kinds: set[str],
) -> None:
    """The bars of :func:`tallyplot` for ``bodies`` on one Axes (one count axis)."""
    y = 0.0
    ticks: list[float] = []
    labels: list[str] = []
    widest = 0
    for i, body in enumerate(bodies):
        rows = t[t["body"].astype("str") == body]
        if i:
            ax.axhline(y - 0.45, color="#BBBBBB", linewidth=0.8)
        _heading(ax, body, rows, y)
        y += 1.0
        for _, row in rows.iterrows():
            label = _vote_label(row)
            step = _row_step(label)
            y += (step - 1.0) / 2
            left = _stack(ax, row, y, height, horizontal=True, seen=seen, kinds=kinds, style=style)
            widest = max(widest, left)
            _row_notes(ax, row, named, y, left, summary=summary)
            ticks.append(y)
            labels.append(label)
            y += 1.0 + (step - 1.0) / 2
        y += 0.4
    ax.set_yticks(ticks, labels, fontsize="small")
    ax.set_ylim(max(y - 0.4 - 0.5, 0.5), -0.6)
    ax.set_xlim(0, max(widest, 1) * 1.02)
    ax.xaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))
    label = _count_label(t[t["body"].astype("str").isin(list(bodies))])
    n_votes = len(ticks)
    if n_votes > 2 * READABLE_VOTES:
        label += (
            f"\n{n_votes} votes: more than a reader can follow. "
            "Filter first, e.g. data.filter(subject=...) or data.filter(vote_id=[...])."
        )
    ax.set_xlabel(label)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
