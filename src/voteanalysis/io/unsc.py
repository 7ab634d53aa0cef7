"""The UN Security Council record: adopted resolutions, failed drafts and vetoes.

Three sources, bundled in ``data/external/unsc/`` (see ``SOURCE.md`` there):

- the UN Digital Library's voting records of adopted resolutions, 1946 – October
  2025, every member's vote (``sc_resolutions.csv.gz``, ``sc_votes.csv.gz``);
- a compilation of the votes on draft resolutions, 1994 – June 2025, with the
  drafts that failed: vetoed, or short of the votes needed
  (``sc_voting_from_xlsx.csv.gz``);
- the Dag Hammarskjöld Library's official list of vetoes, 1946 – May 2022
  (``veto_list_parsed.csv.gz``), which names only the permanent member(s) that
  vetoed: the other members' votes on those drafts are not known here.

Adopted resolutions come from the Library's records; failed drafts from the
compilation; vetoes before 1994 from the official list alone. Where two sources
cover the same vote and disagree (member votes, dates, a veto the official list
lacks), the vote's ``notes`` say so and its ``confidence`` is lowered.

Member ids are those of the rest of the kit, with two rules for the permanent
seats that follow the General Assembly record: the USSR's votes carry the
Russian Federation's id ``RUS`` (it continued the USSR's membership; the source's
name stays in ``member``), and China's votes before 25 October 1971, when the
Republic of China held the seat, carry ``TWN``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..dataset import VoteDataset
from ..errors import VoteDataError
from ._external import (
    empty_tables,
    external_dir,
    map_names,
    pick,
    position_codes,
    read_text_csv,
    table_frame,
)

__all__ = [
    "PERMANENT_MEMBERS",
    "UNDL_TERMS",
    "load_unsc",
    "unsc_dir",
    "vetoes",
]

#: The permanent members' seats, by the id of the member that holds each today.
PERMANENT_MEMBERS: dict[str, str] = {
    "CHN": "China",
    "FRA": "France",
    "RUS": "Russian Federation",
    "GBR": "United Kingdom",
    "USA": "United States",
}
#: Ids that held a permanent seat in the past, and the seat (today's holder).
_SEAT_OF = {"TWN": "CHN", **{k: k for k in PERMANENT_MEMBERS}}
#: The terms under which the UN Digital Library's records are used.
UNDL_TERMS = "UN Digital Library voting records: non-commercial use, with attribution"

_DRAFTS_URL = "https://github.com/oliverunv/Voting-Agent/blob/b1e55f3/data/sc_voting.xlsx"
_VETO_LIST_URL = (
    "https://github.com/intreleng-research/unsc-dataset/blob/"
    "80fede2ed7fb17b2f976999fa4dc7a73462789f1/UNDataScraping/scratch/scact_veto_table_en.html"
)
#: The last date the saved copy of the official veto list covers.
VETO_LIST_END = "2022-05-26"
#: The Republic of China held China's seat until General Assembly resolution 2758.
_PRC_FROM = "1971-10-25"

_UNDL_CODES = {"Y": "yes", "N": "no", "A": "abstain", "X": "not_voting"}
_SHEET_CODES = {"Yes": "yes", "No": "no", "Abstain": "abstain"}
# Spellings of the sources that the names table does not (and should not) know.
_NAME_FIXES = {
    "y UNITED STATES": "USA",  # a stray vote letter run into the name (S/RES/941(1994))
    "GERMANY, FEDERAL REPUBLIC OF": "XFG",
    "Ethipia": "ETH",  # typo in the drafts compilation
}
_VETO_LIST_NAMES = {
    "Russian Federation": "RUS",
    "China": "CHN",
    "France": "FRA",
    "USSR": "RUS",
    "USA": "USA",
    "UK": "GBR",
}
_P5_PATTERN = re.compile("|".join(sorted(map(re.escape, _VETO_LIST_NAMES), key=len, reverse=True)))
_SYMBOL = re.compile(r"S/\d{4}/\d+")
_LIST_DATE = re.compile(r"^(\d{1,2})(?:-(\d{1,2}))? ([A-Za-z]+) (\d{4}|\d{2})$")
_RESOLUTION = re.compile(r"(?:S/RES/)?(\d{1,4})\s*\((\d{4})\)")

_RES_COLUMNS = [
    "undl_id",
    "body",
    "resolution",
    "date",
    "meeting",
    "title",
    "n_yes",
    "n_no",
    "n_abstain",
    "n_non_voting",
    "n_listed",
    "undl_link",
]
_SHEET_COLUMNS = [
    "Date",
    "Resolution",
    "Meeting",
    "Draft",
    "Agenda item",
    "Outcome results",
    "Vote",
    "Member State",
    "ID",
    "Topic",
]
_VETO_COLUMNS = [
    "date",
    "draft",
    "written_record",
    "agenda_item",
    "permanent_member_casting_negative_vote",
]


def unsc_dir() -> Path:
    """Folder of the bundled Security Council files (installed package or checkout)."""
    return external_dir("unsc", "sc_resolutions.csv.gz")


def _seat_ids(ids: np.ndarray, names: pd.Series, dates: pd.Series) -> np.ndarray:
    """The USSR as ``RUS``; China before 25 October 1971 as ``TWN`` (see module notes)."""
    out = ids.copy()
    out[out == "SUN"] = "RUS"
    roc = (out == "CHN") & (dates.to_numpy(dtype=str) < _PRC_FROM)
    out[roc] = "TWN"
    return out


def _int(series: pd.Series, file: str) -> pd.Series:
    bad = ~series.str.fullmatch(r"\d+")
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise VoteDataError.at(
            file,
            row=i + 2,
            column=str(series.name),
            found=series.iloc[i],
            expected="a whole number",
        )
    return series.astype("int64")


def _adopted(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Adopted resolutions and every listed member's vote, from the UN Digital Library."""
    res = read_text_csv(folder / "sc_resolutions.csv.gz", _RES_COLUMNS)
    raw = read_text_csv(folder / "sc_votes.csv.gz", ["undl_id", "ms_name", "ms_vote"])
    res = res[res["body"] == "SC"].reset_index(drop=True)
    counts = {c: _int(res[c], "sc_resolutions.csv.gz") for c in _RES_COLUMNS[6:11]}
    where = pd.Index(res["undl_id"]).get_indexer(pd.Index(raw["undl_id"]))
    if (where < 0).any():
        i = int(np.flatnonzero(where < 0)[0])
        raise VoteDataError.at(
            "sc_votes.csv.gz",
            row=i + 2,
            column="undl_id",
            found=raw["undl_id"].iloc[i],
            expected="a record id listed in sc_resolutions.csv.gz",
        )
    dates = res["date"].iloc[where].reset_index(drop=True)
    ids = map_names(raw["ms_name"], file="sc_votes.csv.gz", column="ms_name", fixes=_NAME_FIXES)
    ids = _seat_ids(ids, raw["ms_name"], dates)
    position = position_codes(raw["ms_vote"], _UNDL_CODES, file="sc_votes.csv.gz", column="ms_vote")
    without_vote = (counts["n_non_voting"] == counts["n_listed"]).to_numpy()
    symbol = res["resolution"].to_numpy(dtype=object)
    n = len(res)
    notes = _adopted_notes(symbol, symbol[where], ids, raw["ms_vote"], without_vote)
    votes = table_frame(
        "votes",
        {
            "vote_id": symbol,
            "body": "UNSC",
            "session": res["date"].str[:4].to_numpy(dtype=object),
            "date": res["date"].to_numpy(dtype=object),
            "title": res["title"].to_numpy(dtype=object),
            "document": symbol,
            "kind": "resolution",
            "method": pick(without_vote, None, "vote (type not stated)"),
            "result": pick(without_vote, "adopted without a vote", "adopted"),
            "yes": pick(without_vote, None, counts["n_yes"]),
            "no": pick(without_vote, None, counts["n_no"]),
            "abstain": pick(without_vote, None, counts["n_abstain"]),
            "not_voting": pick(without_vote, None, counts["n_non_voting"]),
            "seats": counts["n_listed"].to_numpy(),
            "voter_unit": "state",
            "source_url": res["undl_link"].to_numpy(dtype=object),
            "source_quote": (
                "UN Digital Library voting record " + res["undl_id"] + ": " + res["resolution"]
            ).to_numpy(dtype=object),
            "confidence": "high",
            "notes": notes,
            "meeting": res["meeting"].to_numpy(dtype=object),
            "sources": "undl",
            "in_veto_list": np.zeros(n, dtype=bool),
            "year": res["date"].str[:4].astype("Int64").to_numpy(),
        },
        n,
    )
    return votes, _adopted_positions(res, raw, where, ids, position, without_vote)


