"""Vote lists pasted from press releases.

The fixtures in ``tests/data/pressreleases`` are real published texts; ``INDEX.csv``
holds, per text, the totals it publishes and the names counted by hand in each list.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voteanalysis.cli import main
from voteanalysis.errors import VoteDataError
from voteanalysis.io import data_dir, textparse
from voteanalysis.io.names import members_table
from voteanalysis.io.textparse import ParsedVote, parse_vote_text
from voteanalysis.schema import POSITION_DTYPE, POSITIONS_TABLE

FIXTURES = Path(__file__).parents[1] / "data" / "pressreleases"
INDEX = pd.read_csv(FIXTURES / "INDEX.csv", dtype=str, keep_default_na=False)

# Texts with several votes: the section of each vote starts at the line holding its
# document symbol (as the text writes it) and runs to the next symbol.
SECTIONS = {
    "A/HRC/26/L.14": "(A/HRC/26/L.14)",
    "A/HRC/26/L.4 ": "(A/HRC/26/L.4)",
    "A/HRC/26/L.15": "(A/HRC/26/L.15)",
    "A/HRC/26/L.8/Rev.1": "(A/HRC/26/L.8/Rev.1)",
    "A/HRC/32/L.10/Rev.1": "(A/HRC/32/L.10_Rev.1)",
    "A/HRC/32/L.9 ": "(A/HRC/32/L.9)",
}

# Where the parser's count differs from INDEX's hand count, and why.
NAMED_DIFFERS = {
    # INDEX counts list entries only; the text also says in prose that "its ally China
    # voted against the resolution", which the parser reads (INDEX's china_vote agrees).
    ("011", "no"): 1,
}
# Totals the text states in words the parser does not read as a total.
UNREAD = {
    ("006", "no"),  # no number is given for the five ("Russia itself ... and three countries")
    ("009", "yes"),  # "Twenty two member states of the ... Council voted for"
    ("010", "yes"),  # "Some 28 countries supported": a hedged number is not taken
    ("010", "abstain"),  # "17 kept their views undeclared"
    ("017", "absent"),  # only the fixture's header says 2; the text names the two
}


def split_fixture(path: Path) -> tuple[dict[str, str], str]:
    """The fixture's header lines (``key: value`` up to the first blank line) and its body."""
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    header = dict(line.split(": ", 1) for line in head.splitlines())
    return header, body


def fixture_text(file: str, title: str) -> str:
    _, body = split_fixture(FIXTURES / file)
    for symbol, marker in SECTIONS.items():
        if symbol in title + " ":
            lines = body.split("\n")
            start = next(i for i, line in enumerate(lines) if marker in line)
            end = next(
                (i for i in range(start + 1, len(lines)) if "(A/HRC/" in lines[i]), len(lines)
            )
            return "\n".join(lines[start:end])
    return body


def _case_id(row: pd.Series) -> str:
    return row["file"][:3] + (
        "-" + row["title"].split()[1] if row["file"][:3] in ("023", "024") else ""
    )


CASES = [pytest.param(row, id=_case_id(row)) for _, row in INDEX.iterrows()]


def _parse_fixture(row: pd.Series) -> ParsedVote:
    text = fixture_text(row["file"], row["title"])
    if row["file"].startswith("006"):
        # The 'No vote recorded' list is cut inside a name: 'Guin' is no member.
        with pytest.raises(VoteDataError, match=r"found 'Guin'.*closest: 'Guinea' \(GIN\)"):
            parse_vote_text(text)
        return parse_vote_text(text, accept_suggestions=True)
    return parse_vote_text(text)


def test_fixtures_are_all_indexed() -> None:
    assert set(INDEX["file"]) == {p.name for p in FIXTURES.glob("*.txt")}
    for path in FIXTURES.glob("*.txt"):
        header, body = split_fixture(path)
        assert header["source"].startswith("http")
        assert "published_totals" in header
        assert "published_totals" not in body


@pytest.mark.parametrize("row", CASES)
def test_named_counts_match_the_hand_counts(row: pd.Series) -> None:
    vote = _parse_fixture(row)
    key = row["file"][:3]
    expected = {
        "yes": int(row["named_yes"]),
        "no": int(row["named_no"]),
        "abstain": int(row["named_abstain"]),
    }
    for pos, value in list(expected.items()):
        expected[pos] = NAMED_DIFFERS.get((key, pos), value)
    named = {pos: vote.named[pos] for pos in expected}
    assert named == expected
    # INDEX counts absent and 'no vote recorded' lists together
    assert vote.named["absent"] + vote.named["not_voting"] == int(row["named_absent"])


