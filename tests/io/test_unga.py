"""The bundled UN General Assembly record and Voeten's raw format.

The full record is loaded once for the whole test session. Expected counts come
from the data's documentation (the unvotes README and ``SOURCE.md``) or from
reading the small fixture by eye.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import voteanalysis as va
from voteanalysis.dataset import VoteDataset
from voteanalysis.io.unga import load_voeten
from voteanalysis.schema import POSITION_DTYPE, TABLES

FIXTURE = Path(__file__).parents[1] / "data" / "voeten_absent_extract.csv"


@pytest.fixture(scope="session")
def unga() -> VoteDataset:
    return va.load_dataset("unga")


@pytest.fixture(scope="session")
def voeten() -> VoteDataset:
    return load_voeten()


def test_sizes_and_positions(voeten: VoteDataset) -> None:
    assert len(voeten.votes) == 6203
    assert len(voeten.positions) == 870109
    assert voeten.positions["position"].dtype == POSITION_DTYPE
    counts = voeten.positions["position"].value_counts()
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


def test_sessions_dates_issues(voeten: VoteDataset) -> None:
    unga = voeten
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


def test_yugoslavia_is_split_by_date(voeten: VoteDataset) -> None:
    unga = voeten
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


def test_read_voeten_names_the_choices_for_non_members() -> None:
    with pytest.raises(ValueError, match="nonmember='keep' is not one of 'drop', 'ineligible'"):
        va.read_voeten(FIXTURE, nonmember="keep")  # type: ignore[arg-type]


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


# ------------------------------------------------------------ the record to October 2025

UNDL = Path(__file__).resolve().parents[2] / "data" / "external" / "undl"
PRESS = Path(__file__).parents[1] / "data" / "pressreleases"


def _undl_part(unga: VoteDataset) -> pd.DataFrame:
    return unga.votes[unga.votes["record_source"] == "undl"]


def test_record_runs_from_1946_to_october_2025(unga: VoteDataset) -> None:
    # Voeten's 6,203 roll calls, then the 492 UN DL records of 2020-2025 (SOURCE.md)
    # less A/RES/74/267 of 14 January 2020, which both hold.
    assert len(unga.votes) == 6203 + 491
    assert unga.votes["record_source"].value_counts().to_dict() == {"unvotes": 6203, "undl": 491}
    # 870,109 positions, plus 193 members on each of the 491 later votes.
    assert len(unga.positions) == 870109 + 491 * 193
    assert list(unga.votes["session"].cat.categories) == [str(i) for i in range(1, 81)]
    assert unga.votes["date"].min() == "1946-01-01"
    assert unga.votes["date"].max() == "2025-10-29"
    assert unga.votes["vote_id"].is_unique
    later = _undl_part(unga)
    assert later["source_url"].str.startswith("https://digitallibrary.un.org/record/").all()
    assert (later["date"] > "2020-01-14").all()


def test_the_seam_keeps_one_vote_per_roll_call(unga: VoteDataset) -> None:
    both = unga.votes[unga.votes["document"] == "A/RES/74/267"]
    assert len(both) == 1 and both["record_source"].iloc[0] == "unvotes"
    documents = unga.votes.groupby("record_source")["document"].agg(set)
    assert not documents["unvotes"] & documents["undl"]
    assert not unga.votes["document"][unga.votes["record_source"] == "undl"].duplicated().any()


def test_what_changes_at_the_seam_is_said_on_the_result(unga: VoteDataset) -> None:
    seam = unga.votes.attrs["seam"]
    assert "adopted resolutions (and a few decisions) only" in seam
    assert "no votes on amendments or paragraphs" in seam
    assert "'X' (listed without a vote) is not_voting, never an abstention" in seam
    later = _undl_part(unga)
    assert later["notes"].str.startswith(seam).all()
    assert set(later["kind"]) == {"resolution", "decision"}
    assert (unga.votes.loc[unga.votes["record_source"] == "unvotes", "kind"] == "amendment").any()
    # Voeten dropped absent members; the Library lists them as not voting.
    pos = unga.positions.merge(
        unga.votes[["vote_id", "record_source"]].astype("str"),
        left_on=pos_ids(unga),
        right_on="vote_id",
    )
    counts = pd.crosstab(pos["record_source"], pos["position"].astype("str"))
    assert "not_voting" not in counts or counts.loc["unvotes"].get("not_voting", 0) == 0
    # SOURCE.md: X 8,760 in 2020-2025, less the 21 of A/RES/74/267 (193 - 120 - 48 - 4),
    # the roll call both sources hold, kept from Voeten.
    assert counts.loc["undl", "not_voting"] == 8760 - 21


def pos_ids(unga: VoteDataset) -> pd.Series:
    return unga.positions["vote_id"].astype("str")


def test_emergency_sessions_stay_identifiable_and_sit_in_their_regular_session(
    unga: VoteDataset,
) -> None:
    es = unga.votes[unga.votes["emergency_session"].notna()].set_index("document")
    # SOURCE.md: 7 ES-10 and 8 ES-11 records after 2020; Voeten's ES-10/19 (2017).
    counts = es["emergency_session"].value_counts()
    assert (counts["ES-11"], counts["ES-10"]) == (8, 8)
    # unvotes writes the early ones ESS/n/...: ES-1 and ES-2 (1956), ES-4, ES-5.
    assert {"ES-1", "ES-2", "ES-4", "ES-5"} <= set(counts.index)
    assert es.loc["ESS/1/126A", "session"] == "11"
    assert es.loc["A/RES/ES-10/19", "session"] == "72"  # as Voeten codes it
    assert es.loc["A/RES/ES-11/1", "session"] == "76"  # 2 March 2022
    assert es.loc["A/RES/ES-11/4", "session"] == "77"  # 12 October 2022
    assert es.loc["A/RES/ES-10/24", "session"] == "79"  # 18 September 2024
    # by="session" analyses count them with the regular session's votes.
    s76 = unga.filter(session="76")
    assert s76.votes["emergency_session"].eq("ES-11").sum() == 3  # ES-11/1, /2, /3
    with_es = va.agreement(s76, members=["RUS", "BLR"], min_votes=1)
    regular = s76.filter(vote_id=s76.votes.loc[s76.votes["emergency_session"].isna(), "vote_id"])
    without = va.agreement(regular, members=["RUS", "BLR"], min_votes=1)
    # Russia and Belarus voted on all three (both against ES-11/1 and ES-11/3 in the
    # press texts), so session 76 counts three more common votes with them.
    assert with_es["n_votes"].iloc[0] == without["n_votes"].iloc[0] + 3


def test_members_keep_one_id_across_the_seam(unga: VoteDataset) -> None:
    pos = unga.positions.assign(vote_id=pos_ids(unga), member_id=unga.positions["member_id"])
    source = unga.votes.set_index("vote_id")["record_source"]
    pos = pos.assign(record_source=pos["vote_id"].map(source))
    ids = pos.groupby("record_source")["member_id"].agg(lambda s: set(s.astype("str")))
    assert len(ids["undl"]) == 193
    assert ids["undl"] <= ids["unvotes"]
    assert {"RUS", "CHN", "USA", "SRB", "SSD", "PRK"} <= ids["undl"]
    terms = unga.members.set_index("member_id")["term"]
    assert terms["RUS"] == "1946-2025" and terms["SSD"] == "2011-2025"


def _undl_member_votes_1946_2025() -> pd.DataFrame:
    """The Library's full record (resolutions + votes), member names mapped to ISO3."""
    from voteanalysis.io.names import lookup

    res = pd.read_csv(UNDL / "resolutions.csv.gz", dtype=str, keep_default_na=False)
    votes = pd.read_csv(UNDL / "votes.csv.gz", dtype=str, keep_default_na=False)
    recent = pd.read_csv(UNDL / "ga_votes_2020_2025.csv.gz", dtype=str, keep_default_na=False)
    codes = dict(recent[["ms_name", "ms_code"]].drop_duplicates().itertuples(index=False))
    names = votes["ms_name"].drop_duplicates()
    codes.update({n: lookup(n) for n in names if n not in codes})
    votes["member_id"] = votes["ms_name"].map(codes)
    return votes.merge(res[res["body"] == "GA"][["undl_id", "resolution"]], on="undl_id")


