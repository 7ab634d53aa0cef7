"""Charts of votes: totals per vote, who opposed, one vote as seats, a body over time.

Every function draws on ``ax`` (or the current Axes) and returns it; none calls
``show()``. What a source names is drawn solid in the position's colour; the part of
a published total whose members are not named is drawn lighter and hatched in the
same colour; what no source covers is drawn as "not known" (light grey). Colours
come from :mod:`voteanalysis.palette`.

Shared parameters
-----------------
data
    A :class:`~voteanalysis.VoteDataset`. Where noted, the DataFrame returned by
    the matching computation (``tally()``, ``opposition()``) works too.
ax
    Axes to draw on; default the current Axes (``plt.gca()``).
"""

from __future__ import annotations

import math
import textwrap
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse
from weakref import WeakKeyDictionary

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from ..analysis.tally import NOT_A_MEMBER, OPPOSITION_COLUMNS, opposition, tally
from ..dataset import VoteDataset, cell_text
from ..io.names import member_names, usual_name
from ..palette import (
    NOT_KNOWN_COLOR,
    NOT_KNOWN_HATCH,
    NOT_KNOWN_LABEL,
    POSITION_COLORS,
    POSITION_LABELS,
    UNATTRIBUTED_COLORS,
    UNATTRIBUTED_HATCH,
    UNATTRIBUTED_LABEL,
    ink,
)
from ..schema import BODIES, POSITIONS, TOTAL_COLUMNS, body_name

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

__all__ = [
    "hemicycle_seats",
    "hemicycleplot",
    "oppositionplot",
    "savefig",
    "tallyplot",
    "timelineplot",
]

#: Titular seats per constituency where a body's constitution fixes them
#: (ILO Constitution, article 7: 28 government, 14 employer, 14 worker members).
CONSTITUTION_SEATS: dict[str, tuple[tuple[str, int], ...]] = {
    "ILO-GB": (("government", 28), ("employer", 14), ("worker", 14)),
}

_CODES = {
    "yes": "Y",
    "no": "N",
    "abstain": "A",
    "absent": "Ab",
    "not_voting": "NV",
    "ineligible": "I",
}
_NOT_KNOWN_EDGE = "#9A9A9A"
_MARKS = ("†", "‡", "§", "¶")
#: Votes a timeline labels one by one; past it, it labels some and says what to filter.
READABLE_VOTES = 30
_HIGHLIGHT = ("RUS", "CHN")
_TALLY_COLUMNS = {"vote_id", "body", "date", *TOTAL_COLUMNS, *(f"named_{p}" for p in POSITIONS)}


# --------------------------------------------------------------------------- helpers


def _axes(ax: Axes | None) -> Axes:
    return plt.gca() if ax is None else ax


def _int(value: Any) -> int | None:
    """A published count, or None when the cell is empty (not published)."""
    return None if value is None or pd.isna(value) else int(value)


def _short_motion(motion: str) -> str:
    """The first clause of a motion, always saying what 'yes' means."""
    first = motion.split(";")[0].strip().rstrip(".")
    return first if first.lower().startswith("yes") else f"yes = {first}"


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


def _named(data: VoteDataset | pd.DataFrame) -> pd.DataFrame:
    """Named positions (vote_id, member_id, position, constituency), empty for a frame."""
    if isinstance(data, VoteDataset) and len(data.positions):
        pos = data.positions
        out = pos[
            [
                c
                for c in ("vote_id", "member_id", "member", "constituency", "position")
                if c in pos.columns
            ]
        ].copy()
        out["position"] = out["position"].astype("str")
        return out
    return pd.DataFrame(columns=["vote_id", "member_id", "member", "constituency", "position"])


def _vote_label(row: pd.Series, *, width: int = 60, short: bool = True) -> str:
    """Label of a vote: date, session, subject; what 'yes' means; who a count names.

    ``short`` leaves out a session name longer than 14 characters ("Special Board
    meeting, March 2022": the date says when) and keeps what "yes" means to one line.
    Votes counted per delegate (the panel heading says so) note that the governments
    a source names are drawn one vote each.
    """
    subject = cell_text(row.get("subject")) or textwrap.shorten(
        cell_text(row.get("title")), 40, placeholder=" …"
    )
    session = cell_text(row.get("session"))
    if short and len(session) > 14:
        session = ""
    parts: list[str] = []
    for part in (cell_text(row.get("date")), session, subject):
        if part and part.casefold() not in {q.casefold() for q in parts}:
            parts.append(part)
    head = " · ".join(parts)
    lines = textwrap.wrap(head, width) or [cell_text(row.get("vote_id"))]
    motion = cell_text(row.get("motion"))
    if motion:
        meaning = _short_motion(motion)
        if short:
            lines.append(textwrap.shorten(meaning, width, placeholder=" …"))
        else:
            lines += textwrap.wrap(meaning, width)
    if cell_text(row.get("voter_unit")) == "delegate":
        n_named = sum(int(row.get(f"named_{p}", 0) or 0) for p in POSITIONS)
        if n_named:
            lines.append(f"{n_named} government(s) named, one vote each: not delegate counts")
        elif not short:
            lines.append("counts delegates, not states")
    return "\n".join(lines)


