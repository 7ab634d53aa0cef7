"""Voting blocs: hierarchical clustering of members on how often they agree."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal, get_args

import numpy as np
import pandas as pd

from ..arguments import check_choice, check_type
from ..dataset import VoteDataset
from ..errors import VoteDataError
from ._checks import check_min
from .agreement import Absent, Abstain, Measure, agreement

__all__ = ["agreement_matrix", "agreement_order", "blocs", "linkage"]

Method = Literal["average", "complete", "single", "weighted", "ward"]


def agreement_matrix(table: pd.DataFrame) -> pd.DataFrame:
    """The square member × member agreement matrix of an :func:`agreement` table.

    Parameters
    ----------
    table
        The pair table :func:`~voteanalysis.agreement` returns (without ``by``), or
        its ``matrix=True`` form.

    Returns
    -------
    DataFrame
        Members on both axes, ids sorted for a pair table; the diagonal is 1 and
        pairs with too few common votes are NaN. ``attrs`` are the table's.

    Examples
    --------
    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"member_a": ["A"], "member_b": ["B"], "value": [0.25]})
    >>> agreement_matrix(pairs)
          A     B
    A  1.00  0.25
    B  0.25  1.00
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(
            "agreement_matrix(): table must be the DataFrame agreement() returns, "
            f"not {type(table).__name__}"
        )
    square = _square(table)
    square.attrs = dict(table.attrs)
    return square


def _square(matrix: pd.DataFrame) -> pd.DataFrame:
    """The square agreement matrix from a matrix or an unstacked pair table."""
    if {"member_a", "member_b", "value"} <= set(matrix.columns):
        if len(matrix.attrs.get("by", [])):
            raise ValueError(
                "blocs need one agreement matrix: compute agreement without by= "
                "(filter the data to one session first)"
            )
        ids = sorted(set(matrix["member_a"]) | set(matrix["member_b"]))
        square = pd.DataFrame(np.nan, index=ids, columns=ids)
        a = square.index.get_indexer(pd.Index(matrix["member_a"]))
        b = square.columns.get_indexer(pd.Index(matrix["member_b"]))
        values = square.to_numpy(copy=True)
        values[a, b] = values[b, a] = matrix["value"].to_numpy(dtype="float64")
        np.fill_diagonal(values, 1.0)
        return pd.DataFrame(values, index=ids, columns=ids)
    if matrix.shape[0] != matrix.shape[1] or not matrix.index.equals(matrix.columns):
        raise ValueError(
            "an agreement matrix must be square with the same members on "
            "both axes (agreement(..., matrix=True))"
        )
    return matrix.astype("float64")


