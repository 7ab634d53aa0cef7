"""Roll calls written by hand for the tests: one string of position codes per member.

Shared by the agreement, blocs, chart and ideal-point tests. A module rather than
``conftest.py``: ``tests/e2e/conftest.py`` is also imported as ``conftest``, so
``from conftest import ...`` would find whichever was loaded last.
"""

from __future__ import annotations

import pandas as pd

#: Y yes, N no, A abstain, - absent, I ineligible.
CODES = {"Y": "yes", "N": "no", "A": "abstain", "-": "absent", "I": "ineligible"}

# VoteView's worked example ("Agreement scores", voteview.com): six legislators,
# five roll calls, in VoteView's row order.
VOTEVIEW = {
    "Five": "NYNNN",
    "Six": "NYYNN",
    "Four": "NYNYN",
    "One": "YNNYY",
    "Two": "NNNYY",
    "Three": "NNNYN",
}
# The agreement matrix VoteView publishes for it, rows and columns in that order.
VOTEVIEW_MATRIX = [
    [1.0, 0.8, 0.8, 0.2, 0.4, 0.6],
    [0.8, 1.0, 0.6, 0.0, 0.2, 0.4],
    [0.8, 0.6, 1.0, 0.4, 0.6, 0.8],
    [0.2, 0.0, 0.4, 1.0, 0.8, 0.6],
    [0.4, 0.2, 0.6, 0.8, 1.0, 0.8],
    [0.6, 0.4, 0.8, 0.6, 0.8, 1.0],
]


def positions(
    rows: dict[str, str], session: str | None = None, *, prefix: str = "v"
) -> pd.DataFrame:
    """One member per key, one vote per letter of its string (votes v0, v1, ...).

    With ``session``, vote ids are ``{session}-v0``, ... and a ``session`` column is added.
    """
    frame = pd.DataFrame(
        [
            (f"{prefix}{j}", member, CODES[code])
            for member, codes in rows.items()
            for j, code in enumerate(codes)
        ],
        columns=["vote_id", "member_id", "position"],
    )
    if session is not None:
        frame["vote_id"] = session + "-" + frame["vote_id"]
        frame["session"] = session
    return frame
