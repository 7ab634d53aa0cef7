"""Cohesion of groups and voting with the majority.

Indices of how united a group voted on one vote, from its counts of yes (Y),
no (N) and abstain (A), n = Y + N + A:

- ``rice``: Rice index ``|Y − N| / (Y + N)`` (abstentions ignored), 0 to 1.
- ``attina``: Attinà index ``100 · (max − (n − max)) / n``, where ``max`` is the
  largest of Y, N, A; −33.3 (even three-way split) to 100.
- ``agreement``: the agreement index of Hix, Noury and Roland (2005),
  ``(max − (n − max) / 2) / n``, 0 (even three-way split) to 1.
- ``entropy``: Shannon entropy of the shares of Y, N and A in bits, 0 (all
  alike) to log2(3) ≈ 1.585 (even split); larger means less cohesive.

Votes of kind ``election`` (ballots for candidates) are never used.
Groups are a column of the positions (``"constituency"``), a mapping or a tidy
table from member id to group (regional groups), or a table of blocs with
dates (``member_id, group, start, end``: a member counts in a bloc for votes on
or after ``start`` and on or before ``end``; empty means open).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any, Literal, get_args

import numpy as np
import pandas as pd

from ..arguments import check_choice
from ..dataset import VoteDataset
from ..errors import VoteDataError
from ..schema import POSITION_DTYPE
from ._checks import by_list, check_counting, check_min, recode, split, year_of

__all__ = ["cohesion", "majority_share", "with_majority", "yes_share"]

Abstain = Literal["position", "exclude"]
Absent = Literal["exclude", "abstain"]
Groups = str | Mapping[str, str] | pd.Series | pd.DataFrame
Against = Literal["majority", "group", "result"]

_COUNTED = ("yes", "no", "abstain")
_COUNTED_DTYPE = pd.CategoricalDtype(list(_COUNTED), ordered=True)
_INDICES = ("rice", "attina", "agreement", "entropy")


def _frames(
    func: str, data: VoteDataset | pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Positions (without election ballots) and votes (``None`` for a positions frame)."""
    positions, votes = split(func, data)
    if votes is not None and "kind" in votes.columns:
        # An election ballot is not a vote for or against a text.
        ballots = votes.loc[votes["kind"] == "election", "vote_id"]
        if len(ballots):
            positions = positions[~positions["vote_id"].isin(ballots).to_numpy()]
    return positions, votes


def _counted(positions: pd.DataFrame, abstain: str, absent: str) -> pd.DataFrame:
    """Positions that count, recoded to yes / no / abstain (an ordered categorical)."""
    pos = positions["position"]
    if not isinstance(pos.dtype, pd.CategoricalDtype) or pos.dtype != POSITION_DTYPE:
        pos = pos.astype("str").astype(POSITION_DTYPE)
    codes = recode(abstain, absent)[pos.cat.codes.to_numpy()]
    kept = codes >= 0
    out = positions.loc[kept].copy()
    out["position"] = pd.Categorical.from_codes(codes[kept], dtype=_COUNTED_DTYPE)
    return out


def _vote_rows(unique: pd.DataFrame, positions: pd.DataFrame) -> np.ndarray:
    """Row of ``unique`` (one row per vote) for each position; -1 if the vote is missing."""
    ids = pd.Index(unique["vote_id"].astype("str"))
    vote_id = positions["vote_id"]
    if isinstance(vote_id.dtype, pd.CategoricalDtype):
        lookup = ids.get_indexer(pd.Index(vote_id.cat.categories.astype("str")))
        return np.append(lookup, -1)[vote_id.cat.codes.to_numpy()]
    return np.asarray(ids.get_indexer(pd.Index(vote_id.astype("str"))))


def _vote_column(votes: pd.DataFrame | None, positions: pd.DataFrame, column: str) -> pd.Series:
    """A votes column aligned to ``positions`` rows (``year`` read from ``date``)."""
    if column in positions.columns:
        return positions[column]
    if column == "year" and votes is None and "date" in positions.columns:
        return year_of(positions["date"])
    if votes is not None:
        unique = votes.drop_duplicates("vote_id").reset_index(drop=True)
        values = None
        if column in unique.columns:
            values = unique[column]
        elif column == "year" and "date" in unique.columns:
            values = year_of(unique["date"])
        if values is not None:
            taken = values.array.take(_vote_rows(unique, positions), allow_fill=True)
            return pd.Series(taken, index=positions.index, name=column)
    raise VoteDataError.at(
        None,
        column=column,
        found=f"no column '{column}'",
        expected="a column of the votes or positions table (or 'year', read from 'date')",
    )


