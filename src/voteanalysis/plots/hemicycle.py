"""One vote as seats in a half circle: the drawing of :func:`~voteanalysis.hemicycle_seats`."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Circle, Patch

from ..analysis.seats import SEAT_COLUMNS, VotePart, vote_row, vote_seats
from ..dataset import VoteDataset, cell_text
from ..palette import POSITION_COLORS, POSITION_LABELS, UNATTRIBUTED_HATCH, ink
from ..schema import POSITIONS, body_name
from .common import (
    _NOT_KNOWN_EDGE,
    _axes,
    _style,
    _summary,
    _vote_label,
    legend_handles,
    put_caption,
)

__all__ = ["OUTSIDE_LABEL", "hemicycleplot"]

#: Legend text of the votes drawn beside the seats.
OUTSIDE_LABEL = "in the total, member and group not published"
_OPEN_LABEL = "seat: how it voted is not published"


def _points_per_unit(ax: Axes) -> float:
    """Typographic points per data unit of an equal-aspect Axes, at its current size."""
    fig = ax.get_figure(root=True)
    if fig is None:
        return 100.0
    box = ax.get_position()
    width, height = fig.get_size_inches()
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    return float(72 * min(box.width * width / abs(x1 - x0), box.height * height / abs(y1 - y0)))


def _largest_remainder(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into whole numbers proportional to ``weights``."""
    s = sum(weights)
    if total <= 0 or s <= 0:
        return [0] * len(weights)
    exact = [total * w / s for w in weights]
    out = [math.floor(e) for e in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (out[i] - exact[i], i))
    for i in by_remainder[: total - sum(out)]:
        out[i] += 1
    return out


def _rows_for(n: int, inner: float) -> int:
    """How many concentric rows make the seats about as far apart as the rows."""
    best, best_err = 1, math.inf
    for rows in range(1, 40):
        radii = [1.0] if rows == 1 else [inner + (1 - inner) * i / (rows - 1) for i in range(rows)]
        gap = (1 - inner) / (rows - 1) if rows > 1 else 0.35
        along = math.pi * sum(radii) / max(n, 1)
        err = abs(math.log(along / gap))
        if err < best_err:
            best, best_err = rows, err
    return best


def _arc_seats(
    n: int, radii: Sequence[float], theta0: float, theta1: float
) -> list[tuple[float, float]]:
    """Seat centres of ``n`` seats between two angles, left (theta1) to right (theta0)."""
    per_row = _largest_remainder(n, radii)
    seats = [
        (theta1 - (j + 0.5) * (theta1 - theta0) / k, r)
        for r, k in zip(radii, per_row, strict=True)
        for j in range(k)
    ]
    # Left to right, outer row first at equal angles: runs of a position become wedges.
    seats.sort(key=lambda s: (-round(s[0], 9), -s[1]))
    return [(r * math.cos(t), r * math.sin(t)) for t, r in seats]


def _seat_style(position: str | None, basis: str) -> dict[str, Any]:
    if basis == "named" and position is not None:
        return {"facecolor": POSITION_COLORS[position], "edgecolor": "#333333"}
    if basis in ("group tally", "published total") and position is not None:
        return _style(VotePart(position, "unattributed", 1))
    return {"facecolor": "white", "edgecolor": _NOT_KNOWN_EDGE}