@pytest.mark.parametrize("row", CASES)
def test_russia_and_china(row: pd.Series) -> None:
    vote = _parse_fixture(row)
    held = dict(zip(vote.positions["member_id"], vote.positions["position"], strict=True))
    for member, column in (("RUS", "russia_vote"), ("CHN", "china_vote")):
        expected = row[column]
        if expected.startswith("not listed"):
            assert member not in held
        else:
            assert held[member] == expected.split()[0]


@pytest.mark.parametrize("row", CASES)
def test_stated_totals_are_the_published_ones(row: pd.Series) -> None:
    vote = _parse_fixture(row)
    key = row["file"][:3]
    for pos in ("yes", "no", "abstain", "absent"):
        published = re.match(r"\d+", row[pos])
        expected = int(published.group()) if published else None
        if (key, pos) in UNREAD:
            expected = None
        got = vote.stated[pos]
        if pos == "absent" and got is None:
            got = vote.stated["not_voting"]  # "No vote was recorded from 13 countries"
        assert got == expected, pos


@pytest.mark.parametrize("row", CASES)
def test_incomplete_texts_report_mismatches(row: pd.Series) -> None:
    vote = _parse_fixture(row)
    if row["complete"] == "yes":
        totals = [m for m in vote.mismatches if not m.startswith("absent:")]
        assert totals == []
    else:
        assert vote.mismatches


def test_complete_text_names_everyone_it_counts() -> None:
    vote = parse_vote_text(
        split_fixture(FIXTURES / "007-hrc25-iran-special-rapporteur-2014-iranhrc.txt")[1]
    )
    # "One country was not present for voting": the absent member is not named.
    assert vote.mismatches == ["absent: the text states 1, the lists name 0"]
    assert vote.positions.set_index("member_id").loc["MKD", "member"] == (
        "The former Yugoslav Republic of Macedonia"
    )


def test_doubled_names_are_counted_once_and_reported() -> None:
    vote = parse_vote_text(
        split_fixture(FIXTURES / "005-ga-es11-1-aggression-ukraine-2022-abc.txt")[1]
    )
    assert "named twice in one 'no' list: Belarus, Eritrea, North Korea, Russia" in (
        vote.mismatches
    )
    assert "yes: the text states 141, the lists name 0" in vote.mismatches
    assert vote.positions["member_id"].is_unique


def test_missing_comma_and_a_name_in_two_lists() -> None:
    vote = parse_vote_text(
        split_fixture(FIXTURES / "016-ga68-262-territorial-integrity-ukraine-2014-unwatch.txt")[1]
    )
    assert "Congo (COG) is listed as abstain and as absent; left out of the positions" in (
        vote.mismatches
    )
    assert "abstain: the text states 58, the lists name 59" in vote.mismatches
    assert any("'Comoros Congo'" in n for n in vote.notes)
    held = set(vote.positions["member_id"])
    assert "COG" not in held and {"COM", "KNA", "VCT", "STP", "ATG", "BIH", "LAO"} <= held


def test_truncated_list_with_accepted_suggestion() -> None:
    vote = parse_vote_text(
        split_fixture(FIXTURES / "006-ga-es11-1-aggression-ukraine-2022-londoneconomic.txt")[1],
        accept_suggestions=True,
    )
    assert [(m.name, m.member_id) for m in vote.accepted] == [("Guin", "GIN")]
    assert "named twice in one 'not_voting' list: Guin" in vote.mismatches
    assert (
        "Equatorial Guinea (GNQ) is listed as abstain and as not_voting; left out of "
        "the positions" in vote.mismatches
    )
    assert "not_voting: the text states 13, the lists name 7" in vote.mismatches


def test_prose_lists() -> None:
    text = (
        "Twenty-six countries voted in favour and two voted against with five "
        "abstentions. One diplomat said Russia and China voted against while Pakistan, "
        "India, South Africa, Senegal and Vietnam abstained. Mexico and Burundi were "
        "absent, they added."
    )
    vote = parse_vote_text(text)
    got = vote.positions.groupby("position", observed=True)["member_id"].apply(list).to_dict()
    assert got == {
        "no": ["RUS", "CHN"],
        "abstain": ["PAK", "IND", "ZAF", "SEN", "VNM"],
        "absent": ["MEX", "BDI"],
    }
    assert vote.stated == {
        "yes": 26,
        "no": 2,
        "abstain": 5,
        "absent": None,
        "not_voting": None,
        "ineligible": None,
    }
    assert vote.mismatches == ["yes: the text states 26, the lists name 0"]


