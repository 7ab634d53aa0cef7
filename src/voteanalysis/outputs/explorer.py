"""Exploring a dataset: choose body, sessions, subject, members and chart, and see it redrawn.

``explore(data)`` in a notebook shows ipywidgets controls above a chart; every change
redraws the chart from the dataset already in memory (files are read once, when
``data`` is loaded). The same choices given as arguments draw without widgets, so a
notebook exported to HTML or run headless still shows the chart.

Choices
-------
body
    A body code of the data (``"ILO-GB"``, ``"IAEA-BoG"``...); ``None`` for all.
sessions
    One session (``"GB.355"``) or a range ``(first, last)``, both ends included,
    in the order the sessions met; ``None`` for all.
subject
    A subject of the votes (``"Belarus"``); ``None`` for all.
highlight
    Member ids drawn first and framed in the opposition grid, and given a strip
    each above the timeline.
chart
    ``"tally"``, ``"opposition"``, ``"hemicycle"`` or ``"timeline"`` (``kind=``, its
    old name, still works for one release with a :class:`DeprecationWarning`).
vote
    The vote a hemicycle draws; default the latest one chosen.
"""

from __future__ import annotations

import base64
import difflib
import io
import textwrap
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..analysis.tally import opposition_order
from ..arguments import check_choice, check_type, renamed_arguments
from ..dataset import VoteDataset, by_date, cell_text, fold, require_dataset
from ..io.names import member_names
from ..schema import body_name
from .gallery import in_body_order

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

__all__ = ["KINDS", "MAX_CELLS", "MAX_VOTES", "Choices", "Explorer", "explore"]

#: Chart kinds, with what each shows.
KINDS: dict[str, str] = {
    "tally": "Totals per vote: named, unattributed and not known",
    "opposition": "Who voted no or abstained, vote by vote",
    "hemicycle": "One vote, seat by seat",
    "timeline": "Votes over time, with the highlighted members' positions",
}

#: Most votes a tally or timeline draws (the UN General Assembly record has thousands).
MAX_VOTES = 120
#: Most cells (votes × members) an opposition grid draws.
MAX_CELLS = 2500

_KIND_LABELS = {
    "tally": "totals per vote",
    "opposition": "who voted no or abstained",
    "hemicycle": "one vote, seat by seat",
    "timeline": "votes over time",
}
_DPI = 80
_RC: dict[RcKeyType, Any] = {"font.size": 9, "axes.titlesize": 10, "figure.dpi": _DPI}


