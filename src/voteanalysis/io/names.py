"""Member names: one id per member, whatever language or form a source writes it in.

States get their ISO 3166-1 alpha-3 code. Former members whose territory no present
member has alone get the ISO 3166-3 alpha-3 code where one exists (``SUN``, ``YUG``,
``SCG``, ``CSK``, ``DDR``, ``YMD``) and otherwise an id of our own from the range ISO
keeps for user assignment, which it never gives to a country: ``XFG`` (Federal Republic
of Germany before 1990), ``XYA`` (Yemen Arab Republic), ``XZA`` (Zanzibar), ``XTG``
(Tanganyika), ``XUA`` (United Arab Republic), ``XMA`` (Federation of Malaya).
``data/names/SOURCE.md`` says where every table comes from.

Names are compared after folding case, accents, punctuation and spacing, dropping the
words "the" and "and", reading "St" as "Saint" and stripping footnote markers, so
"Côte d’Ivoire", "Cote d'Ivoire" and "COTE D IVOIRE*" are one name.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..arguments import check_choice, renamed_arguments
from ..errors import Problem, VoteDataError
from .paths import data_dir

__all__ = [
    "AMBIGUOUS_NAMES",
    "ILO_REGIONS",
    "UN_REGIONAL_GROUPS",
    "NameMatch",
    "best_guess",
    "closest_description",
    "lookup",
    "match_names",
    "member_id",
    "member_ids",
    "member_names",
    "members_table",
    "name_at",
    "normalize",
    "regions",
    "suggest",
    "usual_name",
]

#: UN regional groups, by code, with the names the UN uses.
UN_REGIONAL_GROUPS: dict[str, str] = {
    "AFRICAN": "African States",
    "APG": "Asia-Pacific States",
    "EEG": "Eastern European States",
    "GRULAC": "Latin American and Caribbean States",
    "WEOG": "Western European and other States",
}
#: The four ILO regions whose governments elect the Governing Body's government members.
ILO_REGIONS: tuple[str, ...] = (
    "Africa",
    "Americas",
    "Asia and the Pacific",
    "Europe and Central Asia",
)

#: Names people write for more than one member (folded as :func:`normalize` folds
#: them), with the members each can mean. "Congo" and "Guinea" are the UN short names
#: of COG and GIN, but in a table someone typed they as often mean the Democratic
#: Republic of the Congo or Guinea-Bissau; the readers of users' tables refuse them
#: with the candidates (settle one with ``members={"Congo": "COD"}``).
AMBIGUOUS_NAMES: dict[str, tuple[str, ...]] = {
    "korea": ("KOR", "PRK"),
    "congo": ("COG", "COD"),
    "guinea": ("GIN", "GNB", "GNQ"),
    "virginislands": ("VGB", "VIR"),
}

#: Unknown names in one call for which the closest known names are searched and shown.
MAX_SUGGESTED = 25

#: How close (difflib ratio of the folded names) a suggestion must be to be accepted.
ACCEPT_RATIO = 0.8

_FOOTNOTE = re.compile(r"(?:\s*(?:\[[^\]]{1,3}\]|\(\d{1,2}\)|[*†‡§#]+|\d{1,3}))+\s*$")
_APOSTROPHES = str.maketrans("", "", "'’‘`´ʼ")
_DROPPED = frozenset({"the", "and"})
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}
_ID = re.compile(r"^[A-Z]{3}$")


def name_tokens(name: str) -> list[str]:
    """Words of a name after folding; see :func:`normalize`."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _FOOTNOTE.sub("", text).lstrip("*†‡§# ")
    text = text.translate(_APOSTROPHES).replace("&", " and ")
    words = re.findall(r"[^\W_]+", text)
    return [_ABBREVIATIONS.get(w, w) for w in words if w not in _DROPPED]


@functools.lru_cache(maxsize=1 << 16)
def normalize(name: str) -> str:
    """The folded form under which names are compared.

    Examples
    --------
    >>> normalize("Côte d’Ivoire") == normalize("COTE D'IVOIRE*")
    True
    >>> normalize("St. Kitts & Nevis") == normalize("Saint Kitts and Nevis")
    True
    >>> normalize("the Bahamas 1")
    'bahamas'
    """
    return "".join(name_tokens(name))


