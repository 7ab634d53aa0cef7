"""Reading the kit's tables: the bundled data, a folder of CSVs, a data package, a workbook."""

from __future__ import annotations

import csv
import io as _io
import json
import re
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any, NoReturn

import pandas as pd

from .dataset import VoteDataset
from .errors import Described, VoteDataError
from .schema import POSITION_DTYPE, TABLES, Table
from .validate import check_dataset, check_table, raise_problems
from .workbook import _decode, open_workbook

__all__ = ["MAX_BYTES", "data_dir", "load_dataset", "read_dataset", "typed_table"]

#: Files larger than this are refused before reading (no real vote table comes close).
MAX_BYTES = 50_000_000


def data_dir() -> Path:
    """Folder of the bundled data: inside the installed package, or ``data/`` of a checkout."""
    packaged = Path(str(resources.files("voteanalysis"))) / "_data"
    if (packaged / "votes.csv").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "data"
    if (checkout / "votes.csv").is_file():
        return checkout
    raise VoteDataError(
        "the bundled data were not found next to the package; reinstall voteanalysis"
    )


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
        failed drafts and vetoes (:func:`voteanalysis.unsc.load_unsc`). ``"hrc"``: the UN
        Human Rights Council's recorded votes (:func:`voteanalysis.hrc.load_hrc`).
    update
        For ``"unga"`` only: a newer download of the UN Digital Library's General
        Assembly file, whose votes not yet held are added (see
        :func:`voteanalysis.unga.load_unga`).

    Examples
    --------
    >>> import voteanalysis as va
    >>> data = va.load_dataset()
    >>> belarus = data.votes.set_index("vote_id").loc["ILO-GB355-BLR"]
    >>> int(belarus["yes"]), int(belarus["no"]), int(belarus["abstain"])
    (40, 2, 9)
    """
    if update is not None and name != "unga":
        raise ValueError(f"update= is for load_dataset('unga') only, not {name!r}")
    if name in ("governing-bodies", "ilo", "default"):
        data = read_dataset(data_dir())
        data.origin = "bundled governing-body data"
        return data
    if name == "unga":
        from .unga import load_unga

        unga: VoteDataset = load_unga(update=update)
        return unga
    if name in ("unsc", "hrc"):
        from .hrc import load_hrc
        from .unsc import load_unsc

        return load_unsc() if name == "unsc" else load_hrc()
    raise VoteDataError.at(
        None,
        found=name,
        expected="a bundled dataset name: 'governing-bodies', 'unga', 'unsc' or 'hrc'",
    )


def _check_size(path: Path, max_bytes: int) -> None:
    size = path.stat().st_size
    if size > max_bytes:
        raise VoteDataError.at(
            path.name,
            found=Described(f"a file of {size:,} bytes"),
            expected=f"at most {max_bytes:,} bytes (raise max_bytes= if this really is "
            "a vote table)",
        )


def _read_csv_text(path: Path, max_bytes: int) -> pd.DataFrame:
    """Read a CSV as text cells, keeping what the user typed ("NA" stays "NA")."""
    _check_size(path, max_bytes)
    raw = path.read_bytes()
    if not raw.strip():
        raise VoteDataError.at(
            path.name, row=1, found="an empty file", expected="a header row and data rows"
        )
    text, _ = _decode(raw, path.name, None)
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        rows = list(csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise VoteDataError.at(
            path.name, found=str(exc), expected="well-formed CSV (quotes closed)"
        ) from None
    return _frame_from_rows(rows, path.name)


def _frame_from_rows(rows: list[list[str]], file: str, header_row: int = 1) -> pd.DataFrame:
    header = [h.strip().replace("\u00a0", " ") for h in rows[0]]
    body = [r for r in rows[1:] if any(c.strip() for c in r)]
    for i, r in enumerate(rows[1:]):
        if len(r) > len(header) and any(c.strip() for c in r[len(header) :]):
            raise VoteDataError.at(
                file,
                row=header_row + 1 + i,
                found=Described(f"{len(r)} cells"),
                expected=f"{len(header)} cells, one per header column",
            )
    width = len(header)
    cleaned = [[c.strip().replace("\u00a0", " ") for c in (r + [""] * width)[:width]] for r in body]
    return pd.DataFrame(cleaned, columns=header, dtype="str")


def typed_table(raw: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Turn a checked table of text cells into typed columns, in schema order."""
    out: dict[str, Any] = {}
    for f in table.fields:
        if f.name not in raw.columns:
            col = pd.Series([""] * len(raw), dtype="str")
        else:
            col = raw[f.name].astype("str")
        blank = col == ""
        if f.type == "integer":
            out[f.name] = pd.array(
                [None if b else int(v) for v, b in zip(col, blank, strict=True)],
                dtype="Int64",
            )
        elif f.type == "boolean":
            out[f.name] = pd.array(
                [
                    None if b else v.lower() in ("true", "yes", "1")
                    for v, b in zip(col, blank, strict=True)
                ],
                dtype="boolean",
            )
        elif f.name == "position":
            out[f.name] = pd.Categorical(col.where(~blank), dtype=POSITION_DTYPE)
        elif f.enum is not None and f.ordered:
            out[f.name] = pd.Categorical(col.where(~blank), categories=list(f.enum), ordered=True)
        else:
            out[f.name] = col.where(~blank)
    extra = [c for c in raw.columns if c not in out]
    frame = pd.DataFrame(out)
    for c in extra:
        frame[c] = raw[c].where(raw[c] != "").to_numpy()
    return frame


