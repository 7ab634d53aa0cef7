"""The UN Digital Library's voting records, as users download them.

The Dag Hammarskjöld Library publishes the recorded votes of the General Assembly
and the Security Council in two forms, both read here by column or field name:

- the **bulk CSV**, one row per member per vote (``undl_id, ms_code, ms_name,
  ms_vote, date, session, resolution, …``), plain, gzipped or in a zip; the
  full General Assembly file is several hundred MB, so it is read in chunks
  into categoricals and never held as text;
- **MARCXML** voting records, one ``<record>`` per vote with one ``967`` field
  per member (code in subfield ``c``, or ``b`` in the Human Rights Council's
  records; vote in ``d``, none meaning non-voting), parsed as a stream with
  document type declarations refused.

Vote codes: ``Y`` yes, ``N`` no, ``A`` abstain; ``X`` (listed without a vote)
and an empty cell are the kit's ``not_voting``, never an abstention.

The Library states its terms as "non-commercial use, with attribution"; see
``data/external/undl/SOURCE.md``.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from ..dataset import VoteDataset
from ..errors import Described, VoteDataError
from ..schema import CONFIDENCE, POSITION_DTYPE, TABLES

__all__ = [
    "BULK_COLUMNS",
    "UNDL_ATTRIBUTION",
    "UNDL_TERMS",
    "read_undl",
    "regular_session",
]

#: Every column of the Library's bulk CSV (the file of 6 February 2026; the file
#: of 31 March 2025 has the same without ``vote_note``).
BULK_COLUMNS: tuple[str, ...] = (
    "undl_id",
    "ms_code",
    "ms_name",
    "ms_vote",
    "date",
    "session",
    "resolution",
    "draft",
    "committee_report",
    "meeting",
    "title",
    "agenda_title",
    "subjects",
    "vote_note",
    "total_yes",
    "total_no",
    "total_abstentions",
    "total_non_voting",
    "total_ms",
    "undl_link",
)
#: Columns a bulk file must have for its votes to be read at all.
REQUIRED_COLUMNS: tuple[str, ...] = (
    "undl_id",
    "ms_code",
    "ms_name",
    "ms_vote",
    "date",
    "resolution",
)
#: The Library's terms, as it states them on its bulk files.
UNDL_TERMS = "non-commercial use, with attribution"
#: The attribution the terms ask for.
UNDL_ATTRIBUTION = (
    "Voting data: United Nations Digital Library (Dag Hammarskjöld Library), "
    "https://digitallibrary.un.org; non-commercial use, with attribution"
)
_RECORD_URL = "https://digitallibrary.un.org/record/"
_VOTE_CODES = {"Y": "yes", "N": "no", "A": "abstain", "X": "not_voting", "": "not_voting"}
# Per-vote columns kept from the bulk CSV beside the schema's, in this order.
_VOTE_EXTRA = ("draft", "meeting", "committee_report", "agenda_title", "subjects", "vote_note")
_TOTALS = {
    "total_yes": "yes",
    "total_no": "no",
    "total_abstentions": "abstain",
    "total_non_voting": "not_voting",
    "total_ms": "seats",
}
_CHUNK_ROWS = 400_000
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


# ------------------------------------------------------------------ sessions


def _roman(text: str) -> int:
    total = 0
    for a, b in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN[a]
        total += -value if b and _ROMAN[b] > value else value
    return total


def _symbol_session(symbol: str) -> str | None:
    """The session a General Assembly symbol names: ``A/RES/76/1``, ``A/RES/1(I)``."""
    hit = re.match(r"A/(?:RES|DEC)/(ES-\d+|S-\d+|\d+)/", symbol)
    if hit:
        return hit.group(1)
    hit = re.match(r"A/RES/\d+\s*\((ES-|S-)?([IVXLC]+)\)", symbol)
    if hit:
        prefix = hit.group(1) or ""
        return f"{prefix}{_roman(hit.group(2))}"
    return None


def regular_session(dates: pd.Series, known: pd.DataFrame | None = None) -> pd.Series:
    """The regular General Assembly session running on each date, as text.

    A regular session opens in September and runs until the next one opens. The
    rule used: a date from September on belongs to the session that opened that
    year (``year - 1945``), an earlier date to the one before (``year - 1946``);
    but a September date on or before a recorded vote of the previous session
    (``known``: its ``session`` and ``date`` columns, regular sessions only)
    still belongs to the previous session. This places emergency and special
    sessions' votes (``ES-10``, ``ES-11``, …) in time: A/RES/ES-11/1 of
    2 March 2022 falls in the 76th session.

    Parameters
    ----------
    dates
        ISO dates (``YYYY-MM-DD``).
    known
        Regular-session votes whose own session is known, to settle September.

    Returns
    -------
    pandas.Series
        The session number as text (``"76"``), missing where the date is.
    """
    parsed = pd.to_datetime(dates, format="%Y-%m-%d", errors="coerce")
    year = parsed.dt.year.astype("Int64")
    month = parsed.dt.month.astype("Int64")
    number = year - 1945
    number = number.where(month >= 9, number - 1)
    if known is not None and len(known):
        numeric = pd.to_numeric(known["session"], errors="coerce")
        last = pd.Series(known["date"].to_numpy(), index=numeric).groupby(level=0).max()
        previous = (number - 1).map(last)
        late = (month == 9) & previous.notna() & (dates.to_numpy() <= previous.fillna(""))
        number = number.where(~late.fillna(False), number - 1)
    return number.astype("str").where(number.notna())


def _sessions(
    library: pd.Series, symbols: pd.Series, dates: pd.Series, body: pd.Series
) -> pd.DataFrame:
    """``session`` (regular, for ``by="session"``), the Library's own, and ``ES-n``."""
    own = library.astype("str").where(library.notna() & (library.astype("str") != ""))
    own = own.str.replace(r"\.0$", "", regex=True)
    from_symbol = symbols.map(lambda s: _symbol_session(str(s)))
    own = own.where(own.notna(), from_symbol)
    emergency = own.where(own.str.startswith("ES-", na=False))
    special = own.str.match(r"^(ES-|S-)", na=False)
    ga = body == "UNGA"
    known = pd.DataFrame({"session": own[ga & ~special], "date": dates[ga & ~special]})
    by_date = regular_session(dates, known.dropna())
    session = own.where(~special, by_date)
    # The Security Council has no numbered sessions: its year stands in.
    session = session.where(ga, dates.str.slice(0, 4))
    return pd.DataFrame(
        {
            "session": session.astype("str"),
            "undl_session": own.astype("str"),
            "emergency_session": emergency.astype("str"),
        }
    )


