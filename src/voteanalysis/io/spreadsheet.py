"""Spreadsheets in the shapes people keep votes in.

:func:`read_spreadsheet` reads a workbook (.xlsx) or a CSV file that is not in the
kit's own layout: long tables (one row per member and vote), wide tables (members
as rows, votes as columns) and their transpose, with title rows, merged header
cells, notes under the data and position codes in English, French or Spanish.
What it guessed is returned with the data (:class:`SpreadsheetGuess`), and every
guess can be overridden with an argument.

Files become grids of cell text in :mod:`voteanalysis.io.workbook` (which also opens
workbooks safely), and what the cells say is read with :mod:`voteanalysis.io.codes`;
the public names of both are importable from here too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from ..arguments import check_choice
from ..dataset import VoteDataset
from ..errors import Described, Problem, VoteDataError
from ..schema import BODIES, POSITIONS, TABLES
from .codes import (
    _ANY_DIGIT,
    _CODE_EXAMPLES,
    _DESCRIPTIVE,
    _POSITION_LIKE,
    _SUMMARY,
    POSITION_CODES,
    _BadCount,
    _BadDate,
    _code_table,
    _constituency,
    _constituency_forms,
    _count_position,
    _counts,
    _date,
    _is_totals_label,
    _key,
    _role,
    _session_named,
    _year,
    bodies_named,
    position_code,
    vote_kind,
)
from .tables import MAX_BYTES, assemble_tables, check_size
from .validate import MAX_COUNT_DIGITS, raise_problems
from .workbook import (
    MAX_CELLS,
    MAX_COMPRESSION_RATIO,
    MAX_UNZIPPED_BYTES,
    _column_letter,
    _csv_sheet,
    _Sheet,
    _workbook_sheets,
    check_workbook,
    open_workbook,
)

# The names of .workbook and .codes below are re-exported: callers import them from here.
__all__ = [
    "LAYOUTS",
    "MAX_CELLS",
    "MAX_COMPRESSION_RATIO",
    "MAX_UNZIPPED_BYTES",
    "POSITION_CODES",
    "SheetGuess",
    "SpreadsheetDataset",
    "SpreadsheetGuess",
    "check_workbook",
    "open_workbook",
    "position_code",
    "read_spreadsheet",
]

#: Layouts :func:`read_spreadsheet` reads: ``long`` (one row per member and vote),
#: ``wide`` (members as rows, votes as columns), ``wide-transposed`` (votes as rows,
#: members as columns).
LAYOUTS: tuple[str, ...] = ("long", "wide", "wide-transposed")


# --------------------------------------------------------------------- the guess


@dataclass(frozen=True)
class SheetGuess:
    """What the reader took one sheet (or CSV file) to be.

    Attributes
    ----------
    sheet
        Sheet name; ``""`` for a CSV file.
    layout
        ``"long"``, ``"wide"`` or ``"wide-transposed"`` (see :data:`LAYOUTS`).
    header_row
        Row of the header, as a spreadsheet shows it (the lowest row when the
        header spans several rows, which are listed in ``header_rows``).
    data_rows
        First and last row read as data; rows below are notes.
    member_column, vote_column, position_column
        Headers of the columns holding members, votes and positions (``None``
        where the layout has no such column: members head the columns of a
        transposed table, votes head those of a wide one).
    vote_columns
        Columns read as votes (wide) or as members (wide-transposed).
    votes
        Vote ids read from this sheet.
    positions
        How many positions were read.
    skipped
        Rows that were not read and why (notes, headings, rows without positions).
    filled_down
        Columns whose empty cells were read as "same as above".
    ignored_columns
        Columns with data that were not read (name them in ``columns=`` to read them).
    totals
        Rows read as a vote's published totals ("Total", "In favour 11", a totals
        row under the members), each said as ``row N (...): yes 40, no 2 for 'vote'``.
    date_from
        Where the sheet's votes got a date given once for the sheet (a title row
        such as "Date of vote: 14/03/2024"), or ``None``.
    """

    sheet: str
    layout: str
    header_row: int
    header_rows: tuple[int, ...]
    data_rows: tuple[int, int]
    member_column: str | None
    vote_column: str | None
    position_column: str | None
    vote_columns: tuple[str, ...]
    votes: tuple[str, ...]
    positions: int
    skipped: tuple[str, ...] = ()
    filled_down: tuple[str, ...] = ()
    ignored_columns: tuple[str, ...] = ()
    totals: tuple[str, ...] = ()
    date_from: str | None = None


@dataclass(frozen=True)
class SpreadsheetGuess:
    """Everything :func:`read_spreadsheet` guessed, to show and to override.

    ``str(guess)`` is a short report; :meth:`arguments` gives the keyword arguments
    that pin every guess, to edit and pass back to :func:`read_spreadsheet`.
    """

    file: str
    sheets: tuple[SheetGuess, ...]
    skipped_sheets: tuple[tuple[str, str], ...]
    codes: tuple[tuple[str, str, int], ...]
    body: str
    body_from: str
    encoding: str | None = None
    delimiter: str | None = None
    members: tuple[tuple[str, str], ...] = ()

    def arguments(self) -> dict[str, Any]:
        """Keyword arguments for :func:`read_spreadsheet` that repeat this reading."""
        out: dict[str, Any] = {}
        if self.encoding is not None:
            out["encoding"] = self.encoding
            out["delimiter"] = self.delimiter
        if len(self.sheets) == 1:
            one = self.sheets[0]
            if one.sheet:
                out["sheet"] = one.sheet
            out["layout"] = one.layout
            out["header_row"] = one.header_row
        else:
            out["sheet"] = [s.sheet for s in self.sheets]
            out["layout"] = {s.sheet: s.layout for s in self.sheets}
            out["header_row"] = {s.sheet: s.header_row for s in self.sheets}
        out["codes"] = {code: position for code, position, _ in self.codes}
        out["body"] = self.body
        if self.members:
            out["members"] = dict(self.members)
        return out

    def skipped_rows(self) -> list[str]:
        """Every row and sheet that was not read, and why: one line each."""
        out = []
        for s in self.sheets:
            where = f"sheet '{s.sheet}', " if s.sheet else ""
            out += [f"{where}{why}" for why in s.skipped]
        out += [f"sheet '{name}': {why}" for name, why in self.skipped_sheets]
        return out

    def __str__(self) -> str:
        lines = [f"Read {self.file}"]
        if self.encoding is not None:
            lines[0] += f" (CSV, {self.encoding}, delimiter {self.delimiter!r})"
        for s in self.sheets:
            name = f"sheet '{s.sheet}'" if s.sheet else "table"
            lines.append(
                f"  {name}: {_LAYOUT_WORDS[s.layout]}; header on "
                + (
                    f"row {s.header_row}"
                    if len(s.header_rows) == 1
                    else f"rows {s.header_rows[0]}-{s.header_rows[-1]}"
                )
                + f"; data rows {s.data_rows[0]}-{s.data_rows[1]}"
            )
            if s.layout == "long":
                lines.append(
                    f"    members in '{s.member_column}', positions in "
                    f"'{s.position_column}', votes "
                    + (f"in '{s.vote_column}'" if s.vote_column else "from the sheet or file name")
                )
            elif s.layout == "wide":
                lines.append(
                    f"    members in '{s.member_column}', {len(s.vote_columns)} vote column(s)"
                )
            else:
                lines.append(
                    f"    votes in '{s.vote_column}', {len(s.vote_columns)} member column(s)"
                )
            lines.append(
                f"    {s.positions} positions on {len(s.votes)} vote(s): " + _listing(s.votes)
            )
            lines += [f"    filled down empty cells of '{c}'" for c in s.filled_down]
            if s.ignored_columns:
                lines.append("    not read: column(s) " + _listing(s.ignored_columns))
            lines += [f"    totals from {t}" for t in s.totals]
            if s.date_from:
                lines.append(f"    date from {s.date_from}")
            lines += [f"    skipped {why}" for why in s.skipped]
        lines += [f"  skipped sheet '{name}': {why}" for name, why in self.skipped_sheets]
        lines.append(
            "  codes: "
            + ", ".join(f"{code!r} -> {position} ({n})" for code, position, n in self.codes)
        )
        lines += [
            f"  read {code!r} as absent ({n} cell(s)): if it marks something else (a tick "
            f"for yes?), pass codes={{{code!r}: 'yes'}}, say"
            for code, position, n in self.codes
            if position == "absent" and len(_key(code)) == 1
        ]
        lines.append(f"  body: {self.body} ({self.body_from})")
        if self.members:
            lines.append(
                "  member ids given: " + ", ".join(f"{n!r} -> {i}" for n, i in self.members)
            )
        lines.append(
            "  override with read_spreadsheet(path, **guess.arguments()) after "
            "editing them (layout=, header_row=, codes=, sheet=, vote_id=, "
            "columns=, body=, members=)"
        )
        return "\n".join(lines)


_LAYOUT_WORDS = {
    "long": "long table (one row per member and vote)",
    "wide": "wide table (members as rows, votes as columns)",
    "wide-transposed": "wide table, transposed (votes as rows, members as columns)",
}


def _listing(items: Sequence[str], limit: int = 6) -> str:
    shown = ", ".join(repr(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


class SpreadsheetDataset(VoteDataset):
    """A :class:`VoteDataset` read from a spreadsheet, with what the reader guessed.

    ``guess`` is a :class:`SpreadsheetGuess`; ``print(data.guess)`` shows it.
    Everything else is a plain dataset (``filter`` returns a :class:`VoteDataset`).
    """

    guess: SpreadsheetGuess

    def __init__(self, *, guess: SpreadsheetGuess, **tables: Any) -> None:
        super().__init__(**tables)
        self.guess = guess


# --------------------------------------------------------------- sheet reading


class _Skip(Exception):
    """A sheet that holds no vote table; skipped when reading every sheet."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class _Vote:
    label: str
    where: str
    quote: str
    date: str | None = None
    title: str | None = None
    subject: str | None = None
    session: str | None = None
    body: str | None = None
    date_at: tuple[int, str] | None = None
    # position -> (count, row, the words of the row)
    totals: dict[str, tuple[int, int, str]] = field(default_factory=dict)


