"""Every notebook is stored without outputs, runs from top to bottom, and shows what is true.

The cells that carry a notebook's story are tagged ``story:<name>`` (cell metadata). Each
notebook is executed once; the tagged cells' outputs are read as a reader sees them (the
table a cell displays, the text it prints, the chart it draws) and compared with facts
counted by hand from the bundled sources (``data/*.csv``, each row with its source URL and
quote) or published figures. Every section of every notebook has at least one such cell, and
every tagged cell has a check here: a story cell cannot be added, or left, unchecked.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
TABLE = "application/vnd.dataresource+json"
# Run before the notebook, in its kernel: displayed DataFrames also publish their data
# (pandas' table schema), whole, so that a check reads the table the reader sees.
SETUP = (
    "import pandas as _pd\n"
    "_pd.set_option('display.html.table_schema', True)\n"
    "_pd.set_option('display.max_rows', 1000)"
)


def _tags(cell: Any) -> list[str]:
    return [t for t in cell.get("metadata", {}).get("tags", []) if t.startswith("story:")]


class Ran:
    """An executed notebook, its story cells by name."""

    def __init__(self, nb: Any) -> None:
        self.cells = {t.split(":", 1)[1]: c for c in nb.cells for t in _tags(c)}

    def frame(self, name: str) -> pd.DataFrame:
        """The table the cell displays (its last displayed DataFrame)."""
        tables = [o["data"][TABLE] for o in self.cells[name].outputs if TABLE in o.get("data", {})]
        assert tables, f"story cell {name!r} displays no table"
        return pd.read_json(StringIO(json.dumps(tables[-1])), orient="table")

    def text(self, name: str) -> str:
        """What the cell prints, and the plain text of its result."""
        parts = []
        for o in self.cells[name].outputs:
            if o["output_type"] == "stream":
                parts.append(o["text"])
            elif "text/plain" in o.get("data", {}):
                parts.append(o["data"]["text/plain"])
        return "".join(parts)

    def images(self, name: str) -> int:
        return sum("image/png" in o.get("data", {}) for o in self.cells[name].outputs)


def _run(path: Path) -> Ran:
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(SETUP))
    env_backend = os.environ.get("MPLBACKEND")
    # The backend Jupyter uses: charts become the PNG outputs a reader sees.
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    try:
        NotebookClient(
            nb,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
    finally:
        if env_backend is None:
            os.environ.pop("MPLBACKEND")
        else:
            os.environ["MPLBACKEND"] = env_backend
    errors = [
        o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    assert not errors, errors[0]
    # The notebooks use the kit's current spellings: a reader never sees a warning that
    # an argument was renamed.
    warned = [
        o["text"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "stream" and "DeprecationWarning" in o.get("text", "")
    ]
    assert not warned, warned[0]
    return Ran(nb)


def _sections(path: Path) -> list[tuple[str, list[Any]]]:
    """(heading, code cells) for the introduction and every ``##`` section."""
    nb = nbformat.read(path, as_version=4)
    sections: list[tuple[str, list[Any]]] = [("(introduction)", [])]
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            heading = next((ln for ln in cell.source.splitlines() if ln.startswith("## ")), None)
            if heading:
                sections.append((heading[3:], []))
        elif cell.cell_type == "code":
            sections[-1][1].append(cell)
    return sections


# --------------------------------------------------------------------------- the facts

# votes.csv, counted by hand: 23 rows; 5 of kind 'election' (Director-General ballots);
# 10 IAEA Board votes, 8 Governing Body rows (3 votes and 5 ballots), 3 Conference votes,
# 2 Conference committee votes.
IAEA_VOTES = {
    "IAEA-BOG-2020-06-IRN",
    "IAEA-BOG-2022-03-UKR",
    "IAEA-BOG-2022-06-IRN",
    "IAEA-BOG-2022-09-UKR",
    "IAEA-BOG-2022-11-UKR",
    "IAEA-BOG-2022-11-IRN",
    "IAEA-BOG-2024-06-IRN",
    "IAEA-BOG-2024-11-IRN",
    "IAEA-BOG-2025-06-IRN",
    "IAEA-BOG-2025-11-IRN",
}
ELECTIONS = {
    "ILO-GB344-DG-2022-R1",
    "ILO-GB344-DG-2022-R2",
    "ILO-GB-DG-2012-FINAL",
    "ILO-GB-DG-2016",
    "ILO-GB271-DG",
}


