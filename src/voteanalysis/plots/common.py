"""What the charts share: axes, labels, legends, the source line under a figure.

Public names here (:func:`source_caption`, :func:`put_caption`,
:func:`legend_handles`, :func:`legend_columns`,
:data:`READABLE_VOTES`) are for the output modules that compose figures of several
charts; names starting ``_`` serve the chart modules of this folder.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlparse
from weakref import WeakKeyDictionary

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..analysis.seats import VotePart, published_count, vote_parts
from ..dataset import VoteDataset, cell_text
from ..palette import (
    NOT_KNOWN_COLOR,
    NOT_KNOWN_HATCH,
    NOT_KNOWN_LABEL,
    POSITION_COLORS,
    POSITION_LABELS,
    UNATTRIBUTED_COLORS,
    UNATTRIBUTED_HATCH,
    UNATTRIBUTED_LABEL,
)
from ..schema import BODIES, POSITIONS, TOTAL_COLUMNS, body_name

__all__ = [
    "READABLE_VOTES",
    "legend_columns",
    "legend_handles",
    "put_caption",
    "source_caption",
]

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


def _axes(ax: Axes | None) -> Axes:
    return plt.gca() if ax is None else ax


def _short_motion(motion: str) -> str:
    """The first clause of a motion, always saying what 'yes' means."""
    first = motion.split(";")[0].strip().rstrip(".")
    return first if first.lower().startswith("yes") else f"yes = {first}"


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


def legend_handles(positions: Iterable[str], *, unattributed: bool, not_known: bool) -> list[Patch]:
    """Legend entries: one per position drawn (in the kit's order), then the two styles.

    Parameters
    ----------
    positions
        The positions drawn.
    unattributed
        Add the entry of the hatched, lighter part of a total whose members are not named.
    not_known
        Add the entry of "not known" (no source covers these votes).

    Examples
    --------
    >>> [h.get_label() for h in legend_handles(["no", "yes"], unattributed=False, not_known=True)]
    ['yes', 'no', 'not known']
    """
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


def legend_columns(
    ax: Axes, handles: Sequence[Patch], most: int = 4, *, width: float | None = None
) -> int:
    """Legend columns that fit across ``ax`` (or ``width`` points), at most ``most``.

    A narrow chart stacks its entries.
    """
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


def _style(part: VotePart) -> dict[str, Any]:
    if part.basis == "named" and part.position is not None:
        return {"facecolor": POSITION_COLORS[part.position], "edgecolor": "white", "linewidth": 0.6}
    if part.basis == "unattributed" and part.position is not None:
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


def _gid(vote_id: str, part: VotePart) -> str:
    return f"{vote_id}.{part.position or 'not_known'}.{part.basis}"


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
    for part in vote_parts(row):
        bar_style = {**_style(part), **style}
        if horizontal:
            bars = ax.barh(at, part.count, left=end, height=size, label="_nolegend_", **bar_style)
        else:
            bars = ax.bar(at, part.count, bottom=end, width=size, label="_nolegend_", **bar_style)
        bars.patches[0].set_gid(_gid(str(row["vote_id"]), part))
        end += part.count
        kinds.add(part.basis)
        if part.position is not None:
            seen.add(part.position)
    return end


def _summary(row: pd.Series, named: pd.DataFrame) -> str:
    """'40 yes · 2 no (RUS, CHN) · 9 abstain', and which totals were not published."""
    members = named[named["vote_id"] == row["vote_id"]]
    shown, missing = [], []
    for p in TOTAL_COLUMNS:
        total = published_count(row[p])
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


def source_caption(data: VoteDataset, vote_ids: Iterable[str]) -> str:
    """One line naming the bodies, sessions and source web sites of the votes drawn.

    Examples
    --------
    >>> import voteanalysis as va
    >>> from voteanalysis.plots.common import source_caption
    >>> print(source_caption(va.load_dataset(), ["ILO-GB355-BLR"]))
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


def put_caption(
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
            text = source_caption(drawn[0][0], ids)
        else:
            text = " | ".join(dict.fromkeys(source_caption(d, i) for d, i in drawn))
        if suffix:
            text += " " + suffix
    if fig.get_layout_engine() is None:
        # "tight" makes room for the line, and a later fig.tight_layout() keeps it quiet.
        fig.set_layout_engine("tight")
    fig.supxlabel(text, x=0.0, ha="left", fontsize=7, color="#444444", wrap=True)
