"""The explorer: choices as arguments, widgets that redraw from memory, speed.

Expected votes are read off ``data/votes.csv`` by hand (bodies, sessions, subjects, dates).
"""

from __future__ import annotations

import doctest
from typing import Any

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

import voteanalysis as va
from voteanalysis.dataset import VoteDataset
from voteanalysis.outputs import explorer as explorer_module
from voteanalysis.outputs.explorer import Explorer, explore


@pytest.fixture(scope="module")
def data() -> VoteDataset:
    return va.load_dataset()


def _drawn_votes(fig: Figure) -> set[str]:
    """Vote ids of the bars, cells or strips drawn (their gids start with the vote id)."""
    ids: set[str] = set()
    for ax in fig.axes:
        for patch in ax.patches:
            gid = patch.get_gid() or ""
            if gid.startswith("cell."):
                ids.add(gid.split(".")[1])
            elif gid.count(".") == 2 and gid.endswith((".named", ".unattributed", ".not_known")):
                ids.add(gid.split(".")[0])
    return ids


def _redraws(ex: Explorer, monkeypatch: pytest.MonkeyPatch) -> list[Figure]:
    """Record every figure the explorer draws from now on."""
    drawn: list[Figure] = []
    original = ex.draw

    def draw(**choices: Any) -> Figure:
        fig = original(**choices)
        drawn.append(fig)
        return fig

    monkeypatch.setattr(ex, "draw", draw)
    return drawn


# --------------------------------------------------------------------------- arguments


def test_body_and_subject_choose_the_votes_drawn(data: VoteDataset) -> None:
    ex = explore(data, body="ILO-GB", subject="Russian Federation", widgets=False)
    assert ex.widget is None
    assert set(ex.selection().votes["vote_id"]) == {"ILO-GB344-RUS-RES", "ILO-GB353-RUS-AMDT"}
    assert _drawn_votes(ex.figure) == {"ILO-GB344-RUS-RES", "ILO-GB353-RUS-AMDT"}
    title = ex.figure.get_suptitle()
    assert title.startswith("Totals per vote")
    assert "ILO Governing Body · Russian Federation · 2 votes" in title
    assert "Source: ILO Governing Body GB.344, GB.353" in ex.figure.get_supxlabel()


def test_a_session_range_runs_in_the_order_the_sessions_met(data: VoteDataset) -> None:
    ex = explore(
        data,
        body="IAEA-BoG",
        sessions=("June 2022 Board", "November 2022 Board"),
        chart="timeline",
        widgets=False,
    )
    expected = {
        "IAEA-BOG-2022-06-IRN",
        "IAEA-BOG-2022-09-UKR",
        "IAEA-BOG-2022-11-UKR",
        "IAEA-BOG-2022-11-IRN",
    }
    assert set(ex.selection().votes["vote_id"]) == expected
    assert _drawn_votes(ex.figure) == expected
    # Reversed ends give the same range; one session is a range of one.
    assert (
        set(ex.selection(sessions=("November 2022 Board", "June 2022 Board")).votes["vote_id"])
        == expected
    )
    assert list(ex.selection(body="ILO-GB", sessions="GB.355").votes["vote_id"]) == [
        "ILO-GB355-BLR"
    ]


def test_timeline_strips_for_the_highlighted_members(data: VoteDataset) -> None:
    ex = explore(data, body="IAEA-BoG", chart="timeline", highlight=("RUS", "IND"), widgets=False)
    strips = {
        g.split(".")[1]
        for g in (p.get_gid() or "" for p in ex.figure.axes[0].patches)
        if g.startswith("member.")
    }
    assert strips == {"RUS", "IND"}


def test_opposition_puts_highlighted_members_first_even_when_they_never_opposed(
    data: VoteDataset,
) -> None:
    # Ukraine is named yes on the IAEA votes about Ukraine and never no or abstain.
    ex = explore(data, body="IAEA-BoG", chart="opposition", highlight=("UKR", "RUS"), widgets=False)
    ax = ex.figure.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].endswith("(UKR)") and labels[1].endswith("(RUS)")
    assert {p.get_gid() for p in ax.patches} >= {"highlight.UKR", "highlight.RUS"}
    cells = {p.get_gid() for p in ax.patches}
    assert "cell.IAEA-BOG-2022-03-UKR.RUS.no" in cells


def test_hemicycle_draws_the_chosen_vote_or_the_latest(data: VoteDataset) -> None:
    ex = explore(data, body="ILO-GB", chart="hemicycle", widgets=False)
    assert "GB.355" in ex.figure.axes[0].get_title()  # latest Governing Body vote
    fig = ex.draw(vote="ILO-GB344-RUS-RES")
    assert "GB.344" in fig.axes[0].get_title()
    seats = [p for p in fig.axes[0].patches if (p.get_gid() or "").startswith("seat.")]
    assert len(seats) == 56  # the Governing Body's titular seats


