"""Charts of agreement and cohesion: ordered heatmaps, alignment lines, cohesion by group.

Every function draws on ``ax`` (or the current Axes) and returns it; none calls
``show()``. Each chart's title ends with the caption of the computation it shows,
so a reader knows how abstentions and absences were counted.

Shared parameters
-----------------
data
    A :class:`~voteanalysis.VoteDataset` or a positions DataFrame (the chart
    computes what it shows), or the DataFrame returned by the matching
    computation (``agreement()``, ``alignment()``, ``cohesion()``).
measure, abstain, absent, min_votes
    Passed to :func:`~voteanalysis.analysis.agreement` when the chart computes agreement.
labels
    Mapping from member id to the label shown (e.g. names); default the ids.
ax
    Axes to draw on; default the current Axes (``plt.gca()``).
caption
    Write the source line (bodies, sessions, sources of the votes) under the
    figure (default); a computed table names no sources, and the line says so.
kwargs
    Passed to the matplotlib / seaborn call that draws the marks.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

from ..analysis.agreement import MEASURES, Absent, Abstain, Measure, agreement, alignment
from ..analysis.blocs import Method, agreement_matrix, agreement_order
from ..analysis.cohesion import Absent as CohesionAbsent
from ..analysis.cohesion import Abstain as CohesionAbstain
from ..analysis.cohesion import Groups, cohesion
from ..arguments import check_choice, check_type
from ..dataset import VoteDataset

__all__ = ["agreementplot", "alignmentplot", "cohesionplot"]

_SIGNED = {"s_abs", "s_sq", "kappa", "pi"}  # measures that run from -1 to 1
_INDEX_LABELS = {
    "rice": "Rice index",
    "attina": "Attinà index",
    "agreement": "agreement index (Hix, Noury and Roland)",
    "entropy": "entropy of positions (bits)",
}


def _axes(ax: Axes | None) -> Axes:
    return plt.gca() if ax is None else ax


def _is_positions(data: object) -> bool:
    return isinstance(data, VoteDataset) or (
        isinstance(data, pd.DataFrame) and "position" in data.columns
    )


def _source_line(ax: Axes, data: VoteDataset | pd.DataFrame, how: str) -> None:
    """The figure's source line: the votes' sources, or that a bare table names none."""
    from .common import put_caption as _put_caption

    if isinstance(data, VoteDataset) and {"vote_id", "body"} <= set(data.votes.columns):
        _put_caption(ax, data, [str(v) for v in data.votes["vote_id"]], suffix=how)
    else:
        _put_caption(
            ax, None, [], suffix=how + " Source: the votes behind this table (not named in it)."
        )


def _title(ax: Axes, headline: str, caption: str | None) -> None:
    text = headline if not caption else f"{headline}\n" + textwrap.fill(caption, 90)
    ax.set_title(text, loc="left", fontsize="small")


def _numeric_axis(values: pd.Series) -> tuple[np.ndarray, list[str] | None]:
    """x positions for ``by`` values: the numbers when they are numbers (sessions)."""
    as_numbers = pd.to_numeric(values.astype("str"), errors="coerce")
    if as_numbers.notna().all():
        return as_numbers.to_numpy(dtype="float64"), None
    labels = [str(v) for v in pd.unique(values)]
    return np.array([labels.index(str(v)) for v in values], dtype="float64"), labels


def agreementplot(
    data: VoteDataset | pd.DataFrame,
    *,
    order: str | Sequence[str] | pd.DataFrame | None = "cluster",
    dendrogram: bool = False,
    method: Method = "average",
    measure: Measure = "percent",
    abstain: Abstain | None = None,
    absent: Absent = "exclude",
    min_votes: int = 10,
    labels: Mapping[str, str] | None = None,
    cmap: Any = "viridis",
    vmin: float | None = None,
    vmax: float | None = None,
    cbar: bool = True,
    caption: bool = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Heatmap of agreement between every pair of members, ordered by blocs.

    Parameters
    ----------
    data
        A dataset or positions (agreement computed with ``measure`` …), or the
        output of :func:`~voteanalysis.analysis.agreement` without ``by`` (pairs or matrix).
    order
        ``"cluster"`` (default): members in the leaf order of a hierarchical
        clustering on ``1 − agreement`` (``method``), so blocs show as squares on
        the diagonal; members without enough common votes go last (the order
        :func:`~voteanalysis.agreement_order` computes). ``None``: as given (ids
        sorted). A list of member ids, or a table of :func:`~voteanalysis.agreement_order`:
        that order (others left out).
    dendrogram
        Draw the clustering tree on an Axes attached left of ``ax`` (needs
        ``order="cluster"``).
    cmap, vmin, vmax, cbar
        As for ``seaborn.heatmap``; the colour range defaults to 0–1, or −1–1 for
        the S, kappa and pi measures.

    Returns
    -------
    Axes
        The heatmap's Axes; its ``collections[0].get_array()`` holds the values
        drawn (NaN where a pair has too few common votes).
    """
    square = _agreement_square(data, measure, abstain, absent, min_votes)
    attrs = dict(square.attrs)
    ids_in_order, tree = _member_order(square, order, method)
    if dendrogram and tree is None:
        raise ValueError(
            "agreementplot(): dendrogram=True needs order='cluster' and at least two members"
        )
    names = [labels.get(i, i) if labels else i for i in ids_in_order]
    # seaborn wants plain float64 (not nullable dtypes); its "auto" ticks thin the
    # labels when there are too many to read.
    values = pd.DataFrame(
        square.reindex(index=ids_in_order, columns=ids_in_order).to_numpy(dtype="float64"),
        index=names,
        columns=names,
    )
    signed = attrs.get("measure") in _SIGNED
    ax = _axes(ax)
    sns.heatmap(
        values,
        ax=ax,
        cmap=cmap,
        square=True,
        cbar=cbar,
        vmin=(-1.0 if signed else 0.0) if vmin is None else vmin,
        vmax=1.0 if vmax is None else vmax,
        cbar_kws={"label": MEASURES.get(str(attrs.get("measure")), "agreement")} if cbar else None,
        **kwargs,
    )
    ax.set_xlabel("")
    ax.set_ylabel("")
    _title(ax, "Agreement between members", attrs.get("caption"))
    if caption:
        _source_line(ax, data, "Agreement: " + MEASURES.get(str(attrs.get("measure")), "?") + ".")
    if dendrogram and tree is not None:
        _dendrogram(ax, tree, len(ids_in_order))
    return ax