@dataclass(frozen=True)
class NameMatch:
    """How one name was matched.

    ``known_name`` is the name in the kit's tables that matched; ``suggested`` is true
    when it is only the closest known name, taken because ``accept_suggestions`` was on.
    """

    name: str
    member_id: str
    known_name: str
    suggested: bool = False


@dataclass(frozen=True)
class _Names:
    ids: dict[str, str]  # folded name -> member id
    shown: dict[str, str]  # folded name -> the name as the tables write it
    members: pd.DataFrame
    un_groups: pd.DataFrame
    ilo: pd.DataFrame


def _read(folder: Path, name: str) -> pd.DataFrame:
    # keep_default_na=False: "NA" is Namibia's alpha-2 code, not a missing value.
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False, encoding="utf-8")


@functools.cache
def _names() -> _Names:

    folder = data_dir() / "names"
    m49 = _read(folder, "m49.csv")
    other = _read(folder, "other_members.csv")
    un_members = _read(folder, "un_members.csv")
    groups = _read(folder, "un_regional_groups.csv")
    ilo = _read(folder, "ilo_regions.csv")
    aliases = _read(folder, "aliases.csv")
    kit_aliases = _read(folder, "aliases_kit.csv")

    ids: dict[str, str] = {}
    shown: dict[str, str] = {}

    def add(name: str, mid: str, file: str, row: int) -> None:
        key = normalize(name)
        if not key:
            return
        if ids.setdefault(key, mid) != mid:
            raise VoteDataError.at(
                f"names/{file}",
                row=row,
                column="alias",
                found=name,
                expected=f"a name of one member only; it already names {ids[key]}",
            )
        shown.setdefault(key, name)

    for file, table, id_col, name_cols in (
        ("other_members.csv", other, "member_id", ("name_en", "name_fr", "name_es")),
        ("m49.csv", m49, "iso3", ("name_en", "name_fr", "name_es")),
        ("aliases.csv", aliases, "member_id", ("alias",)),
        ("aliases_kit.csv", kit_aliases, "member_id", ("alias",)),
    ):
        for i, rec in enumerate(table.to_dict("records")):
            for col in name_cols:
                add(str(rec[col]), str(rec[id_col]), file, i + 2)

    members = _members_frame(m49, other, un_members, groups, ilo)
    return _Names(ids, shown, members, groups, ilo)


def _members_frame(
    m49: pd.DataFrame,
    other: pd.DataFrame,
    un_members: pd.DataFrame,
    groups: pd.DataFrame,
    ilo: pd.DataFrame,
) -> pd.DataFrame:
    status = dict(zip(un_members["iso3"], un_members["status"], strict=True))
    seated = groups[groups["status"].isin(["member", "observer"])]
    group = dict(zip(seated["member_id"], seated["group_code"], strict=True))
    ilo_region = dict(zip(ilo["member_id"], ilo["ilo_region"], strict=True))
    current = pd.DataFrame(
        {
            "member_id": m49["iso3"],
            "iso2": m49["iso2"],
            "m49": m49["m49"],
            "name_en": m49["name_en"],
            "name_fr": m49["name_fr"],
            "name_es": m49["name_es"],
            "status": [status.get(i, "area") for i in m49["iso3"]],
            "region": m49["region"],
            "subregion": m49["subregion"],
            "historical": False,
        }
    )
    former = pd.DataFrame(
        {
            "member_id": other["member_id"],
            "name_en": other["name_en"],
            "name_fr": other["name_fr"],
            "name_es": other["name_es"],
            "status": "former member",
            "historical": other["historical"] == "yes",
            "un_from": other["un_from"],
            "un_to": other["un_to"],
            "successor": other["successor"],
            "notes": other["note"],
        }
    )
    out = pd.concat([current, former], ignore_index=True)
    out["un_regional_group"] = out["member_id"].map(group)
    out["ilo_region"] = out["member_id"].map(ilo_region)
    columns = [
        "member_id",
        "iso2",
        "m49",
        "name_en",
        "name_fr",
        "name_es",
        "status",
        "region",
        "subregion",
        "un_regional_group",
        "ilo_region",
        "historical",
        "un_from",
        "un_to",
        "successor",
        "notes",
    ]
    out = out[columns]
    text = [c for c in columns if c != "historical"]
    out[text] = out[text].astype("str").where(out[text].notna() & (out[text] != ""))
    out["historical"] = out["historical"].astype(bool)
    return out.sort_values("member_id", ignore_index=True)


