"""Where the bundled data live: inside the installed package, or ``data/`` of a checkout.

One helper, :func:`bundled_dir`, finds every bundled folder; it imports nothing of
the kit but its errors, so any reader may use it without an import loop.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..errors import VoteDataError

__all__ = ["bundled_dir", "data_dir"]


def bundled_dir(*parts: str, probe: str) -> Path:
    """Folder ``data/<parts...>`` holding the file ``probe``, installed or in a checkout.

    >>> (bundled_dir(probe="votes.csv") / "votes.csv").is_file()
    True
    """
    packaged = Path(str(resources.files("voteanalysis"))).joinpath("_data", *parts)
    if (packaged / probe).is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[3].joinpath("data", *parts)
    if (checkout / probe).is_file():
        return checkout
    where = "/".join(("data", *parts, probe))
    raise VoteDataError(f"the bundled data ({where}) were not found; reinstall voteanalysis")


def data_dir() -> Path:
    """Folder of the bundled data (the kit's own tables, ``votes.csv`` and the others).

    >>> data_dir().name in {"data", "_data"}
    True
    """
    return bundled_dir(probe="votes.csv")
