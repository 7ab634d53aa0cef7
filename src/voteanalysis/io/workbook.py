"""Opening workbooks and CSV files safely, and reading them as grids of text cells.

:func:`open_workbook` refuses files that are not workbooks, password-protected
workbooks, zip bombs and XML entity tricks before openpyxl parses anything.
Each sheet of an .xlsx (merged cells filled in) or a CSV file (encoding and
delimiter guessed) becomes rows of cell text as a spreadsheet shows them, which
:mod:`voteanalysis.io.spreadsheet` then reads as a vote table.
"""

from __future__ import annotations

import csv
import datetime as dt
import io as _io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from ..errors import Described, VoteDataError

__all__ = [
    "MAX_CELLS",
    "MAX_CELL_CHARS",
    "MAX_COMPRESSION_RATIO",
    "MAX_UNZIPPED_BYTES",
    "check_workbook",
    "csv_records",
    "csv_text",
    "decode_text",
    "open_workbook",
]

#: A workbook whose parts unzip to more than this is refused (a zip bomb, or no vote table).
MAX_UNZIPPED_BYTES = 200_000_000
#: A part that unzips to more than 10 MB at more than this ratio is a zip bomb: real
#: worksheets compress 5 to 30 times.
MAX_COMPRESSION_RATIO = 100
#: Sheets with more cells than this are refused (a vote table of every UN member on
#: every recorded vote has about a million).
MAX_CELLS = 5_000_000

#: Cells longer than this are refused with their location (Excel's own limit per cell).
MAX_CELL_CHARS = 32_767

_EXCEL_MAX_ROWS = 1_048_576
_BOMB_MIN_BYTES = 10_000_000


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
        raise _unreadable(path.name, exc) from None


def _unreadable(file: str, exc: Exception) -> VoteDataError:
    return VoteDataError.at(
        file,
        found=Described(f"a workbook openpyxl cannot read ({type(exc).__name__}: {exc})"),
        expected="an .xlsx workbook saved by a spreadsheet program",
    )


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


# Control characters (but tab and line breaks) and the bidirectional embeddings,
# overrides and isolates that can hide or reorder what a name or id shows.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _cell_problem(text: str) -> tuple[Described, str] | None:
    """What is wrong with a cell's text before it is read (found, expected), if anything.

    Cells longer than :data:`MAX_CELL_CHARS` are refused before any other work on
    them, so a huge shared string in many cells costs one look at its length.
    """
    if len(text) > MAX_CELL_CHARS:
        return (
            Described(f"a cell of {len(text):,} characters"),
            f"at most {MAX_CELL_CHARS:,} characters in a cell (the limit of Excel itself)",
        )
    m = _UNSAFE.search(text)
    if m is not None:
        kind = (
            "a right-to-left or left-to-right override"
            if "\u202a" <= m[0] <= "\u2069"
            else "a control character"
        )
        return (
            Described(f"{kind} (U+{ord(m[0]):04X}) at character {m.start() + 1}"),
            "text without control characters or direction overrides (they hide or "
            "reorder what a name or id shows): retype the cell",
        )
    return None


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")


def _trim(text: str) -> str:
    """Cell text without what people do not see at its edges or at all.

    Surrounding spaces go, a non-breaking space is a space, and zero-width
    characters, byte-order marks and soft hyphens are removed. The kit's own layout
    cleans its cells so (its text is otherwise as written); a spreadsheet's cells are
    also :func:`_clean`.
    """
    return _INVISIBLE.sub("", text).replace("\u00a0", " ").strip()


def _clean(text: str) -> str:
    """Cell text without the spaces people do not see (trailing, non-breaking, doubled)."""
    return _SPACES.sub(" ", _trim(text))


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


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="([0-9]+)"')
_VALUE_TAG = re.compile(rb"<(?:\w+:)?(?:v|is|f)[\s>/]")


def _last_value_row(ws: Any) -> int | None:
    """The last row of a read-only sheet that holds a value, by scanning its XML.

    Rows under it (styled empty rows, a ``<dimension>`` reaching far past the data)
    are then never parsed cell by cell. ``None`` when the sheet cannot be scanned so
    (rows without numbers): it is then read to its end.
    """
    last: int | None = None
    current: int | None = None
    tail = b""
    try:
        with ws._get_source() as f:
            while chunk := f.read(1 << 20):
                data = tail + chunk
                cut = data.rfind(b"<")  # the tail holds the last tag, maybe cut short
                cut = len(data) if cut < 0 else cut
                body, tail = data[:cut], data[cut:]
                last, current = _scan_rows(body, last, current)
                if last == -1:
                    return None
        last, current = _scan_rows(tail, last, current)
    except Exception:  # an unreadable part: openpyxl will say so when it reads it
        return None
    return None if last == -1 else (last or 0)


