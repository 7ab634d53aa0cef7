"""The chart gallery: the kit's standard charts, written as files with their sources.

``voteanalysis charts`` calls :func:`export_gallery`. Each chart carries a source
line (bodies, sessions and the web sites read). File names are stable, and the
same data give byte-identical SVG and PDF files on every run.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..arguments import check_choice, check_choices, check_type, renamed_arguments
from ..dataset import VoteDataset, require_dataset
from ..safewrite import ensure_folder, literal_text, replacing
from ..schema import BODIES, POSITIONS

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

__all__ = ["CHART_KINDS", "FORMATS", "GALLERY_HEMICYCLES", "export_chart", "export_gallery"]

#: File formats the gallery can write.
FORMATS: tuple[str, ...] = ("png", "svg", "pdf")

#: Votes drawn as hemicycles: (file name stem, vote id).
GALLERY_HEMICYCLES: tuple[tuple[str, str], ...] = (
    ("03-hemicycle-gb355-belarus", "ILO-GB355-BLR"),
    ("04-hemicycle-gb344-russia", "ILO-GB344-RUS-RES"),
)

_HIGHLIGHT = ("RUS", "CHN")

# Fixed so that reruns give identical files: SVG ids are hashed with this salt,
# and no creation date is written.
_RC: dict[RcKeyType, Any] = {
    "svg.hashsalt": "voteanalysis-gallery",
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
    "font.size": 9,
    "axes.titlesize": 10,
    "figure.dpi": 100,
}
_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "ModDate": None},
}


@dataclass(frozen=True)
class _Chart:
    stem: str
    draw: Callable[[], Figure]


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _title(fig: Figure, text: str) -> None:
    fig.suptitle(text, x=0.0, ha="left", fontweight="bold", wrap=True)


def _caption(fig: Figure, data: VoteDataset, vote_ids: Iterable[str]) -> None:
    from ..plots.common import source_caption as _source_caption

    fig.supxlabel(
        _source_caption(data, vote_ids), x=0.0, ha="left", fontsize=7, color="#444444", wrap=True
    )


def _drawn(fig: Figure) -> tuple[set[str], set[str]]:
    """Positions and kinds of part (named, unattributed, not_known) drawn in a figure."""
    positions: set[str] = set()
    kinds: set[str] = set()
    every = [a for ax in fig.axes for a in (ax, *ax.child_axes)]
    for ax in every:
        for patch in ax.patches:
            _, _, tail = (patch.get_gid() or "").partition(".")
            position, _, kind = tail.partition(".")
            if kind in ("named", "unattributed", "not_known"):
                kinds.add(kind)
                positions |= {position} & set(POSITIONS)
    return positions, kinds


def in_body_order(codes: Iterable[str]) -> list[str]:
    """Body codes in the schema's order (:data:`~voteanalysis.schema.BODIES`), others after.

    >>> in_body_order(["UNGA", "XYZ", "ILO-GB", "ABC"])
    ['ILO-GB', 'UNGA', 'ABC', 'XYZ']
    """
    order = {b: i for i, b in enumerate(BODIES)}
    return sorted(dict.fromkeys(codes), key=lambda b: (order.get(b, len(order)), b))


def _non_election_ids(data: VoteDataset) -> list[str]:
    votes = data.votes
    return list(votes.loc[votes["kind"] != "election", "vote_id"])


def _tally_panels(data: VoteDataset, *, width: float, base_height: float) -> Figure:
    """A figure with one tally panel per body and one legend over them all.

    Bodies count different things (seats, states, delegates) on very different scales,
    so they do not share an x axis.
    """
    from ..plots.common import legend_columns as _ncol
    from ..plots.common import legend_handles as _legend_handles
    from ..plots.tally import tallyplot

    ids = _non_election_ids(data)
    votes = data.votes[data.votes["vote_id"].isin(ids)]
    bodies = in_body_order(votes["body"].astype("str"))
    sizes = [int((votes["body"] == b).sum()) + 1 for b in bodies] or [1]
    fig = _figure(width, base_height + 0.42 * sum(sizes) + 0.5 * len(sizes))
    axes = fig.subplots(len(sizes), 1, gridspec_kw={"height_ratios": sizes}, squeeze=False)
    for i, body in enumerate(bodies):
        tallyplot(data.filter(body=body), ax=axes[i, 0], legend=False)
    positions, kinds = _drawn(fig)
    if positions or kinds:
        handles = _legend_handles(
            positions, unattributed="unattributed" in kinds, not_known="not_known" in kinds
        )
        labels = [t.get_text() for ax in axes[:, 0] for t in ax.get_yticklabels()]
        longest = max((len(line) for t in labels for line in t.splitlines()), default=0)
        room = width * 72 - longest * 0.6 * 0.833 * 9 - 30
        axes[0, 0].legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(0.0, 1.02),
            ncol=_ncol(axes[0, 0], handles, 5, width=room),
            frameon=False,
            fontsize="small",
        )
    if not bodies:
        axes[0, 0].text(0.5, 0.5, "no votes in the data", ha="center", va="center")
        axes[0, 0].set_axis_off()
    return fig


def _tally_chart(data: VoteDataset) -> Figure:
    fig = _tally_panels(data, width=11, base_height=1.2)
    _title(fig, "Votes by body: published totals, named members and what is not known")
    _caption(fig, data, _non_election_ids(data))
    return fig


def _opposition_chart(data: VoteDataset, members: Sequence[str] | None = None) -> Figure:
    from ..analysis.tally import opposition
    from ..plots.opposition import oppositionplot

    grid = opposition(data, members=members)
    n_members = grid["member_id"].nunique()
    n_votes = grid["vote_id"].nunique()
    fig = _figure(6.5 + 0.3 * n_votes, 4.2 + 0.24 * n_members)
    ax = fig.subplots()
    highlight = _HIGHLIGHT if members is None else tuple(members)
    oppositionplot(data, members=members, highlight=highlight, ax=ax)
    # Room for the footnotes under the grid (what "yes" means, labels cut short).
    notes = [t.get_text() for t in ax.texts if t.get_gid() == "footnotes"]
    lines = sum(n.count("\n") + 1 for n in notes)
    width, height = fig.get_size_inches()
    fig.set_size_inches(width, height + 0.13 * lines)
    _title(fig, "Who voted no or abstained, vote by vote ('?' = no source names the position)")
    _caption(fig, data, grid["vote_id"].unique())
    return fig


def _hemicycle_chart(data: VoteDataset, vote_id: str) -> Figure:
    from ..plots.hemicycle import hemicycleplot

    fig = _figure(8, 5.8)
    ax = fig.subplots()
    hemicycleplot(data, vote_id, ax=ax)
    _caption(fig, data, [vote_id])
    return fig


def _timeline_chart(data: VoteDataset, members: Sequence[str]) -> Figure:
    from ..plots.common import READABLE_VOTES
    from ..plots.timeline import timelineplot

    n = min(len(_non_election_ids(data)), READABLE_VOTES)
    fig = _figure(max(7.0, 2.0 + 0.8 * n), 5.5 + 0.2 * len(members))
    timelineplot(data, highlight=members, ax=fig.subplots())
    _title(fig, "Votes over time, and how " + ", ".join(members) + " voted")
    _caption(fig, data, _non_election_ids(data))
    return fig


#: Charts ``voteanalysis chart KIND`` draws, and what each shows.
CHART_KINDS: dict[str, str] = {
    "tally": "published totals and named members, vote by vote, one panel per body",
    "opposition": "members x votes: who voted no or abstained, '?' where not known",
    "hemicycle": "one vote (--vote) seat by seat",
    "timeline": "votes over time with chosen members' positions above",
}


@renamed_arguments(kind="chart")
def export_chart(
    data: VoteDataset,
    chart: str,
    out: str | Path,
    *,
    vote_id: str | None = None,
    members: Sequence[str] | None = None,
) -> Path:
    """Write one chart to ``out``; the format comes from its suffix (png, svg, pdf).

    Parameters
    ----------
    data
        The dataset to draw (filter it first to choose the votes).
    chart
        One of :data:`CHART_KINDS`. ``kind=``, its old name, still works for one
        release, with a :class:`DeprecationWarning`.
    out
        The file to write; written to a temporary file beside it, then moved.
    vote_id
        The vote a hemicycle draws (required for ``"hemicycle"``).
    members
        Member ids: the rows of an opposition grid, the strips of a timeline.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ValueError
        For an unknown chart or suffix, a hemicycle without ``vote_id``, a vote not in
        ``data`` or data without votes to draw.
    TypeError
        When ``data`` is not a dataset or ``chart`` is not text.
    """
    import matplotlib

    from ..plots.save import SAVE_FORMATS, savefig

    data = require_dataset(data, "export_chart")
    check_choice("export_chart", "chart", chart, CHART_KINDS)
    if vote_id is not None:
        check_type("export_chart", "vote_id", vote_id, str)
    if members is not None and (
        isinstance(members, str) or not all(isinstance(m, str) for m in members)
    ):
        raise TypeError(
            f"export_chart(): members takes a list of member ids (e.g. ['RUS', 'CHN']), "
            f"not {members!r}"
        )
    target = Path(out)
    if target.suffix.lower().lstrip(".") not in SAVE_FORMATS:
        raise ValueError(
            f"cannot tell the format of {target.name!r}: the file name must end in "
            + ", ".join(f".{f}" for f in SAVE_FORMATS)
        )
    drawable = _non_election_ids(data)
    if not drawable:
        raise ValueError("no votes to draw: the data (after filtering) holds none")
    with matplotlib.rc_context(_RC):
        if chart == "tally":
            fig = _tally_chart(data)
        elif chart == "opposition":
            fig = _opposition_chart(data, members)
        elif chart == "timeline":
            fig = _timeline_chart(data, tuple(members or _HIGHLIGHT))
        else:
            if vote_id is None:
                raise ValueError("a hemicycle needs --vote VOTE_ID (one of the data's votes)")
            if vote_id not in drawable:
                close = difflib.get_close_matches(vote_id, drawable, n=3, cutoff=0.3)
                raise ValueError(
                    f"no vote {vote_id!r} to draw; closest: {', '.join(close or drawable[:3])}"
                )
            fig = _hemicycle_chart(data, vote_id)
        try:
            return savefig(fig, target, dpi=150)
        finally:
            fig.clear()


def _iaea_chart(data: VoteDataset) -> Figure:
    from ..plots.timeline import timelineplot

    iaea = data.filter(body="IAEA-BoG")
    ids = _non_election_ids(iaea)
    fig = _figure(max(7.0, 2.0 + 0.8 * len(ids)), 5.5)
    ax = fig.subplots()
    timelineplot(iaea, highlight=_HIGHLIGHT, ax=ax)
    _title(
        fig, "IAEA Board of Governors: resolutions put to a vote, and how Russia and China voted"
    )
    _caption(fig, iaea, ids)
    return fig


def _charts(data: VoteDataset) -> list[_Chart]:
    charts = [
        _Chart("01-tally", lambda: _tally_chart(data)),
        _Chart("02-opposition", lambda: _opposition_chart(data)),
    ]
    drawable = set(_non_election_ids(data))
    for stem, vote_id in GALLERY_HEMICYCLES:
        if vote_id in drawable:
            charts.append(_Chart(stem, partial(_hemicycle_chart, data, vote_id)))
    if (data.votes.loc[data.votes["vote_id"].isin(drawable), "body"] == "IAEA-BoG").any():
        charts.append(_Chart("05-iaea-board", lambda: _iaea_chart(data)))
    return charts


def export_gallery(
    data: VoteDataset,
    out_dir: str | Path,
    *,
    formats: Iterable[str] = ("png", "svg"),
) -> list[Path]:
    """Write the chart gallery to ``out_dir`` and return the files written.

    The gallery holds a tally chart of all votes (``01-tally``), the members × votes
    opposition grid with Russia and China first (``02-opposition``), hemicycles of
    the ILO Governing Body votes on Belarus (GB.355) and on the Russian Federation
    (GB.344) and the IAEA Board's votes over time with Russia's and China's positions
    (``05-iaea-board``). A chart whose votes are not in ``data`` is left out; the
    other names do not change. Figures are closed once written.

    Parameters
    ----------
    data
        The dataset to draw.
    out_dir
        Folder to write to; created if missing.
    formats
        Any of ``"png"``, ``"svg"``, ``"pdf"``.

    Returns
    -------
    list of Path
        The files written, chart by chart, in the order of ``formats``.

    Raises
    ------
    ValueError
        When ``formats`` is empty or a format is not one of :data:`FORMATS`.
    TypeError
        When ``data`` is not a dataset or a format is not text.
    """
    data = require_dataset(data, "export_gallery")
    if not isinstance(formats, str | Iterable):
        raise TypeError(
            f"export_gallery(): formats must be a str or a list of them, one or more of "
            f"{', '.join(repr(f) for f in FORMATS)}, not {type(formats).__name__}"
        )
    given = [formats] if isinstance(formats, str) else list(formats)
    wanted = check_choices(
        "export_gallery",
        "formats",
        [f.lower().lstrip(".") if isinstance(f, str) else f for f in given],
        FORMATS,
    )
    out = ensure_folder(out_dir, "the charts")
    written: list[Path] = []
    for stem, fig in gallery_figures(data):
        for fmt in dict.fromkeys(wanted):
            path = out / f"{stem}.{fmt}"
            with replacing(path, "a chart") as f:
                fig.savefig(f, format=fmt, dpi=150, metadata=_METADATA[fmt])
            written.append(path)
    return written


def gallery_figures(data: VoteDataset) -> Iterator[tuple[str, Figure]]:
    """The gallery's charts one by one, as (file stem, figure), in the gallery's style.

    The style (fonts, fixed SVG ids) holds while the caller writes each figure; a
    figure is cleared once the caller moves on to the next. The HTML report embeds
    the same charts this way.
    """
    import matplotlib

    with matplotlib.rc_context(_RC):
        for chart in _charts(data):
            fig = literal_text(chart.draw())
            try:
                yield chart.stem, fig
            finally:
                fig.clear()
