"""One vote as seats: who sat where, how each seat voted and what says so.

The arithmetic behind :func:`~voteanalysis.hemicycleplot`, kept apart from the
drawing so that it can be read (and tested) as a table. Nothing here imports a
plotting library.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..arguments import check_choice, check_type
from ..dataset import VoteDataset, cell_text
from ..palette import POSITION_LABELS
from ..schema import POSITIONS, TOTAL_COLUMNS
from .tally import tally

__all__ = [
    "CONSTITUTION_SEATS",
    "SEAT_BASES",
    "SEAT_COLUMNS",
    "VotePart",
    "hemicycle_seats",
    "named_positions",
    "published_count",
    "vote_parts",
    "vote_row",
    "vote_seats",
]

#: Titular seats per constituency where a body's constitution fixes them
#: (ILO Constitution, article 7: 28 government, 14 employer, 14 worker members).
CONSTITUTION_SEATS: dict[str, tuple[tuple[str, int], ...]] = {
    "ILO-GB": (("government", 28), ("employer", 14), ("worker", 14)),
}

#: Columns of :func:`hemicycle_seats`.
SEAT_COLUMNS: tuple[str, ...] = (
    "vote_id",
    "block",
    "group",
    "seat",
    "member_id",
    "position",
    "basis",
)

#: What puts a position on a seat (or a vote beside the seats).
SEAT_BASES: tuple[str, ...] = ("named", "group tally", "published total", "not published")

#: A seat or a vote beside the seats: (position, basis, member id or "").
_Place = tuple[str | None, str, str]


def published_count(value: Any) -> int | None:
    """A published count, or None when the cell is empty (not published).

    Examples
    --------
    >>> published_count(40), published_count(pd.NA)
    (40, None)
    """
    return None if value is None or pd.isna(value) else int(value)


def named_positions(data: VoteDataset | pd.DataFrame) -> pd.DataFrame:
    """Named positions (vote_id, member_id, member, constituency, position as text).

    Empty for anything but a VoteDataset (a result table names no positions).

    Examples
    --------
    >>> import voteanalysis as va
    >>> named = named_positions(va.load_dataset())
    >>> sorted(named.loc[named["vote_id"] == "ILO-GB355-BLR", "member_id"])
    ['CHN', 'RUS']
    """
    columns = ["vote_id", "member_id", "member", "constituency", "position"]
    if isinstance(data, VoteDataset) and len(data.positions):
        pos = data.positions
        out = pos[[c for c in columns if c in pos.columns]].copy()
        out["position"] = out["position"].astype("str")
        return out
    return pd.DataFrame(columns=columns)


@dataclass(frozen=True)
class VotePart:
    """A run of votes of one position: ``basis`` is named, unattributed or not_known."""

    position: str | None
    basis: str
    count: int


def vote_parts(row: pd.Series) -> list[VotePart]:
    """Split one row of ``tally()`` into named, unattributed and not-known runs.

    Examples
    --------
    >>> import voteanalysis as va
    >>> t = va.tally(va.load_dataset()).set_index("vote_id", drop=False)
    >>> [(p.position, p.basis, p.count) for p in vote_parts(t.loc["ILO-GB355-BLR"])]
    [('yes', 'unattributed', 40), ('no', 'named', 2), ('abstain', 'unattributed', 9), (None, 'not_known', 5)]
    """  # noqa: E501
    parts: list[VotePart] = []
    for p in POSITIONS:
        n_named = int(row[f"named_{p}"])
        if n_named:
            parts.append(VotePart(p, "named", n_named))
        if p in TOTAL_COLUMNS:
            total = published_count(row[p])
            counted = n_named + (int(row.get("named_absent", 0)) if p == "not_voting" else 0)
            if total is not None and total > counted:
                parts.append(VotePart(p, "unattributed", total - counted))
    seats = published_count(row.get("seats"))
    drawn = sum(part.count for part in parts)
    if seats is not None and seats > drawn:
        parts.append(VotePart(None, "not_known", seats - drawn))
    return parts


def _seat_sizes(
    vote: pd.Series, members: pd.DataFrame, groups: pd.DataFrame, n: int
) -> tuple[dict[str, int], list[str]]:
    """Seats per group (``{"": n}`` when the vote is not split by group) and notes."""
    notes: list[str] = []
    constitution = dict(CONSTITUTION_SEATS.get(cell_text(vote["body"]), ()))
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
    if not sizes:
        return {"": n}, notes
    for c, k in members.groupby("constituency").size().items():
        if str(c) in sizes:
            sizes[str(c)] = max(sizes[str(c)], int(k))
    if sum(sizes.values()) < n:
        sizes["group not known"] = n - sum(sizes.values())
    return sizes, notes


def _place(
    sizes: dict[str, int],
    members: pd.DataFrame,
    groups: pd.DataFrame,
    parts: list[VotePart],
) -> tuple[dict[str, list[_Place]], list[_Place]]:
    """Seats per group with a position (named, then group tally), and the votes beside.

    Beside the seats go named members of no group drawn and what the published
    totals hold beyond the seats placed.
    """
    single = len(sizes) == 1
    placed: dict[str, list[_Place]] = {c: [] for c in sizes}
    outside: list[_Place] = []
    for p in POSITIONS:
        for _, m in members[members["position"] == p].iterrows():
            c = next(iter(sizes)) if single else cell_text(m.get("constituency"))
            placed.get(c, outside).append((p, "named", str(m["member_id"])))
    for c in sizes:
        if not (len(groups) and c):
            continue
        for p in POSITIONS:
            rows = groups[
                (groups["constituency"].astype("str") == c)
                & (groups["position"].astype("str") == p)
            ]
            count = int(rows["count"].sum())
            n_named = sum(1 for s in placed[c] if s[0] == p)
            placed[c] += [(p, "group tally", "")] * max(count - n_named, 0)
    for p in POSITIONS:
        total = sum(part.count for part in parts if part.position == p)
        on_seats = sum(1 for seats_ in placed.values() for s in seats_ if s[0] == p)
        on_seats += sum(1 for s in outside if s[0] == p)
        outside += [(p, "published total", "")] * max(total - on_seats, 0)
    return placed, outside


def _seat_frame(
    vote_id: str, sizes: dict[str, int], placed: dict[str, list[_Place]], outside: list[_Place]
) -> pd.DataFrame:
    """The placed seats in drawing order, open seats filled in, as a typed table."""
    rank = {p: i for i, p in enumerate(POSITIONS)}
    basis_rank = {b: i for i, b in enumerate(SEAT_BASES)}

    def order(s: _Place) -> tuple[int, int]:
        return rank.get(s[0] or "", 99), basis_rank[s[1]]

    rows_out: list[dict[str, Any]] = []
    for c, seats_c in placed.items():
        seats_c.sort(key=order)
        seats_c += [(None, "not published", "")] * max(sizes[c] - len(seats_c), 0)
        rows_out += [
            {"block": "seats", "group": c, "seat": i, "member_id": m, "position": p, "basis": b}
            for i, (p, b, m) in enumerate(seats_c, start=1)
        ]
    outside.sort(key=order)
    rows_out += [
        {"block": "beside", "group": "", "seat": i, "member_id": m, "position": p, "basis": b}
        for i, (p, b, m) in enumerate(outside, start=1)
    ]
    table = pd.DataFrame(rows_out, columns=list(SEAT_COLUMNS[1:]))
    table.insert(0, "vote_id", vote_id)
    table["seat"] = table["seat"].astype("int64")
    table["member_id"] = table["member_id"].replace("", pd.NA).astype("string")
    table["position"] = pd.Categorical(table["position"], categories=list(POSITIONS))
    table["basis"] = pd.Categorical(table["basis"], categories=list(SEAT_BASES))
    for column in ("block", "group"):
        table[column] = table[column].astype("string")
    return table


def _votes(n: int) -> str:
    return f"{n} vote" + ("" if n == 1 else "s")


def _beside_notes(table: pd.DataFrame, *, single: bool) -> list[str]:
    """What the notes say about the votes beside the seats and seats no total covers."""
    notes: list[str] = []
    open_seats = int(((table["block"] == "seats") & table["position"].isna()).sum())
    beside = table[table["block"] == "beside"]
    counted = len(beside)
    if counted and not single:
        notes.append(
            f"{_votes(counted)} in the published totals drawn beside the seats: "
            "the sources name neither the member nor the group that cast them."
        )
    elif counted:
        notes.append(
            f"{_votes(counted)} in the published totals drawn beside the seats: "
            "the sources do not name the members who cast them."
        )
    uncovered = open_seats - counted + int((beside["basis"] == "named").sum())
    if uncovered > 0:
        notes.append(f"{uncovered} seat(s): no published total covers them.")
    return notes


def _seat_table(
    data: VoteDataset, vote: pd.Series, named: pd.DataFrame
) -> tuple[pd.DataFrame, list[str]]:
    """The rows of :func:`hemicycle_seats` for one row of ``tally()``, and notes.

    ``named`` is :func:`named_positions` of ``data``. The notes say how the seats
    were placed (groups, totals drawn beside the seats, seats no total covers).
    """
    vote_id = str(vote["vote_id"])
    members = named[named["vote_id"] == vote_id]
    groups = data.group_tallies
    groups = groups[groups["vote_id"] == vote_id] if len(groups) else groups
    parts = vote_parts(vote)
    required = sum(p.count for p in parts if p.basis != "not_known")
    seats = published_count(vote.get("seats"))
    n = max(seats if seats is not None else 0, required)
    notes: list[str] = []
    if seats is None:
        notes.append(f"Number of seats not in the data: drawn as the {n} counted.")
    sizes, size_notes = _seat_sizes(vote, members, groups, n)
    notes += size_notes
    placed, outside = _place(sizes, members, groups, parts)
    table = _seat_frame(vote_id, sizes, placed, outside)
    return table, notes + _beside_notes(table, single=len(sizes) == 1)


def vote_row(data: VoteDataset, vote_id: str, func: str) -> pd.Series:
    """The row of ``tally(data)`` of one vote; a wrong id is a ValueError naming close ones.

    Examples
    --------
    >>> import voteanalysis as va
    >>> int(vote_row(va.load_dataset(), "ILO-GB355-BLR", "hemicycleplot")["yes"])
    40
    >>> vote_row(va.load_dataset(), "ILO-GB355", "hemicycleplot")
    Traceback (most recent call last):
    ...
    ValueError: hemicycleplot(): vote_id='ILO-GB355' is not one of 'ILO-GB355-BLR', ...
    """
    check_type(func, "vote_id", vote_id, str)
    t = tally(data)
    ids = [str(v) for v in t["vote_id"]]
    if vote_id not in set(ids):
        # The closest vote ids (elections have no seats to draw and are not among them).
        close = difflib.get_close_matches(vote_id, ids, n=5, cutoff=0.0) or ids[:5]
        check_choice(func, "vote_id", vote_id, close)
    return t[t["vote_id"] == vote_id].iloc[0]


def hemicycle_seats(data: VoteDataset, vote_id: str) -> pd.DataFrame:
    """One vote, one row per seat: who sat there, how it voted and what says so.

    A seat carries a position only when a source names its member (basis
    ``"named"``) or a published group count (``group_tallies``) puts that many votes
    of the position in its group (``"group tally"``). Every other seat has no
    position (``"not published"``). The votes of a published total that no name or
    group count places are rows of the block ``"beside"`` (basis ``"published
    total"``): they are in the total, but neither member nor group is published, so
    :func:`~voteanalysis.hemicycleplot` draws them apart from the seats.

    Parameters
    ----------
    data
        A VoteDataset.
    vote_id
        The vote (not an election).

    Returns
    -------
    DataFrame
        Columns ``vote_id``, ``block`` (``"seats"`` or ``"beside"``), ``group``
        (constituency; empty when the vote is not split by group), ``seat`` (1, 2,
        ... within its block and group, in drawing order), ``member_id``,
        ``position`` (missing when not published) and ``basis``. ``attrs`` carries
        what :func:`~voteanalysis.hemicycleplot` needs to draw the table alone:
        ``"vote"`` (the vote's row of ``tally()`` as a dict), ``"named"`` (the
        named positions of the vote, as ``(member_id, position)`` pairs in source
        order) and ``"notes"`` (how the seats were placed).

    Raises
    ------
    TypeError
        When ``data`` is not a VoteDataset or ``vote_id`` not a str.
    ValueError
        When there is no such vote; the message names the closest vote ids.

    Examples
    --------
    >>> import voteanalysis as va
    >>> seats = va.hemicycle_seats(va.load_dataset(), "ILO-GB355-BLR")
    >>> seats.groupby(["block", "basis"], observed=True).size().to_dict()
    {('beside', 'published total'): 49, ('seats', 'named'): 2, ('seats', 'not published'): 54}
    """
    if not isinstance(data, VoteDataset):
        raise TypeError(f"hemicycle_seats() needs a VoteDataset, not {type(data).__name__}")
    return vote_seats(data, vote_row(data, vote_id, "hemicycle_seats"))


def vote_seats(data: VoteDataset, vote: pd.Series) -> pd.DataFrame:
    """:func:`hemicycle_seats` of one row of ``tally(data)`` (see :func:`vote_row`).

    Examples
    --------
    >>> import voteanalysis as va
    >>> data = va.load_dataset()
    >>> len(vote_seats(data, vote_row(data, "ILO-GB355-BLR", "hemicycle_seats")))
    105
    """
    vote_id = str(vote["vote_id"])
    named = named_positions(data)
    table, notes = _seat_table(data, vote, named)
    mine = named[named["vote_id"] == vote_id]
    table.attrs = {
        "vote": vote.to_dict(),
        "named": list(
            zip(mine["member_id"].astype("str"), mine["position"].astype("str"), strict=True)
        ),
        "notes": notes,
    }
    return table
