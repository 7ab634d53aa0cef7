"""Spreadsheets in the shapes people keep votes in, and opening workbooks safely.

:func:`read_spreadsheet` reads a workbook (.xlsx) or a CSV file that is not in the
kit's own layout: long tables (one row per member and vote), wide tables (members
as rows, votes as columns) and their transpose, with title rows, merged header
cells, notes under the data and position codes in English, French or Spanish.
What it guessed is returned with the data (:class:`SpreadsheetGuess`), and every
guess can be overridden with an argument.

:func:`open_workbook` refuses files that are not workbooks, password-protected
workbooks, zip bombs and XML entity tricks before openpyxl parses anything.
"""

from __future__ import annotations

import csv
import datetime as dt
import io as _io
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pandas as pd

from .dataset import VoteDataset
from .errors import Described, Problem, VoteDataError
from .io import MAX_BYTES, _check_size, typed_table
from .schema import BODIES, POSITIONS, TABLES
from .validate import check_dataset, check_table, raise_problems

__all__ = [
    "LAYOUTS",
    "MAX_CELLS",
    "MAX_COMPRESSION_RATIO",
    "MAX_UNZIPPED_BYTES",
    "POSITION_CODES",
    "SheetGuess",
    "SpreadsheetDataset",
    "SpreadsheetGuess",
    "check_workbook",
    "open_workbook",
    "position_code",
    "read_spreadsheet",
]

#: A workbook whose parts unzip to more than this is refused (a zip bomb, or no vote table).
MAX_UNZIPPED_BYTES = 200_000_000
#: A part that unzips to more than 10 MB at more than this ratio is a zip bomb: real
#: worksheets compress 5 to 30 times.
MAX_COMPRESSION_RATIO = 100
#: Sheets with more cells than this are refused (a vote table of every UN member on
#: every recorded vote has about a million).
MAX_CELLS = 5_000_000
#: Layouts :func:`read_spreadsheet` reads: ``long`` (one row per member and vote),
#: ``wide`` (members as rows, votes as columns), ``wide-transposed`` (votes as rows,
#: members as columns).
LAYOUTS: tuple[str, ...] = ("long", "wide", "wide-transposed")

_EXCEL_MAX_ROWS = 1_048_576
_BOMB_MIN_BYTES = 10_000_000


# --------------------------------------------------------------------------- codes


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
        "g",
    ),
    "employer": _words(
        "employer", "employers", "employeur", "employeurs", "empleador", "empleadores", "e"
    ),
    "worker": _words(
        "worker", "workers", "travailleur", "travailleurs", "trabajador", "trabajadores", "w", "t"
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
    Day-first is assumed for 03/04/2025, as in Geneva.
    """
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
    if not 1 <= month <= 12 or not 1800 <= year <= 2200:
        raise _BadDate
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise _BadDate from None


def _year(text: str) -> str | None:
    m = re.fullmatch(r"(\d{4})", text.strip())
    return m[1] if m and 1800 <= int(m[1]) <= 2200 else None


# --------------------------------------------------------------- safe workbooks


def open_workbook(path: Path, *, max_unzipped: int = MAX_UNZIPPED_BYTES) -> Any:
    """Open an .xlsx read-only after checking that it is a sane, unencrypted workbook.

    Refused with a :class:`VoteDataError`: files that are not zip files, old .xls and
    password-protected workbooks, zips whose parts unpack to more than
    ``max_unzipped`` bytes or at a zip-bomb ratio, and XML parts that declare a
    document type (the entity-expansion trick).
    """
    import openpyxl

    check_workbook(path, max_unzipped=max_unzipped)
    try:
        # openpyxl goes by the file name; a workbook saved as .csv is still a workbook.
        source: Any = (
            path if path.suffix.lower() in (".xlsx", ".xlsm") else (_io.BytesIO(path.read_bytes()))
        )
        return openpyxl.load_workbook(source, read_only=True, data_only=False)
    except VoteDataError:
        raise
    except Exception as exc:  # openpyxl raises many types for broken parts
        raise VoteDataError.at(
            path.name,
            found=Described(f"a workbook openpyxl cannot read ({type(exc).__name__}: {exc})"),
            expected="an .xlsx workbook saved by a spreadsheet program",
        ) from None


def check_workbook(path: Path, *, max_unzipped: int = MAX_UNZIPPED_BYTES) -> None:
    """Raise :class:`VoteDataError` unless ``path`` is a zip workbook safe to parse."""
    with path.open("rb") as f:
        head = f.read(512)
    if not head:
        raise VoteDataError.at(
            path.name, found=Described("an empty file"), expected="an .xlsx workbook"
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        if _has_encryption_stream(path):
            raise VoteDataError.at(
                path.name,
                found=Described("a password-protected (encrypted) workbook"),
                expected="an unprotected .xlsx workbook: open it, remove the password "
                "and save it again",
            )
        raise VoteDataError.at(
            path.name,
            found=Described("an old-format Excel 97-2003 (.xls) workbook"),
            expected="an .xlsx workbook: open it and save it as .xlsx",
        )
    if not zipfile.is_zipfile(path):
        looks_text = b"\x00" not in head and _decodes(head)
        if looks_text:
            found = "a text file, not a workbook (a CSV renamed .xlsx?)"
        elif head.startswith(b"PK\x03\x04"):
            found = "a damaged or incomplete .xlsx (the zip is cut short)"
        else:
            found = "a file that is not an .xlsx (zip) workbook"
        raise VoteDataError.at(
            path.name,
            found=Described(found),
            expected="an .xlsx workbook saved by a spreadsheet program",
        )
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            _check_parts(path.name, z, infos, max_unzipped)
            if "xl/workbook.xml" not in names:
                kind = "a zip file that is not an Excel workbook (no xl/workbook.xml)"
                if "mimetype" in names and b"opendocument" in z.read("mimetype")[:200]:
                    kind = "an OpenDocument (.ods) spreadsheet"
                raise VoteDataError.at(
                    path.name, found=Described(kind), expected="an .xlsx workbook: save it as .xlsx"
                )
    except VoteDataError:
        raise
    except Exception as exc:  # zipfile and zlib raise many types for damaged archives
        raise VoteDataError.at(
            path.name, found=Described(f"a damaged zip ({exc})"), expected="an .xlsx workbook"
        ) from None


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(data) - 4  # only a character cut at the end
    return True


def _has_encryption_stream(path: Path) -> bool:
    # An encrypted OOXML file is an OLE container with an "EncryptionInfo" stream;
    # the directory entry names are UTF-16LE.
    marker = "EncryptionInfo".encode("utf-16-le")
    tail = b""
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            if marker in tail + chunk:
                return True
            tail = chunk[-len(marker) :]
    return False


def _check_parts(
    file: str, z: zipfile.ZipFile, infos: list[zipfile.ZipInfo], max_unzipped: int
) -> None:
    unzipped = sum(i.file_size for i in infos)
    if unzipped > max_unzipped:
        raise VoteDataError.at(
            file,
            found=Described(f"a workbook that unpacks to {unzipped:,} bytes"),
            expected=f"at most {max_unzipped:,} bytes unpacked (a zip bomb, or far more "
            "than a vote table)",
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _BOMB_MIN_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise VoteDataError.at(
                file,
                found=Described(
                    f"{info.filename} unpacking {ratio:,.0f} times larger, to "
                    f"{info.file_size:,} bytes"
                ),
                expected=f"parts that unpack at most {MAX_COMPRESSION_RATIO} times larger "
                "(this is a zip bomb, or no workbook a spreadsheet program wrote)",
            )
        if info.flag_bits & 0x1:
            raise VoteDataError.at(
                file,
                found=Described(f"an encrypted zip part ({info.filename})"),
                expected="an unprotected .xlsx workbook",
            )
        if info.filename.endswith((".xml", ".rels", ".vml")):
            with z.open(info) as part:
                prolog = part.read(4096)
            if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                raise VoteDataError.at(
                    file,
                    found=Described(f"a document type declaration in {info.filename}"),
                    expected="plain workbook XML (spreadsheet programs never write "
                    "entities; this is an entity-expansion attack or a damaged file)",
                )


# ------------------------------------------------------------ cells from files


@dataclass
class _Sheet:
    """The cells of one sheet (or CSV file) as text, by row number as shown."""

    name: str
    where: str
    rows: dict[int, list[str]]
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)

    def cell(self, row: int, col: int) -> str:
        cells = self.rows.get(row)
        return cells[col] if cells is not None and col < len(cells) else ""

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows.values()), default=0)


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    """Cell text without the spaces people do not see (trailing, non-breaking, doubled)."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def _value_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _column_letter(index: int) -> str:
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _workbook_sheets(path: Path, max_cells: int) -> list[_Sheet]:
    wb = open_workbook(path)
    sheets: list[_Sheet] = []
    try:
        merges = _merged_ranges(path)
        for ws in wb.worksheets:
            sheet = _Sheet(ws.title, f"{path.name} (sheet '{ws.title}')", {})
            ws.reset_dimensions()  # a stale <dimension> would cut the sheet short
            cells = 0
            for r, row in enumerate(ws.iter_rows(), start=1):
                if r > _EXCEL_MAX_ROWS:
                    raise VoteDataError.at(
                        sheet.where,
                        row=r,
                        found=Described("more rows than Excel allows"),
                        expected=f"at most {_EXCEL_MAX_ROWS:,} rows",
                    )
                cells += len(row)
                if cells > max_cells:
                    raise VoteDataError.at(
                        sheet.where,
                        row=r,
                        found=Described(f"more than {max_cells:,} cells"),
                        expected="a vote table (pass max_cells= if this really is one)",
                    )
                texts = []
                for c, cell in enumerate(row):
                    value = cell.value
                    if value is None:
                        texts.append("")
                        continue
                    if cell.data_type == "f":
                        formula = str(getattr(value, "text", None) or value)
                        sheet.formulas[(r, c)] = formula
                        texts.append(formula)
                    else:
                        texts.append(_clean(_value_text(value)))
                while texts and not texts[-1]:
                    texts.pop()
                if texts:
                    sheet.rows[r] = texts
            _fill_merged(sheet, merges.get(ws.title, []))
            sheets.append(sheet)
    except VoteDataError:
        raise
    except Exception as exc:  # broken XML inside a zip that passed the checks
        raise VoteDataError.at(
            path.name,
            found=Described(f"a workbook openpyxl cannot read ({type(exc).__name__}: {exc})"),
            expected="an .xlsx workbook saved by a spreadsheet program",
        ) from None
    finally:
        wb.close()
    return sheets


def _merged_ranges(path: Path) -> dict[str, list[tuple[int, int, int, int]]]:
    """Merged cell ranges of each sheet, read from the sheet XML.

    openpyxl's streaming reader does not report merges, and loading whole sheets
    into memory to get them would undo the size limits.
    """
    out: dict[str, list[tuple[int, int, int, int]]] = {}
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        if "xl/_rels/workbook.xml.rels" not in names:
            return out
        rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in rels if r.tag.endswith("Relationship")}
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
        for el in book.iter():
            if not el.tag.endswith("}sheet"):
                continue
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
            target = targets.get(rid, "")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            if part in names:
                out[el.get("name", "")] = list(_scan_merges(z, part))
    return out


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')


