"""Datasets combined across bodies: one member id everywhere, the analyses run on all at once."""

from __future__ import annotations

import pandas as pd
import pytest

import voteanalysis as va
from voteanalysis.errors import VoteDataError


@pytest.fixture(scope="module")
def parts() -> dict[str, va.VoteDataset]:
    return {
        "gb": va.load_dataset(),
        "unga": va.load_dataset("unga"),
        "unsc": va.load_dataset("unsc"),
        "hrc": va.load_dataset("hrc"),
    }


@pytest.fixture(scope="module")
def every(parts: dict[str, va.VoteDataset]) -> va.VoteDataset:
    return va.concat(list(parts.values()))


def test_tables_are_stacked_and_typed(
    parts: dict[str, va.VoteDataset], every: va.VoteDataset
) -> None:
    for name in ("votes", "positions", "members"):
        assert len(getattr(every, name)) == sum(len(getattr(p, name)) for p in parts.values())
    assert every.positions["position"].dtype == va.POSITION_DTYPE
    assert isinstance(every.positions["member_id"].dtype, pd.CategoricalDtype)
    assert every.votes["yes"].dtype == "Int64"
    assert list(every.votes.columns[:3]) == ["vote_id", "body", "session"]
    # a column only the Security Council has is empty elsewhere
    gb_rows = every.votes["body"].str.startswith("ILO")
    assert every.votes.loc[gb_rows, "in_veto_list"].isna().all()
    # the year comes from the date; a vote with no date has no year
    assert (every.votes["year"].isna() == every.votes["date"].isna()).all()
    assert every.votes.loc[every.votes["vote_id"] == "S/2022/155", "year"].tolist() == [2022]


def test_russia_in_every_body(every: va.VoteDataset) -> None:
    h = va.member_history(every, "RUS")
    known = h[h["known"]].groupby("body").size()
    for body in ("ILO-GB", "IAEA-BoG", "UNGA", "UNSC", "UNHRC"):
        assert known.get(body, 0) > 0, body
    # Known positions are those named in each dataset: e.g. the Human Rights Council's 493
    # Russian votes (data/external/hrc/SOURCE.md) and the GB.355 Belarus vote's "no".
    assert known["UNHRC"] == 493
    one = h.set_index("vote_id")
    assert str(one.loc["ILO-GB355-BLR", "position"]) == "no"
    assert str(one.loc["S/2022/155", "position"]) == "no"
    assert str(one.loc["A/HRC/RES/49/1", "position"]) == "no"


def test_alignment_across_bodies_equals_alignment_within_each(
    parts: dict[str, va.VoteDataset], every: va.VoteDataset
) -> None:
    both = va.alignment(every, reference="RUS", by=["body", "year"], members=["CHN", "USA"])
    for key in ("unsc", "hrc"):
        alone = va.alignment(
            parts[key], reference="RUS", by=["body", "year"], members=["CHN", "USA"]
        )
        body = alone["body"].iloc[0]
        merged = both[both["body"] == body].reset_index(drop=True)
        pd.testing.assert_frame_equal(
            merged[["year", "member_id", "value", "n_votes"]].astype({"year": "int64"}),
            alone[["year", "member_id", "value", "n_votes"]].astype({"year": "int64"}),
            check_dtype=False,
        )


def test_alignment_by_hand_on_a_small_combination() -> None:
    def one(body: str, vid: str, votes: dict[str, str]) -> va.VoteDataset:
        v = pd.DataFrame(
            {
                "vote_id": [vid],
                "body": [body],
                "date": ["2022-01-01"],
                "title": ["t"],
                "kind": ["resolution"],
                "source_url": ["https://example.org"],
                "source_quote": ["q"],
            }
        )
        p = pd.DataFrame({"vote_id": vid, "member_id": list(votes), "member": list(votes)})
        p["position"] = pd.Categorical(list(votes.values()), dtype=va.POSITION_DTYPE)
        return va.VoteDataset(votes=v, positions=p)

    data = va.concat(
        [
            one("UNSC", "sc1", {"RUS": "no", "CHN": "no", "USA": "yes"}),
            one("UNHRC", "hrc1", {"RUS": "yes", "CHN": "no", "USA": "no"}),
            one("UNGA", "ga1", {"RUS": "no", "CHN": "no", "USA": "yes"}),
        ]
    )
    a = va.alignment(data, reference="RUS", by=None, min_votes=1, measure="percent")
    got = dict(zip(a["member_id"], a["value"], strict=True))
    assert got == {"CHN": pytest.approx(2 / 3), "USA": pytest.approx(0.0)}


def test_opposition_across_bodies(every: va.VoteDataset) -> None:
    o = va.opposition(every.filter(body=["UNSC", "UNHRC", "ILO-GB"]), members=["RUS", "CHN"])
    assert set(o["body"]) == {"UNSC", "UNHRC", "ILO-GB"}
    row = o[(o["vote_id"] == "S/2022/431") & (o["member_id"] == "CHN")]
    assert str(row["position"].iloc[0]) == "no"


def test_about_finds_a_subject_in_every_body(every: va.VoteDataset) -> None:
    ukraine = va.about(every, "Ukraine")
    ids = set(ukraine.votes["vote_id"])
    assert {"S/2022/155", "A/HRC/RES/49/1"} <= ids
    assert set(ukraine.votes["body"]) >= {"UNSC", "UNHRC"}
    assert len(ukraine.positions) == every.positions["vote_id"].isin(ids).sum()
    with pytest.raises(ValueError, match="non-empty words"):
        va.about(every)


