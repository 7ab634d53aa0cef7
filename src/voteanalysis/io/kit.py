"""Reading the kit's tables: the bundled data, a folder of CSVs, a data package, a workbook."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Collection, Sequence
from pathlib import Path, PurePosixPath
from typing import Any, NoReturn

import pandas as pd

from ..arguments import check_choice
from ..dataset import VoteDataset
from ..errors import Described, Problem, VoteDataError
from ..schema import TABLES
from .paths import data_dir
from .tables import MAX_BYTES, assemble_tables, check_size, typed_table
from .validate import raise_problems, unsourced_rows
from .workbook import (
    MAX_CELLS,
    _cell_problem,
    _column_letter,
    _last_value_row,
    _sheets_of,
    _trim,
    _unreadable,
    csv_records,
    csv_text,
    open_workbook,
)

__all__ = ["BUNDLED", "MAX_BYTES", "data_dir", "load_dataset", "read_dataset", "typed_table"]

#: The names :func:`load_dataset` knows.
BUNDLED: tuple[str, ...] = ("governing-bodies", "unga", "unsc", "hrc")


def load_dataset(
    name: str = "governing-bodies", *, update: str | Path | None = None
) -> VoteDataset:
    """Load a dataset bundled with the kit.

    Parameters
    ----------
    name
        ``"governing-bodies"`` (default): ILO Governing Body, ILO Conference and IAEA
        Board votes with their sources. ``"unga"``: the UN General Assembly record,
        1946 to October 2025. ``"unsc"``: the UN Security Council, adopted resolutions,
        failed drafts and vetoes (:func:`voteanalysis.io.unsc.load_unsc`). ``"hrc"``: the UN
        Human Rights Council's recorded votes (:func:`voteanalysis.io.hrc.load_hrc`).
        Another name is a :class:`ValueError` listing these (:data:`BUNDLED`).
    update
        For ``"unga"`` only: a newer download of the UN Digital Library's General
        Assembly file, whose votes not yet held are added (see
        :func:`voteanalysis.io.unga.load_unga`).

    Examples
    --------
    >>> import voteanalysis as va
    >>> data = va.load_dataset()
    >>> belarus = data.votes.set_index("vote_id").loc["ILO-GB355-BLR"]
    >>> int(belarus["yes"]), int(belarus["no"]), int(belarus["abstain"])
    (40, 2, 9)
    """
    if name not in ("ilo", "default"):
        check_choice("load_dataset", "name", name, BUNDLED)
    if update is not None and name != "unga":
        raise ValueError(f"update= is for load_dataset('unga') only, not {name!r}")
    if name in ("governing-bodies", "ilo", "default"):
        data = _read_folder(data_dir(), MAX_BYTES, provenance=True)
        data.origin = "bundled governing-body data"
        return data
    if name == "unga":
        from .unga import load_unga

        unga: VoteDataset = load_unga(update=update)
        return unga
    from .hrc import load_hrc
    from .unsc import load_unsc

    return load_unsc() if name == "unsc" else load_hrc()


def _read_csv_text(path: Path, max_bytes: int) -> pd.DataFrame:
    """Read a CSV as text cells, keeping what the user typed ("NA" stays "NA").

    Opened, decoded and split as every CSV is (:func:`~voteanalysis.io.workbook.csv_text`):
    the delimiter ``,``, ``;`` or a tab; a file of one column is read as one.
    """
    check_size(path, max_bytes)
    text, _, delimiter = csv_text(path.read_bytes(), path.name, fallback=",")
    return _frame_from_rows([row for _, row in csv_records(text, path.name, delimiter)], path.name)


def _frame_from_rows(
    rows: Sequence[Sequence[str]],
    file: str,
    formulas: Collection[tuple[int, int]] | None = None,
) -> pd.DataFrame:
    """A table of text cells from rows as a spreadsheet shows them (row 1 first).

    Blank rows are skipped but counted: ``attrs["rows"]`` holds the row number of
    each data row and ``attrs["header_row"]`` that of the header. Refused with their
    location: a header naming a column twice, data under an empty header cell, cells
    beyond the header, formulas (``formulas`` holds (row, column) of formula cells of
    a workbook; ``None`` for a CSV, whose text starting with '=' is text as typed, as
    in the spreadsheet layout, and is exported as text), cells over
    :data:`~voteanalysis.io.workbook.MAX_CELL_CHARS` characters and control characters.
    """
    numbered = [(n, r) for n, r in enumerate(rows, start=1) if any(str(c).strip() for c in r)]
    if not numbered:
        raise VoteDataError.at(
            file, row=1, found=Described("no rows"), expected="a header row and data rows"
        )
    header_row, first = numbered[0]
    header = [_trim(str(h)) for h in first]
    raise_problems(_cell_problems(numbered, header, header_row, file, formulas))
    while header and not header[-1]:
        header.pop()
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for c, name in enumerate(header):
        if name and name in seen:
            problems.append(
                Problem(
                    file,
                    header_row,
                    _column_letter(c),
                    name,
                    f"each column named once in the header; '{name}' is also column "
                    f"{_column_letter(seen[name])}",
                )
            )
        seen.setdefault(name, c)
    width = len(header)
    body = numbered[1:]
    for n, r in body:
        extra = [c for c in range(width, len(r)) if str(r[c]).strip()]
        empty = [c for c in range(min(width, len(r))) if not header[c] and str(r[c]).strip()]
        if extra or empty:
            c = (empty or extra)[0]
            problems.append(
                Problem(
                    file,
                    n,
                    _column_letter(c),
                    str(r[c]),
                    f"{width} cells, one per header column"
                    if extra
                    else "a header naming the column of every cell",
                )
            )
        if len(problems) > 50:
            break
    raise_problems(problems)
    cleaned = [[_trim(c) for c in (list(r) + [""] * width)[:width]] for _, r in body]
    frame = pd.DataFrame(cleaned, columns=header, dtype="str")
    frame = frame.loc[:, [bool(h) for h in header]]
    frame.attrs["rows"] = [n for n, _ in body]
    frame.attrs["header_row"] = header_row
    return frame


def _cell_problems(
    numbered: list[tuple[int, Sequence[str]]],
    header: list[str],
    header_row: int,
    file: str,
    formulas: Collection[tuple[int, int]] | None,
) -> list[Problem]:
    """Cells refused before anything is read: too long, control characters, formulas."""
    problems: list[Problem] = []
    for n, r in numbered:
        for c, cell in enumerate(r):
            named = n != header_row and c < len(header) and header[c] and header[c].isprintable()
            where = (n, header[c][:40] if named else _column_letter(c))
            bad = _cell_problem(cell)
            if bad is not None:
                problems.append(Problem(file, *where, bad[0], bad[1]))
            elif formulas is not None and (n, c) in formulas:
                problems.append(
                    Problem(
                        file,
                        *where,
                        cell,
                        "a value, not a formula (the kit does not compute formulas: copy "
                        "the cells and paste them as values)",
                    )
                )
        if len(problems) > 50:
            break
    return problems


def _assemble(
    raws: dict[str, pd.DataFrame],
    files: dict[str, str],
    origin: str,
    header_rows: dict[str, int] | None = None,
    *,
    provenance: bool = False,
) -> VoteDataset:
    typed = assemble_tables(raws, files, origin, header_rows, provenance=provenance)
    if provenance:
        return VoteDataset(**typed, origin=origin)
    notes = [
        f"{files[name]}: {n} of {len(raws[name])} row(s) give no source (source_url); "
        "the kit's own data gives one for every fact"
        for name in TABLES
        if name in raws and len(raws[name]) and (n := unsourced_rows(raws[name]))
    ]
    return UserDataset(read_notes=tuple(notes), **typed, origin=origin)


class UserDataset(VoteDataset):
    """A :class:`VoteDataset` read from a user's tables in the kit's layout.

    ``read_notes`` says what the tables lack that the kit's own data always has
    (rows that give no source); ``filter`` returns a plain :class:`VoteDataset`.
    """

    read_notes: tuple[str, ...]

    def __init__(self, *, read_notes: tuple[str, ...] = (), **tables: Any) -> None:
        super().__init__(**tables)
        self.read_notes = read_notes


def read_dataset(path: str | Path, *, max_bytes: int = MAX_BYTES) -> VoteDataset:
    """Read and validate a dataset in the kit's layout.

    Parameters
    ----------
    path
        A folder of CSVs named after the tables (``votes.csv``, ``positions.csv`` …),
        a ``datapackage.json`` describing them, or an ``.xlsx`` workbook with one
        sheet per table. A workbook or ``.csv`` file in another layout is read by
        :func:`voteanalysis.io.spreadsheet.read_spreadsheet` (with everything guessed; the
        result's ``.guess`` says what).
    max_bytes
        Files larger than this are refused with a message instead of being read.

    Raises
    ------
    VoteDataError
        Naming file, row, column, what was found and what was expected.
    """
    path = Path(path)
    if not path.exists():
        raise VoteDataError.at(
            str(path),
            found="no such file or folder",
            expected="a folder of CSVs, a datapackage.json or an .xlsx",
        )
    if path.is_dir():
        return _read_folder(path, max_bytes)
    if path.name.endswith(".json"):
        return _read_datapackage(path, max_bytes)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_workbook(path, max_bytes)
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        from .spreadsheet import read_spreadsheet

        return read_spreadsheet(path, max_bytes=max_bytes)
    raise VoteDataError.at(
        path.name,
        found=Described(f"a '{path.suffix}' file"),
        expected="a folder of CSVs, a datapackage.json, an .xlsx workbook or a .csv file",
    )


def _read_folder(path: Path, max_bytes: int, *, provenance: bool = False) -> VoteDataset:
    """A folder of CSVs named after the tables; a CSV named close to a table is refused."""
    csvs = {name: path / f"{name}.csv" for name in TABLES}
    _misnamed_tables(path, set(csvs.values()))
    raws = {n: _read_csv_text(p, max_bytes) for n, p in csvs.items() if p.is_file()}
    files = {n: p.name for n, p in csvs.items()}
    return _assemble(raws, files, str(path.name), provenance=provenance)


def _misnamed_tables(folder: Path, tables: set[Path]) -> None:
    """Refuse a CSV whose name is close to a table's but is not it (``statments.csv``,
    ``Elections.csv``): it would be left unread without a word."""
    problems = []
    names = list(TABLES)
    for p in sorted(folder.iterdir()):
        if p in tables or p.suffix.lower() not in (".csv", ".tsv", ".txt"):
            continue
        stem = p.stem.strip().casefold().replace(" ", "_").replace("-", "_")
        close = [n for n in names if n == stem] or difflib.get_close_matches(
            stem, names, n=1, cutoff=0.75
        )
        if close:
            problems.append(
                Problem(
                    folder.name,
                    None,
                    None,
                    p.name,
                    f"'{close[0]}.csv' (the closest table name: tables are read only from "
                    "files named exactly after them, in lower case): rename it, or move it "
                    "out of the folder",
                )
            )
    raise_problems(problems)


def _read_datapackage(path: Path, max_bytes: int) -> VoteDataset:
    """Read the tables a descriptor names, only from files inside its own folder."""
    check_size(path, max_bytes)
    resources_ = _descriptor_paths(path)
    root = path.parent
    for name in resources_:
        if name not in TABLES:
            close = difflib.get_close_matches(name.lower(), list(TABLES), n=1, cutoff=0.6)
            raise VoteDataError.at(
                path.name,
                column="name",
                found=name,
                expected=(
                    f"'{close[0]}' (the closest table name)"
                    if close
                    else "one of the kit's tables: " + ", ".join(TABLES)
                )
                + "; a resource the kit does not know would be left unread",
            )
    raws, files = {}, {}
    for name in TABLES:
        if name in resources_:
            p = _inside_package(path, root, name, resources_[name])
            files[name] = p.name
            if not p.is_file():
                # Listed but missing is an error for optional tables too: the
                # descriptor says the table exists.
                raise VoteDataError.at(
                    path.name,
                    column="path",
                    found=resources_[name],
                    expected=f"an existing CSV file for the resource '{name}'",
                )
            raws[name] = _read_csv_text(p, max_bytes)
        else:
            files[name] = f"{name}.csv"
    return _assemble(raws, files, path.parent.name)


def _descriptor_paths(path: Path) -> dict[str, str]:
    """``{resource name: path}`` of a descriptor, or a clean error saying what is wrong.

    A UTF-8 byte-order mark before the JSON is ignored (Notepad writes one).
    """

    def bad(found: str, expected: str = _DESCRIPTOR) -> NoReturn:
        raise VoteDataError.at(path.name, found=Described(found), expected=expected)

    try:
        descriptor = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        bad(f"bytes that are not UTF-8 (at byte {exc.start:,})", "a descriptor in UTF-8 JSON")
    except RecursionError:
        bad("JSON nested too deeply to read", "a descriptor in plain JSON")
    except ValueError as exc:
        msg = getattr(exc, "msg", "not JSON")
        line = getattr(exc, "lineno", None)
        bad(f"{msg}" + (f" (line {line})" if line else ""), "a descriptor in JSON")
    if not isinstance(descriptor, dict):
        bad(f"a JSON {type(descriptor).__name__}, not an object")
    listed = descriptor.get("resources")
    if not isinstance(listed, list):
        bad("no list of 'resources'")
    out: dict[str, str] = {}
    for i, resource in enumerate(listed, start=1):
        where = f"resource {i}"
        if not isinstance(resource, dict):
            bad(f"{where}: a JSON {type(resource).__name__}, not an object")
        name, rpath = resource.get("name"), resource.get("path")
        if not isinstance(name, str):
            bad(f"{where}: no 'name' that is text")
        if not isinstance(rpath, str):
            shown = "no 'path'" if rpath is None else f"a 'path' that is a {_json_kind(rpath)}"
            bad(f"{where} ('{name}'): {shown}", "a 'path' that is one relative file name")
        out[name] = rpath
    return out


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, list):
        return "list"
    return "object" if isinstance(value, dict) else type(value).__name__


_DESCRIPTOR = "a Frictionless descriptor with named resources"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _inside_package(descriptor: Path, root: Path, name: str, rpath: str) -> Path:
    """The file a resource ``path`` names, refused unless it lies inside the package.

    Only relative paths are followed: no URL, no absolute path, no ``..``, and no
    symbolic link that leads out of the descriptor's folder. The message quotes the
    descriptor, never the other file.
    """
    pure = PurePosixPath(rpath.replace("\\", "/"))
    reason = None
    if not rpath.strip():
        reason = "an empty path"
    elif _SCHEME.match(rpath) or rpath.startswith("//"):
        reason = "a URL or drive"
    elif pure.is_absolute():
        reason = "an absolute path"
    elif ".." in pure.parts:
        reason = "a path leading out of the package ('..')"
    elif "\x00" in rpath:
        reason = "a path holding a NUL character"
    if reason is None:
        target = root / pure
        try:
            target.resolve().relative_to(root.resolve())
        except ValueError:
            reason = "a path whose symbolic link leads out of the package"
        else:
            return target
    raise VoteDataError.at(
        descriptor.name,
        row=None,
        column=f"resources '{name}' path",
        found=Described(f"{reason}: {rpath[:80]!r}"),
        expected="a file name relative to the descriptor's folder, inside it",
    )


def _read_workbook(path: Path, max_bytes: int) -> VoteDataset:
    """A workbook in the kit's layout, else read as people keep votes.

    The file is opened and safety-checked once: a workbook in another layout is
    handed, already open, to the spreadsheet reader.
    """
    from .spreadsheet import _read_sheets

    check_size(path, max_bytes)
    wb = open_workbook(path)
    files = {name: f"{path.name} (sheet '{name}')" for name in TABLES}
    try:
        raws = _kit_sheets(wb, files)
        if raws is None:
            # Not the kit's layout: a workbook as people keep votes.
            sheets = _sheets_of(wb, path, MAX_CELLS)
    except VoteDataError:
        raise
    except Exception as exc:  # broken parts openpyxl meets while reading a sheet
        raise _unreadable(path.name, exc) from None
    finally:
        wb.close()
    if raws is None:
        return _read_sheets(path, sheets)
    return _assemble(raws, files, path.name)


def _kit_sheets(wb: Any, files: dict[str, str]) -> dict[str, pd.DataFrame] | None:
    """The tables of text cells of a workbook in the kit's layout; ``None`` if it is not."""
    sheets: dict[str, tuple[list[list[str]], set[tuple[int, int]]]] = {}
    for name in TABLES:
        if name not in wb.sheetnames:
            continue
        sheet = _sheet_rows(wb[name], files[name])
        if sheet is not None:
            sheets[name] = sheet
    votes_header = next((r for r in sheets.get("votes", ([], set()))[0] if any(r)), [])
    if "vote_id" not in [h.strip() for h in votes_header]:
        return None
    raws = {
        name: _frame_from_rows(rows, files[name], formulas)
        for name, (rows, formulas) in sheets.items()
    }
    if "votes" not in raws or "vote_id" not in raws["votes"].columns:
        return None
    return raws