def check_01(nb: Ran) -> None:
    assert "votes=23" in nb.text("loaded") and "positions=129" in nb.text("loaded")

    votes = nb.frame("votes").set_index("vote_id")
    assert len(votes) == 23
    assert set(votes.index[votes["kind"] == "election"]) == ELECTIONS
    # Salidarnast: "supported by 40 GB members, with 2 (...) against it and 9 abstaining".
    assert votes.loc["ILO-GB355-BLR", ["yes", "no", "abstain"]].tolist() == [40, 2, 9]

    named = nb.frame("belarus_named")
    assert sorted(zip(named["member_id"], named["position"], strict=True)) == [
        ("CHN", "no"),
        ("RUS", "no"),
    ]
    source = nb.text("belarus_source")
    assert "salidarnast.info" in source and "40 GB members" in source

    tally = nb.frame("tally").set_index("vote_id")
    assert len(tally) == 18 and not set(tally.index) & ELECTIONS
    row = tally.loc["ILO-GB355-BLR"]
    assert [row["named_no"], row["unattributed_yes"], row["unattributed_abstain"]] == [2, 40, 9]
    # IAEA March 2022 (Ukraine): 26-2-5, Russia and China named against (devdiscourse).
    assert tally.loc["IAEA-BOG-2022-03-UKR", ["yes", "no", "named_no"]].tolist() == [26, 2, 2]

    found = nb.frame("find_belarus")
    assert set(found["vote_id"]) == {"ILO-GB355-BLR", "ILO-ILC111-BLR-RES", "ILO-ILC111-GAC-BLR"}
    message = nb.text("nothing_matches")
    assert "no vote matches session='GB 356'" in message and "'GB.355'" in message

    assert nb.images("chart") == 1
    assert json.loads(nb.text("export").replace("'", '"')) == [
        "quickstart-iaea.pdf",
        "quickstart-iaea.png",
        "quickstart-iaea.svg",
    ]
    # What was exported stands on its own: the source line, as text a desk can edit.
    figures = NOTEBOOKS[0].parent.parent / "reports" / "figures"
    svg = (figures / "quickstart-iaea.svg").read_text(encoding="utf-8")
    assert "Source: IAEA Board of Governors 10 votes, 2020–2025." in svg
    pdf = (figures / "quickstart-iaea.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"/FontFile2" in pdf


def check_02(nb: Ran) -> None:
    votes = nb.frame("votes")
    assert len(votes) == 18 and votes["vote_id"].is_unique
    assert not set(votes["vote_id"]) & ELECTIONS

    stood = nb.frame("stood").set_index("vote_id")
    # One row per vote that exists: the 18 votes, no dates x votes cross product.
    assert len(stood) == 18 and stood.index.is_unique
    assert set(stood["RUS"]) <= {"yes", "no", "abstain", "not known"}
    assert stood.loc["ILO-GB355-BLR", ["RUS", "CHN"]].tolist() == ["no", "no"]
    assert stood.loc["ILO-GB344-RUS-RES", ["RUS", "CHN"]].tolist() == ["no", "no"]
    # GB.353: China for the Russian Federation's amendments; Russia not named.
    assert stood.loc["ILO-GB353-RUS-AMDT", ["RUS", "CHN"]].tolist() == ["not known", "yes"]
    assert "amendments" in stood.loc["ILO-GB353-RUS-AMDT", "motion"]
    # positions.csv by hand: 14 votes name Russia or China; Russia 12 times no, China
    # 13 times no and once yes.
    known = (stood["RUS"] != "not known") | (stood["CHN"] != "not known")
    assert int(known.sum()) == 14
    assert (stood["RUS"] == "no").sum() == 12
    assert (stood["CHN"] == "no").sum() == 13 and (stood["CHN"] == "yes").sum() == 1

    summary = nb.frame("summary").set_index("member_id")
    assert list(summary.index[:2]) == ["CHN", "RUS"]
    assert summary.loc["CHN", ["yes", "no", "not_known"]].tolist() == [1, 13, 4]
    assert summary.loc["RUS", ["no", "not_known"]].tolist() == [12, 6]
    assert summary.loc["USA", "member"] == "United States"

    known_counts = nb.frame("known").set_index("vote_id")
    assert known_counts.loc[
        "ILO-GB355-BLR", ["named_yes", "named_no", "named_abstain", "unattributed_yes"]
    ].tolist() == [0, 2, 0, 40]

    motion = nb.frame("motion").set_index("vote_id")
    assert "ILO-GB353-RUS-AMDT" in motion.index
    units = dict(zip(nb.frame("units")["body"], nb.frame("units")["voter_unit"], strict=True))
    assert units["ILO-ILC"] == "delegate" and units["IAEA-BoG"] == "state"

    statements = nb.frame("statements")
    assert len(statements) == 10  # statements.csv: 10 rows, all GB.355

    iaea = nb.frame("iaea").set_index("vote_id")
    # Only the votes the Board held: nothing in 2021 or 2023, no "June 2020 · Ukraine".
    assert set(iaea.index) == IAEA_VOTES
    assert (iaea["RUS"] == "no").sum() == 9 and (iaea["CHN"] == "no").sum() == 9
    assert iaea.loc["IAEA-BOG-2022-11-IRN", ["RUS", "CHN"]].tolist() == ["not known"] * 2


def check_03(nb: Ran) -> None:
    assert nb.text("workbook") == "'votes-as-kept.xlsx'"
    first = nb.text("first_try")
    assert "sheet 'GB.353-355'" in first and "'Washington'" in first
    assert "'Washington' -> USA" in nb.text("guess")

    # positions.csv: GB.353 names China and Sudan for the amendments, the United States
    # ("Washington" in the workbook), Brazil, India, Bangladesh and Senegal abstaining;
    # GB.355 names Russia and China against.
    french = nb.frame("french")
    assert sorted(zip(french["vote_id"], french["member_id"], french["position"], strict=True)) == [
        ("ILO-GB353-RUS-AMDT", "BGD", "abstain"),
        ("ILO-GB353-RUS-AMDT", "BRA", "abstain"),
        ("ILO-GB353-RUS-AMDT", "CHN", "yes"),
        ("ILO-GB353-RUS-AMDT", "IND", "abstain"),
        ("ILO-GB353-RUS-AMDT", "SDN", "yes"),
        ("ILO-GB353-RUS-AMDT", "SEN", "abstain"),
        ("ILO-GB353-RUS-AMDT", "USA", "abstain"),
        ("ILO-GB355-BLR", "CHN", "no"),
        ("ILO-GB355-BLR", "RUS", "no"),
    ]
    assert french.set_index("member_id").loc["USA", "member"] == "Washington"

    # positions.csv by hand: 14 + 7 + 2 + 9 + 35 + 3 = 70 rows on the workbook's six votes.
    assert nb.text("checked").startswith("70 positions read; the bundled data has 70")
    assert nb.text("checked").strip().endswith("identical")
    assert set(nb.frame("workbook_votes")["vote_id"]) == {
        "ILO-GB344-RUS-RES",
        "ILO-GB353-RUS-AMDT",
        "ILO-GB355-BLR",
        "IAEA-BOG-2022-03-UKR",
        "IAEA-BOG-2024-11-IRN",
        "IAEA-BOG-2025-06-IRN",
    }
    assert nb.images("tally_chart") == 1
    assert "read back: every table identical" in nb.text("excel")

    # The Reuters text itself: Russia and China against; Pakistan, India, South Africa,
    # Senegal and Vietnam abstained; Mexico and Burundi absent.
    press = nb.frame("press")
    assert dict(zip(press["member_id"], press["position"], strict=True)) == {
        "RUS": "no",
        "CHN": "no",
        "PAK": "abstain",
        "IND": "abstain",
        "ZAF": "abstain",
        "SEN": "abstain",
        "VNM": "abstain",
        "MEX": "absent",
        "BDI": "absent",
    }
    assert "9 members named; same as the bundled data: True" in nb.text("pressed")
    assert nb.images("pressed") == 1


def check_04(nb: Ran) -> None:
    # data/external/unga/SOURCE.md: 6,203 roll calls, 870,109 positions; undl/SOURCE.md: 492
    # records from 2020, each listing 193 members, one of them (A/RES/74/267) also in
    # Voeten's: 6,203 + 491 = 6,694 votes, 870,109 + 491 x 193 = 964,872 positions.
    assert "votes=6694, positions=964872" in nb.text("record")
    # ga_votes_2020_2025.csv.gz by hand: after the opening of session 80 (9 September 2025)
    # three votes: A/DEC/80/506, A/RES/80/1, A/RES/80/4.
    per_session = nb.frame("sessions")
    assert int(per_session.iloc[-1, 0]) == 3 and str(per_session.index[-1]) == "80"
    # un_votes.csv.gz by hand: RUS votes 71 times in session 46 (all before 24 December
    # 1991: the USSR) and 74 times in session 47 (the Russian Federation).
    ussr = nb.frame("ussr")
    assert {str(k): int(v) for k, v in ussr.iloc[:, 0].items()} == {"USSR": 71, "Russia": 74}

    assert "absences left out" in nb.text("caption")
    assert nb.images("alignment_chart") == 1
    # ga_votes_2020_2025.csv.gz by hand: in session 79 (10 September 2024 - 8 September 2025,
    # 118 votes) Russia and China both voted Y, N or A on 117 and alike on 84: 0.718.
    measures = nb.frame("measures").set_index("measure")
    assert list(measures.index) == [
        "percent",
        "lijphart",
        "s_abs",
        "s_sq",
        "kappa",
        "pi",
        "coincidence",
    ]
    assert measures.loc["percent", "votes counted"] == 117
    assert measures.loc["percent", "value"] == pytest.approx(84 / 117)
    closest = nb.frame("closest")
    assert len(closest) == 20 and closest["value"].notna().all()
    assert closest["value"].is_monotonic_decreasing
    assert closest.set_index("member_id").loc["CHN", "value"] == pytest.approx(84 / 117)

    # ga_votes_2020_2025.csv.gz by hand: 193 members listed in session 79, 191 of them with
    # a Y, N or A (Afghanistan and Venezuela only "X"); blocs plus the left-out list hold
    # each of the 191 once.
    blocs = nb.text("blocs")
    listed = re.findall(r"\b[A-Z]{3}\b", blocs)
    assert len(listed) == len(set(listed)) == 191
    assert "AFG" not in listed and "VEN" not in listed

    # un_regional_groups.csv: five groups; session 79 has 118 votes.
    cohesion = nb.frame("cohesion").set_index("group")
    assert set(cohesion.index) == {"AFRICAN", "APG", "EEG", "GRULAC", "WEOG"}
    assert (cohesion["n_votes"] == 118).all()
    assert cohesion["agreement"].between(0, 1).all()
    # Session 63 has two roll calls after BRICS' first summit (2009-06-16), by hand; session
    # 74: 91 roll calls in un_roll_calls.csv.gz and 5 later UN Digital Library votes
    # (A/RES/74/300-302, 306, 307; 74/267 is in both and counted once).
    brics = nb.frame("brics").set_index("session")
    brics.index = brics.index.astype(str)
    assert brics.loc["63", "n_votes"] == 2 and brics.loc["74", "n_votes"] == 96
    assert brics.loc["79", "n_votes"] == 118
    p5 = nb.frame("p5")
    assert list(p5.columns) == ["CHN", "FRA", "GBR", "RUS", "USA"]
    assert [str(s) for s in p5.index] == [str(s) for s in range(70, 80)]

    # votes.csv and positions.csv: 18 votes and 5 ballots, 129 positions.
    assert "18 votes (and 5 ballots), 129 named positions" in nb.text("gb")
    # positions.csv by hand: Russia and China are both named on 12 votes, always alike.
    scored = nb.frame("scored")
    assert scored[["member_a", "member_b", "n_votes"]].values.tolist() == [["CHN", "RUS", 12]]
    assert scored["value"].tolist() == [1.0]
    assert nb.frame("pairs")["n_votes"].max() == 12


def check_05(nb: Ran) -> None:
    # data/external/undl/SOURCE.md and ga_votes_2020_2025.csv.gz by hand: session 79 holds
    # 118 votes; session 80 three (A/DEC/80/506, A/RES/80/1, A/RES/80/4 of 2025-10-29).
    sessions = nb.frame("sessions")
    sessions.index = sessions.index.astype(str)
    assert list(sessions.index) == ["78", "79", "80"]
    assert sessions.loc["79", "size"] == 118 and sessions.loc["80", "size"] == 3
    assert str(sessions.loc["80", "max"])[:10] == "2025-10-29"
    # 80 sessions; session 19 (1964-65) had one roll call (un_roll_calls.csv.gz) and session
    # 80 three votes, fewer than the 10 a member needs: no estimate for either.
    assert nb.text("scaling").splitlines()[-2].startswith("78 sessions;")
    assert nb.images("scaling") == 1

    for name, first in (("scaling_ranks", 60), ("ordinal_ranks", 64)):
        ranks = nb.frame(name)
        assert list(ranks.index) == list(range(first, 80))
        assert list(ranks.columns) == ["RUS", "CHN", "USA", "BRA", "IND", "ZAF"]
        # The United States holds the positive end, as the text says.
        assert (ranks["USA"] >= 0.99).all()
        # "Session 71 (2016-17) is the exception in both methods": Russia in the lower part.
        assert ranks.loc[71, "RUS"] < 0.5 < ranks.loc[70, "RUS"]
        # "From session 77 ... the Russian Federation is at the far end of the line".
        assert (ranks.loc[77:79, "RUS"] < 0.35).all()
        # Brazil "falls back in sessions 78 and 79".
        assert ranks.loc[78, "BRA"] < ranks.loc[77, "BRA"] > ranks.loc[79, "BRA"]
    assert (nb.frame("ordinal_ranks").loc[76:79, "RUS"] < 0.25).all()
    assert nb.images("ordinal_79") == 1

    crimea = nb.frame("crimea").set_index("document")
    assert list(crimea.index) == [
        "R/68/262",
        "A/RES/71/205",
        "R/73/194",
        "A/RES/74/17",
        "A/RES/74/168",
        "A/RES/ES-11/1",
        "A/RES/ES-11/4",
        "A/RES/ES-11/6",
    ]
    # Resolution 68/262, 27 March 2014 (UN Watch's list of the vote): Russia against; Brazil,
    # China, India and South Africa abstained.
    assert crimea.loc["R/68/262", ["RUS", "CHN", "BRA", "IND", "ZAF"]].tolist() == [
        "no",
        "abstain",
        "abstain",
        "abstain",
        "abstain",
    ]
    assert str(crimea.loc["R/68/262", "date"])[:10] == "2014-03-27"
    # ga_votes_2020_2025.csv.gz by hand, ES-11/1, ES-11/4 and ES-11/6 alike: RUS N, USA Y,
    # BRA Y, CHN A, IND A, ZAF A.
    for doc in ("A/RES/ES-11/1", "A/RES/ES-11/4", "A/RES/ES-11/6"):
        assert crimea.loc[doc, ["RUS", "USA", "BRA", "CHN", "IND", "ZAF"]].tolist() == [
            "no",
            "yes",
            "yes",
            "abstain",
            "abstain",
            "abstain",
        ]
    # "The Russian Federation voted no on every one of the Ukraine and Crimea texts."
    assert set(crimea["RUS"]) == {"no"}

    before_after = nb.frame("before_after")
    assert (before_after.loc["USA"] == 1.0).all()
    # "Brazil rises towards the United States" in both methods.
    assert before_after.loc["BRA", "scaling 69-74"] > before_after.loc["BRA", "scaling 64-67"]
    assert before_after.loc["BRA", "ordinal 69-74"] > before_after.loc["BRA", "ordinal 64-67"]
    # Russia after 2022 further from the United States than before, in both methods.
    assert before_after.loc["RUS", "scaling 76-79"] < before_after.loc["RUS", "scaling 69-74"]
    assert before_after.loc["RUS", "ordinal 76-79"] < before_after.loc["RUS", "ordinal 69-74"]


def check_06(nb: Ran) -> None:
    assert "votes=23" in nb.text("loaded")
    controls = nb.cells["controls"].outputs
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in controls)
    assert "Dropdown(description='Body'" in nb.text("controls")
    assert nb.images("iaea_chart") == 1
    # votes.csv: the IAEA Board votes from June 2022 to November 2025 are eight.
    selection = nb.frame("selection").set_index("vote_id")
    assert set(selection.index) == IAEA_VOTES - {"IAEA-BOG-2020-06-IRN", "IAEA-BOG-2022-03-UKR"}
    assert selection.loc["IAEA-BOG-2022-06-IRN", ["yes", "no", "abstain"]].tolist() == [30, 2, 3]
    assert re.match(r"wrote \.\./reports/figures/report\.html \(\d+ KB\)", nb.text("report"))


