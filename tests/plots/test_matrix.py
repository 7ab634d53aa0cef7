"""Charts of agreement and cohesion: what was drawn, not how it looks."""

from __future__ import annotations

import subprocess
import sys

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from rollcalls import VOTEVIEW, VOTEVIEW_MATRIX, positions

import voteanalysis as va
from voteanalysis.dataset import VoteDataset


def sessions() -> VoteDataset:
    # Session 1: v0-v1, session 2: v2-v3, session 3: v4-v5.
    pos = positions(
        {
            "USA": "YYNNYY",
            "RUS": "NNNNYN",  # with USA: 0, 1, 1/2
            "CHN": "NYNYNN",  # with USA: 1/2, 1/2, 0
            "FRA": "YYNNYY",
        }
    )
    votes = pd.DataFrame(
        {"vote_id": [f"v{j}" for j in range(6)], "session": ["1", "1", "2", "2", "3", "3"]}
    )
    return VoteDataset(votes=votes, positions=pos)


def test_agreementplot_draws_the_matrix_in_the_given_order() -> None:
    order = list(VOTEVIEW)
    ax = va.agreementplot(positions(VOTEVIEW), order=order, min_votes=1)
    drawn = np.asarray(ax.collections[0].get_array()).reshape(6, 6)
    np.testing.assert_allclose(drawn, VOTEVIEW_MATRIX)
    assert [t.get_text() for t in ax.get_yticklabels()] == order
    assert "abstentions a third position" in ax.get_title(loc="left")


def test_agreementplot_clusters_blocs_together() -> None:
    camps = {"A1": "YYYYN", "B1": "NNNNY", "A2": "YYYYY", "B2": "NNNYY"}
    ax = va.agreementplot(positions(camps), min_votes=1, labels={"A1": "Alpha one"})
    labels = [t.get_text() for t in ax.get_xticklabels()]
    a_side = {labels.index("Alpha one"), labels.index("A2")}
    assert a_side in ({0, 1}, {2, 3})
    drawn = np.asarray(ax.collections[0].get_array()).reshape(4, 4)
    assert np.allclose(np.diag(drawn), 1.0)


def test_agreementplot_with_dendrogram_and_pairs_input() -> None:
    fig, ax = plt.subplots()
    pairs = va.agreement(positions(VOTEVIEW), min_votes=1, measure="kappa")
    returned = va.agreementplot(pairs, dendrogram=True, ax=ax)
    assert returned is ax
    assert len(fig.axes) == 3  # heatmap, colour bar, dendrogram
    assert "Cohen's kappa" in ax.get_title(loc="left")
    values = np.asarray(ax.collections[0].get_array())
    assert ax.collections[0].norm.vmin == -1.0  # kappa runs from -1
    assert np.nanmax(values) == pytest.approx(1.0)


def test_agreementplot_leaves_thin_pairs_empty() -> None:
    ax = va.agreementplot(
        positions({"A": "YYYY", "B": "YYN-", "C": "---Y"}), order=None, min_votes=3
    )
    drawn = np.ma.filled(np.ma.asarray(ax.collections[0].get_array()), np.nan).reshape(3, 3)
    assert drawn[0, 1] == pytest.approx(2 / 3)
    assert np.isnan(drawn[0, 2])


def test_alignmentplot_lines() -> None:
    ax = va.alignmentplot(sessions(), min_votes=1)
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert set(lines) == {"RUS", "CHN"}
    np.testing.assert_allclose(lines["RUS"].get_xdata(), [1, 2, 3])
    np.testing.assert_allclose(lines["RUS"].get_ydata(), [0.0, 1.0, 0.5])
    np.testing.assert_allclose(lines["CHN"].get_ydata(), [0.5, 0.5, 0.0])
    assert ax.get_xlabel() == "session"
    assert "Agreement with USA" in ax.get_title(loc="left")


def test_alignmentplot_from_a_table_with_labels() -> None:
    table = va.alignment(sessions(), reference="FRA", min_votes=1)
    ax = va.alignmentplot(table, members=["USA"], labels={"USA": "United States", "FRA": "France"})
    (line,) = ax.get_lines()
    assert line.get_label() == "United States"
    np.testing.assert_allclose(line.get_ydata(), [1.0, 1.0, 1.0])
    assert "Agreement with France" in ax.get_title(loc="left")


def test_cohesionplot_lines_and_bars() -> None:
    groups = {"USA": "West", "FRA": "West", "RUS": "East", "CHN": "East"}
    ax = va.cohesionplot(sessions(), groups=groups)
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert set(lines) == {"East", "West"}
    np.testing.assert_allclose(lines["West"].get_ydata(), [1.0, 1.0, 1.0])
    # East per vote (RUS, CHN): v0 N,N 1; v1 N,Y 0.25; v2 N,N 1; v3 N,Y 0.25; v4 Y,N 0.25;
    # v5 N,N 1 -> session means 0.625, 0.625, 0.625.
    np.testing.assert_allclose(lines["East"].get_ydata(), [0.625, 0.625, 0.625])
    plt.figure()
    bars = va.cohesionplot(sessions(), groups=groups, by=None, index="rice")
    widths = [p.get_width() for p in bars.patches]
    # Rice, East: 1, 0, 1, 0, 0, 1 -> mean 0.5; West always 1.
    assert widths == pytest.approx([0.5, 1.0])
    assert [t.get_text() for t in bars.get_yticklabels()] == ["East", "West"]


