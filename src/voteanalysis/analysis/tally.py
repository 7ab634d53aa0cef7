"""Counting votes: published totals, named positions and what stays unattributed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from ..dataset import VoteDataset, by_date, require_dataset
from ..io.names import member_names
from ..schema import POSITION_DTYPE, TOTAL_COLUMNS

__all__ = [
    "member_history",
    "member_summary",
    "opposition",
    "opposition_order",
    "tally",
    "where_stood",
]

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
OPPOSITION_COLUMNS = [
    "vote_id",
    "body",
    "session",
    "date",
    "subject",
    "member_id",
    "member",
    "position",
    "known",
    "status",
]

#: What a cell says where no source names the member's position.
NOT_KNOWN = "not known"
#: What a cell says where the record shows the member did not sit on the body then.
NOT_A_MEMBER = "not a member"


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
    - ``margin``: yes − no; ``result``, ``seats`` and ``confidence`` as published;
    - for data holding UN Security Council votes, the Council's rule
      (:func:`voteanalysis.analysis.rules.security_council_rule`): ``votes_needed``,
      ``permanent_against``, ``council_rule`` and ``rule_agrees``.

    Examples
    --------
    >>> import voteanalysis as va
    >>> t = va.tally(va.load_dataset()).set_index("vote_id")
    >>> t.loc["ILO-GB355-BLR", ["yes", "no", "abstain", "named_no", "unattributed_no",
    ...                         "unattributed_abstain"]].tolist()
    [40, 2, 9, 2, 0, 9]
    """
    data = require_dataset(data, "tally")
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
    if (out["body"] == "UNSC").any():
        from .rules import security_council_rule

        out = security_council_rule(out, pos)
    return by_date(out)


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
        ``<NA>`` where no source names the member's position), ``known`` and
        ``status``: the position as text, ``"not known"``, or ``"not a member"``
        where the record shows the member did not sit on the body that year (the
        Human Rights Council and the Security Council, whose ``members`` tables
        list who is on the year's votes; a year with no list stays not known). A member
        named "no" and a member whose position is not known are never confused:
        the second has ``known == False``.
    """
    data = require_dataset(data, "opposition")
    pos = data.positions
    if members is None:
        chosen = pos.loc[pos["position"].isin(list(positions)), "member_id"]
        member_ids = list(dict.fromkeys(chosen))
    else:
        member_ids = list(dict.fromkeys(members))
    votes = by_date(data.votes[data.votes["kind"] != "election"])
    names = member_names(pos, usual=False)
    grid = pd.MultiIndex.from_product(
        [votes["vote_id"], member_ids], names=["vote_id", "member_id"]
    ).to_frame(index=False)
    grid = grid.merge(
        votes[["vote_id", "body", "session", "date", "subject"]], on="vote_id", how="left"
    )
    named = pos[["vote_id", "member_id", "position"]]
    grid = grid.merge(named, on=["vote_id", "member_id"], how="left")
    grid["position"] = grid["position"].astype(POSITION_DTYPE)
    # A member with no named position in the selection keeps its id as its name.
    ids = grid["member_id"].astype("str")
    grid["member"] = ids.map(names).astype("object").fillna(ids.astype("object")).astype("str")
    grid["known"] = grid["position"].notna()
    outside = _not_member(data, grid)
    status = grid["position"].astype("str").to_numpy(dtype=object)
    status[~grid["known"].to_numpy()] = NOT_KNOWN
    status[outside] = NOT_A_MEMBER
    grid["status"] = pd.array(status, dtype="str")
    return grid[OPPOSITION_COLUMNS]


#: Bodies whose ``members`` table lists, year by year, every member on their votes' lists.
_LISTED_BODIES = ("UNHRC", "UNSC")


def _not_member(data: VoteDataset, grid: pd.DataFrame) -> np.ndarray:
    """For each (vote_id, member_id) of ``grid`` with no named position: not a member then?

    The Human Rights Council's and the Security Council's ``members`` tables list, per
    calendar year, every state on the member lists of the year's votes. A state with no
    position on a vote of such a body, in a year whose list it is not on, did not sit. A
    state on the year's list stays not known even where one vote's list lacks it (a
    member that left during the year, or a list a source garbled); a year with no list,
    and every other body, stays not known.
    """
    out = np.zeros(len(grid), dtype=bool)
    votes = data.votes
    m = data.members
    if not len(grid) or not len(m) or not {"body", "term", "member_id"} <= set(m.columns):
        return out
    terms = m[m["body"].astype("str").isin(_LISTED_BODIES)]
    if not len(terms):
        return out
    sel = votes[votes["body"].astype("str").isin(_LISTED_BODIES)]
    vote_ids = pd.Index(sel["vote_id"].astype("str"))
    at = vote_ids.get_indexer(pd.Index(grid["vote_id"].astype("str")))
    rows = np.flatnonzero((at >= 0) & ~grid["known"].to_numpy(dtype=bool))
    if not len(rows):
        return out
    t_body = terms["body"].astype("str")
    t_term = terms["term"].astype("str")
    seated = set(t_body + "|" + t_term + "|" + terms["member_id"].astype("str"))
    listed_years = set(t_body + "|" + t_term)
    year_key = sel["body"].astype("str") + "|" + sel["date"].astype("str").str[:4]
    key = pd.Series(year_key.to_numpy(dtype=object)[at[rows]])
    member = pd.Series(grid["member_id"].astype("str").to_numpy(dtype=object)[rows])
    has_list = key.isin(listed_years).to_numpy()
    sits = (key + "|" + member).isin(seated).to_numpy()
    out[rows[has_list & ~sits]] = True
    return out


def member_history(data: VoteDataset, member: str) -> pd.DataFrame:
    """Every vote of the dataset with one member's position, or that it is not known.

    ``member`` is a member id (``"RUS"``) or a name as written in the sources.
    The ``position`` is ``<NA>`` and ``known`` is False where no source names it;
    ``status`` then says ``"not known"``, or ``"not a member"`` on a Human Rights
    Council or Security Council vote the member did not sit on (as the record's
    member lists show; see :func:`opposition`).

    Examples
    --------
    >>> import voteanalysis as va
    >>> h = va.member_history(va.load_dataset(), "CHN").set_index("vote_id")
    >>> str(h.loc["ILO-GB355-BLR", "position"])
    'no'
    """
    data = require_dataset(data, "member_history")
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


def where_stood(data: VoteDataset, members: str | Iterable[str]) -> pd.DataFrame:
    """Where some members stood: one row per vote of the dataset, one column per member.

    Parameters
    ----------
    data
        The dataset (filter it first to look at one body or subject).
    members
        Member ids (``"RUS"``) or names as the sources write them, in the order
        the columns should have.

    Returns
    -------
    DataFrame
        One row per vote that exists (elections excluded: they are ballots), by
        date: ``date``, ``vote_id``, ``body``, ``session``, ``subject``,
        ``document``, ``motion`` (what "yes" meant where it was not the text
        itself), then one column per member id with the position a source
        names, ``"not a member"`` where the record shows the member did not sit
        on the body then (Human Rights Council, Security Council), or
        ``"not known"``.

    Examples
    --------
    >>> import voteanalysis as va
    >>> t = va.where_stood(va.load_dataset(), ["RUS", "CHN"]).set_index("vote_id")
    >>> t.loc["ILO-GB355-BLR", ["RUS", "CHN"]].tolist()
    ['no', 'no']
    """
    wanted = [members] if isinstance(members, str) else list(members)
    if not wanted:
        raise ValueError("where_stood() needs at least one member id, e.g. ['RUS', 'CHN']")
    pos = data.positions
    ids = []
    for m in wanted:
        found = set(pos.loc[(pos["member_id"] == m) | (pos["member"] == m), "member_id"])
        ids.append(str(next(iter(found))) if len(found) == 1 else m)
    votes = by_date(data.votes[data.votes["kind"] != "election"])
    columns = ["date", "vote_id", "body", "session", "subject", "document", "motion"]
    out = votes[[c for c in columns if c in votes.columns]].reset_index(drop=True).copy()
    for c in columns:
        if c in out.columns:
            out[c] = out[c].astype("str")
    named = pos[pos["member_id"].isin(ids)]
    for member_id in dict.fromkeys(ids):
        mine = named[named["member_id"] == member_id]
        stood = dict(
            zip(mine["vote_id"].astype("str"), mine["position"].astype("str"), strict=True)
        )
        cells = pd.DataFrame(
            {"vote_id": out["vote_id"], "member_id": member_id, "known": out["vote_id"].isin(stood)}
        )
        outside = set(out["vote_id"][_not_member(data, cells)])
        out[member_id] = pd.array(
            [stood.get(v, NOT_A_MEMBER if v in outside else NOT_KNOWN) for v in out["vote_id"]],
            dtype="str",
        )
    return out


def member_summary(
    data: VoteDataset,
    *,
    members: Iterable[str] | None = None,
    positions: Iterable[str] = ("no", "abstain"),
) -> pd.DataFrame:
    """Per member: how many times a source names each position, and on how many votes it does not.

    Parameters
    ----------
    data
        The dataset.
    members, positions
        As in :func:`opposition`: by default every member named with one of
        ``positions`` somewhere.

    Returns
    -------
    DataFrame
        One row per member: ``member_id``, ``member`` (the usual English
        name, :func:`voteanalysis.io.names.usual_name`), one count column per
        position, ``not_known`` (votes on which no source names the member) and
        ``votes`` (the votes of the dataset); most "no", then most "abstain" first.

    Examples
    --------
    >>> import voteanalysis as va
    >>> s = va.member_summary(va.load_dataset()).set_index("member_id")
    >>> int(s.loc["CHN", "no"]) >= 1
    True
    """
    grid = opposition(data, members=members, positions=positions)
    names = member_names(data.positions)
    rows = []
    for member_id, cells in grid.groupby("member_id", sort=False):
        counts = cells["position"].astype("str").value_counts()
        shown = names.get(str(member_id), cells["member"].iloc[0])
        row: dict[str, object] = {"member_id": member_id, "member": shown}
        for p in POSITION_DTYPE.categories:
            row[p] = int(counts.get(p, 0))
        row["not_known"] = int((~cells["known"]).sum())
        row["votes"] = len(cells)
        rows.append(row)
    columns = ["member_id", "member", *POSITION_DTYPE.categories, "not_known", "votes"]
    out = pd.DataFrame(rows, columns=columns)
    out = out.sort_values(["no", "abstain", "member_id"], ascending=[False, False, True])
    return out.reset_index(drop=True)


def opposition_order(
    positions: pd.DataFrame,
    *,
    highlight: Iterable[str] = (),
    names: Mapping[str, str] | None = None,
) -> list[str]:
    """The rows of an opposition grid: highlighted members first, then the others by
    most "no", then most "abstain", then name.

    ``positions`` is a table with ``member_id`` and ``position`` (a dataset's
    positions or the :func:`opposition` grid, whose unknown cells count as neither).
    Highlighted members come first in the order given, even where they never opposed:
    that is the point of highlighting them. Members who never voted no or abstained
    follow the others when the table names them.

    >>> t = pd.DataFrame({"member_id": ["A", "B", "B", "C", "D"],
    ...                   "position": ["abstain", "no", "abstain", "no", "yes"]})
    >>> opposition_order(t)
    ['B', 'C', 'A', 'D']
    >>> opposition_order(t, highlight=["D"], names={"A": "Zed"})
    ['D', 'B', 'C', 'A']
    """
    first = list(dict.fromkeys(highlight))
    shown = dict(names or {})
    position = positions["position"].astype("str")
    ids = positions["member_id"].astype("str")
    counts = {
        m: (-int((p == "no").sum()), -int((p == "abstain").sum()))
        for m, p in position.groupby(ids, sort=False)
    }
    rest = sorted(
        (m for m in counts if m not in first), key=lambda m: (*counts[m], shown.get(m, m))
    )
    return [*first, *rest]