def hemicycleplot(
    data: VoteDataset | pd.DataFrame,
    vote_id: str | None = None,
    *,
    ax: Axes | None = None,
    labels: bool = True,
    legend: bool = True,
    caption: bool = True,
    **kwargs: Any,
) -> Axes:
    """One vote drawn as seats in a half circle, with what no seat can carry beside it.

    The seats are those of :func:`~voteanalysis.hemicycle_seats`: a seat named by a
    source is solid in the position's colour and carries the member id; a seat a
    published group count puts in its group is lighter and hatched; every other seat
    is open (white): how it voted is not published. Under the half circle, a bar holds
    the votes of the published totals that no name or group count places ("in the
    total, member and group not published"). Seats are split by constituency when the
    body's constitution fixes the split (ILO Governing Body: 28 government, 14
    employer, 14 worker of 56) or when ``group_tallies`` count the vote by group.
    Notes under the drawing say how seats were placed.

    Parameters
    ----------
    data
        A VoteDataset, or the DataFrame returned by
        :func:`~voteanalysis.hemicycle_seats` (unchanged: its ``attrs`` say which
        vote it is; no source line is drawn for it).
    vote_id
        The vote to draw; needed with a VoteDataset, not with the seat table.
    ax
        Axes to draw on; default the current Axes.
    labels
        Write member ids on named seats (and group names on sectors).
    legend
        Draw a legend under the half circle.
    caption
        Put the source line (body, session, web sites read) under the figure; needs
        a VoteDataset.
    **kwargs
        Passed to every seat's :class:`~matplotlib.patches.Circle`.

    Returns
    -------
    Axes

    Raises
    ------
    TypeError
        When ``data`` is neither a VoteDataset nor the table of ``hemicycle_seats()``,
        or ``vote_id`` is missing or not a str.
    ValueError
        When there is no such vote (elections have no seats); the message names the
        closest vote ids.

    Examples
    --------
    >>> import voteanalysis as va
    >>> data = va.load_dataset()
    >>> ax = va.hemicycleplot(data, "ILO-GB355-BLR")
    >>> ax = va.hemicycleplot(va.hemicycle_seats(data, "ILO-GB355-BLR"))
    """
    table = _seats_to_draw(data, vote_id)
    vote = pd.Series(table.attrs["vote"])
    named = pd.DataFrame(
        [(vote["vote_id"], m, p) for m, p in table.attrs["named"]],
        columns=["vote_id", "member_id", "position"],
    )
    notes = list(table.attrs["notes"])
    ax = _axes(ax)
    shape = _shape(ax, table, vote, named, labels=labels)
    seen: set[str] = set()
    bases: set[str] = set()
    _draw_seats(ax, table, shape, seen, bases, labels=labels, style=kwargs)
    beside = table[table["block"] == "beside"]
    if len(beside):
        y = -0.3 - shape.shift
        _beside_bar(ax, beside, y=y, height=0.1, seen=seen, bases=bases, **kwargs)
    if labels and not shape.inside:
        listed = []
        for p in POSITIONS:
            ids = list(named.loc[named["position"] == p, "member_id"].astype("str"))
            if ids:
                shown_ids = ", ".join(ids) if len(ids) <= 12 else f"{len(ids)} members"
                listed.append(f"{POSITION_LABELS[p]}: {shown_ids}")
        if listed:
            notes.insert(0, "Named by sources: " + "; ".join(listed) + ".")
    _totals(ax, vote, named, shape)
    title = f"{body_name(cell_text(vote['body']))}\n{_vote_label(vote, width=70, short=False)}"
    ax.set_title(title, fontsize="medium")
    _legend_and_notes(ax, notes, seen, bases, bottom=shape.bottom, legend=legend)
    fig = ax.get_figure(root=True)
    if fig is not None and fig.get_layout_engine() is None:
        # The half circle keeps its aspect, so "tight" cannot make room for the title
        # and the notes hung under it; "constrained" shrinks the circle instead.
        fig.set_layout_engine("constrained")
    if caption:
        put_caption(ax, data, [str(vote["vote_id"])])
    return ax


def _seats_to_draw(data: VoteDataset | pd.DataFrame, vote_id: str | None) -> pd.DataFrame:
    """The seat table of the vote: computed from a dataset, or checked as given."""
    if isinstance(data, VoteDataset):
        if vote_id is None:
            raise TypeError("hemicycleplot() needs a vote_id with a VoteDataset")
        return vote_seats(data, vote_row(data, vote_id, "hemicycleplot"))
    if isinstance(data, pd.DataFrame):
        if set(SEAT_COLUMNS) <= set(data.columns) and {"vote", "named", "notes"} <= set(data.attrs):
            return data
        raise TypeError(
            "hemicycleplot() needs the DataFrame returned by hemicycle_seats() as it "
            "came (its attrs say which vote it is), or a VoteDataset and a vote_id"
        )
    raise TypeError(
        "hemicycleplot() needs a VoteDataset or the DataFrame returned by "
        f"hemicycle_seats(), not {type(data).__name__}"
    )


