"""Agreement between members: how often two members vote alike, and alignment with one.

Every measure here is a function of the 3 × 3 table of how a pair voted on the
votes both took part in (yes / no / abstain against yes / no / abstain). For each
group of votes (a session, a year …) positions are laid out as a members × votes
matrix, and one matrix product of its one-hot indicators gives those tables for
every pair at once; nothing loops over pairs or votes in Python.

Measures (``measure=``):

- ``percent``: share of the common votes on which both took the same position.
- ``lijphart``: the same, with an abstention against a yes or a no counting as
  half an agreement (Lijphart 1963; the UN agreement index of Voeten).
- ``s_abs`` / ``s_sq``: Signorino and Ritter's S, ``1 - 2 d / d_max``, with positions
  on the scale yes 0, abstain 1, no 2 and ``d`` the mean absolute (``s_abs``) or
  squared (``s_sq``) distance. −1 is perfect opposition, 1 identical votes.
- ``kappa``: Cohen's kappa, agreement corrected for what each member's own mix of
  positions would give by chance (Häge 2011 recommends chance-corrected measures).
- ``pi``: Scott's pi, the same with the two members' positions pooled.
- ``coincidence``: the US State Department's voting coincidence, identical votes
  divided by identical plus opposite votes; yes and no votes only.

How abstentions and absences count is chosen with ``abstain=`` and ``absent=``
and recorded on the result's ``attrs`` with a caption for charts.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..arguments import check_choice, check_type
from ..dataset import VoteDataset
from ..errors import VoteDataError
from ..schema import POSITION_DTYPE
from ._checks import ABS, NO, YES, by_list, check_members, check_min, recode, split, year_of

__all__ = ["MEASURES", "agreement", "alignment"]

Measure = Literal["percent", "lijphart", "s_abs", "s_sq", "kappa", "pi", "coincidence"]
Abstain = Literal["position", "exclude", "no"]
Absent = Literal["exclude", "abstain"]

#: The measures and how a caption names them.
MEASURES: dict[str, str] = {
    "percent": "share of votes cast identically",
    "lijphart": "Lijphart agreement (abstain vs yes or no = half)",
    "s_abs": "Signorino-Ritter S (absolute distance)",
    "s_sq": "Signorino-Ritter S (squared distance)",
    "kappa": "Cohen's kappa",
    "pi": "Scott's pi",
    "coincidence": "voting coincidence (US State Department; yes/no votes only)",
}
_ABSTAIN_TEXT = {
    "position": "abstentions a third position",
    "exclude": "votes with an abstention left out",
    "no": "abstentions counted as no",
}
_ABSENT_TEXT = {
    "exclude": "absences left out",
    "abstain": "absences counted as abstentions",
}

# Counted position codes (see _checks.recode).
_YES, _NO, _ABS = YES, NO, ABS
_F = np.float64
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Counts = npt.NDArray[np.float32]


def _resolve(func: str, measure: object, abstain: object, absent: object) -> str:
    """Check the options; return how abstentions count for this measure."""
    check_choice(func, "measure", measure, get_args(Measure))
    check_choice(func, "absent", absent, get_args(Absent))
    if abstain is None:
        return "exclude" if measure == "coincidence" else "position"
    check_choice(func, "abstain", abstain, get_args(Abstain))
    if measure == "coincidence" and abstain != "exclude":
        raise ValueError(
            f"{func}(): the voting coincidence counts yes and no votes only: use "
            "abstain='exclude' (or None), or measure='percent' to count abstentions "
            "as a position"
        )
    return str(abstain)


def caption(measure: str, abstain: str, absent: str, min_votes: int) -> str:
    """One line saying what a number means, for chart captions and ``attrs``."""
    return (
        f"{MEASURES[measure]}; {_ABSTAIN_TEXT[abstain]}; {_ABSENT_TEXT[absent]}; "
        f"pairs with fewer than {min_votes} common votes left empty"
    )


@dataclass
class _Layout:
    """Positions laid out for matrix products: members × votes, votes in groups."""

    member_ids: pd.Index  # sorted member ids; row i of the matrix
    matrix: npt.NDArray[np.int8]  # members × votes: 0 yes, 1 no, 2 abstain, -1 not counted
    groups: pd.DataFrame  # one row per group, the `by` columns (empty frame if by=None)
    group_votes: list[IntArray]  # column indices of each group's votes


def _vote_keys(positions: pd.DataFrame, votes: pd.DataFrame | None, by: list[str]) -> pd.DataFrame:
    """One row per vote: ``vote_id`` and the ``by`` columns."""
    source = positions.drop_duplicates("vote_id") if votes is None else votes
    if "kind" in source.columns:
        # An election ballot is not a vote for or against a text.
        source = source[(source["kind"] != "election").to_numpy()]
    source = source.reset_index(drop=True)
    frame = pd.DataFrame({"vote_id": source["vote_id"]})
    for column in by:
        if column in source.columns:
            frame[column] = source[column]
        elif column == "year" and "date" in source.columns:
            frame[column] = year_of(source["date"]).to_numpy()
        else:
            where = "votes" if votes is not None else "positions"
            raise VoteDataError.at(
                None,
                column=column,
                found=f"no column '{column}' in {where}",
                expected="a column of the votes table (or 'year', read from 'date')",
            )
    if by:
        frame = frame.dropna(subset=by)
    return frame.reset_index(drop=True)


def _codes(values: pd.Series, categories: pd.Index) -> IntArray:
    """Position of each value in ``categories`` (-1 if absent), fast for categoricals."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        own = values.cat.categories
        codes = values.cat.codes.to_numpy().astype(np.int64)
        if own.equals(categories):
            return codes
        lookup = np.append(categories.get_indexer(pd.Index(own.astype("str"))), -1)
        return np.asarray(lookup[codes], dtype=np.int64)
    return np.asarray(categories.get_indexer(pd.Index(values.astype("str"))), dtype=np.int64)