def members_table() -> pd.DataFrame:
    """Every member, area and former member the kit knows, one row each.

    Columns: ``member_id`` (ISO 3166-1 alpha-3, or the id of a former member),
    ``iso2``, ``m49`` (UN M49 code), ``name_en``, ``name_fr``, ``name_es`` (UN M49 names),
    ``status`` (``member state``, ``observer state``, ``non-member state`` as the UN
    lists them, ``area`` for other M49 areas, ``former member``), ``region`` and
    ``subregion`` (M49), ``un_regional_group`` (the UN regional group; the United States,
    an observer of WEOG, is put there), ``ilo_region`` (see ``data/names/SOURCE.md``),
    ``historical``, ``un_from`` / ``un_to`` (UN membership under that id, where sourced),
    ``successor`` (``;``-separated ids) and ``notes``. Empty cells are missing.

    Examples
    --------
    >>> t = members_table().set_index("member_id")
    >>> t.loc["NAM", "iso2"], t.loc["SUN", "successor"], bool(t.loc["DDR", "historical"])
    ('NA', 'RUS', True)
    """
    return _names().members.copy()


@renamed_arguments(kind="scheme")
def regions(scheme: str = "un") -> pd.DataFrame:
    """Which group each member belongs to, one row per member and group.

    Parameters
    ----------
    scheme
        Which grouping (``kind=``, its old name, is kept for one release with a
        :class:`DeprecationWarning`; ``kind`` in the kit is the vote kind).
        ``"un"``: UN regional groups (``AFRICAN``, ``APG``, ``EEG``, ``GRULAC``, ``WEOG``),
        with a ``status`` column: ``member``, ``observer`` (the United States in WEOG) or
        ``participant`` (Türkiye in APG). ``"ilo"``: the four ILO regions. ``"m49"``:
        the M49 continental regions. Another value is a :class:`ValueError`
        naming these.

    Returns
    -------
    DataFrame
        ``member_id`` and ``group`` (an ordered categorical), sorted by group.

    Examples
    --------
    >>> un = regions("un")
    >>> un.loc[un["member_id"] == "USA", ["group", "status"]].values.tolist()
    [['WEOG', 'observer']]
    >>> regions("ilo").groupby("group", observed=True).size().to_dict()["Africa"]
    54
    """
    check_choice("regions", "scheme", scheme, ("un", "ilo", "m49"))
    names = _names()
    if scheme == "un":
        src = names.un_groups
        out = pd.DataFrame(
            {"member_id": src["member_id"], "group": src["group_code"], "status": src["status"]}
        )
        order = list(UN_REGIONAL_GROUPS)
    elif scheme == "ilo":
        out = pd.DataFrame({"member_id": names.ilo["member_id"], "group": names.ilo["ilo_region"]})
        order = list(ILO_REGIONS)
    else:
        m = names.members[names.members["region"].notna()]
        out = pd.DataFrame({"member_id": m["member_id"], "group": m["region"]})
        order = sorted(out["group"].unique())
    out["group"] = pd.Categorical(out["group"], categories=order, ordered=True)
    return out.sort_values(["group", "member_id"], ignore_index=True)


def lookup(name: str) -> str | None:
    """The member id of a known name (or of a member id), or ``None``.

    Examples
    --------
    >>> lookup("Viet Nam"), lookup("VNM"), lookup("Narnia")
    ('VNM', 'VNM', None)
    """
    hit = _lookup(name)
    return None if hit is None else hit[0]