def _session_dtype(values: pd.Series) -> pd.Categorical:
    cats = sorted(values.dropna().unique(), key=lambda s: (not str(s).isdigit(), _num(s), s))
    return pd.Categorical(values, categories=pd.Index(cats, dtype="str"), ordered=True)


def _num(value: object) -> int:
    text = str(value)
    return int(text) if text.isdigit() else 0


def _body(symbols: pd.Series) -> pd.Series:
    out = pd.Series("UNGA", index=symbols.index, dtype="str")
    out[symbols.str.startswith("S/", na=False)] = "UNSC"
    out[symbols.str.startswith("A/HRC/", na=False)] = "UNHRC"
    return out


# ------------------------------------------------------------------ bulk CSV


def _csv_source(path: Path, name: str) -> Any:
    """What pyarrow reads: the path (it unpacks ``.gz`` itself) or a zip's one part."""
    if path.suffix.lower() != ".zip":
        return str(path)
    try:
        z = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise VoteDataError.at(
            name, found=Described("a damaged zip file"), expected="a zip holding one CSV"
        ) from None
    parts = [i for i in z.infolist() if not i.is_dir()]
    if len(parts) != 1:
        raise VoteDataError.at(
            name,
            found=Described(f"a zip with {len(parts)} files"),
            expected="a zip holding the one bulk CSV the Library publishes",
        )
    return z.open(parts[0])


def _arrow_error(name: str, err: Exception) -> VoteDataError:
    return VoteDataError.at(
        name,
        found=Described(f"a file the CSV reader stopped on ({str(err).splitlines()[0]})"),
        expected="the UN Digital Library's bulk CSV in UTF-8",
    )


def _check_header(name: str, columns: list[str]) -> None:
    shown = Described(f"the header {','.join(columns)!r}")
    unknown = [c for c in columns if c not in BULK_COLUMNS]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    dupes = sorted({c for c in columns if columns.count(c) > 1})
    if unknown or missing or dupes:
        what = (
            f"unknown column(s) {', '.join(unknown)}"
            if unknown
            else f"no column(s) {', '.join(missing)}"
            if missing
            else f"repeated column(s) {', '.join(dupes)}"
        )
        raise VoteDataError.at(
            name,
            row=1,
            found=shown,
            expected=f"the UN Digital Library's bulk CSV columns ({what}): "
            + ",".join(BULK_COLUMNS)
            + " (vote_note, draft, subjects, session and the totals may be missing)",
        )