def _scan_rows(data: bytes, last: int | None, current: int | None) -> tuple[int | None, int | None]:
    rows = list(_ROW_NUMBER.finditer(data))
    if len(rows) != len(_ROW_TAG.findall(data)):
        return -1, current  # a row without its number
    value = None
    for found in _VALUE_TAG.finditer(data):
        value = found
    if value is not None:
        before = [m for m in rows if m.start() < value.start()]
        row = int(before[-1][1]) if before else current
        if row is not None:
            last = row
    if rows:
        current = int(rows[-1][1])
    return last, current


def _workbook_sheets(path: Path, max_cells: int) -> list[_Sheet]:
    wb = open_workbook(path)
    try:
        return _sheets_of(wb, path, max_cells)
    finally:
        wb.close()


def _sheets_of(wb: Any, path: Path, max_cells: int) -> list[_Sheet]:
    """Every sheet's cells of a workbook opened by :func:`open_workbook` (left open)."""
    sheets: list[_Sheet] = []
    try:
        merges = _merged_ranges(path)
        for ws in wb.worksheets:
            sheet = _Sheet(ws.title, f"{path.name} (sheet '{ws.title}')", {})
            ws.reset_dimensions()  # a stale <dimension> would cut the sheet short
            cells = 0
            end = _last_value_row(ws)
            if end == 0:
                sheets.append(sheet)
                continue
            for r, row in enumerate(ws.iter_rows(max_row=end), start=1):
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
                    text = (
                        str(getattr(value, "text", None) or value)
                        if cell.data_type == "f"
                        else _value_text(value)
                    )
                    bad = _cell_problem(text)
                    if bad is not None:
                        raise VoteDataError.at(
                            sheet.where,
                            row=r,
                            column=_column_letter(c),
                            found=bad[0],
                            expected=bad[1],
                        )
                    if cell.data_type == "f":
                        sheet.formulas[(r, c)] = text
                        texts.append(text)
                    else:
                        texts.append(_clean(text))
                while texts and not texts[-1]:
                    texts.pop()
                if texts:
                    sheet.rows[r] = texts
            _fill_merged(sheet, merges.get(ws.title, []))
            sheets.append(sheet)
    except VoteDataError:
        raise
    except Exception as exc:  # broken XML inside a zip that passed the checks
        raise _unreadable(path.name, exc) from None
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


def decode_text(raw: bytes, file: str, encoding: str | None) -> tuple[str, str]:
    """The text of a file's bytes and the encoding it was read with, or a clear refusal.

    With ``encoding=None``: UTF-16 with its byte-order mark, UTF-8 with or without
    one, else Windows-1252 when no byte of the file is UTF-8. Bytes that fit no such
    reading, NUL bytes and a mix of encodings are a :class:`VoteDataError` naming the
    row, column and byte.

    Examples
    --------
    >>> decode_text("Côte d'Ivoire".encode("cp1252"), "votes.csv", None)
    ("Côte d'Ivoire", 'cp1252')
    >>> decode_text(b"\\xef\\xbb\\xbfyes", "votes.csv", None)
    ('yes', 'utf-8-sig')
    """
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
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise VoteDataError.at(
            file,
            row=raw.count(b"\n", 0, nul) + 1,
            column=_byte_column(raw, nul),
            found=Described(f"a binary file (it contains NUL bytes; the first at offset {nul})"),
            expected="a CSV text file (from a workbook, use File > Save As > CSV)",
        )
    with_bom = raw.startswith(b"\xef\xbb\xbf")
    if with_bom:
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), ("utf-8-sig" if with_bom else "utf-8")
    except UnicodeDecodeError as exc:
        odd = exc.start
        if with_bom:
            raise VoteDataError.at(
                file,
                row=raw.count(b"\n", 0, odd) + 1,
                column=_byte_column(raw, odd),
                found=Described(
                    f"a UTF-8 byte-order mark, then byte 0x{raw[odd]:02X} at offset "
                    f"{odd + 3}, which is not UTF-8"
                ),
                expected="a CSV saved as UTF-8",
            ) from None
    # Decided by the whole file: text that is UTF-8 in places and not in others is
    # neither; reading it all as Windows-1252 would turn "Côte" into "CÃ´te".
    utf8 = _UTF8_MULTIBYTE.search(raw)
    if utf8 is not None:
        utf8_row = raw.count(b"\n", 0, utf8.start()) + 1
        raise VoteDataError.at(
            file,
            row=raw.count(b"\n", 0, odd) + 1,
            column=_byte_column(raw, odd),
            found=Described(
                f"byte 0x{raw[odd]:02X} at offset {odd}, which is not UTF-8, in a file "
                f"that is UTF-8 elsewhere (row {utf8_row}: "
                f"{raw[utf8.start() : utf8.end()].decode('utf-8')!r})"
            ),
            expected="one encoding for the whole file: save it again as UTF-8 (or pass "
            "encoding='cp1252' to read every byte as Windows-1252)",
        )
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


