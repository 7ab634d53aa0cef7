"""The one schema of the kit's tables.

Everything that describes the tables is generated from here: the Frictionless
``datapackage.json`` descriptor, the ``data/README.md`` data dictionary, the
dtypes the loader applies and the checks the validator runs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = [
    "BODIES",
    "CONFIDENCE",
    "CONSTITUENCIES",
    "METHODS",
    "POSITIONS",
    "POSITION_DTYPE",
    "TABLES",
    "Field",
    "Table",
    "data_dictionary",
    "datapackage",
    "write_docs",
]

#: Positions, in this order everywhere (an ordered categorical).
POSITIONS: tuple[str, ...] = ("yes", "no", "abstain", "absent", "not_voting", "ineligible")
POSITION_DTYPE = pd.CategoricalDtype(list(POSITIONS), ordered=True)

#: Positions that are published as totals on a vote.
TOTAL_COLUMNS: tuple[str, ...] = ("yes", "no", "abstain", "not_voting")

CONSTITUENCIES: tuple[str, ...] = ("government", "employer", "worker", "state")
METHODS: tuple[str, ...] = (
    "recorded vote",
    "roll call",
    "show of hands",
    "secret ballot",
    "electronic vote",
    "vote (type not stated)",
    "consensus",
)
CONFIDENCE: tuple[str, ...] = ("high", "medium", "low")
BODIES: dict[str, str] = {
    "ILO-GB": "ILO Governing Body (56 titular seats: 28 government, 14 employer, 14 worker)",
    "ILO-ILC": "International Labour Conference (votes are counted per delegate, not per state)",
    "ILO-ILC-COMMITTEE": "A committee of the International Labour Conference",
    "IAEA-BoG": "IAEA Board of Governors (35 member states)",
    "UNGA": "United Nations General Assembly",
    "UNHRC": "UN Human Rights Council (47 member states)",
    "UNSC": "UN Security Council (15 members)",
    "WHA": "World Health Assembly (WHO member states)",
    "IAEA-GC": "IAEA General Conference (all IAEA member states)",
}

DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


@dataclass(frozen=True)
class Field:
    """One column of a table."""

    name: str
    type: str  # Frictionless type: string, integer, number, boolean, date
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None
    ordered: bool = False
    pattern: str | None = None
    minimum: int | None = None

    def descriptor(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type}
        out["description"] = self.description
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum is not None:
            if self.ordered:
                out["categories"] = list(self.enum)
                out["categoriesOrdered"] = True
            constraints["enum"] = list(self.enum)
        if self.pattern is not None:
            constraints["pattern"] = self.pattern
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class Table:
    """One table of the dataset: its fields, keys and purpose."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    optional: bool = True
    sources: tuple[dict[str, str], ...] = field(default=())

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def required_columns(self) -> list[str]:
        return [f.name for f in self.fields if f.required]

    def get(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def resource(self, path: str) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "fields": [f.descriptor() for f in self.fields],
            "primaryKey": list(self.primary_key),
            "missingValues": [""],
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(cols), "reference": {"resource": res, "fields": list(ref)}}
                for cols, res, ref in self.foreign_keys
            ]
        return {
            "name": self.name,
            "type": "table",
            "path": path,
            "scheme": "file",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "title": self.title,
            "description": self.description,
            "schema": schema,
        }


_SOURCE_URL = Field("source_url", "string", "Where the fact was read (a web address).")
_SOURCE_QUOTE = Field(
    "source_quote", "string", "The words of the source that state the fact, quoted."
)
_NOTES = Field("notes", "string", "Caveats, other sources, and where sources disagree.")
_VOTE_ID = Field("vote_id", "string", "Identifier of the vote (see `votes`).", required=True)


def _count(name: str, what: str) -> Field:
    return Field(name, "integer", what, minimum=0)