def _codes_of(array: Any) -> tuple[np.ndarray, pd.Index]:
    """Dictionary-encode an arrow string column: codes and categories."""
    import pyarrow.compute as pc  # type: ignore[import-untyped]

    encoded = pc.dictionary_encode(array)
    if hasattr(encoded, "combine_chunks"):
        encoded = encoded.combine_chunks()
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    return codes, pd.Index(encoded.dictionary.to_pylist(), dtype="str")


def _bad_row(name: str, row: int, column: str, found: str, expected: str) -> VoteDataError:
    return VoteDataError.at(name, row=row, column=column, found=found, expected=expected)


def _read_bulk(path: Path, name: str) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Votes (one row each) and the member rows' columns, as categoricals.

    The file is streamed in blocks by pyarrow's CSV reader; each block's member
    columns are dictionary-encoded at once, and of the per-vote columns only the
    first row of each vote is kept, so memory grows with the number of votes,
    not with the text repeated on every member's row.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv  # type: ignore[import-untyped]

    source = _csv_source(path, name)
    read = pacsv.ReadOptions(block_size=8 << 20, use_threads=True)
    convert = pacsv.ConvertOptions(
        column_types=dict.fromkeys(BULK_COLUMNS, pa.string()),
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    parse = pacsv.ParseOptions(newlines_in_values=True)
    try:
        reader = pacsv.open_csv(
            source, read_options=read, convert_options=convert, parse_options=parse
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError, EOFError) as err:
        raise _arrow_error(name, err) from None
    columns = [str(c) for c in reader.schema.names]
    _check_header(name, columns)
    per_vote = [c for c in columns if c not in ("ms_code", "ms_name", "ms_vote")]
    vote_parts: list[pd.DataFrame] = []
    parts: dict[str, list[pd.Categorical]] = {c: [] for c in ("undl_id", "ms_code", "ms_name")}
    marks: list[pd.Categorical] = []
    offset = 0
    try:
        for batch in reader:
            n = batch.num_rows
            if not n:
                continue
            coded = {c: _codes_of(batch.column(c)) for c in (*parts, "ms_vote")}
            vcodes, vcats = coded["ms_vote"]
            ok = np.isin(np.asarray(vcats, dtype=object), list(_VOTE_CODES))
            if not ok.all():
                i = int(np.flatnonzero(~ok[vcodes])[0])
                raise _bad_row(
                    name, offset + i + 2, "ms_vote", vcats[vcodes[i]], "Y, N, A, X or empty"
                )
            icodes, icats = coded["undl_id"]
            good = np.asarray(icats.str.fullmatch(r"\d+"), dtype=bool)
            if not good.all():
                i = int(np.flatnonzero(~good[icodes])[0])
                raise _bad_row(
                    name, offset + i + 2, "undl_id", icats[icodes[i]], "a record number (digits)"
                )
            first = np.r_[True, icodes[1:] != icodes[:-1]]
            rows = np.flatnonzero(first)
            part = batch.select(per_vote).take(pa.array(rows)).to_pandas()
            vote_parts.append(part.assign(_row=rows + offset + 2))
            for c in parts:
                codes, cats = coded[c]
                parts[c].append(pd.Categorical.from_codes(codes, categories=cats))
            marks.append(pd.Categorical.from_codes(vcodes, categories=vcats))
            offset += n
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError, EOFError) as err:
        raise _arrow_error(name, err) from None
    finally:
        if hasattr(source, "close"):
            source.close()
    if not offset:
        raise VoteDataError.at(
            name, row=2, found=Described("a header and no rows"), expected="member votes"
        )
    votes = pd.concat(vote_parts, ignore_index=True).drop_duplicates("undl_id", keep="first")
    members: dict[str, Any] = {c: union_categoricals(v) for c, v in parts.items()}
    members["ms_vote"] = union_categoricals(marks)
    members["row"] = np.arange(2, offset + 2, dtype=np.int64)
    return votes.reset_index(drop=True), members


# ------------------------------------------------------------------ MARCXML