def _adopted_notes(
    symbol: Any, row_symbol: Any, ids: Any, codes: pd.Series, without_vote: Any
) -> Any:
    """Each adopted resolution's notes: totals derived, no vote, a permanent member against."""
    n = len(symbol)
    p5_against = pd.Series(ids).isin(list(_SEAT_OF)).to_numpy() & (codes == "N").to_numpy()
    against = pd.Series(row_symbol[p5_against]).value_counts()
    notes = np.array(
        [
            "Totals counted from the member list of the UN Digital Library record "
            "(derived, not published separately)."
        ]
        * n,
        dtype=object,
    )
    notes[without_vote] = (
        "Adopted without a vote: the record lists the members with no vote; no positions."
    )
    procedural = np.isin(symbol, against.index.to_numpy())
    notes[procedural] = notes[procedural] + (
        " Adopted although a permanent member voted against: the veto applies only to "
        "non-procedural matters (UN Charter, Article 27), so the Council counted this "
        "vote as procedural."
    )
    return notes


def _adopted_positions(
    res: pd.DataFrame, raw: pd.DataFrame, where: Any, ids: Any, position: Any, without_vote: Any
) -> pd.DataFrame:
    """Every listed member's vote on the resolutions adopted by a vote."""
    symbol = res["resolution"].to_numpy(dtype=object)
    keep = ~without_vote[where]
    return table_frame(
        "positions",
        {
            "vote_id": symbol[where][keep],
            "member_id": ids[keep],
            "member": raw["ms_name"].to_numpy(dtype=object)[keep],
            "constituency": "state",
            "position": position[keep],
            "source_url": res["undl_link"].to_numpy(dtype=object)[where][keep],
            "source_quote": (
                "UN Digital Library voting record: the member's vote code "
                "(Y yes, N no, A abstain, X listed without a vote)"
            ),
        },
        int(keep.sum()),
        categorical=True,
    )