def _position_codes(positions: pd.DataFrame) -> npt.NDArray[np.int8]:
    pos = positions["position"]
    if not (isinstance(pos.dtype, pd.CategoricalDtype) and pos.dtype == POSITION_DTYPE):
        unknown = set(pos.dropna().astype("str")) - set(POSITION_DTYPE.categories)
        if unknown:
            raise VoteDataError.at(
                None,
                column="position",
                found=sorted(unknown)[0],
                expected="one of " + ", ".join(POSITION_DTYPE.categories),
            )
        pos = pos.astype("str").astype(POSITION_DTYPE)
    return np.asarray(pos.cat.codes.to_numpy(), dtype=np.int8)


def _member_ids(member_col: pd.Series, members: list[str] | None) -> pd.Index:
    """The members laid out: those with positions, or the ``members`` asked for (sorted)."""
    if isinstance(member_col.dtype, pd.CategoricalDtype):
        seen = np.bincount(member_col.array.codes + 1)[1:]  # code -1 is missing
        present = member_col.cat.categories[np.flatnonzero(seen)]
    else:
        present = pd.Index(member_col.dropna().unique())
    member_ids = pd.Index(sorted(str(m) for m in present), dtype="str")
    if members is None:
        return member_ids
    wanted = pd.Index(list(dict.fromkeys(members)), dtype="str")
    missing = wanted.difference(member_ids)
    if len(missing):
        raise VoteDataError.at(
            None,
            column="member_id",
            found=", ".join(missing[:5]),
            expected="member ids that have positions in the data",
        )
    return wanted.sort_values()