def test_draw_returns_a_new_figure_and_changes_nothing(data: VoteDataset) -> None:
    ex = explore(data, widgets=False)
    before = ex.choices
    fig = ex.draw(chart="opposition", body="IAEA-BoG")
    assert fig is not ex.figure
    assert ex.choices == before
    assert fig.get_suptitle().startswith("Who voted no or abstained")
    assert plt.get_fignums() == []  # not registered with pyplot: nothing else shows it


def test_no_matching_votes_draws_a_note(data: VoteDataset) -> None:
    ex = explore(
        data,
        body="IAEA-BoG",
        sessions="June 2020 Board",
        subject="Russian Federation/Ukraine",
        widgets=False,
    )
    assert len(ex.selection().votes) == 0
    texts = [t.get_text() for ax in ex.figure.axes for t in ax.texts]
    assert texts == ["No votes match these choices."]


def test_too_many_votes_to_draw_one_by_one_ask_for_fewer(
    data: VoteDataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(explorer_module, "MAX_VOTES", 5)
    monkeypatch.setattr(explorer_module, "MAX_CELLS", 100)
    ex = explore(data, widgets=False)  # 18 votes
    [note] = [t.get_text() for ax in ex.figure.axes for t in ax.texts]
    assert note.startswith("18 votes chosen; this chart draws at most 5.")
    # The ILO Governing Body: 3 votes × 11 members who opposed or are highlighted, 33 cells.
    assert _drawn_votes(ex.draw(body="ILO-GB", chart="opposition")) == {
        "ILO-GB344-RUS-RES",
        "ILO-GB353-RUS-AMDT",
        "ILO-GB355-BLR",
    }
    fig = ex.draw(body="IAEA-BoG", chart="opposition")
    [note] = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert note.startswith("10 votes × ") and "at most 100 cells" in note
    assert "seat." in {(p.get_gid() or "")[:5] for p in ex.draw(chart="hemicycle").axes[0].patches}


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        (
            {"chart": "pie"},
            "chart='pie' is not one of 'tally', 'opposition', 'hemicycle', 'timeline'",
        ),
        ({"chart": "talyy"}, "(did you mean 'tally'?)"),
        ({"body": "WHO-EB"}, "body='WHO-EB' is not one of 'ILO-GB'"),
        ({"body": "ILO-GB", "sessions": "June 2020 Board"}, "sessions='June 2020 Board'"),
        ({"body": "ILO-GB", "subject": "Iran"}, "subject='Iran' is not one of"),
        # an election: nothing to draw; many votes, so the list is cut short
        ({"vote": "ILO-GB344-DG-2022-R2"}, r"vote='ILO-GB344-DG-2022-R2' is not one of .* more"),
    ],
)
def test_choices_not_in_the_data_are_a_value_error_naming_the_choices(
    data: VoteDataset, choices: dict[str, Any], message: str
) -> None:
    # A wrong argument is the caller's mistake, not a fault in the data.
    with pytest.raises(ValueError, match=message) as info:
        explore(data, widgets=False, **choices)
    assert not isinstance(info.value, va.VoteDataError)
    assert str(info.value).startswith("explore(): ")


def test_a_choice_that_is_not_text_is_a_type_error(data: VoteDataset) -> None:
    with pytest.raises(TypeError, match="chart must be a str"):
        explore(data, chart=3, widgets=False)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="body must be a str"):
        explore(data, body=7, widgets=False)  # type: ignore[arg-type]


def test_highlight_and_widgets_of_the_wrong_type_are_a_type_error(data: VoteDataset) -> None:
    with pytest.raises(TypeError, match="highlight takes member ids"):
        explore(data, highlight=("RUS", 7), widgets=False)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="highlight takes member ids"):
        explore(data, highlight=None, widgets=False)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="widgets must be bool, not str"):
        explore(data, widgets="no")  # type: ignore[arg-type]


def test_kind_is_the_old_name_of_chart(data: VoteDataset) -> None:
    new = explore(data, body="ILO-GB", chart="opposition", widgets=False)
    with pytest.warns(DeprecationWarning, match="kind= is now chart="):
        old = explore(data, body="ILO-GB", kind="opposition", widgets=False)
    assert old.choices == new.choices
    assert old.choices.chart == "opposition"
    assert old.figure is not None and new.figure is not None
    assert old.figure.get_suptitle() == new.figure.get_suptitle()
    assert _drawn_votes(old.figure) == _drawn_votes(new.figure)
    with pytest.warns(DeprecationWarning, match="kind= is now chart="):
        redrawn = new.draw(kind="tally")
    assert redrawn.get_suptitle() == new.draw(chart="tally").get_suptitle()
    with pytest.warns(DeprecationWarning, match="Choices.chart"):
        assert new.choices.kind == "opposition"
    with pytest.raises(TypeError, match="give chart= only"):
        explore(data, kind="tally", chart="tally", widgets=False)  # type: ignore[call-arg]