@dataclass(frozen=True)
class _Shape:
    """Where the seats go: rows, seat size, room under the half circle, text sizes."""

    radii: list[float]
    radius: float
    gap: float
    span: float
    bottom: float
    shift: float
    size: float
    below: bool
    font: float
    inside: bool


def _shape(
    ax: Axes, table: pd.DataFrame, vote: pd.Series, named: pd.DataFrame, *, labels: bool
) -> _Shape:
    """Rows and seat size for the number of seats; the Axes' limits set to fit."""
    on_seats = table[table["block"] == "seats"]
    n = len(on_seats)
    n_sectors = on_seats["group"].nunique()
    inner = 0.4
    rows = _rows_for(n, inner)
    radii = [1.0] if rows == 1 else [inner + (1 - inner) * i / (rows - 1) for i in range(rows)]
    gap = 0.1 if n_sectors > 1 else 0.0
    span = math.pi - gap * (n_sectors - 1)
    pitch = min((1 - inner) / (rows - 1) if rows > 1 else 0.35, span * sum(radii) / max(n, 1))
    radius = 0.4 * pitch
    bottom = -0.42 if (table["block"] == "beside").any() else -0.1
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(bottom, 1.28)
    ax.set_aspect("equal")
    ax.set_axis_off()
    # As large as fits in the hollow of the half circle, in width and in height; when
    # that is too small to read, the totals go on one line under the seats.
    lines = _centre_text(vote, named).splitlines()
    hollow = (inner - radius - 0.04) * _points_per_unit(ax)
    size = min(11.0, 1.6 * hollow / (0.62 * max(map(len, lines))), hollow / (1.3 * len(lines)))
    below = size < 6.5
    shift = 0.12 if below else 0.0
    if below:
        bottom -= shift
        ax.set_ylim(bottom, 1.28)
    font = min(8.0, 0.3 * 2 * radius * _points_per_unit(ax))
    return _Shape(
        radii, radius, gap, span, bottom, shift, size, below, font, labels and font >= 4.5
    )


def _centre_text(vote: pd.Series, named: pd.DataFrame) -> str:
    shown = _summary(vote, named).partition("\nnot published: ")[0]
    return shown.replace(" · ", "\n") or "totals not published"


def _draw_seats(
    ax: Axes,
    table: pd.DataFrame,
    shape: _Shape,
    seen: set[str],
    bases: set[str],
    *,
    labels: bool,
    style: dict[str, Any],
) -> None:
    """The seats, sector by sector from the left, with member ids and sector names."""
    on_seats = table[table["block"] == "seats"]
    n = len(on_seats)
    theta1 = math.pi
    for c, seats_c in ((str(c), rows) for c, rows in on_seats.groupby("group", sort=False)):
        width = shape.span * len(seats_c) / max(n, 1)
        centres = _arc_seats(len(seats_c), shape.radii, theta1 - width, theta1)
        for (x, y), (_, seat) in zip(centres, seats_c.iterrows(), strict=True):
            position = None if pd.isna(seat["position"]) else str(seat["position"])
            basis = str(seat["basis"])
            member_id = "" if pd.isna(seat["member_id"]) else str(seat["member_id"])
            ax.add_patch(
                Circle(
                    (x, y),
                    shape.radius,
                    gid=f"seat.{c or 'all'}.{int(seat['seat'])}.{basis}."
                    f"{position or 'not_published'}" + (f".{member_id}" if member_id else ""),
                    **{**_seat_style(position, basis), "linewidth": 0.8, **style},
                )
            )
            bases.add(basis)
            if position is not None:
                seen.add(position)
            if shape.inside and member_id and position is not None:
                ax.text(
                    x,
                    y,
                    member_id,
                    ha="center",
                    va="center",
                    fontsize=shape.font,
                    color=ink(POSITION_COLORS[position]),
                    fontweight="bold",
                    gid=f"label.{member_id}",
                )
        if labels and c:
            _sector_label(ax, c, len(seats_c), theta1 - width / 2)
        theta1 -= width + shape.gap