def _factorize(values: pd.Series, *, sort: bool = False) -> tuple[np.ndarray, pd.Index]:
    """Integer codes and the distinct values as text (fast for categoricals)."""
    codes, uniques = pd.factorize(values, sort=sort)
    return np.asarray(codes, dtype=np.int64), pd.Index([str(u) for u in uniques], dtype="str")


def _group_table(func: str, groups: Groups) -> pd.DataFrame:
    """``groups`` as a table: member_id, group (and start, end when given)."""
    if isinstance(groups, Mapping):
        return pd.DataFrame({"member_id": list(groups), "group": list(groups.values())})
    if isinstance(groups, pd.Series):
        return pd.DataFrame({"member_id": groups.index.astype("str"), "group": groups.to_numpy()})
    if isinstance(groups, pd.DataFrame):
        table = groups
        if "member_id" not in table.columns and "iso3" in table.columns:
            table = table.rename(columns={"iso3": "member_id"})
        for column in ("member_id", "group"):
            if column not in table.columns:
                raise VoteDataError.at(
                    None,
                    column=column,
                    found="no such column in groups",
                    expected="a groups table with member_id and group (and optionally start, end)",
                )
        return table
    raise TypeError(
        f"{func}(): groups must be a positions column name, a mapping or Series from member_id "
        f"to group, or a DataFrame with member_id and group; not {type(groups).__name__}"
    )


def _membership(
    func: str, groups: Groups, positions: pd.DataFrame, votes: pd.DataFrame | None
) -> pd.DataFrame:
    """Positions with a ``group`` column; one row per (position, group) it belongs to."""
    if isinstance(groups, str):
        if groups not in positions.columns:
            raise VoteDataError.at(
                None,
                column=groups,
                found="no such column in positions",
                expected="a positions column such as 'constituency', or a member_id → group table",
            )
        out = positions[positions[groups].notna().to_numpy()]
        return out.assign(group=out[groups].astype("str").to_numpy())
    table = _group_table(func, groups)
    dated = [c for c in ("start", "end") if c in table.columns]
    table = table[["member_id", "group", *dated]].dropna(subset=["member_id", "group"])
    table = table.astype({"member_id": "str", "group": "str"})
    # Join on integer member codes: far cheaper than on 870k strings.
    member_code, member_ids = pd.factorize(positions["member_id"])
    table = table.assign(
        _member=pd.Index(member_ids.astype("str")).get_indexer(pd.Index(table["member_id"]))
    )
    table = table[table["_member"] >= 0]
    rows = pd.DataFrame({"_member": member_code, "_row": np.arange(len(positions))})
    if dated:
        date = _vote_column(votes, positions, "date")
        rows["_date"] = pd.to_datetime(date, format="ISO8601", errors="coerce").to_numpy()
    joined = rows.merge(table.drop(columns="member_id"), on="_member", how="inner")
    if dated:
        keep = np.array(joined["_date"].notna(), dtype=bool)
        when = joined["_date"]
        if "start" in dated:
            start = pd.to_datetime(joined["start"], format="ISO8601", errors="coerce")
            keep &= (start.isna() | (when >= start)).to_numpy()
        if "end" in dated:
            end = pd.to_datetime(joined["end"], format="ISO8601", errors="coerce")
            keep &= (end.isna() | (when <= end)).to_numpy()
        joined = joined[keep]
    joined = joined.sort_values("_row", kind="stable")
    out = positions.iloc[joined["_row"].to_numpy()].reset_index(drop=True)
    return out.assign(group=joined["group"].to_numpy())


