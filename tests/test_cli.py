"""The command line: exit codes and messages, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from voteanalysis.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "voteanalysis.cli", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == "voteanalysis 0.1.0"


def test_validate_bundled_data_folder(capsys: pytest.CaptureFixture[str]) -> None:
    data = Path(__file__).resolve().parents[1] / "data"
    assert main(["validate", str(data)]) == 0
    assert "valid" in capsys.readouterr().out


def test_validate_bad_data_exits_nonzero_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "votes.csv").write_text(
        "vote_id,body,title,kind,yes,source_url,source_quote\n"
        "V1,ILO-GB,t,resolution,many,https://a.example,q\n",
        encoding="utf-8",
    )
    (tmp_path / "positions.csv").write_text(
        "vote_id,member_id,member,position,source_url,source_quote\n", encoding="utf-8"
    )
    out = run("validate", str(tmp_path))
    assert out.returncode == 2
    assert "votes.csv, row 2, column 'yes': found 'many'; expected a whole number" in out.stderr
    assert "Traceback" not in out.stderr


def test_validate_missing_path() -> None:
    out = run("validate", "no-such-folder")
    assert out.returncode == 2
    assert "no such file or folder" in out.stderr and "Traceback" not in out.stderr


def test_charts_rejects_unknown_format(tmp_path: Path) -> None:
    out = run("charts", "--out", str(tmp_path), "--format", "png,gif")
    assert out.returncode == 2
    assert "'gif'" in out.stderr and "png, svg or pdf" in out.stderr


def test_no_command_prints_help() -> None:
    out = run()
    assert out.returncode == 1
    assert "charts" in out.stdout and "validate" in out.stdout