def test_the_two_sources_agree_on_every_member_vote_they_share(voeten: VoteDataset) -> None:
    # SOURCE.md: sessions 70-74, 260 roll calls match on symbol; where both have a
    # member's vote they agree in every case; the only members missing from unvotes
    # are Zimbabwe (71 votes) and Algeria (1), and Serbia (246), which unvotes codes
    # as "Yugoslavia" and the kit maps to SRB from 2006 (see unga/SOURCE.md).
    recent = voeten.votes[voeten.votes["session"].astype(int).between(70, 74)]
    undl = _undl_member_votes_1946_2025()
    matched = recent[["vote_id", "document"]].merge(
        undl[["undl_id", "resolution"]].drop_duplicates(),
        left_on="document",
        right_on="resolution",
    )
    assert len(matched) == 260
    assert matched["vote_id"].is_unique and matched["undl_id"].is_unique
    rows = undl.merge(matched[["undl_id", "vote_id"]], on="undl_id")
    unmapped = set(rows.loc[rows["member_id"].isna(), "ms_name"])
    assert unmapped == {"y LAO PEOPLE'S DEMOCRATIC REPUBLIC"}  # a scraper artefact, X
    voted = rows[rows["ms_vote"].isin(["Y", "N", "A"])].copy()
    voted["position"] = voted["ms_vote"].map({"Y": "yes", "N": "no", "A": "abstain"})
    pos = voeten.positions[["vote_id", "member_id", "position"]].astype("str")
    both = voted.merge(pos, on=["vote_id", "member_id"], how="left", suffixes=("_undl", ""))
    shared = both[both["position"].notna()]
    assert len(shared) > 45000
    assert (shared["position_undl"] == shared["position"]).all()
    missing = both.loc[both["position"].isna(), "member_id"].value_counts().to_dict()
    assert missing == {"ZWE": 71, "DZA": 1}


