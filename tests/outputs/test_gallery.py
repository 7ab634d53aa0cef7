"""The chart gallery: which files are written, that they are complete and reproducible."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import voteanalysis as va
from voteanalysis.dataset import VoteDataset
from voteanalysis.io.kit import typed_table
from voteanalysis.outputs import gallery
from voteanalysis.schema import TABLES

STEMS = [
    "01-tally",
    "02-opposition",
    "03-hemicycle-gb355-belarus",
    "04-hemicycle-gb344-russia",
    "05-iaea-board",
]


VOTES = """\
vote_id,body,session,date,subject,kind,yes,no,abstain,not_voting,seats,voter_unit,source_url
ILO-GB355-BLR,ILO-GB,GB.355,2025-11-24,Belarus,decision,40,2,9,,56,seat,https://www.salidarnast.info/post/x
ILO-GB344-RUS-RES,ILO-GB,GB.344,2022-03-23,Russian Federation,resolution,42,2,8,4,56,seat,https://genevasolutions.news/y
IAEA-BOG-2022-03-UKR,IAEA-BoG,March 2022,2022-03-03,Ukraine,resolution,26,2,5,2,35,state,https://www.iaea.org/z
ILO-GB344-DG-2022-R2,ILO-GB,GB.344,2022-03-25,,election,,,,,56,seat,https://www.ilo.org/w
"""


def small() -> VoteDataset:
    """The votes the gallery looks for, with the counts their sources publish; Russia
    and China named "no" on each."""
    votes = pd.read_csv(StringIO(VOTES), dtype="str", keep_default_na=False)
    votes["title"] = "t"
    positions = pd.DataFrame(
        [
            [vote, member, name, "no", "https://example.org/p"]
            for vote in ("ILO-GB355-BLR", "ILO-GB344-RUS-RES", "IAEA-BOG-2022-03-UKR")
            for member, name in (("RUS", "Russia"), ("CHN", "China"))
        ],
        columns=["vote_id", "member_id", "member", "position", "source_url"],
        dtype="str",
    )
    return VoteDataset(
        votes=typed_table(votes, TABLES["votes"]),
        positions=typed_table(positions, TABLES["positions"]),
    )


def test_export_gallery_writes_every_chart_in_every_format(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "figures"
    written = gallery.export_gallery(small(), out, formats=("png", "svg", "pdf"))
    assert written == [out / f"{stem}.{fmt}" for stem in STEMS for fmt in ("png", "svg", "pdf")]
    for path in written:
        assert path.stat().st_size > 1000, path
    assert written[0].read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in written[1].read_bytes()[:2000]
    assert written[2].read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)


def test_export_gallery_is_reproducible(tmp_path: Path) -> None:
    first = gallery.export_gallery(small(), tmp_path / "a", formats=["svg", "pdf"])
    second = gallery.export_gallery(small(), tmp_path / "b", formats=["svg", "pdf"])
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_export_gallery_closes_its_figures(tmp_path: Path) -> None:
    before = plt.get_fignums()
    gallery.export_gallery(small(), tmp_path, formats="png")
    assert plt.get_fignums() == before


def test_every_gallery_chart_carries_its_sources() -> None:
    data = small()
    for chart in gallery._charts(data):
        fig = chart.draw()
        caption = fig.get_supxlabel()
        assert caption.startswith("Source: "), chart.stem
        assert "Pages read:" in caption, chart.stem
    hemicycle = gallery._hemicycle_chart(data, "ILO-GB355-BLR")
    assert hemicycle.get_supxlabel() == (
        "Source: ILO Governing Body GB.355 (2025). Pages read: example.org, salidarnast.info."
    )


def test_charts_whose_votes_are_missing_are_left_out(tmp_path: Path) -> None:
    only_gb355 = small().filter(vote_id="ILO-GB355-BLR")
    written = gallery.export_gallery(only_gb355, tmp_path, formats=["png"])
    assert [p.name for p in written] == [
        "01-tally.png",
        "02-opposition.png",
        "03-hemicycle-gb355-belarus.png",
    ]


def test_export_gallery_rejects_unknown_formats(tmp_path: Path) -> None:
    # A wrong argument is a ValueError or TypeError naming the valid formats, not a data error.
    with pytest.raises(ValueError, match="formats='gif' is not one of 'png', 'svg', 'pdf'") as err:
        gallery.export_gallery(small(), tmp_path, formats=["png", "gif"])
    assert not isinstance(err.value, va.VoteDataError)
    with pytest.raises(ValueError, match="formats is empty; give one or more of 'png'"):
        gallery.export_gallery(small(), tmp_path, formats=[])
    with pytest.raises(TypeError, match="formats must be a str, one of 'png'"):
        gallery.export_gallery(small(), tmp_path, formats=[2])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="formats must be a str or a list"):
        gallery.export_gallery(small(), tmp_path, formats=None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="VoteDataset"):
        gallery.export_gallery(small().votes, tmp_path)  # type: ignore[arg-type]
    assert not list(tmp_path.iterdir())


def test_export_gallery_takes_formats_in_any_case_and_with_a_dot(tmp_path: Path) -> None:
    only_gb355 = small().filter(vote_id="ILO-GB355-BLR")
    written = gallery.export_gallery(only_gb355, tmp_path, formats=".SVG")
    assert [p.name for p in written][:1] == ["01-tally.svg"]


def test_export_chart_rejects_wrong_arguments(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="chart='pie' is not one of 'tally', 'opposition'") as err:
        gallery.export_chart(small(), "pie", tmp_path / "x.svg")
    assert not isinstance(err.value, va.VoteDataError)
    with pytest.raises(ValueError, match=r"did you mean 'tally'\?"):
        gallery.export_chart(small(), "talyy", tmp_path / "x.svg")
    with pytest.raises(TypeError, match="chart must be a str"):
        gallery.export_chart(small(), 1, tmp_path / "x.svg")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"export_chart\(\) needs a VoteDataset"):
        gallery.export_chart(small().votes, "tally", tmp_path / "x.svg")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"cannot tell the format of 'x\.gif'"):
        gallery.export_chart(small(), "tally", tmp_path / "x.gif")
    with pytest.raises(TypeError, match="vote_id must be str, not int"):
        gallery.export_chart(small(), "hemicycle", tmp_path / "x.svg", vote_id=355)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="members takes a list of member ids"):
        gallery.export_chart(small(), "opposition", tmp_path / "x.svg", members="RUS")
    with pytest.raises(ValueError, match="a hemicycle needs --vote"):
        gallery.export_chart(small(), "hemicycle", tmp_path / "x.svg")
    assert not list(tmp_path.iterdir())


def test_export_chart_kind_is_the_old_name_of_chart(tmp_path: Path) -> None:
    data = small().filter(vote_id="ILO-GB355-BLR")
    new = gallery.export_chart(data, chart="tally", out=tmp_path / "new.svg")
    with pytest.warns(DeprecationWarning, match="kind= is now chart="):
        old = gallery.export_chart(data, kind="tally", out=tmp_path / "old.svg")
    # The same chart: SVG files are reproducible byte for byte.
    assert old.read_bytes() == new.read_bytes()


def test_the_package_exports_the_gallery() -> None:
    assert va.export_gallery is gallery.export_gallery
