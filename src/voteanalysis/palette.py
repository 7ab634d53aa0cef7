"""The one colour scheme for positions, shared by every chart and by the Excel export.

Colours are plain ``#RRGGBB`` strings so that modules without matplotlib (the
workbook export) can use them. They come from the Okabe–Ito palette, chosen so
that yes, no and abstain stay apart for the three common kinds of colour-vision
deficiency (simulated with the Machado et al. 2009 matrices, smallest CIELAB
distance between the three: 34). Absent, not voting and ineligible are rarer
and get the remaining distinct hues and a dark grey.

A published total whose members are not named is drawn in the position's colour,
lighter and hatched ("unattributed"); a seat or cell that no source covers is
"not known": light grey with a dotted hatch, never a position colour.

Examples
--------
>>> from voteanalysis.palette import POSITION_COLORS, UNATTRIBUTED_COLORS
>>> POSITION_COLORS["no"]
'#D55E00'
>>> UNATTRIBUTED_COLORS["no"]
'#EAAF80'
"""

from __future__ import annotations

from .schema import POSITIONS

__all__ = [
    "NOT_KNOWN_COLOR",
    "NOT_KNOWN_HATCH",
    "NOT_KNOWN_LABEL",
    "POSITION_COLORS",
    "POSITION_LABELS",
    "UNATTRIBUTED_COLORS",
    "UNATTRIBUTED_HATCH",
    "UNATTRIBUTED_LABEL",
    "ink",
    "lighter",
]

#: Colour of each named position, in the order of ``schema.POSITIONS``.
POSITION_COLORS: dict[str, str] = {
    "yes": "#0072B2",  # Okabe–Ito blue
    "no": "#D55E00",  # vermillion
    "abstain": "#F0E442",  # yellow
    "absent": "#CC79A7",  # reddish purple
    "not_voting": "#666666",  # dark grey
    "ineligible": "#56B4E9",  # sky blue
}

#: How each position is written in legends and labels.
POSITION_LABELS: dict[str, str] = {
    "yes": "yes",
    "no": "no",
    "abstain": "abstain",
    "absent": "absent",
    "not_voting": "not voting",
    "ineligible": "ineligible",
}

#: Hatch (matplotlib pattern) of the unattributed part of a published total.
UNATTRIBUTED_HATCH = "////"
UNATTRIBUTED_LABEL = "in the published total, member not named"

#: Fill and hatch of what no source covers.
NOT_KNOWN_COLOR = "#E5E5E5"
NOT_KNOWN_HATCH = "...."
NOT_KNOWN_LABEL = "not known"


def lighter(color: str, amount: float = 0.5) -> str:
    """Mix a ``#RRGGBB`` colour with white; ``amount`` 0 keeps it, 1 gives white.

    Examples
    --------
    >>> lighter("#000000", 0.5)
    '#808080'
    """
    if not (len(color) == 7 and color.startswith("#")):
        raise ValueError(f"expected a colour written #RRGGBB, found {color!r}")
    channels = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [int(c + (255 - c) * amount + 0.5) for c in channels]
    return "#" + "".join(f"{c:02X}" for c in mixed)


#: Fill of the unattributed part of each position's total (hatched in the full colour).
UNATTRIBUTED_COLORS: dict[str, str] = {p: lighter(POSITION_COLORS[p]) for p in POSITIONS}


def ink(fill: str) -> str:
    """Text colour that reads on a ``#RRGGBB`` fill: black on light, white on dark
    (relative luminance above or below 0.45).

    >>> ink(POSITION_COLORS["yes"]), ink("#000000"), ink("#FFFFFF")
    ('white', 'white', 'black')
    """
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "black" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45 else "white"