def _indices(y: np.ndarray, n_: np.ndarray, a: np.ndarray) -> dict[str, np.ndarray]:
    counts = np.stack([y, n_, a]).astype(np.float64)
    total = counts.sum(axis=0)
    top = counts.max(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = counts / total
        logs = np.where(shares > 0, np.log2(np.where(shares > 0, shares, 1)), 0.0)
        return {
            "rice": np.abs(y - n_) / (y + n_),
            "attina": 100 * (top - (total - top)) / total,
            "agreement": (top - (total - top) / 2) / total,
            "entropy": np.where(total > 0, -(shares * logs).sum(axis=0), np.nan) + 0.0,
        }


def cohesion(
    data: VoteDataset | pd.DataFrame,
    *,
    groups: Groups,
    by: str | Sequence[str] | None = "vote_id",
    abstain: Abstain = "position",
    absent: Absent = "exclude",
    min_members: int = 2,
) -> pd.DataFrame:
    """How united each group voted: Rice, Attinà, Hix–Noury–Roland agreement, entropy.

    Parameters
    ----------
    data
        A :class:`VoteDataset` or a positions DataFrame.
    groups
        A positions column (``"constituency"``); a mapping or Series from member
        id to group; or a DataFrame with ``member_id`` (or ``iso3``) and ``group``,
        optionally ``start`` and ``end`` dates of membership. A member may be in
        several groups.
    by
        The vote column(s) the result is grouped by: ``"vote_id"`` (default) gives one
        row per vote and group; any other (``"session"``, ``"year"`` read from
        ``date``, ``["body", "session"]`` …) the indices averaged over the votes of
        each group of ``by``, with ``n_votes``; ``None``: all votes together.
    abstain
        ``"position"`` (a third option, default) or ``"exclude"`` (only yes and no count).
    absent
        ``"exclude"`` (default) or ``"abstain"`` (absent and not voting count as
        abstaining).
    min_members
        Votes on which fewer members of the group took part get NaN indices.

    Returns
    -------
    DataFrame
        Per vote: ``vote_id``, ``group``, ``yes``, ``no``, ``abstain``, ``members``
        (how many took part) and the four indices. Aggregated: the ``by`` columns,
        ``group``, ``n_votes`` and the mean of each index. ``attrs`` records the options.

    Examples
    --------
    >>> import pandas as pd
    >>> pos = pd.DataFrame({"vote_id": ["v"] * 10, "member_id": list("abcdefghij"),
    ...                     "position": ["yes"] * 6 + ["no"] * 4, "bloc": ["B"] * 10})
    >>> cohesion(pos, groups="bloc")[["yes", "no", "rice", "attina", "agreement"]]
       yes  no  rice  attina  agreement
    0    6   4   0.2    20.0        0.4
    """
    by_ = None if by == "vote_id" else by_list("cohesion", by)
    check_counting("cohesion", abstain, absent, get_args(Abstain))
    check_min("cohesion", "min_members", min_members, 0)
    positions, votes = _frames("cohesion", data)
    counted = _counted(positions, abstain, absent)
    out = _per_vote(_membership("cohesion", groups, counted, votes), min_members)
    attrs: dict[Hashable | None, Any] = {
        "abstain": abstain,
        "absent": absent,
        "min_members": min_members,
        "by": by,
        "indices": list(_INDICES),
    }
    if by_ is not None:
        out = _summary(out, counted, votes, by_)
    out.attrs = attrs
    return out


def _per_vote(member: pd.DataFrame, min_members: int) -> pd.DataFrame:
    """One row per vote and group: the counts and the four indices."""
    vote_code, vote_ids = _factorize(member["vote_id"])
    group_code, group_names = _factorize(member["group"], sort=True)
    width = max(len(group_names), 1)
    pair = vote_code.astype(np.int64) * width + group_code
    pairs, codes = np.unique(pair, return_inverse=True)  # votes in order met, groups sorted
    table = pd.DataFrame(
        {
            "vote_id": pd.Series(vote_ids.take(pairs // width), dtype="str"),
            "group": pd.Series(group_names.take(pairs % width), dtype="str"),
        }
    )
    counts = np.zeros((len(table), 3), dtype=np.int64)
    np.add.at(counts, (codes, member["position"].cat.codes.to_numpy()), 1)
    out = table.assign(yes=counts[:, 0], no=counts[:, 1], abstain=counts[:, 2])
    out["members"] = counts.sum(axis=1)
    values = _indices(counts[:, 0], counts[:, 1], counts[:, 2])
    few = out["members"].to_numpy() < min_members
    for name in _INDICES:
        out[name] = np.where(few, np.nan, values[name])
    return out


def _summary(
    out: pd.DataFrame, counted: pd.DataFrame, votes: pd.DataFrame | None, by: list[str]
) -> pd.DataFrame:
    """The per-vote indices averaged over the votes of each group of ``by`` and group."""
    per_vote = out.set_index("vote_id")
    one_per_vote = counted.drop_duplicates("vote_id")
    for column in by:
        values_by_vote = pd.Series(
            _vote_column(votes, one_per_vote, column).array,
            index=pd.Index(one_per_vote["vote_id"].astype("str").to_numpy()),
        )
        per_vote[column] = values_by_vote.reindex(per_vote.index).array
    return (
        per_vote.groupby([*by, "group"], observed=True, sort=True)
        .agg(
            n_votes=("rice", "size"),
            **{name: (name, "mean") for name in _INDICES},
        )
        .reset_index()
    )


def yes_share(
    data: VoteDataset | pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    abstain: Abstain = "position",
    absent: Absent = "exclude",
) -> pd.DataFrame:
    """Share of each member's counted votes that were yes, overall or per group of votes.

    With ``abstain="position"`` (default) abstentions are in the denominator, as
    in the ``unvotes`` README's ``mean(vote == "yes")``; ``"exclude"`` gives yes / (yes + no).

    Parameters
    ----------
    data
        A :class:`VoteDataset` or a positions DataFrame.
    by
        The vote column(s) the result is grouped by (``"session"``, ``"year"`` read
        from ``date`` …); ``None`` (default): all votes together.
    abstain, absent
        As for :func:`cohesion`: ``abstain`` is ``"position"`` or ``"exclude"``,
        ``absent`` ``"exclude"`` or ``"abstain"``.

    Returns
    -------
    DataFrame
        The ``by`` columns, ``member_id``, ``n_votes``, ``n_yes`` and ``value``.

    Examples
    --------
    >>> import pandas as pd
    >>> pos = pd.DataFrame({"vote_id": ["1", "2", "3"], "member_id": ["A"] * 3,
    ...                     "position": ["yes", "abstain", "no"]})
    >>> yes_share(pos)[["member_id", "n_votes", "n_yes"]].to_dict("records")
    [{'member_id': 'A', 'n_votes': 3, 'n_yes': 1}]
    """
    by_ = by_list("yes_share", by)
    check_counting("yes_share", abstain, absent, get_args(Abstain))
    positions, votes = _frames("yes_share", data)
    counted = _counted(positions, abstain, absent)
    frame = pd.DataFrame(
        {
            **{c: _vote_column(votes, counted, c).array for c in by_},
            "member_id": counted["member_id"].array,
            "yes": (counted["position"] == "yes").to_numpy(),
        }
    )
    out = (
        frame.groupby([*by_, "member_id"], observed=True, sort=True)["yes"]
        .agg(n_votes="size", n_yes="sum")
        .reset_index()
    )
    out["member_id"] = out["member_id"].astype("str")
    out["n_yes"] = out["n_yes"].astype("int64")
    out["value"] = out["n_yes"] / out["n_votes"]
    out.attrs = {"abstain": abstain, "absent": absent, "by": by_}
    return out


def _majority(codes: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Most common position per row of ``counts`` (n × 3); -1 on a tie for the top."""
    top = counts.max(axis=1)
    ties = (counts == top[:, None]).sum(axis=1) > 1
    winner = counts.argmax(axis=1)
    reference: np.ndarray = np.where(ties | (top == 0), -1, winner)[codes]
    return reference


def with_majority(
    data: VoteDataset | pd.DataFrame,
    *,
    against: Against = "majority",
    groups: Groups | None = None,
    abstain: Abstain = "position",
    absent: Absent = "exclude",
) -> pd.DataFrame:
    """Whether each member voted with the majority, its group's majority, or the result.

    Parameters
    ----------
    against
        ``"majority"``: the position most members took on the vote; ``"group"``: the
        position most members of the member's group took (``groups`` as for
        :func:`cohesion`; the member itself included); ``"result"``: yes where the
        votes table says ``adopted``, no where it says ``rejected`` (other votes
        have no reference). A tie for the most common position gives no reference.
    abstain, absent
        As for :func:`cohesion` (``abstain``: ``"position"`` or ``"exclude"``); with
        ``"position"`` an abstainer is with the majority only when most abstained.

    Returns
    -------
    DataFrame
        One row per counted position (per group with ``against="group"``):
        ``vote_id``, ``member_id``, (``group``), ``position``, ``reference`` (the
        majority or outcome, ``<NA>`` when there is none) and ``with_majority``
        (boolean, ``<NA>`` without a reference).
    """
    check_choice("with_majority", "against", against, get_args(Against))
    check_counting("with_majority", abstain, absent, get_args(Abstain))
    positions, votes = _frames("with_majority", data)
    counted = _counted(positions, abstain, absent)
    keep = ["vote_id", "member_id", "position"]
    if against == "group":
        if groups is None:
            raise TypeError("with_majority(): against='group' needs groups= (see cohesion)")
        frame = _membership("with_majority", groups, counted, votes)[[*keep, "group"]]
        vote_code = _factorize(frame["vote_id"])[0]
        group_code, group_names = _factorize(frame["group"])
        key = pd.factorize(vote_code * max(len(group_names), 1) + group_code)[0]
    else:
        frame = counted[keep].reset_index(drop=True)
        key = _factorize(frame["vote_id"])[0]
    codes = frame["position"].cat.codes.to_numpy()
    if against == "result":
        if votes is None or "result" not in votes.columns:
            raise VoteDataError.at(
                None,
                column="result",
                found="no result column",
                expected="a VoteDataset whose votes give a result",
            )
        unique = votes.drop_duplicates("vote_id").reset_index(drop=True)
        outcome = unique["result"].map({"adopted": 0, "rejected": 1}).fillna(-1).to_numpy()
        rows = _vote_rows(unique, frame)
        reference = np.where(rows >= 0, np.append(outcome, -1)[rows], -1).astype(np.int64)
    else:
        counts = np.zeros((int(key.max()) + 1 if len(key) else 0, 3), dtype=np.int64)
        np.add.at(counts, (key, codes), 1)
        reference = _majority(key, counts)
    out = frame.reset_index(drop=True).copy()
    out["member_id"] = out["member_id"].astype("str")
    out["reference"] = pd.Categorical.from_codes(reference, dtype=_COUNTED_DTYPE)
    out["with_majority"] = pd.array(
        np.where(reference >= 0, codes == reference, False), dtype="boolean"
    )
    out.loc[reference < 0, "with_majority"] = pd.NA
    out.attrs = {"against": against, "abstain": abstain, "absent": absent}
    return out


def majority_share(
    data: VoteDataset | pd.DataFrame,
    *,
    against: Against = "majority",
    groups: Groups | None = None,
    by: str | Sequence[str] | None = None,
    abstain: Abstain = "position",
    absent: Absent = "exclude",
) -> pd.DataFrame:
    """Share of each member's votes cast with the majority (see :func:`with_majority`).

    Parameters
    ----------
    data, against, groups, abstain, absent
        As for :func:`with_majority`.
    by
        The vote column(s) the result is grouped by (``"session"``, ``"year"`` read
        from ``date`` …); ``None`` (default): all votes together.

    Returns
    -------
    DataFrame
        The ``by`` columns, ``member_id`` (and ``group`` with ``against="group"``),
        ``n_votes`` (votes with a reference), ``n_with`` and ``value``.

    Examples
    --------
    >>> import pandas as pd
    >>> pos = pd.DataFrame({"vote_id": ["1"] * 3 + ["2"] * 3,
    ...                     "member_id": ["A", "B", "C"] * 2,
    ...                     "position": ["yes", "yes", "no", "no", "yes", "no"]})
    >>> majority_share(pos)[["member_id", "value"]].to_dict("list")
    {'member_id': ['A', 'B', 'C'], 'value': [1.0, 0.5, 0.5]}
    """
    flags = with_majority(data, against=against, groups=groups, abstain=abstain, absent=absent)
    by_ = by_list("majority_share", by)
    _, votes = _frames("majority_share", data)
    for column in by_:
        flags[column] = _vote_column(votes, flags, column).array
    flags = flags[flags["with_majority"].notna()]
    keys = [*by_, "member_id", *(["group"] if against == "group" else [])]
    out = (
        flags.groupby(keys, observed=True, sort=True)["with_majority"]
        .agg(n_votes="size", n_with="sum")
        .reset_index()
    )
    out["n_with"] = out["n_with"].astype("int64")
    out["value"] = out["n_with"] / out["n_votes"]
    attrs: dict[Hashable | None, Any] = dict(flags.attrs)
    attrs["by"] = by_
    out.attrs = attrs
    return out
