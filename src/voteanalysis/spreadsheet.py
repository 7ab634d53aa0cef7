"""Opening workbooks safely."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from .errors import Described, VoteDataError

__all__ = ["MAX_UNZIPPED_BYTES", "open_workbook"]

#: A workbook whose parts unzip to more than this is refused (a zip bomb, or no vote table).
MAX_UNZIPPED_BYTES = 200_000_000


def open_workbook(path: Path, *, max_unzipped: int = MAX_UNZIPPED_BYTES) -> Any:
    """Open an .xlsx read-only after checking that it is a sane, unencrypted workbook."""
    import openpyxl

    head = path.read_bytes()[:8]
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise VoteDataError.at(
            path.name, found="an encrypted (password-protected) or old-format .xls workbook",
            expected="an unprotected .xlsx workbook: remove the password and save as .xlsx",
        )
    if not zipfile.is_zipfile(path):
        raise VoteDataError.at(path.name, found="a file that is not an .xlsx (zip) workbook",
                               expected="an .xlsx workbook saved by a spreadsheet program")
    try:
        with zipfile.ZipFile(path) as z:
            unzipped = sum(i.file_size for i in z.infolist())
    except zipfile.BadZipFile as exc:
        raise VoteDataError.at(path.name, found=Described(f"a damaged zip ({exc})"),
                               expected="an .xlsx workbook") from None
    if unzipped > max_unzipped:
        raise VoteDataError.at(
            path.name, found=Described(f"a workbook that unpacks to {unzipped:,} bytes"),
            expected=f"at most {max_unzipped:,} bytes unpacked",
        )
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for broken parts
        raise VoteDataError.at(path.name, found=Described(f"{type(exc).__name__}: {exc}"),
                               expected="an .xlsx workbook openpyxl can read") from None