def test_the_same_vote_twice_is_refused(parts: dict[str, va.VoteDataset]) -> None:
    with pytest.raises(VoteDataError, match="S/RES/1"):
        va.concat([parts["unsc"], parts["unsc"]])


def test_wrong_arguments() -> None:
    with pytest.raises(TypeError, match="list of VoteDataset"):
        va.concat(va.load_dataset())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="item 1"):
        va.concat([va.load_dataset(), "unga"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="at least one"):
        va.concat([])


def test_coverage_tells_not_a_member_from_not_known() -> None:
    votes = pd.DataFrame(
        {
            "vote_id": ["h1", "h2", "h3", "g1"],
            "body": ["UNHRC", "UNHRC", "UNHRC", "ILO-GB"],
            "date": ["2021-03-01", "2022-03-01", "2023-03-01", "2023-03-01"],
            "session": None,
            "subject": None,
            "title": "t",
            "kind": "resolution",
            "source_url": "https://example.org",
            "source_quote": "q",
        }
    )
    pos = pd.DataFrame(
        {"vote_id": ["h1", "h1", "h2", "g1"], "member_id": ["RUS", "CHN", "CHN", "CHN"]}
    )
    pos["member"] = pos["member_id"]
    pos["position"] = pd.Categorical(["no", "yes", "abstain", "no"], dtype=va.POSITION_DTYPE)
    members = pd.DataFrame(
        {
            "body": "UNHRC",
            "term": ["2021", "2021", "2022", "2022", "2023"],
            "member_id": ["RUS", "CHN", "RUS", "CHN", "CHN"],
            "name": "n",
            "source_url": "https://example.org",
        }
    )
    data = va.VoteDataset(votes=votes, positions=pos, members=members)
    c = va.coverage(data, members=["RUS", "CHN"]).set_index(["body", "member_id"])
    # RUS: named on h1; a member in 2022 but no position on h2 (not known); not a member
    # in 2023 (h3).
    assert c.loc[("UNHRC", "RUS"), ["votes", "no", "not_member", "not_known"]].tolist() == [
        3,
        1,
        1,
        1,
    ]
    assert c.loc[("UNHRC", "RUS"), "share_known"] == pytest.approx(1 / 2)
    # CHN: named twice, a member in 2023 with no position on h3: not known.
    assert c.loc[("UNHRC", "CHN"), ["yes", "abstain", "not_member", "not_known"]].tolist() == [
        1,
        1,
        0,
        1,
    ]
    # The ILO's members table is not complete: a missing position there is not known.
    assert c.loc[("ILO-GB", "RUS"), ["not_member", "not_known"]].tolist() == [0, 1]
    by_year = va.coverage(data, members=["RUS"], by=["body", "year"])
    assert list(zip(by_year["body"], by_year["year"], by_year["not_member"], strict=True)) == [
        ("ILO-GB", 2023, 0),
        ("UNHRC", 2021, 0),
        ("UNHRC", 2022, 0),
        ("UNHRC", 2023, 1),
    ]


def test_coverage_adds_up_on_the_human_rights_council(parts: dict[str, va.VoteDataset]) -> None:
    c = va.coverage(parts["hrc"], members=["RUS"]).iloc[0]
    named = sum(int(c[p]) for p in va.POSITIONS)
    assert named == 493  # SOURCE.md: the Russian Federation's 493 votes
    assert named + int(c["not_member"]) + int(c["not_known"]) == int(c["votes"]) == 974
    with pytest.raises(ValueError, match="vote columns"):
        va.coverage(parts["hrc"], members=["RUS"], by="colour")
    with pytest.raises(TypeError, match="list of member ids"):
        va.coverage(parts["hrc"], members="RUS")
    with pytest.raises(TypeError, match="by must be a column name"):
        va.coverage(parts["hrc"], members=["RUS"], by=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="complete_membership must be a list"):
        va.coverage(parts["hrc"], members=["RUS"], complete_membership="UNHRC")


def test_coverage_of_all_votes_together(every: va.VoteDataset) -> None:
    # One body: all votes together are the body's one row, without the body column.
    hrc = va.coverage(every.filter(body="UNHRC"), members=["RUS"], by=None).iloc[0]
    assert (int(hrc["votes"]), int(hrc["not_member"]), int(hrc["not_known"])) == (974, 420, 61)
    per_body = va.coverage(every, members=["RUS"])
    overall = va.coverage(every, members=["RUS"], by=None)
    assert "body" not in overall.columns and len(overall) == 1
    assert int(overall["votes"].iloc[0]) == int(per_body["votes"].sum())
    assert int(overall["not_known"].iloc[0]) == int(per_body["not_known"].sum())


def test_docstrings() -> None:
    import doctest

    from voteanalysis.analysis import combine

    assert doctest.testmod(combine).failed == 0


def test_vetoes_of_a_combination_are_the_councils(
    parts: dict[str, va.VoteDataset], every: va.VoteDataset
) -> None:
    alone = va.vetoes(parts["unsc"])
    combined = va.vetoes(every)
    assert len(combined) == len(alone)
    assert combined["vote_id"].astype(str).tolist() == alone["vote_id"].astype(str).tolist()
