"""Ideal points: every member on one line per session.

Two estimators, both one-dimensional and fitted separately for each group
(``by="session"`` by default):

- ``method="scaling"``: classical scaling of the agreement matrix, as VoteView's
  worked example does it: squared distances ``(1 - agreement)**2`` are
  double-centred and the leading eigenvector, times the square root of its
  eigenvalue, gives the points, on the scale of agreement (two members whose
  points are 0.2 apart agree on about 80% of the votes). ``se`` is the standard
  deviation over bootstrap replicates of the votes.
- ``method="ordinal"``: an ordered-probit item-response model in which no <
  abstain < yes are ordered categories (the model of emIRT's ``ordIRT`` and the
  static core of Bailey, Strezhnev and Voeten's UN estimates), fitted by
  penalised maximum likelihood: a N(0, 1) prior on the points, weak N(0, 5²)
  priors on the cut points and discriminations (and a log-barrier keeping the two
  cut points apart), and damped Newton steps on all parameters at once. The
  likelihood fixes neither the zero nor the unit of the line, so the points of
  each group are reported standardised: mean 0 and standard deviation 1 over the
  members estimated. ``se`` is the Laplace approximation (curvature of the
  log-posterior, vote parameters integrated out) carried over to the standardised
  points by the delta method.

- ``method="dynamic"``: the same ordered-probit model fitted once over all
  groups, in order, with each member's point following a random walk from one
  group to the next: N(0, 1) in the member's first group, then N(previous point,
  τ² × groups elapsed) (``tau``, 0.3 by default). Vote parameters belong to their
  group unless ``bridge`` names a column (e.g. ``"short"``) whose equal values in
  different groups mark a question asked again: those votes share one set. Damped
  Newton steps on everything at once, solved through a sparse Schur complement on
  the member-group points (dense within a group, the walk's links across groups).
  All points are standardised together (mean 0, sd 1 over every member-group), so
  moves between groups stay on one scale; the sign is fixed once, by the
  reference member's mean point. Without bridges only the walk ties the groups
  together, and it prefers the smallest total movement: a drift most members
  share looks, as in the static fits, like the others moving the other way.

With ``ordinal`` and ``scaling`` each group is a line of its own: the estimates are
static, so a member's move between sessions is a move relative to the other
members of that session. Votes
on which every member kept took the same position tell nothing about where
members stand and are set aside; elections are not votes for or against a text
and are never used.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Hashable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any, Literal, cast, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..arguments import check_choice, check_type, renamed_value
from ..dataset import VoteDataset
from ..errors import VoteDataError

__all__ = ["ideal_points"]

Method = Literal["ordinal", "scaling", "dynamic"]
Abstain = Literal["position", "no", "exclude"]

Floats = npt.NDArray[np.float64]
Floats32 = npt.NDArray[np.float32]
Ints = npt.NDArray[np.intp]

#: Prior standard deviation of the cut points and discriminations (weak).
ITEM_PRIOR_SD = 5.0
#: Stand-in for the infinite outer cut points: far beyond any linear predictor.
_FAR = 1e3
_LOG_SQRT_2PI = 0.5 * np.log(2 * np.pi)
#: Power-iteration steps for a bootstrap replicate of the scaling.
_POWER_STEPS = 40


def ideal_points(
    data: VoteDataset | pd.DataFrame,
    *,
    method: Method = "ordinal",
    by: str | None = "session",
    reference: str | Sequence[str] | None = "USA",
    min_votes: int = 10,
    abstain: Abstain = "position",
    n_boot: int = 20,
    seed: int = 0,
    max_iter: int = 200,
    progress: bool | None = None,
    tau: float = 0.3,
    bridge: str | None = None,
) -> pd.DataFrame:
    """Place every member on one line per group of votes (per session by default).

    Parameters
    ----------
    data
        A :class:`VoteDataset` (its ``votes`` give the ``by`` column; elections are
        left out) or a positions DataFrame with ``vote_id``, ``member_id``,
        ``position`` and the ``by`` column.
    method
        ``"ordinal"`` (ordered-probit item-response model), ``"scaling"``
        (classical scaling of the agreement matrix) or ``"dynamic"`` (the
        ordered-probit model over all groups at once, points linked by a random walk;
        see ``tau`` and ``bridge``); see the module docstring.
    by
        The vote column the votes are grouped by (default ``"session"``); one line is
        estimated per group. ``None``: all votes together, in one group (the result
        then has no ``by`` column).
    reference
        Member id, or ids in order of preference, placed on the positive side: in
        each group the first of them that was estimated fixes the sign, so that
        groups can be compared. ``None`` leaves the sign as the computation gives it.
        Groups where none is present keep that sign too; they are listed in
        ``attrs["orientation"]`` with ``None`` and a warning says so.
    min_votes
        Members with fewer positions than this on the votes used (yes, no and, unless
        ``abstain="exclude"``, abstain) in a group are left out of that group: a
        warning says how many, and ``attrs["left_out"]`` lists them with their counts.
    abstain
        How an abstention counts: ``"position"`` (default) as its own position, in
        the ordered model the middle category between no and yes (half an agreement
        with either in scaling); ``"exclude"`` left out, as if the member had not
        voted; ``"no"`` as a no. Absences, non-voting and ineligibility never count.
        Recorded in ``attrs``. The old spellings ``"middle"`` (now ``"position"``)
        and ``"missing"`` (now ``"exclude"``) still work, with a
        :class:`DeprecationWarning`, until the next release.
    n_boot
        ``method="scaling"``: bootstrap replicates over votes for ``se``
        (0: no ``se``, all NaN).
    seed
        Seed of the bootstrap.
    max_iter
        ``method="ordinal"``: most Newton steps per group; groups that did not
        converge are named in a warning and in ``attrs["converged"]``.
    progress
        Show a progress bar over the groups; ``None`` (default) shows it only when
        the standard error stream is a terminal.
    tau
        ``method="dynamic"``: prior standard deviation of a member's move from one
        group to the next (per group elapsed), on the scale of the first group's N(0, 1)
        prior. Smaller values smooth more.
    bridge
        ``method="dynamic"``: column of the votes (or of the positions DataFrame)
        whose equal values in different groups mark the same question, e.g.
        ``"short"`` or ``"title"``: those votes share their cut points and
        discrimination and tie the groups' lines together. ``None`` (default): no
        bridges. Empty values never bridge.

    Returns
    -------
    DataFrame
        One row per member and group: ``member_id``, ``member`` (when the input
        names members), the ``by`` column, ``ideal_point``, ``se`` and ``n_votes``
        (positions of the member counted in the fit), sorted by group (numerically
        when the groups are numbers) then ideal point, highest first. ``attrs``
        records ``method``, ``by``, ``abstain``, ``reference``, ``min_votes``,
        ``orientation`` (group -> reference member used), ``left_out``, ``n_items``
        (group -> votes used), for ``ordinal`` and ``dynamic`` ``converged`` (for
        ``dynamic`` the one joint fit's, under every group) and for ``dynamic``
        ``tau`` and ``bridge``. For ``ordinal``, ``attrs["fit"]`` is a per-group fit
        diagnostic: ``n_members``, ``n_items``, ``classified`` (share of the
        positions counted that the fit predicts: the most probable category),
        ``apre`` (aggregate proportional reduction in error against predicting each
        vote's most common position) and ``poor_fit`` (APRE below
        :data:`POOR_APRE`, 0.3: one dimension explains that group's votes poorly;
        compare such groups with care). A group left with
        fewer than two members or no contested vote (UNGA session 19 has one roll call)
        has no rows.

    Examples
    --------
    VoteView's worked example (five roll calls, six legislators):

    >>> import pandas as pd
    >>> votes = {"Five": "NYNNN", "Six": "NYYNN", "Four": "NYNYN",
    ...          "One": "YNNYY", "Two": "NNNYY", "Three": "NNNYN"}
    >>> pos = pd.DataFrame(
    ...     [(f"v{j}", m, {"Y": "yes", "N": "no"}[c])
    ...      for m, row in votes.items() for j, c in enumerate(row)],
    ...     columns=["vote_id", "member_id", "position"])
    >>> ip = ideal_points(pos, method="scaling", by=None, reference="Five",
    ...                   min_votes=1, n_boot=0)
    >>> ip.set_index("member_id")["ideal_point"].round(2).to_dict()
    {'Six': 0.5, 'Five': 0.3, 'Four': 0.1, 'Three': -0.1, 'Two': -0.3, 'One': -0.5}
    """
    # Here, not in a helper, so that the warning points at the caller's line.
    abstain = renamed_value("ideal_points", "abstain", abstain, _ABSTAIN_ALIASES)
    method, abstain = _check_options(method, by, abstain, min_votes, tau, n_boot, max_iter)
    refs = _references(reference)
    prep = _prepare(data, by, abstain, bridge if method == "dynamic" else None)
    run = _Run()
    show = sys.stderr.isatty() if progress is None else progress
    with _one_blas_thread():
        _fit_groups(prep, run, method, by, min_votes, n_boot, seed, max_iter, refs, show)
        if run.linked:
            run.pieces.append(
                _dynamic_pieces(
                    run.linked, prep.bridge_keys, prep.n_categories, tau, max_iter, refs, by
                )
            )
            ref = next((r for r in refs if any(r in ids for _, _, ids in run.linked)), None)
            for key, _, _ in run.linked:
                run.orientation[key] = ref
                run.converged[key] = bool(run.pieces[-1].attrs["converged"])
    out = _assemble(run, prep, by)
    _warn(run.left_out, run.orientation, run.converged, min_votes, by, refs)
    out.attrs.update(
        {
            "method": method,
            "by": by,
            "abstain": abstain,
            "absent": "not counted (absent, not_voting and ineligible are missing)",
            "reference": list(refs),
            "min_votes": min_votes,
            "orientation": run.orientation,
            "left_out": run.left_out,
            "n_items": run.n_items,
            "se": (
                "bootstrap over votes"
                if method == "scaling"
                else "Laplace approximation (posterior sd from the curvature)"
            ),
        }
    )
    if method == "dynamic":
        out.attrs["se"] = "Laplace approximation (posterior sd from the curvature of the joint fit)"
        out.attrs["tau"] = tau
        out.attrs["bridge"] = bridge
    if method in ("ordinal", "dynamic"):
        out.attrs["converged"] = run.converged
    if method == "ordinal":
        out.attrs["fit"] = _fit_table(run.quality, by)
    return out


#: Old spellings of ``abstain`` kept for one release.
_ABSTAIN_ALIASES = {"middle": "position", "missing": "exclude"}


def _check_options(
    method: object,
    by: object,
    abstain: object,
    min_votes: object,
    tau: object,
    n_boot: object,
    max_iter: object,
) -> tuple[Method, Abstain]:
    """Check the options of :func:`ideal_points`; return the method and ``abstain``."""
    func = "ideal_points"
    check_choice(func, "method", method, get_args(Method))
    if by is not None:
        check_type(func, "by", by, str)
    check_choice(func, "abstain", abstain, get_args(Abstain))
    check_type(func, "min_votes", min_votes, (int, np.integer))
    if min_votes < 1:  # type: ignore[operator]
        raise ValueError(f"{func}(): min_votes must be at least 1, not {min_votes!r}")
    check_type(func, "n_boot", n_boot, (int, np.integer))
    check_type(func, "max_iter", max_iter, (int, np.integer))
    check_type(func, "tau", tau, (int, float))
    if method == "dynamic" and not tau > 0:  # type: ignore[operator]
        raise ValueError(f"{func}(): tau must be positive, not {tau!r}")
    return cast(Method, method), cast(Abstain, abstain)


def _references(reference: str | Sequence[str] | None) -> tuple[str, ...]:
    if reference is None:
        return ()
    if isinstance(reference, str):
        return (reference,)
    if not isinstance(reference, Sequence) or not all(isinstance(r, str) for r in reference):
        raise TypeError(
            "ideal_points(): reference must be a member id, a list of them or None, "
            f"not {type(reference).__name__}"
        )
    return tuple(reference)


@dataclass
class _Prepared:
    """The positions coded for fitting, sorted by group."""

    codes: Ints  # category code of each position (-1 unused)
    n_categories: int
    names: pd.Series | None  # member id -> name, when the input names members
    member_codes: Ints
    member_text: npt.NDArray[np.object_]
    vote_codes: Ints
    groups: list[Hashable]
    rows: Ints  # positions used, in group order
    ends: Ints  # end of each group's rows
    bridge_keys: list[str] | None


def _prepare(
    data: VoteDataset | pd.DataFrame, by: str | None, abstain: Abstain, bridge: str | None
) -> _Prepared:
    table = _positions(data, by)
    codes, n_categories = _code_positions(table["position"], abstain)
    names = (
        table.drop_duplicates("member_id").set_index("member_id")["member"]
        if "member" in table.columns
        else None
    )
    member_codes, member_ids = pd.factorize(table["member_id"])
    vote_codes, vote_ids = pd.factorize(table["vote_id"])
    group_codes, groups = _group_codes(table, by)
    rows = np.nonzero((codes >= 0) & (group_codes >= 0))[0]
    rows = rows[np.argsort(group_codes[rows], kind="stable")]
    return _Prepared(
        codes=codes,
        n_categories=n_categories,
        names=names,
        member_codes=np.asarray(member_codes, dtype=np.intp),
        member_text=np.asarray(member_ids.astype("str"), dtype=object),
        vote_codes=np.asarray(vote_codes, dtype=np.intp),
        groups=groups,
        rows=rows,
        ends=np.cumsum(np.bincount(group_codes[rows], minlength=len(groups))),
        bridge_keys=_bridge_keys(data, bridge, vote_ids),
    )


@dataclass
class _Run:
    """What the fits of the groups give, gathered for the result and its ``attrs``."""

    pieces: list[pd.DataFrame] = field(default_factory=list)
    left_out: list[dict[str, Any]] = field(default_factory=list)
    orientation: dict[Hashable, str | None] = field(default_factory=dict)
    converged: dict[Hashable, bool] = field(default_factory=dict)
    n_items: dict[Hashable, int] = field(default_factory=dict)
    quality: list[dict[str, Any]] = field(default_factory=list)
    linked: list[tuple[Hashable, _Matrix, list[str]]] = field(default_factory=list)


def _fit_groups(
    prep: _Prepared,
    run: _Run,
    method: Method,
    by: str | None,
    min_votes: int,
    n_boot: int,
    seed: int,
    max_iter: int,
    refs: tuple[str, ...],
    show: bool,
) -> None:
    """Fit each group on its own (``ordinal``, ``scaling``), or gather it for ``dynamic``."""
    from tqdm import tqdm

    rng = np.random.default_rng(seed)
    bar = tqdm(prep.groups, desc=f"ideal points ({method})", unit=by or "group", disable=not show)
    for g, key in enumerate(bar):
        part = prep.rows[(prep.ends[g - 1] if g else 0) : prep.ends[g]]
        matrix = _Matrix.build(
            prep.member_codes[part], prep.vote_codes[part], prep.codes[part], min_votes
        )
        ids = [str(prep.member_text[c]) for c in matrix.members]
        where = {by: key} if by else {}
        for c, count in matrix.left_out.items():
            run.left_out.append({"member_id": str(prep.member_text[c]), **where, "n_votes": count})
        run.n_items[key] = matrix.codes.shape[1]
        if len(ids) < 2 or matrix.codes.shape[1] == 0:
            continue
        if method == "dynamic":
            run.linked.append((key, matrix, ids))
            continue
        if method == "scaling":
            x, se = _scaling(matrix.codes, prep.n_categories, n_boot, rng)
        else:
            fit = _ordinal(matrix.codes, prep.n_categories, max_iter)
            x, se = fit.x, fit.se
            run.converged[key] = bool(fit.converged)
            run.quality.append(
                {
                    **where,
                    "n_members": len(ids),
                    "n_items": matrix.codes.shape[1],
                    "classified": fit.classified,
                    "apre": fit.apre,
                }
            )
        ref = next((r for r in refs if r in ids), None)
        run.orientation[key] = ref
        if ref is not None and x[ids.index(ref)] < 0:
            x = -x
        piece = pd.DataFrame(
            {"member_id": ids, "ideal_point": x, "se": se, "n_votes": matrix.n_votes}
        )
        if by:
            piece.insert(1, by, key)
        run.pieces.append(piece)


def _assemble(run: _Run, prep: _Prepared, by: str | None) -> pd.DataFrame:
    """The fitted pieces as one table, by group then ideal point (highest first)."""
    columns = ["member_id", *([by] if by else []), "ideal_point", "se", "n_votes"]
    pieces = run.pieces
    out = pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame({c: [] for c in columns})
    if by:
        rank = {k: i for i, k in enumerate(prep.groups)}
        out = (
            out.assign(_g=out[by].map(rank))
            .sort_values(["_g", "ideal_point"], ascending=[True, False])
            .drop(columns="_g")
        )
    else:
        out = out.sort_values("ideal_point", ascending=False)
    out = out.reset_index(drop=True)
    out["n_votes"] = out["n_votes"].astype("int64")
    if prep.names is not None:
        out.insert(1, "member", out["member_id"].map(prep.names).astype("str"))
    return out


#: Below this APRE a group's one-dimensional fit is flagged as poor.
POOR_APRE = 0.3


def _fit_table(quality: list[dict[str, Any]], by: str | None) -> pd.DataFrame:
    """The per-group fit diagnostic of ``method="ordinal"`` (``attrs["fit"]``)."""
    columns = [*([by] if by else []), "n_members", "n_items", "classified", "apre"]
    table = pd.DataFrame(quality, columns=columns)
    table["poor_fit"] = ~(table["apre"] >= POOR_APRE)
    return table


def _bridge_keys(
    data: VoteDataset | pd.DataFrame, bridge: str | None, vote_ids: pd.Index
) -> list[str] | None:
    """The ``bridge`` value of each vote (in ``vote_ids`` order); "" for none."""
    if bridge is None:
        return None
    source = data.votes if isinstance(data, VoteDataset) else data
    if bridge not in source.columns:
        raise VoteDataError.at(
            "votes" if isinstance(data, VoteDataset) else "positions",
            column=bridge,
            found="no such column",
            expected=f"a column {bridge!r} naming the question of each vote",
        )
    keys = source.drop_duplicates("vote_id").set_index("vote_id")[bridge]
    values = keys.reindex(vote_ids).fillna("").astype("str").str.strip()
    return [str(v) for v in values]


def _dynamic_pieces(
    linked: list[tuple[Hashable, _Matrix, list[str]]],
    bridge_keys: list[str] | None,
    n_categories: int,
    tau: float,
    max_iter: int,
    refs: tuple[str, ...],
    by: str | None,
) -> pd.DataFrame:
    """The dynamic fit over the groups in ``linked`` (in order) as one table."""
    all_ids = [i for _, _, ids in linked for i in ids]
    member, _ = pd.factorize(pd.Series(all_ids))
    # A question: its bridge value and how many times it came before in the same
    # group (two votes of one group are never merged); votes without one stand alone.
    questions: list[tuple[str, int, int]] = []
    for g, (_, mat, _) in enumerate(linked):
        seen: dict[str, int] = {}
        for col, v in enumerate(mat.votes):
            key = bridge_keys[int(v)] if bridge_keys is not None else ""
            if key:
                seen[key] = seen.get(key, 0) + 1
                questions.append((key, seen[key], -1))
            else:
                questions.append(("", g, col))
    items, _ = pd.factorize(pd.Series(questions, dtype="object"))
    fit = _dynamic(
        [mat.codes for _, mat, _ in linked],
        np.asarray(member, dtype=np.intp),
        np.asarray(items, dtype=np.intp),
        n_categories,
        tau,
        max_iter,
    )
    x = fit.x
    ref = next((r for r in refs if r in all_ids), None)
    if ref is not None:
        mine = np.array([i == ref for i in all_ids])
        if x[mine].mean() < 0:
            x = -x
    table = pd.DataFrame(
        {
            "member_id": all_ids,
            "ideal_point": x,
            "se": fit.se,
            "n_votes": np.concatenate([mat.n_votes for _, mat, _ in linked]),
        }
    )
    if by:
        table.insert(1, by, [key for key, _, ids in linked for _ in ids])
    table.attrs["converged"] = fit.converged
    return table


def _warn(
    left_out: list[dict[str, Any]],
    orientation: dict[Hashable, str | None],
    converged: dict[Hashable, bool],
    min_votes: int,
    by: str | None,
    refs: tuple[str, ...],
) -> None:
    unit = f"member-{by} pairs" if by else "members"
    if left_out:
        warnings.warn(
            f"{len(left_out)} {unit} with fewer than {min_votes} votes were left out; "
            "they are listed in attrs['left_out']",
            UserWarning,
            stacklevel=3,
        )
    unoriented = [k for k, r in orientation.items() if r is None]
    if refs and unoriented:
        warnings.warn(
            f"no reference member ({', '.join(refs)}) in {len(unoriented)} group(s) "
            f"({', '.join(map(str, unoriented[:5]))}{' ...' if len(unoriented) > 5 else ''}); "
            "their sign is arbitrary",
            UserWarning,
            stacklevel=3,
        )
    failed = [k for k, ok in converged.items() if not ok]
    if failed:
        warnings.warn(
            f"the ordinal fit did not converge in {len(failed)} group(s): "
            f"{', '.join(map(str, failed[:5]))}",
            UserWarning,
            stacklevel=3,
        )


def _positions(data: VoteDataset | pd.DataFrame, by: str | None) -> pd.DataFrame:
    """Positions with the ``by`` column, elections left out."""
    if isinstance(data, VoteDataset):
        pos = data.positions
        votes = data.votes
        if "kind" in votes.columns:
            votes = votes[votes["kind"] != "election"]
        if by and by not in pos.columns:
            if by not in votes.columns:
                raise VoteDataError.at(
                    "votes",
                    column=by,
                    found="no such column",
                    expected=f"a column {by!r} to group the votes by",
                )
            pos = _with_vote_column(pos, votes, by)
        else:
            pos = pos[pos["vote_id"].isin(votes["vote_id"])]
    elif isinstance(data, pd.DataFrame):
        pos = data
    else:
        raise TypeError(
            "ideal_points(): data must be a VoteDataset or a positions DataFrame (vote_id, "
            f"member_id, position and the by column), not {type(data).__name__}"
        )
    wanted = ["vote_id", "member_id", "position", *([by] if by else [])]
    missing = [c for c in wanted if c not in pos.columns]
    if missing:
        raise VoteDataError.at(
            "positions",
            column=missing[0],
            found="no such column",
            expected="columns " + ", ".join(wanted),
        )
    keep = wanted + (["member"] if "member" in pos.columns else [])
    return pos[keep]


def _with_vote_column(pos: pd.DataFrame, votes: pd.DataFrame, by: str) -> pd.DataFrame:
    """The positions of the votes listed, with the votes' ``by`` column.

    As an inner merge on ``vote_id`` would give, in the positions' order, but read
    through the categories of a categorical ``vote_id`` (one lookup per vote, not
    per position).
    """
    vote_col = pos["vote_id"]
    if not isinstance(vote_col.dtype, pd.CategoricalDtype) or not votes["vote_id"].is_unique:
        return pos.merge(votes[["vote_id", by]], on="vote_id", how="inner")
    cats = vote_col.cat.categories
    where = pd.Index(votes["vote_id"].astype("str")).get_indexer(cats.astype("str"))
    codes = vote_col.cat.codes.to_numpy()
    row = np.where(codes >= 0, np.append(where, -1)[codes], -1)
    keep = row >= 0
    out = pos[keep].reset_index(drop=True)
    values = votes[by].reset_index(drop=True).take(row[keep]).reset_index(drop=True)
    return out.assign(**{by: values})


def _code_positions(position: pd.Series, abstain: Abstain) -> tuple[Ints, int]:
    """Ordered category codes (no=0 ... yes=top) and how many categories; -1 = unused."""
    if isinstance(position.dtype, pd.CategoricalDtype):
        # One comparison per category, then a lookup by category code.
        per_category, k = _code_positions(pd.Series(position.cat.categories), abstain)
        lookup = np.append(per_category, -1)
        return np.asarray(lookup[position.cat.codes.to_numpy()], dtype=np.intp), k
    text = position.astype("str").to_numpy()
    codes = np.full(len(text), -1, dtype=np.intp)
    if abstain == "position":
        codes[text == "no"], codes[text == "abstain"], codes[text == "yes"] = 0, 1, 2
        return codes, 3
    codes[text == "no"], codes[text == "yes"] = 0, 1
    if abstain == "no":
        codes[text == "abstain"] = 0
    return codes, 2


def _group_codes(table: pd.DataFrame, by: str | None) -> tuple[Ints, list[Hashable]]:
    """Group number of each row (-1: no group) and the groups in natural order.

    The order is numeric when every key reads as a number (session "9" before "10").
    """
    if not by:
        return np.zeros(len(table), dtype=np.intp), [None]
    found, keys = pd.factorize(table[by])
    numbers = pd.to_numeric(pd.Series(list(keys), dtype="object"), errors="coerce")
    if len(keys) and numbers.notna().all():
        order = np.argsort(numbers.to_numpy(dtype=np.float64), kind="stable")
    else:
        order = np.argsort(np.array([str(k) for k in keys], dtype=object), kind="stable")
    rank = np.empty(len(keys), dtype=np.intp)
    rank[order] = np.arange(len(keys))
    codes = np.where(found >= 0, rank[np.maximum(found, 0)], -1)
    return codes.astype(np.intp), [keys[i] for i in order]


def _one_blas_thread() -> AbstractContextManager[object]:
    """One BLAS thread while fitting, when threadpoolctl is installed.

    The matrices are small (members × members); OpenBLAS threads only wait for
    each other on them, and on a busy machine made a fit several times slower.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return nullcontext()
    # SciPy brings its own BLAS: load it first, so that the limit covers it too.
    import scipy.linalg
    import scipy.special  # noqa: F401

    return cast(AbstractContextManager[object], threadpool_limits(limits=1, user_api="blas"))


@dataclass
class _Matrix:
    """One group as a members × votes matrix of category codes (-1: no position)."""

    codes: npt.NDArray[np.int8]
    members: Ints  # codes of the members kept, one per row
    n_votes: Ints
    left_out: dict[int, int]  # member code -> positions counted
    votes: Ints  # codes of the votes kept, one per column

    @classmethod
    def build(cls, member_codes: Ints, vote_codes: Ints, y: Ints, min_votes: int) -> _Matrix:
        members, m_idx = np.unique(member_codes, return_inverse=True)
        votes, v_idx = np.unique(vote_codes, return_inverse=True)
        codes = np.full((len(members), len(votes)), -1, dtype=np.int8)
        codes[m_idx, v_idx] = y
        keep_m = np.ones(len(members), dtype=bool)
        keep_v = np.ones(len(votes), dtype=bool)
        # Dropping uninformative votes can push members under min_votes and the
        # reverse, so repeat until neither changes.
        while True:
            sub = codes[np.ix_(keep_m, keep_v)]
            seen = sub >= 0
            hi = np.where(seen, sub, -1).max(axis=0, initial=-1)
            lo = np.where(seen, sub, 127).min(axis=0, initial=127)
            new_v = keep_v.copy()
            new_v[keep_v] = hi > lo
            counts = (codes[:, new_v] >= 0).sum(axis=1)
            new_m = keep_m & (counts >= min_votes)
            if (new_v == keep_v).all() and (new_m == keep_m).all():
                break
            keep_m, keep_v = new_m, new_v
        counts = (codes[:, keep_v] >= 0).sum(axis=1)
        left = {int(m): int(c) for m, c in zip(members[~keep_m], counts[~keep_m], strict=True)}
        return cls(
            codes[np.ix_(keep_m, keep_v)], members[keep_m], counts[keep_m], left, votes[keep_v]
        )


# ---------------------------------------------------------------------------
# Classical scaling


def _blocks(codes: npt.NDArray[np.int8], n_categories: int) -> tuple[Floats32, Floats32, Floats32]:
    """Matrices whose products count votes in common and disagreement for every pair.

    With positions scored t = 0 (no) … 1 (yes), a pair disagrees by |t_a − t_b|
    on a vote: yes against no is a whole disagreement, an abstention against
    either half of one. ``voted @ voted.T`` counts the votes both cast and
    ``left @ right.T`` (plus its transpose) sums the disagreement.
    """
    ind = [(codes == k).astype(np.float32) for k in range(n_categories)]
    score = np.linspace(0.0, 1.0, n_categories)
    left = np.hstack(ind[:-1])
    right = np.hstack(
        [
            sum((score[b] - score[a]) * ind[b] for b in range(a + 1, n_categories))
            for a in range(n_categories - 1)
        ]
    )
    voted = np.asarray(sum(ind[1:], ind[0]), dtype=np.float32)
    return voted, left, np.asarray(right, dtype=np.float32)


def _squared_distances(
    voted: Floats32, left: Floats32, right: Floats32, weights: Floats32 | None = None
) -> Floats:
    """(1 − agreement)² for every pair of members.

    ``weights`` (replicates × votes) gives one matrix per bootstrap replicate.
    """
    if weights is None:
        common = voted @ voted.T
        apart = left @ right.T
    else:
        # One large product per quantity, replicates stacked on the rows.
        b, (n, m) = len(weights), voted.shape
        blocks = left.shape[1] // m
        common = ((voted[None] * weights[:, None, :]).reshape(b * n, m) @ voted.T).reshape(b, n, n)
        tiled = np.tile(weights, blocks)
        apart = ((left[None] * tiled[:, None, :]).reshape(b * n, -1) @ right.T).reshape(b, n, n)
    apart = apart + np.swapaxes(apart, -1, -2)
    with np.errstate(invalid="ignore", divide="ignore"):
        d = (apart.astype(np.float64) / common) ** 2
    if np.isnan(d).any():
        # Pairs with no vote in common: the mean squared distance of the rest.
        fill = np.nanmean(d, axis=(-2, -1), keepdims=True)
        d = np.where(np.isnan(d), fill, d)
    return np.asarray(d, dtype=np.float64)


def _double_centre(d: Floats) -> Floats:
    centred = d - d.mean(axis=-1, keepdims=True) - d.mean(axis=-2, keepdims=True)
    return np.asarray(-0.5 * (centred + d.mean(axis=(-2, -1), keepdims=True)), dtype=np.float64)


def _scaling(
    codes: npt.NDArray[np.int8], n_categories: int, n_boot: int, rng: np.random.Generator
) -> tuple[Floats, Floats]:
    blocks = _blocks(codes, n_categories)
    b = _double_centre(_squared_distances(*blocks))
    n = b.shape[0]
    values, vectors = np.linalg.eigh(b)
    x = vectors[:, -1] * np.sqrt(max(values[-1], 0.0))
    if n_boot <= 0:
        return x, np.full(n, np.nan)
    m = codes.shape[1]
    weights = rng.multinomial(m, np.full(m, 1.0 / m), size=n_boot).astype(np.float32)
    boot = _double_centre(_squared_distances(*blocks, weights))
    # Power iteration from the full-sample solution: the leading eigenvalue of a
    # replicate is close to the full sample's, so a few dozen steps settle it.
    v = np.broadcast_to(vectors[:, -1], (n_boot, n)).copy()
    for _ in range(_POWER_STEPS):
        v = (boot @ v[:, :, None])[:, :, 0]
        v /= np.linalg.norm(v, axis=1, keepdims=True)
    lam = ((boot @ v[:, :, None])[:, :, 0] * v).sum(axis=1)
    xb = v * np.sqrt(np.clip(lam, 0.0, None))[:, None]
    xb *= np.sign(xb @ x)[:, None]
    return x, xb.std(axis=0, ddof=1)


# ---------------------------------------------------------------------------
# Ordered-probit item-response model


@dataclass
class _OrdinalFit:
    x: Floats  # standardised
    se: Floats
    raw: Floats  # as fitted, on the scale the priors give
    cuts: Floats
    beta: Floats
    converged: bool
    iterations: int
    classified: float = float("nan")  # share of positions the fit predicts
    apre: float = float("nan")  # aggregate proportional reduction in error


def _fit_quality(cells: _Cells, x: Floats, cuts: Floats, beta: Floats) -> tuple[float, float]:
    """Share of positions predicted (most probable category) and APRE.

    APRE (Poole and Rosenthal) compares the fit's errors with those of predicting
    every vote's most common position: (minority positions - errors) / minority
    positions, summed over the votes. Near 0: one dimension explains little.
    """
    from scipy.special import ndtr

    eta = beta[cells.j] * x[cells.i]
    padded = np.column_stack([np.full(cells.m, -_FAR), cuts, np.full(cells.m, _FAR)])
    prob = np.diff(ndtr(padded[cells.j] - eta[:, None]), axis=1)
    errors = int((prob.argmax(axis=1) != cells.y).sum())
    counts = np.zeros((cells.m, cells.k), dtype=np.int64)
    np.add.at(counts, (cells.j, cells.y), 1)
    minority = int((counts.sum(axis=1) - counts.max(axis=1)).sum())
    classified = 1 - errors / len(cells.y) if len(cells.y) else float("nan")
    apre = (minority - errors) / minority if minority else float("nan")
    return float(classified), float(apre)


class _Cells:
    """The observed cells of a group and the model's derivatives on them."""

    def __init__(self, codes: npt.NDArray[np.int8], n_categories: int) -> None:
        self.n, self.m = codes.shape
        self.k = n_categories
        i, j = np.nonzero(codes >= 0)
        self.i: Ints = i
        self.j: Ints = j
        self.y: Ints = codes[i, j].astype(np.intp)
        self.top = self.y < n_categories - 1  # has a finite upper bound
        self.bottom = self.y > 0  # has a finite lower bound

    def bounds(self, x: Floats, cuts: Floats, beta: Floats) -> tuple[Floats, Floats]:
        padded = np.column_stack([np.full(self.m, -_FAR), cuts, np.full(self.m, _FAR)])
        eta = beta[self.j] * x[self.i]
        return padded[self.j, self.y + 1] - eta, padded[self.j, self.y] - eta

    @staticmethod
    def log_prob(hi: Floats, lo: Floats) -> Floats:
        """log(Φ(hi) − Φ(lo)), computed in the tail where it is small."""
        from scipy.special import log_ndtr

        flip = lo + hi > 0
        a = np.where(flip, -hi, lo)
        b = np.where(flip, -lo, hi)
        log_b = log_ndtr(b)
        with np.errstate(divide="ignore"):
            return np.asarray(log_b + np.log(-np.expm1(log_ndtr(a) - log_b)), dtype=np.float64)


def _log_posterior(cells: _Cells, x: Floats, cuts: Floats, beta: Floats) -> float:
    if cells.k == 3 and (cuts[:, 1] <= cuts[:, 0]).any():
        return -np.inf
    hi, lo = cells.bounds(x, cuts, beta)
    value = cells.log_prob(hi, lo).sum() - 0.5 * (x @ x)
    value -= 0.5 * ((cuts**2).sum() + beta @ beta) / ITEM_PRIOR_SD**2
    if cells.k == 3:
        value += np.log(cuts[:, 1] - cuts[:, 0]).sum()
    return float(value)


_Step = tuple[Floats, Floats, Floats]
_StepFor = Callable[[float], "_Step | None"]


def _damped_newton(
    x: Floats,
    cuts: Floats,
    beta: Floats,
    log_posterior: Callable[[Floats, Floats, Floats], float],
    linearise: Callable[[Floats, Floats, Floats], tuple[_StepFor, float]],
    max_iter: int,
) -> tuple[Floats, Floats, Floats, bool, int]:
    """Levenberg–Marquardt-damped Newton ascent shared by the ordinal fits.

    ``linearise`` returns, at the current parameters, a function giving the step for a
    damping (or None when that system cannot be solved) and the largest gradient entry.
    Returns the parameters, whether the fit converged, and the iterations used.
    """
    value = log_posterior(x, cuts, beta)
    damping = 1e-3
    converged = False
    iteration = 0
    while iteration < max_iter:
        iteration += 1
        step_for, gradient = linearise(x, cuts, beta)
        accepted = None
        while damping <= 1e8:
            step = step_for(damping)
            if step is not None:
                new = log_posterior(x + step[0], cuts + step[1], beta + step[2])
                if new > value:
                    accepted = step, new
                    break
            damping *= 10
        if accepted is None:
            # No step gains anything: the optimum, if the gradient agrees.
            converged = gradient < 1e-4
            break
        (dx, dcuts, dbeta), new = accepted
        gain = new - value
        x, cuts, beta, value = x + dx, cuts + dcuts, beta + dbeta, new
        damping = max(damping / 10, 1e-9)
        if gain < 1e-10 * (1 + abs(value)) and np.abs(dx).max() < 1e-6:
            converged = True
            break
    return x, cuts, beta, converged, iteration


def _ordinal(codes: npt.NDArray[np.int8], n_categories: int, max_iter: int) -> _OrdinalFit:
    """Penalised maximum likelihood by Levenberg–Marquardt-damped Newton steps.

    The Hessian couples every point with every vote; solving through the Schur
    complement on the points (one small dense system) keeps each step cheap. The
    cells are laid out densely (:class:`_Dense`): each step is a few dozen array
    operations and matrix products on members × votes arrays, and the
    log-posterior computed to accept a step is reused for the next derivatives.
    """
    model = _Dense(codes, n_categories)
    x = _start(codes, n_categories)
    cuts, beta = _fit_items(model, x, *_start_items(codes, n_categories, x))

    def linearise(x: Floats, cuts: Floats, beta: Floats) -> tuple[_StepFor, float]:
        curv = model.curvature(model.state_at(x, cuts, beta))
        gradient = max(np.abs(curv.grad_x).max(), np.abs(curv.grad_t).max())
        return curv.step, gradient

    x, cuts, beta, converged, iteration = _damped_newton(
        x, cuts, beta, model.log_posterior, linearise, max_iter
    )
    curv = model.curvature(model.state_at(x, cuts, beta))
    z, se = _dense_standardised(x, curv)
    classified, apre = _fit_quality(_Cells(codes, n_categories), x, cuts, beta)
    return _OrdinalFit(z, se, x, cuts, beta, converged, iteration, classified, apre)


def _fit_items(
    model: _Dense, x: Floats, cuts: Floats, beta: Floats, steps: int = 3
) -> tuple[Floats, Floats]:
    """A few Newton steps on the vote parameters alone, the points held at the start.

    With the points fixed each vote is an ordered-probit regression of its own (a
    concave problem), solved for all votes at once by 3 × 3 (or 2 × 2) systems: the
    joint fit then starts from vote parameters that fit the starting points.
    """
    state = model.evaluate(x, cuts, beta)
    if state is None:
        return cuts, beta
    for _ in range(steps):
        curv = model.curvature(state)
        try:
            step = np.linalg.solve(curv.tt, curv.grad_t[..., None])[..., 0]
        except np.linalg.LinAlgError:
            break
        size = 1.0
        for _ in range(6):
            new = model.evaluate(x, cuts + size * step[:, :-1], beta + size * step[:, -1])
            if new is not None and new.value > state.value:
                break
            size /= 2
        else:
            break
        state, cuts, beta = new, new.cuts, new.beta
    return cuts, beta


def _start(codes: npt.NDArray[np.int8], n_categories: int) -> Floats:
    x, _ = _scaling(codes, n_categories, 0, np.random.default_rng(0))
    sd = x.std()
    return x / sd if sd > 0 else x


def _start_items(
    codes: npt.NDArray[np.int8], n_categories: int, x: Floats
) -> tuple[Floats, Floats]:
    seen = codes >= 0
    total = seen.sum(axis=0)
    # Cut points from the share of members below each category, as if β = 0.
    shares = (
        np.column_stack([((codes < t) & seen).sum(axis=0) for t in range(1, n_categories)])
        / total[:, None]
    )
    from scipy.special import ndtri

    cuts = ndtri(np.clip(shares, 0.02, 0.98))
    if n_categories == 3:
        cuts[:, 1] = np.maximum(cuts[:, 1], cuts[:, 0] + 0.1)
    y = np.where(seen, codes, 0).astype(np.float64)
    xc = np.where(seen, (x - x.mean())[:, None], 0.0)
    ym = (y * seen).sum(axis=0) / total
    yc = np.where(seen, y - ym, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (xc * yc).sum(axis=0) / np.sqrt((xc**2).sum(axis=0) * (yc**2).sum(axis=0))
    return cuts, np.nan_to_num(r)


@dataclass
class _Curvature:
    """The negative Hessian of the log-posterior, by blocks."""

    xx: Floats  # n: diagonal of the points block
    xt: Floats  # n × m × P: points × vote parameters (n × 0 × P when sparse)
    tt: Floats  # m × P × P: each vote's block
    grad_x: Floats
    grad_t: Floats  # m × P
    #: With ``sparse=True``: the points × vote parameters block as (point, j·P + q, value)
    #: triplets, duplicates to be summed.
    xt_coo: tuple[Ints, Ints, Floats] | None = None


def _derivatives(
    cells: _Cells, x: Floats, cuts: Floats, beta: Floats, *, sparse: bool = False
) -> tuple[tuple[Floats, Floats], _Curvature]:
    """Gradient and negative Hessian of the log-posterior.

    A cell's log-probability is f(hi, lo) = log(Φ(hi) − Φ(lo)) with
    hi = c[y] − βx and lo = c[y−1] − βx; the chain rule does the rest.
    Vote parameters are ordered (c_1 … c_{K−1}, β).
    """
    n, m, k = cells.n, cells.m, cells.k
    p = k  # K − 1 cut points and β
    hi, lo = cells.bounds(x, cuts, beta)
    logp = cells.log_prob(hi, lo)
    r_h = np.where(cells.top, np.exp(-0.5 * hi**2 - _LOG_SQRT_2PI - logp), 0.0)
    r_l = np.where(cells.bottom, np.exp(-0.5 * lo**2 - _LOG_SQRT_2PI - logp), 0.0)
    g_h, g_l = r_h, -r_l
    h_hh = -hi * r_h - r_h**2
    h_ll = lo * r_l - r_l**2
    h_hl = r_h * r_l
    xi, bj = x[cells.i], beta[cells.j]
    g_sum = g_h + g_l
    h_sum = h_hh + 2 * h_hl + h_ll
    h_h = h_hh + h_hl  # d²f/dhi d(hi+lo)
    h_l = h_hl + h_ll
    i, j, y = cells.i, cells.j, cells.y
    ih, il = np.nonzero(cells.top)[0], np.nonzero(cells.bottom)[0]
    ch, cl = y[ih], y[il] - 1  # parameter index of the upper and lower cut point

    grad_x = np.bincount(i, -bj * g_sum, minlength=n) - x
    grad_t = np.zeros((m, p))
    np.add.at(grad_t, (j[ih], ch), g_h[ih])
    np.add.at(grad_t, (j[il], cl), g_l[il])
    grad_t[:, -1] = np.bincount(j, -xi * g_sum, minlength=m)
    grad_t[:, -1] -= beta / ITEM_PRIOR_SD**2
    grad_t[:, :-1] -= cuts / ITEM_PRIOR_SD**2

    xx = np.asarray(1.0 - np.bincount(i, bj**2 * h_sum, minlength=n), dtype=np.float64)
    xt_coo = None
    if sparse:
        xt = np.zeros((n, 0, p))
        xt_coo = (
            np.concatenate([i[ih], i[il], i]),
            np.concatenate([j[ih] * p + ch, j[il] * p + cl, j * p + p - 1]),
            np.concatenate([bj[ih] * h_h[ih], bj[il] * h_l[il], -(bj * xi * h_sum - g_sum)]),
        )
    else:
        xt = np.zeros((n, m, p))
        xt[i[ih], j[ih], ch] = bj[ih] * h_h[ih]
        xt[i[il], j[il], cl] += bj[il] * h_l[il]
        xt[i, j, -1] = -(bj * xi * h_sum - g_sum)
    tt = np.zeros((m, p, p))
    np.add.at(tt, (j[ih], ch, ch), -h_hh[ih])
    np.add.at(tt, (j[il], cl, cl), -h_ll[il])
    both = cells.top & cells.bottom
    ib = np.nonzero(both)[0]
    np.add.at(tt, (j[ib], y[ib], y[ib] - 1), -h_hl[ib])
    np.add.at(tt, (j[ib], y[ib] - 1, y[ib]), -h_hl[ib])
    np.add.at(tt, (j[ih], ch, np.full_like(ch, p - 1)), xi[ih] * h_h[ih])
    np.add.at(tt, (j[il], cl, np.full_like(cl, p - 1)), xi[il] * h_l[il])
    tt[:, -1, :-1] = tt[:, :-1, -1]
    tt[:, -1, -1] = -np.bincount(j, xi**2 * h_sum, minlength=m)
    diag = np.arange(p)
    tt[:, diag, diag] += 1 / ITEM_PRIOR_SD**2
    if k == 3:
        gap = cuts[:, 1] - cuts[:, 0]
        grad_t[:, 0] -= 1 / gap
        grad_t[:, 1] += 1 / gap
        barrier = 1 / gap**2
        tt[:, 0, 0] += barrier
        tt[:, 1, 1] += barrier
        tt[:, 0, 1] -= barrier
        tt[:, 1, 0] -= barrier
    return (grad_x, grad_t), _Curvature(xx, xt, tt, grad_x, grad_t, xt_coo)


def _solve_pd(matrix: Floats, rhs: Floats) -> Floats:
    """Solve with a symmetric positive-definite matrix; LinAlgError when it is not.

    numpy's LAPACK only: mixing in scipy's, which brings its own BLAS threads,
    made each small solve wait for the other library's spinning threads.
    """
    lower = np.linalg.cholesky(matrix)
    return np.asarray(np.linalg.solve(lower.T, np.linalg.solve(lower, rhs)), dtype=np.float64)


# ---------------------------------------------------------------------------
# The static ordered-probit fit on a dense members × votes layout


@dataclass
class _DenseState:
    """The model evaluated at one point: what the derivatives there reuse."""

    x: Floats
    cuts: Floats
    beta: Floats
    value: float
    eta: Floats  # n × m: β_j x_i
    u: Floats  # n × m: argument of Φ for the first and last categories
    log_phi: Floats  # n × m: log Φ(u)
    hi: Floats  # middle-category cells: upper and lower bound, log-probability
    lo: Floats
    log_mid: Floats


class _Dense:
    """One group's cells, laid out as members × votes arrays for the static fit.

    A position in the first category (no) has one finite bound, the first cut
    point: log Φ(c_1 − βx); one in the last (yes) the last cut point:
    log Φ(βx − c_{K−1}). Those cells, nearly all of them, take one ``log_ndtr``
    and are summed with matrix-vector products; only the middle category
    (abstain) needs both bounds, on its own short list of cells.
    """

    def __init__(self, codes: npt.NDArray[np.int8], n_categories: int) -> None:
        self.n, self.m = codes.shape
        self.k = n_categories
        self.first = (codes == 0).astype(np.float64)
        self.last = (codes == n_categories - 1).astype(np.float64)
        self.sign = self.first - self.last
        self.ends = self.first + self.last
        if n_categories == 3:
            mi, mj = np.nonzero(codes == 1)
        else:
            mi = mj = np.zeros(0, dtype=np.intp)
        self.mi: Ints = mi
        self.mj: Ints = mj
        self.cached: _DenseState | None = None

    def evaluate(self, x: Floats, cuts: Floats, beta: Floats) -> _DenseState | None:
        """The log-posterior at a point (None outside the model: cut points out of order)."""
        from scipy.special import log_ndtr

        if self.k == 3 and (cuts[:, 1] <= cuts[:, 0]).any():
            return None
        eta = np.multiply.outer(x, beta)
        u = self.sign * (self.first * cuts[:, 0] + self.last * cuts[:, -1] - eta)
        log_phi = log_ndtr(u)
        value = float(np.vdot(self.ends, log_phi))
        mj = self.mj
        e_mid = eta[self.mi, mj]
        hi, lo = cuts[mj, -1] - e_mid, cuts[mj, 0] - e_mid
        log_mid = _Cells.log_prob(hi, lo)
        value += float(log_mid.sum()) - 0.5 * float(x @ x)
        value -= 0.5 * (float((cuts**2).sum()) + float(beta @ beta)) / ITEM_PRIOR_SD**2
        if self.k == 3:
            value += float(np.log(cuts[:, 1] - cuts[:, 0]).sum())
        state = _DenseState(x, cuts, beta, value, eta, u, log_phi, hi, lo, log_mid)
        self.cached = state
        return state

    def log_posterior(self, x: Floats, cuts: Floats, beta: Floats) -> float:
        state = self.evaluate(x, cuts, beta)
        return -np.inf if state is None else state.value

    def state_at(self, x: Floats, cuts: Floats, beta: Floats) -> _DenseState:
        """The last evaluation if it was at this point, else a new one."""
        c = self.cached
        if (
            c is not None
            and np.array_equal(c.x, x)
            and np.array_equal(c.cuts, cuts)
            and np.array_equal(c.beta, beta)
        ):
            return c
        state = self.evaluate(x, cuts, beta)
        if state is None:
            raise ValueError("cut points out of order")
        return state

    def curvature(self, state: _DenseState) -> _DenseCurvature:
        """Gradient and negative Hessian of the log-posterior at ``state``.

        With η = βx, a cell's log-probability f depends on the point and the
        discrimination only through η, so the chain rule needs, per cell, df/dη,
        d²f/dη² and, per cut point q, d²f/dc_q dη (dense arrays), plus the
        cut points' own terms (per vote).
        """
        n, m, k = self.n, self.m, self.k
        p = k
        x, cuts, beta, u = state.x, state.cuts, state.beta, state.u
        # First and last category: f = log Φ(u), u = ±(c − η); λ = φ(u)/Φ(u).
        lam = np.exp(-0.5 * u * u - _LOG_SQRT_2PI - state.log_phi)
        lam *= self.ends
        kap = lam * (u + lam)  # −f''(u)
        lam_first, lam_last = lam * self.first, lam * self.last
        kap_first, kap_last = kap * self.first, kap * self.last
        g_eta = lam_last - lam_first  # df/dη
        h_eta = -kap  # d²f/dη²
        grad_t = np.zeros((m, p))
        tt = np.zeros((m, p, p))
        grad_t[:, 0] += lam_first.sum(axis=0)
        grad_t[:, k - 2] -= lam_last.sum(axis=0)
        tt[:, 0, 0] += kap_first.sum(axis=0)
        tt[:, k - 2, k - 2] += kap_last.sum(axis=0)
        # d²f/dc_q dη, one array per cut point
        h_cut = [kap_first, kap_last] if k == 3 else [kap_first + kap_last]
        mi, mj = self.mi, self.mj
        if len(mi):
            # Middle category: f = log(Φ(hi) − Φ(lo)), hi = c_2 − η, lo = c_1 − η.
            hi, lo = state.hi, state.lo
            r_h = np.exp(-0.5 * hi**2 - _LOG_SQRT_2PI - state.log_mid)
            r_l = np.exp(-0.5 * lo**2 - _LOG_SQRT_2PI - state.log_mid)
            f_hh = -hi * r_h - r_h**2
            f_ll = lo * r_l - r_l**2
            f_hl = r_h * r_l
            g_eta[mi, mj] = r_l - r_h
            h_eta[mi, mj] = f_hh + 2 * f_hl + f_ll
            h_cut[0][mi, mj] = -(f_hl + f_ll)
            h_cut[1][mi, mj] = -(f_hh + f_hl)
            grad_t[:, 0] -= np.bincount(mj, r_l, minlength=m)
            grad_t[:, 1] += np.bincount(mj, r_h, minlength=m)
            tt[:, 0, 0] -= np.bincount(mj, f_ll, minlength=m)
            tt[:, 1, 1] -= np.bincount(mj, f_hh, minlength=m)
            both = np.bincount(mj, f_hl, minlength=m)
            tt[:, 0, 1] -= both
            tt[:, 1, 0] -= both
        grad_x = g_eta @ beta - x
        grad_t[:, -1] = x @ g_eta - beta / ITEM_PRIOR_SD**2
        grad_t[:, :-1] -= cuts / ITEM_PRIOR_SD**2
        xx = 1.0 - h_eta @ (beta * beta)
        tt[:, -1, -1] = 1.0 / ITEM_PRIOR_SD**2 - (x * x) @ h_eta
        # Points × vote parameters, one members × votes plane per parameter.
        xt = np.empty((n, p, m))
        for q, h in enumerate(h_cut):
            xt[:, q, :] = -h * beta
            tt[:, q, -1] = tt[:, -1, q] = -(x @ h)
            tt[:, q, q] += 1.0 / ITEM_PRIOR_SD**2
        xt[:, -1, :] = -(g_eta + state.eta * h_eta)
        if k == 3:
            gap = cuts[:, 1] - cuts[:, 0]
            grad_t[:, 0] -= 1 / gap
            grad_t[:, 1] += 1 / gap
            barrier = 1 / gap**2
            tt[:, 0, 0] += barrier
            tt[:, 1, 1] += barrier
            tt[:, 0, 1] -= barrier
            tt[:, 1, 0] -= barrier
        return _DenseCurvature(grad_x, grad_t, xx, xt, tt)


@dataclass
class _DenseCurvature:
    grad_x: Floats
    grad_t: Floats  # m × P
    xx: Floats  # n: diagonal of the points block
    xt: Floats  # n × P × m: points × vote parameters
    tt: Floats  # m × P × P

    def schur(self, damping: float) -> tuple[Floats, Floats, Floats] | None:
        """With damping λ: the Schur complement on the points D + λ − X (T + λ)⁻¹ Xᵀ,
        W = X L (flattened, n × P·m) and L, where L Lᵀ = (T + λ)⁻¹ per vote.

        Through W the complement is one symmetric product W Wᵀ.
        """
        n, p, m = self.xt.shape
        try:
            lower = np.linalg.cholesky(np.linalg.inv(self.tt + damping * np.eye(p)))
        except np.linalg.LinAlgError:
            return None
        xt = self.xt
        w = np.empty((n, p, m))
        for q in range(p):
            acc = xt[:, q, :] * lower[:, q, q]
            for r in range(q + 1, p):
                acc += xt[:, r, :] * lower[:, r, q]
            w[:, q, :] = acc
        flat = w.reshape(n, p * m)
        schur = flat @ flat.T
        schur *= -1.0
        schur[np.diag_indices(n)] += self.xx + damping
        return np.asarray(schur, dtype=np.float64), flat, np.asarray(lower, dtype=np.float64)

    def step(self, damping: float) -> tuple[Floats, Floats, Floats] | None:
        """Solve (−H + λI) δ = ∇ through the Schur complement on the points."""
        parts = self.schur(damping)
        if parts is None:
            return None
        schur, flat, lower = parts
        n, p, m = self.xt.shape
        # X (T + λ)⁻¹ g = W Lᵀ g
        lt_g = np.einsum("jrq,jr->qj", lower, self.grad_t)
        rhs = self.grad_x - flat @ lt_g.reshape(p * m)
        try:
            dx = _cho_solve(schur, rhs)
        except np.linalg.LinAlgError:
            return None
        rest = self.grad_t - (dx @ self.xt.reshape(n, p * m)).reshape(p, m).T
        lt_rest = np.einsum("jrq,jr->jq", lower, rest)
        dt = np.einsum("jpq,jq->jp", lower, lt_rest)
        return dx, dt[:, :-1], dt[:, -1]


def _cho_solve(matrix: Floats, rhs: Floats) -> Floats:
    """Solve with a symmetric positive-definite matrix (LAPACK potrf/potrs);
    LinAlgError when it is not positive definite."""
    from scipy.linalg import lapack

    factor, info = lapack.dpotrf(matrix, lower=True, clean=False)
    if info != 0:
        raise np.linalg.LinAlgError("not positive definite")
    out, info = lapack.dpotrs(factor, rhs, lower=True)
    if info != 0 or not np.isfinite(out).all():
        raise np.linalg.LinAlgError("solve failed")
    return np.asarray(out, dtype=np.float64)


def _dense_standardised(x: Floats, curv: _DenseCurvature) -> tuple[Floats, Floats]:
    """Points with mean 0 and sd 1, and their Laplace standard errors.

    The likelihood does not change when the points are shifted or stretched and
    the vote parameters follow; only the priors pin location and scale, and
    loosely. Standardising removes both, and the delta method carries the
    posterior covariance of the points (vote parameters integrated out, through
    the Schur complement) over to the standardised points.
    """
    n = len(x)
    sd = x.std()
    z = (x - x.mean()) / sd
    parts = curv.schur(0.0)
    try:
        if parts is None:
            raise np.linalg.LinAlgError("singular vote block")
        cov = _cho_solve(parts[0], np.eye(n))
    except np.linalg.LinAlgError:
        cov = np.diag(1 / curv.xx)
    jac = (np.eye(n) - 1 / n - np.outer(z, z) / n) / sd
    var = ((jac @ cov) * jac).sum(axis=1)
    return z, np.asarray(np.sqrt(np.clip(var, 0.0, None)), dtype=np.float64)


# ---------------------------------------------------------------------------
# Dynamic ordered-probit model: one fit over all groups, points linked in time


@dataclass
class _DynamicFit:
    x: Floats  # standardised over all member-groups, one per slot
    se: Floats
    converged: bool
    iterations: int


def _walk_precision(
    member: Ints, period: Ints, tau: float
) -> tuple[Any, Ints]:  # (scipy.sparse matrix, first slot of each path)
    """Prior precision of a random walk per member: first slot N(0, 1), each later
    slot N(previous, τ² × sessions elapsed)."""
    from scipy import sparse

    n = len(member)
    order = np.lexsort((period, member))
    same = member[order[1:]] == member[order[:-1]]
    prev, cur = order[:-1][same], order[1:][same]
    w = 1.0 / (tau**2 * (period[cur] - period[prev]))
    first = np.setdiff1d(np.arange(n), cur)
    diag = np.zeros(n)
    diag[first] = 1.0
    np.add.at(diag, cur, w)
    np.add.at(diag, prev, w)
    q = sparse.coo_matrix(
        (
            np.concatenate([diag, -w, -w]),
            (np.concatenate([np.arange(n), prev, cur]), np.concatenate([np.arange(n), cur, prev])),
        ),
        shape=(n, n),
    ).tocsc()
    return q, first


def _dynamic_parts(
    cells: _Cells, x: Floats, cuts: Floats, beta: Floats, q: Any
) -> tuple[Floats, Floats, Floats, Any, Floats]:
    """Gradient on points and vote parameters, the data part of the points' curvature,
    the points × vote parameters block (sparse) and the votes' blocks, under the
    random-walk prior ``q`` instead of the static N(0, 1)."""
    from scipy import sparse

    (grad_x, grad_t), curv = _derivatives(cells, x, cuts, beta, sparse=True)
    assert curv.xt_coo is not None
    grad_x = grad_x + x - q @ x  # swap the N(0, 1) prior for the walk
    rows, cols, vals = curv.xt_coo
    xt = sparse.csr_matrix((vals, (rows, cols)), shape=(cells.n, cells.m * cells.k))
    return grad_x, grad_t, curv.xx - 1.0, xt, curv.tt


def _dynamic_log_posterior(cells: _Cells, x: Floats, cuts: Floats, beta: Floats, q: Any) -> float:
    return _log_posterior(cells, x, cuts, beta) + 0.5 * float(x @ x) - 0.5 * float(x @ (q @ x))


def _dynamic_step(
    grad_x: Floats, grad_t: Floats, xx: Floats, xt: Any, tt: Floats, q: Any, damping: float
) -> tuple[Floats, Floats, Floats] | None:
    """Solve (−H + λI) δ = ∇ through the Schur complement on the points (sparse:
    dense within a group, the walk's links between groups)."""
    from scipy import sparse
    from scipy.sparse.linalg import splu

    m, p = grad_t.shape
    try:
        tt_inv = np.linalg.inv(tt + damping * np.eye(p))
    except np.linalg.LinAlgError:
        return None
    block = sparse.block_diag(list(tt_inv), format="csr")
    ct = xt @ block
    schur = (q + sparse.diags(xx + damping) - ct @ xt.T).tocsc()
    rhs = grad_x - ct @ grad_t.reshape(m * p)
    try:
        dx = np.asarray(splu(schur).solve(rhs), dtype=np.float64)
    except RuntimeError:
        return None
    if not np.isfinite(dx).all():
        return None
    dt = np.einsum("jpq,jq->jp", tt_inv, grad_t - (xt.T @ dx).reshape(m, p))
    return dx, dt[:, :-1], dt[:, -1]


def _dynamic(
    matrices: list[npt.NDArray[np.int8]],
    member: Ints,
    items: Ints,
    n_categories: int,
    tau: float,
    max_iter: int,
) -> _DynamicFit:
    """One ordered-probit fit over all groups; ``member`` numbers the rows of the
    stacked matrices (one slot per member and group) by member, ``items`` the
    columns by question: columns with the same number share their parameters."""
    from scipy import sparse

    sizes = [c.shape for c in matrices]
    n, m = sum(s[0] for s in sizes), int(items.max()) + 1
    period = np.repeat(np.arange(len(matrices)), [s[0] for s in sizes])
    codes = np.full((n, m), -1, dtype=np.int8)
    starts: list[Floats] = []
    r = c = 0
    previous: dict[int, float] = {}
    for block in matrices:
        rows, cols = block.shape
        codes[r : r + rows, items[c : c + cols]] = block
        x0 = _start(block, n_categories)
        ids = member[r : r + rows]
        shared = [k for k, i in enumerate(ids) if int(i) in previous]
        if len(shared) > 1:
            before = np.array([previous[int(ids[k])] for k in shared])
            if np.dot(x0[shared] - x0[shared].mean(), before - before.mean()) < 0:
                x0 = -x0
        previous.update({int(i): float(v) for i, v in zip(ids, x0, strict=True)})
        starts.append(x0)
        r, c = r + rows, c + cols
    cells = _Cells(codes, n_categories)
    q, _ = _walk_precision(member, period, tau)
    x = np.concatenate(starts)
    cuts, beta = _start_items(codes, n_categories, x)

    def linearise(x: Floats, cuts: Floats, beta: Floats) -> tuple[_StepFor, float]:
        grad_x, grad_t, xx, xt, tt = _dynamic_parts(cells, x, cuts, beta, q)
        gradient = max(np.abs(grad_x).max(), np.abs(grad_t).max())
        return (lambda damping: _dynamic_step(grad_x, grad_t, xx, xt, tt, q, damping)), gradient

    x, cuts, beta, converged, iteration = _damped_newton(
        x,
        cuts,
        beta,
        lambda x, c, b: _dynamic_log_posterior(cells, x, c, b, q),
        linearise,
        max_iter,
    )
    # Laplace: covariance of the points with the vote parameters integrated out.
    _, _, xx, xt, tt = _dynamic_parts(cells, x, cuts, beta, q)
    precision = q + sparse.diags(xx) - xt @ sparse.block_diag(list(np.linalg.inv(tt))) @ xt.T
    dense = np.asarray(precision.toarray(), dtype=np.float64)
    try:
        cov = _solve_pd(dense, np.eye(n))
    except np.linalg.LinAlgError:
        cov = np.diag(1 / np.clip(np.diag(dense), 1e-12, None))
    # One shift and stretch for all groups (so moves stay comparable), and the delta
    # method through it: row i of the Jacobian is (e_i − (1 + z_i z)/n) / sd.
    sd = x.std()
    z = (x - x.mean()) / sd
    ones = np.ones(n)
    u, w = cov @ ones, cov @ z
    var = (
        np.diag(cov) - 2 / n * (u + z * w) + (ones @ u + 2 * z * (ones @ w) + z**2 * (z @ w)) / n**2
    ) / sd**2
    se = np.asarray(np.sqrt(np.clip(var, 0.0, None)), dtype=np.float64)
    return _DynamicFit(z, se, converged, iteration)