VOTES = Table(
    "votes",
    "Votes",
    "One row per vote (a decision put to the members, or one ballot of an election), "
    "with the totals the source publishes. Empty totals mean not published, not zero.",
    (
        _VOTE_ID,
        Field("body", "string", "The voting body.", required=True, enum=tuple(BODIES)),
        Field("session", "string", "Session as the body numbers it, e.g. `GB.355`."),
        Field(
            "date",
            "string",
            "ISO date; `YYYY-MM` or `YYYY` when that is all the source gives.",
            pattern=DATE_PATTERN,
        ),
        Field("title", "string", "What was voted on.", required=True),
        Field("subject", "string", "Country or topic the vote concerns, e.g. `Belarus`."),
        Field("document", "string", "Document symbol, when known."),
        Field(
            "kind",
            "string",
            "What the vote decides.",
            required=True,
            enum=("resolution", "decision", "amendment", "procedural", "election"),
        ),
        Field(
            "motion",
            "string",
            "What a `yes` means on this vote, when it is not simply 'for the text'.",
        ),
        Field("method", "string", "How the vote was taken.", enum=METHODS),
        Field(
            "result",
            "string",
            "Outcome as published. `vetoed`: not adopted because a permanent member of "
            "the UN Security Council voted against.",
            enum=("adopted", "rejected", "vetoed", "elected", "adopted without a vote"),
        ),
        _count("yes", "Published number of votes in favour."),
        _count("no", "Published number of votes against."),
        _count("abstain", "Published number of abstentions."),
        _count(
            "not_voting",
            "Published number of members present or seated who did not vote "
            "(absent or not participating).",
        ),
        _count(
            "seats",
            "How many seats or delegates could vote, when sourced or fixed by the "
            "body's constitution.",
        ),
        Field(
            "voter_unit",
            "string",
            "What one vote counts: a member state, a Governing Body "
            "seat, or a Conference delegate.",
            enum=("state", "seat", "delegate"),
        ),
        replace(_SOURCE_URL, required=True),
        replace(_SOURCE_QUOTE, required=True),
        Field(
            "confidence",
            "string",
            "How well the totals are sourced: `high` (several "
            "agreeing sources or an official record), `medium` (one source), `low` "
            "(sources disagree or the wording is loose).",
            enum=CONFIDENCE,
            ordered=True,
        ),
        _NOTES,
    ),
    primary_key=("vote_id",),
    optional=False,
)

POSITIONS_TABLE = Table(
    "positions",
    "Named positions",
    "One row per member whose position on a vote a source names. Members not listed "
    "are not known; they are not assumed to have voted any way.",
    (
        _VOTE_ID,
        Field(
            "member_id",
            "string",
            "ISO 3166-1 alpha-3 code for a state; a stable id of our "
            "own for historical states and non-state members.",
            required=True,
        ),
        Field("member", "string", "The member as the source writes it.", required=True),
        Field(
            "constituency",
            "string",
            "Group of the member in a tripartite body, or `state`.",
            enum=CONSTITUENCIES,
        ),
        Field(
            "position",
            "string",
            "How the member voted.",
            required=True,
            enum=POSITIONS,
            ordered=True,
        ),
        replace(_SOURCE_URL, required=True),
        replace(_SOURCE_QUOTE, required=True),
        _NOTES,
    ),
    primary_key=("vote_id", "member_id"),
    foreign_keys=((("vote_id",), "votes", ("vote_id",)),),
    optional=False,
)

GROUP_TALLIES = Table(
    "group_tallies",
    "Published counts per constituency",
    "Counts a source publishes per constituency (government / employer / worker) "
    "when the members are not named.",
    (
        _VOTE_ID,
        Field(
            "constituency",
            "string",
            "The constituency counted.",
            required=True,
            enum=CONSTITUENCIES,
        ),
        Field(
            "position",
            "string",
            "The position counted.",
            required=True,
            enum=POSITIONS,
            ordered=True,
        ),
        _count("count", "How many members of the constituency took that position."),
        replace(_SOURCE_URL, required=True),
        _SOURCE_QUOTE,
        Field(
            "confidence", "string", "How well sourced the count is.", enum=CONFIDENCE, ordered=True
        ),
        _NOTES,
    ),
    primary_key=("vote_id", "constituency", "position"),
    foreign_keys=((("vote_id",), "votes", ("vote_id",)),),
)

