"""Checks on the kit's tables: each table on its own, then the tables together.

Checks run on the raw text of each cell, so that what a user typed can be
quoted back exactly, with the row number a spreadsheet program shows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

import pandas as pd

from .errors import Described, Problem, VoteDataError
from .schema import TABLES, TOTAL_COLUMNS, Table

__all__ = ["check_dataset", "check_table", "raise_problems"]

_INT = re.compile(r"^[+]?\d+$")
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


def _valid_date(text: str, pattern: str) -> bool:
    if not re.match(pattern, text):
        return False
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        try:
            dt.date(*parts)
        except ValueError:
            return False
    return True


def check_table(
    raw: pd.DataFrame, table: Table, *, file: str, header_row: int = 1
) -> list[Problem]:
    """Check one table of raw strings against its schema.

    Parameters
    ----------
    raw
        The table as text, one column per field ("" for an empty cell).
    table
        The schema it must follow.
    file
        File name to put in messages.
    header_row
        Row number of the header in the file, so data rows are numbered as a
        spreadsheet shows them.
    """
    problems: list[Problem] = []
    missing = [c for c in table.required_columns if c not in raw.columns]
    if missing:
        found = Described(
            "columns " + ", ".join(repr(str(c)) for c in raw.columns)
            if len(raw.columns)
            else "no columns"
        )
        return [
            Problem(file, header_row, c, found, f"a column named '{c}' (required in {table.name})")
            for c in missing
        ]
    for f in table.fields:
        if f.name not in raw.columns:
            continue
        col = raw[f.name]
        for i, value in enumerate(col.tolist()):
            row = header_row + 1 + i
            if value == "":
                if f.required:
                    problems.append(
                        Problem(file, row, f.name, Described("an empty cell"), "a value")
                    )
                continue
            if f.type == "integer":
                if not _INT.match(value):
                    problems.append(Problem(file, row, f.name, value, "a whole number >= 0"))
                    continue
            elif f.type == "boolean" and value.lower() not in _TRUE | _FALSE:
                problems.append(Problem(file, row, f.name, value, "true or false"))
            if f.enum is not None and value not in f.enum:
                problems.append(Problem(file, row, f.name, value, "one of " + ", ".join(f.enum)))
            if f.pattern is not None and not _valid_date(value, f.pattern):
                problems.append(
                    Problem(
                        file, row, f.name, value, "a real date written YYYY-MM-DD, YYYY-MM or YYYY"
                    )
                )
    key = list(table.primary_key)
    if all(k in raw.columns for k in key) and len(raw):
        dup = raw.duplicated(subset=key, keep="first")
        for i in dup[dup].index:
            first = raw.index[(raw[key] == raw.loc[i, key]).all(axis=1)][0]
            values = Described(", ".join(f"{k}={raw.at[i, k]!r}" for k in key))
            problems.append(
                Problem(
                    file,
                    header_row + 1 + int(i),
                    ", ".join(key),
                    values,
                    f"each ({', '.join(key)}) once; it is also on row "
                    f"{header_row + 1 + int(first)}",
                )
            )
    return problems


def check_dataset(
    tables: Mapping[str, pd.DataFrame],
    files: Mapping[str, str],
    header_rows: Mapping[str, int] | None = None,
) -> list[Problem]:
    """Checks across tables: foreign keys, named counts against totals, totals against seats.

    ``tables`` hold typed frames (as the loader returns them) with their original
    row order, so that rows can be numbered as in the file.
    """
    header_rows = header_rows or {}
    problems: list[Problem] = []
    votes = tables["votes"]
    vote_ids = set(votes["vote_id"].tolist())
    vote_row = {v: header_rows.get("votes", 1) + 1 + i for i, v in enumerate(votes["vote_id"])}

    for name, table in TABLES.items():
        df = tables.get(name)
        if df is None:
            continue
        for cols, ref, _ in table.foreign_keys:
            if ref != "votes":
                continue
            col = cols[0]
            for i, value in enumerate(df[col].tolist()):
                if isinstance(value, str) and value and value not in vote_ids:
                    problems.append(
                        Problem(
                            files.get(name, f"{name}.csv"),
                            header_rows.get(name, 1) + 1 + i,
                            col,
                            value,
                            "a vote_id listed in the votes table",
                        )
                    )

    votes_file = files.get("votes", "votes.csv")
    positions = tables["positions"]
    named = (
        positions.groupby(["vote_id", "position"], observed=True).size()
        if len(positions)
        else pd.Series(dtype="int64")
    )
    for vote_id, row in zip(votes["vote_id"], votes.to_dict("records"), strict=True):
        for pos in ("yes", "no", "abstain"):
            total = row.get(pos)
            count = int(named.get((vote_id, pos), 0))
            if total is not None and not pd.isna(total) and count > int(total):
                problems.append(
                    Problem(
                        votes_file,
                        vote_row[vote_id],
                        pos,
                        Described(
                            f"{count} members named '{pos}' in "
                            f"{files.get('positions', 'positions.csv')}"
                        ),
                        f"at most the published total of {int(total)}",
                    )
                )
        nv_total = row.get("not_voting")
        nv_named = int(named.get((vote_id, "absent"), 0)) + int(
            named.get((vote_id, "not_voting"), 0)
        )
        if nv_total is not None and not pd.isna(nv_total) and nv_named > int(nv_total):
            problems.append(
                Problem(
                    votes_file,
                    vote_row[vote_id],
                    "not_voting",
                    Described(f"{nv_named} members named absent or not voting"),
                    f"at most the published total of {int(nv_total)}",
                )
            )
        seats = row.get("seats")
        if seats is not None and not pd.isna(seats):
            cast = sum(
                int(row[c]) for c in TOTAL_COLUMNS if row.get(c) is not None and not pd.isna(row[c])
            )
            if cast > int(seats):
                problems.append(
                    Problem(
                        votes_file,
                        vote_row[vote_id],
                        "seats",
                        int(seats),
                        f"at least {cast}, the sum of the published totals "
                        "(totals cannot exceed the seats that can vote)",
                    )
                )
    tallies = tables.get("group_tallies")
    if tallies is not None and len(tallies):
        sums = tallies.groupby(["vote_id", "position"], observed=True)["count"].sum()
        for key, count in sums.items():
            vote_id, pos = key  # type: ignore[misc]
            if vote_id not in vote_row or pos not in ("yes", "no", "abstain"):
                continue
            total = votes.loc[votes["vote_id"] == vote_id, pos].iloc[0]
            if not pd.isna(total) and int(count) > int(total):
                problems.append(
                    Problem(
                        files.get("group_tallies", "group_tallies.csv"),
                        None,
                        "count",
                        Described(f"{int(count)} '{pos}' counted by constituency for {vote_id}"),
                        f"at most the published total of {int(total)}",
                    )
                )
    return problems


def raise_problems(problems: list[Problem]) -> None:
    """Raise one :class:`VoteDataError` carrying every problem, if there are any."""
    if problems:
        raise VoteDataError(problems)
