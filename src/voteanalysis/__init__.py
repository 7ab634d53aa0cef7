"""voteanalysis: recorded votes in the governing bodies of international organisations.

Importing the package is cheap: the plotting libraries load when a chart is drawn.
"""

from __future__ import annotations

import importlib
from typing import Any

from .agreement import agreement, alignment
from .blocs import blocs
from .cohesion import cohesion, majority_share, with_majority, yes_share
from .combine import about, concat, coverage
from .dataset import VoteDataset
from .errors import VoteDataError
from .idealpoints import ideal_points
from .io import load_dataset, read_dataset
from .schema import POSITION_DTYPE, POSITIONS
from .tally import member_history, member_summary, opposition, tally, where_stood
from .undl import read_undl
from .unga import read_voeten
from .unsc import vetoes

__version__ = "0.1.0"

# Computations are imported above (they need only pandas). Plotting and export
# names -> module that defines them; loaded on first use.
_LAZY: dict[str, str] = {
    "tallyplot": "plot",
    "oppositionplot": "plot",
    "hemicycleplot": "plot",
    "hemicycle_seats": "plot",
    "savefig": "plot",
    "timelineplot": "plot",
    "POSITION_COLORS": "palette",
    "export_gallery": "gallery",
    "export_excel": "export",
    "export_csv": "export",
    "read_spreadsheet": "spreadsheet",
    "parse_vote_text": "textparse",
    "member_id": "names",
    "regions": "names",
    "usual_name": "names",
    "name_at": "names",
    "data_dir": "io",
    "MEASURES": "agreement",
    "agreementplot": "matrix",
    "alignmentplot": "matrix",
    "cohesionplot": "matrix",
    "idealpointplot": "idealplot",
    "explore": "explorer",
    "Explorer": "explorer",
    "export_report": "report",
    "vetoplot": "vetochart",
}

__all__ = [
    "POSITIONS",
    "POSITION_DTYPE",
    "VoteDataError",
    "VoteDataset",
    "__version__",
    "about",
    "agreement",
    "alignment",
    "blocs",
    "cohesion",
    "concat",
    "coverage",
    "ideal_points",
    "load_dataset",
    "majority_share",
    "read_undl",
    "read_voeten",
    "with_majority",
    "yes_share",
    "member_history",
    "member_summary",
    "opposition",
    "read_dataset",
    "tally",
    "vetoes",
    "where_stood",
    *sorted(_LAZY),
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'voteanalysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
