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
from typing import Any
from urllib.parse import urlparse

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Circle, Patch, Rectangle

from .dataset import VoteDataset
from .palette import (
    NOT_KNOWN_COLOR,
    NOT_KNOWN_HATCH,
    NOT_KNOWN_LABEL,
    POSITION_COLORS,
    POSITION_LABELS,
    UNATTRIBUTED_COLORS,
    UNATTRIBUTED_HATCH,
    UNATTRIBUTED_LABEL,
)
from .schema import BODIES, POSITIONS, TOTAL_COLUMNS
from .tally import _OPPOSITION_COLUMNS, opposition, tally

__all__ = ["hemicycleplot", "oppositionplot", "tallyplot", "timelineplot"]

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
_HIGHLIGHT = ("RUS", "CHN")
_TALLY_COLUMNS = {"vote_id", "body", "date", *TOTAL_COLUMNS, *(f"named_{p}" for p in POSITIONS)}


# --------------------------------------------------------------------------- helpers


def _axes(ax: Axes | None) -> Axes:
    return plt.gca() if ax is None else ax


def _int(value: Any) -> int | None:
    """A published count, or None when the cell is empty (not published)."""
    return None if value is None or pd.isna(value) else int(value)


def _text(value: Any) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _body_name(body: str) -> str:
    """Short name of a body, from the schema's description ("ILO Governing Body")."""
    return BODIES.get(body, body).split(" (")[0]


def _luminance(color: str) -> float:
    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _ink(fill: str) -> str:
    """Text colour that reads on ``fill``."""
    return "black" if _luminance(fill) > 0.45 else "white"


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


def _member_names(data: VoteDataset | pd.DataFrame) -> dict[str, str]:
    """A name per member id: as the composition table writes it, else as the vote
    sources write it most often (sources quote names in their own language)."""
    frames: list[tuple[pd.Series, pd.Series]] = []
    if isinstance(data, VoteDataset):
        frames.append((data.positions["member_id"], data.positions["member"]))
        if {"member_id", "name"} <= set(data.members.columns):
            frames.append((data.members["member_id"], data.members["name"]))
    elif {"member_id", "member"} <= set(data.columns):
        frames.append((data["member_id"], data["member"]))
    names: dict[str, str] = {}
    for ids, written in frames:
        counts: dict[str, Counter[str]] = {}
        for member_id, member in zip(ids, written, strict=True):
            if _text(member_id) and _text(member):
                counts.setdefault(str(member_id), Counter())[str(member)] += 1
        names |= {m: c.most_common(1)[0][0] for m, c in counts.items()}
    return names


def _vote_label(row: pd.Series, *, width: int = 48) -> str:
    """Row label of a vote: date, session, subject; what 'yes' means; what a vote counts."""
    subject = _text(row.get("subject")) or textwrap.shorten(_text(row.get("title")), 40)
    head = " · ".join(t for t in (_text(row.get("date")), _text(row.get("session")), subject) if t)
    lines = textwrap.wrap(head, width) or [_text(row.get("vote_id"))]
    motion = _text(row.get("motion"))
    if motion:
        lines += textwrap.wrap(_short_motion(motion), width)
    if _text(row.get("voter_unit")) == "delegate":
        lines.append("counts delegates, not states")
    return "\n".join(lines)


