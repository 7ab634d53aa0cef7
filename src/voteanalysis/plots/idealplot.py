"""Charts of ideal points: one session on a line, or chosen members across sessions.

The function draws on ``ax`` (or the current Axes) and returns it; it never calls
``show()``. It takes the table :func:`~voteanalysis.ideal_points` returns, or the
data to compute it from.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any, Literal

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.text import Text
from scipy.stats import norm

from ..analysis.idealpoints import Method, ideal_points
from ..arguments import check_choice, check_type, renamed_arguments
from ..dataset import VoteDataset

__all__ = ["idealpointplot"]

#: Members highlighted unless told otherwise: the permanent members that most often
#: vote apart and the other BRICS founders.
HIGHLIGHT: tuple[str, ...] = ("RUS", "CHN", "USA", "BRA", "IND", "ZAF")
_RUG_COLOR = "#8C8C8C"


@renamed_arguments(kind="show")
def idealpointplot(
    data: VoteDataset | pd.DataFrame,
    *,
    session: Hashable | None = None,
    show: Literal["interval", "line"] = "interval",
    highlight: Sequence[str] = HIGHLIGHT,
    method: Method = "ordinal",
    by: str = "session",
    level: float = 0.95,
    label: str = "member_id",
    ax: Axes | None = None,
    caption: bool = True,
    **kwargs: Any,
) -> Axes:
    """Draw ideal points: one session on a line, or chosen members over sessions.

    Parameters
    ----------
    data
        The table :func:`~voteanalysis.ideal_points` returns, or a
        :class:`~voteanalysis.VoteDataset` / positions DataFrame to compute it from
        (with ``method``, ``by`` and ``**kwargs``; for ``show="interval"`` only the
        session drawn is fitted).
    session
        ``show="interval"``: the session to draw; default the last one (in numeric
        order when sessions are numbers).
    show
        What to draw: ``"interval"``: every member of the session as a tick on one line, the
        ``highlight`` members raised above it with their intervals and labels,
        staggered in rows so that no two labels overlap. ``"line"``: the
        ``highlight`` members' ideal points across sessions, one line each, with a
        band for the interval. (Called ``kind`` before; ``kind=`` still works, with a
        :class:`DeprecationWarning`, until the next release.)
    highlight
        Member ids to highlight, in the order of their colours.
    method, by
        Passed to :func:`~voteanalysis.ideal_points` when ``data`` is not already
        its result; ``by`` (default ``"session"``) is also the column read for the
        sessions of a table of ideal points.
    level
        Coverage of the intervals drawn: ``ideal_point ± z·se``.
    label
        Column used to label members (``"member_id"`` or ``"member"``).
    ax
        Axes to draw on; default the current Axes (``plt.gca()``).
    caption
        Put a source line under the figure: the bodies, sessions and sources of the
        votes when ``data`` is a VoteDataset; for a table of ideal points (which does
        not carry the votes' sources), the method and that the sources are not in it.
    **kwargs
        Passed to :func:`~voteanalysis.ideal_points` (``reference``, ``min_votes``…).

    Returns
    -------
    Axes
    """
    check_choice("idealpointplot", "show", show, ("interval", "line"))
    check_type("idealpointplot", "by", by, str)
    check_type("idealpointplot", "level", level, (int, float))
    if not 0 < level < 1:
        raise ValueError(f"idealpointplot(): level must be between 0 and 1, not {level!r}")
    if isinstance(highlight, str):
        raise TypeError(
            "idealpointplot(): highlight must be a list of member ids such as ['RUS', 'CHN'], "
            "not str"
        )
    if not isinstance(data, VoteDataset | pd.DataFrame):
        raise TypeError(
            "idealpointplot(): data must be the table ideal_points() returns, a VoteDataset "
            f"or a positions DataFrame, not {type(data).__name__}"
        )
    if ax is None:
        ax = plt.gca()
    z = float(norm.ppf(0.5 + level / 2))
    if show == "interval":
        points, session = _one_session(data, session, method, by, kwargs)
        _interval(ax, points, session, highlight, z, label, by)
    else:
        points = _points(data, method, by, kwargs)
        _lines(ax, points, highlight, z, label, by)
    if caption:
        _caption(ax, data, points, session if show == "interval" else None, by, level)
    return ax


def _caption(
    ax: Axes,
    data: VoteDataset | pd.DataFrame,
    points: pd.DataFrame,
    session: Hashable | None,
    by: str,
    level: float,
) -> None:
    """The figure's source line: the votes' sources, or what the table says of itself."""
    from .common import put_caption as _put_caption

    how = f"Ideal points: method {points.attrs.get('method') or 'not recorded'}, "
    how += f"{level:.0%} intervals."
    if isinstance(data, VoteDataset):
        votes = data.votes
        if session is not None and by in votes.columns:
            votes = votes[votes[by].astype("str") == str(session)]
        _put_caption(ax, data, [str(v) for v in votes["vote_id"]], suffix=how)
    else:
        _put_caption(
            ax,
            None,
            [],
            suffix=how + " Source: the votes behind this table (not named in it).",
        )


def _is_points(data: VoteDataset | pd.DataFrame) -> bool:
    return isinstance(data, pd.DataFrame) and "ideal_point" in data.columns


def _points(
    data: VoteDataset | pd.DataFrame, method: Method, by: str, kwargs: dict[str, Any]
) -> pd.DataFrame:
    if _is_points(data):
        assert isinstance(data, pd.DataFrame)
        return data
    return ideal_points(data, method=method, by=by, **kwargs)


def _natural(keys: Sequence[Hashable]) -> list[Hashable]:
    numbers = pd.to_numeric(pd.Series(list(keys), dtype="object"), errors="coerce")
    if len(keys) and numbers.notna().all():
        order = np.argsort(numbers.to_numpy(dtype=np.float64), kind="stable")
        return [keys[i] for i in order]
    return sorted(keys, key=str)


def _one_session(
    data: VoteDataset | pd.DataFrame,
    session: Hashable | None,
    method: Method,
    by: str,
    kwargs: dict[str, Any],
) -> tuple[pd.DataFrame, Hashable]:
    if isinstance(data, VoteDataset):
        keys = data.votes[by] if by in data.votes.columns else data.positions[by]
    else:
        keys = data[by]
    if session is None:
        session = _natural(list(pd.unique(keys.dropna())))[-1]
    if _is_points(data):
        assert isinstance(data, pd.DataFrame)
        return data[data[by] == session], session
    if isinstance(data, VoteDataset):
        subset: VoteDataset | pd.DataFrame = (
            data.filter(session=str(session)) if by == "session" else data
        )
    else:
        subset = data[data[by] == session]
    points = ideal_points(subset, method=method, by=by, **kwargs)
    return points[points[by] == session], session


def _colors(n: int) -> list[Any]:
    return list(plt.get_cmap("tab10").colors[: max(n, 1)])  # type: ignore[attr-defined]


def _interval(
    ax: Axes,
    points: pd.DataFrame,
    session: Hashable,
    highlight: Sequence[str],
    z: float,
    label: str,
    by: str,
) -> None:
    x = points["ideal_point"].to_numpy(dtype=np.float64)
    ax.scatter(
        x,
        np.zeros(len(x)),
        marker="|",
        s=120,
        color=_RUG_COLOR,
        linewidths=1,
        label="members",
        gid="members",
    )
    ax.axhline(0, color=_RUG_COLOR, linewidth=0.6, zorder=0)
    ids = points["member_id"].astype(str).tolist()
    at = dict(zip(ids, x.tolist(), strict=True))
    half = dict(zip(ids, (z * points["se"].fillna(0.0)).tolist(), strict=True))
    names = dict(
        zip(ids, points[label].astype(str) if label in points.columns else ids, strict=True)
    )
    shown = sorted((m for m in dict.fromkeys(highlight) if m in at), key=at.__getitem__)
    colors = dict(zip(highlight, _colors(len(highlight)), strict=False))
    lo = min([float(x.min()), *(at[m] - half[m] for m in shown)])
    hi = max([float(x.max()), *(at[m] + half[m] for m in shown)])
    pad = 0.05 * (hi - lo or 1.0)
    ax.set_xlim(lo - pad, hi + pad)
    rows = _stagger(ax, [(m, at[m], half[m], names[m]) for m in shown])
    for member in shown:
        row, text = rows[member]
        point, color = at[member], colors[member]
        ax.plot(
            [point, point],
            [0, row],
            color=color,
            linewidth=0.6,
            linestyle=":",
            gid=f"leader:{member}",
        )
        ax.plot(
            [point - half[member], point + half[member]],
            [row, row],
            color=color,
            linewidth=2,
            solid_capstyle="butt",
            gid=f"interval:{member}",
        )
        ax.plot([point], [row], marker="o", color=color, linestyle="none", gid=f"point:{member}")
        text.set_color(color)
    top = max((r for r, _ in rows.values()), default=0)
    ax.set_ylim(-0.6, top + 1.0)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    method = points.attrs.get("method", "")
    ref = (points.attrs.get("orientation") or {}).get(session)
    ax.set_xlabel(
        "Ideal point"
        + (f" ({method})" if method else "")
        + (f"; {ref} on the positive side" if ref else "")
    )
    ax.set_title(f"{by.capitalize()} {session}: {len(points)} members")


def _stagger(
    ax: Axes, members: Sequence[tuple[str, float, float, str]]
) -> dict[str, tuple[int, Text]]:
    """Give each member (id, point, half-interval, label; sorted by point) the lowest
    row where its label and interval overlap nothing already placed there.

    Extents are measured in display units, so the rows fit the figure as drawn.
    """
    placed: dict[int, list[tuple[float, float]]] = {}
    rows: dict[str, tuple[int, Text]] = {}
    gap = 4.0  # pixels between neighbours on a row
    for member, point, half, name in members:
        text = ax.text(point, 1, name, ha="center", va="bottom", fontsize=9, gid=f"label:{member}")
        box = text.get_window_extent()
        left_px = float(ax.transData.transform((point - half, 0))[0])
        right_px = float(ax.transData.transform((point + half, 0))[0])
        span = (min(box.x0, left_px) - gap, max(box.x1, right_px) + gap)
        row = 1
        while any(a < span[1] and span[0] < b for a, b in placed.get(row, [])):
            row += 1
        placed.setdefault(row, []).append(span)
        text.set_position((point, row + 0.08))
        rows[member] = (row, text)
    return rows


def _lines(
    ax: Axes,
    points: pd.DataFrame,
    highlight: Sequence[str],
    z: float,
    label: str,
    by: str,
) -> None:
    keys = _natural(list(pd.unique(points[by].dropna())))
    numbers = pd.to_numeric(pd.Series(keys, dtype="object"), errors="coerce")
    numeric = bool(numbers.notna().all())
    position = (
        dict(zip(keys, numbers.tolist(), strict=True))
        if numeric
        else {k: float(i) for i, k in enumerate(keys)}
    )
    for member, color in zip(highlight, _colors(len(highlight)), strict=False):
        rows = points[points["member_id"] == member]
        if rows.empty:
            continue
        name = str(rows[label].iloc[0]) if label in rows.columns else member
        # Every session on the axis, so that a line breaks where the member has no point.
        rows = rows.drop_duplicates(by).set_index(by).reindex(keys)
        x = np.array([position[k] for k in keys], dtype=np.float64)
        y = rows["ideal_point"].to_numpy(dtype=np.float64)
        half = z * rows["se"].fillna(0.0).to_numpy(dtype=np.float64)
        ax.plot(x, y, color=color, linewidth=1.6, label=name, gid=f"line:{member}")
        ax.fill_between(
            x, y - half, y + half, color=color, alpha=0.15, linewidth=0, gid=f"band:{member}"
        )
    if not numeric:
        ax.set_xticks(list(position.values()), [str(k) for k in keys])
    ax.axhline(0, color=_RUG_COLOR, linewidth=0.6, zorder=0)
    ax.set_xlabel(by.capitalize())
    method = points.attrs.get("method", "")
    ax.set_ylabel("Ideal point" + (f" ({method})" if method else ""))
    if ax.get_lines():
        ax.legend(frameon=False, fontsize=9)
