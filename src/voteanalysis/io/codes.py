"""What people write in vote spreadsheets, and what it means to the kit.

Position codes (Y/N/A/X, for/against, pour/contre, a favor/en contra, ...), the
words of header cells and the role of the column they head, constituency
headings, legend and summary rows, dates as people write them, and the voting
bodies, sessions and kinds of vote that titles and file names name. Text is
compared as people mean it: case, accents and spacing do not matter.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Mapping

from ..errors import Problem
from ..schema import POSITIONS
from .validate import MAX_COUNT_DIGITS, YEARS, raise_problems

__all__ = ["POSITION_CODES", "bodies_named", "position_code", "vote_kind"]


# --------------------------------------------------------------------------- codes


@functools.lru_cache(maxsize=1 << 16)
def _key(text: str) -> str:
    """Compare text as people mean it: case, accents and spacing do not matter."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = bare.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", bare).strip().rstrip(".").strip()


def _codes(*pairs: tuple[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for words, position in pairs:
        for word in words.split("|"):
            out[_key(word)] = position
    return out


#: Position codes as people write them (compared without case, accents or extra
#: spaces): Y/N/A/X, yes/no/abstain/absent, for/against/abstention, in favour,
#: +/-/0, and the ILO's other working languages, French and Spanish.
POSITION_CODES: dict[str, str] = _codes(
    ("y|yes|for|in favour|in favor|favour|favor|aye|yea|+|pour|oui|a favor|en favor|si", "yes"),
    ("n|no|against|-|\u2212|nay|contre|non|en contra", "no"),
    (
        "a|abstain|abstained|abstaining|abstention|abstentions|abstenu|abstencion|abstenciones|0",
        "abstain",
    ),
    ("x|absent|absents|absente|absence|ausente|ausentes", "absent"),
    (
        "not_voting|not voting|not-voting|did not vote|nv|n/v|non-voting|non voting"
        "|did not participate|not participating|ne participe pas|n'a pas vote|no vota"
        "|no voto|no participa|no participo",
        "not_voting",
    ),
    (
        "ineligible|not eligible|no right to vote|sans droit de vote|non eligible"
        "|sin derecho a voto|inelegible",
        "ineligible",
    ),
)

_CODE_EXAMPLES = (
    "Y/N/A/X, yes/no/abstain/absent, for/against/abstention, +/-/0, pour/contre/abstention "
    "or a favor/en contra/abstención"
)


def position_code(text: str, codes: Mapping[str, str] | None = None) -> str | None:
    """The position a cell means, or ``None`` when it is not a position code.

    Examples
    --------
    >>> position_code(" En contra "), position_code("Abstención"), position_code("+")
    ('no', 'abstain', 'yes')
    >>> position_code("J") is None, position_code("J", {"J": "yes"})
    (True, 'yes')
    """
    table = POSITION_CODES if codes is None else _code_table(codes)
    return table.get(_key(text))


def _code_table(codes: Mapping[str, str] | None) -> dict[str, str]:
    table = dict(POSITION_CODES)
    problems = []
    for code, position in (codes or {}).items():
        if position not in POSITIONS:
            problems.append(
                Problem(
                    None,
                    None,
                    "codes=",
                    f"{code}: {position}",
                    "each code mapped to one of " + ", ".join(POSITIONS),
                )
            )
        table[_key(str(code))] = position
    raise_problems(problems)
    return table


# ------------------------------------------------------------------ header words


def _words(*words: str) -> frozenset[str]:
    return frozenset(_key(w) for w in words)


_ROLES: dict[str, frozenset[str]] = {
    "member": _words(
        "member",
        "members",
        "member state",
        "member states",
        "country",
        "countries",
        "state",
        "states",
        "delegation",
        "name",
        "voter",
        "membre",
        "membres",
        "pays",
        "etat",
        "etat membre",
        "etats membres",
        "miembro",
        "miembros",
        "pais",
        "paises",
        "estado",
        "estado miembro",
        "estados miembros",
        "delegacion",
        "nombre",
        "nom",
    ),
    "vote": _words(
        "vote",
        "vote_id",
        "vote id",
        "votes",
        "motion",
        "resolution",
        "decision",
        "item",
        "agenda item",
        "ballot",
        "question",
        "proposal",
        "scrutin",
        "votacion",
        "votaciones",
        "resolucion",
        "voto",
        "point",
        "punto",
    ),
    "position": _words(
        "position",
        "positions",
        "vote cast",
        "voted",
        "how voted",
        "choice",
        "position de vote",
        "sens du vote",
        "vote emis",
        "posicion",
        "sentido del voto",
        "voto emitido",
    ),
    "date": _words(
        "date", "date of vote", "vote date", "date du vote", "fecha", "fecha de votacion", "day"
    ),
    "title": _words(
        "title", "titre", "titulo", "description", "text", "intitule", "objet", "asunto"
    ),
    "subject": _words("subject", "sujet", "tema", "country concerned"),
    "session": _words("session", "sesion", "meeting", "reunion"),
    "constituency": _words("constituency", "group", "groupe", "grupo", "college", "sector"),
    "notes": _words(
        "notes",
        "note",
        "remarks",
        "remark",
        "comment",
        "comments",
        "observations",
        "observaciones",
        "remarques",
        "commentaire",
        "commentaires",
    ),
    "body": _words("body", "organ", "organe", "organo"),
    "member_id": _words("member_id", "member id", "iso3", "iso", "iso code", "code"),
}
# Headers that name the column of positions in a long table even though they read "vote".
_POSITION_LIKE = _ROLES["position"] | _words("vote", "votes", "voto")
# Columns that describe a row and never hold positions.
_DESCRIPTIVE = (
    "member",
    "date",
    "title",
    "subject",
    "session",
    "constituency",
    "notes",
    "body",
    "member_id",
)


def _role(label: str) -> str | None:
    key = _key(re.sub(r"\(.*?\)", " ", label))
    key = re.sub(r"[^\w\s/'-]", " ", key)
    key = re.sub(r"\s+", " ", key).strip()
    for role, words in _ROLES.items():
        if key in words:
            return role
    return None


_CONSTITUENCY_WORDS: dict[str, frozenset[str]] = {
    "government": _words(
        "government",
        "governments",
        "gouvernement",
        "gouvernements",
        "gobierno",
        "gobiernos",
        "govt",
        "govts",
        "gvt",
        "gov",
        "govs",
        "gouv",
        "gob",
        "g",
    ),
    "employer": _words(
        "employer",
        "employers",
        "employeur",
        "employeurs",
        "empleador",
        "empleadores",
        "emp",
        "emps",
        "empl",
        "e",
    ),
    "worker": _words(
        "worker",
        "workers",
        "travailleur",
        "travailleurs",
        "trabajador",
        "trabajadores",
        "wkr",
        "wkrs",
        "wrk",
        "trav",
        "trab",
        "w",
        "t",
    ),
    "state": _words("state", "states"),
}
_FILLER = _words(
    "members",
    "member",
    "group",
    "groups",
    "groupe",
    "grupo",
    "membres",
    "miembros",
    "du",
    "des",
    "de",
    "los",
    "the",
    "seats",
    "s",
)


def _constituency_forms() -> str:
    """The constituency words the kit reads, for messages."""
    return "; ".join(
        f"{name}: " + ", ".join(sorted(words, key=lambda w: (-len(w), w)))
        for name, words in _CONSTITUENCY_WORDS.items()
    )


def _constituency(text: str) -> str | None:
    """The constituency a heading or cell names ("Employers' group" -> employer)."""
    tokens = re.sub(r"[^\w\s]", " ", _key(text)).split()
    found = {c for t in tokens for c, words in _CONSTITUENCY_WORDS.items() if t in words}
    rest = [
        t
        for t in tokens
        if t not in _FILLER and not any(t in words for words in _CONSTITUENCY_WORDS.values())
    ]
    if len(found) == 1 and not rest:
        return found.pop()
    return None


_SUMMARY = re.compile(
    r"^(totals?|sum|count|number|result|results|resultat|resultado|nombre|recuento"
    r"|votes? (cast|for|against)|total \w+|source|sources|note|notes|key|legend|legende"
    r"|leyenda)\b"
)

# ------------------------------------------------------------------------- dates

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan janvier janv enero ene",
        "february feb fevrier fevr febrero",
        "march mar mars marzo",
        "april apr avril avr abril abr",
        "may mai mayo",
        "june jun juin junio",
        "july jul juillet juil julio",
        "august aug aout agosto ago",
        "september sep sept septembre septiembre setiembre",
        "october oct octobre octubre",
        "november nov novembre noviembre",
        "december dec decembre diciembre dic",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number


class _BadDate(ValueError):
    pass


def _date(text: str) -> str | None:
    """ISO form of a date as people write it; None if it is not a date at all.

    Raises _BadDate for something written as a date that cannot be one (31/02/2025).
    Day-first is assumed for 03/04/2025, as in Geneva. Only the digits 0-9 are read
    ("٢٠٢٥" and the full-width "２０２５" are not dates), and years 1800-2200.
    """
    if _ANY_DIGIT.search(_NUMBER.sub("", text)):
        return None
    key = _key(text)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?", key)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", key)
    if m:
        return _iso(int(m[1]), int(m[2]), None)
    m = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", key)
    if m:
        a, b = int(m[1]), int(m[2])
        day, month = (b, a) if b > 12 >= a else (a, b)
        return _iso(int(m[3]), month, day)
    m = re.fullmatch(
        r"(\d{1,2})(?:er|st|nd|rd|th)?\s+(?:de\s+)?([a-z]+)\.?,?\s+(?:de\s+)?"
        r"(\d{4})",
        key,
    )
    if m and m[2] in _MONTHS:
        return _iso(int(m[3]), _MONTHS[m[2]], int(m[1]))
    m = re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", key)
    if m and m[1] in _MONTHS:
        return _iso(int(m[3]), _MONTHS[m[1]], int(m[2]))
    m = re.fullmatch(r"([a-z]+)\.?,?\s+(?:de\s+)?(\d{4})", key)
    if m and m[1] in _MONTHS:
        return _iso(int(m[2]), _MONTHS[m[1]], None)
    return None


def _iso(year: int, month: int, day: int | None) -> str:
    if not 1 <= month <= 12 or not YEARS[0] <= year <= YEARS[1]:
        raise _BadDate
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise _BadDate from None


def _year(text: str) -> str | None:
    m = re.fullmatch(r"([0-9]{4})", text.strip())
    return m[1] if m and YEARS[0] <= int(m[1]) <= YEARS[1] else None


# ------------------------------------------------- bodies, sessions and kinds


_BODY_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "ILO-ILC-COMMITTEE",
        re.compile(
            r"(conference|\bilc\b|\bcit\b|conferencia).*(committee|commission|comision)"
            r"|(committee|commission|comision).*(conference|\bilc\b|\bcit\b)"
        ),
    ),
    (
        "ILO-ILC",
        re.compile(
            r"international labour conference|\bilc\b|conference internationale du travail"
            r"|conferencia internacional del trabajo"
        ),
    ),
    (
        "ILO-GB",
        re.compile(
            r"governing body|\bgb\b|\bgb\.? ?\d{3}|conseil d'administration"
            r"|consejo de administracion"
        ),
    ),
    (
        "IAEA-BoG",
        re.compile(
            r"\biaea\b|\baiea\b|\boiea\b|board of governors"
            r"|conseil des gouverneurs|junta de gobernadores"
        ),
    ),
    (
        "UNGA",
        re.compile(
            r"general assembly|\bunga\b|assemblee generale|asamblea general"
            r"|\ba/res/"
        ),
    ),
    ("UNHRC", re.compile(r"human rights council|\bunhrc\b|\bhrc(?: ?\d{1,2})?\b|\ba/hrc/")),
    ("UNSC", re.compile(r"security council|\bunsc\b|\bs/res/")),
    ("WHA", re.compile(r"world health assembly|\bwha(?: ?\d{2})?\b")),
)