def check_07(nb: Ran) -> None:
    # Votes of 2020-2025: votes.csv by hand (10 IAEA Board, 5 Governing Body rows with the
    # two 2022 Director-General ballots, 2 Conference, 1 Conference committee);
    # data/external/undl/SOURCE.md: 492 General Assembly records from 2020;
    # all-vote-data.csv.gz by hand: 58 + 116 + 75 + 66 + 56 = 371 Council votes 2020-2024.
    loaded = nb.frame("loaded").iloc[:, 0].to_dict()
    assert {k: loaded[k] for k in ("IAEA-BoG", "ILO-GB", "ILO-ILC", "UNGA", "UNHRC")} == {
        "IAEA-BoG": 10,
        "ILO-GB": 5,
        "ILO-ILC": 2,
        "UNGA": 492,
        "UNHRC": 371,
    }
    # all-vote-data.csv.gz, 2020-2024, Summary mentioning one of the five words: 78 (grep);
    # every IAEA Board vote since 2020 is on Iran or Ukraine (votes.csv).
    topics = nb.frame("topics").iloc[:, 0].to_dict()
    assert topics["UNHRC"] == 78 and topics["IAEA-BoG"] == 10

    # data/external/undl/SOURCE.md: eight ES-11 votes; ES-11/1 141-5-35, ES-11/3 93-24-58.
    # ABC and The London Economic (pressreleases 005, 006): Russia against ES-11/1, China
    # among the abstentions; TASS (015): China among the 24 against ES-11/3.
    es11 = nb.frame("ga_es11").set_index("document")
    assert len(es11) == 8 and (es11["RUS"] == "no").all() and (es11["BLR"] == "no").all()
    assert es11.loc["A/RES/ES-11/1", ["yes", "no", "abstain", "CHN"]].tolist() == [
        141,
        5,
        35,
        "abstain",
    ]
    assert es11.loc["A/RES/ES-11/3", ["yes", "no", "abstain", "CHN"]].tolist() == [93, 24, 58, "no"]
    # ga_votes_2020_2025.csv.gz by hand: China "N" on ES-11/3 and ES-11/5 only, "A" on the rest.
    assert sorted(es11.index[es11["CHN"] == "no"]) == ["A/RES/ES-11/3", "A/RES/ES-11/5"]
    assert (es11["CHN"] == "abstain").sum() == 6
    # ga_votes_2020_2025.csv.gz by hand: 49 votes whose title names one of the five
    # countries; Russia/China: no/no 21, yes/yes 20, no/abstain 6, abstain/abstain 2.
    ga = nb.frame("ga_topics")
    assert int(ga.to_numpy().sum()) == 49
    assert ga.loc["no", "no"] == 21 and ga.loc["yes", "yes"] == 20
    assert ga.loc["no", "abstain"] == 6 and ga.loc["abstain", "abstain"] == 2

    # veto_list_parsed.csv.gz: S/2022/155 "Russian Federation"; S/2022/431 "China" and
    # "Russian Federation".
    vetoes = nb.frame("vetoes")
    v155 = vetoes[vetoes["vote_id"] == "S/2022/155"]
    assert v155["member_id"].tolist() == ["RUS"] and not v155["joint"].any()
    v431 = vetoes[vetoes["vote_id"] == "S/2022/431"]
    assert sorted(v431["member_id"]) == ["CHN", "RUS"] and v431["joint"].all()
    assert set(vetoes["member_id"]) == {"RUS", "CHN"}
    assert vetoes["date"].astype("str").between("2020", "2026").all()
    # sc_voting_from_xlsx.csv.gz, S/2022/155: 11 Yes, Russia No, China, India, UAE Abstain.
    council = nb.frame("sc_votes").set_index("vote_id")
    assert council.loc["S/2022/155", ["yes", "no", "abstain", "result"]].tolist() == [
        11,
        1,
        3,
        "vetoed",
    ]
    assert council.loc["S/2022/155", ["RUS", "CHN", "USA"]].tolist() == ["no", "abstain", "yes"]
    assert nb.images("veto_chart") == 1

    # hrc_votes_long.csv.gz by hand: rows for RUS in 2021 and 2022, none in 2020, 2023, 2024;
    # CHN in 2021-2024 but not 2020.
    years = nb.frame("hrc_years")
    years.index = years.index.astype(str)
    assert "2020" not in years.index or years.loc["2020", "RUS"] == 0
    assert [years.loc[y, "RUS"] for y in ("2021", "2022", "2023", "2024")] == [1, 1, 0, 0]
    assert [years.loc[y, "CHN"] for y in ("2021", "2022", "2023", "2024")] == [1, 1, 1, 1]
    # A/HRC/RES/49/1 (4 March 2022), by hand: Y 32, N 2, A 13; RUS N, CHN A, USA Y.
    hrc = nb.frame("hrc_votes").set_index("vote_id")
    assert len(hrc) == 78
    assert hrc.loc["A/HRC/RES/49/1", ["yes", "no", "abstain"]].tolist() == [32, 2, 13]
    assert hrc.loc["A/HRC/RES/49/1", ["RUS", "CHN", "USA"]].tolist() == ["no", "abstain", "yes"]
    year = hrc["date"].astype("str").str[:4]
    assert (hrc.loc[year.isin(["2020", "2023", "2024"]), "RUS"] == "not a member").all()
    assert (hrc.loc[year == "2020", "CHN"] == "not a member").all()
    # On the 2022 list but not on this vote's: not known, never "not a member".
    assert hrc.loc["A/HRC/RES/50/19", "RUS"] == "not known"
    # Russia's last row in hrc_votes_long.csv.gz is of 2022-04-01; 75 votes in 2022, 20 of
    # them with a vote of Russia.
    last = nb.text("hrc_last")
    assert last.startswith("last vote: 2022-04-01 ")
    assert re.search(r"not known\s+55\b", last) and "not a member" not in last

    # devdiscourse (017): March 2022, 26-2-5, Russia and China against; Al Mayadeen (018):
    # June 2022 on Iran, 30-2-3, Russia and China against. November 2022 on Iran: no one named.
    iaea = nb.frame("iaea").set_index("vote_id")
    assert set(iaea.index) == IAEA_VOTES
    assert iaea.loc["IAEA-BOG-2022-03-UKR", ["yes", "no", "abstain", "RUS", "CHN"]].tolist() == [
        26,
        2,
        5,
        "no",
        "no",
    ]
    assert iaea.loc["IAEA-BOG-2022-06-IRN", ["yes", "no", "abstain", "RUS", "CHN"]].tolist() == [
        30,
        2,
        3,
        "no",
        "no",
    ]
    assert iaea.loc["IAEA-BOG-2022-11-IRN", ["RUS", "CHN"]].tolist() == ["not known"] * 2

    # Geneva Solutions (028): GB.344, 42-2-8; Salidarnast: GB.355 40-2-9, only Russia and China
    # named (against).
    ilo = nb.frame("ilo").set_index("vote_id")
    assert ilo.loc["ILO-GB344-RUS-RES", ["yes", "no", "abstain"]].tolist() == [42, 2, 8]
    gb355 = ilo.loc["ILO-GB355-BLR"]
    assert [gb355["yes"], gb355["no"], gb355["abstain"], gb355["named_no"]] == [40, 2, 9, 2]
    assert [gb355["unattributed_yes"], gb355["RUS"], gb355["CHN"]] == [40, "no", "no"]

    # hrc_votes_long.csv.gz by hand (awk): 2021, both voted on 116 votes and alike on 107;
    # 2022, on 20 and alike on 19. Russia and the United States in 2022: 20 common, 0 alike.
    together = nb.frame("agreement")
    together.index = together.index.astype(int)
    assert together.loc[2021, "UNHRC"] == pytest.approx(107 / 116, abs=0.005)
    assert together.loc[2022, "UNHRC"] == pytest.approx(19 / 20, abs=0.005)
    assert together["IAEA-BoG"].isna().all() and together["ILO-GB"].isna().all()
    with_us = nb.frame("alignment").reset_index()
    row = with_us[(with_us["body"] == "UNHRC") & (with_us["year"].astype(int) == 2022)]
    assert row["RUS"].tolist() == [0.0]

    # Coverage: data/external/undl/SOURCE.md, Russia in the GA from 2020: Y 292, N 131, A 69.
    # The Council 2020-2024 (raw, by hand): Russia named on 116 + 20 = 136 votes, not a member
    # on the 58 + 66 + 56 = 180 votes of 2020, 2023 and 2024, not known on the other 55.
    known = nb.frame("coverage").set_index(["body", "member_id"])
    assert known.loc[("UNGA", "RUS"), ["yes", "no", "abstain", "not_known"]].tolist() == [
        292,
        131,
        69,
        0,
    ]
    russia = known.loc[("UNHRC", "RUS")]
    assert int(russia["yes"] + russia["no"] + russia["abstain"]) == 136
    assert [russia["votes"], russia["not_member"], russia["not_known"]] == [371, 180, 55]
    assert known.loc[("ILO-ILC", "RUS"), "not_known"] == 2
    # sc_voting_from_xlsx.csv.gz lists the Russian Federation twice, with different votes, on
    # S/2020/797 and on S/2020/1054: its only two Council votes of 2020-2025 not known.
    assert known.loc[("UNSC", "RUS"), "not_known"] == 2
    assert known.loc[("UNSC", "CHN"), "not_known"] == 0