_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _byte_column(raw: bytes, offset: int) -> str | None:
    """The column (header name, else letter) holding the byte at ``offset`` of a CSV."""
    start = raw.rfind(b"\n", 0, offset) + 1
    first = raw[: raw.find(b"\n")] if b"\n" in raw else raw
    delimiter = max((b",", b";", b"\t"), key=first.count)
    if not first.count(delimiter):
        return None
    index = raw.count(delimiter, start, offset)
    header = first.split(delimiter)
    if index < len(header):
        name = header[index].strip().strip(b'"').decode("utf-8", "replace").strip()
        if name and name.isprintable():
            return name[:40]
    return _column_letter(index)


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


def csv_text(
    raw: bytes,
    file: str,
    *,
    delimiter: str | None = None,
    encoding: str | None = None,
    fallback: str | None = None,
) -> tuple[str, str, str]:
    """The text of a CSV file's bytes, the encoding read and the delimiter: the one
    way every CSV is opened (the kit's layout and people's spreadsheets alike).

    The encoding is found by :func:`decode_text` and the delimiter (``,``, ``;`` or a
    tab) from the rows' shape, unless given. A file of a single column is refused
    unless ``fallback`` names the delimiter to read it with.

    Examples
    --------
    >>> csv_text(b"vote_id\\tbody\\nV1\\tILO-GB\\n", "votes.csv")
    ('vote_id\\tbody\\nV1\\tILO-GB\\n', 'utf-8', '\\t')
    """
    if not raw.strip():
        raise VoteDataError.at(
            file, row=1, found=Described("an empty file"), expected="a header row and data rows"
        )
    text, used = decode_text(raw, file, encoding)
    if not text.strip():
        raise VoteDataError.at(
            file, row=1, found=Described("an empty file"), expected="a header row and data rows"
        )
    if delimiter is None:
        delimiter = _sniff(text) or fallback
        if delimiter is None:
            first = next(line for line in text.splitlines() if line.strip())
            raise VoteDataError.at(
                file,
                row=1 + text.splitlines().index(first),
                found=Described(f"a single column (first row {first[:60]!r})"),
                expected="cells separated by ',' or ';' (or a tab); pass delimiter= for "
                "another separator",
            )
    return text, used, delimiter


def csv_records(text: str, file: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(record number, cells as written) of each record of a CSV's text, blank ones too.

    A quote out of place is a :class:`VoteDataError` naming the row and column.

    Examples
    --------
    >>> list(csv_records('a,b\\n"x, y",z\\n', "votes.csv", ","))
    [(1, ['a', 'b']), (2, ['x, y', 'z'])]
    """
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    record = 0
    lines_before = 0
    header: list[str] = []
    try:
        for record, row in enumerate(reader, start=1):
            lines_before = reader.line_num
            if not header and any(c.strip() for c in row):
                header = [_clean(c) for c in row]
            yield record, row
    except csv.Error as exc:
        raise _quote_problem(file, text, delimiter, record + 1, lines_before, header, exc) from None


def _csv_sheet(
    path: Path, *, delimiter: str | None, encoding: str | None, max_cells: int
) -> tuple[_Sheet, str, str]:
    file = path.name
    text, used, delimiter = csv_text(
        path.read_bytes(), file, delimiter=delimiter, encoding=encoding
    )
    sheet = _Sheet("", file, {})
    cells = 0
    for record, row in csv_records(text, file, delimiter):
        cells += len(row)
        if cells > max_cells:
            raise VoteDataError.at(
                file,
                row=record,
                found=Described(f"more than {max_cells:,} cells"),
                expected="a vote table (pass max_cells= if this really is one)",
            )
        for c, cell in enumerate(row):
            bad = _cell_problem(cell)
            if bad is not None:
                header = next(iter(sheet.rows.values()), [])
                raise VoteDataError.at(
                    file,
                    row=record,
                    column=header[c] if c < len(header) and header[c] else _column_letter(c),
                    found=bad[0],
                    expected=bad[1],
                )
        texts = [_clean(_ESCAPED.sub("", c)) for c in row]
        while texts and not texts[-1]:
            texts.pop()
        if texts:
            sheet.rows[record] = texts
    return sheet, used, delimiter


def _quote_problem(
    file: str,
    text: str,
    delimiter: str,
    row: int,
    line_index: int,
    header: list[str],
    exc: csv.Error,
) -> VoteDataError:
    lines = text.splitlines()
    line = lines[line_index] if line_index < len(lines) else ""
    quote = line.find('"')
    column = None
    if quote >= 0:
        index = line[:quote].count(delimiter)
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
