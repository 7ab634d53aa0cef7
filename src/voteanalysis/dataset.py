"""The dataset object: the kit's tables, loaded and typed, with filters."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

import pandas as pd

from .errors import VoteDataError
from .schema import BODIES, TABLES

__all__ = ["ISSUES", "VoteDataset", "fold"]


def _as_set(value: str | Iterable[str] | None) -> set[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return {value}
    return set(value)


@dataclass(eq=False)
class VoteDataset:
    """Votes, named positions and what surrounds them, as tidy DataFrames.

    Attributes
    ----------
    votes, positions, group_tallies, members, statements, elections
        One DataFrame per table of the schema (see ``data/README.md``).
        ``positions.position`` is an ordered categorical.
    origin
        Where the data were read from, for captions and messages.

    Two datasets are equal (``==``) when they come from the same origin and every
    table has the same columns, in the same order, with the same dtypes and values
    (:meth:`pandas.DataFrame.equals`: missing values in the same places are equal).
    A dataset is not hashable: its tables can change in place, so no hash would
    stay true to its contents.

    Examples
    --------
    >>> import voteanalysis as va
    >>> va.load_dataset() == va.load_dataset()
    True
    >>> va.load_dataset() != va.load_dataset().filter(body="ILO-GB")
    True
    """

    __hash__ = None  # type: ignore[assignment]

    votes: pd.DataFrame
    positions: pd.DataFrame
    group_tallies: pd.DataFrame = field(default_factory=pd.DataFrame)
    members: pd.DataFrame = field(default_factory=pd.DataFrame)
    statements: pd.DataFrame = field(default_factory=pd.DataFrame)
    elections: pd.DataFrame = field(default_factory=pd.DataFrame)
    origin: str = ""

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, in schema order."""
        return {name: getattr(self, name) for name in TABLES}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, VoteDataset):
            return NotImplemented
        if self.origin != other.origin:
            return False
        return all(
            _same_table(getattr(self, f.name), getattr(other, f.name))
            for f in fields(self)
            if f.name != "origin"
        )

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self.tables.items())
        return f"VoteDataset({sizes}, origin={self.origin!r})"

    def filter(
        self,
        *,
        body: str | Iterable[str] | None = None,
        session: str | int | Iterable[str | int] | None = None,
        subject: str | Iterable[str] | None = None,
        title: str | Iterable[str] | None = None,
        issue: str | Iterable[str] | None = None,
        member: str | Iterable[str] | None = None,
        vote_id: str | Iterable[str] | None = None,
        kind: str | Iterable[str] | None = None,
        allow_empty: bool = False,
    ) -> VoteDataset:
        """Return a new dataset restricted to matching votes.

        Every criterion takes one value or several (any of them matches) and is
        matched the way people type, ignoring case, accents, spaces and punctuation:

        - ``body``: a code (``"IAEA-BoG"``), its start (``"IAEA"``, ``"ILO"`` for
          every ILO body) or its name (``"Governing Body"``);
        - ``session``: ``"GB.355"``, ``"GB 355"``, ``"gb355"``; ``74`` for the
          General Assembly;
        - ``subject``: the subject as written (``"belarus"``); where no subject is
          written so, the subjects that contain the words (``"russia"`` matches
          ``"Russian Federation/Ukraine"``);
        - ``title``: words the title contains;
        - ``issue``: a UN General Assembly issue code (``me``, ``nu``, ``di``,
          ``hr``, ``co``, ``ec``) or its name (``"human rights"``);
        - ``vote_id`` and ``kind``: the value, in any case.

        ``member`` (ids or names as the sources write them, in any case) keeps
        all matching votes but only the positions of those members. Returns a
        copy; this dataset is unchanged.
        ``allow_empty=True`` returns an empty dataset instead of raising when no
        vote matches (for code that says so itself).

        Raises
        ------
        VoteDataError
            When no vote matches: the message names the criterion that left
            nothing and the closest values that exist.
        ValueError
            For an ``issue`` that is none of the codes or names.

        Examples
        --------
        >>> import voteanalysis as va
        >>> gb = va.load_dataset().filter(body="ILO-GB", subject="Belarus")
        >>> sorted(gb.votes["session"])
        ['GB.355']
        >>> sorted(va.load_dataset().filter(session="gb 355").votes["vote_id"])
        ['ILO-GB355-BLR']
        """
        criteria = {
            "body": body,
            "session": session,
            "subject": subject,
            "title": title,
            "issue": issue,
            "vote_id": vote_id,
            "kind": kind,
        }
        votes = _matching_votes(self.votes, criteria, allow_empty=allow_empty)
        out = self._tables_of(votes)
        if member is not None:
            out["positions"] = _positions_of(out["positions"], member)
        return VoteDataset(**out, origin=self.origin)

    def _tables_of(self, votes: pd.DataFrame) -> dict[str, pd.DataFrame]:
        """Every table cut to ``votes``: rows of other votes out, members of their bodies."""
        keep = set(votes["vote_id"])
        out: dict[str, pd.DataFrame] = {}
        for f in fields(self):
            if f.name == "origin":
                continue
            df: pd.DataFrame = getattr(self, f.name)
            if f.name == "votes":
                out[f.name] = votes.reset_index(drop=True)
            elif "vote_id" in df.columns:
                out[f.name] = df[df["vote_id"].isin(keep)].reset_index(drop=True)
            elif f.name == "members" and len(df):
                bodies = set(votes["body"])
                out[f.name] = df[df["body"].isin(bodies)].reset_index(drop=True)
            else:
                out[f.name] = df.copy()
        return out