@dataclass(frozen=True)
class Choices:
    """What an :class:`Explorer` draws (see the module docstring)."""

    body: str | None = None
    sessions: tuple[str, str] | None = None
    subject: str | None = None
    highlight: tuple[str, ...] = ("RUS", "CHN")
    chart: str = "tally"
    vote: str | None = None

    @property
    def kind(self) -> str:
        """The old name of :attr:`chart`, kept for one release."""
        warnings.warn(
            "Choices.kind is now Choices.chart; the old name goes in the next release",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.chart


# --------------------------------------------------------------------------- the data


def _drawable(votes: pd.DataFrame) -> pd.DataFrame:
    """Votes a chart draws: elections are ballots, not votes on a text."""
    return votes[votes["kind"] != "election"]


def _bodies(data: VoteDataset) -> list[str]:
    found = {cell_text(b) for b in _drawable(data.votes)["body"]} - {""}
    return in_body_order(found)


def _of_body(data: VoteDataset, body: str | None) -> pd.DataFrame:
    votes = _drawable(data.votes)
    return votes if body is None else votes[votes["body"] == body]


def _sessions(votes: pd.DataFrame) -> list[str]:
    """Sessions in the order they met (earliest vote date; undated last)."""
    if not len(votes):
        return []
    # Each session's first vote (by_date puts the undated last), then by date and name.
    first = by_date(votes[votes["session"].map(cell_text) != ""]).drop_duplicates("session")
    first = first.sort_values(["date", "session"], na_position="last", kind="stable")
    return [cell_text(s) for s in first["session"]]


def _subjects(votes: pd.DataFrame) -> list[str]:
    return sorted({cell_text(s) for s in votes["subject"]} - {""})


def _session_span(order: Sequence[str], span: tuple[str, str]) -> list[str]:
    i, j = order.index(span[0]), order.index(span[1])
    return list(order[min(i, j) : max(i, j) + 1])


def _votes_in(data: VoteDataset, c: Choices) -> pd.DataFrame:
    """The drawable votes the choices select, by date."""
    votes = _of_body(data, c.body)
    if c.sessions is not None:
        votes = votes[votes["session"].isin(_session_span(_sessions(votes), c.sessions))]
    if c.subject is not None:
        votes = votes[votes["subject"] == c.subject]
    return by_date(votes)


def _vote_label(row: pd.Series) -> str:
    head = " · ".join(
        t
        for t in (cell_text(row["date"]), cell_text(row["session"]), cell_text(row["subject"]))
        if t
    )
    return textwrap.shorten(head or cell_text(row["vote_id"]), 60)


_SHOWN = 12  # choices a message lists; the data can hold thousands of votes


def _check_in_data(name: str, value: object, known: Iterable[object]) -> None:
    """A choice that must be one of the data's values: ``ValueError`` naming them if not.

    The caller's argument is wrong, not the data, hence no ``VoteDataError``. As
    :func:`voteanalysis.arguments.check_choice`, but a long list is cut short.
    """
    options = list(dict.fromkeys(cell_text(k) for k in known))
    if len(options) <= _SHOWN or not isinstance(value, str):
        check_choice("explore", name, value, options)
    elif value not in options:
        close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        listed = ", ".join(repr(o) for o in options[:_SHOWN])
        raise ValueError(
            f"explore(): {name}={value!r} is not one of {listed} "
            f"and {len(options) - _SHOWN} more{hint}"
        )


def _checked(data: VoteDataset, c: Choices) -> Choices:
    """The choices, validated against the data; a single session becomes a range."""
    check_choice("explore", "chart", c.chart, KINDS)
    if c.body is not None:
        _check_in_data("body", c.body, _bodies(data))
    votes = _of_body(data, c.body)
    if c.sessions is not None:
        sessions = _sessions(votes)
        for s in c.sessions:
            _check_in_data("sessions", s, sessions)
    if c.subject is not None:
        _check_in_data("subject", c.subject, _subjects(votes))
    if c.vote is not None:
        _check_in_data("vote", c.vote, _drawable(data.votes)["vote_id"])
    return c


def _as_choices(
    body: str | None,
    sessions: str | Sequence[str] | None,
    subject: str | None,
    highlight: str | Iterable[str],
    chart: str,
    vote: str | None,
) -> Choices:
    span: tuple[str, str] | None
    if sessions is None:
        span = None
    elif isinstance(sessions, str):
        span = (sessions, sessions)
    else:
        ends = list(sessions)
        if len(ends) not in (1, 2) or not all(isinstance(s, str) for s in ends):
            raise TypeError(
                f"sessions= takes one session or a (first, last) pair of sessions, not {sessions!r}"
            )
        span = (ends[0], ends[-1])
    many = isinstance(highlight, Iterable) and not isinstance(highlight, str)
    members: tuple[Any, ...] = tuple(highlight) if many else (highlight,)
    if not all(isinstance(m, str) for m in members):
        raise TypeError(
            f"explore(): highlight takes member ids (e.g. 'RUS' or ('RUS', 'CHN')), "
            f"not {highlight!r}"
        )
    return Choices(
        body=body or None,
        sessions=span,
        subject=subject or None,
        highlight=members,
        chart=chart,
        vote=vote or None,
    )


# --------------------------------------------------------------------------- the charts


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(min(width, 16.0), min(height, 60.0)), layout="constrained")