class _MarcReader:
    """Collect voting records from a MARCXML stream with expat, entity-free."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.votes: list[dict[str, str]] = []
        self.member_rows: list[tuple[str, str, str, str, int]] = []
        self._record: dict[str, str] | None = None
        self._tag = ""
        self._code = ""
        self._sub: dict[str, str] = {}
        self._text: list[str] = []
        self._parser = expat.ParserCreate(namespace_separator=" ")
        p = self._parser
        p.StartElementHandler = self._start
        p.EndElementHandler = self._end
        p.CharacterDataHandler = self._text.append
        p.StartDoctypeDeclHandler = self._refuse
        p.EntityDeclHandler = self._refuse
        p.ExternalEntityRefHandler = self._refuse

    def _refuse(self, *args: object) -> int:
        raise VoteDataError.at(
            self.name,
            row=self._parser.CurrentLineNumber,
            found=Described("a document type or entity declaration"),
            expected="plain MARCXML (the Library writes no entities; this is an "
            "entity-expansion attack or a damaged file)",
        )

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rsplit(" ", 1)[-1]
        self._text.clear()
        if local == "record":
            self._record = {"_row": str(self._parser.CurrentLineNumber)}
        elif local in ("controlfield", "datafield"):
            self._tag = attrs.get("tag", "")
            self._sub = {}
        elif local == "subfield":
            self._code = attrs.get("code", "")

    def _end(self, tag: str) -> None:
        local = tag.rsplit(" ", 1)[-1]
        text = "".join(self._text).strip()
        self._text.clear()
        rec = self._record
        if rec is None:
            return
        if local == "controlfield" and self._tag == "001":
            rec["undl_id"] = text
        elif local == "subfield":
            self._sub.setdefault(self._code, text)
        elif local == "datafield":
            sub, tag_ = self._sub, self._tag
            if tag_ == "791" and sub.get("a"):
                rec.setdefault("resolution", sub["a"])
            elif tag_ == "269" and sub.get("a"):
                rec.setdefault("date", sub["a"])
            elif tag_ == "245" and sub.get("a"):
                rec.setdefault("title", sub["a"])
            elif tag_ == "967":
                code = sub.get("c") or sub.get("b") or ""
                self.member_rows.append(
                    (
                        rec.get("undl_id", ""),
                        code,
                        sub.get("e", ""),
                        sub.get("d", "X") or "X",
                        self._parser.CurrentLineNumber,
                    )
                )
        elif local == "record":
            self.votes.append(rec)
            self._record = None

    def feed(self, stream: IO[bytes]) -> None:
        try:
            self._parser.ParseFile(stream)
        except expat.ExpatError as err:
            raise VoteDataError.at(
                self.name,
                row=err.lineno,
                found=Described(f"XML that does not parse ({expat.errors.messages[err.code]})"),
                expected="MARCXML voting records",
            ) from None


def _read_marc(path: Path, name: str) -> tuple[pd.DataFrame, dict[str, Any]]:
    reader = _MarcReader(name)
    with _open_binary(path, name) as stream:
        reader.feed(stream)
    if not reader.votes:
        raise VoteDataError.at(
            name,
            found=Described("no <record> element"),
            expected="MARCXML voting records (<collection><record>…)",
        )
    votes = pd.DataFrame(reader.votes, dtype="str")
    for column in ("undl_id", "resolution", "date"):
        if column not in votes or votes[column].isna().any():
            i = 0 if column not in votes else int(np.flatnonzero(votes[column].isna())[0])
            field = {"undl_id": "controlfield 001", "resolution": "791 $a", "date": "269 $a"}
            raise VoteDataError.at(
                name,
                row=int(votes["_row"].iloc[i]),
                column=field[column],
                found=Described("a record without it"),
                expected="every voting record with its id (001), symbol (791 $a), date (269 $a)",
            )
    if "title" not in votes:
        votes["title"] = pd.NA
    # Record ids in 967 rows were taken before 001 was read when 001 comes late;
    # MARCXML writes 001 first, so an empty id here is a damaged record.
    rows = pd.DataFrame(
        reader.member_rows, columns=["undl_id", "ms_code", "ms_name", "ms_vote", "row"]
    )
    members: dict[str, Any] = {
        c: pd.Categorical(rows[c].astype("str"))
        for c in ("undl_id", "ms_code", "ms_name", "ms_vote")
    }
    members["row"] = rows["row"].to_numpy(dtype=np.int64)
    bad = ~rows["ms_vote"].isin(list(_VOTE_CODES)).to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise VoteDataError.at(
            name,
            row=int(rows["row"].iloc[i]),
            column="967 $d",
            found=rows["ms_vote"].iloc[i],
            expected="Y, N, A, or no $d for non-voting",
        )
    votes["_row"] = votes["_row"].astype("int64")
    return votes, members


def _open_binary(path: Path, name: str) -> IO[bytes]:
    import gzip

    if path.suffix == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            parts = [i for i in z.infolist() if not i.is_dir()]
            if len(parts) != 1:
                raise VoteDataError.at(
                    name,
                    found=Described(f"a zip with {len(parts)} files"),
                    expected="a zip holding one MARCXML or CSV file",
                )
            return z.open(parts[0])
    return path.open("rb")


# ------------------------------------------------------------------ the dataset


def _member_ids(members: dict[str, Any], name: str) -> pd.Categorical:
    """ISO3 codes as the Library writes them; a missing code is looked up by name."""
    from .names import lookup

    code: pd.Categorical = members["ms_code"]
    cats = pd.Index(code.categories, dtype="str")
    fixed = cats.str.strip().str.upper()
    if (cats == "").any() or (fixed == "").any():
        # Rows without a code: their names must be known members.
        empty = np.flatnonzero(np.asarray(fixed == ""))
        for loc in empty:
            rows = np.flatnonzero(code.codes == loc)
            found = {str(members["ms_name"][r]) for r in rows}
            for member_name in sorted(found):
                if lookup(member_name) is None:
                    r = rows[np.flatnonzero(np.asarray(members["ms_name"])[rows] == member_name)[0]]
                    raise VoteDataError.at(
                        name,
                        row=int(members["row"][r]),
                        column="ms_code",
                        found=Described(f"an empty code for {member_name!r}"),
                        expected="an ISO 3166-1 alpha-3 code, or a member name the kit knows",
                    )
        out = np.asarray(fixed, dtype=object)[code.codes]
        for loc in empty:
            rows = np.flatnonzero(code.codes == loc)
            out[rows] = [lookup(str(members["ms_name"][r])) for r in rows]
        ids = pd.Categorical(out)
    elif fixed.is_unique:
        ids = pd.Categorical.from_codes(code.codes, categories=fixed)
    else:
        ids = pd.Categorical(np.asarray(fixed, dtype=object)[code.codes])
    bad = ~pd.Index(ids.categories, dtype="str").str.fullmatch(r"[A-Z]{3}")
    if bad.any():
        bad_loc = int(np.flatnonzero(bad)[0])
        r = int(np.flatnonzero(ids.codes == bad_loc)[0])
        raise VoteDataError.at(
            name,
            row=int(members["row"][r]),
            column="ms_code",
            found=str(ids.categories[bad_loc]),
            expected="an ISO 3166-1 alpha-3 code (three capital letters)",
        )
    return pd.Categorical.from_codes(ids.codes, categories=pd.Index(ids.categories, dtype="str"))


def _text(values: Any) -> Any:
    """A column of text (missing stays missing) from any sequence."""
    return pd.array(np.asarray(values, dtype=object), dtype="str")


def _int_column(votes: pd.DataFrame, column: str, name: str) -> Any:
    raw = votes[column].astype("str").str.strip()
    raw = raw.where(raw != "")
    number = pd.to_numeric(raw, errors="coerce")
    bad = (raw.notna() & (number.isna() | (number < 0) | (number % 1 != 0))).to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise VoteDataError.at(
            name,
            row=int(votes["_row"].iloc[i]),
            column=column,
            found=str(raw.iloc[i]),
            expected="a whole number >= 0 (written 120 or 120.0)",
        )
    return pd.array(number.to_numpy(dtype="float64", na_value=np.nan), dtype="Float64").astype(
        "Int64"
    )


def _dataset(
    votes: pd.DataFrame, members: dict[str, Any], name: str, *, confidence: str, quote: str
) -> VoteDataset:
    votes = votes.sort_values(["date", "undl_id"], kind="stable").reset_index(drop=True)
    dates = _checked_dates(votes, name)
    symbols = votes["resolution"].astype("str").str.strip()
    undl_id = votes["undl_id"].astype("str")
    vote_ids = pd.Index("UNDL-" + undl_id, dtype="str")
    row_vote = _row_votes(members, undl_id, name)
    member_id = _member_ids(members, name)
    _one_row_per_member(members, member_id, row_vote, undl_id, name)
    mark: pd.Categorical = members["ms_vote"]
    to_pos = np.array(
        [POSITION_DTYPE.categories.get_loc(_VOTE_CODES[str(c)]) for c in mark.categories],
        dtype=np.int8,
    )
    pos_codes = to_pos[mark.codes]
    counts = np.zeros((len(votes), len(POSITION_DTYPE.categories)), dtype=np.int64)
    np.add.at(counts, (row_vote, pos_codes), 1)
    links = (
        votes["undl_link"].astype("str")
        if "undl_link" in votes
        else pd.Series(_RECORD_URL + undl_id, dtype="str")
    )
    links = links.where(links.str.startswith("http"), _RECORD_URL + undl_id)
    vote_table = _vote_table(
        votes, dates, symbols, vote_ids, links, counts, name, confidence=confidence, quote=quote
    )
    positions = _position_table(members, row_vote, member_id, pos_codes, vote_ids, links, quote)
    member_table = _members(vote_table, positions)
    return VoteDataset(
        votes=vote_table,
        positions=positions,
        members=member_table,
        **_empty_tables(),
        origin=f"UN Digital Library ({name})",
    )


def _checked_dates(votes: pd.DataFrame, name: str) -> pd.Series:
    """Each vote's date as written, refused unless an ISO date."""
    dates = votes["date"].astype("str").str.strip()
    bad = ~dates.str.fullmatch(r"\d{4}-\d{2}-\d{2}").to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise VoteDataError.at(
            name,
            row=int(votes["_row"].iloc[i]),
            column="date",
            found=dates.iloc[i],
            expected="an ISO date YYYY-MM-DD",
        )
    return dates