def _agreement_square(
    data: VoteDataset | pd.DataFrame,
    measure: Measure,
    abstain: Abstain | None,
    absent: Absent,
    min_votes: int,
) -> pd.DataFrame:
    """The square agreement matrix to draw: computed from votes, or from agreement()'s table."""
    if _is_positions(data):
        computed = agreement(
            data, measure=measure, abstain=abstain, absent=absent, min_votes=min_votes, matrix=True
        )
        return agreement_matrix(computed)
    if isinstance(data, pd.DataFrame):
        return agreement_matrix(data)
    raise TypeError(
        "agreementplot(): data must be a VoteDataset, positions or an agreement() table, not "
        f"{type(data).__name__}"
    )


def _member_order(
    square: pd.DataFrame, order: str | Sequence[str] | pd.DataFrame | None, method: Method
) -> tuple[list[str], np.ndarray | None]:
    """Member ids in the order drawn, and the clustering tree (for ``order="cluster"``)."""
    if isinstance(order, str):
        check_choice("agreementplot", "order", order, ["cluster"])
        ordered = agreement_order(square, method=method)
        return [str(i) for i in ordered["member_id"]], ordered.attrs["linkage"]
    if order is None:
        return [str(i) for i in square.index], None
    if isinstance(order, pd.DataFrame):
        if not {"member_id", "order"} <= set(order.columns):
            raise TypeError(
                "agreementplot(): order must be 'cluster', None, a list of member ids or "
                "a table of agreement_order()"
            )
        return [str(i) for i in order.sort_values("order")["member_id"]], order.attrs.get("linkage")
    return [str(i) for i in order], None


def _dendrogram(ax: Axes, tree: np.ndarray, n: int) -> None:
    """The clustering tree on an Axes attached left of the heatmap, leaf i at row i."""
    from mpl_toolkits.axes_grid1 import make_axes_locatable  # type: ignore[import-untyped]
    from scipy.cluster import hierarchy

    side = make_axes_locatable(ax).append_axes("left", size="18%", pad=0.6)
    hierarchy.dendrogram(
        tree,
        orientation="left",
        ax=side,
        no_labels=True,
        color_threshold=0,
        above_threshold_color="0.3",
    )
    side.set_ylim(10 * n, 0)  # leaf i at row i, top down
    side.set_axis_off()