@dataclass
class _Position:
    vote: str
    member: str
    code: str
    position: str
    row: int
    col: int
    name_row: int
    name_col: str
    constituency: str | None = None
    note: str | None = None


@dataclass
class _SheetResult:
    sheet: _Sheet
    guess: SheetGuess
    votes: dict[str, _Vote]
    positions: list[_Position]
    context: str


@dataclass
class _Options:
    codes: dict[str, str]
    layout: str | None
    header_row: int | None
    columns: dict[str, str]


def _header_label(sheet: _Sheet, rows: Sequence[int], col: int) -> str:
    parts: list[str] = []
    for r in rows:
        text = sheet.cell(r, col)
        if text and text not in parts:
            parts.append(text)
    return " – ".join(parts)


def _find_header(
    sheet: _Sheet, first_data: int, given: int | None, code_cols: Sequence[int]
) -> tuple[int, ...]:
    """Rows of the header: the nearest row above the data naming two or more columns
    (a heading such as "Government members" names one), with the header rows above it."""
    if given is not None:
        row = given
    else:
        above = [r for r in sheet.rows if r < first_data and _names_columns(sheet.rows[r])]
        if not above:
            raise _Skip(
                Problem(
                    sheet.where,
                    first_data,
                    None,
                    Described("positions with no header row above them"),
                    "a header row naming the columns (member, vote, ...)",
                )
            )
        row = max(above)
    rows = [row]
    coded = set(code_cols)
    # A header spread over rows directly above joins them: a group label merged
    # over vote columns, vote titles over their dates, a label merged down or with
    # nothing under it. A title (one value, or text over another header) does not.
    while len(rows) < 3 and (upper := row - len(rows)) in sheet.rows:
        cells = sheet.rows[upper]
        if not _names_columns(cells) or not all(
            c in coded or _key(text) == _key(sheet.cell(row, c)) or not sheet.cell(row, c)
            for c, text in enumerate(cells)
            if text
        ):
            break
        rows.insert(0, upper)
    return tuple(rows)


def _names_columns(cells: list[str]) -> bool:
    return len({c for c in cells if c}) >= 2


def _analyse(sheet: _Sheet, opts: _Options, problems: list[Problem]) -> _SheetResult:
    if not sheet.rows:
        raise _Skip(
            Problem(sheet.where, None, None, Described("an empty sheet"), "a table of positions")
        )
    codes = opts.codes
    width = sheet.width
    is_code = {
        (r, c)
        for r, cells in sheet.rows.items()
        for c, text in enumerate(cells)
        if text and (r, c) not in sheet.formulas and _key(text) in codes
    }
    if opts.header_row is not None and opts.header_row not in sheet.rows:
        raise VoteDataError.at(
            sheet.where,
            row=opts.header_row,
            found=Described("an empty row"),
            expected="header_row= on the row that names the columns",
        )
    start = opts.header_row or 0
    code_cols = _code_columns(sheet, is_code, start)
    data_rows = sorted(
        r for r in sheet.rows if r > start and any((r, c) in is_code for c in code_cols)
    )
    header_rows = _find_header(sheet, data_rows[0], opts.header_row, code_cols)
    header_row = header_rows[-1]
    data_rows = [r for r in data_rows if r > header_row]
    if not data_rows:
        raise _Skip(
            Problem(
                sheet.where,
                header_row,
                None,
                Described("a header row and no positions under it"),
                "rows of positions under the header",
            )
        )
    labels, names, roles = _header_roles(sheet, header_rows, opts.columns)
    code_cols = [c for c in code_cols if roles[c] not in _DESCRIPTIVE]
    if "position" in opts.columns:
        code_cols = [c for c in range(width) if roles[c] == "position"]
    data_rows = [r for r in data_rows if any((r, c) in is_code for c in code_cols)]
    if not code_cols or not data_rows:
        raise _Skip(
            Problem(
                sheet.where,
                header_row,
                None,
                Described("no column of positions"),
                "a column (or columns) of position codes",
            )
        )
    first, last = data_rows[0], data_rows[-1]
    _no_second_header(sheet, header_row, first, last, labels, roles, is_code)
    table = _Table(sheet, header_rows, first, last, labels, names, roles, is_code, codes)
    layout = opts.layout or _guess_layout(table, code_cols, data_rows)
    context = " ".join(
        [sheet.name] + [" ".join(sheet.rows[r]) for r in sheet.rows if r < header_rows[0]]
    )
    if layout == "long":
        result = _read_long(table, code_cols, opts, problems, context)
    else:
        result = _read_wide(table, code_cols, layout, problems, context)
    dated = _title_date(sheet, header_rows[0], problems)
    if dated is not None:
        for vote in result.votes.values():
            if vote.date is None:
                vote.date = dated[0]
        result.guess = replace(result.guess, date_from=dated[1])
    _check_totals(result, problems)
    return result


def _code_columns(sheet: _Sheet, is_code: set[tuple[int, int]], start: int) -> list[int]:
    """The columns of positions, or the sheet skipped saying it has none.

    Columns mostly made of codes, on the rows that hold any code, hold positions
    (titles, headers and notes hold none and do not count).
    """
    width = sheet.width
    code_rows = {r for r, _ in is_code if r > start}
    nonempty = [0] * width
    coded = [0] * width
    for r in code_rows:
        for c, text in enumerate(sheet.rows[r]):
            if text:
                nonempty[c] += 1
                coded[c] += (r, c) in is_code
    code_cols = [c for c in range(width) if coded[c] >= 1 and coded[c] * 2 >= nonempty[c]]
    if code_cols:
        return code_cols
    if len(sheet.rows) == 1 and _names_columns(next(iter(sheet.rows.values()))):
        row = next(iter(sheet.rows))
        raise _Skip(
            Problem(
                sheet.where,
                row,
                None,
                Described("only a header row, with no data rows"),
                "rows of positions under the header",
            )
        )
    sample = [
        t if len(t) <= 15 else t[:12] + "..."
        for cells in list(sheet.rows.values())[1:4]
        for t in cells
        if t
    ][:3]
    raise _Skip(
        Problem(
            sheet.where,
            None,
            None,
            Described(
                "no position codes"
                + (f" (cells such as {', '.join(repr(s) for s in sample)})" if sample else "")
            ),
            f"positions written as {_CODE_EXAMPLES} (pass codes= to add your own)",
        )
    )


def _header_roles(
    sheet: _Sheet, header_rows: tuple[int, ...], columns: Mapping[str, str]
) -> tuple[list[str], list[str], dict[int, str | None]]:
    """Each column's header label, name (the label, else its letter) and role.

    A role is guessed from the label unless ``columns=`` names the column holding it.
    """
    width = sheet.width
    header_row = header_rows[-1]
    labels = [_header_label(sheet, header_rows, c) for c in range(width)]
    names = [lab or _column_letter(c) for c, lab in enumerate(labels)]
    roles = {c: _role(labels[c]) for c in range(width)}
    for role, label in columns.items():
        matches = [c for c in range(width) if _key(labels[c]) == _key(label)]
        if not matches:
            raise VoteDataError.at(
                sheet.where,
                row=header_row,
                column=label,
                found=Described("no such column"),
                expected=f"columns= naming headers of row {header_row}: {_listing(names, 12)}",
            )
        for c in range(width):
            if roles[c] == role:
                roles[c] = None
        roles[matches[0]] = role
    return labels, names, roles


