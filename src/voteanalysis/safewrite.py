"""Writing output files so that no other file is ever harmed.

Every file the kit writes goes through :func:`replacing`: the bytes go to a temporary
file created exclusively, under a name nobody can predict, in the target's own folder;
once complete it is flushed to disk and moved onto the target in one step
(``os.replace``). So

* a failure, an interrupt or a kill leaves the old file as it was (and, short of a
  kill, no temporary file behind);
* a symbolic link at the target is replaced by the new file, never followed, and a file
  planted under a guessed temporary name is never written through;
* several programs writing one path at once leave one whole file, the last one moved;
* an output path that is a folder, lies in no folder, cannot be written, or names one
  of the inputs is a :class:`VoteDataError` that says so.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from .errors import Described, VoteDataError

__all__ = [
    "check_target",
    "ensure_folder",
    "literal_text",
    "replacing",
    "write_bytes",
    "write_text",
]


def _error(path: Path, found: str, expected: str) -> VoteDataError:
    return VoteDataError.at(str(path), found=Described(found), expected=expected)


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check_target(path: Path, what: str, inputs: Iterable[str | Path | None] = ()) -> None:
    """Refuse an output ``path`` that cannot be a file to replace, or that names an input.

    Raises
    ------
    VoteDataError
        When ``path`` is a folder, its folder does not exist or is not a folder, or it
        is (or links to) one of ``inputs``.
    """
    if path.is_dir() and not path.is_symlink():
        raise _error(path, "a folder", f"a file name for {what}")
    parent = path.parent
    if not parent.exists():
        raise _error(path, f"no folder '{parent}' to write into", f"an existing folder for {what}")
    if not parent.is_dir():
        raise _error(path, f"'{parent}', which is not a folder", f"a folder to hold {what}")
    for given in inputs:
        if given is None:
            continue
        source = Path(given)
        if path.name and (path.absolute() == source.absolute() or _same(path, source)):
            raise _error(
                path,
                "the path of one of the inputs",
                f"another file name for {what}: writing it would destroy the input",
            )


def _mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def replacing(
    path: str | Path, what: str = "the file", *, inputs: Iterable[str | Path | None] = ()
) -> Iterator[IO[bytes]]:
    """A binary file to write ``what`` in; it replaces ``path`` once the block ends.

    Parameters
    ----------
    path
        The file to write. A symbolic link there is replaced, not followed.
    what
        How messages name the file ("the workbook").
    inputs
        Files the output must not overwrite.

    Raises
    ------
    VoteDataError
        When ``path`` cannot be written (see :func:`check_target`), naming ``path``.
        Any error inside the block is raised as it is, the temporary file removed and
        ``path`` left as it was.

    Examples
    --------
    >>> from voteanalysis.safewrite import replacing
    >>> with replacing("notes.txt") as f:  # doctest: +SKIP
    ...     f.write(b"hello")
    """
    target = Path(path)
    check_target(target, what, inputs)
    try:
        fd, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name[:80]}.", suffix=".tmp"
        )
    except OSError as exc:
        raise _error(
            target,
            f"a place that cannot be written ({exc.strerror})",
            f"a writable folder for {what}",
        ) from None
    temp = Path(name)
    moved = False
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
            os.fchmod(f.fileno(), _mode())
        try:
            os.replace(temp, target)
        except OSError as exc:
            raise _error(
                target,
                f"a file that cannot be replaced ({exc.strerror})",
                f"a writable place for {what}",
            ) from None
        moved = True
    finally:
        if not moved:
            temp.unlink(missing_ok=True)


def write_bytes(
    path: str | Path,
    data: bytes,
    what: str = "the file",
    *,
    inputs: Iterable[str | Path | None] = (),
) -> Path:
    """Write ``data`` to ``path`` through :func:`replacing`; returns ``path``."""
    with replacing(path, what, inputs=inputs) as f:
        f.write(data)
    return Path(path)


def write_text(
    path: str | Path, text: str, what: str = "the file", *, inputs: Iterable[str | Path | None] = ()
) -> Path:
    """Write ``text`` as UTF-8 with ``\\n`` line ends through :func:`replacing`."""
    return write_bytes(path, text.encode("utf-8"), what, inputs=inputs)


def ensure_folder(path: str | Path, what: str = "the files") -> Path:
    """Create the folder ``path`` (and its parents) or say why it cannot be one.

    Raises
    ------
    VoteDataError
        When ``path`` is a file, or the folder cannot be created.
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise _error(folder, "a file, not a folder", f"a folder for {what}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _error(
            folder, f"a folder that cannot be created ({exc.strerror})", f"a folder for {what}"
        ) from None
    return folder


def literal_text(fig: Figure) -> Figure:
    """Show every text of ``fig`` as typed: a ``$`` never starts matplotlib mathtext.

    Titles, vote subjects and member names come from users' files; "$5 and $10" would
    otherwise lose its dollars and "$x^$" stop the drawing with an error.
    """
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        text.set_parse_math(False)
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                tick.label1.set_parse_math(False)
                tick.label2.set_parse_math(False)
    return fig