def _count_label(t: pd.DataFrame) -> str:
    """Axis label saying what one vote is: a seat, a member state or a delegate."""
    units = {cell_text(u) for u in t["voter_unit"]} - {""} if "voter_unit" in t.columns else set()
    unit = {"seat": "seats", "state": "member states", "delegate": "delegates"}
    if len(units) == 1:
        return f"votes ({unit.get(units.pop(), 'members')})"
    if units:
        return "votes (seats, member states or delegates, as each body counts)"
    return "votes"


def _legend_handles(
    positions: Iterable[str], *, unattributed: bool, not_known: bool
) -> list[Patch]:
    handles = [
        Patch(facecolor=POSITION_COLORS[p], label=POSITION_LABELS[p])
        for p in POSITIONS
        if p in set(positions)
    ]
    if unattributed:
        handles.append(
            Patch(
                facecolor="white",
                edgecolor="#555555",
                hatch=UNATTRIBUTED_HATCH,
                label=f"hatched: {UNATTRIBUTED_LABEL}",
            )
        )
    if not_known:
        handles.append(
            Patch(
                facecolor=NOT_KNOWN_COLOR,
                edgecolor=_NOT_KNOWN_EDGE,
                hatch=NOT_KNOWN_HATCH,
                label=NOT_KNOWN_LABEL,
            )
        )
    return handles


def _ncol(ax: Axes, handles: Sequence[Patch], most: int = 4, *, width: float | None = None) -> int:
    """Legend columns that fit across ``ax`` (or ``width`` points): a narrow chart
    stacks its entries."""
    fig = ax.get_figure(root=True)
    if fig is None or not handles:
        return max(1, min(most, len(handles)))
    size = 0.6 * 0.833 * plt.rcParams["font.size"]  # "small" text, average glyph
    if width is None:
        width = ax.get_position().width * fig.get_size_inches()[0] * 72  # points
    entries = sorted((len(str(h.get_label())) * size + 40 for h in handles), reverse=True)
    ncol = 1
    for n in range(2, min(most, len(handles)) + 1):
        # n columns as wide as the n widest entries
        if sum(entries[:n]) <= width:
            ncol = n
    return ncol


@dataclass(frozen=True)
class _Part:
    """A run of votes of one position: ``kind`` is named, unattributed or not_known."""

    position: str | None
    kind: str
    count: int


def _parts(row: pd.Series) -> list[_Part]:
    """Split one row of ``tally()`` into named, unattributed and not-known runs."""
    parts: list[_Part] = []
    for p in POSITIONS:
        n_named = int(row[f"named_{p}"])
        if n_named:
            parts.append(_Part(p, "named", n_named))
        if p in TOTAL_COLUMNS:
            total = _int(row[p])
            counted = n_named + (int(row.get("named_absent", 0)) if p == "not_voting" else 0)
            if total is not None and total > counted:
                parts.append(_Part(p, "unattributed", total - counted))
    seats = _int(row.get("seats"))
    drawn = sum(part.count for part in parts)
    if seats is not None and seats > drawn:
        parts.append(_Part(None, "not_known", seats - drawn))
    return parts


def _style(part: _Part) -> dict[str, Any]:
    if part.kind == "named" and part.position is not None:
        return {"facecolor": POSITION_COLORS[part.position], "edgecolor": "white", "linewidth": 0.6}
    if part.kind == "unattributed" and part.position is not None:
        full = POSITION_COLORS[part.position]
        return {
            "facecolor": UNATTRIBUTED_COLORS[part.position],
            "edgecolor": full,
            "hatch": UNATTRIBUTED_HATCH,
            "hatchcolor": full,
            "linewidth": 0.6,
        }
    return {
        "facecolor": NOT_KNOWN_COLOR,
        "edgecolor": _NOT_KNOWN_EDGE,
        "hatch": NOT_KNOWN_HATCH,
        "hatchcolor": _NOT_KNOWN_EDGE,
        "linewidth": 0.6,
    }


def _gid(vote_id: str, part: _Part) -> str:
    return f"{vote_id}.{part.position or 'not_known'}.{part.kind}"


def _stack(
    ax: Axes,
    row: pd.Series,
    at: float,
    size: float,
    *,
    horizontal: bool,
    seen: set[str],
    kinds: set[str],
    style: dict[str, Any],
) -> int:
    """Draw one vote's parts end to end on row (or column) ``at``; return where they end.

    The positions drawn go into ``seen`` and the kinds of part into ``kinds``, for the
    legend; ``style`` (the plot's ``**kwargs``) goes to every bar.
    """
    end = 0
    for part in _parts(row):
        bar_style = {**_style(part), **style}
        if horizontal:
            bars = ax.barh(at, part.count, left=end, height=size, label="_nolegend_", **bar_style)
        else:
            bars = ax.bar(at, part.count, bottom=end, width=size, label="_nolegend_", **bar_style)
        bars.patches[0].set_gid(_gid(str(row["vote_id"]), part))
        end += part.count
        kinds.add(part.kind)
        if part.position is not None:
            seen.add(part.position)
    return end