def _press(name: str) -> Any:
    text = next(PRESS.glob(f"{name}*.txt")).read_text(encoding="utf-8")
    return va.parse_vote_text(text.split("\n\n", 1)[1])


def _named(unga: VoteDataset, document: str, position: str) -> set[str]:
    vote_id = unga.votes.loc[unga.votes["document"] == document, "vote_id"].iloc[0]
    pos = unga.positions[unga.positions["vote_id"] == vote_id]
    return set(pos.loc[pos["position"] == position, "member_id"].astype("str"))


def _totals(unga: VoteDataset, document: str) -> tuple[int, ...]:
    v = unga.votes.set_index("document").loc[document]
    return tuple(int(v[c]) for c in ("yes", "no", "abstain"))


def test_es11_1_matches_the_published_totals_and_names(unga: VoteDataset) -> None:
    text = _press("005-ga-es11-1")
    assert (text.stated["yes"], text.stated["no"], text.stated["abstain"]) == (141, 5, 35)
    assert _totals(unga, "A/RES/ES-11/1") == (141, 5, 35)
    against = set(text.positions.loc[text.positions["position"] == "no", "member_id"])
    assert against == {"BLR", "PRK", "ERI", "RUS", "SYR"}
    assert _named(unga, "A/RES/ES-11/1", "no") == against
    abstained = set(text.positions.loc[text.positions["position"] == "abstain", "member_id"])
    assert "CHN" in abstained and "IND" in abstained
    assert _named(unga, "A/RES/ES-11/1", "abstain") == abstained