def bodies_named(text: str) -> set[str]:
    """The voting bodies (keys of ``schema.BODIES``) a text such as a file name names.

    Examples
    --------
    >>> sorted(bodies_named("GB 355 votes"))
    ['ILO-GB']
    >>> bodies_named("my votes")
    set()
    """
    key = _key(text).replace("_", " ")
    found = {body for body, pattern in _BODY_PATTERNS if pattern.search(key)}
    if "ILO-ILC-COMMITTEE" in found:
        found.discard("ILO-ILC")
    return found


def _session_named(text: str) -> str | None:
    key = _key(text)
    m = re.search(r"\bgb\.? ?(\d{3})\b", key)
    if m:
        return f"GB.{m[1]}"
    m = re.search(r"\b(?:ilc|cit)\.? ?(\d{3})\b", key)
    return f"ILC.{m[1]}" if m else None


_KINDS = (
    ("amendment", re.compile(r"amend|enmienda")),
    ("procedural", re.compile(r"procedur|point of order|adjourn|motion to|no action")),
    ("resolution", re.compile(r"resolution|resolucion")),
)


def vote_kind(text: str) -> str:
    """The vote kind a title names (amendment, procedural, resolution), else ``decision``.

    Examples
    --------
    >>> vote_kind("Draft resolution on Belarus"), vote_kind("Amendment 2"), vote_kind("Budget")
    ('resolution', 'amendment', 'decision')
    """
    key = _key(text)
    return next((kind for kind, pattern in _KINDS if pattern.search(key)), "decision")