def _guess_layout(t: _Table, code_cols: list[int], data_rows: list[int]) -> str:
    """``long``, ``wide`` or ``wide-transposed``, from the table's columns."""
    sheet, labels, names, roles = t.sheet, t.labels, t.names, t.roles
    position_like = [
        c for c in code_cols if roles[c] == "position" or _key(labels[c]) in _POSITION_LIKE
    ]
    if len(code_cols) >= 2 and position_like:
        others = [names[c] for c in code_cols if c not in set(position_like)]
        raise VoteDataError.at(
            sheet.where,
            row=t.header_rows[-1],
            column=names[position_like[0]],
            found=Described(
                f"mixed layouts: '{names[position_like[0]]}' beside vote columns "
                + _listing(others, 2)
            ),
            expected="one layout per sheet: a long table (member, vote, position) or a "
            "wide one (a column per vote); put each on its own sheet, or pass "
            "layout='long' or layout='wide' to say which to read",
        )
    if len(code_cols) == 1 and (
        position_like
        or (
            any(roles[c] == "vote" for c in range(sheet.width) if c not in set(code_cols))
            and not _known_member(labels[code_cols[0]])  # one member's votes, transposed
        )
    ):
        return "long"
    return _wide_or_transposed(sheet, code_cols, roles, labels, data_rows)


def _no_second_header(
    sheet: _Sheet,
    header_row: int,
    first: int,
    last: int,
    labels: list[str],
    roles: dict[int, str | None],
    is_code: set[tuple[int, int]],
) -> None:
    """Refuse a sheet holding two tables: a row inside the data that repeats the header."""
    for r in range(first, last + 1):
        cells = sheet.rows.get(r, [])
        if any((r, c) in is_code for c in range(len(cells))):
            continue
        repeats = [
            c
            for c, text in enumerate(cells)
            if text and c < len(labels) and roles[c] and _key(text) == _key(labels[c])
        ]
        if repeats:
            shown = ", ".join(repr(t) for t in cells if t)
            raise VoteDataError.at(
                sheet.where,
                row=r,
                column=labels[repeats[0]],
                found=Described(f"a second header row ({shown})"[:80]),
                expected=f"one table per sheet under the header on row {header_row} (mixed "
                "layouts or tables cannot be read together): put each table on its own sheet",
            )


def _wide_or_transposed(
    sheet: _Sheet,
    code_cols: list[int],
    roles: dict[int, str | None],
    labels: list[str],
    data_rows: list[int],
) -> str:
    """Members down the side (wide) or across the top (transposed): by the headers,
    else by which of the two holds more names the kit knows."""
    coded = set(code_cols)
    if any(roles[c] == "member" for c in roles if c not in coded):
        return "wide"
    if any(roles[c] in ("vote", "date", "title") for c in roles if c not in coded):
        return "wide-transposed"
    label_col = next((c for c in range(len(labels)) if c not in coded), None)
    if label_col is None:
        return "wide"
    across = sum(_known_member(labels[c]) for c in code_cols)
    down = sum(_known_member(sheet.cell(r, label_col)) for r in data_rows[:60])
    return "wide-transposed" if across > down else "wide"


def _known_member(name: str) -> bool:
    if not name:
        return False
    from .names import lookup

    return lookup(name) is not None


def _formula_problem(sheet: _Sheet, row: int, col: int, column: str) -> Problem:
    return Problem(
        sheet.where,
        row,
        column,
        sheet.formulas[(row, col)],
        "a value, not a formula (the kit does not compute formulas: copy the "
        "cells and paste them as values)",
    )


def _code_problem(sheet: _Sheet, row: int, column: str, text: str) -> Problem:
    return Problem(
        sheet.where,
        row,
        column,
        text,
        f"a position code such as {_CODE_EXAMPLES} (or pass codes="
        f"{{{(text if len(text) <= 20 else 'your code')!r}: 'abstain'}}, say, to read it)",
    )


def _skip_row(row: int, label: str, codes: Mapping[str, str]) -> str | None:
    """Why a row in the data block is a note, not a member (None if it is a member)."""
    key = _key(label)
    if key in codes:
        return f"row {row} (a legend: {label!r})"
    if _SUMMARY.match(key):
        return f"row {row} (a summary or note: {label!r})"
    return None


@dataclass
class _LongRows:
    """What reading the rows of a long table gathers, row by row."""

    table: _Table
    pos_col: int
    member_col: int
    vote_col: int | None
    role_col: dict[str, int]
    single: str | None
    problems: list[Problem]
    data_last: int
    votes: dict[str, _Vote] = field(default_factory=dict)
    positions: list[_Position] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)
    above: dict[int, str] = field(default_factory=dict)
    empty_position: list[int] = field(default_factory=list)
    pending: list[tuple[int, str | None, dict[str, int], str]] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)

    @property
    def fill_cols(self) -> list[int]:
        """The vote and the constituency are often written once above their rows."""
        return [c for c in (self.vote_col, self.role_col.get("constituency")) if c is not None]

    @property
    def detail_cols(self) -> list[int]:
        """A date or title is per vote and taken from whichever of its rows gives it."""
        keys = ("date", "session", "title", "body", "subject")
        return [self.role_col[k] for k in keys if k in self.role_col]


def _read_long(
    t: _Table,
    code_cols: list[int],
    opts: _Options,
    problems: list[Problem],
    context: str,
) -> _SheetResult:
    sheet, header_row, names = t.sheet, t.header_rows[-1], t.names
    pos_col, role_col, member_col, vote_col = _long_columns(t, code_cols, opts)
    single = _single_vote_label(sheet) if vote_col is None else None
    w = _LongRows(t, pos_col, member_col, vote_col, role_col, single, problems, t.last)
    for r in range(header_row + 1, max(sheet.rows) + 1):
        _long_row(w, r)
    if w.empty_position:
        w.skipped.append(
            f"{len(w.empty_position)} row(s) with no position (rows "
            f"{_spans(w.empty_position)}): not known, not read"
        )
    guess = SheetGuess(
        sheet.name,
        "long",
        header_row,
        t.header_rows,
        (t.first, w.data_last),
        names[member_col],
        names[vote_col] if vote_col is not None else None,
        names[pos_col],
        (),
        tuple(w.votes),
        len(w.positions),
        tuple(w.skipped) + _notes_under(sheet, w.notes),
        tuple(w.filled),
        _ignored(
            sheet, t.first, t.last, {member_col, pos_col, vote_col, *role_col.values()}, names
        ),
        tuple(_long_totals(w)),
    )
    return _SheetResult(sheet, guess, w.votes, w.positions, context)


def _long_columns(
    t: _Table, code_cols: list[int], opts: _Options
) -> tuple[int, dict[str, int], int, int | None]:
    """The columns of a long table: position, each role, member and vote (if any)."""
    sheet, roles, labels = t.sheet, t.roles, t.labels
    pos_col = next((c for c in code_cols if roles[c] == "position"), None)
    if pos_col is None:
        pos_col = next((c for c in code_cols if _key(labels[c]) in _POSITION_LIKE), code_cols[0])
    role_col = {r: c for c, r in sorted(roles.items(), reverse=True) if r and c != pos_col}
    member_col = role_col.get("member")
    if member_col is None:
        member_col = _free_column(sheet, roles, t.first, t.last, taken=(pos_col,))
    if member_col is None:
        raise _Skip(
            Problem(
                sheet.where,
                t.header_rows[-1],
                None,
                Described("no column of members"),
                "a column naming the members (Member, Country, ...)",
            )
        )
    vote_col = role_col.get("vote")
    candidates = [c for c in sorted(roles) if roles[c] == "vote" and c != pos_col]
    if len(candidates) > 1 and "vote" not in opts.columns:
        vote_col = _choose_vote_column(
            sheet,
            candidates,
            t.header_rows[-1],
            t.last,
            member_col,
            pos_col,
            role_col,
            t.names,
            t.is_code,
        )
    if vote_col is None and opts.layout == "long":
        vote_col = _free_column(sheet, roles, t.first, t.last, taken=(pos_col, member_col))
    return pos_col, role_col, member_col, vote_col


def _long_row(w: _LongRows, r: int) -> None:
    """Read row ``r`` of a long table: a position, totals, a heading, a note or a fault."""
    t, sheet = w.table, w.table.sheet
    cells = sheet.rows.get(r)
    if not cells:
        return
    member = sheet.cell(r, w.member_col)
    text = sheet.cell(r, w.pos_col)
    values = {c: sheet.cell(r, c) for c in w.fill_cols + w.detail_cols}
    if member and (r, w.member_col) not in sheet.formulas and _long_row_totals(w, r, member):
        return
    # Under the last position, a row is data when it has the table's shape (a
    # member and a position); anything else is a note.
    shaped = bool(member) and (bool(text) or (r, w.pos_col) in sheet.formulas)
    if r > t.last and not (shaped or (r, w.member_col) in sheet.formulas):
        w.notes.append(r)
        return
    w.data_last = max(w.data_last, r)
    if not member and not text and (r, w.pos_col) not in sheet.formulas:
        heading = _constituency(" ".join(c for c in cells if c))
        if heading and w.role_col.get("constituency") is not None:
            w.above[w.role_col["constituency"]] = heading
        if any(cells):
            w.skipped.append(
                f"row {r} (no member and no position: {' '.join(c for c in cells if c)[:40]!r})"
            )
        return
    for c in w.fill_cols:
        if values[c]:
            w.above[c] = values[c]
        elif c in w.above and member:
            values[c] = w.above[c]
            if t.names[c] not in w.filled:
                w.filled.append(t.names[c])
    if _long_position_read(w, r, member, text):
        _long_position(w, r, member, text, values)


