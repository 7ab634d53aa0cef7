"""The UN Human Rights Council's recorded votes, June 2006 – October 2024.

Bundled in ``data/external/hrc/`` (see ``SOURCE.md`` there): every recorded vote
the OHCHR library's voting collection lists, with each Council member's vote.
The Council has 47 members elected for three years, so who can vote changes
every year: a state that was not a member has no row at all (it is not a
position), and the ``members`` table says who is listed in each year.

Amendments and decisions are told apart from resolutions by their symbol: an
``L.`` document put to the vote is an amendment (or a draft), ``DEC`` a decision.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..dataset import VoteDataset
from ..errors import VoteDataError
from ._external import (
    empty_tables,
    external_dir,
    pick,
    position_codes,
    read_text_csv,
    table_frame,
)
from .names import lookup

__all__ = ["HRC_DISPUTED", "load_hrc"]

_SOURCE_URL = (
    "https://github.com/tsujamin/unhrc-nominate/blob/"
    "9c7d142b8889a18f11b1dfe7e1530000e7c2b90f/output/241211-174650/all-votes.csv"
)
_VOTE_DATA_URL = _SOURCE_URL.replace("all-votes.csv", "all-vote-data.csv")
_CODES = {"Y": "yes", "N": "no", "A": "abstain", "X": "not_voting"}
_SESSION = r"^A/HRC/(?:RES/|DEC/?)?(S-\d+|\d+)/"

#: Votes whose totals other sources publish differently: kept as the record has
#: them, with the other figures in ``notes`` and ``confidence`` low.
HRC_DISPUTED: dict[str, str] = {
    "A/HRC/RES/52/32": (
        "Two press reports (en.prothomalo.com/bangladesh/bpyz9ek7nk; "
        "unwatch.org/database/resoltions/a-hrc-res-52-32/) publish 28-2-17, with Benin "
        "among the votes in favour; this record has 27-2-18 with Benin abstaining. "
        "Unresolved: the sources disagree."
    ),
}


def hrc_dir() -> Path:
    """Folder of the bundled Human Rights Council files (installed package or checkout)."""
    return external_dir("hrc", "hrc_votes_long.csv.gz")


def _kinds(symbol: pd.Series, summary: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Kind by symbol, and a note where the record's own summary says otherwise."""
    amendment = symbol.str.contains("/L.", regex=False).to_numpy()
    decision = symbol.str.contains("/DEC", regex=False).to_numpy()
    kind = pick(amendment, "amendment", pick(decision, "decision", "resolution"))
    said = summary.str.extract(r":\s*(resolution|decision|amendment)\b", expand=False)
    said_ = said.to_numpy(dtype=object)
    differs = pd.notna(said_) & (said_ != kind)
    note = np.full(len(kind), "", dtype=object)
    note[differs] = (
        " Kind taken from the symbol; the record's summary calls it a "
        + said[differs].astype(str)
        + "."
    ).to_numpy(dtype=object)
    return kind, note


def load_hrc() -> VoteDataset:
    """Load the UN Human Rights Council record, 2006 – October 2024.

    Usually reached as ``load_dataset("hrc")``. 974 recorded votes (resolutions,
    decisions and amendments, ``kind`` by symbol) with each member's vote:
    ``yes``, ``no``, ``abstain``, or ``not_voting`` for a member present with no
    vote recorded. Totals are counted from the member lists (the record
    publishes no separate totals); 8 votes list no member's vote and have no
    totals. ``members`` has one row per member and year it is listed (``term``
    is the year). Extra ``votes`` column: ``year``.

    Examples
    --------
    >>> import voteanalysis as va
    >>> hrc = va.load_dataset("hrc")
    >>> v = hrc.votes.set_index("vote_id").loc["A/HRC/RES/49/1"]
    >>> int(v["yes"]), int(v["no"]), int(v["abstain"])
    (32, 2, 13)
    """
    folder = hrc_dir()
    calls = read_text_csv(folder / "all-vote-data.csv.gz", ["Resolution", "Date", "Summary"])
    long = read_text_csv(
        folder / "hrc_votes_long.csv.gz", ["resolution", "date", "ms_code", "ms_name", "ms_vote"]
    )
    symbol, where = _vote_of_rows(calls, long)
    _check_member_codes(long)
    position = position_codes(
        long["ms_vote"], _CODES, file="hrc_votes_long.csv.gz", column="ms_vote"
    )
    date = calls["Date"].str.replace("/", "-", regex=False)
    return VoteDataset(
        votes=_hrc_votes(calls, symbol, date, where, position),
        positions=_hrc_positions(long, symbol, where, position),
        members=_hrc_members(long, date, where),
        **empty_tables("group_tallies", "statements", "elections"),
        origin="UN Human Rights Council (OHCHR voting records, via unhrc-nominate)",
    )