# ------------------------------------------------------------------ totals


_COUNT_WORDS: dict[str, str] = _codes(
    (
        "y|yes|yeas|ayes|aye|for|in favour|in favor|favour|favor|pour|oui|a favor|en favor|si"
        "|votes for|votes in favour|votes in favor",
        "yes",
    ),
    ("n|no|noes|nays|nay|against|contre|non|en contra|votes against", "no"),
    (
        "a|abstain|abstained|abstention|abstentions|abstenu|abstenus|abstentions"
        "|abstencion|abstenciones",
        "abstain",
    ),
    (
        "x|absent|absents|absence|absences|ausente|ausentes|not voting|did not vote|nv|n/v"
        "|non-voting|non voting|not participating|no vota|no participa|ne participe pas",
        "not_voting",
    ),
)
_TOTAL_WORD = re.compile(
    r"^(?:totals?|total votes|totaux|sum|result|results|resultat|resultado|resultados"
    r"|recuento|tally|count|votes? cast)\b\s*:?\s*"
)
_NUMBER = re.compile(r"[0-9]+", re.ASCII)
_ANY_DIGIT = re.compile(r"\d")


class _BadCount(ValueError):
    """A count written in a way the kit does not read (too long, not ASCII digits)."""


def _count_number(text: str) -> int:
    if len(text) > MAX_COUNT_DIGITS:
        raise _BadCount(f"a number of {len(text):,} digits")
    return int(text)


