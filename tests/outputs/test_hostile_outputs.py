"""Hostile input and hostile places to write: each case with the outcome it must have.

Writers replace their target atomically and never write through a link; a data package
reads only inside its folder; the text parser and the command line give a one-line
message, never a traceback, and write nothing when they refuse.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from test_cli import run as cli

import voteanalysis as va
from voteanalysis import safewrite
from voteanalysis.cli import main
from voteanalysis.errors import VoteDataError
from voteanalysis.io import data_dir
from voteanalysis.outputs.export import export_csv, export_excel
from voteanalysis.safewrite import literal_text, write_text

VICTIM = "precious: not to be overwritten\n"


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "victim.txt"
    victim.write_text(VICTIM, encoding="utf-8")
    return victim


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or "partial" in p.name)


def _package(tmp_path: Path, paths: dict[str, object]) -> Path:
    """A data package in tmp_path/pkg with the bundled tables and the given resource paths."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    for name in ("votes.csv", "positions.csv"):
        (pkg / name).write_bytes((data_dir() / name).read_bytes())
    resources = [{"name": n, "path": p} for n, p in paths.items()]
    (pkg / "datapackage.json").write_text(json.dumps({"resources": resources}), encoding="utf-8")
    return pkg / "datapackage.json"


# --- writers -------------------------------------------------------------------------


def test_symlink_at_the_target_is_replaced_not_followed(tmp_path: Path) -> None:
    victim = _victim(tmp_path)
    link = tmp_path / "out.csv"
    link.symlink_to(victim)
    export_csv(pd.DataFrame({"a": [1]}), link)
    assert victim.read_text(encoding="utf-8") == VICTIM
    assert not link.is_symlink() and link.read_text(encoding="utf-8-sig") == "a\n1\n"


def test_planted_partial_name_is_not_written_through(tmp_path: Path) -> None:
    # The old predictable temporary name; a link planted there must not be followed.
    victim = _victim(tmp_path)
    (tmp_path / ".votes.xlsx.partial").symlink_to(victim)
    export_excel(va.load_dataset().filter(body="IAEA-BoG"), tmp_path / "votes.xlsx")
    assert victim.read_text(encoding="utf-8") == VICTIM
    assert openpyxl.load_workbook(tmp_path / "votes.xlsx").sheetnames[0] == "tally"


