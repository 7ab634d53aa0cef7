"""The UN Digital Library's own files: bulk CSV (both layouts, plain, .gz, .zip) and MARCXML.

Expected values come from the two real rows quoted in ``data/external/undl/FORMAT.md``
(A/RES/ES-10/21, 120-14-45 with 14 non-voting of 193), from the measured counts in
``data/external/undl/SOURCE.md``, and from small files written here by hand.
"""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import voteanalysis as va
from voteanalysis.io.undl import BULK_COLUMNS, regular_session

UNDL = Path(__file__).resolve().parents[2] / "data" / "external" / "undl"

TITLE = (
    '"Protection of civilians and upholding legal and humanitarian obligations : '
    'resolution / adopted by the General Assembly"'
)
# The real rows of FORMAT.md (file of 6 February 2026, with vote_note), and two more
# members of the same vote written by hand: China (Y) and the United States (N).
ROWS_2026 = [
    f"4025240,AFG,AFGHANISTAN,Y,2023-10-27,ES-10,A/RES/ES-10/21,A/ES-10/L.25,,A/ES-10/PV.41,"
    f"{TITLE},Illegal Israeli actions,TERRITORIES OCCUPIED BY ISRAEL--SETTLEMENT POLICY,,"
    "120.0,14.0,45.0,14.0,193.0,https://digitallibrary.un.org/record/4025240",
    f"4025240,BEN,BENIN,X,2023-10-27,ES-10,A/RES/ES-10/21,A/ES-10/L.25,,A/ES-10/PV.41,"
    f"{TITLE},Illegal Israeli actions,TERRITORIES OCCUPIED BY ISRAEL--SETTLEMENT POLICY,,"
    "120.0,14.0,45.0,14.0,193.0,https://digitallibrary.un.org/record/4025240",
    f"4025240,CHN,CHINA,Y,2023-10-27,ES-10,A/RES/ES-10/21,A/ES-10/L.25,,A/ES-10/PV.41,"
    f"{TITLE},Illegal Israeli actions,TERRITORIES OCCUPIED BY ISRAEL--SETTLEMENT POLICY,,"
    "120.0,14.0,45.0,14.0,193.0,https://digitallibrary.un.org/record/4025240",
    f"4025240,USA,UNITED STATES,N,2023-10-27,ES-10,A/RES/ES-10/21,A/ES-10/L.25,,A/ES-10/PV.41,"
    f"{TITLE},Illegal Israeli actions,TERRITORIES OCCUPIED BY ISRAEL--SETTLEMENT POLICY,,"
    "120.0,14.0,45.0,14.0,193.0,https://digitallibrary.un.org/record/4025240",
]


def _without_vote_note(row: str) -> str:
    # vote_note is the 14th column; the rows above leave it empty (",,120.0").
    return row.replace(",,120.0,", ",120.0,")


def _write(path: Path, header: list[str], rows: list[str]) -> Path:
    text = ",".join(header) + "\n" + "\n".join(rows) + "\n"
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode()))
    elif path.suffix == ".zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("ga_voting.csv", text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def bulk_2026(tmp_path: Path) -> Path:
    return _write(tmp_path / "ga_voting.csv", list(BULK_COLUMNS), ROWS_2026)


def _positions(data: va.VoteDataset) -> dict[str, str]:
    pos = data.positions
    return dict(zip(pos["member_id"].astype("str"), pos["position"].astype("str"), strict=True))


