"""The package installs as a wheel outside the checkout and stays cheap to import."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _uv() -> str:
    local = ROOT / ".tools" / "bin" / "uv"
    found = str(local) if local.exists() else shutil.which("uv")
    if found is None:
        pytest.fail("uv is needed to build the wheel: run `make setup`")
    return found


def test_import_does_not_load_plotting_libraries() -> None:
    code = (
        "import sys, voteanalysis as va; va.load_dataset(); va.tally(va.load_dataset());"
        "bad = [m for m in ('matplotlib', 'seaborn', 'openpyxl', 'scipy') if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.slow
def test_wheel_installs_and_finds_bundled_data(tmp_path: Path) -> None:
    uv = _uv()
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    env.pop("VIRTUAL_ENV", None)
    subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(tmp_path / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
        env=env,
    )
    wheel = next((tmp_path / "dist").glob("voteanalysis-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run(
        [uv, "venv", "--python", sys.executable, str(venv)],
        check=True,
        capture_output=True,
        env=env,
    )
    python = venv / "bin" / "python"
    subprocess.run(
        [uv, "pip", "install", "--python", str(python), str(wheel)],
        check=True,
        capture_output=True,
        env=env,
    )
    code = (
        "import voteanalysis as va, pathlib;"
        "d = va.load_dataset();"
        "v = d.votes.set_index('vote_id').loc['ILO-GB355-BLR'];"
        "print(int(v['yes']), int(v['no']), int(v['abstain']));"
        f"print(pathlib.Path(va.__file__).resolve().is_relative_to({str(ROOT)!r}));"
        "v = va.vetoes(va.load_dataset('unsc'));"
        "print(';'.join(v.loc[v['draft'] == 'S/2022/431', 'member_id']));"
        "h = va.load_dataset('hrc').votes.set_index('vote_id').loc['A/HRC/RES/49/1'];"
        "print(int(h['yes']), int(h['no']), int(h['abstain']))"
    )
    out = subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True, env=env
    )
    assert out.stdout.split("\n")[:4] == ["40 2 9", "False", "CHN;RUS", "32 2 13"]
    # The General Assembly record to 2025 and the UN Digital Library's files and terms.
    unga = (
        "import voteanalysis as va, voteanalysis.io.unga as u;"
        "d = va.load_dataset('unga');"
        "es = d.votes.set_index('document').loc['A/RES/ES-11/1'];"
        "print(len(d.votes), int(es['yes']), int(es['no']), int(es['abstain']));"
        "print('non-commercial use, with attribution' in "
        "(u.undl_dir() / 'SOURCE.md').read_text(encoding='utf-8'));"
        "print(len(va.read_undl(u.undl_dir() / 'sc_votes_2020_2025.csv.gz').votes))"
    )
    out = subprocess.run(
        [str(python), "-c", unga], capture_output=True, text=True, cwd=tmp_path, check=True, env=env
    )
    assert out.stdout.split("\n")[:3] == ["6694 141 5 35", "True", "294"]
    cli = subprocess.run(
        [str(venv / "bin" / "voteanalysis"), "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    assert cli.stdout.strip() == "voteanalysis 0.1.0"