def test_wrong_types_are_refused(data: VoteDataset) -> None:
    with pytest.raises(TypeError, match="needs a VoteDataset"):
        explore(data.votes)  # type: ignore[arg-type]
    ex = explore(data, widgets=False)
    with pytest.raises(TypeError, match="unknown choice"):
        ex.draw(colour="red")
    with pytest.raises(TypeError, match="sessions="):
        ex.draw(sessions=("GB.344", "GB.353", "GB.355"))


def test_without_a_kernel_there_are_no_widgets_and_the_chart_displays_as_png(
    data: VoteDataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    ex = explore(data, body="ILO-GB")
    assert ex.widget is None
    shown: list[Any] = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    ex._ipython_display_()
    assert shown[0].format == "png" and shown[0].data[:8] == b"\x89PNG\r\n\x1a\n"


# --------------------------------------------------------------------------- widgets


def test_widgets_start_from_the_arguments(data: VoteDataset) -> None:
    ex = explore(data, body="IAEA-BoG", subject="Iran", chart="timeline", widgets=True)
    c = ex._controls
    assert (c["body"].value, c["subject"].value, c["kind"].value) == (
        "IAEA-BoG",
        "Iran",
        "timeline",
    )
    assert c["sessions"].value == ("June 2020 Board", "November 2025 Board")
    assert c["highlight"].value == ("RUS", "CHN")
    assert c["vote"].disabled  # only a hemicycle draws one vote
    [output] = c["output"].outputs
    assert output["data"]["image/png"].startswith("iVBORw0KGgo")  # base64 of a PNG
    assert "7 votes chosen" in c["status"].value


def test_changing_a_control_redraws_from_memory(
    data: VoteDataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    ex = explore(data, widgets=True)
    drawn = _redraws(ex, monkeypatch)
    c = ex._controls
    with monkeypatch.context() as m:
        for name in ("read_dataset", "load_dataset", "_read_csv_text"):
            m.setattr(f"voteanalysis.io.kit.{name}", _refuse)
        m.setattr("pandas.read_csv", _refuse)

        c["kind"].value = "opposition"
        assert len(drawn) == 1
        assert ex.figure is drawn[-1]
        assert ex.figure.get_suptitle().startswith("Who voted no or abstained")

        # Another body: one redraw, and the sessions, subjects and votes are that body's.
        c["body"].value = "ILO-GB"
        assert len(drawn) == 2
        assert "ILO Governing Body · 3 votes" in ex.figure.get_suptitle()
        assert c["sessions"].options == ("GB.344", "GB.353", "GB.355")
        assert [v for _, v in c["subject"].options] == ["", "Belarus", "Russian Federation"]

        c["sessions"].index = (0, 1)
        assert ex.choices.sessions == ("GB.344", "GB.353")
        assert _drawn_votes(ex.figure) == {"ILO-GB344-RUS-RES", "ILO-GB353-RUS-AMDT"}

        c["highlight"].value = ("CHN",)  # the opposition grid puts China alone first
        assert ex.figure.axes[0].get_yticklabels()[0].get_text().endswith("(CHN)")
        n = len(drawn)

        c["vote"].value = "ILO-GB344-RUS-RES"  # a vote choice does not change a grid
        assert len(drawn) == n
        c["kind"].value = "hemicycle"
        assert len(drawn) == n + 1
        assert "GB.344" in ex.figure.axes[0].get_title()
        assert not c["vote"].disabled

        c["kind"].value = "tally"
        c["highlight"].value = ("RUS", "CHN")  # highlighting does not change the tally
        assert len(drawn) == n + 2


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("the explorer read files again")


def test_module_examples() -> None:
    assert doctest.testmod(explorer_module).failed == 0


def test_importing_the_module_keeps_the_function_and_loads_no_widgets_or_charts() -> None:
    import subprocess
    import sys

    code = (
        "import sys, voteanalysis.outputs.explorer, voteanalysis as va; "
        "assert callable(va.explore) and va.explore.__module__ == 'voteanalysis.outputs.explorer'; "
        "assert 'ipywidgets' not in sys.modules and 'matplotlib' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_member_list_shows_usual_english_names_sorted(data: VoteDataset) -> None:
    ex = explore(data, widgets=True)
    labels = [label for label, _ in ex._controls["highlight"].options]
    # RUS and CHN are highlighted by default and come first; the rest by name.
    assert labels[:2] == ["Russia (RUS)", "China (CHN)"]
    rest = labels[2:]
    assert rest == sorted(rest, key=str.casefold)
    # Some sources write "Estados Unidos": the list says the English name, under U.
    assert "United States (USA)" in rest and not any("Estados" in x for x in labels)
    assert rest.index("United States (USA)") > rest.index("Thailand (THA)")
