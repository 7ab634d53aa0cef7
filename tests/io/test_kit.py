"""Reading the kit's layout and rejecting bad data with a locating message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

import voteanalysis as va
from voteanalysis import VoteDataError

VOTES = (
    "vote_id,body,session,date,title,kind,method,result,yes,no,abstain,not_voting,seats,"
    "source_url,source_quote\n"
    "V1,ILO-GB,GB.1,2022-03-23,A resolution,resolution,,adopted,3,2,1,,56,https://a.example,"
    '"3 for, 2 against, 1 abstention"\n'
    "V2,IAEA-BoG,B.2,2023-06,Another,resolution,,adopted,,,,,,https://b.example,q\n"
)
POSITIONS = (
    "vote_id,member_id,member,constituency,position,source_url,source_quote\n"
    "V1,RUS,Russia,government,no,https://a.example,q\n"
    "V1,CHN,China,government,no,https://a.example,q\n"
    "V1,NAM,NA,government,yes,https://a.example,q\n"
    "V2,NAM,Namibia,state,abstain,https://b.example,q\n"
)


def write(folder: Path, votes: str = VOTES, positions: str = POSITIONS) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "votes.csv").write_text(votes, encoding="utf-8")
    (folder / "positions.csv").write_text(positions, encoding="utf-8")
    return folder


def error_for(tmp_path: Path, votes: str = VOTES, positions: str = POSITIONS) -> str:
    with pytest.raises(VoteDataError) as info:
        va.read_dataset(write(tmp_path / "d", votes, positions))
    return str(info.value)


def test_reads_a_folder_typed(tmp_path: Path) -> None:
    data = va.read_dataset(write(tmp_path / "d"))
    assert list(data.votes["vote_id"]) == ["V1", "V2"]
    assert data.positions["position"].dtype == va.POSITION_DTYPE
    assert data.positions["position"].cat.ordered
    assert str(data.votes["yes"].dtype) == "Int64"
    assert pd.isna(data.votes.loc[1, "yes"])  # not published stays missing, not 0
    # "NA" as written in a source is text, not a missing value
    assert data.positions.loc[2, "member"] == "NA"
    assert data.group_tallies.empty and "constituency" in data.group_tallies.columns


def test_reads_a_datapackage_descriptor(tmp_path: Path) -> None:
    folder = write(tmp_path / "d")
    (folder / "datapackage.json").write_text(
        '{"resources": [{"name": "votes", "path": "votes.csv"},'
        ' {"name": "positions", "path": "positions.csv"}]}',
        encoding="utf-8",
    )
    data = va.read_dataset(folder / "datapackage.json")
    assert len(data.positions) == 4


def test_reads_a_workbook_with_one_sheet_per_table(tmp_path: Path) -> None:
    folder = write(tmp_path / "d")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in ("votes", "positions"):
        ws = wb.create_sheet(name)
        for row in pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False).pipe(
            lambda df: [list(df.columns), *df.to_numpy().tolist()]
        ):
            ws.append(row)
    wb.save(tmp_path / "book.xlsx")
    data = va.read_dataset(tmp_path / "book.xlsx")
    assert list(data.positions["member_id"]) == ["RUS", "CHN", "NAM", "NAM"]
    assert int(data.votes.loc[0, "seats"]) == 56


def test_missing_required_column_names_file_and_column(tmp_path: Path) -> None:
    msg = error_for(tmp_path, positions=POSITIONS.replace("position,", "stance,", 1))
    assert "positions.csv" in msg and "row 1" in msg and "'position'" in msg


def test_bad_whole_number_is_located(tmp_path: Path) -> None:
    msg = error_for(tmp_path, votes=VOTES.replace(",3,2,1,", ",three,2,1,"))
    assert msg.startswith("votes.csv, row 2, column 'yes': found 'three'; expected a whole")


def test_unknown_position_code(tmp_path: Path) -> None:
    msg = error_for(
        tmp_path,
        positions=POSITIONS.replace(
            "V1,CHN,China,government,no", "V1,CHN,China,government,against"
        ),
    )
    assert "positions.csv, row 3, column 'position': found 'against'" in msg
    assert "yes, no, abstain, absent, not_voting, ineligible" in msg


def test_impossible_date(tmp_path: Path) -> None:
    msg = error_for(tmp_path, votes=VOTES.replace("2022-03-23", "2022-02-30"))
    assert "row 2, column 'date': found '2022-02-30'" in msg


def test_duplicate_member_on_a_vote_names_both_rows(tmp_path: Path) -> None:
    msg = error_for(tmp_path, positions=POSITIONS + "V1,RUS,Russia,government,yes,u,q\n")
    assert "positions.csv, row 6, column 'vote_id, member_id'" in msg
    assert "also on row 2" in msg


def test_named_positions_above_published_total(tmp_path: Path) -> None:
    extra = "V1,USA,United States,government,no,https://a.example,q\n"
    msg = error_for(tmp_path, positions=POSITIONS + extra)
    assert "votes.csv, row 2, column 'no': found 3 members named 'no'" in msg
    assert "at most the published total of 2" in msg


def test_totals_above_seats(tmp_path: Path) -> None:
    msg = error_for(tmp_path, votes=VOTES.replace(",,56,", ",,5,"))
    assert "votes.csv, row 2, column 'seats': found 5; expected at least 6" in msg


def test_position_on_unknown_vote(tmp_path: Path) -> None:
    msg = error_for(tmp_path, positions=POSITIONS + "V9,USA,USA,state,no,u,q\n")
    assert "positions.csv, row 6, column 'vote_id': found 'V9'" in msg


def test_missing_required_table(tmp_path: Path) -> None:
    folder = write(tmp_path / "d")
    (folder / "positions.csv").unlink()
    with pytest.raises(VoteDataError, match="positions"):
        va.read_dataset(folder)


def test_empty_required_cell(tmp_path: Path) -> None:
    msg = error_for(tmp_path, positions=POSITIONS.replace("V1,RUS,Russia", "V1,,Russia"))
    assert "positions.csv, row 2, column 'member_id': found an empty cell; expected a value" in msg


def test_refuses_oversized_file_before_reading(tmp_path: Path) -> None:
    folder = write(tmp_path / "d")
    with pytest.raises(VoteDataError, match="at most 100 bytes"):
        va.read_dataset(folder, max_bytes=100)


def test_every_problem_is_reported(tmp_path: Path) -> None:
    bad = VOTES.replace(",3,2,1,", ",x,y,1,")
    with pytest.raises(VoteDataError) as info:
        va.read_dataset(write(tmp_path / "d", votes=bad))
    assert [p.column for p in info.value.problems] == ["yes", "no"]
    assert "1 more problem" in str(info.value)


def test_unknown_bundled_name() -> None:
    # A wrong argument, not a bad file: ValueError naming the bundled datasets.
    with pytest.raises(ValueError, match="governing-bodies', 'unga', 'unsc', 'hrc'") as info:
        va.load_dataset("nope")
    assert not isinstance(info.value, VoteDataError)
    with pytest.raises(ValueError, match="did you mean 'unga'"):
        va.load_dataset("ungaa")


def test_filter_keeps_input_unchanged(tmp_path: Path) -> None:
    data = va.read_dataset(write(tmp_path / "d"))
    sub = data.filter(body="IAEA-BoG")
    assert list(sub.votes["vote_id"]) == ["V2"]
    assert list(sub.positions["member_id"]) == ["NAM"]
    assert len(data.positions) == 4
    only_rus = data.filter(member="RUS")
    assert list(only_rus.positions["member_id"]) == ["RUS"]
    assert len(only_rus.votes) == 2


def test_undecodable_bytes_in_a_kit_csv_are_located(tmp_path: Path) -> None:
    folder = write(tmp_path / "d")
    # 0x81 is neither UTF-8 nor Windows-1252: the third line holds it.
    (folder / "positions.csv").write_bytes(POSITIONS.encode("utf-8").replace(b"China", b"Ch\x81na"))
    with pytest.raises(VoteDataError) as info:
        va.read_dataset(folder)
    assert "positions.csv, row 3" in str(info.value)
    assert "byte 0x81" in str(info.value)


def test_votes_header_without_rows_is_an_error(tmp_path: Path) -> None:
    msg = error_for(
        tmp_path,
        votes=VOTES.splitlines(keepends=True)[0],
        positions=POSITIONS.splitlines(keepends=True)[0],
    )
    assert msg.startswith("votes.csv, row 1: found a header row and no votes under it")


def test_a_kit_workbook_numbers_rows_as_excel_shows_them(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "votes"
    ws.append([])  # row 1 empty: the header is on row 2
    ws.append(["vote_id", "body", "title", "kind", "yes", "source_url", "source_quote"])
    ws.append([])
    ws.append(["V1", "ILO-GB", "A vote", "decision", "many", "https://a.example", "q"])
    positions = wb.create_sheet("positions")
    positions.append(["vote_id", "member_id", "member", "position"])
    positions.append(["V1", "FRA", "France", "yes"])
    wb.save(tmp_path / "book.xlsx")
    with pytest.raises(VoteDataError) as info:
        va.read_dataset(tmp_path / "book.xlsx")
    assert str(info.value).startswith(
        "book.xlsx (sheet 'votes'), row 4, column 'yes': found 'many'; expected a whole number"
    )


# --- a messy file given to read_dataset is opened and checked once -------------------

SHEETS = Path(__file__).resolve().parents[1] / "data" / "sheets"


def _counted(monkeypatch: pytest.MonkeyPatch, name: str) -> list[str]:
    """Count the calls of the io function ``name`` through every io module holding it."""
    import importlib
    import pkgutil

    import voteanalysis.io as io_package

    calls: list[str] = []
    for info in pkgutil.iter_modules(io_package.__path__):
        module = importlib.import_module(f"voteanalysis.io.{info.name}")
        original = getattr(module, name, None)
        if callable(original):

            def counted(*args: object, _original: Any = original, **kwargs: object) -> object:
                calls.append(name)
                return _original(*args, **kwargs)

            monkeypatch.setattr(module, name, counted)
    return calls


@pytest.mark.parametrize(
    ("file", "workbook_checks"),
    [("wide-merged-sheets.xlsx", 1), ("long-fr-semicolon-cp1252.csv", 0)],
)
def test_a_messy_file_is_checked_once(
    monkeypatch: pytest.MonkeyPatch, file: str, workbook_checks: int
) -> None:
    sizes = _counted(monkeypatch, "check_size")
    workbooks = _counted(monkeypatch, "check_workbook")
    data = va.read_dataset(SHEETS / file)
    assert len(data.positions) > 0
    assert len(sizes) == 1
    # A CSV is no workbook: it is never given the workbook checks.
    assert len(workbooks) == workbook_checks


# --- one way to open a CSV for both layouts ------------------------------------------


def _tabbed(text: str) -> str:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\n").writerows(csv.reader(io.StringIO(text)))
    return out.getvalue()


def test_a_tab_separated_folder_reads_like_a_comma_separated_one(tmp_path: Path) -> None:
    votes, positions = _tabbed(VOTES), _tabbed(POSITIONS)
    assert "\t" in votes and "V1\tILO-GB\t" in votes
    data = va.read_dataset(write(tmp_path / "tabs", votes, positions))
    assert list(data.votes["vote_id"]) == ["V1", "V2"]
    assert data.votes.loc[0, "source_quote"] == "3 for, 2 against, 1 abstention"
    assert int(data.votes.loc[0, "yes"]) == 3
    assert list(data.positions["member_id"]) == ["RUS", "CHN", "NAM", "NAM"]


# Surrounding spaces, a non-breaking space, a byte-order mark and a zero-width space:
# all invisible in a spreadsheet program, all gone from the name as read.
ODD_RUSSIA = "\ufeff\u00a0 Russia\u200b "


def test_an_odd_cell_is_cleaned_the_same_in_both_layouts(tmp_path: Path) -> None:
    from voteanalysis.io.spreadsheet import read_spreadsheet

    kit = va.read_dataset(
        write(tmp_path / "d", positions=POSITIONS.replace(",Russia,", f",{ODD_RUSSIA},"))
    )
    sheet = tmp_path / "gb.csv"
    sheet.write_text(f"Member,Belarus\n{ODD_RUSSIA},N\nChina,N\n", encoding="utf-8")
    people = read_spreadsheet(sheet, body="ILO-GB")
    assert kit.positions.loc[0, "member"] == "Russia"
    assert people.positions.loc[0, "member"] == "Russia"
    assert people.positions.loc[0, "member_id"] == "RUS"