def _lookup(name: str) -> tuple[str, str] | None:
    """The member id and known name for an exact (folded) match, or an id itself."""
    names = _names()
    text = name.strip()
    if _ID.match(text) and text in names.members["member_id"].array:
        return text, text
    key = normalize(text)
    if key in names.ids:
        return names.ids[key], names.shown[key]
    return None


def _ranked(name: str, n: int) -> list[tuple[float, str]]:
    """Closest known names: (ratio, folded name), best first, one per member.

    Of a member's names that are equally close, its English name is preferred.
    """
    return list(_ranked_key(normalize(name), n))


@functools.lru_cache(maxsize=4096)
def _ranked_key(key: str, n: int) -> tuple[tuple[float, str], ...]:
    if not key:
        return ()
    names = _names()
    english = _english_names()
    close = difflib.get_close_matches(key, names.ids, n=max(20, 6 * n), cutoff=0.6)
    best: dict[str, tuple[float, bool, str]] = {}
    for k in close:
        score = (difflib.SequenceMatcher(None, key, k).ratio(), names.shown[k] in english, k)
        mid = names.ids[k]
        if mid not in best or score[:2] > best[mid][:2]:
            best[mid] = score
    ranked = sorted(best.values(), key=lambda s: (-s[0], not s[1]))
    return tuple((ratio, k) for ratio, _, k in ranked[:n])


def suggest(name: str, n: int = 3) -> list[str]:
    """The known names closest to ``name``, one per member, best first.

    Examples
    --------
    >>> suggest("Rusia Federation", n=1)
    ['Russian Federation']
    """
    shown = _names().shown
    return [shown[k] for _, k in _ranked(name, n)]


@functools.cache
def _english_names() -> frozenset[str]:
    return frozenset(_names().members["name_en"].dropna())


@functools.cache
def _english() -> dict[str, str]:
    names = _names()
    return dict(zip(names.members["member_id"], names.members["name_en"], strict=True))


def closest_description(name: str) -> str:
    """The closest known names with their ids, for messages.

    Examples
    --------
    >>> closest_description("Guin")
    "'Guinea' (GIN), 'Eq. Guinea' (GNQ: Equatorial Guinea), 'Guyana' (GUY)"
    """
    names = _names()
    english = dict(zip(names.members["member_id"], names.members["name_en"], strict=True))
    out = []
    for _, k in _ranked(name, 3):
        mid, shown = names.ids[k], names.shown[k]
        label = mid if english.get(mid) in (None, shown) else f"{mid}: {english[mid]}"
        out.append(f"'{shown}' ({label})")
    return ", ".join(out)


def _expected(name: str) -> str:
    close = closest_description(name)
    if not close:
        return "a member name the kit knows (no known name is close)"
    return "a member name the kit knows; closest: " + close


def best_guess(name: str) -> NameMatch | None:
    """The closest known name when it is close enough to accept, else ``None``.

    Close enough means a difflib ratio of at least ``ACCEPT_RATIO`` between the folded
    names, with no other member as close.

    Examples
    --------
    >>> best_guess("Kazakstan").member_id
    'KAZ'
    >>> best_guess("Narnia") is None
    True
    """
    ranked = _ranked(name, 2)
    if not ranked or ranked[0][0] < ACCEPT_RATIO:
        return None
    if len(ranked) > 1 and ranked[1][0] >= ranked[0][0]:
        return None
    names = _names()
    key = ranked[0][1]
    return NameMatch(name, names.ids[key], names.shown[key], suggested=True)