def _vote_of_rows(calls: pd.DataFrame, long: pd.DataFrame) -> tuple[pd.Series, Any]:
    """Each vote's symbol (each once), and the vote of each member row."""
    symbol = calls["Resolution"].str.strip()
    if symbol.duplicated().any():
        i = int(np.flatnonzero(symbol.duplicated().to_numpy())[0])
        raise VoteDataError.at(
            "all-vote-data.csv.gz",
            row=i + 2,
            column="Resolution",
            found=symbol.iloc[i],
            expected="each vote once",
        )
    where = pd.Index(symbol).get_indexer(pd.Index(long["resolution"]))
    if (where < 0).any():
        i = int(np.flatnonzero(where < 0)[0])
        raise VoteDataError.at(
            "hrc_votes_long.csv.gz",
            row=i + 2,
            column="resolution",
            found=long["resolution"].iloc[i],
            expected="a vote listed in all-vote-data.csv.gz",
        )
    return symbol, where


def _check_member_codes(long: pd.DataFrame) -> None:
    """Refuse a member code the kit does not know."""
    codes = pd.Series(long["ms_code"].unique())
    unknown = codes[codes.map(lambda c: lookup(c) != c)]
    if len(unknown):
        i = int(np.flatnonzero((long["ms_code"] == unknown.iloc[0]).to_numpy())[0])
        raise VoteDataError.at(
            "hrc_votes_long.csv.gz",
            row=i + 2,
            column="ms_code",
            found=unknown.iloc[0],
            expected="an ISO 3166-1 alpha-3 code the kit knows",
        )


def _hrc_votes(
    calls: pd.DataFrame, symbol: pd.Series, date: pd.Series, where: Any, position: Any
) -> pd.DataFrame:
    """The ``votes`` table: totals counted from the member lists."""
    n = len(calls)
    counts = np.zeros((n, 4), dtype=np.int64)
    pos_index = pd.Index(["yes", "no", "abstain", "not_voting"])
    np.add.at(counts, (where, pos_index.get_indexer(pd.Index(position.astype(str)))), 1)
    listed = counts.sum(axis=1)
    empty = listed == 0
    kind, kind_note = _kinds(symbol, calls["Summary"])
    notes = np.array(
        ["Totals counted from the member list of the record (derived, not published)."] * n,
        dtype=object,
    )
    notes[empty] = (
        "The record lists every state as not a Council member on this vote: no member's "
        "vote and no totals are known."
    )
    notes = notes + kind_note
    confidence = pick(empty, "low", "medium").astype(object)
    for vid, note in HRC_DISPUTED.items():
        hit = (symbol == vid).to_numpy()
        notes[hit] += " " + note
        confidence[hit] = "low"
    adopted = calls["Summary"].str.contains("adopted", case=False).to_numpy()
    result = pick(adopted & (kind != "amendment"), "adopted", None)

    def total(j: int) -> np.ndarray:
        return pick(empty, None, counts[:, j])

    return table_frame(
        "votes",
        {
            "vote_id": symbol.to_numpy(dtype=object),
            "body": "UNHRC",
            "session": symbol.str.extract(_SESSION, expand=False).to_numpy(dtype=object),
            "date": date.to_numpy(dtype=object),
            "title": calls["Summary"].str.strip().to_numpy(dtype=object),
            "document": symbol.to_numpy(dtype=object),
            "kind": kind,
            "method": "recorded vote",
            "result": result,
            "yes": total(0),
            "no": total(1),
            "abstain": total(2),
            "not_voting": total(3),
            "seats": 47,
            "voter_unit": "state",
            "source_url": _VOTE_DATA_URL,
            "source_quote": ("all-vote-data.csv: " + symbol + ", " + calls["Date"]).to_numpy(
                dtype=object
            ),
            "confidence": confidence,
            "notes": notes,
            "year": date.str[:4].astype("Int64").to_numpy(),
        },
        n,
    )


def _hrc_positions(
    long: pd.DataFrame, symbol: pd.Series, where: Any, position: Any
) -> pd.DataFrame:
    """The ``positions`` table, one row per member row of the record."""
    return table_frame(
        "positions",
        {
            "vote_id": symbol.to_numpy(dtype=object)[where],
            "member_id": long["ms_code"].to_numpy(dtype=object),
            "member": long["ms_name"].to_numpy(dtype=object),
            "constituency": "state",
            "position": position,
            "source_url": _SOURCE_URL,
            "source_quote": (
                "all-votes.csv: the member's code in the vote's column "
                "(0 no, 1 yes, 2 abstain, 3 present with no vote recorded)"
            ),
        },
        len(long),
        categorical=True,
    )


def _hrc_members(long: pd.DataFrame, date: pd.Series, where: Any) -> pd.DataFrame:
    """The ``members`` table: one row per member and year it is listed."""
    year = date.str[:4].to_numpy(dtype=object)[where]
    seated = pd.DataFrame(
        {"term": year, "member_id": long["ms_code"].to_numpy(), "name": long["ms_name"].to_numpy()}
    ).drop_duplicates(["term", "member_id"])
    seated = seated.sort_values(["term", "member_id"], kind="stable")
    return table_frame(
        "members",
        {
            "body": "UNHRC",
            "term": seated["term"].to_numpy(dtype=object),
            "member_id": seated["member_id"].to_numpy(dtype=object),
            "name": seated["name"].to_numpy(dtype=object),
            "constituency": "state",
            "seat": "elected",
            "source_url": _SOURCE_URL,
            "source_quote": "listed as a Council member on a recorded vote of the year",
            "notes": "calendar year of the votes, not the term of office (terms run three years)",
        },
        len(seated),
    )