def _fill(
    positions: pd.DataFrame, member_ids: pd.Index, vote_ids: pd.Index, abstain: str, absent: str
) -> npt.NDArray[np.int8]:
    """The members × votes matrix of counted positions (-1 not counted)."""
    m = _codes(positions["member_id"], member_ids)
    v = _codes(positions["vote_id"], vote_ids)
    p = recode(abstain, absent)[_position_codes(positions)]
    keep = (m >= 0) & (v >= 0) & (p >= 0)
    # One write per counted position into the flat matrix (the rest go to a spare
    # cell at the end); fewer cells filled than positions written means one cell
    # was written twice.
    size = len(member_ids) * len(vote_ids)
    cell = np.where(keep, m * len(vote_ids) + v, size)
    cells = np.full(size + 1, -1, dtype=np.int8)
    cells[cell] = p
    matrix = cells[:size].reshape(len(member_ids), len(vote_ids))
    if np.count_nonzero(matrix >= 0) < np.count_nonzero(keep):
        per_cell = np.bincount(cell[keep], minlength=size)
        dup = int(np.flatnonzero(per_cell > 1)[0])
        raise VoteDataError.at(
            None,
            column="member_id",
            found=f"{member_ids[dup // len(vote_ids)]} twice on vote "
            f"{vote_ids[dup % len(vote_ids)]}",
            expected="at most one position per member and vote",
        )
    return matrix


def _grouped(keys: pd.DataFrame, by: list[str]) -> tuple[pd.DataFrame, list[IntArray]]:
    """The groups of votes (one row per group, the ``by`` columns) and each one's votes."""
    if not by:
        return pd.DataFrame(index=range(1)), [np.arange(len(keys))]
    if len(by) == 1:
        codes, uniques = pd.factorize(keys[by[0]], sort=True)
        group_of_vote = np.asarray(codes, dtype=np.int64)
        groups = pd.DataFrame({by[0]: uniques})
    else:
        ngroup = keys.groupby(by, sort=True, observed=True, dropna=True).ngroup()
        group_of_vote = np.asarray(ngroup.to_numpy(), dtype=np.int64)
        first = keys.assign(_g=group_of_vote).drop_duplicates("_g").sort_values("_g")
        groups = first[by].reset_index(drop=True)
    order = np.argsort(group_of_vote, kind="stable")
    bounds = np.searchsorted(group_of_vote[order], np.arange(len(groups) + 1))
    return groups, [order[bounds[i] : bounds[i + 1]] for i in range(len(groups))]


def _layout(
    func: str,
    data: VoteDataset | pd.DataFrame,
    *,
    by: list[str],
    abstain: str,
    absent: str,
    members: list[str] | None,
) -> _Layout:
    positions, votes = split(func, data)
    for column in ("vote_id", "member_id", "position"):
        if column not in positions.columns:
            raise VoteDataError.at(
                None,
                column=column,
                found="no such column",
                expected="positions with vote_id, member_id, position",
            )
    keys = _vote_keys(positions, votes, by)
    vote_ids = pd.Index(keys["vote_id"].astype("str"))
    if not vote_ids.is_unique:
        raise VoteDataError.at(
            None,
            column="vote_id",
            found="a vote_id listed twice",
            expected="one row per vote in the votes table",
        )
    member_ids = _member_ids(positions["member_id"], members)
    matrix = _fill(positions, member_ids, vote_ids, abstain, absent)
    groups, group_votes = _grouped(keys, by)
    return _Layout(member_ids, matrix, groups, group_votes)


def _onehot(sub: npt.NDArray[np.int8], codes: Sequence[int]) -> npt.NDArray[np.float32]:
    """Indicators of ``codes`` side by side (k × len(codes)·v), float32 for BLAS; sums of
    products of 0 and 1 stay exact far beyond any number of votes."""
    if len(codes) == 1:
        return np.asarray(sub == codes[0], dtype=np.float32)
    return np.asarray(np.concatenate([sub == c for c in codes], axis=1), dtype=np.float32)


def _product(a: Counts, b: Counts | None) -> Counts:
    """``a @ b.T``; with ``b`` None, ``a @ a.T`` (one symmetric product, half the work)."""
    out = a @ a.T if b is None else a @ b.T
    return np.asarray(out, dtype=np.float32)


