"""Datasets of several bodies as one: the same member ids everywhere, votes side by side.

Every bundled dataset identifies members by ISO 3166-1 alpha-3 code (the Russian
Federation is ``RUS`` in the ILO, the IAEA Board, the General Assembly, the
Security Council and the Human Rights Council), so combining them is stacking
their tables: :func:`member_history`, :func:`opposition`, :func:`agreement` and
:func:`alignment` then run across bodies at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from ..dataset import VoteDataset
from ..errors import VoteDataError
from ..schema import CONFIDENCE, POSITION_DTYPE, POSITIONS, TABLES
from ._checks import by_list, year_of
from .tally import opposition

__all__ = ["COMPLETE_MEMBERSHIP", "about", "concat", "coverage"]

#: Bodies whose ``members`` table lists every member of every year (built from complete
#: member lists on each vote): a state absent from a year is not a member that year.
COMPLETE_MEMBERSHIP: tuple[str, ...] = ("UNSC", "UNHRC")

_ORDERED = {"position": POSITION_DTYPE}


def _missing(like: pd.Series, n: int) -> Any:
    if isinstance(like.dtype, pd.CategoricalDtype):
        return pd.Categorical([None] * n)
    if like.dtype == bool:
        return pd.array([None] * n, dtype="boolean")
    if isinstance(like.dtype, pd.api.extensions.ExtensionDtype):
        return pd.Series([None] * n, dtype=like.dtype).array
    return pd.array([None] * n, dtype=object)


def _column(parts: list[pd.Series | None], sizes: list[int], name: str) -> Any:
    like = next(p for p in parts if p is not None)
    if name == "position":
        codes = np.concatenate(
            [
                np.full(n, -1, dtype=np.int8)
                if p is None
                else pd.Categorical(p, dtype=POSITION_DTYPE).codes
                for p, n in zip(parts, sizes, strict=True)
            ]
        )
        return pd.Categorical.from_codes(codes, dtype=POSITION_DTYPE)
    if name == "confidence":
        values = [
            pd.Categorical([None] * n if p is None else p.astype(object), categories=CONFIDENCE)
            for p, n in zip(parts, sizes, strict=True)
        ]
        merged = union_categoricals(values)
        return pd.Categorical(merged, categories=list(CONFIDENCE), ordered=True)
    if any(p is not None and isinstance(p.dtype, pd.CategoricalDtype) for p in parts):
        cats = [
            pd.Categorical([None] * n, categories=pd.Index([], dtype="str"))
            if p is None
            else (
                p.array.rename_categories(p.cat.categories.astype("str"))
                if isinstance(p.dtype, pd.CategoricalDtype)
                else pd.Categorical(p.astype("str"))
            )
            for p, n in zip(parts, sizes, strict=True)
        ]
        return union_categoricals(cats, ignore_order=True)
    filled = [
        pd.Series(_missing(like, n)) if p is None else p.reset_index(drop=True)
        for p, n in zip(parts, sizes, strict=True)
    ]
    if like.dtype == bool:
        filled = [s.astype("boolean") for s in filled]
    return pd.concat(filled, ignore_index=True).array


def _stack(frames: list[pd.DataFrame], table: str) -> pd.DataFrame:
    schema = TABLES[table].columns
    columns = list(schema)
    for f in frames:
        columns += [c for c in f.columns if c not in columns]
    sizes = [len(f) for f in frames]
    present = [c for c in columns if any(c in f.columns for f in frames)]
    return pd.DataFrame(
        {c: _column([f[c] if c in f.columns else None for f in frames], sizes, c) for c in present}
    )


def concat(datasets: Sequence[VoteDataset], *, origin: str | None = None) -> VoteDataset:
    """Combine datasets of several bodies into one.

    Parameters
    ----------
    datasets
        Two or more datasets, e.g. ``[va.load_dataset(), va.load_dataset("unga"),
        va.load_dataset("unsc"), va.load_dataset("hrc")]``. Their votes must not
        share a ``vote_id``.
    origin
        What to call the result in captions; by default the parts' origins joined.

    Returns
    -------
    VoteDataset
        Every table stacked; columns one dataset lacks are empty for its rows.
        ``votes`` gets a ``year`` column (from the date) where a part lacks one.
        Text columns that are categoricals in a part stay categoricals, so a
        combination with the General Assembly record stays small.

    Raises
    ------
    TypeError
        If an item is not a :class:`VoteDataset`.
    ValueError
        If fewer than one dataset is given.
    VoteDataError
        If two datasets hold the same ``vote_id``.

    Examples
    --------
    >>> import voteanalysis as va
    >>> both = va.concat([va.load_dataset(), va.load_dataset("hrc")])
    >>> sorted(set(both.votes["body"]))
    ['IAEA-BoG', 'ILO-GB', 'ILO-ILC', 'ILO-ILC-COMMITTEE', 'UNHRC']
    """
    if isinstance(datasets, VoteDataset) or not isinstance(datasets, Sequence):
        raise TypeError("concat() needs a list of VoteDataset objects, e.g. [a, b]")
    for i, d in enumerate(datasets):
        if not isinstance(d, VoteDataset):
            raise TypeError(f"item {i} is a {type(d).__name__}, not a VoteDataset")
    if not datasets:
        raise ValueError("concat() needs at least one dataset")
    seen: dict[str, str] = {}
    for d in datasets:
        ids = pd.Index(d.votes["vote_id"].astype(str))
        clash = ids[ids.isin(list(seen))] if seen else ids[:0]
        if len(clash):
            raise VoteDataError.at(
                d.origin or None,
                column="vote_id",
                found=clash[0],
                expected=f"vote ids not already in {seen[clash[0]]!r} (each vote in one dataset)",
            )
        seen.update(dict.fromkeys(ids, d.origin or "another dataset"))
    tables: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        frames = []
        for d in datasets:
            frame: pd.DataFrame = getattr(d, name)
            if name == "votes" and "year" not in frame.columns:
                frame = frame.assign(year=year_of(frame["date"]))
            if len(frame.columns):
                frames.append(frame)
        tables[name] = _stack(frames, name) if frames else pd.DataFrame()
    label = origin if origin is not None else " + ".join(d.origin for d in datasets if d.origin)
    return VoteDataset(**tables, origin=label)


def about(data: VoteDataset, *words: str) -> VoteDataset:
    """Votes whose subject, title or document mentions any of ``words`` (any case).

    A plain text search, for following a country or topic across bodies whose
    records word subjects differently: ``about(data, "Ukraine", "Russian
    aggression")``. Check what it finds: a title can mention a country in passing.

    Examples
    --------
    >>> import voteanalysis as va
    >>> hrc = va.load_dataset("hrc")
    >>> "A/HRC/RES/49/1" in set(va.about(hrc, "ukraine").votes["vote_id"])
    True
    """
    if not isinstance(data, VoteDataset):
        raise TypeError(f"about() needs a VoteDataset, not {type(data).__name__}")
    if not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise ValueError("about() needs one or more non-empty words, e.g. 'Ukraine'")
    votes = data.votes
    hit = np.zeros(len(votes), dtype=bool)
    for column in ("subject", "title", "document"):
        if column not in votes.columns:
            continue
        text = votes[column].astype("str").fillna("").str.lower()
        for w in words:
            hit |= text.str.contains(w.strip().lower(), regex=False).to_numpy(dtype=bool)
    return data.filter(vote_id=list(votes.loc[hit, "vote_id"].astype(str)))


def coverage(
    data: VoteDataset,
    *,
    members: Sequence[str],
    by: str | Sequence[str] | None = "body",
    complete_membership: Sequence[str] = COMPLETE_MEMBERSHIP,
) -> pd.DataFrame:
    """What is known and what is not: per group of votes and member, positions named or not.

    Parameters
    ----------
    data
        A dataset, e.g. several bodies combined with :func:`concat`.
    members
        Member ids, e.g. ``["RUS", "CHN"]``.
    by
        The vote column(s) the votes are grouped by: ``"body"`` (default), or e.g.
        ``["body", "year"]``; ``None``: all votes together.
    complete_membership
        Bodies whose ``members`` table is complete per year (``term`` a year): there a
        member with no position in a year it does not sit is counted ``not_member``,
        not ``not_known``. Elsewhere a missing position is simply not known.

    Returns
    -------
    DataFrame
        The ``by`` columns, ``member_id``, ``votes`` (votes in the group), one column
        per position (how many the sources name), ``not_member``, ``not_known`` and
        ``share_known`` (named positions over the votes the member could cast).

    Examples
    --------
    >>> import voteanalysis as va
    >>> c = va.coverage(va.load_dataset("hrc"), members=["RUS"]).iloc[0]
    >>> int(c["votes"]), int(c["not_member"]), int(c["not_known"])
    (974, 420, 61)
    """
    if not isinstance(data, VoteDataset):
        raise TypeError(f"coverage() needs a VoteDataset, not {type(data).__name__}")
    if isinstance(members, str) or not len(members):
        raise TypeError("members must be a list of member ids, e.g. ['RUS', 'CHN']")
    if isinstance(complete_membership, str):
        raise TypeError(
            "coverage(): complete_membership must be a list of body codes such as "
            "['UNSC', 'UNHRC'], not str"
        )
    keys = by_list("coverage", by)
    votes = data.votes
    if "year" not in votes.columns:
        votes = votes.assign(year=year_of(votes["date"]))
    bad = [k for k in keys if k not in votes.columns]
    if bad:
        raise ValueError(
            f"by must name vote columns (e.g. 'body', 'year', 'session'); not {bad[0]!r}"
        )
    grid = opposition(data, members=list(members))
    extra = [k for k in keys if k not in grid.columns]
    info = votes[["vote_id", *dict.fromkeys([*extra, "year", "body"])]]
    info = info.loc[:, ~info.columns.duplicated()].astype({"vote_id": "str"})
    grid = grid.drop(columns=[c for c in ("year",) if c in grid.columns]).merge(
        info.drop(columns=[c for c in ("body",) if c in grid.columns]), on="vote_id", how="left"
    )
    complete = grid["body"].isin(list(complete_membership))
    seated = _seated(grid, data.members, complete_membership, complete)
    not_member = complete & ~seated & ~grid["known"]
    grid = grid.assign(_not_member=not_member, _not_known=~grid["known"] & ~not_member, _one=1)
    return _tally_coverage(grid, keys)


def _seated(
    grid: pd.DataFrame,
    members: pd.DataFrame,
    complete_membership: Sequence[str],
    complete: pd.Series,
) -> pd.Series:
    """Whether each row's member sat in its body that year (bodies with complete lists)."""
    if not (len(members) and complete.any()):
        return pd.Series(False, index=grid.index)
    terms = members[members["body"].isin(list(complete_membership))]
    pairs = set(
        zip(
            terms["body"].astype(str),
            terms["term"].astype(str),
            terms["member_id"].astype(str),
            strict=True,
        )
    )
    return pd.Series(
        [
            (b, str(y), mid) in pairs
            for b, y, mid in zip(grid["body"], grid["year"], grid["member_id"], strict=True)
        ],
        index=grid.index,
    )


def _tally_coverage(grid: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per group and member: votes, each position named, not_member, not_known, share_known."""
    for p in POSITIONS:
        grid[p] = (grid["position"] == p).fillna(False).astype("int64")
    out = (
        grid.groupby([*keys, "member_id"], dropna=False, sort=True)
        .agg(
            votes=("_one", "sum"),
            **{p: (p, "sum") for p in POSITIONS},
            not_member=("_not_member", "sum"),
            not_known=("_not_known", "sum"),
        )
        .reset_index()
    )
    named = out[list(POSITIONS)].sum(axis=1)
    could = out["votes"] - out["not_member"]
    out["share_known"] = (named / could.where(could > 0)).astype("float64")
    return out