def match_names(
    names: Iterable[str],
    *,
    file: str | None = None,
    rows: Sequence[int] | None = None,
    column: str | None = None,
    accept_suggestions: bool = False,
    refuse_ambiguous: bool = False,
) -> list[NameMatch]:
    """Match names to members, reporting every unknown name at once.

    Parameters are those of :func:`member_ids`; each match says which known name it
    took and whether that was only a suggestion, so a caller can report it.
    """
    if not isinstance(accept_suggestions, bool) or not isinstance(refuse_ambiguous, bool):
        raise TypeError("accept_suggestions and refuse_ambiguous must be True or False")
    if isinstance(names, (str, bytes)) or not isinstance(names, Iterable):
        raise TypeError(f"names must be a list of names (str), not {type(names).__name__}")
    given = list(names)
    if rows is not None and len(rows) != len(given):
        raise ValueError(f"{len(rows)} row numbers for {len(given)} names")
    out: list[NameMatch] = []
    problems: list[Problem] = []
    unknown: set[str] = set()
    for i, name in enumerate(given):
        row = None if rows is None else rows[i]
        if not isinstance(name, str) or not name.strip():
            problems.append(Problem(file, row, column, None, "a member name"))
            continue
        candidates = AMBIGUOUS_NAMES.get(normalize(name)) if refuse_ambiguous else None
        if candidates:
            english = _english()
            listed = ", ".join(f"{c} ({english.get(c, c)})" for c in candidates)
            problems.append(
                Problem(
                    file,
                    row,
                    column,
                    name,
                    f"one member; this name is used for {listed}: say which with "
                    f"members={{{name!r}: {candidates[0]!r}}}",
                )
            )
            continue
        hit = _lookup(name)
        if hit is not None:
            out.append(NameMatch(name, hit[0], hit[1]))
            continue
        guess = best_guess(name) if accept_suggestions else None
        if guess is not None:
            out.append(guess)
            continue
        # The closest-name search costs a scan of every known name: done for the first
        # unknown names (all a message shows), not for ten thousand of them.
        if len(unknown) < MAX_SUGGESTED or name in unknown:
            unknown.add(name)
            expected = _expected(name)
        else:
            expected = (
                "a member name the kit knows (closest names are shown for the first "
                f"{MAX_SUGGESTED} unknown names)"
            )
        problems.append(Problem(file, row, column, name, expected))
    if problems:
        raise VoteDataError(problems)
    return out


def member_ids(
    names: Iterable[str],
    *,
    file: str | None = None,
    rows: Sequence[int] | None = None,
    column: str | None = None,
    accept_suggestions: bool = False,
    refuse_ambiguous: bool = False,
) -> list[str]:
    """Member ids for many names; one error lists every name not known.

    Parameters
    ----------
    names
        Names as the source writes them.
    file, rows, column
        Where the names come from, for the error message: ``rows`` holds the row
        number a spreadsheet shows for each name.
    accept_suggestions
        Take the closest known name when it is close enough (see ``ACCEPT_RATIO``) and
        no other member is as close. Use :func:`match_names` to learn which were taken.
    refuse_ambiguous
        Refuse names in :data:`AMBIGUOUS_NAMES` ("Korea", "Congo", "Guinea") with the
        members each can mean, instead of taking the member the name is known for.

    Raises
    ------
    VoteDataError
        Naming, for each unknown name, its file, row and column and the closest known
        names. No name is ever dropped.

    Examples
    --------
    >>> member_ids(["Russian Federation", "Türkiye", "UK", "Estados Unidos"])
    ['RUS', 'TUR', 'GBR', 'USA']
    """
    matches = match_names(
        names,
        file=file,
        rows=rows,
        column=column,
        accept_suggestions=accept_suggestions,
        refuse_ambiguous=refuse_ambiguous,
    )
    return [m.member_id for m in matches]


def member_id(name: str) -> str:
    """The member id of one name.

    Raises
    ------
    VoteDataError
        When the name is not known, naming the closest known names.

    Examples
    --------
    >>> member_id("Iran (Islamic Republic of)"), member_id("Democratic Republic of the Congo")
    ('IRN', 'COD')
    >>> member_id("USSR"), member_id("Federal Republic of Germany")
    ('SUN', 'XFG')
    """
    return match_names([name])[0].member_id


# --------------------------------------------------------------------------- names shown

# Which alias kinds give the usual English name, best first (see data/names/SOURCE.md).
_USUAL_KINDS = ("owid_name", "cldr_en")