def _counts(
    rows: npt.NDArray[np.int8], cols: npt.NDArray[np.int8] | None, measure: str
) -> dict[str, Counts]:
    """The vote counts a measure needs, for every (row member, column member) pair.

    ``n`` votes both cast, ``same`` identical positions, ``opposite`` a yes against a
    no, and for ``kappa`` / ``pi`` each member's positions on the votes in common:
    ``first[p]`` the row member's (votes where it took position p and the column
    member voted), ``second[p]`` the column member's. ``cols`` None: the rows with
    themselves, by symmetric products. Each is a matrix product of one-hot
    indicators; nothing loops over pairs or votes.
    """

    def both(codes: Sequence[int]) -> Counts:
        a = _onehot(rows, codes)
        return _product(a, None if cols is None else _onehot(cols, codes))

    def cross(p: int, q: int) -> Counts:
        """Votes where the row member took p and the column member q, plus q against p."""
        if cols is None:
            one = _product(_onehot(rows, [p]), _onehot(rows, [q]))
            return np.asarray(one + one.T, dtype=np.float32)
        return np.asarray(
            _product(_onehot(rows, [p]), _onehot(cols, [q]))
            + _product(_onehot(rows, [q]), _onehot(cols, [p])),
            dtype=np.float32,
        )

    out: dict[str, Counts] = {}
    if measure == "coincidence":
        out["same"] = both([_YES, _NO])
        out["opposite"] = cross(_YES, _NO)
        return out
    voted_rows = (rows >= 0).astype(np.float32)
    voted_cols = None if cols is None else (cols >= 0).astype(np.float32)
    out["n"] = _product(voted_rows, voted_cols)
    out["same"] = both([_YES, _NO, _ABS])
    if measure in ("lijphart", "s_abs", "s_sq"):
        out["opposite"] = cross(_YES, _NO)
    elif measure in ("kappa", "pi"):
        stacked = np.concatenate([rows == c for c in (_YES, _NO, _ABS)]).astype(np.float32)
        first = _product(stacked, voted_rows if cols is None else voted_cols)
        ka, kb = len(rows), len(rows) if cols is None else len(cols)
        out["first"] = first.reshape(3, ka, kb)
        if cols is not None:  # (with ``cols`` None, ``second`` is ``first`` transposed)
            stacked_cols = np.concatenate([cols == c for c in (_YES, _NO, _ABS)])
            second = _product(stacked_cols.astype(np.float32), voted_rows)
            out["second"] = second.reshape(3, kb, ka).transpose(0, 2, 1)
    return out


def _measure(c: dict[str, Counts], measure: str) -> tuple[FloatArray, FloatArray]:
    """Value and number of counted votes from the counts of :func:`_counts` (any shape)."""
    same = c["same"].astype(_F)
    with np.errstate(invalid="ignore", divide="ignore"):
        if measure == "coincidence":
            n = same + c["opposite"]
            return same / n, n
        n = c["n"].astype(_F)
        if measure == "percent":
            value = same / n
        elif measure in ("lijphart", "s_abs", "s_sq"):
            opposite = c["opposite"].astype(_F)
            half = n - same - opposite  # an abstention against a yes or a no
            if measure == "lijphart":
                value = (same + 0.5 * half) / n
            elif measure == "s_abs":
                value = 1 - (half + 2 * opposite) / n
            else:
                value = 1 - (half + 4 * opposite) / (2 * n)
        else:
            # Chance agreement from each member's share of each position, one position
            # at a time (no 3 × pairs temporaries): kappa Σ a_p b_p, pi Σ ((a_p + b_p) / 2)².
            chance = np.zeros(n.shape)
            for p in range(3):
                a = c["first"][p].astype(_F) / n  # a's share of position p
                b = c["second"][p].astype(_F) / n
                chance += a * b if measure == "kappa" else ((a + b) / 2) ** 2
            value = (same / n - chance) / (1 - chance)
            value[np.abs(chance - 1) <= 1e-8 + 1e-5] = np.nan  # both always alike: undefined
    return value, n