def _scan_merges(z: zipfile.ZipFile, part: str) -> Iterator[tuple[int, int, int, int]]:
    buffer = b""
    seen = False
    with z.open(part) as f:
        while chunk := f.read(1 << 20):
            buffer = (buffer + chunk) if seen else (buffer[-32:] + chunk)
            if not seen and b"mergeCells" in buffer:
                seen = True
            if len(buffer) > 20_000_000:
                break
    if not seen:
        return
    for m in _MERGE.finditer(buffer):
        r1, c1 = int(m[2]), _column_index(m[1].decode())
        r2 = int(m[4]) if m[4] else r1
        c2 = _column_index(m[3].decode()) if m[3] else c1
        yield r1, c1, r2, c2


def _fill_merged(sheet: _Sheet, merges: list[tuple[int, int, int, int]]) -> None:
    """Give every cell of a merged range the value shown in it (the top-left one's)."""
    if not sheet.rows:
        return
    last_row, width = max(sheet.rows), sheet.width
    for r1, c1, r2, c2 in merges:
        value = sheet.cell(r1, c1)
        if not value or (r1, c1) in sheet.formulas:
            continue
        for r in range(r1, min(r2, last_row) + 1):
            for c in range(c1, min(c2, width - 1) + 1):
                if (r, c) == (r1, c1):
                    continue
                cells = sheet.rows.setdefault(r, [])
                if len(cells) <= c:
                    cells.extend([""] * (c + 1 - len(cells)))
                if not cells[c]:
                    cells[c] = value


def _decode(raw: bytes, file: str, encoding: str | None) -> tuple[str, str]:
    if encoding is not None:
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise VoteDataError.at(
                file,
                found=Described(f"text that is not {encoding} ({exc})"),
                expected=f"a file saved as {encoding}",
            ) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw:
        raise VoteDataError.at(
            file,
            found=Described("a binary file (it contains NUL bytes)"),
            expected="a CSV text file (from a workbook, use File > Save As > CSV)",
        )
    with_bom = raw.startswith(b"\xef\xbb\xbf")
    if with_bom:
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), ("utf-8-sig" if with_bom else "utf-8")
    except UnicodeDecodeError:
        if with_bom:
            raise VoteDataError.at(
                file,
                found=Described("a UTF-8 byte-order mark followed by text that is not UTF-8"),
                expected="a CSV saved as UTF-8",
            ) from None
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise VoteDataError.at(
            file,
            row=raw[: exc.start].count(b"\n") + 1,
            found=Described(
                f"byte 0x{raw[exc.start]:02X} at offset {exc.start}, which "
                "is neither UTF-8 nor Windows-1252 text"
            ),
            expected="a CSV saved as UTF-8 (or pass encoding=)",
        ) from None


_ESCAPED = re.compile(r"^'(?=[=+\-@\t\r])")


def _sniff(text: str) -> str | None:
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rfind("\n")]
    best: tuple[int, int, str] | None = None
    for delimiter in (",", ";", "\t"):
        rows = [
            r
            for r in csv.reader(_io.StringIO(sample, newline=""), delimiter=delimiter)
            if any(c.strip() for c in r)
        ][:100]
        widths = [sum(1 for c in r if c.strip()) and len(r) for r in rows]
        counts: dict[int, int] = {}
        for w in widths:
            if w >= 2:
                counts[w] = counts.get(w, 0) + 1
        if not counts:
            continue
        width, hits = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        score = (hits, width, delimiter)
        if best is None or score[:2] > best[:2]:
            best = score
    return None if best is None else best[2]


def _csv_sheet(
    path: Path, *, delimiter: str | None, encoding: str | None, max_cells: int
) -> tuple[_Sheet, str, str]:
    raw = path.read_bytes()
    file = path.name
    if not raw.strip():
        raise VoteDataError.at(
            file, row=1, found=Described("an empty file"), expected="a header row and data rows"
        )
    text, used = _decode(raw, file, encoding)
    if not text.strip():
        raise VoteDataError.at(
            file, row=1, found=Described("an empty file"), expected="a header row and data rows"
        )
    if delimiter is None:
        delimiter = _sniff(text)
        if delimiter is None:
            first = next(line for line in text.splitlines() if line.strip())
            raise VoteDataError.at(
                file,
                row=1 + text.splitlines().index(first),
                found=Described(f"a single column (first row {first[:60]!r})"),
                expected="cells separated by ',' or ';' (or a tab); pass delimiter= for "
                "another separator",
            )
    sheet = _Sheet("", file, {})
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    record = 0
    cells = 0
    lines_before = 0
    try:
        for record, row in enumerate(reader, start=1):
            lines_before = reader.line_num
            cells += len(row)
            if cells > max_cells:
                raise VoteDataError.at(
                    file,
                    row=record,
                    found=Described(f"more than {max_cells:,} cells"),
                    expected="a vote table (pass max_cells= if this really is one)",
                )
            texts = [_clean(_ESCAPED.sub("", c)) for c in row]
            while texts and not texts[-1]:
                texts.pop()
            if texts:
                sheet.rows[record] = texts
    except csv.Error as exc:
        raise _quote_problem(file, text, delimiter, record + 1, lines_before, sheet, exc) from None
    return sheet, used, delimiter


