"""Write ``votes-as-kept.xlsx``: the bundled positions, kept the way a delegation might.

Run from the repository root: ``.venv/bin/python data/examples/make_examples.py``.

Every position in the workbook is one the bundled data names with its source (see
``data/SOURCES.md``); only the layout is made messy, on purpose, for notebook 03:
a merged title, a header over two rows with the dates under the votes, a
"Government members" heading, names as the sources wrote them with stray and
non-breaking spaces, blank rows, notes under the data, French codes on one sheet,
+/-/0 on another, votes as rows there, and a sheet of notes with no votes.
Blank cells mean what they mean in the kit: no source names that member's position.
"""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

import voteanalysis as va  # noqa: E402

OUT = Path(__file__).resolve().parent / "votes-as-kept.xlsx"
NBSP = "\u00a0"
CODES_EN = {"yes": "Y", "no": "N", "abstain": "A", "absent": "X", "not_voting": "NV"}
CODES_FR = {"yes": "Pour", "no": "Contre", "abstain": "Abstention", "absent": "Absent"}
CODES_SIGNS = {"yes": "+", "no": "-", "abstain": "0", "absent": "absent",
               "not_voting": "not voting"}  # fmt: skip


def main() -> None:
    data = va.load_dataset()
    votes = data.votes.set_index("vote_id")
    pos = data.positions
    wb = openpyxl.Workbook()

    # Sheet 1: GB.344, wide, members as rows.
    ws = wb.active
    ws.title = "GB.344"
    vote = "ILO-GB344-RUS-RES"
    ws["A1"] = "ILO Governing Body, 344th Session (March 2022): how members voted"
    ws["A1"].font = Font(bold=True, size=13)
    ws.merge_cells("A1:D1")
    ws["A3"], ws["B3"], ws["C3"] = "Member", vote, "Remarks"
    ws.merge_cells("A3:A4")
    ws.merge_cells("C3:C4")
    ws["B4"] = _date(votes.loc[vote, "date"])
    ws["B4"].number_format = "dd/mm/yyyy"
    ws["A5"] = "Government members"
    ws["A5"].font = Font(italic=True)
    rows = pos[pos["vote_id"] == vote].sort_values("member")
    r = 6
    for i, p in enumerate(rows.itertuples()):
        if i == 7:
            r += 1  # a blank row, as left after deleting a line
        name = p.member + (f"{NBSP} " if i % 4 == 1 else "")
        ws.cell(row=r, column=1, value=name)
        ws.cell(row=r, column=2, value=CODES_EN[p.position])
        r += 1
    ws.cell(row=r + 1, column=1, value="Y = in favour, N = against, A = abstention; "
            "a blank cell: no source names the position")  # fmt: skip
    ws.cell(row=r + 2, column=1, value="Totals published: 42 in favour, 2 against, "
            "8 abstentions (see the kit's votes table)")  # fmt: skip
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 22

    # Sheet 2: GB.353 and GB.355, long, French codes, vote written once per block.
    ws = wb.create_sheet("GB.353-355")
    ws.append(["Conseil d'administration du BIT – votes nominaux relevés dans la presse"])
    ws.append([])
    ws.append(["Pays", "Scrutin", "Sens du vote", "Date"])
    for vote in ("ILO-GB353-RUS-AMDT", "ILO-GB355-BLR"):
        block = pos[pos["vote_id"] == vote]
        for i, p in enumerate(block.itertuples()):
            first = i == 0
            ws.append([
                p.member,
                vote if first else None,
                CODES_FR[p.position],
                votes.loc[vote, "date"] if first else None,
            ])  # fmt: skip
        ws.append([])
    ws.append(["Source : voir data/SOURCES.md du kit"])
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 22

    # Sheet 3: IAEA Board, transposed (votes as rows, members as columns), +/-/0.
    ws = wb.create_sheet("IAEA Board")
    iaea = ["IAEA-BOG-2022-03-UKR", "IAEA-BOG-2024-11-IRN", "IAEA-BOG-2025-06-IRN"]
    block = pos[pos["vote_id"].isin(iaea)]
    members = list(dict.fromkeys(block.sort_values("member_id")["member_id"]))
    written = block.drop_duplicates("member_id").set_index("member_id")["member"]
    ws.append(["IAEA Board of Governors – named positions"])
    ws.append(["Vote", "Date", *[written[m] for m in members]])
    for vote in iaea:
        cells = block[block["vote_id"] == vote].set_index("member_id")["position"]
        ws.append([
            vote,
            votes.loc[vote, "date"],
            *[CODES_SIGNS[cells[m]] if m in cells.index else None for m in members],
        ])  # fmt: skip
    ws.append([])
    ws.append(["+ in favour, - against, 0 abstention"])
    for cell in ws[2]:
        cell.alignment = Alignment(text_rotation=90)

    notes = wb.create_sheet("Read me")
    notes["A1"] = "Positions copied from the voteanalysis bundled data; each has a source there."
    notes["A2"] = "Blank means not known, never 'did not vote'."
    wb.save(OUT)
    print(f"wrote {OUT.relative_to(ROOT)}")


def _date(text: str) -> object:
    import datetime as dt

    return dt.datetime.fromisoformat(text) if len(text) == 10 else text


if __name__ == "__main__":
    main()