def test_names_with_commas_and_parentheses() -> None:
    text = (
        "The draft resolution was adopted by a recorded vote of 5 in favour to 3 against, "
        "with 2 abstentions, as follows:\n\n"
        "In favour:  Bolivia (Plurinational State of), Côte d'Ivoire*, Trinidad and Tobago, "
        "United Kingdom of Great Britain and Northern Ireland, Venezuela (Bolivarian "
        "Republic of).\n\n"
        "Against:  Iran, Islamic Republic of; Korea, Republic of; Russian Federation.\n\n"
        "Abstain:  St. Kitts & Nevis, Saint Vincent and the Grenadines.\n\n"
        "Absent:  Congo, Democratic Republic of the Congo.\n"
    )
    vote = parse_vote_text(text)
    assert vote.positions["member_id"].tolist() == [
        "BOL",
        "CIV",
        "TTO",
        "GBR",
        "VEN",
        "IRN",
        "KOR",
        "RUS",
        "KNA",
        "VCT",
        "COG",
        "COD",
    ]
    assert vote.positions["member"].tolist()[1] == "Côte d'Ivoire"
    assert vote.mismatches == []


def test_ohchr_counts_in_parentheses() -> None:
    vote = parse_vote_text(
        "In favour (2): Chile and Peru. Against (1): the Russian "
        "Federation. Abstentions (1): China."
    )
    assert vote.stated["yes"] == 2 and vote.stated["no"] == 1 and vote.stated["abstain"] == 1
    assert vote.positions["member"].tolist() == ["Chile", "Peru", "Russian Federation", "China"]


def test_unknown_name_in_a_list_is_an_error_listing_every_one() -> None:
    with pytest.raises(VoteDataError) as err:
        parse_vote_text(
            "In favour: Chile, Narnia, Peru.\nAgainst: Rusia Federation.", source="vote.txt"
        )
    problems = err.value.problems
    assert [(p.file, p.row, p.found) for p in problems] == [
        ("vote.txt", 1, "Narnia"),
        ("vote.txt", 2, "Rusia Federation"),
    ]
    assert "'Russian Federation' (RUS)" in problems[1].expected


def test_hedged_and_partial_numbers_are_not_totals() -> None:
    vote = parse_vote_text(
        "More than 140 countries voted in favour. Bangladesh along with "
        "India, Pakistan and 14 others have abstained."
    )
    assert vote.stated["yes"] is None and vote.stated["abstain"] is None


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("five", 5),
        ("Twenty-six", 26),
        ("twenty two", 22),
        ("one hundred and forty-one", 141),
        ("141", 141),
        ("nine", 9),
    ],
)
def test_number_words(words: str, value: int) -> None:
    assert textparse._number(words) == value


def test_positions_table() -> None:
    vote = parse_vote_text(
        "Against: Russian Federation, Belarus.\nAbstain: Chna.", accept_suggestions=True
    )
    table = vote.positions_table("UNGA-X", source_url="https://example.org/x")
    assert list(table.columns) == POSITIONS_TABLE.columns
    assert table["position"].dtype == POSITION_DTYPE
    assert table["constituency"].tolist() == ["state"] * 3
    assert table["source_quote"].iloc[0] == "Against: Russian Federation, Belarus."
    assert table.set_index("member_id").loc["CHN", "notes"] == (
        "written 'Chna'; read as the closest known name 'China'"
    )
    quoted = vote.positions_table("UNGA-X", source_quote="as read out")
    assert set(quoted["source_quote"]) == {"as read out"}


def test_no_list_is_a_mismatch_not_an_error() -> None:
    vote = parse_vote_text("The Council adopted the text without a vote.")
    assert vote.positions.empty
    assert vote.mismatches == ["no list of members was found in the text"]


def test_refuses_huge_text_and_non_text() -> None:
    with pytest.raises(VoteDataError, match="characters"):
        parse_vote_text("x" * (textparse.MAX_CHARS + 1))
    with pytest.raises(TypeError):
        parse_vote_text(b"In favour: Chile")  # type: ignore[arg-type]


def test_docstring_examples() -> None:
    assert doctest.testmod(textparse).failed == 0


# --- property-based -----------------------------------------------------------------

