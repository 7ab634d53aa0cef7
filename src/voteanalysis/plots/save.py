"""Saving a chart: PNG, SVG with editable text, or PDF with embedded fonts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

__all__ = ["SAVE_FORMATS", "SAVE_RC", "savefig"]

#: Saving options that keep text editable: SVG text stays <text>, PDF embeds TrueType.
SAVE_RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "voteanalysis",
    "pdf.fonttype": 42,
}
#: File formats :func:`savefig` writes, from the file name's suffix.
SAVE_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
_SAVE_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "ModDate": None},
}


def savefig(
    chart: Figure | Axes,
    path: str | Path,
    *,
    dpi: float = 150,
    **kwargs: Any,
) -> Path:
    """Save a chart as PNG, SVG (text stays editable text) or PDF (fonts embedded).

    The format comes from the file name's suffix. The file is written to a fresh
    temporary file beside ``path`` and then moved into place, so an existing file
    is either kept whole or replaced whole. Charts drawn by the kit's plot
    functions already carry their source line under the figure.

    Parameters
    ----------
    chart
        The Figure, or an Axes of it.
    path
        The file to write: ``.png``, ``.svg`` or ``.pdf``.
    dpi
        Resolution of a PNG.
    **kwargs
        Passed to :meth:`matplotlib.figure.Figure.savefig`.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ValueError
        When the suffix is not one of :data:`SAVE_FORMATS`.
    TypeError
        When ``chart`` is neither a Figure nor an Axes.
    """

    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in SAVE_FORMATS:
        raise ValueError(
            f"cannot tell the format of {target.name!r}: the file name must end in "
            + ", ".join(f".{f}" for f in SAVE_FORMATS)
        )
    fig = chart.get_figure(root=True) if isinstance(chart, Axes) else chart
    if not isinstance(fig, Figure):
        raise TypeError(f"savefig() needs a matplotlib Figure or Axes, not {type(chart).__name__}")
    import matplotlib

    options = {"format": fmt, "dpi": dpi, "metadata": _SAVE_METADATA[fmt], **kwargs}
    from ..safewrite import literal_text, replacing

    literal_text(fig)
    # Notes hung under a legend are placed from where the legend was drawn: one draw
    # first lets the layout engine settle on those positions before the file is written.
    fig.draw_without_rendering()
    with matplotlib.rc_context(SAVE_RC), replacing(target, "the chart") as fh:
        fig.savefig(fh, **options)
    return target