def _long_row_totals(w: _LongRows, r: int, member: str) -> bool:
    """Whether row ``r`` is a totals row (kept for later, or skipped with why)."""
    sheet, names, vote_col = w.table.sheet, w.table.names, w.vote_col
    cells = sheet.rows[r]
    own_vote = sheet.cell(r, vote_col) if vote_col is not None else ""
    others = {c: t for c, t in enumerate(cells) if t and c not in (w.member_col, vote_col)}
    totals = _row_totals(sheet, r, member, names[w.member_col], others, w.problems)
    if isinstance(totals, str):
        w.skipped.append(totals)
        return True
    if totals is None:
        return False
    target = own_vote or (w.above.get(vote_col, "") if vote_col is not None else "")
    if vote_col is not None and not own_vote and names[vote_col] not in w.filled:
        target = ""  # every row names its vote, this one does not: which vote?
    words = f"{member}: {', '.join(others.values())}" if others else member
    w.pending.append((r, target or (w.single if vote_col is None else None), totals, words))
    w.data_last = max(w.data_last, r)
    return True


def _long_position_read(w: _LongRows, r: int, member: str, text: str) -> bool:
    """Whether row ``r`` holds a position to read; if not, skipped or a problem says why."""
    t, sheet = w.table, w.table.sheet
    why = _skip_row(r, member, t.codes) if member else None
    if why:
        w.skipped.append(why)
        return False
    if (r, w.member_col) in sheet.formulas:
        w.problems.append(_formula_problem(sheet, r, w.member_col, t.names[w.member_col]))
        return False
    if (r, w.pos_col) in sheet.formulas:
        w.problems.append(_formula_problem(sheet, r, w.pos_col, t.names[w.pos_col]))
        return False
    if not text:
        w.empty_position.append(r)
        return False
    if (r, w.pos_col) not in t.is_code:
        w.problems.append(_code_problem(sheet, r, t.names[w.pos_col], text))
        return False
    if not member:
        w.problems.append(
            Problem(
                sheet.where,
                r,
                t.names[w.member_col],
                None,
                f"the member whose position {text!r} this is",
            )
        )
        return False
    return True


def _long_position(w: _LongRows, r: int, member: str, text: str, values: dict[int, str]) -> None:
    """The position of row ``r``, and its vote's details."""
    t, sheet, names, vote_col = w.table, w.table.sheet, w.table.names, w.vote_col
    label = values.get(vote_col, "") if vote_col is not None else w.single
    if vote_col is not None and not label:
        w.problems.append(
            Problem(
                sheet.where,
                r,
                names[vote_col],
                None,
                f"the vote that {member!r} cast {text!r} on",
            )
        )
        return
    assert label is not None
    vote = w.votes.get(label)
    if vote is None:
        where = f"column '{names[vote_col]}'" if vote_col is not None else "sheet name"
        vote = w.votes[label] = _Vote(label, where, label)
    _vote_details(sheet, vote, r, values, w.role_col, names, w.problems)
    constituency = None
    if "constituency" in w.role_col:
        constituency = _constituency_cell(
            sheet,
            r,
            values.get(w.role_col["constituency"], ""),
            names[w.role_col["constituency"]],
            w.problems,
        )
    note_col = w.role_col.get("notes")
    w.positions.append(
        _Position(
            label,
            member,
            text,
            t.codes[_key(text)],
            r,
            w.pos_col,
            r,
            names[w.member_col],
            constituency,
            sheet.cell(r, note_col) if note_col is not None else None,
        )
    )


def _long_totals(w: _LongRows) -> list[str]:
    """The totals rows kept for later, added to the votes they count."""
    sheet, names, vote_col = w.table.sheet, w.table.names, w.vote_col
    said: list[str] = []
    for r, counted, counts, words in w.pending:
        if counted is None or counted not in w.votes:
            w.problems.append(
                Problem(
                    sheet.where,
                    r,
                    names[vote_col] if vote_col is not None else names[w.member_col],
                    words,
                    "totals under a table of one vote, or the vote they count in "
                    + (f"column '{names[vote_col]}'" if vote_col is not None else "its row")
                    + (f" (one of {_listing(list(w.votes))})" if w.votes else ""),
                )
            )
            continue
        said.append(_add_totals(sheet, w.votes[counted], counts, r, words, w.problems))
    return said


def _choose_vote_column(
    sheet: _Sheet,
    candidates: list[int],
    header_row: int,
    last: int,
    member_col: int,
    pos_col: int,
    role_col: Mapping[str, int],
    names: list[str],
    is_code: set[tuple[int, int]],
) -> int:
    """Of several columns that could name the votes, the first that does so
    consistently: every position under a vote (given or filled down from above), each
    member once per vote, one date and one title per vote."""
    faults: dict[int, str] = {}
    rows = [
        r
        for r in range(header_row + 1, last + 1)
        if sheet.cell(r, member_col) and (r, pos_col) in is_code
    ]
    details = [role_col[k] for k in ("date", "title") if k in role_col]
    for c in candidates:
        above = ""
        seen: dict[tuple[str, str], int] = {}
        detail: dict[tuple[str, int], tuple[str, int]] = {}
        for r in rows:
            value = sheet.cell(r, c) or above
            above = value
            if not value:
                faults[c] = f"names no vote on row {r}"
                break
            key = (_key(value), _key(sheet.cell(r, member_col)))
            if key in seen:
                faults[c] = (
                    f"gives {sheet.cell(r, member_col)!r} twice on {value!r} "
                    f"(rows {seen[key]} and {r})"
                )
                break
            seen[key] = r
            for d in details:
                given = sheet.cell(r, d)
                if not given:
                    continue
                first = detail.setdefault((key[0], d), (given, r))
                if _key(first[0]) != _key(given):
                    faults[c] = f"gives {value!r} two {names[d]!r} values (rows {first[1]} and {r})"
                    break
            if c in faults:
                break
        if c not in faults:
            return c
    raise VoteDataError.at(
        sheet.where,
        row=header_row,
        column=names[candidates[0]],
        found=Described(
            "no column that names each vote consistently: "
            + "; ".join(f"'{names[c]}' {faults[c]}" for c in candidates)
        ),
        expected="columns={'vote': ...} naming the column that identifies each vote (one of "
        + ", ".join(repr(names[c]) for c in candidates)
        + "), or a column of vote ids you add",
    )


def _holds_data(sheet: _Sheet, col: int, first: int, last: int) -> bool:
    return any(sheet.cell(r, col) for r in range(first, last + 1))


def _free_column(
    sheet: _Sheet,
    roles: Mapping[int, str | None],
    first: int,
    last: int,
    *,
    taken: Collection[int | None],
) -> int | None:
    """The first column that holds data in rows first to last, with no role and not taken."""
    taken = set(taken)
    return next(
        (
            c
            for c, role in roles.items()
            if c not in taken and role is None and _holds_data(sheet, c, first, last)
        ),
        None,
    )


def _ignored(
    sheet: _Sheet, first: int, last: int, used: set[int | None], names: list[str]
) -> tuple[str, ...]:
    return tuple(
        names[c] for c in range(len(names)) if c not in used and _holds_data(sheet, c, first, last)
    )


def _single_vote_label(sheet: _Sheet) -> str:
    """The one vote of a table without a vote column: named after its sheet or file."""
    if sheet.name and not re.fullmatch(
        r"(sheet|feuil|feuille|hoja|tabelle|foglio)\s*\d*", _key(sheet.name)
    ):
        return sheet.name
    return Path(sheet.where.split(" (sheet ")[0]).stem


def _spans(rows: Sequence[int]) -> str:
    out: list[str] = []
    start = prev = rows[0]
    for r in [*rows[1:], -1]:
        if r != prev + 1:
            out.append(str(start) if start == prev else f"{start}-{prev}")
            start = r
        prev = r
    return ", ".join(out)


def _notes_under(sheet: _Sheet, below: list[int]) -> tuple[str, ...]:
    """Rows under the data that do not have the table's shape: notes, each said."""
    if not below:
        return ()
    first = " ".join(t for t in sheet.rows[below[0]] if t)
    return (f"row(s) {_spans(below)} under the data as notes (first: {first[:50]!r})",)


def _row_totals(
    sheet: _Sheet,
    row: int,
    label: str,
    column: str,
    others: Mapping[int, str],
    problems: list[Problem],
) -> dict[str, int] | str | None:
    """Counts a totals row states ("Total | 40-2-9", "In favour 11", "Against | 2").

    ``None`` when the row is not a totals row; a string (why) when it is one the
    kit does not read because its totals are formulas.
    """
    try:
        own = _counts(label)
    except _BadCount as exc:
        problems.append(_count_problem(sheet, row, column, label, str(exc)))
        return {}
    if own and "" not in own:
        return own  # "In favour 11", "Total: 40-2-9"
    if not _is_totals_label(label) or not any(_ANY_DIGIT.search(t) for t in others.values()):
        return None
    if any((row, c) in sheet.formulas for c in others):
        return f"row {row} ({label!r}: totals computed by a formula, not read as published)"
    text = ", ".join(others.values())
    try:
        counts = _total_counts(label, text)
    except _BadCount as exc:
        problems.append(_count_problem(sheet, row, column, f"{label}: {text}", str(exc)))
        return {}
    return counts