def _summary(row: pd.Series, named: pd.DataFrame) -> str:
    """'40 yes · 2 no (RUS, CHN) · 9 abstain', and which totals were not published."""
    members = named[named["vote_id"] == row["vote_id"]]
    shown, missing = [], []
    for p in TOTAL_COLUMNS:
        total = _int(row[p])
        ids = list(members.loc[members["position"] == p, "member_id"].astype("str"))
        who = f" ({', '.join(ids)})" if 0 < len(ids) <= 3 else ""
        if p == "not_voting":
            # Named absentees are drawn as "absent" within the not-voting total.
            absent = list(members.loc[members["position"] == "absent", "member_id"].astype("str"))
            if absent:
                listed = f": {', '.join(absent)}" if len(absent) <= 3 else ""
                who = f" ({len(absent)} absent{listed})"
        if total is not None:
            shown.append(f"{total} {POSITION_LABELS[p]}{who}")
        elif p != "not_voting":
            named_text = (
                f" ({', '.join(ids)} named)"
                if 0 < len(ids) <= 3
                else f" ({len(ids)} named)"
                if ids
                else ""
            )
            missing.append(POSITION_LABELS[p] + named_text)
    if not shown:
        return ""
    text = " · ".join(shown)
    if missing:
        text += "\nnot published: " + ", ".join(missing)
    return text


def _source_domain(url: str) -> str:
    host = urlparse(url).netloc.lower()
    return host.removeprefix("www.")


def _source_caption(data: VoteDataset, vote_ids: Iterable[str]) -> str:
    """One line naming the bodies, sessions and source web sites of the votes drawn.

    Examples
    --------
    >>> import voteanalysis as va
    >>> from voteanalysis.plots.plot import _source_caption
    >>> print(_source_caption(va.load_dataset(), ["ILO-GB355-BLR"]))
    Source: ILO Governing Body GB.355 (2025). Pages read: salidarnast.info.
    """
    ids = list(dict.fromkeys(vote_ids))
    votes = data.votes[data.votes["vote_id"].isin(ids)]
    bodies = []
    order = {b: i for i, b in enumerate(BODIES)}
    for body, rows in sorted(votes.groupby("body"), key=lambda kv: order.get(str(kv[0]), 99)):
        sessions = sorted({cell_text(s) for s in rows["session"] if cell_text(s)})
        years = sorted({cell_text(d)[:4] for d in rows["date"] if cell_text(d)})
        span = years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}" if years else ""
        if 0 < len(sessions) <= 3:
            what = ", ".join(sessions) + (f" ({span})" if span else "")
        else:
            what = f"{len(rows)} votes" + (f", {span}" if span else "")
        bodies.append(f"{body_name(str(body))} {what}")
    # Counted by distinct address: the General Assembly record repeats one address on
    # nearly a million positions.
    counts: Counter[str] = Counter()
    for table in (data.votes, data.positions, data.group_tallies):
        if len(table) and "source_url" in table.columns:
            urls = table.loc[table["vote_id"].isin(ids), "source_url"]
            for url, n in urls.astype("object").value_counts().items():
                domain = _source_domain(cell_text(url)) if cell_text(url) else None
                if domain:
                    counts[domain] += int(n)
    domains = [d for d, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    shown = ", ".join(domains[:4]) + (f" and {len(domains) - 4} more" if len(domains) > 4 else "")
    text = "Source: " + ("; ".join(bodies) or "no votes") + "."
    if shown:
        text += f" Pages read: {shown}."
    return text


# --------------------------------------------------------------------------- source line

#: What each figure's source line was made from: (dataset, vote ids) per chart drawn.
_FIGURE_SOURCES: WeakKeyDictionary[Figure, list[tuple[VoteDataset, list[str]]]] = (
    WeakKeyDictionary()
)

#: Saving options that keep text editable: SVG text stays <text>, PDF embeds TrueType.
SAVE_RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "voteanalysis",
    "pdf.fonttype": 42,
}
#: File formats :func:`savefig` writes, from the file name's suffix.
SAVE_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
_SAVE_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "ModDate": None},
}


def _put_caption(
    ax: Axes,
    data: VoteDataset | pd.DataFrame | None,
    vote_ids: Iterable[str],
    *,
    suffix: str = "",
) -> None:
    """Write the source line of the votes drawn on ``ax`` under its figure.

    Several charts on one figure share one line. A figure without a layout engine
    gets the tight one, so that the line never overlaps the Axes. Without a
    VoteDataset (a bare result table) only ``suffix`` is written.
    """
    fig = ax.get_figure(root=True)
    if fig is None:
        return
    if not isinstance(data, VoteDataset):
        if not suffix:
            return
        text = suffix
    else:
        drawn = _FIGURE_SOURCES.setdefault(fig, [])
        drawn.append((data, list(vote_ids)))
        if all(d is drawn[0][0] for d, _ in drawn):
            ids = [i for _, part in drawn for i in part]
            text = _source_caption(drawn[0][0], ids)
        else:
            text = " | ".join(dict.fromkeys(_source_caption(d, i) for d, i in drawn))
        if suffix:
            text += " " + suffix
    if fig.get_layout_engine() is None:
        # "tight" makes room for the line, and a later fig.tight_layout() keeps it quiet.
        fig.set_layout_engine("tight")
    fig.supxlabel(text, x=0.0, ha="left", fontsize=7, color="#444444", wrap=True)