CHECKS: dict[str, Callable[[Ran], None]] = {
    "01-quickstart": check_01,
    "02-russia-china-opposition": check_02,
    "03-bring-your-own-spreadsheet": check_03,
    "04-agreement-and-blocs": check_04,
    "05-ideal-points": check_05,
    "06-explore": check_06,
    "07-across-bodies": check_07,
}


# --------------------------------------------------------------------------- the tests


def test_there_are_notebooks() -> None:
    names = [p.name for p in NOTEBOOKS]
    assert "01-quickstart.ipynb" in names
    assert "02-russia-china-opposition.ipynb" in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_stored_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: clear outputs before committing"
            assert cell.execution_count is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_section_has_a_checked_story_cell(path: Path) -> None:
    assert path.stem in CHECKS, f"{path.name} has no content checks"
    for heading, cells in _sections(path):
        if cells:
            assert any(_tags(c) for c in cells), f"{path.name}, {heading}: no story cell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_cells_use_public_names_and_plain_pandas(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert not re.search(r"from voteanalysis\.\w+ import|voteanalysis\.\w+\.", code)
    assert "observed=False" not in code and ".apply(lambda" not in code


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_tells_what_is_true(path: Path) -> None:
    ran = _run(path)
    nb = nbformat.read(path, as_version=4)
    tags = {t.split(":", 1)[1] for c in nb.cells for t in _tags(c)}
    assert set(ran.cells) == tags
    CHECKS[path.stem](ran)