def _group_subs(
    layout: _Layout, reference: int | None
) -> Iterable[tuple[int, IntArray, IntArray, npt.NDArray[np.int8]]]:
    """Per group with members: group, row member codes, column member codes, and the
    active members' positions (active × votes of the group)."""
    for g, cols in enumerate(layout.group_votes):
        sub = layout.matrix[:, cols]
        active = np.flatnonzero((sub >= 0).any(axis=1))
        if reference is None:
            rows = active
        else:
            rows = np.array([reference]) if reference in active else active[:0]
        if len(rows) == 0:
            continue
        yield g, rows, active, sub[active]


def _group_blocks(
    layout: _Layout, measure: str, reference: int | None
) -> list[tuple[int, IntArray, IntArray, FloatArray, FloatArray]]:
    """Per group: row member codes, column member codes, values and counts (matrices)."""
    from threadpoolctl import threadpool_limits

    out = []
    # One BLAS thread: the products are small, and waiting for a second thread to be
    # scheduled on a busy machine costs far more than it saves (seen 40x slower).
    with threadpool_limits(limits=1, user_api="blas"):
        for g, rows, active, sub in _group_subs(layout, reference):
            if reference is None:
                counts = _counts(sub, None, measure)
                if "first" in counts:
                    counts["second"] = counts["first"].transpose(0, 2, 1)
            else:
                counts = _counts(layout.matrix[rows][:, layout.group_votes[g]], sub, measure)
            value, n = _measure(counts, measure)
            out.append((g, rows, active, value, n))
    return out


def _upper_pairs(
    layout: _Layout, measure: str
) -> tuple[IntArray, IntArray, IntArray, FloatArray, FloatArray]:
    """Every pair of active members (a < b) of every group: group, a, b, value, count.

    The counts of each group are read off the upper triangle of its matrices, and the
    measure is computed once on all pairs of all groups.
    """
    from threadpoolctl import threadpool_limits

    groups, first, second = [], [], []
    counts: dict[str, list[Counts]] = {}
    upper: dict[int, tuple[IntArray, IntArray, IntArray]] = {}
    with threadpool_limits(limits=1, user_api="blas"):
        for g, rows, _active, sub in _group_subs(layout, None):
            k = len(rows)
            if k not in upper:
                i, j = np.triu_indices(k, k=1)
                upper[k] = (i, j, i * k + j)
            i, j, flat = upper[k]
            groups.append(np.full(len(i), g))
            first.append(rows[i])
            second.append(rows[j])
            for name, matrix in _counts(sub, None, measure).items():
                if matrix.ndim == 3:
                    # The second member's positions are the first's, transposed.
                    flat_matrix = matrix.reshape(3, k * k)
                    counts.setdefault(name, []).append(flat_matrix[:, flat])
                    counts.setdefault("second", []).append(flat_matrix[:, j * k + i])
                else:
                    counts.setdefault(name, []).append(matrix.reshape(k * k)[flat])
    if not groups:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, np.zeros(0), np.zeros(0)
    joined = {name: np.concatenate(parts, axis=-1) for name, parts in counts.items()}
    value, n = _measure(joined, measure)
    return (
        np.concatenate(groups),
        np.concatenate(first),
        np.concatenate(second),
        value,
        n,
    )


def _id_column(codes: IntArray, ids: pd.Index) -> pd.Series:
    """Member ids as a plain text column; ``take`` on the (Arrow-backed) index is fast."""
    return pd.Series(ids.take(codes), dtype="str")


def _attrs(
    frame: pd.DataFrame,
    measure: str,
    abstain: str,
    absent: str,
    min_votes: int,
    by: list[str],
    **more: Any,
) -> pd.DataFrame:
    attrs: dict[Hashable, Any] = {
        "measure": measure,
        "abstain": abstain,
        "absent": absent,
        "min_votes": min_votes,
        "by": list(by),
    }
    attrs.update(more)
    attrs["caption"] = caption(measure, abstain, absent, min_votes)
    frame.attrs = attrs
    return frame


