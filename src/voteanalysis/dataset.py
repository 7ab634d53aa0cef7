"""The dataset object: the kit's tables, loaded and typed, with filters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

import pandas as pd

from .schema import TABLES

__all__ = ["VoteDataset"]


def _as_set(value: str | Iterable[str] | None) -> set[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return {value}
    return set(value)


@dataclass
class VoteDataset:
    """Votes, named positions and what surrounds them, as tidy DataFrames.

    Attributes
    ----------
    votes, positions, group_tallies, members, statements, elections
        One DataFrame per table of the schema (see ``data/README.md``).
        ``positions.position`` is an ordered categorical.
    origin
        Where the data were read from, for captions and messages.
    """

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

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self.tables.items())
        return f"VoteDataset({sizes}, origin={self.origin!r})"

    def filter(
        self,
        *,
        body: str | Iterable[str] | None = None,
        session: str | Iterable[str] | None = None,
        subject: str | Iterable[str] | None = None,
        member: str | Iterable[str] | None = None,
        vote_id: str | Iterable[str] | None = None,
        kind: str | Iterable[str] | None = None,
    ) -> VoteDataset:
        """Return a new dataset restricted to matching votes.

        ``member`` (ids or names as written) keeps all matching votes but only
        the positions of those members. Returns a copy; this dataset is unchanged.

        Examples
        --------
        >>> import voteanalysis as va
        >>> gb = va.load_dataset().filter(body="ILO-GB", subject="Belarus")
        >>> sorted(gb.votes["session"])
        ['GB.355']
        """
        votes = self.votes
        for column, wanted in (
            ("body", body),
            ("session", session),
            ("subject", subject),
            ("vote_id", vote_id),
            ("kind", kind),
        ):
            values = _as_set(wanted)
            if values is not None:
                votes = votes[votes[column].isin(values)]
        keep = set(votes["vote_id"])
        out: dict[str, Any] = {}
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
        members = _as_set(member)
        if members is not None:
            pos = out["positions"]
            out["positions"] = pos[
                pos["member_id"].isin(members) | pos["member"].isin(members)
            ].reset_index(drop=True)
        return VoteDataset(**out, origin=self.origin)


def _require_dataset(data: object, caller: str) -> VoteDataset:
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
