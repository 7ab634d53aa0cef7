"""Checks on the kit's tables: each table on its own, then the tables together.

Checks run on the raw text of each cell, so that what a user typed can be
quoted back exactly, with the row number a spreadsheet program shows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..errors import Described, Problem, VoteDataError
from ..schema import TABLES, TOTAL_COLUMNS, Table

__all__ = ["check_dataset", "check_table", "raise_problems", "row_numbers", "unsourced_rows"]

_INT = re.compile(r"^[+]?[0-9]+$", re.ASCII)
#: Counts with more digits than this are refused: no body has ten million voters.
MAX_COUNT_DIGITS = 7
#: Years the kit reads in a date (as the spreadsheet reader does); ``0000`` is refused.
YEARS = (1800, 2200)
#: Columns that say where a fact comes from. The bundled data must fill them; a user's
#: own tables may leave them out, and how many rows have no source is reported.
PROVENANCE = ("source_url", "source_quote")
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


def _valid_date(text: str, pattern: str) -> bool:
    # ASCII digits only: "٢٠٢٤" or "２０２４" is refused, not stored as typed.
    if not re.match(pattern, text, re.ASCII) or not text.isascii():
        return False
    parts = [int(p) for p in text.split("-")]
    if not YEARS[0] <= parts[0] <= YEARS[1]:
        return False
    if len(parts) == 3:
        try:
            dt.date(*parts)
        except ValueError:
            return False
    return True


def row_numbers(raw: pd.DataFrame, header_row: int = 1) -> list[int]:
    """Row of each data row as a spreadsheet shows it (blank rows above counted).

    A reader that skips blank rows records the rows it kept in ``raw.attrs["rows"]``;
    otherwise rows follow the header one by one.
    """
    rows = raw.attrs.get("rows")
    if rows is not None and len(rows) == len(raw):
        return list(rows)
    return list(range(header_row + 1, header_row + 1 + len(raw)))


def check_table(
    raw: pd.DataFrame,
    table: Table,
    *,
    file: str,
    header_row: int = 1,
    provenance: bool = True,
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
    provenance
        When false (a user's own tables), the source columns (:data:`PROVENANCE`)
        may be missing or empty; :func:`unsourced_rows` counts such rows.
    """
    problems: list[Problem] = []
    numbers = row_numbers(raw, header_row)
    optional = set() if provenance else set(PROVENANCE)
    missing = [c for c in table.required_columns if c not in raw.columns and c not in optional]
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
            row = numbers[i]
            if value == "":
                if f.required and f.name not in optional:
                    problems.append(
                        Problem(file, row, f.name, Described("an empty cell"), "a value")
                    )
                continue
            if f.type == "integer":
                if not _INT.match(value) or len(value.lstrip("+")) > MAX_COUNT_DIGITS:
                    problems.append(
                        Problem(
                            file,
                            row,
                            f.name,
                            value,
                            f"a whole number >= 0 of at most {MAX_COUNT_DIGITS} digits 0-9",
                        )
                    )
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
        # One pass: the first row of each key, then every later row with that key.
        first_of: dict[tuple[str, ...], int] = {}
        columns = [raw[k].tolist() for k in key]
        for i, values in enumerate(zip(*columns, strict=True)):
            first = first_of.setdefault(values, i)
            if first == i:
                continue
            shown = Described(", ".join(f"{k}={v!r}" for k, v in zip(key, values, strict=True)))
            problems.append(
                Problem(
                    file,
                    numbers[i],
                    ", ".join(key),
                    shown,
                    f"each ({', '.join(key)}) once; it is also on row {numbers[first]}",
                )
            )
    return problems


def unsourced_rows(raw: pd.DataFrame) -> int:
    """How many rows of a table give no source (no ``source_url``)."""
    if "source_url" not in raw.columns:
        return len(raw)
    return int((raw["source_url"].astype("str").str.strip() == "").sum())


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
    vote_row = dict(
        zip(votes["vote_id"], row_numbers(votes, header_rows.get("votes", 1)), strict=True)
    )
    problems += _unknown_votes(tables, files, header_rows, vote_ids)
    votes_file = files.get("votes", "votes.csv")
    positions_file = files.get("positions", "positions.csv")
    named = _named_counts(tables["positions"])
    for vote_id, row in zip(votes["vote_id"], votes.to_dict("records"), strict=True):
        problems += _totals_problems(row, named, votes_file, vote_row[vote_id], positions_file)
    problems += _tally_problems(tables, files, votes, vote_row)
    return problems


def _unknown_votes(
    tables: Mapping[str, pd.DataFrame],
    files: Mapping[str, str],
    header_rows: Mapping[str, int],
    vote_ids: set[str],
) -> list[Problem]:
    """Rows of any table naming a vote the votes table does not list."""
    problems: list[Problem] = []
    for name, table in TABLES.items():
        df = tables.get(name)
        if df is None:
            continue
        for cols, ref, _ in table.foreign_keys:
            if ref != "votes":
                continue
            col = cols[0]
            numbers = row_numbers(df, header_rows.get(name, 1))
            for i, value in enumerate(df[col].tolist()):
                if isinstance(value, str) and value and value not in vote_ids:
                    problems.append(
                        Problem(
                            files.get(name, f"{name}.csv"),
                            numbers[i],
                            col,
                            value,
                            "a vote_id listed in the votes table",
                        )
                    )
    return problems


def _named_counts(positions: pd.DataFrame) -> dict[tuple[str, str], int]:
    """How many members each (vote, position) names."""
    named: dict[tuple[str, str], int] = {}
    if len(positions):
        for key, n in positions.groupby(["vote_id", "position"], observed=True).size().items():
            pair: tuple[object, object] = key  # type: ignore[assignment]
            named[(str(pair[0]), str(pair[1]))] = int(n)
    return named


def _totals_problems(
    row: Mapping[Any, Any],
    named: Mapping[tuple[str, str], int],
    votes_file: str,
    line: int,
    positions_file: str,
) -> list[Problem]:
    """A vote's published totals against the members named and against its seats."""
    problems: list[Problem] = []
    vote_id = row["vote_id"]
    for pos in ("yes", "no", "abstain"):
        total = row.get(pos)
        count = int(named.get((vote_id, pos), 0))
        if total is not None and not pd.isna(total) and count > int(total):
            problems.append(
                Problem(
                    votes_file,
                    line,
                    pos,
                    Described(f"{count} members named '{pos}' in {positions_file}"),
                    f"at most the published total of {int(total)}",
                )
            )
    nv_total = row.get("not_voting")
    nv_named = int(named.get((vote_id, "absent"), 0)) + int(named.get((vote_id, "not_voting"), 0))
    if nv_total is not None and not pd.isna(nv_total) and nv_named > int(nv_total):
        problems.append(
            Problem(
                votes_file,
                line,
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
                    line,
                    "seats",
                    int(seats),
                    f"at least {cast}, the sum of the published totals "
                    "(totals cannot exceed the seats that can vote)",
                )
            )
    return problems


def _tally_problems(
    tables: Mapping[str, pd.DataFrame],
    files: Mapping[str, str],
    votes: pd.DataFrame,
    vote_row: Mapping[str, int],
) -> list[Problem]:
    """Counts by constituency against the published totals."""
    problems: list[Problem] = []
    tallies = tables.get("group_tallies")
    if tallies is not None and len(tallies):
        sums = tallies.groupby(["vote_id", "position"], observed=True)["count"].sum()
        for key, count in sums.items():
            pair: tuple[str, str] = key  # type: ignore[assignment]
            vote_id, pos = pair
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