def _complete(square: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Drop members, most gaps first, until no pair is missing; return what was dropped."""
    values = square.to_numpy()
    keep = np.ones(len(square), dtype=bool)
    dropped = []
    while keep.any():
        gaps = np.isnan(values[np.ix_(keep, keep)]).sum(axis=1)
        if gaps.max() == 0:
            break
        worst = np.flatnonzero(keep)[int(gaps.argmax())]
        keep[worst] = False
        dropped.append(str(square.index[worst]))
    return square.iloc[keep, keep], dropped


def linkage(matrix: pd.DataFrame, *, method: Method = "average") -> tuple[np.ndarray, pd.Index]:
    """scipy linkage of a complete agreement matrix on distance ``1 − agreement``.

    Returns the linkage array and the members in the matrix's order.
    """
    from scipy.cluster import hierarchy
    from scipy.spatial.distance import squareform

    values = matrix.to_numpy(dtype="float64")
    distance = 1.0 - (values + values.T) / 2
    np.fill_diagonal(distance, 0.0)
    distance = np.clip(distance, 0.0, None)
    if len(matrix) < 2:
        return np.zeros((0, 4)), matrix.index
    return hierarchy.linkage(squareform(distance, checks=False), method=method), matrix.index


def _agreement_square(
    func: str, data: VoteDataset | pd.DataFrame, options: dict[str, Any]
) -> pd.DataFrame:
    """The square agreement matrix of ``data``: computed, or read from agreement()'s table."""
    if isinstance(data, pd.DataFrame) and "position" not in data.columns:
        return agreement_matrix(data)
    if isinstance(data, VoteDataset | pd.DataFrame):
        return agreement(data, matrix=True, **options)
    raise TypeError(
        f"{func}(): data must be a VoteDataset, positions, or an agreement table, "
        f"not {type(data).__name__}"
    )


def _check_cut(func: str, n_blocs: object, threshold: object, method: object) -> None:
    if n_blocs is not None and threshold is not None:
        raise ValueError(f"{func}(): give n_blocs or threshold, not both")
    if n_blocs is not None:
        check_min(func, "n_blocs", n_blocs, 1)
    if threshold is not None:
        check_type(func, "threshold", threshold, (int, float))
    check_choice(func, "method", method, get_args(Method))


def _cut(
    complete: pd.DataFrame, method: str, n_blocs: int | None, threshold: float | None
) -> tuple[pd.Index, np.ndarray, np.ndarray, np.ndarray]:
    """Cluster a complete matrix: members, bloc numbers (1 = largest), leaf order, tree."""
    tree, ids = linkage(complete, method=method)  # type: ignore[arg-type]
    if len(ids) == 1:
        labels = np.array([1])
        order = np.array([0])
    else:
        from scipy.cluster import hierarchy

        if threshold is not None:
            labels = hierarchy.fcluster(tree, t=threshold, criterion="distance")
        else:
            labels = hierarchy.fcluster(tree, t=n_blocs or 3, criterion="maxclust")
        order = np.argsort(hierarchy.leaves_list(tree))
    # Number blocs by size, largest first; ties by where they first appear in the tree.
    sizes = pd.Series(labels).value_counts()
    first = pd.Series(order).groupby(labels).min()
    ranked = sorted(sizes.index, key=lambda b: (-sizes[b], first[b]))
    renumber = {b: i + 1 for i, b in enumerate(ranked)}
    bloc = np.array([renumber[b] for b in labels], dtype=np.int64)
    return ids, bloc, order.astype(np.int64), tree


def blocs(
    data: VoteDataset | pd.DataFrame,
    *,
    n_blocs: int | None = None,
    threshold: float | None = None,
    method: Method = "average",
    measure: Measure = "percent",
    abstain: Abstain | None = None,
    absent: Absent = "exclude",
    min_votes: int = 10,
    members: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Group members into voting blocs by hierarchical clustering on agreement.

    Distance is ``1 − agreement``; scipy's ``linkage`` joins the closest members
    and groups first (``method``, average linkage by default), and the tree is cut
    into ``n_blocs`` blocs (3 when neither ``n_blocs`` nor ``threshold`` is given)
    or where the distance exceeds ``threshold``.

    Parameters
    ----------
    data
        A dataset or positions (agreement is computed with ``measure``,
        ``abstain``, ``absent``, ``min_votes``, ``members``, as for
        :func:`agreement`: ``abstain`` is ``"position"``, ``"exclude"`` or ``"no"``),
        or the output of :func:`agreement` without ``by`` (pair table or
        ``matrix=True``).
    n_blocs, threshold
        How to cut the tree; give at most one.
    method
        scipy linkage method: ``"average"``, ``"complete"``, ``"single"``,
        ``"weighted"`` or ``"ward"``.

    Returns
    -------
    DataFrame
        ``member_id``, ``bloc`` (1 = largest bloc) and ``order`` (position in the
        dendrogram's leaf order, for ordering charts). Members lacking enough
        common votes with others are dropped before clustering (most gaps first)
        and listed in ``attrs["dropped"]``; ``attrs`` also records the options.

    Examples
    --------
    >>> import pandas as pd
    >>> pos = pd.DataFrame({"vote_id": [f"v{i}" for i in range(4) for _ in range(4)],
    ...                     "member_id": ["A", "B", "C", "D"] * 4,
    ...                     "position": ["yes", "yes", "no", "no"] * 4})
    >>> blocs(pos, n_blocs=2, min_votes=1)[["member_id", "bloc"]].to_dict("list")
    {'member_id': ['A', 'B', 'C', 'D'], 'bloc': [1, 1, 2, 2]}
    """
    _check_cut("blocs", n_blocs, threshold, method)
    options: dict[str, Any] = {"measure": measure, "abstain": abstain, "absent": absent}
    options.update(min_votes=min_votes, members=members)
    square = _agreement_square("blocs", data, options)
    complete, dropped = _complete(square)
    if len(complete) == 0:
        raise VoteDataError(
            "no members share enough votes to be clustered (lower min_votes or choose more votes)"
        )
    ids, bloc, order, _ = _cut(complete, method, n_blocs, threshold)
    out = pd.DataFrame(
        {"member_id": pd.array([str(i) for i in ids], dtype="str"), "bloc": bloc, "order": order}
    )
    out.attrs = {
        **square.attrs,
        "method": method,
        "n_blocs": n_blocs,
        "threshold": threshold,
        "dropped": dropped,
    }
    return out


def agreement_order(
    data: VoteDataset | pd.DataFrame,
    *,
    method: Method = "average",
    n_blocs: int | None = None,
    threshold: float | None = None,
    measure: Measure = "percent",
    abstain: Abstain | None = None,
    absent: Absent = "exclude",
    min_votes: int = 10,
    members: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Every member in cluster order, with its bloc: the order of an agreement heatmap.

    Members are clustered as by :func:`blocs` and listed in the tree's leaf order,
    so members that vote alike sit next to each other; members without enough
    common votes with the others cannot be clustered and come last, with no bloc.

    Parameters
    ----------
    data, method, n_blocs, threshold, measure, abstain, absent, min_votes, members
        As for :func:`blocs` (an :func:`agreement` table is accepted too).

    Returns
    -------
    DataFrame
        One row per member in order: ``member_id``, ``order`` (0, 1, …), ``bloc``
        (1 = largest; ``<NA>`` for members left unclustered) and ``clustered``.
        ``attrs`` records the agreement's options, ``method``, ``dropped`` and
        ``linkage`` (scipy's linkage array of the clustered members, for a
        dendrogram; ``None`` with fewer than two).

    Examples
    --------
    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"member_a": ["A", "A", "B"], "member_b": ["B", "C", "C"],
    ...                       "value": [0.1, 0.9, 0.2]})
    >>> agreement_order(pairs, n_blocs=2)[["member_id", "order", "bloc"]]
      member_id  order  bloc
    0         B      0     2
    1         A      1     1
    2         C      2     1
    """
    _check_cut("agreement_order", n_blocs, threshold, method)
    options: dict[str, Any] = {"measure": measure, "abstain": abstain, "absent": absent}
    options.update(min_votes=min_votes, members=members)
    square = _agreement_square("agreement_order", data, options)
    complete, dropped = _complete(square)
    ids: list[str] = []
    bloc: list[int] = []
    tree = None
    if len(complete):
        found, numbers, order, tree = _cut(complete, method, n_blocs, threshold)
        leaf = np.argsort(order)
        ids = [str(found[i]) for i in leaf]
        bloc = [int(numbers[i]) for i in leaf]
    out = pd.DataFrame(
        {
            "member_id": pd.array(ids + dropped, dtype="str"),
            "order": np.arange(len(ids) + len(dropped), dtype=np.int64),
            "bloc": pd.array(bloc + [None] * len(dropped), dtype="Int64"),
            "clustered": np.arange(len(ids) + len(dropped)) < len(ids),
        }
    )
    out.attrs = {
        **square.attrs,
        "method": method,
        "dropped": dropped,
        "linkage": tree if len(ids) > 1 else None,
    }
    return out