def _row_votes(members: dict[str, Any], undl_id: pd.Series, name: str) -> Any:
    """The vote (row of the votes table) of each member row, by record id."""
    id_cats = pd.Index(members["undl_id"].categories, dtype="str")
    row_vote = pd.Index(undl_id).get_indexer(id_cats)[members["undl_id"].codes]
    if (row_vote < 0).any():  # only MARCXML can get here: a 967 before 001
        r = int(np.flatnonzero(row_vote < 0)[0])
        raise VoteDataError.at(
            name,
            row=int(members["row"][r]),
            column="967",
            found=Described("a member's vote outside a record with an id"),
            expected="967 fields inside a <record> whose controlfield 001 comes first",
        )
    return row_vote


def _one_row_per_member(
    members: dict[str, Any], member_id: Any, row_vote: Any, undl_id: pd.Series, name: str
) -> None:
    pair = row_vote.astype(np.int64) * (len(member_id.categories) + 1) + member_id.codes
    dup = pd.Series(pair).duplicated().to_numpy()
    if dup.any():
        r = int(np.flatnonzero(dup)[0])
        raise VoteDataError.at(
            name,
            row=int(members["row"][r]),
            column="ms_code",
            found=Described(
                f"a second row for {member_id[r]} on record {undl_id.iloc[row_vote[r]]}"
            ),
            expected="one row per member per vote",
        )