def _quote_problem(
    file: str,
    text: str,
    delimiter: str,
    row: int,
    line_index: int,
    sheet: _Sheet,
    exc: csv.Error,
) -> VoteDataError:
    lines = text.splitlines()
    line = lines[line_index] if line_index < len(lines) else ""
    quote = line.find('"')
    column = None
    if quote >= 0:
        index = line[:quote].count(delimiter)
        header = next(iter(sheet.rows.values()), [])
        column = header[index] if index < len(header) and header[index] else _column_letter(index)
    expected = 'cells quoted as "text, with commas", a quote inside written twice ("")'
    if "field larger than field limit" in str(exc):
        found = f"a cell of more than {csv.field_size_limit():,} characters"
        expected = "shorter cells (a quote left open makes one cell of the rest of the file)"
    elif "end of data" in str(exc):
        found = f"a quote that opens a cell and is never closed ({exc})"
    else:
        found = f"a quote in the wrong place ({exc})"
    return VoteDataError.at(file, row=row, column=column, found=Described(found), expected=expected)


# --------------------------------------------------------------------- the guess


@dataclass(frozen=True)
class SheetGuess:
    """What the reader took one sheet (or CSV file) to be.

    Attributes
    ----------
    sheet
        Sheet name; ``""`` for a CSV file.
    layout
        ``"long"``, ``"wide"`` or ``"wide-transposed"`` (see :data:`LAYOUTS`).
    header_row
        Row of the header, as a spreadsheet shows it (the lowest row when the
        header spans several rows, which are listed in ``header_rows``).
    data_rows
        First and last row read as data; rows below are notes.
    member_column, vote_column, position_column
        Headers of the columns holding members, votes and positions (``None``
        where the layout has no such column: members head the columns of a
        transposed table, votes head those of a wide one).
    vote_columns
        Columns read as votes (wide) or as members (wide-transposed).
    votes
        Vote ids read from this sheet.
    positions
        How many positions were read.
    skipped
        Rows that were not read and why (notes, headings, rows without positions).
    filled_down
        Columns whose empty cells were read as "same as above".
    ignored_columns
        Columns with data that were not read (name them in ``columns=`` to read them).
    """

    sheet: str
    layout: str
    header_row: int
    header_rows: tuple[int, ...]
    data_rows: tuple[int, int]
    member_column: str | None
    vote_column: str | None
    position_column: str | None
    vote_columns: tuple[str, ...]
    votes: tuple[str, ...]
    positions: int
    skipped: tuple[str, ...] = ()
    filled_down: tuple[str, ...] = ()
    ignored_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class SpreadsheetGuess:
    """Everything :func:`read_spreadsheet` guessed, to show and to override.

    ``str(guess)`` is a short report; :meth:`arguments` gives the keyword arguments
    that pin every guess, to edit and pass back to :func:`read_spreadsheet`.
    """

    file: str
    sheets: tuple[SheetGuess, ...]
    skipped_sheets: tuple[tuple[str, str], ...]
    codes: tuple[tuple[str, str, int], ...]
    body: str
    body_from: str
    encoding: str | None = None
    delimiter: str | None = None
    members: tuple[tuple[str, str], ...] = ()

    def arguments(self) -> dict[str, Any]:
        """Keyword arguments for :func:`read_spreadsheet` that repeat this reading."""
        out: dict[str, Any] = {}
        if self.encoding is not None:
            out["encoding"] = self.encoding
            out["delimiter"] = self.delimiter
        if len(self.sheets) == 1:
            one = self.sheets[0]
            if one.sheet:
                out["sheet"] = one.sheet
            out["layout"] = one.layout
            out["header_row"] = one.header_row
        else:
            out["sheet"] = [s.sheet for s in self.sheets]
            out["layout"] = {s.sheet: s.layout for s in self.sheets}
            out["header_row"] = {s.sheet: s.header_row for s in self.sheets}
        out["codes"] = {code: position for code, position, _ in self.codes}
        out["body"] = self.body
        if self.members:
            out["members"] = dict(self.members)
        return out

    def __str__(self) -> str:
        lines = [f"Read {self.file}"]
        if self.encoding is not None:
            lines[0] += f" (CSV, {self.encoding}, delimiter {self.delimiter!r})"
        for s in self.sheets:
            name = f"sheet '{s.sheet}'" if s.sheet else "table"
            lines.append(
                f"  {name}: {_LAYOUT_WORDS[s.layout]}; header on "
                + (
                    f"row {s.header_row}"
                    if len(s.header_rows) == 1
                    else f"rows {s.header_rows[0]}-{s.header_rows[-1]}"
                )
                + f"; data rows {s.data_rows[0]}-{s.data_rows[1]}"
            )
            if s.layout == "long":
                lines.append(
                    f"    members in '{s.member_column}', positions in "
                    f"'{s.position_column}', votes "
                    + (f"in '{s.vote_column}'" if s.vote_column else "from the sheet or file name")
                )
            elif s.layout == "wide":
                lines.append(
                    f"    members in '{s.member_column}', {len(s.vote_columns)} vote column(s)"
                )
            else:
                lines.append(
                    f"    votes in '{s.vote_column}', {len(s.vote_columns)} member column(s)"
                )
            lines.append(
                f"    {s.positions} positions on {len(s.votes)} vote(s): " + _listing(s.votes)
            )
            lines += [f"    filled down empty cells of '{c}'" for c in s.filled_down]
            if s.ignored_columns:
                lines.append("    not read: column(s) " + _listing(s.ignored_columns))
            lines += [f"    skipped {why}" for why in s.skipped]
        lines += [f"  skipped sheet '{name}': {why}" for name, why in self.skipped_sheets]
        lines.append(
            "  codes: "
            + ", ".join(f"{code!r} -> {position} ({n})" for code, position, n in self.codes)
        )
        lines.append(f"  body: {self.body} ({self.body_from})")
        if self.members:
            lines.append(
                "  member ids given: " + ", ".join(f"{n!r} -> {i}" for n, i in self.members)
            )
        lines.append(
            "  override with read_spreadsheet(path, **guess.arguments()) after "
            "editing them (layout=, header_row=, codes=, sheet=, vote_id=, "
            "columns=, body=, members=)"
        )
        return "\n".join(lines)


_LAYOUT_WORDS = {
    "long": "long table (one row per member and vote)",
    "wide": "wide table (members as rows, votes as columns)",
    "wide-transposed": "wide table, transposed (votes as rows, members as columns)",
}


