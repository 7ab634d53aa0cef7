"""Member names: expected ids are ISO 3166 facts or the kit's documented own ids."""

from __future__ import annotations

import csv
import doctest
import gzip
from pathlib import Path

import pandas as pd
import pytest

from voteanalysis.errors import VoteDataError
from voteanalysis.io import data_dir, names
from voteanalysis.io.names import member_ids

NAMES_DIR = data_dir() / "names"

ISO_FACTS = [
    ("Russian Federation", "RUS"),
    ("Iran (Islamic Republic of)", "IRN"),
    ("Venezuela (Bolivarian Republic of)", "VEN"),
    ("Bolivia (Plurinational State of)", "BOL"),
    ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
    ("United Republic of Tanzania", "TZA"),
    ("Micronesia (Federated States of)", "FSM"),
    ("Republic of Korea", "KOR"),
    ("Democratic People's Republic of Korea", "PRK"),
    ("Democratic People’s Republic of Korea", "PRK"),
    ("Congo", "COG"),
    ("Democratic Republic of the Congo", "COD"),
    ("Côte d'Ivoire", "CIV"),
    ("Côte d’Ivoire", "CIV"),
    ("Cote d'Ivoire", "CIV"),
    ("Türkiye", "TUR"),
    ("Turkey", "TUR"),
    ("Lao People's Democratic Republic", "LAO"),
    ("Syrian Arab Republic", "SYR"),
    ("Viet Nam", "VNM"),
    ("Czechia", "CZE"),
    ("Russia", "RUS"),
    ("Iran", "IRN"),
    ("UK", "GBR"),
    ("USA", "USA"),
    ("United States of America", "USA"),
    # French and Spanish UN names
    ("Fédération de Russie", "RUS"),
    ("Federación de Rusia", "RUS"),
    ("Estados Unidos", "USA"),
    ("États-Unis d'Amérique", "USA"),
    ("Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", "GBR"),
    ("República Bolivariana de Venezuela", "VEN"),
    # Namibia's alpha-2 code is "NA", which a careless CSV reader turns into a gap
    ("Namibia", "NAM"),
]

HISTORICAL = [
    ("USSR", "SUN"),
    ("Union of Soviet Socialist Republics", "SUN"),
    ("Soviet Union", "SUN"),
    ("Yugoslavia", "YUG"),
    ("Czechoslovakia", "CSK"),
    ("German Democratic Republic", "DDR"),
    ("East Germany", "DDR"),
    ("Federal Republic of Germany", "XFG"),
    ("West Germany", "XFG"),
    ("Yemen Arab Republic", "XYA"),
    ("Yemen People's Republic", "YMD"),
    ("Democratic Yemen", "YMD"),
    ("Zanzibar", "XZA"),
    ("Serbia and Montenegro", "SCG"),
    # Members that only changed their name keep their present id.
    ("Zaire", "COD"),
    ("Burma", "MMR"),
    ("Swaziland", "SWZ"),
    ("Byelorussian SSR", "BLR"),
]


@pytest.mark.parametrize(("name", "expected"), ISO_FACTS + HISTORICAL)
def test_member_id(name: str, expected: str) -> None:
    assert names.member_id(name) == expected


@pytest.mark.parametrize(
    "written",
    [
        "  Russian  Federation ",
        "RUSSIAN FEDERATION",
        "russian federation",
        "Russian Federation*",
        "Russian Federation 1",
        "Russian Federation²",
        "the Russian Federation",
        "Russian-Federation",
        "Russian Federation [a]",
    ],
)
def test_matching_ignores_case_accents_punctuation_and_footnotes(written: str) -> None:
    assert names.member_id(written) == "RUS"


def test_short_and_hyphenated_forms() -> None:
    assert names.member_ids(
        [
            "Antigua-Barbuda",
            "Saint Kitts-Nevis",
            "St. Vincent & Grenadines",
            "Sao Tome-Principe",
            "Bosnia-Herzegovina",
            "Bolivia, Plurinational State of",
        ]
    ) == ["ATG", "KNA", "VCT", "STP", "BIH", "BOL"]


def test_member_ids_are_accepted_as_names() -> None:
    assert names.member_id("NAM") == "NAM"
    assert names.member_id("XFG") == "XFG"


def test_unknown_name_raises_with_closest_names() -> None:
    with pytest.raises(VoteDataError) as err:
        names.member_id("Rusian Federation")
    text = str(err.value)
    assert "'Rusian Federation'" in text
    assert "'Russian Federation' (RUS)" in text


def test_member_ids_reports_every_unknown_name_with_its_place() -> None:
    with pytest.raises(VoteDataError) as err:
        names.member_ids(
            ["Chile", "Narnia", "Peru", "Guin"],
            file="votes.xlsx",
            rows=[2, 3, 4, 5],
            column="member",
        )
    problems = err.value.problems
    assert [(p.file, p.row, p.column, p.found) for p in problems] == [
        ("votes.xlsx", 3, "member", "Narnia"),
        ("votes.xlsx", 5, "member", "Guin"),
    ]
    assert "'Guinea' (GIN)" in problems[1].expected


