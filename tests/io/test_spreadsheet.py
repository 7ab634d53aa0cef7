"""Reading spreadsheets in the shapes people have (tests/data/sheets/, fictitious votes).

Expected readings are counted by hand from the rows written in
tests/data/sheets/make_sheets.py.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import voteanalysis as va
from voteanalysis import VoteDataError
from voteanalysis.io.spreadsheet import (
    SpreadsheetDataset,
    check_workbook,
    position_code,
    read_spreadsheet,
)

SHEETS = Path(__file__).resolve().parents[1] / "data" / "sheets"


def positions(data: va.VoteDataset) -> set[tuple[str, str, str]]:
    p = data.positions
    return set(zip(p["vote_id"], p["member_id"], p["position"].astype(str), strict=True))


# ---------------------------------------------------------------- position codes


@pytest.mark.parametrize(
    ("written", "position"),
    [
        ("Y", "yes"), ("N", "no"), ("A", "abstain"), ("X", "absent"),
        ("yes", "yes"), ("no", "no"), ("abstain", "abstain"), ("absent", "absent"),
        ("for", "yes"), ("against", "no"), ("abstention", "abstain"),
        ("in favour", "yes"), ("In Favor", "yes"), ("abstentions", "abstain"),
        ("+", "yes"), ("-", "no"), ("0", "abstain"),
        ("pour", "yes"), ("contre", "no"), ("Abstention", "abstain"),
        ("a favor", "yes"), ("en contra", "no"), ("abstención", "abstain"),
        ("ABSTENCION", "abstain"), (" Pour\u00a0", "yes"), ("not voting", "not_voting"),
    ],
)  # fmt: skip
def test_codes_as_people_write_them(written: str, position: str) -> None:
    assert position_code(written) == position


def test_unknown_codes_and_own_codes() -> None:
    assert position_code("J") is None and position_code("maybe") is None
    assert position_code("J", {"J": "yes"}) == "yes"
    assert position_code("A", {"A": "absent"}) == "absent"  # overrides the default
    with pytest.raises(VoteDataError, match="each code mapped to one of yes, no"):
        position_code("J", {"J": "ja"})


# ------------------------------------------------------------------ the fixtures


def test_long_french_semicolon_cp1252() -> None:
    data = read_spreadsheet(SHEETS / "long-fr-semicolon-cp1252.csv")
    assert isinstance(data, SpreadsheetDataset) and isinstance(data, va.VoteDataset)
    assert positions(data) == {
        ("Résolution A", "FRA", "yes"),
        ("Résolution A", "CHN", "no"),
        ("Résolution A", "RUS", "no"),
        ("Résolution A", "BRA", "abstain"),
        ("Résolution B", "FRA", "abstain"),
        ("Résolution B", "ZAF", "yes"),
    }
    votes = data.votes.set_index("vote_id")
    assert votes["date"].to_dict() == {"Résolution A": "2025-11-24", "Résolution B": "2025-11-25"}
    assert set(votes["body"]) == {"ILO-GB"}
    assert set(votes["kind"]) == {"resolution"}
    # "France\xa0 " as typed, without the spaces nobody sees
    assert data.positions["member"].iloc[0] == "France"
    brazil = data.positions.set_index("member_id").loc["BRA"]
    assert brazil["notes"].startswith("arrivé en retard")
    guess = data.guess
    assert (guess.encoding, guess.delimiter) == ("cp1252", ";")
    (sheet,) = guess.sheets
    assert (sheet.layout, sheet.header_row, sheet.data_rows) == ("long", 3, (4, 11))
    assert (sheet.member_column, sheet.vote_column, sheet.position_column) == (
        "Pays",
        "Scrutin",
        "Sens du vote",
    )
    assert sheet.filled_down == ("Scrutin",)
    skipped = " ".join(sheet.skipped)
    assert "rows 8" in skipped and "row(s) 12 under the data" in skipped
    assert {code: pos for code, pos, _ in guess.codes} == {
        "Pour": "yes",
        "Contre": "no",
        "Abstention": "abstain",
    }


def test_wide_workbook_with_merged_header_headings_notes_and_sheets() -> None:
    data = read_spreadsheet(SHEETS / "wide-merged-sheets.xlsx")
    assert positions(data) == {
        ("GB.355: Belarus", "FRA", "yes"),
        ("GB.355: Belarus", "CHN", "no"),
        ("GB.355: Belarus", "RUS", "no"),
        ("GB.355: Belarus", "BRA", "abstain"),
        ("Myanmar", "FRA", "yes"),
        ("Myanmar", "CHN", "abstain"),
        ("Myanmar", "RUS", "absent"),
        ("Myanmar", "BRA", "yes"),
        ("Budget amendment", "FRA", "no"),
        ("Budget amendment", "RUS", "abstain"),
        ("Budget amendment", "BRA", "yes"),
        ("GB.356: Belarus", "FRA", "yes"),
        ("GB.356: Belarus", "CHN", "no"),
        ("GB.356: Belarus", "BRA", "abstain"),
        ("Workplan", "FRA", "yes"),
        ("Workplan", "CHN", "yes"),
    }
    votes = data.votes.set_index("vote_id")
    assert votes.loc["GB.355: Belarus", ["title", "session", "date"]].tolist() == [
        "Belarus",
        "GB.355",
        "2025-11-24",
    ]
    assert votes["date"].to_dict() == {
        "GB.355: Belarus": "2025-11-24",
        "Myanmar": "2025-11-25",
        "Budget amendment": "2025-11-26",
        "GB.356: Belarus": "2026-03-20",
        "Workplan": "2026-03-21",
    }
    assert votes.loc["Budget amendment", "kind"] == "amendment"
    gb355 = data.positions[data.positions["notes"].str.contains("'GB.355'")]
    assert set(gb355["constituency"]) == {"government"}
    guess = data.guess
    assert [s.sheet for s in guess.sheets] == ["GB.355", "GB.356"]
    assert [s.layout for s in guess.sheets] == ["wide", "wide-transposed"]
    assert guess.sheets[0].header_rows == (3, 4)
    assert guess.skipped_sheets == (("Notes", "no position codes"),)
    skipped = " ".join(guess.sheets[0].skipped)
    assert "row 5 (heading 'Government members'" in skipped
    assert "row 10 ('Deputy government members': no positions)" in skipped
    assert "row(s) 13 under the data as notes" in skipped
    # Row 12, "Total yes" 1 | 2 | =COUNTIF(...): the typed totals are read, the formula not.
    assert votes.loc["GB.355: Belarus", "yes"] == 1 and votes.loc["Myanmar", "yes"] == 2
    assert pd.isna(votes.loc["Budget amendment", "yes"])
    assert pd.isna(votes.loc["Myanmar", "no"])
    totals = " ".join(guess.sheets[0].totals)
    assert "row 12 ('Total yes: 1'): yes 1 for 'Belarus'" in totals
    assert "column D: a formula, not read as a published total" in totals
    report = str(guess)
    assert "header on rows 3-4" in report and "skipped sheet 'Notes'" in report


def test_transposed_with_bom_and_names_as_un_texts_write_them() -> None:
    data = read_spreadsheet(SHEETS / "unga-transposed-bom.csv")
    assert positions(data) == {
        ("A/RES/80/1", "CIV", "yes"),
        ("A/RES/80/1", "TUR", "no"),
        ("A/RES/80/1", "VNM", "abstain"),
        ("A/RES/80/1", "BOL", "no"),
        ("A/RES/80/2", "CIV", "yes"),
        ("A/RES/80/2", "TUR", "no"),
        ("A/RES/80/2", "BOL", "yes"),
    }
    assert data.votes["date"].tolist() == ["2025-09-10", "2025-09-11"]
    assert set(data.votes["body"]) == {"UNGA"}
    assert data.guess.encoding == "utf-8-sig"
    assert data.guess.sheets[0].layout == "wide-transposed"


def test_quoted_cells_with_commas_quotes_and_line_breaks() -> None:
    data = read_spreadsheet(SHEETS / "iaea-board-embedded-newlines.csv")
    assert positions(data) == {
        ("IAEA-1", "KOR", "yes"),
        ("IAEA-1", "FRA", "no"),
        ("IAEA-1", "JPN", "abstain"),
        ("IAEA-1", "CIV", "absent"),
    }
    korea = data.positions.set_index("member_id").loc["KOR"]
    assert korea["member"] == "Korea, Republic of"
    assert korea["notes"].startswith('Said: "we support", then left')
    # rows as a spreadsheet shows them: Japan is row 4 although the file has more lines
    assert data.positions.set_index("member_id").loc["JPN", "notes"].endswith("cell C4)")
    assert data.guess.body == "IAEA-BoG" and "file name" in data.guess.body_from


def test_read_dataset_reads_other_layouts_through_read_spreadsheet() -> None:
    data = va.read_dataset(SHEETS / "wide-merged-sheets.xlsx")
    assert isinstance(data, SpreadsheetDataset) and len(data.positions) == 16
    assert len(va.read_dataset(SHEETS / "unga-transposed-bom.csv").positions) == 7


def test_filter_gives_a_plain_dataset() -> None:
    data = read_spreadsheet(SHEETS / "wide-merged-sheets.xlsx")
    only = data.filter(vote_id="Workplan")
    assert type(only) is va.VoteDataset and len(only.positions) == 2


# --------------------------------------------------------------------- overrides


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_every_guess_can_be_given(tmp_path: Path) -> None:
    path = write(tmp_path / "gb.csv", "Country,Decision\nFrance,A\nChina,N\n")
    guessed = read_spreadsheet(path)
    assert positions(guessed) == {("Decision", "FRA", "abstain"), ("Decision", "CHN", "no")}
    given_ = read_spreadsheet(
        path,
        layout="long",
        header_row=1,
        codes={"A": "absent"},
        vote_id="GB.355 decision",
        body="ILO-GB",
        kind="procedural",
        source="https://example.org/minutes",
    )
    assert positions(given_) == {
        ("GB.355 decision", "FRA", "absent"),
        ("GB.355 decision", "CHN", "no"),
    }
    assert given_.votes.loc[0, "kind"] == "procedural"
    assert set(given_.positions["source_url"]) == {"https://example.org/minutes"}
    assert given_.guess.body_from == "given"


def test_the_guess_as_arguments_reads_the_same(tmp_path: Path) -> None:
    path = SHEETS / "wide-merged-sheets.xlsx"
    first = read_spreadsheet(path)
    again = read_spreadsheet(path, **first.guess.arguments())
    for name in ("votes", "positions"):
        pd.testing.assert_frame_equal(first.tables[name], again.tables[name])
    assert first.guess.arguments()["layout"] == {"GB.355": "wide", "GB.356": "wide-transposed"}


def test_sheets_columns_and_vote_ids(tmp_path: Path) -> None:
    path = SHEETS / "wide-merged-sheets.xlsx"
    one = read_spreadsheet(path, sheet="GB.356", vote_id={"Belarus": "GB356-BLR"})
    assert sorted(set(one.votes["vote_id"])) == ["GB356-BLR", "Workplan"]
    assert len(read_spreadsheet(path, sheet=2).positions) == 5
    with pytest.raises(VoteDataError, match=re.escape("found 'GB.357'; expected a sheet of")):
        read_spreadsheet(path, sheet="GB.357")
    with pytest.raises(VoteDataError, match="found 'Belarus'; expected a vote as found"):
        read_spreadsheet(path, vote_id={"Belarus": "X"})  # two Belarus votes: say which
    with pytest.raises(VoteDataError, match=re.escape("Notes'): found no position codes")):
        read_spreadsheet(path, sheet=["GB.355", "Notes"])
    table = write(
        tmp_path / "gb.csv",
        "Delegate,Country,Vote,Position\nAnna,France,V1,Y\nBen,China,V1,N\n",
    )
    data = read_spreadsheet(table, columns={"member": "Country"})
    assert positions(data) == {("V1", "FRA", "yes"), ("V1", "CHN", "no")}
    assert data.guess.sheets[0].ignored_columns == ("Delegate",)


def test_body_that_cannot_be_guessed_is_asked_for(tmp_path: Path) -> None:
    path = write(tmp_path / "votes.csv", "Member,Belarus\nFrance,Y\n")
    with pytest.raises(VoteDataError) as info:
        read_spreadsheet(path)
    assert "found no single voting body named" in str(info.value)
    assert "expected body= one of ILO-GB" in str(info.value)
    # A wrong argument, not a bad file: ValueError naming the bodies.
    with pytest.raises(ValueError, match="body='WHO' is not one of 'ILO-GB'") as info:
        read_spreadsheet(path, body="WHO")
    assert not isinstance(info.value, VoteDataError)


@pytest.mark.parametrize(
    ("argument", "value", "message"),
    [
        ("kind", "law", "kind='law' is not one of 'resolution'"),
        ("layout", "tall", "layout='tall' is not one of 'long', 'wide', 'wide-transposed'"),
        ("layout", {"": "tall"}, "layout='tall' is not one of 'long'"),
    ],
)
def test_wrong_choices_are_value_errors(
    tmp_path: Path, argument: str, value: object, message: str
) -> None:
    path = write(tmp_path / "gb.csv", "Member,Belarus\nFrance,Y\n")
    with pytest.raises(ValueError, match=message) as info:
        read_spreadsheet(path, **{argument: value})  # type: ignore[arg-type]
    assert not isinstance(info.value, VoteDataError)


def test_close_names_can_be_accepted(tmp_path: Path) -> None:
    path = write(tmp_path / "gb.csv", "Member,Belarus\nFrnace,Y\n")
    with pytest.raises(VoteDataError, match="found 'Frnace'"):
        read_spreadsheet(path)
    data = read_spreadsheet(path, accept_suggestions=True)
    assert positions(data) == {("Belarus", "FRA", "yes")}
    assert data.positions.loc[0, "member"] == "Frnace"  # as written, never rewritten


def test_member_ids_can_be_given_for_names_the_kit_does_not_know(tmp_path: Path) -> None:
    path = write(tmp_path / "gb.csv", "Member,Belarus\nWashington,A\nChina,N\n")
    with pytest.raises(VoteDataError, match="found 'Washington'"):
        read_spreadsheet(path)
    data = read_spreadsheet(path, members={"washington": "USA"})
    assert positions(data) == {("Belarus", "USA", "abstain"), ("Belarus", "CHN", "no")}
    assert data.guess.arguments()["members"] == {"washington": "USA"}
    with pytest.raises(ValueError, match="no member id for 'Washington'") as info:
        read_spreadsheet(path, members={"Washington": " "})
    assert not isinstance(info.value, VoteDataError)


def test_escaped_formula_text_from_spreadsheet_csv_is_read_as_typed(tmp_path: Path) -> None:
    path = write(
        tmp_path / "gb.csv",
        "Member,Vote,Position,Notes\nFrance,V1,Y,'=1+1\nChina,V1,N,'-5 votes\n",
    )
    notes = read_spreadsheet(path).positions["notes"]
    assert notes.str.startswith("=1+1 (").iloc[0] and notes.str.startswith("-5 votes (").iloc[1]


# -------------------------------------------------------------- property tests

NAMES = {  # as written -> id, by hand
    "France": "FRA",
    "China": "CHN",
    "Brazil": "BRA",
    "Côte d'Ivoire": "CIV",
    "Türkiye": "TUR",
    "Curaçao": "CUW",
    "Japan": "JPN",
    "Kenya": "KEN",
    "Russian Federation": "RUS",
    "United States": "USA",
    "Korea, Republic of": "KOR",
    "Estados Unidos Mexicanos": "MEX",
}
SPELLINGS = {
    "yes": ["Y", "yes", "For", "in favour", "+", "pour", "A favor"],
    "no": ["N", "no", "Against", "-", "contre", "En contra"],
    "abstain": ["A", "abstain", "Abstention", "0", "abstención"],
    "absent": ["X", "absent"],
}
LABELS = st.from_regex(r"[B-Z][a-zàéü]{3,8}( [1-9][0-9]?)?", fullmatch=True).filter(
    lambda s: position_code(s) is None and s.lower() not in {"total", "totals", "vote", "votes"}
)


@st.composite
def vote_tables(draw: st.DrawFn) -> dict[str, Any]:
    members = draw(st.lists(st.sampled_from(sorted(NAMES)), min_size=2, max_size=6, unique=True))
    votes = draw(st.lists(LABELS, min_size=1, max_size=4, unique_by=str.casefold))
    cells: dict[tuple[str, str], str] = {}
    expected: set[tuple[str, str, str]] = set()
    for vote in votes:
        for member in members:
            position = draw(st.sampled_from([None, *SPELLINGS]))
            if position is not None:
                cells[(member, vote)] = draw(st.sampled_from(SPELLINGS[position]))
                expected.add((vote, NAMES[member], position))
    return {
        "members": members,
        "votes": votes,
        "cells": cells,
        "expected": expected,
        "layout": draw(st.sampled_from(["long", "wide", "wide-transposed"])),
        "format": draw(st.sampled_from(["xlsx", "csv,", "csv;"])),
        "encoding": draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])),
        "title": draw(st.booleans()),
    }


def grid(table: dict[str, Any]) -> list[list[str]]:
    members, votes, cells = table["members"], table["votes"], table["cells"]
    rows: list[list[str]] = [["ILO Governing Body test table"], []] if table["title"] else []
    if table["layout"] == "long":
        rows.append(["Member", "Vote", "Position"])
        rows += [[m, v, cells[(m, v)]] for v in votes for m in members if (m, v) in cells]
    elif table["layout"] == "wide":
        rows.append(["Member", *votes])
        rows += [[m, *(cells.get((m, v), "") for v in votes)] for m in members]
    else:
        rows.append(["Vote", *members])
        rows += [[v, *(cells.get((m, v), "") for m in members)] for v in votes]
    return rows


def save(rows: list[list[str]], folder: Path, fmt: str, encoding: str) -> Path:
    if fmt == "xlsx":
        path = folder / "gb-table.xlsx"
        wb = openpyxl.Workbook()
        for row in rows:
            wb.active.append(row)
        wb.save(path)
        return path
    path = folder / "gb-table.csv"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=fmt[-1]).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=vote_tables())
def test_valid_tables_survive_a_write_read_round_trip(
    table: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("round")
    path = save(grid(table), folder, table["format"], table["encoding"])
    if not table["expected"]:
        with pytest.raises(VoteDataError):
            read_spreadsheet(path)
        return
    data = read_spreadsheet(path)
    assert positions(data) == table["expected"]
    assert set(data.votes["body"]) == {"ILO-GB"}


@settings(max_examples=60, deadline=None)
@given(raw=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_garbage_bytes_raise_nothing_but_vote_data_errors(
    raw: bytes, suffix: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("garbage") / f"gb{suffix}"
    path.write_bytes(raw)
    with contextlib.suppress(VoteDataError):
        read_spreadsheet(path)
    assert path.read_bytes() == raw


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), max_codepoint=0x2FFF),
    max_size=12,
) | st.sampled_from(["Y", "N", "A", "X", "France", "China", "Member", "Vote", "=1+1", ""])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(TEXT, max_size=6), max_size=8),
    fmt=st.sampled_from(["xlsx", "csv,", "csv;"]),
)
def test_garbage_tables_raise_nothing_but_vote_data_errors(
    rows: list[list[str]], fmt: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = save(rows, tmp_path_factory.mktemp("grid"), fmt, "utf-8")
    try:
        data = read_spreadsheet(path)
    except VoteDataError:
        return
    assert len(data.positions) > 0


@settings(max_examples=40, deadline=None)
@given(position=st.integers(min_value=0), value=st.integers(min_value=0, max_value=255))
def test_damaged_workbooks_raise_nothing_but_vote_data_errors(
    position: int, value: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    good = (SHEETS / "wide-merged-sheets.xlsx").read_bytes()
    broken = bytearray(good)
    broken[position % len(good)] = value
    path = tmp_path_factory.mktemp("damaged") / "gb.xlsx"
    path.write_bytes(bytes(broken))
    with contextlib.suppress(VoteDataError):
        check_workbook(path)
        read_spreadsheet(path)


def test_a_workbook_is_read_as_one_whatever_its_name(tmp_path: Path) -> None:
    renamed = tmp_path / "gb-votes.csv"
    renamed.write_bytes((SHEETS / "wide-merged-sheets.xlsx").read_bytes())
    assert len(read_spreadsheet(renamed).positions) == 16