def _scope(c: Choices, votes: pd.DataFrame) -> str:
    """'ILO Governing Body · GB.344 to GB.355 · Belarus · 2 votes'."""
    parts = [body_name(c.body) if c.body else "All bodies"]
    if c.sessions is not None:
        first, last = c.sessions
        parts.append(first if first == last else f"{first} to {last}")
    if c.subject is not None:
        parts.append(c.subject)
    parts.append(f"{len(votes)} vote" + ("" if len(votes) == 1 else "s"))
    return " · ".join(parts)


def _tally(sel: VoteDataset, c: Choices) -> Figure:
    from .gallery import _tally_panels

    return _tally_panels(sel, width=10, base_height=1.4)


def _opposition_members(sel: VoteDataset, c: Choices) -> list[str]:
    """The grid's rows: highlighted members, then who voted no, then who abstained most."""
    pos = sel.positions
    opposed = pos[pos["position"].astype("str").isin(["no", "abstain"])]
    # Highlighted members are shown even where they never opposed: that is the point.
    return opposition_order(opposed, highlight=c.highlight, names=member_names(sel))


def _opposition(sel: VoteDataset, c: Choices) -> Figure:
    from ..plots.opposition import oppositionplot

    members = _opposition_members(sel, c)
    n_votes = len(_drawable(sel.votes))
    fig = _figure(4.5 + 0.3 * n_votes, 4.2 + 0.24 * len(members))
    ax = fig.subplots()
    oppositionplot(sel, members=members, highlight=c.highlight, ax=ax)
    # The cell codes sit inside the grid: leaving them out of the layout halves its cost.
    for text in ax.texts:
        if text.get_transform() is ax.transData:
            text.set_in_layout(False)
    return fig


def _hemicycle(sel: VoteDataset, c: Choices) -> Figure:
    from ..plots.hemicycle import hemicycleplot

    fig = _figure(8, 6)
    hemicycleplot(sel, _chosen_vote(sel, c), ax=fig.subplots())
    return fig


def _timeline(sel: VoteDataset, c: Choices) -> Figure:
    from ..plots.timeline import timelineplot

    n_votes = len(_drawable(sel.votes))
    fig = _figure(max(7.0, 2.0 + 0.75 * n_votes), 5.5 + 0.2 * len(c.highlight))
    timelineplot(sel, highlight=c.highlight, ax=fig.subplots())
    return fig


_DRAW: dict[str, Callable[[VoteDataset, Choices], Figure]] = {
    "tally": _tally,
    "opposition": _opposition,
    "hemicycle": _hemicycle,
    "timeline": _timeline,
}


def _chosen_vote(sel: VoteDataset, c: Choices) -> str:
    """The vote a hemicycle draws: the chosen one if selected, else the latest."""
    ids = list(_votes_in(sel, Choices())["vote_id"])
    return c.vote if c.vote is not None and c.vote in ids else str(ids[-1])


def _too_many(sel: VoteDataset, c: Choices, n_votes: int) -> str:
    """Why the chosen votes are too many to draw one by one, or '' when they are not."""
    ask = "Choose fewer: a body, a range of sessions or a subject."
    if c.chart in ("tally", "timeline") and n_votes > MAX_VOTES:
        return f"{n_votes} votes chosen; this chart draws at most {MAX_VOTES}.\n{ask}"
    if c.chart == "opposition":
        n_members = len(_opposition_members(sel, c))
        if n_votes * n_members > MAX_CELLS:
            return (
                f"{n_votes} votes × {n_members} members chosen; this grid draws at most "
                f"{MAX_CELLS} cells.\n{ask}"
            )
    return ""


def _note(text: str) -> Figure:
    fig = _figure(8, 2.5)
    ax = fig.subplots()
    ax.text(0.5, 0.5, text, ha="center", va="center", gid="note")
    ax.set_axis_off()
    return fig


