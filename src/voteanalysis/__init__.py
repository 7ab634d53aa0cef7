"""voteanalysis: recorded votes in the governing bodies of international organisations.

Importing the package is cheap: the plotting libraries load when a chart is drawn.
"""

from __future__ import annotations

import importlib
from typing import Any

from .analysis.agreement import agreement, alignment
from .analysis.blocs import blocs
from .analysis.cohesion import cohesion, majority_share, with_majority, yes_share
from .analysis.combine import about, concat, coverage
from .analysis.idealpoints import ideal_points
from .analysis.tally import (
    member_history,
    member_summary,
    opposition,
    opposition_order,
    tally,
    where_stood,
)
from .dataset import VoteDataset
from .errors import VoteDataError
from .io.kit import load_dataset, read_dataset
from .io.undl import read_undl
from .io.unga import read_voeten
from .io.unsc import vetoes
from .schema import POSITION_DTYPE, POSITIONS
from .version import __version__

# Computations are imported above (they need only pandas). Plotting and export
# names -> module that defines them; loaded on first use.
_LAZY: dict[str, str] = {
    "tallyplot": "plots.tally",
    "oppositionplot": "plots.opposition",
    "hemicycleplot": "plots.hemicycle",
    "hemicycle_seats": "analysis.seats",
    "savefig": "plots.save",
    "timelineplot": "plots.timeline",
    "POSITION_COLORS": "palette",
    "export_gallery": "outputs.gallery",
    "export_excel": "outputs.export",
    "export_csv": "outputs.export",
    "read_spreadsheet": "io.spreadsheet",
    "parse_vote_text": "io.textparse",
    "member_id": "io.names",
    "regions": "io.names",
    "usual_name": "io.names",
    "name_at": "io.names",
    "data_dir": "io.paths",
    "MEASURES": "analysis.agreement",
    "agreement_matrix": "analysis.blocs",
    "agreement_order": "analysis.blocs",
    "agreementplot": "plots.matrix",
    "alignmentplot": "plots.matrix",
    "cohesionplot": "plots.matrix",
    "idealpointplot": "plots.idealplot",
    "explore": "outputs.explorer",
    "Explorer": "outputs.explorer",
    "export_report": "outputs.report",
    "vetoplot": "plots.vetochart",
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
    "opposition_order",
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