def _meeting(value: pd.Series) -> pd.Series:
    digits = value.str.extract(r"(\d+)", expand=False)
    return ("S/PV." + digits).where(digits.notna(), value)


def _sheet(folder: Path) -> pd.DataFrame:
    """The drafts compilation, one row per member per draft, with ids and positions."""
    file = "sc_voting_from_xlsx.csv.gz"
    sheet = read_text_csv(folder / file, _SHEET_COLUMNS)
    ids = map_names(sheet["Member State"], file=file, column="Member State", fixes=_NAME_FIXES)
    sheet["member_id"] = _seat_ids(ids, sheet["Member State"], sheet["Date"])
    sheet["position"] = position_codes(sheet["Vote"], _SHEET_CODES, file=file, column="Vote")
    sheet["row"] = np.arange(len(sheet)) + 2
    distinct = pd.Series(sheet["Meeting"].unique())
    sheet["meeting"] = sheet["Meeting"].map(dict(zip(distinct, _meeting(distinct), strict=True)))
    return sheet


def _failed(sheet: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Drafts the compilation records as not adopted: vetoed or short of votes."""
    rows = sheet[~sheet["Outcome results"].str.startswith("Adopted")]
    drafts = rows.drop_duplicates("ID").reset_index(drop=True)
    text = drafts["Draft"].str.strip()
    symbol_like = text.str.match(r"S/\d{4}/\d+")
    vote_id = text.where(symbol_like, drafts["meeting"] + " " + text.replace("", "draft"))
    dup = vote_id.duplicated(keep=False)
    vote_id = vote_id.where(~dup, vote_id + " (" + drafts["ID"] + ")")
    vetoed = drafts["Outcome results"].str.contains("veto").to_numpy()
    amendment = text.str.contains("amendment", case=False).to_numpy()

    rows = rows.assign(
        vote_id=vote_id.to_numpy(dtype=object)[
            pd.Index(drafts["ID"]).get_indexer(pd.Index(rows["ID"]))
        ]
    )
    kept, problems = _one_position_each(rows)
    counts = pd.crosstab(kept["vote_id"], kept["position"]).reindex(
        index=vote_id, columns=["yes", "no", "abstain"], fill_value=0
    )
    n = len(drafts)
    notes = np.array(
        ["Totals counted from the member list of the drafts compilation (derived)."] * n,
        dtype=object,
    )
    for i, vid in enumerate(vote_id):
        if vid in problems:
            notes[i] += problems[vid]
    votes = table_frame(
        "votes",
        {
            "vote_id": vote_id.to_numpy(dtype=object),
            "body": "UNSC",
            "session": drafts["Date"].str[:4].to_numpy(dtype=object),
            "date": drafts["Date"].to_numpy(dtype=object),
            "title": (
                "Draft " + text.replace("", "without a symbol") + ": " + drafts["Agenda item"]
            ).to_numpy(dtype=object),
            "subject": drafts["Topic"].replace("", None).to_numpy(dtype=object),
            "document": text.replace("", None).to_numpy(dtype=object),
            "kind": pick(amendment, "amendment", "resolution"),
            "method": "vote (type not stated)",
            "result": pick(vetoed, "vetoed", "rejected"),
            "yes": counts["yes"].to_numpy(),
            "no": counts["no"].to_numpy(),
            "abstain": counts["abstain"].to_numpy(),
            "seats": 15,
            "voter_unit": "state",
            "source_url": _DRAFTS_URL,
            "source_quote": (
                "sc_voting.xlsx, draft ID " + drafts["ID"] + ": " + drafts["Outcome results"]
            ).to_numpy(dtype=object),
            "confidence": "medium",
            "notes": notes,
            "meeting": drafts["meeting"].to_numpy(dtype=object),
            "sources": "unsc-drafts",
            "in_veto_list": np.zeros(n, dtype=bool),
            "year": drafts["Date"].str[:4].astype("Int64").to_numpy(),
        },
        n,
    )
    return votes, _failed_positions(kept)


def _one_position_each(rows: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """The rows kept (one per member and draft), and what each draft's notes must say.

    A member listed twice with the same vote is counted once; listed with different
    votes, its position is left not known.
    """
    same = rows.duplicated(["vote_id", "member_id", "position"], keep="first")
    twice = rows[~same].duplicated(["vote_id", "member_id"], keep=False)
    conflicting = rows[~same][twice]
    kept = rows[~same][~twice]
    problems: dict[str, str] = {}
    for vid, grp in conflicting.groupby("vote_id", sort=False):
        listed = "; ".join(
            f"{m} ({', '.join(grp.loc[grp['Member State'] == m, 'Vote'])}, rows "
            f"{', '.join(map(str, grp.loc[grp['Member State'] == m, 'row']))})"
            for m in dict.fromkeys(grp["Member State"])
        )
        problems[str(vid)] = (
            f" The compilation lists {listed} with different votes on this draft: "
            "those positions are left not known, and the totals count the other members only."
        )
    for vid in rows[same]["vote_id"].unique():
        problems[str(vid)] = problems.get(str(vid), "") + (
            " The compilation repeats a member with the same vote; counted once."
        )

    return kept, problems


def _failed_positions(kept: pd.DataFrame) -> pd.DataFrame:
    """Each member's vote on the drafts not adopted."""
    return table_frame(
        "positions",
        {
            "vote_id": kept["vote_id"].to_numpy(dtype=object),
            "member_id": kept["member_id"].to_numpy(dtype=object),
            "member": kept["Member State"].to_numpy(dtype=object),
            "constituency": "state",
            "position": kept["position"].to_numpy(),
            "source_url": _DRAFTS_URL,
            "source_quote": (
                "sc_voting.xlsx row "
                + kept["row"].astype(str)
                + ": "
                + kept["Member State"]
                + " "
                + kept["Vote"]
            ).to_numpy(dtype=object),
        },
        len(kept),
    )


def _veto_list(folder: Path) -> pd.DataFrame:
    """The official list, one row per vetoed draft, with ISO dates and the vetoing ids."""
    file = "veto_list_parsed.csv.gz"
    vl = read_text_csv(folder / file, _VETO_COLUMNS)
    parts = vl["date"].str.strip().str.extract(_LIST_DATE.pattern)
    month = pd.to_datetime(parts[2], format="%B", errors="coerce").dt.month
    bad = parts[0].isna() | month.isna()
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise VoteDataError.at(
            file,
            row=i + 2,
            column="date",
            found=vl["date"].iloc[i],
            expected="a date written '26 May 2022' or a meeting over days, '14-15 December 2001'",
        )
    year = parts[3].where(parts[3].str.len() == 4, "19" + parts[3])
    ym = year + "-" + month.astype(int).map("{:02d}".format)
    first = ym + "-" + parts[0].astype(int).map("{:02d}".format)
    last = ym + "-" + parts[1].fillna(parts[0]).astype(int).map("{:02d}".format)
    # A meeting over several days: the list does not say on which day the vote fell.
    vl["iso_date"] = first.where(parts[1].isna(), ym)
    vl["first_day"], vl["last_day"] = first, last
    vl["two_digit_year"] = (parts[3].str.len() == 2).to_numpy()
    cell = vl["permanent_member_casting_negative_vote"]
    found = cell.map(_P5_PATTERN.findall)
    rest = cell.map(lambda s: _P5_PATTERN.sub("", s).strip(" ,;"))
    if (found.map(len) == 0).any() or (rest != "").any():
        i = int(np.flatnonzero(((found.map(len) == 0) | (rest != "")).to_numpy())[0])
        raise VoteDataError.at(
            file,
            row=i + 2,
            column="permanent_member_casting_negative_vote",
            found=cell.iloc[i],
            expected="permanent members: " + ", ".join(_VETO_LIST_NAMES),
        )
    vl["p5_names"] = found
    vl["row"] = np.arange(len(vl)) + 2
    vl["key"] = vl["draft"].str.extract(f"({_SYMBOL.pattern})", expand=False)
    return vl


def _p5_ids(names: list[str], date: str) -> list[str]:
    ids = [_VETO_LIST_NAMES[n] for n in names]
    return ["TWN" if i == "CHN" and date < _PRC_FROM else i for i in ids]


def _list_notes(vl: pd.DataFrame) -> np.ndarray:
    notes = np.array(
        [
            "From the official veto list only: it names the permanent member(s) that "
            "voted against; the other members' votes and the totals are not known here."
        ]
        * len(vl),
        dtype=object,
    )
    days = (vl["first_day"] != vl["last_day"]).to_numpy()
    notes[days] += (
        " The list dates the meeting '" + vl["date"][days] + "': the day of the vote is "
        "not given, so the date here is the month."
    ).to_numpy(dtype=object)
    short = vl["two_digit_year"].to_numpy()
    notes[short] += (
        " The list writes the year with two digits ('" + vl["date"][short] + "')."
    ).to_numpy(dtype=object)
    return notes


def _veto_only(vl: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Vetoes known from the official list alone: the vetoing 'no' named, the rest unknown."""
    draft = vl["draft"].str.strip()
    dup = draft.duplicated(keep=False)
    order = vl.groupby(draft).cumcount(ascending=False) + 1
    vote_id = draft.where(~dup, draft + " #" + order.astype(str))
    quote = (
        vl["date"]
        + " | "
        + vl["draft"]
        + " | "
        + vl["written_record"]
        + " | "
        + vl["agenda_item"]
        + " | "
        + vl["permanent_member_casting_negative_vote"]
    )
    n = len(vl)
    votes = table_frame(
        "votes",
        {
            "vote_id": vote_id.to_numpy(dtype=object),
            "body": "UNSC",
            "session": vl["iso_date"].str[:4].to_numpy(dtype=object),
            "date": vl["iso_date"].to_numpy(dtype=object),
            "title": ("Draft " + draft + ": " + vl["agenda_item"]).to_numpy(dtype=object),
            "document": draft.to_numpy(dtype=object),
            "kind": "resolution",
            "result": "vetoed",
            "voter_unit": "state",
            "source_url": _VETO_LIST_URL,
            "source_quote": ("Security Council veto list: " + quote).to_numpy(dtype=object),
            "confidence": "high",
            "notes": _list_notes(vl),
            "meeting": vl["written_record"].to_numpy(dtype=object),
            "sources": "veto-list",
            "in_veto_list": np.ones(n, dtype=bool),
            "year": vl["iso_date"].str[:4].astype("Int64").to_numpy(),
        },
        n,
    )
    pairs = [
        (vid, mid, name, q)
        for vid, names, date, q in zip(vote_id, vl["p5_names"], vl["iso_date"], quote, strict=True)
        for name, mid in zip(names, _p5_ids(names, date), strict=True)
    ]
    positions = table_frame(
        "positions",
        {
            "vote_id": [p[0] for p in pairs],
            "member_id": [p[1] for p in pairs],
            "member": [p[2] for p in pairs],
            "constituency": "state",
            "position": "no",
            "source_url": _VETO_LIST_URL,
            "source_quote": ["Security Council veto list: " + p[3] for p in pairs],
        },
        len(pairs),
    )
    return votes, positions


def _reconcile_vetoes(
    failed: pd.DataFrame, failed_pos: pd.DataFrame, vl: pd.DataFrame
) -> pd.DataFrame:
    """Mark the compilation's drafts the official list also has; return the list's other rows."""
    key = failed["document"].str.extract(f"({_SYMBOL.pattern})", expand=False)
    p5_no = failed_pos[
        failed_pos["member_id"].isin(list(_SEAT_OF)) & (failed_pos["position"] == "no")
    ]
    sheet_p5 = p5_no.groupby("vote_id")["member_id"].agg(lambda s: sorted(set(s)))
    matched = np.zeros(len(vl), dtype=bool)
    index = {k: i for i, k in enumerate(key) if isinstance(k, str)}
    notes = failed["notes"].to_numpy(dtype=object).copy()
    sources = failed["sources"].to_numpy(dtype=object).copy()
    confidence = failed["confidence"].astype(str).to_numpy(dtype=object).copy()
    in_list = failed["in_veto_list"].to_numpy().copy()
    dates = failed["date"].astype(str).tolist()
    rows = zip(
        vl["key"].tolist(),
        vl["p5_names"].tolist(),
        vl["iso_date"].tolist(),
        vl["first_day"].tolist(),
        vl["last_day"].tolist(),
        vl["draft"].tolist(),
        vl["date"].tolist(),
        vl["permanent_member_casting_negative_vote"].tolist(),
        vl["written_record"].tolist(),
        strict=True,
    )
    for j, (k, p5_names, iso, first, last, draft, written, cell, record) in enumerate(rows):
        i = index.get(k) if isinstance(k, str) else None
        if i is None:
            continue
        matched[j] = True
        in_list[i] = True
        sources[i] = "unsc-drafts;veto-list"
        confidence[i] = "high"
        official = sorted(set(_p5_ids(list(p5_names), str(iso))))
        compiled = sheet_p5.get(failed["vote_id"].iat[i], [])
        notes[i] += f" The official veto list has it ({draft}, {written}, {record}, {cell})."
        if not str(first) <= dates[i] <= str(last):
            notes[i] += (
                f" Dates differ: the compilation has {dates[i]}, the official list {written}."
            )
            confidence[i] = "medium"
        if official != compiled:
            notes[i] += (
                f" Vetoing members differ: the official list names {', '.join(official)}, "
                f"the compilation records 'no' by {', '.join(compiled) or 'none'}."
            )
            confidence[i] = "low"
    vetoed = (failed["result"] == "vetoed").to_numpy() & ~in_list
    before_end = (failed["date"] <= VETO_LIST_END).to_numpy()
    notes[vetoed & before_end] += (
        " Not in the official veto list (Dag Hammarskjöld Library, saved to 26 May 2022): "
        "the sources disagree on whether this draft was vetoed."
    )
    confidence[vetoed & before_end] = "low"
    notes[vetoed & ~before_end] += (
        " After the end of the saved official veto list (26 May 2022): one source only."
    )
    failed["notes"] = pd.array(notes, dtype="str")
    failed["sources"] = sources
    failed["confidence"] = pd.Categorical(
        confidence, categories=failed["confidence"].cat.categories, ordered=True
    )
    failed["in_veto_list"] = in_list
    return vl[~matched]


def _compare_adopted(adopted: pd.DataFrame, adopted_pos: pd.DataFrame, sheet: pd.DataFrame) -> None:
    """Note, on adopted resolutions, where the compilation's votes or date differ."""
    adopted_rows = sheet["Outcome results"].str.startswith("Adopted").to_numpy()
    cols = ["ID", "Date", "Resolution", "Draft", "Member State", "member_id", "position"]
    rows = sheet.loc[adopted_rows, cols]
    drafts = rows.drop_duplicates("ID")
    text = drafts["Resolution"].where(
        drafts["Resolution"].str.contains(r"\(\d{4}\)"), drafts["Draft"]
    )
    parts = text.str.extract(_RESOLUTION.pattern)
    symbol = ("S/RES/" + parts[0] + "(" + parts[1] + ")").to_numpy(dtype=object)
    draft_of_row = pd.Index(drafts["ID"]).get_indexer(pd.Index(rows["ID"]))
    row_symbol = symbol[draft_of_row]
    vote_index = pd.Index(adopted["vote_id"].astype(str))
    has_symbol = pd.notna(row_symbol)
    where = np.full(len(rows), -1)
    where[has_symbol] = vote_index.get_indexer(pd.Index(row_symbol[has_symbol].astype(str)))
    keep = where >= 0
    rows = rows[keep].assign(vote_id=row_symbol[keep])
    # Compare member by member: integer keys (vote, member) instead of a merge on text.
    members = pd.Index(
        pd.unique(
            np.concatenate(
                [
                    adopted_pos["member_id"].to_numpy(dtype=object),
                    rows["member_id"].to_numpy(dtype=object),
                ]
            )
        )
    )
    width = len(members)
    pos_vote = vote_index.get_indexer(pd.Index(adopted_pos["vote_id"].astype(str)))
    pos_key = pos_vote * width + members.get_indexer(pd.Index(adopted_pos["member_id"]))
    row_key = where[keep] * width + members.get_indexer(pd.Index(rows["member_id"]))
    at = pd.Index(pos_key).get_indexer(pd.Index(row_key))
    both = at >= 0
    listed = rows
    rows = rows[both]
    undl_position = adopted_pos["position"].to_numpy()[at[both]]
    merged = rows.assign(
        position_sheet=rows["position"].astype(str).to_numpy(),
        position_undl=pd.Series(undl_position).astype(str).to_numpy(),
    )
    differ = merged[merged["position_sheet"] != merged["position_undl"]]
    note = pd.Series(
        {
            vid: f" The drafts compilation differs on {len(g)} member vote(s): "
            + "; ".join(
                f"{m} ({a} there, {b} here)"
                for m, a, b in zip(
                    g["Member State"], g["position_sheet"], g["position_undl"], strict=True
                )
            )
            + "."
            for vid, g in differ.groupby("vote_id", sort=False)
        },
        dtype="str",
    )
    dates = listed.drop_duplicates("vote_id").set_index("vote_id")["Date"]
    own = adopted.set_index("vote_id")["date"]
    other = dates[dates != own.reindex(dates.index)]
    date_note = " The drafts compilation dates it " + other + "."
    extra = note.reindex(adopted["vote_id"]).fillna("") + date_note.reindex(
        adopted["vote_id"]
    ).fillna("")
    extra_ = extra.to_numpy(dtype=object)
    has = extra_ != ""
    notes = adopted["notes"].to_numpy(dtype=object).copy()
    notes[has] += extra_[has]
    adopted["notes"] = pd.array(notes, dtype="str")
    sources = adopted["sources"].to_numpy(dtype=object).copy()
    sources[
        adopted["vote_id"].isin(pd.unique(listed["vote_id"].to_numpy(dtype=object))).to_numpy()
    ] = "undl;unsc-drafts"
    adopted["sources"] = sources
    lower = adopted["vote_id"].isin(set(note.index)).to_numpy()
    conf = adopted["confidence"].astype(str).to_numpy(dtype=object)
    conf[lower] = "medium"
    adopted["confidence"] = pd.Categorical(
        conf, categories=adopted["confidence"].cat.categories, ordered=True
    )


def _members(positions: pd.DataFrame, votes: pd.DataFrame) -> pd.DataFrame:
    """Who sat on the Council each year, as the member lists show it."""
    year = positions["vote_id"].map(dict(zip(votes["vote_id"], votes["session"], strict=True)))
    seated = positions.assign(term=year)
    seated = seated[seated["source_url"] != _VETO_LIST_URL]
    first = seated.drop_duplicates(["term", "member_id"]).sort_values(["term", "member_id"])
    n = len(first)
    return table_frame(
        "members",
        {
            "body": "UNSC",
            "term": first["term"].to_numpy(dtype=object),
            "member_id": first["member_id"].to_numpy(dtype=object),
            "name": first["member"].to_numpy(dtype=object),
            "constituency": "state",
            "seat": pick(first["member_id"].isin(list(_SEAT_OF)), "permanent", "elected"),
            "source_url": first["source_url"].to_numpy(dtype=object),
            "source_quote": "listed on a vote of the year (the first such vote is linked)",
        },
        n,
    )


def load_unsc() -> VoteDataset:
    """Load the UN Security Council record, 1946 – October 2025, with every known veto.

    Usually reached as ``load_dataset("unsc")``. ``votes`` holds

    - every adopted resolution in the UN Digital Library's voting records
      (1946 – 31 October 2025) with each listed member's vote;
    - every draft the compilation of 1994 – June 2025 records as not adopted:
      ``result`` ``vetoed`` (a permanent member voted against) or ``rejected``
      (fewer than nine votes in favour); oral amendments have ``kind`` amendment;
    - every veto of the official list (1946 – 26 May 2022) that the compilation
      lacks, chiefly before 1994: only the vetoing member's ``no`` is named, so
      the other members' positions are *not known* and no totals are given.

    Extra columns: ``meeting``, ``year``, ``sources`` (``undl``, ``unsc-drafts``,
    ``veto-list``, ``;``-joined) and ``in_veto_list``. Where the sources
    disagree, ``notes`` say how and ``confidence`` is lowered. Use
    :func:`vetoes` for one row per veto and vetoing member.

    Examples
    --------
    >>> import voteanalysis as va
    >>> sc = va.load_dataset("unsc")
    >>> v = sc.votes.set_index("vote_id").loc["S/2022/155"]
    >>> v["result"], int(v["yes"]), int(v["no"]), int(v["abstain"])
    ('vetoed', 11, 1, 3)
    """
    folder = unsc_dir()
    adopted, adopted_pos = _adopted(folder)
    sheet = _sheet(folder)
    failed, failed_pos = _failed(sheet)
    vl = _veto_list(folder)
    rest = _reconcile_vetoes(failed, failed_pos, vl)
    listed, listed_pos = _veto_only(rest)
    _compare_adopted(adopted, adopted_pos, sheet)
    votes = pd.concat([adopted, failed, listed], ignore_index=True)
    clash = votes["vote_id"].duplicated(keep=False)
    if clash.any():
        raise VoteDataError.at(
            "data/external/unsc",
            column="vote_id",
            found=votes.loc[clash, "vote_id"].iloc[0],
            expected="one vote per id across the three sources",
        )
    votes = votes.sort_values(["date", "vote_id"], kind="stable").reset_index(drop=True)
    for c in ("vote_id", "body", "session", "kind", "result", "notes", "sources"):
        votes[c] = votes[c].astype("str")
    positions = pd.concat([adopted_pos, failed_pos, listed_pos], ignore_index=True)
    members = _members(positions, votes)
    return VoteDataset(
        votes=votes,
        positions=positions,
        members=members,
        **empty_tables("group_tallies", "statements", "elections"),
        origin="UN Security Council (UN Digital Library; drafts compilation; official veto list)",
    )


def vetoes(data: VoteDataset) -> pd.DataFrame:
    """One row per vetoed draft and vetoing permanent member.

    A veto is a vote whose ``result`` is ``vetoed``; its vetoing members are the
    permanent members named ``no`` on it.

    Returns
    -------
    DataFrame
        ``vote_id``, ``date``, ``year``, ``draft`` (the document symbol), ``subject``
        (the subject, or the title where no subject is given), ``member_id``,
        ``member`` (as the source writes it), ``seat`` (the permanent seat: today's
        holder, so the USSR's and the Republic of China's vetoes count for the
        seats of ``RUS`` and ``CHN``), ``joint`` (more than one permanent member
        vetoed the draft), ``vetoed_by`` (the draft's vetoing ids, ``;``-joined),
        ``sources``, ``in_veto_list``, ``confidence``, ``notes`` and ``source_url``.
        Ordered by date.

    Examples
    --------
    >>> import voteanalysis as va
    >>> v = va.vetoes(va.load_dataset("unsc"))
    >>> v.loc[v["draft"] == "S/2022/431", ["member_id", "joint"]].values.tolist()
    [['CHN', True], ['RUS', True]]
    """
    if not isinstance(data, VoteDataset):
        raise TypeError(f"vetoes() needs a VoteDataset, not {type(data).__name__}")
    votes = data.votes[(data.votes["result"] == "vetoed") & (data.votes["body"] == "UNSC")]
    pos = data.positions
    hit = pos[
        pos["vote_id"].isin(set(votes["vote_id"]))
        & pos["member_id"].isin(list(_SEAT_OF))
        & (pos["position"] == "no")
    ][["vote_id", "member_id", "member"]].astype(str)
    cols = ["vote_id", "date", "document", "subject", "title", "notes", "confidence"]
    cols += [c for c in ("sources", "in_veto_list", "source_url") if c in votes.columns]
    out = hit.merge(votes[cols].astype({"vote_id": str}), on="vote_id", how="left")
    out["seat"] = out["member_id"].map(_SEAT_OF)
    n_members = out.groupby("vote_id")["member_id"].transform("nunique")
    out["joint"] = n_members > 1
    out["vetoed_by"] = out.groupby("vote_id")["member_id"].transform(
        lambda s: ";".join(sorted(set(s)))
    )
    out["year"] = out["date"].str[:4].astype("Int64")
    out["draft"] = out["document"]
    out["subject"] = out["subject"].fillna(out["title"])
    for c in ("sources", "source_url"):
        if c not in out.columns:
            out[c] = pd.NA
    if "in_veto_list" not in out.columns:
        out["in_veto_list"] = pd.NA
    out = out.sort_values(["date", "vote_id", "member_id"], kind="stable").reset_index(drop=True)
    return out[
        [
            "vote_id",
            "date",
            "year",
            "draft",
            "subject",
            "member_id",
            "member",
            "seat",
            "joint",
            "vetoed_by",
            "sources",
            "in_veto_list",
            "confidence",
            "notes",
            "source_url",
        ]
    ]
