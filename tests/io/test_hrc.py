"""The Human Rights Council record: totals against published figures, kinds, membership."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pandas as pd
import pytest

import voteanalysis as va
from voteanalysis.io import hrc as hrc_module

PRESS = Path(__file__).resolve().parents[1] / "data" / "pressreleases"


@pytest.fixture(scope="module")
def hrc() -> va.VoteDataset:
    return va.load_dataset("hrc")


def _totals(hrc: va.VoteDataset, vote_id: str) -> tuple[int, int, int]:
    v = hrc.votes.set_index("vote_id").loc[vote_id]
    return int(v["yes"]), int(v["no"]), int(v["abstain"])


def _published(fixture: str) -> tuple[int, int, int]:
    """The totals a press-release fixture states in its header."""
    head = (PRESS / fixture).read_text(encoding="utf-8").splitlines()
    line = next(h for h in head if h.startswith("published_totals:"))
    got = dict(re.findall(r"(\w+)=(\d+)", line))
    return int(got["yes"]), int(got["no"]), int(got["abstain"])


@pytest.mark.parametrize(
    ("vote_id", "published"),
    [
        # data/external/hrc/SOURCE.md: totals published in press reports
        ("A/HRC/RES/49/1", (32, 2, 13)),
        ("A/HRC/RES/54/23", (18, 7, 22)),
        ("A/HRC/RES/51/1", (20, 7, 20)),
        ("A/HRC/RES/50/20", (23, 6, 18)),
        ("A/HRC/RES/45/1", (23, 2, 22)),
        ("A/HRC/RES/32/26", (15, 9, 23)),
        ("A/HRC/RES/26/2", (29, 10, 8)),
    ],
)
def test_totals_match_published_figures(
    hrc: va.VoteDataset, vote_id: str, published: tuple[int, int, int]
) -> None:
    assert _totals(hrc, vote_id) == published


@pytest.mark.parametrize(
    ("vote_id", "fixture"),
    [
        ("A/HRC/RES/42/3", "019-hrc42-myanmar-rohingya-2019-philstar.txt"),
        ("A/HRC/RES/16/9", "009-hrc16-iran-special-rapporteur-2011-united4iran.txt"),
    ],
)
def test_totals_match_press_release_fixtures(
    hrc: va.VoteDataset, vote_id: str, fixture: str
) -> None:
    assert _totals(hrc, vote_id) == _published(fixture)


def test_ukraine_49_1_names_the_published_members(hrc: va.VoteDataset) -> None:
    p = hrc.positions[hrc.positions["vote_id"] == "A/HRC/RES/49/1"]
    by = p.groupby(p["position"].astype(str))["member_id"].agg(lambda s: sorted(s))
    assert by["no"] == ["ERI", "RUS"]
    assert by["abstain"] == sorted(
        ["ARM", "BOL", "CMR", "CHN", "CUB", "GAB", "IND", "KAZ", "NAM", "PAK", "SDN", "UZB", "VEN"]
    )


def test_the_52_32_disagreement_stays_visible(hrc: va.VoteDataset) -> None:
    press = [
        _published("010-hrc52-ukraine-coi-2023-prothomalo.txt"),
        _published("011-hrc52-ukraine-coi-2023-unwatch.txt"),
    ]
    assert press == [(28, 2, 17), (28, 2, 17)]
    assert _totals(hrc, "A/HRC/RES/52/32") == (27, 2, 18)
    v = hrc.votes.set_index("vote_id").loc["A/HRC/RES/52/32"]
    assert v["confidence"] == "low"
    assert "28-2-17" in v["notes"] and "Benin" in v["notes"]
    pos = hrc.positions[(hrc.positions["vote_id"] == "A/HRC/RES/52/32")]
    assert str(pos.loc[pos["member_id"] == "BEN", "position"].iloc[0]) == "abstain"
    # The press lists Benin in favour: the fixture's text says so.
    text = (PRESS / "010-hrc52-ukraine-coi-2023-prothomalo.txt").read_text(encoding="utf-8")
    in_favour = text.split("voted in favour of the resolution are")[1].split(".")[0]
    assert "Benin" in in_favour


def test_amendments_and_decisions_are_told_apart_by_symbol(hrc: va.VoteDataset) -> None:
    kind = hrc.votes.set_index("vote_id")["kind"]
    assert kind["A/HRC/2/L.48"] == "amendment"
    assert kind["A/HRC/50/L.37 as orally revised"] == "amendment"
    assert kind["A/HRC/DEC/1/106"] == "decision"
    assert kind["A/HRC/DEC22/117"] == "decision"
    assert kind["A/HRC/RES/1/2"] == "resolution"
    assert kind["A/HRC/RES/S-1/1"] == "resolution"
    # An L. document whose summary calls it a resolution: kind by symbol, the note says so.
    v = hrc.votes.set_index("vote_id").loc["A/HRC/35/L.41"]
    assert v["kind"] == "amendment" and "summary calls it a resolution" in v["notes"]
    # Every symbol is classified by the same rule, counted here independently.
    symbols = hrc.votes["vote_id"].astype(str)
    expected = [
        "amendment" if "/L." in s else "decision" if "/DEC" in s else "resolution" for s in symbols
    ]
    assert hrc.votes["kind"].tolist() == expected


def test_coverage_and_votes_without_members(hrc: va.VoteDataset) -> None:
    # Shared SOURCE.md: 974 votes, 966 with member votes; 45,387 member votes.
    assert len(hrc.votes) == 974 and len(hrc.positions) == 45387
    with_members = set(hrc.positions["vote_id"].astype(str))
    assert len(with_members) == 966
    empty = hrc.votes[~hrc.votes["vote_id"].isin(with_members)]
    assert "A/HRC/RES/56/18" in set(empty["vote_id"])
    assert empty["yes"].isna().all() and (empty["confidence"] == "low").all()
    assert hrc.votes["date"].min() == "2006-06-29" and hrc.votes["date"].max() == "2024-10-11"


def test_a_non_member_is_not_a_position(hrc: va.VoteDataset) -> None:
    per_vote = hrc.positions.groupby("vote_id", observed=True).size()
    assert per_vote.max() == 47 and per_vote.min() == 46  # SOURCE.md: 951 list 47, 15 list 46
    assert "ineligible" not in set(hrc.positions["position"].astype(str))
    rus = hrc.positions[hrc.positions["member_id"] == "RUS"]
    dates = rus["vote_id"].astype(str).map(hrc.votes.set_index("vote_id")["date"])
    assert len(rus) == 493 and dates.max() == "2022-04-01"  # suspended on 2022-04-07
    years = hrc.members.groupby("term")["member_id"].agg(set)
    assert "RUS" in years["2021"] and "RUS" not in years["2023"]
    assert (hrc.members.groupby("term").size() >= 47).all()


def test_member_history_says_what_is_not_known(hrc: va.VoteDataset) -> None:
    h = va.member_history(hrc, "RUS").set_index("vote_id")
    assert str(h.loc["A/HRC/RES/49/1", "position"]) == "no"
    assert not h.loc["A/HRC/RES/52/32", "known"]


def test_docstrings() -> None:
    assert doctest.testmod(hrc_module).failed == 0


def test_hrc_positions_use_the_kit_dtype(hrc: va.VoteDataset) -> None:
    assert hrc.positions["position"].dtype == va.POSITION_DTYPE
    assert set(hrc.votes["body"]) == {"UNHRC"}
    assert pd.api.types.is_integer_dtype(hrc.votes["yes"])


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    import gzip
    import shutil

    raw = Path(__file__).resolve().parents[2] / "data" / "external" / "hrc"
    folder = tmp_path / "hrc"
    shutil.copytree(raw, folder)
    path = folder / "hrc_votes_long.csv.gz"
    text = gzip.decompress(path.read_bytes()).decode()
    assert old in text
    path.write_bytes(gzip.compress(text.replace(old, new, 1).encode()))
    return folder


def test_an_unknown_vote_code_or_member_code_names_its_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from voteanalysis.errors import VoteDataError

    folder = _broken(
        tmp_path / "a",
        "A/HRC/RES/1/2,2006-06-29,ARG,Argentina,A,",
        "A/HRC/RES/1/2,2006-06-29,ARG,Argentina,Z,",
    )
    monkeypatch.setattr(hrc_module, "hrc_dir", lambda: folder)
    with pytest.raises(
        VoteDataError, match=r"hrc_votes_long.csv.gz, row 2, column 'ms_vote': found 'Z'"
    ):
        hrc_module.load_hrc()
    folder = _broken(
        tmp_path / "b", "A/HRC/RES/1/2,2006-06-29,ARG,", "A/HRC/RES/1/2,2006-06-29,XXQ,"
    )
    monkeypatch.setattr(hrc_module, "hrc_dir", lambda: folder)
    with pytest.raises(VoteDataError, match=r"row 2, column 'ms_code': found 'XXQ'"):
        hrc_module.load_hrc()