def _png(fig: Figure) -> bytes:
    """The figure as PNG, drawn once (``savefig`` draws a constrained figure twice:
    once to lay it out, once to paint it)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # type: ignore[no-untyped-call]
    width, height = canvas.get_width_height()
    rgba = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
    image = Image.frombuffer("RGBA", (width, height), rgba, "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="png")
    return buffer.getvalue()


# --------------------------------------------------------------------------- the explorer


def _has_kernel() -> bool:
    """True inside a Jupyter kernel, where widgets have a front end to talk to."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


class Explorer:
    """Charts of one dataset, redrawn from memory as the choices change.

    Made by :func:`explore`. ``draw(**choices)`` returns a new Figure for the current
    choices updated by ``choices``; ``figure`` is the chart shown last; ``widget`` is
    the ipywidgets box (controls, status line and the chart), or ``None`` when the
    explorer runs without widgets.
    """

    def __init__(self, data: VoteDataset, choices: Choices, *, widgets: bool) -> None:
        self.data = data
        self._choices = _checked(data, choices)
        self._names = member_names(data.positions)
        self._png: bytes | None = None
        self._updating = False
        self._controls: dict[str, Any] = {}
        self.widget: Any = None
        self.figure: Figure | None = None
        if widgets:
            self.widget = self._build()
        self.redraw()

    # -- choices and drawing

    @property
    def choices(self) -> Choices:
        """What is chosen now: the widgets' values, or the arguments without widgets."""
        return self._choices

    @renamed_arguments(kind="chart")
    def selection(self, **choices: Any) -> VoteDataset:
        """The dataset filtered by the current choices updated by ``choices``."""
        return self._select(self._merged(choices))

    def _merged(self, choices: dict[str, Any]) -> Choices:
        names = [f.name for f in fields(Choices)]
        unknown = set(choices) - set(names)
        if unknown:
            raise TypeError(
                f"unknown choice(s) {', '.join(sorted(unknown))}; choices are {', '.join(names)}"
            )
        c = self._choices
        args = {
            "body": c.body,
            "sessions": c.sessions,
            "subject": c.subject,
            "highlight": c.highlight,
            "chart": c.chart,
            "vote": c.vote,
        } | choices
        return _checked(self.data, _as_choices(**args))

    def _select(self, c: Choices) -> VoteDataset:
        sessions = None
        if c.sessions is not None:
            sessions = _session_span(_sessions(_of_body(self.data, c.body)), c.sessions)
        return self.data.filter(body=c.body, session=sessions, subject=c.subject, allow_empty=True)

    @renamed_arguments(kind="chart")
    def draw(self, **choices: Any) -> Figure:
        """Draw the current choices updated by ``choices`` and return the new Figure.

        The explorer's own choices and widgets do not change. The figure is not
        registered with pyplot: nothing else shows or keeps it.
        """
        import matplotlib

        c = self._merged(choices)
        sel = self._select(c)
        votes = _votes_in(self.data, c)
        with matplotlib.rc_context(_RC):
            if not len(votes):
                return _note("No votes match these choices.")
            too_many = _too_many(sel, c, len(votes))
            if too_many:
                return _note(too_many)
            fig = _DRAW[c.chart](sel, c)
            title = f"{KINDS[c.chart]}: {_scope(c, votes)}"
            fig.suptitle(title, x=0.0, ha="left", fontweight="bold")
            from ..plots.common import source_caption as _source_caption

            fig.supxlabel(
                _source_caption(sel, votes["vote_id"]),
                x=0.0,
                ha="left",
                fontsize=7,
                color="#444444",
                wrap=True,
            )
        return fig

    def redraw(self) -> None:
        """Draw the current choices and show them in the widget, when there is one."""
        start = time.perf_counter()
        self.figure = self.draw()
        self._png = None
        if self.widget is None:
            return
        png = self.png()
        seconds = time.perf_counter() - start
        width, height = (round(v * _DPI) for v in self.figure.get_size_inches())
        self._controls["output"].outputs = (
            {
                "output_type": "display_data",
                "data": {
                    "image/png": base64.b64encode(png).decode("ascii"),
                    "text/plain": f"<chart: {self.figure.get_suptitle()}>",
                },
                "metadata": {"image/png": {"width": width, "height": height}},
            },
        )
        n = len(_votes_in(self.data, self._choices))
        self._controls[
            "status"
        ].value = f"{n} vote{'' if n == 1 else 's'} chosen · drawn in {seconds:.2f} s"

    def png(self) -> bytes:
        """The chart shown last, as PNG."""
        if self._png is None:
            if self.figure is None:
                self.redraw()
            assert self.figure is not None
            self._png = _png(self.figure)
        return self._png

    def _ipython_display_(self) -> None:
        from IPython.display import Image, display

        if self.widget is not None:
            display(self.widget)  # type: ignore[no-untyped-call]
        else:
            display(Image(data=self.png(), format="png"))  # type: ignore[no-untyped-call]

    def __repr__(self) -> str:
        return f"Explorer({self._choices}, widgets={self.widget is not None})"

    # -- widgets

    def _build(self) -> Any:
        import ipywidgets as w

        c = self._choices
        wide = w.Layout(width="24rem")
        body = w.Dropdown(
            description="Body",
            options=[("All bodies", ""), *((body_name(b), b) for b in _bodies(self.data))],
            value=c.body or "",
            layout=wide,
        )
        kind = w.Dropdown(
            description="Chart",
            options=[(f"{k}: {_KIND_LABELS[k]}", k) for k in KINDS],
            value=c.chart,
            layout=wide,
        )
        kind.add_class("va-explore-kind")
        subject = w.Dropdown(description="Subject", layout=wide)
        sessions = w.SelectionRangeSlider(
            description="Sessions", options=["(none)"], layout=w.Layout(width="36rem")
        )
        vote = w.Dropdown(description="Vote", layout=w.Layout(width="36rem"))
        members = sorted(self._names, key=lambda m: (fold(self._names[m]), m))
        highlight = w.SelectMultiple(
            description="Members",
            options=[
                (f"{self._names.get(m, m)} ({m})", m)
                for m in [*c.highlight, *(m for m in members if m not in c.highlight)]
            ],
            value=c.highlight,
            rows=6,
            layout=w.Layout(width="24rem"),
        )
        status = w.Label()
        output = w.Output()
        self._controls = {
            "body": body,
            "kind": kind,
            "subject": subject,
            "sessions": sessions,
            "vote": vote,
            "highlight": highlight,
            "status": status,
            "output": output,
        }
        self._fill(c)
        for name in ("body", "kind", "subject", "sessions", "vote", "highlight"):
            self._controls[name].observe(self._changed, names="value")
        box = w.VBox(
            [
                w.HBox([w.VBox([body, subject, kind]), highlight]),
                sessions,
                vote,
                status,
                output,
            ]
        )
        box.add_class("va-explore")
        return box

    def _fill(self, c: Choices) -> None:
        """Set the options and values of the controls that depend on other choices."""
        self._updating = True
        try:
            ctl = self._controls
            votes = _of_body(self.data, c.body)
            subjects = _subjects(votes)
            ctl["subject"].options = [("All subjects", ""), *((s, s) for s in subjects)]
            ctl["subject"].value = c.subject or ""
            order = _sessions(votes)
            slider = ctl["sessions"]
            slider.options = order or ["(none)"]
            slider.disabled = len(order) < 2
            if c.sessions is not None:
                slider.index = tuple(order.index(s) for s in c.sessions)
            else:
                slider.index = (0, max(len(order) - 1, 0))
            chosen = _votes_in(self.data, c)
            ctl["vote"].options = [
                (_vote_label(row), str(row["vote_id"])) for _, row in chosen.iterrows()
            ]
            if len(chosen):
                ids = list(chosen["vote_id"])
                ctl["vote"].value = c.vote if c.vote in ids else ids[-1]
            ctl["vote"].disabled = c.chart != "hemicycle"
        finally:
            self._updating = False

    def _from_widgets(self, changed: str) -> Choices:
        ctl = self._controls
        body = ctl["body"].value or None
        if changed == "body":  # the sessions, subjects and votes of another body
            return Choices(body=body, highlight=self._choices.highlight, chart=ctl["kind"].value)
        order = _sessions(_of_body(self.data, body))
        i, j = ctl["sessions"].index
        full = not order or (i, j) == (0, len(order) - 1)
        return Choices(
            body=body,
            sessions=None if full else (order[i], order[j]),
            subject=ctl["subject"].value or None,
            highlight=tuple(ctl["highlight"].value),
            chart=ctl["kind"].value,
            vote=None if changed in ("sessions", "subject") else ctl["vote"].value or None,
        )

    def _changed(self, change: dict[str, Any]) -> None:
        if self._updating:
            return
        name = next(k for k, v in self._controls.items() if v is change["owner"])
        before = self._choices
        c = self._from_widgets(name)
        self._choices = c
        self._fill(c)
        if c.vote is None and self._controls["vote"].value:
            c = replace(c, vote=self._controls["vote"].value)
            self._choices = c
        unaffected = (name == "vote" and c.chart != "hemicycle") or (
            name == "highlight" and c.chart not in ("opposition", "timeline")
        )
        if not unaffected and c != before:
            self.redraw()