def _count_label(t: pd.DataFrame) -> str:
    """Axis label saying what one vote is: a seat, a member state or a delegate."""
    units = {_text(u) for u in t["voter_unit"]} - {""} if "voter_unit" in t.columns else set()
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
    >>> from voteanalysis.plot import _source_caption
    >>> print(_source_caption(va.load_dataset(), ["ILO-GB355-BLR"]))
    Source: ILO Governing Body GB.355 (2025). Pages read: salidarnast.info.
    """
    ids = list(dict.fromkeys(vote_ids))
    votes = data.votes[data.votes["vote_id"].isin(ids)]
    bodies = []
    order = {b: i for i, b in enumerate(BODIES)}
    for body, rows in sorted(votes.groupby("body"), key=lambda kv: order.get(str(kv[0]), 99)):
        sessions = sorted({_text(s) for s in rows["session"] if _text(s)})
        years = sorted({_text(d)[:4] for d in rows["date"] if _text(d)})
        span = years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}" if years else ""
        if 0 < len(sessions) <= 3:
            what = ", ".join(sessions) + (f" ({span})" if span else "")
        else:
            what = f"{len(rows)} votes" + (f", {span}" if span else "")
        bodies.append(f"{_body_name(str(body))} {what}")
    urls: list[str] = [_text(u) for u in votes["source_url"]]
    for table in (data.positions, data.group_tallies):
        if len(table) and "source_url" in table.columns:
            urls += [_text(u) for u in table.loc[table["vote_id"].isin(ids), "source_url"]]
    counts = Counter(d for d in (_source_domain(u) for u in urls if u) if d)
    domains = [d for d, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    shown = ", ".join(domains[:4]) + (f" and {len(domains) - 4} more" if len(domains) > 4 else "")
    text = "Source: " + ("; ".join(bodies) or "no votes") + "."
    if shown:
        text += f" Pages read: {shown}."
    return text


# --------------------------------------------------------------------------- tallyplot


def tallyplot(
    data: VoteDataset | pd.DataFrame,
    *,
    ax: Axes | None = None,
    height: float = 0.7,
    summary: bool = True,
    legend: bool = True,
    **kwargs: Any,
) -> Axes:
    """For, against, abstain and not voting per vote, as horizontal stacked bars.

    Votes are grouped by body (a bold heading above each group) and ordered by date
    within it; elections are left out. The members a source names are solid; the
    rest of each published total is lighter and hatched; seats no total covers (when
    the vote's ``seats`` is known) are "not known". Right of the bars, the published
    totals with the ids of up to three named members, and which totals were not
    published. A vote whose ``motion`` says what "yes" means carries that in its
    label, and votes counted per delegate say so.

    Parameters
    ----------
    data
        A VoteDataset, or the DataFrame returned by :func:`~voteanalysis.tally`.
    ax
        Axes to draw on; default the current Axes.
    height
        Bar height, as a share of the row.
    summary
        Write the published totals (and which are not published) right of the Axes.
    legend
        Draw a legend above the Axes.
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
    y = 0.0
    ticks: list[float] = []
    labels: list[str] = []
    seen: set[str] = set()
    kinds: set[str] = set()
    widest = 0
    for i, body in enumerate(bodies):
        rows = t[t["body"].astype("str") == body]
        if i:
            ax.axhline(y - 0.45, color="#BBBBBB", linewidth=0.8)
        units = {_text(u) for u in rows.get("voter_unit", pd.Series(dtype="str"))} - {""}
        heading = _body_name(body) + (" (votes of delegates)" if units == {"delegate"} else "")
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
            left = _stack(ax, row, y, height, horizontal=True, seen=seen, kinds=kinds, style=kwargs)
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
                    if _text(row.get("result")) == "adopted without a vote"
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
            labels.append(_vote_label(row))
            y += 1.0
        y += 0.4
    ax.set_yticks(ticks, labels, fontsize="small")
    ax.set_ylim(y - 0.4 - 0.5, -0.6)
    ax.set_xlim(0, max(widest, 1) * 1.02)
    ax.set_xlabel(_count_label(t))
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    if legend and (seen or kinds):
        ax.legend(
            handles=_legend_handles(
                seen, unattributed="unattributed" in kinds, not_known="not_known" in kinds
            ),
            loc="lower left",
            bbox_to_anchor=(0.0, 1.01),
            ncol=4,
            frameon=False,
            fontsize="small",
        )
    return ax


# --------------------------------------------------------------------------- oppositionplot


def oppositionplot(
    data: VoteDataset | pd.DataFrame,
    *,
    members: Sequence[str] | None = None,
    highlight: Sequence[str] = _HIGHLIGHT,
    annotate: bool = True,
    legend: bool = True,
    ax: Axes | None = None,
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
    **kwargs
        Passed to every cell's :class:`~matplotlib.patches.Rectangle`.

    Returns
    -------
    Axes
    """
    if isinstance(data, VoteDataset):
        grid = opposition(data, members=members)
    elif isinstance(data, pd.DataFrame) and set(data.columns) >= set(_OPPOSITION_COLUMNS):
        grid = data
        if members is not None:
            grid = grid[grid["member_id"].isin(list(members))]
    else:
        raise TypeError(
            "oppositionplot() needs a VoteDataset or the DataFrame returned by "
            f"opposition(), not {type(data).__name__}"
        )
    ax = _axes(ax)
    names = _member_names(data)
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
    unknown = False
    for vote_id, member_id, position in zip(
        grid["vote_id"], grid["member_id"], positions, strict=True
    ):
        if member_id not in row:
            continue
        x, y = col[vote_id], row[member_id]
        known = isinstance(position, str)
        fill = POSITION_COLORS[position] if known else NOT_KNOWN_COLOR
        style = {"facecolor": fill, "edgecolor": "white", "linewidth": 1.0, **kwargs}
        ax.add_patch(
            Rectangle(
                (x, y),
                1,
                1,
                gid=f"cell.{vote_id}.{member_id}.{position if known else 'not_known'}",
                **style,
            )
        )
        if known:
            seen.add(position)
        else:
            unknown = True
        if annotate:
            code = _CODES.get(position, "?") if known else "?"
            ax.text(
                x + 0.5,
                y + 0.5,
                code,
                ha="center",
                va="center",
                fontsize="x-small",
                color=_ink(fill) if known else "#8A8A8A",
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
    footnotes: list[str] = []
    col_labels: list[str] = []
    for _, v in votes.iterrows():
        heading = " · ".join(
            t
            for t in (
                f"{v['body']} {_text(v['session'])}".strip(),
                _text(v["subject"]),
                _text(v["date"]),
            )
            if t
        )
        motion = _text(motions.get(v["vote_id"]))
        if motion:
            mark = _MARKS[len(footnotes)] if len(footnotes) < len(_MARKS) else "*"
            footnotes.append(f"{mark} {heading}: {_short_motion(motion)}")
            heading += f" {mark}"
        col_labels.append(heading)
    ax.set_xticks(
        [j + 0.5 for j in range(len(vote_ids))],
        col_labels,
        rotation=55,
        ha="left",
        rotation_mode="anchor",
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
        anchor: Any = ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0.0, -0.01),
            ncol=min(len(handles), 4),
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
    return ax


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


def _hemicycle_seats(
    data: VoteDataset, vote: pd.Series, named: pd.DataFrame
) -> tuple[list[tuple[str, list[_Seat]]], list[str]]:
    """Sectors (constituency, seats in drawing order) and notes on how they were made."""
    members = named[named["vote_id"] == vote["vote_id"]]
    groups = data.group_tallies
    groups = groups[groups["vote_id"] == vote["vote_id"]] if len(groups) else groups
    parts = _parts(vote)
    required = sum(p.count for p in parts if p.kind != "not_known")
    seats = _int(vote.get("seats"))
    n = max(seats if seats is not None else 0, required)
    notes: list[str] = []
    if seats is None:
        notes.append(f"Number of seats not in the data: drawn as the {n} counted.")

    constitution = dict(CONSTITUTION_SEATS.get(_text(vote["body"]), ()))
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
    if sizes:
        for c, k in members.groupby("constituency").size().items():
            if str(c) in sizes:
                sizes[str(c)] = max(sizes[str(c)], int(k))
        if sum(sizes.values()) < n:
            sizes["group not known"] = n - sum(sizes.values())
        n = sum(sizes.values())
    else:
        sizes = {"": n}

    pinned: dict[str, list[_Seat]] = {c: [] for c in sizes}
    unpinned: dict[str, int] = {}
    loose_named: list[_Seat] = []
    for p in POSITIONS:
        for _, m in members[members["position"] == p].iterrows():
            c = _text(m.get("constituency"))
            seat = _Seat(p, "named", str(m["member_id"]))
            if len(sizes) == 1:
                pinned[next(iter(sizes))].append(seat)
            elif c in pinned:
                pinned[c].append(seat)
            else:
                loose_named.append(seat)
    for p in POSITIONS:
        for c in sizes:
            if len(groups) and c:
                rows = groups[
                    (groups["constituency"].astype("str") == c)
                    & (groups["position"].astype("str") == p)
                ]
                count = int(rows["count"].sum())
                n_named = sum(1 for s in pinned[c] if s.position == p)
                pinned[c] += [_Seat(p, "unattributed")] * max(count - n_named, 0)
        total = sum(
            part.count for part in parts if part.position == p and part.kind == "unattributed"
        )
        placed = sum(
            1
            for seats_ in pinned.values()
            for s in seats_
            if s.position == p and s.kind == "unattributed"
        )
        if total - placed > 0:
            unpinned[p] = total - placed

    free = {c: sizes[c] - len(pinned[c]) for c in sizes}
    spread: dict[str, list[_Seat]] = {c: [] for c in sizes}
    queue = [[s] for s in loose_named] + [
        [_Seat(p, "unattributed")] * k for p, k in unpinned.items()
    ]
    for items in queue:
        split = _largest_remainder(len(items), [max(free[c], 0) for c in sizes])
        start = 0
        for c, k in zip(sizes, split, strict=True):
            spread[c] += items[start : start + k]
            start += k
            free[c] -= k
    not_known = sum(max(f, 0) for f in free.values())
    if len(sizes) > 1 and (unpinned or loose_named):
        notes.append(
            "Counted but unnamed votes are spread across the groups in proportion; "
            "which group cast them is not published."
        )
    if not_known:
        notes.append(f"{not_known} seat(s): no published total covers them.")

    rank = {p: i for i, p in enumerate(POSITIONS)}
    kind_rank = {"named": 0, "unattributed": 1}
    sectors = []
    for c in sizes:
        seats_c = pinned[c] + spread[c]
        seats_c.sort(key=lambda s: (rank.get(s.position or "", 99), kind_rank.get(s.kind, 2)))
        seats_c += [_Seat(None, "not_known")] * max(free[c], 0)
        sectors.append((c, seats_c))
    return sectors, notes


def hemicycleplot(
    data: VoteDataset,
    vote_id: str,
    *,
    ax: Axes | None = None,
    labels: bool = True,
    legend: bool = True,
    **kwargs: Any,
) -> Axes:
    """One vote drawn as seats in a half circle.

    Seats named by a source are solid in the position's colour and carry the member
    id; the rest of each published total is lighter and hatched; seats no total
    covers are "not known". The number of seats is the vote's ``seats`` (else the
    sum of the counts). Seats are split by constituency when the body's
    constitution fixes the split (ILO Governing Body: 28 government, 14 employer,
    14 worker of 56) or when ``group_tallies`` count the vote by group; counts a
    source gives per group are drawn in that group. Notes under the drawing say
    how seats were placed.

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
    **kwargs
        Passed to every seat's :class:`~matplotlib.patches.Circle`.

    Returns
    -------
    Axes
    """
    if not isinstance(data, VoteDataset):
        raise TypeError(f"hemicycleplot() needs a VoteDataset, not {type(data).__name__}")
    t = tally(data)
    if vote_id not in set(t["vote_id"]):
        known = ", ".join(t["vote_id"].head(5))
        raise KeyError(
            f"no vote {vote_id!r} to draw (elections have no seats to draw); votes include {known}"
        )
    vote = t[t["vote_id"] == vote_id].iloc[0]
    named = _named(data)
    ax = _axes(ax)
    sectors, notes = _hemicycle_seats(data, vote, named)
    n = sum(len(s) for _, s in sectors)
    inner = 0.4
    rows = _rows_for(n, inner)
    radii = [1.0] if rows == 1 else [inner + (1 - inner) * i / (rows - 1) for i in range(rows)]
    gap = 0.1 if len(sectors) > 1 else 0.0
    span = math.pi - gap * (len(sectors) - 1)
    pitch = min((1 - inner) / (rows - 1) if rows > 1 else 0.35, span * sum(radii) / max(n, 1))
    radius = 0.4 * pitch
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(-0.1, 1.28)
    ax.set_aspect("equal")
    ax.set_axis_off()
    font = min(8.0, 0.3 * 2 * radius * _points_per_unit(ax))
    inside = labels and font >= 4.5
    seen: set[str] = set()
    kinds: set[str] = set()
    theta1 = math.pi
    for c, seats in sectors:
        width = span * len(seats) / max(n, 1)
        centres = _arc_seats(len(seats), radii, theta1 - width, theta1)
        for i, ((x, y), seat) in enumerate(zip(centres, seats, strict=True)):
            style = {**_style(_Part(seat.position, seat.kind, 1)), "linewidth": 0.8, **kwargs}
            if seat.kind == "named":
                style["edgecolor"] = "#333333"
            ax.add_patch(
                Circle(
                    (x, y),
                    radius,
                    gid=f"seat.{c or 'all'}.{i}.{seat.kind}."
                    f"{seat.position or 'not_known'}"
                    + (f".{seat.member_id}" if seat.member_id else ""),
                    **style,
                )
            )
            kinds.add(seat.kind)
            if seat.position is not None:
                seen.add(seat.position)
            if inside and seat.member_id:
                ax.text(
                    x,
                    y,
                    seat.member_id,
                    ha="center",
                    va="center",
                    fontsize=font,
                    color=_ink(POSITION_COLORS[seat.position or "yes"]),
                    fontweight="bold",
                    gid=f"label.{seat.member_id}",
                )
        if labels and c:
            mid = theta1 - width / 2
            side = math.cos(mid)
            ax.text(
                1.12 * side,
                1.12 * math.sin(mid),
                f"{c.capitalize()}\n{len(seats)} seats",
                ha="right" if side < -0.3 else "left" if side > 0.3 else "center",
                va="bottom" if abs(side) <= 0.3 else "center",
                fontsize="small",
                color="#333333",
                gid=f"sector.{c}",
            )
        theta1 -= width + gap
    if labels and not inside:
        members = named[named["vote_id"] == vote_id]
        listed = [
            f"{POSITION_LABELS[p]}: "
            + ", ".join(members.loc[members["position"] == p, "member_id"])
            for p in POSITIONS
            if (members["position"] == p).any()
        ]
        if listed:
            notes.insert(0, "Named by sources: " + "; ".join(listed) + ".")
    shown, _, missing = _summary(vote, named).partition("\nnot published: ")
    centre = shown.replace(" · ", "\n") or "totals not published"
    # As large as fits in the hollow of the half circle, in width and in height.
    lines = centre.splitlines()
    hollow = (inner - radius - 0.04) * _points_per_unit(ax)
    size = min(11.0, 1.6 * hollow / (0.62 * max(map(len, lines))), hollow / (1.3 * len(lines)))
    ax.text(
        0,
        0.04,
        centre,
        ha="center",
        va="bottom",
        fontsize=max(4.0, size),
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
    title = f"{_body_name(_text(vote['body']))}\n{_vote_label(vote, width=70)}"
    ax.set_title(title, fontsize="medium")
    anchor: Any = ax.transData
    xy = (0.0, -0.06)
    if legend:
        anchor = ax.legend(
            handles=_legend_handles(
                seen, unattributed="unattributed" in kinds, not_known="not_known" in kinds
            ),
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
    return ax


# --------------------------------------------------------------------------- timelineplot


def timelineplot(
    data: VoteDataset,
    *,
    members: Sequence[str] = _HIGHLIGHT,
    ax: Axes | None = None,
    width: float = 0.7,
    legend: bool = True,
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
    for x, (_, row) in enumerate(t.iterrows()):
        bottom = _stack(ax, row, x, width, horizontal=False, seen=seen, kinds=kinds, style=kwargs)
        tops.append(bottom)
        counts = "–".join(
            str(_int(row[p])) for p in ("yes", "no", "abstain") if _int(row[p]) is not None
        )
        if counts:
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
    names = _member_names(data)
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
                color=_ink(fill) if position else "#8A8A8A",
            )
            if position:
                seen.add(position)
            else:
                unknown = True
        ax.text(
            -0.5 - width / 2,
            y + step * 0.42,
            names.get(m, m),
            ha="right",
            va="center",
            fontsize="small",
            fontweight="bold",
        )
    labels = [
        "\n".join(
            [
                _text(r["date"]),
                *textwrap.wrap(_text(r["subject"]).replace("/", "/ "), 16, break_long_words=False),
            ]
        )
        for _, r in t.iterrows()
    ]
    ax.set_xticks(range(len(t)), labels, fontsize="x-small")
    ax.set_xlim(-0.5 - width / 2 - 0.05, len(t) - 0.5 + 0.05)
    ax.set_ylim(0, base + len(members) * step + step * 0.2)
    ax.set_yticks([v for v in ax.get_yticks() if v <= top])
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
            ncol=4,
            frameon=False,
            fontsize="small",
        )
    return ax
