"""The bundled dataset states what its sources publish.

The expected values below are copied from the sources (see ``data/SOURCES.md``), not from
running the code: if a test fails, the data moved away from the sources.
"""

from __future__ import annotations

import pandas as pd
import pytest

import voteanalysis as va
from voteanalysis.schema import TABLES


@pytest.fixture(scope="module")
def data() -> va.VoteDataset:
    return va.load_dataset()


def _vote(data: va.VoteDataset, vote_id: str) -> pd.Series:
    votes = data.votes.set_index("vote_id")
    assert vote_id in votes.index
    return votes.loc[vote_id]


def _named(data: va.VoteDataset, vote_id: str) -> dict[str, set[str]]:
    pos = data.positions[data.positions["vote_id"] == vote_id]
    out: dict[str, set[str]] = {}
    for member_id, position in zip(pos["member_id"], pos["position"], strict=True):
        out.setdefault(str(position), set()).add(member_id)
    return out


def test_gb355_belarus_totals_and_only_russia_and_china_named(data: va.VoteDataset) -> None:
    # Salidarnast: "supported by 40 GB members, with 2 (representing Russia and China)
    # voting against it and 9 members abstaining"
    row = _vote(data, "ILO-GB355-BLR")
    assert row["body"] == "ILO-GB"
    assert row["session"] == "GB.355"
    assert (int(row["yes"]), int(row["no"]), int(row["abstain"])) == (40, 2, 9)
    assert row["date"] == "2025-11-24"
    assert row["subject"] == "Belarus"
    assert _named(data, "ILO-GB355-BLR") == {"no": {"RUS", "CHN"}}


def test_gb344_totals(data: va.VoteDataset) -> None:
    # ILO News: 42 for, two against, eight abstentions, four did not participate
    row = _vote(data, "ILO-GB344-RUS-RES")
    assert (int(row["yes"]), int(row["no"]), int(row["abstain"])) == (42, 2, 8)
    assert int(row["not_voting"]) == 4
    assert int(row["seats"]) == 56
    assert row["voter_unit"] == "seat"
    # the 23 vs 24 March disagreement stays visible
    assert "24 March" in row["notes"]


def test_gb344_named_positions(data: va.VoteDataset) -> None:
    assert _named(data, "ILO-GB344-RUS-RES") == {
        "no": {"RUS", "CHN"},
        "abstain": {"PAK", "IND", "BRA", "IDN", "NGA", "UGA"},
        "yes": {"USA", "CHL", "COL", "GTM", "MEX", "JPN"},
    }
    pos = data.positions[data.positions["vote_id"] == "ILO-GB344-RUS-RES"]
    assert set(pos["constituency"]) == {"government"}


def test_gb344_group_tallies(data: va.VoteDataset) -> None:
    # genevasolutions: "16 governments, 12 employee and 14 employer representatives"
    t = data.group_tallies
    t = t[(t["vote_id"] == "ILO-GB344-RUS-RES") & (t["position"] == "yes")]
    counts = dict(zip(t["constituency"], t["count"].astype(int), strict=True))
    assert counts == {"government": 16, "worker": 12, "employer": 14}
    worker = t[t["constituency"] == "worker"].iloc[0]
    # Solidarnosc Gdansk says all worker members voted in favour: the disagreement is kept
    assert worker["confidence"] == "low"
    assert "wszyscy" in worker["notes"]


def test_group_rows_are_not_positions(data: va.VoteDataset) -> None:
    ids = data.positions["member_id"]
    assert ids.str.fullmatch(r"[A-Z]{3}").all()


def test_gb353_motion_says_what_yes_means(data: va.VoteDataset) -> None:
    row = _vote(data, "ILO-GB353-RUS-AMDT")
    assert row["kind"] == "amendment"
    assert row["method"] == "show of hands"
    assert row["result"] == "rejected"
    motion = row["motion"].lower()
    assert motion.startswith("yes = for the russian federation's")
    assert "amendments" in motion
    # wttlonline: "rejected by 35 countries"; no count in favour is published
    assert int(row["no"]) == 35
    assert pd.isna(row["yes"])
    assert _named(data, "ILO-GB353-RUS-AMDT")["yes"] == {"CHN", "SDN"}


@pytest.mark.parametrize("name", list(TABLES))
def test_every_row_has_a_source(data: va.VoteDataset, name: str) -> None:
    df = getattr(data, name)
    assert len(df) > 0
    urls = df["source_url"]
    assert urls.notna().all()
    assert urls.str.match(r"^https?://").all()
    if "source_quote" in df.columns:
        assert df["source_quote"].notna().all()
        assert (df["source_quote"].str.len() > 10).all()