def test_empty_name_is_a_problem_not_a_gap() -> None:
    with pytest.raises(VoteDataError, match="a member name"):
        names.member_ids(["Chile", " "], rows=[2, 3])


def test_accept_suggestions_takes_only_close_unambiguous_matches() -> None:
    assert names.member_ids(["Kazakstan", "Phillipines"], accept_suggestions=True) == ["KAZ", "PHL"]
    matches = names.match_names(["Chile", "Kazakstan"], accept_suggestions=True)
    assert [(m.member_id, m.suggested) for m in matches] == [("CHL", False), ("KAZ", True)]
    with pytest.raises(VoteDataError, match="Narnia"):
        names.member_ids(["Narnia"], accept_suggestions=True)


def test_suggest() -> None:
    assert names.suggest("Rusian Federation")[0] == "Russian Federation"
    assert names.suggest("") == []
    assert len(names.suggest("Guinea Bisau", n=2)) == 2


def test_no_folded_name_names_two_members() -> None:
    seen: dict[str, str] = {}
    for file, column in (("aliases.csv", "member_id"), ("aliases_kit.csv", "member_id")):
        with (NAMES_DIR / file).open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                key = names.normalize(row["alias"])
                assert seen.setdefault(key, row[column]) == row[column], row["alias"]


def test_members_table() -> None:
    t = names.members_table().set_index("member_id")
    assert t.loc["NAM", "iso2"] == "NA"
    assert not t["iso2"].isin([""]).any()
    assert t.loc["RUS", "un_regional_group"] == "EEG"
    assert t.loc["RUS", "ilo_region"] == "Europe and Central Asia"
    assert t.loc["SAU", "ilo_region"] == "Asia and the Pacific"
    assert t.loc["MAR", "ilo_region"] == "Africa"
    assert t.loc["CAN", "ilo_region"] == "Americas"
    assert t.loc["FRA", "name_fr"] == "France"
    assert bool(t.loc["SUN", "historical"]) and t.loc["SUN", "successor"] == "RUS"
    assert t.loc["DDR", "un_from"] == "1973-09-18"
    assert t.loc["XFG", "un_to"] == "1990-10-03"
    assert not bool(t.loc["DEU", "historical"])
    members = t[t["status"] == "member state"]
    assert len(members) == 193
    assert members["un_regional_group"].notna().all()
    assert members["ilo_region"].notna().all()


def test_members_table_is_a_copy() -> None:
    t = names.members_table()
    t.loc[:, "name_en"] = "changed"
    assert names.members_table()["name_en"].ne("changed").all()


def test_regions_un() -> None:
    un = names.regions("un")
    assert list(un.columns) == ["member_id", "group", "status"]
    sizes = un[un["status"] == "member"].groupby("group", observed=True).size().to_dict()
    # 192 members of a group; the United States sits in WEOG as an observer and
    # Türkiye, a WEOG member, also takes part in the Asia-Pacific group.
    assert sizes == {"AFRICAN": 54, "APG": 54, "EEG": 23, "GRULAC": 33, "WEOG": 28}
    assert set(un.loc[un["member_id"] == "TUR", "status"]) == {"member", "participant"}


def test_regions_ilo() -> None:
    ilo = names.regions("ilo")
    assert list(ilo["group"].cat.categories) == list(names.ILO_REGIONS)
    europe = set(ilo.loc[ilo["group"] == "Europe and Central Asia", "member_id"])
    # The ILO's office for Europe and Central Asia covers 51 countries: the 54 here
    # less Andorra, Liechtenstein and Monaco, which are not ILO members.
    assert len(europe - {"AND", "LIE", "MCO"}) == 51
    assert {"KAZ", "ISR", "TUR", "CYP", "AZE"} <= europe


def test_regions_unknown_scheme() -> None:
    # A wrong argument, not a bad file: ValueError naming the groupings.
    with pytest.raises(
        ValueError, match="scheme='continents' is not one of 'un', 'ilo', 'm49'"
    ) as info:
        names.regions("continents")
    assert not isinstance(info.value, VoteDataError)


def test_regions_old_keyword_warns_and_gives_the_same_table() -> None:
    with pytest.warns(DeprecationWarning, match=r"kind= is now scheme="):
        old = names.regions(kind="ilo")  # type: ignore[call-arg]
    pd.testing.assert_frame_equal(old, names.regions(scheme="ilo"))
    assert len(old) > 150 and set(old["group"].astype(str)) >= {"Africa"}


