"""The bundled UN General Assembly record and Voeten's raw format.

The full record is loaded once for the whole test session. Expected counts come
from the data's documentation (the unvotes README and ``SOURCE.md``) or from
reading the small fixture by eye.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import voteanalysis as va
from voteanalysis.dataset import VoteDataset
from voteanalysis.schema import POSITION_DTYPE, TABLES

FIXTURE = Path(__file__).parent / "data" / "voeten_absent_extract.csv"


@pytest.fixture(scope="session")
def unga() -> VoteDataset:
    return va.load_dataset("unga")


def test_sizes_and_positions(unga: VoteDataset) -> None:
    assert len(unga.votes) == 6203
    assert len(unga.positions) == 870109
    assert unga.positions["position"].dtype == POSITION_DTYPE
    counts = unga.positions["position"].value_counts()
    # The data's own documentation: yes 693,664, abstain 110,897, no 65,548.
    assert (counts["yes"], counts["abstain"], counts["no"]) == (693664, 110897, 65548)
    assert counts["absent"] == 0  # dropped upstream


def test_tables_have_the_schema_columns_first(unga: VoteDataset) -> None:
    for name in ("votes", "positions", "members"):
        frame = getattr(unga, name)
        columns = TABLES[name].columns
        assert list(frame.columns[: len(columns)]) == columns
    assert set(unga.votes["body"]) == {"UNGA"}
    assert unga.votes["vote_id"].is_unique
    pos = unga.positions
    pairs = pos["vote_id"].cat.codes.astype("int64") * 1000 + pos["member_id"].cat.codes
    assert not pairs.duplicated().any()
    assert set(pos["vote_id"].cat.categories) == set(unga.votes["vote_id"])
    assert pos["vote_id"].notna().all() and pos["member_id"].notna().all()


def test_sessions_dates_issues(unga: VoteDataset) -> None:
    session = unga.votes["session"]
    assert isinstance(session.dtype, pd.CategoricalDtype) and session.dtype.ordered
    assert list(session.cat.categories) == [str(i) for i in range(1, 75)]
    assert unga.votes["date"].min() == "1946-01-01"
    assert unga.votes["date"].max() == "2020-01-14"
    assert 1964 not in set(unga.votes["year"])
    # Issue counts as documented: me 1061, hr 1015, di 1092.
    assert (unga.votes["me"].sum(), unga.votes["hr"].sum(), unga.votes["di"].sum()) == (
        1061,
        1015,
        1092,
    )
    # Totals are counted from the positions and add up to them.
    assert unga.votes[["yes", "no", "abstain"]].sum().sum() == 870109
    assert unga.votes["not_voting"].isna().all()
    assert unga.votes["source_url"].str.contains("1902.1/12379").all()


def test_member_ids(unga: VoteDataset) -> None:
    ids = set(unga.positions["member_id"].cat.categories)
    assert all(re.fullmatch(r"[A-Z]{3}", i) for i in ids)
    # Historical members: withdrawn ISO codes, and our own ids from the X range.
    assert {"CSK", "DDR", "YMD", "YUG", "SCG", "SRB", "TWN", "XFG", "XYA", "XZA"} <= ids
    assert {"USA", "RUS", "CHN", "DEU", "YEM", "GBR", "FRA"} <= ids
    names = unga.members.set_index("member_id")["name"]
    assert names["XFG"] == "Federal Republic of Germany"
    assert names["XYA"] == "Yemen Arab Republic"
    assert names["XZA"] == "Zanzibar"


def test_yugoslavia_is_split_by_date(unga: VoteDataset) -> None:
    pos = unga.positions[unga.positions["member_id"].isin(["YUG", "SCG", "SRB"])]
    pos = pos.astype({"vote_id": "str", "member_id": "str"})
    pos = pos.merge(unga.votes[["vote_id", "date"]], on="vote_id")
    span = pos.groupby("member_id")["date"].agg(["min", "max"])
    assert span.loc["YUG", "max"] < "2003-02-04"
    assert span.loc["SCG", "min"] >= "2003-02-04" and span.loc["SCG", "max"] < "2006-06-03"
    assert span.loc["SRB", "min"] >= "2006-06-03"
    # Names at the time: the source writes "Yugoslavia" throughout; Serbia is not shown so.
    shown = pos.groupby("member_id")["member"].agg(lambda m: set(m.astype("str")))
    assert shown["SRB"] == {"Serbia"}
    assert shown["SCG"] == {"Serbia and Montenegro"}
    assert shown["YUG"] == {"Yugoslavia"}
    names = unga.members.set_index("member_id")["name"]
    assert names["SRB"] == "Serbia"


def test_the_ussr_is_rus_shown_as_ussr_before_24_december_1991(unga: VoteDataset) -> None:
    # One id for the seat (the Russian Federation continued the USSR's membership on
    # 1991-12-24); the name shown is the name of the time.
    assert "SUN" not in set(unga.positions["member_id"].astype("str"))
    pos = unga.positions[unga.positions["member_id"] == "RUS"]
    pos = pos.astype({"vote_id": "str", "member": "str"})
    dated = pos.merge(unga.votes[["vote_id", "date", "session"]], on="vote_id")
    before = dated[dated["date"] < "1991-12-24"]
    after = dated[dated["date"] >= "1991-12-24"]
    assert set(before["member"]) == {"USSR"}
    assert set(after["member"]) == {"Russia"}
    # The USSR voted from the first session (1946) to the 46th (1991).
    assert before["session"].astype(int).min() == 1
    assert before["session"].astype(int).max() == 46
    assert unga.members.set_index("member_id").loc["RUS", "name"] == "Russia"


def test_yes_share_1946_matches_the_unvotes_readme(unga: VoteDataset) -> None:
    # unvotes README: 1946, Afghanistan 17 votes 0.4117647, Canada 42 votes 0.6428571,
    # Colombia 42 votes 0.3095238 (share of yes among yes/no/abstain).
    shares = va.yes_share(unga, by="year")
    y1946 = shares[shares["year"] == 1946].set_index("member_id")
    assert y1946.loc["AFG", "n_votes"] == 17
    assert y1946.loc["AFG", "value"] == pytest.approx(0.4117647, abs=1e-7)
    assert y1946.loc["CAN", "n_votes"] == 42
    assert y1946.loc["CAN", "value"] == pytest.approx(0.6428571, abs=1e-7)
    assert y1946.loc["COL", "n_votes"] == 42
    assert y1946.loc["COL", "value"] == pytest.approx(0.3095238, abs=1e-7)


def test_agreement_per_session_matches_a_plain_pandas_count(unga: VoteDataset) -> None:
    """Cross-check one session against the obvious (slow) way of counting."""
    result = va.agreement(unga.filter(session=["1", "2"]), by="session", min_votes=1)
    assert set(result["session"].astype("str")) == {"1", "2"}
    one = result[result["session"] == "1"].set_index(["member_a", "member_b"])

    votes = unga.votes.loc[unga.votes["session"] == "1", "vote_id"]
    pos = unga.positions[unga.positions["vote_id"].isin(votes)]
    pos = pos[["vote_id", "member_id", "position"]].astype("str")
    pairs = pos.merge(pos, on="vote_id", suffixes=("_a", "_b"))
    pairs = pairs[pairs["member_id_a"] < pairs["member_id_b"]]
    naive = (
        (pairs["position_a"] == pairs["position_b"])
        .groupby([pairs["member_id_a"], pairs["member_id_b"]])
        .agg(["mean", "size"])
    )
    naive.index.names = ["member_a", "member_b"]
    assert len(naive) == len(one)
    joined = one.join(naive, how="inner")
    assert len(joined) == len(naive)
    np.testing.assert_allclose(joined["value"], joined["mean"])
    assert (joined["n_votes"] == joined["size"]).all()


def test_alignment_with_russia_and_blocs_of_the_last_session(unga: VoteDataset) -> None:
    table = va.alignment(unga, reference="RUS", members=["CHN", "USA"])
    assert set(table["member_id"]) == {"CHN", "USA"}
    assert table.attrs["reference"] == "RUS"
    last = table[table["session"] == "74"].set_index("member_id")
    # Checked by eye against the record: China votes with Russia far more than the US.
    assert last.loc["CHN", "value"] > last.loc["USA", "value"]
    blocs = va.blocs(unga.filter(session="74"), n_blocs=2).set_index("member_id")
    assert blocs.loc["USA", "bloc"] != blocs.loc["CHN", "bloc"]


def test_read_voeten_keeps_absences() -> None:
    data = va.read_voeten(FIXTURE)
    pos = data.positions.assign(vote_id=data.positions["vote_id"].astype("str"))
    # By eye from the fixture: rcid 7 has 12 rows, 4 of them non-members (code 9),
    # 3 absent (8) and 5 no (3); rcid 4445: 11 rows, 1 non-member, 1 absent, 5 yes,
    # 3 abstain, 1 no; rcid 4821: 10 rows, 2 absent, 6 yes, 1 abstain, 1 no.
    assert len(pos) == 8 + 10 + 10
    counts = pd.crosstab(pos["vote_id"], pos["position"].astype("str"))
    assert counts.loc["UNGA-7"].to_dict() == {"absent": 3, "abstain": 0, "no": 5, "yes": 0}
    assert counts.loc["UNGA-4445"].to_dict() == {"absent": 1, "abstain": 3, "no": 1, "yes": 5}
    assert counts.loc["UNGA-4821"].to_dict() == {"absent": 2, "abstain": 1, "no": 1, "yes": 6}
    totals = data.votes.set_index("vote_id")
    assert totals.loc["UNGA-4445", ["yes", "no", "abstain", "not_voting"]].tolist() == [
        5,
        1,
        3,
        1,
    ]
    ids = pos.set_index(["vote_id", "member_id"])["position"].astype("str")
    # COW 345 by date: Yugoslavia 1946, Serbia and Montenegro 2004, Serbia 2007.
    assert ids[("UNGA-7", "YUG")] == "no"
    assert ids[("UNGA-4445", "SCG")] == "abstain"
    assert ids[("UNGA-4821", "SRB")] == "absent"
    assert ids[("UNGA-7", "TWN")] == "no"  # COW 713, China's seat in 1946
    assert ids[("UNGA-7", "PHL")] == "absent"  # COW 840 is the Philippines


def test_read_voeten_can_keep_non_members_as_ineligible() -> None:
    data = va.read_voeten(FIXTURE, nonmember="ineligible")
    pos = data.positions
    assert len(pos) == 33
    ineligible = pos[pos["position"] == "ineligible"]
    assert sorted(ineligible["member_id"].astype("str")) == ["BHS", "CHN", "TWN", "XFG", "XYA"]
    # A state is only listed as a member for years it could vote.
    terms = data.members.set_index("member_id")["term"]
    assert "XFG" not in terms and "XYA" not in terms
    assert terms["BHS"] == "2004-2007"  # not a member in 1946


def test_absence_handling_changes_agreement() -> None:
    data = va.read_voeten(FIXTURE)
    # USA and Paraguay (PRY): rcid 7 no / absent, 4445 no / yes, 4821 no / absent.
    left_out = va.agreement(data, members=["USA", "PRY"], min_votes=1)
    assert left_out["n_votes"].tolist() == [1]
    assert left_out["value"].tolist() == [0.0]
    as_abstain = va.agreement(
        data, members=["USA", "PRY"], min_votes=1, measure="lijphart", absent="abstain"
    )
    assert as_abstain["n_votes"].tolist() == [3]
    assert as_abstain["value"].iloc[0] == pytest.approx(1 / 3)


def test_read_voeten_names_bad_codes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    text = FIXTURE.read_text().splitlines()
    text[4] = text[4].replace("7,1,8,90,", "7,1,5,90,")
    bad.write_text("\n".join(text) + "\n")
    with pytest.raises(va.VoteDataError, match=r"bad.csv, row 5, column 'vote'"):
        va.read_voeten(bad)
