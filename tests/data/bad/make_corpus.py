"""Write the corpus of bad files that tests/test_hostile.py feeds the readers.

Run from the repository root: ``.venv/bin/python tests/data/bad/make_corpus.py``.
The message each file must produce is in ``expectations.json`` (written by hand,
not by this script). Two files are made at test time instead, to keep the
repository small: one far larger than any vote table, and a zip bomb that unpacks
past the total limit.

All votes here are fictitious test data.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl

HERE = Path(__file__).resolve().parent
GB = "ILO Governing Body – test data, fictitious"


def text(name: str, content: str, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(content.encode(encoding))


def workbook(name: str, sheets: dict[str, list[list[Any]]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    if name:
        (HERE / name).write_bytes(data)
    return data


def kit(votes: list[list[Any]], positions: list[list[Any]]) -> dict[str, list[list[Any]]]:
    return {
        "votes": [
            [
                "vote_id",
                "body",
                "date",
                "title",
                "kind",
                "yes",
                "no",
                "abstain",
                "seats",
                "source_url",
                "source_quote",
            ],
            *votes,
        ],
        "positions": [
            ["vote_id", "member_id", "member", "position", "source_url", "source_quote"],
            *positions,
        ],
    }


def main() -> None:
    text("empty.csv", "")
    text("blank.csv", "\r\n   \r\n\t\r\n")
    text("header-only.csv", "Member,Vote,Position\r\n")
    workbook("header-only.xlsx", {"GB votes": [["Member", "Belarus", "Myanmar"]]})
    text("wrong-delimiter.csv", "Member|Vote|Position\nFrance|Belarus|Y\nChina|Belarus|N\n")
    text(
        "unknown-code.csv",
        f"{GB},,\nMember,Vote,Position\nFrance,Belarus,Y\nChina,Belarus,Maybe\nBrazil,Belarus,A\n",
    )
    workbook(
        "unknown-code-wide.xlsx",
        {
            "Votes": [
                [GB],
                ["Member", "Belarus", "Myanmar"],
                ["France", "Y", "Y"],
                ["China", "N", "A"],
                ["Brazil", "A", "J"],
            ]
        },
    )
    text(
        "duplicate-member-vote.csv",
        "Member,Vote,Position\nFrance,Belarus,Y\nChina,Belarus,N\nBrazil,Belarus,A\n"
        f"France,Belarus,N\n{GB},,\n",
    )
    workbook(
        "duplicate-member-wide.xlsx",
        {
            "GB.355": [
                ["Member", "Belarus", "Myanmar"],
                ["Turkey", "Y", "A"],
                ["China", "N", "N"],
                ["Brazil", "A", "Y"],
                ["Türkiye", "Y", ""],
            ]
        },
    )
    workbook(
        "named-exceeds-total.xlsx",
        kit(
            [
                [
                    "V1",
                    "ILO-GB",
                    "2025-11-24",
                    "A decision",
                    "decision",
                    40,
                    1,
                    9,
                    56,
                    "https://example.org/v1",
                    "40 for, 1 against, 9 abstentions",
                ]
            ],
            [
                ["V1", "RUS", "Russia", "no", "https://example.org/v1", "Russia voted against"],
                ["V1", "CHN", "China", "no", "https://example.org/v1", "China voted against"],
            ],
        ),
    )
    workbook(
        "totals-exceed-seats.xlsx",
        kit(
            [
                [
                    "V1",
                    "ILO-GB",
                    "2025-11-24",
                    "A decision",
                    "decision",
                    40,
                    10,
                    9,
                    56,
                    "https://example.org/v1",
                    "40 for, 10 against, 9 abstentions",
                ]
            ],
            [],
        ),
    )
    text(
        "impossible-date.csv",
        "Member,Vote,Position,Date\nFrance,Belarus,Y,28/02/2025\nChina,Belarus,N,30/02/2025\n"
        f"{GB},,,\n",
    )
    workbook(
        "impossible-date-kit.xlsx",
        kit(
            [
                [
                    "V1",
                    "ILO-GB",
                    "2025-02-30",
                    "A decision",
                    "decision",
                    None,
                    None,
                    None,
                    None,
                    "https://example.org/v1",
                    "adopted",
                ]
            ],
            [],
        ),
    )
    text("unknown-member.csv", f"{GB},,\nMember,Vote,Position\nFrnace,Belarus,Y\nChina,Belarus,N\n")
    text(
        "mixed-layout.csv",
        f"{GB},,,,\nMember,Vote,Position,Myanmar,Budget\nFrance,Belarus,Y,Y,N\n"
        "China,Belarus,N,A,Y\n",
    )
    workbook(
        "mixed-blocks.xlsx",
        {
            "GB.355": [
                ["Member", "Vote", "Position"],
                ["France", "Belarus", "Y"],
                ["China", "Belarus", "N"],
                [],
                ["Member", "Myanmar", "Budget"],
                ["France", "Y", "N"],
                ["China", "A", "Y"],
            ]
        },
    )
    text("not-a-zip.xlsx", "Member,Vote,Position\nFrance,Belarus,Y\n")
    whole = workbook("", {"Votes": [["Member", "Belarus"], ["France", "Y"]]})
    (HERE / "truncated.xlsx").write_bytes(whole[: len(whole) // 2])
    encrypt_workbook(whole, HERE / "password.xlsx")
    # The first bytes of an Excel 97-2003 file (an OLE container) with a Workbook stream.
    ole = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1016)
    ole[512 : 512 + 16] = "Workbook".encode("utf-16-le")
    (HERE / "old-format.xlsx").write_bytes(bytes(ole))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Votes"
    for row in (
        ["Member", "Belarus", "Myanmar"],
        ["France", "Y", "Y"],
        ["China", "N", '=IF(B3="N","N","Y")'],
        ["Brazil", "A", "Y"],
        [GB],
    ):
        ws.append(row)
    wb.save(HERE / "formulas.xlsx")
    workbook(
        "formulas-kit.xlsx",
        kit(
            [
                [
                    "V1",
                    "ILO-GB",
                    "2025-11-24",
                    "A decision",
                    "decision",
                    "=38+2",
                    2,
                    9,
                    56,
                    "https://example.org/v1",
                    "40 for",
                ]
            ],
            [],
        ),
    )
    bomb(HERE / "zip-bomb.xlsx", 30_000_000)
    entities(HERE / "xml-entities.xlsx")
    with zipfile.ZipFile(HERE / "ods-renamed.xlsx", "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    text(
        "unclosed-quote.csv",
        'Member,Vote,Position,Notes\nFrance,Belarus,Y,"fine, with ""quotes""\n'
        'and a line break"\nChina,Belarus,N,"never closed\nBrazil,Belarus,A,\n',
    )
    text("stray-quote.csv", 'Member,Vote,Position\nFrance,"Belarus"x,Y\n')
    (HERE / "binary.csv").write_bytes(bytes(range(256)) * 4)
    text("member-missing.csv", f"{GB},,\nMember,Belarus,Myanmar\nFrance,Y,N\n,N,A\nBrazil,A,Y\n")
    text("no-codes.csv", "Member,Belarus\nFrance,40\nChina,2\n")
    text(
        "dates-disagree.csv",
        "Member,Vote,Position,Date\nFrance,Belarus,Y,2025-11-24\nChina,Belarus,N,2025-11-25\n"
        f"{GB},,,\n",
    )
    text(
        "bad-constituency.csv",
        "Member,Group,Vote,Position\nFrance,Goverment,Belarus,Y\nChina,Government,Belarus,N\n"
        f"{GB},,,\n",
    )
    text("duplicate-vote-column.csv", f"Member,Belarus,Belarus\nFrance,Y,N\nChina,N,N\n{GB},,\n")
    (HERE / "not-text-encoding.csv").write_bytes(
        b"Member,Vote,Position\nFr\x81nce,Belarus,Y\nChina,Belarus,N\n"
    )


def encrypt_workbook(plain: bytes, out: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    with out.open("wb") as f:
        OOXMLFile(io.BytesIO(plain)).encrypt("secret", f)


def _parts(sheet_xml: bytes) -> dict[str, bytes]:
    wb = openpyxl.Workbook()
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = sheet_xml
    return parts


def bomb(out: Path, size: int) -> None:
    """A valid-looking workbook whose sheet unpacks to ``size`` bytes of spaces."""
    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in _parts(b"").items():
            if name != "xl/worksheets/sheet1.xml":
                z.writestr(name, data)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(head + b"<sheetData>")
            chunk = b" " * 1_000_000
            for _ in range(size // len(chunk)):
                f.write(chunk)
            f.write(b"</sheetData></worksheet>")


def entities(out: Path) -> None:
    """A workbook whose sheet declares nested entities (the 'billion laughs')."""
    laughs = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY l0 "ha">{laughs}]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in _parts(sheet).items():
            z.writestr(name, data)


if __name__ == "__main__":
    main()