def test_temporary_names_are_unpredictable_and_beside_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    moved: list[str] = []
    real = os.replace

    def spy(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        moved.append(str(src))
        real(src, dst)

    monkeypatch.setattr(safewrite.os, "replace", spy)
    for _ in range(2):
        write_text(tmp_path / "page.html", "x")
    assert len(moved) == 2 and moved[0] != moved[1]
    assert all(Path(m).parent == tmp_path and Path(m).name.startswith(".page.html.") for m in moved)
    assert _leftovers(tmp_path) == []


def test_eight_concurrent_exports_leave_one_valid_workbook(tmp_path: Path) -> None:
    data = va.load_dataset()
    target = tmp_path / "votes.xlsx"
    with ThreadPoolExecutor(8) as pool:
        done = list(pool.map(lambda _: export_excel(data, target), range(8)))
    assert done == [target] * 8
    back = va.read_dataset(target)
    assert len(back.votes) == len(data.votes) and len(back.positions) == len(data.positions)
    assert _leftovers(tmp_path) == []


def test_failed_export_csv_leaves_the_old_file_and_no_partial(tmp_path: Path) -> None:
    class Boom:
        def __str__(self) -> str:
            raise RuntimeError("cannot show this value")

    target = tmp_path / "t.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        export_csv(pd.DataFrame({"a": ["fine", Boom()]}), target)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("where", ["folder", "no parent", "parent is a file"])
def test_unwritable_targets_are_a_clean_error(tmp_path: Path, where: str) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    target = {
        "folder": tmp_path,
        "no parent": tmp_path / "missing" / "t.csv",
        "parent is a file": tmp_path / "afile" / "t.csv",
    }[where]
    with pytest.raises(VoteDataError, match="expected") as err:
        export_csv(pd.DataFrame({"a": [1]}), target)
    assert str(target) in str(err.value)
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "x"


def test_read_only_place_is_a_clean_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:  # permissions do not stop root; sysfs does
        target = Path("/sys/voteanalysis-test.html")
    else:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        target = ro / "page.html"
    got = cli("report", "--data", str(data_dir()), str(target))
    assert got.returncode == 2
    assert "cannot be written" in got.stderr and "Traceback" not in got.stderr
    assert not target.exists()


def test_output_naming_an_input_is_refused(tmp_path: Path) -> None:
    book = tmp_path / "votes.xlsx"
    export_excel(va.load_dataset().filter(body="IAEA-BoG"), book)
    before = book.read_bytes()
    got = cli("export-excel", "--data", str(book), str(book))
    assert got.returncode == 2
    assert "the path of one of the inputs" in got.stderr and "Traceback" not in got.stderr
    assert book.read_bytes() == before


def test_import_text_output_naming_its_input_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "vote.csv"
    src.write_text("Against: Russia, China.", encoding="utf-8")
    assert main(["import-text", str(src), "--vote-id", "X", "--out", str(src)]) == 2
    assert "the path of one of the inputs" in capsys.readouterr().err
    assert src.read_text(encoding="utf-8") == "Against: Russia, China."


def test_import_text_through_a_symlink_leaves_its_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = _victim(tmp_path)
    src = tmp_path / "vote.txt"
    src.write_text("Against: Russia, China.", encoding="utf-8")
    link = tmp_path / "positions.csv"
    link.symlink_to(victim)
    assert main(["import-text", str(src), "--vote-id", "X", "--out", str(link)]) == 0
    assert victim.read_text(encoding="utf-8") == VICTIM
    assert pd.read_csv(link)["member_id"].tolist() == ["RUS", "CHN"]


@pytest.mark.parametrize("command", ["report", "charts"])
def test_a_kill_leaves_the_old_file_whole(tmp_path: Path, command: str) -> None:
    if command == "report":
        target = tmp_path / "report.html"
        args = ["report", str(target)]
    else:
        target = tmp_path / "01-tally.png"
        args = ["charts", "--out", str(tmp_path), "--format", "png"]
    target.write_bytes(b"old")
    proc = subprocess.Popen(
        [sys.executable, "-m", "voteanalysis.cli", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(2.5)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    content = target.read_bytes()
    # Either the old file, or the new one whole: never empty, never cut.
    if content != b"old":
        if command == "report":
            assert content.endswith(b"</html>\n")
        else:
            assert content.startswith(b"\x89PNG") and content.endswith(b"IEND\xaeB`\x82")
    assert [n for n in _leftovers(tmp_path) if n.endswith(".tmp")] == []


def test_images_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    images = tmp_path / "images"
    images.write_text("a file", encoding="utf-8")
    got = cli("report", "--images", str(images), str(tmp_path / "r.html"))
    assert got.returncode == 2
    assert "a file, not a folder" in got.stderr and "Traceback" not in got.stderr
    assert images.read_text(encoding="utf-8") == "a file"


def test_report_output_that_is_a_folder_is_one_line(tmp_path: Path) -> None:
    got = cli("report", str(tmp_path))
    assert got.returncode == 2
    assert "found a folder; expected a file name for the page" in got.stderr
    assert "Traceback" not in got.stderr


# --- user text in charts: "$" is not mathtext --------------------------------------------


def test_dollar_text_is_drawn_as_typed(tmp_path: Path) -> None:
    data = va.load_dataset().filter(body="IAEA-BoG")
    votes = data.votes.copy()
    votes["subject"] = "a $x^$ b and $5"
    data = va.VoteDataset(**{**data.tables, "votes": votes}, origin="test")
    ax = va.tallyplot(data)
    literal_text(ax.figure).savefig(tmp_path / "t.png")  # raised ValueError before
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert any("a $x^$ b and $5" in label for label in labels)
    page = va.export_report(data, tmp_path / "r.html")
    assert "a $x^$ b and $5" in page.read_text(encoding="utf-8")


# --- data packages read only inside their folder -------------------------------------------


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/etc/os-release", "an absolute path"),
        ("../../etc/passwd", "'..'"),
        ("https://example.org/positions.csv", "a URL"),
        ("file:///etc/passwd", "a URL"),
        ("C:\\Windows\\win.ini", "a URL or drive"),
    ],
)
def test_datapackage_paths_outside_are_refused(tmp_path: Path, path: str, reason: str) -> None:
    descriptor = _package(tmp_path, {"votes": "votes.csv", "positions": path})
    with pytest.raises(VoteDataError) as err:
        va.read_dataset(descriptor)
    message = str(err.value)
    assert reason in message and "column 'resources 'positions' path'" in message
    assert "root:" not in message and "NAME=" not in message  # nothing of the other file


def test_datapackage_absolute_csv_is_not_loaded(tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_bytes((data_dir() / "positions.csv").read_bytes())
    descriptor = _package(tmp_path, {"votes": "votes.csv", "positions": str(outside)})
    with pytest.raises(VoteDataError, match="an absolute path"):
        va.read_dataset(descriptor)


def test_datapackage_symlink_leading_out_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.csv"
    outside.write_text("secret,content\n1,2\n", encoding="utf-8")
    descriptor = _package(tmp_path, {"votes": "votes.csv", "positions": "link.csv"})
    (descriptor.parent / "link.csv").symlink_to(outside)
    with pytest.raises(VoteDataError, match="symbolic link leads out") as err:
        va.read_dataset(descriptor)
    assert "secret" not in str(err.value).replace("secret.csv", "")


@pytest.mark.parametrize(
    ("path", "found"),
    [(["votes.csv"], "a 'path' that is a list"), (7, "a 'path' that is a number")],
)
def test_datapackage_path_of_the_wrong_type(tmp_path: Path, path: object, found: str) -> None:
    descriptor = _package(tmp_path, {"votes": path, "positions": "positions.csv"})
    with pytest.raises(VoteDataError, match=found):
        va.read_dataset(descriptor)


def test_datapackage_nested_deep_is_a_clean_error(tmp_path: Path) -> None:
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    got = cli("validate", str(descriptor))
    assert got.returncode == 2
    assert "datapackage.json" in got.stderr and "Traceback" not in got.stderr


def test_datapackage_with_a_bom_is_read(tmp_path: Path) -> None:
    descriptor = _package(tmp_path, {"votes": "votes.csv", "positions": "positions.csv"})
    descriptor.write_bytes(b"\xef\xbb\xbf" + descriptor.read_bytes())
    assert len(va.read_dataset(descriptor).votes) == len(va.load_dataset().votes)


def test_datapackage_resource_with_a_misspelt_table_name_is_refused(tmp_path: Path) -> None:
    descriptor = _package(
        tmp_path,
        {"votes": "votes.csv", "positions": "positions.csv", "statments": "statements.csv"},
    )
    with pytest.raises(VoteDataError) as info:
        va.read_dataset(descriptor)
    message = str(info.value)
    assert "datapackage.json" in message and "statments" in message
    assert "'statements' (the closest table name)" in message


def test_datapackage_resource_the_kit_does_not_know_lists_the_tables(tmp_path: Path) -> None:
    descriptor = _package(
        tmp_path, {"votes": "votes.csv", "positions": "positions.csv", "speeches": "x.csv"}
    )
    with pytest.raises(VoteDataError, match="one of the kit's tables: votes, positions"):
        va.read_dataset(descriptor)


def test_datapackage_optional_resource_listed_but_missing_is_refused(tmp_path: Path) -> None:
    descriptor = _package(
        tmp_path,
        {"votes": "votes.csv", "positions": "positions.csv", "elections": "elections.csv"},
    )
    with pytest.raises(VoteDataError) as info:
        va.read_dataset(descriptor)
    assert "an existing CSV file for the resource 'elections'" in str(info.value)


# --- the text parser and import-text -------------------------------------------------------


def test_multi_gigabyte_text_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # sparse: 3 GB that take no disk
        f.truncate(3 * 1024**3)
    started = time.perf_counter()
    got = cli("import-text", str(big), "--vote-id", "X")
    assert got.returncode == 2
    assert "a file of more than 800,000 bytes" in got.stderr and "Traceback" not in got.stderr
    assert time.perf_counter() - started < 30


def test_parser_refuses_what_is_not_text() -> None:
    with pytest.raises(TypeError, match="reads a str, not int"):
        va.parse_vote_text(42)  # type: ignore[arg-type]


def test_parser_text_over_the_limit_is_a_vote_data_error() -> None:
    with pytest.raises(VoteDataError, match="at most 200,000 characters"):
        va.parse_vote_text("Against: Russia. " * 20_000)


def test_import_text_does_not_replace_a_folder_holding_other_votes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    votes = (data_dir() / "votes.csv").read_bytes()
    (folder / "votes.csv").write_bytes(votes)
    src = tmp_path / "vote.txt"
    src.write_text("Against: Russia, China.", encoding="utf-8")
    args = ["import-text", str(src), "--vote-id", "NEW-1", "--body", "UNGA"]
    args += ["--source-url", "https://example.org/v", "--out", f"{folder}/"]
    assert main(args) == 2
    assert "a table holding other votes" in capsys.readouterr().err
    assert (folder / "votes.csv").read_bytes() == votes
    # An earlier import of the same vote is replaced.
    empty = tmp_path / "again"
    assert main([*args[:-1], f"{empty}/"]) == 0
    assert main([*args[:-1], f"{empty}/"]) == 0
    assert pd.read_csv(empty / "votes.csv")["vote_id"].tolist() == ["NEW-1"]
