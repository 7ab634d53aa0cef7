"""Decision rules of particular bodies, applied by :func:`voteanalysis.analysis.tally`.

The UN Security Council: a decision on a matter that is not procedural needs nine
votes in favour (seven of eleven members until the Council was enlarged to fifteen
from 1966) and no negative vote of a permanent member (UN Charter, Article 27(3);
an abstention of a permanent member is not a veto). A procedural decision needs
the same number of votes and is not subject to the veto (Article 27(2)).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["COUNCIL_RULE_COLUMNS", "PERMANENT_SEAT_IDS", "security_council_rule"]

#: Ids that hold or held a permanent seat (the Republic of China until 1971 is ``TWN``;
#: the USSR's votes carry ``RUS`` in the kit's Security Council record).
PERMANENT_SEAT_IDS: tuple[str, ...] = ("CHN", "FRA", "RUS", "GBR", "USA", "TWN", "SUN")
#: The columns :func:`security_council_rule` adds to a tally.
COUNCIL_RULE_COLUMNS: tuple[str, ...] = (
    "votes_needed",
    "permanent_against",
    "council_rule",
    "rule_agrees",
)
#: The first year of the fifteen-member Council.
_ENLARGED = "1966"


def security_council_rule(t: pd.DataFrame, positions: pd.DataFrame) -> pd.DataFrame:
    """Add the Security Council's rule to the UNSC rows of a tally.

    Parameters
    ----------
    t
        A frame as :func:`voteanalysis.analysis.tally` builds it (``vote_id``, ``body``,
        ``date``, ``yes``, ``seats``, ``result``).
    positions
        The named positions of the dataset.

    Returns
    -------
    DataFrame
        ``t`` with ``votes_needed`` (9, or 7 on the eleven-member Council),
        ``permanent_against`` (permanent members named ``no``, ``;``-joined, ``<NA>`` if
        none), ``council_rule`` (what the rule gives: ``adopted``, ``vetoed``,
        ``not adopted: fewer than N in favour``, ``adopted: procedural, no veto``
        for a vote adopted although a permanent member voted against, or
        ``adopted without a vote``; ``<NA>`` where the published totals do not
        decide it) and ``rule_agrees`` (the rule's outcome is the published
        ``result``). Rows of other bodies get ``<NA>``.
    """
    out = t.copy()
    council = (out["body"] == "UNSC").to_numpy()
    p5 = positions[
        positions["member_id"].isin(PERMANENT_SEAT_IDS) & (positions["position"] == "no")
    ]
    by_vote = p5.groupby(p5["vote_id"].astype(str))["member_id"].agg(
        lambda s: ";".join(sorted(set(map(str, s))))
    )
    vetoed_by = out["vote_id"].astype(str).map(by_vote).where(council)
    seats = out["seats"].astype("Int64")
    small = (seats == 11).fillna(False) | (
        seats.isna() & (out["date"].astype(str).str[:4] < _ENLARGED)
    )
    needed = pd.array(np.where(small, 7, 9), dtype="Int64")
    needed[~council] = pd.NA
    yes = out["yes"].astype("Int64")
    result = out["result"].astype(str).to_numpy(dtype=object)
    ge = pd.Series(yes >= needed)
    decided = ge.notna().to_numpy()
    enough = np.full(len(out), None, dtype=object)
    enough[decided] = ge[decided].astype(bool).to_numpy()
    has_veto = vetoed_by.notna().to_numpy()
    rule = np.full(len(out), None, dtype=object)
    for i in np.flatnonzero(council):
        if result[i] == "adopted without a vote":
            rule[i] = "adopted without a vote"
        elif enough[i] is False:
            rule[i] = f"not adopted: fewer than {needed[i]} in favour"
        elif has_veto[i]:
            rule[i] = "adopted: procedural, no veto" if result[i] == "adopted" else "vetoed"
        elif enough[i] is True:
            rule[i] = "adopted"
    expected = {
        "adopted": "adopted",
        "adopted: procedural, no veto": "adopted",
        "adopted without a vote": "adopted without a vote",
        "vetoed": "vetoed",
    }
    agrees = pd.array(
        [
            None if r is None else (expected.get(r, "rejected") == p)
            for r, p in zip(rule, result, strict=True)
        ],
        dtype="boolean",
    )
    out["votes_needed"] = needed
    out["permanent_against"] = pd.array(vetoed_by.to_numpy(dtype=object), dtype="str")
    out["council_rule"] = pd.array(rule, dtype="str")
    out["rule_agrees"] = agrees
    return out