def test_ilc_plenary_counts_delegates(data: va.VoteDataset) -> None:
    ilc = data.votes[data.votes["body"] == "ILO-ILC"]
    assert len(ilc) == 3
    assert (ilc["voter_unit"] == "delegate").all()
    belarus = _vote(data, "ILO-ILC111-BLR-RES")
    assert (int(belarus["yes"]), int(belarus["no"]), int(belarus["abstain"])) == (301, 54, 108)
    myanmar = _vote(data, "ILO-ILC88-MMR-RES")
    assert int(myanmar["yes"]) == 257
    assert "252" in myanmar["notes"]


def test_elections_have_no_for_against_totals(data: va.VoteDataset) -> None:
    votes = data.votes.set_index("vote_id")
    ballot_ids = set(data.elections["vote_id"])
    assert (votes.loc[sorted(ballot_ids), "kind"] == "election").all()
    elections = votes[votes["kind"] == "election"]
    assert len(elections) >= 4
    for col in ("yes", "no", "abstain", "not_voting"):
        assert elections[col].isna().all()
    assert (elections["method"] == "secret ballot").all()
    # thetafleet (Wikinews): Houngbo 30, Penicaud 23, Kang 2, Mdwaba 1 in the second round
    r2 = data.elections[data.elections["vote_id"] == "ILO-GB344-DG-2022-R2"]
    got = dict(zip(r2["candidate"], r2["votes"].astype(int), strict=True))
    assert got == {
        "Gilbert F. Houngbo": 30,
        "Muriel Pénicaud": 23,
        "Kang Kyung-wha": 2,
        "Mthunzi Mdwaba": 1,
    }
    winner = r2[r2["elected"].astype(bool)]
    assert list(winner["candidate"]) == ["Gilbert F. Houngbo"]


def test_gb355_statements(data: va.VoteDataset) -> None:
    st = data.statements
    assert (st["vote_id"] == "ILO-GB355-BLR").all()
    denmark = st[st["speaker_id"] == "DNK"]
    assert len(denmark) == 1
    assert denmark.iloc[0]["stance"] == "support"
    assert denmark.iloc[0]["on_behalf_of"] == "the EU, Moldova, and Ukraine"
    russia = st[st["speaker_id"] == "RUS"]
    assert len(russia) == 1
    assert russia.iloc[0]["stance"] == "oppose"
    assert "Lelio Bentes Correa" in russia.iloc[0]["about"]
    brazil = st[st["speaker_id"] == "BRA"].iloc[0]
    assert brazil["stance"] == "support"
    assert brazil["about"] == "the Special Envoy's mandate"
    # the article lists these speakers without saying which way they spoke
    for iso3 in ("LTU", "CAN", "FRA"):
        assert st[st["speaker_id"] == iso3].iloc[0]["stance"] == "other"


def test_iaea_rows(data: va.VoteDataset) -> None:
    iaea = data.votes[data.votes["body"] == "IAEA-BoG"]
    assert len(iaea) == 10
    assert (iaea["voter_unit"] == "state").all()
    assert (iaea["seats"] == 35).all()
    pos = data.positions
    assert (pos.loc[pos["vote_id"].str.startswith("IAEA"), "constituency"] == "state").all()
    june_2025 = _vote(data, "IAEA-BOG-2025-06-IRN")
    assert (int(june_2025["yes"]), int(june_2025["no"]), int(june_2025["abstain"])) == (19, 3, 11)
    assert "Venezuela" in june_2025["notes"]
    assert _named(data, "IAEA-BOG-2025-06-IRN") == {"no": {"RUS", "CHN", "BFA"}}


def test_members_keys_and_ids(data: va.VoteDataset) -> None:
    m = data.members
    assert not m.duplicated(["body", "term", "member_id", "seat"]).any()
    gov = m[m["constituency"] == "government"]
    assert gov["member_id"].str.fullmatch(r"[A-Z]{3}").all()
    people = m[m["constituency"] != "government"]
    assert people["member_id"].str.fullmatch(r"(EMP|WKR)-[A-Z]{3}-[A-Z-]+").all()
    yarashuk = m[m["member_id"] == "WKR-BLR-YARASHUK"].iloc[0]
    assert (yarashuk["term"], yarashuk["seat"]) == ("2024-2027", "deputy")
    permanent = m[(m["term"] == "2024-2027") & (m["seat"] == "permanent")]
    assert set(permanent["member_id"]) == {
        "BRA",
        "CHN",
        "FRA",
        "DEU",
        "IND",
        "ITA",
        "JPN",
        "RUS",
        "GBR",
        "USA",
    }
