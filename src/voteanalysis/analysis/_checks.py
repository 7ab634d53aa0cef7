"""Checks and recodes the analysis modules share.

One place for: what the data argument may be (:func:`split`), the one ``by``
normaliser (:func:`by_list`), how abstentions and absences are checked and
recoded to yes / no / abstain (:func:`check_counting`, :func:`recode`), and the
year read from a vote's date (:func:`year_of`). Wrong arguments go through
:mod:`voteanalysis.arguments`: a :class:`ValueError` or :class:`TypeError` that
names the valid choices.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from ..arguments import check_choice, check_type
from ..dataset import VoteDataset

__all__ = [
    "ABS",
    "ABSENT_CHOICES",
    "NO",
    "YES",
    "by_list",
    "check_counting",
    "check_members",
    "check_min",
    "recode",
    "split",
    "year_of",
]

# Counted position codes: yes 0 / no 1 / abstain 2 (-1 not counted).
YES, NO, ABS = 0, 1, 2

#: How ``absent`` and ``not_voting`` may count, everywhere in the analysis.
ABSENT_CHOICES: tuple[str, ...] = ("exclude", "abstain")


def split(func: str, data: object) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Positions and votes (``None`` for a bare positions DataFrame) of ``data``.

    >>> split("agreement", 3)
    Traceback (most recent call last):
    ...
    TypeError: agreement(): data must be a VoteDataset or a positions DataFrame ...
    """
    if isinstance(data, VoteDataset):
        return data.positions, data.votes
    if isinstance(data, pd.DataFrame):
        return data, None
    raise TypeError(
        f"{func}(): data must be a VoteDataset or a positions DataFrame (vote_id, "
        f"member_id, position), not {type(data).__name__}"
    )


def by_list(func: str, by: str | Sequence[str] | None) -> list[str]:
    """The ``by`` argument as a list of vote columns; ``None`` (all votes together) is ``[]``.

    >>> by_list("cohesion", "session"), by_list("cohesion", None)
    (['session'], [])
    >>> by_list("cohesion", ["body", "year"])
    ['body', 'year']
    >>> by_list("cohesion", 3)
    Traceback (most recent call last):
    ...
    TypeError: cohesion(): by must be a column name, a list of them or None, not int
    """
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    if isinstance(by, Iterable) and not isinstance(by, bytes | pd.DataFrame):
        columns = list(by)
        if all(isinstance(c, str) for c in columns):
            return columns
    raise TypeError(
        f"{func}(): by must be a column name, a list of them or None, not {type(by).__name__}"
    )


def check_members(func: str, members: Iterable[str] | None) -> list[str] | None:
    """``members`` as a list of ids (``None`` stays ``None``); a lone string is refused.

    >>> check_members("agreement", ("USA", "RUS"))
    ['USA', 'RUS']
    >>> check_members("agreement", "USA")
    Traceback (most recent call last):
    ...
    TypeError: agreement(): members must be a list of member ids such as ['USA', 'RUS'], not str
    """
    if members is None:
        return None
    if isinstance(members, str) or not isinstance(members, Iterable):
        raise TypeError(
            f"{func}(): members must be a list of member ids such as ['USA', 'RUS'], "
            f"not {type(members).__name__}"
        )
    return [str(m) for m in members]


def check_counting(func: str, abstain: object, absent: object, abstains: Sequence[str]) -> None:
    """Check ``abstain`` (one of ``abstains``) and ``absent`` (one of :data:`ABSENT_CHOICES`).

    >>> check_counting("cohesion", "no", "exclude", ("position", "exclude"))
    Traceback (most recent call last):
    ...
    ValueError: cohesion(): abstain='no' is not one of 'position', 'exclude'
    """
    check_choice(func, "abstain", abstain, abstains)
    check_choice(func, "absent", absent, ABSENT_CHOICES)


def check_min(func: str, name: str, value: object, least: int) -> None:
    """An integer of at least ``least`` (``min_votes``, ``min_members``, ``n_blocs``).

    >>> check_min("agreement", "min_votes", 0, 1)
    Traceback (most recent call last):
    ...
    ValueError: agreement(): min_votes must be at least 1, not 0
    """
    check_type(func, name, value, (int, np.integer))
    if int(value) < least:  # type: ignore[call-overload]
        raise ValueError(f"{func}(): {name} must be at least {least}, not {value!r}")


def recode(abstain: str, absent: str) -> npt.NDArray[np.int8]:
    """Position code (POSITION_DTYPE order, -1 missing at the end) -> yes 0 / no 1 /
    abstain 2 / not counted -1.

    >>> recode("position", "exclude").tolist()
    [0, 1, 2, -1, -1, -1, -1]
    >>> recode("no", "abstain").tolist()
    [0, 1, 1, 1, 1, -1, -1]
    """
    table = np.array([YES, NO, ABS, -1, -1, -1, -1], dtype=np.int8)
    if absent == "abstain":
        table[3] = table[4] = ABS
    if abstain == "exclude":
        table[table == ABS] = -1
    elif abstain == "no":
        table[table == ABS] = NO
    return table


def year_of(date: pd.Series) -> pd.Series:
    """The year of each date (text or dates), as nullable integers.

    >>> year_of(pd.Series(["2022-03-02", None])).tolist()
    [2022, <NA>]
    """
    return pd.to_numeric(date.astype("str").str.slice(0, 4), errors="coerce").astype("Int64")
