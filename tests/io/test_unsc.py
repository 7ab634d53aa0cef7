"""The Security Council record: adopted resolutions, failed drafts, vetoes and the Council's rule.

Expected values come from the sources' own texts (the official veto list's rows, the
spot checks in data/external/unsc/SOURCE.md) or are counted here from the raw files
with plain pandas, not from the loader.
"""

from __future__ import annotations

import doctest
import gzip
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import voteanalysis as va
from voteanalysis.analysis.rules import security_council_rule
from voteanalysis.errors import VoteDataError
from voteanalysis.io import unsc as unsc_module
from voteanalysis.schema import POSITION_DTYPE

RAW = Path(__file__).resolve().parents[2] / "data" / "external" / "unsc"


@pytest.fixture(scope="module")
def sc() -> va.VoteDataset:
    return va.load_dataset("unsc")


@pytest.fixture(scope="module")
def raw_list() -> pd.DataFrame:
    return pd.read_csv(RAW / "veto_list_parsed.csv.gz", dtype=str, keep_default_na=False)


def _vote(sc: va.VoteDataset, vote_id: str) -> pd.Series:
    return sc.votes.set_index("vote_id").loc[vote_id]


def _positions(sc: va.VoteDataset, vote_id: str) -> dict[str, str]:
    p = sc.positions[sc.positions["vote_id"] == vote_id]
    return dict(zip(p["member_id"].astype(str), p["position"].astype(str), strict=True))


def test_s_2022_155_is_vetoed_by_russia_with_the_published_votes(sc: va.VoteDataset) -> None:
    # SOURCE.md spot check: Yes 11; No Russian Federation; Abstain China, India, UAE.
    v = _vote(sc, "S/2022/155")
    assert (v["result"], v["date"]) == ("vetoed", "2022-02-25")
    assert (int(v["yes"]), int(v["no"]), int(v["abstain"])) == (11, 1, 3)
    pos = _positions(sc, "S/2022/155")
    assert len(pos) == 15
    assert [m for m, p in pos.items() if p == "no"] == ["RUS"]
    assert sorted(m for m, p in pos.items() if p == "abstain") == ["ARE", "CHN", "IND"]
    assert v["sources"] == "unsc-drafts;veto-list"
    assert bool(v["in_veto_list"]) and v["confidence"] == "high"
    assert "S/PV.8979" in str(v["notes"])


def test_vetoes_table_has_one_row_per_vetoing_member_and_flags_joint_vetoes(
    sc: va.VoteDataset,
) -> None:
    v = va.vetoes(sc)
    rows = v[v["draft"] == "S/2022/431"]
    assert rows["member_id"].tolist() == ["CHN", "RUS"]
    assert rows["joint"].tolist() == [True, True]
    assert set(rows["vetoed_by"]) == {"CHN;RUS"}
    assert set(rows["date"]) == {"2022-05-26"}
    assert list(v.columns[:6]) == ["vote_id", "date", "year", "draft", "subject", "member_id"]
    single = v[v["draft"] == "S/2022/155"]
    assert single["member_id"].tolist() == ["RUS"] and not single["joint"].any()
    assert v["date"].is_monotonic_increasing


def test_every_row_of_the_official_veto_list_is_a_vetoed_vote(
    sc: va.VoteDataset, raw_list: pd.DataFrame
) -> None:
    listed = sc.votes[sc.votes["in_veto_list"].astype(bool)]
    assert len(raw_list) == 213  # SOURCE.md: 213 rows
    assert len(listed) == len(raw_list)
    assert set(listed["result"]) == {"vetoed"}
    # Per vetoing member: count the raw cells with a plain regex, then the kit's rows.
    names = {"USSR": "RUS", "Russian Federation": "RUS", "China": "CHN", "France": "FRA"}
    names |= {"USA": "USA", "UK": "GBR"}
    expected: dict[str, int] = {}
    for cell in raw_list["permanent_member_casting_negative_vote"]:
        for name in re.findall(r"Russian Federation|USSR|China|France|USA|UK", cell):
            expected[names[name]] = expected.get(names[name], 0) + 1
    v = va.vetoes(sc)
    got = v[v["in_veto_list"].astype(bool)].groupby("seat").size().to_dict()
    assert got == expected


def test_every_vetoed_draft_of_the_compilation_is_there(sc: va.VoteDataset) -> None:
    # SOURCE.md of the compilation: 67 vetoed drafts, 1994 - June 2025.
    compiled = sc.votes[sc.votes["sources"].str.contains("unsc-drafts", regex=False)]
    failed = compiled[compiled["result"] != "adopted"]
    assert (failed["result"] == "vetoed").sum() == 67


