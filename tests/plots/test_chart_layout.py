"""What every chart says agrees with itself, stands on its own, and fits.

- legend, colours and labels: every legend entry of a position has that position's
  palette colour, and every position drawn has a legend entry;
- every chart, drawn by the API or exported, carries its source line; SVG keeps its
  text as <text>, PDF embeds its fonts; ``voteanalysis chart`` writes one chart;
- at 1 vote, 2 votes, the bundled data and a UN General Assembly session no text
  leaves the figure or overlaps other text, counts have whole-number ticks, and no
  label repeats a part ("GB.350 · GB.350").
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.text import Text
from test_plot import small, table

import voteanalysis as va
from voteanalysis.dataset import VoteDataset
from voteanalysis.outputs import gallery
from voteanalysis.palette import POSITION_COLORS, POSITION_LABELS
from voteanalysis.plots.hemicycle import hemicycleplot
from voteanalysis.plots.opposition import oppositionplot
from voteanalysis.plots.tally import tallyplot
from voteanalysis.plots.timeline import timelineplot

LABEL_TO_POSITION = {label: p for p, label in POSITION_LABELS.items()}


@cache
def bundled() -> VoteDataset:
    return va.load_dataset()


@cache
def unga74() -> VoteDataset:
    return va.load_dataset("unga").filter(session="74")


def all_axes(fig: Figure) -> list[Axes]:
    return [a for ax in fig.axes for a in (ax, *ax.child_axes)]


def drawn_positions(fig: Figure) -> set[str]:
    """Positions drawn in colour, read from the gids the plot functions give patches."""
    found: set[str] = set()
    for ax in all_axes(fig):
        for p in ax.patches:
            parts = (p.get_gid() or "").split(".")
            found |= set(parts) & set(POSITION_COLORS)
    return found


def legend_entries(fig: Figure) -> dict[str, str]:
    """Position -> colour (hex) of every legend entry that names a position."""
    entries: dict[str, str] = {}
    for ax in all_axes(fig):
        legend = ax.get_legend()
        if legend is None:
            continue
        for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True):
            label = re.sub(r"^\S+\s\s", "", text.get_text())  # "Y  yes" -> "yes"
            if label in LABEL_TO_POSITION:
                entries[LABEL_TO_POSITION[label]] = to_hex(handle.get_facecolor()).upper()
    return entries


def assert_legend_agrees(fig: Figure) -> None:
    entries = legend_entries(fig)
    for position, colour in entries.items():
        assert colour == POSITION_COLORS[position], position
    assert drawn_positions(fig) <= set(entries), (drawn_positions(fig), entries)


def gallery_figures(data: VoteDataset) -> list[tuple[str, Figure]]:
    return [(chart.stem, chart.draw()) for chart in gallery._charts(data)]


# --------------------------------------------------------------------------- legend


@pytest.mark.parametrize("which", ["small", "bundled"])
def test_every_gallery_legend_agrees_with_what_is_drawn(which: str) -> None:
    data = small() if which == "small" else bundled()
    for stem, fig in gallery_figures(data):
        assert_legend_agrees(fig), stem
        plt.close(fig)


def test_api_legends_agree_with_what_is_drawn() -> None:
    data = small()
    for draw in (
        lambda ax: tallyplot(data, ax=ax),
        lambda ax: oppositionplot(data, ax=ax),
        lambda ax: hemicycleplot(data, "IAEA1", ax=ax),
        lambda ax: hemicycleplot(data, "GB344", ax=ax),
        lambda ax: timelineplot(data.filter(body="IAEA-BoG"), ax=ax),
    ):
        fig = plt.figure()
        draw(fig.subplots())
        assert drawn_positions(fig), "nothing drawn"
        assert_legend_agrees(fig)


def test_not_voting_drawn_as_absent_says_absent() -> None:
    # IAEA1: 2 not voting, Mexico named absent: the label names both positions drawn.
    ax = tallyplot(small())
    summary = {t.get_gid(): t.get_text() for a in ax.child_axes for t in a.texts}
    assert summary["summary.IAEA1"] == (
        "26 yes · 2 no (RUS, CHN) · 5 abstain · 2 not voting (1 absent: MEX)"
    )
    # In the bundled data, March 2022: "2 not voting" are the two members named absent.
    bundled_ax = tallyplot(bundled(), ax=plt.figure().subplots())
    texts = {t.get_gid(): t.get_text() for a in bundled_ax.child_axes for t in a.texts}
    assert "2 not voting (2 absent" in texts["summary.IAEA-BOG-2022-03-UKR"]


def test_delegate_votes_say_named_governments_are_not_delegate_counts() -> None:
    ax = tallyplot(small())
    labels = [t.get_text() for a in ax.child_axes for t in a.get_yticklabels()]
    ilc = next(label for label in labels if "ILC 111" in label)
    assert "government(s) named" not in ilc  # no one named in ILC111 here
    bundled_ax = tallyplot(bundled(), ax=plt.figure().subplots())
    labels = [t.get_text() for a in bundled_ax.child_axes for t in a.get_yticklabels()]
    thailand = next(label for label in labels if "ILC 88 · Myanmar" in label and "06-14" in label)
    # positions.csv names 14 governments on this vote: 13 no and Thailand abstaining.
    assert "14 government(s) named, one vote each: not delegate counts" in thailand


# --------------------------------------------------------------------------- scales


def test_tallyplot_gives_each_body_its_own_scale() -> None:
    ax = tallyplot(small())
    panels = {a.get_gid(): a for a in ax.child_axes}
    assert list(panels) == ["panel.ILO-GB", "panel.ILO-ILC", "panel.IAEA-BoG"]
    # By hand: widest bar of each body: 56 seats; 301 + 54 + 108 = 463 delegates; 35 states.
    assert panels["panel.ILO-GB"].get_xlim()[1] == pytest.approx(56 * 1.02)
    assert panels["panel.ILO-ILC"].get_xlim()[1] == pytest.approx(463 * 1.02)
    assert panels["panel.IAEA-BoG"].get_xlim()[1] == pytest.approx(35 * 1.02)
    one = tallyplot(small(), by_body=False, ax=plt.figure().subplots())
    assert not one.child_axes and one.get_xlim()[1] == pytest.approx(463 * 1.02)


# --------------------------------------------------------------------------- source line


def test_api_charts_carry_their_source_line() -> None:
    data = small()
    for draw in (
        lambda ax: tallyplot(data, ax=ax),
        lambda ax: oppositionplot(data, ax=ax),
        lambda ax: hemicycleplot(data, "GB355", ax=ax),
        lambda ax: timelineplot(data.filter(body="IAEA-BoG"), ax=ax),
    ):
        fig = plt.figure()
        draw(fig.subplots())
        assert fig.get_supxlabel().startswith("Source: "), draw
        assert "Pages read:" in fig.get_supxlabel()
    fig = plt.figure()
    hemicycleplot(data, "GB355", ax=fig.subplots())
    assert fig.get_supxlabel() == (
        "Source: ILO Governing Body GB.355 (2025). Pages read: salidarnast.info."
    )
    fig = plt.figure()
    tallyplot(data, ax=fig.subplots(), caption=False)
    assert fig.get_supxlabel() == ""


def test_savefig_svg_keeps_text_and_pdf_embeds_fonts(tmp_path: Path) -> None:
    fig = plt.figure(figsize=(8, 6))
    hemicycleplot(small(), "GB355", ax=fig.subplots())
    svg = va.savefig(fig, tmp_path / "belarus.svg").read_text(encoding="utf-8")
    texts = re.findall(r"<text\b[^>]*>(.*?)</text>", svg, flags=re.S)
    assert "RUS" in texts and "CHN" in texts
    assert any(t.startswith("Source: ILO Governing Body GB.355") for t in texts)
    pdf = va.savefig(fig.axes[0], tmp_path / "belarus.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert b"/FontFile2" in pdf  # an embedded TrueType font program
    assert b"/Subtype /Type3" not in pdf
    assert sorted(p.name for p in tmp_path.iterdir()) == ["belarus.pdf", "belarus.svg"]


def test_savefig_refuses_unknown_suffixes_and_writes_nothing(tmp_path: Path) -> None:
    fig = plt.figure()
    with pytest.raises(ValueError, match=r"\.png, \.svg, \.pdf"):
        va.savefig(fig, tmp_path / "chart.gif")
    with pytest.raises(TypeError, match="Figure or Axes"):
        va.savefig("chart", tmp_path / "chart.png")  # type: ignore[arg-type]
    assert not list(tmp_path.iterdir())


def test_savefig_replaces_a_file_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "t.png"
    target.write_bytes(b"old")
    fig = plt.figure()
    tallyplot(small(), ax=fig.subplots())
    with pytest.raises(TypeError):
        va.savefig(fig, target, bogus_option=1)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.png"]  # no temporary file left
    va.savefig(fig, target)
    assert target.read_bytes().startswith(b"\x89PNG")


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "voteanalysis.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def test_cli_chart_writes_one_chart_per_suffix(tmp_path: Path) -> None:
    out = run_cli(
        "chart", "hemicycle", "--vote", "ILO-GB355-BLR", "--out", "belarus.pdf", cwd=tmp_path
    )
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "belarus.pdf").read_bytes().startswith(b"%PDF")
    out = run_cli(
        "chart",
        "opposition",
        "--members",
        "RUS,CHN",
        "--body",
        "IAEA-BoG",
        "--out",
        "iaea.svg",
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    svg = (tmp_path / "iaea.svg").read_text(encoding="utf-8")
    texts = re.findall(r"<text\b[^>]*>(.*?)</text>", svg, flags=re.S)
    assert any(t.endswith("(RUS)") for t in texts) and any(t.endswith("(CHN)") for t in texts)
    assert any(t.startswith("Source: IAEA Board of Governors") for t in texts)
    data = Path(__file__).resolve().parents[2] / "data"
    out = run_cli("chart", "tally", "--data", str(data), "--out", "t.png", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "t.png").read_bytes().startswith(b"\x89PNG")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["belarus.pdf", "iaea.svg", "t.png"]


def test_cli_chart_errors_are_messages(tmp_path: Path) -> None:
    cases = [
        (("chart", "pie", "--out", "x.png"), "invalid choice: 'pie'"),
        (("chart", "tally", "--out", "x.gif"), "must end in .png, .svg, .pdf"),
        (("chart", "hemicycle", "--out", "x.png"), "needs --vote"),
        (("chart", "hemicycle", "--vote", "ILO-GB355", "--out", "x.png"), "closest: ILO-GB355-BLR"),
        (("chart", "tally", "--body", "NOPE", "--out", "x.png"), "closest body values: 'IAEA-BoG'"),
        (("chart", "tally", "--out", "missing/x.png"), "found no folder 'missing'"),
        (("chart", "tally", "--data", "no-such-dir", "--out", "x.png"), "no-such-dir"),
    ]
    for args, message in cases:
        out = run_cli(*args, cwd=tmp_path)
        assert out.returncode == 2, args
        assert message in out.stderr, (args, out.stderr)
        assert "Traceback" not in out.stderr
    assert not list(tmp_path.iterdir())
    help_text = run_cli("chart", "--help", cwd=tmp_path).stdout
    for kind in gallery.CHART_KINDS:
        assert kind in help_text


# --------------------------------------------------------------------------- layout


def text_boxes(fig: Figure) -> list[tuple[Text, object]]:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    # Tick and axis labels of an Axes drawn without axes (hemicycle, panel holder) are
    # never drawn: leave them out.
    hidden = {
        id(t)
        for ax in all_axes(fig)
        if not ax.axison
        for axis in (ax.xaxis, ax.yaxis)
        for t in (*axis.get_ticklabels(which="both"), axis.label, axis.get_offset_text())
    }
    boxes = []
    for t in fig.findobj(Text):
        if id(t) in hidden:
            continue
        if t.get_visible() and t.get_text().strip() and t.get_figure(root=True) is fig:
            boxes.append((t, t.get_window_extent(renderer)))
    return boxes


def assert_fits(fig: Figure, what: str) -> None:
    """No text outside the figure, no two texts overlapping (1 pixel of slack)."""
    page = fig.bbox
    boxes = text_boxes(fig)
    for t, b in boxes:
        assert b.x0 >= page.x0 - 1 and b.x1 <= page.x1 + 1, (what, t.get_text()[:60])
        assert b.y0 >= page.y0 - 1 and b.y1 <= page.y1 + 1, (what, t.get_text()[:60])
    for i, (t1, b1) in enumerate(boxes):
        for t2, b2 in boxes[i + 1 :]:
            overlap_x = min(b1.x1, b2.x1) - max(b1.x0, b2.x0)
            overlap_y = min(b1.y1, b2.y1) - max(b1.y0, b2.y0)
            assert overlap_x <= 1 or overlap_y <= 1, (
                what,
                t1.get_text()[:50],
                t2.get_text()[:50],
            )


def assert_integer_count_ticks(fig: Figure) -> None:
    for ax in all_axes(fig):
        if not ax.axison:
            continue
        for axis, label in ((ax.xaxis, ax.get_xlabel()), (ax.yaxis, ax.get_ylabel())):
            if label.startswith("votes"):
                lo, hi = sorted(axis.get_view_interval())
                ticks = [v for v in axis.get_ticklocs() if lo <= v <= hi]
                assert ticks and all(float(v).is_integer() for v in ticks), (label, ticks)


def assert_no_repeated_parts(fig: Figure) -> None:
    for ax in all_axes(fig):
        for t in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
            for line in t.get_text().splitlines():
                parts = [p.strip().casefold() for p in line.split(" · ") if p.strip()]
                assert len(parts) == len(set(parts)), line


def charts_for(data: VoteDataset) -> dict[str, Callable[[], Figure]]:
    ids = gallery._non_election_ids(data)
    return {
        "tally": lambda: gallery._tally_chart(data),
        "opposition": lambda: gallery._opposition_chart(data, ["RUS", "CHN", "USA"]),
        "hemicycle": lambda: gallery._hemicycle_chart(data, ids[-1]),
        "timeline": lambda: gallery._timeline_chart(data, ("RUS", "CHN")),
    }


def one_vote() -> VoteDataset:
    return small().filter(vote_id="GB355")


TWO_VOTES = """\
vote_id,body,session,date,subject,kind,result,yes,no,abstain,seats,voter_unit,source_url
V1,ILO-GB,GB.350,2024-03-14,GB.350,decision,adopted,40,2,9,56,seat,https://example.org/a
V2,ILO-GB,GB.350,2024-03-15,Myanmar,resolution,adopted,42,3,8,56,seat,https://example.org/b
"""


NO_POSITIONS = "vote_id,member_id,member,position,source_url\n"


def two_votes() -> VoteDataset:
    """A user's own two-vote workbook: one session, one subject written as the session."""
    return VoteDataset(votes=table(TWO_VOTES, "votes"), positions=table(NO_POSITIONS, "positions"))