def savefig(
    chart: Figure | Axes,
    path: str | Path,
    *,
    dpi: float = 150,
    **kwargs: Any,
) -> Path:
    """Save a chart as PNG, SVG (text stays editable text) or PDF (fonts embedded).

    The format comes from the file name's suffix. The file is written to a fresh
    temporary file beside ``path`` and then moved into place, so an existing file
    is either kept whole or replaced whole. Charts drawn by the kit's plot
    functions already carry their source line under the figure.

    Parameters
    ----------
    chart
        The Figure, or an Axes of it.
    path
        The file to write: ``.png``, ``.svg`` or ``.pdf``.
    dpi
        Resolution of a PNG.
    **kwargs
        Passed to :meth:`matplotlib.figure.Figure.savefig`.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ValueError
        When the suffix is not one of :data:`SAVE_FORMATS`.
    TypeError
        When ``chart`` is neither a Figure nor an Axes.
    """

    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in SAVE_FORMATS:
        raise ValueError(
            f"cannot tell the format of {target.name!r}: the file name must end in "
            + ", ".join(f".{f}" for f in SAVE_FORMATS)
        )
    fig = chart.get_figure(root=True) if isinstance(chart, Axes) else chart
    if not isinstance(fig, Figure):
        raise TypeError(f"savefig() needs a matplotlib Figure or Axes, not {type(chart).__name__}")
    import matplotlib

    options = {"format": fmt, "dpi": dpi, "metadata": _SAVE_METADATA[fmt], **kwargs}
    from ..safewrite import literal_text, replacing

    literal_text(fig)
    # Notes hung under a legend are placed from where the legend was drawn: one draw
    # first lets the layout engine settle on those positions before the file is written.
    fig.draw_without_rendering()
    with matplotlib.rc_context(SAVE_RC), replacing(target, "the chart") as fh:
        fig.savefig(fh, **options)
    return target


# --------------------------------------------------------------------------- tallyplot


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

    Examples
    --------
    >>> import voteanalysis as va
    >>> ax = va.tallyplot(va.load_dataset().filter(body="ILO-GB"))
    """
    t = _tally_frame(data, "tallyplot")
    named = _named(data)
    ax = _axes(ax)
    order = {b: i for i, b in enumerate(BODIES)}
    bodies = sorted(dict.fromkeys(t["body"].astype("str")), key=lambda b: (order.get(b, 99), b))
    seen: set[str] = set()
    kinds: set[str] = set()
    if by_body and len(bodies) > 1:
        ax.set_axis_off()
        sizes = [
            1.4
            + sum(_row_step(_vote_label(r)) for _, r in t[t["body"].astype("str") == b].iterrows())
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
            _tally_rows(
                panel,
                t[t["body"].astype("str") == body],
                [body],
                named,
                height=height,
                summary=summary,
                style=kwargs,
                seen=seen,
                kinds=kinds,
            )
            panels.append(panel)
            top -= h + gap / total
        legend_ax = panels[0]
    else:
        _tally_rows(
            ax,
            t,
            bodies,
            named,
            height=height,
            summary=summary,
            style=kwargs,
            seen=seen,
            kinds=kinds,
        )
        legend_ax = ax
    if legend and (seen or kinds):
        handles = _legend_handles(
            seen, unattributed="unattributed" in kinds, not_known="not_known" in kinds
        )
        # From the bars' left edge to the figure's right: the row labels hold the rest.
        fig = ax.get_figure(root=True)
        size = 0.6 * 0.833 * plt.rcParams["font.size"]
        longest = (
            max(
                (
                    len(line)
                    for lab in t.apply(_vote_label, axis=1)
                    for line in str(lab).splitlines()
                ),
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
            ncol=_ncol(ax, handles, width=room),
            frameon=False,
            fontsize="small",
        )
    if not len(t):
        ax.text(0.5, 0.5, "no votes to draw", ha="center", va="center", transform=ax.transAxes)
    if caption:
        _put_caption(ax, data, [str(v) for v in t["vote_id"]])
    return ax


def _row_step(label: str) -> float:
    """Height of a tally row, in rows: labels of three lines or more get more room."""
    return max(1.0, 0.6 * (label.count("\n") + 1))


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
        y += 1.0
        for _, row in rows.iterrows():
            label = _vote_label(row)
            step = _row_step(label)
            y += (step - 1.0) / 2
            left = _stack(ax, row, y, height, horizontal=True, seen=seen, kinds=kinds, style=style)
            widest = max(widest, left)
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
            if not any(_int(row[p]) is not None for p in TOTAL_COLUMNS):
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


# --------------------------------------------------------------------------- oppositionplot


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
    """
    if isinstance(data, VoteDataset):
        grid = opposition(data, members=members)
    elif isinstance(data, pd.DataFrame) and set(data.columns) >= set(OPPOSITION_COLUMNS):
        grid = data
        if members is not None:
            grid = grid[grid["member_id"].isin(list(members))]
    else:
        raise TypeError(
            "oppositionplot() needs a VoteDataset or the DataFrame returned by "
            f"opposition(), not {type(data).__name__}"
        )
    ax = _axes(ax)
    names = member_names(data)
    for m in grid["member_id"].astype("str").unique():
        if m not in names and (usual := usual_name(m)) != m:
            names[m] = usual
    positions = grid["position"].astype("str").where(grid["known"].astype(bool))
    if members is not None:
        member_ids = [m for m in dict.fromkeys(members) if m in set(grid["member_id"])]
    else:
        counts = {
            m: (-(pos == "no").sum(), -(pos == "abstain").sum())
            for m, pos in positions.groupby(grid["member_id"])
        }
        rest = sorted(
            (m for m in counts if m not in highlight), key=lambda m: (*counts[m], names.get(m, m))
        )
        member_ids = [m for m in highlight if m in counts] + rest
    votes = grid.drop_duplicates("vote_id")
    vote_ids = list(votes["vote_id"])
    col = {v: j for j, v in enumerate(vote_ids)}
    row = {m: i for i, m in enumerate(member_ids)}
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
    for m in highlight:
        if m in row and m in member_ids[: len(highlight)]:
            ax.add_patch(
                Rectangle(
                    (0, row[m]),
                    len(vote_ids),
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
        [j + 0.5 for j in range(len(vote_ids))],
        col_labels,
        rotation=90,
        ha="center",
        va="bottom",
        fontsize="x-small",
    )
    ax.xaxis.tick_top()
    ax.set_xlim(0, max(len(vote_ids), 1))
    ax.set_ylim(max(len(member_ids), 1), 0)
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    if legend:
        handles = _legend_handles(seen, unattributed=False, not_known=False)
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
            ncol=_ncol(ax, handles),
            frameon=False,
            fontsize="small",
        )
        xy = (0.0, 0.0)
    else:
        anchor, xy = ax.transAxes, (0.0, -0.01)
    if len(vote_ids) > READABLE_VOTES or len(member_ids) > 3 * READABLE_VOTES:
        footnotes.append(
            f"{len(member_ids)} members x {len(vote_ids)} votes: more than a reader can "
            "follow. Filter first, e.g. members=[...] or data.filter(subject=...)."
        )
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
    if caption:
        _put_caption(ax, data, vote_ids)
    return ax


