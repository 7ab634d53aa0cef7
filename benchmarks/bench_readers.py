"""Readers on adversarial inputs, each at four sizes: time per input unit and its growth.

``make benchmark`` runs this. Each input is generated here (nothing is downloaded):

- ``shared-string``: a small workbook whose one 9.9 MB shared string fills N cells
  (refused at the first cell over the length limit);
- ``styled-rows``: a vote table followed by N styled empty rows;
- ``vote-columns``: a CSV of N vote columns;
- ``duplicate-keys``: a positions table in the kit's layout with N duplicate keys;
- ``unknown-names``: a spreadsheet naming N members the kit does not know;
- ``long-counts``: a votes table in the kit's layout with N totals of 5,000 digits.

For every input the script prints the seconds at each size and the growth: time per
unit at the largest size over time per unit at the smallest, run in the same process.
About 1 means linear; 8 would mean quadratic over this range of sizes.
"""

from __future__ import annotations

import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import voteanalysis as va
from voteanalysis import VoteDataError

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_BOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="GB.355" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_BOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/></Relationships>'
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
    '<cellXfs count="2"><xf/><xf fillId="0" applyFill="1"/></cellXfs>'
    "</styleSheet>"
)


def workbook(path: Path, strings: list[str], rows: str, last_row: int) -> None:
    """Write a one-sheet .xlsx by hand: its shared strings and its sheetData rows, with
    the ``<dimension>`` Excel writes (reaching the last styled row)."""
    sst = "".join(f"<si><t>{s}</t></si>" for s in strings)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _BOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        z.writestr("xl/styles.xml", _STYLES)
        z.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">{sst}</sst>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="A1:B{last_row}"/><sheetData>{rows}</sheetData></worksheet>',
        )


def _table_rows() -> tuple[list[str], str]:
    strings = ["Member", "Position", "France", "China", "Y", "N"]
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>4</v></c></row>'
        '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="s"><v>5</v></c></row>'
    )
    return strings, rows


def shared_string(folder: Path, n: int) -> Path:
    path = folder / f"gb-shared-{n}.xlsx"
    strings, rows = _table_rows()
    strings.append("x" * 9_900_000)
    cells = "".join(
        f'<row r="{r}"><c r="A{r}" t="s"><v>6</v></c><c r="B{r}" t="s"><v>6</v></c></row>'
        for r in range(4, 4 + n // 2)
    )
    workbook(path, strings, rows + cells, 3 + n // 2)
    return path


def styled_rows(folder: Path, n: int) -> Path:
    path = folder / f"gb-styled-{n}.xlsx"
    strings, rows = _table_rows()
    empty = "".join(
        f'<row r="{r}" s="1" customFormat="1"><c r="A{r}" s="1"/></row>' for r in range(4, 4 + n)
    )
    workbook(path, strings, rows + empty, 3 + n)
    return path


def vote_columns(folder: Path, n: int) -> Path:
    path = folder / f"gb-columns-{n}.csv"
    header = ",".join(["Member"] + [f"Vote {i}" for i in range(n)])
    rows = [",".join([name] + ["Y"] * n) for name in ("France", "China", "Brazil")]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def duplicate_keys(folder: Path, n: int) -> Path:
    out = folder / f"dups-{n}"
    out.mkdir()
    (out / "votes.csv").write_text(
        "vote_id,body,title,kind,source_url,source_quote\n"
        "V1,ILO-GB,A vote,decision,https://example.org,quoted\n",
        encoding="utf-8",
    )
    rows = "".join("V1,FRA,France,yes,https://example.org,quoted\n" for _ in range(n + 1))
    (out / "positions.csv").write_text(
        "vote_id,member_id,member,position,source_url,source_quote\n" + rows, encoding="utf-8"
    )
    return out


def unknown_names(folder: Path, n: int) -> Path:
    path = folder / f"gb-unknown-{n}.csv"
    # Names that no known name is close to, each different.
    names = [f"Qzx{i:05d}land" for i in range(n)]
    path.write_text(
        "Member,Vote,Position\n" + "".join(f"{m},Belarus,Y\n" for m in names), encoding="utf-8"
    )
    return path


def long_counts(folder: Path, n: int) -> Path:
    out = folder / f"counts-{n}"
    out.mkdir()
    big = "9" * 5000
    rows = "".join(
        f"V{i},ILO-GB,A vote,decision,{big},https://example.org,quoted\n" for i in range(n)
    )
    (out / "votes.csv").write_text(
        "vote_id,body,title,kind,yes,source_url,source_quote\n" + rows, encoding="utf-8"
    )
    (out / "positions.csv").write_text(
        "vote_id,member_id,member,position,source_url,source_quote\n"
        "V0,FRA,France,yes,https://example.org,quoted\n",
        encoding="utf-8",
    )
    return out


CASES: dict[str, tuple[Callable[[Path, int], Path], tuple[int, ...]]] = {
    "shared-string": (shared_string, (2_500, 5_000, 10_000, 20_000)),
    "styled-rows": (styled_rows, (125_000, 250_000, 500_000, 1_000_000)),
    "vote-columns": (vote_columns, (12_500, 25_000, 50_000, 100_000)),
    "duplicate-keys": (duplicate_keys, (5_000, 10_000, 20_000, 40_000)),
    "unknown-names": (unknown_names, (1_250, 2_500, 5_000, 10_000)),
    "long-counts": (long_counts, (1_000, 2_000, 4_000, 8_000)),
}


def read(path: Path) -> str:
    """Read as a user would; the outcome (rows read, or the error's first line)."""
    try:
        data = va.read_dataset(path)
    except VoteDataError as exc:
        return "error: " + str(exc).splitlines()[0][:90]
    return f"read {len(data.positions)} positions"


def main(only: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, (make, sizes) in CASES.items():
            if only and name not in only:
                continue
            per_unit = []
            for n in sizes:
                path = make(folder, n)
                start = time.perf_counter()
                outcome = read(path)
                seconds = time.perf_counter() - start
                per_unit.append(seconds / n)
                print(f"{name:15s} n={n:>9,}  {seconds:7.3f} s  {outcome}", flush=True)
            growth = per_unit[-1] / per_unit[0]
            print(
                f"{name:15s} growth of time per unit, n={sizes[0]:,} to n={sizes[-1]:,}: "
                f"{growth:.2f} (1 = linear, {sizes[-1] // sizes[0]} = quadratic)",
                flush=True,
            )


if __name__ == "__main__":
    main(sys.argv[1:])
