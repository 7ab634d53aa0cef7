"""The command line: exit codes and messages, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
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


# --- import-text: from a pasted vote list to a folder the kit reads ---------------------

FIXTURES = Path(__file__).parent / "data" / "pressreleases"
HRC52_URL = "https://en.prothomalo.com/bangladesh/bpyz9ek7nk"


def _body(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8").partition("\n\n")[2]


def _hrc52(tmp_path: Path, name: str = "vote.txt") -> Path:
    src = tmp_path / name
    src.write_text(_body("010-hrc52-ukraine-coi-2023-prothomalo.txt"), encoding="utf-8")
    return src


def test_import_text_writes_a_folder_the_kit_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import voteanalysis as va

    src = _hrc52(tmp_path)
    out = tmp_path / "hrc52"
    args = ["import-text", str(src), "--vote-id", "HRC52-1", "--body", "UNHRC"]
    args += ["--session", "HRC52", "--date", "2023-04-04", "--kind", "resolution"]
    args += ["--title", "Situation of human rights in Ukraine", "--source-url", HRC52_URL]
    assert main([*args, "--out", f"{out}/"]) == 0
    printed = capsys.readouterr().out
    assert "wrote" in printed and "(47 positions)" in printed
    data = va.read_dataset(out)
    vote = data.votes.iloc[0]
    assert (vote["vote_id"], vote["body"], vote["session"], vote["date"]) == (
        "HRC52-1",
        "UNHRC",
        "HRC52",
        "2023-04-04",
    )
    assert vote["title"] == "Situation of human rights in Ukraine"
    # The text: "Some 28 countries supported ... while two opposed": "some" is a hedge,
    # so only the 2 against is a stated total.
    assert pd.isna(vote["yes"]) and vote["no"] == 2 and pd.isna(vote["abstain"])
    assert vote["source_url"] == HRC52_URL and "two opposed" in vote["source_quote"]
    counts = data.positions["position"].value_counts()
    assert (counts["yes"], counts["no"], counts["abstain"]) == (28, 2, 17)
    assert set(data.positions["source_url"]) == {HRC52_URL}
    assert data.positions["source_quote"].notna().all()
    tally = va.tally(data).iloc[0]
    assert tally["no"] == 2


def test_body_read_from_the_file_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _hrc52(tmp_path, "UNHRC-xinjiang.txt")
    out = tmp_path / "v"
    args = ["import-text", str(src), "--vote-id", "X", "--source-url", HRC52_URL]
    assert main([*args, "--out", f"{out}/"]) == 0
    assert "note: body UNHRC read from the file name UNHRC-xinjiang.txt" in capsys.readouterr().out
    votes = pd.read_csv(out / "votes.csv", dtype=str, keep_default_na=False)
    assert votes.loc[0, "body"] == "UNHRC"
    assert votes.loc[0, "title"] == "not given (imported from UNHRC-xinjiang.txt)"


def test_folder_without_body_or_source_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _hrc52(tmp_path)
    out = tmp_path / "v"
    assert main(["import-text", str(src), "--vote-id", "X", "--out", f"{out}/"]) == 2
    err = capsys.readouterr().err
    assert "column '--body'" in err and "UNHRC" in err
    assert main(["import-text", str(src), "--vote-id", "X", "--body", "UNHRC", "--out", f"{out}/"])
    assert "column '--source-url'" in capsys.readouterr().err
    assert not out.exists()


def test_contradiction_exits_nonzero_unless_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "vote.txt"
    src.write_text("2 against. Against: Russia, China, Belarus.", encoding="utf-8")
    out = tmp_path / "v"
    args = ["import-text", str(src), "--vote-id", "X", "--body", "UNGA"]
    args += ["--source-url", "https://example.org/v", "--out", f"{out}/"]
    assert main(args) == 3
    captured = capsys.readouterr()
    assert "contradiction: no: the text states 2 but names 3" in captured.out
    assert "--allow-contradiction" in captured.err
    assert not out.exists()
    assert main([*args, "--allow-contradiction"]) == 0
    votes = pd.read_csv(out / "votes.csv", dtype=str, keep_default_na=False)
    assert votes.loc[0, "no"] == "2" and votes.loc[0, "confidence"] == "low"
    assert "no: the text states 2, the lists name 3" in votes.loc[0, "notes"]


def test_fewer_names_than_stated_is_partial_and_exit_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "vote.txt"
    src.write_text(
        "A total of 93 members of the assembly voted in favor of the measure, while 24 were "
        "against and 58 abstained. Those who voted against the resolution included Belarus, "
        "China, North Korea, Iran and Syria.",
        encoding="utf-8",
    )
    out = tmp_path / "p.csv"
    assert main(["import-text", str(src), "--vote-id", "X", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "partial: no: the text states 24 and names 5; the other 19 stay unattributed" in printed
    assert "partial: the text presents its 'no' list as a selection" in printed
    assert len(pd.read_csv(out)) == 5


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--source-url", "http://[::1", "column '--source-url': found 'http://[::1'"),
        ("--source-url", "javascript:alert(1)", "a web address starting http://"),
        ("--date", "24/03/2022", "column '--date'"),
    ],
)
def test_import_text_bad_options_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    src = _hrc52(tmp_path)
    args = ["import-text", str(src), "--vote-id", "X", "--body", "UNHRC"]
    args += ["--source-url", HRC52_URL, option, value, "--out", f"{tmp_path / 'v'}/"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "v").exists()


def test_two_commands_then_a_report(tmp_path: Path) -> None:
    src = _hrc52(tmp_path, "UNHRC-ukraine.txt")
    got = run(
        "import-text", str(src), "--vote-id", "HRC52-1", "--source-url", HRC52_URL,
        "--title", "Situation of human rights in Ukraine", "--out", f"{tmp_path / 'hrc52'}/",
    )  # fmt: skip
    assert got.returncode == 0, got.stderr
    page = tmp_path / "hrc52.html"
    got = run("report", "--data", str(tmp_path / "hrc52"), str(page))
    assert got.returncode == 0, got.stderr
    html = page.read_text(encoding="utf-8")
    assert "Situation of human rights in Ukraine" in html and HRC52_URL in html
    assert "Traceback" not in got.stderr


def test_unhrc_file_name_gives_the_body(tmp_path: Path) -> None:
    import voteanalysis as va

    sheet = tmp_path / "UNHRC-xinjiang.csv"
    sheet.write_text(
        "vote,member,position\nX1,China,no\nX1,France,yes\nX1,Cuba,no\n", encoding="utf-8"
    )
    data = va.read_spreadsheet(sheet)
    assert data.votes["body"].tolist() == ["UNHRC"]
    assert "body: UNHRC (guessed from the file name)" in str(data.guess)


def test_imported_folder_draws_the_gallery(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _hrc52(tmp_path, "UNHRC-ukraine.txt")
    folder = tmp_path / "hrc52"
    args = ["import-text", str(src), "--vote-id", "HRC52-1", "--source-url", HRC52_URL]
    assert main([*args, "--out", f"{folder}/"]) == 0
    figures = tmp_path / "figures"
    assert main(["charts", "--data", str(folder), "--out", str(figures), "--format", "png"]) == 0
    assert "01-tally.png" in capsys.readouterr().out
    assert (figures / "01-tally.png").read_bytes().startswith(b"\x89PNG")


def test_an_unexpected_error_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import voteanalysis.cli as cli_module

    def broken(args: object) -> int:
        raise RuntimeError("something the kit did not foresee\nsecond line")

    monkeypatch.setattr(cli_module, "_cmd_validate", broken)
    assert main(["validate", "x"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError: something the kit did not foresee" in err


# --- odd bytes: one decoder for pasted text, the tables it writes and CSVs -------------

# "Côte" in UTF-8, then a lone Windows-1252 "é" (0xE9): neither one encoding nor the other.
MIXED = "Côte d'Ivoire,yes\n".encode() + b"Rep\xe9blique,no\n"
# What the shared decoder says of those bytes, worked out by hand: 0xE9 is byte 22.
MIXED_FOUND = "byte 0xE9 at offset 22, which is not UTF-8, in a file that is UTF-8 elsewhere"


def test_pasted_text_with_odd_bytes_gets_the_csv_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import voteanalysis as va
    from voteanalysis.errors import VoteDataError

    src = tmp_path / "vote.txt"
    src.write_bytes(MIXED)
    args = ["import-text", str(src), "--vote-id", "X", "--body", "UNHRC"]
    assert main([*args, "--source-url", HRC52_URL, "--out", f"{tmp_path / 'v'}/"]) == 2
    err = capsys.readouterr().err
    assert "vote.txt, row 2" in err and MIXED_FOUND in err and "Traceback" not in err
    table = tmp_path / "vote.csv"
    table.write_bytes(MIXED)
    with pytest.raises(VoteDataError) as csv_error:
        va.read_dataset(table)
    assert MIXED_FOUND in str(csv_error.value)
    assert str(csv_error.value).replace("vote.csv", "vote.txt") in err


def test_an_existing_table_with_odd_bytes_is_refused_not_guessed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "hrc52"
    out.mkdir()
    (out / "votes.csv").write_bytes(b"vote_id,title\n" + MIXED)
    args = ["import-text", str(_hrc52(tmp_path)), "--vote-id", "HRC52-1", "--body", "UNHRC"]
    assert main([*args, "--source-url", HRC52_URL, "--out", f"{out}/"]) == 2
    err = capsys.readouterr().err
    assert "votes.csv, row 3" in err and "which is not UTF-8" in err
    assert (out / "votes.csv").read_bytes() == b"vote_id,title\n" + MIXED
