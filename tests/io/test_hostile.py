"""Hostile input: every bad file gives one VoteDataError that says where and what.

The corpus is in tests/data/bad/ (written by make_corpus.py there); the message
each file must give is in expectations.json, written by hand.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest

import voteanalysis as va
from voteanalysis import VoteDataError
from voteanalysis.cli import main
from voteanalysis.io.spreadsheet import open_workbook, read_spreadsheet

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
EXPECTED = json.loads((BAD / "expectations.json").read_text(encoding="utf-8"))
CASES = sorted(name for name in EXPECTED if not name.startswith("_"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corpus_maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corpus", BAD / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_corpus_has_every_file_and_only_those() -> None:
    files = {p.name for p in BAD.iterdir()} - {"expectations.json", "make_corpus.py"}
    assert files == set(CASES)
    assert len(CASES) >= 25


@pytest.mark.parametrize("name", CASES)
def test_bad_file_gives_one_error_naming_where_and_what(name: str) -> None:
    path = BAD / name
    before = sha256(path)
    with pytest.raises(VoteDataError) as info:
        va.read_dataset(path)
    message = str(info.value)
    for part in EXPECTED[name]["message"]:
        assert part in message, f"{name}: {part!r} not in\n{message}"
    assert sha256(path) == before, f"{name} was modified"


@pytest.mark.parametrize("name", CASES)
def test_cli_validate_exits_2_with_the_message_and_no_traceback(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BAD / name
    before = sha256(path)
    assert main(["validate", str(path)]) == 2
    out = capsys.readouterr()
    assert out.err.startswith("error: ")
    for part in EXPECTED[name]["message"]:
        assert part in out.err
    assert "Traceback" not in out.err and "valid" not in out.out
    assert sha256(path) == before


def test_cli_in_its_own_process_prints_the_message_not_a_traceback() -> None:
    for name in ("formulas.xlsx",):
        done = subprocess.run(
            [sys.executable, "-m", "voteanalysis.cli", "validate", str(BAD / name)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 2
        assert EXPECTED[name]["message"][1] in done.stderr
        assert "Traceback" not in done.stderr


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_file_far_larger_than_any_vote_table_is_refused_at_once(
    tmp_path: Path, suffix: str
) -> None:
    huge = tmp_path / f"huge{suffix}"
    with huge.open("wb") as f:
        f.truncate(3_000_000_000)  # sparse: takes no disk and is never read
    start = time.perf_counter()
    with pytest.raises(VoteDataError) as info:
        va.read_dataset(huge)
    assert time.perf_counter() - start < 1
    message = str(info.value)
    assert f"huge{suffix}" in message
    assert "found a file of 3,000,000,000 bytes" in message
    assert "expected at most 50,000,000 bytes" in message


def test_the_size_limit_can_be_raised_or_lowered(tmp_path: Path) -> None:
    small = tmp_path / "gb-votes.csv"
    small.write_text("Member,Vote,Position\nFrance,Belarus,Y\n", encoding="utf-8")
    with pytest.raises(VoteDataError, match="expected at most 20 bytes"):
        va.read_dataset(small, max_bytes=20)
    with pytest.raises(VoteDataError, match="expected at most 20 bytes"):
        read_spreadsheet(small, max_bytes=20)
    assert len(read_spreadsheet(small, max_bytes=1000).positions) == 1


def test_a_zip_bomb_made_now_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    corpus_maker().bomb(bomb, 50_000_000)
    assert bomb.stat().st_size < 100_000
    with pytest.raises(VoteDataError) as info:
        read_spreadsheet(bomb, body="ILO-GB")
    assert "bomb.xlsx: found xl/worksheets/sheet1.xml unpacking" in str(info.value)


def test_the_unpacked_size_limit_is_adjustable(tmp_path: Path) -> None:
    path = tmp_path / "small.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(VoteDataError) as info:
        open_workbook(path, max_unzipped=1000)
    assert "found a workbook that unpacks to" in str(info.value)
    assert "expected at most 1,000 bytes unpacked" in str(info.value)
    open_workbook(path).close()


def test_a_sheet_with_more_cells_than_allowed_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gb-big.xlsx"
    wb = openpyxl.Workbook()
    for r in range(1, 11):
        wb.active.append([f"cell {r}-{c}" for c in range(10)])
    wb.save(path)
    with pytest.raises(VoteDataError) as info:
        read_spreadsheet(path, max_cells=50)
    assert "row 6: found more than 50 cells" in str(info.value)


def test_several_problems_come_in_one_error_none_dropped(tmp_path: Path) -> None:
    path = tmp_path / "gb-votes.csv"
    path.write_text("Member,Belarus,Myanmar\nFrance,Y,J\nChina,?,N\nFrnace,Y,Y\n", encoding="utf-8")
    with pytest.raises(VoteDataError) as info:
        read_spreadsheet(path)
    problems = [(p.row, p.column, p.found) for p in info.value.problems]
    assert problems == [(2, "Myanmar", "J"), (3, "Belarus", "?")]
    # Names are checked once the codes are right, and nothing is returned half-read.
    path.write_text("Member,Belarus\nFrance,Y\nFrnace,Y\nChnia,N\n", encoding="utf-8")
    with pytest.raises(VoteDataError) as info:
        read_spreadsheet(path)
    assert [(p.row, p.found) for p in info.value.problems] == [(3, "Frnace"), (4, "Chnia")]


def test_a_cell_longer_than_the_csv_reader_takes_is_located(tmp_path: Path) -> None:
    path = tmp_path / "gb-votes.csv"
    path.write_text('Member,Vote,Position\nFrance,Belarus,"' + "Y" * 200_000 + '"\n')
    with pytest.raises(VoteDataError) as info:
        read_spreadsheet(path)
    assert "gb-votes.csv, row 2, column 'Position': found a cell of more than" in str(info.value)