MEMBERS = Table(
    "members",
    "Composition",
    "Who sat on a body in a term, as far as sources say.",
    (
        Field("body", "string", "The body.", required=True, enum=tuple(BODIES)),
        Field("term", "string", "Term of office, e.g. `2024-2027`.", required=True),
        Field(
            "member_id",
            "string",
            "ISO3 for a state, our own id for a person or group.",
            required=True,
        ),
        Field("name", "string", "Name as the source writes it.", required=True),
        Field(
            "constituency",
            "string",
            "Government / employer / worker, or state.",
            enum=CONSTITUENCIES,
        ),
        Field(
            "seat",
            "string",
            "Kind of seat: `titular`, `deputy`, `permanent` (titular seat "
            "of chief industrial importance), `elected` (seat type not stated), or an office.",
            enum=("permanent", "titular", "deputy", "elected", "officer"),
        ),
        Field("region", "string", "Electoral region as the source gives it."),
        Field("country", "string", "Country of a person (employer or worker member)."),
        replace(_SOURCE_URL, required=True),
        _SOURCE_QUOTE,
        _NOTES,
    ),
    primary_key=("body", "term", "member_id", "seat"),
)

STATEMENTS = Table(
    "statements",
    "Statements in the debate",
    "Who spoke for or against a text and on whose behalf. A statement is not a vote.",
    (
        Field("statement_id", "string", "Identifier of the statement.", required=True),
        Field("vote_id", "string", "The vote the debate led to, when there was one."),
        Field("body", "string", "The body.", required=True, enum=tuple(BODIES)),
        Field("session", "string", "Session."),
        Field("speaker_id", "string", "ISO3 of the speaking state, or an id of a group."),
        Field("speaker", "string", "Speaker as the source writes it.", required=True),
        Field("on_behalf_of", "string", "Whom the speaker spoke for, as the source says."),
        Field(
            "stance",
            "string",
            "Stance on the text or on what the source says it was about.",
            required=True,
            enum=("support", "oppose", "other"),
        ),
        Field("about", "string", "What the stance concerned, when narrower than the text."),
        replace(_SOURCE_URL, required=True),
        replace(_SOURCE_QUOTE, required=True),
        _NOTES,
    ),
    primary_key=("statement_id",),
    foreign_keys=((("vote_id",), "votes", ("vote_id",)),),
)

ELECTIONS = Table(
    "elections",
    "Election ballots",
    "Candidates and their vote counts in each ballot of an election. A ballot is not a "
    "for/against vote: the matching `votes` row has kind `election` and no totals.",
    (
        _VOTE_ID,
        _count("round", "Ballot number, when sourced."),
        Field("candidate", "string", "Candidate's name.", required=True),
        Field("candidate_country", "string", "Candidate's nationality."),
        _count("votes", "Votes the candidate received in this ballot."),
        Field("elected", "boolean", "Whether this ballot elected the candidate."),
        replace(_SOURCE_URL, required=True),
        _SOURCE_QUOTE,
        _NOTES,
    ),
    primary_key=("vote_id", "candidate"),
    foreign_keys=((("vote_id",), "votes", ("vote_id",)),),
)

#: All tables, in the order they are loaded and documented.
TABLES: dict[str, Table] = {
    t.name: t for t in (VOTES, POSITIONS_TABLE, GROUP_TALLIES, MEMBERS, STATEMENTS, ELECTIONS)
}