def test_es11_3_suspension_of_russia_matches_the_published_totals(unga: VoteDataset) -> None:
    text = _press("015-ga-es11-3")
    assert (text.stated["yes"], text.stated["no"], text.stated["abstain"]) == (93, 24, 58)
    assert _totals(unga, "A/RES/ES-11/3") == (93, 24, 58)
    against = set(text.positions.loc[text.positions["position"] == "no", "member_id"])
    assert len(against) == 24 and "CHN" in against
    assert _named(unga, "A/RES/ES-11/3", "no") == against


def test_68_262_territorial_integrity_of_ukraine(unga: VoteDataset) -> None:
    # The text states 11 against and 58 abstentions (its yes total was an image);
    # 100 in favour is the spot check of undl/SOURCE.md. From Voeten's record, where
    # unvotes writes the symbol "R/68/262".
    text = _press("016-ga68-262")
    assert (text.stated["no"], text.stated["abstain"]) == (11, 58)
    assert _totals(unga, "R/68/262") == (100, 11, 58)
    against = set(text.positions.loc[text.positions["position"] == "no", "member_id"])
    assert len(against) == 11 and "RUS" in against
    assert _named(unga, "R/68/262", "no") == against


def test_es10_21_matches_the_librarys_own_rows(unga: VoteDataset) -> None:
    # FORMAT.md quotes two real rows of the Library's bulk file: totals 120-14-45,
    # 14 non-voting of 193; Afghanistan Y, Benin X.
    assert _totals(unga, "A/RES/ES-10/21") == (120, 14, 45)
    v = unga.votes.set_index("document").loc["A/RES/ES-10/21"]
    assert (int(v["not_voting"]), int(v["seats"])) == (14, 193)
    assert "AFG" in _named(unga, "A/RES/ES-10/21", "yes")
    assert "BEN" in _named(unga, "A/RES/ES-10/21", "not_voting")


def _update_file(tmp_path: Path) -> Path:
    rows = pd.read_csv(UNDL / "ga_votes_2020_2025.csv.gz", dtype=str, keep_default_na=False)
    old = rows[rows["resolution"].isin(["A/RES/ES-11/1", "A/RES/79/326"])]
    # One vote the bundle does not hold, written for this test (record 9999999).
    new = old[old["resolution"] == "A/RES/ES-11/1"].assign(
        undl_id="9999999",
        resolution="A/RES/80/999",
        session="80",
        date="2025-12-01",
        undl_link="https://digitallibrary.un.org/record/9999999",
    )
    path = tmp_path / "ga_voting.csv"
    pd.concat([old, new]).to_csv(path, index=False)
    return path


def test_a_newer_download_adds_only_what_is_new(tmp_path: Path, unga: VoteDataset) -> None:
    data = va.load_dataset("unga", update=_update_file(tmp_path))
    added = data.votes.attrs["update"]
    assert added["document"].tolist() == ["A/RES/80/999"]
    assert len(data.votes) == len(unga.votes) + 1
    assert data.votes["vote_id"].is_unique
    assert len(data.positions) == len(unga.positions) + 193
    new = data.votes.set_index("document").loc["A/RES/80/999"]
    assert new["record_source"] == "update" and new["session"] == "80"
    assert "1 votes added" in data.origin
    # Already held: nothing is added twice.
    again = va.load_dataset("unga", update=UNDL / "ga_votes_2020_2025.csv.gz")
    assert len(again.votes.attrs["update"]) == 0
    assert len(again.votes) == len(unga.votes)


def test_update_is_refused_for_other_datasets(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="update= is for load_dataset\\('unga'\\) only"):
        va.load_dataset("governing-bodies", update=tmp_path / "x.csv")


