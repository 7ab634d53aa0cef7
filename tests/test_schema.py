"""The committed data package descriptor and dictionary match the schema."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from voteanalysis.schema import POSITIONS, TABLES, data_dictionary, datapackage_json

DATA = Path(__file__).resolve().parents[1] / "data"


def test_committed_datapackage_is_current() -> None:
    committed = (DATA / "datapackage.json").read_text(encoding="utf-8")
    assert committed == datapackage_json(), "run `make datapackage` and commit the result"


def test_committed_data_dictionary_is_current() -> None:
    committed = (DATA / "README.md").read_text(encoding="utf-8")
    assert committed == data_dictionary(), "run `make datapackage` and commit the result"


def test_descriptor_declares_keys_enums_and_sources() -> None:
    d = json.loads(datapackage_json())
    assert d["$schema"].endswith("/2.0/datapackage.json")
    assert d["licenses"] and d["sources"]
    res = {r["name"]: r for r in d["resources"]}
    assert set(res) == set(TABLES)
    assert res["positions"]["schema"]["primaryKey"] == ["vote_id", "member_id"]
    fk = res["positions"]["schema"]["foreignKeys"][0]
    assert fk == {"fields": ["vote_id"], "reference": {"resource": "votes", "fields": ["vote_id"]}}
    position = next(f for f in res["positions"]["schema"]["fields"] if f["name"] == "position")
    assert position["categories"] == list(POSITIONS)
    assert position["categoriesOrdered"] is True
    assert position["constraints"] == {"required": True, "enum": list(POSITIONS)}


def test_positions_order_is_the_documented_one() -> None:
    assert POSITIONS == ("yes", "no", "abstain", "absent", "not_voting", "ineligible")


def _frictionless() -> str:
    exe = Path(sys.executable).with_name("frictionless")
    return str(exe) if exe.exists() else "frictionless"


def test_bundled_package_passes_frictionless() -> None:
    out = subprocess.run(
        [_frictionless(), "validate", "--json", str(DATA / "datapackage.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(out.stdout)
    errors = [e["message"] for t in report["tasks"] for e in t["errors"]]
    assert report["valid"], errors[:5]


def test_frictionless_catches_a_bad_position(tmp_path: Path) -> None:
    for f in DATA.glob("*.csv"):
        shutil.copy(f, tmp_path)
    shutil.copy(DATA / "datapackage.json", tmp_path)
    with (tmp_path / "positions.csv").open("a", encoding="utf-8") as fh:
        fh.write("ILO-GB355-BLR,XXA,Nowhere,government,maybe,https://example.org,q,\n")
    out = subprocess.run(
        [_frictionless(), "validate", "--json", str(tmp_path / "datapackage.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(out.stdout)
    types = {e["type"] for t in report["tasks"] for e in t["errors"]}
    assert not report["valid"]
    assert "constraint-error" in types


@pytest.mark.parametrize("name", list(TABLES))
def test_every_table_has_a_source_column(name: str) -> None:
    assert "source_url" in TABLES[name].columns
