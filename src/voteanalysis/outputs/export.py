"""Writing tables for colleagues: an Excel workbook, and CSV meant for spreadsheets.

Nothing a user typed becomes a formula: text starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return is written as text (in a workbook, a string cell shown
with Excel's "quote prefix"; in CSV, behind an apostrophe, which spreadsheet
programs hide and :func:`voteanalysis.io.spreadsheet.read_spreadsheet` removes).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ..arguments import check_type
from ..dataset import VoteDataset, by_date
from ..errors import Described, VoteDataError
from ..safewrite import replacing
from ..schema import DATASET_SOURCES, POSITIONS

__all__ = ["FORMULA_PREFIXES", "export_csv", "export_excel"]

#: Cell text starting with one of these is taken for a formula by spreadsheet programs.
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

_GRID = "by member"
_TALLY = "tally"
_SOURCES = "sources"
_MAX_ROWS = 1_048_575  # an Excel sheet's rows, less the header
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_BUNDLED_ORIGIN = "bundled governing-body data"


def export_excel(
    data: VoteDataset | Mapping[str, pd.DataFrame],
    path: str | Path,
    *,
    tables: Mapping[str, pd.DataFrame] | None = None,
    inputs: Iterable[str | Path | None] = (),
) -> Path:
    """Write a workbook a colleague can open and read.

    From a dataset: a ``tally`` sheet (:func:`voteanalysis.analysis.tally`), a ``by member``
    sheet (members × votes, each cell a position in the charts' colours, grey where
    no source names one), the kit's own tables as sheets named after them
    (``votes``, ``positions``, and the optional ones that hold rows), then
    ``tables`` and a ``sources`` sheet listing every source cited. Headers are bold
    and frozen, every sheet has an autofilter, full dates are dates.

    ``read_dataset`` reads the workbook back to the same dataset.

    Parameters
    ----------
    data
        A :class:`VoteDataset`, or DataFrames by sheet name.
    path
        The ``.xlsx`` file to write (replaced if it exists).
    tables
        More DataFrames by sheet name, e.g. ``{"agreement": matrix}``. A DataFrame
        whose index is not a plain row number keeps its index as first column(s).
    inputs
        Files the workbook must not replace (the files ``data`` was read from): a
        ``path`` naming one of them is refused.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ValueError
        For a ``path`` not ending in ``.xlsx`` or a sheet name Excel cannot use or
        that is taken.
    TypeError
        For ``data`` or ``tables`` of the wrong type.
    VoteDataError
        For contents a workbook cannot hold (a control character, too many rows), or a
        ``path`` naming one of ``inputs``.

    Examples
    --------
    >>> import voteanalysis as va
    >>> from voteanalysis.outputs.export import export_excel
    >>> export_excel(va.load_dataset(), "votes.xlsx")  # doctest: +SKIP
    PosixPath('votes.xlsx')
    """
    import openpyxl

    check_type("export_excel", "path", path, (str, os.PathLike))
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValueError(
            f"export_excel(): path {path.name!r} is a '{path.suffix}' file name; "
            "expected a file name ending in .xlsx"
        )
    sheets = _sheets(data, tables)
    origin = data.origin if isinstance(data, VoteDataset) else ""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, frame in sheets.items():
        ws = wb.create_sheet(name)
        _write_frame(ws, frame, where=f"{path.name} (sheet '{name}')", grid=name == _GRID)
    _write_sources(wb.create_sheet(_SOURCES), sheets, origin)
    with replacing(path, "the workbook", inputs=inputs) as f:
        wb.save(f)
    return path


def _sheets(
    data: VoteDataset | Mapping[str, pd.DataFrame],
    tables: Mapping[str, pd.DataFrame] | None,
) -> dict[str, pd.DataFrame]:
    out: dict[str, pd.DataFrame] = {}
    if isinstance(data, VoteDataset):
        from ..analysis.tally import tally

        if len(data.votes):
            out[_TALLY] = tally(data)
        out[_GRID] = _grid(data)
        for name, frame in data.tables.items():
            if name in ("votes", "positions") or len(frame):
                out[name] = frame
    elif isinstance(data, Mapping):
        out.update(data)
    else:
        raise TypeError(
            "export_excel expects a VoteDataset or a mapping of sheet names to DataFrames, "
            f"not {type(data).__name__}"
        )
    if tables is not None and not isinstance(tables, Mapping):
        raise TypeError(
            "export_excel(): tables must be a mapping of sheet names to DataFrames, "
            f"not {type(tables).__name__}"
        )
    for name, frame in (tables or {}).items():
        if isinstance(name, str) and _key(name) in {_key(n) for n in out} | {_SOURCES}:
            raise ValueError(
                f"export_excel(): tables= sheet name {name!r} is taken; expected a sheet name "
                "not already used: " + ", ".join(out) + ", sources"
            )
        out[name] = frame
    for name, frame in out.items():
        _check_sheet(name, frame)
    return out


def _key(name: str) -> str:
    return name.casefold()  # Excel compares sheet names without case


def _check_sheet(name: Any, frame: Any) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"sheet {name!r}: expected a DataFrame, not {type(frame).__name__}")
    if (
        not isinstance(name, str)
        or not name.strip()
        or len(name) > 31
        or (_BAD_SHEET_CHARS.search(name) or name.startswith("'") or name.endswith("'"))
    ):
        raise ValueError(
            f"export_excel(): sheet name {str(name)!r} cannot be used; expected a sheet name "
            "of 1 to 31 characters without [ ] : * ? / \\ or quotes at either end"
        )
    if len(frame) > _MAX_ROWS:
        raise VoteDataError.at(
            None,
            column=name,
            found=Described(f"{len(frame):,} rows"),
            expected=f"at most {_MAX_ROWS:,} rows, what an Excel sheet holds (use export_csv)",
        )


def _grid(data: VoteDataset) -> pd.DataFrame:
    """Members × votes: the position each source names, empty where none does."""
    pos = data.positions
    votes = data.votes
    named = set(pos["vote_id"])
    vote_ids = [v for v in by_date(votes)["vote_id"] if v in named]
    if not len(pos):
        return pd.DataFrame(columns=["member", "member_id"])
    names = pos.drop_duplicates("member_id").set_index("member_id")["member"]
    cells = pos.assign(position=pos["position"].astype("str")).pivot(
        index="member_id", columns="vote_id", values="position"
    )
    cells = cells.reindex(columns=vote_ids)
    cells.columns.name = None
    ids = cells.index.to_list()
    frame = pd.concat(
        [
            pd.DataFrame({"member": names.reindex(ids).to_list(), "member_id": ids}),
            cells.reset_index(drop=True),
        ],
        axis=1,
    ).sort_values(["member", "member_id"])
    return frame.reset_index(drop=True)


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(frame.index, pd.RangeIndex):
        frame = frame.reset_index()
    if isinstance(frame.columns, pd.MultiIndex):
        frame = frame.copy()
        frame.columns = [" / ".join(str(p) for p in col if str(p)) for col in frame.columns]
    return frame


def _cell_value(value: Any) -> Any:
    if isinstance(value, str | bool | int | float | dt.date):
        if isinstance(value, float) and value != value:
            return None
        return value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return str(value)


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Font, PatternFill

    from ..palette import NOT_KNOWN_COLOR, POSITION_COLORS, ink

    fills = {}
    fonts = {}
    for position in POSITIONS:
        colour = POSITION_COLORS[position]
        fills[position] = PatternFill("solid", fgColor=_argb(colour))
        fonts[position] = Font(color="FFFFFFFF" if ink(colour) == "white" else "FF000000")
    return {
        "fills": fills,
        "fonts": fonts,
        "not_known": PatternFill("solid", fgColor=_argb(NOT_KNOWN_COLOR)),
        "header": Font(bold=True),
        "header_fill": PatternFill("solid", fgColor="FFE8E8E8"),
        "title": Font(bold=True, size=14),
        "wrap": Alignment(vertical="top"),
    }


def _argb(colour: str) -> str:
    """``#RRGGBB`` as the ARGB hex openpyxl writes (opaque)."""
    text = colour.lstrip("#")
    if len(text) == 3:
        text = "".join(ch * 2 for ch in text)
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", text):
        from matplotlib.colors import to_hex

        text = to_hex(colour).lstrip("#")
    return "FF" + text.upper()