def test_a_veto_known_only_from_the_list_names_the_veto_and_nothing_else(
    sc: va.VoteDataset, raw_list: pd.DataFrame
) -> None:
    # The list's last row: 16 February 1946, the USSR.
    first = raw_list.iloc[-1]
    assert first["date"] == "16 February 1946"
    v = sc.votes[sc.votes["date"] == "1946-02-16"]
    assert len(v) == 1 and v["result"].iloc[0] == "vetoed"
    assert v["sources"].iloc[0] == "veto-list"
    vid = v["vote_id"].iloc[0]
    pos = sc.positions[sc.positions["vote_id"] == vid]
    assert pos["member_id"].tolist() == ["RUS"] and pos["member"].tolist() == ["USSR"]
    assert str(pos["position"].iloc[0]) == "no"
    t = va.tally(sc).set_index("vote_id").loc[vid]
    assert pd.isna(t["yes"]) and pd.isna(t["no"])  # the other votes are not known
    assert int(t["named_no"]) == 1
    assert t["council_rule"] == "vetoed" and bool(t["rule_agrees"])
    hist = va.member_history(sc, "USA").set_index("vote_id").loc[vid]
    assert not hist["known"]


def test_china_before_1971_is_the_republic_of_china(
    sc: va.VoteDataset, raw_list: pd.DataFrame
) -> None:
    china = raw_list[raw_list["permanent_member_casting_negative_vote"] == "China"]
    early = china[china["date"].str.endswith(("1955", "1956", "1960"))]
    v = va.vetoes(sc)
    for date in early["date"]:
        iso = pd.to_datetime(date, format="%d %B %Y").strftime("%Y-%m-%d")
        rows = v[v["date"] == iso]
        assert rows["member_id"].tolist() == ["TWN"] and rows["seat"].tolist() == ["CHN"]


def test_the_veto_the_official_list_lacks_is_flagged(sc: va.VoteDataset) -> None:
    v = _vote(sc, "S/1996/952")
    assert v["result"] == "vetoed" and not bool(v["in_veto_list"])
    assert v["confidence"] == "low"
    assert "Not in the official veto list" in str(v["notes"])
    # The compilation's notes also name S/2001/270 and S/2001/1199; the saved list has both
    # (dated over two days), so they are matched and say where the list dates them.
    for draft, written in (
        ("S/2001/270", "27-28 March 2001"),
        ("S/2001/1199", "14-15 December 2001"),
    ):
        w = _vote(sc, draft)
        assert bool(w["in_veto_list"]) and written in str(w["notes"])
        assert "Dates differ" not in str(w["notes"])


def test_a_meeting_over_several_days_keeps_the_month_and_quotes_the_list(
    sc: va.VoteDataset,
) -> None:
    v = sc.votes[sc.votes["document"] == "S/13735"]
    assert v["date"].tolist() == ["1980-01"]
    assert "11-13 January 1980" in v["notes"].iloc[0]
    short = sc.votes[sc.votes["document"] == "S/17769/Rev.1"]
    assert short["date"].tolist() == ["1986-01-30"]
    assert "two digits" in short["notes"].iloc[0]


def test_where_the_compilation_disagrees_on_adopted_votes_the_record_wins_and_says_so(
    sc: va.VoteDataset,
) -> None:
    # SOURCE.md: Tunisia on S/RES/2602(2021) is A in the UN DL record, Yes in the compilation.
    assert _positions(sc, "S/RES/2602(2021)")["TUN"] == "abstain"
    v = _vote(sc, "S/RES/2602(2021)")
    assert "Tunisia (yes there, abstain here)" in str(v["notes"])
    assert v["confidence"] == "medium"
    # 1995: find, in the raw files, a member the compilation has as No or Abstain where
    # the record has Y, and check the kit keeps the record's vote and names the member.
    sheet = pd.read_csv(RAW / "sc_voting_from_xlsx.csv.gz", dtype=str, keep_default_na=False)
    sheet95 = sheet[(sheet["Year"] == "1995") & sheet["Vote"].isin(["No", "Abstain"])]
    sheet95 = sheet95[sheet95["Outcome results"].str.startswith("Adopted")]
    undl = pd.read_csv(RAW / "sc_resolutions.csv.gz", dtype=str, keep_default_na=False)
    votes = pd.read_csv(RAW / "sc_votes.csv.gz", dtype=str, keep_default_na=False)
    found = 0
    for _, row in sheet95.iterrows():
        m = re.search(r"(\d+)\s*\((\d{4})\)", row["Resolution"])
        if not m:
            continue
        symbol = f"S/RES/{m.group(1)}({m.group(2)})"
        rec = undl.loc[undl["resolution"] == symbol, "undl_id"]
        if rec.empty:
            continue
        listed = votes[(votes["undl_id"] == rec.iloc[0])]
        name = row["Member State"].upper()
        if listed.loc[listed["ms_name"] == name, "ms_vote"].tolist() != ["Y"]:
            continue
        v = _vote(sc, symbol)
        assert f"{row['Member State']} ({row['Vote'].lower()} there, yes here)" in str(v["notes"])
        assert v["confidence"] == "medium"
        found += 1
    assert found >= 3