#: Short names of bodies in column labels, where a session name does not say the body.
_SHORT_BODIES = {
    "ILO-GB": "GB",
    "ILO-ILC": "ILC",
    "ILO-ILC-COMMITTEE": "ILC committee",
    "IAEA-BoG": "IAEA Board",
    "IAEA-GC": "IAEA Conference",
}


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


@dataclass(frozen=True)
class _Seat:
    position: str | None
    kind: str
    member_id: str = ""


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


#: Columns of :func:`hemicycle_seats`.
SEAT_COLUMNS: tuple[str, ...] = (
    "vote_id",
    "block",
    "group",
    "seat",
    "member_id",
    "position",
    "basis",
)

#: What puts a position on a seat (or a vote beside the seats).
SEAT_BASES: tuple[str, ...] = ("named", "group tally", "published total", "not published")

#: Legend text of the votes drawn beside the seats.
OUTSIDE_LABEL = "in the total, member and group not published"
_OPEN_LABEL = "seat: how it voted is not published"


def _seat_sizes(
    vote: pd.Series, members: pd.DataFrame, groups: pd.DataFrame, n: int
) -> tuple[dict[str, int], list[str]]:
    """Seats per group (``{"": n}`` when the vote is not split by group) and notes."""
    notes: list[str] = []
    constitution = dict(CONSTITUTION_SEATS.get(cell_text(vote["body"]), ()))
    sizes: dict[str, int] = {}
    if constitution and sum(constitution.values()) == n:
        sizes = dict(constitution)
        notes.append(
            "Seats by group as the body's constitution fixes them: "
            + ", ".join(f"{v} {k}" for k, v in constitution.items())
            + "."
        )
    if len(groups):
        published = [
            f"{c!s} "
            + ", ".join(
                f"{int(r['count'])} {POSITION_LABELS[str(r['position'])]}"
                for _, r in rows.iterrows()
            )
            for c, rows in groups.groupby("constituency", observed=True, sort=False)
        ]
        notes.append("Counted by group in the sources: " + "; ".join(published) + ".")
        group_sum = groups.groupby("constituency", observed=True)["count"].sum()
        for c, k in group_sum.items():
            sizes[str(c)] = max(sizes.get(str(c), 0), int(k))
        if not constitution:
            notes.append("Seats by group from the published group counts.")
    if not sizes:
        return {"": n}, notes
    for c, k in members.groupby("constituency").size().items():
        if str(c) in sizes:
            sizes[str(c)] = max(sizes[str(c)], int(k))
    if sum(sizes.values()) < n:
        sizes["group not known"] = n - sum(sizes.values())
    return sizes, notes