@renamed_arguments(kind="chart")
def explore(
    data: VoteDataset,
    *,
    body: str | None = None,
    sessions: str | Sequence[str] | None = None,
    subject: str | None = None,
    highlight: str | Iterable[str] = ("RUS", "CHN"),
    chart: str = "tally",
    vote: str | None = None,
    widgets: bool | None = None,
) -> Explorer:
    """Explore a dataset with controls that redraw a chart in place.

    In a Jupyter notebook the result shows ipywidgets controls — body, session range,
    subject, members to highlight, chart, and the vote a hemicycle draws — above
    the chart; each change redraws it from ``data`` in memory, without reading any file.
    Without widgets (``widgets=False``, or outside a kernel) the result shows the
    chart the arguments choose, so exported and headless runs keep it.

    Parameters
    ----------
    data
        The dataset, already loaded (e.g. ``va.load_dataset()``).
    body, sessions, subject, highlight, vote
        The first choices (see :mod:`voteanalysis.outputs.explorer`).
    chart
        The chart drawn: one of :data:`KINDS` (``"tally"``, ``"opposition"``,
        ``"hemicycle"``, ``"timeline"``). ``kind=``, its old name, still works for
        one release, with a :class:`DeprecationWarning`.
    widgets
        Show controls; default: when running in a Jupyter kernel.

    Returns
    -------
    Explorer
        ``.figure`` is the chart drawn, ``.draw(**choices)`` draws another,
        ``.widget`` holds the controls.

    Raises
    ------
    ValueError
        When ``chart`` is not one of :data:`KINDS`, or a body, session, subject or
        vote is not in the data (the message names the valid choices).
    TypeError
        When ``data`` is not a dataset or a choice is not text.

    Examples
    --------
    >>> import voteanalysis as va
    >>> ex = va.explore(va.load_dataset(), body="ILO-GB", subject="Belarus", widgets=False)
    >>> list(ex.selection().votes["vote_id"])
    ['ILO-GB355-BLR']
    >>> ex.figure.get_suptitle()
    'Totals per vote: named, unattributed and not known: ILO Governing Body · Belarus · 1 vote'
    """
    data = require_dataset(data, "explore")
    if widgets is not None:
        check_type("explore", "widgets", widgets, bool)
    choices = _as_choices(body, sessions, subject, highlight, chart, vote)
    return Explorer(data, choices, widgets=_has_kernel() if widgets is None else widgets)
