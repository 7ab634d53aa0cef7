"""One self-contained HTML page of a dataset: charts, tables, sources, for readers without Python.

``voteanalysis report OUT.html`` calls :func:`export_report`. The page holds the
gallery's charts as embedded PNG images, the tally of every vote, the named positions
member by member, the statements, the election ballots and every source as a link.
It loads nothing from elsewhere (no scripts, fonts or style sheets), so it can be
mailed and opened in any browser. All text from the data is escaped; only ``http``
and ``https`` sources become links. The same data give the same bytes on every run.
"""

from __future__ import annotations

import base64
import html
import io
import os
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pandas as pd

from ..arguments import check_type
from ..dataset import VoteDataset, by_date, cell_text, require_dataset
from ..io.names import member_names
from ..palette import NOT_KNOWN_COLOR, POSITION_COLORS, POSITION_LABELS, UNATTRIBUTED_COLORS, ink
from ..safewrite import ensure_folder, write_bytes, write_text
from ..schema import POSITIONS, TOTAL_COLUMNS, body_name
from ..version import __version__
from .gallery import in_body_order

__all__ = ["CHART_CAPTIONS", "export_report"]

#: One line on what each gallery chart shows, by file stem (also the README's gallery).
CHART_CAPTIONS: dict[str, str] = {
    "01-tally": "Every vote, body by body: the published totals, the members a source names "
    "(solid), the rest of each total (hatched) and seats no published total covers (grey).",
    "02-opposition": "Who voted no or abstained, vote by vote, Russia and China first; "
    "'?' where no source names a member's position.",
    "03-hemicycle-gb355-belarus": "The ILO Governing Body's vote on Belarus at its 355th "
    "session (November 2025), seat by seat: only the Russian Federation and China, the two "
    "votes against, are named; the 40 in favour and 9 abstentions are drawn beside the "
    "seats, since no source says which members or groups cast them.",
    "04-hemicycle-gb344-russia": "The ILO Governing Body's resolution on the Russian "
    "Federation's aggression against Ukraine (GB.344, March 2022), seat by seat: named "
    "governments, the in-favour votes the source counts per group (16 governments, 12 "
    "workers, 14 employers), and beside the seats the votes no group count places.",
    "05-iaea-board": "Resolutions the IAEA Board of Governors put to a vote since 2020, "
    "and how Russia and China voted on each.",
}

#: Resolution of the embedded charts; with 128 colours they stay under 100 KB each.
_DPI = 100
_COLOURS = 128

