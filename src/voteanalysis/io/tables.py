"""From checked text cells to a dataset's typed tables: the one assembly path.

Both the kit's own layout (:mod:`.kit`) and users' spreadsheets (:mod:`.spreadsheet`)
hand their tables of text cells to :func:`assemble_tables`, which checks each table
against the schema, types the columns (:func:`typed_table`) and checks the tables
against each other. The size check every reader makes first is here too.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import Described, VoteDataError
from ..schema import POSITION_DTYPE, TABLES, Table
from .validate import check_dataset, check_table, raise_problems

__all__ = ["MAX_BYTES", "assemble_tables", "check_size", "empty_raw", "typed_table"]

#: Files larger than this are refused before reading (no real vote table comes close).
MAX_BYTES = 50_000_000


def check_size(path: Path, max_bytes: int) -> None:
    """Refuse a file larger than ``max_bytes`` before reading it.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "votes.csv"
    ...     _ = path.write_text("vote_id,body\\n")
    ...     check_size(path, 100)
    ...     check_size(path, 5)
    Traceback (most recent call last):
    voteanalysis.errors.VoteDataError: ...a file of 13 bytes...
    """
    size = path.stat().st_size
    if size > max_bytes:
        raise VoteDataError.at(
            path.name,
            found=Described(f"a file of {size:,} bytes"),
            expected=f"at most {max_bytes:,} bytes (raise max_bytes= if this really is "
            "a vote table)",
        )


def empty_raw(table: Table) -> pd.DataFrame:
    """A table of text cells with the schema's columns and no rows."""
    return pd.DataFrame({c: pd.Series([], dtype="str") for c in table.columns})


def typed_table(raw: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Turn a checked table of text cells into typed columns, in schema order.

    Examples
    --------
    >>> import pandas as pd
    >>> from voteanalysis.schema import TABLES
    >>> raw = pd.DataFrame({"vote_id": ["V1"], "body": ["ILO-GB"], "yes": ["40"]})
    >>> typed = typed_table(raw, TABLES["votes"])
    >>> typed.loc[0, "yes"], str(typed["yes"].dtype), typed.loc[0, "no"] is pd.NA
    (np.int64(40), 'Int64', True)
    """
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
    if "rows" in raw.attrs:
        frame.attrs["rows"] = list(raw.attrs["rows"])
    return frame


def assemble_tables(
    raws: Mapping[str, pd.DataFrame],
    files: Mapping[str, str],
    origin: str,
    header_rows: Mapping[str, int] | None = None,
    *,
    provenance: bool,
) -> dict[str, pd.DataFrame]:
    """Every table of a dataset, checked and typed, from tables of text cells.

    Parameters
    ----------
    raws
        Tables of text cells by table name; a missing optional table is empty.
    files
        The file (or sheet) each table was read from, named in messages.
    origin
        Where the dataset came from, named when a required table is missing.
    header_rows
        The header row of each table as the file shows it; default the
        ``header_row`` in a table's ``attrs``, else 1.
    provenance
        Require a source for every row (:func:`voteanalysis.io.validate.check_table`).

    Raises
    ------
    VoteDataError
        Every problem found, with file, row, column, what was found and expected.

    Examples
    --------
    >>> import pandas as pd
    >>> votes = pd.DataFrame({"vote_id": ["V1"], "body": ["ILO-GB"], "date": ["2024-03-14"],
    ...                       "title": ["Budget"], "kind": ["decision"]}, dtype="str")
    >>> positions = pd.DataFrame({"vote_id": ["V1"], "member_id": ["FRA"],
    ...                           "member": ["France"], "position": ["yes"]}, dtype="str")
    >>> files = {"votes": "votes.csv", "positions": "positions.csv"}
    >>> typed = assemble_tables({"votes": votes, "positions": positions}, files, "mine",
    ...                         provenance=False)
    >>> sorted(typed) == sorted(TABLES), len(typed["members"])
    (True, 0)
    """
    rows = {
        **{n: int(raw.attrs["header_row"]) for n, raw in raws.items() if "header_row" in raw.attrs},
        **(header_rows or {}),
    }
    problems = []
    full: dict[str, pd.DataFrame] = {}
    for name, table in TABLES.items():
        if name not in raws:
            if not table.optional:
                raise VoteDataError.at(
                    origin,
                    found=Described(f"no {name} table"),
                    expected=f"a {name} table ({name}.csv or a sheet named '{name}')",
                )
            full[name] = empty_raw(table)
            continue
        full[name] = raws[name]
        if name == "votes" and full[name].empty:
            raise VoteDataError.at(
                files[name],
                row=rows.get(name, 1),
                found=Described("a header row and no votes under it"),
                expected="one row per vote under the header",
            )
        problems += check_table(
            full[name],
            table,
            file=files[name],
            header_row=rows.get(name, 1),
            provenance=provenance,
        )
    raise_problems(problems)
    typed = {name: typed_table(full[name], TABLES[name]) for name in TABLES}
    raise_problems(check_dataset(typed, files, rows))
    return typed
