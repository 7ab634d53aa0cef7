"""The HTML report: self-contained, escaped, complete; the README's gallery images.

The small dataset below is written as CSV files and read back as a user's would be;
its text tries to break out of the HTML.
"""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import voteanalysis as va
from voteanalysis.cli import main
from voteanalysis.outputs.report import CHART_CAPTIONS, export_report

ROOT = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n"

VOTES = (
    "vote_id,body,session,date,title,subject,kind,motion,yes,no,abstain,not_voting,seats,"
    "voter_unit,source_url,source_quote,confidence,notes\n"
    'ILO-GB355-BLR,ILO-GB,GB.355,2025-11-24,Decision,<script>alert("s")</script>,decision,,'
    "40,2,9,,56,seat,https://ex.org/b?a=1&b=2,40 for,medium,"
    '"notes with </td></tr></table> in them"\n'
    "IAEA-BOG-2022-03-UKR,IAEA-BoG,March 2022,2022-03-03,Safety,Ukraine,resolution,"
    "yes = for the text,26,2,5,2,35,state,javascript:alert(1),26 in favour,high,\n"
)
POSITIONS = """\
vote_id,member_id,member,position,source_url,source_quote
ILO-GB355-BLR,RUS,Russia,no,https://news.example.com/p,"Russia & China said 'no'"
ILO-GB355-BLR,CHN,China,no,https://news.example.com/p,"Russia & China said 'no'"
IAEA-BOG-2022-03-UKR,RUS,Russia,no,https://www.iaea.example/r,<img src=x onerror=alert(2)>
IAEA-BOG-2022-03-UKR,IRL,O'Brien <b>land</b>,yes,https://www.iaea.example/r,in favour
"""
STATEMENTS = """\
statement_id,vote_id,body,session,speaker_id,speaker,on_behalf_of,stance,about,source_url,source_quote
S1,ILO-GB355-BLR,ILO-GB,GB.355,DNK,Denmark,"the EU <and> others",support,,https://ex.org/b?a=1&b=2,yes
"""


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "votes"
    folder.mkdir()
    for name, text in (
        ("votes", VOTES),
        ("positions", POSITIONS),
        ("statements", STATEMENTS),
    ):
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


class _Page(HTMLParser):
    """Tags, attributes and text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Page:
    parsed = _Page()
    parsed.feed(page)
    return parsed


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The report of the small dataset, written by the command line, and its chart folder."""
    base = tmp_path_factory.mktemp("report")
    images = base / "charts"
    out = base / "out" / "report.html"
    assert main(["report", "--data", str(_folder(base)), "--images", str(images), str(out)]) == 0
    return out.read_text(encoding="utf-8"), images


def test_nothing_is_loaded_from_elsewhere(written: tuple[str, Path]) -> None:
    page, _ = written
    parsed = _parse(page)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"script", "link", "iframe", "object", "embed"}
    images = [attrs for tag, attrs in parsed.tags if tag == "img"]
    assert len(images) == 4  # the gallery's charts for these votes: no GB.344 hemicycle
    for attrs in images:
        src = attrs["src"] or ""
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == PNG
        assert attrs["alt"]
    assert not re.search(r"url\(|@import", page)
    # Links only point at sources; nothing else carries an address.
    for _tag, attrs in parsed.tags:
        for name, value in attrs.items():
            if name in ("src", "href", "action", "data", "poster") and value:
                assert value.startswith(("data:image/png;base64,", "#", "https://")), value


def test_text_from_the_data_is_escaped(written: tuple[str, Path]) -> None:
    page, _ = written
    assert "<script" not in page and "<b>land" not in page and "onerror" not in page.split(">")
    assert "&lt;script&gt;alert(&quot;s&quot;)&lt;/script&gt;" in page
    assert "O&#x27;Brien &lt;b&gt;land&lt;/b&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "notes with &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt; in them" in page
    parsed = _parse(page)
    text = "".join(parsed.text)
    assert '<script>alert("s")</script>' in text  # shown as written, not run
    assert "the EU <and> others" in text


def test_only_web_addresses_become_links(written: tuple[str, Path]) -> None:
    page, _ = written
    hrefs = [a.get("href") for tag, a in _parse(page).tags if tag == "a"]
    assert "https://ex.org/b?a=1&b=2" in hrefs  # & escaped in the source
    assert 'href="https://ex.org/b?a=1&amp;b=2"' in page
    assert not any("javascript" in (h or "") for h in hrefs)
    assert "javascript:alert(1)" in "".join(_parse(page).text)  # still listed, as text