def test_every_unvotes_country_name_resolves() -> None:
    table = pd.read_csv(NAMES_DIR / "unvotes_countries.csv", dtype=str, keep_default_na=False)
    assert len(table) == 200
    by_name = dict(zip(table["country"], names.member_ids(table["country"]), strict=True))
    assert by_name["Federal Republic of Germany"] == "XFG"
    assert by_name["Yemen Arab Republic"] == "XYA"
    assert by_name["Yemen People's Republic"] == "YMD"
    assert by_name["Zanzibar"] == "XZA"
    assert by_name["German Democratic Republic"] == "DDR"
    assert by_name["Germany"] == "DEU"
    assert by_name["Taiwan"] == "TWN"
    assert by_name["Namibia"] == "NAM"


def test_unvotes_codes_agree_with_the_ids() -> None:
    # Where unvotes gives an alpha-2 code, our id is the member with that code (current
    # members) or the former member ISO 3166-3 gave it.
    table = pd.read_csv(NAMES_DIR / "unvotes_countries.csv", dtype=str, keep_default_na=False)
    iso2 = names.members_table().dropna(subset=["iso2"]).set_index("iso2")["member_id"]
    former = {"CS": "CSK", "DD": "DDR", "YD": "YMD", "YU": "YUG", "TW": "TWN"}
    for country, code in zip(table["country"], table["country_code"], strict=True):
        if code:
            assert names.member_id(country) == former.get(code, iso2.get(code)), country


def test_unvotes_names_match_the_bundled_unga_record() -> None:
    # When the UNGA record is bundled, every name in it must resolve as well.
    record = data_dir() / "external" / "unga" / "un_votes.csv.gz"
    if not record.is_file():
        pytest.skip("UNGA record not bundled")
    with gzip.open(record, "rt", encoding="utf-8") as f:
        countries = sorted(set(pd.read_csv(f, usecols=["country"])["country"]))
    assert len(names.member_ids(countries)) == len(countries)


def test_tables_are_read_from_the_package_data() -> None:
    assert Path(NAMES_DIR).name == "names"
    for file in (
        "m49.csv",
        "un_members.csv",
        "un_regional_groups.csv",
        "aliases.csv",
        "aliases_kit.csv",
        "other_members.csv",
        "ilo_regions.csv",
        "unvotes_countries.csv",
        "SOURCE.md",
    ):
        assert (NAMES_DIR / file).is_file(), file


def test_docstring_examples() -> None:
    assert doctest.testmod(names, optionflags=doctest.ELLIPSIS).failed == 0


def test_usual_english_names() -> None:
    from voteanalysis.io.names import usual_name

    assert usual_name("USA") == "United States"
    assert usual_name("GBR") == "United Kingdom"
    assert usual_name("RUS") == "Russia"
    assert usual_name("SUN") == "USSR"
    assert usual_name("SRB") == "Serbia"
    assert usual_name("ZZZ") == "ZZZ"


def test_names_at_the_time() -> None:
    from voteanalysis.io.names import name_at

    # other_members.csv: the Russian Federation continued the USSR's membership on 1991-12-24.
    assert name_at("RUS", "1991-12-23") == "USSR"
    assert name_at("RUS", "1991-12-24") == "Russia"
    assert name_at("RUS") == "Russia"
    # Libya's 2022 IAEA vote: the name of the time, not "Libyan Arab Jamahiriya".
    assert name_at("LBY", "2022-06-08") == "Libya"
    assert name_at("SRB", "2010-10-01") == "Serbia"


def test_ambiguous_names_are_refused_only_when_asked_with_the_candidates() -> None:
    # As UN texts write them, "Congo" and "Guinea" are COG and GIN ...
    assert member_ids(["Congo", "Guinea"]) == ["COG", "GIN"]
    # ... but from a user's table they are refused with every member they can mean.
    with pytest.raises(VoteDataError) as info:
        member_ids(["Korea", "France", "Guinea"], rows=[2, 3, 4], refuse_ambiguous=True)
    found = [(p.row, p.found) for p in info.value.problems]
    assert found == [(2, "Korea"), (4, "Guinea")]
    message = str(info.value)
    assert "KOR (Republic of Korea), PRK (Democratic People's Republic of Korea)" in message
    assert "GIN (Guinea), GNB (Guinea-Bissau), GNQ (Equatorial Guinea)" in message
    # Names that are not ambiguous are not touched.
    assert member_ids(["Republic of Korea", "Guinea-Bissau"], refuse_ambiguous=True) == [
        "KOR",
        "GNB",
    ]


def test_many_unknown_names_are_all_reported_and_only_the_first_searched() -> None:
    from voteanalysis.io.names import MAX_SUGGESTED

    names = [f"Qzx{i:04d}land" for i in range(MAX_SUGGESTED + 5)] + ["Frnace"]
    with pytest.raises(VoteDataError) as info:
        member_ids(names)
    problems = info.value.problems
    assert len(problems) == len(names)  # none dropped
    assert "no known name is close" in problems[0].expected
    assert problems[-1].expected == (
        f"a member name the kit knows (closest names are shown for the first {MAX_SUGGESTED} "
        "unknown names)"
    )


def test_a_string_is_not_a_list_of_names() -> None:
    with pytest.raises(TypeError, match="names must be a list of names"):
        member_ids("France")
