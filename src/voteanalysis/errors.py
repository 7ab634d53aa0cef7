"""The one exception type for problems a user can cause."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Described", "Problem", "VoteDataError"]


class Described(str):
    """A description of what was found, shown as is (a plain ``str`` is quoted as typed)."""

    __slots__ = ()


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as a spreadsheet user would find it.

    ``row`` is the row number a spreadsheet program shows (the header is row 1
    unless the file puts it lower); ``None`` when the problem is not tied to a row.
    """

    file: str | None
    row: int | None
    column: str | None
    found: Any
    expected: str

    def __str__(self) -> str:
        where = [self.file or "<data>"]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: found {_show(self.found)}; expected {self.expected}"


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    text = str(value)
    # A value the user typed is shown short; a description (which may carry an
    # underlying library's message) longer, and cut between words, never inside one.
    limit = 300 if isinstance(value, Described) else 80
    if len(text) > limit:
        cut = text.rfind(" ", limit // 2, limit - 3)
        text = text[: cut if cut > 0 else limit - 3].rstrip(" ,;:(") + "..."
    if isinstance(value, str) and not isinstance(value, Described):
        return repr(text)
    return text


class VoteDataError(ValueError):
    """Raised for every problem in data a user gave the kit.

    The message names the file, the row as a spreadsheet shows it, the column,
    what was found and what was expected. ``problems`` holds every problem found,
    the first of which leads the message.

    Examples
    --------
    >>> err = VoteDataError.at("votes.csv", row=3, column="yes", found="x",
    ...                        expected="a whole number")
    >>> print(err)
    votes.csv, row 3, column 'yes': found 'x'; expected a whole number
    """

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(None, None, None, None, problems)]
            message = problems[0].expected
        else:
            message = str(problems[0])
            if len(problems) > 1:
                rest = "\n".join(f"  - {p}" for p in problems[1:11])
                more = len(problems) - 11
                tail = f"\n  ... and {more} more" if more > 0 else ""
                message += f"\n{len(problems) - 1} more problem(s):\n{rest}{tail}"
        super().__init__(message)
        self.problems: list[Problem] = problems

    @classmethod
    def at(
        cls,
        file: str | None,
        *,
        row: int | None = None,
        column: str | None = None,
        found: Any = None,
        expected: str,
    ) -> VoteDataError:
        """Build an error for a single problem."""
        return cls([Problem(file, row, column, found, expected)])