def test_bulk_csv_of_2026_reads_totals_positions_and_the_emergency_session(
    bulk_2026: Path,
) -> None:
    data = va.read_undl(bulk_2026)
    assert len(data.votes) == 1
    vote = data.votes.iloc[0]
    assert vote["vote_id"] == "UNDL-4025240"
    assert vote["body"] == "UNGA"
    assert vote["document"] == "A/RES/ES-10/21"
    assert (vote["yes"], vote["no"], vote["abstain"], vote["not_voting"], vote["seats"]) == (
        120,
        14,
        45,
        14,
        193,
    )
    # ES-10 stays identifiable; by date it falls in the 78th regular session.
    assert vote["emergency_session"] == "ES-10"
    assert vote["undl_session"] == "ES-10"
    assert vote["session"] == "78"
    assert vote["draft"] == "A/ES-10/L.25"
    assert vote["source_url"] == "https://digitallibrary.un.org/record/4025240"
    # X is "listed without a vote": not_voting, not an abstention.
    assert _positions(data) == {"AFG": "yes", "BEN": "not_voting", "CHN": "yes", "USA": "no"}
    # Four members listed against totals of 193: the difference is said, not hidden.
    assert vote["confidence"] == "low"
    assert "the file's yes total is 120 but 2 members are listed so" in vote["notes"]
    assert "not abstentions" in vote["notes"]


def test_bulk_csv_of_2025_without_vote_note_reads_the_same(tmp_path: Path, bulk_2026: Path) -> None:
    header = [c for c in BULK_COLUMNS if c != "vote_note"]
    old = _write(tmp_path / "ga_2025.csv", header, [_without_vote_note(r) for r in ROWS_2026])
    a, b = va.read_undl(old), va.read_undl(bulk_2026)
    assert "vote_note" not in a.votes and "vote_note" in b.votes
    common = [c for c in a.votes.columns if c != "source_quote"]
    pd.testing.assert_frame_equal(a.votes[common], b.votes[common])
    assert _positions(a) == _positions(b)


@pytest.mark.parametrize("suffix", [".csv.gz", ".zip"])
def test_compressed_bulk_files_read_like_the_plain_one(
    tmp_path: Path, bulk_2026: Path, suffix: str
) -> None:
    packed = _write(tmp_path / f"ga_voting{suffix}", list(BULK_COLUMNS), ROWS_2026)
    plain, other = va.read_undl(bulk_2026), va.read_undl(packed)
    cols = [c for c in plain.votes.columns if c != "source_quote"]
    pd.testing.assert_frame_equal(plain.votes[cols], other.votes[cols])
    assert _positions(plain) == _positions(other)


def test_columns_are_read_by_name_in_any_order(tmp_path: Path, bulk_2026: Path) -> None:
    frame = pd.read_csv(bulk_2026, dtype=str, keep_default_na=False)
    shuffled = frame[list(reversed(frame.columns))]
    path = tmp_path / "reordered.csv"
    shuffled.to_csv(path, index=False)
    data = va.read_undl(path)
    assert _positions(data) == {"AFG": "yes", "BEN": "not_voting", "CHN": "yes", "USA": "no"}
    assert int(data.votes["yes"].iloc[0]) == 120


def test_an_unknown_header_is_refused_and_shown(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("rcid,country,vote\n1,Canada,1\n", encoding="utf-8")
    with pytest.raises(va.VoteDataError) as err:
        va.read_undl(path)
    message = str(err.value)
    assert message.startswith("other.csv, row 1")
    assert "the header 'rcid,country,vote'" in message
    assert "unknown column(s) rcid, country, vote" in message


def test_a_missing_needed_column_is_named(tmp_path: Path) -> None:
    header = [c for c in BULK_COLUMNS if c != "ms_vote"]
    rows = [r.replace(",Y,2023", ",2023").replace(",X,2023", ",2023") for r in ROWS_2026[:2]]
    path = _write(tmp_path / "short.csv", header, rows)
    with pytest.raises(va.VoteDataError, match=r"short.csv, row 1: .*no column\(s\) ms_vote"):
        va.read_undl(path)


def test_a_bad_vote_code_names_its_row(tmp_path: Path) -> None:
    rows = list(ROWS_2026)
    rows[2] = rows[2].replace(",CHINA,Y,", ",CHINA,Yes,")
    path = _write(tmp_path / "bad.csv", list(BULK_COLUMNS), rows)
    with pytest.raises(va.VoteDataError, match=r"bad.csv, row 4, column 'ms_vote': found 'Yes'"):
        va.read_undl(path)


def test_a_bad_total_names_its_row(tmp_path: Path) -> None:
    rows = [r.replace(",120.0,", ",many,") for r in ROWS_2026]
    path = _write(tmp_path / "bad.csv", list(BULK_COLUMNS), rows)
    with pytest.raises(va.VoteDataError, match=r"row 2, column 'total_yes': found 'many'"):
        va.read_undl(path)


def test_a_member_listed_twice_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "twice.csv", list(BULK_COLUMNS), [*ROWS_2026, ROWS_2026[0]])
    with pytest.raises(va.VoteDataError, match=r"row 6, column 'ms_code': found a second row"):
        va.read_undl(path)