def test_cohesionplot_from_a_table() -> None:
    table = va.cohesion(sessions(), groups={"USA": "West", "FRA": "West"})
    ax = va.cohesionplot(table, index="attina")
    assert [p.get_width() for p in ax.patches] == [100.0]


def test_plot_arguments() -> None:
    with pytest.raises(TypeError, match="VoteDataset"):
        va.agreementplot([[1.0]])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="index='cohesion' is not one of 'rice', 'attina'"):
        va.cohesionplot(sessions(), groups={"USA": "W"}, index="cohesion")
    with pytest.raises(TypeError, match="needs groups"):
        va.cohesionplot(sessions())
    with pytest.raises(ValueError, match="order='leaves' is not one of 'cluster'"):
        va.agreementplot(sessions(), order="leaves", min_votes=1)
    with pytest.raises(TypeError, match="members must be a list"):
        va.alignmentplot(sessions(), members="RUS")
    with pytest.raises(TypeError, match="by must be str"):
        va.alignmentplot(sessions(), by=["session"])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="measure='cosine' is not one of"):
        va.alignmentplot(sessions(), measure="cosine")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="abstain='no' is not one of 'position', 'exclude'"):
        va.cohesionplot(sessions(), groups={"USA": "W"}, abstain="no")  # type: ignore[arg-type]


def test_agreementplot_draws_the_computed_cluster_order() -> None:
    camps = {"A1": "YYYYN", "B1": "NNNNY", "A2": "YYYYY", "B2": "NNNYY", "Late": "----Y"}
    order = va.agreement_order(positions(camps), min_votes=2)
    ax = va.agreementplot(positions(camps), min_votes=2)
    assert [t.get_text() for t in ax.get_yticklabels()] == order["member_id"].tolist()
    assert order["member_id"].iloc[-1] == "Late"  # one common vote: not clustered, last
    given = va.agreementplot(
        positions(camps), order=order, min_votes=2, dendrogram=True, ax=plt.figure().subplots()
    )
    assert [t.get_text() for t in given.get_yticklabels()] == order["member_id"].tolist()
    np.testing.assert_array_equal(
        np.ma.filled(given.collections[0].get_array(), np.nan),
        np.ma.filled(ax.collections[0].get_array(), np.nan),
    )


def test_cohesionplot_from_a_table_by_session() -> None:
    groups = {"USA": "West", "FRA": "West", "RUS": "East", "CHN": "East"}
    ax = va.cohesionplot(va.cohesion(sessions(), groups=groups, by="session"), by="session")
    lines = {line.get_label(): line for line in ax.get_lines()}
    np.testing.assert_allclose(lines["East"].get_ydata(), [0.625, 0.625, 0.625])
    np.testing.assert_allclose(lines["East"].get_xdata(), [1, 2, 3])


def test_importing_the_package_loads_no_plotting() -> None:
    code = (
        "import sys, voteanalysis as va; va.agreement; va.blocs; "
        "print(sorted(m for m in ('matplotlib', 'seaborn', 'voteanalysis.plots.matrix') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert "agreementplot" in va.__all__ and "agreementplot" in dir(va)


def test_agreement_alignment_and_cohesion_charts_carry_their_source_line() -> None:
    # Session 74 ran from September 2019 to September 2020; Voeten's record holds it to
    # January 2020 and the UN Digital Library after (data/external/*/SOURCE.md).
    unga = va.load_dataset("unga").filter(session="74")
    drawn = [
        va.agreementplot(unga, ax=plt.figure().subplots()),
        va.alignmentplot(unga, by="year", ax=plt.figure().subplots()),
        va.cohesionplot(unga, groups=va.regions("un"), ax=plt.figure().subplots()),
    ]
    for ax in drawn:
        line = ax.get_figure()._supxlabel.get_text()  # type: ignore[union-attr]
        assert line.startswith("Source: United Nations General Assembly 74 (2019–2020).")
        assert "hdl.handle.net" in line and "digitallibrary.un.org" in line
    # A computed table names no sources: the line says so rather than inventing one.
    table = va.agreement(unga)
    bare = va.agreementplot(table, ax=plt.figure().subplots()).get_figure()
    assert "not named in it" in bare._supxlabel.get_text()  # type: ignore[union-attr]
    off = va.agreementplot(table, caption=False, ax=plt.figure().subplots()).get_figure()
    assert off._supxlabel is None  # type: ignore[union-attr]
