"""Voting blocs: hierarchical clustering of members on how often they agree."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd

from ..dataset import VoteDataset
from ..errors import VoteDataError
from .agreement import Absent, Abstain, Measure, agreement

__all__ = ["blocs", "linkage"]

Method = Literal["average", "complete", "single", "weighted", "ward"]


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
        ``abstain``, ``absent``, ``min_votes``, ``members``), or the output of
        :func:`agreement` without ``by`` (pair table or ``matrix=True``).
    n_blocs, threshold
        How to cut the tree; give at most one.
    method
        scipy linkage method.

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
    if n_blocs is not None and threshold is not None:
        raise ValueError("give n_blocs or threshold, not both")
    if n_blocs is not None and n_blocs < 1:
        raise ValueError(f"n_blocs must be at least 1, not {n_blocs}")
    if isinstance(data, pd.DataFrame) and "position" not in data.columns:
        square = _square(data)
        attrs = dict(data.attrs)
    elif isinstance(data, VoteDataset | pd.DataFrame):
        table = agreement(
            data,
            measure=measure,
            abstain=abstain,
            absent=absent,
            min_votes=min_votes,
            members=members,
            matrix=True,
        )
        square, attrs = table, dict(table.attrs)
    else:
        raise TypeError(
            "data must be a VoteDataset, positions, or an agreement table, "
            f"not {type(data).__name__}"
        )
    complete, dropped = _complete(square)
    if len(complete) == 0:
        raise VoteDataError(
            "no members share enough votes to be clustered (lower min_votes or choose more votes)"
        )
    tree, ids = linkage(complete, method=method)
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
    out = pd.DataFrame(
        {
            "member_id": pd.array([str(i) for i in ids], dtype="str"),
            "bloc": np.array([renumber[b] for b in labels], dtype=np.int64),
            "order": order.astype(np.int64),
        }
    )
    out.attrs = {
        **attrs,
        "method": method,
        "n_blocs": n_blocs,
        "threshold": threshold,
        "dropped": dropped,
    }
    return out