@functools.cache
def _usual() -> dict[str, str]:
    """member id -> the usual English name: Our World in Data's, CLDR's, then the UN's."""

    folder = data_dir() / "names"
    out: dict[str, str] = {}
    for row in _read(folder, "names_in_time.csv").to_dict("records"):
        if not row["start"] and not row["end"]:
            out.setdefault(str(row["member_id"]), str(row["name"]))
    aliases = _read(folder, "aliases.csv")
    for kind in _USUAL_KINDS:
        for alias, mid, kinds in zip(
            aliases["alias"], aliases["member_id"], aliases["kind"], strict=True
        ):
            if kind in kinds.split(";"):
                out.setdefault(mid, alias)
    members = _names().members
    for mid, name in zip(members["member_id"], members["name_en"], strict=True):
        if isinstance(name, str):
            out.setdefault(mid, name)
    return out


@functools.cache
def _dated() -> pd.DataFrame:

    table = _read(data_dir() / "names", "names_in_time.csv")
    return table[(table["start"] != "") | (table["end"] != "")].reset_index(drop=True)


def usual_name(member_id: str) -> str:
    """The name English-language readers know a member by (the id when the kit has none).

    Examples
    --------
    >>> usual_name("USA"), usual_name("RUS"), usual_name("SUN")
    ('United States', 'Russia', 'USSR')
    """
    return _usual().get(member_id, member_id)


def name_at(member_id: str, date: str | None = None) -> str:
    """The member's usual English name at a date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).

    ``data/names/names_in_time.csv`` dates the names that changed while the id
    stayed: ``RUS`` is the USSR before 1991-12-24, when the Russian Federation
    continued the USSR's membership. Without a date, or outside those rows, the
    usual name today (:func:`usual_name`).

    Examples
    --------
    >>> name_at("RUS", "1991-12-06"), name_at("RUS", "1992-09-03"), name_at("LBY", "2022-06-08")
    ('USSR', 'Russia', 'Libya')
    """
    if date:
        day = str(date)
        for row in _dated().to_dict("records"):
            start, end = str(row["start"]), str(row["end"])
            if row["member_id"] != member_id:
                continue
            if (not start or day >= start) and (not end or day <= end):
                return str(row["name"])
    return usual_name(member_id)


def member_names(data: Any, *, usual: bool = True) -> dict[str, str]:
    """One name per member id of a dataset or a positions table.

    With ``usual=True`` (default) the name English-language readers know
    (:func:`usual_name`); for an id the kit's name table lacks, as the dataset's
    ``members`` table writes it, else as the vote sources write it most often. With
    ``usual=False``, only the sources' most frequent spelling (ties: first seen).
    The one rule for every chart, table and report that shows a member.

    >>> import pandas as pd
    >>> pos = pd.DataFrame({"member_id": ["RUS", "RUS", "RUS", "XYZ"],
    ...                     "member": ["Russian Federation", "Russie", "Russie", "Xyzland"]})
    >>> member_names(pos)
    {'RUS': 'Russia', 'XYZ': 'Xyzland'}
    >>> member_names(pos, usual=False)
    {'RUS': 'Russie', 'XYZ': 'Xyzland'}
    """
    frames: list[tuple[pd.Series, pd.Series]] = []
    positions = getattr(data, "positions", data)
    if isinstance(positions, pd.DataFrame) and {"member_id", "member"} <= set(positions.columns):
        frames.append((positions["member_id"], positions["member"]))
    members = getattr(data, "members", None)
    if usual and isinstance(members, pd.DataFrame) and {"member_id", "name"} <= set(members):
        frames.append((members["member_id"], members["name"]))
    names: dict[str, str] = {}
    for ids, written in frames:
        pairs = pd.DataFrame({"id": ids.astype("object"), "name": written.astype("object")})
        pairs = pairs.dropna()
        pairs = pairs[(pairs["id"].astype(str) != "") & (pairs["name"].astype(str) != "")]
        size = pairs.groupby(["id", "name"], sort=False).size()
        ranked = size.sort_values(ascending=False, kind="stable").reset_index()
        first = ranked.drop_duplicates("id")
        names |= dict(zip(first["id"].astype(str), first["name"].astype(str), strict=True))
    if not usual:
        return names
    return {m: known if (known := usual_name(m)) != m else n for m, n in names.items()}