@pytest.mark.parametrize(
    "which",
    ["one vote", "two votes", "bundled"],
)
def test_charts_fit_at_small_and_bundled_sizes(which: str) -> None:
    data = {"one vote": one_vote, "two votes": two_votes, "bundled": bundled}[which]()
    for kind, draw in charts_for(data).items():
        fig = draw()
        assert_fits(fig, f"{which} {kind}")
        assert_integer_count_ticks(fig)
        assert_no_repeated_parts(fig)
        assert fig.get_supxlabel().startswith("Source: ")
        plt.close(fig)


def test_two_vote_tally_has_a_legend_and_no_repeated_labels() -> None:
    fig = gallery._tally_chart(two_votes())
    assert legend_entries(fig)
    labels = [t.get_text() for a in all_axes(fig) for t in a.get_yticklabels()]
    assert not any("GB.350 · GB.350" in label for label in labels), labels


@pytest.mark.parametrize("kind", ["tally", "timeline", "hemicycle", "opposition"])
def test_charts_fit_on_a_general_assembly_session(kind: str) -> None:
    data = unga74()
    # Session 74: Voeten's 91 roll calls (to January 2020) and the UN Digital Library's
    # 6 later ones less A/RES/74/267, which both hold (undl/SOURCE.md): 96.
    assert len(gallery._non_election_ids(data)) == 96
    fig = charts_for(data)[kind]()
    assert_fits(fig, f"UNGA 74 {kind}")
    assert_integer_count_ticks(fig)
    assert_no_repeated_parts(fig)