def _put(ws: Any, row: int, col: int, value: Any, where: str, column: str) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        bad = ILLEGAL_CHARACTERS_RE.search(value)
        if bad:
            raise VoteDataError.at(
                where,
                row=row,
                column=column,
                found=Described(f"a control character (U+{ord(bad.group()):04X})"),
                expected="printable text (a workbook cannot hold this character)",
            )
        cell.value = value
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if value.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    else:
        cell.value = value
    return cell


def _write_frame(ws: Any, frame: pd.DataFrame, *, where: str, grid: bool) -> None:
    from openpyxl.utils import get_column_letter

    style = _styles()
    frame = _plain(frame)
    header = [str(c) for c in frame.columns]
    for j, name in enumerate(header, start=1):
        cell = _put(ws, 1, j, name, where, name)
        cell.font = style["header"]
        cell.fill = style["header_fill"]
    dates = [
        j
        for j, name in enumerate(header)
        if name == "date"
        or name.endswith("_date")
        or pd.api.types.is_datetime64_any_dtype(frame.iloc[:, j])
    ]
    coloured = {j for j, name in enumerate(header) if name == "position"}
    if grid:
        coloured = set(range(2, len(header)))
    widths = [len(name) for name in header]
    for i, values in enumerate(frame.itertuples(index=False, name=None), start=2):
        for j, raw in enumerate(values):
            value = _cell_value(raw)
            if j in dates and isinstance(value, str) and _ISO_DATE.match(value):
                with contextlib.suppress(ValueError):
                    value = dt.date.fromisoformat(value)
            cell = _put(ws, i, j + 1, value, where, header[j])
            if isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm" if value.time() else "yyyy-mm-dd"
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            if j in coloured:
                if value in style["fills"]:
                    cell.fill = style["fills"][value]
                    cell.font = style["fonts"][value]
                elif grid and value is None:
                    cell.fill = style["not_known"]
            if i <= 1001:
                shown = 10 if isinstance(value, dt.date) else len(str(value or ""))
                widths[j] = max(widths[j], shown)
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(max(width + 2, 8), 60)
    ws.freeze_panes = "C2" if grid and len(header) > 2 else "A2"
    if header:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(len(frame) + 1, 1)}"