def test_procedural_votes_are_adopted_despite_a_permanent_member_against(
    sc: va.VoteDataset,
) -> None:
    pos = _positions(sc, "S/RES/2623(2022)")
    assert pos["RUS"] == "no"
    t = va.tally(sc).set_index("vote_id").loc["S/RES/2623(2022)"]
    assert t["result"] == "adopted"
    assert t["council_rule"] == "adopted: procedural, no veto" and bool(t["rule_agrees"])
    assert t["permanent_against"] == "RUS"
    assert "procedural" in str(_vote(sc, "S/RES/2623(2022)")["notes"])


def test_the_rule_agrees_with_every_published_result(sc: va.VoteDataset) -> None:
    t = va.tally(sc)
    assert t["rule_agrees"].notna().all() and t["rule_agrees"].all()
    assert set(t.loc[t["result"] == "rejected", "council_rule"]) == {
        "not adopted: fewer than 9 in favour"
    }


def _council(
    rows: list[dict[str, object]], positions: list[tuple[str, str, str]]
) -> va.VoteDataset:
    votes = pd.DataFrame(
        [
            {
                "vote_id": r["vote_id"],
                "body": r.get("body", "UNSC"),
                "date": r["date"],
                "kind": "resolution",
                "title": "t",
                "result": r["result"],
                "yes": r.get("yes"),
                "no": r.get("no"),
                "abstain": r.get("abstain"),
                "not_voting": None,
                "seats": r.get("seats"),
                "source_url": "https://example.org",
                "source_quote": "q",
            }
            for r in rows
        ]
    )
    for c in ("yes", "no", "abstain", "not_voting", "seats"):
        votes[c] = votes[c].astype("Int64")
    pos = pd.DataFrame(positions, columns=["vote_id", "member_id", "position"])
    pos["member"] = pos["member_id"]
    pos["position"] = pos["position"].astype(POSITION_DTYPE)
    return va.VoteDataset(votes=votes, positions=pos)


def test_tally_applies_nine_votes_and_no_permanent_veto() -> None:
    data = _council(
        [
            {
                "vote_id": "a",
                "date": "2000-01-01",
                "result": "adopted",
                "yes": 9,
                "no": 0,
                "abstain": 6,
                "seats": 15,
            },
            {
                "vote_id": "b",
                "date": "2000-01-02",
                "result": "vetoed",
                "yes": 13,
                "no": 1,
                "abstain": 1,
                "seats": 15,
            },
            {
                "vote_id": "c",
                "date": "2000-01-03",
                "result": "rejected",
                "yes": 8,
                "no": 1,
                "abstain": 6,
                "seats": 15,
            },
            {
                "vote_id": "d",
                "date": "1960-01-01",
                "result": "adopted",
                "yes": 7,
                "no": 0,
                "abstain": 4,
                "seats": 11,
            },
            {"vote_id": "e", "date": "1950-01-01", "result": "vetoed"},
            {"vote_id": "f", "date": "1950-01-02", "result": "adopted"},
            {
                "vote_id": "g",
                "date": "2000-01-04",
                "result": "adopted",
                "yes": 10,
                "no": 0,
                "abstain": 5,
                "seats": 15,
            },
            {
                "vote_id": "h",
                "date": "2000-01-05",
                "result": "adopted",
                "body": "UNGA",
                "yes": 1,
                "no": 0,
                "abstain": 0,
            },
        ],
        [
            ("b", "USA", "no"),
            ("c", "RUS", "no"),
            ("e", "CHN", "no"),
            ("g", "FRA", "abstain"),  # an abstention is not a veto
            ("h", "USA", "no"),
        ],
    )
    t = va.tally(data).set_index("vote_id")
    assert t.loc["a", "council_rule"] == "adopted"
    assert t.loc["b", "council_rule"] == "vetoed" and t.loc["b", "permanent_against"] == "USA"
    assert t.loc["c", "council_rule"] == "not adopted: fewer than 9 in favour"
    assert int(t.loc["d", "votes_needed"]) == 7 and t.loc["d", "council_rule"] == "adopted"
    assert int(t.loc["e", "votes_needed"]) == 7 and t.loc["e", "council_rule"] == "vetoed"
    assert pd.isna(t.loc["f", "council_rule"]) and pd.isna(t.loc["f", "rule_agrees"])
    assert t.loc["g", "council_rule"] == "adopted"
    assert pd.isna(t.loc["h", "council_rule"]) and pd.isna(t.loc["h", "votes_needed"])
    assert t.loc[list("abcdeg"), "rule_agrees"].all()


