"""Excel and CSV out: readable workbooks, exact round trips, no formula injection."""

from __future__ import annotations

import csv
import datetime as dt
import os
import stat
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

import voteanalysis as va
from voteanalysis import VoteDataError
from voteanalysis.cli import main
from voteanalysis.io.spreadsheet import read_spreadsheet
from voteanalysis.outputs.export import export_csv, export_excel

VOTES = (
    "vote_id,body,session,date,title,kind,yes,no,abstain,seats,source_url,source_quote,notes\n"
    "T1,ILO-GB,GB.1,2024-03-14,A test decision,decision,3,2,1,56,https://a.example/1,"
    '"3 for, 2 against, 1 abstention",\n'
    "T2,ILO-GB,GB.2,2025-03,A test resolution,resolution,,,,56,https://b.example/2,q,"
    '"=HYPERLINK(""https://evil.example"",""click"")"\n'
)
POSITIONS = (
    "vote_id,member_id,member,constituency,position,source_url,source_quote,notes\n"
    "T1,CIV,Côte d'Ivoire,government,yes,https://a.example/1,q,+44 20 7946 0000\n"
    "T1,TUR,Türkiye,government,no,https://a.example/1,q,-5 on the first count\n"
    "T1,CUW,Curaçao,government,abstain,https://a.example/1,q,@SUM(A1:A9)\n"
    "T1,RUS,=1+1,government,no,https://a.example/1,q,\n"
    "T2,CIV,Côte d'Ivoire,government,absent,https://b.example/2,q,\n"
)


@pytest.fixture
def small(tmp_path: Path) -> va.VoteDataset:
    folder = tmp_path / "small"
    folder.mkdir()
    (folder / "votes.csv").write_text(VOTES, encoding="utf-8")
    (folder / "positions.csv").write_text(POSITIONS, encoding="utf-8")
    return va.read_dataset(folder)


def assert_same(a: va.VoteDataset, b: va.VoteDataset) -> None:
    for name in a.tables:
        pd.testing.assert_frame_equal(a.tables[name], b.tables[name], obj=name)


def test_bundled_dataset_survives_the_round_trip(tmp_path: Path) -> None:
    data = va.load_dataset()
    before = {name: df.copy() for name, df in data.tables.items()}
    path = export_excel(data, tmp_path / "bundled.xlsx")
    assert_same(data, va.read_dataset(path))
    for name, df in before.items():  # the export changed nothing
        pd.testing.assert_frame_equal(df, data.tables[name])
    assert [p.name for p in tmp_path.iterdir()] == ["bundled.xlsx"]  # no partial file left


def test_names_with_accents_and_formula_text_survive_the_round_trip(
    small: va.VoteDataset, tmp_path: Path
) -> None:
    back = va.read_dataset(export_excel(small, tmp_path / "small.xlsx"))
    assert_same(small, back)
    assert back.positions["member"].tolist() == [
        "Côte d'Ivoire", "Türkiye", "Curaçao", "=1+1", "Côte d'Ivoire",
    ]  # fmt: skip
    assert back.votes.loc[1, "notes"] == '=HYPERLINK("https://evil.example","click")'


def test_the_members_by_votes_sheet_reads_back_as_a_wide_table(
    small: va.VoteDataset, tmp_path: Path
) -> None:
    path = export_excel(small.filter(member=["CIV", "TUR", "CUW"]), tmp_path / "g.xlsx")
    grid = read_spreadsheet(path, sheet="by member", body="ILO-GB")
    got = set(zip(grid.positions["vote_id"], grid.positions["member_id"],
                  grid.positions["position"].astype(str), strict=True))  # fmt: skip
    assert got == {
        ("T1", "CIV", "yes"), ("T1", "TUR", "no"), ("T1", "CUW", "abstain"),
        ("T2", "CIV", "absent"),
    }  # fmt: skip