def _total_counts(label: str, text: str) -> dict[str, int]:
    counts = _counts(text)
    if counts is None:
        raise _BadCount("a count the kit cannot read")
    if "" in counts:
        position = _count_position(label)
        if position is None:
            raise _BadCount("a number without the position it counts")
        return {position: counts[""]}
    return counts


def _count_problem(sheet: _Sheet, row: int, column: str, text: str, why: str) -> Problem:
    return Problem(
        sheet.where,
        row,
        column,
        text,
        f"totals written as whole numbers of at most {MAX_COUNT_DIGITS} digits 0-9, such as "
        f"'In favour 40', 'Total 40-2-9' or 'Y 40, N 2, A 9' ({why})",
    )


def _add_totals(
    sheet: _Sheet,
    vote: _Vote,
    counts: Mapping[str, int],
    row: int,
    words: str,
    problems: list[Problem],
) -> str:
    for position, n in counts.items():
        given = vote.totals.get(position)
        if given is not None and given[0] != n:
            problems.append(
                Problem(
                    sheet.where,
                    row,
                    position,
                    Described(f"a total of {n} '{position}' for {vote.label!r}"),
                    f"one total per position (row {given[1]} gives {given[0]})",
                )
            )
        elif given is None:
            vote.totals[position] = (n, row, words)
    shown = ", ".join(f"{p} {n}" for p, n in counts.items())
    return f"row {row} ({words!r}): {shown} for {vote.label!r}"


def _check_totals(result: _SheetResult, problems: list[Problem]) -> None:
    """Named positions against the totals the sheet states for their vote."""
    named = Counter(
        (p.vote, "not_voting" if p.position in ("absent", "not_voting") else p.position)
        for p in result.positions
    )
    for label, vote in result.votes.items():
        for position, (n, row, words) in vote.totals.items():
            count = named[(label, position)]
            if count > n:
                problems.append(
                    Problem(
                        result.sheet.where,
                        row,
                        position,
                        Described(f"{count} members named '{position}' on vote {label!r}"),
                        f"at most the total of {n} this row gives ({words!r})",
                    )
                )


_DATE_LABEL = re.compile(
    r"^(?:date(?: of (?:the )?vote)?|vote date|voted on|date du vote|date du scrutin"
    r"|fecha(?: de (?:la )?votacion)?)\s*[:\-\u2013]?\s*(.*)$"
)


def _title_date(sheet: _Sheet, before: int, problems: list[Problem]) -> tuple[str, str] | None:
    """A date the title rows give the whole sheet ("Date of vote: 14/03/2024")."""
    for r in sorted(sheet.rows):
        if r >= before:
            break
        cells = sheet.rows[r]
        for c, text in enumerate(cells):
            m = _DATE_LABEL.match(_key(text))
            if m is None:
                continue
            written = m[1] or next((t for t in cells[c + 1 :] if t), "")
            try:
                iso = _date(written) or _year(written)
            except _BadDate:
                iso = None
            if iso is None:
                problems.append(
                    Problem(
                        sheet.where,
                        r,
                        _column_letter(c),
                        text,
                        "a date such as 2025-11-24, 24/11/2025 or 24 November 2025",
                    )
                )
                return None
            return iso, f"row {r} ({text!r})"
    return None


def _vote_details(
    sheet: _Sheet,
    vote: _Vote,
    row: int,
    values: Mapping[int, str],
    role_col: Mapping[str, int],
    names: list[str],
    problems: list[Problem],
) -> None:
    for role in ("title", "subject", "session", "body"):
        c = role_col.get(role)
        if c is not None and values.get(c) and getattr(vote, role) is None:
            setattr(vote, role, values[c])
    c = role_col.get("date")
    if c is None or not values.get(c):
        return
    text = values[c]
    try:
        iso = _date(text) or _year(text)
    except _BadDate:
        problems.append(
            Problem(
                sheet.where, row, names[c], text, "a real date (such as 2025-11-24 or 24/11/2025)"
            )
        )
        return
    if iso is None:
        problems.append(
            Problem(
                sheet.where,
                row,
                names[c],
                text,
                "a date such as 2025-11-24, 24/11/2025 or 24 November 2025",
            )
        )
    elif vote.date is None:
        vote.date, vote.date_at = iso, (row, names[c])
    elif vote.date != iso and vote.date_at is not None:
        problems.append(
            Problem(
                sheet.where,
                row,
                names[c],
                text,
                f"the same date on every row of vote {vote.label!r} (row "
                f"{vote.date_at[0]} gives {vote.date})",
            )
        )


def _constituency_cell(
    sheet: _Sheet, row: int, text: str, column: str, problems: list[Problem]
) -> str | None:
    if not text:
        return None
    value = _constituency(text)
    if value is None:
        problems.append(
            Problem(
                sheet.where,
                row,
                column,
                text,
                "a constituency, written as one of these (any case, with or without a "
                "final '.'): " + _constituency_forms(),
            )
        )
    return value


@dataclass(frozen=True)
class _Table:
    """The table found on a sheet: its header rows, data rows and what each column holds."""

    sheet: _Sheet
    header_rows: tuple[int, ...]
    first: int
    last: int
    labels: list[str]
    names: list[str]
    roles: dict[int, str | None]
    is_code: set[tuple[int, int]]
    codes: Mapping[str, str]


@dataclass
class _WideRows:
    """What reading the rows of a wide table gathers, row by row."""

    table: _Table
    transposed: bool
    label_col: int
    role_col: dict[str, int]
    across: dict[int, str]
    votes: dict[str, _Vote]
    problems: list[Problem]
    data_last: int
    positions: list[_Position] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)
    heading: str | None = None
    above: str | None = None
    down: dict[str, int] = field(default_factory=dict)
    notes: list[int] = field(default_factory=list)
    totals_said: list[str] = field(default_factory=list)

    @property
    def down_what(self) -> str:
        """What each row names: a vote (transposed) or a member."""
        return "vote" if self.transposed else "member"


def _read_wide(
    t: _Table,
    code_cols: list[int],
    layout: str,
    problems: list[Problem],
    context: str,
) -> _SheetResult:
    sheet, header_rows = t.sheet, t.header_rows
    header_row = header_rows[-1]
    transposed = layout == "wide-transposed"
    role_col, label_col = _wide_label_column(t, code_cols, transposed)
    across = _wide_across(t, code_cols, transposed, problems)
    votes: dict[str, _Vote] = {}
    if not transposed:
        for c, label in list(across.items()):
            vote = _header_vote(sheet, header_rows, c, label, problems)
            if vote.label in votes:  # the same title on two dates: keep the dates
                vote.label = label
            across[c] = vote.label
            votes[vote.label] = vote
    w = _WideRows(t, transposed, label_col, role_col, across, votes, problems, t.last)
    for r in range(header_row + 1, max(sheet.rows) + 1):
        _wide_row(w, r)
    names = t.names
    guess = SheetGuess(
        sheet.name,
        layout,
        header_row,
        header_rows,
        (t.first, w.data_last),
        None if transposed else names[label_col],
        names[label_col] if transposed else None,
        None,
        tuple(across.values()),
        tuple(votes),
        len(w.positions),
        tuple(w.skipped) + _notes_under(sheet, w.notes),
        tuple(w.filled),
        _ignored(sheet, t.first, t.last, {label_col, *across, *role_col.values()}, names),
        tuple(w.totals_said),
    )
    return _SheetResult(sheet, guess, votes, w.positions, context)


def _wide_label_column(
    t: _Table, code_cols: list[int], transposed: bool
) -> tuple[dict[str, int], int]:
    """The columns of each role, and the column naming the members (votes, transposed)."""
    code_set = set(code_cols)
    role_col = {r: c for c, r in sorted(t.roles.items(), reverse=True) if r and c not in code_set}
    label_col = role_col.get("vote" if transposed else "member")
    if label_col is None and transposed:
        label_col = role_col.get("title", role_col.get("date"))
    if label_col is None:
        label_col = _free_column(t.sheet, t.roles, t.first, t.last, taken=code_cols)
    if label_col is None:
        what = "votes" if transposed else "members"
        raise _Skip(
            Problem(
                t.sheet.where,
                t.header_rows[-1],
                None,
                Described(f"no column of {what}"),
                f"a column naming the {what} beside the positions",
            )
        )
    return role_col, label_col


