"""A body over time: one stacked bar per vote, with chosen members' positions above."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from ..analysis.seats import published_count
from ..analysis.tally import opposition, tally
from ..arguments import renamed_arguments
from ..dataset import VoteDataset, cell_text
from ..io.names import member_names
from ..palette import NOT_KNOWN_COLOR, POSITION_COLORS, ink
from .common import (
    _CODES,
    _HIGHLIGHT,
    READABLE_VOTES,
    _axes,
    _count_label,
    _short_motion,
    _stack,
    legend_columns,
    legend_handles,
    put_caption,
)

__all__ = ["timelineplot"]


@renamed_arguments(members="highlight")
def timelineplot(
    data: VoteDataset,
    *,
    highlight: Sequence[str] = _HIGHLIGHT,
    ax: Axes | None = None,
    width: float = 0.7,
    legend: bool = True,
    caption: bool = True,
    **kwargs: Any,
) -> Axes:
    """Votes over time as vertical stacked bars, with chosen members' positions above.

    One bar per vote, in date order, split as in :func:`~voteanalysis.tallyplot`
    (named solid, unattributed lighter and hatched, seats no total covers "not
    known"). Above the bars, one strip per member in ``highlight``: a cell per vote
    in the member's named position's colour, or light grey with "?" where no source
    names it.

    Parameters
    ----------
    data
        A VoteDataset (filter it first, e.g. ``data.filter(body="IAEA-BoG")``). The
        bars need every vote's totals, which neither ``opposition()`` nor
        ``member_history()`` carries, so those tables are not accepted.
    highlight
        Member ids whose positions are drawn in strips above the bars (formerly
        ``members=``, which still works for one release with a DeprecationWarning).
    ax
        Axes to draw on; default the current Axes.
    width
        Bar width, as a share of the slot.
    legend
        Draw a legend above the Axes.
    caption
        Put the source line (bodies, sessions, web sites read) under the figure.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.bar` for every segment.

    Returns
    -------
    Axes

    Raises
    ------
    TypeError
        When ``data`` is not a VoteDataset or ``highlight`` is a single str.

    Examples
    --------
    >>> import voteanalysis as va
    >>> ax = va.timelineplot(va.load_dataset().filter(body="IAEA-BoG"), highlight=["RUS"])
    """
    if not isinstance(data, VoteDataset):
        raise TypeError(f"timelineplot() needs a VoteDataset, not {type(data).__name__}")
    if isinstance(highlight, str):
        raise TypeError(
            f"timelineplot(): highlight must be a list of member ids, e.g. [{highlight!r}], "
            "not a str"
        )
    t = tally(data)
    ax = _axes(ax)
    seen: set[str] = set()
    kinds: set[str] = set()
    every = math.ceil(len(t) / READABLE_VOTES) if len(t) > READABLE_VOTES else 1
    top = _bars(ax, t, width, every, seen, kinds, kwargs) or 1
    step = top * 0.085
    base = top * 1.1
    unknown = _strips(ax, data, t, list(highlight), base, step, width, seen)
    _vote_ticks(ax, t, every)
    ax.set_xlim(-0.5 - width / 2 - 0.05, len(t) - 0.5 + 0.05)
    ax.set_ylim(0, base + len(highlight) * step + step * 0.2)
    ticks = MaxNLocator(integer=True).tick_values(0, top)
    ax.set_yticks([int(v) for v in ticks if 0 <= v <= top])
    ax.set_ylabel(_count_label(t))
    ax.spines[["top", "right"]].set_visible(False)
    if legend:
        handles = legend_handles(
            seen, unattributed="unattributed" in kinds, not_known="not_known" in kinds
        )
        if unknown:
            handles.append(
                Patch(
                    facecolor=NOT_KNOWN_COLOR,
                    edgecolor="white",
                    label="?  position not named by a source",
                )
            )
        ax.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(0.0, 1.01),
            ncol=legend_columns(ax, handles),
            frameon=False,
            fontsize="small",
        )
    if caption:
        put_caption(ax, data, [str(v) for v in t["vote_id"]])
    return ax


def _bars(
    ax: Axes,
    t: pd.DataFrame,
    width: float,
    every: int,
    seen: set[str],
    kinds: set[str],
    style: dict[str, Any],
) -> int:
    """One stacked bar per vote, every ``every``-th with its counts; return the tallest."""
    tops: list[int] = []
    for x, (_, row) in enumerate(t.iterrows()):
        bottom = _stack(ax, row, x, width, horizontal=False, seen=seen, kinds=kinds, style=style)
        tops.append(bottom)
        counts = "–".join(
            str(published_count(row[p]))
            for p in ("yes", "no", "abstain")
            if published_count(row[p]) is not None
        )
        if counts and x % every == 0:
            ax.annotate(
                counts,
                (x, bottom),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize="x-small",
            )
    return max(tops, default=1)


def _strips(
    ax: Axes,
    data: VoteDataset,
    t: pd.DataFrame,
    highlight: list[str],
    base: float,
    step: float,
    width: float,
    seen: set[str],
) -> bool:
    """One strip per highlighted member above the bars; return whether any cell is unknown."""
    opp = opposition(data, members=highlight) if len(t) else pd.DataFrame()
    col = {v: j for j, v in enumerate(t["vote_id"])}
    names = member_names(data)
    unknown = False
    for i, m in enumerate(highlight):
        y = base + (len(highlight) - 1 - i) * step
        cells = opp[opp["member_id"] == m] if len(opp) else opp
        for _, cell in cells.iterrows():
            x = col[cell["vote_id"]]
            position = str(cell["position"]) if bool(cell["known"]) else None
            fill = POSITION_COLORS[position] if position else NOT_KNOWN_COLOR
            ax.add_patch(
                Rectangle(
                    (x - width / 2, y),
                    width,
                    step * 0.85,
                    facecolor=fill,
                    edgecolor="white",
                    gid=f"member.{m}.{cell['vote_id']}.{position or 'not_known'}",
                )
            )
            ax.text(
                x,
                y + step * 0.42,
                _CODES[position] if position else "?",
                ha="center",
                va="center",
                fontsize="x-small",
                color=ink(fill) if position else "#8A8A8A",
            )
            if position:
                seen.add(position)
            else:
                unknown = True
        # Right of the strips: the count axis and its label hold the left side.
        ax.text(
            len(t) - 0.5 + 0.1,
            y + step * 0.42,
            names.get(m, m),
            ha="left",
            va="center",
            fontsize="small",
            fontweight="bold",
            gid=f"member-name.{m}",
        )
    return unknown


def _vote_ticks(ax: Axes, t: pd.DataFrame, every: int) -> None:
    """Date, subject and what "yes" means under the bars; every ``every``-th when many."""
    labels = [
        "\n".join(
            [
                cell_text(r["date"]),
                *textwrap.wrap(
                    cell_text(r["subject"]).replace("/", "/ "), 16, break_long_words=False
                ),
                # What "yes" means, when a motion says it is not "for the text".
                *textwrap.wrap(
                    textwrap.shorten(_short_motion(cell_text(r["motion"])), 48, placeholder=" …")
                    if cell_text(r.get("motion"))
                    else "",
                    16,
                ),
            ]
        )
        for _, r in t.iterrows()
    ]
    shown = range(0, len(t), every)
    ax.set_xticks(list(shown), [labels[i] for i in shown], fontsize="x-small")
    if every > 1:
        # The axis label sits under the tick labels, wherever they end.
        ax.set_xlabel(
            f"{len(t)} votes, too many to label each: one in {every} is labelled "
            "(with its yes–no–abstain counts). "
            "Filter to read them all, e.g. data.filter(subject=...) or "
            "data.filter(vote_id=[...]).",
            fontsize="x-small",
            color="#444444",
        )