def _seat_table(
    data: VoteDataset, vote: pd.Series, named: pd.DataFrame
) -> tuple[pd.DataFrame, list[str]]:
    """The rows of :func:`hemicycle_seats` for one row of ``tally()``, and notes."""
    vote_id = str(vote["vote_id"])
    members = named[named["vote_id"] == vote_id]
    groups = data.group_tallies
    groups = groups[groups["vote_id"] == vote_id] if len(groups) else groups
    parts = _parts(vote)
    required = sum(p.count for p in parts if p.kind != "not_known")
    seats = _int(vote.get("seats"))
    n = max(seats if seats is not None else 0, required)
    notes: list[str] = []
    if seats is None:
        notes.append(f"Number of seats not in the data: drawn as the {n} counted.")
    sizes, size_notes = _seat_sizes(vote, members, groups, n)
    notes += size_notes
    single = len(sizes) == 1

    placed: dict[str, list[tuple[str | None, str, str]]] = {c: [] for c in sizes}
    outside: list[tuple[str | None, str, str]] = []
    for p in POSITIONS:
        for _, m in members[members["position"] == p].iterrows():
            c = next(iter(sizes)) if single else cell_text(m.get("constituency"))
            seat = (p, "named", str(m["member_id"]))
            placed.get(c, outside).append(seat)
    for c in sizes:
        if not (len(groups) and c):
            continue
        for p in POSITIONS:
            rows = groups[
                (groups["constituency"].astype("str") == c)
                & (groups["position"].astype("str") == p)
            ]
            count = int(rows["count"].sum())
            n_named = sum(1 for s in placed[c] if s[0] == p)
            placed[c] += [(p, "group tally", "")] * max(count - n_named, 0)
    # What the published totals hold beyond the seats placed: drawn beside the seats.
    for p in POSITIONS:
        total = sum(part.count for part in parts if part.position == p)
        on_seats = sum(1 for seats_ in placed.values() for s in seats_ if s[0] == p)
        on_seats += sum(1 for s in outside if s[0] == p)
        outside += [(p, "published total", "")] * max(total - on_seats, 0)

    rank = {p: i for i, p in enumerate(POSITIONS)}
    basis_rank = {b: i for i, b in enumerate(SEAT_BASES)}
    rows_out: list[dict[str, Any]] = []
    for c, seats_c in placed.items():
        seats_c.sort(key=lambda s: (rank.get(s[0] or "", 99), basis_rank[s[1]]))
        seats_c += [(None, "not published", "")] * max(sizes[c] - len(seats_c), 0)
        for i, (pos, basis, member_id) in enumerate(seats_c, start=1):
            rows_out.append(
                {
                    "block": "seats",
                    "group": c,
                    "seat": i,
                    "member_id": member_id,
                    "position": pos,
                    "basis": basis,
                }
            )
    outside.sort(key=lambda s: (rank.get(s[0] or "", 99), basis_rank[s[1]]))
    for i, (pos, basis, member_id) in enumerate(outside, start=1):
        rows_out.append(
            {
                "block": "beside",
                "group": "",
                "seat": i,
                "member_id": member_id,
                "position": pos,
                "basis": basis,
            }
        )
    table = pd.DataFrame(rows_out, columns=list(SEAT_COLUMNS[1:]))
    table.insert(0, "vote_id", vote_id)
    table["seat"] = table["seat"].astype("int64")
    table["member_id"] = table["member_id"].replace("", pd.NA).astype("string")
    table["position"] = pd.Categorical(table["position"], categories=list(POSITIONS))
    table["basis"] = pd.Categorical(table["basis"], categories=list(SEAT_BASES))
    for column in ("block", "group"):
        table[column] = table[column].astype("string")

    open_seats = int(((table["block"] == "seats") & table["position"].isna()).sum())
    beside = table[table["block"] == "beside"]
    counted = len(beside)
    if counted and not single:
        notes.append(
            f"{_votes(counted)} in the published totals drawn beside the seats: "
            "the sources name neither the member nor the group that cast them."
        )
    elif counted:
        notes.append(
            f"{_votes(counted)} in the published totals drawn beside the seats: "
            "the sources do not name the members who cast them."
        )
    uncovered = open_seats - counted + int((beside["basis"] == "named").sum())
    if uncovered > 0:
        notes.append(f"{uncovered} seat(s): no published total covers them.")
    return table, notes


def _votes(n: int) -> str:
    return f"{n} vote" + ("" if n == 1 else "s")


def hemicycle_seats(data: VoteDataset, vote_id: str) -> pd.DataFrame:
    """One vote, one row per seat: who sat there, how it voted and what says so.

    A seat carries a position only when a source names its member (basis
    ``"named"``) or a published group count (``group_tallies``) puts that many votes
    of the position in its group (``"group tally"``). Every other seat has no
    position (``"not published"``). The votes of a published total that no name or
    group count places are rows of the block ``"beside"`` (basis ``"published
    total"``): they are in the total, but neither member nor group is published, so
    :func:`hemicycleplot` draws them apart from the seats.

    Parameters
    ----------
    data
        A VoteDataset.
    vote_id
        The vote (not an election).

    Returns
    -------
    DataFrame
        Columns ``vote_id``, ``block`` (``"seats"`` or ``"beside"``), ``group``
        (constituency; empty when the vote is not split by group), ``seat`` (1, 2,
        ... within its block and group, in drawing order), ``member_id``,
        ``position`` (missing when not published) and ``basis``.

    Examples
    --------
    >>> import voteanalysis as va
    >>> seats = va.hemicycle_seats(va.load_dataset(), "ILO-GB355-BLR")
    >>> seats.groupby(["block", "basis"], observed=True).size().to_dict()
    {('beside', 'published total'): 49, ('seats', 'named'): 2, ('seats', 'not published'): 54}
    """
    if not isinstance(data, VoteDataset):
        raise TypeError(f"hemicycle_seats() needs a VoteDataset, not {type(data).__name__}")
    return _seat_table(data, _one_vote(data, vote_id, "hemicycle_seats"), _named(data))[0]


