"""The veto chart: what it draws (bars per member and year, joint markers, legend, source line)."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

import voteanalysis as va
from voteanalysis.plots.vetochart import JOINT_LABEL, SEAT_COLORS, SEAT_LABELS, vetoplot

RAW = Path(__file__).resolve().parents[2] / "data" / "external" / "unsc"


def _table() -> pd.DataFrame:
    """Four vetoed drafts by hand: 2000 one joint CHN+RUS and one USA; 2002 one RUS, one FRA."""
    rows = [
        ("d1", 2000, "CHN", True, "veto-list"),
        ("d1", 2000, "RUS", True, "veto-list"),
        ("d2", 2000, "USA", False, "veto-list"),
        ("d3", 2002, "RUS", False, "unsc-drafts"),
        ("d4", 2002, "FRA", False, "unsc-drafts"),
    ]
    return pd.DataFrame(rows, columns=["vote_id", "year", "seat", "joint", "sources"])


def _heights(ax: plt.Axes) -> dict[str, dict[int, float]]:
    out = {}
    for container in ax.containers:
        label = container.get_label()
        out[label] = {
            round(p.get_x() + p.get_width() / 2): p.get_height() for p in container.patches
        }
    return out


def test_bars_count_each_members_vetoes_per_year() -> None:
    _fig, ax = plt.subplots()
    assert vetoplot(_table(), ax=ax) is ax
    h = _heights(ax)
    assert h[SEAT_LABELS["RUS"]] == {2000: 1, 2001: 0, 2002: 1}
    assert h[SEAT_LABELS["CHN"]] == {2000: 1, 2001: 0, 2002: 0}
    assert h[SEAT_LABELS["USA"]] == {2000: 1, 2001: 0, 2002: 0}
    assert h[SEAT_LABELS["FRA"]] == {2000: 0, 2001: 0, 2002: 1}
    assert h[SEAT_LABELS["GBR"]] == {2000: 0, 2001: 0, 2002: 0}
    # bars are stacked: 2000 reaches 3 (CHN 1 + RUS 1 + USA 1)
    tops = [p.get_y() + p.get_height() for c in ax.containers for p in c.patches]
    assert max(tops) == 3


def test_joint_vetoes_are_marked_with_their_number() -> None:
    _fig, ax = plt.subplots()
    vetoplot(_table(), ax=ax)
    marks = [c for c in ax.collections if c.get_gid() == "veto-joint"]
    assert len(marks) == 1
    xy = marks[0].get_offsets()
    assert [round(x) for x in xy[:, 0]] == [2000]
    assert xy[0, 1] > 3  # above the stacked bar of 2000
    counts = [t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("veto-joint")]
    assert counts == ["1"]


def test_legend_names_each_seat_in_its_colour_and_the_joint_marker() -> None:
    _fig, ax = plt.subplots()
    vetoplot(_table(), ax=ax)
    legend = ax.get_legend()
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels == [SEAT_LABELS[s] for s in ("CHN", "FRA", "RUS", "GBR", "USA")] + [JOINT_LABEL]
    handles = legend.legend_handles
    for seat, handle in zip(("CHN", "FRA", "RUS", "GBR", "USA"), handles, strict=False):
        assert to_hex(handle.get_facecolor()) == SEAT_COLORS[seat].lower()
    colours = {to_hex(c) for c in SEAT_COLORS.values()}
    assert len(colours) == 5


def test_source_line_names_the_sources_drawn() -> None:
    fig, ax = plt.subplots()
    vetoplot(_table(), ax=ax)
    (line,) = [t for t in fig.texts if t.get_gid() == "source-line"]
    text = line.get_text()
    assert text.startswith("Source: UN Security Council vetoes, 2000–2002")
    assert "Dag Hammarskjöld Library" in text and "oliverunv/Voting-Agent" in text
    fig2, ax2 = plt.subplots()
    vetoplot(_table()[lambda t: t["sources"] == "veto-list"], ax=ax2)
    (line2,) = [t for t in fig2.texts if t.get_gid() == "source-line"]
    assert "Voting-Agent" not in line2.get_text()


def test_members_and_years_limit_what_is_drawn() -> None:
    _fig, ax = plt.subplots()
    vetoplot(_table(), members=["RUS", "USA"], start=2001, end=2002, ax=ax)
    h = _heights(ax)
    assert set(h) == {SEAT_LABELS["RUS"], SEAT_LABELS["USA"]}
    assert h[SEAT_LABELS["RUS"]] == {2001: 0, 2002: 1}
    assert not [c for c in ax.collections if c.get_gid() == "veto-joint"]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[-1] == JOINT_LABEL + " (none here)"


def test_real_record_before_1994_matches_the_official_list() -> None:
    # Counted here from the raw list with a regex, one per member named in a row.
    raw = pd.read_csv(RAW / "veto_list_parsed.csv.gz", dtype=str, keep_default_na=False)
    raw = raw[raw["date"].str.contains(r"19(?:4\d|5\d)$")]  # 1946-1959
    seat = {"USSR": "RUS", "China": "CHN", "France": "FRA", "UK": "GBR", "USA": "USA"}
    expected: dict[tuple[str, int], int] = {}
    joint_years: dict[int, int] = {}
    for date, cell in zip(raw["date"], raw["permanent_member_casting_negative_vote"], strict=True):
        year = int(date[-4:])
        found = re.findall(r"Russian Federation|USSR|China|France|USA|UK", cell)
        for name in found:
            expected[(seat[name], year)] = expected.get((seat[name], year), 0) + 1
        if len(found) > 1:
            joint_years[year] = joint_years.get(year, 0) + 1
    _fig, ax = plt.subplots()
    vetoplot(va.load_dataset("unsc"), start=1946, end=1959, ax=ax)
    h = _heights(ax)
    for s in ("CHN", "FRA", "RUS", "GBR", "USA"):
        for year in range(1946, 1960):
            assert h[SEAT_LABELS[s]][year] == expected.get((s, year), 0), (s, year)
    marks = next(c for c in ax.collections if c.get_gid() == "veto-joint").get_offsets()
    assert sorted(round(x) for x in marks[:, 0]) == sorted(joint_years)
    counts = {
        int(t.get_gid().rsplit("-", 1)[1]): int(t.get_text())
        for t in ax.texts
        if (t.get_gid() or "").startswith("veto-joint-count")
    }
    assert counts == joint_years


def test_s_2022_431_is_drawn_as_a_joint_veto() -> None:
    _fig, ax = plt.subplots()
    vetoplot(va.load_dataset("unsc"), start=2022, end=2022, ax=ax)
    marks = [c for c in ax.collections if c.get_gid() == "veto-joint"]
    assert [round(x) for x in marks[0].get_offsets()[:, 0]] == [2022]
    h = _heights(ax)
    assert h[SEAT_LABELS["CHN"]][2022] >= 1 and h[SEAT_LABELS["RUS"]][2022] >= 2


def test_wrong_arguments_name_the_choices() -> None:
    with pytest.raises(ValueError, match="CHN, FRA, RUS, GBR, USA"):
        vetoplot(_table(), members=["DEU"])
    with pytest.raises(ValueError, match="lacks"):
        vetoplot(pd.DataFrame({"year": [2000]}))
    with pytest.raises(TypeError, match="VoteDataset or a DataFrame"):
        vetoplot([1, 2])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="start must be a year"):
        vetoplot(_table(), start="2000")  # type: ignore[arg-type]


def test_drawn_without_a_display() -> None:
    assert matplotlib.get_backend().lower() == "agg"
    ax = va.vetoplot(_table())
    assert ax.get_title() == "Vetoes in the UN Security Council, by permanent member"
