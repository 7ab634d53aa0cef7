"""Hostile and awkward input to the readers: each case is written here, at test time,
with the outcome it must have (an error naming where and what, or exactly what is read).

Expected values are counted by hand from the rows each case writes.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import voteanalysis as va
from voteanalysis import VoteDataError
from voteanalysis.cli import main
from voteanalysis.io.kit import _read_folder, data_dir

KIT_VOTES = "vote_id,body,title,kind,yes,no,abstain,date,source_url,source_quote\n"
KIT_POSITIONS = "vote_id,member_id,member,position,source_url,source_quote\n"
ROW = "https://example.org/v1,quoted words"


def text(path: Path, content: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(content.encode(encoding))
    return path


def raw(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def beside(folder: Path, name: str) -> Path:
    """The folder, with one more file in it."""
    text(folder / name, "x,y\n1,2\n")
    return folder


def kit(folder: Path, votes: str, positions: str | None = None) -> Path:
    folder.mkdir()
    text(folder / "votes.csv", votes)
    text(
        folder / "positions.csv",
        positions if positions is not None else KIT_POSITIONS + f"V1,FRA,France,yes,{ROW}\n",
    )
    return folder


def xlsx(path: Path, rows: list[list[object]], title: str = "Sheet") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def kit_xlsx(path: Path, votes: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "votes"
    for row in votes:
        ws.append(row)
    positions = wb.create_sheet("positions")
    for row in (
        ["vote_id", "member_id", "member", "position", "source_url", "source_quote"],
        ["V1", "FRA", "France", "yes", "https://example.org", "q"],
    ):
        positions.append(row)
    wb.save(path)
    return path


def patch_part(path: Path, part: str, change: Callable[[str], str]) -> Path:
    """Rewrite one XML part of a saved workbook (as a damaged or odd file has it)."""
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            if info.filename == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            z.writestr(info, data)
    return path


KIT_HEADER = ["vote_id", "body", "title", "kind", "yes", "source_url", "source_quote"]

# ----------------------------------------------------------- cases that must fail
# name -> (writer, parts of the message, in order of appearance not required)
ERRORS: dict[str, tuple[Callable[[Path], Path], list[str]]] = {
    "data-row-under-the-data": (
        lambda d: text(
            d / "gb-long.csv", "vote,member,position\nGB.355,China,N\nGB.355,France,maybe\n"
        ),
        ["gb-long.csv, row 3, column 'position'", "found 'maybe'", "expected a position code"],
    ),
    "formula-row-under-the-data": (
        lambda d: xlsx(
            d / "gb-formula.xlsx", [["Member", "Position"], ["China", "N"], ["France", "=B2"]]
        ),
        ["row 3, column 'Position'", "found '=B2'", "expected a value, not a formula"],
    ),
    "named-above-a-totals-row": (
        lambda d: text(
            d / "gb-355.csv", "Member,Belarus\nChina,N\nRussian Federation,N\nBrazil,N\nAgainst,2\n"
        ),
        ["gb-355.csv, row 5, column 'no'", "found 3 members named 'no'", "at most the total of 2"],
    ),
    "total-of-10-to-the-29": (
        lambda d: text(
            d / "gb-big.csv", "Member,Belarus\nChina,N\nIn favour," + "1" + "0" * 29 + "\n"
        ),
        ["gb-big.csv, row 3", "a number of 30 digits", "at most 7 digits"],
    ),
    "total-in-arabic-digits": (
        lambda d: text(d / "gb-arabic.csv", "Member,Belarus\nChina,N\nAgainst,\u0663\n"),
        ["gb-arabic.csv, row 3", "digits other than 0-9"],
    ),
    "impossible-title-date": (
        lambda d: text(d / "gb-date.csv", "Date of vote: 31/02/2024\nMember,Belarus\nChina,N\n"),
        ["gb-date.csv, row 1, column 'A'", "found 'Date of vote: 31/02/2024'", "expected a date"],
    ),
    "kit-total-of-5000-digits": (
        lambda d: kit(d / "k", KIT_VOTES + f"V1,ILO-GB,T,decision,{'9' * 5000},,,,{ROW}\n"),
        ["votes.csv, row 2, column 'yes'", "at most 7 digits 0-9"],
    ),
    "kit-total-of-10-to-the-29": (
        lambda d: kit(d / "k", KIT_VOTES + f"V1,ILO-GB,T,decision,1{'0' * 29},,,,{ROW}\n"),
        ["votes.csv, row 2, column 'yes'", "at most 7 digits 0-9"],
    ),
    "kit-fullwidth-digit": (
        lambda d: kit(d / "k", KIT_VOTES + f"V1,ILO-GB,T,decision,\uff11,,,,{ROW}\n"),
        ["votes.csv, row 2, column 'yes'", "found '\uff11'"],
    ),
    "kit-year-0000": (
        lambda d: kit(d / "k", KIT_VOTES + f"V1,ILO-GB,T,decision,,,,0000,{ROW}\n"),
        ["votes.csv, row 2, column 'date'", "found '0000'", "a real date"],
    ),
    "kit-arabic-year": (
        lambda d: kit(
            d / "k", KIT_VOTES + f"V1,ILO-GB,T,decision,,,,\u0662\u0660\u0662\u0664,{ROW}\n"
        ),
        ["votes.csv, row 2, column 'date'", "a real date"],
    ),
    "kit-column-named-twice": (
        lambda d: kit(
            d / "k",
            "vote_id,body,body,title,kind,source_url,source_quote\nV1,ILO-GB,UNGA,T,decision,u,q\n",
        ),
        ["votes.csv, row 1, column 'C'", "found 'body'", "each column named once"],
    ),
    "kit-cell-under-an-empty-header": (
        lambda d: kit(
            d / "k",
            "vote_id,body,,title,kind,source_url,source_quote\nV1,ILO-GB,lost,T,decision,u,q\n",
        ),
        [
            "votes.csv, row 2, column 'C'",
            "found 'lost'",
            "a header naming the column of every cell",
        ],
    ),
    "kit-row-after-blank-lines": (
        lambda d: kit(d / "k", KIT_VOTES + f"\n\nV1,ILO-GB,T,decision,three,,,,{ROW}\n"),
        ["votes.csv, row 4, column 'yes'", "found 'three'"],
    ),
    "kit-header-after-blank-lines": (
        lambda d: kit(d / "k", "\n\n" + KIT_VOTES + f"V1,ILO-GB,T,decision,,,,2024-02-30,{ROW}\n"),
        ["votes.csv, row 4, column 'date'", "found '2024-02-30'"],
    ),
    "kit-duplicate-keys": (
        lambda d: kit(
            d / "k",
            KIT_VOTES + f"V1,ILO-GB,T,decision,,,,,{ROW}\n",
            KIT_POSITIONS + "".join(f"V1,FRA,France,yes,{ROW}\n" for _ in range(3)),
        ),
        [
            "positions.csv, row 3",
            "it is also on row 2",
            "1 more problem(s)",
            "positions.csv, row 4",
        ],
    ),
    "kit-workbook-formula-cmd": (
        lambda d: kit_xlsx(
            d / "kit.xlsx",
            [KIT_HEADER, ["V1", "ILO-GB", "=cmd|' /C calc'!A0", "decision", 1, "u", "q"]],
        ),
        ["kit.xlsx (sheet 'votes'), row 2, column 'title'", "found \"=cmd|' /C calc'!A0\""],
    ),
    "kit-workbook-formula": (
        lambda d: kit_xlsx(
            d / "kit.xlsx",
            [KIT_HEADER, ["V1", "ILO-GB", '=CONCAT("a","b")', "decision", 1, "u", "q"]],
        ),
        ["kit.xlsx (sheet 'votes'), row 2, column 'title'", "expected a value, not a formula"],
    ),
    "kit-rtl-override-in-vote-id": (
        lambda d: kit(d / "k", KIT_VOTES + f"V\u202e1,ILO-GB,T,decision,,,,,{ROW}\n"),
        ["votes.csv, row 2, column 'vote_id'", "override (U+202E) at character 2"],
    ),
    "kit-misnamed-statements": (
        lambda d: beside(
            kit(d / "k", KIT_VOTES + f"V1,ILO-GB,T,decision,,,,,{ROW}\n"), "statments.csv"
        ),
        ["found 'statments.csv'", "'statements.csv' (the closest table name"],
    ),
    "kit-capitalised-elections": (
        lambda d: beside(
            kit(d / "k", KIT_VOTES + f"V1,ILO-GB,T,decision,,,,,{ROW}\n"), "Elections.csv"
        ),
        ["found 'Elections.csv'", "'elections.csv' (the closest table name"],
    ),
    "mixed-encoding": (
        lambda d: raw(
            d / "gb-mixed.csv",
            b"Member,Vote,Position\nC\xc3\xb4te d'Ivoire,GB.355,Y\nFrance,GB.355,\xe9\n",
        ),
        [
            "gb-mixed.csv, row 3, column 'Position'",
            "byte 0xE9",
            "UTF-8 elsewhere (row 2: '\u00f4')",
            "one encoding for the whole file",
        ],
    ),
    "nul-byte-in-a-row": (
        lambda d: raw(
            d / "gb-nul.csv", b"Member,Vote,Position\nFrance,GB.355,Y\nChina,GB.355\x00,N\n"
        ),
        ["gb-nul.csv, row 3, column 'Vote'", "NUL bytes"],
    ),
    "control-character-in-a-name": (
        lambda d: text(
            d / "gb-bell.csv", "Member,Vote,Position\nFrance,GB.355,Y\nChi\x07na,GB.355,N\n"
        ),
        ["gb-bell.csv, row 3, column 'Member'", "a control character (U+0007) at character 4"],
    ),
    "over-long-cell": (
        lambda d: text(
            d / "gb-long-cell.csv", "Member,Vote,Position\nFrance,GB.355," + "Y" * 40_000 + "\n"
        ),
        [
            "gb-long-cell.csv, row 2, column 'Position'",
            "a cell of 40,000 characters",
            "at most 32,767",
        ],
    ),
    "over-long-shared-string": (
        lambda d: patch_part(
            xlsx(d / "gb-shared.xlsx", [["Member", "Position"], ["France", "Y"], ["China", "N"]]),
            "xl/worksheets/sheet1.xml",
            lambda x: x.replace("<t>N</t>", "<t>" + "x" * 33_000 + "</t>"),
        ),
        ["gb-shared.xlsx (sheet 'Sheet'), row 3, column 'B'", "a cell of 33,000 characters"],
    ),
    "shared-string-index-out-of-range": (
        lambda d: patch_part(
            xlsx(d / "gb-sst.xlsx", [["Member", "Position"], ["France", "Y"]]),
            "xl/worksheets/sheet1.xml",
            lambda x: x.replace('t="inlineStr"><is><t>Y</t></is>', 't="s"><v>99</v>'),
        ),
        [
            "gb-sst.xlsx: found a workbook openpyxl cannot read (IndexError",
            "saved by a spreadsheet program",
        ],
    ),
    "ambiguous-names": (
        lambda d: text(d / "gb-names.csv", "Member,Belarus\nCongo,N\nKorea,Y\nGuinea,A\n"),
        [
            "gb-names.csv, row 2, column 'Member': found 'Congo'",
            "COG (Congo), COD (Democratic Republic of the Congo)",
            "members={'Congo': 'COG'}",
            "row 3, column 'Member': found 'Korea'",
            "row 4, column 'Member': found 'Guinea'",
        ],
    ),
    "unknown-group": (
        lambda d: text(d / "gb-groups.csv", "Member,Group,Belarus\nFrance,Gov.,Y\nChina,Gvnmt,N\n"),
        [
            "gb-groups.csv, row 3, column 'Group': found 'Gvnmt'",
            "government: ",
            "gvt",
            "worker: ",
            "wkr",
        ],
    ),
    "no-consistent-vote-column": (
        lambda d: text(
            d / "unga-votes.csv",
            "Resolution,Vote,Date,Member,Position\nA/RES/1,V1,2024-01-02,France,Y\n"
            "A/RES/1,V1,2024-01-02,China,N\nA/RES/1,V1,2024-01-05,France,N\n",
        ),
        [
            "unga-votes.csv, row 1, column 'Resolution'",
            "no column that names each vote consistently",
            "columns={'vote': ...}",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_hostile_reader_input_gives_a_located_error(name: str, tmp_path: Path) -> None:
    make, parts = ERRORS[name]
    path = make(tmp_path)
    with pytest.raises(VoteDataError) as info:
        va.read_dataset(path)
    message = str(info.value)
    for part in parts:
        assert part in message, f"{name}: {part!r} not in\n{message}"


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_cli_validate_says_it_and_prints_no_traceback(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, parts = ERRORS[name]
    path = make(tmp_path)
    assert main(["validate", str(path)]) == 2
    out = capsys.readouterr()
    assert out.err.startswith("error: ") and "Traceback" not in out.err
    assert parts[0] in out.err
    assert "valid" not in out.out


def test_the_corpus_has_at_least_25_cases() -> None:
    assert len(ERRORS) >= 25


# ------------------------------------------------------- cases that must be read


def test_totals_rows_are_the_votes_published_totals(tmp_path: Path) -> None:
    path = text(
        tmp_path / "gb-totals.csv",
        "Member,GB.355 Belarus,Myanmar\nChina,N,A\nRussian Federation,N,N\n"
        'Total,40-2-9,"Y 30, N 3, A 1"\nSource: minutes\n',
    )
    data = va.read_dataset(path)
    votes = data.votes.set_index("vote_id")
    assert votes.loc["GB.355 Belarus", ["yes", "no", "abstain"]].tolist() == [40, 2, 9]
    assert votes.loc["Myanmar", ["yes", "no", "abstain"]].tolist() == [30, 3, 1]
    assert votes.loc["GB.355 Belarus", "source_quote"] == "GB.355 Belarus; Total: 40-2-9"
    sheet = data.guess.sheets[0]
    assert sheet.totals == (
        "row 4 ('Total: 40-2-9'): yes 40, no 2, abstain 9 for 'GB.355 Belarus'",
        "row 4 ('Total: Y 30, N 3, A 1'): yes 30, no 3, abstain 1 for 'Myanmar'",
    )
    assert "row(s) 5 under the data as notes (first: 'Source: minutes')" in sheet.skipped
    # The tally now has published totals: 40 yes of which none named, 2 no both named.
    tally = va.tally(data).set_index("vote_id")
    assert tally.loc["GB.355 Belarus", "unattributed_yes"] == 40
    assert tally.loc["GB.355 Belarus", "unattributed_no"] == 0


def test_in_favour_11_and_a_title_date(tmp_path: Path) -> None:
    path = text(
        tmp_path / "gb-355.csv",
        "Governing Body\nDate of vote: 14/03/2024\nMember,Position\nChina,N\n"
        "Russian Federation,N\nFrance,Y\nIn favour 11\nAgainst,2\nAbstentions,0\n",
    )
    data = va.read_dataset(path)
    vote = data.votes.iloc[0]
    assert (vote["date"], vote["yes"], vote["no"], vote["abstain"]) == ("2024-03-14", 11, 2, 0)
    assert data.guess.sheets[0].date_from == "row 2 ('Date of vote: 14/03/2024')"


def test_group_spellings_people_use(tmp_path: Path) -> None:
    path = text(
        tmp_path / "gb-groups.csv",
        "Member,Group,Belarus\nFrance,Gvt,Y\nChina,Govt.,N\nBrazil,Gov.,A\n"
        "Jean Dupont,Emp.,Y\nAnna Rossi,Wkr.,N\n",
    )
    data = va.read_spreadsheet(path, members={"Jean Dupont": "FRA-E", "Anna Rossi": "ITA-W"})
    groups = dict(zip(data.positions["member"], data.positions["constituency"], strict=True))
    assert groups == {
        "France": "government",
        "China": "government",
        "Brazil": "government",
        "Jean Dupont": "employer",
        "Anna Rossi": "worker",
    }


def test_an_ambiguous_name_is_settled_with_members(tmp_path: Path) -> None:
    path = text(tmp_path / "gb-names.csv", "Member,Belarus\nCongo,N\nKorea,Y\n")
    data = va.read_spreadsheet(path, members={"Congo": "COD", "Korea": "PRK"})
    assert sorted(data.positions["member_id"]) == ["COD", "PRK"]


def test_x_read_as_absent_is_said(tmp_path: Path) -> None:
    path = text(tmp_path / "gb-x.csv", "Member,Belarus\nFrance,x\nChina,N\n")
    data = va.read_spreadsheet(path)
    assert data.positions.set_index("member_id").loc["FRA", "position"] == "absent"
    assert "read 'x' as absent (1 cell(s))" in str(data.guess)


def test_a_file_that_is_all_windows_1252_is_read_as_such(tmp_path: Path) -> None:
    path = text(tmp_path / "gb-cp.csv", "Member,Belarus\nC\u00f4te d'Ivoire,Y\n", "cp1252")
    data = va.read_spreadsheet(path)
    assert data.positions["member"].tolist() == ["C\u00f4te d'Ivoire"]
    assert data.guess.encoding == "cp1252"


def test_a_stale_dimension_past_the_header_reads_the_table(tmp_path: Path) -> None:
    path = kit_xlsx(
        tmp_path / "kit.xlsx", [KIT_HEADER, ["V1", "ILO-GB", "T", "decision", 1, "u", "q"]]
    )
    patch_part(
        path,
        "xl/worksheets/sheet1.xml",
        lambda x: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:Z40"', x),
    )
    data = va.read_dataset(path)
    assert data.votes["vote_id"].tolist() == ["V1"] and data.votes["yes"].tolist() == [1]


def test_the_vote_column_that_names_votes_consistently_is_chosen(tmp_path: Path) -> None:
    # Two drafts share A/RES/1 and a failed draft has none: 'Vote' is the consistent one.
    path = text(
        tmp_path / "unga-votes.csv",
        "Resolution,Vote,Date,Member,Position\nA/RES/1,V1,2024-01-02,France,Y\n"
        "A/RES/1,V1,2024-01-02,China,N\nA/RES/1,V2,2024-01-05,France,N\n"
        "A/RES/1,V2,2024-01-05,China,Y\n,V3,2024-01-06,France,Y\n",
    )
    data = va.read_dataset(path)
    assert data.guess.sheets[0].vote_column == "Vote"
    assert data.votes.set_index("vote_id")["date"].to_dict() == {
        "V1": "2024-01-02",
        "V2": "2024-01-05",
        "V3": "2024-01-06",
    }


def test_users_tables_need_no_provenance_but_the_count_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = kit(
        tmp_path / "mine",
        "vote_id,body,title,kind\nV1,ILO-GB,T,decision\n",
        "vote_id,member_id,member,position\nV1,FRA,France,yes\nV1,CHN,China,no\n",
    )
    data = va.read_dataset(folder)
    assert len(data.positions) == 2
    assert data.read_notes == (  # type: ignore[attr-defined]
        "votes.csv: 1 of 1 row(s) give no source (source_url); the kit's own data gives "
        "one for every fact",
        "positions.csv: 2 of 2 row(s) give no source (source_url); the kit's own data gives "
        "one for every fact",
    )
    assert main(["validate", str(folder)]) == 0
    assert "note: positions.csv: 2 of 2 row(s) give no source" in capsys.readouterr().out


def test_the_bundled_data_must_have_its_sources(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(data_dir(), copy, ignore=shutil.ignore_patterns("external", "names"))
    _read_folder(copy, 50_000_000, provenance=True)  # as bundled: every source given
    positions = pd.read_csv(copy / "positions.csv", dtype=str, keep_default_na=False)
    positions.loc[0, "source_url"] = ""
    positions.to_csv(copy / "positions.csv", index=False)
    with pytest.raises(VoteDataError) as info:
        _read_folder(copy, 50_000_000, provenance=True)
    assert "positions.csv, row 2, column 'source_url': found an empty cell" in str(info.value)
    assert va.read_dataset(copy).read_notes[0].startswith("positions.csv: 1 of")  # type: ignore[attr-defined]


def test_validate_lists_every_row_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = text(
        tmp_path / "gb-notes.csv", "Member,Belarus\nFrance,Y\n\nChina,N\nPrepared by hand\n"
    )
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "not read: row(s) 5 under the data as notes (first: 'Prepared by hand')" in out


def test_wrong_types_in_the_api_are_type_errors() -> None:
    from voteanalysis.io.names import member_ids

    with pytest.raises(TypeError, match=r"tally\(\) needs a VoteDataset .*not int"):
        va.tally(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"opposition\(\) needs a VoteDataset"):
        va.opposition("votes.csv")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="member must be a member id"):
        va.member_history(va.load_dataset(), 7)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="names must be a list of names"):
        member_ids("France")  # type: ignore[arg-type]


def test_formula_text_in_a_kit_csv_is_text_as_typed(tmp_path: Path) -> None:
    # A CSV holds no formulas: the text is kept as typed (and exported as text), as the
    # spreadsheet layout keeps it; a formula cell of a workbook is refused (above).
    folder = kit(tmp_path / "k", KIT_VOTES + f"V1,ILO-GB,=cmd|' /C calc'!A0,decision,,,,,{ROW}\n")
    assert va.read_dataset(folder).votes["title"].tolist() == ["=cmd|' /C calc'!A0"]


def test_a_library_message_is_cut_between_words() -> None:
    from voteanalysis.errors import Described, Problem

    long = Described("a workbook openpyxl cannot read (" + "word " * 100 + ")")
    shown = str(Problem("f.xlsx", None, None, long, "x"))
    assert shown.endswith("word...; expected x")