def _matching_votes(
    votes: pd.DataFrame, criteria: dict[str, Any], *, allow_empty: bool
) -> pd.DataFrame:
    """The votes every given criterion matches, narrowed one criterion at a time.

    Raises :class:`VoteDataError` naming the criterion that left nothing (unless
    ``allow_empty``).
    """
    asked: list[str] = []
    for column, wanted in criteria.items():
        values = _as_list(wanted)
        if values is None:
            continue
        asked.append(f"{column}={values[0]!r}" if len(values) == 1 else f"{column}={values}")
        if column == "issue":
            keep_rows = _issue_rows(votes, values)
        else:
            keep_rows = _matching(votes[column], values, column)
        narrowed = votes[keep_rows]
        if len(votes) and not len(narrowed) and not allow_empty:
            raise VoteDataError(_nothing_matches(votes, column, values, asked))
        votes = narrowed
    return votes


def _positions_of(pos: pd.DataFrame, member: str | Iterable[str]) -> pd.DataFrame:
    """Only the positions of ``member`` (ids or names as written, in any case)."""
    members = _as_set(member)
    assert members is not None
    folded = {fold(m) for m in members} - {""}
    keep_rows = pd.Series(False, index=pos.index)
    for column in ("member_id", "member"):
        values = [v for v in pd.unique(pos[column].dropna()) if fold(v) in folded]
        keep_rows |= pos[column].isin(values).to_numpy()
    return pos[keep_rows].reset_index(drop=True)


def _same_table(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Same columns in the same order, same dtypes, same index and values."""
    return list(a.columns) == list(b.columns) and list(a.dtypes) == list(b.dtypes) and a.equals(b)


# --------------------------------------------------------------------------- matching


def _as_list(value: Any) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str | int):
        return [str(value)]
    return [str(v) for v in value]


def fold(text: object) -> str:
    """Text as it is compared by :meth:`VoteDataset.filter`: no case, accents or punctuation.

    Examples
    --------
    >>> fold("GB.355") == fold("gb 355")
    True
    >>> fold("Côte d'Ivoire")
    'cotedivoire'
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):  # type: ignore[call-overload]
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in bare.casefold() if c.isalnum())


def _body_names() -> dict[str, str]:
    """Folded names people give the bodies -> body code."""
    names: dict[str, str] = {}
    for code, description in BODIES.items():
        names[fold(code)] = code
        names[fold(description.split(" (")[0])] = code
    for alias, code in _BODY_ALIASES.items():
        names[fold(alias)] = code
    return names


_BODY_ALIASES = {
    "Governing Body": "ILO-GB",
    "ILO Conference": "ILO-ILC",
    "Conference": "ILO-ILC",
    "ILC": "ILO-ILC",
    "IAEA Board": "IAEA-BoG",
    "Board of Governors": "IAEA-BoG",
    "General Assembly": "UNGA",
    "UN General Assembly": "UNGA",
    "Human Rights Council": "UNHRC",
    "Security Council": "UNSC",
}

#: UN General Assembly issue codes (as ``unvotes`` codes them) and their names.
ISSUES: dict[str, str] = {
    "me": "Palestinian conflict",
    "nu": "Nuclear weapons and nuclear material",
    "di": "Arms control and disarmament",
    "hr": "Human rights",
    "co": "Colonialism",
    "ec": "Economic development",
}