MARC = """<?xml version="1.0" encoding="UTF-8"?>
<collection xmlns="http://www.loc.gov/MARC21/slim">
  <record>
    <controlfield tag="001">3959039</controlfield>
    <datafield tag="269" ind1=" " ind2=" "><subfield code="a">2022-03-02</subfield></datafield>
    <datafield tag="791" ind1=" " ind2=" "><subfield code="a">A/RES/ES-11/1</subfield></datafield>
    <datafield tag="245" ind1=" " ind2=" "><subfield code="a">Aggression against Ukraine</subfield>
    </datafield>
    <datafield tag="967" ind1=" " ind2=" "><subfield code="a">001</subfield>
      <subfield code="c">AFG</subfield><subfield code="d">Y</subfield>
      <subfield code="e">AFGHANISTAN</subfield></datafield>
    <datafield tag="967" ind1=" " ind2=" "><subfield code="a">002</subfield>
      <subfield code="c">CHN</subfield><subfield code="d">A</subfield>
      <subfield code="e">CHINA</subfield></datafield>
    <datafield tag="967" ind1=" " ind2=" "><subfield code="a">003</subfield>
      <subfield code="c">RUS</subfield><subfield code="d">N</subfield>
      <subfield code="e">RUSSIAN FEDERATION</subfield></datafield>
    <datafield tag="967" ind1=" " ind2=" "><subfield code="a">004</subfield>
      <subfield code="c">VEN</subfield>
      <subfield code="e">VENEZUELA (BOLIVARIAN REPUBLIC OF)</subfield></datafield>
  </record>
  <record>
    <controlfield tag="001">4004922</controlfield>
    <datafield tag="269" ind1=" " ind2=" "><subfield code="a">2023-04-04</subfield></datafield>
    <datafield tag="791" ind1=" " ind2=" "><subfield code="a">A/HRC/RES/52/32</subfield></datafield>
    <datafield tag="967" ind1=" " ind2=" "><subfield code="a">001</subfield>
      <subfield code="b">CHN</subfield><subfield code="d">N</subfield>
      <subfield code="e">CHINA</subfield></datafield>
  </record>
</collection>
"""


def test_marcxml_reads_codes_in_c_or_b_and_no_d_as_not_voting(tmp_path: Path) -> None:
    path = tmp_path / "records.xml"
    path.write_text(MARC, encoding="utf-8")
    data = va.read_undl(path)
    votes = data.votes.set_index("document")
    assert list(votes.index) == ["A/RES/ES-11/1", "A/HRC/RES/52/32"]
    es = votes.loc["A/RES/ES-11/1"]
    assert (es["yes"], es["no"], es["abstain"], es["not_voting"]) == (1, 1, 1, 1)
    assert es["session"] == "76" and es["emergency_session"] == "ES-11"
    assert es["title"] == "Aggression against Ukraine"
    assert votes.loc["A/HRC/RES/52/32", "body"] == "UNHRC"
    pos = data.positions.astype("str")
    got = {
        (v, m): p for v, m, p in zip(pos["vote_id"], pos["member_id"], pos["position"], strict=True)
    }
    assert got == {
        ("UNDL-3959039", "AFG"): "yes",
        ("UNDL-3959039", "CHN"): "abstain",
        ("UNDL-3959039", "RUS"): "no",
        ("UNDL-3959039", "VEN"): "not_voting",
        ("UNDL-4004922", "CHN"): "no",
    }


