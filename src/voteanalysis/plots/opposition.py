"""Who opposed: members × votes, each cell the member's named position or "not known"."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

from ..analysis.tally import NOT_A_MEMBER, OPPOSITION_COLUMNS, opposition, opposition_order
from ..dataset import VoteDataset, cell_text
from ..io.names import member_names, usual_name
from ..palette import NOT_KNOWN_COLOR, POSITION_COLORS, POSITION_LABELS, ink
from .common import (
    _CODES,
    _HIGHLIGHT,
    _MARKS,
    _NOT_KNOWN_EDGE,
    READABLE_VOTES,
    _axes,
    _short_motion,
    legend_columns,
    legend_handles,
    put_caption,
)

__all__ = ["oppositionplot"]

#: Short names of bodies in column labels, where a session name does not say the body.
_SHORT_BODIES = {
    "ILO-GB": "GB",
    "ILO-ILC": "ILC",
    "ILO-ILC-COMMITTEE": "ILC committee",
    "IAEA-BoG": "IAEA Board",
    "IAEA-GC": "IAEA Conference",
}


def oppositionplot(
    data: VoteDataset | pd.DataFrame,
    *,
    members: Sequence[str] | None = None,
    highlight: Sequence[str] = _HIGHLIGHT,
    annotate: bool = True,
    legend: bool = True,
    ax: Axes | None = None,
    caption: bool = True,
    **kwargs: Any,
) -> Axes:
    """Members × votes: each cell the member's named position, or visibly not known.

    Rows are members, columns are votes by date labelled body, session and subject.
    A member whose position no source names gets a light grey cell with "?": it is
    never drawn as if it had voted any way.

    Parameters
    ----------
    data
        A VoteDataset, or the DataFrame returned by :func:`~voteanalysis.opposition`.
    members
        Member ids to show, in this order. Default: every member a source names
        voting no or abstaining anywhere, ``highlight`` first, then by how often they
        voted no and abstained.
    highlight
        Member ids drawn first, with bold labels and a frame.
    annotate
        Write a short code in each cell (Y, N, A, ...; "?" when not known), so the
        grid reads without colour.
    legend
        Draw a legend above the grid.
    ax
        Axes to draw on; default the current Axes.
    caption
        Put the source line (bodies, sessions, web sites read) under the figure;
        needs a VoteDataset.
    **kwargs
        Passed to every cell's :class:`~matplotlib.patches.Rectangle`.

    Returns
    -------
    Axes

    Raises
    ------
    TypeError
        When ``data`` is neither a VoteDataset nor the table of ``opposition()``, or
        ``members``/``highlight`` is a single str rather than a list of ids.

    Examples
    --------
    >>> import voteanalysis as va
    >>> ax = va.oppositionplot(va.load_dataset().filter(body="ILO-GB"))
    """
    grid = _grid(data, members, highlight)
    ax = _axes(ax)
    names = member_names(data)
    for m in grid["member_id"].astype("str").unique():
        if m not in names and (usual := usual_name(m)) != m:
            names[m] = usual
    positions = grid["position"].astype("str").where(grid["known"].astype(bool))
    if members is not None:
        member_ids = [m for m in dict.fromkeys(members) if m in set(grid["member_id"])]
    else:
        cells = pd.DataFrame({"member_id": grid["member_id"], "position": positions})
        present = set(cells["member_id"].astype("str"))
        order = opposition_order(cells, highlight=highlight, names=names)
        member_ids = [m for m in order if m in present]
    votes = grid.drop_duplicates("vote_id")
    vote_ids = list(votes["vote_id"])
    row = {m: i for i, m in enumerate(member_ids)}
    seen, unknown, outside = _cells(ax, grid, positions, vote_ids, row, annotate, kwargs)
    _row_labels(ax, member_ids, row, highlight, names, len(vote_ids))
    footnotes = _column_labels(ax, data, votes)
    ax.xaxis.tick_top()
    ax.set_xlim(0, max(len(vote_ids), 1))
    ax.set_ylim(max(len(member_ids), 1), 0)
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    if len(vote_ids) > READABLE_VOTES or len(member_ids) > 3 * READABLE_VOTES:
        footnotes.append(
            f"{len(member_ids)} members x {len(vote_ids)} votes: more than a reader can "
            "follow. Filter first, e.g. members=[...] or data.filter(subject=...)."
        )
    _notes_under(ax, footnotes, seen, unknown=unknown, outside=outside, legend=legend)
    if caption:
        put_caption(ax, data, vote_ids)
    return ax


def _grid(
    data: VoteDataset | pd.DataFrame, members: Sequence[str] | None, highlight: Sequence[str]
) -> pd.DataFrame:
    """The table of ``opposition()`` to draw, from the dataset or as given."""
    for name, ids in (("members", members), ("highlight", highlight)):
        if isinstance(ids, str):
            raise TypeError(
                f"oppositionplot(): {name} must be a list of member ids, e.g. [{ids!r}], not a str"
            )
    if isinstance(data, VoteDataset):
        return opposition(data, members=members)
    if isinstance(data, pd.DataFrame) and set(data.columns) >= set(OPPOSITION_COLUMNS):
        if members is not None:
            return data[data["member_id"].isin(list(members))]
        return data
    raise TypeError(
        "oppositionplot() needs a VoteDataset or the DataFrame returned by "
        f"opposition(), not {type(data).__name__}"
    )


def _cells(
    ax: Axes,
    grid: pd.DataFrame,
    positions: pd.Series,
    vote_ids: list[str],
    row: dict[str, int],
    annotate: bool,
    kwargs: dict[str, Any],
) -> tuple[set[str], bool, bool]:
    """One cell per (vote, member) shown; return positions drawn, any unknown, any open."""
    col = {v: j for j, v in enumerate(vote_ids)}
    seen: set[str] = set()
    unknown = outside = False
    # A state that did not sit on the body then (opposition()'s status) has no position:
    # its cell is left open, not "not known".
    if "status" in grid.columns:
        absent_member = (grid["status"].astype("str") == NOT_A_MEMBER).to_numpy()
    else:
        absent_member = np.zeros(len(grid), dtype=bool)
    for vote_id, member_id, position, away in zip(
        grid["vote_id"], grid["member_id"], positions, absent_member, strict=True
    ):
        if member_id not in row:
            continue
        x, y = col[vote_id], row[member_id]
        known = isinstance(position, str)
        fill = POSITION_COLORS[position] if known else "white" if away else NOT_KNOWN_COLOR
        edge = _NOT_KNOWN_EDGE if away and not known else "white"
        style = {"facecolor": fill, "edgecolor": edge, "linewidth": 1.0, **kwargs}
        state = position if known else "not_a_member" if away else "not_known"
        ax.add_patch(Rectangle((x, y), 1, 1, gid=f"cell.{vote_id}.{member_id}.{state}", **style))
        if known:
            seen.add(position)
        elif away:
            outside = True
        else:
            unknown = True
        if annotate:
            code = _CODES.get(position, "?") if known else "–" if away else "?"
            ax.text(
                x + 0.5,
                y + 0.5,
                code,
                ha="center",
                va="center",
                fontsize="x-small",
                color=ink(fill) if known else "#8A8A8A",
            )
    return seen, unknown, outside


def _row_labels(
    ax: Axes,
    member_ids: list[str],
    row: dict[str, int],
    highlight: Sequence[str],
    names: dict[str, str],
    n_votes: int,
) -> None:
    """Member names left of the rows; highlighted members bold and framed."""
    for m in highlight:
        if m in row and m in member_ids[: len(highlight)]:
            ax.add_patch(
                Rectangle(
                    (0, row[m]),
                    n_votes,
                    1,
                    fill=False,
                    edgecolor="black",
                    linewidth=1.4,
                    gid=f"highlight.{m}",
                )
            )
    ax.set_yticks(
        [row[m] + 0.5 for m in member_ids],
        [f"{names[m]} ({m})" if names.get(m, m) != m else m for m in member_ids],
        fontsize="small",
    )
    for label, m in zip(ax.get_yticklabels(), member_ids, strict=True):
        if m in highlight:
            label.set_fontweight("bold")


def _column_labels(ax: Axes, data: VoteDataset | pd.DataFrame, votes: pd.DataFrame) -> list[str]:
    """Upright vote labels over the columns; return the footnotes they call for."""
    motions = (
        dict(zip(data.votes["vote_id"], data.votes["motion"], strict=True))
        if isinstance(data, VoteDataset)
        else {}
    )
    # A vote whose "yes" is not "for the text" gets a mark, explained under the grid.
    titles = (
        dict(zip(data.votes["vote_id"], data.votes["title"], strict=True))
        if isinstance(data, VoteDataset)
        else {}
    )
    footnotes: list[str] = []
    col_labels: list[str] = []
    n_marked = 0
    for _, v in votes.iterrows():
        heading, full = _short_heading(
            cell_text(v["body"]),
            cell_text(v["session"]),
            cell_text(v["subject"]) or cell_text(titles.get(v["vote_id"])),
            cell_text(v["date"]),
        )
        motion = cell_text(motions.get(v["vote_id"]))
        if motion:
            mark = _MARKS[n_marked] if n_marked < len(_MARKS) else "*"
            n_marked += 1
            # What "yes" means sits in the column label itself, where the eye lands.
            short = textwrap.shorten(_short_motion(motion), 60, placeholder=" …")
            heading += f" {mark}\n{short}"
            footnotes.append(textwrap.fill(f"{mark} {full}: {motion}", 130))
        elif "…" in heading and len(footnotes) < 12:
            footnotes.append(f"{heading}: {full}")
        col_labels.append(heading)
    # Upright labels: one column each, never over a neighbour's.
    ax.set_xticks(
        [j + 0.5 for j in range(len(votes))],
        col_labels,
        rotation=90,
        ha="center",
        va="bottom",
        fontsize="x-small",
    )
    return footnotes


def _notes_under(
    ax: Axes,
    footnotes: list[str],
    seen: set[str],
    *,
    unknown: bool,
    outside: bool,
    legend: bool,
) -> None:
    """The legend under the grid, and the footnotes hung under the legend."""
    if legend:
        handles = legend_handles(seen, unattributed=False, not_known=False)
        for h in handles:
            h.set_label(f"{_CODES[_label_key(str(h.get_label()))]}  {h.get_label()}")
        if unknown:
            handles.append(
                Patch(
                    facecolor=NOT_KNOWN_COLOR,
                    edgecolor="white",
                    label="?  not known: no source names the position",
                )
            )
        if outside:
            handles.append(
                Patch(
                    facecolor="white",
                    edgecolor=_NOT_KNOWN_EDGE,
                    label="–  not a member of the body at the time",
                )
            )
        anchor: Any = ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0.0, -0.01),
            ncol=legend_columns(ax, handles),
            frameon=False,
            fontsize="small",
        )
        xy = (0.0, 0.0)
    else:
        anchor, xy = ax.transAxes, (0.0, -0.01)
    if footnotes:
        ax.annotate(
            "\n".join(footnotes),
            xy,
            xycoords=anchor,
            xytext=(0, -2),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize="x-small",
            gid="footnotes",
        )


def _short_heading(body: str, session: str, subject: str, date: str) -> tuple[str, str]:
    """A short column label for a vote, and the full text it stands for.

    Examples
    --------
    >>> _short_heading("ILO-ILC-COMMITTEE", "ILC 88", "Myanmar", "2000-06-09")
    ('ILC 88 committee · Myanmar · 2000-06', 'ILO-ILC-COMMITTEE ILC 88 · Myanmar · 2000-06-09')
    >>> _short_heading("IAEA-BoG", "June 2020 Board", "Iran", "2020-06-19")[0]
    'IAEA Board · Iran · 2020-06'
    """
    short = _SHORT_BODIES.get(body, body)
    first = short.split()[0]
    if session and session.upper().startswith(first.upper()) and len(session) <= 8:
        where = session + short[len(first) :]
    elif session and len(session) <= 8:
        where = f"{short} {session}"
    else:
        where = short
    what = textwrap.shorten(subject, 28, placeholder=" …") if subject else ""
    parts: list[str] = []
    for part in (where, what, date[:7]):
        if part and part.casefold() not in {q.casefold() for q in parts}:
            parts.append(part)
    heading = " · ".join(parts)
    full = " · ".join(t for t in (f"{body} {session}".strip(), subject, date) if t)
    return heading, full


def _label_key(label: str) -> str:
    return {v: k for k, v in POSITION_LABELS.items()}[label]


# --------------------------------------------------------------------------- hemicycleplot