def _wide_across(
    t: _Table, code_cols: list[int], transposed: bool, problems: list[Problem]
) -> dict[int, str]:
    """Across the header: votes (wide) or members (transposed), each once."""
    sheet, header_row = t.sheet, t.header_rows[-1]
    what = "member" if transposed else "vote"
    across: dict[int, str] = {}
    seen: dict[str, int] = {}
    for c in code_cols:
        label = t.labels[c]
        if (header_row, c) in sheet.formulas:
            problems.append(_formula_problem(sheet, header_row, c, _column_letter(c)))
            continue
        if not label:
            problems.append(
                Problem(
                    sheet.where,
                    header_row,
                    _column_letter(c),
                    None,
                    f"a header naming the {what} of this column",
                )
            )
            continue
        key = _key(label)
        if key in seen:
            problems.append(
                Problem(
                    sheet.where,
                    header_row,
                    label,
                    label,
                    f"each {what} once in the header; it is also in column "
                    f"{_column_letter(seen[key])}",
                )
            )
            continue
        seen[key] = c
        across[c] = label
    return across


def _wide_row(w: _WideRows, r: int) -> None:
    """Read row ``r`` of a wide table: positions, totals, a heading, a note or a fault."""
    t, sheet = w.table, w.table.sheet
    cells = sheet.rows.get(r)
    if not cells:
        return
    label = sheet.cell(r, w.label_col)
    filled_cells = [c for c in w.across if sheet.cell(r, c)]
    if (
        not w.transposed
        and label
        and (r, w.label_col) not in sheet.formulas
        and _is_totals_label(label)
        and any(_ANY_DIGIT.search(sheet.cell(r, c)) for c in filled_cells)
    ):
        w.totals_said += _wide_totals(
            sheet, r, label, t.names[w.label_col], w.across, w.votes, w.problems
        )
        w.data_last = max(w.data_last, r)
        return
    # Under the last position, a row is data when it has the table's shape (a
    # label and cells under the header); anything else is a note.
    if r > t.last and not (label and filled_cells):
        w.notes.append(r)
        return
    w.data_last = max(w.data_last, r)
    if not filled_cells:
        _wide_heading_or_skip(w, r, label, cells)
        return
    why = _skip_row(r, label, t.codes) if label else None
    if why:
        w.skipped.append(why)
        return
    if not _wide_row_label(w, r, label):
        return
    coded = [c for c in w.across if (r, c) in t.is_code]
    coded_set = set(coded)
    for c in filled_cells:
        text = sheet.cell(r, c)
        if (r, c) in sheet.formulas:
            w.problems.append(_formula_problem(sheet, r, c, t.names[c]))
        elif c not in coded_set:
            w.problems.append(_code_problem(sheet, r, t.names[c], text))
    constituency = _wide_constituency(w, r)
    note_col = w.role_col.get("notes")
    note = sheet.cell(r, note_col) if note_col is not None else None
    _wide_positions(w, r, label, coded, constituency, note)


def _wide_heading_or_skip(w: _WideRows, r: int, label: str, cells: list[str]) -> None:
    """A row with no positions: a constituency heading, or skipped with why."""
    if not label:
        text = " ".join(t for t in cells if t)
        if not w.transposed and _constituency(text):
            w.heading = _constituency(text)
            w.skipped.append(f"row {r} (heading {text!r}: constituency {w.heading} below)")
        elif text:
            w.skipped.append(f"row {r} (no {w.down_what}: {text[:40]!r})")
        return
    if not w.transposed and _constituency(label):
        w.heading = _constituency(label)
        w.skipped.append(f"row {r} (heading {label!r}: constituency {w.heading} below)")
    else:
        w.skipped.append(_skip_row(r, label, w.table.codes) or f"row {r} ({label!r}: no positions)")


def _wide_row_label(w: _WideRows, r: int, label: str) -> bool:
    """Whether the row's member (vote, transposed) is usable: written, once, no formula."""
    sheet, column = w.table.sheet, w.table.names[w.label_col]
    if (r, w.label_col) in sheet.formulas:
        w.problems.append(_formula_problem(sheet, r, w.label_col, column))
        return False
    if not label:
        w.problems.append(
            Problem(
                sheet.where,
                r,
                column,
                None,
                f"the {w.down_what} these positions belong to",
            )
        )
        return False
    key = _key(label)
    if key in w.down:
        w.problems.append(
            Problem(
                sheet.where,
                r,
                column,
                label,
                f"each {w.down_what} on one row; it is also on row {w.down[key]}",
            )
        )
        return False
    w.down[key] = r
    return True


def _wide_constituency(w: _WideRows, r: int) -> str | None:
    """The row's constituency: its cell, the cell above it when blank, or the heading."""
    constituency_col = w.role_col.get("constituency")
    if constituency_col is None:
        return w.heading
    t = w.table
    value = t.sheet.cell(r, constituency_col)
    if value:
        w.above = value
    elif w.above:
        value = w.above
        if t.names[constituency_col] not in w.filled:
            w.filled.append(t.names[constituency_col])
    return _constituency_cell(t.sheet, r, value, t.names[constituency_col], w.problems) or w.heading


def _wide_positions(
    w: _WideRows, r: int, label: str, coded: list[int], constituency: str | None, note: str | None
) -> None:
    """The positions of row ``r``: one per coded cell."""
    t, sheet, header_row = w.table, w.table.sheet, w.table.header_rows[-1]
    if w.transposed:
        vote = w.votes[label] = _Vote(label, f"column '{t.names[w.label_col]}'", label)
        values = {c: sheet.cell(r, c) for c in w.role_col.values()}
        _vote_details(sheet, vote, r, values, w.role_col, t.names, w.problems)
    for c in coded:
        code = sheet.cell(r, c)
        position = t.codes[_key(code)]
        if w.transposed:
            w.positions.append(
                _Position(
                    label,
                    w.across[c],
                    code,
                    position,
                    r,
                    c,
                    header_row,
                    _column_letter(c),
                    None,
                    note,
                )
            )
        else:
            w.positions.append(
                _Position(
                    w.across[c],
                    label,
                    code,
                    position,
                    r,
                    c,
                    r,
                    t.names[w.label_col],
                    constituency,
                    note,
                )
            )


def _wide_totals(
    sheet: _Sheet,
    row: int,
    label: str,
    column: str,
    across: Mapping[int, str],
    votes: Mapping[str, _Vote],
    problems: list[Problem],
) -> list[str]:
    """A totals row under the members of a wide table: one count (or several) per vote."""
    said = []
    for c, vote_label in across.items():
        text = sheet.cell(row, c)
        if not text:
            continue
        if (row, c) in sheet.formulas:
            said.append(
                f"row {row} ({label!r}, column {_column_letter(c)}: a formula, "
                "not read as a published total)"
            )
            continue
        try:
            counts = _total_counts(label, text)
        except _BadCount as exc:
            problems.append(_count_problem(sheet, row, vote_label, text, str(exc)))
            continue
        vote = votes.get(vote_label)
        if vote is not None:
            said.append(_add_totals(sheet, vote, counts, row, f"{label}: {text}", problems))
    return said


def _header_vote(
    sheet: _Sheet,
    header_rows: tuple[int, ...],
    col: int,
    label: str,
    problems: list[Problem],
) -> _Vote:
    """A vote named in a header; a date in the header cells above or below is its date."""
    parts: list[str] = []
    date: str | None = None
    for r in header_rows:
        text = sheet.cell(r, col)
        if not text or text in parts:
            continue
        try:
            iso = _date(text)
        except _BadDate:
            problems.append(
                Problem(
                    sheet.where,
                    r,
                    _column_letter(col),
                    text,
                    "a real date (such as 2025-11-24 or 24/11/2025)",
                )
            )
            continue
        if iso is not None and len(header_rows) > 1:
            date = iso
        else:
            parts.append(text)
    title = " – ".join(parts) or label
    vote = _Vote(title, f"column {_column_letter(col)}", label, date=date)
    vote.title = title
    return vote


# ------------------------------------------------------------- whole workbook


def _resolve_members(
    results: list[_SheetResult],
    given: Mapping[str, str],
    accept_suggestions: bool,
    problems: list[Problem],
) -> dict[tuple[str, str], str]:
    """Member id of each (sheet, name as written): given, or through :mod:`.names`."""
    from .names import member_ids

    own = {_key(name): member for name, member in given.items()}
    ids: dict[tuple[str, str], str] = {}
    for result in results:
        groups: dict[str, dict[str, int]] = {}
        for p in result.positions:
            if _key(p.member) in own:
                ids[(result.sheet.name, p.member)] = own[_key(p.member)]
            else:
                groups.setdefault(p.name_col, {}).setdefault(p.member, p.name_row)
        for column, first_rows in groups.items():
            names = list(first_rows)
            try:
                found = member_ids(
                    names,
                    file=result.sheet.where,
                    rows=[first_rows[n] for n in names],
                    column=column,
                    accept_suggestions=accept_suggestions,
                    refuse_ambiguous=True,
                )
            except VoteDataError as exc:
                problems.extend(exc.problems)
                continue
            ids.update({(result.sheet.name, n): i for n, i in zip(names, found, strict=True)})
    return ids