def _checked_totals(
    votes: pd.DataFrame, counts: Any, name: str, confidence: str
) -> tuple[dict[str, Any], Any, Any]:
    """Totals (the file's, else counted), notes and confidence of each vote.

    A published total that differs from the members listed is kept, said in the
    vote's notes, and lowers its confidence.
    """
    n = len(votes)
    totals: dict[str, Any] = {}
    for column, target in _TOTALS.items():
        if column in votes:
            totals[target] = _int_column(votes, column, name)
    counted = {
        "yes": counts[:, 0],
        "no": counts[:, 1],
        "abstain": counts[:, 2],
        "not_voting": counts[:, 4],
        "seats": counts.sum(axis=1),
    }
    notes = np.full(n, "", dtype=object)
    conf = np.full(n, confidence, dtype=object)
    for target, values in counted.items():
        if target in totals:
            published = pd.Series(totals[target])
            differs = (published.notna() & (published != values)).to_numpy(
                dtype=bool, na_value=False
            )
            for i in map(int, np.flatnonzero(differs)):
                notes[i] += (
                    f"the file's {target} total is {published.iloc[i]} but {values[i]} members "
                    f"are listed so; "
                )
                conf[i] = "low"
        else:
            totals[target] = pd.array(values, dtype="Int64")
    base = "X (listed without a vote) and empty vote cells are not_voting, not abstentions. "
    if not all(c in votes for c in ("total_yes", "total_no", "total_abstentions")):
        base += "Totals counted from the members listed. "
    note = pd.array([(base + extra).strip() for extra in notes], dtype="str")
    return totals, note, conf