def agreement(
    data: VoteDataset | pd.DataFrame,
    *,
    measure: Measure = "percent",
    abstain: Abstain | None = None,
    absent: Absent = "exclude",
    by: str | Sequence[str] | None = None,
    min_votes: int = 10,
    members: Iterable[str] | None = None,
    matrix: bool = False,
) -> pd.DataFrame:
    """Agreement of every pair of members, overall or per group of votes.

    Parameters
    ----------
    data
        A :class:`VoteDataset`, or a positions DataFrame with ``vote_id``,
        ``member_id`` and ``position`` (then ``by`` columns are read from it).
    measure
        ``"percent"``, ``"lijphart"``, ``"s_abs"``, ``"s_sq"``, ``"kappa"``, ``"pi"``
        or ``"coincidence"`` (see the module docstring).
    abstain
        How an abstention counts: ``"position"`` (a third position, between yes and
        no for ``lijphart`` and S), ``"exclude"`` (the vote is left out for any pair in
        which one member abstained) or ``"no"``. Default: ``"position"``, and
        ``"exclude"`` for ``coincidence``, which is defined on yes and no votes only.
    absent
        How ``absent`` and ``not_voting`` count: ``"exclude"`` (the vote is left
        out for the pair; default) or ``"abstain"``. ``ineligible`` and unknown
        positions never count.
    by
        The vote column(s) the result is grouped by, e.g. ``"session"`` or
        ``["body", "year"]`` (``"year"`` is read from ``date`` when the votes have
        no such column); ``None`` (default): all votes together. Votes of kind
        ``election`` (ballots for candidates) are never used.
    min_votes
        Pairs with fewer common votes get ``value`` NaN and ``enough`` False; their
        ``n_votes`` is still reported.
    members
        Member ids to keep (pairs among these only).
    matrix
        Return the square member × member matrix (diagonal included) instead of
        the pair table; with ``by``, the matrices are stacked with the ``by``
        column(s) as outer index levels.

    Returns
    -------
    DataFrame
        One row per unordered pair of members that both voted in the group
        (``member_a`` < ``member_b``), with the ``by`` columns, ``value``,
        ``n_votes`` (votes counted for the pair) and ``enough``. ``attrs`` records
        ``measure``, ``abstain``, ``absent``, ``min_votes``, ``by`` and a ``caption``.

    Examples
    --------
    >>> import pandas as pd
    >>> pos = pd.DataFrame({"vote_id": ["v1", "v1", "v2", "v2", "v3", "v3"],
    ...                     "member_id": ["A", "B"] * 3,
    ...                     "position": ["yes", "yes", "no", "yes", "abstain", "yes"]})
    >>> agreement(pos, min_votes=1)[["member_a", "member_b", "value", "n_votes"]]
      member_a member_b     value  n_votes
    0        A        B  0.333333        3
    >>> float(agreement(pos, measure="lijphart", min_votes=1)["value"].iloc[0])
    0.5
    """
    abstain_ = _resolve("agreement", measure, abstain, absent)
    by_ = by_list("agreement", by)
    check_min("agreement", "min_votes", min_votes, 0)
    check_type("agreement", "matrix", matrix, bool)
    keep = check_members("agreement", members)
    layout = _layout("agreement", data, by=by_, abstain=abstain_, absent=absent, members=keep)
    if matrix:
        return _matrix(layout, measure, abstain_, absent, min_votes, by_)
    group, a, b, value, n = _upper_pairs(layout, measure)
    out = _pairs_frame([(group, a, b, value, n)], layout, by_, ("member_a", "member_b"), min_votes)
    return _attrs(out, measure, abstain_, absent, min_votes, by_)


def _pairs_frame(
    parts: list[tuple[Any, IntArray, IntArray, FloatArray, FloatArray]],
    layout: _Layout,
    by: list[str],
    names: tuple[str, str],
    min_votes: int,
) -> pd.DataFrame:
    """The pairs table; each part is (group, or group of each row; a; b; value; n)."""
    if parts:
        group = np.concatenate([np.broadcast_to(p[0], len(p[1])) for p in parts])
        a, b, value, n = (np.concatenate([p[k] for p in parts]) for k in (1, 2, 3, 4))
    else:
        group = a = b = np.zeros(0, dtype=np.int64)
        value = n = np.zeros(0)
    enough = n >= min_votes
    columns: dict[str, Any] = {
        names[0]: _id_column(a, layout.member_ids),
        names[1]: _id_column(b, layout.member_ids),
    }
    for column in by:
        columns[column] = layout.groups[column].array.take(group)
    columns["value"] = np.where(enough, value, np.nan)
    columns["n_votes"] = n.astype(np.int64)
    columns["enough"] = enough
    return pd.DataFrame(columns, copy=False)


