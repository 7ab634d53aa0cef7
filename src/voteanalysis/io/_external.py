"""Helpers shared by the loaders of the bundled UN records (Security Council, Human Rights Council).

Each loader reads gzipped CSVs as published upstream (see the ``SOURCE.md`` beside
them) and builds a :class:`~voteanalysis.VoteDataset` in a few vectorised passes:
names are mapped once per distinct name, not once per row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import Problem, VoteDataError
from ..schema import CONFIDENCE, POSITION_DTYPE, TABLES
from .names import member_ids
from .paths import bundled_dir

__all__ = [
    "empty_tables",
    "external_dir",
    "map_names",
    "pick",
    "position_codes",
    "read_text_csv",
    "table_frame",
]


def external_dir(name: str, probe: str) -> Path:
    """Folder ``data/external/<name>`` of the installed package or of a checkout."""
    return bundled_dir("external", name, probe=probe)


def read_text_csv(path: Path, columns: Sequence[str]) -> pd.DataFrame:
    """Read a CSV as text cells (empty stays empty) and check that ``columns`` are there."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, engine="pyarrow")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise VoteDataError.at(
            path.name,
            row=1,
            column=missing[0],
            found="no such column in the header",
            expected="the columns " + ", ".join(columns),
        )
    return frame[list(columns)]


def map_names(
    names: pd.Series,
    *,
    file: str,
    column: str,
    fixes: Mapping[str, str] | None = None,
) -> np.ndarray[Any, np.dtype[np.object_]]:
    """Member id per row, looking each distinct name up once.

    ``fixes`` maps a name as the source writes it to an id, for spellings the
    names table rightly does not know (typos of the source). An unknown name is
    a :class:`VoteDataError` naming the first row (as a spreadsheet shows it) where
    it occurs.
    """
    fixes = fixes or {}
    codes, uniques = pd.factorize(names, sort=False)
    distinct = [str(u) for u in uniques]
    todo = [n for n in distinct if n not in fixes]
    first_rows: dict[str, int] = {}
    if todo:
        seen, first = np.unique(codes, return_index=True)
        first_rows = {distinct[c]: int(r) + 2 for c, r in zip(seen, first, strict=True) if c >= 0}
    ids = dict(fixes)
    ids.update(
        zip(
            todo,
            member_ids(todo, file=file, rows=[first_rows[n] for n in todo], column=column),
            strict=True,
        )
    )
    lookup = np.array([ids[n] for n in distinct] + [""], dtype=object)
    return lookup[codes]


def position_codes(
    values: pd.Series, mapping: Mapping[str, str], *, file: str, column: str
) -> pd.Categorical[str]:
    """Positions from a source's vote codes; an unknown code names its row."""
    known = values.isin(list(mapping))
    if not known.all():
        i = int(np.flatnonzero(~known.to_numpy())[0])
        raise VoteDataError(
            [
                Problem(
                    file,
                    i + 2,
                    column,
                    values.iloc[i],
                    "a vote code " + ", ".join(repr(k) for k in mapping),
                )
            ]
        )
    return pd.Categorical(values.map(dict(mapping)), dtype=POSITION_DTYPE)


def pick(cond: Any, yes: Any, no: Any) -> np.ndarray[Any, np.dtype[np.object_]]:
    """``yes`` where ``cond`` holds, else ``no`` (scalars or arrays), as an object array."""
    mask = np.asarray(cond, dtype=bool)
    out = np.empty(len(mask), dtype=object)
    out[:] = np.asarray(no, dtype=object) if np.ndim(no) else no
    out[mask] = (np.asarray(yes, dtype=object)[mask]) if np.ndim(yes) else yes
    return out


def table_frame(
    table: str, columns: Mapping[str, Any], n: int, *, categorical: bool = False
) -> pd.DataFrame:
    """A frame with every column of a schema table, typed as the loader types them.

    Columns not given are empty; columns not in the schema are appended as given.
    ``categorical`` makes the text columns categoricals (for long position tables).
    """
    schema = TABLES[table]
    out: dict[str, Any] = {}
    for f in schema.fields:
        value = columns.get(f.name)
        if value is None:
            value = [None] * n
        elif isinstance(value, (str, int, float, bool)):
            value = [value] * n
        if f.type == "integer":
            out[f.name] = pd.array(value, dtype="Int64")
        elif f.name == "position":
            out[f.name] = pd.Categorical(value, dtype=POSITION_DTYPE)
        elif f.name == "confidence":
            out[f.name] = pd.Categorical(value, categories=list(CONFIDENCE), ordered=True)
        elif f.type == "boolean":
            out[f.name] = pd.array(value, dtype="boolean")
        elif categorical:
            out[f.name] = pd.Categorical(value)
        else:
            out[f.name] = pd.array(value, dtype="str")
    for name, value in columns.items():
        if name not in out:
            out[name] = [value] * n if isinstance(value, (str, int, float, bool)) else value
    return pd.DataFrame(out)


def empty_tables(*names: str) -> dict[str, pd.DataFrame]:
    """Empty frames with the schema's columns for the tables named."""
    return {name: table_frame(name, {}, 0) for name in names}