def _one_vote(data: VoteDataset, vote_id: str, func: str) -> pd.Series:
    t = tally(data)
    if not isinstance(vote_id, str):
        raise TypeError(f"{func}() needs a vote id (str), not {type(vote_id).__name__}")
    if vote_id not in set(t["vote_id"]):
        known = ", ".join(t["vote_id"].head(5))
        raise KeyError(
            f"no vote {vote_id!r} to draw (elections have no seats to draw); votes include {known}"
        )
    return t[t["vote_id"] == vote_id].iloc[0]


def _seat_style(position: str | None, basis: str) -> dict[str, Any]:
    if basis == "named" and position is not None:
        return {"facecolor": POSITION_COLORS[position], "edgecolor": "#333333"}
    if basis in ("group tally", "published total") and position is not None:
        return _style(_Part(position, "unattributed", 1))
    return {"facecolor": "white", "edgecolor": _NOT_KNOWN_EDGE}


def hemicycleplot(
    data: VoteDataset,
    vote_id: str,
    *,
    ax: Axes | None = None,
    labels: bool = True,
    legend: bool = True,
    caption: bool = True,
    **kwargs: Any,
) -> Axes:
    """One vote drawn as seats in a half circle, with what no seat can carry beside it.

    The seats are those of :func:`hemicycle_seats`: a seat named by a source is solid
    in the position's colour and carries the member id; a seat a published group
    count puts in its group is lighter and hatched; every other seat is open (white):
    how it voted is not published. Under the half circle, a bar holds the votes of
    the published totals that no name or group count places ("in the total, member
    and group not published"). Seats are split by constituency when the body's
    constitution fixes the split (ILO Governing Body: 28 government, 14 employer, 14
    worker of 56) or when ``group_tallies`` count the vote by group. Notes under the
    drawing say how seats were placed.

    Parameters
    ----------
    data
        A VoteDataset.
    vote_id
        The vote to draw.
    ax
        Axes to draw on; default the current Axes.
    labels
        Write member ids on named seats (and group names on sectors).
    legend
        Draw a legend under the half circle.
    caption
        Put the source line (body, session, web sites read) under the figure.
    **kwargs
        Passed to every seat's :class:`~matplotlib.patches.Circle`.

    Returns
    -------
    Axes
    """
    if not isinstance(data, VoteDataset):
        raise TypeError(f"hemicycleplot() needs a VoteDataset, not {type(data).__name__}")
    vote = _one_vote(data, vote_id, "hemicycleplot")
    named = _named(data)
    ax = _axes(ax)
    table, notes = _seat_table(data, vote, named)
    on_seats = table[table["block"] == "seats"]
    beside = table[table["block"] == "beside"]
    sectors = [(str(c), rows) for c, rows in on_seats.groupby("group", sort=False)]
    n = len(on_seats)
    inner = 0.4
    rows = _rows_for(n, inner)
    radii = [1.0] if rows == 1 else [inner + (1 - inner) * i / (rows - 1) for i in range(rows)]
    gap = 0.1 if len(sectors) > 1 else 0.0
    span = math.pi - gap * (len(sectors) - 1)
    pitch = min((1 - inner) / (rows - 1) if rows > 1 else 0.35, span * sum(radii) / max(n, 1))
    radius = 0.4 * pitch
    bottom = -0.42 if len(beside) else -0.1
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(bottom, 1.28)
    ax.set_aspect("equal")
    ax.set_axis_off()
    shown, _, missing = _summary(vote, named).partition("\nnot published: ")
    centre = shown.replace(" · ", "\n") or "totals not published"
    # As large as fits in the hollow of the half circle, in width and in height; when
    # that is too small to read, the totals go on one line under the seats.
    lines = centre.splitlines()
    hollow = (inner - radius - 0.04) * _points_per_unit(ax)
    size = min(11.0, 1.6 * hollow / (0.62 * max(map(len, lines))), hollow / (1.3 * len(lines)))
    below = size < 6.5
    shift = 0.12 if below else 0.0
    if below:
        bottom -= shift
        ax.set_ylim(bottom, 1.28)
    font = min(8.0, 0.3 * 2 * radius * _points_per_unit(ax))
    inside = labels and font >= 4.5
    seen: set[str] = set()
    bases: set[str] = set()
    theta1 = math.pi
    for c, seats_c in sectors:
        width = span * len(seats_c) / max(n, 1)
        centres = _arc_seats(len(seats_c), radii, theta1 - width, theta1)
        for (x, y), (_, seat) in zip(centres, seats_c.iterrows(), strict=True):
            position = None if pd.isna(seat["position"]) else str(seat["position"])
            basis = str(seat["basis"])
            member_id = "" if pd.isna(seat["member_id"]) else str(seat["member_id"])
            style = {**_seat_style(position, basis), "linewidth": 0.8, **kwargs}
            ax.add_patch(
                Circle(
                    (x, y),
                    radius,
                    gid=f"seat.{c or 'all'}.{int(seat['seat'])}.{basis}."
                    f"{position or 'not_published'}" + (f".{member_id}" if member_id else ""),
                    **style,
                )
            )
            bases.add(basis)
            if position is not None:
                seen.add(position)
            if inside and member_id and position is not None:
                ax.text(
                    x,
                    y,
                    member_id,
                    ha="center",
                    va="center",
                    fontsize=font,
                    color=ink(POSITION_COLORS[position]),
                    fontweight="bold",
                    gid=f"label.{member_id}",
                )
        if labels and c:
            mid = theta1 - width / 2
            side = math.cos(mid)
            ax.text(
                1.12 * side,
                1.12 * math.sin(mid),
                f"{c.capitalize()}\n{len(seats_c)} seats",
                ha="right" if side < -0.3 else "left" if side > 0.3 else "center",
                va="bottom" if abs(side) <= 0.3 else "center",
                fontsize="small",
                color="#333333",
                gid=f"sector.{c}",
            )
        theta1 -= width + gap
    if len(beside):
        _beside_bar(ax, beside, y=-0.3 - shift, height=0.1, seen=seen, bases=bases, **kwargs)
    if labels and not inside:
        members = named[named["vote_id"] == vote_id]
        listed = []
        for p in POSITIONS:
            ids = list(members.loc[members["position"] == p, "member_id"].astype("str"))
            if ids:
                shown_ids = ", ".join(ids) if len(ids) <= 12 else f"{len(ids)} members"
                listed.append(f"{POSITION_LABELS[p]}: {shown_ids}")
        if listed:
            notes.insert(0, "Named by sources: " + "; ".join(listed) + ".")
    if below:
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
    else:
        ax.text(
            0,
            0.04,
            centre,
            ha="center",
            va="bottom",
            fontsize=size,
            fontweight="bold",
            gid="totals",
        )
    if missing and not below:
        ax.text(
            0,
            0.0,
            f"not published: {missing}",
            ha="center",
            va="top",
            fontsize="x-small",
            color="#444444",
        )
    title = f"{body_name(cell_text(vote['body']))}\n{_vote_label(vote, width=70, short=False)}"
    ax.set_title(title, fontsize="medium")
    anchor: Any = ax.transData
    xy = (0.0, bottom + 0.02)
    if legend:
        handles = _legend_handles(seen, unattributed=False, not_known=False)
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
    fig = ax.get_figure(root=True)
    if fig is not None and fig.get_layout_engine() is None:
        # The half circle keeps its aspect, so "tight" cannot make room for the title
        # and the notes hung under it; "constrained" shrinks the circle instead.
        fig.set_layout_engine("constrained")
    if caption:
        _put_caption(ax, data, [vote_id])
    return ax


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