def test_marcxml_gz_reads_like_the_plain_file(tmp_path: Path) -> None:
    path = tmp_path / "records.xml.gz"
    path.write_bytes(gzip.compress(MARC.encode()))
    assert len(va.read_undl(path).positions) == 5


def test_marcxml_with_entities_is_refused(tmp_path: Path) -> None:
    bomb = MARC.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0"?>\n<!DOCTYPE collection [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    ).replace("AFGHANISTAN", "&b;")
    path = tmp_path / "bomb.xml"
    path.write_text(bomb, encoding="utf-8")
    with pytest.raises(va.VoteDataError, match=r"bomb.xml, row 2: found a document type"):
        va.read_undl(path)


def test_marcxml_record_without_symbol_is_named(tmp_path: Path) -> None:
    path = tmp_path / "nosym.xml"
    path.write_text(MARC.replace("A/RES/ES-11/1", ""), encoding="utf-8")
    with pytest.raises(va.VoteDataError, match=r"nosym.xml, row 3, column '791 \$a'"):
        va.read_undl(path)


def test_regular_session_rule_places_emergency_votes_in_time() -> None:
    dates = pd.Series(["2022-03-02", "2022-10-12", "2024-09-18", "2017-12-21"])
    assert regular_session(dates).tolist() == ["76", "77", "79", "72"]
    # A September vote on or before the previous session's last vote stays in it.
    known = pd.DataFrame({"session": ["78"], "date": ["2024-09-20"]})
    assert regular_session(dates, known).tolist() == ["76", "77", "78", "72"]


def test_bundled_2020_2025_file_matches_its_source_notes() -> None:
    # SOURCE.md: 492 GA records 2020-01-14 … 2025-10-29, every one with 193 members;
    # votes Y 69,295 A 10,095 X 8,760 N 6,806 (counted in the file by its compiler).
    data = va.read_undl(UNDL / "ga_votes_2020_2025.csv.gz")
    assert len(data.votes) == 492
    assert (data.votes["seats"] == 193).all()
    assert data.votes["date"].min() == "2020-01-14"
    assert data.votes["date"].max() == "2025-10-29"
    counts = data.positions["position"].value_counts()
    assert (counts["yes"], counts["abstain"], counts["not_voting"], counts["no"]) == (
        69295,
        10095,
        8760,
        6806,
    )
    assert counts["absent"] == 0
    by_session = data.votes["undl_session"].value_counts()
    assert by_session["ES-10"] == 7 and by_session["ES-11"] == 8
    assert by_session["79"] == 112
    rus = data.positions[data.positions["member_id"] == "RUS"]["position"].value_counts()
    assert (rus["yes"], rus["no"], rus["abstain"]) == (292, 131, 69)
    # The decision without a session: its number comes from the symbol.
    dec = data.votes.set_index("document").loc["A/DEC/80/506"]
    assert dec["kind"] == "decision" and dec["session"] == "80"
    assert pd.isna(dec["result"])


def test_security_council_file_has_years_for_sessions() -> None:
    data = va.read_undl(UNDL / "sc_votes_2020_2025.csv.gz")
    # SOURCE.md: 294 SC records, 4,410 member votes; S/RES/2790(2025) is 15-0-0.
    assert len(data.votes) == 294 and len(data.positions) == 4410
    assert set(data.votes["body"]) == {"UNSC"}
    v = data.votes.set_index("document").loc["S/RES/2790(2025)"]
    assert (v["yes"], v["no"], v["abstain"], v["session"]) == (15, 0, 0, "2025")
    assert data.votes["emergency_session"].isna().all()
