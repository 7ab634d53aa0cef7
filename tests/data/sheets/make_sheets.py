"""Write the messy-but-good spreadsheets that tests/test_spreadsheet.py reads.

Run from the repository root: ``.venv/bin/python tests/data/sheets/make_sheets.py``.
The votes are fictitious test data; the expected readings in the tests are counted
by hand from the rows below.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
NBSP = "\u00a0"


def long_french_cp1252() -> None:
    """Long table, ';', Windows-1252, French header and codes, title and notes rows."""
    lines = [
        "Conseil d'administration du BIT – relevé des votes (données de test, fictives);;;;",
        ";;;;",
        "Pays;Scrutin;Sens du vote;Date;Remarques",
        f"France{NBSP} ;Résolution A;Pour;24/11/2025;",
        "Chine;Résolution A;Contre;;",
        "Fédération de Russie;;contre;;",
        "Brésil;;Abstention;;arrivé en retard",
        "Inde;;;;",
        ";;;;",
        "France;Résolution B;abstention;25/11/2025;",
        "Afrique du Sud;Résolution B;POUR;;",
        "Source : procès-verbal (fictif);;;;",
    ]
    (HERE / "long-fr-semicolon-cp1252.csv").write_bytes(
        ("\r\n".join(lines) + "\r\n").encode("cp1252")
    )


def wide_workbook() -> None:
    """Sheet GB.355: wide, merged title and header, headings and notes; sheet Notes:
    no votes; sheet GB.356: transposed with +/-/0."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "GB.355"
    ws["A1"] = "ILO Governing Body, 355th Session – record of votes (test data, fictitious)"
    ws.merge_cells("A1:E1")
    ws["A3"] = "Member"
    ws.merge_cells("A3:A4")
    ws["B3"], ws["C3"], ws["D3"], ws["E3"] = "Belarus", "Myanmar", "Budget amendment", "Remarks"
    ws["B4"] = dt.datetime(2025, 11, 24)
    ws["C4"] = "25 November 2025"
    ws["D4"] = "26/11/2025"
    rows = [
        ["Government members"],
        [f"France{NBSP}", "Y", "Y", "N"],
        ["China", "N", "A"],
        ["Russian Federation ", "n", "X", "A", "arrived late"],
        [],
        ["Deputy government members"],
        ["Brazil", "A", "y", "Y"],
        ["Total yes", 1, 2, '=COUNTIF(D6:D11,"Y")'],
        ["Y = yes; N = no; A = abstain; X = absent"],
    ]
    for i, row in enumerate(rows, start=5):
        for j, value in enumerate(row, start=1):
            ws.cell(row=i, column=j, value=value)
    notes = wb.create_sheet("Notes")
    notes["A1"] = "Compiled by hand from fictitious minutes."
    gb356 = wb.create_sheet("GB.356")
    for row in (
        ["Vote", "Date", "France", "China", "Brazil"],
        ["Belarus", dt.datetime(2026, 3, 20), "+", "-", "0"],
        ["Workplan", "2026-03-21", "+", "+", None],
    ):
        gb356.append(row)
    wb.save(HERE / "wide-merged-sheets.xlsx")


def transposed_bom() -> None:
    """Votes as rows, members as columns; UTF-8 with BOM; names as UN texts write them."""
    lines = [
        "UN General Assembly – test votes (fictitious),,,,,",
        "Resolution,Date,Côte d’Ivoire,Türkiye,Viet Nam,Bolivia (Plurinational State of)",
        "A/RES/80/1,2025-09-10,Yes,no,ABSTAIN,en contra",
        "A/RES/80/2,11 September 2025,In favour,Against,,A favor",
    ]
    (HERE / "unga-transposed-bom.csv").write_bytes(("\n".join(lines) + "\n").encode("utf-8-sig"))


def long_embedded_newlines() -> None:
    """Long table, UTF-8 without BOM, quoted cells with commas, quotes and line breaks."""
    text = (
        "Member,Vote,Position,Notes\n"
        '"Korea, Republic of",IAEA-1,Y,"Said: ""we support"",\nthen left"\n'
        "France,IAEA-1,N,\n"
        'Japan,IAEA-1,Abstain,"two\nline\nnote"\n'
        "Côte d'Ivoire,IAEA-1,x,\n"
    )
    (HERE / "iaea-board-embedded-newlines.csv").write_bytes(text.encode("utf-8"))


if __name__ == "__main__":
    long_french_cp1252()
    wide_workbook()
    transposed_bom()
    long_embedded_newlines()
