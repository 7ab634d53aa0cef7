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

from .dataset import VoteDataset
from .errors import VoteDataError
from .schema import CONFIDENCE, POSITION_DTYPE, TABLES

__all__ = ["about", "concat"]

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
                year = pd.to_numeric(frame["date"].astype("str").str[:4], errors="coerce")
                frame = frame.assign(year=year.astype("Int64"))
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
