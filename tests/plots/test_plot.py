"""Charts: what is drawn (bar sizes, colours, hatches, labels, seats), not pixels.

Expected values are hand counts of the small dataset below.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from io import StringIO

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.patches import Circle, Patch

import voteanalysis as va
from voteanalysis.dataset import VoteDataset
from voteanalysis.io.kit import typed_table
from voteanalysis.palette import (
    NOT_KNOWN_COLOR,
    POSITION_COLORS,
    UNATTRIBUTED_COLORS,
    UNATTRIBUTED_HATCH,
    lighter,
)
from voteanalysis.plots.common import source_caption as _source_caption
from voteanalysis.plots.hemicycle import hemicycleplot
from voteanalysis.plots.opposition import oppositionplot
from voteanalysis.plots.tally import tallyplot
from voteanalysis.plots.timeline import timelineplot
from voteanalysis.schema import POSITIONS, TABLES

VOTES = """\
vote_id,body,session,date,subject,kind,motion,result,yes,no,abstain,not_voting,seats,voter_unit,source_url
GB355,ILO-GB,GB.355,2025-11-24,Belarus,decision,,adopted,40,2,9,,56,seat,https://www.salidarnast.info/post/a
GB344,ILO-GB,GB.344,2022-03-23,Russian Federation,resolution,,adopted,42,2,8,4,56,seat,https://genevasolutions.news/b
GB353,ILO-GB,GB.353,2025-03,Russian Federation,amendment,"yes = for the Russian Federation's amendments; no = against them",rejected,,35,,,56,seat,https://wttlonline.com/c
ILC111,ILO-ILC,ILC 111,2023-06-12,Belarus,resolution,,adopted,301,54,108,,,delegate,https://www.ilo.org/d
ILC113,ILO-ILC,ILC 113,2025-06-05,Myanmar,resolution,,adopted without a vote,,,,,,delegate,https://www.ilo.org/e
IAEA1,IAEA-BoG,March 2022,2022-03-03,Ukraine,resolution,,adopted,26,2,5,2,35,state,https://www.iaea.org/f
IAEA2,IAEA-BoG,November 2022,2022-11-17,Iran,resolution,,adopted,26,2,5,,35,state,https://www.reuters.com/g
GBDG,ILO-GB,GB.344,2022-03-25,,election,,elected,,,,,56,seat,https://www.ilo.org/h
"""  # noqa: E501

POSITIONS_CSV = """\
vote_id,member_id,member,constituency,position,source_url
GB355,RUS,Russia,government,no,https://www.salidarnast.info/post/a
GB355,CHN,China,government,no,https://www.salidarnast.info/post/a
GB344,RUS,Russia,government,no,https://genevasolutions.news/b
GB344,CHN,China,government,no,https://genevasolutions.news/b
GB344,IND,India,government,abstain,https://genevasolutions.news/b
GB344,USA,United States,government,yes,https://gestion.pe/i
GB353,CHN,China,government,yes,https://wttlonline.com/c
GB353,SDN,Sudan,government,yes,https://wttlonline.com/c
IAEA1,RUS,Russia,state,no,https://www.iaea.org/f
IAEA1,CHN,China,state,no,https://www.iaea.org/f
IAEA1,MEX,Mexico,state,absent,https://www.iaea.org/f
"""

GROUPS_CSV = """\
vote_id,constituency,position,count,source_url
GB344,government,yes,16,https://genevasolutions.news/b
GB344,government,no,2,https://genevasolutions.news/b
GB344,worker,yes,12,https://genevasolutions.news/b
GB344,employer,yes,14,https://genevasolutions.news/b
"""


def table(text: str, name: str) -> pd.DataFrame:
    raw = pd.read_csv(StringIO(text), dtype="str", keep_default_na=False)
    if name == "votes":
        raw["title"] = "t " + raw["vote_id"]
    return typed_table(raw, TABLES[name])


def small() -> VoteDataset:
    """Eight votes: three of the ILO Governing Body (one an amendment whose "yes" is for
    Russia's amendments), two of the Conference, two of the IAEA Board, an election."""
    return VoteDataset(
        votes=table(VOTES, "votes"),
        positions=table(POSITIONS_CSV, "positions"),
        group_tallies=table(GROUPS_CSV, "group_tallies"),
    )


def every_patch(ax: Axes) -> list[Patch]:
    """Patches of ``ax`` and of the panels drawn inside it (tallyplot's per-body panels)."""
    return [p for a in (ax, *ax.child_axes) for p in a.patches]


def every_text(ax: Axes) -> list[str]:
    return [t.get_text() for a in (ax, *ax.child_axes) for t in a.texts]


def patch(ax: Axes, gid: str) -> Patch:
    found = [p for p in every_patch(ax) if p.get_gid() == gid]
    assert len(found) == 1, f"{gid}: {[p.get_gid() for p in every_patch(ax)]}"
    return found[0]


def yticklabels(ax: Axes) -> list[str]:
    return [t.get_text() for a in (ax.child_axes or [ax]) for t in a.get_yticklabels()]


def same_color(actual: object, expected: str) -> bool:
    return tuple(round(c, 3) for c in actual) == tuple(  # type: ignore[attr-defined]
        round(c, 3) for c in to_rgba(expected)
    )


def texts(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.texts]


# --------------------------------------------------------------------------- palette


def test_palette_has_one_distinct_hex_colour_per_position() -> None:
    assert list(POSITION_COLORS) == list(POSITIONS)
    colours = [*list(POSITION_COLORS.values()), NOT_KNOWN_COLOR]
    assert len(set(colours)) == len(colours)
    assert all(c.startswith("#") and len(c) == 7 for c in colours)
    assert va.POSITION_COLORS is POSITION_COLORS


def test_unattributed_colours_are_the_same_hue_lighter() -> None:
    assert lighter("#D55E00", 0.5) == "#EAAF80"  # (213+255)/2, (94+255)/2, (0+255)/2
    assert lighter("#123456", 0) == "#123456" and lighter("#123456", 1) == "#FFFFFF"
    assert UNATTRIBUTED_COLORS["yes"] == lighter(POSITION_COLORS["yes"])
    with pytest.raises(ValueError, match="#RRGGBB"):
        lighter("red")


def test_import_loads_no_plotting_library() -> None:
    code = (
        "import sys, voteanalysis as va; "
        "va.POSITION_COLORS; "
        "assert 'matplotlib' not in sys.modules, 'palette loaded matplotlib'; "
        "va.tallyplot; "
        "assert 'matplotlib' in sys.modules, 'tallyplot did not load matplotlib'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------- tallyplot


def test_tallyplot_draws_on_the_given_axes_and_returns_it() -> None:
    _fig, (left, right) = plt.subplots(1, 2)
    assert tallyplot(small(), ax=right) is right
    assert not every_patch(left) and every_patch(right)
    plt.figure()
    ax = tallyplot(small())
    assert ax is plt.gca()


def test_tallyplot_named_solid_unattributed_hatched_rest_not_known() -> None:
    ax = tallyplot(small())
    # GB.355: 40-2-9 of 56 seats, Russia and China named "no".
    no = patch(ax, "GB355.no.named")
    assert no.get_width() == 2 and no.get_x() == 40
    assert same_color(no.get_facecolor(), POSITION_COLORS["no"]) and not no.get_hatch()
    yes = patch(ax, "GB355.yes.unattributed")
    assert yes.get_width() == 40 and yes.get_x() == 0
    assert yes.get_hatch() == UNATTRIBUTED_HATCH
    assert same_color(yes.get_facecolor(), UNATTRIBUTED_COLORS["yes"])
    assert patch(ax, "GB355.abstain.unattributed").get_width() == 9
    assert patch(ax, "GB355.not_known.not_known").get_width() == 5  # 56 - 51
    row = [p for p in every_patch(ax) if (p.get_gid() or "").startswith("GB355.")]
    assert sum(p.get_width() for p in row) == 56
    assert {p.get_y() for p in row} == {row[0].get_y()}
    # GB.344: 42 yes of which 1 named; 4 not voting, none named.
    assert patch(ax, "GB344.yes.named").get_width() == 1
    assert patch(ax, "GB344.yes.unattributed").get_width() == 41
    assert patch(ax, "GB344.abstain.unattributed").get_width() == 7
    assert patch(ax, "GB344.not_voting.unattributed").get_width() == 4
    # IAEA: 2 not voting, one named absent.
    assert patch(ax, "IAEA1.absent.named").get_width() == 1
    assert patch(ax, "IAEA1.not_voting.unattributed").get_width() == 1


def test_tallyplot_orders_by_body_then_date_and_leaves_out_elections() -> None:
    ax = tallyplot(small())
    labels = yticklabels(ax)
    assert len(labels) == 7  # 8 votes, one election
    firsts = [label.split(" · ")[1] for label in labels]
    assert firsts == [
        "GB.344",
        "GB.353",
        "GB.355",
        "ILC 111",
        "ILC 113",
        "March 2022",
        "November 2022",
    ]
    assert {
        "ILO Governing Body",
        "International Labour Conference (votes of delegates)",
        "IAEA Board of Governors",
    } <= set(every_text(ax))
    assert not any("GBDG" in (p.get_gid() or "") for p in every_patch(ax))


def test_tallyplot_labels_say_what_yes_means_and_what_is_counted() -> None:
    ax = tallyplot(small())
    labels = {t.split(" · ")[1]: t for t in yticklabels(ax)}
    assert "yes = for the Russian Federation's amendments" in labels["GB.353"]
    # The panel heading says what a vote counts: "(votes of delegates)".
    headings = {t.get_gid(): t.get_text() for a in ax.child_axes for t in a.texts}
    assert headings["heading.ILO-ILC"] == "International Labour Conference (votes of delegates)"
    assert headings["heading.ILO-GB"] == "ILO Governing Body"
    assert "delegate" not in labels["GB.355"]


def test_tallyplot_says_when_totals_are_not_published() -> None:
    ax = tallyplot(small())
    found = every_text(ax)
    assert "adopted without a vote" in found  # ILC 113: no totals, no one named
    assert not any((p.get_gid() or "").startswith("ILC113.") for p in every_patch(ax))
    summary = {t.get_gid(): t.get_text() for a in ax.child_axes for t in a.texts}
    assert summary["summary.GB355"] == "40 yes · 2 no (RUS, CHN) · 9 abstain"
    # GB.353: only "no" published; the two named "yes" are drawn solid.
    assert summary["summary.GB353"] == "35 no\nnot published: yes (CHN, SDN named), abstain"
    assert patch(ax, "GB353.yes.named").get_width() == 2
    assert patch(ax, "GB353.not_known.not_known").get_width() == 56 - 35 - 2


def test_tallyplot_takes_the_tally_frame_and_rejects_other_input() -> None:
    ax = tallyplot(va.tally(small()))
    assert patch(ax, "GB355.yes.unattributed").get_width() == 40
    with pytest.raises(TypeError, match="VoteDataset or the DataFrame returned by tally"):
        tallyplot(pd.DataFrame({"x": [1]}))
    with pytest.raises(TypeError, match="not list"):
        tallyplot([1, 2])  # type: ignore[arg-type]


def test_tallyplot_passes_kwargs_to_the_bars() -> None:
    ax = tallyplot(small(), linewidth=2.5)
    assert patch(ax, "GB355.no.named").get_linewidth() == 2.5


# --------------------------------------------------------------------------- oppositionplot


def test_oppositionplot_rows_columns_and_unknown_cells() -> None:
    _fig, ax = plt.subplots()
    assert oppositionplot(small(), ax=ax) is ax
    rows = [t.get_text() for t in ax.get_yticklabels()]
    # named no/abstain anywhere: Russia, China (first), India
    assert rows == ["Russia (RUS)", "China (CHN)", "India (IND)"]
    assert [t.get_fontweight() for t in ax.get_yticklabels()] == ["bold", "bold", "normal"]
    cols = [t.get_text() for t in ax.get_xticklabels()]
    assert len(cols) == 7
    # by date, labelled body, session, subject (and what "yes" means where it matters)
    assert cols[0] == "IAEA Board · Ukraine · 2022-03"
    # What "yes" means is in the column label itself; the whole motion in the footnote.
    assert (
        cols[4]
        == "GB.353 · Russian Federation · 2025-03 †\nyes = for the Russian Federation's amendments"
    )
    footnotes = next(t.get_text() for t in ax.texts if t.get_gid() == "footnotes")
    assert footnotes == (
        "† ILO-GB GB.353 · Russian Federation · 2025-03: "
        "yes = for the Russian Federation's amendments; no = against them"
    )
    cell = patch(ax, "cell.GB355.RUS.no")
    assert same_color(cell.get_facecolor(), POSITION_COLORS["no"])
    assert same_color(patch(ax, "cell.GB353.CHN.yes").get_facecolor(), POSITION_COLORS["yes"])
    unknown = patch(ax, "cell.IAEA2.RUS.not_known")
    assert same_color(unknown.get_facecolor(), NOT_KNOWN_COLOR)
    x, y = unknown.get_x() + 0.5, unknown.get_y() + 0.5
    assert [t.get_text() for t in ax.texts if t.get_position() == (x, y)] == ["?"]
    assert len([p for p in ax.patches if (p.get_gid() or "").startswith("cell.")]) == 3 * 7
    assert patch(ax, "highlight.RUS") and patch(ax, "highlight.CHN")


def test_oppositionplot_members_in_the_order_given() -> None:
    ax = oppositionplot(small(), members=["IND", "USA"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["India (IND)", "United States (USA)"]
    assert same_color(patch(ax, "cell.GB344.USA.yes").get_facecolor(), POSITION_COLORS["yes"])


def test_oppositionplot_takes_the_opposition_frame() -> None:
    ax = oppositionplot(va.opposition(small()), annotate=False)
    assert not ax.texts
    assert len([p for p in ax.patches if (p.get_gid() or "").startswith("cell.")]) == 21
    with pytest.raises(TypeError, match="opposition"):
        oppositionplot(pd.DataFrame({"x": [1]}))


# --------------------------------------------------------------------------- hemicycleplot


def seats(ax: Axes) -> list[Circle]:
    return [p for p in ax.patches if isinstance(p, Circle)]


def seat_kinds(ax: Axes, sector: str | None = None) -> Counter[tuple[str, str]]:
    """(basis, position) of every seat drawn, optionally of one sector, read from the gid."""
    out: Counter[tuple[str, str]] = Counter()
    for s in seats(ax):
        _, where, _, basis, position, *_ = (s.get_gid() or "").split(".")
        if sector is None or where == sector:
            out[basis, position] += 1
    return out


def table_kinds(table: pd.DataFrame, group: str | None = None) -> Counter[tuple[str, str]]:
    """(basis, position) of every seat of ``hemicycle_seats()``, as :func:`seat_kinds` reads
    them from a drawing ("all" is the group of a vote not split by group)."""
    on_seats = table[table["block"] == "seats"]
    if group is not None:
        on_seats = on_seats[on_seats["group"].replace("", "all") == group]
    return Counter(
        (str(b), "not_published" if pd.isna(p) else str(p))
        for b, p in zip(on_seats["basis"], on_seats["position"], strict=True)
    )


def table_beside(table: pd.DataFrame) -> dict[tuple[str, str], int]:
    """Votes beside the seats per (position, basis), as :func:`beside` reads the bar."""
    rows = table[table["block"] == "beside"]
    return dict(
        Counter(zip(rows["position"].astype("str"), rows["basis"].astype("str"), strict=True))
    )


def beside(ax: Axes) -> dict[tuple[str, str], float]:
    """Width of each run of the bar beside the seats, in votes (the bar is 2 units wide)."""
    runs = {
        tuple((p.get_gid() or "").split(".")[1:]): p.get_width()
        for p in ax.patches
        if (p.get_gid() or "").startswith("beside.")
    }
    total = sum(runs.values())
    heading = next((t.get_text() for t in ax.texts if t.get_gid() == "beside-heading"), "")
    n = int(heading.split()[0]) if heading else 0
    return {k: round(v / total * n, 6) for k, v in runs.items()}  # type: ignore[misc]


def test_hemicycle_seats_gb355_colours_only_the_named_seats() -> None:
    # GB.355: 40-2-9 of 56 seats; only RUS and CHN (no) are named; no group tally.
    table = va.hemicycle_seats(small(), "GB355")
    assert list(table.columns) == [
        "vote_id",
        "block",
        "group",
        "seat",
        "member_id",
        "position",
        "basis",
    ]
    on_seats = table[table["block"] == "seats"]
    assert len(on_seats) == 56
    assert on_seats.groupby("group").size().to_dict() == {
        "government": 28,
        "employer": 14,
        "worker": 14,
    }
    coloured = on_seats[on_seats["position"].notna()]
    assert sorted(coloured["member_id"]) == ["CHN", "RUS"]
    assert set(coloured["group"]) == {"government"}
    # The 40 yes and 9 abstain are in the total, in no group: beside the seats.
    outside = table[table["block"] == "beside"]
    assert outside["position"].astype("str").value_counts().to_dict() == {
        "yes": 40,
        "abstain": 9,
    }
    assert set(outside["basis"]) == {"published total"}
    assert outside["group"].eq("").all()


def test_no_seat_is_coloured_without_a_name_or_a_group_tally() -> None:
    data = small()
    groups = data.group_tallies
    for vote_id in ("GB355", "GB344", "GB353", "IAEA1", "IAEA2", "ILC111"):
        table = va.hemicycle_seats(data, vote_id)
        on_seats = table[table["block"] == "seats"]
        coloured = on_seats[on_seats["position"].notna()]
        assert set(coloured["basis"]) <= {"named", "group tally"}, vote_id
        assert coloured.loc[coloured["basis"] == "named", "member_id"].notna().all()
        # Group-tally seats never outnumber the group's published count.
        tallied = coloured[coloured["basis"] == "group tally"]
        for (group, position), n in (
            tallied.groupby(["group", "position"], observed=True).size().items()
        ):
            published = groups[
                (groups["vote_id"] == vote_id)
                & (groups["constituency"].astype("str") == group)
                & (groups["position"].astype("str") == position)
            ]["count"].sum()
            assert n <= published, (vote_id, group, position)
        # What the plot draws is this table: coloured circles are exactly these seats.
        ax = hemicycleplot(data, vote_id, ax=plt.figure().subplots())
        drawn = Counter(
            (basis, position)
            for (basis, position), k in seat_kinds(ax).items()
            for _ in range(k)
            if position != "not_published"
        )
        expected = Counter(
            zip(coloured["basis"].astype("str"), coloured["position"].astype("str"), strict=True)
        )
        assert drawn == expected, vote_id
        for s in seats(ax):
            if (s.get_gid() or "").split(".")[3] == "not published":
                assert same_color(s.get_facecolor(), "white"), s.get_gid()


def test_hemicycle_gb355_draws_the_unplaced_votes_beside_the_seats() -> None:
    _fig, ax = plt.subplots()
    assert hemicycleplot(small(), "GB355", ax=ax) is ax
    assert len(seats(ax)) == 56
    assert seat_kinds(ax) == {("named", "no"): 2, ("not published", "not_published"): 54}
    assert seat_kinds(ax, "government")["named", "no"] == 2
    assert beside(ax) == {("yes", "published total"): 40, ("abstain", "published total"): 9}
    heading = next(t.get_text() for t in ax.texts if t.get_gid() == "beside-heading")
    assert heading == "49 votes in the total, member and group not published"
    assert same_color(
        patch(ax, "beside.yes.published total").get_facecolor(), UNATTRIBUTED_COLORS["yes"]
    )
    assert {"RUS", "CHN", "40 yes", "9 abstain"} <= set(texts(ax))
    assert {"Government\n28 seats", "Employer\n14 seats", "Worker\n14 seats"} <= set(texts(ax))
    notes = next(t.get_text() for t in ax.texts if t.get_gid() == "notes")
    assert "5 seat(s): no published total covers them" in notes  # 56 - 51
    # Notes are grey, like the source line: they say how, not what.
    note = next(t for t in ax.texts if t.get_gid() == "notes")
    assert same_color(to_rgba(note.get_color()), "#444444")


def test_hemicycle_puts_group_counts_in_their_group() -> None:
    table = va.hemicycle_seats(small(), "GB344")
    assert len(table[table["block"] == "seats"]) == 56
    # By hand: employers 14 yes and workers 12 yes (group tallies); governments 16 yes
    # (USA named, 15 by the tally), 2 no (RUS, CHN named), IND abstain (named); the 7
    # other abstentions and the 4 not voting are in no group: beside.
    assert table_kinds(table, "employer") == {("group tally", "yes"): 14}
    assert table_kinds(table, "worker") == {
        ("group tally", "yes"): 12,
        ("not published", "not_published"): 2,
    }
    gov = table_kinds(table, "government")
    assert (gov["named", "yes"], gov["group tally", "yes"]) == (1, 15)
    assert (gov["named", "no"], gov["named", "abstain"]) == (2, 1)
    assert gov["not published", "not_published"] == 28 - 19
    assert table_beside(table) == {
        ("abstain", "published total"): 7,
        ("not_voting", "published total"): 4,
    }
    assert any("government 16 yes, 2 no" in note for note in table.attrs["notes"])


def test_hemicycle_of_a_body_without_groups() -> None:
    table = va.hemicycle_seats(small(), "IAEA1")
    # 35 seats: 26 yes, 2 no (named), 5 abstain, 2 not voting of which Mexico absent.
    assert table_kinds(table, "all") == {
        ("named", "no"): 2,
        ("named", "absent"): 1,
        ("not published", "not_published"): 32,
    }
    assert table_beside(table) == {
        ("yes", "published total"): 26,
        ("abstain", "published total"): 5,
        ("not_voting", "published total"): 1,
    }
    ilc = va.hemicycle_seats(small(), "ILC111")
    assert (ilc["block"] == "seats").sum() == 301 + 54 + 108
    assert any("Number of seats not in the data" in note for note in ilc.attrs["notes"])


def test_hemicycle_title_says_what_yes_means() -> None:
    ax = hemicycleplot(small(), "GB353")
    assert "yes = for the Russian Federation's amendments" in ax.get_title()
    # 35 no in no group; CHN and SDN named yes; 56 - 37 seats no total covers.
    table = va.hemicycle_seats(small(), "GB353")
    assert table_kinds(table)["named", "yes"] == 2
    assert table_beside(table) == {("no", "published total"): 35}


def test_hemicycle_refuses_elections_and_frames() -> None:
    # A wrong vote id is the caller's mistake: ValueError naming the closest vote ids
    # (an election has no seats to draw, so it is not among them).
    with pytest.raises(ValueError, match=r"vote_id='GBDG' is not one of 'GB\d+'"):
        hemicycleplot(small(), "GBDG")
    with pytest.raises(ValueError, match=r"hemicycle_seats\(\): vote_id='GB35' .*'GB355'"):
        va.hemicycle_seats(small(), "GB35")
    with pytest.raises(TypeError, match="vote_id must be str"):
        hemicycleplot(small(), 355)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="needs a vote_id"):
        hemicycleplot(small())
    with pytest.raises(TypeError, match="VoteDataset"):
        hemicycleplot(va.tally(small()), "GB355")  # type: ignore[arg-type]


def drawn_seats(ax: Axes) -> list[tuple[str, tuple[float, float], str]]:
    return [(s.get_gid() or "", s.center, str(s.get_facecolor())) for s in seats(ax)]


def test_hemicycleplot_draws_the_seat_table_as_the_dataset() -> None:
    data = small()
    table = va.hemicycle_seats(data, "GB344")
    from_data = hemicycleplot(data, "GB344", ax=plt.figure().subplots(), caption=False)
    from_table = hemicycleplot(table, ax=plt.figure().subplots())
    assert drawn_seats(from_table) == drawn_seats(from_data)
    assert sorted(texts(from_table)) == sorted(texts(from_data))
    assert from_table.get_title() == from_data.get_title()
    # A table without the attrs hemicycle_seats() gives it cannot say which vote it is.
    with pytest.raises(TypeError, match="hemicycle_seats"):
        hemicycleplot(pd.DataFrame(table.to_dict("list")))


# --------------------------------------------------------------------------- timelineplot


def test_timelineplot_bars_and_member_strips() -> None:
    _fig, ax = plt.subplots()
    iaea = small().filter(body="IAEA-BoG")
    assert timelineplot(iaea, ax=ax) is ax
    assert patch(ax, "IAEA1.yes.unattributed").get_height() == 26
    assert patch(ax, "IAEA1.no.named").get_height() == 2
    assert patch(ax, "IAEA2.no.unattributed").get_height() == 2
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "2022-03-03\nUkraine",
        "2022-11-17\nIran",
    ]
    assert same_color(patch(ax, "member.RUS.IAEA1.no").get_facecolor(), POSITION_COLORS["no"])
    assert same_color(patch(ax, "member.CHN.IAEA2.not_known").get_facecolor(), NOT_KNOWN_COLOR)
    assert {"Russia", "China", "26–2–5"} <= set(texts(ax))


def test_timelineplot_highlight_and_its_old_name_members() -> None:
    iaea = small().filter(body="IAEA-BoG")
    new = timelineplot(iaea, highlight=["CHN"], ax=plt.figure().subplots())
    assert {p.get_gid() for p in new.patches} >= {
        "member.CHN.IAEA1.no",
        "member.CHN.IAEA2.not_known",
    }
    assert not any((p.get_gid() or "").startswith("member.RUS.") for p in new.patches)
    with pytest.warns(DeprecationWarning, match="members= is now highlight="):
        old = timelineplot(iaea, members=["CHN"], ax=plt.figure().subplots())
    assert [p.get_gid() for p in old.patches] == [p.get_gid() for p in new.patches]
    assert texts(old) == texts(new)
    with pytest.raises(TypeError, match="highlight must be a list"):
        timelineplot(iaea, highlight="CHN")
    with pytest.raises(TypeError, match="give highlight= only"):
        timelineplot(iaea, highlight=["CHN"], members=["RUS"])


# --------------------------------------------------------------------------- captions


def test_source_caption_names_bodies_sessions_and_sites() -> None:
    caption = _source_caption(small(), ["GB355", "GB344", "IAEA1"])
    assert caption.startswith(
        "Source: ILO Governing Body GB.344, GB.355 (2022–2025); "
        "IAEA Board of Governors March 2022 (2022)."
    )
    # genevasolutions.news backs five rows, the others one or two; "www." is dropped
    assert "Pages read: genevasolutions.news, iaea.org, salidarnast.info" in caption


def test_grid_rows_show_the_usual_english_name_not_an_old_one() -> None:
    # Libya's 2022 IAEA Board abstention (data/positions.csv) was cast as "Libya": the
    # UN name "Libyan Arab Jamahiriya" ended in 2011 (data/names/aliases_kit.csv). The
    # United States is not listed under its Spanish name.
    ax = oppositionplot(va.load_dataset(), ax=plt.figure().subplots())
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert "Libya (LBY)" in rows
    assert "United States (USA)" in rows
    assert not any("Jamahiriya" in r or "Estados" in r for r in rows)


def test_grid_leaves_a_non_member_open_not_unknown() -> None:
    # The Russian Federation sat on no Human Rights Council vote of 2023: the raw
    # OHCHR file (data/external/hrc/) codes it 4, "not a Council member", all year.
    hrc = va.load_dataset("hrc")
    ids = hrc.votes.loc[hrc.votes["date"].astype("str").str.startswith("2023"), "vote_id"]
    data = hrc.filter(vote_id=list(ids)[:5])
    ax = oppositionplot(data, members=["RUS"], ax=plt.figure().subplots())
    cells = [p.get_gid() for p in ax.patches if str(p.get_gid()).startswith("cell.")]
    assert len(cells) == 5
    assert all(c.endswith(".RUS.not_a_member") for c in cells)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "–  not a member of the body at the time" in labels
    assert not any(label.startswith("?") for label in labels)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Russia (RUS)"]