def _empty_raw(table: Table) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype="str") for c in table.columns})


def _assemble(
    raws: dict[str, pd.DataFrame],
    files: dict[str, str],
    origin: str,
    header_rows: dict[str, int] | None = None,
) -> VoteDataset:
    header_rows = header_rows or {}
    problems = []
    for name, table in TABLES.items():
        if name not in raws:
            if not table.optional:
                raise VoteDataError.at(
                    origin,
                    found=Described(f"no {name} table"),
                    expected=f"a {name} table ({name}.csv or a sheet named '{name}')",
                )
            raws[name] = _empty_raw(table)
            continue
        if name == "votes" and raws[name].empty:
            raise VoteDataError.at(
                files[name],
                row=header_rows.get(name, 1),
                found=Described("a header row and no votes under it"),
                expected="one row per vote under the header",
            )
        problems += check_table(
            raws[name], table, file=files[name], header_row=header_rows.get(name, 1)
        )
    raise_problems(problems)
    typed = {name: typed_table(raws[name], TABLES[name]) for name in TABLES}
    raise_problems(check_dataset(typed, files, header_rows))
    return VoteDataset(**typed, origin=origin)


def read_dataset(path: str | Path, *, max_bytes: int = MAX_BYTES) -> VoteDataset:
    """Read and validate a dataset in the kit's layout.

    Parameters
    ----------
    path
        A folder of CSVs named after the tables (``votes.csv``, ``positions.csv`` …),
        a ``datapackage.json`` describing them, or an ``.xlsx`` workbook with one
        sheet per table. A workbook or ``.csv`` file in another layout is read by
        :func:`voteanalysis.spreadsheet.read_spreadsheet` (with everything guessed; the
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
        csvs = {name: path / f"{name}.csv" for name in TABLES}
        raws = {n: _read_csv_text(p, max_bytes) for n, p in csvs.items() if p.is_file()}
        files = {n: p.name for n, p in csvs.items()}
        return _assemble(raws, files, str(path.name))
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


def _read_datapackage(path: Path, max_bytes: int) -> VoteDataset:
    """Read the tables a descriptor names, only from files inside its own folder."""
    _check_size(path, max_bytes)
    resources_ = _descriptor_paths(path)
    root = path.parent
    raws, files = {}, {}
    for name in TABLES:
        if name in resources_:
            p = _inside_package(path, root, name, resources_[name])
            files[name] = p.name
            if p.is_file():
                raws[name] = _read_csv_text(p, max_bytes)
            elif not TABLES[name].optional:
                raise VoteDataError.at(
                    path.name,
                    column="path",
                    found=resources_[name],
                    expected=f"an existing CSV file for {name}",
                )
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
    _check_size(path, max_bytes)
    wb = open_workbook(path)
    raws: dict[str, pd.DataFrame] = {}
    files: dict[str, str] = {}
    for name in TABLES:
        files[name] = f"{path.name} (sheet '{name}')"
        if name not in wb.sheetnames:
            continue
        rows = [
            ["" if v is None else (v if isinstance(v, str) else _cell_text(v)) for v in row]
            for row in wb[name].iter_rows(values_only=True)
        ]
        rows = [r for r in rows if any(str(c).strip() for c in r)] or [[]]
        if not rows[0]:
            continue
        raws[name] = _frame_from_rows(rows, files[name])
    wb.close()
    if "votes" not in raws or "vote_id" not in raws["votes"].columns:
        # Not the kit's layout: a workbook as people keep votes.
        from .spreadsheet import read_spreadsheet

        return read_spreadsheet(path, max_bytes=max_bytes)
    return _assemble(raws, files, path.name)


def _cell_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "hour"):
        return str(value.date())
    return str(value)