def _listing(items: Sequence[str], limit: int = 6) -> str:
    shown = ", ".join(repr(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


class SpreadsheetDataset(VoteDataset):
    """A :class:`VoteDataset` read from a spreadsheet, with what the reader guessed.

    ``guess`` is a :class:`SpreadsheetGuess`; ``print(data.guess)`` shows it.
    Everything else is a plain dataset (``filter`` returns a :class:`VoteDataset`).
    """

    guess: SpreadsheetGuess

    def __init__(self, *, guess: SpreadsheetGuess, **tables: Any) -> None:
        super().__init__(**tables)
        self.guess = guess


# --------------------------------------------------------------- sheet reading


class _Skip(Exception):
    """A sheet that holds no vote table; skipped when reading every sheet."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class _Vote:
    label: str
    where: str
    quote: str
    date: str | None = None
    title: str | None = None
    subject: str | None = None
    session: str | None = None
    body: str | None = None
    date_at: tuple[int, str] | None = None


@dataclass
class _Position:
    vote: str
    member: str
    code: str
    position: str
    row: int
    col: int
    name_row: int
    name_col: str
    constituency: str | None = None
    note: str | None = None


@dataclass
class _SheetResult:
    sheet: _Sheet
    guess: SheetGuess
    votes: dict[str, _Vote]
    positions: list[_Position]
    context: str


@dataclass
class _Options:
    codes: dict[str, str]
    layout: str | None
    header_row: int | None
    columns: dict[str, str]


def _header_label(sheet: _Sheet, rows: Sequence[int], col: int) -> str:
    parts: list[str] = []
    for r in rows:
        text = sheet.cell(r, col)
        if text and text not in parts:
            parts.append(text)
    return " – ".join(parts)


def _find_header(
    sheet: _Sheet, first_data: int, given: int | None, code_cols: Sequence[int]
) -> tuple[int, ...]:
    """Rows of the header: the nearest row above the data naming two or more columns
    (a heading such as "Government members" names one), with the header rows above it."""
    if given is not None:
        row = given
    else:
        above = [r for r in sheet.rows if r < first_data and _names_columns(sheet.rows[r])]
        if not above:
            raise _Skip(
                Problem(
                    sheet.where,
                    first_data,
                    None,
                    Described("positions with no header row above them"),
                    "a header row naming the columns (member, vote, ...)",
                )
            )
        row = max(above)
    rows = [row]
    # A header spread over rows directly above joins them: a group label merged
    # over vote columns, vote titles over their dates, a label merged down or with
    # nothing under it. A title (one value, or text over another header) does not.
    while len(rows) < 3 and (upper := row - len(rows)) in sheet.rows:
        cells = sheet.rows[upper]
        if not _names_columns(cells) or not all(
            c in code_cols or _key(text) == _key(sheet.cell(row, c)) or not sheet.cell(row, c)
            for c, text in enumerate(cells)
            if text
        ):
            break
        rows.insert(0, upper)
    return tuple(rows)


def _names_columns(cells: list[str]) -> bool:
    return len({c for c in cells if c}) >= 2


def _analyse(sheet: _Sheet, opts: _Options, problems: list[Problem]) -> _SheetResult:
    if not sheet.rows:
        raise _Skip(
            Problem(sheet.where, None, None, Described("an empty sheet"), "a table of positions")
        )
    codes = opts.codes
    width = sheet.width
    is_code = {
        (r, c)
        for r, cells in sheet.rows.items()
        for c, text in enumerate(cells)
        if text and (r, c) not in sheet.formulas and _key(text) in codes
    }
    if opts.header_row is not None and opts.header_row not in sheet.rows:
        raise VoteDataError.at(
            sheet.where,
            row=opts.header_row,
            found=Described("an empty row"),
            expected="header_row= on the row that names the columns",
        )
    start = opts.header_row or 0
    # Columns mostly made of codes, on the rows that hold any code, hold positions
    # (titles, headers and notes hold none and do not count).
    code_rows = {r for r, _ in is_code if r > start}
    nonempty = [0] * width
    coded = [0] * width
    for r in code_rows:
        for c, text in enumerate(sheet.rows[r]):
            if text:
                nonempty[c] += 1
                coded[c] += (r, c) in is_code
    code_cols = [c for c in range(width) if coded[c] >= 1 and coded[c] * 2 >= nonempty[c]]
    if not code_cols:
        if len(sheet.rows) == 1 and _names_columns(next(iter(sheet.rows.values()))):
            row = next(iter(sheet.rows))
            raise _Skip(
                Problem(
                    sheet.where,
                    row,
                    None,
                    Described("only a header row, with no data rows"),
                    "rows of positions under the header",
                )
            )
        sample = [
            t if len(t) <= 15 else t[:12] + "..."
            for cells in list(sheet.rows.values())[1:4]
            for t in cells
            if t
        ][:3]
        raise _Skip(
            Problem(
                sheet.where,
                None,
                None,
                Described(
                    "no position codes"
                    + (f" (cells such as {', '.join(repr(s) for s in sample)})" if sample else "")
                ),
                f"positions written as {_CODE_EXAMPLES} (pass codes= to add your own)",
            )
        )
    data_rows = sorted(
        r for r in sheet.rows if r > start and any((r, c) in is_code for c in code_cols)
    )
    header_rows = _find_header(sheet, data_rows[0], opts.header_row, code_cols)
    header_row = header_rows[-1]
    data_rows = [r for r in data_rows if r > header_row]
    if not data_rows:
        raise _Skip(
            Problem(
                sheet.where,
                header_row,
                None,
                Described("a header row and no positions under it"),
                "rows of positions under the header",
            )
        )
    labels = [_header_label(sheet, header_rows, c) for c in range(width)]
    names = [lab or _column_letter(c) for c, lab in enumerate(labels)]
    roles = {c: _role(labels[c]) for c in range(width)}
    for role, label in opts.columns.items():
        matches = [c for c in range(width) if _key(labels[c]) == _key(label)]
        if not matches:
            raise VoteDataError.at(
                sheet.where,
                row=header_row,
                column=label,
                found=Described("no such column"),
                expected=f"columns= naming headers of row {header_row}: {_listing(names, 12)}",
            )
        for c in range(width):
            if roles[c] == role:
                roles[c] = None
        roles[matches[0]] = role
    code_cols = [c for c in code_cols if roles[c] not in _DESCRIPTIVE]
    if "position" in opts.columns:
        code_cols = [c for c in range(width) if roles[c] == "position"]
    data_rows = [r for r in data_rows if any((r, c) in is_code for c in code_cols)]
    if not code_cols or not data_rows:
        raise _Skip(
            Problem(
                sheet.where,
                header_row,
                None,
                Described("no column of positions"),
                "a column (or columns) of position codes",
            )
        )
    first, last = data_rows[0], data_rows[-1]
    _no_second_header(sheet, header_row, first, last, labels, roles, is_code)
    position_like = [
        c for c in code_cols if roles[c] == "position" or _key(labels[c]) in _POSITION_LIKE
    ]
    layout = opts.layout
    if layout is None:
        if len(code_cols) >= 2 and position_like:
            others = [names[c] for c in code_cols if c not in position_like]
            raise VoteDataError.at(
                sheet.where,
                row=header_row,
                column=names[position_like[0]],
                found=Described(
                    f"mixed layouts: '{names[position_like[0]]}' beside vote columns "
                    + _listing(others, 2)
                ),
                expected="one layout per sheet: a long table (member, vote, position) or a "
                "wide one (a column per vote); put each on its own sheet, or pass "
                "layout='long' or layout='wide' to say which to read",
            )
        if len(code_cols) == 1 and (
            position_like
            or (
                any(roles[c] == "vote" for c in range(width) if c not in code_cols)
                and not _known_member(labels[code_cols[0]])  # one member's votes, transposed
            )
        ):
            layout = "long"
        else:
            layout = _wide_or_transposed(sheet, code_cols, roles, labels, data_rows)
    elif layout not in LAYOUTS:
        raise VoteDataError.at(
            sheet.where, column="layout=", found=layout, expected="one of " + ", ".join(LAYOUTS)
        )
    context = " ".join(
        [sheet.name] + [" ".join(sheet.rows[r]) for r in sheet.rows if r < header_rows[0]]
    )
    common = (sheet, header_rows, first, last, labels, names, roles, is_code, codes)
    if layout == "long":
        return _read_long(*common, code_cols, opts, problems, context)
    return _read_wide(*common, code_cols, layout, problems, context)


def _no_second_header(
    sheet: _Sheet,
    header_row: int,
    first: int,
    last: int,
    labels: list[str],
    roles: dict[int, str | None],
    is_code: set[tuple[int, int]],
) -> None:
    """Refuse a sheet holding two tables: a row inside the data that repeats the header."""
    for r in range(first, last + 1):
        cells = sheet.rows.get(r, [])
        if any((r, c) in is_code for c in range(len(cells))):
            continue
        repeats = [
            c
            for c, text in enumerate(cells)
            if text and c < len(labels) and roles[c] and _key(text) == _key(labels[c])
        ]
        if repeats:
            shown = ", ".join(repr(t) for t in cells if t)
            raise VoteDataError.at(
                sheet.where,
                row=r,
                column=labels[repeats[0]],
                found=Described(f"a second header row ({shown})"[:80]),
                expected=f"one table per sheet under the header on row {header_row} (mixed "
                "layouts or tables cannot be read together): put each table on its own sheet",
            )


def _wide_or_transposed(
    sheet: _Sheet,
    code_cols: list[int],
    roles: dict[int, str | None],
    labels: list[str],
    data_rows: list[int],
) -> str:
    """Members down the side (wide) or across the top (transposed): by the headers,
    else by which of the two holds more names the kit knows."""
    if any(roles[c] == "member" for c in roles if c not in code_cols):
        return "wide"
    if any(roles[c] in ("vote", "date", "title") for c in roles if c not in code_cols):
        return "wide-transposed"
    label_col = next((c for c in range(len(labels)) if c not in code_cols), None)
    if label_col is None:
        return "wide"
    across = sum(_known_member(labels[c]) for c in code_cols)
    down = sum(_known_member(sheet.cell(r, label_col)) for r in data_rows[:60])
    return "wide-transposed" if across > down else "wide"


def _known_member(name: str) -> bool:
    if not name:
        return False
    from .names import member_id

    try:
        member_id(name)
    except (VoteDataError, LookupError):
        return False
    return True


def _formula_problem(sheet: _Sheet, row: int, col: int, column: str) -> Problem:
    return Problem(
        sheet.where,
        row,
        column,
        sheet.formulas[(row, col)],
        "a value, not a formula (the kit does not compute formulas: copy the "
        "cells and paste them as values)",
    )


def _code_problem(sheet: _Sheet, row: int, column: str, text: str) -> Problem:
    return Problem(
        sheet.where,
        row,
        column,
        text,
        f"a position code such as {_CODE_EXAMPLES} (or pass codes="
        f"{{{text!r}: 'abstain'}}, say, to read it)",
    )


def _skip_row(row: int, label: str, codes: Mapping[str, str]) -> str | None:
    """Why a row in the data block is a note, not a member (None if it is a member)."""
    key = _key(label)
    if key in codes:
        return f"row {row} (a legend: {label!r})"
    if _SUMMARY.match(key):
        return f"row {row} (a summary or note: {label!r})"
    return None


def _read_long(
    sheet: _Sheet,
    header_rows: tuple[int, ...],
    first: int,
    last: int,
    labels: list[str],
    names: list[str],
    roles: dict[int, str | None],
    is_code: set[tuple[int, int]],
    codes: Mapping[str, str],
    code_cols: list[int],
    opts: _Options,
    problems: list[Problem],
    context: str,
) -> _SheetResult:
    header_row = header_rows[-1]
    pos_col = next((c for c in code_cols if roles[c] == "position"), None)
    if pos_col is None:
        pos_col = next((c for c in code_cols if _key(labels[c]) in _POSITION_LIKE), code_cols[0])
    role_col = {r: c for c, r in sorted(roles.items(), reverse=True) if r and c != pos_col}
    member_col = role_col.get("member")
    if member_col is None:
        member_col = next(
            (
                c
                for c in range(len(labels))
                if c != pos_col
                and roles[c] is None
                and any(sheet.cell(r, c) for r in range(first, last + 1))
            ),
            None,
        )
    if member_col is None:
        raise _Skip(
            Problem(
                sheet.where,
                header_row,
                None,
                Described("no column of members"),
                "a column naming the members (Member, Country, ...)",
            )
        )
    vote_col = role_col.get("vote")
    if vote_col is None and opts.layout == "long":
        vote_col = next(
            (
                c
                for c in range(len(labels))
                if c not in (pos_col, member_col)
                and roles[c] is None
                and any(sheet.cell(r, c) for r in range(first, last + 1))
            ),
            None,
        )
    single = _single_vote_label(sheet) if vote_col is None else None
    votes: dict[str, _Vote] = {}
    positions: list[_Position] = []
    skipped: list[str] = []
    filled: list[str] = []
    # The vote and the constituency are often written once above their rows;
    # a date or title is per vote and taken from whichever of its rows gives it.
    fill_cols = [c for c in (vote_col, role_col.get("constituency")) if c is not None]
    detail_cols = [
        role_col[k] for k in ("date", "session", "title", "body", "subject") if k in role_col
    ]
    above: dict[int, str] = {}
    empty_position = []
    for r in range(header_row + 1, last + 1):
        cells = sheet.rows.get(r)
        if not cells:
            continue
        member = sheet.cell(r, member_col)
        text = sheet.cell(r, pos_col)
        values = {c: sheet.cell(r, c) for c in fill_cols + detail_cols}
        if not member and not text and (r, pos_col) not in sheet.formulas:
            heading = _constituency(" ".join(t for t in cells if t))
            if heading and role_col.get("constituency") is not None:
                above[role_col["constituency"]] = heading
            if any(cells):
                skipped.append(
                    f"row {r} (no member and no position: {' '.join(t for t in cells if t)[:40]!r})"
                )
            continue
        for c in fill_cols:
            if values[c]:
                above[c] = values[c]
            elif c in above and member:
                values[c] = above[c]
                if names[c] not in filled:
                    filled.append(names[c])
        why = _skip_row(r, member, codes) if member else None
        if why:
            skipped.append(why)
            continue
        if (r, member_col) in sheet.formulas:
            problems.append(_formula_problem(sheet, r, member_col, names[member_col]))
            continue
        if (r, pos_col) in sheet.formulas:
            problems.append(_formula_problem(sheet, r, pos_col, names[pos_col]))
            continue
        if not text:
            empty_position.append(r)
            continue
        if (r, pos_col) not in is_code:
            problems.append(_code_problem(sheet, r, names[pos_col], text))
            continue
        if not member:
            problems.append(
                Problem(
                    sheet.where,
                    r,
                    names[member_col],
                    None,
                    f"the member whose position {text!r} this is",
                )
            )
            continue
        label = values.get(vote_col, "") if vote_col is not None else single
        if vote_col is not None and not label:
            problems.append(
                Problem(
                    sheet.where,
                    r,
                    names[vote_col],
                    None,
                    f"the vote that {member!r} cast {text!r} on",
                )
            )
            continue
        assert label is not None
        vote = votes.get(label)
        if vote is None:
            where = f"column '{names[vote_col]}'" if vote_col is not None else "sheet name"
            vote = votes[label] = _Vote(label, where, label)
        _vote_details(sheet, vote, r, values, role_col, names, problems)
        constituency = None
        if "constituency" in role_col:
            constituency = _constituency_cell(
                sheet,
                r,
                values.get(role_col["constituency"], ""),
                names[role_col["constituency"]],
                problems,
            )
        note_col = role_col.get("notes")
        positions.append(
            _Position(
                label,
                member,
                text,
                codes[_key(text)],
                r,
                pos_col,
                r,
                names[member_col],
                constituency,
                sheet.cell(r, note_col) if note_col is not None else None,
            )
        )
    if empty_position:
        skipped.append(
            f"{len(empty_position)} row(s) with no position (rows "
            f"{_spans(empty_position)}): not known, not read"
        )
    guess = SheetGuess(
        sheet.name,
        "long",
        header_row,
        header_rows,
        (first, last),
        names[member_col],
        names[vote_col] if vote_col is not None else None,
        names[pos_col],
        (),
        tuple(votes),
        len(positions),
        tuple(skipped) + _notes_below(sheet, last),
        tuple(filled),
        _ignored(sheet, first, last, {member_col, pos_col, vote_col, *role_col.values()}, names),
    )
    return _SheetResult(sheet, guess, votes, positions, context)


def _ignored(
    sheet: _Sheet, first: int, last: int, used: set[int | None], names: list[str]
) -> tuple[str, ...]:
    return tuple(
        names[c]
        for c in range(len(names))
        if c not in used and any(sheet.cell(r, c) for r in range(first, last + 1))
    )


def _single_vote_label(sheet: _Sheet) -> str:
    """The one vote of a table without a vote column: named after its sheet or file."""
    if sheet.name and not re.fullmatch(
        r"(sheet|feuil|feuille|hoja|tabelle|foglio)\s*\d*", _key(sheet.name)
    ):
        return sheet.name
    return Path(sheet.where.split(" (sheet ")[0]).stem


def _spans(rows: Sequence[int]) -> str:
    out: list[str] = []
    start = prev = rows[0]
    for r in [*rows[1:], -1]:
        if r != prev + 1:
            out.append(str(start) if start == prev else f"{start}-{prev}")
            start = r
        prev = r
    return ", ".join(out)


def _notes_below(sheet: _Sheet, last: int) -> tuple[str, ...]:
    below = [r for r in sheet.rows if r > last]
    if not below:
        return ()
    first = " ".join(t for t in sheet.rows[below[0]] if t)
    return (f"row(s) {_spans(below)} under the data as notes (first: {first[:50]!r})",)


def _vote_details(
    sheet: _Sheet,
    vote: _Vote,
    row: int,
    values: Mapping[int, str],
    role_col: Mapping[str, int],
    names: list[str],
    problems: list[Problem],
) -> None:
    for role in ("title", "subject", "session", "body"):
        c = role_col.get(role)
        if c is not None and values.get(c) and getattr(vote, role) is None:
            setattr(vote, role, values[c])
    c = role_col.get("date")
    if c is None or not values.get(c):
        return
    text = values[c]
    try:
        iso = _date(text) or _year(text)
    except _BadDate:
        problems.append(
            Problem(
                sheet.where, row, names[c], text, "a real date (such as 2025-11-24 or 24/11/2025)"
            )
        )
        return
    if iso is None:
        problems.append(
            Problem(
                sheet.where,
                row,
                names[c],
                text,
                "a date such as 2025-11-24, 24/11/2025 or 24 November 2025",
            )
        )
    elif vote.date is None:
        vote.date, vote.date_at = iso, (row, names[c])
    elif vote.date != iso and vote.date_at is not None:
        problems.append(
            Problem(
                sheet.where,
                row,
                names[c],
                text,
                f"the same date on every row of vote {vote.label!r} (row "
                f"{vote.date_at[0]} gives {vote.date})",
            )
        )


def _constituency_cell(
    sheet: _Sheet, row: int, text: str, column: str, problems: list[Problem]
) -> str | None:
    if not text:
        return None
    value = _constituency(text)
    if value is None:
        problems.append(
            Problem(
                sheet.where,
                row,
                column,
                text,
                "a constituency: government, employer, worker or state",
            )
        )
    return value


def _read_wide(
    sheet: _Sheet,
    header_rows: tuple[int, ...],
    first: int,
    last: int,
    labels: list[str],
    names: list[str],
    roles: dict[int, str | None],
    is_code: set[tuple[int, int]],
    codes: Mapping[str, str],
    code_cols: list[int],
    layout: str,
    problems: list[Problem],
    context: str,
) -> _SheetResult:
    header_row = header_rows[-1]
    transposed = layout == "wide-transposed"
    role_col = {r: c for c, r in sorted(roles.items(), reverse=True) if r and c not in code_cols}
    label_role = "vote" if transposed else "member"
    label_col = role_col.get(label_role)
    if label_col is None and transposed:
        label_col = role_col.get("title", role_col.get("date"))
    if label_col is None:
        label_col = next(
            (
                c
                for c in range(len(labels))
                if c not in code_cols
                and roles[c] is None
                and any(sheet.cell(r, c) for r in range(first, last + 1))
            ),
            None,
        )
    if label_col is None:
        what = "votes" if transposed else "members"
        raise _Skip(
            Problem(
                sheet.where,
                header_row,
                None,
                Described(f"no column of {what}"),
                f"a column naming the {what} beside the positions",
            )
        )
    # Across the header: votes (wide) or members (transposed), each once.
    across: dict[int, str] = {}
    seen: dict[str, int] = {}
    for c in code_cols:
        label = labels[c]
        if (header_row, c) in sheet.formulas:
            problems.append(_formula_problem(sheet, header_row, c, _column_letter(c)))
            continue
        if not label:
            problems.append(
                Problem(
                    sheet.where,
                    header_row,
                    _column_letter(c),
                    None,
                    "a header naming the "
                    + ("member" if transposed else "vote")
                    + " of this column",
                )
            )
            continue
        key = _key(label)
        if key in seen:
            problems.append(
                Problem(
                    sheet.where,
                    header_row,
                    label,
                    label,
                    "each "
                    + ("member" if transposed else "vote")
                    + f" once in the header; it is also in column "
                    f"{_column_letter(seen[key])}",
                )
            )
            continue
        seen[key] = c
        across[c] = label
    votes: dict[str, _Vote] = {}
    if not transposed:
        for c, label in list(across.items()):
            vote = _header_vote(sheet, header_rows, c, label, problems)
            if vote.label in votes:  # the same title on two dates: keep the dates
                vote.label = label
            across[c] = vote.label
            votes[vote.label] = vote
    positions: list[_Position] = []
    skipped: list[str] = []
    filled: list[str] = []
    constituency_col = role_col.get("constituency")
    heading: str | None = None
    above: str | None = None
    down: dict[str, int] = {}
    for r in range(header_row + 1, last + 1):
        cells = sheet.rows.get(r)
        if not cells:
            continue
        label = sheet.cell(r, label_col)
        coded = [c for c in across if (r, c) in is_code]
        filled_cells = [c for c in across if sheet.cell(r, c)]
        if not label and not filled_cells:
            text = " ".join(t for t in cells if t)
            if not transposed and _constituency(text):
                heading = _constituency(text)
                skipped.append(f"row {r} (heading {text!r}: constituency {heading} below)")
            elif text:
                skipped.append(f"row {r} (no {'vote' if transposed else 'member'}: {text[:40]!r})")
            continue
        if label and not filled_cells:
            if not transposed and _constituency(label):
                heading = _constituency(label)
                skipped.append(f"row {r} (heading {label!r}: constituency {heading} below)")
            else:
                skipped.append(_skip_row(r, label, codes) or f"row {r} ({label!r}: no positions)")
            continue
        why = _skip_row(r, label, codes) if label else None
        if why:
            skipped.append(why)
            continue
        if (r, label_col) in sheet.formulas:
            problems.append(_formula_problem(sheet, r, label_col, names[label_col]))
            continue
        if not label:
            problems.append(
                Problem(
                    sheet.where,
                    r,
                    names[label_col],
                    None,
                    "the " + ("vote" if transposed else "member") + " these positions belong to",
                )
            )
            continue
        key = _key(label)
        if key in down:
            problems.append(
                Problem(
                    sheet.where,
                    r,
                    names[label_col],
                    label,
                    "each "
                    + ("vote" if transposed else "member")
                    + f" on one row; it is also on row {down[key]}",
                )
            )
            continue
        down[key] = r
        for c in filled_cells:
            text = sheet.cell(r, c)
            if (r, c) in sheet.formulas:
                problems.append(_formula_problem(sheet, r, c, names[c]))
            elif c not in coded:
                problems.append(_code_problem(sheet, r, names[c], text))
        constituency = heading
        if constituency_col is not None:
            value = sheet.cell(r, constituency_col)
            if value:
                above = value
            elif above:
                value = above
                if names[constituency_col] not in filled:
                    filled.append(names[constituency_col])
            constituency = (
                _constituency_cell(sheet, r, value, names[constituency_col], problems) or heading
            )
        note_col = role_col.get("notes")
        note = sheet.cell(r, note_col) if note_col is not None else None
        if transposed:
            vote = votes[label] = _Vote(label, f"column '{names[label_col]}'", label)
            values = {c: sheet.cell(r, c) for c in role_col.values()}
            _vote_details(sheet, vote, r, values, role_col, names, problems)
            for c in coded:
                positions.append(
                    _Position(
                        label,
                        across[c],
                        sheet.cell(r, c),
                        codes[_key(sheet.cell(r, c))],
                        r,
                        c,
                        header_row,
                        _column_letter(c),
                        None,
                        note,
                    )
                )
        else:
            for c in coded:
                positions.append(
                    _Position(
                        across[c],
                        label,
                        sheet.cell(r, c),
                        codes[_key(sheet.cell(r, c))],
                        r,
                        c,
                        r,
                        names[label_col],
                        constituency,
                        note,
                    )
                )
    guess = SheetGuess(
        sheet.name,
        layout,
        header_row,
        header_rows,
        (first, last),
        None if transposed else names[label_col],
        names[label_col] if transposed else None,
        None,
        tuple(across.values()),
        tuple(votes),
        len(positions),
        tuple(skipped) + _notes_below(sheet, last),
        tuple(filled),
        _ignored(sheet, first, last, {label_col, *across, *role_col.values()}, names),
    )
    return _SheetResult(sheet, guess, votes, positions, context)


def _header_vote(
    sheet: _Sheet,
    header_rows: tuple[int, ...],
    col: int,
    label: str,
    problems: list[Problem],
) -> _Vote:
    """A vote named in a header; a date in the header cells above or below is its date."""
    parts: list[str] = []
    date: str | None = None
    for r in header_rows:
        text = sheet.cell(r, col)
        if not text or text in parts:
            continue
        try:
            iso = _date(text)
        except _BadDate:
            problems.append(
                Problem(
                    sheet.where,
                    r,
                    _column_letter(col),
                    text,
                    "a real date (such as 2025-11-24 or 24/11/2025)",
                )
            )
            continue
        if iso is not None and len(header_rows) > 1:
            date = iso
        else:
            parts.append(text)
    title = " – ".join(parts) or label
    vote = _Vote(title, f"column {_column_letter(col)}", label, date=date)
    vote.title = title
    return vote


# ------------------------------------------------------------- whole workbook


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
)


def _bodies_named(text: str) -> set[str]:
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


def _kind(text: str) -> str:
    key = _key(text)
    return next((kind for kind, pattern in _KINDS if pattern.search(key)), "decision")


def _resolve_members(
    results: list[_SheetResult],
    given: Mapping[str, str],
    accept_suggestions: bool,
    problems: list[Problem],
) -> dict[tuple[str, str], str]:
    """Member id of each (sheet, name as written): given, or through :mod:`.names`."""
    from .names import member_ids

    own = {_key(name): member for name, member in given.items()}
    ids: dict[tuple[str, str], str] = {}
    for result in results:
        groups: dict[str, dict[str, int]] = {}
        for p in result.positions:
            if _key(p.member) in own:
                ids[(result.sheet.name, p.member)] = own[_key(p.member)]
            else:
                groups.setdefault(p.name_col, {}).setdefault(p.member, p.name_row)
        for column, first_rows in groups.items():
            names = list(first_rows)
            try:
                found = member_ids(
                    names,
                    file=result.sheet.where,
                    rows=[first_rows[n] for n in names],
                    column=column,
                    accept_suggestions=accept_suggestions,
                )
            except VoteDataError as exc:
                problems.extend(exc.problems)
                continue
            ids.update({(result.sheet.name, n): i for n, i in zip(names, found, strict=True)})
    return ids


def _vote_ids(
    results: list[_SheetResult], vote_id: str | Mapping[str, str] | None, file: str
) -> dict[tuple[str, str], str]:
    """Vote id of each (sheet, vote label); labels found on two sheets get the sheet name."""
    sheets_of: dict[str, set[str]] = {}
    for result in results:
        for label in result.votes:
            sheets_of.setdefault(label, set()).add(result.sheet.name)
    out = {
        (result.sheet.name, label): (
            f"{result.sheet.name}: {label}" if len(sheets_of[label]) > 1 else label
        )
        for result in results
        for label in result.votes
    }
    if isinstance(vote_id, str):
        if len(set(out.values())) != 1:
            raise VoteDataError.at(
                file,
                column="vote_id=",
                found=Described(
                    f"{len(set(out.values()))} votes ({_listing(sorted(set(out.values())))})"
                ),
                expected="one vote for a single vote_id=; name several with a mapping "
                "{vote as found: id}",
            )
        return dict.fromkeys(out, vote_id)
    if vote_id:
        unknown = [k for k in vote_id if k not in out.values()]
        if unknown:
            raise VoteDataError.at(
                file,
                column="vote_id=",
                found=unknown[0],
                expected="a vote as found in the file: " + _listing(sorted(set(out.values())), 10),
            )
        out = {k: vote_id.get(v, v) for k, v in out.items()}
    return out


def read_spreadsheet(
    path: str | Path,
    *,
    sheet: str | int | Sequence[str | int] | None = None,
    layout: str | Mapping[str, str] | None = None,
    header_row: int | Mapping[str, int] | None = None,
    codes: Mapping[str, str] | None = None,
    vote_id: str | Mapping[str, str] | None = None,
    columns: Mapping[str, str] | None = None,
    body: str | None = None,
    kind: str | None = None,
    source: str | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    members: Mapping[str, str] | None = None,
    accept_suggestions: bool = False,
    max_bytes: int = MAX_BYTES,
    max_cells: int = MAX_CELLS,
) -> SpreadsheetDataset:
    """Read votes from a workbook or CSV file laid out as people lay them out.

    Reads long tables (one row per member and vote), wide tables (members as rows,
    votes as columns) and their transpose, from every sheet of an .xlsx or from a
    CSV (``,``, ``;`` or tab; UTF-8 with or without BOM, or Windows-1252). Title rows
    above the header, headers over several rows or merged, blank rows, notes under
    the data and stray spaces are allowed. Member names become ids through
    :func:`voteanalysis.names.member_ids`.

    Parameters
    ----------
    path
        The .xlsx workbook or .csv file.
    sheet
        Sheet name or 0-based index (or a list of them) to read. Default: every
        sheet holding positions; the others are skipped and listed in the guess.
    layout
        ``"long"``, ``"wide"`` or ``"wide-transposed"``, or a mapping sheet -> layout.
    header_row
        Row of the header as a spreadsheet shows it (or a mapping sheet -> row).
    codes
        Extra or different position codes, e.g. ``{"J": "yes", "A": "absent"}``.
    vote_id
        The id of the only vote, or a mapping {vote as found: id} to rename votes.
    columns
        Which header holds what: ``{"member": "Pays", "vote": "Scrutin",
        "position": "Sens du vote", "date": ..., "constituency": ..., "notes": ...}``.
    body
        The voting body (a key of ``schema.BODIES``). Default: guessed from the file
        name, sheet names and title rows.
    kind
        What every vote decides (``schema`` enum). Default: guessed from each vote's
        title, ``decision`` when it names nothing else.
    source
        Where the spreadsheet came from (a web address), put in ``source_url``.
        Default: the file name.
    delimiter, encoding
        For CSV files; guessed by default.
    members
        Member ids for names the kit does not know, e.g. ``{"Washington": "USA"}``
        (a press usage); other names go through :func:`voteanalysis.names.member_ids`.
    accept_suggestions
        Take the closest known member for a name that is not known, instead of
        stopping with the list of such names.
    max_bytes, max_cells
        Larger files, and sheets with more cells, are refused before reading.

    Returns
    -------
    SpreadsheetDataset
        A :class:`VoteDataset` that passes the kit's validation; ``.guess`` holds
        what was guessed (``print(data.guess)``).

    Raises
    ------
    VoteDataError
        One error listing every problem found, each with file (and sheet), row,
        column, what was found and what was expected.

    Examples
    --------
    >>> import voteanalysis as va
    >>> from voteanalysis.spreadsheet import read_spreadsheet
    >>> data = read_spreadsheet("gb-votes.xlsx")  # doctest: +SKIP
    >>> print(data.guess)  # doctest: +SKIP
    >>> data = read_spreadsheet("gb-votes.xlsx", **{**data.guess.arguments(),
    ...                         "header_row": 4})  # doctest: +SKIP
    """
    path = Path(path)
    if not path.is_file():
        raise VoteDataError.at(
            str(path), found=Described("no such file"), expected="an .xlsx workbook or a .csv file"
        )
    _check_size(path, max_bytes)
    table = _code_table(codes)
    if body is not None and body not in BODIES:
        raise VoteDataError.at(
            path.name, column="body=", found=body, expected="one of " + ", ".join(BODIES)
        )
    bad = [n for n, m in (members or {}).items() if not isinstance(m, str) or not m.strip()]
    if bad:
        raise VoteDataError.at(
            path.name,
            column="members=",
            found=str(bad[0]),
            expected="a member id (such as 'USA') for each name",
        )
    kinds = TABLES["votes"].get("kind").enum or ()
    if kind is not None and kind not in kinds:
        raise VoteDataError.at(
            path.name, column="kind=", found=kind, expected="one of " + ", ".join(kinds)
        )
    csv_info: tuple[str, str] | None = None
    with path.open("rb") as f:
        head = f.read(8)
    # By content first: a workbook renamed .csv, or an .xls, gets the workbook checks.
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls") or head.startswith(
        (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
    ):
        sheets = _workbook_sheets(path, max_cells)
    else:
        one, used, delim = _csv_sheet(
            path, delimiter=delimiter, encoding=encoding, max_cells=max_cells
        )
        sheets, csv_info = [one], (used, delim)
    chosen, explicit = _choose_sheets(path.name, sheets, sheet)
    problems: list[Problem] = []
    results: list[_SheetResult] = []
    skipped: list[tuple[str, str]] = []
    skip_problems: list[Problem] = []
    for s in chosen:
        opts = _Options(
            table,
            layout.get(s.name) if isinstance(layout, Mapping) else layout,
            header_row.get(s.name) if isinstance(header_row, Mapping) else header_row,
            dict(columns or {}),
        )
        try:
            results.append(_analyse(s, opts, problems))
        except _Skip as skip:
            if explicit:
                problems.append(skip.problem)
            skipped.append((s.name, f"{skip.problem.found}"))
            skip_problems.append(skip.problem)
    raise_problems(problems)
    if not results:
        raise VoteDataError(skip_problems)
    ids = _resolve_members(results, members or {}, accept_suggestions, problems)
    raise_problems(problems)
    vote_ids = _vote_ids(results, vote_id, path.name)
    _check_duplicates(results, ids, vote_ids, problems)
    raise_problems(problems)
    bodies, body_from = _bodies(path, results, body)
    data = _dataset(path, results, ids, vote_ids, bodies, kind, source)
    used_codes: dict[str, tuple[str, str, int]] = {}
    for result in results:
        for p in result.positions:
            written, position, n = used_codes.get(_key(p.code), (p.code, p.position, 0))
            used_codes[_key(p.code)] = (written, position, n + 1)
    guess = SpreadsheetGuess(
        path.name,
        tuple(_renamed(r.guess, vote_ids, r.sheet.name) for r in results),
        tuple(skipped),
        tuple(sorted(used_codes.values(), key=lambda code: POSITIONS.index(code[1]))),
        ", ".join(sorted(set(bodies.values()))),
        body_from,
        encoding=csv_info[0] if csv_info else None,
        delimiter=csv_info[1] if csv_info else None,
        members=tuple((name, member) for name, member in (members or {}).items()),
    )
    return SpreadsheetDataset(guess=guess, **data)


def _renamed(guess: SheetGuess, vote_ids: Mapping[tuple[str, str], str], sheet: str) -> SheetGuess:
    return replace(guess, votes=tuple(vote_ids[(sheet, v)] for v in guess.votes))


def _choose_sheets(
    file: str, sheets: list[_Sheet], wanted: str | int | Sequence[str | int] | None
) -> tuple[list[_Sheet], bool]:
    if wanted is None:
        return sheets, len(sheets) == 1
    items = [wanted] if isinstance(wanted, (str, int)) else list(wanted)
    chosen = []
    for item in items:
        if isinstance(item, int) and not isinstance(item, bool):
            if not 0 <= item < len(sheets):
                raise VoteDataError.at(
                    file,
                    column="sheet=",
                    found=str(item),
                    expected=f"a sheet index from 0 to {len(sheets) - 1}",
                )
            chosen.append(sheets[item])
            continue
        match = [s for s in sheets if s.name == item] or [
            s for s in sheets if _key(s.name) == _key(str(item))
        ]
        if not match:
            raise VoteDataError.at(
                file,
                column="sheet=",
                found=str(item),
                expected="a sheet of the workbook: " + _listing([s.name for s in sheets], 12),
            )
        chosen.append(match[0])
    return chosen, True


def _bodies(
    path: Path, results: list[_SheetResult], body: str | None
) -> tuple[dict[tuple[str, str], str], str]:
    """Body of each (sheet, vote label): given, from a body column, or guessed."""
    out: dict[tuple[str, str], str] = {}
    file_bodies = _bodies_named(path.stem)
    froms: set[str] = set()
    problems: list[Problem] = []
    for result in results:
        sheet_bodies = _bodies_named(result.context)
        for label, vote in result.votes.items():
            if body is not None:
                out[(result.sheet.name, label)] = body
                froms.add("given")
                continue
            if vote.body:
                named = _bodies_named(vote.body) or ({vote.body} & set(BODIES))
                if len(named) != 1:
                    problems.append(
                        Problem(
                            result.sheet.where,
                            None,
                            "body",
                            vote.body,
                            "a voting body: " + ", ".join(BODIES),
                        )
                    )
                    continue
                out[(result.sheet.name, label)] = named.pop()
                froms.add("from the body column")
                continue
            for candidates, where in (
                (
                    _bodies_named(label) if len(sheet_bodies | file_bodies) != 1 else set(),
                    "the vote title",
                ),
                (
                    sheet_bodies,
                    "the sheet name and title rows" if result.sheet.name else "the title rows",
                ),
                (file_bodies, "the file name"),
            ):
                if len(candidates) == 1:
                    out[(result.sheet.name, label)] = next(iter(candidates))
                    froms.add(f"guessed from {where}")
                    break
            else:
                named = sheet_bodies | file_bodies
                problems.append(
                    Problem(
                        result.sheet.where,
                        None,
                        None,
                        Described(
                            "no single voting body named in the file name, sheet name "
                            "or title rows"
                            + (f" (several: {', '.join(sorted(named))})" if named else "")
                        ),
                        "body= one of "
                        + ", ".join(BODIES)
                        + " (e.g. read_spreadsheet(path, body='ILO-GB'))",
                    )
                )
                break
    raise_problems(problems)
    return out, "; ".join(sorted(froms))


def _check_duplicates(
    results: list[_SheetResult],
    ids: Mapping[tuple[str, str], str],
    vote_ids: Mapping[tuple[str, str], str],
    problems: list[Problem],
) -> None:
    seen: dict[tuple[str, str], tuple[_SheetResult, _Position]] = {}
    for result in results:
        for p in result.positions:
            key = (vote_ids[(result.sheet.name, p.vote)], ids[(result.sheet.name, p.member)])
            if key in seen:
                first_result, first = seen[key]
                where = f"row {first.row}" + (
                    "" if first_result is result else f" of {first_result.sheet.where}"
                )
                same = (
                    "" if first.member == p.member else f" ({first.member!r}, same member {key[1]})"
                )
                problems.append(
                    Problem(
                        result.sheet.where,
                        p.row,
                        p.name_col if p.name_row == p.row else _column_letter(p.col),
                        f"{p.member}: {p.code}",
                        f"each member once per vote ({key[0]}); it is also on {where}{same}",
                    )
                )
            else:
                seen[key] = (result, p)


def _dataset(
    path: Path,
    results: list[_SheetResult],
    ids: Mapping[tuple[str, str], str],
    vote_ids: Mapping[tuple[str, str], str],
    bodies: Mapping[tuple[str, str], str],
    kind: str | None,
    source: str | None,
) -> dict[str, Any]:
    source_url = source or path.name
    votes: dict[str, dict[str, str]] = {}
    positions: list[dict[str, str]] = []
    file_session = _session_named(path.stem)
    for result in results:
        sheet_session = _session_named(result.context)
        for label, vote in result.votes.items():
            vid = vote_ids[(result.sheet.name, label)]
            if vid in votes:
                continue
            title = vote.title or vote.label
            votes[vid] = {
                "vote_id": vid,
                "body": bodies[(result.sheet.name, label)],
                "session": vote.session
                or _session_named(label)
                or sheet_session
                or file_session
                or "",
                "date": vote.date or "",
                "title": title,
                "subject": vote.subject or "",
                "kind": kind or _kind(title),
                "source_url": source_url,
                "source_quote": vote.quote,
                "notes": f"Read from {result.sheet.where}, {vote.where}.",
            }
        for p in result.positions:
            cell = f"{_column_letter(p.col)}{p.row}"
            note = f"{result.sheet.where}, cell {cell}"
            positions.append(
                {
                    "vote_id": vote_ids[(result.sheet.name, p.vote)],
                    "member_id": ids[(result.sheet.name, p.member)],
                    "member": p.member,
                    "constituency": p.constituency or "",
                    "position": p.position,
                    "source_url": source_url,
                    "source_quote": f"{p.member}: {p.code}",
                    "notes": f"{p.note} ({note})" if p.note else note,
                }
            )
    raws = {
        "votes": pd.DataFrame(
            list(votes.values()), columns=TABLES["votes"].columns, dtype="str"
        ).fillna(""),
        "positions": pd.DataFrame(
            positions, columns=TABLES["positions"].columns, dtype="str"
        ).fillna(""),
    }
    problems: list[Problem] = []
    for name in ("votes", "positions"):
        problems += check_table(raws[name], TABLES[name], file=f"{path.name} (as read)")
    raise_problems(problems)
    typed = {}
    for name, t in TABLES.items():
        raw = raws.get(name)
        if raw is None:
            raw = pd.DataFrame({c: pd.Series([], dtype="str") for c in t.columns})
        typed[name] = typed_table(raw, t)
    files = {name: f"{path.name} (as read)" for name in TABLES}
    raise_problems(check_dataset(typed, files))
    return {**typed, "origin": path.name}