def alignmentplot(
    data: VoteDataset | pd.DataFrame,
    *,
    reference: str = "USA",
    members: Sequence[str] = ("RUS", "CHN"),
    by: str = "session",
    measure: Measure = "percent",
    abstain: Abstain | None = None,
    absent: Absent = "exclude",
    min_votes: int = 10,
    labels: Mapping[str, str] | None = None,
    caption: bool = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Agreement of some members with a reference member across sessions, one line each.

    Parameters
    ----------
    data
        A dataset or positions, or the output of :func:`~voteanalysis.alignment`
        (then ``reference``, ``by`` and the options are read from it).
    reference
        The member everyone is compared with (default the United States).
    members
        The members drawn as lines (default the Russian Federation and China).
    by
        The vote column the agreement is grouped by, the x axis (default
        ``"session"``; ``"year"`` …); read from the table when given one.

    Returns
    -------
    Axes
        One line per member, labelled with its id (or ``labels``); gaps where a
        session has too few common votes.
    """
    check_type("alignmentplot", "reference", reference, str)
    check_type("alignmentplot", "by", by, str)
    if isinstance(members, str):
        raise TypeError(
            "alignmentplot(): members must be a list of member ids such as ['RUS', 'CHN'], not str"
        )
    if _is_positions(data):
        table = alignment(
            data,
            reference=reference,
            members=list(members),
            by=by,
            measure=measure,
            abstain=abstain,
            absent=absent,
            min_votes=min_votes,
        )
    elif isinstance(data, pd.DataFrame) and "reference" in data.columns:
        table = data
        by_columns = data.attrs.get("by") or [
            c
            for c in data.columns
            if c not in ("member_id", "reference", "value", "n_votes", "enough")
        ]
        by = by_columns[0]
        reference = str(data["reference"].iloc[0]) if len(data) else reference
    else:
        raise TypeError(
            "alignmentplot(): data must be a VoteDataset, positions or an alignment() table, not "
            f"{type(data).__name__}"
        )
    ax = _axes(ax)
    for member in members:
        rows = table[table["member_id"] == member].sort_values(by)
        if rows.empty:
            continue
        x, ticks = _numeric_axis(rows[by])
        label = labels.get(member, member) if labels else member
        ax.plot(x, rows["value"].to_numpy(dtype="float64"), label=label, **kwargs)
        if ticks is not None:
            ax.set_xticks(range(len(ticks)), ticks)
    measure_name = MEASURES.get(str(table.attrs.get("measure", measure)), "agreement")
    ref_label = labels.get(reference, reference) if labels else reference
    ax.set_xlabel(by)
    ax.set_ylabel(measure_name)
    signed = table.attrs.get("measure", measure) in _SIGNED
    ax.set_ylim(-1.02 if signed else -0.02, 1.02)
    ax.legend(title=f"agreement with {ref_label}", fontsize="small")
    _title(ax, f"Agreement with {ref_label}, by {by}", table.attrs.get("caption"))
    if caption:
        _source_line(ax, data, f"Agreement with {ref_label}: {measure_name}.")
    return ax


def cohesionplot(
    data: VoteDataset | pd.DataFrame,
    *,
    groups: Groups | None = None,
    index: str = "agreement",
    by: str | None = "session",
    abstain: CohesionAbstain = "position",
    absent: CohesionAbsent = "exclude",
    order: Sequence[str] | None = None,
    caption: bool = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Cohesion of each group: a line per group across ``by``, or one bar per group.

    Parameters
    ----------
    data
        A dataset or positions (then ``groups`` is needed, as for
        :func:`~voteanalysis.analysis.cohesion`), or the output of ``cohesion()``.
    index
        ``"agreement"`` (Hix–Noury–Roland, default), ``"rice"``, ``"attina"`` or
        ``"entropy"``.
    by
        The vote column the cohesion is grouped by (default ``"session"``), for lines
        across the groups of votes; ``None``: all votes together, one bar per group.
    order
        Groups to draw, in this order (default all, sorted).

    Returns
    -------
    Axes
        Lines (one per group, labelled with the group) or horizontal bars.
    """
    check_choice("cohesionplot", "index", index, _INDEX_LABELS)
    if _is_positions(data):
        if groups is None:
            raise TypeError("cohesionplot(): needs groups= when given votes (see cohesion)")
        table = cohesion(
            data,
            groups=groups,
            by=by,
            abstain=abstain,
            absent=absent,
        )
    elif isinstance(data, pd.DataFrame) and {"group", index} <= set(data.columns):
        table = data
        if "vote_id" in table.columns or (by is not None and by not in table.columns):
            table = table.groupby("group", observed=True)[index].mean().reset_index()
            by = None
    else:
        raise TypeError(
            "cohesionplot(): data must be a VoteDataset, positions or a cohesion() table, not "
            f"{type(data).__name__}"
        )
    names = list(order) if order is not None else sorted(table["group"].astype("str").unique())
    ax = _axes(ax)
    if by is None:
        means = table.groupby("group", observed=True)[index].mean().reindex(names)
        ax.barh(range(len(names)), means.to_numpy(dtype="float64"), **kwargs)
        ax.set_yticks(range(len(names)), names)
        ax.invert_yaxis()
        ax.set_xlabel(_INDEX_LABELS[index])
    else:
        for name in names:
            rows = table[table["group"].astype("str") == name].sort_values(by)
            x, ticks = _numeric_axis(rows[by])
            ax.plot(x, rows[index].to_numpy(dtype="float64"), label=name, **kwargs)
            if ticks is not None:
                ax.set_xticks(range(len(ticks)), ticks)
        ax.set_xlabel(by)
        ax.set_ylabel(_INDEX_LABELS[index])
        ax.legend(fontsize="small")
    attrs = table.attrs or {"abstain": abstain, "absent": absent}
    how = (
        f"abstentions {'a third position' if attrs.get('abstain') == 'position' else 'left out'}"
        f"; absences {'left out' if attrs.get('absent') == 'exclude' else 'as abstentions'}"
    )
    _title(ax, f"Cohesion of groups ({_INDEX_LABELS[index]})", how)
    if caption:
        _source_line(ax, data, f"Cohesion: {_INDEX_LABELS[index]}.")
    return ax