def _write_sources(ws: Any, sheets: Mapping[str, pd.DataFrame], origin: str) -> None:
    from ..version import __version__

    style = _styles()
    where = f"sheet '{_SOURCES}'"
    lines: list[list[Any]] = [
        ["Sources"],
        [
            f"{origin or 'Tables'}: exported by voteanalysis {__version__} on "
            f"{dt.date.today().isoformat()}."
        ],
        [
            "Every row of votes, positions and the other tables names its own source in "
            "source_url and quotes it in source_quote. Below: every source cited."
        ],
        [],
    ]
    cited: dict[str, dict[str, int]] = {}
    for name, frame in sheets.items():
        if "source_url" not in frame.columns:
            continue
        for url in frame["source_url"].dropna():
            cited.setdefault(str(url), {}).setdefault(name, 0)
            cited[str(url)][name] += 1
    header_rows = [len(lines) + 1]
    lines.append(["source_url", "rows citing it", "in sheets"])
    for url, counts in sorted(cited.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        lines.append([url, sum(counts.values()), ", ".join(sorted(counts))])
    if origin == _BUNDLED_ORIGIN:
        from ..schema import datapackage

        lines.append([])
        header_rows.append(len(lines) + 1)
        lines.append(["the dataset", "where"])
        lines += [[s["title"], s["path"]] for s in DATASET_SOURCES]
        lines += [
            [f"Licence: {lic['name']} ({lic['title']})", lic["path"]]
            for lic in datapackage()["licenses"]
        ]
    lines.append([])
    header_rows.append(len(lines) + 1)
    lines.append(["position colour", "as in the charts"])
    legend_start = len(lines) + 1
    lines += [[p, ""] for p in POSITIONS]
    lines.append(["not known", "no source names the member's position"])
    for i, values in enumerate(lines, start=1):
        for j, value in enumerate(values, start=1):
            _put(ws, i, j, value, where, "")
    ws["A1"].font = style["title"]
    for r in header_rows:
        for c in (1, 2, 3):
            ws.cell(row=r, column=c).font = style["header"]
    for k, p in enumerate(POSITIONS):
        ws.cell(row=legend_start + k, column=1).fill = style["fills"][p]
        ws.cell(row=legend_start + k, column=1).font = style["fonts"][p]
    ws.cell(row=legend_start + len(POSITIONS), column=1).fill = style["not_known"]
    ws.column_dimensions["A"].width = 70
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 30


def export_csv(
    table: pd.DataFrame,
    path: str | Path,
    *,
    escape_formulas: bool = True,
    delimiter: str = ",",
    encoding: str = "utf-8-sig",
    inputs: Iterable[str | Path | None] = (),
) -> Path:
    """Write one table as CSV for spreadsheet programs.

    Text cells starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    get an apostrophe in front, so that a spreadsheet shows them as text instead of
    running them as formulas (numbers are written as numbers). The default encoding
    has a byte-order mark so that Excel reads "Côte d'Ivoire" right.

    Parameters
    ----------
    table
        The table, e.g. ``va.tally(data)`` or ``data.positions``.
    path
        The file to write.
    escape_formulas
        Set to False only for programs that are not spreadsheets.
    delimiter, encoding
        ``";"`` suits spreadsheets set to a language that writes decimal commas.
    inputs
        Files the CSV must not replace: a ``path`` naming one of them is refused.

    The file is written to a temporary file beside ``path`` and moved onto it when
    complete (:mod:`voteanalysis.safewrite`): a failure leaves nothing behind.

    Raises
    ------
    TypeError
        For a ``table`` that is not a DataFrame or an argument of the wrong type.
    ValueError
        For a ``delimiter`` that is not one character, or an unknown ``encoding``.
    VoteDataError
        For a ``path`` naming one of ``inputs``, or a place that cannot be written.

    Examples
    --------
    >>> import pandas as pd
    >>> from voteanalysis.outputs.export import export_csv
    >>> export_csv(pd.DataFrame({"note": ["=1+1"]}), "t.csv")  # doctest: +SKIP
    PosixPath('t.csv')
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(
            f"export_csv writes one DataFrame (e.g. data.positions), not {type(table).__name__}"
        )
    _check_csv_arguments(path, escape_formulas, delimiter, encoding)
    path = Path(path)
    frame = _plain(table)
    with replacing(path, "the CSV file", inputs=inputs) as raw:
        f = io.TextIOWrapper(raw, encoding=encoding, newline="", write_through=True)
        writer = csv.writer(f, delimiter=delimiter)
        writer.writerow([_csv_text(c, escape_formulas) for c in frame.columns])
        for values in frame.itertuples(index=False, name=None):
            writer.writerow([_csv_text(v, escape_formulas) for v in values])
        f.flush()
        f.detach()
    return path


def _check_csv_arguments(path: object, escape: object, delimiter: object, encoding: object) -> None:
    """``TypeError``/``ValueError`` for arguments :func:`export_csv` cannot use."""
    check_type("export_csv", "path", path, (str, os.PathLike))
    check_type("export_csv", "escape_formulas", escape, bool)
    check_type("export_csv", "delimiter", delimiter, str)
    check_type("export_csv", "encoding", encoding, str)
    assert isinstance(delimiter, str) and isinstance(encoding, str)
    if len(delimiter) != 1 or delimiter in '\r\n"':
        raise ValueError(
            f"export_csv(): delimiter={delimiter!r} must be one character other than a "
            "quote or a line break, e.g. ',' or ';'"
        )
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ValueError(
            f"export_csv(): encoding={encoding!r} is not an encoding Python knows; "
            "e.g. 'utf-8-sig' (the default, for Excel), 'utf-8' or 'cp1252'"
        ) from None


def _csv_text(value: Any, escape: bool) -> str:
    value = _cell_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ") if value.time() else value.date().isoformat()
    if isinstance(value, str):
        return "'" + value if escape and value.startswith(FORMULA_PREFIXES) else value
    return str(value)