DATASET_SOURCES: list[dict[str, str]] = [
    {
        "title": "Sourced research on ILO Governing Body, ILO Conference and IAEA Board votes "
        "(news, ILO, EEAS and NGO pages; every row names its own page)",
        "path": "data/SOURCES.md",
    },
    {
        "title": "Salidarnast: 'Now authorities accuse ILO itself' (ILO GB.355 vote on Belarus)",
        "path": "https://www.salidarnast.info/post/now-authorities-accuse-ilo-itself",
    },
]


def datapackage() -> dict[str, Any]:
    """Return the Frictionless v2 descriptor of the bundled dataset."""
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "voteanalysis-governing-bodies",
        "title": "Recorded votes in the governing bodies of international organisations",
        "description": (
            "Votes of the ILO Governing Body, the International Labour Conference and the "
            "IAEA Board of Governors, with every total and named position taken from a "
            "quoted source. Positions not named by a source are unknown, not guessed."
        ),
        "version": "0.1.0",
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0 (our compilation; the facts "
                "belong to no one, the quotes to their sources)",
            }
        ],
        "sources": DATASET_SOURCES,
        "resources": [t.resource(f"{t.name}.csv") for t in TABLES.values()],
    }


def datapackage_json() -> str:
    """The descriptor as the text committed to ``data/datapackage.json``."""
    return json.dumps(datapackage(), indent=2, ensure_ascii=False) + "\n"


def data_dictionary() -> str:
    """Return the Markdown data dictionary committed as ``data/README.md``."""
    lines = [
        "# Data dictionary",
        "",
        "Generated from `src/voteanalysis/schema.py` by `make datapackage`; do not edit by hand.",
        "`datapackage.json` in this folder describes the same tables for Frictionless tools.",
        "Where the data come from, and what is known to be missing or contradictory, is in",
        "[`SOURCES.md`](SOURCES.md).",
        "",
        "Positions are one ordered category everywhere: "
        + ", ".join(f"`{p}`" for p in POSITIONS)
        + ".",
        "An empty cell means *not published* or *not known*; it never means zero.",
        "",
        "Bodies:",
        "",
    ]
    lines += [f"- `{k}`: {v}" for k, v in BODIES.items()]
    for table in TABLES.values():
        lines += ["", f"## `{table.name}.csv` — {table.title}", "", table.description, ""]
        lines.append(f"Primary key: {', '.join(f'`{c}`' for c in table.primary_key)}.")
        for cols, res, ref in table.foreign_keys:
            lines.append(f"Foreign key: {', '.join(cols)} → `{res}.{', '.join(ref)}`.")
        lines.append("Optional table." if table.optional else "Required table.")
        lines += [
            "",
            "| column | type | required | allowed values | description |",
            "|---|---|---|---|---|",
        ]
        for f in table.fields:
            allowed = ", ".join(f"`{v}`" for v in f.enum) if f.enum else ""
            if f.pattern and not allowed:
                allowed = "YYYY, YYYY-MM or YYYY-MM-DD" if f.pattern == DATE_PATTERN else ""
            if f.minimum is not None and not allowed:
                allowed = f">= {f.minimum}"
            req = "yes" if f.required else ""
            lines.append(f"| `{f.name}` | {f.type} | {req} | {allowed} | {f.description} |")
    return "\n".join(lines) + "\n"


def write_docs(folder: str | Path) -> list[Path]:
    """Write ``datapackage.json`` and ``README.md`` for the tables into ``folder``."""
    out = Path(folder)
    written = [out / "datapackage.json", out / "README.md"]
    written[0].write_text(datapackage_json(), encoding="utf-8")
    written[1].write_text(data_dictionary(), encoding="utf-8")
    return written


if __name__ == "__main__":
    import sys

    print(*write_docs(sys.argv[1] if len(sys.argv) > 1 else "data"))


def body_name(body: str) -> str:
    """Short name of a body, from its description (``"ILO Governing Body"``).

    >>> body_name("ILO-GB"), body_name("XYZ")
    ('ILO Governing Body', 'XYZ')
    """
    return BODIES.get(body, body).split(" (")[0]