def test_tables_hold_the_tally_positions_statements_and_sources(written: tuple[str, Path]) -> None:
    page, _ = written
    text = " ".join(" ".join(_parse(page).text).split())
    # Totals as published; the Belarus vote publishes no 'not voting'.
    assert re.search(r"40 2 9 not published 2 no", text)
    assert re.search(r"26 2 5 2 1 yes, 1 no", text)
    assert "What yes means: yes = for the text" in text
    # Member by member: Russia twice (2 no), China once, sorted by name.
    assert re.search(
        r"China \(CHN\) 1 no .*Ireland \(IRL\) 1 yes; written O'Brien <b>land</b> .*"
        r"Russia \(RUS\) 2 no",
        text,
    )
    assert "Denmark the EU <and> others support" in text
    sources = page.split('id="sources"', 1)[1]
    for url in ("https://news.example.com/p", "https://www.iaea.example/r"):
        assert sources.count(f'href="{url}"') == 1
    assert "2 votes in 2 bodies, 2022–2025" in text


def test_images_written_are_those_embedded(written: tuple[str, Path]) -> None:
    page, images = written
    files = sorted(images.glob("*.png"))
    assert [p.stem for p in files] == [
        "01-tally",
        "02-opposition",
        "03-hemicycle-gb355-belarus",
        "05-iaea-board",
    ]
    embedded = [
        base64.b64decode(src.split(",", 1)[1]) for src in re.findall(r'<img src="([^"]+)"', page)
    ]
    assert embedded == [p.read_bytes() for p in files]


def test_same_data_same_bytes(tmp_path: Path) -> None:
    data = va.read_dataset(_folder(tmp_path)).filter(body="ILO-GB")
    first = export_report(data, tmp_path / "a.html").read_bytes()
    second = export_report(data, tmp_path / "b.html").read_bytes()
    assert first == second


def test_not_a_dataset() -> None:
    with pytest.raises(TypeError, match="needs a VoteDataset"):
        export_report("votes.csv", "out.html")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"path": 3}, "path must be str or PathLike, not int"),
        ({"title": 5}, "title must be str, not int"),
        ({"images": ["a"]}, "images must be str or PathLike, not list"),
    ],
)
def test_arguments_of_the_wrong_type_are_refused_before_drawing(
    tmp_path: Path, arguments: dict[str, Any], message: str
) -> None:
    given = {"path": tmp_path / "r.html"} | arguments
    with pytest.raises(TypeError, match=message):
        export_report(va.load_dataset().filter(body="ILO-GB"), **given)
    assert not list(tmp_path.iterdir())


def test_bad_data_exits_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--data", str(tmp_path / "none"), str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert "no such file or folder" in err and "Traceback" not in err
    assert not (tmp_path / "r.html").exists()


# --------------------------------------------------------------------------- README gallery


def test_readme_shows_the_gallery_with_a_line_on_each_chart() -> None:
    """docs/gallery holds what `make charts` writes there: the report's charts of the
    bundled data, small, each shown in the README with its caption."""
    from voteanalysis.outputs.gallery import _charts

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stems = [chart.stem for chart in _charts(va.load_dataset())]
    committed = sorted(p.stem for p in (ROOT / "docs" / "gallery").glob("*.png"))
    assert committed == stems
    for stem in stems:
        path = ROOT / "docs" / "gallery" / f"{stem}.png"
        assert path.read_bytes()[:8] == PNG
        assert path.stat().st_size < 200_000
        assert f"](docs/gallery/{stem}.png)" in readme
        assert CHART_CAPTIONS[stem] in " ".join(readme.split())


def test_bundled_report_counts_names_and_titles(tmp_path: Path) -> None:
    data = va.load_dataset()
    page = va.export_report(data, tmp_path / "r.html").read_text(encoding="utf-8")
    text = " ".join(" ".join(_parse(page).text).split())
    # README: 18 votes on texts plus 5 Director-General ballots (votes.csv by hand: 23 rows,
    # 5 of kind 'election').
    assert "18 votes in 4 bodies" in text
    assert "5 election ballots (between candidates, not counted among the votes)" in text
    # Titles are shortened at a word, never inside one ("final ballot (Guy Ryder e").
    assert "final ballot (Guy Ryder e" not in text
    assert "final ballot (Guy Ryder …" in text
    # Libya abstained at the IAEA Board in June 2022 (trtworld.com): it was no longer
    # the "Libyan Arab Jamahiriya" (the name of a 2002-2005 Governing Body list).
    assert "Libyan Arab Jamahiriya" not in text
    assert re.search(r"Libya \(LBY\) 1 abstain", text)
    assert "United States (USA)" in text and "Estados Unidos (USA)" not in text