_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #1a1a1a; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { font-size: 1.3rem; margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
figure { margin: 1.5rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #e3e3e3; }
figcaption { font-size: .9rem; color: #333; }
table { border-collapse: collapse; font-size: .85rem; margin: .5rem 0; width: 100%; }
th, td { border: 1px solid #ddd; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.na { color: #777; font-style: italic; }
.pos { display: inline-block; padding: 0 .4rem; border-radius: .2rem; font-weight: 600; }
.small { font-size: .8rem; color: #444; }
blockquote { margin: .2rem 0; font-size: .8rem; color: #333; }
details summary { cursor: pointer; color: #444; font-size: .8rem; }
.key span { margin-right: 1rem; white-space: nowrap; }
.swatch { display: inline-block; width: .9rem; height: .9rem; vertical-align: -.1rem;
          margin-right: .3rem; border: 1px solid #999; }
"""


# --------------------------------------------------------------------------- text


def _e(value: Any) -> str:
    """Text from the data, escaped for HTML (quotes too: it may end up in an attribute)."""
    return html.escape(cell_text(value), quote=True)


def _link(url: Any, label: str | None = None) -> str:
    """A link to a source; only http(s) addresses become links, anything else is text."""
    address = cell_text(url).strip()
    if not address:
        return ""
    shown = _e(label if label is not None else address)
    if urlparse(address).scheme.lower() in ("http", "https"):
        return f'<a href="{_e(address)}">{shown}</a>'
    return shown


def _domain(url: Any) -> str:
    return urlparse(cell_text(url)).netloc.lower().removeprefix("www.") or cell_text(url)


def _chip(position: Any) -> str:
    p = cell_text(position)
    if p not in POSITION_COLORS:
        return _e(p)
    fill = POSITION_COLORS[p]
    return (
        f'<span class="pos" style="background:{fill};color:{ink(fill)}">'
        f"{_e(POSITION_LABELS[p])}</span>"
    )


def _table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """An HTML table; cells are HTML already (escaped by the caller)."""
    lines = ["<table>", "<thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead>"]
    lines.append("<tbody>")
    lines += ["<tr>" + "".join(row) + "</tr>" for row in rows]
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _td(content: str, cls: str = "", rowspan: int = 1) -> str:
    attrs = (f' class="{cls}"' if cls else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
    return f"<td{attrs}>{content}</td>"


def _count(value: Any) -> str:
    return _td("not published", "na") if pd.isna(value) else _td(str(int(value)), "n")


def _vote_heading(votes: pd.DataFrame) -> dict[str, str]:
    """'2025-11-24 · ILO-GB GB.355 · Belarus' per vote id, escaped."""
    out: dict[str, str] = {}
    for _, v in votes.iterrows():
        parts = [cell_text(v["date"]), f"{cell_text(v['body'])} {cell_text(v['session'])}".strip()]
        parts.append(cell_text(v["subject"]) or _short(cell_text(v["title"])))
        out[cell_text(v["vote_id"])] = _e(" · ".join(p for p in parts if p))
    return out


# --------------------------------------------------------------------------- sections


def _charts(data: VoteDataset) -> list[tuple[str, bytes]]:
    """The gallery's charts as small PNG files: (file stem, bytes)."""
    from PIL import Image

    from .gallery import gallery_figures

    out: list[tuple[str, bytes]] = []
    for stem, fig in gallery_figures(data):
        raw = io.BytesIO()
        fig.savefig(raw, format="png", dpi=_DPI, metadata={"Software": None})
        # Charts use few colours: a palette of 128 keeps them sharp at a third of the size.
        image = Image.open(raw).convert("RGB")
        small = image.quantize(
            colors=_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        buffer = io.BytesIO()
        small.save(buffer, format="png", optimize=True)
        out.append((stem, buffer.getvalue()))
    return out


def _charts_section(charts: list[tuple[str, bytes]]) -> str:
    if not charts:
        return "<p>No votes to draw.</p>"
    from PIL import Image

    parts = []
    for stem, png in charts:
        width, height = Image.open(io.BytesIO(png)).size
        caption = CHART_CAPTIONS.get(stem, stem)
        data = base64.b64encode(png).decode("ascii")
        parts.append(
            f'<figure id="chart-{_e(stem)}">'
            f'<img src="data:image/png;base64,{data}" width="{width}" height="{height}" '
            f'alt="{_e(caption)}">'
            f"<figcaption>{_e(caption)}</figcaption></figure>"
        )
    return "\n".join(parts)


def _key() -> str:
    named = "".join(
        f'<span><span class="swatch" style="background:{POSITION_COLORS[p]}"></span>'
        f"{_e(POSITION_LABELS[p])}</span>"
        for p in ("yes", "no", "abstain", "not_voting")
    )
    return (
        '<p class="key">'
        + named
        + f'<span><span class="swatch" style="background:{UNATTRIBUTED_COLORS["yes"]}">'
        "</span>lighter and hatched: in the published total, member not named</span>"
        f'<span><span class="swatch" style="background:{NOT_KNOWN_COLOR}"></span>'
        "grey: not known (no source covers it)</span></p>"
    )


def _votes_section(data: VoteDataset) -> str:
    from ..analysis.tally import tally

    t = tally(data)
    if not len(t):
        return "<p>No votes.</p>"
    extra = data.votes.set_index("vote_id")
    rows = []
    for _, r in t.iterrows():
        vote_id = cell_text(r["vote_id"])
        v = extra.loc[vote_id]
        what = f"<strong>{_e(r['subject']) or _e(v['title'])}</strong>"
        what += f'<div class="small">{_e(v["title"])}</div>' if cell_text(v["title"]) else ""
        if cell_text(r.get("motion")):
            what += f'<div class="small">What yes means: {_e(r["motion"])}</div>'
        if cell_text(v["notes"]):
            what += f"<details><summary>notes</summary>{_e(v['notes'])}</details>"
        named = ", ".join(
            f"{int(r[f'named_{p}'])} {_e(POSITION_LABELS[p])}"
            for p in POSITIONS
            if int(r[f"named_{p}"])
        )
        rows.append(
            [
                _td(_e(r["date"])),
                _td(f"{_e(body_name(cell_text(r['body'])))}<br>{_e(r['session'])}"),
                _td(what),
                *(_count(r[c]) for c in TOTAL_COLUMNS),
                _td(named or "none", "" if named else "na"),
                _td(f"{_e(r['result'])}<div class='small'>confidence: {_e(r['confidence'])}</div>"),
                _td(_link(v["source_url"], _domain(v["source_url"]))),
            ]
        )
    head = [
        "Date",
        "Body, session",
        "Vote",
        *(_e(POSITION_LABELS[c]) for c in TOTAL_COLUMNS),
        "Named by sources",
        "Result",
        "Source",
    ]
    note = (
        "<p>Totals as published; <em>not published</em> where no source gives one. "
        "'Named by sources' counts the members whose position a source names; the rest "
        "of each total is not attributed to anyone.</p>"
    )
    return note + _table(head, rows)


def _short(title: str, width: int = 60) -> str:
    """A title shortened at a word boundary, with an ellipsis when it was cut."""
    return textwrap.shorten(title, width, placeholder=" …") if title else ""


def _positions_section(data: VoteDataset) -> str:
    pos = data.positions
    if not len(pos):
        return "<p>No source names any member's position.</p>"
    names = member_names(pos)
    headings = _vote_heading(data.votes)
    order = {v: i for i, v in enumerate(by_date(data.votes)["vote_id"])}
    rows = []
    for member_id in sorted(names, key=lambda m: (names[m].casefold(), m)):
        mine = pos[pos["member_id"] == member_id]
        mine = mine.assign(_o=mine["vote_id"].map(order)).sort_values(["_o", "vote_id"])
        counts = mine["position"].astype("str").value_counts()
        summary = ", ".join(
            f"{int(counts[p])} {_e(POSITION_LABELS[p])}" for p in POSITIONS if p in counts
        )
        written = sorted({cell_text(m) for m in mine["member"]} - {names[member_id], ""})
        if written:
            summary += "; written " + ", ".join(_e(w) for w in written)
        first = True
        for _, r in mine.iterrows():
            row = []
            if first:
                row.append(
                    _td(
                        f"<strong>{_e(names[member_id])}</strong> ({_e(member_id)})"
                        f'<div class="small">{summary}</div>',
                        rowspan=len(mine),
                    )
                )
                first = False
            quote = cell_text(r["source_quote"])
            row += [
                _td(headings.get(cell_text(r["vote_id"]), _e(r["vote_id"]))),
                _td(_chip(r["position"])),
                _td(
                    (f"<blockquote>{_e(quote)}</blockquote>" if quote else "")
                    + _link(r["source_url"], _domain(r["source_url"]))
                ),
            ]
            rows.append(row)
    note = (
        "<p>Every position a source names, member by member. A member missing from a "
        "vote is not known there: no source names its position.</p>"
    )
    return note + _table(["Member", "Vote", "Position", "Source"], rows)


def _statements_section(data: VoteDataset) -> str:
    st = data.statements
    if not len(st):
        return "<p>No statements in the data.</p>"
    headings = _vote_heading(data.votes)
    rows = []
    for _, r in st.iterrows():
        quote = cell_text(r["source_quote"])
        rows.append(
            [
                _td(headings.get(cell_text(r["vote_id"]), _e(r["vote_id"]))),
                _td(_e(r["speaker"]) or _e(r["speaker_id"])),
                _td(_e(r["on_behalf_of"])),
                _td(_e(r["stance"])),
                _td(
                    (f"<blockquote>{_e(quote)}</blockquote>" if quote else "")
                    + _link(r["source_url"], _domain(r["source_url"]))
                ),
            ]
        )
    return _table(["Vote", "Speaker", "On behalf of", "Stance", "Words and source"], rows)


def _elections_section(data: VoteDataset) -> str:
    el = data.elections
    if not len(el):
        return ""
    headings = _vote_heading(data.votes)
    rows = [
        [
            _td(headings.get(cell_text(r["vote_id"]), _e(r["vote_id"]))),
            _td(_e(r["round"]), "n"),
            _td(f"{_e(r['candidate'])} <span class='small'>{_e(r['candidate_country'])}</span>"),
            _td(_e(r["votes"]) or "not published", "n" if cell_text(r["votes"]) else "na"),
            _td("elected" if cell_text(r["elected"]) == "True" else ""),
            _td(_link(r["source_url"], _domain(r["source_url"]))),
        ]
        for _, r in el.iterrows()
    ]
    table = _table(["Ballot", "Round", "Candidate", "Votes", "", "Source"], rows)
    return "<h2 id='elections'>Elections</h2>\n" + table


def _sources_section(data: VoteDataset) -> str:
    cited: dict[str, set[str]] = {}
    for name, table in data.tables.items():
        if "source_url" not in table.columns or not len(table):
            continue
        ids = table["vote_id"] if "vote_id" in table.columns else pd.Series([""] * len(table))
        for url, vote_id in zip(table["source_url"], ids, strict=True):
            address = cell_text(url).strip()
            if address:
                cited.setdefault(address, set()).add(cell_text(vote_id) or name)
    if not cited:
        return "<p>No sources in the data.</p>"
    items = [
        f"<li>{_link(url)} <span class='small'>({_e(', '.join(sorted(cited[url])))})</span></li>"
        for url in sorted(cited, key=lambda u: (_domain(u), u))
    ]
    return (
        f"<p>{len(cited)} pages, by web site; in brackets what each supports.</p>\n<ul>\n"
        + "\n".join(items)
        + "\n</ul>"
    )


def _summary(data: VoteDataset) -> str:
    votes = data.votes[data.votes["kind"] != "election"]
    codes = in_body_order({cell_text(b) for b in votes["body"]})
    bodies = [body_name(b) for b in codes]
    years = sorted({cell_text(d)[:4] for d in votes["date"] if cell_text(d)})
    span = f", {years[0]}–{years[-1]}" if len(years) > 1 else f", {years[0]}" if years else ""
    ballots = data.elections["vote_id"].nunique() if len(data.elections) else 0
    return (
        f"{len(votes)} votes in {len(bodies)} bod{'y' if len(bodies) == 1 else 'ies'}{span} "
        f"({_e('; '.join(bodies))}); {len(data.positions)} positions named by sources; "
        f"{len(data.statements)} statements; and {ballots} election "
        f"ballot{'' if ballots == 1 else 's'} (between candidates, not counted among the votes)."
    )


def _page(data: VoteDataset, heading: str, charts: list[tuple[str, bytes]]) -> str:
    """The whole HTML page: head, summary, charts and the sections, in reading order."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="voteanalysis {_e(__version__)}">
<title>{_e(heading)}</title>
<style>{_CSS}</style>
</head>
<body>
<h1>{_e(heading)}</h1>
<p>{_summary(data)}</p>
<p class="small">Every number and position below comes from a published source, linked in
the tables and listed at the end. Where a source gives only totals, the members behind them
stay unattributed; where no source covers a seat or a member, it is not known. Nothing is
guessed.</p>
<nav class="small"><a href="#charts">Charts</a> · <a href="#votes">Votes</a> ·
<a href="#positions">Positions by member</a> · <a href="#statements">Statements</a> ·
<a href="#sources">Sources</a></nav>
<h2 id="charts">Charts</h2>
{_key()}
{_charts_section(charts)}
<h2 id="votes">Votes</h2>
{_votes_section(data)}
<h2 id="positions">Positions by member</h2>
{_positions_section(data)}
<h2 id="statements">Statements</h2>
{_statements_section(data)}
{_elections_section(data)}
<h2 id="sources">Sources</h2>
{_sources_section(data)}
<p class="small">Made with voteanalysis {_e(__version__)}.</p>
</body>
</html>
"""


def export_report(
    data: VoteDataset,
    path: str | Path,
    *,
    title: str | None = None,
    images: str | Path | None = None,
) -> Path:
    """Write one self-contained HTML page of ``data`` and return its path.

    The page shows the chart gallery (embedded PNG), a table of every vote with its
    published totals, the positions sources name member by member, the statements,
    the election ballots and every source as a link. Nothing is loaded from
    elsewhere, so the file can be mailed to someone without Python.

    Parameters
    ----------
    data
        The dataset.
    path
        The HTML file to write; its folder is created if missing.
    title
        Heading of the page; default from ``data.origin``.
    images
        Also write the embedded charts as PNG files into this folder (``make charts``
        writes the README's gallery, ``docs/gallery/``, this way).

    Returns
    -------
    Path
        The page written.

    Raises
    ------
    TypeError
        When ``data`` is not a dataset, or ``path``, ``title`` or ``images`` is of the
        wrong type.
    VoteDataError
        When the page or the images cannot be written there.

    Examples
    --------
    >>> import voteanalysis as va
    >>> data = va.load_dataset().filter(body="ILO-GB", subject="Belarus")
    >>> va.export_report(data, "belarus.html")  # doctest: +SKIP
    PosixPath('belarus.html')
    """
    data = require_dataset(data, "export_report")
    check_type("export_report", "path", path, (str, os.PathLike))
    if title is not None:
        check_type("export_report", "title", title, str)
    if images is not None:
        check_type("export_report", "images", images, (str, os.PathLike))
    heading = title or f"Recorded votes: {data.origin or 'a voteanalysis dataset'}"
    charts = _charts(data)
    page = _page(data, heading, charts)
    out = Path(path)
    ensure_folder(out.parent, "the page")
    write_text(out, page, "the page")
    if images is not None:
        folder = ensure_folder(images, "the charts")
        for stem, png in charts:
            write_bytes(folder / f"{stem}.png", png, "a chart")
    return out