def _matrix(
    layout: _Layout, measure: str, abstain: str, absent: str, min_votes: int, by: list[str]
) -> pd.DataFrame:
    frames = []
    for g, rows, _cols, value, n in _group_blocks(layout, measure, None):
        ids = layout.member_ids[rows]
        frame = pd.DataFrame(np.where(n >= min_votes, value, np.nan), index=ids, columns=ids)
        if by:
            key = tuple(layout.groups.iloc[g][c] for c in by)
            frame.index = pd.MultiIndex.from_tuples([(*key, i) for i in ids])
        frames.append(frame)
    if not frames:
        out = pd.DataFrame(dtype="float64")
    elif by:
        out = pd.concat(frames, axis=0).astype("float64")
    else:
        out = frames[0]
    out.index.names = [*by, "member_a"]
    out.columns.name = "member_b"
    if by:
        out = out.reindex(columns=sorted(out.columns))
    return _attrs(out, measure, abstain, absent, min_votes, by)


def alignment(
    data: VoteDataset | pd.DataFrame,
    *,
    reference: str,
    by: str | Sequence[str] | None = "session",
    measure: Measure = "percent",
    abstain: Abstain | None = None,
    absent: Absent = "exclude",
    min_votes: int = 10,
    members: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Agreement of every member with one reference member, per group of votes.

    Parameters are those of :func:`agreement`; ``reference`` is a member id.
    ``members`` limits the members compared with the reference. ``by`` is the vote
    column(s) the result is grouped by, as for :func:`agreement`, but with default
    ``"session"``; ``None``: all votes together.

    Returns
    -------
    DataFrame
        The ``by`` columns, ``member_id``, ``reference``, ``value``, ``n_votes`` and
        ``enough``; one row per member that voted in the group alongside the
        reference (the reference itself left out). ``attrs`` as for
        :func:`agreement`, plus ``reference``.

    Examples
    --------
    >>> import pandas as pd
    >>> pos = pd.DataFrame({"vote_id": ["v1"] * 3 + ["v2"] * 3,
    ...                     "member_id": ["A", "B", "C"] * 2,
    ...                     "position": ["yes", "yes", "no", "no", "yes", "no"]})
    >>> alignment(pos, reference="A", by=None, min_votes=1)[["member_id", "value"]]
      member_id  value
    0         B    0.5
    1         C    0.5
    """
    abstain_ = _resolve("alignment", measure, abstain, absent)
    by_ = by_list("alignment", by)
    check_type("alignment", "reference", reference, str)
    check_min("alignment", "min_votes", min_votes, 0)
    wanted = check_members("alignment", members)
    keep = None if wanted is None else [reference, *wanted]
    layout = _layout("alignment", data, by=by_, abstain=abstain_, absent=absent, members=keep)
    where = layout.member_ids.get_indexer(pd.Index([reference]))[0]
    if where < 0:
        raise VoteDataError.at(
            None,
            column="member_id",
            found=reference,
            expected="a reference member with positions in the data",
        )
    parts = []
    for g, _rows, cols, value, n in _group_blocks(layout, measure, int(where)):
        other = cols != where
        parts.append((g, cols[other], np.full(other.sum(), where), value[0, other], n[0, other]))
    out = _pairs_frame(parts, layout, by_, ("member_id", "reference"), min_votes)
    out = out[[*by_, "member_id", "reference", "value", "n_votes", "enough"]]
    return _attrs(out, measure, abstain_, absent, min_votes, by_, reference=reference)