def _sector_label(ax: Axes, group: str, n: int, mid: float) -> None:
    side = math.cos(mid)
    ax.text(
        1.12 * side,
        1.12 * math.sin(mid),
        f"{group.capitalize()}\n{n} seats",
        ha="right" if side < -0.3 else "left" if side > 0.3 else "center",
        va="bottom" if abs(side) <= 0.3 else "center",
        fontsize="small",
        color="#333333",
        gid=f"sector.{group}",
    )


def _totals(ax: Axes, vote: pd.Series, named: pd.DataFrame, shape: _Shape) -> None:
    """The published totals in the hollow of the half circle, or under it when small."""
    shown, _, missing = _summary(vote, named).partition("\nnot published: ")
    if shape.below:
        ax.text(
            0,
            -0.05,
            (shown or "totals not published") + (f"\nnot published: {missing}" if missing else ""),
            ha="center",
            va="top",
            fontsize="small",
            fontweight="bold",
            gid="totals",
        )
        return
    ax.text(
        0,
        0.04,
        _centre_text(vote, named),
        ha="center",
        va="bottom",
        fontsize=shape.size,
        fontweight="bold",
        gid="totals",
    )
    if missing:
        ax.text(
            0,
            0.0,
            f"not published: {missing}",
            ha="center",
            va="top",
            fontsize="x-small",
            color="#444444",
        )


def _legend_and_notes(
    ax: Axes, notes: list[str], seen: set[str], bases: set[str], *, bottom: float, legend: bool
) -> None:
    """The legend under the half circle, and the notes hung under the legend."""
    anchor: Any = ax.transData
    xy = (0.0, bottom + 0.02)
    if legend:
        handles = legend_handles(seen, unattributed=False, not_known=False)
        if bases & {"group tally", "published total"}:
            handles.append(
                Patch(
                    facecolor="white",
                    edgecolor="#555555",
                    hatch=UNATTRIBUTED_HATCH,
                    label="hatched: in a published count, member not named",
                )
            )
        if "not published" in bases:
            handles.append(Patch(facecolor="white", edgecolor=_NOT_KNOWN_EDGE, label=_OPEN_LABEL))
        anchor = ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=xy,
            bbox_transform=ax.transData,
            ncol=3,
            frameon=False,
            fontsize="small",
        )
        xy = (0.5, 0.0)
    if notes:
        # Hung under the legend so that they never overlap, whatever the figure size.
        ax.annotate(
            "\n".join(textwrap.fill(note, 95) for note in notes),
            xy,
            xycoords=anchor,
            xytext=(0, -4),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize="x-small",
            color="#444444",
            gid="notes",
        )


def _beside_bar(
    ax: Axes,
    beside: pd.DataFrame,
    *,
    y: float,
    height: float,
    seen: set[str],
    bases: set[str],
    **kwargs: Any,
) -> None:
    """The votes no seat can carry, as one stacked bar under the half circle."""
    total = len(beside)
    scale = 2.0 / max(total, 1)
    left = -1.0
    runs = beside.groupby(["position", "basis"], observed=True, sort=False)
    for (position, basis), rows in runs:
        p, b = str(position), str(basis)
        count = len(rows)
        style = {**_seat_style(p, b), "linewidth": 0.6, **kwargs}
        bar = ax.barh(y, count * scale, left=left, height=height, label="_nolegend_", **style)
        bar.patches[0].set_gid(f"beside.{p}.{b}")
        who = ", ".join(rows["member_id"].dropna().astype("str")) if b == "named" else ""
        text = f"{count} {POSITION_LABELS[p]}" + (f" ({who})" if who else "")
        ax.annotate(
            text,
            (left + count * scale / 2, y - height / 2),
            xytext=(0, -2),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize="x-small",
            gid=f"beside-label.{p}.{b}",
        )
        seen.add(p)
        bases.add(b)
        left += count * scale
    ax.text(
        -1.0,
        y + height / 2 + 0.02,
        f"{total} vote{'' if total == 1 else 's'} {OUTSIDE_LABEL}",
        ha="left",
        va="bottom",
        fontsize="small",
        color="#333333",
        gid="beside-heading",
    )