def _vote_ids(
    results: list[_SheetResult], vote_id: str | Mapping[str, str] | None, file: str
) -> dict[tuple[str, str], str]:
    """Vote id of each (sheet, vote label); labels found on two sheets get the sheet name."""
    sheets_of: dict[str, set[str]] = {}
    for result in results:
        for label in result.votes:
            sheets_of.setdefault(label, set()).add(result.sheet.name)
    out = {
        (result.sheet.name, label): (
            f"{result.sheet.name}: {label}" if len(sheets_of[label]) > 1 else label
        )
        for result in results
        for label in result.votes
    }
    if isinstance(vote_id, str):
        if len(set(out.values())) != 1:
            raise VoteDataError.at(
                file,
                column="vote_id=",
                found=Described(
                    f"{len(set(out.values()))} votes ({_listing(sorted(set(out.values())))})"
                ),
                expected="one vote for a single vote_id=; name several with a mapping "
                "{vote as found: id}",
            )
        return dict.fromkeys(out, vote_id)
    if vote_id:
        unknown = [k for k in vote_id if k not in out.values()]
        if unknown:
            raise VoteDataError.at(
                file,
                column="vote_id=",
                found=unknown[0],
                expected="a vote as found in the file: " + _listing(sorted(set(out.values())), 10),
            )
        out = {k: vote_id.get(v, v) for k, v in out.items()}
    return out


def read_spreadsheet(
    path: str | Path,
    *,
    sheet: str | int | Sequence[str | int] | None = None,
    layout: str | Mapping[str, str] | None = None,
    header_row: int | Mapping[str, int] | None = None,
    codes: Mapping[str, str] | None = None,
    vote_id: str | Mapping[str, str] | None = None,
    columns: Mapping[str, str] | None = None,
    body: str | None = None,
    kind: str | None = None,
    source: str | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    members: Mapping[str, str] | None = None,
    accept_suggestions: bool = False,
    max_bytes: int = MAX_BYTES,
    max_cells: int = MAX_CELLS,
) -> SpreadsheetDataset:
    """Read votes from a workbook or CSV file laid out as people lay them out.

    Reads long tables (one row per member and vote), wide tables (members as rows,
    votes as columns) and their transpose, from every sheet of an .xlsx or from a
    CSV (``,``, ``;`` or tab; UTF-8 with or without BOM, or Windows-1252). Title rows
    above the header, headers over several rows or merged, blank rows, notes under
    the data and stray spaces are allowed. Member names become ids through
    :func:`voteanalysis.io.names.member_ids`; names that mean several members ("Korea",
    "Congo", "Guinea": :data:`voteanalysis.io.names.AMBIGUOUS_NAMES`) are refused with the
    candidates until ``members=`` says which.

    A row under the header is data when it has the table's shape (a member and a
    position, or a label and cells under the vote columns), so its faults are errors;
    other rows are notes, each listed in ``guess`` (:meth:`SpreadsheetGuess.skipped_rows`).
    Totals rows ("Total | 40-2-9", "In favour 11", "Against | 2", a totals row under
    the members of a wide table) are read as the vote's published totals and checked
    against the named positions; totals computed by a formula are not read, and said.
    A title row "Date of vote: 14/03/2024" dates the sheet's votes that have no date.
    Cells of more than :data:`~voteanalysis.io.workbook.MAX_CELL_CHARS` characters,
    control characters and direction overrides are refused with their location.

    Parameters
    ----------
    path
        The .xlsx workbook or .csv file.
    sheet
        Sheet name or 0-based index (or a list of them) to read. Default: every
        sheet holding positions; the others are skipped and listed in the guess.
    layout
        ``"long"``, ``"wide"`` or ``"wide-transposed"``, or a mapping sheet -> layout.
    header_row
        Row of the header as a spreadsheet shows it (or a mapping sheet -> row).
    codes
        Extra or different position codes, e.g. ``{"J": "yes", "A": "absent"}``.
    vote_id
        The id of the only vote, or a mapping {vote as found: id} to rename votes.
    columns
        Which header holds what: ``{"member": "Pays", "vote": "Scrutin",
        "position": "Sens du vote", "date": ..., "constituency": ..., "notes": ...}``.
    body
        The voting body (a key of ``schema.BODIES``). Default: guessed from the file
        name, sheet names and title rows.
    kind
        What every vote decides (``schema`` enum). Default: guessed from each vote's
        title, ``decision`` when it names nothing else.
    source
        Where the spreadsheet came from (a web address), put in ``source_url``.
        Default: the file name.
    delimiter, encoding
        For CSV files; guessed by default.
    members
        Member ids for names the kit does not know, e.g. ``{"Washington": "USA"}``
        (a press usage); other names go through :func:`voteanalysis.io.names.member_ids`.
    accept_suggestions
        Take the closest known member for a name that is not known, instead of
        stopping with the list of such names.
    max_bytes, max_cells
        Larger files, and sheets with more cells, are refused before reading.

    Returns
    -------
    SpreadsheetDataset
        A :class:`VoteDataset` that passes the kit's validation; ``.guess`` holds
        what was guessed (``print(data.guess)``).

    Raises
    ------
    VoteDataError
        One error listing every problem found, each with file (and sheet), row,
        column, what was found and what was expected.

    Examples
    --------
    >>> import voteanalysis as va
    >>> from voteanalysis.io.spreadsheet import read_spreadsheet
    >>> data = read_spreadsheet("gb-votes.xlsx")  # doctest: +SKIP
    >>> print(data.guess)  # doctest: +SKIP
    >>> data = read_spreadsheet("gb-votes.xlsx", **{**data.guess.arguments(),
    ...                         "header_row": 4})  # doctest: +SKIP
    """
    path = Path(path)
    if not path.is_file():
        raise VoteDataError.at(
            str(path), found=Described("no such file"), expected="an .xlsx workbook or a .csv file"
        )
    check_size(path, max_bytes)
    request = _Request(
        table=_code_table(codes),
        sheet=sheet,
        layout=layout,
        header_row=header_row,
        vote_id=vote_id,
        columns=dict(columns or {}),
        body=body,
        kind=kind,
        source=source,
        members=dict(members or {}),
        accept_suggestions=accept_suggestions,
    )
    _check_arguments(body, kind, members, layout)
    csv_info: tuple[str, str] | None = None
    with path.open("rb") as f:
        head = f.read(8)
    # By content first: a workbook renamed .csv, or an .xls, gets the workbook checks.
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls") or head.startswith(
        (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
    ):
        sheets = _workbook_sheets(path, max_cells)
    else:
        one, used, delim = _csv_sheet(
            path, delimiter=delimiter, encoding=encoding, max_cells=max_cells
        )
        sheets, csv_info = [one], (used, delim)
    return _read_sheets(path, sheets, request, csv_info)


@dataclass(frozen=True)
class _Request:
    """What the caller of :func:`read_spreadsheet` asked for (defaults: guess it all)."""

    table: dict[str, str] = field(default_factory=lambda: _code_table(None))
    sheet: str | int | Sequence[str | int] | None = None
    layout: str | Mapping[str, str] | None = None
    header_row: int | Mapping[str, int] | None = None
    vote_id: str | Mapping[str, str] | None = None
    columns: dict[str, str] = field(default_factory=dict)
    body: str | None = None
    kind: str | None = None
    source: str | None = None
    members: dict[str, str] = field(default_factory=dict)
    accept_suggestions: bool = False


def _read_sheets(
    path: Path,
    sheets: list[_Sheet],
    request: _Request | None = None,
    csv_info: tuple[str, str] | None = None,
) -> SpreadsheetDataset:
    """The votes of sheets already read (and checked) from ``path``.

    :func:`read_spreadsheet` after the file is opened; the kit's own reader hands
    over a workbook it opened that is not in the kit's layout, so it is not opened
    and checked a second time. ``csv_info`` is (encoding, delimiter) of a CSV.
    """
    request = request or _Request()
    chosen, explicit = _choose_sheets(path.name, sheets, request.sheet)
    results, skipped = _analyse_sheets(chosen, explicit, request)
    problems: list[Problem] = []
    ids = _resolve_members(results, request.members, request.accept_suggestions, problems)
    raise_problems(problems)
    vote_ids = _vote_ids(results, request.vote_id, path.name)
    _check_duplicates(results, ids, vote_ids, problems)
    raise_problems(problems)
    bodies, body_from = _bodies(path, results, request.body)
    data = _dataset(path, results, ids, vote_ids, bodies, request.kind, request.source)
    used_codes: dict[str, tuple[str, str, int]] = {}
    for result in results:
        for p in result.positions:
            written, position, n = used_codes.get(_key(p.code), (p.code, p.position, 0))
            used_codes[_key(p.code)] = (written, position, n + 1)
    guess = SpreadsheetGuess(
        path.name,
        tuple(_renamed(r.guess, vote_ids, r.sheet.name) for r in results),
        tuple(skipped),
        tuple(sorted(used_codes.values(), key=lambda code: POSITIONS.index(code[1]))),
        ", ".join(sorted(set(bodies.values()))),
        body_from,
        encoding=csv_info[0] if csv_info else None,
        delimiter=csv_info[1] if csv_info else None,
        members=tuple(request.members.items()),
    )
    return SpreadsheetDataset(guess=guess, **data)