def test_a_timeline_past_a_readable_size_says_what_to_filter() -> None:
    fig = gallery._timeline_chart(unga74(), ("RUS", "CHN"))
    ax = fig.axes[0]
    # 96 votes, 30 readable: one label in ceil(96 / 30) = 4, at 0, 4, ..., 92: 24 labels.
    assert len([t for t in ax.get_xticklabels() if t.get_text()]) == 24
    assert "96 votes, too many to label each: one in 4 is labelled" in ax.get_xlabel()
    assert "data.filter(" in ax.get_xlabel()


def test_a_tally_and_a_grid_past_a_readable_size_say_what_to_filter() -> None:
    data = unga74()
    ax = tallyplot(data, ax=plt.figure(figsize=(10, 30)).subplots())
    assert "96 votes: more than a reader can follow. Filter first" in ax.get_xlabel()
    grid = oppositionplot(data, members=["RUS", "CHN", "USA"], ax=plt.figure().subplots())
    footnotes = next(t.get_text() for t in grid.texts if t.get_gid() == "footnotes")
    assert "3 members x 96 votes: more than a reader can follow" in footnotes
    small_ax = tallyplot(small(), ax=plt.figure().subplots())
    assert all("Filter first" not in a.get_xlabel() for a in small_ax.child_axes)


def test_a_timeline_says_what_yes_means_under_its_bar() -> None:
    ax = timelineplot(small().filter(body="ILO-GB"), ax=plt.figure().subplots())
    labels = [t.get_text() for t in ax.get_xticklabels()]
    gb353 = next(label for label in labels if label.startswith("2025-03"))
    assert "yes = for the\nRussian\nFederation's\namendments" in gb353


def test_a_hemicycle_in_a_plain_figure_fits() -> None:
    # A user's own figure with no layout call: the title above and the notes and
    # source line below must all stay inside it and apart.
    fig, ax = plt.subplots(figsize=(8, 6))
    hemicycleplot(va.load_dataset(), vote_id="ILO-GB355-BLR", ax=ax)
    # The notes hang under the legend, which has a place only once drawn: a save
    # (va.savefig) or a notebook's display draws before the layout settles, as here.
    fig.draw_without_rendering()
    assert_fits(fig, "hemicycle in an 8x6 figure")