def test_a_published_result_the_rule_contradicts_is_shown() -> None:
    data = _council(
        [
            {
                "vote_id": "x",
                "date": "2001-01-01",
                "result": "adopted",
                "yes": 8,
                "no": 0,
                "abstain": 7,
                "seats": 15,
            }
        ],
        [],
    )
    t = security_council_rule(va.tally(data), data.positions)
    assert t["council_rule"].tolist() == ["not adopted: fewer than 9 in favour"]
    assert t["rule_agrees"].tolist() == [False]


def test_tally_of_other_bodies_is_unchanged() -> None:
    t = va.tally(va.load_dataset())
    assert "council_rule" not in t.columns


def test_members_of_the_council_by_year(sc: va.VoteDataset) -> None:
    m = sc.members
    y2022 = m[m["term"] == "2022"]
    assert len(y2022) == 15  # the Charter's fifteen members
    assert set(y2022.loc[y2022["seat"] == "permanent", "member_id"]) == {
        "CHN",
        "FRA",
        "GBR",
        "RUS",
        "USA",
    }
    assert len(m[m["term"] == "1950"]) == 11


def test_load_dataset_names_the_new_datasets() -> None:
    # A wrong argument: ValueError naming the bundled datasets, the new ones with them.
    with pytest.raises(ValueError, match="'unsc', 'hrc'") as info:
        va.load_dataset("security council")
    assert not isinstance(info.value, VoteDataError)


def test_vetoes_refuses_what_is_not_a_dataset() -> None:
    with pytest.raises(TypeError, match="VoteDataset"):
        va.vetoes(pd.DataFrame())


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "unsc"
    shutil.copytree(RAW, folder)
    return folder


def _rewrite(path: Path, old: str, new: str) -> None:
    text = gzip.decompress(path.read_bytes()).decode()
    assert old in text
    path.write_bytes(gzip.compress(text.replace(old, new, 1).encode()))


def test_an_unknown_vote_code_is_refused_with_its_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _copy(tmp_path)
    _rewrite(folder / "sc_votes.csv.gz", "4087395,CHINA,Y", "4087395,CHINA,Q")
    monkeypatch.setattr(unsc_module, "unsc_dir", lambda: folder)
    with pytest.raises(VoteDataError) as err:
        unsc_module.load_unsc()
    text = str(err.value)
    assert "sc_votes.csv.gz, row 3, column 'ms_vote': found 'Q'" in text
    assert "'Y'" in text and "'X'" in text


def test_an_unknown_member_name_is_refused_with_its_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _copy(tmp_path)
    _rewrite(folder / "sc_votes.csv.gz", "4087395,CHINA,Y", "4087395,NARNIA,Y")
    monkeypatch.setattr(unsc_module, "unsc_dir", lambda: folder)
    with pytest.raises(
        VoteDataError, match=r"sc_votes.csv.gz, row 3, column 'ms_name': found 'NARNIA'"
    ):
        unsc_module.load_unsc()


def test_an_unreadable_veto_list_date_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _copy(tmp_path)
    _rewrite(folder / "veto_list_parsed.csv.gz", "26 May 2022", "May the 26th")
    monkeypatch.setattr(unsc_module, "unsc_dir", lambda: folder)
    with pytest.raises(VoteDataError, match=r"row 2, column 'date': found 'May the 26th'"):
        unsc_module.load_unsc()


def test_docstrings() -> None:
    assert doctest.testmod(unsc_module).failed == 0


@pytest.mark.slow
@pytest.mark.parametrize("name", ["unsc", "hrc"])
def test_the_whole_record_passes_the_kits_validator(name: str, tmp_path: Path) -> None:
    """Written out as the kit's CSV tables, every row passes read_dataset's checks
    (allowed values, dates, named counts within the totals, foreign keys)."""
    data = va.load_dataset(name)
    for table, frame in data.tables.items():
        frame.to_csv(tmp_path / f"{table}.csv", index=False)
    back = va.read_dataset(tmp_path)
    assert len(back.votes) == len(data.votes) and len(back.positions) == len(data.positions)
    assert set(back.votes["result"].dropna()) <= {
        "adopted",
        "rejected",
        "vetoed",
        "adopted without a vote",
    }