def test_the_workbook_is_laid_out_for_reading(small: va.VoteDataset, tmp_path: Path) -> None:
    path = export_excel(small, tmp_path / "small.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["tally", "by member", "votes", "positions", "sources"]
    for name in ("tally", "votes", "positions"):
        ws = wb[name]
        assert all(cell.font.bold for cell in ws[1])
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref.startswith("A1:")
        widths = [ws.column_dimensions[c].width for c in "ABCDE"]
        assert all(8 <= w <= 60 for w in widths)
    votes = wb["votes"]
    header = [c.value for c in votes[1]]
    date = header.index("date") + 1
    assert votes.cell(row=2, column=date).is_date
    assert votes.cell(row=2, column=date).value == dt.datetime(2024, 3, 14)
    assert votes.cell(row=3, column=date).value == "2025-03"  # a month stays text
    grid = wb["by member"]
    assert grid.freeze_panes == "C2"
    assert [c.value for c in grid[1]] == ["member", "member_id", "T1", "T2"]
    colours = {
        (grid.cell(row=r, column=1).value, grid.cell(row=1, column=c).value):
        grid.cell(row=r, column=c).fill.fgColor.rgb
        for r in range(2, grid.max_row + 1) for c in (3, 4)
    }  # fmt: skip
    # palette.py: yes #0072B2, no #D55E00, abstain #F0E442, absent #CC79A7; not known #E5E5E5
    assert colours[("Türkiye", "T1")] == "FFD55E00"
    assert colours[("Côte d'Ivoire", "T1")] == "FF0072B2"
    assert colours[("Curaçao", "T1")] == "FFF0E442"
    assert colours[("Côte d'Ivoire", "T2")] == "FFCC79A7"
    assert colours[("Türkiye", "T2")] == "FFE5E5E5"
    positions = wb["positions"]
    position = [c.value for c in positions[1]].index("position") + 1
    assert positions.cell(row=3, column=position).fill.fgColor.rgb == "FFD55E00"


def test_the_sources_sheet_states_every_source(small: va.VoteDataset, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(export_excel(small, tmp_path / "small.xlsx"))
    rows = [[c.value for c in row] for row in wb["sources"].iter_rows()]
    cited = {r[0]: r[1:3] for r in rows if r[0] and str(r[0]).startswith("https://")}
    # a.example/1: vote T1 and four positions; b.example/2: vote T2 and one position
    assert cited == {
        "https://a.example/1": [5, "positions, votes"],
        "https://b.example/2": [2, "positions, votes"],
    }
    assert rows[0][0] == "Sources"


def test_bundled_sources_and_licence_are_stated(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(export_excel(va.load_dataset(), tmp_path / "b.xlsx"))
    text = " ".join(str(c.value) for row in wb["sources"].iter_rows() for c in row if c.value)
    assert "CC-BY-4.0" in text and "salidarnast" in text


INJECTIONS = [
    "=1+1",
    '=HYPERLINK("https://evil.example","click")',
    "+44 20 7946 0000",
    "-5",
    "@SUM(A1:A9)",
    "\tTab first",
    "\rCarriage return first",
    "=cmd|' /C calc'!A0",
]


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path: Path) -> None:
    table = pd.DataFrame({"member": INJECTIONS, "count": range(len(INJECTIONS))})
    path = export_excel({"typed": table}, tmp_path / "typed.xlsx")
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            assert all(cell.data_type != "f" for cell in row)
    ws = wb["typed"]
    for r, text in enumerate(INJECTIONS, start=2):
        cell = ws.cell(row=r, column=1)
        assert cell.data_type == "s"
        assert cell.quotePrefix
        # XML reads a carriage return back as a line feed; the text is otherwise exact
        assert cell.value == text.replace("\r", "\n")
        assert ws.cell(row=r, column=2).data_type == "n"


def test_csv_for_spreadsheets_escapes_formula_text(tmp_path: Path) -> None:
    table = pd.DataFrame(
        {"member": ["France", "=1+1", "-5", "Côte d'Ivoire"], "yes": pd.array([1, -2, None, 4])}
    )
    path = export_csv(table, tmp_path / "t.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the accents right
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows == [
        ["member", "yes"],
        ["France", "1"],
        ["'=1+1", "-2"],  # text escaped; a number is a number
        ["'-5", ""],
        ["Côte d'Ivoire", "4"],
    ]
    plain = export_csv(table, tmp_path / "plain.csv", escape_formulas=False, encoding="utf-8")
    assert plain.read_text(encoding="utf-8").splitlines()[2] == "=1+1,-2"


def test_csv_export_reads_back_with_the_text_as_typed(
    small: va.VoteDataset, tmp_path: Path
) -> None:
    path = export_csv(small.positions, tmp_path / "gb-positions.csv")
    back = read_spreadsheet(path, columns={"vote": "vote_id", "member": "member_id"})
    notes = back.positions.set_index("member_id")["notes"]
    assert notes["TUR"].startswith("-5 on the first count (")
    assert notes["CUW"].startswith("@SUM(A1:A9) (")


def test_extra_tables_by_name(small: va.VoteDataset, tmp_path: Path) -> None:
    matrix = pd.DataFrame(
        [[1.0, 0.5], [0.5, 1.0]],
        index=pd.Index(["CIV", "TUR"], name="member_id"),
        columns=["CIV", "TUR"],
    )
    path = export_excel(small, tmp_path / "x.xlsx", tables={"agreement": matrix})
    ws = openpyxl.load_workbook(path)["agreement"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["member_id", "CIV", "TUR"],
        ["CIV", 1.0, 0.5],
        ["TUR", 0.5, 1.0],
    ]
    # Wrong arguments are ValueError or TypeError, not a fault in the data.
    for bad, match in (
        ("votes", "sheet name 'votes' is taken; expected a sheet name not already used"),
        ("VOTES", "not already used"),  # Excel compares sheet names without case
        ("sources", "not already used"),
        ("a/b", "sheet name of 1 to 31"),
        ("x" * 32, "sheet name of 1 to 31"),
    ):
        with pytest.raises(ValueError, match=match) as err:
            export_excel(small, tmp_path / "y.xlsx", tables={bad: matrix})
        assert not isinstance(err.value, VoteDataError)
    with pytest.raises(TypeError, match="VoteDataset or a mapping"):
        export_excel([matrix], tmp_path / "z.xlsx")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="tables must be a mapping"):
        export_excel(small, tmp_path / "z.xlsx", tables=[matrix])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="path must be str or PathLike, not int"):
        export_excel(small, 3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"expected a file name ending in \.xlsx") as err:
        export_excel(small, tmp_path / "x.xls")
    assert not isinstance(err.value, VoteDataError)
    assert not list(tmp_path.glob("[yz].*")) and not (tmp_path / "x.xls").exists()


def test_a_control_character_is_refused_with_where_it_is(tmp_path: Path) -> None:
    table = pd.DataFrame({"member": ["France", "Chi\x07na"]})
    with pytest.raises(VoteDataError) as info:
        export_excel({"t": table}, tmp_path / "t.xlsx")
    assert "t.xlsx (sheet 't'), row 3, column 'member': found a control character (U+0007)" in (
        str(info.value)
    )
    assert not (tmp_path / "t.xlsx").exists()


def test_cli_export_excel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "votes.xlsx"
    assert main(["export-excel", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert_same(va.load_dataset(), va.read_dataset(out))
    sheet = Path(__file__).resolve().parents[1] / "data" / "sheets" / "unga-transposed-bom.csv"
    out2 = tmp_path / "unga.xlsx"
    assert main(["export-excel", "--data", str(sheet), str(out2)]) == 0
    assert len(va.read_dataset(out2).positions) == 7
    assert main(["export-excel", str(tmp_path / "votes.txt")]) == 2
    assert "expected a file name ending in .xlsx" in capsys.readouterr().err


# --- written safely (voteanalysis.safewrite) ------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"delimiter": ";;"}, ValueError, "delimiter=';;' must be one character"),
        ({"delimiter": "\n"}, ValueError, "other than a quote or a line break"),
        ({"delimiter": 44}, TypeError, "delimiter must be str, not int"),
        ({"encoding": "utf-9"}, ValueError, "encoding='utf-9' is not an encoding"),
        ({"escape_formulas": "no"}, TypeError, "escape_formulas must be bool, not str"),
    ],
)
def test_export_csv_refuses_wrong_arguments_before_writing(
    tmp_path: Path, arguments: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message) as err:
        export_csv(pd.DataFrame({"a": [1]}), tmp_path / "t.csv", **arguments)
    assert not isinstance(err.value, VoteDataError)
    assert str(err.value).startswith("export_csv")
    assert not list(tmp_path.iterdir())


def test_export_files_get_the_usual_mode_not_the_temporary_one(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    os.umask(mask)
    path = export_csv(pd.DataFrame({"a": [1]}), tmp_path / "t.csv")
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask  # mkstemp alone gives 0600


def test_export_refuses_a_path_naming_an_input(tmp_path: Path) -> None:
    source = tmp_path / "positions.csv"
    source.write_text("kept\n", encoding="utf-8")
    with pytest.raises(VoteDataError, match="the path of one of the inputs"):
        export_csv(pd.DataFrame({"a": [1]}), source, inputs=[source])
    with pytest.raises(VoteDataError, match="the path of one of the inputs"):
        export_excel(va.load_dataset(), tmp_path / "v.xlsx", inputs=[tmp_path / "v.xlsx"])
    assert source.read_text(encoding="utf-8") == "kept\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["positions.csv"]


def test_export_csv_replaces_the_old_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("old,old,old\n" * 1000, encoding="utf-8")
    export_csv(pd.DataFrame({"member": ["Côte d'Ivoire", "=1+1"]}), path)
    assert path.read_bytes() == "\ufeffmember\r\nCôte d'Ivoire\r\n'=1+1\r\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]