def _vote_table(
    votes: pd.DataFrame,
    dates: pd.Series,
    symbols: pd.Series,
    vote_ids: pd.Index,
    links: pd.Series,
    counts: Any,
    name: str,
    *,
    confidence: str,
    quote: str,
) -> pd.DataFrame:
    """The ``votes`` table of the records read."""
    n = len(votes)
    undl_id = votes["undl_id"].astype("str")
    body = _body(symbols)
    library = votes["session"] if "session" in votes else pd.Series(pd.NA, index=votes.index)
    sessions = _sessions(library, symbols, dates, body)
    totals, note, conf = _checked_totals(votes, counts, name, confidence)
    kind = np.where(symbols.str.contains("/DEC/", regex=False), "decision", "resolution")
    adopted = symbols.str.contains("/RES/", regex=False).to_numpy(dtype=bool)
    result = pd.array([("adopted" if a else None) for a in adopted], dtype="str")
    title = votes["title"].astype("str") if "title" in votes else symbols
    title = title.where(title.notna() & (title != ""), symbols)
    table: dict[str, Any] = {
        "vote_id": _text(vote_ids),
        "body": body.to_numpy(),
        "session": _session_dtype(sessions["session"]),
        "date": _text(dates),
        "title": _text(title),
        "subject": pd.array([None] * n, dtype="str"),
        "document": _text(symbols),
        "kind": _text(kind),
        "motion": pd.array([None] * n, dtype="str"),
        "method": pd.array(["recorded vote"] * n, dtype="str"),
        "result": result,
        "yes": totals["yes"],
        "no": totals["no"],
        "abstain": totals["abstain"],
        "not_voting": totals["not_voting"],
        "seats": totals["seats"],
        "voter_unit": pd.array(["state"] * n, dtype="str"),
        "source_url": _text(links),
        "source_quote": pd.array([f"{quote}, record {i}" for i in undl_id], dtype="str"),
        "confidence": pd.Categorical(conf, categories=list(CONFIDENCE), ordered=True),
        "notes": note,
        "undl_id": pd.array(pd.to_numeric(undl_id).to_numpy(dtype="int64"), dtype="Int64"),
        "year": pd.array(
            pd.to_numeric(dates.str.slice(0, 4)).to_numpy(dtype="int64"), dtype="Int64"
        ),
        "undl_session": _text(sessions["undl_session"]),
        "emergency_session": _text(sessions["emergency_session"]),
    }
    for column in _VOTE_EXTRA:
        if column in votes:
            values = votes[column].astype("str")
            table[column] = _text(values.where(values != ""))
    vote_table = pd.DataFrame(table)
    vote_table["body"] = vote_table["body"].astype("str")
    return vote_table


def _position_table(
    members: dict[str, Any],
    row_vote: Any,
    member_id: Any,
    pos_codes: Any,
    vote_ids: pd.Index,
    links: pd.Series,
    quote: str,
) -> pd.DataFrame:
    """The ``positions`` table, ordered by vote and member."""
    if links.is_unique:
        link_cat = pd.Categorical.from_codes(
            row_vote.astype(np.int32), categories=pd.Index(links, dtype="str")
        )
    else:
        link_cat = pd.Categorical(np.asarray(links, dtype=object)[row_vote])
    nrows = len(row_vote)
    ms_name: pd.Categorical = members["ms_name"]
    positions = pd.DataFrame(
        {
            "vote_id": pd.Categorical.from_codes(row_vote.astype(np.int32), categories=vote_ids),
            "member_id": member_id,
            "member": pd.Categorical.from_codes(
                ms_name.codes, categories=pd.Index(ms_name.categories, dtype="str")
            ),
            "constituency": pd.Categorical.from_codes(
                np.zeros(nrows, dtype=np.int8), categories=pd.Index(["state"], dtype="str")
            ),
            "position": pd.Categorical.from_codes(pos_codes, dtype=POSITION_DTYPE),
            "source_url": link_cat,
            "source_quote": pd.Categorical.from_codes(
                np.zeros(nrows, dtype=np.int8),
                categories=pd.Index([f"{quote}: the member's row"], dtype="str"),
            ),
            "notes": pd.Categorical.from_codes(
                np.full(nrows, -1, dtype=np.int8), categories=pd.Index([], dtype="str")
            ),
        }
    )
    order = np.lexsort((member_id.codes, row_vote))
    return positions.iloc[order].reset_index(drop=True)