_TABLE = members_table()
_POOL = [
    (str(name), str(mid))
    for name, mid in zip(
        _TABLE.loc[_TABLE["status"] == "member state", "name_en"],
        _TABLE.loc[_TABLE["status"] == "member state", "member_id"],
        strict=True,
    )
] + [
    # English aliases of member states as the alias table writes them ("UK", "Lao PDR",
    # "Congo, Dem. Rep.", "Bahamas, The" ...), except those with a colon or a bracket and
    # those ending in a full stop, which ends a list
    (str(alias), str(mid))
    for alias, mid, lang in pd.read_csv(
        data_dir() / "names" / "aliases.csv", dtype=str, keep_default_na=False
    )[["alias", "member_id", "lang"]].itertuples(index=False)
    if "en" in lang.split(";")
    and mid in set(_TABLE.loc[_TABLE["status"] == "member state", "member_id"])
    and not any(c in alias for c in ":[")
    and not alias.endswith(".")
]
_LABELS = {
    "un": {"yes": "In favour", "no": "Against", "abstain": "Abstain", "absent": "Absent"},
    "ohchr": {"yes": "In favour", "no": "Against", "abstain": "Abstentions", "absent": "Absent"},
    "lines": {"yes": "Yes", "no": "No", "abstain": "Abstained", "absent": "Absent"},
    "bullets": {
        "yes": "Voted in favour",
        "no": "Voted against",
        "abstain": "Abstained",
        "absent": "Not present",
    },
}


@st.composite
def _votes(draw: st.DrawFn) -> tuple[dict[str, str], str]:
    picks = draw(
        st.lists(st.sampled_from(_POOL), min_size=1, max_size=40, unique_by=lambda p: p[1])
    )
    lists: dict[str, list[str]] = {"yes": [], "no": [], "abstain": [], "absent": []}
    expected = {}
    for name, mid in picks:
        pos = draw(st.sampled_from(list(lists)))
        lists[pos].append(name)
        expected[mid] = pos
    style = draw(st.sampled_from(list(_LABELS)))
    labels = _LABELS[style]
    parts = []
    if style == "un":
        parts.append(
            f"The draft resolution was adopted by a recorded vote of {len(lists['yes'])} in "
            f"favour to {len(lists['no'])} against, with {len(lists['abstain'])} abstentions,"
            " as follows:"
        )
    for pos, members in lists.items():
        if not members:
            continue
        if style == "lines":
            parts.append(f"{labels[pos]}:\n" + "\n".join(members))
        elif style == "bullets":
            parts.append(f"{labels[pos]}:\n" + "\n".join(f"• {m}" for m in members))
        else:
            sep = "; " if any("," in m for m in members) else ", "
            head = members[:-1]
            # With inverted names ("Congo, Democratic Republic of") the list is written
            # with semicolons throughout: "…Republic of and Sao Tome and Principe" would be
            # ambiguous in itself (it also reads as Congo + Sao Tome's formal name).
            last = "; and " if sep == "; " else " and "
            listed = (sep.join(head) + last + members[-1]) if head else members[0]
            count = f" ({len(members)})" if style == "ohchr" else ""
            parts.append(f"{labels[pos]}{count}: {listed}.")
    joiner = draw(st.sampled_from(["\n\n", "\n"])) if style in ("un", "ohchr") else "\n\n"
    return expected, joiner.join(parts)


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(_votes())
def test_rendered_lists_parse_back(case: tuple[dict[str, str], str]) -> None:
    expected, text = case
    vote = parse_vote_text(text)
    got = dict(zip(vote.positions["member_id"], vote.positions["position"], strict=True))
    assert got == expected, text
    assert vote.mismatches == [], text
    for pos in ("yes", "no", "abstain", "absent"):
        assert vote.named[pos] == sum(p == pos for p in expected.values())


_FRAGMENTS = st.sampled_from(
    [
        "In favour",
        "Against",
        "Abstain",
        "Absent",
        "No vote recorded",
        "Yes",
        "No",
        ":",
        "(",
        ")",
        "[",
        "]",
        ",",
        ";",
        " and ",
        " the ",
        ".",
        "\n",
        "\n\n",
        " - ",
        "• ",
        "12",
        "five",
        "voted against",
        "abstained",
        "were absent",
        "Chile",
        "Narnia",
        "Congo",
        "Democratic",
        "Republic of",
        "Korea",
        "St.",
        "Bolivia (Plurinational State of)",
        "Côte d’Ivoire",
        "?",
        "“",
        "”",
        "*",
        "1",
        "including",
        "by",
        "were",
        "Guin",
        "Saint",
        "of the resolution",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(_FRAGMENTS, max_size=40).map("".join)))
