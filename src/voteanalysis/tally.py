"""Counting votes: published totals, named positions and what stays unattributed."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .dataset import VoteDataset, _require_dataset
from .schema import POSITION_DTYPE, TOTAL_COLUMNS

__all__ = ["member_history", "opposition", "tally"]

_VOTE_COLUMNS = [
    "vote_id",
    "body",
    "session",
    "date",
    "title",
    "subject",
    "kind",
    "motion",
    "method",
    "result",
    "seats",
    "voter_unit",
    "confidence",
]
# The columns of opposition(), in order; oppositionplot() checks a frame it is given against them.
_OPPOSITION_COLUMNS = [
    "vote_id",
    "body",
    "session",
    "date",
    "subject",
    "member_id",
    "member",
    "position",
    "known",
]


def tally(data: VoteDataset) -> pd.DataFrame:
    """Per vote: published totals, named counts, unattributed remainders, margin.

    Returns one row per vote (elections excluded: their ballots are in
    ``data.elections``), ordered by date, with columns

    - ``yes``, ``no``, ``abstain``, ``not_voting``: published totals (``<NA>`` when
      not published);
    - ``named_<position>`` for every position: how many members a source names;
    - ``unattributed_<total>``: published total minus the named members (``<NA>``
      when no total is published); ``named_absent`` counts toward ``not_voting``;
    - ``cast``: yes + no + abstain when all three are published;
    - ``margin``: yes − no; ``result``, ``seats`` and ``confidence`` as published.

    Examples
    --------
    >>> import voteanalysis as va
    >>> t = va.tally(va.load_dataset()).set_index("vote_id")
    >>> t.loc["ILO-GB355-BLR", ["yes", "no", "abstain", "named_no", "unattributed_no",
    ...                         "unattributed_abstain"]].tolist()
    [40, 2, 9, 2, 0, 9]
    """
    data = _require_dataset(data, "tally")
    votes = data.votes[data.votes["kind"] != "election"]
    out = votes[[c for c in _VOTE_COLUMNS if c in votes.columns]].copy()
    for c in TOTAL_COLUMNS:
        out[c] = votes[c].astype("Int64")
    pos = data.positions
    counts = (
        pd.crosstab(pos["vote_id"], pos["position"].astype(POSITION_DTYPE), dropna=False)
        if len(pos)
        else pd.DataFrame(columns=list(POSITION_DTYPE.categories))
    )
    counts = counts.reindex(columns=list(POSITION_DTYPE.categories), fill_value=0)
    for p in POSITION_DTYPE.categories:
        out[f"named_{p}"] = (
            out["vote_id"].map(counts[p]).fillna(0).astype("int64") if len(counts) else 0
        )
    for c in TOTAL_COLUMNS:
        named = out[f"named_{c}"]
        if c == "not_voting":
            named = named + out["named_absent"]
        out[f"unattributed_{c}"] = (out[c] - named).astype("Int64")
    out["cast"] = (out["yes"] + out["no"] + out["abstain"]).astype("Int64")
    out["margin"] = (out["yes"] - out["no"]).astype("Int64")
    return _by_date(out)


def _by_date(df: pd.DataFrame) -> pd.DataFrame:
    order = df["date"].fillna("9999")
    return (
        df.assign(_order=order)
        .sort_values(["_order", "vote_id"])
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def opposition(
    data: VoteDataset,
    *,
    members: Iterable[str] | None = None,
    positions: Iterable[str] = ("no", "abstain"),
) -> pd.DataFrame:
    """Members × votes: every named position, and every unknown cell said to be unknown.

    Parameters
    ----------
    data
        The dataset.
    members
        Member ids to show. Default: every member named with one of ``positions``
        on any vote (the members who voted against or abstained somewhere).
    positions
        Which positions select the default members.

    Returns
    -------
    DataFrame
        One row per (vote, member): ``vote_id``, ``body``, ``session``, ``date``,
        ``subject``, ``member_id``, ``member``, ``position`` (ordered categorical,
        ``<NA>`` where no source names the member's position) and ``known``.
        A member named "no" and a member whose position is not known are never
        confused: the second has ``known == False``.
    """
    data = _require_dataset(data, "opposition")
    pos = data.positions
    if members is None:
        chosen = pos.loc[pos["position"].isin(list(positions)), "member_id"]
        member_ids = list(dict.fromkeys(chosen))
    else:
        member_ids = list(dict.fromkeys(members))
    votes = _by_date(data.votes[data.votes["kind"] != "election"])
    names = _usual_names(pos)
    grid = pd.MultiIndex.from_product(
        [votes["vote_id"], member_ids], names=["vote_id", "member_id"]
    ).to_frame(index=False)
    grid = grid.merge(
        votes[["vote_id", "body", "session", "date", "subject"]], on="vote_id", how="left"
    )
    named = pos[["vote_id", "member_id", "position"]]
    grid = grid.merge(named, on=["vote_id", "member_id"], how="left")
    grid["position"] = grid["position"].astype(POSITION_DTYPE)
    grid["member"] = grid["member_id"].map(names).fillna(grid["member_id"])
    grid["known"] = grid["position"].notna()
    return grid[_OPPOSITION_COLUMNS]


def _usual_names(positions: pd.DataFrame) -> pd.Series:
    """Each member's most frequent spelling in the sources (ties: first seen)."""
    if not len(positions):
        return pd.Series(dtype="str")
    counts = positions.groupby(["member_id", "member"], sort=False).size()
    counts = counts.sort_values(ascending=False, kind="stable")
    return counts.reset_index().drop_duplicates("member_id").set_index("member_id")["member"]


def member_history(data: VoteDataset, member: str) -> pd.DataFrame:
    """Every vote of the dataset with one member's position, or that it is not known.

    ``member`` is a member id (``"RUS"``) or a name as written in the sources.
    The ``position`` is ``<NA>`` and ``known`` is False where no source names it.

    Examples
    --------
    >>> import voteanalysis as va
    >>> h = va.member_history(va.load_dataset(), "CHN").set_index("vote_id")
    >>> str(h.loc["ILO-GB355-BLR", "position"])
    'no'
    """
    data = _require_dataset(data, "member_history")
    if not isinstance(member, str):
        raise TypeError(
            f"member must be a member id such as 'RUS' (str), not {type(member).__name__}"
        )
    pos = data.positions
    ids = set(pos.loc[(pos["member_id"] == member) | (pos["member"] == member), "member_id"])
    member_id = next(iter(ids)) if len(ids) == 1 else member
    return (
        opposition(data, members=[member_id])
        .drop(columns=["member_id"])
        .assign(member_id=member_id)
    )
