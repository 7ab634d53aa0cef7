"""The UN General Assembly record (Voeten / unvotes), typed in one vectorised pass.

The bundled files in ``data/external/unga/`` are the ``unvotes`` 2021 tables as
published (see ``SOURCE.md`` there); this module turns them into a
:class:`~voteanalysis.VoteDataset` without the row-by-row schema checks, which
would take far longer than the record is worth re-checking on every load.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from ..arguments import check_choice
from ..dataset import VoteDataset
from ..errors import VoteDataError
from ..schema import CONFIDENCE, POSITION_DTYPE, TABLES
from .paths import bundled_dir

__all__ = [
    "SEAM_NOTE",
    "UNGA_CITATION",
    "UNGA_URL",
    "build_unga",
    "join_undl",
    "load_unga",
    "load_voeten",
    "read_voeten",
    "record_dir",
    "undl_dir",
    "unga_dir",
    "write_record",
]

#: Where the data are published (Harvard Dataverse handle of Voeten's dataset).
UNGA_URL = "https://hdl.handle.net/1902.1/12379"
#: The citation the data's author asks for.
UNGA_CITATION = (
    "Erik Voeten, Anton Strezhnev and Michael Bailey, United Nations General Assembly "
    "Voting Data, Harvard Dataverse, hdl:1902.1/12379; as packaged by unvotes "
    "(D. Robinson et al., github.com/dgrtwo/unvotes, commit 7eb7034, 2021)"
)
_POSITIONS_QUOTE = "unvotes un_votes table: one row per roll call and country"
_VOTES_NOTE = (
    "Totals counted from the positions in the record (derived, not published); "
    "absent members were dropped upstream, so not_voting is unknown. "
    "kind: 'amendment' where the source flags one (coded until 1985), else 'resolution'."
)
_ISSUES = ("me", "nu", "di", "hr", "co", "ec")
# Voeten's vote codes; 9 is "not a member" (see read_voeten for what becomes of it).
_VOETEN_CODES = {1: "yes", 2: "abstain", 3: "no", 8: "absent", 9: "ineligible"}


def unga_dir() -> Path:
    """Folder of the bundled UN General Assembly files (installed package or checkout)."""
    return bundled_dir("external", "unga", probe="un_votes.csv.gz")


def _id_tables(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    m49 = pd.read_csv(
        folder / "m49.csv",
        dtype=str,
        keep_default_na=False,
        usecols=["iso3", "iso2", "name_en", "cow_code"],
    )
    extra = pd.read_csv(folder / "member_ids.csv", dtype=str, keep_default_na=False)
    return m49, extra


def _member_ids(
    keys: pd.Series, dates: np.ndarray, extra: pd.DataFrame, key: str, default: dict[str, str]
) -> np.ndarray:
    """Member id per row: ``default`` by key, then the dated rows of ``member_ids.csv``.

    ``keys`` is categorical, so the lookup is done once per category, and only the
    few members whose id depends on the date are looked at row by row.
    """
    cats = keys.cat.categories
    codes = keys.cat.codes.to_numpy()
    per_cat = np.array([default.get(str(c), "") for c in cats] + [""], dtype=object)
    out = per_cat[codes]  # code -1 (missing) picks the trailing ""
    for value, rules in extra[extra[key] != ""].groupby(key, sort=False):
        loc = cats.get_indexer(pd.Index([value]))[0]
        if loc < 0:
            continue
        rows = np.flatnonzero(codes == loc)
        for rule in rules.itertuples():
            hit = np.ones(len(rows), dtype=bool)
            if rule.start:
                hit &= dates[rows] >= rule.start
            if rule.end:
                hit &= dates[rows] <= rule.end
            out[rows[hit]] = rule.member_id
    return out


def _names_at_time(
    member: pd.Categorical, member_id: pd.Categorical, dates: np.ndarray, extra: pd.DataFrame
) -> pd.Categorical:
    """The member's name at the time of each vote, where ``member_ids.csv`` dates one.

    A row of ``member_ids.csv`` with a ``start`` or an ``end`` gives the name its
    ``member_id`` bore between those dates (``RUS`` is the USSR before 1991-12-24,
    ``SRB`` is Serbia, not the source's "Yugoslavia"); other rows keep the name as
    written in the source.
    """
    dated = extra[(extra["start"] != "") | (extra["end"] != "")]
    if not len(dated):
        return member
    new = [n for n in dict.fromkeys(dated["name"]) if n not in member.categories]
    out = member.add_categories(new) if new else member
    codes = out.codes.copy()
    id_codes = member_id.codes
    for rule in dated.itertuples():
        loc = member_id.categories.get_indexer(pd.Index([rule.member_id]))[0]
        if loc < 0:
            continue
        rows = np.flatnonzero(id_codes == loc)
        hit = np.ones(len(rows), dtype=bool)
        if rule.start:
            hit &= dates[rows] >= rule.start
        if rule.end:
            hit &= dates[rows] <= rule.end
        codes[rows[hit]] = int(out.categories.get_loc(rule.name))  # type: ignore[arg-type]
    return pd.Categorical.from_codes(codes, dtype=out.dtype)


def _last_names(member_id: pd.Categorical, member: pd.Categorical) -> dict[str, str]:
    """Each member's name at its latest row (rows are in roll-call order)."""
    codes = member_id.codes[::-1]
    _, last = np.unique(codes, return_index=True)
    rows = len(codes) - 1 - last
    return dict(zip(member_id.categories, np.asarray(member[rows]), strict=True))


def _categorical_ids(ids: np.ndarray) -> pd.Categorical:
    codes, uniques = pd.factorize(ids, sort=True)
    return pd.Categorical.from_codes(codes, categories=pd.Index(uniques, dtype="str"))


def _constant(value: str | None, n: int) -> pd.Categorical:
    if value is None:
        return pd.Categorical.from_codes(
            np.full(n, -1, dtype=np.int8), categories=pd.Index([], dtype="str")
        )
    return pd.Categorical.from_codes(
        np.zeros(n, dtype=np.int8), categories=pd.Index([value], dtype="str")
    )


def _votes_table(
    calls: pd.DataFrame,
    counts: np.ndarray,
    issues: pd.DataFrame | None,
    *,
    quote_prefix: str,
    note: str,
) -> pd.DataFrame:
    """Votes in schema order, then the source's own columns."""
    n = len(calls)
    rcid = calls["rcid"].to_numpy()
    session = calls["session"].astype("int64")
    sessions = [str(s) for s in sorted(session.unique())]
    short = calls["short"] if "short" in calls else pd.Series([None] * n, dtype="str")
    descr = calls["descr"] if "descr" in calls else pd.Series([None] * n, dtype="str")
    title = short.where(short.notna(), descr.str.slice(0, 200))
    title = title.where(title.notna(), calls["unres"]).fillna("(no title in the source)")
    amend = calls["amend"] if "amend" in calls else pd.Series([pd.NA] * n)
    date = calls["date"].astype("str").where(calls["date"].notna())
    out: dict[str, Any] = {
        "vote_id": pd.array([f"UNGA-{r}" for r in rcid], dtype="str"),
        "body": "UNGA",
        "session": pd.Categorical(session.astype("str"), categories=sessions, ordered=True),
        "date": date,
        "title": title.astype("str"),
        "subject": pd.array([None] * n, dtype="str"),
        "document": calls["unres"].astype("str"),
        "kind": np.where(
            amend.astype("Float64").fillna(0).to_numpy() == 1, "amendment", "resolution"
        ),
        "motion": pd.array([None] * n, dtype="str"),
        "method": pd.array([None] * n, dtype="str"),
        "result": pd.array([None] * n, dtype="str"),
        "yes": pd.array(counts[:, 0], dtype="Int64"),
        "no": pd.array(counts[:, 1], dtype="Int64"),
        "abstain": pd.array(counts[:, 2], dtype="Int64"),
        "not_voting": pd.array([None] * n, dtype="Int64"),
        "seats": pd.array([None] * n, dtype="Int64"),
        "voter_unit": "state",
        "source_url": UNGA_URL,
        "source_quote": pd.array([f"{quote_prefix}, rcid {r}" for r in rcid], dtype="str"),
        "confidence": pd.Categorical(["medium"] * n, categories=list(CONFIDENCE), ordered=True),
        "notes": note,
        "rcid": pd.array(rcid, dtype="Int64"),
        "year": pd.to_numeric(date.str.slice(0, 4), errors="coerce").astype("Int64"),
        "short": short.astype("str"),
        "descr": descr.astype("str"),
        "importantvote": calls["importantvote"].astype("Float64").astype("boolean"),
    }
    if "amend" in calls:
        out["amend"] = calls["amend"].astype("Float64").astype("boolean")
        out["para"] = calls["para"].astype("Float64").astype("boolean")
    if issues is not None:
        flags = np.zeros((n, len(_ISSUES)), dtype=bool)
        known = issues["short_name"].isin(_ISSUES).to_numpy()
        rows = np.searchsorted(rcid, issues["rcid"].to_numpy()[known])
        cols = pd.Index(_ISSUES).get_indexer(pd.Index(issues["short_name"].to_numpy()[known]))
        flags[rows, cols] = True
        out["issues"] = pd.array(
            [";".join(c for c, f in zip(_ISSUES, row, strict=True) if f) or None for row in flags],
            dtype="str",
        )
        for j, c in enumerate(_ISSUES):
            out[c] = flags[:, j]
    else:
        for c in _ISSUES:
            out[c] = calls[c].astype("Float64").astype("boolean").to_numpy()
    frame = pd.DataFrame(out)
    for c in ("body", "voter_unit", "source_url", "notes"):
        frame[c] = frame[c].astype("str")
    frame["kind"] = frame["kind"].astype("str")
    return frame


def _members_table(
    member_id: pd.Categorical, years: np.ndarray, names: dict[str, str], notes: dict[str, str]
) -> pd.DataFrame:
    """One row per member: the years of its first and last vote, as the ``term``."""
    span = pd.Series(years).groupby(member_id.codes).agg(["min", "max"])
    ids = [str(i) for i in member_id.categories[span.index]]
    term = [f"{lo:.0f}-{hi:.0f}" for lo, hi in zip(span["min"], span["max"], strict=True)]
    n = len(ids)
    return pd.DataFrame(
        {
            "body": pd.array(["UNGA"] * n, dtype="str"),
            "term": pd.array(term, dtype="str"),
            "member_id": pd.array(ids, dtype="str"),
            "name": pd.array([names.get(i, i) for i in ids], dtype="str"),
            "constituency": pd.array(["state"] * n, dtype="str"),
            "seat": pd.array([None] * n, dtype="str"),
            "region": pd.array([None] * n, dtype="str"),
            "country": pd.array([None] * n, dtype="str"),
            "source_url": pd.array([UNGA_URL] * n, dtype="str"),
            "source_quote": pd.array(
                ["years of the member's first and last vote in the record"] * n, dtype="str"
            ),
            "notes": pd.array([notes.get(i) for i in ids], dtype="str"),
        }
    )


def _positions_table(
    vote_codes: np.ndarray,
    vote_ids: pd.Index,
    member_id: pd.Categorical,
    member: pd.Categorical,
    position: pd.Categorical,
    quote: str,
) -> pd.DataFrame:
    n = len(vote_codes)
    frame = pd.DataFrame(
        {
            "vote_id": pd.Categorical.from_codes(vote_codes, categories=vote_ids),
            "member_id": member_id,
            "member": member,
            "constituency": _constant("state", n),
            "position": position,
            "source_url": _constant(UNGA_URL, n),
            "source_quote": _constant(quote, n),
            "notes": _constant(None, n),
        }
    )
    return frame


def _empty_tables() -> dict[str, pd.DataFrame]:
    return {
        name: pd.DataFrame({c: pd.Series([], dtype="str") for c in TABLES[name].columns})
        for name in ("group_tallies", "statements", "elections")
    }


def load_voeten() -> VoteDataset:
    """Load Voeten's UN General Assembly record alone, 1946–2020 (sessions 1–74).

    6,203 recorded votes and 870,109 positions (yes / no / abstain; the source
    drops absences and non-members), from Erik Voeten's data as packaged by
    ``unvotes`` in 2021. :func:`load_unga` (``load_dataset("unga")``) joins it
    with the UN Digital Library's records after January 2020.

    Members are ISO 3166-1 alpha-3 codes; withdrawn ISO codes (ISO 3166-3) for
    historical members (``CSK``, ``DDR``, ``YMD``, ``YUG``, ``SCG``); and ids of our
    own from ISO's never-assigned ``X`` range for the three members with no ISO
    code: ``XFG`` Federal Republic of Germany, ``XYA`` Yemen Arab Republic, ``XZA``
    Zanzibar. The source's "Russia" includes the USSR: one member ``RUS``, as the
    Russian Federation continued the USSR's membership, whose ``member`` name is
    "USSR" on votes before 1991-12-24 and "Russia" from then on. The source's
    "Yugoslavia" is ``YUG``, ``SCG`` ("Serbia and Montenegro") and ``SRB``
    ("Serbia") by date; see ``data/external/unga/SOURCE.md``. ``members.name`` is
    the name at the member's latest vote.

    ``votes`` has the schema's columns (``session`` is an ordered categorical,
    ``"1"`` … ``"74"``; totals are counted from the positions) and the source's:
    ``rcid``, ``year`` (of the date), ``short``, ``descr``, ``importantvote``,
    ``amend``, ``para``, ``issues`` (``;``-joined codes) and one boolean per issue
    code (``me`` Palestinian conflict, ``nu`` nuclear weapons, ``di`` arms control,
    ``hr`` human rights, ``co`` colonialism, ``ec`` economic development).
    The positions' text columns are categoricals, to keep 870k rows small.

    Examples
    --------
    >>> from voteanalysis.io.unga import load_voeten
    >>> voeten = load_voeten()
    >>> len(voeten.votes), len(voeten.positions)
    (6203, 870109)
    """
    folder = unga_dir()
    calls, issues, votes, vote_codes = _read_unvotes(folder)
    rcids = calls["rcid"].to_numpy()
    call_dates = calls["date"].astype("str").to_numpy()
    dates = call_dates[vote_codes]

    ids, extra = _unvotes_ids(folder, votes, dates)
    member_id = _categorical_ids(ids)
    vote_cat = votes["vote"].cat
    to_position = np.array(
        [POSITION_DTYPE.categories.get_loc(str(v)) for v in vote_cat.categories], dtype=np.int8
    )
    pos_codes = to_position[vote_cat.codes.to_numpy()]
    position = pd.Categorical.from_codes(pos_codes, dtype=POSITION_DTYPE)
    member = (
        votes["country"]
        .cat.rename_categories(pd.Index(votes["country"].cat.categories, dtype="str"))
        .array
    )

    counts = np.zeros((len(rcids), 3), dtype=np.int64)
    np.add.at(counts, (vote_codes, pos_codes), 1)
    table = _votes_table(
        calls,
        counts,
        issues,
        quote_prefix="unvotes un_roll_calls and un_votes tables",
        note=_VOTES_NOTE,
    )
    vote_ids = pd.Index(table["vote_id"], dtype="str")
    shown = _names_at_time(pd.Categorical(member), member_id, dates, extra)
    positions = _positions_table(
        vote_codes.astype(np.int32),
        vote_ids,
        member_id,
        shown,
        position,
        _POSITIONS_QUOTE,
    )
    names = _last_names(member_id, shown)
    notes = {str(r.member_id): str(r.note) for r in extra.itertuples()}
    years = table["year"].to_numpy(dtype="float64", na_value=np.nan)[vote_codes]
    members = _members_table(member_id, years, names, notes)
    return VoteDataset(
        votes=table,
        positions=positions,
        members=members,
        **_empty_tables(),
        origin="UN General Assembly (Voeten / unvotes 2021)",
    )


def _read_unvotes(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, Any]:
    """The unvotes tables (roll calls by rcid, issues, votes) and each vote's roll call."""
    calls = pd.read_csv(folder / "un_roll_calls.csv.gz", keep_default_na=False, na_values=[""])
    calls = calls.sort_values("rcid", kind="stable").reset_index(drop=True)
    issues = pd.read_csv(
        folder / "un_roll_call_issues.csv.gz", keep_default_na=False, na_values=[""]
    )
    votes = pd.read_csv(
        folder / "un_votes.csv.gz",
        keep_default_na=False,
        na_values=[""],
        dtype={
            "rcid": "int32",
            "country": "category",
            "country_code": "category",
            "vote": "category",
        },
    )
    rcids = calls["rcid"].to_numpy()
    vote_codes = np.searchsorted(rcids, votes["rcid"].to_numpy())
    if (vote_codes >= len(rcids)).any() or (rcids[vote_codes] != votes["rcid"]).any():
        raise VoteDataError.at(
            "un_votes.csv.gz",
            column="rcid",
            found="a roll call id missing from un_roll_calls.csv.gz",
            expected="every rcid of un_votes in un_roll_calls",
        )
    return calls, issues, votes, vote_codes


def _unvotes_ids(folder: Path, votes: pd.DataFrame, dates: Any) -> tuple[Any, pd.DataFrame]:
    """Each vote row's member id (by ISO2 code and date), and the kit's own id table."""
    m49, extra = _id_tables(folder)
    by_iso2 = dict(zip(m49["iso2"], m49["iso3"], strict=True))
    by_name = {
        c: by_iso2.get(str(code), "")
        for c, code in votes[["country", "country_code"]].drop_duplicates().itertuples(index=False)
    }
    ids = _member_ids(votes["country"], dates, extra, "country", by_name)
    if (ids == "").any():
        missing = sorted(set(votes.loc[ids == "", "country"].astype(str)))
        raise VoteDataError.at(
            "un_votes.csv.gz",
            column="country",
            found=missing[0],
            expected="a country with an ISO2 code in m49.csv or a row in member_ids.csv",
        )
    return ids, extra


def read_voeten(
    path: str | Path, *, nonmember: Literal["drop", "ineligible"] = "drop"
) -> VoteDataset:
    """Read Voeten's raw release (``UNVotesPublished``, one row per roll call and state).

    Unlike the ``unvotes`` tables, the raw release keeps every state for every
    roll call, with vote codes 1 yes, 2 abstain, 3 no, 8 absent and 9 not a
    member. Code 8 becomes ``absent``. Code 9 is dropped by default: a state that
    was not a member could not vote, and keeping it would add a row for every
    state that did not yet exist. ``nonmember="ineligible"`` keeps those rows
    with position ``ineligible``. States are identified by Correlates of War code
    (``ccode``) and mapped to the same ids as :func:`load_unga`.

    Parameters
    ----------
    path
        A CSV (optionally gzipped) with at least ``rcid``, ``session``, ``vote``,
        ``ccode`` and ``date``; ``importantvote``, ``unres`` and the issue flags
        ``me nu di hr co ec`` are used when present.
    nonmember
        ``"drop"`` (default) or ``"ineligible"``; another value is a
        :class:`ValueError` naming these.

    Raises
    ------
    VoteDataError
        For an unknown vote code or state code, naming the row.
    """
    check_choice("read_voeten", "nonmember", nonmember, ("drop", "ineligible"))
    path = Path(path)
    raw = _read_raw_voeten(path, nonmember)
    calls = raw.drop_duplicates("rcid").sort_values("rcid", kind="stable")
    calls = calls.reset_index(drop=True)
    for c in ("importantvote", "unres", *_ISSUES):
        if c not in calls:
            calls[c] = pd.NA
    rcids = calls["rcid"].to_numpy()
    vote_codes = np.searchsorted(rcids, raw["rcid"].to_numpy())
    dates = raw["date"].astype("str").fillna("").to_numpy()

    folder = unga_dir()
    m49, extra = _id_tables(folder)
    by_cow = {c: i for c, i in zip(m49["cow_code"], m49["iso3"], strict=True) if c}
    ccode = raw["ccode"].astype("Int64").astype("str").astype("category")
    ids = _member_ids(ccode, dates, extra, "cow_code", by_cow)
    if (ids == "").any():
        i = int(np.flatnonzero(ids == "")[0])
        raise VoteDataError.at(
            path.name,
            column="ccode",
            found=raw["ccode"].iloc[i],
            expected="a Correlates of War code of a UN member",
        )
    member_id = _categorical_ids(ids)
    names = dict(zip(m49["iso3"], m49["name_en"], strict=True))
    names.update(zip(extra["member_id"], extra["name"], strict=True))
    member_names = np.array([names.get(i, i) for i in member_id.categories], dtype=object)
    member = _names_at_time(pd.Categorical(member_names[member_id.codes]), member_id, dates, extra)
    pos_names = pd.Series(raw["vote"].map(_VOETEN_CODES), dtype=POSITION_DTYPE)
    position = pd.Categorical(pos_names, dtype=POSITION_DTYPE)
    pos_codes = position.codes
    counts = np.zeros((len(rcids), len(POSITION_DTYPE.categories)), dtype=np.int64)
    np.add.at(counts, (vote_codes, pos_codes), 1)
    note = (
        "Totals counted from the positions in the record (derived, not published); "
        f"non-members {'dropped' if nonmember == 'drop' else 'kept as ineligible'}."
    )
    table = _votes_table(
        calls, counts[:, :3], None, quote_prefix=f"Voeten raw release ({path.name})", note=note
    )
    table["not_voting"] = pd.array(counts[:, 3], dtype="Int64")
    positions = _positions_table(
        vote_codes.astype(np.int32),
        pd.Index(table["vote_id"]),
        member_id,
        member,
        position,
        f"Voeten raw release ({path.name}): row for this rcid and ccode",
    )
    member_notes = {str(r.member_id): str(r.note) for r in extra.itertuples()}
    years = table["year"].to_numpy(dtype="float64", na_value=np.nan)[vote_codes]
    seated = position.codes != POSITION_DTYPE.categories.get_loc("ineligible")
    members = _members_table(member_id[seated], years[seated], names, member_notes)
    return VoteDataset(
        votes=table, positions=positions, members=members, **_empty_tables(), origin=path.name
    )


def _read_raw_voeten(path: Path, nonmember: str) -> pd.DataFrame:
    """The raw release's rows, its columns and vote codes checked (non-members dropped)."""
    raw = pd.read_csv(path, keep_default_na=False, na_values=["", "NA"])
    needed = ["rcid", "session", "vote", "ccode", "date"]
    for column in needed:
        if column not in raw.columns:
            raise VoteDataError.at(
                path.name,
                row=1,
                column=column,
                found="no such column",
                expected="Voeten's columns " + ", ".join(needed),
            )
    bad = ~raw["vote"].isin(list(_VOETEN_CODES))
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise VoteDataError.at(
            path.name,
            row=i + 2,
            column="vote",
            found=raw["vote"].iloc[i],
            expected="a vote code 1, 2, 3, 8 or 9",
        )
    if nonmember == "drop":
        raw = raw[raw["vote"] != 9].reset_index(drop=True)
    return raw


# ------------------------------------------------------------ the record to 2025

#: What changes where Voeten's record ends and the UN Digital Library's begins.
SEAM_NOTE = (
    "Votes to 14 January 2020 (sessions 1-74) are Voeten's record as packaged by unvotes "
    "(record_source 'unvotes'): every recorded vote, amendments and separate paragraphs "
    "included, with absent members dropped. Later votes are the UN Digital Library's "
    "voting records (record_source 'undl'): adopted resolutions (and a few decisions) "
    "only, with no votes on amendments or paragraphs; every member is listed, and 'X' "
    "(listed without a vote) is not_voting, never an abstention. Roll calls held by both "
    "are kept once, from Voeten, matched on the resolution symbol."
)
_UNDL_FILE = "ga_votes_2020_2025.csv.gz"
_UNDL_QUOTE = (
    "UN Digital Library voting record rebuilt from the lefthand67/un_votes scraper logs "
    "(data/external/undl/SOURCE.md; totals counted from the member list)"
)


def undl_dir() -> Path:
    """Folder of the bundled UN Digital Library files (installed package or checkout)."""
    return bundled_dir("external", "undl", probe=_UNDL_FILE)


def _symbol_key(symbols: pd.Series) -> pd.Series:
    """Symbols compared without spaces or case; unvotes' ``R/68/262`` is ``A/RES/68/262``."""
    key = symbols.astype("str").str.replace(r"\s+", "", regex=True).str.upper()
    return key.str.replace(r"^R/", "A/RES/", regex=True)


def _emergency(symbols: pd.Series) -> pd.Series:
    """``ES-n`` from a symbol: ``A/RES/ES-10/19``, or unvotes' ``ESS/1/126A``."""
    text = symbols.astype("str")
    found = text.str.extract(r"/(ES-\d+)/", expand=False)
    old = "ES-" + text.str.extract(r"^ESS/(\d+)/", expand=False)
    return found.where(found.notna(), old).astype("str")


def _with_record_columns(data: VoteDataset, source: str) -> pd.DataFrame:
    votes = data.votes.copy()
    if "record_source" not in votes:
        votes["record_source"] = pd.array([source] * len(votes), dtype="str")
    if "emergency_session" not in votes:
        votes["emergency_session"] = _emergency(votes["document"])
    for column in ("amend", "para", "importantvote", *_ISSUES):
        if column in votes and votes[column].dtype == bool:
            votes[column] = votes[column].astype("boolean")
    return votes


def _union(columns: list[pd.Series], *, sort: bool = False) -> pd.Categorical:
    cats = [pd.Categorical(c) for c in columns]
    out = union_categoricals(cats, sort_categories=sort, ignore_order=True)
    return pd.Categorical.from_codes(out.codes, categories=pd.Index(out.categories, dtype="str"))


def _usual_names(member_id: pd.Series) -> pd.Categorical:
    """The usual English name of each row's member (the Library writes ``RUSSIAN FEDERATION``)."""
    from .names import usual_name

    ids = member_id.astype("category")
    names = np.array([usual_name(str(c)) for c in ids.cat.categories], dtype=object)
    codes, uniques = pd.factorize(names[ids.cat.codes.to_numpy()], sort=True)
    return pd.Categorical.from_codes(codes, categories=pd.Index(uniques, dtype="str"))


def join_undl(
    base: VoteDataset, newer: VoteDataset, *, source: str = "undl"
) -> tuple[VoteDataset, pd.DataFrame]:
    """Add a newer file's General Assembly votes to a record, without duplicates.

    A vote of ``newer`` is added only when neither its document symbol (without
    spaces or case) nor its UN Digital Library record id (``undl_id``) is already
    in ``base``; a vote held by both keeps ``base``'s copy. Votes of other bodies
    (the Security Council) are left out. The added positions' ``member`` is the
    member's usual English name, as on the older votes (the Library writes its own
    upper-case spelling).

    Parameters
    ----------
    base
        The record so far (e.g. :func:`load_voeten`).
    newer
        What :func:`~voteanalysis.read_undl` read.
    source
        The ``record_source`` written on the added votes.

    Returns
    -------
    (VoteDataset, pandas.DataFrame)
        The joined record, and the votes added (``vote_id``, ``document``,
        ``date``, ``session``, ``undl_session``), in date order.
    """
    old = _with_record_columns(base, "unvotes")
    new = _with_record_columns(newer, source)
    new = new[new["body"] == "UNGA"]
    held = set(_symbol_key(old["document"].dropna()))
    held_ids = set(old["undl_id"].dropna().astype("int64")) if "undl_id" in old else set()
    fresh = ~_symbol_key(new["document"]).isin(held)
    if "undl_id" in new:
        fresh &= ~new["undl_id"].astype("Int64").isin(held_ids).fillna(False).to_numpy()
    new = new[fresh.to_numpy()]
    sessions = sorted(
        {*old["session"].astype("str"), *new["session"].dropna().astype("str")},
        key=lambda s: (not s.isdigit(), int(s) if s.isdigit() else 0, s),
    )
    votes = pd.concat([old, new], ignore_index=True)
    votes["session"] = pd.Categorical(
        votes["session"].astype("str"), categories=pd.Index(sessions, dtype="str"), ordered=True
    )
    votes["confidence"] = pd.Categorical(
        votes["confidence"].astype("str"), categories=list(CONFIDENCE), ordered=True
    )
    for column in votes.columns:
        if votes[column].dtype == object:
            votes[column] = votes[column].astype("str")

    keep = pd.Index(new["vote_id"], dtype="str")
    pos_new = newer.positions[newer.positions["vote_id"].isin(keep)]
    pos_new = pos_new.assign(member=_usual_names(pos_new["member_id"]))
    pos_old = base.positions
    vote_ids = pd.Index(votes["vote_id"].to_numpy(), dtype="str")
    codes = np.concatenate(
        [
            vote_ids.get_indexer(pd.Index(pos_old["vote_id"].cat.categories))[
                pos_old["vote_id"].cat.codes.to_numpy()
            ],
            vote_ids.get_indexer(pd.Index(pos_new["vote_id"].cat.categories))[
                pos_new["vote_id"].cat.codes.to_numpy()
            ],
        ]
    ).astype(np.int32)
    out: dict[str, Any] = {
        "vote_id": pd.Categorical.from_codes(codes, categories=vote_ids),
        "member_id": _union([pos_old["member_id"], pos_new["member_id"]], sort=True),
        "position": pd.Categorical.from_codes(
            np.concatenate(
                [pos_old["position"].cat.codes.to_numpy(), pos_new["position"].cat.codes.to_numpy()]
            ),
            dtype=POSITION_DTYPE,
        ),
    }
    for column in ("member", "constituency", "source_url", "source_quote", "notes"):
        out[column] = _union([pos_old[column], pos_new[column]])
    positions = pd.DataFrame(out)[list(base.positions.columns)]

    members = pd.concat([base.members, newer.members[newer.members["body"] == "UNGA"]])
    span = members["term"].str.split("-", expand=True).astype("int64")
    members = members.assign(_lo=span[0], _hi=span[1]).sort_values("_lo", kind="stable")
    first = members.groupby("member_id", sort=True).first()
    lo = members.groupby("member_id")["_lo"].min()
    hi = members.groupby("member_id")["_hi"].max()
    first["term"] = [f"{a}-{b}" for a, b in zip(lo, hi, strict=True)]
    members = first.reset_index()[list(base.members.columns)]
    members = members.astype({c: "str" for c in members.columns})

    added = new[["vote_id", "document", "date", "session", "undl_session"]].copy()
    added = added.sort_values("date", kind="stable").reset_index(drop=True)
    joined = VoteDataset(
        votes=votes,
        positions=positions,
        members=members,
        group_tallies=base.group_tallies,
        statements=base.statements,
        elections=base.elections,
        origin=base.origin,
    )
    return joined, added


def load_unga(*, update: str | Path | None = None) -> VoteDataset:
    """Load the UN General Assembly record, 1946 to October 2025.

    Voeten's record (:func:`load_voeten`, sessions 1–74 to 14 January 2020) joined
    with the UN Digital Library's voting records after it (the bundled
    ``data/external/undl/ga_votes_2020_2025.csv.gz``, to 29 October 2025): one
    vote per roll call, matched on the resolution symbol at the seam. Usually
    reached as ``load_dataset("unga")``.

    What changes at the seam (also in ``votes.attrs["seam"]`` and in the notes
    of every later vote): after January 2020 the record holds adopted
    resolutions only, no votes on amendments or separate paragraphs; every
    member is listed, and ``X`` (listed without a vote) is ``not_voting``, not
    an abstention (Voeten's record drops absent members instead). The column
    ``record_source`` says where each vote comes from (``unvotes`` or
    ``undl``; ``update`` for votes a newer file added).

    ``session`` is the regular session (``"1"`` … ``"80"``); the votes of the
    emergency special sessions keep ``emergency_session`` (``"ES-10"``,
    ``"ES-11"``) and their symbol, and sit in the regular session running on
    their date (as Voeten places A/RES/ES-10/19 in session 72), so that
    ``by="session"`` analyses place them in time.

    Parameters
    ----------
    update
        A newer download of the Library's General Assembly file (bulk CSV or
        MARCXML, see :func:`~voteanalysis.read_undl`). Its votes not already
        held (by symbol or record id) are added; ``votes.attrs["update"]`` lists
        them (an empty table when nothing was new).

    Returns
    -------
    VoteDataset

    Examples
    --------
    >>> import voteanalysis as va
    >>> unga = va.load_dataset("unga")
    >>> es = unga.votes.set_index("document").loc["A/RES/ES-11/1"]
    >>> es["session"], es["emergency_session"], int(es["yes"]), int(es["no"])
    ('76', 'ES-11', 141, 5)
    """
    record = _read_record(record_dir())
    if record is None:
        record = build_unga()
    if update is not None:
        from .undl import read_undl

        newer = read_undl(update)
        newer.votes["notes"] = (SEAM_NOTE + " " + newer.votes["notes"].fillna("")).str.strip()
        record, added = join_undl(record, newer, source="update")
        record.votes.attrs["update"] = added
        record.origin += f"; updated from {Path(update).name} ({len(added)} votes added)"
    record.votes.attrs["seam"] = SEAM_NOTE
    return record


_ORIGIN = (
    "UN General Assembly (Voeten / unvotes 2021 to January 2020, "
    "UN Digital Library to October 2025)"
)
_RECORD_DIR = "unga-record"


def record_dir() -> Path:
    """Folder of the joined 1946–2025 record the loader reads (see its SOURCE.md).

    In a checkout where it was not built yet, the folder :func:`write_record` fills.
    """
    try:
        return bundled_dir("external", _RECORD_DIR, probe="SOURCE.md")
    except VoteDataError:
        return Path(__file__).resolve().parents[3] / "data" / "external" / _RECORD_DIR


def build_unga() -> VoteDataset:
    """Join the bundled sources into the 1946–2025 record (what :func:`load_unga` reads).

    Slower than :func:`load_unga`, which reads the same tables from the compact
    copy :func:`write_record` keeps in ``data/external/unga-record/`` (a test
    checks that the copy equals this).
    """
    from .undl import read_undl

    voeten = load_voeten()
    undl = read_undl(undl_dir() / _UNDL_FILE, confidence="medium", quote=_UNDL_QUOTE)
    undl.votes["notes"] = (SEAM_NOTE + " " + undl.votes["notes"].fillna("")).str.strip()
    joined, _ = join_undl(voeten, undl)
    joined.origin = _ORIGIN
    joined.votes.attrs["seam"] = SEAM_NOTE
    return joined


def _replace(path: Path, write: Any) -> None:
    """Write through a fresh temporary file beside ``path``, then move it into place."""
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_record(folder: str | Path | None = None) -> list[Path]:
    """Write the joined record (``make unga-record``): two Parquet files and an ``.npz``.

    ``votes.parquet`` and ``members.parquet`` keep every column and dtype;
    ``positions.npz`` holds each categorical column of the positions as its codes
    and its categories (no pickles), which loads in a small fraction of the time
    of the gzipped CSVs it comes from.
    """
    out = Path(folder) if folder is not None else record_dir()
    out.mkdir(parents=True, exist_ok=True)
    data = build_unga()
    arrays: dict[str, np.ndarray] = {}
    for column in data.positions.columns:
        cat = data.positions[column].cat
        arrays[f"{column}.codes"] = cat.codes.to_numpy()
        arrays[f"{column}.categories"] = np.asarray(cat.categories.astype("str"), dtype=str)
    written = [out / "votes.parquet", out / "members.parquet", out / "positions.npz"]
    votes = data.votes.copy()
    votes.attrs = {}
    _replace(written[0], lambda p: votes.to_parquet(p, index=False))
    _replace(written[1], lambda p: data.members.to_parquet(p, index=False))

    def _npz(p: str) -> None:
        with open(p, "wb") as fh:
            np.savez_compressed(fh, allow_pickle=False, **arrays)

    _replace(written[2], _npz)
    return written


def _read_record(folder: Path) -> VoteDataset | None:
    files = [folder / "votes.parquet", folder / "members.parquet", folder / "positions.npz"]
    if not all(f.is_file() for f in files):
        return None
    votes = pd.read_parquet(files[0])
    members = pd.read_parquet(files[1])
    columns = TABLES["positions"].columns
    with np.load(files[2], allow_pickle=False) as z:
        out: dict[str, Any] = {}
        for column in columns:
            codes = z[f"{column}.codes"]
            if column == "position":
                out[column] = pd.Categorical.from_codes(codes, dtype=POSITION_DTYPE)
            else:
                cats = pd.Index(z[f"{column}.categories"].tolist(), dtype="str")
                out[column] = pd.Categorical.from_codes(codes, categories=cats)
    return VoteDataset(
        votes=votes,
        positions=pd.DataFrame(out),
        members=members,
        **_empty_tables(),
        origin=_ORIGIN,
    )