def test_any_text_gives_a_result_or_a_vote_data_error(text: str) -> None:
    try:
        vote = parse_vote_text(text)
    except VoteDataError as err:
        assert err.problems
        return
    assert list(vote.positions.columns) == ["member", "member_id", "position"]
    assert vote.positions["member_id"].is_unique
    assert vote.positions["position"].dtype == POSITION_DTYPE
    assert len(vote.positions) > 0 or vote.mismatches
    assert all(v is None or v >= 0 for v in vote.stated.values())


# --- command line --------------------------------------------------------------------


def _write_fixture_body(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "vote.txt"
    path.write_text(split_fixture(FIXTURES / name)[1], encoding="utf-8")
    return path


def test_cli_import_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _write_fixture_body(tmp_path, "001-hrc49-ukraine-urgent-debate-procedural.txt")
    out = tmp_path / "positions.csv"
    assert main(["import-text", str(src), "--vote-id", "HRC49-UD", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "stated totals: yes 29, no 5, abstain 13" in printed
    assert "named: yes 29, no 5, abstain 13" in printed
    assert "mismatch" not in printed
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(table.columns) == POSITIONS_TABLE.columns
    assert len(table) == 47 and set(table["vote_id"]) == {"HRC49-UD"}
    assert table.set_index("member_id").loc["NAM", "position"] == "abstain"


def test_cli_import_text_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _write_fixture_body(tmp_path, "017-iaea-bog-ukraine-2022-03-devdiscourse.txt")
    assert main(["import-text", str(src), "--vote-id", "IAEA-X"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("vote_id,member_id,member")
    assert "mismatch: yes: the text states 26, the lists name 0" in captured.err


def test_cli_unknown_name_stops(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _write_fixture_body(tmp_path, "006-ga-es11-1-aggression-ukraine-2022-londoneconomic.txt")
    out = tmp_path / "positions.csv"
    assert main(["import-text", str(src), "--vote-id", "X", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "found 'Guin'" in err and "'Guinea' (GIN)" in err
    assert "Traceback" not in err
    assert not out.exists()
    assert (
        main(["import-text", str(src), "--vote-id", "X", "--out", str(out), "--accept-suggestions"])
        == 0
    )
    printed = capsys.readouterr().out
    assert "note: 'Guin' (line 59) read as 'Guinea' (GIN), the closest known name" in printed
    assert out.exists()


def test_cli_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import-text", str(tmp_path / "none.txt"), "--vote-id", "X"]) == 2
    assert "no such file" in capsys.readouterr().err


# --- the prose forms news really uses (issue: from a pasted vote list to a chart) -------

PAGES = FIXTURES / "pages"


def _page(name: str) -> ParsedVote:
    return parse_vote_text(split_fixture(PAGES / name)[1], source=name)


def _by_position(vote: ParsedVote) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for mid, pos in zip(vote.positions["member_id"], vote.positions["position"], strict=True):
        out.setdefault(str(pos), []).append(mid)
    return out


def test_page_countries_that_voted_to_adopt_were() -> None:
    vote = _page("101-unsc-ukraine-2022-02-hindustantimes.txt")
    held = _by_position(vote)
    # Hand count: eleven named in favour, three abstaining; totals 11 and 3 stated.
    assert held["yes"] == [
        "FRA", "GBR", "USA", "ALB", "BRA", "GAB", "GHA", "IRL", "KEN", "MEX", "NOR",
    ]  # fmt: skip
    assert held["abstain"] == ["CHN", "IND", "ARE"]
    assert (vote.stated["yes"], vote.stated["abstain"]) == (11, 3)
    assert vote.mismatches == [] and vote.unnamed == {} and vote.contradictions == {}


def test_page_voted_no_in_quotes_and_two_totals_kept_visible() -> None:
    vote = _page("102-ga-es11-2-humanitarian-2022-lodivalleynews.txt")
    held = _by_position(vote)
    assert held == {"no": ["BLR", "PRK", "ERI", "RUS", "SYR"], "abstain": ["CHN"]}
    assert (vote.stated["yes"], vote.stated["no"], vote.stated["abstain"]) == (140, 5, 38)
    # The text also gives the 2 March vote's 141 and 35: said, not hidden.
    assert "yes: the text states more than one total (140, 141); 140 is kept" in vote.mismatches
    assert "abstain: the text states more than one total (38, 35); 38 is kept" in vote.mismatches


def test_page_included_list_is_partial() -> None:
    vote = _page("103-ga-es11-3-suspend-russia-2022-1010wcsi.txt")
    assert _by_position(vote) == {"no": ["BLR", "CHN", "PRK", "IRN", "SYR"]}
    assert (vote.stated["yes"], vote.stated["no"], vote.stated["abstain"]) == (93, 24, 58)
    assert vote.partial == ["no"]
    assert vote.unnamed == {"yes": 93, "no": 19, "abstain": 58}
    assert "'Belarus' read from 'Russia’s regional ally Belarus' (line 1)" in vote.notes


def test_page_totals_in_prose_only() -> None:
    vote = _page("104-ga-es11-3-suspend-russia-2022-anews.txt")
    assert (vote.stated["yes"], vote.stated["no"], vote.stated["abstain"]) == (93, 24, 58)
    assert len(vote.positions) == 0
    assert vote.stated_quote is not None and "93 countries voting in favor" in vote.stated_quote


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Countries voting “no” were Belarus, Cuba, Nicaragua, and Syria.",
            {"no": ["BLR", "CUB", "NIC", "SYR"]},
        ),
        ("France, Germany and Chile backed the resolution.", {"yes": ["FRA", "DEU", "CHL"]}),
        ("Abstainers included India, China and Brazil.", {"abstain": ["IND", "CHN", "BRA"]}),
        ("Countries that renounced: India, China, Brazil.", {"abstain": ["IND", "CHN", "BRA"]}),
    ],
)
def test_prose_list_forms(text: str, expected: dict[str, list[str]]) -> None:
    assert _by_position(parse_vote_text(text)) == expected


def test_abstainers_included_is_said_partial() -> None:
    assert parse_vote_text("Abstainers included India, China and Brazil.").partial == ["abstain"]
    assert parse_vote_text("Abstentions: India, China and Brazil.").partial == []


def test_renounced_is_read_as_abstained_and_said() -> None:
    vote = parse_vote_text("Countries that renounced: India, China, Brazil.")
    assert any("'renounced' read as 'abstained'" in n for n in vote.notes)


@pytest.mark.parametrize(
    ("text", "yes", "no", "abstain"),
    [
        ("17 countries agreed, 19 objected.", 17, 19, None),
        ("The Assembly voted 93 to 24, with 58 abstentions.", 93, 24, 58),
        ("It was adopted by a vote of 93 to 24.", 93, 24, None),
    ],
)
def test_prose_totals(text: str, yes: int, no: int, abstain: int | None) -> None:
    vote = parse_vote_text(text)
    assert (vote.stated["yes"], vote.stated["no"], vote.stated["abstain"]) == (yes, no, abstain)


def test_more_names_than_stated_is_a_contradiction() -> None:
    vote = parse_vote_text("2 against. Against: Russia, China, Belarus.")
    assert vote.contradictions == {"no": (2, 3)}
    assert vote.unnamed == {}


@pytest.mark.parametrize(
    "text",
    [" " * 200_000, "one " * 50_000, "France voted against " * 9_500],
    ids=["spaces", "one", "france"],
)
def test_adversarial_texts_at_the_limit_are_read(text: str) -> None:
    # Quadratic or cubic before: minutes. The timings are in benchmarks/bench_textparse.py.
    vote = parse_vote_text(text)
    if text.startswith("France"):
        assert vote.positions["member_id"].tolist() == ["FRA"]
        assert vote.positions["position"].tolist() == ["no"]
        assert any("more than one passage" in n for n in vote.notes)
    else:
        assert vote.mismatches == ["no list of members was found in the text"]


def test_number_words_are_bounded_but_read() -> None:
    vote = parse_vote_text("one hundred and twenty-three in favour, one one one one one one")
    assert vote.stated["yes"] == 123


def test_digits_of_other_scripts_are_read_long_numbers_are_not_totals() -> None:
    vote = parse_vote_text("١٤١ in favour, ５ against")
    assert (vote.stated["yes"], vote.stated["no"]) == (141, 5)
    assert parse_vote_text("12345678901234567890123456789 in favour").stated["yes"] is None


def test_a_name_never_spans_a_semicolon() -> None:
    # "Democratic Republic of" + "Sao Tome and Principe" also spells Sao Tome's formal
    # name ("Democratic Republic of Sao Tome and Principe"); the semicolon separates them.
    text = "In favour: Congo, Democratic Republic of; and Sao Tome and Principe."
    got = parse_vote_text(text).positions
    assert list(got["member_id"]) == ["COD", "STP"]