def _sheet_rows(ws: Any, where: str) -> tuple[list[list[str]], set[tuple[int, int]]] | None:
    """Rows of cell text of a sheet in the kit's layout, with its formula cells.

    Rows past the last one holding a value are not kept (a stale ``<dimension>`` or
    styled empty rows); ``None`` for a sheet with no values.
    """
    rows: list[list[str]] = []
    formulas: set[tuple[int, int]] = set()
    last = 0
    cells = 0
    ws.reset_dimensions()
    end = _last_value_row(ws)
    if end == 0:
        return None
    for r, row in enumerate(ws.iter_rows(max_row=end), start=1):
        cells += len(row)
        if cells > MAX_CELLS:
            raise VoteDataError.at(
                where,
                row=r,
                found=Described(f"more than {MAX_CELLS:,} cells"),
                expected="a table of the kit's layout",
            )
        texts = []
        for c, cell in enumerate(row):
            value = cell.value
            if value is None:
                texts.append("")
                continue
            if cell.data_type == "f":
                formulas.add((r, c))
                value = str(getattr(value, "text", None) or value)
            text = value if isinstance(value, str) else _cell_text(value)
            bad = _cell_problem(text)
            if bad is not None:
                raise VoteDataError.at(
                    where, row=r, column=_column_letter(c), found=bad[0], expected=bad[1]
                )
            texts.append(text)
        while texts and not texts[-1]:
            texts.pop()
        rows.append(texts)
        if texts:
            last = r
    return (rows[:last], formulas) if last else None


def _cell_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "hour"):
        return str(value.date())
    return str(value)