def _members(votes: pd.DataFrame, positions: pd.DataFrame) -> pd.DataFrame:
    """One row per body and member, ``term`` the years of its first and last vote."""
    vote_codes = positions["vote_id"].cat.codes.to_numpy()
    years = votes["year"].to_numpy(dtype="float64", na_value=np.nan)[vote_codes]
    body = votes["body"].to_numpy(dtype=object)[vote_codes]
    frame = pd.DataFrame(
        {
            "body": body,
            "member_id": positions["member_id"].astype("str"),
            "name": positions["member"].astype("str"),
            "year": years,
        }
    )
    span = frame.groupby(["body", "member_id"], sort=True).agg(
        lo=("year", "min"), hi=("year", "max"), name=("name", "last")
    )
    span = span.reset_index()
    n = len(span)
    out = pd.DataFrame(
        {
            "body": span["body"].astype("str").to_numpy(),
            "term": pd.array(
                [f"{a:.0f}-{b:.0f}" for a, b in zip(span["lo"], span["hi"], strict=True)],
                dtype="str",
            ),
            "member_id": span["member_id"].astype("str").to_numpy(),
            "name": span["name"].astype("str").to_numpy(),
            "constituency": pd.array(["state"] * n, dtype="str"),
            "seat": pd.array([None] * n, dtype="str"),
            "region": pd.array([None] * n, dtype="str"),
            "country": pd.array([None] * n, dtype="str"),
            "source_url": pd.array(["https://digitallibrary.un.org"] * n, dtype="str"),
            "source_quote": pd.array(
                ["years of the member's first and last vote in the voting records"] * n,
                dtype="str",
            ),
            "notes": pd.array([None] * n, dtype="str"),
        }
    )
    return out.astype({c: "str" for c in ("body", "member_id", "name")})


def _empty_tables() -> dict[str, pd.DataFrame]:
    return {
        name: pd.DataFrame({c: pd.Series([], dtype="str") for c in TABLES[name].columns})
        for name in ("group_tallies", "statements", "elections")
    }


def _is_xml(path: Path) -> bool:
    with _open_binary(path, path.name) as stream:
        start = stream.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"<")


def read_undl(
    path: str | Path, *, confidence: str = "high", quote: str | None = None
) -> VoteDataset:
    """Read the UN Digital Library's voting records: bulk CSV or MARCXML.

    The bulk CSV is recognised by its header, whatever the column order: the
    columns of :data:`BULK_COLUMNS`, of which ``undl_id``, ``ms_code``,
    ``ms_name``, ``ms_vote``, ``date`` and ``resolution`` are needed (the files of
    March 2025 and February 2026 differ by ``vote_note``). A plain file, ``.gz``
    or a ``.zip`` holding one file is read in chunks, so the several-hundred-MB
    General Assembly file fits in bounded memory. A file starting with ``<`` is
    read as MARCXML (``001`` id, ``791 $a`` symbol, ``269 $a`` date, ``245 $a``
    title, one ``967`` per member: code in ``$c`` or ``$b``, vote in ``$d``, none
    meaning non-voting, name in ``$e``).

    Positions: ``Y`` yes, ``N`` no, ``A`` abstain; ``X`` (listed without a vote)
    and an empty vote are ``not_voting`` (they are not abstentions). Totals are
    the file's (``total_yes`` …, ``total_ms`` as ``seats``); where they differ
    from the members listed, the vote's ``notes`` say so and its confidence is
    ``low``. Where the file has no totals they are counted.

    ``session`` is the regular General Assembly session running on the vote's
    date, so that ``by="session"`` places emergency special sessions in time
    (see :func:`regular_session`); the Library's own value (``"ES-11"``) is in
    ``undl_session`` and ``emergency_session``. Security Council votes get their
    year as ``session``. ``vote_id`` is ``UNDL-<undl_id>``.

    Parameters
    ----------
    path
        The downloaded file.
    confidence
        Confidence of the totals (``"high"``: the Library's own record).
    quote
        What the ``source_quote`` columns say (default: names the file).

    Returns
    -------
    VoteDataset

    Raises
    ------
    VoteDataError
        For an unknown header (the message shows it), a bad vote code, date,
        record id or total, naming the file, row and column.

    Examples
    --------
    >>> import voteanalysis as va
    >>> ga = va.read_undl("ga_voting.csv")  # doctest: +SKIP
    """
    if confidence not in CONFIDENCE:
        raise ValueError(f"confidence must be one of {', '.join(CONFIDENCE)}, not {confidence!r}")
    path = Path(path)
    if not path.is_file():
        raise VoteDataError.at(
            path.name, found=Described("no such file"), expected="a downloaded voting file"
        )
    name = path.name
    quote_text = quote or f"UN Digital Library voting data ({name})"
    if _is_xml(path):
        votes, members = _read_marc(path, name)
    else:
        votes, members = _read_bulk(path, name)
    return _dataset(votes, members, name, confidence=confidence, quote=quote_text)