# --------------------------------------------------------------------------- timelineplot


def timelineplot(
    data: VoteDataset,
    *,
    members: Sequence[str] = _HIGHLIGHT,
    ax: Axes | None = None,
    width: float = 0.7,
    legend: bool = True,
    caption: bool = True,
    **kwargs: Any,
) -> Axes:
    """Votes over time as vertical stacked bars, with chosen members' positions above.

    One bar per vote, in date order, split as in :func:`tallyplot` (named solid,
    unattributed lighter and hatched, seats no total covers "not known"). Above the
    bars, one strip per member in ``members``: a cell per vote in the member's
    named position's colour, or light grey with "?" where no source names it.

    Parameters
    ----------
    data
        A VoteDataset (filter it first, e.g. ``data.filter(body="IAEA-BoG")``).
    members
        Member ids whose positions are shown above the bars.
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
    """
    if not isinstance(data, VoteDataset):
        raise TypeError(f"timelineplot() needs a VoteDataset, not {type(data).__name__}")
    t = tally(data)
    ax = _axes(ax)
    seen: set[str] = set()
    kinds: set[str] = set()
    tops: list[int] = []
    every = math.ceil(len(t) / READABLE_VOTES) if len(t) > READABLE_VOTES else 1
    for x, (_, row) in enumerate(t.iterrows()):
        bottom = _stack(ax, row, x, width, horizontal=False, seen=seen, kinds=kinds, style=kwargs)
        tops.append(bottom)
        counts = "–".join(
            str(_int(row[p])) for p in ("yes", "no", "abstain") if _int(row[p]) is not None
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
    top = max(tops, default=1) or 1
    step = top * 0.085
    base = top * 1.1
    opp = opposition(data, members=list(members)) if len(t) else pd.DataFrame()
    col = {v: j for j, v in enumerate(t["vote_id"])}
    names = member_names(data)
    unknown = False
    for i, m in enumerate(members):
        y = base + (len(members) - 1 - i) * step
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
    ax.set_xlim(-0.5 - width / 2 - 0.05, len(t) - 0.5 + 0.05)
    ax.set_ylim(0, base + len(members) * step + step * 0.2)
    ticks = MaxNLocator(integer=True).tick_values(0, top)
    ax.set_yticks([int(v) for v in ticks if 0 <= v <= top])
    ax.set_ylabel(_count_label(t))
    ax.spines[["top", "right"]].set_visible(False)
    if legend:
        handles = _legend_handles(
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
            ncol=_ncol(ax, handles),
            frameon=False,
            fontsize="small",
        )
    if caption:
        _put_caption(ax, data, [str(v) for v in t["vote_id"]])
    return ax