def _matching(column: pd.Series, wanted: list[str], name: str) -> pd.Series:
    """Rows whose value matches any wanted value (see ``filter``)."""
    values = pd.Series(column.astype("object").to_numpy(), index=column.index)
    distinct = {v: fold(v) for v in values.dropna().unique()}
    hits: set[object] = set()
    for want in wanted:
        key = fold(want)
        exact = {v for v, f in distinct.items() if f == key and key}
        if name == "body" and not exact:
            code = _body_names().get(key)
            exact = {v for v in distinct if v == code}
            if not exact and key:
                exact = {v for v, f in distinct.items() if f.startswith(key)}
        elif name in ("subject", "title") and not exact and key:
            words = [fold(w) for w in want.split()]
            exact = {v for v, f in distinct.items() if all(w in f for w in words if w)}
        hits |= exact
    return values.isin(hits)


def _issue_codes(wanted: list[str]) -> set[str]:
    codes: set[str] = set()
    names = {fold(name): code for code, name in ISSUES.items()}
    for want in wanted:
        key = fold(want)
        if key in ISSUES:
            codes.add(key)
            continue
        found = {code for name, code in names.items() if key and key in name}
        if not found:
            choices = ", ".join(f"{c} ({n.lower()})" for c, n in ISSUES.items())
            raise ValueError(f"issue {want!r} is not an issue code or name; choose from {choices}")
        codes |= found
    return codes


def _issue_rows(votes: pd.DataFrame, wanted: list[str]) -> pd.Series:
    codes = _issue_codes(wanted)
    if not set(ISSUES) <= set(votes.columns):
        raise VoteDataError(
            "these votes have no issue codes (the UN General Assembly record has them: "
            "va.load_dataset('unga')); filter on subject= or title= instead"
        )
    rows = pd.Series(False, index=votes.index)
    for code in codes:
        rows |= votes[code].fillna(False).astype(bool)
    return rows


def _nothing_matches(votes: pd.DataFrame, column: str, wanted: list[str], asked: list[str]) -> str:
    before = f" among the votes left by {', '.join(asked[:-1])}" if len(asked) > 1 else ""
    head = f"no vote matches {asked[-1]}{before}"
    if column == "issue":
        counts = {
            f"{c} ({ISSUES[c].lower()})": int(votes[c].fillna(False).astype(bool).sum())
            for c in ISSUES
        }
        listed = ", ".join(f"{k}: {n}" for k, n in counts.items() if n)
        return f"{head}; issues of these votes: {listed or 'none'}"
    existing = [str(v) for v in pd.unique(votes[column].dropna().astype("object"))]
    by_fold = {fold(v): v for v in existing}
    closest: list[str] = []
    for want in wanted:
        for key in difflib.get_close_matches(fold(want), list(by_fold), n=5, cutoff=0.4):
            if by_fold[key] not in closest:
                closest.append(by_fold[key])
    if not closest and len(existing) <= 12:
        closest = sorted(existing)
    if not existing:
        return f"{head}; these votes have no {column}"
    shown = ", ".join(repr(v) for v in closest[:8])
    what = f"closest {column} values" if closest else f"{len(existing)} {column} values exist"
    example = "" if closest else f", e.g. {existing[0]!r}"
    return f"{head}; {what}: {shown}{example}" if closest else f"{head}; {what}{example}"


def require_dataset(data: object, caller: str) -> VoteDataset:
    """``data`` itself when it is a :class:`VoteDataset`, else a ``TypeError`` saying so.

    Called first by the public computations that take only a dataset, so that a wrong
    argument (``tally(42)``) is a ``TypeError`` naming what was expected.
    """
    if not isinstance(data, VoteDataset):
        raise TypeError(
            f"{caller}() needs a VoteDataset (e.g. va.load_dataset() or "
            f"va.read_dataset(path)), not {type(data).__name__}"
        )
    return data


def cell_text(value: object) -> str:
    """A cell as text: ``""`` when it is empty (``None``, ``NaN``, ``<NA>``).

    >>> cell_text(None), cell_text(float("nan")), cell_text(pd.NA), cell_text(3)
    ('', '', '', '3')
    """
    if value is None or (not isinstance(value, str) and _is_na(value)):
        return ""
    return str(value)


def _is_na(value: object) -> bool:
    try:
        return bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):  # list-like: not one missing value
        return False


def by_date(votes: pd.DataFrame) -> pd.DataFrame:
    """Rows in the order the votes were taken: by ``date``, then ``vote_id``; undated last.

    >>> t = pd.DataFrame({"vote_id": ["b", "a", "c"], "date": ["2024-03-14", None, "2023-11-09"]})
    >>> by_date(t)["vote_id"].tolist()
    ['c', 'b', 'a']
    """
    order = votes["date"].astype("object").where(votes["date"].notna(), "9999")
    return (
        votes.assign(_order=order.astype(str))
        .sort_values(["_order", "vote_id"], kind="stable")
        .drop(columns="_order")
    )