def test_the_bundled_record_equals_its_sources(unga: VoteDataset) -> None:
    """data/external/unga-record is what build_unga makes (regenerate: make unga-record)."""
    from voteanalysis.io.unga import build_unga

    built = build_unga()
    for name in ("votes", "members"):
        pd.testing.assert_frame_equal(getattr(unga, name), getattr(built, name))
    # Positions column by column as codes and categories (970k rows compare fast so).
    assert list(unga.positions.columns) == list(built.positions.columns)
    for column in unga.positions.columns:
        a, b = unga.positions[column].array, built.positions[column].array
        assert a.dtype == b.dtype, column
        assert list(a.categories) == list(b.categories), column
        np.testing.assert_array_equal(a.codes, b.codes, err_msg=column)


# ------------------------------------------------------------ ideal points and their fit


def _positions_frame(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["vote_id", "member_id", "position"])


def test_fit_diagnostic_of_a_perfect_line() -> None:
    # Member m votes yes on vote v exactly when m > v + 1: one dimension explains all.
    # By hand: the minority on votes 0..5 is 2, 3, 4, 3, 2, 1 = 15 positions; no errors,
    # so APRE = (15 - 0) / 15 = 1 and every position is predicted.
    rows = [(f"v{v}", f"M{m}", "yes" if m > v + 1 else "no") for m in range(8) for v in range(6)]
    ip = va.ideal_points(_positions_frame(rows), by=None, reference=None, min_votes=1)
    fit = ip.attrs["fit"]
    assert fit[["n_members", "n_items"]].iloc[0].tolist() == [8, 6]
    assert fit["classified"].iloc[0] == 1.0
    assert fit["apre"].iloc[0] == 1.0
    assert not fit["poor_fit"].iloc[0]


def test_fit_diagnostic_flags_votes_with_no_line() -> None:
    # Coin-flip votes have no dimension: the fit cannot do much better than the
    # majority on each vote, so APRE is far below the poor-fit threshold.
    from voteanalysis.analysis.idealpoints import POOR_APRE

    rng = np.random.default_rng(1)
    rows = [
        (f"v{v}", f"M{m:02d}", str(rng.choice(["yes", "no"]))) for m in range(60) for v in range(40)
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ip = va.ideal_points(_positions_frame(rows), by=None, reference=None)
    fit = ip.attrs["fit"]
    assert fit["apre"].iloc[0] < POOR_APRE
    assert fit["poor_fit"].iloc[0]


def test_ideal_points_of_sessions_75_to_79_are_sensible(unga: VoteDataset) -> None:
    recent = unga.filter(session=["75", "76", "77", "78", "79"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ip = va.ideal_points(recent, method="ordinal")
    fit = ip.attrs["fit"].set_index("session")
    assert list(fit.index) == ["75", "76", "77", "78", "79"]
    assert not fit["poor_fit"].any()
    for session, group in ip.groupby("session", sort=False):
        rank = group.set_index("member_id")["ideal_point"].rank(ascending=False)
        n = len(rank)
        # The United States and Israel hold one end of the line...
        assert {rank["USA"], rank["ISR"]} == {1.0, 2.0}, session
        # ... Iran and Syria the other, China in its far half.
        assert rank["IRN"] > n - 5 and rank["SYR"] > n - 5, session
        assert rank["CHN"] > n / 2, session
        if session != "75":
            # From session 76 (the Ukraine votes) Russia and the DPRK are in the
            # quarter at Iran's and Syria's end; in session 75 both sit mid-line
            # (the README says so).
            assert rank["RUS"] > 0.75 * n and rank["PRK"] > 0.75 * n, session


def test_cli_lists_what_a_newer_file_adds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from voteanalysis.cli import main

    path = _update_file(tmp_path)
    assert main(["update-unga", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{path}: 1 votes not in the bundled record (to 2025-10-29)"
    assert out[1].split() == ["2025-12-01", "A/RES/80/999", "(session", "80)"]
    bad = tmp_path / "bad.csv"
    bad.write_text("rcid,vote\n1,2\n", encoding="utf-8")
    assert main(["update-unga", str(bad)]) == 2
    assert "bad.csv, row 1: found the header 'rcid,vote'" in capsys.readouterr().err