def _analyse_sheets(
    chosen: list[_Sheet], explicit: bool, request: _Request
) -> tuple[list[_SheetResult], list[tuple[str, str]]]:
    """Each chosen sheet read, and the sheets skipped with why (an error if all are)."""
    problems: list[Problem] = []
    results: list[_SheetResult] = []
    skipped: list[tuple[str, str]] = []
    skip_problems: list[Problem] = []
    layout, header_row = request.layout, request.header_row
    for s in chosen:
        opts = _Options(
            request.table,
            layout.get(s.name) if isinstance(layout, Mapping) else layout,
            header_row.get(s.name) if isinstance(header_row, Mapping) else header_row,
            dict(request.columns),
        )
        try:
            results.append(_analyse(s, opts, problems))
        except _Skip as skip:
            if explicit:
                problems.append(skip.problem)
            skipped.append((s.name, f"{skip.problem.found}"))
            skip_problems.append(skip.problem)
    raise_problems(problems)
    if not results:
        raise VoteDataError(skip_problems)
    return results, skipped


def _check_arguments(
    body: str | None,
    kind: str | None,
    members: Mapping[str, str] | None,
    layout: str | Mapping[str, str] | None,
) -> None:
    """Refuse wrong arguments of :func:`read_spreadsheet` (ValueError naming the choices)."""
    if body is not None:
        check_choice("read_spreadsheet", "body", body, BODIES)
    if kind is not None:
        check_choice("read_spreadsheet", "kind", kind, TABLES["votes"].get("kind").enum or ())
    layouts = layout.values() if isinstance(layout, Mapping) else [layout]
    for one in layouts:
        if one is not None:
            check_choice("read_spreadsheet", "layout", one, LAYOUTS)
    bad = [n for n, m in (members or {}).items() if not isinstance(m, str) or not m.strip()]
    if bad:
        raise ValueError(
            f"read_spreadsheet(): members= gives no member id for {bad[0]!r}; "
            "give a member id (such as 'USA') for each name"
        )


def _renamed(guess: SheetGuess, vote_ids: Mapping[tuple[str, str], str], sheet: str) -> SheetGuess:
    return replace(guess, votes=tuple(vote_ids[(sheet, v)] for v in guess.votes))


def _choose_sheets(
    file: str, sheets: list[_Sheet], wanted: str | int | Sequence[str | int] | None
) -> tuple[list[_Sheet], bool]:
    if wanted is None:
        return sheets, len(sheets) == 1
    items = [wanted] if isinstance(wanted, (str, int)) else list(wanted)
    chosen = []
    for item in items:
        if isinstance(item, int) and not isinstance(item, bool):
            if not 0 <= item < len(sheets):
                raise VoteDataError.at(
                    file,
                    column="sheet=",
                    found=str(item),
                    expected=f"a sheet index from 0 to {len(sheets) - 1}",
                )
            chosen.append(sheets[item])
            continue
        match = [s for s in sheets if s.name == item] or [
            s for s in sheets if _key(s.name) == _key(str(item))
        ]
        if not match:
            raise VoteDataError.at(
                file,
                column="sheet=",
                found=str(item),
                expected="a sheet of the workbook: " + _listing([s.name for s in sheets], 12),
            )
        chosen.append(match[0])
    return chosen, True


def _bodies(
    path: Path, results: list[_SheetResult], body: str | None
) -> tuple[dict[tuple[str, str], str], str]:
    """Body of each (sheet, vote label): given, from a body column, or guessed."""
    out: dict[tuple[str, str], str] = {}
    file_bodies = bodies_named(path.stem)
    froms: set[str] = set()
    problems: list[Problem] = []
    for result in results:
        sheet_bodies = bodies_named(result.context)
        for label, vote in result.votes.items():
            if body is not None:
                out[(result.sheet.name, label)] = body
                froms.add("given")
                continue
            if vote.body:
                named = bodies_named(vote.body) or ({vote.body} & set(BODIES))
                if len(named) != 1:
                    problems.append(
                        Problem(
                            result.sheet.where,
                            None,
                            "body",
                            vote.body,
                            "a voting body: " + ", ".join(BODIES),
                        )
                    )
                    continue
                out[(result.sheet.name, label)] = named.pop()
                froms.add("from the body column")
                continue
            for candidates, where in (
                (
                    bodies_named(label) if len(sheet_bodies | file_bodies) != 1 else set(),
                    "the vote title",
                ),
                (
                    sheet_bodies,
                    "the sheet name and title rows" if result.sheet.name else "the title rows",
                ),
                (file_bodies, "the file name"),
            ):
                if len(candidates) == 1:
                    out[(result.sheet.name, label)] = next(iter(candidates))
                    froms.add(f"guessed from {where}")
                    break
            else:
                named = sheet_bodies | file_bodies
                problems.append(
                    Problem(
                        result.sheet.where,
                        None,
                        None,
                        Described(
                            "no single voting body named in the file name, sheet name "
                            "or title rows"
                            + (f" (several: {', '.join(sorted(named))})" if named else "")
                        ),
                        "body= one of "
                        + ", ".join(BODIES)
                        + " (e.g. read_spreadsheet(path, body='ILO-GB'))",
                    )
                )
                break
    raise_problems(problems)
    return out, "; ".join(sorted(froms))


def _check_duplicates(
    results: list[_SheetResult],
    ids: Mapping[tuple[str, str], str],
    vote_ids: Mapping[tuple[str, str], str],
    problems: list[Problem],
) -> None:
    seen: dict[tuple[str, str], tuple[_SheetResult, _Position]] = {}
    for result in results:
        for p in result.positions:
            key = (vote_ids[(result.sheet.name, p.vote)], ids[(result.sheet.name, p.member)])
            if key in seen:
                first_result, first = seen[key]
                where = f"row {first.row}" + (
                    "" if first_result is result else f" of {first_result.sheet.where}"
                )
                same = (
                    "" if first.member == p.member else f" ({first.member!r}, same member {key[1]})"
                )
                problems.append(
                    Problem(
                        result.sheet.where,
                        p.row,
                        p.name_col if p.name_row == p.row else _column_letter(p.col),
                        f"{p.member}: {p.code}",
                        f"each member once per vote ({key[0]}); it is also on {where}{same}",
                    )
                )
            else:
                seen[key] = (result, p)


def _dataset(
    path: Path,
    results: list[_SheetResult],
    ids: Mapping[tuple[str, str], str],
    vote_ids: Mapping[tuple[str, str], str],
    bodies: Mapping[tuple[str, str], str],
    kind: str | None,
    source: str | None,
) -> dict[str, Any]:
    source_url = source or path.name
    votes: dict[str, dict[str, str]] = {}
    positions: list[dict[str, str]] = []
    file_session = _session_named(path.stem)
    for result in results:
        sheet_session = _session_named(result.context)
        for label, vote in result.votes.items():
            vid = vote_ids[(result.sheet.name, label)]
            if vid in votes:
                continue
            title = vote.title or vote.label
            votes[vid] = {
                "vote_id": vid,
                "body": bodies[(result.sheet.name, label)],
                "session": vote.session
                or _session_named(label)
                or sheet_session
                or file_session
                or "",
                "date": vote.date or "",
                "title": title,
                "subject": vote.subject or "",
                "kind": kind or vote_kind(title),
                "source_url": source_url,
                "source_quote": "; ".join(
                    [vote.quote, *dict.fromkeys(words for _, _, words in vote.totals.values())]
                ),
                "notes": f"Read from {result.sheet.where}, {vote.where}."
                + "".join(
                    f" Total '{p}' from row {row}." for p, (_, row, _) in vote.totals.items()
                ),
                **{p: str(n) for p, (n, _, _) in vote.totals.items()},
            }
        for p in result.positions:
            cell = f"{_column_letter(p.col)}{p.row}"
            note = f"{result.sheet.where}, cell {cell}"
            positions.append(
                {
                    "vote_id": vote_ids[(result.sheet.name, p.vote)],
                    "member_id": ids[(result.sheet.name, p.member)],
                    "member": p.member,
                    "constituency": p.constituency or "",
                    "position": p.position,
                    "source_url": source_url,
                    "source_quote": f"{p.member}: {p.code}",
                    "notes": f"{p.note} ({note})" if p.note else note,
                }
            )
    if not positions:
        # Votes without a single member's position would load as an empty table.
        raise VoteDataError.at(
            path.name,
            found=Described(f"{len(votes)} vote column(s) and no member with a position"),
            expected="rows naming members with their positions (pass layout= or header_row= "
            "if the table was misread)",
        )
    raws = {
        "votes": pd.DataFrame(
            list(votes.values()), columns=TABLES["votes"].columns, dtype="str"
        ).fillna(""),
        "positions": pd.DataFrame(
            positions, columns=TABLES["positions"].columns, dtype="str"
        ).fillna(""),
    }
    files = {name: f"{path.name} (as read)" for name in TABLES}
    typed = assemble_tables(raws, files, path.name, provenance=True)
    return {**typed, "origin": path.name}