def _count_position(text: str) -> str | None:
    """The position a totals label names: "In favour", "Total yes", "Number of abstentions"."""
    key = _key(text).strip(" :=")
    key = re.sub(r"^(?:totals?|total of|number of|nombre de|numero de|votes?)\s+", "", key)
    key = re.sub(r"^(?:of|de)\s+", "", key)
    return _COUNT_WORDS.get(key)


def _counts(text: str) -> dict[str, int] | None:
    """Counts a cell or row states, or None when it states none.

    ``"40-2-9"`` and ``"40/2/9"`` are yes-no-abstain; ``"Y 40, N 2, A 9"``,
    ``"In favour: 11"`` and ``"40 in favour, 2 against"`` name their positions; a
    bare ``"11"`` gives ``{"": 11}`` (the position is in the label beside it).
    Raises :class:`_BadCount` for digits the kit does not read (Unicode digits such as
    '٣' or '１', more than :data:`MAX_COUNT_DIGITS` digits) in a count-like cell.
    """
    if _ANY_DIGIT.search(_NUMBER.sub("", text)):
        raise _BadCount("digits other than 0-9")
    key = _key(text).strip()
    if not key or not _ANY_DIGIT.search(key):
        return None
    if _NUMBER.fullmatch(key):
        return {"": _count_number(key)}
    m = re.fullmatch(r"([0-9]+)\s*[-\u2013\u2014/]\s*([0-9]+)\s*[-\u2013\u2014/]\s*([0-9]+)", key)
    if m:
        return {
            "yes": _count_number(m[1]),
            "no": _count_number(m[2]),
            "abstain": _count_number(m[3]),
        }
    out: dict[str, int] = {}
    for part in re.split(r"[,;|]|\band\b|\bet\b", key):
        part = part.strip(" .")
        if not part:
            continue
        m = re.fullmatch(r"([^0-9]+?)\s*[:=]?\s*([0-9]+)", part) or re.fullmatch(
            r"([0-9]+)\s*([^0-9]+)", part
        )
        if m is None:
            return None
        word, number = (m[1], m[2]) if not m[1][0].isdigit() else (m[2], m[1])
        position = _count_position(word)
        if position is None or position in out:
            return None
        out[position] = _count_number(number)
    return out or None


def _is_totals_label(text: str) -> bool:
    key = _key(text)
    return bool(_TOTAL_WORD.match(key)) or _count_position(key) is not None
